//! Checking documents: vanban's own input against the lint rules (the
//! [`registry`], one function per rule), and files made elsewhere (DOCX)
//! against the rule sets.

mod appendix;
mod context;
mod dates;
pub mod docx;
mod draft;
mod recipients;
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
