//! Reading one document's YAML into typed input, with located errors.

mod schema;

pub use schema::{InputDoc, Issuer, Recipient, RecipientsIn, SignatureIn};

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
        let loc = value.referenced;
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

    /// Parses the document.
    pub fn parse(&self) -> Result<InputDoc> {
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
        let cause = first_line(&err.without_snippet().to_string());
        let mut out = Error::new(
            ErrorKind::Input,
            format!("could not read {}", self.path.display()),
            &cause,
        )
        .field(path);
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

/// For serde's "unknown field `x`, expected one of `a`, `b`": the nearest key.
fn unknown_field_hint(cause: &str) -> Option<String> {
    let rest = cause.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
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
    }
}
