//! Cleaning a draft's text: Unicode NFC, spaces, and the characters no
//! document may hold. (Text typed in a legacy encoding is told apart in
//! [`crate::input::encoding`].)

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
        let c = if c == '\t' || c == '\u{a0}' || c == '\u{2007}' || c.is_control() {
            ' '
        } else {
            c
        };
        // The word joiner is a layout mark (vanban's own DOCX joins the parts
        // of a document symbol with it): compose puts it back.
        if is_forbidden(c) || c == crate::model::JOINER {
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
}
