//! Words glued by PDF text extraction (`Đểthực hiện`, `vụTỉnh ủy`): a word
//! with a capital inside it, or with two vowel groups, cannot be one
//! Vietnamese syllable. Where the syllable model splits it one way only, it
//! is split; otherwise it is reported and left as it is. Words without a
//! Vietnamese letter (`Internet`, `Pleiku`) are not looked at.

use super::syllable::{is_syllable, is_vowel, splits};
use crate::import::Warning;
use crate::import::read::DraftLine;

/// Splits what can be split in every line, and says what it did and what
/// it could not do.
pub fn repair(lines: &mut [DraftLine], warnings: &mut Vec<Warning>) {
    for line in lines.iter_mut() {
        let mut fixed = Vec::new();
        let mut unsure = Vec::new();
        let text: Vec<String> = line
            .text
            .split(' ')
            .map(|word| match check(word) {
                Glue::No => word.to_string(),
                Glue::Split(split) => {
                    fixed.push(format!("`{word}` → `{split}`"));
                    split
                }
                Glue::Unsure => {
                    unsure.push(format!("`{word}`"));
                    word.to_string()
                }
            })
            .collect();
        line.text = text.join(" ");
        warnings.extend(Warning::listing(line.no, &fixed, |list| {
            crate::tr!(
                "chữ dính liền đã được tách: {list}",
                "glued words split: {list}"
            )
        }));
        warnings.extend(Warning::listing(line.no, &unsure, |list| {
            crate::tr!(
                "có thể là chữ dính liền, chưa tách được chắc chắn: {list} (hãy sửa tay)",
                "maybe glued words, not split for want of certainty: {list} (fix by hand)"
            )
        }));
    }
}

enum Glue {
    No,
    Split(String),
    Unsure,
}

/// What a word (punctuation around it kept) needs.
fn check(word: &str) -> Glue {
    let core = word.trim_matches(|c: char| !c.is_alphabetic());
    if core.is_empty()
        || !core.chars().all(char::is_alphabetic)
        || !core.chars().any(vietnamese)
        || is_syllable(core)
        || !glued(core)
    {
        return Glue::No;
    }
    match splits(core).as_slice() {
        [one] => Glue::Split(word.replacen(core, &one.join(" "), 1)),
        _ => Glue::Unsure,
    }
}

/// A capital after a small letter, or two groups of vowels: more than one
/// syllable. Words in capitals (abbreviations, headings) are left alone.
fn glued(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    if chars.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let capital_inside = chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    let groups = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| is_vowel(**c) && (*i == 0 || !is_vowel(chars[i - 1])))
        .count();
    capital_inside || groups >= 2
}

/// A letter only Vietnamese writes: a tone mark, `ă â ê ô ơ ư đ`.
fn vietnamese(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> (String, Vec<String>) {
        let mut lines = vec![DraftLine {
            no: 1,
            text: text.to_string(),
            ..DraftLine::default()
        }];
        let mut warnings = Vec::new();
        repair(&mut lines, &mut warnings);
        let messages = warnings.into_iter().map(|w| w.message).collect();
        (lines.remove(0).text, messages)
    }

    #[test]
    fn glued_words_are_split_where_certain_and_reported_where_not() {
        crate::lang::set(crate::lang::Lang::En);
        let (text, warnings) =
            repaired("Đểthực hiện chỉ đạo của Ban Thường vụTỉnh ủy, căn cứQuy định; banhành.");
        assert_eq!(
            text,
            "Để thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy, căn cứ Quy định; banhành."
        );
        assert!(warnings[0].contains("`Đểthực` → `Để thực`"), "{warnings:?}");
        assert!(warnings[1].contains("`banhành.`"), "{warnings:?}");
    }

    #[test]
    fn words_that_are_not_glued_are_left_alone() {
        let text = "Internet, Pleiku, Đắk Pơ, HĐND-UBND, Số 57b-CV/ĐU, ĐẢNG ỦY, Hòa hoà 2026.";
        assert_eq!(repaired(text), (text.to_string(), Vec::new()));
    }
}
