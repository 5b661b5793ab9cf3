//! What calamine does not give of a sheet's layout, read from its XML in
//! one pass: hidden rows and columns, and merged cells.

use super::super::{MAX_COLUMNS, MAX_MERGES, MAX_ROWS};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};

/// One sheet's hidden rows and columns and merged ranges, from 0.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_columns: BTreeSet<u32>,
    pub merges: Vec<((u32, u32), (u32, u32))>,
}

/// Each sheet's layout, by name. A part that cannot be read gives no
/// layout: calamine reports the damage when it reads the cells.
pub fn read(bytes: &[u8]) -> HashMap<String, Layout> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::new();
    };
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let mut file = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        file.read_to_end(&mut out).ok()?;
        Some(out)
    };
    let workbook = part("_rels/.rels")
        .and_then(|rels| {
            targets(&rels)
                .into_iter()
                .find(|(_, _, kind)| kind.ends_with("/officeDocument"))
                .map(|(_, t, _)| t)
        })
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let workbook = workbook.trim_start_matches('/').to_string();
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", &workbook));
    let rels: HashMap<String, String> = part(&format!("{dir}/_rels/{file}.rels"))
        .map(|r| targets(&r).into_iter().map(|(id, t, _)| (id, t)).collect())
        .unwrap_or_default();
    let mut out = HashMap::new();
    for (name, id) in part(&workbook).map(|w| sheets(&w)).unwrap_or_default() {
        let Some(target) = rels.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None if dir.is_empty() => target.clone(),
            None => format!("{dir}/{target}"),
        };
        if let Some(xml) = part(&path) {
            out.insert(name, layout(&xml));
        }
    }
    out
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `(Id, Target, Type)` of every relationship.
fn targets(xml: &[u8]) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    each_element(xml, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            found.push((id, target, attr(e, "Type").unwrap_or_default()));
        }
    });
    found
}

/// `(name, relationship id)` of every sheet of the workbook.
fn sheets(xml: &[u8]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    each_element(xml, |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
        {
            found.push((name, id));
        }
    });
    found
}

fn layout(xml: &[u8]) -> Layout {
    let mut out = Layout::default();
    let mut row = 0u32;
    each_element(xml, |e| match e.local_name().as_ref() {
        "row" => {
            row = attr(e, "r")
                .and_then(|r| r.parse::<u32>().ok())
                .map_or(row + 1, |r| r);
            if row <= MAX_ROWS && attr(e, "hidden").is_some_and(|h| h == "1" || h == "true") {
                out.hidden_rows.insert(row - 1);
            }
        }
        "col" if attr(e, "hidden").is_some_and(|h| h == "1" || h == "true") => {
            let number = |k: &str| attr(e, k).and_then(|v| v.parse::<u32>().ok());
            if let (Some(min), Some(max)) = (number("min"), number("max")) {
                // A hidden run may reach the sheet's last column: only the
                // columns a table can have are kept.
                for c in min.max(1)..=max.min(MAX_COLUMNS) {
                    out.hidden_columns.insert(c - 1);
                }
            }
        }
        // More merges than a table can have are counted, not kept: the
        // table is then refused.
        "mergeCell" if out.merges.len() > MAX_MERGES => {}
        "mergeCell" => {
            if let Some((a, b)) = attr(e, "ref").as_deref().and_then(range) {
                out.merges.push((a, b));
            }
        }
        _ => {}
    });
    out
}

/// `B3:C5` → ((2, 1), (4, 2)).
fn range(text: &str) -> Option<((u32, u32), (u32, u32))> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    Some((cell(a)?, cell(b)?))
}

fn cell(name: &str) -> Option<(u32, u32)> {
    let letters: String = name.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = name[letters.len()..].parse().ok()?;
    let mut column = 0u32;
    for c in letters.to_ascii_uppercase().bytes() {
        column = column
            .checked_mul(26)?
            .checked_add(u32::from(c - b'A') + 1)?;
    }
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

/// Calls `f` on every start or empty element of `xml`, until its end or
/// its first error.
fn each_element(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_columns_and_merges() {
        let xml = br#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="5" max="16384" hidden="1"/></cols>
            <sheetData><row r="1"><c r="A1"/></row><row r="4" hidden="1"/><row hidden="true"/></sheetData>
            <mergeCells><mergeCell ref="A5:A7"/><mergeCell ref="B2"/></mergeCells></worksheet>"#;
        let l = layout(xml);
        assert_eq!(l.hidden_rows.into_iter().collect::<Vec<_>>(), [3, 4]);
        assert!(
            l.hidden_columns.contains(&1)
                && l.hidden_columns.contains(&2)
                && !l.hidden_columns.contains(&3)
        );
        assert_eq!(l.hidden_columns.len(), 2 + 252);
        assert_eq!(l.merges, [((4, 0), (6, 0)), ((1, 1), (1, 1))]);
        assert_eq!(cell("XFD1048576"), Some((1_048_575, 16_383)));
    }
}
