//! From typed input to the document model: the rule set applied, the body
//! rendered and parsed, every line built.

mod breaks;
mod checks;
mod closing;
mod columns;
mod geometry;
mod header;
pub mod markup;
pub mod names;
pub mod numbers;
pub mod table;
mod template;
mod template_guard;
mod template_lists;
mod text;

pub use template::Templates;

use crate::error::{Error, ErrorKind, Result};
use crate::input::{InputDoc, Source};
use crate::model::{Appendix, Block, Document, Line, Meta, Page, Role, Stamp};
use crate::rules::format::{self, DocDate};
use crate::rules::{Kind, Numerals, RuleSet};
use serde_saphyr::Spanned;

/// Builds the document model of one parsed input.
pub fn compose(src: &Source, doc: &InputDoc, templates: &Templates) -> Result<Document> {
    let rules = checks::rule_set(src, &doc.rules)?;
    let kind = checks::kind(src, rules, &doc.kind)?;
    let date = checks::date(src, &doc.date)?;
    checks::parts(src, rules, kind, doc)?;
    if let Some(sig) = &doc.signature {
        checks::signature(src, rules, sig, "signature")?;
    }
    for (i, sig) in doc
        .signatures
        .iter()
        .flat_map(|s| s.value.iter())
        .enumerate()
    {
        checks::signature(src, rules, sig, &format!("signatures[{i}]"))?;
    }
    let page = rules.page.value.clone();
    let styles = rules.styles();
    let text = body_text(
        src,
        templates,
        doc.body.as_ref(),
        doc.template.as_ref(),
        doc.data.as_ref(),
        "",
    )?;
    let mut body: Vec<Block> = closing::addressees(rules, &styles, doc, page.text_width())
        .into_iter()
        .collect();
    body.extend(closing::bases(rules, kind, doc));
    body.extend(markup::parse(&text));
    table::finish_all(&mut body, rules, page.text_width());
    if let (true, Some(mark)) = (doc.end_mark.unwrap_or(true), &rules.body.end_mark) {
        add_end_mark(&mut body, mark);
    }
    let co = doc
        .co_issuers
        .as_ref()
        .map(|c| c.value.as_slice())
        .unwrap_or(&[]);
    let issuers: Vec<&str> = std::iter::once(&doc.issuer)
        .chain(co)
        .map(|i| i.abbr.trim())
        .collect();
    let number = checks::number(src, doc.number.as_ref())?.map(|n| n.printed());
    let number_line = format::number_line(
        rules,
        number.as_deref(),
        kind.abbr.as_deref(),
        &issuers,
        doc.issuer.unit.as_deref(),
    );
    let appendices = appendices(src, rules, kind, doc, templates, &number_line, date, &page)?;
    let mut document = Document {
        geometry: geometry::geometry(rules),
        meta: meta(kind, doc, date, &number_line),
        header: header::header(
            rules,
            kind,
            doc,
            number_line,
            format::date_line(doc.place.trim(), date),
        ),
        title: header::title(rules, kind, doc),
        body,
        closing: closing::closing(rules, doc),
        appendices,
        page,
        styles,
        main: true,
    };
    text::finish(&mut document);
    Ok(document)
}

