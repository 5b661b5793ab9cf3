//! Consolidation: the higher body's report from every unit's figures — sums
//! over the units the totals contain (never a unit twice, flagged units
//! only if asked), rates recomputed from the summed parts and wholes
//! (never averaged), how many units reached a per-unit target, a per-unit
//! table in the order of `expected`, and the same table as a workbook.

mod summary;
mod table;
mod workbook;

pub use summary::{Line, Summary};

use super::{Indicator, Origin, Outcome, Settings};
use crate::compose::{self, Templates, numbers};
use crate::error::{Error, ErrorKind, Result};
use crate::input::{AppendixIn, InputDoc, Source};
use crate::model::Document;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// What consolidation needs of a unit that reported.
#[derive(Debug, Clone)]
pub struct Reported {
    pub name: String,
    pub origin: Origin,
    /// Its `date`, as written.
    pub date: String,
    pub figures: BTreeMap<String, f64>,
    /// (task name, numerator id, denominator id) of the rate tasks.
    pub rates: Vec<(String, String, String)>,
    /// Its contradictions: it is flagged when there are any.
    pub problems: Vec<String>,
    /// Whether its figures are summed.
    pub in_totals: bool,
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
            origin: unit.origin.clone(),
            date: unit.input.date.value.trim().to_string(),
            figures,
            rates,
            problems: Vec::new(),
            in_totals: true,
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

/// Each indicator summed over the units in the totals.
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
            let sum = reported
                .iter()
                .filter(|r| r.in_totals)
                .filter_map(|r| r.figures.get(&id))
                .sum();
            (id, sum)
        })
        .collect()
}

/// The consolidated report: its document, its workbook, and the warnings
/// `vanban check` has for its own file (its figures are the batch's).
pub struct Consolidated {
    pub source: Source,
    pub document: Document,
    /// `tong-hop.xlsx`: the per-unit table, totals as formulas.
    pub workbook: Vec<u8>,
    pub warnings: Vec<Error>,
}

/// Composes the consolidated report named by the settings.
pub fn document(
    settings: &Settings,
    outcome: &Outcome,
    templates: &Templates,
) -> Result<Consolidated> {
    let path = settings.consolidated().ok_or_else(no_report)?;
    let source = Source::read(&path)?;
    let mut input: InputDoc = source.parse()?;
    let warnings = crate::check::warnings(&source, &input, crate::check::today());
    let summary = Summary::new(settings, outcome);
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
    let targets = summary.targets(data.get("tasks"));
    data.insert("figures".into(), json!(summary.totals));
    let mut status = summary.status(outcome);
    status["targets"] = targets;
    data.insert("consolidated".into(), status);
    input.data = Some(Value::Object(data));
    input.appendices.push(AppendixIn {
        title: "Số liệu của các đơn vị".into(),
        body: None,
        template: None,
        data: None,
        reference: None,
        landscape: settings.values.indicators.len() > 3,
        separate: false,
        blocks: Some(table::blocks(&summary)),
    });
    let document = compose::compose(&source, &input, templates)?;
    let workbook = workbook::write(&summary, &document)?;
    Ok(Consolidated {
        source,
        document,
        workbook,
        warnings,
    })
}

fn no_report() -> Error {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn unit(name: &str, figures: &[(&str, f64)]) -> Reported {
        Reported {
            name: name.into(),
            origin: Origin::file(std::path::Path::new(&format!("{name}.yaml"))),
            date: "2026-10-20".into(),
            figures: figures.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            rates: vec![("Học tập".into(), "hoc_tap".into(), "dang_vien".into())],
            problems: Vec::new(),
            in_totals: true,
        }
    }

    pub(super) fn indicators() -> Vec<Indicator> {
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
    fn totals_sum_the_units_in_the_totals_only() {
        let mut units = [
            unit("A", &[("dang_vien", 10.0), ("hoc_tap", 9.0)]),
            unit("B", &[("dang_vien", 30.0), ("hoc_tap", 15.0)]),
            unit("C", &[("dang_vien", 5.0), ("hoc_tap", 6.0)]),
        ];
        units[2].in_totals = false;
        let totals = totals(&units, &indicators());
        assert_eq!(totals["dang_vien"], 40.0);
        assert_eq!(totals["hoc_tap"], 24.0);
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
