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
//! instead of aborting; so is a panic inside Tera, which composing turns into
//! the document's error. Every other panic aborts, as libFuzzer wants.

#![no_main]

mod common;

use common::templates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: common::let_panics_in_unwind(&["docx-rs", "tera"]), |data: &[u8]| {
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
