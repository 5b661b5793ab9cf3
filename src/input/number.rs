//! A document's number: figures, and the letter some numbers carry (`57b`,
//! a number given between two others). Written as a whole number in YAML, or
//! as a string when it has its letter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocNumber {
    pub value: u32,
    pub letter: Option<char>,
}

impl DocNumber {
    /// `118`, `57b`, `05`: figures (not all zeros) and at most one letter.
    pub fn parse(text: &str) -> Option<DocNumber> {
        let text = text.trim();
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        let mut rest = text[digits..].chars();
        let letter = rest.next();
        let ok = digits > 0 && rest.next().is_none() && letter.is_none_or(|c| c.is_alphabetic());
        Some(DocNumber {
            value: text[..digits].parse().ok()?,
            letter,
        })
        .filter(|n| ok && n.value > 0)
    }

    /// As the number line prints it: numbers below 10 with a leading zero
    /// (`05`, `05a`, `57b`, `118`).
    pub fn printed(&self) -> String {
        let letter = self.letter.map(String::from).unwrap_or_default();
        format!("{:02}{letter}", self.value)
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.value)?;
        match self.letter {
            Some(c) => write!(f, "{c}"),
            None => Ok(()),
        }
    }
}

/// The number as typed: figures, or text to be read as a [`DocNumber`]
/// once the document is composed (so that a wrong one is reported at its
/// place in the file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum NumberIn {
    Figures(u64),
    Text(String),
}

impl NumberIn {
    pub fn parse(&self) -> Option<DocNumber> {
        match self {
            NumberIn::Figures(n) => {
                u32::try_from(*n)
                    .ok()
                    .filter(|n| *n > 0)
                    .map(|value| DocNumber {
                        value,
                        letter: None,
                    })
            }
            NumberIn::Text(text) => DocNumber::parse(text),
        }
    }
}

impl From<DocNumber> for NumberIn {
    fn from(n: DocNumber) -> NumberIn {
        match n.letter {
            None => NumberIn::Figures(u64::from(n.value)),
            Some(_) => NumberIn::Text(n.to_string()),
        }
    }
}

impl JsonSchema for NumberIn {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Số của văn bản: chỉ ghi số (ví dụ 44), hoặc số kèm một chữ cái (\"57b\").",
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "string", "pattern": "^[1-9][0-9]*[a-zA-Z]?$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_and_without_a_letter() {
        let n = DocNumber::parse("57b").unwrap();
        assert_eq!(
            (n.value, n.letter, n.printed()),
            (57, Some('b'), "57b".into())
        );
        assert_eq!(DocNumber::parse("5").unwrap().printed(), "05");
        assert_eq!(DocNumber::parse("05").unwrap().printed(), "05");
        for bad in ["", "b57", "57bc", "00", "5 b", "bốn"] {
            assert_eq!(DocNumber::parse(bad), None, "{bad}");
        }
        let yaml = |n: DocNumber| serde_saphyr::to_string(&NumberIn::from(n)).unwrap();
        assert_eq!(yaml(n), "57b\n");
        assert_eq!(yaml(DocNumber::parse("118").unwrap()), "118\n");
        let read = |t: &str| serde_saphyr::from_str::<NumberIn>(t).unwrap().parse();
        assert_eq!(read("57b"), Some(n));
        assert_eq!(read("44").map(|n| n.printed()), Some("44".into()));
        assert_eq!(read("0"), None);
        assert_eq!(read("bốn mươi tư"), None);
    }
}
