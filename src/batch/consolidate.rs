//! Consolidation: the higher body's report from every unit's figures — sums,
//! rates recomputed from the summed parts and wholes (never averaged), a
//! per-unit table with its total row, the units that did not report, and the
//! figures that contradict themselves.

use super::{Entry, Indicator, Outcome, Settings, Status};
use crate::compose::{self, Templates, markup, numbers};
use crate::error::{Error, ErrorKind, Result};
use crate::input::{AppendixIn, InputDoc, Source};
use crate::model::Document;
use serde_json::{Map, Value, json};
use serde_saphyr::{Location, Spanned};
use std::collections::BTreeMap;

/// What consolidation needs of a unit that reported.
#[derive(Debug, Clone)]
pub struct Reported {
    pub name: String,
    pub figures: BTreeMap<String, f64>,
    /// (task name, numerator id, denominator id) of the rate tasks.
    pub rates: Vec<(String, String, String)>,
}

impl Reported {
    pub fn new(unit: &super::unit::Unit) -> Reported {
        let data = unit.input.data.as_ref();
        let figures = data
            .and_then(|d| d.get("figures"))
            .and_then(Value::as_object)
            .map(|f| {
                f.iter()
                    .filter_map(|(k, v)| v.as_f64().map(|v| (k.clone(), v)))
                    .collect()
            })
            .unwrap_or_default();
        let rates = data
            .and_then(|d| d.get("tasks"))
            .and_then(Value::as_array)
            .map(|tasks| {
                tasks
                    .iter()
                    .filter_map(|t| {
                        let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_string);
                        Some((text("name")?, text("numerator")?, text("denominator")?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Reported {
            name: unit.name.clone(),
            figures,
            rates,
        }
    }
}

/// The contradictions in one unit's figures: a part larger than its whole,
/// a rate over 100 %, a negative figure.
pub fn contradictions(unit: &Reported, indicators: &[Indicator]) -> Vec<String> {
    let name = |id: &str| {
        indicators
            .iter()
            .find(|i| i.id == id)
            .map_or(id.to_string(), |i| i.name.clone())
    };
    let mut found = Vec::new();
    for (id, value) in &unit.figures {
        if *value < 0.0 {
            found.push(format!(
                "{} là số âm ({})",
                name(id),
                numbers::format_number(*value, 2)
            ));
        }
    }
    let mut pairs: Vec<(String, String)> = indicators
        .iter()
        .filter_map(|i| Some((i.id.clone(), i.part_of.clone()?)))
        .collect();
    for (_, part, whole) in &unit.rates {
        if !pairs.contains(&(part.clone(), whole.clone())) {
            pairs.push((part.clone(), whole.clone()));
        }
    }
    for (part, whole) in pairs {
        let (Some(p), Some(w)) = (unit.figures.get(&part), unit.figures.get(&whole)) else {
            continue;
        };
        if p > w {
            found.push(format!(
                "{} ({}) lớn hơn {} ({}), tỷ lệ {} vượt 100%",
                name(&part),
                numbers::format_number(*p, 2),
                name(&whole),
                numbers::format_number(*w, 2),
                numbers::rate(*p, *w).map_or("?".into(), |r| numbers::format_percent(r, 1)),
            ));
        }
    }
    found
}

/// Each indicator summed over the units that reported it.
pub fn totals(reported: &[Reported], indicators: &[Indicator]) -> BTreeMap<String, f64> {
    let ids: Vec<String> = if indicators.is_empty() {
        reported
            .iter()
            .flat_map(|r| r.figures.keys().cloned())
            .collect()
    } else {
        indicators.iter().map(|i| i.id.clone()).collect()
    };
    ids.into_iter()
        .map(|id| {
            let sum = reported.iter().filter_map(|r| r.figures.get(&id)).sum();
            (id, sum)
        })
        .collect()
}

/// The units expected but absent from the batch, compared without case.
fn missing(expected: &[String], entries: &[Entry]) -> Vec<String> {
    let present: Vec<String> = entries.iter().map(|e| e.unit.to_lowercase()).collect();
    expected
        .iter()
        .filter(|name| !present.contains(&name.to_lowercase()))
        .cloned()
        .collect()
}

/// The per-unit table with its total row: every indicator, and after each
/// part its rate, recomputed for the total from the summed figures.
pub fn unit_table(
    reported: &[Reported],
    indicators: &[Indicator],
    totals: &BTreeMap<String, f64>,
) -> String {
    let mut head = vec!["TT".to_string(), "Đơn vị".to_string()];
    for i in indicators {
        head.push(markup::escape(&i.name));
        if i.part_of.is_some() {
            head.push(format!("Tỷ lệ {}", markup::escape(&i.name.to_lowercase())));
        }
    }
    let row = |figures: &BTreeMap<String, f64>| {
        let mut cells = Vec::new();
        for i in indicators {
            let value = figures.get(&i.id);
            cells.push(value.map_or(String::new(), |v| {
                markup::escape(&numbers::format_number(*v, 2))
            }));
            if let Some(whole) = &i.part_of {
                let rate = value
                    .zip(figures.get(whole))
                    .and_then(|(p, w)| numbers::rate(*p, *w));
                cells.push(rate.map_or(String::new(), |r| {
                    markup::escape(&numbers::format_percent(r, 1))
                }));
            }
        }
        cells
    };
    let mut lines = vec![
        format!("| {} |", head.join(" | ")),
        format!("|{}", "---|".repeat(head.len())),
    ];
    for (n, unit) in reported.iter().enumerate() {
        let cells = row(&unit.figures);
        lines.push(format!(
            "| {} | {} | {} |",
            n + 1,
            markup::escape(&unit.name),
            cells.join(" | ")
        ));
    }
    lines.push(format!("| | Tổng cộng | {} |", row(totals).join(" | ")));
    lines.join("\n")
}

/// Composes the consolidated report named by the settings.
pub fn document(
    settings: &Settings,
    outcome: &Outcome,
    templates: &Templates,
) -> Result<(Source, Document)> {
    let path = settings.consolidated().ok_or_else(|| {
        Error::new(
            ErrorKind::Input,
            crate::tr!("không lập được báo cáo tổng hợp", "could not consolidate"),
            crate::tr!(
                "tệp cấu hình chưa khai báo báo cáo tổng hợp",
                "the batch settings name no consolidated report"
            ),
        )
        .hint(crate::tr!(
            "thêm `consolidated: tong-hop.yaml` vào batch.yaml: tệp văn bản tổng hợp, có phần `data` được điền số liệu tổng cộng",
            "add `consolidated: tong-hop.yaml` to batch.yaml: a document whose data the totals fill in"
        ))
    })?;
    let source = Source::read(&path)?;
    let mut input: InputDoc = source.parse()?;
    let indicators = &settings.values.indicators;
    let totals = totals(&outcome.reported, indicators);
    let entries = &outcome.entries;
    let names = |status: Status| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.status == status)
            .map(|e| e.unit.clone())
            .collect()
    };
    let flagged: Vec<String> = entries
        .iter()
        .filter(|e| e.status == Status::Flagged)
        .map(|e| format!("{} ({})", e.unit, e.error.clone().unwrap_or_default()))
        .collect();
    let expected = settings.values.expected.len().max(entries.len());
    let mut data = match input.data.take() {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Some(Value::Object(shared)) = settings
        .values
        .defaults
        .as_ref()
        .and_then(|d| d.get("data"))
    {
        for (k, v) in shared {
            data.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    data.insert("figures".into(), json!(totals));
    data.insert(
        "consolidated".into(),
        json!({
            "reported": outcome.reported.len(),
            "expected": expected,
            "missing": missing(&settings.values.expected, entries),
            "failed": names(Status::Failed),
            "flagged": flagged,
        }),
    );
    input.data = Some(Value::Object(data));
    let table = unit_table(&outcome.reported, indicators, &totals);
    let unknown = Location::UNKNOWN;
    input.appendices.push(AppendixIn {
        title: "Số liệu của các đơn vị".into(),
        body: Some(Spanned::new(table, unknown, unknown)),
        template: None,
        data: None,
        reference: None,
        landscape: indicators.len() > 3,
    });
    let doc = compose::compose(&source, &input, templates)?;
    Ok((source, doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, figures: &[(&str, f64)]) -> Reported {
        Reported {
            name: name.into(),
            figures: figures.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            rates: vec![("Học tập".into(), "hoc_tap".into(), "dang_vien".into())],
        }
    }

    fn indicators() -> Vec<Indicator> {
        vec![
            Indicator {
                id: "dang_vien".into(),
                name: "Đảng viên".into(),
                part_of: None,
            },
            Indicator {
                id: "hoc_tap".into(),
                name: "Học tập".into(),
                part_of: Some("dang_vien".into()),
            },
        ]
    }

    #[test]
    fn totals_sum_and_the_table_recomputes_the_rate() {
        let units = [
            unit("A", &[("dang_vien", 10.0), ("hoc_tap", 9.0)]),
            unit("B", &[("dang_vien", 30.0), ("hoc_tap", 15.0)]),
        ];
        let totals = totals(&units, &indicators());
        assert_eq!(totals["dang_vien"], 40.0);
        assert_eq!(totals["hoc_tap"], 24.0);
        let table = unit_table(&units, &indicators(), &totals);
        // 24/40 = 60 %, not the mean of 90 % and 50 % (70 %).
        assert!(
            table.ends_with("| | Tổng cộng | 40 | 24 | 60% |"),
            "{table}"
        );
        assert!(table.contains("| 1 | A | 10 | 9 | 90% |"), "{table}");
    }

    #[test]
    fn a_part_larger_than_its_whole_is_flagged() {
        let bad = unit("C", &[("dang_vien", 10.0), ("hoc_tap", 12.0)]);
        let found = contradictions(&bad, &indicators());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("lớn hơn") && found[0].contains("120%"),
            "{found:?}"
        );
        assert!(
            contradictions(
                &unit("D", &[("dang_vien", 10.0), ("hoc_tap", 10.0)]),
                &indicators()
            )
            .is_empty()
        );
    }
}
