//! DOCX through docx-rs's reader: paragraphs in order, data tables as
//! pipe-table lines (merged cells as `<` and `^`), layout tables cell by
//! cell. The DOCX check reads files through the same [`Docx`].

use super::DraftLine;
use super::lists::Lists;
use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;
use std::path::Path;

/// A DOCX file as docx-rs reads it (its JSON form).
pub(crate) struct Docx(pub Value);

impl Docx {
    /// Reads a DOCX file's bytes. docx-rs's reader has panicked on some
    /// foreign files, so it runs behind `catch_unwind`.
    pub(crate) fn open(path: &Path, bytes: &[u8]) -> Result<Docx> {
        let failed = |cause: String| {
            Error::new(
                ErrorKind::Input,
                crate::tr!("không đọc được {}", "could not read {}", path.display()),
                cause,
            )
        };
        let json = std::panic::catch_unwind(|| docx_rs::read_docx(bytes).map(|d| d.json()))
            .map_err(|_| {
                failed(crate::tr!(
                    "không đọc được nội dung tệp DOCX này",
                    "the DOCX reader failed on this file"
                ))
            })?
            .map_err(|e| failed(e.to_string()))?;
        let value = serde_json::from_str(&json).map_err(|e| failed(e.to_string()))?;
        Ok(Docx(value))
    }

    /// The body's paragraphs and tables, in order.
    pub(crate) fn children(&self) -> impl Iterator<Item = &Value> {
        items(&self.0["document"], "children")
    }

