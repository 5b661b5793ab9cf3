//! Cleaning a draft's text: Unicode NFC, spaces, and Vietnamese typed in the
//! legacy 8-bit encodings (TCVN3/ABC, VNI), which must be reported rather
//! than turned into garbage.

use crate::input::limits::is_forbidden;
use unicode_normalization::UnicodeNormalization;

/// NFC; tabs, control characters and runs of spaces to one space; no space
/// before `, . ; : ! ? )` or after `(`; trimmed. The other characters that no
/// document may hold ([`is_forbidden`]: bidi controls, U+FFFE, U+FFFF) are
/// dropped, so that the YAML written is one that vanban reads. Quotes are
/// kept as typed.
pub fn clean_line(line: &str) -> String {
    let line: String = line.nfc().collect();
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        // A form feed between pages, Word's vertical-tab line break: spaces.
        let c = if c == '\t' || c == '\u{a0}' || c.is_control() {
            ' '
        } else {
            c
        };
        if is_forbidden(c) {
            continue;
        }
        if c == ' ' && (out.ends_with(' ') || out.ends_with('(')) {
            continue;
        }
        if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// The legacy encoding a text seems to be typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

/// Characters that TCVN3 text shows when read as Latin-1 and that Unicode
/// Vietnamese almost never contains.
const TCVN3_MARKERS: &[char] = &[
    'µ', '¸', '¶', '·', '¹', '¨', '©', 'ª', '«', '¬', '®', '§', 'ß', 'ø',
];

/// Detects TCVN3 or VNI text by the density of their characteristic
/// characters (one line in a few words is enough to tell).
pub fn detect(text: &str) -> Option<Legacy> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let tcvn3 = text.chars().filter(|c| TCVN3_MARKERS.contains(c)).count();
    if tcvn3 * 50 >= letters && tcvn3 >= 3 {
        return Some(Legacy::Tcvn3);
    }
    // VNI writes a vowel followed by a Latin-1 letter carrying the tone.
    let chars: Vec<char> = text.chars().collect();
    let vni = chars
        .windows(2)
        .filter(|w| "aeiouyAEIOUY".contains(w[0]) && "øùûõïáàåãäéèëâêô".contains(w[1]))
        .count();
    (vni * 50 >= letters && vni >= 3).then_some(Legacy::Vni)
}

/// TCVN3 (TCVN 5712:1993, the ABC layout) to Unicode: each byte of the
/// .VnTime fonts and the letter it stands for.
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¸', 'á'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('¾', 'ắ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ê', 'ấ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ð', 'é'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Õ', 'ế'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Ý', 'í'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ã', 'ó'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('è', 'ố'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('í', 'ớ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ó', 'ú'),
    ('ô', 'ụ'),
    ('\u{ad}', 'ư'),
    ('õ', 'ừ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ø', 'ứ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('ý', 'ý'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
    ('§', 'Đ'),
];

/// Converts TCVN3 text (read as Latin-1) to Unicode.
pub fn from_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_tabs_and_punctuation() {
        assert_eq!(
            clean_line("\t  Thực  hiện\tkế hoạch , cụ thể :  "),
            "Thực hiện kế hoạch, cụ thể:"
        );
        assert_eq!(clean_line("( có phụ lục )"), "(có phụ lục)");
        assert_eq!(clean_line("“Cải cách”"), "“Cải cách”");
    }

    /// Found by the `draft_import` fuzz target: a control character went
    /// through to the YAML, which vanban then refused to read.
    #[test]
    fn controls_become_spaces_and_bidi_controls_go() {
        assert_eq!(clean_line("Trang 1\u{c}Trang 2"), "Trang 1 Trang 2");
        assert_eq!(clean_line("dẫn \u{4}công\u{b}tác\u{85}"), "dẫn công tác");
        assert_eq!(clean_line("\u{202e}Điều 1\u{2069}\u{fffe}"), "Điều 1");
        let all: String = (0..0x250)
            .chain(0x2000..0x2070)
            .chain(0xfff0..0x10000)
            .filter_map(char::from_u32)
            .collect();
        assert!(!clean_line(&all).chars().any(is_forbidden));
    }

    #[test]
    fn decomposed_text_becomes_nfc() {
        let nfd: String = "Hướng dẫn".nfd().collect();
        assert_ne!(nfd, "Hướng dẫn");
        assert_eq!(clean_line(&nfd), "Hướng dẫn");
    }

    #[test]
    fn tcvn3_is_detected_and_converted() {
        let legacy = "H\u{ad}íng dÉn c«ng t¸c khoa gi¸o n¨m 2023";
        assert_eq!(detect(legacy), Some(Legacy::Tcvn3));
        assert_eq!(from_tcvn3(legacy), "Hướng dẫn công tác khoa giáo năm 2023");
        assert_eq!(detect("Hướng dẫn công tác khoa giáo năm 2023"), None);
    }

    #[test]
    fn vni_is_detected() {
        assert_eq!(
            detect("Höôùng daãn coâng taùc khoa giaùo naêm 2023"),
            Some(Legacy::Vni)
        );
    }
}
