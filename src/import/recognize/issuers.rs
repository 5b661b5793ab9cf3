//! The issuing bodies: superior over issuer, joint issuers, their
//! abbreviations from the number line.

use super::{Reader, upper};
use crate::import::read::DraftLine;
use crate::import::{Draft, DraftIssuer};
use crate::rules::RuleSet;

/// The upper-case lines of the header: superior over issuer, several issuers
/// for a joint document. DOCX styles say which is which; in plain text the
/// first line is the superior, unless it and the next make one name
/// (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`).
pub(super) fn issuers(r: &mut Reader, rules: &RuleSet, draft: &mut Draft, names: Vec<DraftLine>) {
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
    let mut blocks: Vec<DraftIssuer> = Vec::new();
    if styled {
        let mut superior = None;
        for line in &names {
            match line.style.as_deref() {
                Some("vbSuperior") => superior = Some(line.text.clone()),
                _ => blocks.push(DraftIssuer {
                    superior: superior.take(),
                    name: line.text.clone(),
                    ..DraftIssuer::default()
                }),
            }
        }
    } else {
        let texts: Vec<String> = names.iter().map(|l| l.text.trim().to_string()).collect();
        let joined_name = texts.len() == 2
            && ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"]
                .contains(&upper(&texts[0]).as_str());
        match texts.len() {
            0 => {}
            1 => blocks.push(DraftIssuer {
                name: texts[0].clone(),
                ..DraftIssuer::default()
            }),
            _ if joined_name => blocks.push(DraftIssuer {
                name: texts.join("\n"),
                ..DraftIssuer::default()
            }),
            _ => {
                blocks.push(DraftIssuer {
                    superior: Some(texts[0].clone()),
                    name: texts[1].clone(),
                    ..DraftIssuer::default()
                });
                for extra in &texts[2..] {
                    blocks.push(DraftIssuer {
                        name: extra.clone(),
                        ..DraftIssuer::default()
                    });
                }
            }
        }
    }
    // Abbreviations come from the number line (issuer, then co-issuers).
    let abbrs = std::mem::take(&mut draft.issuer_abbrs);
    for (i, block) in blocks.iter_mut().enumerate() {
        block.abbr = abbrs.get(i).cloned().unwrap_or_default();
    }
    let mut blocks = blocks.into_iter();
    if let Some(lead) = blocks.next() {
        draft.issuer = DraftIssuer {
            unit: draft.issuer.unit.take(),
            ..lead
        };
    }
    draft.co_issuers = blocks.collect();
    if draft.issuer.abbr.is_empty() && !draft.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy chữ viết tắt tên cơ quan trong dòng số và ký hiệu: hãy điền `issuer.abbr`",
                "no issuer abbreviation found in the number line: fill in `issuer.abbr`"
            ),
        );
    }
}
