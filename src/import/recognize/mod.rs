//! Recognising the parts of a draft, line by line: header, title, căn cứ,
//! Kính gửi, body, recipients, signatures, appendices. What cannot be placed
//! stays in the body and is reported, never dropped.

mod appendix;
mod body;
mod closing;
mod date;
mod header;
mod issuers;
mod signature;
mod title;

use super::Warning;
use super::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::format::{POINT_LETTERS, parse_roman};
use crate::rules::{Regime, RuleSet};

/// The recogniser's state: the lines, where it is, what it found.
struct Reader<'a> {
    lines: &'a [DraftLine],
    at: usize,
    warnings: Vec<Warning>,
    /// Lines found after the body that belong nowhere: never dropped, they
    /// end the body.
    unplaced: Vec<String>,
    /// What the number line says of the kind and the issuers, for the type
    /// name and the issuers' lines.
    kind_abbr: Option<String>,
    issuer_abbrs: Vec<String>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&DraftLine> {
        self.lines[self.at..].iter().find(|l| !l.blank)
    }

    /// The next non-blank line, consumed.
    fn next(&mut self) -> Option<DraftLine> {
        while let Some(line) = self.lines.get(self.at) {
            self.at += 1;
            if !line.blank {
                return Some(line.clone());
            }
        }
        None
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }
}

fn upper(text: &str) -> String {
    text.to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && text.to_uppercase() == text
}

/// The whole draft.
pub fn recognize(lines: &[DraftLine]) -> (InputDoc, Vec<Warning>) {
    let mut r = Reader {
        lines,
        at: 0,
        warnings: Vec::new(),
        unplaced: Vec::new(),
        kind_abbr: None,
        issuer_abbrs: Vec::new(),
    };
    let regime = regime(lines);
    let rules = regime.unwrap_or(Regime::Party).rules();
    let mut doc = InputDoc::empty(&rules.id, "");
    let title_at = lines.iter().position(|l| kind_of(rules, &l.text).is_some());
    if regime.is_none() {
        r.warn(
            1,
            crate::tr!(
                "không thấy Quốc hiệu hay dòng `ĐẢNG CỘNG SẢN VIỆT NAM`: tạm dùng bộ quy tắc {}",
                "no national title found: assumed the rules {}",
                rules.id
            ),
        );
    }
    header::header(&mut r, rules, &mut doc, title_at);
    title::title(&mut r, rules, &mut doc);
    title::front(&mut r, rules, &mut doc);
    body::body(&mut r, rules, &mut doc);
    closing::closing(&mut r, rules, &mut doc);
    appendix::appendices(&mut r, &mut doc);
    for line in std::mem::take(&mut r.unplaced) {
        let escaped = body::body_line(&mut r, &line, 0);
        let body = doc.body.get_or_insert_with(|| made(String::new()));
        if !body.value.is_empty() {
            body.value.push('\n');
        }
        body.value.push_str(&escaped);
    }
    if doc.kind.value.is_empty() {
        doc.kind = made("cong-van".into());
        r.warn(
            1,
            crate::tr!(
                "không thấy tên loại văn bản: tạm coi là công văn (kind: cong-van)",
                "no type name found: assumed a công văn (kind: cong-van)"
            ),
        );
    }
    if doc.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy tên cơ quan ban hành: hãy điền `issuer`",
                "no issuing body found: fill in `issuer`"
            ),
        );
    }
    if doc.date.value.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy dòng địa danh, ngày tháng: hãy điền `date` và `place`",
                "no date line found: fill in `date` and `place`"
            ),
        );
    }
    (doc, r.warnings)
}

/// The regime of the first lines that say it: a national title, a number line.
fn regime(lines: &[DraftLine]) -> Option<Regime> {
    lines
        .iter()
        .take(20)
        .find_map(|l| Regime::of_title(&l.text).or_else(|| Regime::of_number(&l.text)))
}

fn kind_of<'r>(rules: &'r RuleSet, text: &str) -> Option<&'r crate::rules::Kind> {
    let text = upper(text);
    rules
        .kinds
        .iter()
        .find(|k| k.name.as_deref() == Some(text.as_str()))
}

/// A line that starts with an outline number (`I.`, `1.`, `a)`) belongs to the body.
fn numbered(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    head.strip_suffix('.')
        .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
        || head
            .strip_suffix(')')
            .is_some_and(|n| n.parse::<u32>().is_ok() || POINT_LETTERS.contains(&n))
}

fn is_rule(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| matches!(c, '-' | '_' | '='))
}

fn is_appendix_label(text: &str) -> bool {
    let t = upper(text);
    t == "PHỤ LỤC"
        || t.strip_prefix("PHỤ LỤC ")
            .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
}

fn is_signature_start(text: &str) -> bool {
    [
        "T/M ", "K/T ", "T/L ", "T/U ", "TM. ", "KT. ", "TL. ", "TUQ. ",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}
