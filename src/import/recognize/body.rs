//! The body, line by line in vanban's markup.

use super::{Reader, is_appendix_label, is_signature_start};
use crate::input::{InputDoc, made};
use crate::rules::RuleSet;
use crate::rules::format::{POINT_LETTERS, parse_roman};

/// The body: every line up to `Nơi nhận:` (or the signature, or an
/// appendix), in vanban's markup.
pub(super) fn body(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let mut lines: Vec<String> = Vec::new();
    while let Some(line) = r.peek().cloned() {
        let text = line.text.trim();
        // A layout table's cell after the body is the closing (a DOCX).
        if text.starts_with("Nơi nhận")
            || is_appendix_label(text)
            || is_signature_start(text)
            || line.cell
        {
            break;
        }
        r.next();
        lines.push(body_line(r, text, line.no));
    }
    if let Some(mark) = &rules.body.end_mark {
        let last = lines.iter_mut().rev().find(|l| !l.starts_with('|'));
        match last {
            Some(last)
                if last.ends_with(mark.as_str())
                    || last.ends_with(&mark[1..]) && mark.starts_with('.') =>
            {
                let cut = if last.ends_with(mark.as_str()) {
                    mark.len()
                } else {
                    mark.len() - 1
                };
                last.truncate(last.len() - cut);
                if !last.ends_with('.') && mark.starts_with('.') && cut == mark.len() {
                    // `… năm 2023./.`: the sentence's own full stop stays.
                    last.push('.');
                }
            }
            _ => doc.end_mark = Some(false),
        }
    }
    doc.body = Some(made(lines.join("\n")));
}

/// One body line in the markup: typed numbering kept (`1)` becomes `1.`),
/// bullets as `-`, and anything that would read as markup escaped.
pub(super) fn body_line(r: &mut Reader, text: &str, no: usize) -> String {
    if text.starts_with('|') {
        return text.to_string();
    }
    if let Some(rest) = text.strip_prefix('•').or_else(|| text.strip_prefix('●')) {
        r.warn(
            no,
            crate::tr!(
                "gạch đầu dòng gõ bằng `•`: đã viết lại thành `-`",
                "a bullet typed as `•`: written as `-`"
            ),
        );
        return format!("- {}", rest.trim());
    }
    if let Some((head, rest)) = text.split_once(' ')
        && let Some(digits) = head.strip_suffix(')')
        && digits.parse::<u32>().is_ok()
    {
        r.warn(
            no,
            crate::tr!(
                "số thứ tự gõ là `{head}`: khoản được đánh số `{digits}.`",
                "numbering typed `{head}`: a khoản is numbered `{digits}.`"
            ),
        );
        return format!("{digits}. {rest}");
    }
    if let Some((head, _)) = text.split_once(' ') {
        let numbered = head
            .strip_suffix('.')
            .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
            || head
                .strip_suffix(')')
                .is_some_and(|l| POINT_LETTERS.contains(&l));
        if numbered || head == "-" || head == "+" || text.starts_with("Điều ") {
            return text.to_string();
        }
    }
    if text.starts_with(['#', '|', '\\', '§', '-', '+']) {
        return format!("\\{text}");
    }
    text.to_string()
}
