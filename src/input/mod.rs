//! Reading one document's YAML into typed input, with located errors.

pub mod encoding;
pub mod limits;
mod number;
mod schema;

pub use number::{DocNumber, NumberIn};

pub use schema::{
    AppendixIn, InputDoc, Issuer, Recipient, RecipientsIn, SignatureIn, ThenIn, made,
};

use crate::error::{Error, ErrorKind, Result};
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A document's source: its path (for messages) and its NFC-normalised text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn read(path: &Path) -> Result<Source> {
        let bytes = limits::read_file(path)?;
        Ok(Source::owned(path, Source::decode(path, bytes)?))
    }

    /// A file's bytes as text: UTF-8, with or without the byte-order mark
    /// that Windows' Notepad writes. Anything else (UTF-16, a legacy code
    /// page, a binary file) is refused at its first wrong byte.
    pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            bytes.drain(..3);
        }
        let not_text = |cause: String| {
            Error::new(
                ErrorKind::Input,
                crate::tr!("không đọc được {}", "could not read {}", path.display()),
                cause,
            )
        };
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(not_text(crate::tr!(
                "tệp lưu dạng UTF-16, không phải UTF-8",
                "the file is UTF-16, not UTF-8"
            ))
            .hint(crate::tr!(
                "mở tệp và lưu lại với bảng mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8)",
                "open the file and save it again as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"
            )));
        }
        String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let before = String::from_utf8_lossy(valid);
            let (line, column) = crate::error::line_column(&before);
            let byte = e.as_bytes()[valid.len()];
            let lossy = String::from_utf8_lossy(e.as_bytes());
            not_text(crate::tr!(
                "tệp không lưu dạng UTF-8 (byte 0x{byte:02X} không hợp lệ)",
                "the file is not UTF-8 (byte 0x{byte:02X} is not valid)"
            ))
            .at(path, &lossy, line, column)
            .hint(crate::tr!(
                "lưu tệp dạng UTF-8 (Unicode); tệp gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI phải chuyển mã trước",
                "save the file as UTF-8 (Unicode); legacy TCVN3 or VNI files must be converted first"
            ))
        })
    }

    pub fn new(path: &Path, text: &str) -> Source {
        Source::owned(path, text.to_string())
    }

    /// A source of `text`, in NFC: drafts often arrive decomposed (NFD), and
    /// the rules and the fonts want NFC. Text already in NFC, as most is, is
    /// kept as it is.
    pub fn owned(path: &Path, text: String) -> Source {
        let text = match unicode_normalization::is_nfc_quick(text.chars()) {
            unicode_normalization::IsNormalized::Yes => text,
            _ => text.nfc().collect(),
        };
        Source {
            path: path.to_path_buf(),
            text,
        }
    }

    /// An error pointing at a value of this source.
    pub fn error_at<T>(
        &self,
        kind: ErrorKind,
        value: &Spanned<T>,
        cause: impl Into<String>,
    ) -> Error {
        self.error_at_location(kind, value.referenced, cause)
    }

    /// An error pointing at a location of this source.
    pub fn error_at_location(
        &self,
        kind: ErrorKind,
        loc: serde_saphyr::Location,
        cause: impl Into<String>,
    ) -> Error {
        Error::new(
            kind,
            crate::tr!(
                "không đọc được {}",
                "could not read {}",
                self.path.display()
            ),
            cause,
        )
        .at(
            &self.path,
            &self.text,
            loc.line() as usize,
            loc.column() as usize,
        )
    }

    /// Parses the source as a `T` (a document, batch settings). Every text
    /// in it is checked first: no control character, no text longer than
    /// [`limits::MAX_TEXT_CHARS`].
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        if let Ok(value) = serde_saphyr::from_str_with_options::<serde_json::Value>(
            &self.text,
            limits::yaml_options(),
        ) {
            limits::check_texts(self, &value)?;
        }
        self.parse_unchecked()
    }

    /// Parses the source as a plain value, its texts checked as [`parse`]
    /// does, in one pass over the YAML.
    ///
    /// [`parse`]: Source::parse
    pub fn parse_value(&self) -> Result<serde_json::Value> {
        let value = self.parse_unchecked()?;
        limits::check_texts(self, &value)?;
        Ok(value)
    }

    /// Parses the source as a `T` without checking its texts: for a source
    /// whose texts were checked already (a unit whose [`parse_value`] passed,
    /// with defaults from checked settings appended).
    ///
    /// [`parse_value`]: Source::parse_value
    pub fn parse_unchecked<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let mut path = String::new();
        let options = limits::yaml_options();
        let result =
            serde_saphyr::with_deserializer_from_str_with_options(&self.text, options, |de| {
                serde_path_to_error::deserialize(de).map_err(|e| {
                    path = e.path().to_string();
                    e.into_inner()
                })
            });
        result.map_err(|e| self.yaml_error(&e, &path))
    }

    fn yaml_error(&self, err: &serde_saphyr::Error, path: &str) -> Error {
        let raw = first_line(&err.without_snippet().to_string());
        // The hints below read the English cause; the one shown is translated.
        let cause = plain_cause(&raw);
        let shown = if crate::lang::english() {
            cause.clone()
        } else {
            vietnamese_cause(&raw)
        };
        // `Spanned` values add a `.value` step that is no key of the document;
        // `?` is serde's name for a place it could not name.
        let path = path.replace(".value", "");
        let path = if path == "?" { String::new() } else { path };
        let mut out = Error::new(
            ErrorKind::Input,
            crate::tr!(
                "không đọc được {}",
                "could not read {}",
                self.path.display()
            ),
            shown,
        )
        .field(&path);
        if let Some(loc) = err.location() {
            out = out.at(
                &self.path,
                &self.text,
                loc.line() as usize,
                loc.column() as usize,
            );
        }
        if let Some(hint) = unknown_field_hint(&cause) {
            out = out.hint(hint);
        }
        if let Some(field) = cause
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            let at = if path.is_empty() || path == "." {
                String::new()
            } else {
                crate::tr!(" vào `{path}`", " under `{path}`")
            };
            out = out.hint(crate::tr!(
                "thêm khóa `{field}`{at}; tệp README.md liệt kê đủ các khóa",
                "add the key `{field}`{at}; README.md lists every key"
            ));
        }
        if path == "number" {
            out = out.hint(number_hint());
        }
        out
    }
}

