//! From typed input to the document model: the rule set applied, the body
//! rendered and parsed, every line built.

pub mod markup;
mod template;

pub use template::Templates;

use crate::error::{Error, ErrorKind, Result};
use crate::input::{InputDoc, SignatureIn, Source};
use crate::model::{
    Block, Closing, Document, Header, HeaderRow, Line, Meta, Page, Recipients, Role, Rule,
    Signature,
};
use crate::rules::format::{self, DocDate};
use crate::rules::{Kind, RuleSet};
use serde_saphyr::Spanned;

/// Builds the document model of one parsed input.
pub fn compose(src: &Source, doc: &InputDoc, templates: &Templates) -> Result<Document> {
    let rules = rule_set(src, &doc.rules)?;
    let kind = kind(src, rules, &doc.kind)?;
    let date = parse_date(src, &doc.date)?;
    if let Some(sig) = &doc.signature {
        check_prefix(src, rules, sig)?;
    }
    let mut body = markup::parse(&body_text(src, doc, templates)?);
    size_tables(
        &mut body,
        rules.page.width - rules.page.margin_left - rules.page.margin_right,
    );
    if let (true, Some(mark)) = (doc.end_mark.unwrap_or(true), &rules.body.end_mark) {
        add_end_mark(&mut body, mark);
    }
    let number = format::number_line(
        rules,
        doc.number.as_ref().map(|n| n.value),
        &kind.abbr,
        &[&doc.issuer.abbr],
    );
    Ok(Document {
        meta: Meta {
            title: format!("{} {}", kind.name, doc.summary.as_deref().unwrap_or(""))
                .trim()
                .to_string(),
            author: doc.issuer.name.clone(),
            date: match date.day {
                Some(d) => format!("{:04}-{:02}-{d:02}", date.year, date.month),
                None => format!("{:04}-{:02}", date.year, date.month),
            },
        },
        page: page(rules),
        styles: rules.styles(),
        header: header(
            rules,
            doc,
            number,
            format::date_line(doc.place.trim(), date),
        ),
        title: title(rules, kind, doc.summary.as_deref()),
        body,
        closing: closing(rules, doc),
    })
}

fn rule_set(src: &Source, id: &Spanned<String>) -> Result<&'static RuleSet> {
    RuleSet::get(&id.value).ok_or_else(|| {
        src.error_at(
            ErrorKind::Rule,
            id,
            format!("unknown rule set `{}`", id.value),
        )
        .field("rules")
        .hint(format!("the rule sets are: {}", RuleSet::ids().join(", ")))
    })
}

fn kind<'r>(src: &Source, rules: &'r RuleSet, id: &Spanned<String>) -> Result<&'r Kind> {
    rules.kind(&id.value).ok_or_else(|| {
        let known: Vec<&str> = rules.kinds.iter().map(|k| k.id.as_str()).collect();
        let by_abbr = rules
            .kinds
            .iter()
            .find(|k| k.abbr.eq_ignore_ascii_case(&id.value));
        let err = src
            .error_at(
                ErrorKind::Rule,
                id,
                format!("`{}` is not a kind of document in {}", id.value, rules.id),
            )
            .field("kind");
        match by_abbr {
            Some(k) => err.hint(format!(
                "`{}` is the abbreviation of `{}`: write `kind: {}`",
                k.abbr, k.id, k.id
            )),
            None => err.hint(format!("the kinds are: {}", known.join(", "))),
        }
    })
}

/// `2023-01-03`, or `2023-01` for a draft whose day is left blank.
fn parse_date(src: &Source, value: &Spanned<String>) -> Result<DocDate> {
    let text = value.value.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        use chrono::Datelike;
        return Ok(DocDate {
            year: d.year(),
            month: d.month(),
            day: Some(d.day()),
        });
    }
    let month = chrono::NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d");
    if let (Ok(d), 7) = (month, text.len()) {
        use chrono::Datelike;
        return Ok(DocDate {
            year: d.year(),
            month: d.month(),
            day: None,
        });
    }
    Err(src
        .error_at(ErrorKind::Input, value, format!("`{text}` is not a date"))
        .field("date")
        .hint(
            "write the date as YYYY-MM-DD, e.g. 2023-01-03; a draft may leave the day out: 2023-01",
        ))
}

