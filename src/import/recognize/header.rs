//! The header: number line, date line, subject, marks, and the issuers'
//! lines handed to [`super::issuers`].

use super::date::date_line;
use super::issuers::issuers;
use super::{Reader, is_rule, is_upper, numbered, upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::{Regime, RuleSet};

/// Everything before the type name (or, without one, before `Kính gửi` or the
/// first paragraph): issuers, number, date, subject, marks.
pub(super) fn header(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc, title_at: Option<usize>) {
    let end = title_at.unwrap_or_else(|| header_end(r.lines));
    let mut names: Vec<DraftLine> = Vec::new();
    while r.at < end {
        let Some(line) = r.next() else { break };
        if r.at > end {
            r.at -= 1;
            break;
        }
        let text = line.text.trim().to_string();
        let up = upper(&text);
        if Regime::of_title(&text).is_some() || is_rule(&text) {
            continue;
        }
        if text == "*" {
            names.push(line);
            continue;
        }
        if let Some(rest) = text.strip_prefix("Số") {
            number(r, rules, doc, rest, line.no);
        } else if let Some((place, date)) = date_line(&text) {
            doc.place = place;
            doc.date = made(date.0);
            if date.1 {
                r.warn(
                    line.no,
                    crate::tr!(
                        "ngày tháng đang viết `{text}`: vanban sẽ viết lại dòng ngày tháng theo đúng quy định",
                        "date written `{text}`: vanban writes the date line by the rules"
                    ),
                );
            }
        } else if let Some(subject) = text
            .strip_prefix("V/v")
            .or_else(|| text.strip_prefix("Về việc"))
        {
            doc.summary = Some(subject.trim().to_string());
        } else if let Some(key) = mark(rules, &up, "urgency") {
            doc.urgency = Some(made(key));
        } else if let Some(key) = mark(rules, &up, "secrecy") {
            doc.secrecy = Some(made(key));
        } else if up.starts_with(&upper(&rules.marks.draft)) {
            doc.draft = true;
        } else if is_upper(&text) && !numbered(&text) {
            names.push(line);
        } else if doc.summary.is_some() && line.italic {
            // A công văn subject wrapped over two lines.
            let summary = doc.summary.take().unwrap_or_default();
            doc.summary = Some(format!("{summary} {text}"));
        } else {
            r.warn(
                line.no,
                crate::tr!(
                    "không xếp được vào phần đầu văn bản, giữ lại trong phần nội dung: {text}",
                    "not placed in the header, kept in the body: {text}"
                ),
            );
            r.at -= 1;
            break;
        }
    }
    issuers(r, rules, doc, names);
}

/// Without a type name, the header ends before the first line that is
/// neither upper case nor a header line.
pub(super) fn header_end(lines: &[DraftLine]) -> usize {
    lines
        .iter()
        .position(|l| {
            let t = l.text.trim();
            !l.blank
                && (!is_upper(t) || numbered(t))
                && !t.starts_with("Số")
                && date_line(t).is_none()
                && !t.starts_with("V/v")
                && t != "*"
                && Regime::of_title(t).is_none()
                && !is_rule(t)
        })
        .unwrap_or(lines.len())
}

pub(super) fn mark(rules: &RuleSet, up: &str, which: &str) -> Option<String> {
    let table = if which == "urgency" {
        &rules.marks.urgency
    } else {
        &rules.marks.secrecy
    };
    table
        .iter()
        .find(|(_, v)| upper(v) == up)
        .map(|(k, _)| k.clone())
}

/// `Số 44-HD/BTGHU`, `Số: 05/QĐ-UBND`, `Số: 12/UBND-VP`, or a draft's blank.
pub(super) fn number(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc, rest: &str, no: usize) {
    let colon = rest.trim_start().starts_with(':');
    let rest = rest.trim_start().trim_start_matches(':').trim();
    if colon && rules.regime == Regime::Party {
        r.warn(
            no,
            crate::tr!(
                "`Số:` có dấu hai chấm trong văn bản của Đảng: số văn bản của Đảng không có dấu hai chấm (đã sửa)",
                "`Số:` with a colon in a Party document: Party numbers have none (fixed)"
            ),
        );
    }
    let Some((left, right)) = rest.split_once('/') else {
        r.warn(
            no,
            crate::tr!(
                "không hiểu được dòng số và ký hiệu: Số {rest}",
                "number line not understood: Số {rest}"
            ),
        );
        return;
    };
    let digits = |s: &str| s.trim().parse::<u32>().ok();
    match rules.regime {
        Regime::Party => {
            let (n, kind) = left.split_once('-').unwrap_or(("", left));
            doc.number = digits(n).map(made);
            r.kind_abbr = Some(kind.trim().to_string());
            r.issuer_abbrs = right.split('-').map(|s| s.trim().to_string()).collect();
        }
        Regime::State => {
            let mut right = right.to_string();
            // `05/2024/QĐ-UBND`: the year of a normative document, not of an administrative one.
            if let Some((year, after)) = right.split_once('/')
                && year.len() == 4
                && year.chars().all(|c| c.is_ascii_digit())
            {
                r.warn(
                    no,
                    crate::tr!(
                        "số của văn bản hành chính có ghi năm ({year}): theo NĐ 30 số văn bản không ghi năm (đã bỏ)",
                        "a year ({year}) in an administrative number: NĐ 30 numbers have none (dropped)"
                    ),
                );
                right = after.to_string();
            }
            doc.number = digits(left).map(made);
            let (first, second) = right.split_once('-').unwrap_or((&right, ""));
            let is_kind = rules
                .kinds
                .iter()
                .any(|k| k.abbr.as_deref() == Some(first.trim()));
            if is_kind {
                r.kind_abbr = Some(first.trim().to_string());
                r.issuer_abbrs = vec![second.trim().to_string()];
            } else {
                r.issuer_abbrs = vec![first.trim().to_string()];
                doc.issuer.unit = Some(second.trim().to_string()).filter(|s| !s.is_empty());
            }
        }
    }
}
