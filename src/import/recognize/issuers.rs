//! The issuing bodies: superior over issuer, joint issuers, their
//! abbreviations from the number line.

use super::{Reader, upper};
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
    let mut blocks: Vec<Issuer> = Vec::new();
    if styled {
        let mut superior = None;
        for line in &names {
            match line.style.as_deref() {
                Some("vbSuperior") => superior = Some(line.text.clone()),
                _ => blocks.push(Issuer {
                    superior: superior.take(),
                    name: line.text.clone(),
                    ..Issuer::default()
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
            1 => blocks.push(Issuer {
                name: texts[0].clone(),
                ..Issuer::default()
            }),
            _ if joined_name => blocks.push(Issuer {
                name: texts.join("\n"),
                ..Issuer::default()
            }),
            _ => {
                blocks.push(Issuer {
                    superior: Some(texts[0].clone()),
                    name: texts[1].clone(),
                    ..Issuer::default()
                });
                for extra in &texts[2..] {
                    blocks.push(Issuer {
                        name: extra.clone(),
                        ..Issuer::default()
                    });
                }
            }
        }
    }
    // Abbreviations come from the number line (issuer, then co-issuers).
    let abbrs = std::mem::take(&mut r.issuer_abbrs);
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
