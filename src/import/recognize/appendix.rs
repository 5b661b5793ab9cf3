//! Appendices: label, title (maybe over two lines), `(Kèm theo …)` (maybe
//! wrapped), body in paragraphs.

use super::body::body_line;
use super::{Reader, is_appendix_label, is_upper};
use crate::input::{AppendixIn, InputDoc, made};

pub(super) fn appendices(r: &mut Reader, doc: &mut InputDoc) {
    while let Some(label) = r.next() {
        if !is_appendix_label(label.text.trim()) {
            r.warn(
                label.no,
                crate::tr!(
                    "không xếp được: đã chuyển xuống cuối phần nội dung: {}",
                    "not placed: moved to the end of the body: {}",
                    label.text
                ),
            );
            r.unplaced.push(label.text.trim().to_string());
            continue;
        }
        let title = title(r);
        let reference = reference(r);
        let end = (r.at..r.lines.len())
            .find(|i| is_appendix_label(r.lines[*i].text.trim()))
            .unwrap_or(r.lines.len());
        let paragraphs = super::wrap::paragraphs(&r.wrap, &r.lines[r.at..end]);
        r.at = end;
        let body: Vec<String> = paragraphs
            .into_iter()
            .map(|(no, text)| body_line(r, &text, no))
            .collect();
        doc.appendices.push(AppendixIn {
            title,
            reference,
            body: Some(made(body.join("\n"))),
            ..AppendixIn::default()
        });
    }
}

/// The title: its first line, and the next ones while they continue it
/// (capitals after capitals, or a wrapped line).
fn title(r: &mut Reader) -> String {
    let Some(first) = r.next() else {
        return String::new();
    };
    let mut title = first.text.trim().to_string();
    let mut last = first;
    while let Some(next) = r.peek().cloned() {
        let text = next.text.trim();
        let capitals = is_upper(&title) && is_upper(text) && !is_appendix_label(text);
        if text.starts_with("(Kèm theo") || !(capitals || r.wrap.continues(&last, &next, false)) {
            break;
        }
        title.push(' ');
        title.push_str(text);
        r.next();
        last = next;
    }
    title
}

/// `(Kèm theo …)`, up to its closing bracket.
fn reference(r: &mut Reader) -> Option<String> {
    if !r.peek()?.text.trim().starts_with("(Kèm theo") {
        return None;
    }
    let mut text = String::new();
    for _ in 0..3 {
        let Some(line) = r.next() else { break };
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line.text.trim());
        if text.ends_with(')') {
            break;
        }
    }
    Some(text)
}
