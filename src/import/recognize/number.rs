//! The number line (`Số 44-HD/BTGHU`, `Số: 05/QĐ-UBND`, `Số: 12/UBND-VP`,
//! a draft's blank), and the number an electronically issued document has
//! stamped on a line of its own when its number line is left blank.

use super::Reader;
use crate::input::{DocNumber, InputDoc, made};
use crate::rules::{Regime, RuleSet};

/// Reads the number line's `rest` (after `Số`).
pub(super) fn number_line(
    r: &mut Reader,
    rules: &RuleSet,
    doc: &mut InputDoc,
    rest: &str,
    no: usize,
) {
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
    let number = match rules.regime {
        Regime::Party => party(r, left, right),
        Regime::State => state(r, rules, doc, left, right, no),
    };
    let number = number.trim();
    match DocNumber::parse(number) {
        Some(n) => doc.number = Some(made(n.into())),
        None if number.is_empty() => r.blank_number = Some(no),
        None => r.warn(
            no,
            crate::tr!(
                "số `{number}` không đọc được: hãy điền `number`",
                "the number `{number}` could not be read: fill in `number`"
            ),
        ),
    }
}

/// `44-HD` / `BTGHU-HĐND`: the number, the kind's and the issuers'
/// abbreviations.
fn party<'a>(r: &mut Reader, left: &'a str, right: &str) -> &'a str {
    let (n, kind) = left.split_once('-').unwrap_or(("", left));
    r.kind_abbr = Some(kind.trim().to_string());
    r.issuer_abbrs = right.split('-').map(|s| s.trim().to_string()).collect();
    n
}

/// `05` / `QĐ-UBND`, or `12` / `UBND-VP` for a công văn (issuer and unit).
fn state<'a>(
    r: &mut Reader,
    rules: &RuleSet,
    doc: &mut InputDoc,
    left: &'a str,
    right: &str,
    no: usize,
) -> &'a str {
    let mut right = right.to_string();
    // `05/2024/QĐ-UBND`: the year of a normative document, not of an administrative one.
    if let Some((year, after)) = right.split_once('/')
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
    {
        r.warn(
            no,
            crate::tr!(
                "số của văn bản hành chính có ghi năm ({year}, `{left}/{right}`): theo NĐ 30 số văn bản không ghi năm (đã bỏ)",
                "a year ({year}) in an administrative number (`{left}/{right}`): NĐ 30 numbers have none (dropped)"
            ),
        );
        right = after.to_string();
    }
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
    left
}

/// A blank number line and one number alone on a line elsewhere (where the
/// signing system stamped it): that number, to be confirmed.
pub(super) fn recover(r: &mut Reader, doc: &mut InputDoc) {
    let Some(no) = r.blank_number.filter(|_| doc.number.is_none()) else {
        return;
    };
    match r.lone.as_slice() {
        [(at, n)] => {
            let (at, n) = (*at, n.clone());
            doc.number = DocNumber::parse(&n).map(|n| made(n.into()));
            r.warn(
                at,
                crate::tr!(
                    "dòng số để trống (dòng {no}); số `{n}` đứng riêng ở dòng {at} được lấy làm số văn bản: hãy kiểm tra",
                    "the number line is blank (line {no}); `{n}`, alone on line {at}, is taken for the number: check it"
                ),
            );
        }
        [] => {}
        several => {
            let all: Vec<&str> = several.iter().map(|(_, n)| n.as_str()).collect();
            r.warn(
                no,
                crate::tr!(
                    "dòng số để trống; các số đứng riêng {} có thể là số văn bản: hãy điền `number`",
                    "the number line is blank; the lone numbers {} may be the number: fill in `number`",
                    all.join(", ")
                ),
            );
        }
    }
}

/// `Số -CV/ĐU`, `Số:    /QĐ-UBND`: a number line whose number is blank.
pub(super) fn is_blank(text: &str) -> bool {
    let Some(rest) = text.trim().strip_prefix("Số") else {
        return false;
    };
    let rest = rest.trim_start_matches([':', ' ']);
    rest.split_once('/').is_some_and(|(left, right)| {
        !left.chars().any(|c| c.is_ascii_digit()) && !right.is_empty() && left.len() <= 12
    })
}
