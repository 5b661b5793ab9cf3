//! YAML text → `load_source` (parse, checks, compose) → both writers.
//!
//! Any input may be rejected with an `Err`; none may panic, hang or exhaust
//! memory (a panic inside Tera, which compose catches and reports as the
//! document's error, unwinds to that catch). Errors are formatted too,
//! since their snippets index the source.

#![no_main]

mod common;

use common::templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vanban::input::Source;

fuzz_target!(init: common::let_panics_in_unwind(&["tera"]), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(Path::new("fuzz.yaml"), text);
    match vanban::api::load_source(&source, templates()) {
        Ok(doc) => {
            if let Err(e) = vanban::render::docx::write(&doc) {
                let _ = e.to_string();
            }
            if let Err(e) = vanban::render::pdf::write(&doc) {
                let _ = e.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
