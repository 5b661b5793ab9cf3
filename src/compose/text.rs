//! The last pass over the model's text: what both writers must print alike.
//!
//! A tab has no place in these documents (no writer sets tab stops for it):
//! Typst prints nothing for it and Word a jump to the next default stop, so
//! it becomes a space.

use crate::model::{Block, Document, Line};

/// Tidies every text of the document.
pub fn finish(doc: &mut Document) {
    each_text(doc, &mut |text| {
        if text.contains('\t') {
            *text = text.replace('\t', " ");
        }
    });
}

/// Calls `f` on every string a writer prints.
fn each_text(doc: &mut Document, f: &mut dyn FnMut(&mut String)) {
    f(&mut doc.meta.title);
    f(&mut doc.meta.author);
    for row in &mut doc.header.rows {
        lines(&mut row.left, f);
        lines(&mut row.right, f);
    }
    lines(&mut doc.title, f);
    blocks(&mut doc.body, f);
    if let Some(r) = &mut doc.closing.recipients {
        f(&mut r.label.text);
        lines(&mut r.items, f);
    }
    for sig in &mut doc.closing.signatures {
        lines(&mut sig.lines, f);
        f(&mut sig.name.text);
    }
    for a in &mut doc.appendices {
        lines(&mut a.heading, f);
        blocks(&mut a.body, f);
    }
}

fn lines(lines: &mut [Line], f: &mut dyn FnMut(&mut String)) {
    lines.iter_mut().for_each(|l| f(&mut l.text));
}

fn blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut String)) {
    for block in blocks {
        match block {
            Block::Paragraph { label, spans, .. } => {
                if let Some(label) = label {
                    f(label);
                }
                spans.iter_mut().for_each(|s| f(&mut s.text));
            }
            Block::Addressees { label, items, .. } => {
                f(label);
                items.iter_mut().for_each(&mut *f);
            }
            Block::Table { rows, .. } => rows.iter_mut().flatten().for_each(|c| f(&mut c.text)),
        }
    }
}
