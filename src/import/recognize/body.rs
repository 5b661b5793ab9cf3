//! The body, line by line in vanban's markup.

use super::{Reader, is_appendix_label, is_name, is_signature_start, is_upper, numbered};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::RuleSet;
use crate::rules::format::{POINT_LETTERS, parse_roman};

/// The body: every line up to `Nơi nhận:` (or the signature, or an
/// appendix), wrapped lines joined into paragraphs, in vanban's markup.
pub(super) fn body(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let end = end(r);
    let paragraphs = super::wrap::paragraphs(&r.wrap, &r.lines[r.at..end]);
    r.at = end;
    let mut lines: Vec<String> = Vec::new();
    for text in std::mem::take(&mut r.leading) {
        lines.push(body_line(r, &text, 0));
    }
    for (no, text) in paragraphs {
        lines.push(body_line(r, &text, no));
    }
    end_mark(rules, doc, &mut lines);
    doc.body = Some(made(lines.join("\n")));
}

/// Where the body ends: `Nơi nhận:`, an appendix, a signature (its
/// authority line, or titles over a name), a layout table's cell (a DOCX).
fn end(r: &Reader) -> usize {
    let lines = r.lines;
    (r.at..lines.len())
        .find(|i| {
            let line = &lines[*i];
            let text = line.text.trim();
            !line.blank
                && (text.starts_with("Nơi nhận")
                    || is_appendix_label(text)
                    || is_signature_start(text)
                    || line.cell
                    || titles_over_a_name(lines, *i))
        })
        .unwrap_or(lines.len())
}

/// `TRƯỞNG BAN` / `Nguyễn Văn An`: upper-case lines, not numbered, then a
/// name within a few lines (side-by-side signatures give their titles
/// first).
fn titles_over_a_name(lines: &[DraftLine], i: usize) -> bool {
    let title = |t: &str| is_upper(t) && !numbered(t) && !t.ends_with(':') && !t.starts_with('|');
    if !title(lines[i].text.trim()) {
        return false;
    }
    for line in lines[i + 1..].iter().filter(|l| !l.blank).take(8) {
        let text = line.text.trim();
        if is_name(text) {
            return true;
        }
        if !title(text) {
            return false;
        }
    }
    false
}

/// The rule set's end mark (`./.`) is vanban's to write: taken off the last
/// paragraph, or `end_mark: false` when the draft has none.
fn end_mark(rules: &RuleSet, doc: &mut InputDoc, lines: &mut [String]) {
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
