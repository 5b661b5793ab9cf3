//! A model of the Vietnamese written syllable: an onset from a closed list, a
//! rhyme from a closed list, at most one tone mark, and a stop ending (`p`,
//! `t`, `c`, `ch`) only under the sắc or nặng tone. Enough to tell when a
//! word cannot be one syllable, and how it splits into syllables.

use unicode_normalization::UnicodeNormalization;

/// Onsets, longest first so that `ngh` is tried before `ng` and `n`.
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Rhymes without their tone.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em",
    "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia",
    "ich", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "im", "in", "inh", "ip", "it", "iu",
    "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on", "ong",
    "ooc", "oong", "op", "ot", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm",
    "ơn", "ơp", "ơt", "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh", "uêt",
    "ui", "um", "un", "ung", "uơ", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "up", "ut", "uy",
    "uya", "uych", "uyên", "uyêt", "uyn", "uynh", "uyt", "uyu", "ư", "ưa", "ưc", "ưi", "ưm", "ưn",
    "ưng", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "ưt", "ưu", "y", "yêm", "yên",
    "yêng", "yêt", "yêu",
];

/// The five tone marks as combining characters (NFD).
const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const SAC: char = '\u{301}';
const NANG: char = '\u{323}';

/// Whether `c` is a vowel letter (any case, any marks).
pub fn is_vowel(c: char) -> bool {
    let base: String = c.to_lowercase().collect::<String>().nfd().take(1).collect();
    matches!(base.as_str(), "a" | "e" | "i" | "o" | "u" | "y")
}

/// Whether `word` (letters only) is one written Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let tones: Vec<char> = lower.nfd().filter(|c| TONES.contains(c)).collect();
    if tones.len() > 1 {
        return false;
    }
    let bare: String = lower
        .nfd()
        .filter(|c| !TONES.contains(c))
        .collect::<String>()
        .nfc()
        .collect();
    ONSETS.iter().any(|onset| {
        let Some(rhyme) = bare.strip_prefix(onset) else {
            return false;
        };
        let stop = ["p", "t", "c", "ch"].iter().any(|s| rhyme.ends_with(s));
        RHYMES.contains(&rhyme)
            && spelled_right(onset, rhyme)
            && (!stop || tones.first().is_some_and(|t| *t == SAC || *t == NANG))
    })
}

/// `k`, `gh`, `ngh` before `i e ê y`; `c`, `g`, `ng` not.
fn spelled_right(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !rhyme.starts_with(['e', 'ê']),
        _ => true,
    }
}

/// The ways `word` splits into two to four syllables, at most two (enough to
/// tell one from many). A capital may only start a syllable.
pub fn splits(word: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    let mut found = Vec::new();
    split_from(&chars, 0, &mut Vec::new(), &mut found);
    found
}

fn split_from(chars: &[char], from: usize, parts: &mut Vec<String>, found: &mut Vec<Vec<String>>) {
    if found.len() >= 2 || parts.len() > 4 {
        return;
    }
    if from == chars.len() {
        if parts.len() >= 2 {
            found.push(parts.clone());
        }
        return;
    }
    for to in from + 1..=chars.len() {
        if chars[from + 1..to].iter().any(|c| c.is_uppercase()) {
            break;
        }
        let part: String = chars[from..to].iter().collect();
        if is_syllable(&part) {
            parts.push(part);
            split_from(chars, to, parts, found);
            parts.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for word in [
            "Để", "thực", "hiện", "quyết", "nghị", "giữa", "gì", "Tỉnh", "ủy", "khuya", "nguyễn",
            "thuyền", "giếng", "ngoằn", "oẳn", "xoong", "Hòa", "hoà", "ĐẢNG",
        ] {
            assert!(is_syllable(word), "{word}");
        }
        for word in [
            "Đểthực",
            "vụTỉnh",
            "hểt",
            "ka",
            "ngi",
            "Internet",
            "bb",
            "Đắk",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn splits_of_glued_words() {
        assert_eq!(splits("Đểthực"), [["Để", "thực"]]);
        assert_eq!(splits("vụTỉnh"), [["vụ", "Tỉnh"]]);
        assert_eq!(splits("cứQuy"), [["cứ", "Quy"]]);
        assert_eq!(splits("thểthức"), [["thể", "thức"]]);
        // `ban hành` or `ba nhành`: two ways, so not certain.
        assert_eq!(splits("banhành").len(), 2);
        assert!(splits("Internet").is_empty());
    }
}
