//! Signature blocks: authority lines with their prefix, position, name.

use super::{Reader, is_upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, SignatureIn, ThenIn, made};
use crate::rules::{Regime, RuleSet};

/// Signature blocks, separated by blank lines.
pub(super) fn signatures(
    r: &mut Reader,
    rules: &RuleSet,
    doc: &mut InputDoc,
    blocks: Vec<Vec<DraftLine>>,
) {
    // A name alone after a blank line (the room to sign) ends the block above
    // when that block has only titles (upper case) so far.
    let mut merged: Vec<Vec<DraftLine>> = Vec::new();
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        match merged.last_mut() {
            Some(previous)
                if block.len() == 1 && previous.last().is_some_and(|l| is_upper(&l.text)) =>
            {
                previous.extend(block)
            }
            _ => merged.push(block),
        }
    }
    let signatures: Vec<SignatureIn> = merged
        .iter()
        .filter_map(|b| signature(r, rules, b))
        .collect();
    match signatures.len() {
        0 => {}
        1 => doc.signature = signatures.into_iter().next(),
        _ => doc.signatures = Some(made(signatures)),
    }
}

/// A signature block: authority line(s) with a prefix, the position, the
/// name (its last line).
pub(super) fn signature(
    r: &mut Reader,
    rules: &RuleSet,
    block: &[DraftLine],
) -> Option<SignatureIn> {
    let (name, titles) = block.split_last()?;
    let mut sig = SignatureIn {
        name: name.text.trim().to_string(),
        ..SignatureIn::default()
    };
    let mut titles: Vec<String> = titles.iter().map(|l| l.text.trim().to_string()).collect();
    if titles.is_empty() {
        r.warn(
            name.no,
            crate::tr!(
                "không xếp được: đã chuyển xuống cuối phần nội dung: {}",
                "not placed: moved to the end of the body: {}",
                name.text
            ),
        );
        r.unplaced.push(name.text.trim().to_string());
        return None;
    }
    sig.position = titles.pop().unwrap_or_default();
    let prefixed = |text: &str| -> Option<(String, String)> {
        let (prefix, rest) = text.split_once(' ')?;
        let known = [
            "T/M", "K/T", "T/L", "T/U", "Q.", "TM.", "KT.", "TL.", "TUQ.",
        ];
        known
            .contains(&prefix)
            .then(|| (fix_prefix(rules, prefix), rest.trim().to_string()))
    };
    if let Some(first) = titles.first().and_then(|t| prefixed(t)) {
        sig.prefix = Some(made(first.0));
        sig.on_behalf = Some(first.1);
    } else if let Some(first) = titles.first() {
        sig.on_behalf = Some(first.clone());
    }
    if let Some((prefix, of)) = titles.get(1).and_then(|t| prefixed(t)) {
        sig.then = Some(ThenIn {
            prefix: made(prefix),
            on_behalf: of,
        });
    }
    Some(sig)
}

/// A prefix of the other regime becomes this one's (`TM.` ↔ `T/M`).
pub(super) fn fix_prefix(rules: &RuleSet, prefix: &str) -> String {
    if rules.prefix(prefix).is_some() {
        return prefix.to_string();
    }
    let pairs = [
        ("T/M", "TM."),
        ("K/T", "KT."),
        ("T/L", "TL."),
        ("T/U", "TUQ."),
    ];
    pairs
        .iter()
        .find_map(|(party, state)| match rules.regime {
            Regime::Party if prefix == *state => Some(party.to_string()),
            Regime::State if prefix == *party => Some(state.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| prefix.to_string())
}
