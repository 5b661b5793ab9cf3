//! Draft bytes (plain text or Markdown; a DOCX when the input is a ZIP) →
//! `api::import` in memory → the YAML it gives → `load_source` → DOCX.
//!
//! The name given with the bytes selects the reader. Whatever it imports
//! must be YAML that parses as a document (the importer writes it itself);
//! composing it may fail with an `Err`, never panic.
//!
//! The DOCX reader runs docx-rs behind `catch_unwind`, because docx-rs has
//! panicked on foreign files: a panic raised inside docx-rs is that designed
//! fallback, not a finding, so it is let through to the `catch_unwind`
//! instead of aborting. Every other panic aborts, as libFuzzer wants.

#![no_main]

mod common;

use common::templates;
use libfuzzer_sys::fuzz_target;

/// Wraps libfuzzer-sys's abort-on-panic hook: panics located in docx-rs
/// unwind quietly to `docx_lines`' `catch_unwind`.
fn let_docx_rs_panics_unwind() {
    let abort = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_docx_rs = info
            .location()
            .is_some_and(|l| l.file().contains("/docx-rs-"));
        if !in_docx_rs {
            abort(info);
        }
    }));
}

fuzz_target!(init: let_docx_rs_panics_unwind(), |data: &[u8]| {
    // The reader is chosen by extension: a ZIP goes to the DOCX reader, the
    // rest to the text reader (`.txt` and `.md` share it).
    let name = if data.starts_with(b"PK") { "draft.docx" } else { "draft.txt" };
    let Some(source) = common::import(name, data, true) else {
        return;
    };
    match vanban::api::load_source(&source, templates()) {
        Ok(doc) => {
            if let Err(e) = vanban::render::docx::write(&doc) {
                let _ = e.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
