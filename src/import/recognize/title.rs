//! The type name, the trích yếu (and its separator), a decision's authority
//! line.

use super::{Reader, is_rule, is_upper, kind_of, upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::{Kind, RuleSet};

/// The type name and what follows it up to the căn cứ or the body.
pub(super) fn title(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let Some(line) = r.peek().cloned() else {
        return;
    };
    let Some((kind, rest)) = kind_of(rules, &line.text) else {
        return;
    };
    r.next();
    doc.kind = made(kind.id.clone());
    check_abbreviation(r, kind, &line);
    let mut summary: Vec<String> = Vec::new();
    if !rest.is_empty() {
        rest_of_title(r, kind, &line, &mut summary);
    }
    summary_lines(r, &mut summary, kind.decision.is_some(), Some(&line));
    if !summary.is_empty() {
        let text = summary.join(" ");
        if is_upper(&text) {
            r.warn(
                line.no,
                crate::tr!(
                    "trích yếu viết chữ in hoa: theo quy định trích yếu viết chữ thường, hãy sửa `summary`",
                    "the trích yếu is in capitals: the rules write it in small letters; edit `summary`"
                ),
            );
        }
        doc.summary = Some(text);
    }
    if r.peek().is_some_and(|l| is_rule(l.text.trim())) {
        r.next();
    }
    authority(r, kind, doc);
}

/// What follows the type name on its line: the start of the trích yếu
/// (`KẾT LUẬN CỦA BAN THƯỜNG VỤ …`), or a word vanban's type name has no room
/// for (`BÁO CÁO NHANH`), reported.
fn rest_of_title(r: &mut Reader, kind: &Kind, line: &DraftLine, summary: &mut Vec<String>) {
    let name = kind.name.as_deref().unwrap_or("");
    let typed: Vec<&str> = line.text.split_whitespace().collect();
    let rest = typed[name.split_whitespace().count().min(typed.len())..].join(" ");
    if preamble(&rest) {
        summary.push(rest);
        return;
    }
    r.warn(
        line.no,
        crate::tr!(
            "tên loại văn bản ghi `{}`: vanban in tên loại `{name}`, chữ `{rest}` không được giữ (nếu cần, đưa vào `summary`)",
            "the type name reads `{}`: vanban prints `{name}`; `{rest}` is not kept (put it in `summary` if needed)",
            line.text.trim()
        ),
    );
}

/// The type name's abbreviation against the number line's.
fn check_abbreviation(r: &mut Reader, kind: &Kind, line: &DraftLine) {
    if let (Some(typed), Some(abbr)) = (r.kind_abbr.clone(), &kind.abbr)
        && typed != *abbr
    {
        r.warn(
            line.no,
            crate::tr!(
                "dòng số ghi `{typed}` nhưng chữ viết tắt của tên loại `{}` là `{abbr}`: vanban dùng `{abbr}`",
                "the number says `{typed}` but the type name `{}` is `{abbr}`: vanban uses `{abbr}`",
                line.text
            ),
        );
    }
}

/// The trích yếu's lines: styled so (a DOCX); the first line in small
/// letters, or in capitals starting `CỦA`, `VỀ`; then its wrapped lines.
fn summary_lines(
    r: &mut Reader,
    summary: &mut Vec<String>,
    decision: bool,
    title: Option<&DraftLine>,
) {
    // A Party trích yếu ends at the rule under it: every line before is it.
    let rule = r.lines[r.at..]
        .iter()
        .filter(|l| !l.blank)
        .take(5)
        .position(|l| is_rule(l.text.trim()));
    if let Some(n) = rule.filter(|n| *n > 0 || !summary.is_empty()) {
        for _ in 0..n {
            if let Some(line) = r.next() {
                summary.push(line.text.trim().to_string());
            }
        }
        return;
    }
    let mut last = title.filter(|_| !summary.is_empty()).cloned();
    while let Some(next) = r.peek().cloned() {
        let text = next.text.trim();
        let styled = next.style.as_deref() == Some("vbSummary");
        let plain = next.style.is_none() && !is_rule(text);
        // Capitals after a type name: the trích yếu, unless a decision's
        // authority line comes there.
        let capitals =
            is_upper(text) && !super::numbered(text) && !(decision && authority_like(text));
        let first = summary.is_empty()
            && plain
            && (!is_upper(text) && !starts_body(text) || preamble(text) || !decision && capitals);
        // A blank line between: another paragraph.
        let adjacent = r.lines.get(r.at).is_some_and(|l| !l.blank);
        let continues = !summary.is_empty()
            && plain
            && adjacent
            && !starts_body(text)
            && !(decision && authority_like(text))
            && last.as_ref().is_some_and(|l| wrapped_title(l, &next));
        if styled || first || continues {
            summary.push(text.to_string());
            last = Some(next);
            r.next();
        } else {
            break;
        }
    }
}

/// A decision's authority line: a body (`ỦY BAN NHÂN DÂN TỈNH …`) or a
/// head (`CHỦ TỊCH …`, `GIÁM ĐỐC …`).
fn authority_like(text: &str) -> bool {
    let up = upper(text);
    let heads = [
        "CHỦ TỊCH",
        "GIÁM ĐỐC",
        "BỘ TRƯỞNG",
        "CHÁNH",
        "TRƯỞNG",
        "BÍ THƯ",
        "THỦ TƯỚNG",
    ];
    super::BODIES
        .iter()
        .chain(heads.iter())
        .any(|b| up.starts_with(&format!("{b} ")))
}

/// A trích yếu's next line: in small letters (or figures); or, after a line
/// that ends inside a sentence, a short line that ends none (a body's first
/// line is long, or ends with `:`); or capitals after capitals.
fn wrapped_title(last: &DraftLine, next: &DraftLine) -> bool {
    let (a, b) = (last.text.trim(), next.text.trim());
    if super::wrap::starts_block(b) || last.whole {
        return false;
    }
    super::wrap::soft_break(a, b)
        || is_upper(a) && is_upper(b)
        || !a.ends_with(['.', ':', ';'])
            && !b.ends_with([':', ';'])
            && b.chars().count() * 2 < a.chars().count()
}

/// An upper-case trích yếu: `CỦA BAN THƯỜNG VỤ …`, `VỀ …`.
fn preamble(text: &str) -> bool {
    let up = upper(text);
    is_upper(text) && ["CỦA ", "VỀ ", "V/V "].iter().any(|p| up.starts_with(p))
}

pub(super) fn starts_body(text: &str) -> bool {
    ["Căn cứ", "Kính gửi", "Thực hiện", "Xét ", "Theo đề nghị"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// A decision's authority line (`CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …`): in
/// capitals, not the decision word itself.
fn authority(r: &mut Reader, kind: &Kind, doc: &mut InputDoc) {
    if kind.decision.is_none() {
        return;
    }
    if let Some(next) = r.peek().cloned()
        && is_upper(&next.text)
        && kind.decision.as_deref().map(upper) != Some(upper(&next.text))
    {
        doc.authority = Some(made(next.text.trim().to_string()));
        r.next();
    }
}