fn check_prefix(src: &Source, rules: &RuleSet, sig: &SignatureIn) -> Result<()> {
    let Some(prefix) = &sig.prefix else {
        return Ok(());
    };
    if rules.prefix(&prefix.value).is_some() {
        if sig.on_behalf.is_none() {
            return Err(src
                .error_at(
                    ErrorKind::Input,
                    prefix,
                    format!("`{}` needs what it signs for", prefix.value),
                )
                .field("signature.on_behalf")
                .hint(
                    "add `on_behalf:` (e.g. `BAN THƯỜNG VỤ` after T/M, `TRƯỞNG BAN` after K/T)",
                ));
        }
        return Ok(());
    }
    let known: Vec<&str> = rules
        .signature
        .prefixes
        .iter()
        .map(|p| p.prefix.as_str())
        .collect();
    Err(src
        .error_at(
            ErrorKind::Rule,
            prefix,
            format!("`{}` is not a signing prefix of {}", prefix.value, rules.id),
        )
        .field("signature.prefix")
        .hint(format!(
            "the prefixes of {} are: {}",
            rules.id,
            known.join(", ")
        )))
}

fn body_text(src: &Source, doc: &InputDoc, templates: &Templates) -> Result<String> {
    match (&doc.body, &doc.template) {
        (Some(body), None) => Ok(body.value.clone()),
        (None, Some(name)) => {
            if !templates.has(&name.value) {
                return Err(src
                    .error_at(
                        ErrorKind::Input,
                        name,
                        format!("no body template `{}`", name.value),
                    )
                    .field("template")
                    .hint(format!(
                        "the templates are: {}",
                        templates.names().join(", ")
                    )));
            }
            let data = doc.data.clone().unwrap_or(serde_json::Value::Null);
            templates.render(&name.value, &data).map_err(|e| {
                let hint = format!(
                    "the template was named at {}:{}",
                    src.path.display(),
                    name.referenced.line()
                );
                e.hint(hint)
            })
        }
        (Some(body), Some(_)) => Err(src
            .error_at(
                ErrorKind::Input,
                body,
                "both `body` and `template` are given",
            )
            .field("body")
            .hint("write the body inline or name a template, not both")),
        (None, None) => Err(Error::new(
            ErrorKind::Input,
            format!("could not read {}", src.path.display()),
            "the document has no body",
        )
        .hint("add `body: |` with the text, or `template:` with `data:`")),
    }
}

/// `./.` after the last sentence: `… năm 2023.` becomes `… năm 2023./.`.
fn add_end_mark(body: &mut [Block], mark: &str) {
    let Some(Block::Paragraph { spans, .. }) = body.last_mut() else {
        return;
    };
    let Some(last) = spans.last_mut() else { return };
    let trimmed = last.text.trim_end().to_string();
    last.text = match (trimmed.ends_with('.'), mark.strip_prefix('.')) {
        (true, Some(rest)) => format!("{trimmed}{rest}"),
        _ => format!("{trimmed}{mark}"),
    };
}

fn page(rules: &RuleSet) -> Page {
    let p = &rules.page;
    Page {
        width: p.width,
        height: p.height,
        margin_top: p.margin_top,
        margin_bottom: p.margin_bottom,
        margin_left: p.margin_left,
        margin_right: p.margin_right,
        header_distance: p.header_distance,
        number_first_page: p.number_first_page,
    }
}

