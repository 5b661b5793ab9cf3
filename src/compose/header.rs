//! The header grid and the title block, built from the rule set.

use super::{breaks, geometry};
use crate::fonts;
use crate::input::{InputDoc, Issuer};
use crate::model::{Header, HeaderRow, Line, Role};
use crate::rules::{Kind, RuleSet};

/// Row 1: issuers | national title (and motto). Row 2: number, subject and
/// marks | date and draft mark, so the number and the date share a baseline.
pub fn header(
    rules: &RuleSet,
    kind: &Kind,
    doc: &InputDoc,
    number: String,
    date: String,
) -> Header {
    let h = &rules.header;
    let mut left = Vec::new();
    let co = doc
        .co_issuers
        .as_ref()
        .map(|c| c.value.as_slice())
        .unwrap_or(&[]);
    for issuer in std::iter::once(&doc.issuer).chain(co) {
        left.extend(issuer_lines(rules, issuer));
    }
    if let Some(star) = &h.star {
        left.push(Line::new(star, Role::Star));
    }
    let mut right: Vec<Line> = h
        .national_title
        .iter()
        .map(|t| Line::new(t, Role::NationalTitle))
        .collect();
    if let Some(motto) = &h.motto {
        right.push(Line::new(motto, Role::Motto));
    }
    let right_width =
        rules.page.width - rules.page.margin_left - rules.page.margin_right - h.left_width;
    let title_rule = h.motto_rule.or(h.national_rule);
    if let (Some(fraction), Some(last)) = (title_rule, right.last_mut()) {
        last.rule = Some(geometry::rule(rules, last, fraction, right_width));
    }
    let mut under_number = vec![Line::new(number, Role::Number)];
    if kind.subject_in_header
        && let Some(summary) = doc
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    {
        under_number.push(Line::new(
            format!("{}{summary}", h.subject_prefix),
            Role::Subject,
        ));
    }
    let marks = &rules.marks;
    for (value, table) in [
        (&doc.secrecy, &marks.secrecy),
        (&doc.urgency, &marks.urgency),
    ] {
        if let Some(text) = value.as_ref().and_then(|v| table.get(&v.value)) {
            under_number.push(Line::new(text, Role::Mark));
        }
    }
    let mut under_title = vec![Line::new(date, Role::Date)];
    if doc.draft {
        under_title.push(Line::new(&marks.draft, Role::Mark));
    }
    for line in &mut under_number {
        geometry::frame(rules, line, h.left_width);
    }
    for line in &mut under_title {
        geometry::frame(rules, line, right_width);
    }
    Header {
        left_width: h.left_width,
        rows: vec![
            HeaderRow { left, right },
            HeaderRow {
                left: under_number,
                right: under_title,
            },
        ],
    }
}

fn issuer_lines(rules: &RuleSet, issuer: &Issuer) -> Vec<Line> {
    let mut lines = Vec::new();
    if let Some(superior) = issuer
        .superior
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        lines.push(Line::new(
            fit(rules, superior, Role::Superior),
            Role::Superior,
        ));
    }
    let mut name = Line::new(fit(rules, issuer.name.trim(), Role::Issuer), Role::Issuer);
    if let Some(fraction) = rules.header.issuer_rule {
        let rule = geometry::rule(rules, &name, fraction, rules.header.left_width);
        name = name.with_rule(rule);
    }
    lines.push(name);
    lines
}

/// A name of the left column, broken where a clerk would break it when it
/// does not fit (measured with the embedded font), so both writers break it
/// there. Half a millimetre is kept for the writers' rounding.
fn fit(rules: &RuleSet, name: &str, role: Role) -> String {
    let s = rules.style(role);
    let width = |t: &str| fonts::text_width_mm(t, s.size, s.bold, s.italic);
    breaks::break_name(name, &width, rules.header.left_width - 0.5)
}

/// Type name, trích yếu with its rule or separator, and a decision's
/// authority line. A công văn has none of the first three.
pub fn title(rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Vec<Line> {
    let mut lines = Vec::new();
    if let Some(name) = &kind.name {
        lines.push(Line::new(name, Role::DocType));
        if let Some(summary) = doc
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let mut line = Line::new(summary, Role::Summary);
            if let Some(fraction) = rules.title_rules.as_ref().and_then(|t| t.summary_rule) {
                let width = rules.page.width - rules.page.margin_left - rules.page.margin_right;
                let rule = geometry::summary_rule(rules, &line, fraction, width);
                line = line.with_rule(rule);
            }
            lines.push(line);
        }
        if let Some(sep) = rules
            .title_rules
            .as_ref()
            .and_then(|t| t.separator.as_ref())
        {
            lines.push(Line::new(sep, Role::Separator));
        }
    }
    if let (Some(_), Some(authority)) = (&kind.decision, &doc.authority) {
        lines.push(Line::new(
            authority.value.trim().to_uppercase(),
            Role::Authority,
        ));
    }
    lines
}
