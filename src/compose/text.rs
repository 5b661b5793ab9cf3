//! The last pass over the model's text: what both writers must print alike.
//!
//! A tab has no place in these documents (no writer sets tab stops for it):
//! Typst prints nothing for it and Word a jump to the next default stop, so
//! it becomes a space. A document symbol (`44-HD/BTGHU`, `310/STC-ĐT`) or a
//! numeric date (`22/12/2024`) in running text must not break across lines:
//! its parts are joined by [`JOINER`], which Typst, LibreOffice and Word
//! read as "no break here".

use crate::model::{Block, Document, JOINER, Line, Role};

/// Tidies every text of the document.
pub fn finish(doc: &mut Document) {
    each_text(doc, &mut |text| {
        if text.contains('\t') {
            *text = text.replace('\t', " ");
        }
    });
    // Every symbol and date has a slash.
    let mut join = |text: &mut String| {
        if text.contains('/') {
            *text = join_symbols(text);
        }
    };
    lines(&mut doc.title, &mut join);
    blocks(&mut doc.body, &mut join);
    for row in &mut doc.header.rows {
        for line in row.left.iter_mut().filter(|l| l.role == Role::Subject) {
            join(&mut line.text);
        }
    }
    for a in &mut doc.appendices {
        lines(&mut a.heading, &mut join);
        lines(&mut a.stamp.lines, &mut join);
        blocks(&mut a.body, &mut join);
    }
}

/// Joins the parts of every symbol and numeric date of `text` (words are
/// separated by spaces; a symbol may sit in brackets or before punctuation).
pub fn join_symbols(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if !word.contains('/') {
            out.push_str(word);
            continue;
        }
        let start = word
            .find(|c: char| c.is_alphanumeric() || c == '-')
            .unwrap_or(word.len());
        let end = word
            .rfind(char::is_alphanumeric)
            .map_or(start, |e| {
                e + word[e..].chars().next().map_or(0, char::len_utf8)
            })
            .max(start);
        let core = &word[start..end];
        out.push_str(&word[..start]);
        let after_blank = word[..start].ends_with(crate::rules::format::BLANK_DIGIT);
        if is_symbol(core, after_blank) {
            for c in core.chars().filter(|c| *c != JOINER) {
                if c == '-' {
                    out.push(JOINER);
                }
                out.push(c);
                if c == '-' || c == '/' {
                    out.push(JOINER);
                }
            }
        } else {
            out.push_str(core);
        }
        out.push_str(&word[end..]);
    }
    out
}

/// `44-HD/BTGHU`, `02-CTrPH/BTGHU-HĐND-UBND`, `30/2020/NĐ-CP`: letters and
/// digits in parts joined by `-` and `/`, at least one `/`, a digit and a
/// capital; or a numeric date (`22/12/2024`, `30/6`). After a draft's blank
/// number, `-BC/ĐU` too.
fn is_symbol(core: &str, after_blank: bool) -> bool {
    let core = if after_blank {
        core.strip_prefix('-').unwrap_or(core)
    } else {
        core
    };
    let parts: Vec<&str> = core.split(['-', '/']).collect();
    if !core.contains('/')
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_alphanumeric() || c == JOINER))
    {
        return false;
    }
    let digits = core.chars().any(|c| c.is_ascii_digit());
    let capital = core.chars().any(char::is_uppercase);
    let date = !core.contains('-') && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    (digits || after_blank) && capital || date
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
        lines(&mut a.stamp.lines, f);
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

#[cfg(test)]
mod tests {
    use super::join_symbols;

    fn shown(text: &str) -> String {
        join_symbols(text).replace('\u{2060}', "+")
    }

    #[test]
    fn symbols_and_dates_are_joined_and_other_words_left_alone() {
        assert_eq!(shown("số 44-HD/BTGHU,"), "số 44+-+HD/+BTGHU,");
        assert_eq!(
            shown("(02-CTrPH/BTGHU-HĐND-UBND)"),
            "(02+-+CTrPH/+BTGHU+-+HĐND+-+UBND)"
        );
        assert_eq!(shown("Số 310/STC-ĐT."), "Số 310/+STC+-+ĐT.");
        assert_eq!(shown("ngày 22/12/2024;"), "ngày 22/+12/+2024;");
        assert_eq!(
            shown("Nghị định 30/2020/NĐ-CP"),
            "Nghị định 30/+2020/+NĐ+-+CP"
        );
        for plain in [
            "kinh tế - xã hội",
            "V/v nâng lương",
            "(b/c)",
            "2020-2025",
            "và/hoặc",
        ] {
            assert_eq!(shown(plain), plain);
        }
        let blank = "\u{2007}".repeat(3);
        assert_eq!(
            shown(&format!("số {blank}-BC/ĐU ngày")),
            format!("số {blank}+-+BC/+ĐU ngày")
        );
        // Joining twice changes nothing.
        assert_eq!(
            join_symbols(&join_symbols("44-HD/BTGHU")),
            join_symbols("44-HD/BTGHU")
        );
    }
}
