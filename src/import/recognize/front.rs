//! Before the body: a decision's căn cứ and its decision line
//! (`QUYẾT ĐỊNH:`), and `Kính gửi:` with its addressees; lines wrapped by a
//! PDF joined.

use super::wrap::starts_block;
use super::{Reader, is_upper, upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::RuleSet;

pub(super) fn front(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let decision = rules.kind(&doc.kind.value).and_then(|k| k.decision.clone());
    let mut bases = Vec::new();
    while let Some(line) = r.peek().cloned() {
        let text = line.text.trim();
        if decision.is_some() && is_basis(text) {
            r.next();
            let basis = continued(r, &line);
            bases.push(basis.trim_end_matches([';', '.', ',']).to_string());
        } else if decision.as_deref().is_some_and(|d| upper(d) == upper(text)) {
            r.next();
            break;
        } else if let Some(rest) = text.strip_prefix("Kính gửi") {
            r.next();
            addressees(r, doc, rest.trim_start_matches(':').trim());
        } else {
            break;
        }
    }
    if !bases.is_empty() {
        doc.bases = Some(made(bases));
    }
}

fn is_basis(text: &str) -> bool {
    ["Căn cứ", "Xét ", "Theo đề nghị"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// `line` and the lines that continue it (wrapped), joined.
fn continued(r: &mut Reader, line: &DraftLine) -> String {
    let mut text = line.text.trim().to_string();
    let mut last = line.clone();
    let mut first = true;
    while let Some(next) = r.peek().cloned() {
        let t = next.text.trim();
        let goes_on = !starts_block(t)
            && !last.whole
            && !is_upper(t)
            && (t.starts_with(|c: char| c.is_lowercase()) || r.wrap.continues(&last, &next, first));
        if !goes_on {
            break;
        }
        super::wrap::join(&mut text, t);
        r.next();
        last = next;
        first = false;
    }
    text
}

/// The addressees: one on the label's line, or in the cell beside it (a
/// DOCX layout table), or `-` lines (the first may be on the label's line).
fn addressees(r: &mut Reader, doc: &mut InputDoc, rest: &str) {
    let mut items: Vec<String> = Vec::new();
    if !rest.is_empty() {
        items.push(rest.to_string());
    }
    if items.is_empty()
        && let Some(next) = r
            .peek()
            .cloned()
            .filter(|l| l.cell && !l.text.trim().starts_with('-'))
    {
        items.push(next.text.trim().to_string());
        r.next();
    }
    let dashed = items.first().is_none_or(|i| i.starts_with('-'));
    while let Some(next) = r.peek().cloned() {
        let t = next.text.trim();
        if dashed && t.starts_with('-') {
            items.push(t.to_string());
        } else if t.starts_with(|c: char| c.is_lowercase()) && !items.is_empty() {
            // An addressee wrapped over two lines.
            let last = items.last_mut().expect("an item");
            last.push(' ');
            last.push_str(t);
        } else {
            break;
        }
        r.next();
    }
    doc.addressees = Some(made(
        items
            .iter()
            .map(|i| {
                i.trim_start_matches('-')
                    .trim()
                    .trim_end_matches([';', ',', '.'])
                    .to_string()
            })
            .collect(),
    ));
}
