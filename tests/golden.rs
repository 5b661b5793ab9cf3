//! Golden files for every sample at three levels: the model, the DOCX text,
//! the PDF text per page, one snapshot per sample and level (insta's
//! `glob!`), so that one mismatch does not hide the others. Review a change
//! with `cargo insta review` (or `INSTA_UPDATE=always cargo test --test
//! golden` and `git diff`).

mod common;

use common::*;
use std::path::Path;
use vanban::render::{docx, pdf};

#[test]
fn model() {
    insta::glob!("../samples", "*.yaml", |path| {
        insta::assert_snapshot!(model_text(path));
    });
}

#[test]
fn docx() {
    insta::glob!("../samples", "*.yaml", |path| {
        let docx = docx::write(&common::model(path)).unwrap();
        insta::assert_snapshot!(docx_lines(&docx_part(&docx, "word/document.xml")).join("\n"));
    });
}

#[test]
fn pdf() {
    insta::glob!("../samples", "*.yaml", |path| {
        let pages = pdf_pages(&pdf::write(&common::model(path)).unwrap());
        let pages: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| format!("--- page {} ---\n{}", i + 1, p.trim_end()))
            .collect();
        insta::assert_snapshot!(pages.join("\n"));
    });
}

/// The model as JSON, without its styles (they come from the rule set and
/// are tested with it), lengths rounded, the word joiners inside symbols
/// written as JSON escapes so that a review sees them.
fn model_text(path: &Path) -> String {
    let mut model = serde_json::to_value(common::model(path)).unwrap();
    model.as_object_mut().unwrap().remove("styles");
    round(&mut model);
    serde_json::to_string_pretty(&model)
        .unwrap()
        .replace('\u{2060}', "\\u2060")
}

/// Lengths to 0.01 mm (or pt): a change in the last bits of a width measured
/// with the font is not a change in the layout.
fn round(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            let x = (n.as_f64().unwrap() * 100.0).round() / 100.0;
            *value = serde_json::json!(x);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round),
        serde_json::Value::Object(map) => map.values_mut().for_each(round),
        _ => {}
    }
}