/// How to write the number.
pub(crate) fn number_hint() -> String {
    crate::tr!(
        "chỉ ghi số (ví dụ 5): vanban tự viết cả dòng \
         (`Số: 05/QĐ-UBND`, `Số 05-HD/ĐU`) và không bao giờ thêm năm",
        "write only the number (e.g. 5): vanban builds the whole line \
         (`Số: 05/QĐ-UBND`, `Số 05-HD/ĐU`) and never adds a year"
    )
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text).trim();
    // serde-saphyr appends its own position; ours is printed separately.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// The YAML reader's refusals of what is over vanban's limits, or of a
/// control character, in English and in Vietnamese.
fn limit_cause(cause: &str) -> Option<(String, String)> {
    let deep = || {
        (
            format!(
                "values nested too deeply: at most {} levels",
                limits::MAX_DEPTH
            ),
            format!(
                "các giá trị lồng nhau quá sâu: tối đa {} cấp",
                limits::MAX_DEPTH
            ),
        )
    };
    if let Some(breach) = cause.strip_prefix("budget breached") {
        if breach.contains("Depth") {
            return Some(deep());
        }
        return Some((
            format!(
                "too many values once aliases (`*name`) are expanded: at most {}",
                limits::MAX_NODES
            ),
            format!(
                "quá nhiều giá trị khi mở rộng các bí danh (`*tên`): tối đa {}",
                limits::MAX_NODES
            ),
        ));
    }
    if cause.starts_with("recursion limit exceeded") {
        return Some(deep());
    }
    // `unexpected character: `\u{1b}'`
    let c = cause
        .strip_prefix("unexpected character: `")?
        .strip_suffix('\'')?;
    let c = match c.strip_prefix("\\u{").and_then(|h| h.strip_suffix('}')) {
        Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
        None => c.chars().next()?,
    };
    limits::is_forbidden(c).then(|| {
        let code = format!("U+{:04X}", c as u32);
        (
            format!("the control character {code}, which no document may hold"),
            format!("ký tự điều khiển {code}, không thể có trong văn bản"),
        )
    })
}

