//! What a consolidated report says of its units: one line per unit in the
//! order of `expected` (then the units not in it), what the totals contain
//! and why a unit is left out, and how many units reached a target.

use super::{Reported, totals};
use crate::batch::duplicates::same_name;
use crate::batch::{Entry, Indicator, Origin, Outcome, Settings, Status};
use crate::compose::numbers;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The consolidated table's content, for the report and the workbook.
pub struct Summary<'a> {
    pub indicators: &'a [Indicator],
    pub lines: Vec<Line<'a>>,
    /// Each indicator summed over the units in the totals.
    pub totals: BTreeMap<String, f64>,
    /// What a unit is called (`chi bộ`); `đơn vị` by default.
    pub noun: String,
    /// Whether the settings list the units that must report.
    pub has_expected: bool,
}

/// One unit of the table: its figures if it reported, and a note.
pub struct Line<'a> {
    pub name: String,
    /// Its figures; `None` if it did not report or its report failed.
    pub reported: Option<&'a Reported>,
    /// Its report failed.
    pub failed: bool,
    /// It is not in `expected`.
    pub unlisted: bool,
    /// The table's `Ghi chú`, short (the report's text says it in full):
    /// not reported, failed, flagged, resubmitted, not in `expected`.
    pub note: String,
}

impl Line<'_> {
    pub fn in_totals(&self) -> bool {
        self.reported.is_some_and(|r| r.in_totals)
    }
}

impl<'a> Summary<'a> {
    pub fn new(settings: &'a Settings, outcome: &'a Outcome) -> Summary<'a> {
        let expected = &settings.values.expected;
        let reported = &outcome.reported;
        let failed: Vec<&Entry> = outcome
            .entries
            .iter()
            .filter(|e| e.status == Status::Failed)
            .collect();
        let mut used = vec![false; reported.len()];
        let mut used_failed = vec![false; failed.len()];
        let mut lines = Vec::new();
        for name in expected {
            let key = same_name(name);
            if let Some(j) =
                (0..reported.len()).find(|&j| !used[j] && same_name(&reported[j].name) == key)
            {
                used[j] = true;
                lines.push(reported_line(&reported[j], outcome, false));
            } else if let Some(j) =
                (0..failed.len()).find(|&j| !used_failed[j] && same_name(&failed[j].unit) == key)
            {
                used_failed[j] = true;
                lines.push(Line {
                    name: name.clone(),
                    reported: None,
                    failed: true,
                    unlisted: false,
                    note: "Lỗi, chưa tổng hợp".into(),
                });
            } else {
                lines.push(Line {
                    name: name.clone(),
                    reported: None,
                    failed: false,
                    unlisted: false,
                    note: "Chưa báo cáo".into(),
                });
            }
        }
        let unlisted = !expected.is_empty();
        for (r, _) in reported.iter().zip(&used).filter(|(_, u)| !**u) {
            lines.push(reported_line(r, outcome, unlisted));
        }
        for (e, _) in failed.iter().zip(&used_failed).filter(|(_, u)| !**u) {
            let mut note = "Lỗi, chưa tổng hợp".to_string();
            if unlisted {
                note.push_str("; ngoài danh sách");
            }
            lines.push(Line {
                name: e.unit.clone(),
                reported: None,
                failed: true,
                unlisted,
                note,
            });
        }
        Summary {
            indicators: &settings.values.indicators,
            lines,
            totals: totals(reported, &settings.values.indicators),
            noun: settings
                .values
                .unit_noun
                .clone()
                .unwrap_or_else(|| "đơn vị".into()),
            has_expected: unlisted,
        }
    }

    /// `data.consolidated` for the report's template.
    pub fn status(&self, outcome: &Outcome) -> Value {
        let names = |f: &dyn Fn(&Line) -> bool| -> Vec<String> {
            self.lines
                .iter()
                .filter(|l| f(l))
                .map(|l| l.name.clone())
                .collect()
        };
        let flagged: Vec<String> = self
            .lines
            .iter()
            .filter_map(|l| Some((l, l.reported?)))
            .filter(|(_, r)| !r.problems.is_empty())
            .map(|(l, r)| format!("{} ({})", l.name, r.problems.join("; ")))
            .collect();
        let excluded: Vec<String> = self
            .lines
            .iter()
            .filter(|l| l.reported.is_some_and(|r| !r.in_totals))
            .map(|l| format!("{} (số liệu mâu thuẫn)", l.name))
            .collect();
        let received = outcome
            .entries
            .iter()
            .filter(|e| e.status != Status::Superseded)
            .count();
        let reported = if self.has_expected {
            self.lines
                .iter()
                .filter(|l| l.reported.is_some() && !l.unlisted)
                .count()
        } else {
            outcome.reported.len()
        };
        json!({
            "noun": self.noun,
            "expected": self.has_expected.then(|| self.lines.iter().filter(|l| !l.unlisted).count()),
            "received": received,
            "reported": reported,
            "in_totals": self.lines.iter().filter(|l| l.in_totals()).count(),
            "excluded": excluded,
            "missing": names(&|l| l.reported.is_none() && !l.failed),
            "failed": names(&|l| l.failed),
            "flagged": flagged,
            "flagged_included": outcome.reported.iter().any(|r| !r.problems.is_empty() && r.in_totals),
            "resubmitted": resubmitted(outcome),
            "unlisted": names(&|l| l.reported.is_some() && l.unlisted),
        })
    }

    /// For each count task with a per-unit target (`{ value, target }`):
    /// how many units in the totals reached it, and of how many.
    pub fn targets(&self, tasks: Option<&Value>) -> Value {
        let in_totals: Vec<&Reported> = self
            .lines
            .iter()
            .filter_map(|l| l.reported.filter(|r| r.in_totals))
            .collect();
        let mut out = serde_json::Map::new();
        for task in tasks.and_then(Value::as_array).into_iter().flatten() {
            let (Some(id), Some(target)) = (
                task.get("value").and_then(Value::as_str),
                task.get("target").and_then(Value::as_f64),
            ) else {
                continue;
            };
            let reached = in_totals
                .iter()
                .filter(|r| {
                    r.figures
                        .get(id)
                        .is_some_and(|v| numbers::assess(*v, target) != "không đạt")
                })
                .count();
            out.insert(
                id.to_string(),
                json!({ "reached": reached, "of": in_totals.len() }),
            );
        }
        Value::Object(out)
    }
}

