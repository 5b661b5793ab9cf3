//! Checking documents: vanban's own input against the lint rules (the
//! [`registry`], one function per rule), and files made elsewhere (DOCX)
//! against the rule sets.

mod appendix;
mod bodies;
mod context;
mod dates;
pub mod docx;
mod draft;
mod hierarchy;
mod recipients;
mod reform;
pub mod registry;
mod signature;
mod summary;
mod text;

pub use context::Ctx;
pub use registry::{Level, RULES, Rule};

use crate::compose::{self, Templates};
use crate::error::Error;
use crate::input::{InputDoc, Source};
use crate::rules::RuleSet;
use std::path::Path;

/// `vanban check` of a parsed input: the first error that stops it
/// composing, then the warnings.
pub fn document(
    src: &Source,
    doc: &InputDoc,
    templates: &Templates,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    let mut found = Vec::new();
    if let Err(e) = compose::compose(src, doc, templates) {
        found.push(e);
    }
    found.extend(lint(src, doc, today));
    found
}

/// The warnings of a document whose rule set and kind are known (none
/// otherwise: composing it reports those).
pub fn lint(src: &Source, doc: &InputDoc, today: chrono::NaiveDate) -> Vec<Error> {
    let Some(rules) = RuleSet::get(&doc.rules.value) else {
        return Vec::new();
    };
    let Some(kind) = rules.kind(&doc.kind.value) else {
        return Vec::new();
    };
    registry::run_document(&Ctx {
        src,
        doc,
        rules,
        kind,
        today,
    })
}

/// Text problems found in a file's raw text, before normalisation.
pub fn text(path: &Path, raw: &str) -> Vec<Error> {
    registry::run_text(path, raw)
}

/// Every finding of a document file's bytes: its text first, then the first
/// error that stops it parsing or composing, then the warnings.
pub fn file(
    path: &Path,
    bytes: Vec<u8>,
    templates: &Templates,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    // Text that is not UTF-8 is read byte for byte as Latin-1, so that the
    // text rules can tell a legacy Vietnamese encoding; it is never parsed.
    let (raw, not_utf8) = match Source::decode(path, bytes.clone()) {
        Ok(text) => (text, None),
        Err(e) => (bytes.iter().map(|b| *b as char).collect(), Some(e)),
    };
    let mut found = text(path, &raw);
    if let Some(err) = not_utf8
        && found.iter().all(|f| f.warning)
    {
        found.push(err.code("VB001"));
    }
    if found.iter().all(|f| f.warning) {
        let source = Source::new(path, &raw);
        match source.parse::<InputDoc>() {
            Ok(doc) => found.extend(document(&source, &doc, templates, today)),
            Err(e) => found.push(unparsed(e)),
        }
    }
    found
}

/// A document composed for writing, with the warnings `vanban check` has
/// for it (what a compiler prints beside its output).
pub struct Checked {
    pub document: crate::model::Document,
    pub warnings: Vec<Error>,
}

/// Composes the document in a file's text (`raw`, as read), and lists the
/// warnings of the text and lint rules. An error stops it, as in
/// [`crate::api::load`].
pub fn compose_checked(
    path: &Path,
    raw: String,
    templates: &Templates,
    today: chrono::NaiveDate,
) -> crate::error::Result<Checked> {
    let source = Source::owned(path, raw);
    let input: InputDoc = source.parse()?;
    let document = compose::compose(&source, &input, templates)?;
    let warnings = warnings(&source, &input, today);
    Ok(Checked { document, warnings })
}

/// The warnings of the text and lint rules on a document file already read.
pub fn warnings(source: &Source, input: &InputDoc, today: chrono::NaiveDate) -> Vec<Error> {
    let mut found = text(&source.path, &source.text);
    found.extend(lint(source, input, today));
    found.retain(|w| w.warning);
    found
}

/// A file that does not parse breaks VB001 unless its error names a rule.
pub fn unparsed(e: Error) -> Error {
    if e.code.is_some() { e } else { e.code("VB001") }
}

/// Today's date (UTC) from the system clock, for the future-date rule:
/// only the checks read it, never a writer.
pub fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch + chrono::Duration::days(days as i64)
}
