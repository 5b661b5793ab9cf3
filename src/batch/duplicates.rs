//! A unit that reported more than once (a corrected resubmission, or the
//! same unit in a YAML file and a table) is rendered and summed once.
//!
//! The rule: of the submissions of one unit (the same name, compared
//! without case, accents kept, spaces collapsed), the one with the later
//! `date` is used; on the same date, the one whose file name sorts last,
//! then the later sheet and row. The others are superseded. A submission
//! that cannot be read takes no part (it fails on its own). The same files
//! always give the same choice.

use super::unit::Unit;
use crate::error::Result;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// For each unit, the index of the submission that supersedes it, if any.
pub fn resolve(units: &[Result<Unit>]) -> Vec<Option<usize>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, unit) in units.iter().enumerate() {
        if let Ok(unit) = unit {
            groups.entry(same_name(&unit.name)).or_default().push(i);
        }
    }
    let mut out = vec![None; units.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let key = |&i: &usize| units[i].as_ref().ok().map(order);
        let Some(&chosen) = members.iter().max_by_key(|i| key(i)) else {
            continue;
        };
        for &i in members.iter().filter(|&&i| i != chosen) {
            out[i] = Some(chosen);
        }
    }
    out
}

/// A unit name as compared: NFC, lower case, spaces collapsed.
pub fn same_name(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What decides between submissions, compared in this order: the date
/// (year, month, day; an unreadable date first), then the file's name, its
/// path, the sheet and the row.
type Order = (
    Option<(u32, u32, u32)>,
    String,
    String,
    Option<String>,
    Option<u32>,
);

fn order(unit: &Unit) -> Order {
    let date = unit.input.date.value.trim();
    let parts: Vec<Option<u32>> = date.splitn(3, '-').map(|p| p.parse().ok()).collect();
    let date = match parts[..] {
        [Some(y), Some(m), Some(d)] => Some((y, m, d)),
        [Some(y), Some(m)] => Some((y, m, 0)),
        _ => None,
    };
    let file = &unit.origin.file;
    (
        date,
        file.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        file.to_string_lossy().into_owned(),
        unit.origin.sheet.clone(),
        unit.origin.row,
    )
}
