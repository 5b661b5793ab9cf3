//! What the targets share: the built-in templates, loaded once a process,
//! and the importer's promise that what it writes parses.

use std::path::Path;
use std::sync::OnceLock;
use vanban::compose::Templates;
use vanban::input::{InputDoc, Source};

// Not every target composes what it reads.
#[allow(dead_code)]
pub fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::load(None).expect("the built-in templates load"))
}

/// Imports `bytes` as a draft called `name` (its extension picks the
/// reader), in memory. The importer may refuse with an `Err` (`None` here);
/// what it writes must parse as a document, or this panics.
pub fn import(name: &str, bytes: &[u8], fix_encoding: bool) -> Option<Source> {
    let imported = match vanban::api::import(name, bytes, fix_encoding) {
        Ok(imported) => imported,
        Err(e) => {
            let _ = e.to_string();
            return None;
        }
    };
    let source = Source::new(Path::new("imported.yaml"), &imported.yaml);
    if let Err(e) = source.parse::<InputDoc>() {
        panic!(
            "the importer wrote YAML that does not parse as a document:\n{e}\n---\n{}",
            imported.yaml
        );
    }
    Some(source)
}