fn header(rules: &RuleSet, doc: &InputDoc, number: String, date: String) -> Header {
    let h = &rules.header;
    let mut left = Vec::new();
    if let Some(superior) = &doc.issuer.superior {
        left.push(Line::new(superior.trim(), Role::Superior));
    }
    let mut issuer = Line::new(doc.issuer.name.trim(), Role::Issuer);
    if let Some(fraction) = h.issuer_rule {
        issuer = issuer.with_rule(Rule { fraction });
    }
    left.push(issuer);
    if let Some(star) = &h.star {
        left.push(Line::new(star, Role::Star));
    }
    let mut right: Vec<Line> = h
        .national_title
        .iter()
        .map(|t| Line::new(t, Role::NationalTitle))
        .collect();
    if let Some(motto) = &h.motto {
        let mut line = Line::new(motto, Role::Motto);
        if let Some(fraction) = h.motto_rule {
            line = line.with_rule(Rule { fraction });
        }
        right.push(line);
    }
    if let (Some(fraction), Some(last)) = (h.national_rule, right.last_mut()) {
        last.rule = Some(Rule { fraction });
    }
    Header {
        left_width: h.left_width,
        rows: vec![
            HeaderRow { left, right },
            HeaderRow {
                left: vec![Line::new(number, Role::Number)],
                right: vec![Line::new(date, Role::Date)],
            },
        ],
    }
}

fn title(rules: &RuleSet, kind: &Kind, summary: Option<&str>) -> Vec<Line> {
    let mut lines = vec![Line::new(&kind.name, Role::DocType)];
    if let Some(summary) = summary.map(str::trim).filter(|s| !s.is_empty()) {
        let mut line = Line::new(summary, Role::Summary);
        if let Some(fraction) = rules.title_rules.as_ref().and_then(|t| t.summary_rule) {
            line = line.with_rule(Rule { fraction });
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
    lines
}

fn closing(rules: &RuleSet, doc: &InputDoc) -> Closing {
    let recipients = doc.recipients.as_ref().map(|r| {
        let items: Vec<String> = r.items.iter().map(|i| i.text()).collect();
        Recipients {
            label: Line::new(&rules.recipients.label, Role::RecipientsLabel),
            items: format::recipient_lines(rules, &items, &r.archive)
                .into_iter()
                .map(|t| Line::new(t, Role::Recipient))
                .collect(),
        }
    });
    let signatures = doc
        .signature
        .iter()
        .map(|s| {
            let mut lines = Vec::new();
            match (&s.prefix, &s.on_behalf) {
                (Some(prefix), Some(of)) => {
                    lines.push(Line::new(
                        format!("{} {}", prefix.value, of.trim()),
                        Role::SignAuthority,
                    ));
                    lines.push(Line::new(s.position.trim(), Role::SignPosition));
                }
                (None, Some(of)) => {
                    lines.push(Line::new(of.trim(), Role::SignAuthority));
                    lines.push(Line::new(s.position.trim(), Role::SignPosition));
                }
                // The head signs with the bare title, in the authority's type.
                (_, None) => lines.push(Line::new(s.position.trim(), Role::SignAuthority)),
            }
            Signature {
                lines,
                space: rules.signature.space,
                name: Line::new(s.name.trim(), Role::SignName),
            }
        })
        .collect();
    Closing {
        left_width: rules.page.width
            - rules.page.margin_left
            - rules.page.margin_right
            - rules.signature.right_width,
        recipients,
        signatures,
    }
}

/// Column widths for every table: each column gets a share of the text width
/// growing with its longest cell, within bounds, so both writers agree.
fn size_tables(body: &mut [Block], text_width: f64) {
    for block in body {
        let Block::Table { rows, widths, .. } = block else {
            continue;
        };
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let weights: Vec<f64> = (0..columns)
            .map(|j| {
                let longest = rows
                    .iter()
                    .filter_map(|r| r.get(j))
                    .map(|c| c.chars().count())
                    .max();
                longest.unwrap_or(0).clamp(4, 40) as f64
            })
            .collect();
        let total: f64 = weights.iter().sum();
        *widths = weights
            .iter()
            .map(|w| (w / total * text_width * 10.0).floor() / 10.0)
            .collect();
    }
}
