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
        let (line, column) = locate(self.src, key);
        Error::new(ErrorKind::Rule, String::new(), cause)
            .at(&self.src.path, &self.src.text, line, column)
            .field(key)
    }
}

/// Where `key:` is written in the source, to point at a value without a span.
fn locate(src: &Source, key: &str) -> (usize, usize) {
    src.text
        .lines()
        .enumerate()
        .find_map(|(i, line)| {
            let at = line.find(&format!("{key}:"))?;
            let value = line[at + key.len() + 1..]
                .chars()
                .take_while(|c| *c == ' ')
                .count();
            Some((i + 1, line[..at].chars().count() + key.len() + 2 + value))
        })
        .unwrap_or((1, 1))
}
