//! Issue 12's layout items, each read back from the model, the DOCX XML or
//! Typst's layout: what a clerk would spot first.

mod common;

use common::*;

const PARTY: &str = "rules: party-hd36-2018\nkind: huong-dan\nissuer:\n  superior: ĐẢNG BỘ TỈNH GIA LAI\n  name: ĐẢNG ỦY XÃ BÌNH AN\n  abbr: ĐU\nplace: Bình An\nsummary: về việc thử\nnumber: 3\ndate: 2025-12-01\n";

#[test]
fn a_body_already_ending_with_the_end_mark_keeps_it_once() {
    for body in ["Nội dung cuối./.", "Nội dung cuối./.  "] {
        let doc = model_from_str(&format!("{PARTY}body: \"{body}\"\n")).unwrap();
        assert_eq!(doc.body.last().unwrap().plain_text(), "Nội dung cuối./.");
    }
}

/// The rules Typst drew under a run of text on the given page.
fn rules_under(page: &vanban::render::pdf::PageText, needle: &str) -> Vec<(f64, f64)> {
    let run = page
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle}"))
        .clone();
    page.rules
        .iter()
        .filter(|r| {
            let below = r.y - run.y;
            below > 0.0 && below < 6.0 && r.x < run.x + run.width && r.x + r.length > run.x
        })
        .map(|r| (r.x - run.x, r.length - run.width))
        .collect()
}

#[test]
fn the_party_recipients_label_is_underlined_by_one_continuous_line() {
    let doc = model(&sample("huong-dan-44-HD-BTGHU.yaml"));
    let pages = vanban::render::pdf::page_texts(&vanban::render::pdf::layout(&doc).unwrap());
    let last = pages.last().unwrap();
    let rules = rules_under(last, "Nơi nhận:");
    // One line from the first letter to the colon, not broken at `ậ`.
    assert_eq!(rules.len(), 1, "{rules:?}");
    let (start, longer) = rules[0];
    assert!(start.abs() < 0.5 && longer.abs() < 0.5, "{rules:?}");
}

#[test]
fn a_tab_prints_as_a_space_in_both_writers() {
    let doc = model_from_str(&format!(
        "{PARTY}body: \"Mục tiêu:\\tđạt 100%.\\n| TT | Nội\\tdung |\\n|---|---|\\n| 1 | a\\tb |\"\n"
    ))
    .unwrap();
    let pdf = pdf_text(&vanban::render::pdf::write(&doc).unwrap());
    assert!(pdf.contains("Mục tiêu: đạt 100%."), "{pdf}");
    assert!(pdf.contains("Nội dung") && pdf.contains("a b"), "{pdf}");
    let docx = docx_part(
        &vanban::render::docx::write(&doc).unwrap(),
        "word/document.xml",
    );
    assert!(!docx.contains('\t'), "a tab in the DOCX text");
    let paragraphs = docx_paragraphs(&docx);
    assert!(
        paragraphs.iter().any(|p| p == "Mục tiêu: đạt 100%."),
        "{paragraphs:?}"
    );
}
