//! Vietnamese number formatting and the rates and assessments of reports, as
//! plain functions and as Tera filters and functions for body templates.
//!
//! Vietnamese writes `1.234,5` (dot for thousands, comma for decimals) and
//! `85,7%`.

use std::collections::HashMap;
use tera::{Result as TeraResult, Value};

/// `1234.5` → `1.234,5`; `decimals` digits after the comma, trailing zeros
/// dropped (`2,50` → `2,5`, `3,0` → `3`).
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        "" => format!("{sign}{grouped}"),
        frac => format!("{sign}{grouped},{frac}"),
    }
}

/// A percentage, `85.714` → `85,7%`.
pub fn format_percent(value: f64, decimals: usize) -> String {
    format!("{}%", format_number(value, decimals))
}

/// `part` as a percentage of `whole`; `None` when `whole` is zero.
pub fn rate(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| part / whole * 100.0)
}

/// A result against its target: `vượt` above, `đạt` at, `không đạt` below.
pub fn assess(result: f64, target: f64) -> &'static str {
    const EPSILON: f64 = 1e-9;
    if result > target + EPSILON {
        "vượt"
    } else if result >= target - EPSILON {
        "đạt"
    } else {
        "không đạt"
    }
}

/// Registers `number`, `percent` (filters) and `rate`, `assess` (functions).
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("number", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(format_number(
            number(v, "number")?,
            decimals(args, 0)?,
        )))
    });
    tera.register_filter("percent", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(format_percent(
            number(v, "percent")?,
            decimals(args, 1)?,
        )))
    });
    tera.register_function("rate", |args: &HashMap<String, Value>| {
        let part = arg(args, "rate", "part")?;
        let whole = arg(args, "rate", "whole")?;
        Ok(rate(part, whole).map_or(Value::Null, |r| serde_json::json!(r)))
    });
    tera.register_function("assess", |args: &HashMap<String, Value>| {
        let result = arg(args, "assess", "result")?;
        let target = arg(args, "assess", "target")?;
        Ok(Value::String(assess(result, target).to_string()))
    });
}

fn number(v: &Value, filter: &str) -> TeraResult<f64> {
    v.as_f64()
        .ok_or_else(|| tera::Error::msg(format!("`{filter}` needs a number, not {v}")))
}

fn decimals(args: &HashMap<String, Value>, default: usize) -> TeraResult<usize> {
    match args.get("decimals") {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .map(|d| d.min(6) as usize)
            .ok_or_else(|| tera::Error::msg("`decimals` must be a whole number")),
    }
}

fn arg(args: &HashMap<String, Value>, function: &str, name: &str) -> TeraResult<f64> {
    match args.get(name) {
        Some(v) => v.as_f64().ok_or_else(|| {
            tera::Error::msg(format!("`{function}`: `{name}` must be a number, not {v}"))
        }),
        None => Err(tera::Error::msg(format!("`{function}` needs `{name}=`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_take_dots_and_decimals_a_comma() {
        assert_eq!(format_number(1234.5, 1), "1.234,5");
        assert_eq!(format_number(1234567.0, 0), "1.234.567");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(1000.0, 2), "1.000");
        assert_eq!(format_number(2.5, 2), "2,5");
        assert_eq!(format_number(-1234.25, 2), "-1.234,25");
        assert_eq!(format_number(-0.001, 1), "0");
    }

    #[test]
    fn rates_are_percentages_with_a_comma() {
        assert_eq!(format_percent(rate(6.0, 7.0).unwrap(), 1), "85,7%");
        assert_eq!(format_percent(rate(56.0, 56.0).unwrap(), 1), "100%");
        assert_eq!(rate(3.0, 0.0), None);
    }

    #[test]
    fn assessment_against_the_target() {
        assert_eq!(assess(96.2, 95.0), "vượt");
        assert_eq!(assess(95.0, 95.0), "đạt");
        assert_eq!(assess(94.1, 95.0), "không đạt");
    }

    #[test]
    fn template_filters_and_functions() {
        let mut tera = tera::Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ 1234.5 | number(decimals=1) }} {{ rate(part=6, whole=7) | percent }} {{ assess(result=3, target=2) }} {{ rate(part=1, whole=0) }}",
        )
        .unwrap();
        let out = tera.render("t", &tera::Context::new()).unwrap();
        assert_eq!(out, "1.234,5 85,7% vượt ");
    }
}
