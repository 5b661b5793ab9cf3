//! Word's automatic list numbering, written into the text (`1.`, `a)`,
//! `II.`, `-`): from the paragraph's own numbering, or from its style's
//! (Word's `List Bullet`, `List Number`), or from the style's name when the
//! file lost the style's list.

use serde_json::Value;

/// Word's list numbering: each list's level formats and its counters.
pub(super) struct Lists {
    /// numId → the levels of its abstract numbering: (format, text, start).
    levels: std::collections::HashMap<u64, Vec<(String, String, u32)>>,
    counters: std::collections::HashMap<u64, Vec<u32>>,
    /// `List Number` styles without a list of their own: style → count.
    named: std::collections::HashMap<String, u32>,
}

impl Lists {
    pub(super) fn new(numberings: &Value) -> Lists {
        let abstracts: std::collections::HashMap<u64, Vec<(String, String, u32)>> =
            numberings["abstractNums"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| {
                    let levels = a["levels"]
                        .as_array()?
                        .iter()
                        .map(|l| {
                            let text = |k: &str| l[k].as_str().unwrap_or_default().to_string();
                            (
                                text("format"),
                                text("text"),
                                l["start"].as_u64().unwrap_or(1) as u32,
                            )
                        })
                        .collect();
                    Some((a["id"].as_u64()?, levels))
                })
                .collect();
        let levels = numberings["numberings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| {
                Some((
                    n["id"].as_u64()?,
                    abstracts.get(&n["abstractNumId"].as_u64()?)?.clone(),
                ))
            })
            .collect();
        Lists {
            levels,
            counters: Default::default(),
            named: Default::default(),
        }
    }

    /// The label of a paragraph (its data), if it is a list's item.
    pub(super) fn label(&mut self, paragraph: &Value, styles: &Value) -> Option<String> {
        let own = &paragraph["property"]["numberingProperty"];
        let style = paragraph["property"]["style"].as_str();
        let numbering =
            numbering_of(own).or_else(|| style.and_then(|s| style_numbering(styles, s)));
        if let Some(label) = numbering.and_then(|(id, level)| self.next(id, level)) {
            return Some(label);
        }
        let name = style_name(styles, style?);
        let name = name.replace(' ', "").to_lowercase();
        if name.starts_with("listbullet") {
            Some("-".into())
        } else if name.starts_with("listnumber") {
            let n = self.named.entry(name).or_insert(0);
            *n += 1;
            Some(format!("{n}."))
        } else {
            None
        }
    }

    /// The label of the next paragraph of list `id` at `level`: `1.`, `a)`,
    /// `II.`, or `-` for a bullet. Letters follow the Vietnamese alphabet.
    pub(super) fn next(&mut self, id: u64, level: usize) -> Option<String> {
        let levels = self.levels.get(&id)?;
        let (format, text, start) = levels.get(level)?.clone();
        if format == "bullet" {
            return Some("-".into());
        }
        let counters = self.counters.entry(id).or_default();
        counters.resize(levels.len().max(level + 1), 0);
        counters[level] = if counters[level] == 0 {
            start
        } else {
            counters[level] + 1
        };
        for deeper in &mut counters[level + 1..] {
            *deeper = 0;
        }
        let value = |l: usize| {
            let n = counters[l].max(1);
            match levels.get(l).map(|x| x.0.as_str()) {
                Some("upperRoman") => crate::rules::format::roman(n),
                Some("lowerRoman") => crate::rules::format::roman(n).to_lowercase(),
                Some("lowerLetter") => crate::rules::format::point_letter(n),
                Some("upperLetter") => crate::rules::format::point_letter(n).to_uppercase(),
                _ => n.to_string(),
            }
        };
        let mut label = text;
        for l in 0..=level {
            label = label.replace(&format!("%{}", l + 1), &value(l));
        }
        Some(label)
    }
}

/// A `numberingProperty`'s list and level.
fn numbering_of(numbering: &Value) -> Option<(u64, usize)> {
    Some((
        numbering["id"].as_u64()?,
        numbering["level"].as_u64()? as usize,
    ))
}

/// A style's list, or the list of the style it is based on (a few levels up).
fn style_numbering(styles: &Value, id: &str) -> Option<(u64, usize)> {
    let mut id = id.to_string();
    for _ in 0..5 {
        let style = find_style(styles, &id)?;
        if let Some(found) = numbering_of(&style["paragraphProperty"]["numberingProperty"]) {
            return Some(found);
        }
        id = style["basedOn"].as_str()?.to_string();
    }
    None
}

/// A style's name (`List Bullet`), or its id when it has none.
fn style_name(styles: &Value, id: &str) -> String {
    find_style(styles, id)
        .and_then(|s| s["name"].as_str())
        .unwrap_or(id)
        .to_string()
}

fn find_style<'a>(styles: &'a Value, id: &str) -> Option<&'a Value> {
    styles["styles"]
        .as_array()?
        .iter()
        .find(|s| s["styleId"].as_str() == Some(id))
}
