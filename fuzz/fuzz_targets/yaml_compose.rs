//! YAML text → parse, checks, compose and the lint, without the writers:
//! the input side alone, fast enough for millions of runs in a session.
//!
//! Any input may be rejected with an `Err`; none may panic, hang or exhaust
//! memory (a panic inside Tera, which compose catches and reports as the
//! document's error, unwinds to that catch). Errors and warnings are
//! formatted too, since their snippets index the source.

#![no_main]

mod common;

use common::templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vanban::input::{InputDoc, Source};

fuzz_target!(init: common::let_panics_in_unwind(&["tera"]), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(Path::new("fuzz.yaml"), text);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    match source.parse::<InputDoc>() {
        Ok(doc) => {
            for finding in vanban::check::document(&source, &doc, templates(), today) {
                let _ = finding.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
