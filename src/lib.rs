//! vanban: Vietnamese official documents (Party and State formats) from YAML
//! to DOCX and PDF.
//!
//! The pipeline is the folder tree: [`input`] (YAML) → [`compose`] (rule set,
//! body template and markup) → [`model`] (the document) → [`render`] (DOCX,
//! PDF). [`rules`] holds the regulations as data.

pub mod batch;
pub mod cli;
pub mod compose;
pub mod error;
pub mod fonts;
pub mod input;
pub mod lang;
pub mod model;
pub mod render;
pub mod rules;

/// mimalloc, without transparent huge pages: Typst allocates and frees many
/// small objects on every worker thread. With glibc's allocator a batch's
/// peak RSS grew with the number of units (59 MB at 100, 70 MB at 3,000);
/// with this one it stays near 50 MB. Huge pages doubled the RSS and cost
/// kernel time zeroing them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use compose::Templates;
use error::Result;
use input::Source;
use model::Document;
use std::path::Path;

/// Reads, checks and composes one document file.
pub fn load(path: &Path, templates: &Templates) -> Result<Document> {
    let source = Source::read(path)?;
    load_source(&source, templates)
}

/// Composes a document from source text already in memory.
pub fn load_source(source: &Source, templates: &Templates) -> Result<Document> {
    let input = source.parse()?;
    compose::compose(source, &input, templates)
}
