//! Lines a text extraction broke or glued, mended before anything is read:
//! the rule under a trích yếu glued to the next line (`----I. MỤC ĐÍCH`), a
//! national title glued to the other column's line on the same row
//! (`ỦY BAN NHÂN DÂN TỈNH GIA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), and the
//! lines a blank number or day splits (`Số` / `-BC/ĐU`, `Bình An, ngày` /
//! `tháng 12 năm 2026`).

use crate::import::read::DraftLine;
use crate::rules::{RuleSet, fold};

pub fn mend(lines: &mut Vec<DraftLine>) {
    let mut out: Vec<DraftLine> = Vec::with_capacity(lines.len());
    for line in lines.drain(..) {
        for part in split(line) {
            // The line it goes on, blank lines between dropped.
            let last = out.iter().rposition(|l| !l.blank);
            match last {
                Some(at) if !part.blank && broken(&out[at].text, &part.text) => {
                    out.truncate(at + 1);
                    let last = &mut out[at];
                    last.text = format!("{} {}", last.text.trim(), part.text.trim());
                }
                _ => out.push(part),
            }
        }
    }
    *lines = out;
}

/// `Số` / `-BC/ĐU`; `…, ngày` / `tháng 12 năm 2026`.
fn broken(last: &str, next: &str) -> bool {
    let (last, next) = (last.trim(), next.trim());
    last == "Số" && next.starts_with(['-', '/', ':'])
        || last == "Số:" && next.starts_with('/')
        || last.ends_with("ngày") && last.contains(',') && next.starts_with("tháng")
}

/// A line cut at a rule's end or around a national title.
fn split(line: DraftLine) -> Vec<DraftLine> {
    let text = line.text.trim();
    let dashes = text.chars().take_while(|c| *c == '-').count();
    if dashes >= 3 && dashes < text.chars().count() {
        let rest = text[dashes..].trim().to_string();
        let rule = "-".repeat(dashes);
        return [rule, rest]
            .map(|text| DraftLine {
                text,
                ..line.clone()
            })
            .into();
    }
    // `Số: 05/QĐ-UBND Bình An, ngày 07 …`: the two columns' row.
    if text.starts_with("Số") && text.contains(", ngày") {
        let symbol = text.split_whitespace().position(|w| w.contains('/'));
        let words: Vec<&str> = text.split_whitespace().collect();
        if let Some(at) = symbol.filter(|at| at + 1 < words.len()) {
            let parts = [words[..=at].join(" "), words[at + 1..].join(" ")];
            return parts
                .map(|text| DraftLine {
                    text,
                    ..line.clone()
                })
                .into();
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for title in titles() {
        let n = title.split(' ').count();
        if words.len() <= n {
            continue;
        }
        let at = (0..=words.len() - n).find(|i| fold(&words[*i..*i + n].join(" ")) == title);
        if let Some(at) = at {
            let parts = [&words[..at], &words[at..at + n], &words[at + n..]];
            // Only a header's row: what is beside the title is in capitals.
            let others = [parts[0], parts[2]].map(|p| p.join(" "));
            if others.iter().any(|o| !o.is_empty() && !super::is_upper(o)) {
                continue;
            }
            return parts
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| DraftLine {
                    text: p.join(" "),
                    ..line.clone()
                })
                .collect();
        }
    }
    vec![line]
}

/// Every rule set's national titles and motto, folded.
fn titles() -> Vec<String> {
    RuleSet::ids()
        .into_iter()
        .filter_map(RuleSet::get)
        .flat_map(|set| set.header.national_title.iter().chain(&set.header.motto))
        .map(|t| fold(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::text_lines;

    fn mended(text: &str) -> Vec<String> {
        let mut lines = text_lines(text);
        mend(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn broken_and_glued_lines() {
        assert_eq!(
            mended("ỦY BAN NHÂN DÂN TỈNH GIA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLAI\n"),
            [
                "ỦY BAN NHÂN DÂN TỈNH GIA",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "LAI"
            ]
        );
        assert_eq!(
            mended("Số\n-BC/ĐU\nBình An, ngày\n\ntháng 12 năm 2026\n----Thực hiện"),
            [
                "Số -BC/ĐU",
                "Bình An, ngày tháng 12 năm 2026",
                "----",
                "Thực hiện"
            ]
        );
        assert_eq!(
            mended("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"),
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        );
        let sentence = "kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam năm nay";
        assert_eq!(mended(sentence), [sentence]);
        assert_eq!(
            mended("Số: 05/QĐ-UBND Bình An, ngày 07 tháng 01 năm 2026"),
            ["Số: 05/QĐ-UBND", "Bình An, ngày 07 tháng 01 năm 2026"]
        );
    }
}