/// Serde's words for numbers, in a clerk's words.
fn plain_cause(cause: &str) -> String {
    if let Some(rest) = cause.strip_prefix("duplicate mapping key: ") {
        let key = rest.split_once(", set ").map_or(rest, |(k, _)| k);
        return format!("duplicate key `{key}`: a key may appear only once");
    }
    if let Some((en, _)) = limit_cause(cause) {
        return en;
    }
    let numeric = ["u8", "u16", "u32", "u64", "i32", "i64"];
    if numeric
        .iter()
        .any(|t| cause == format!("invalid {t}") || cause.ends_with(&format!("expected {t}")))
    {
        return format!("{cause}: expected a whole number");
    }
    cause.to_string()
}

/// For "unknown field `x`, expected one of a, b" (with or without
/// backticks around the keys): the nearest key.
fn unknown_field_hint(cause: &str) -> Option<String> {
    let rest = cause.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let list = rest
        .split("expected one of ")
        .nth(1)
        .or_else(|| rest.split("expected ").nth(1))?;
    let expected: Vec<&str> = list
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    let best = expected
        .iter()
        .map(|k| (strsim::levenshtein(field, k), *k))
        .min()?;
    if best.0 <= 3 {
        Some(crate::tr!(
            "có phải bạn muốn viết `{}`?",
            "did you mean `{}`?",
            best.1
        ))
    } else {
        Some(crate::tr!(
            "các khóa dùng được ở đây: {}",
            "the keys allowed here are: {}",
            expected.join(", ")
        ))
    }
}

/// A serde or serde-saphyr cause (always English) in Vietnamese words. A
/// cause not recognised is kept as it is.
fn vietnamese_cause(cause: &str) -> String {
    if let Some((_, vi)) = limit_cause(cause) {
        return vi;
    }
    // The name between the first pair of backticks of `rest`.
    let ticked = |rest: &str| rest.split('`').next().unwrap_or(rest).to_string();
    if let Some(rest) = cause.strip_prefix("unknown field `") {
        return format!("khóa `{}` không dùng được ở đây", ticked(rest));
    }
    if let Some(rest) = cause.strip_prefix("missing field `") {
        return format!("thiếu khóa `{}`", ticked(rest));
    }
    if let Some(rest) = cause.strip_prefix("duplicate field `") {
        return format!("khóa `{}` bị lặp", ticked(rest));
    }
    if let Some(rest) = cause.strip_prefix("duplicate mapping key") {
        // `: k, set DuplicateKeyPolicy…`, `` `k` is not allowed here``, or no key.
        let key = if let Some(r) = rest.strip_prefix(": ") {
            Some(r.split_once(", set ").map_or(r, |(k, _)| k).to_string())
        } else {
            rest.strip_prefix(" `").map(ticked)
        };
        return match key {
            Some(k) => format!("khóa `{}` bị lặp", k.trim_matches('`')),
            None => "có khóa bị lặp".to_string(),
        };
    }
    if let Some(rest) = cause.strip_prefix("unknown variant `") {
        let (value, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let list = rest
            .strip_prefix(", expected one of ")
            .or_else(|| rest.strip_prefix(", expected "));
        return match list {
            Some(list) => {
                format!("giá trị `{value}` không hợp lệ; các giá trị được dùng: {list}")
            }
            None => format!("giá trị `{value}` không hợp lệ"),
        };
    }
    if let Some(rest) = cause.strip_prefix("invalid type: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return format!(
            "sai kiểu: đang là {}, cần {}",
            vietnamese_unexpected(got),
            vietnamese_expected(want)
        );
    }
    if let Some(rest) = cause.strip_prefix("invalid value: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return format!(
            "giá trị không hợp lệ: {}, cần {}",
            vietnamese_unexpected(got),
            vietnamese_expected(want)
        );
    }
    if let Some(rest) = cause.strip_prefix("invalid length ")
        && let Some((len, want)) = rest.split_once(", expected ")
    {
        return format!(
            "sai số phần tử: có {len}, cần {}",
            vietnamese_expected(want)
        );
    }
    if cause.starts_with("invalid boolean") {
        return "giá trị đúng/sai không hợp lệ: chỉ ghi true hoặc false".to_string();
    }
    if cause.starts_with("cannot deserialize null into string") {
        return "giá trị đang để trống; cần một chuỗi chữ".to_string();
    }
    if let Some(rest) = cause.strip_prefix("indentation error: expected ")
        && let Some((want, found)) = rest.split_once(", found ")
    {
        let found = found.trim_end_matches(" spaces");
        return format!("thụt lề sai: cần {want}, đang có {found} dấu cách");
    }
    if let Some(ty) = cause.strip_prefix("invalid ")
        && !ty.contains(' ')
    {
        let want = vietnamese_expected(ty);
        if want != ty {
            return format!("giá trị không hợp lệ: cần {want}");
        }
    }
    cause.to_string()
}

