//! Golden files for every sample at three levels: the model, the DOCX text,
//! the PDF text per page. Review a change with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test golden` and `git diff`).

mod common;

use common::*;
use vanban::render::{docx, pdf};

#[test]
fn every_sample_matches_its_golden_files() {
    for path in sample_files() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = model(&path);
        // The styles come from the rule set and are tested with it; leave them out.
        let mut model = serde_json::to_value(&doc).unwrap();
        model.as_object_mut().unwrap().remove("styles");
        round(&mut model);
        // The word joiners inside symbols, written as JSON escapes so that
        // a review sees them.
        let model = serde_json::to_string_pretty(&model)
            .unwrap()
            .replace('\u{2060}', "\\u2060");
        insta::assert_snapshot!(format!("{name}.model"), model);
        let docx = docx::write(&doc).unwrap();
        let text = docx_lines(&docx_part(&docx, "word/document.xml")).join("\n");
        insta::assert_snapshot!(format!("{name}.docx"), text);
        let pages = pdf_pages(&pdf::write(&doc).unwrap());
        let pages: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| format!("--- page {} ---\n{}", i + 1, p.trim_end()))
            .collect();
        insta::assert_snapshot!(format!("{name}.pdf"), pages.join("\n"));
    }
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
