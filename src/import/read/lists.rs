//! Word's automatic list numbering, written into the text (`1.`, `a)`,
//! `II.`, `-`).

use serde_json::Value;

/// Word's list numbering: each list's level formats and its counters.
pub(super) struct Lists {
    /// numId → the levels of its abstract numbering: (format, text, start).
    levels: std::collections::HashMap<u64, Vec<(String, String, u32)>>,
    counters: std::collections::HashMap<u64, Vec<u32>>,
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
