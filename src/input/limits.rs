//! What vanban accepts, and refuses with an error before any work: the size
//! of a file, the length of one text, the depth and number of YAML values,
//! and characters that no document may hold.

use super::Source;
use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;
use std::path::Path;

/// The largest input file: 8 MiB (a 300-page document is about 1.5 MiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The longest paragraph: one line of any text (a title, a line of the
/// body, a value in `data`).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The most YAML values (mappings, lists and scalars, aliases expanded).
pub const MAX_NODES: usize = 250_000;
/// The deepest nesting of mappings and lists.
pub const MAX_DEPTH: usize = 64;

/// The YAML reader's options: these limits, and no duplicate keys.
pub fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io("read", path, &e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    std::fs::read(path).map_err(|e| Error::io("read", path, &e))
}

/// Refuses `size` bytes named `path` when over [`MAX_FILE_BYTES`] (bytes
/// that did not come from a file: an upload).
pub fn check_size(path: &Path, size: u64) -> Result<()> {
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    Ok(())
}

fn too_large(path: &Path, size: u64) -> Error {
    let mib = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0));
    Error::new(
        ErrorKind::Input,
        crate::tr!("không đọc được {}", "could not read {}", path.display()),
        crate::tr!(
            "tệp nặng {} MB; vanban chỉ đọc tệp đến {} MB",
            "the file is {} MB; vanban reads files of up to {} MB",
            mib(size),
            mib(MAX_FILE_BYTES)
        ),
    )
}

/// Every text of `value` (keys too) is free of control characters and has
/// no line longer than [`MAX_TEXT_CHARS`].
pub fn check_texts(source: &Source, value: &Value) -> Result<()> {
    fn walk(source: &Source, value: &Value, path: &mut String) -> Result<()> {
        match value {
            Value::String(s) => check_one(source, s, path),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(source, item, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            Value::Object(map) => {
                for (key, item) in map {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    check_one(source, key, path)?;
                    walk(source, item, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(source, value, &mut String::new())
}

/// Whether a YAML text could give a value that [`check_texts`] refuses:
/// one of its characters is refused, a `\` could escape one in a quoted
/// text, `!!binary` could decode to one, or the text is long enough to
/// hold a line over [`MAX_TEXT_CHARS`]. Otherwise every character of every
/// value and key appears as it is in the text (line breaks aside), and
/// checking the text is checking the values.
pub fn may_hold_refused_text(text: &str) -> bool {
    text.len() > MAX_TEXT_CHARS
        || text.contains('\\')
        || text.contains("binary")
        || text.chars().any(|c| c != '\r' && is_forbidden(c))
}

/// A character no document may hold: the C0 and C1 controls but tab and
/// line feed, DEL, and the non-characters U+FFFE and U+FFFF (none can be
/// written in a DOCX's XML, and none means anything on paper); and the
/// explicit bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which make the printed order differ from the typed one
/// (the "Trojan Source" trick) and which no Vietnamese document needs.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_one(source: &Source, text: &str, field: &str) -> Result<()> {
    let error = |cause: String| {
        Error::new(
            ErrorKind::Input,
            crate::tr!(
                "không đọc được {}",
                "could not read {}",
                source.path.display()
            ),
            cause,
        )
        .field(field)
    };
    if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
        let code = format!("U+{:04X}", c as u32);
        let mut err = error(if c.is_control() || c > '\u{FFF0}' {
            crate::tr!(
                "có ký tự điều khiển {code}, không thể có trong văn bản",
                "it holds the control character {code}, which no document may hold"
            )
        } else {
            crate::tr!(
                "có ký tự điều khiển hướng chữ {code}, làm chữ in ra khác chữ đã gõ",
                "it holds the bidi control {code}, which prints text in another order than typed"
            )
        })
        .hint(crate::tr!(
            "xóa ký tự này (thường do sao chép từ trang web hay phần mềm khác)",
            "delete the character (it usually comes from copying out of a web page or another program)"
        ));
        // Written as such in the file (not as an escape): point at it.
        if let Some(byte) = source.text.find(c) {
            let before = &source.text[..byte];
            let (line, column) = crate::error::line_column(before);
            err = err.at(&source.path, &source.text, line, column);
        }
        return Err(err);
    }
    let chars = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if chars > MAX_TEXT_CHARS {
        return Err(error(crate::tr!(
            "một đoạn dài {chars} ký tự; mỗi đoạn (một dòng) tối đa {MAX_TEXT_CHARS}",
            "a paragraph is {chars} characters long; at most {MAX_TEXT_CHARS} in one (one line)"
        ))
        .hint(crate::tr!(
            "chia thành nhiều đoạn (mỗi đoạn một dòng trong danh sách)",
            "split it into paragraphs (one item of a list each)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_forbidden_and_other_characters_are_not() {
        for c in [
            '\u{0}', '\u{7}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{fffe}', '\u{202e}',
            '\u{2067}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', 'ệ', '\u{200b}', '\u{200d}', '\u{200f}', '😀', '\u{a0}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }
}
