//! Reading one document's YAML into typed input, with located errors.

pub mod docx_check;
pub mod draft;
mod schema;

pub use schema::{AppendixIn, InputDoc, Issuer, Recipient, RecipientsIn, SignatureIn, ThenIn};

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
        let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::new(
                ErrorKind::Input,
                format!("could not read {}", path.display()),
                format!("the file is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
            )
            .hint("save the file as UTF-8 (Unicode); legacy TCVN3 or VNI files must be converted first")
        })?;
        Ok(Source::new(path, &text))
    }

    pub fn new(path: &Path, text: &str) -> Source {
        // Drafts often arrive decomposed (NFD); the rules and the fonts want NFC.
        Source {
            path: path.to_path_buf(),
            text: text.nfc().collect(),
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
            format!("could not read {}", self.path.display()),
            cause,
        )
        .at(
            &self.path,
            &self.text,
            loc.line() as usize,
            loc.column() as usize,
        )
    }

    /// Parses the source as a `T` (a document, batch settings).
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let mut path = String::new();
        let result = serde_saphyr::with_deserializer_from_str(&self.text, |de| {
            serde_path_to_error::deserialize(de).map_err(|e| {
                path = e.path().to_string();
                e.into_inner()
            })
        });
        result.map_err(|e| self.yaml_error(&e, &path))
    }

    fn yaml_error(&self, err: &serde_saphyr::Error, path: &str) -> Error {
        let cause = plain_cause(&first_line(&err.without_snippet().to_string()));
        // `Spanned` values add a `.value` step that is no key of the document.
        let path = path.replace(".value", "");
        let mut out = Error::new(
            ErrorKind::Input,
            format!("could not read {}", self.path.display()),
            &cause,
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
                format!(" under `{path}`")
            };
            out = out.hint(format!(
                "add the key `{field}`{at}; README.md lists every key"
            ));
        }
        if path == "number" {
            out = out.hint(
                "write only the number (e.g. 5): vanban builds the whole line \
                 (`Số: 05/QĐ-UBND`, `Số 05-HD/ĐU`) and never adds a year",
            );
        }
        out
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text).trim();
    // serde-saphyr appends its own position; ours is printed separately.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// Serde's words for numbers, in a clerk's words.
fn plain_cause(cause: &str) -> String {
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
        Some(format!("did you mean `{}`?", best.1))
    } else {
        Some(format!(
            "the keys allowed here are: {}",
            expected.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_names_the_nearest_key() {
        let cause = "unknown field `nmber`, expected one of `rules`, `kind`, `number`, `date`";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
        let cause = "unknown field `nmber`, expected one of rules, kind, number, date";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
    }
}
