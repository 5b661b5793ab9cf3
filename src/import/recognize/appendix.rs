//! Appendices: label, title, `(Kèm theo …)`, body.

use super::body::body_line;
use super::{Reader, is_appendix_label};
use crate::input::{AppendixIn, InputDoc, made};

/// Appendices: label, title, `(Kèm theo …)`, body.
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
        let title = r
            .next()
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default();
        let reference = match r.peek() {
            Some(l) if l.text.trim().starts_with("(Kèm theo") => {
                r.next().map(|l| l.text.trim().to_string())
            }
            _ => None,
        };
        let mut body = Vec::new();
        while let Some(line) = r.peek().cloned() {
            if is_appendix_label(line.text.trim()) {
                break;
            }
            r.next();
            body.push(body_line(r, line.text.trim(), line.no));
        }
        doc.appendices.push(AppendixIn {
            title,
            reference,
            body: Some(made(body.join("\n"))),
            ..AppendixIn::default()
        });
    }
}
