//! The closing: `Nơi nhận:` and its items, the signatures, whatever order
//! the text gives them in (a column of recipients may come interleaved with
//! the signature's lines). What follows the signature is no signature: an
//! attachment, kept as an appendix and reported.

use super::signature::{Entry, signatures};
use super::{Reader, is_appendix_label, is_name, is_signature_start, is_upper};
use crate::import::read::DraftLine;
use crate::input::{AppendixIn, InputDoc, Recipient, RecipientsIn, made};
use crate::rules::RuleSet;

/// What the closing's lines were sorted into.
#[derive(Default)]
struct Sorted {
    items: Vec<(usize, String)>,
    labelled: bool,
    signature: Vec<Entry>,
    /// Lines before the signature's name that are neither.
    stray: Vec<DraftLine>,
    after: Vec<DraftLine>,
}

pub(super) fn closing(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let end = (r.at..r.lines.len())
        .find(|i| is_appendix_label(r.lines[*i].text.trim()))
        .unwrap_or(r.lines.len());
    let sorted = sort(r, end);
    r.at = end;
    if sorted.labelled || !sorted.items.is_empty() {
        recipients(r, rules, doc, sorted.items);
    }
    for line in &sorted.stray {
        r.not_placed(line);
    }
    let mut after = signatures(r, rules, doc, sorted.signature);
    after.extend(sorted.after);
    attachment(r, doc, after);
}

/// Sorts the lines up to `end` into recipients, signature and what comes
/// after the signature.
fn sort(r: &mut Reader, end: usize) -> Sorted {
    let mut s = Sorted::default();
    let mut named = false;
    // Whether the last line read was a recipient (which a wrapped line goes on).
    let mut item_last = false;
    for line in &r.lines[r.at..end] {
        let text = line.text.trim();
        if line.blank {
            s.signature.push(None);
            continue;
        }
        let was_item = std::mem::replace(&mut item_last, false);
        if !s.after.is_empty() {
            s.after.push(line.clone());
        } else if let Some(rest) = text.strip_prefix("Nơi nhận") {
            s.labelled = true;
            let rest = rest.trim_start_matches(':').trim();
            if !rest.is_empty() {
                s.items
                    .push((line.no, rest.trim_start_matches('-').trim().to_string()));
            }
        } else if s.labelled && text.starts_with('-') {
            s.items.push((line.no, text[1..].trim().to_string()));
            item_last = true;
            continue;
        } else if s.labelled && continues_item(&s.items, text, was_item || !named) {
            let last = s.items.last_mut().expect("an item");
            last.1.push(' ');
            last.1.push_str(text);
            continue;
        } else if is_signature_start(text) || is_upper(text) || is_name(text) {
            named |= is_name(text);
            s.signature.push(Some(line.clone()));
        } else if named {
            s.after.push(line.clone());
        } else {
            s.stray.push(line.clone());
        }
    }
    s
}

/// A recipient wrapped over two lines: the line starts in small letters or
/// a bracket, right under the item, or (a column interleaved with the
/// signature's) under an item left unfinished.
fn continues_item(items: &[(usize, String)], text: &str, near: bool) -> bool {
    let Some((_, last)) = items.last() else {
        return false;
    };
    let unfinished = !last.ends_with([',', ';', '.']);
    text.starts_with(|c: char| c.is_lowercase() || c == '(') && (near || unfinished)
}

/// The items under `Nơi nhận:`; the archive line last.
fn recipients(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc, items: Vec<(usize, String)>) {
    let mut recipients = RecipientsIn::default();
    let last = items.len().saturating_sub(1);
    for (i, (no, item)) in items.into_iter().enumerate() {
        let item = item.trim_end_matches([',', ';', '.']).trim().to_string();
        // The archive line is the last: `Lưu …` (Party) or `Lưu: VT, …` (State).
        if let Some(archive) = item.strip_prefix("Lưu").filter(|_| i == last) {
            let archive = archive.trim_start_matches(':').trim();
            recipients.archive = archive
                .strip_prefix("VT,")
                .unwrap_or(archive)
                .trim()
                .to_string();
        } else if item == rules.recipients.as_addressed && doc.addressees.is_some() {
            // vanban writes it itself when the document has Kính gửi.
        } else if item.is_empty() {
            r.warn(
                no,
                crate::tr!(
                    "dòng nơi nhận bị trống, đã bỏ qua",
                    "an empty recipient line, left out"
                ),
            );
        } else {
            recipients.items.push(recipient(&item));
        }
    }
    doc.recipients = Some(recipients);
}

/// `Ban Tuyên giáo Tỉnh ủy (b/c)` → `{ to, purpose: b/c }`.
pub(super) fn recipient(item: &str) -> Recipient {
    if let Some(open) = item.rfind('(')
        && item.ends_with(')')
        && item.len() - open <= 24
    {
        return Recipient {
            to: item[..open].trim().to_string(),
            purpose: Some(item[open + 1..item.len() - 1].trim().to_string()),
        };
    }
    Recipient {
        to: item.to_string(),
        purpose: None,
    }
}

/// What follows the signature: a line or two are kept at the end of the
/// body; more (a programme, a draft attached) become an appendix, titled by
/// its first lines in capitals. Either way, said.
fn attachment(r: &mut Reader, doc: &mut InputDoc, lines: Vec<DraftLine>) {
    let lines: Vec<DraftLine> = lines.into_iter().filter(|l| !l.blank).collect();
    if lines.len() <= 2 {
        for line in &lines {
            r.not_placed(line);
        }
        return;
    }
    let heading = lines
        .iter()
        .take_while(|l| is_upper(l.text.trim()))
        .count()
        .clamp(1, 3);
    let title: Vec<&str> = lines[..heading].iter().map(|l| l.text.trim()).collect();
    let title = title.join(" ");
    let paragraphs = super::wrap::paragraphs(&r.wrap, &lines[heading..]);
    let body: Vec<String> = paragraphs
        .into_iter()
        .map(|(no, text)| super::body::body_line(r, &text, no))
        .collect();
    r.warn(
        lines[0].no,
        crate::tr!(
            "sau chữ ký còn {} dòng (từ dòng {} đến dòng {}): đã giữ lại thành phụ lục `{title}`, hãy kiểm tra",
            "{} lines after the signature (lines {} to {}): kept as the appendix `{title}`; check it",
            lines.len(),
            lines[0].no,
            lines[lines.len() - 1].no
        ),
    );
    doc.appendices.push(AppendixIn {
        title,
        body: Some(made(body.join("\n"))),
        ..AppendixIn::default()
    });
}
