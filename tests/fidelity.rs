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
