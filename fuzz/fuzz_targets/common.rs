//! What the targets share: the built-in templates, loaded once a process,
//! the importer's promise that what it writes parses, and the panics that
//! vanban catches by design.

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
/// what it writes must parse as a document, or this panics. (Only the
/// import targets call it.)
#[allow(dead_code)]
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

/// Wraps libfuzzer-sys's abort-on-panic hook: a panic located in one of
/// `crates` (by its source path, `/NAME-VERSION/`) is one vanban catches by
/// design and turns into that input's error (docx-rs behind the importer's
/// `catch_unwind`, Tera behind `guard::guarded`), so it unwinds quietly.
/// Every other panic aborts, as libFuzzer wants.
#[allow(dead_code)]
pub fn let_panics_in_unwind(crates: &'static [&'static str]) {
    let abort = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let caught = info.location().is_some_and(|l| {
            crates
                .iter()
                .any(|c| l.file().contains(&format!("/{c}-")))
        });
        if !caught {
            abort(info);
        }
    }));
}
