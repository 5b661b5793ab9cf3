//! The closing: `Nơi nhận:` and its items, then the signature blocks.

use super::signature::signatures;
use super::{Reader, is_appendix_label, is_signature_start, is_upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, Recipient, RecipientsIn};
use crate::rules::RuleSet;

/// `Nơi nhận:` and its items; the signature blocks.
pub(super) fn closing(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let mut blocks: Vec<Vec<DraftLine>> = vec![Vec::new()];
    while let Some(line) = r.lines.get(r.at) {
        let text = line.text.trim();
        if is_appendix_label(text) {
            break;
        }
        // Recipients come before the signature, or after several signatures.
        if text.starts_with("Nơi nhận") {
            r.at += 1;
            recipients(r, rules, doc);
            continue;
        }
        r.at += 1;
        if line.blank {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else {
            blocks.last_mut().expect("a block").push(line.clone());
        }
    }
    signatures(r, rules, doc, blocks);
}

/// The items under `Nơi nhận:`: `-` lines, a wrapped item joined to its
/// line, the archive line last.
pub(super) fn recipients(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let mut items: Vec<(usize, String)> = Vec::new();
    while let Some(line) = r.lines.get(r.at) {
        let text = line.text.trim().to_string();
        if line.blank || is_signature_start(&text) || is_upper(&text) {
            break;
        }
        r.at += 1;
        match text.strip_prefix('-') {
            Some(item) => items.push((line.no, item.trim().to_string())),
            None => match items.last_mut() {
                Some((_, last)) => *last = format!("{last} {text}"),
                None => items.push((line.no, text)),
            },
        }
    }
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
