//! The type name, the trích yếu, a decision's authority line; then the
//! căn cứ and `Kính gửi:` before the body.

use super::{Reader, is_rule, is_upper, kind_of, upper};
use crate::input::{InputDoc, made};
use crate::rules::RuleSet;

/// The type name, the trích yếu (and its separator), a decision's authority line.
pub(super) fn title(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let Some(line) = r.peek().cloned() else {
        return;
    };
    let Some(kind) = kind_of(rules, &line.text) else {
        return;
    };
    r.next();
    doc.kind = made(kind.id.clone());
    if let (Some(typed), Some(abbr)) = (&r.kind_abbr, &kind.abbr)
        && typed != abbr
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
    let mut summary: Vec<String> = Vec::new();
    while let Some(next) = r.peek().cloned() {
        let text = next.text.trim();
        let styled = next.style.as_deref() == Some("vbSummary");
        let first =
            summary.is_empty() && next.style.is_none() && !is_upper(text) && !starts_body(text);
        let continues = !summary.is_empty()
            && next.style.is_none()
            && text.chars().next().is_some_and(char::is_lowercase);
        if styled || first || continues {
            summary.push(text.to_string());
            r.next();
        } else {
            break;
        }
    }
    if !summary.is_empty() {
        doc.summary = Some(summary.join(" "));
    }
    if r.peek().is_some_and(|l| is_rule(l.text.trim())) {
        r.next();
    }
    if kind.decision.is_some()
        && let Some(next) = r.peek().cloned()
        && is_upper(&next.text)
        && kind.decision.as_deref().map(upper) != Some(upper(&next.text))
    {
        doc.authority = Some(made(next.text.trim().to_string()));
        r.next();
    }
}

pub(super) fn starts_body(text: &str) -> bool {
    ["Căn cứ", "Kính gửi", "Thực hiện", "Xét ", "Theo đề nghị"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// Căn cứ lines and the decision line; `Kính gửi:` and its addressees.
pub(super) fn front(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let decision = rules.kind(&doc.kind.value).and_then(|k| k.decision.clone());
    let mut bases = Vec::new();
    while let Some(line) = r.peek().cloned() {
        let text = line.text.trim();
        if decision.is_some()
            && (["Căn cứ", "Xét ", "Theo đề nghị"]
                .iter()
                .any(|p| text.starts_with(p)))
        {
            bases.push(text.trim_end_matches([';', '.', ',']).to_string());
            r.next();
        } else if decision.as_deref().is_some_and(|d| upper(d) == upper(text)) {
            r.next();
            break;
        } else if let Some(rest) = text.strip_prefix("Kính gửi") {
            r.next();
            let rest = rest.trim_start_matches(':').trim();
            let mut items: Vec<String> = Vec::new();
            if !rest.is_empty() {
                items.push(rest.to_string());
            }
            // One addressee in the cell beside the label (a DOCX layout table).
            if items.is_empty()
                && let Some(next) = r
                    .peek()
                    .cloned()
                    .filter(|l| l.cell && !l.text.trim().starts_with('-'))
            {
                items.push(next.text.trim().to_string());
                r.next();
            }
            // Several addressees are `-` lines; one stays on the label's line.
            if items.first().is_none_or(|i| i.starts_with('-')) {
                while let Some(next) = r.peek().cloned().filter(|l| l.text.trim().starts_with('-'))
                {
                    items.push(next.text.trim().to_string());
                    r.next();
                }
            }
            doc.addressees = Some(made(
                items
                    .iter()
                    .map(|i| {
                        i.trim_start_matches('-')
                            .trim()
                            .trim_end_matches([';', ',', '.'])
                            .to_string()
                    })
                    .collect(),
            ));
        } else {
            break;
        }
    }
    if !bases.is_empty() {
        doc.bases = Some(made(bases));
    }
}