fn meta(kind: &Kind, doc: &InputDoc, date: DocDate, number_line: &str) -> Meta {
    let name = kind.name.as_deref().unwrap_or("CÔNG VĂN");
    // A forced line break is a space in the properties, and a word joiner
    // (which the page does not print) is nothing.
    let one_line = |s: &str| {
        s.replace(crate::model::JOINER, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Meta {
        title: one_line(&format!("{name} {}", doc.summary.as_deref().unwrap_or(""))),
        author: one_line(&doc.issuer.name),
        subject: one_line(symbol(number_line)),
        language: "vi".to_string(),
        date,
    }
}

/// The markup of a body: inline, or rendered from a template with its data.
fn body_text(
    src: &Source,
    templates: &Templates,
    body: Option<&Spanned<String>>,
    template: Option<&Spanned<String>>,
    data: Option<&serde_json::Value>,
    path: &str,
) -> Result<String> {
    match (body, template) {
        (Some(body), None) => Ok(body.value.clone()),
        (None, Some(name)) => {
            if !templates.has(&name.value) {
                return Err(src
                    .error_at(
                        ErrorKind::Input,
                        name,
                        crate::tr!(
                            "không có mẫu nội dung `{}`",
                            "no body template `{}`",
                            name.value
                        ),
                    )
                    .field(format!("{path}template"))
                    .hint(crate::tr!(
                        "các mẫu hiện có: {}",
                        "the templates are: {}",
                        templates.names().join(", ")
                    )));
            }
            let data = data.cloned().unwrap_or(serde_json::Value::Null);
            templates.render(&name.value, &data).map_err(|e| {
                let hint = crate::tr!(
                    "mẫu được chỉ định tại {}:{}",
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
                crate::tr!(
                    "có cả `body` lẫn `template`",
                    "both `body` and `template` are given"
                ),
            )
            .field(format!("{path}body"))
            .hint(crate::tr!(
                "ghi nội dung trực tiếp hoặc chỉ định một mẫu, không dùng cả hai",
                "write the body inline or name a template, not both"
            ))),
        (None, None) => {
            let what = if path.is_empty() {
                crate::tr!("văn bản", "the document")
            } else {
                path.trim_end_matches('.').to_string()
            };
            Err(Error::new(
                ErrorKind::Input,
                crate::tr!("không đọc được {}", "could not read {}", src.path.display()),
                crate::tr!("{what} không có nội dung", "{what} has no body"),
            )
            .hint(crate::tr!(
                "thêm `body: |` kèm nội dung, hoặc `template:` kèm `data:`",
                "add `body: |` with the text, or `template:` with `data:`"
            )))
        }
    }
}

/// Appendices: label (numbered when there are two or more), title, the
/// `(Kèm theo …)` line, body.
#[allow(clippy::too_many_arguments)]
fn appendices(
    src: &Source,
    rules: &RuleSet,
    kind: &Kind,
    doc: &InputDoc,
    templates: &Templates,
    number_line: &str,
    date: DocDate,
    page: &Page,
) -> Result<Vec<Appendix>> {
    let (text_width, page_width, page_height) = (page.text_width(), page.width, page.height);
    let count = doc.appendices.len();
    let mut out = Vec::with_capacity(count);
    for (i, a) in doc.appendices.iter().enumerate() {
        let path = format!("appendices[{i}].");
        let mut body = match &a.blocks {
            Some(blocks) => blocks.clone(),
            None => markup::parse(&body_text(
                src,
                templates,
                a.body.as_ref(),
                a.template.as_ref(),
                a.data.as_ref(),
                &path,
            )?),
        };
        // A landscape page is as wide as the portrait page is high.
        let width = if a.landscape {
            text_width + page_height - page_width
        } else {
            text_width
        };
        table::finish_all(&mut body, rules, width);
        let n = i as u32 + 1;
        let label = if count < 2 {
            rules.appendix.label.replace("{n}", "").trim().to_string()
        } else {
            let numeral = match rules.appendix.numerals {
                Numerals::Arabic => n.to_string(),
                Numerals::Roman => format::roman(n),
            };
            rules.appendix.label.replace("{n}", &numeral)
        };
        let reference = a
            .reference
            .clone()
            .unwrap_or_else(|| reference_line(kind, doc, number_line, date));
        out.push(Appendix {
            heading: vec![
                Line::new(label, Role::AppendixLabel),
                Line::new(a.title.trim().to_uppercase(), Role::AppendixTitle),
                Line::new(reference, Role::AppendixReference),
            ],
            body,
            landscape: a.landscape,
            separate: a.separate || doc.separate_appendices,
            stamp: stamp(rules, number_line),
            file: rules.appendix.separate.file.replace("{n}", &n.to_string()),
        });
    }
    Ok(out)
}

/// The organisation's signature box of an appendix in a file of its own:
/// the rule set's lines with the document's số và ký hiệu (a blank left
/// for the number kept).
fn stamp(rules: &RuleSet, number_line: &str) -> Stamp {
    let s = &rules.appendix.separate;
    let symbol = number_line
        .trim_start_matches("Số")
        .trim_start_matches(':')
        .trim_matches(' ');
    Stamp {
        lines: s
            .stamp
            .iter()
            .map(|l| Line::new(l.replace("{symbol}", symbol), Role::AppendixStamp))
            .collect(),
        width: s.width,
        gap: s.gap,
    }
}

/// The số và ký hiệu: the number line without `Số`/`Số:` (and without the
/// blank of a draft's missing number, at either end).
fn symbol(number_line: &str) -> &str {
    number_line
        .trim_start_matches("Số")
        .trim_start_matches(':')
        .trim()
}

/// `(Kèm theo Báo cáo số 42/BC-UBND ngày 08 tháng 7 năm 2026 của Ủy ban
/// nhân dân xã Bình An)`: the date as the date rule writes it, the issuer as
/// written in a sentence (NĐ 30/2020, Phụ lục II), a draft's blank number
/// kept.
fn reference_line(kind: &Kind, doc: &InputDoc, number_line: &str, date: DocDate) -> String {
    let name = kind.name.as_deref().unwrap_or("CÔNG VĂN").to_lowercase();
    let mut chars = name.chars();
    let name: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect();
    let symbol = number_line.trim_start_matches("Số").trim_start_matches(':');
    let symbol = symbol.strip_prefix(' ').unwrap_or(symbol);
    format!(
        "(Kèm theo {name} số {symbol} {} của {})",
        format::date_words(date),
        issuer_in_text(&doc.issuer)
    )
}

/// The issuer as written inside a sentence: as the user wrote it, else
/// derived from its name, else its name as it stands (`check` warns).
pub fn issuer_in_text(issuer: &crate::input::Issuer) -> String {
    issuer
        .name_in_text
        .as_deref()
        .map(|n| n.trim().to_string())
        .or_else(|| names::in_text(&issuer.name, issuer.superior.as_deref()))
        .unwrap_or_else(|| issuer.name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `./.` after the last sentence: `… năm 2023.` becomes `… năm 2023./.`;
/// a body that already ends with the mark keeps it once.
fn add_end_mark(body: &mut [Block], mark: &str) {
    let Some(Block::Paragraph { spans, .. }) = body.last_mut() else {
        return;
    };
    let Some(last) = spans.last_mut() else { return };
    let trimmed = last.text.trim_end().to_string();
    last.text = match (trimmed.ends_with('.'), mark.strip_prefix('.')) {
        _ if trimmed.ends_with(mark) => trimmed,
        (true, Some(rest)) => format!("{trimmed}{rest}"),
        _ => format!("{trimmed}{mark}"),
    };
}
