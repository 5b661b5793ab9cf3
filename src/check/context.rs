//! What a lint rule looks at: the parsed document, its rule set and kind,
//! the day it is checked on, and how to point a finding at a key.

use crate::error::{Error, ErrorKind};
use crate::input::{InputDoc, Source};
use crate::rules::{Kind, Regime, RuleSet};

/// One document under check.
pub struct Ctx<'a> {
    pub src: &'a Source,
    pub doc: &'a InputDoc,
    pub rules: &'a RuleSet,
    pub kind: &'a Kind,
    /// The day the document is checked on (future dates are against it).
    pub today: chrono::NaiveDate,
}

impl Ctx<'_> {
    /// A State document (NĐ 30/2020) rather than a Party one.
    pub fn state(&self) -> bool {
        self.rules.regime == Regime::State
    }

    /// The document's date, when it is a whole day.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::parse_from_str(self.doc.date.value.trim(), "%Y-%m-%d").ok()
    }

    /// A finding about the value of `key`, pointed at where `key:` is written.
    pub fn at(&self, key: &str, cause: impl Into<String>) -> Error {
        self.at_path(&[key], cause)
    }

    /// A finding about the value at `path` (`["issuer", "superior"]`), pointed
    /// at where its last key is written after the others (a key repeated,
    /// `["co_issuers", "name", "name"]`, is its next occurrence); at the
    /// nearest one found when it is not.
    pub fn at_path(&self, path: &[&str], cause: impl Into<String>) -> Error {
        let text = &self.src.text;
        let (mut line, mut column) = (1, 1);
        let mut from = 0;
        for key in path {
            let Some((at, value)) = locate(text, key, from) else {
                break;
            };
            (line, column) = crate::error::line_column(&text[..value]);
            from = at + key.len() + 1;
        }
        let mut field: Vec<&str> = path.to_vec();
        field.dedup();
        Error::new(ErrorKind::Rule, String::new(), cause)
            .at(&self.src.path, text, line, column)
            .field(field.join("."))
    }

    /// Where `text` is first written after the key `key:`, as a byte offset.
    pub fn find_after(&self, key: &str, text: &str) -> Option<usize> {
        let source = &self.src.text;
        let (_, from) = locate(source, key, 0)?;
        source[from..].find(text).map(|at| from + at)
    }

    /// A finding pointed at byte `at` of the source (a phrase inside a
    /// value of `key`).
    pub fn at_offset(&self, at: usize, key: &str, cause: impl Into<String>) -> Error {
        let text = &self.src.text;
        let (line, column) = crate::error::line_column(text.get(..at).unwrap_or(text));
        Error::new(ErrorKind::Rule, String::new(), cause)
            .at(&self.src.path, text, line, column)
            .field(key)
    }
}

/// Where `key:` is first written in `text` from byte `from`, at the start
/// of a key (after a line's indent, `{`, `,` or `- `): the byte where the
/// key starts and where its value does, past the spaces after the colon.
fn locate(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let pattern = format!("{key}:");
    let mut start = from;
    while let Some(found) = text.get(start..)?.find(&pattern) {
        let at = start + found;
        let before = text[..at].chars().next_back();
        if before.is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '{' | ',' | '-')) {
            let after = at + pattern.len();
            let spaces = text[after..].chars().take_while(|c| *c == ' ').count();
            return Some((at, after + spaces));
        }
        start = at + pattern.len();
    }
    None
}
