//! Reading one document's YAML into typed input, with located errors.

mod cause;
mod defaults;
pub mod encoding;
pub mod limits;
mod number;
mod schema;

pub use number::{DocNumber, NumberIn};
pub use schema::json as schema_json;

pub use schema::{
    AppendixIn, InputDoc, Issuer, Recipient, RecipientsIn, SignatureIn, ThenIn, made,
};

use crate::error::{Error, ErrorKind, Result};
use cause::{first_line, plain_cause, unknown_field_hint, vietnamese_cause};
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
                "thêm khóa `{field}`{at}; tệp docs/input.md liệt kê đủ các khóa",
                "add the key `{field}`{at}; docs/input.md lists every key"
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