fn reported_line<'a>(r: &'a Reported, outcome: &Outcome, unlisted: bool) -> Line<'a> {
    let mut notes = Vec::new();
    if !r.problems.is_empty() {
        notes.push(
            if r.in_totals {
                "Mâu thuẫn, đã cộng"
            } else {
                "Mâu thuẫn, không cộng"
            }
            .to_string(),
        );
    }
    if outcome
        .entries
        .iter()
        .any(|e| e.status == Status::Superseded && same_name(&e.unit) == same_name(&r.name))
    {
        notes.push(format!("Gửi lại ngày {}", day(&r.date)));
    }
    if unlisted {
        notes.push("ngoài danh sách".to_string());
    }
    let mut note = notes.join("; ");
    if let Some(first) = note.get(..1) {
        note = format!("{}{}", first.to_uppercase(), &note[1..]);
    }
    Line {
        name: r.name.clone(),
        reported: Some(r),
        failed: false,
        unlisted,
        note,
    }
}

/// `X: dùng báo cáo ngày 28/10/2026, không dùng báo cáo ngày 22/10/2026`;
/// on the same date, the files are named.
fn resubmitted(outcome: &Outcome) -> Vec<String> {
    outcome
        .reported
        .iter()
        .filter_map(|r| {
            let older: Vec<&Entry> = outcome
                .entries
                .iter()
                .filter(|e| {
                    e.status == Status::Superseded && same_name(&e.unit) == same_name(&r.name)
                })
                .collect();
            let described = |date: &str, origin: &Origin| {
                let same_day = older
                    .iter()
                    .any(|e| e.date.as_deref() == Some(r.date.as_str()));
                match same_day {
                    true => format!("báo cáo ngày {} ({})", day(date), short(origin)),
                    false => format!("báo cáo ngày {}", day(date)),
                }
            };
            let unused: Vec<String> = older
                .iter()
                .map(|e| described(e.date.as_deref().unwrap_or(""), &e.origin()))
                .collect();
            (!unused.is_empty()).then(|| {
                format!(
                    "{}: dùng {}, không dùng {}",
                    r.name,
                    described(&r.date, &r.origin),
                    unused.join(", ")
                )
            })
        })
        .collect()
}

/// A submission's place with the file's name only: `x.yaml`, `y.xlsx, dòng 7`.
fn short(origin: &Origin) -> String {
    let file = origin
        .file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    match origin.row {
        Some(row) => format!("{file}, dòng {row}"),
        None => file.into_owned(),
    }
}

/// `2026-10-25` → `25/10/2026`.
fn day(date: &str) -> String {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => date.to_string(),
    }
}