/// Serde's words for what a value is (`string "abc"`, `integer `5``, `map`).
fn vietnamese_unexpected(got: &str) -> String {
    let words = [
        ("string ", "chuỗi chữ "),
        ("integer ", "số nguyên "),
        ("floating point ", "số thập phân "),
        ("boolean ", "giá trị đúng/sai "),
        ("character ", "ký tự "),
    ];
    for (en, vi) in words {
        if let Some(rest) = got.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    match got {
        "sequence" => "danh sách",
        "map" => "bảng khóa–giá trị",
        "unit value" | "null" => "giá trị trống",
        "byte array" => "dãy byte",
        other => other,
    }
    .to_string()
}

/// Serde's words for what a value should be (`u32`, `a string`, `struct X`).
fn vietnamese_expected(want: &str) -> String {
    let integer = matches!(want, "u8" | "u16" | "u32" | "u64" | "u128" | "usize")
        || matches!(want, "i8" | "i16" | "i32" | "i64" | "i128" | "isize")
        || matches!(want, "an integer" | "integer");
    let word = if integer {
        "số nguyên"
    } else if want.contains("date") {
        "ngày tháng (YYYY-MM-DD)"
    } else if want.starts_with("struct ") {
        "bảng khóa–giá trị"
    } else {
        match want {
            "f32" | "f64" | "a float" | "a number" => "số",
            "a string" | "string" | "a borrowed string" => "chuỗi chữ",
            "a sequence" | "sequence" | "a list" => "danh sách",
            "a map" | "map" | "a mapping" => "bảng khóa–giá trị",
            "a boolean" | "bool" | "boolean" => "giá trị đúng/sai (true/false)",
            "a character" | "char" => "một ký tự",
            "unit" | "null" => "giá trị trống",
            other => other,
        }
    };
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_names_the_nearest_key() {
        crate::lang::set(crate::lang::Lang::En);
        let cause = "unknown field `nmber`, expected one of `rules`, `kind`, `number`, `date`";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
        let cause = "unknown field `nmber`, expected one of rules, kind, number, date";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
    }

    #[test]
    fn causes_in_vietnamese() {
        let cases = [
            (
                "unknown field `nmber`, expected one of `rules`, `kind`, `number`",
                "khóa `nmber` không dùng được ở đây",
            ),
            ("missing field `place`", "thiếu khóa `place`"),
            (
                "invalid type: string \"abc\", expected u32",
                "sai kiểu: đang là chuỗi chữ \"abc\", cần số nguyên",
            ),
            (
                "invalid type: sequence, expected a string",
                "sai kiểu: đang là danh sách, cần chuỗi chữ",
            ),
            (
                "invalid type: integer `5`, expected struct SignatureIn",
                "sai kiểu: đang là số nguyên `5`, cần bảng khóa–giá trị",
            ),
            (
                "invalid type: map, expected a boolean",
                "sai kiểu: đang là bảng khóa–giá trị, cần giá trị đúng/sai (true/false)",
            ),
            (
                "unknown variant `gap`, expected one of `khan`, `hoa-toc`",
                "giá trị `gap` không hợp lệ; các giá trị được dùng: `khan`, `hoa-toc`",
            ),
            ("duplicate field `date`", "khóa `date` bị lặp"),
            (
                "duplicate mapping key: date, set DuplicateKeyPolicy in Options if acceptable",
                "khóa `date` bị lặp",
            ),
            (
                "duplicate mapping key `date` is not allowed here",
                "khóa `date` bị lặp",
            ),
            ("invalid u32", "giá trị không hợp lệ: cần số nguyên"),
            ("something else entirely", "something else entirely"),
        ];
        for (en, vi) in cases {
            assert_eq!(vietnamese_cause(en), vi, "{en}");
        }
    }
}