    /// Every paragraph's data, in the body and in table cells, in order.
    pub(crate) fn paragraphs(&self) -> Vec<&Value> {
        let mut out = Vec::new();
        for child in self.children() {
            match child["type"].as_str() {
                Some("paragraph") => out.push(&child["data"]),
                Some("table") => {
                    for row in items(&child["data"], "rows") {
                        for cell in items(&row["data"], "cells") {
                            let paragraphs = items(&cell["data"], "children")
                                .filter(|p| p["type"] == "paragraph")
                                .map(|p| &p["data"]);
                            out.extend(paragraphs);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The elements of `value[key]`, none if it is not an array.
pub(crate) fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value[key].as_array().into_iter().flatten()
}

/// A paragraph's runs: each run's properties and its text (breaks as `\n`,
/// tabs as `\t`).
pub(crate) fn runs(paragraph: &Value) -> impl Iterator<Item = (&Value, String)> {
    items(paragraph, "children").map(|run| {
        let mut text = String::new();
        for part in items(&run["data"], "children") {
            match part["type"].as_str() {
                Some("text") => text.push_str(part["data"]["text"].as_str().unwrap_or("")),
                Some("break") => text.push('\n'),
                Some("tab") => text.push('\t'),
                _ => {}
            }
        }
        (&run["data"]["runProperty"], text)
    })
}

/// A DOCX draft's lines.
pub fn lines(path: &Path, bytes: &[u8]) -> Result<Vec<DraftLine>> {
    let docx = Docx::open(path, bytes).map_err(|e| {
        e.hint(crate::tr!(
            "mở dự thảo bằng Word rồi lưu lại dạng .docx, hoặc lưu dạng văn bản thuần (.txt)",
            "save the draft again from Word as .docx, or as plain text (.txt)"
        ))
    })?;
    let mut lists = Lists::new(&docx.0["numberings"]);
    let mut out = Vec::new();
    for child in docx.children() {
        match child["type"].as_str() {
            Some("paragraph") => {
                let mut line = paragraph(&child["data"]);
                // Word's automatic numbering is not in the text: write it in.
                if let Some(label) = lists.label(&child["data"], &docx.0["styles"]) {
                    line.text = format!("{label} {}", line.text);
                }
                out.push(line);
            }
            Some("table") => table(&child["data"], &mut out),
            _ => {}
        }
    }
    for (i, line) in out.iter_mut().enumerate() {
        line.no = i + 1;
        line.whole = true;
        line.blank = line.blank || line.text.trim().is_empty();
    }
    Ok(out)
}

/// A paragraph's text (breaks as `\n`), style and emphasis.
fn paragraph(data: &Value) -> DraftLine {
    let mut text = String::new();
    let (mut italic_chars, mut bold_chars) = (0, 0);
    for (property, run) in runs(data) {
        let flag = |key: &str| property[key].as_bool().unwrap_or(false);
        // Emphasis is measured on the typed text, not on breaks and tabs.
        let n = run.chars().filter(|c| !matches!(c, '\n' | '\t')).count();
        italic_chars += if flag("italic") { n } else { 0 };
        bold_chars += if flag("bold") { n } else { 0 };
        text.push_str(&run.replace('\t', " "));
    }
    let most = |n: usize| n > 0 && n * 2 >= text.chars().count();
    let (italic, bold) = (most(italic_chars), most(bold_chars));
    let style = data["property"]["style"].as_str().map(str::to_string);
    DraftLine {
        text,
        style,
        italic,
        bold,
        ..DraftLine::default()
    }
}

fn cell_paragraphs(cell: &Value) -> Vec<DraftLine> {
    cell["data"]["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["type"] == "paragraph")
        .map(|p| paragraph(&p["data"]))
        .collect()
}

/// A bordered table becomes pipe-table lines; a borderless (layout) table
/// its cells' paragraphs, row by row, a blank line after each cell. A
/// layout table of several rows and columns (signatures side by side) is
/// read column by column, so that each signature stays together.
fn table(data: &Value, out: &mut Vec<DraftLine>) {
    let rows: Vec<&Value> = data["rows"].as_array().into_iter().flatten().collect();
    let borders = &data["property"]["borders"];
    let bordered = ["top", "left", "bottom", "right"]
        .iter()
        .any(|s| !borders[s].is_null());
    if bordered {
        out.extend(pipe_rows(&rows));
        return;
    }
    let grid: Vec<Vec<Vec<DraftLine>>> = rows
        .iter()
        .map(|r| {
            r["data"]["cells"]
                .as_array()
                .into_iter()
                .flatten()
                .map(cell_paragraphs)
                .collect()
        })
        .collect();
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    let by_column = grid.len() >= 3 && columns >= 2;
    let cells: Vec<&Vec<DraftLine>> = if by_column {
        (0..columns)
            .flat_map(|c| grid.iter().filter_map(move |row| row.get(c)))
            .collect()
    } else {
        grid.iter().flatten().collect()
    };
    for (i, cell) in cells.iter().enumerate() {
        out.extend(cell.iter().cloned().map(|l| DraftLine { cell: true, ..l }));
        // In a column-wise read, a blank line ends each signature (a column).
        if !by_column || (i + 1) % grid.len() == 0 {
            out.push(DraftLine {
                blank: true,
                ..DraftLine::default()
            });
        }
    }
}

/// `| a | b |` rows; `|---|` after the header rows (styled as headers);
/// merged cells as `<` (from the left) and `^` (from above).
fn pipe_rows(rows: &[&Value]) -> Vec<DraftLine> {
    let mut lines = Vec::new();
    let mut header_rows = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        let mut header = false;
        for cell in row["data"]["cells"].as_array().into_iter().flatten() {
            let property = &cell["data"]["property"];
            let paragraphs = cell_paragraphs(cell);
            header |= paragraphs
                .iter()
                .any(|p| p.style.as_deref() == Some("vbTableHeader"));
            let text: Vec<String> = paragraphs
                .iter()
                .map(|p| p.text.replace('|', "\\|"))
                .collect();
            let merged_from_above = property["verticalMerge"].as_str() == Some("continue");
            cells.push(if merged_from_above {
                "^".to_string()
            } else {
                text.join(" ")
            });
            let span = property["gridSpan"].as_u64().unwrap_or(1);
            for _ in 1..span {
                cells.push(if merged_from_above {
                    "^".into()
                } else {
                    "<".into()
                });
            }
        }
        if header && r == header_rows {
            header_rows += 1;
        }
        lines.push(DraftLine {
            text: format!("| {} |", cells.join(" | ")),
            ..DraftLine::default()
        });
    }
    if header_rows > 0 {
        let columns = lines[0].text.matches(" | ").count() + 1;
        let rule = DraftLine {
            text: format!("|{}", "---|".repeat(columns)),
            ..DraftLine::default()
        };
        lines.insert(header_rows, rule);
    }
    lines.push(DraftLine {
        blank: true,
        ..DraftLine::default()
    });
    lines
}
