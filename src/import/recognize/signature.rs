//! Signature blocks: authority lines with their prefix, the position, the
//! name. The blocks come as the text gives them: each title over its name,
//! or (signatures side by side, copied row by row) the titles first, then
//! the names, paired in order.

use super::{Reader, is_name};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, SignatureIn, ThenIn, made};
use crate::rules::{Regime, RuleSet};

/// One line of the signature part, or a blank line between blocks.
pub(super) type Entry = Option<DraftLine>;

/// Builds the signatures from their lines; returns the title lines left
/// over after the last name (the start of an attachment, not a signature).
pub(super) fn signatures(
    r: &mut Reader,
    rules: &RuleSet,
    doc: &mut InputDoc,
    entries: Vec<Entry>,
) -> Vec<DraftLine> {
    let mut titles: Vec<Vec<DraftLine>> = Vec::new();
    let mut names: Vec<DraftLine> = Vec::new();
    let mut group: Vec<DraftLine> = Vec::new();
    for entry in entries {
        match entry {
            Some(line) if is_name(line.text.trim()) => {
                if !group.is_empty() {
                    titles.push(std::mem::take(&mut group));
                }
                // A row of names side by side: one entry each.
                for name in super::names(line.text.trim()).unwrap_or_default() {
                    names.push(DraftLine {
                        text: name,
                        ..line.clone()
                    });
                }
            }
            Some(line) => group.push(line),
            None if !group.is_empty() => titles.push(std::mem::take(&mut group)),
            None => {}
        }
    }
    if !group.is_empty() {
        titles.push(group);
    }
    if titles.len() == 1 && names.len() > 1 {
        titles = side_by_side(titles.remove(0), names.len());
    }
    // Titles after the last name with no name of their own: not a signature.
    let mut rest = Vec::new();
    while titles.len() > names.len() && !names.is_empty() {
        rest.splice(0..0, titles.pop().unwrap_or_default());
    }
    let mut out = Vec::new();
    let mut names = names.into_iter();
    for block in titles {
        let name = names.next();
        out.extend(signature(r, rules, &block, name));
    }
    for name in names {
        r.not_placed(&name);
    }
    match out.len() {
        0 => {}
        1 => doc.signature = out.pop(),
        _ => doc.signatures = Some(made(out)),
    }
    rest
}

/// One group of titles for `n` names side by side (copied row by row): its
/// lines shared out evenly, or one line's words.
fn side_by_side(group: Vec<DraftLine>, n: usize) -> Vec<Vec<DraftLine>> {
    if group.len() > 1 && group.len().is_multiple_of(n) {
        return group.chunks(group.len() / n).map(<[_]>::to_vec).collect();
    }
    let words: Vec<&str> = group[0].text.split_whitespace().collect();
    if group.len() == 1 && words.len().is_multiple_of(n) {
        return words
            .chunks(words.len() / n)
            .map(|w| {
                vec![DraftLine {
                    text: w.join(" "),
                    ..group[0].clone()
                }]
            })
            .collect();
    }
    vec![group]
}

/// A signature: an authority line with a prefix (and a second one), then
/// the position (its lines kept), and the name.
fn signature(
    r: &mut Reader,
    rules: &RuleSet,
    titles: &[DraftLine],
    name: Option<DraftLine>,
) -> Option<SignatureIn> {
    let Some(name) = name else {
        if let Some(first) = titles.first() {
            r.warn(
                first.no,
                crate::tr!(
                    "chữ ký không có họ tên người ký: hãy điền `name`",
                    "a signature without the signer's name: fill in `name`"
                ),
            );
        }
        return Some(build(rules, titles, String::new()));
    };
    if titles.is_empty() {
        r.not_placed(&name);
        return None;
    }
    Some(build(rules, titles, name.text.trim().to_string()))
}

fn build(rules: &RuleSet, titles: &[DraftLine], name: String) -> SignatureIn {
    let mut titles: Vec<String> = titles.iter().map(|l| l.text.trim().to_string()).collect();
    let mut sig = SignatureIn {
        name,
        ..SignatureIn::default()
    };
    if let Some((prefix, of)) = titles.first().and_then(|t| prefixed(rules, t)) {
        sig.prefix = Some(made(prefix));
        sig.on_behalf = Some(of);
        titles.remove(0);
        if let Some((prefix, of)) = titles.first().and_then(|t| prefixed(rules, t)) {
            sig.then = Some(ThenIn {
                prefix: made(prefix),
                on_behalf: of,
            });
            titles.remove(0);
        }
    }
    sig.position = titles.join("\n");
    sig
}

/// `T/M BAN THƯỜNG VỤ` → (`T/M`, `BAN THƯỜNG VỤ`), the prefix in this rule
/// set's form.
fn prefixed(rules: &RuleSet, text: &str) -> Option<(String, String)> {
    let (prefix, rest) = text.split_once(' ')?;
    let known = [
        "T/M", "K/T", "T/L", "T/U", "Q.", "TM.", "KT.", "TL.", "TUQ.",
    ];
    known
        .contains(&prefix)
        .then(|| (fix_prefix(rules, prefix), rest.trim().to_string()))
}

/// A prefix of the other regime becomes this one's (`TM.` ↔ `T/M`).
fn fix_prefix(rules: &RuleSet, prefix: &str) -> String {
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
