//! The issuing bodies: superior over issuer, joint issuers, their
//! abbreviations from the number line.

use super::{BODIES, Reader, upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, Issuer, made};
use crate::rules::RuleSet;

/// The upper-case lines of the header: superior over issuer, several issuers
/// for a joint document. DOCX styles say which is which; in plain text the
/// first line is the superior, unless it and the next make one name
/// (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`).
pub(super) fn issuers(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc, names: Vec<DraftLine>) {
    let had_star = names.iter().any(|l| l.text.trim() == "*");
    let names: Vec<DraftLine> = names.into_iter().filter(|l| l.text.trim() != "*").collect();
    if rules.header.star.is_some() && !had_star && !names.is_empty() {
        r.warn(
            names[0].no,
            crate::tr!(
                "thiếu dấu `*` dưới tên cơ quan ban hành: vanban sẽ tự thêm",
                "no `*` under the issuer: vanban adds it"
            ),
        );
    }
    let styled = names.iter().any(|l| l.style.is_some());
    let blocks = if styled {
        styled_blocks(&names)
    } else {
        let texts: Vec<String> = names.iter().map(|l| l.text.trim().to_string()).collect();
        plain_blocks(merge_wrapped(texts))
    };
    // Abbreviations come from the number line (issuer, then co-issuers).
    let abbrs = std::mem::take(&mut r.issuer_abbrs);
    let mut blocks = blocks;
    for (i, block) in blocks.iter_mut().enumerate() {
        block.abbr = abbrs.get(i).cloned().unwrap_or_default();
    }
    let mut blocks = blocks.into_iter();
    if let Some(lead) = blocks.next() {
        doc.issuer = Issuer {
            unit: doc.issuer.unit.take(),
            ..lead
        };
    }
    let co_issuers: Vec<Issuer> = blocks.collect();
    doc.co_issuers = (!co_issuers.is_empty()).then(|| made(co_issuers));
    if doc.issuer.abbr.is_empty() && !doc.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy chữ viết tắt tên cơ quan trong dòng số và ký hiệu: hãy điền `issuer.abbr`",
                "no issuer abbreviation found in the number line: fill in `issuer.abbr`"
            ),
        );
    }
}

/// DOCX styles say which line is the superior.
fn styled_blocks(names: &[DraftLine]) -> Vec<Issuer> {
    let mut blocks = Vec::new();
    let mut superior = None;
    for line in names {
        match line.style.as_deref() {
            Some("vbSuperior") => superior = Some(line.text.clone()),
            _ => blocks.push(Issuer {
                superior: superior.take(),
                name: line.text.clone(),
                ..Issuer::default()
            }),
        }
    }
    blocks
}

/// In plain text the first line is the superior, the second the issuer,
/// more are joint issuers.
fn plain_blocks(texts: Vec<String>) -> Vec<Issuer> {
    let issuer = |name: &String| Issuer {
        name: name.clone(),
        ..Issuer::default()
    };
    match texts.as_slice() {
        [] => Vec::new(),
        [one] => vec![issuer(one)],
        [superior, name, joint @ ..] => {
            let mut blocks = vec![Issuer {
                superior: Some(superior.clone()),
                ..issuer(name)
            }];
            blocks.extend(joint.iter().map(issuer));
            blocks
        }
    }
}

/// A name's line that starts with no body's word (`XÃ BÌNH AN` under
/// `ỦY BAN NHÂN DÂN`, `LAI` under `ỦY BAN NHÂN DÂN TỈNH GIA`) goes on the
/// name above: on a line of its own under a council's name, as vanban
/// writes it, else after a space.
fn merge_wrapped(texts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in texts {
        let up = upper(&text);
        let body = BODIES
            .iter()
            .any(|b| up == *b || up.starts_with(&format!("{b} ")));
        match out.last_mut() {
            Some(last) if !body && text.split_whitespace().count() <= 4 => {
                let council =
                    ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"].contains(&upper(last).as_str());
                last.push(if council { '\n' } else { ' ' });
                last.push_str(&text);
            }
            _ => out.push(text),
        }
    }
    out
}
