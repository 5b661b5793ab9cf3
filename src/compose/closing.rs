//! What surrounds the body: `Kính gửi:` and căn cứ before it; recipients and
//! signatures after it.

use crate::fonts;
use crate::input::{InputDoc, SignatureIn};
use crate::model::{Block, Closing, Line, Recipients, Role, Signature, Span, Styles};
use crate::rules::format;
use crate::rules::{Kind, RuleSet};

/// `Kính gửi:` as a block: one addressee on the label's line; several as
/// `-` lines under it, punctuated by the rule set.
pub fn addressees(
    rules: &RuleSet,
    styles: &Styles,
    doc: &InputDoc,
    text_width: f64,
) -> Option<Block> {
    let items: Vec<String> = doc
        .addressees
        .as_ref()?
        .value
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    let r = &rules.addressees;
    let items = match items.len() {
        0 => return None,
        1 => items,
        _ => format::punctuate(&items, &r.item_end, &r.last_end)
            .into_iter()
            .map(|i| format!("- {i}"))
            .collect(),
    };
    let s = styles.get(Role::Addressee);
    let measure = |t: &str| fonts::text_width_mm(t, s.size, s.bold, s.italic);
    let label = measure(&format!("{} ", r.label)) + 1.0;
    let longest = items.iter().map(|i| measure(i)).fold(0.0, f64::max) + 1.0;
    Some(Block::Addressees {
        label: r.label.clone(),
        items,
        widths: [label, longest.min(text_width - label)],
    })
}

/// Căn cứ lines (punctuated) and the decision line (`QUYẾT ĐỊNH:`).
pub fn bases(rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Vec<Block> {
    let Some(decision) = &kind.decision else {
        return Vec::new();
    };
    if doc.bases.is_none() && doc.authority.is_none() {
        return Vec::new();
    }
    let items = doc
        .bases
        .as_ref()
        .map(|b| b.value.clone())
        .unwrap_or_default();
    let d = &rules.decision;
    let mut blocks: Vec<Block> = format::punctuate(&items, &d.item_end, &d.last_end)
        .into_iter()
        .map(|text| Block::Paragraph {
            role: Role::Basis,
            label: None,
            spans: vec![Span::plain(text)],
        })
        .collect();
    blocks.push(Block::Paragraph {
        role: Role::Decision,
        label: None,
        spans: vec![Span::plain(decision)],
    });
    blocks
}

pub fn closing(rules: &RuleSet, doc: &InputDoc) -> Closing {
    let recipients = doc.recipients.as_ref().map(|r| {
        let mut items: Vec<String> = Vec::new();
        if doc.addressees.is_some() {
            items.push(rules.recipients.as_addressed.clone());
        }
        items.extend(r.items.iter().map(|i| i.text()));
        Recipients {
            label: Line::new(&rules.recipients.label, Role::RecipientsLabel),
            items: format::recipient_lines(rules, &items, &r.archive)
                .into_iter()
                .map(|t| Line::new(t, Role::Recipient))
                .collect(),
        }
    });
    let one = doc.signature.iter();
    let many = doc.signatures.iter().flat_map(|s| s.value.iter());
    let signatures = one.chain(many).map(|s| signature(rules, s)).collect();
    Closing {
        left_width: rules.page.width
            - rules.page.margin_left
            - rules.page.margin_right
            - rules.signature.right_width,
        recipients,
        signatures,
    }
}

/// Authority line(s), position, room to sign, name. Without a prefix the head
/// signs with the bare title, set as the authority line.
fn signature(rules: &RuleSet, s: &SignatureIn) -> Signature {
    let mut lines = Vec::new();
    match (&s.prefix, &s.on_behalf) {
        (Some(prefix), Some(of)) => lines.push(Line::new(
            format!("{} {}", prefix.value, of.trim()),
            Role::SignAuthority,
        )),
        (None, Some(of)) => lines.push(Line::new(of.trim(), Role::SignAuthority)),
        (_, None) => {}
    }
    if let Some(then) = &s.then {
        lines.push(Line::new(
            format!("{} {}", then.prefix.value, then.on_behalf.trim()),
            Role::SignAuthority,
        ));
    }
    let role = if lines.is_empty() {
        Role::SignAuthority
    } else {
        Role::SignPosition
    };
    lines.push(Line::new(s.position.trim(), role));
    Signature {
        lines,
        space: rules.signature.space,
        name: Line::new(s.name.trim(), Role::SignName),
    }
}
