//! From YAML to the model: drafts, the end mark, recipients and signatures.

mod common;

use common::*;
use vanban::model::{Block, Role};

const DOC: &str = "rules: party-hd36-2018\nkind: huong-dan\nissuer:\n  superior: ĐẢNG BỘ TỈNH GIA LAI\n  name: ĐẢNG ỦY XÃ BÌNH AN\n  abbr: ĐU\nplace: Bình An\nsummary: về việc thử\n";

fn lines(doc: &vanban::model::Document) -> Vec<String> {
    doc.header
        .rows
        .iter()
        .flat_map(|r| r.left.iter().chain(&r.right))
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn a_draft_leaves_the_number_and_the_day_blank() {
    let doc = model_from_str(&format!("{DOC}date: 2025-12\nbody: Nội dung.\n")).unwrap();
    let lines = lines(&doc);
    let blank = "\u{2007}".repeat(3);
    assert!(lines.contains(&format!("Số {blank}-HD/ĐU")), "{lines:?}");
    assert!(
        lines.contains(&format!("Bình An, ngày {blank} tháng 12 năm 2025")),
        "{lines:?}"
    );
}

#[test]
fn the_body_ends_with_the_end_mark_unless_told_not_to() {
    let doc = model_from_str(&format!(
        "{DOC}number: 3\ndate: 2025-12-01\nbody: Nội dung cuối.\n"
    ))
    .unwrap();
    assert_eq!(doc.body.last().unwrap().plain_text(), "Nội dung cuối./.");
    let doc = model_from_str(&format!(
        "{DOC}number: 3\ndate: 2025-12-01\nend_mark: false\nbody: Nội dung cuối.\n"
    ))
    .unwrap();
    assert_eq!(doc.body.last().unwrap().plain_text(), "Nội dung cuối.");
}

#[test]
fn recipients_take_the_rule_set_punctuation_whatever_was_typed() {
    let yaml = format!(
        "{DOC}number: 3\ndate: 2025-12-01\nbody: x\nrecipients:\n  items:\n    - {{ to: Ban Thường vụ Tỉnh ủy, purpose: b/c }}\n    - Các chi bộ;\n    - Văn phòng,\n  archive: Văn phòng Đảng ủy.\n"
    );
    let doc = model_from_str(&yaml).unwrap();
    let r = doc.closing.recipients.unwrap();
    assert_eq!(r.label.text, "Nơi nhận:");
    let items: Vec<&str> = r.items.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        items,
        [
            "- Ban Thường vụ Tỉnh ủy (b/c),",
            "- Các chi bộ,",
            "- Văn phòng,",
            "- Lưu Văn phòng Đảng ủy."
        ]
    );
}

#[test]
fn signature_lines_follow_the_prefix() {
    let sig = |s: &str| {
        let doc = model_from_str(&format!(
            "{DOC}number: 3\ndate: 2025-12-01\nbody: x\nsignature:\n{s}"
        ))
        .unwrap();
        let sig = &doc.closing.signatures[0];
        let mut out: Vec<(String, Role)> =
            sig.lines.iter().map(|l| (l.text.clone(), l.role)).collect();
        out.push((sig.name.text.clone(), sig.name.role));
        out
    };
    assert_eq!(
        sig(
            "  prefix: T/M\n  on_behalf: BAN THƯỜNG VỤ\n  position: PHÓ BÍ THƯ\n  name: Trần Thị Bình\n"
        ),
        [
            ("T/M BAN THƯỜNG VỤ".to_string(), Role::SignAuthority),
            ("PHÓ BÍ THƯ".to_string(), Role::SignPosition),
            ("Trần Thị Bình".to_string(), Role::SignName)
        ]
    );
    // The head of an advisory body signs with the bare title.
    assert_eq!(
        sig("  position: TRƯỞNG BAN\n  name: A\n")[0],
        ("TRƯỞNG BAN".to_string(), Role::SignAuthority)
    );
}

#[test]
fn a_table_fills_the_text_width() {
    let doc = model_from_str(&format!(
        "{DOC}number: 3\ndate: 2025-12-01\nend_mark: false\nbody: |\n  | TT | Đơn vị | Số buổi |\n  |---|---|---|\n  | 1 | Chi bộ thôn 1 | 4 |\n"
    ))
    .unwrap();
    let Block::Table {
        header_rows,
        rows,
        columns,
    } = &doc.body[0]
    else {
        panic!("{:?}", doc.body)
    };
    assert_eq!(*header_rows, 1);
    assert_eq!(rows.len(), 2);
    let total: f64 = columns.iter().map(|c| c.width).sum();
    assert!((total - doc.page.text_width()).abs() < 0.5, "{columns:?}");
    assert!(columns[1].width > columns[0].width);
}
