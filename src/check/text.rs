//! The file's text itself, before it is normalised or parsed: decomposed
//! Unicode, characters the PDF cannot print, legacy encodings.

use crate::error::{Error, ErrorKind};
use std::path::Path;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

fn finding(path: &Path, cause: String) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!("kiểm tra {}", "check {}", path.display()),
        cause,
    )
}

/// VB209: text in decomposed Unicode (NFD), which vanban normalises.
pub fn decomposed(path: &Path, raw: &str) -> Option<Error> {
    if is_nfc_quick(raw.chars()) == IsNormalized::Yes || is_nfc(raw) {
        return None;
    }
    let (line, text) = raw
        .lines()
        .enumerate()
        .find(|(_, l)| !is_nfc(l))
        .map(|(i, l)| (i + 1, l))
        .unwrap_or((1, ""));
    let normalised: String = raw.nfc().collect();
    Some(
        finding(
            path,
            crate::tr!(
                "chữ trong tệp được gõ bằng Unicode tổ hợp (NFD)",
                "the text is in decomposed Unicode (NFD)"
            ),
        )
        .at(path, &normalised, line, 1)
        .hint(crate::tr!(
            "vanban tự chuyển đổi; nên lưu tệp ở dạng Unicode dựng sẵn (NFC) để các phần mềm khác hiển thị đúng (dòng: {})",
            "vanban normalises it; saving the file as NFC keeps other tools right (line: {})",
            text.nfc().collect::<String>()
        )),
    )
}

/// VB211: characters the embedded font cannot draw (emoji, scripts other
/// than Latin, Greek, Cyrillic, Hebrew): the DOCX keeps them, the PDF prints
/// nothing in their place. Comment lines are not looked at.
pub fn undrawable(path: &Path, raw: &str) -> Option<Error> {
    let mut first = None;
    let mut missing: Vec<char> = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        // Printable ASCII is all in the font, and controls are not looked at.
        if line.trim_start().starts_with('#') || line.is_ascii() {
            continue;
        }
        let line: std::borrow::Cow<str> = match is_nfc_quick(line.chars()) {
            IsNormalized::Yes => line.into(),
            _ => line.nfc().collect::<String>().into(),
        };
        for (col, c) in line.chars().enumerate() {
            if c.is_ascii() || c.is_control() || crate::fonts::draws(c) {
                continue;
            }
            first.get_or_insert((i + 1, col + 1));
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    let (line, column) = first?;
    let shown: Vec<String> = missing
        .iter()
        .take(5)
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    let shown = shown.join(", ");
    let message = crate::tr!(
        "phông chữ nhúng không có {shown}: bản PDF sẽ để trống chỗ các ký tự này",
        "the embedded font cannot draw {shown}: the PDF prints nothing in their place"
    );
    let hint = crate::tr!(
        "bản DOCX vẫn giữ nguyên; nên viết cách khác (chữ Việt, chữ Latinh) hoặc bỏ các ký tự này",
        "the DOCX keeps them; write them another way (in Latin letters) or leave them out"
    );
    let normalised: String = raw.nfc().collect();
    Some(
        finding(path, message)
            .at(path, &normalised, line, column)
            .hint(hint),
    )
}

/// VB210: Vietnamese typed in TCVN3 or VNI rather than Unicode.
pub fn legacy_encoding(path: &Path, raw: &str) -> Option<Error> {
    let legacy = crate::input::encoding::detect(raw)?;
    Some(
        finding(
            path,
            crate::tr!(
                "chữ trong tệp có vẻ được gõ bằng bảng mã cũ {legacy:?}, không phải Unicode",
                "the text looks typed in the legacy encoding {legacy:?}, not Unicode"
            ),
        )
        .hint(crate::tr!(
            "chuyển sang Unicode (bằng công cụ chuyển mã của Unikey), hoặc nhập bằng lệnh: vanban import --fix-encoding",
            "convert it to Unicode (Unikey's converter), or import it: vanban import --fix-encoding"
        )),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_font_draws_every_printable_ascii_character() {
        assert!((' '..='~').all(crate::fonts::draws));
    }
}
