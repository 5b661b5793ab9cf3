//! Importing drafts: the reference text, messy drafts of both regimes, legacy
//! encodings, and the round trip of every sample through its own DOCX.

mod common;

use common::*;
use std::path::Path;
use vanban::import::{self as draft, Imported};
use vanban::model::{Block, Document};
use vanban::render::docx;

fn import(path: &Path) -> Imported {
    english();
    draft::import(path, false).unwrap_or_else(|e| panic!("{e}"))
}

fn yaml(imported: &Imported) -> serde_json::Value {
    serde_saphyr::from_str(&imported.yaml).unwrap_or_else(|e| panic!("{e}\n{}", imported.yaml))
}

/// The YAML that import makes of a DOCX built in the test, saved as `name`.
fn import_docx(docx: docx_rs::Docx, name: &str) -> serde_json::Value {
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut buf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, buf.into_inner()).unwrap();
    yaml(&import(&path))
}

fn compose(imported: &Imported) -> Document {
    model_from_str(&imported.yaml).unwrap_or_else(|e| panic!("{e}\n{}", imported.yaml))
}

fn has_warning(imported: &Imported, text: &str) -> bool {
    imported.warnings.iter().any(|w| w.message.contains(text))
}

#[test]
fn the_reference_text_gives_its_header_every_paragraph_and_its_recipients() {
    let imported = import(&root().join("tests/data/huong-dan-44-HD-BTGHU.txt"));
    let v = yaml(&imported);
    assert_eq!(v["rules"], "party-hd36-2018");
    assert_eq!(v["kind"], "huong-dan");
    assert_eq!(v["issuer"]["superior"], "HUYỆN ỦY TÂY SƠN");
    assert_eq!(v["issuer"]["name"], "BAN TUYÊN GIÁO");
    assert_eq!(v["issuer"]["abbr"], "BTGHU");
    assert_eq!(v["number"], 44);
    assert_eq!(v["date"], "2023-01-03");
    assert_eq!(v["place"], "Tây Sơn");
    assert_eq!(v["summary"], "công tác khoa giáo năm 2023");
    let items = v["recipients"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 9);
    assert_eq!(
        items[6], "Các đơn vị trong khối khoa giáo, các cơ quan liên quan",
        "the wrapped item"
    );
    assert_eq!(items[0]["to"], "Ban Tuyên giáo Tỉnh ủy");
    assert_eq!(items[0]["purpose"], "b/c");
    assert_eq!(v["recipients"]["archive"], "Ban Tuyên giáo Huyện ủy");
    // Rendering it gives the same body text as the sample.
    let imported_doc = compose(&imported);
    let sample = model(&sample("huong-dan-44-HD-BTGHU.yaml"));
    let text = |d: &Document| {
        d.body
            .iter()
            .map(|b| squash(&b.plain_text()))
            .collect::<Vec<_>>()
    };
    assert_eq!(text(&imported_doc), text(&sample));
    assert_eq!(text(&imported_doc).len(), 30);
}

#[test]
fn a_messy_party_draft_is_cleaned_and_its_mistakes_fixed_with_warnings() {
    let imported = import(&root().join("tests/drafts/party-messy.txt"));
    let v = yaml(&imported);
    assert_eq!(v["kind"], "ke-hoach");
    assert_eq!(v["issuer"]["superior"], "ĐẢNG BỘ TỈNH GIA LAI");
    assert_eq!(v["issuer"]["name"], "ĐẢNG ỦY XÃ BÌNH AN");
    assert_eq!(v["number"], 12);
    assert_eq!(v["date"], "2026-02-07");
    assert!(
        has_warning(&imported, "`Số:` with a colon"),
        "{:?}",
        imported.warnings
    );
    assert!(has_warning(&imported, "no `*`"));
    assert!(has_warning(&imported, "date written `Bình An, 7/2/2026`"));
    assert!(has_warning(&imported, "numbering typed `1)`"));
    let doc = compose(&imported);
    let lines: Vec<String> = doc
        .header
        .rows
        .iter()
        .flat_map(|r| r.left.iter().chain(&r.right))
        .map(|l| l.text.clone())
        .collect();
    assert!(lines.contains(&"Số 12-KH/ĐU".to_string()), "{lines:?}");
    assert!(
        lines.contains(&"Bình An, ngày 07 tháng 02 năm 2026".to_string()),
        "{lines:?}"
    );
    let body: Vec<String> = doc.body.iter().map(Block::plain_text).collect();
    assert_eq!(
        body[0], "I. MỤC ĐÍCH, YÊU CẦU",
        "NFC, and no space before the comma"
    );
    assert_eq!(body[1], "1. Nâng cao nhận thức của cán bộ, đảng viên.");
    assert_eq!(body[3], "- Bảo đảm thời gian, địa điểm.");
    assert_eq!(
        body.last().unwrap(),
        "Văn phòng Đảng ủy chủ trì thực hiện./."
    );
    let sig = &doc.closing.signatures[0];
    assert_eq!(sig.lines[0].text, "T/M BAN THƯỜNG VỤ");
    assert_eq!(sig.name.text, "Đặng Văn Lâm");
}

#[test]
fn a_state_cong_van_with_its_subject_and_addressees() {
    let imported = import(&root().join("tests/drafts/state-cong-van.txt"));
    let v = yaml(&imported);
    assert_eq!(v["rules"], "state-nd30-2020");
    assert_eq!(v["kind"], "cong-van");
    assert_eq!(v["issuer"]["name"], "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN");
    assert_eq!(v["issuer"]["unit"], "VP");
    assert_eq!(v["summary"], "báo cáo kết quả rà soát hộ nghèo");
    assert_eq!(v["addressees"].as_array().unwrap().len(), 2);
    assert_eq!(v["date"], "2026-02-07");
    assert!(
        has_warning(&imported, "date written"),
        "`ngày 7 tháng 2` is rewritten: {:?}",
        imported.warnings
    );
    let doc = compose(&imported);
    let number = &doc.header.rows[1].left[0].text;
    assert_eq!(number, "Số: 45/UBND-VP");
    assert_eq!(
        doc.header.rows[1].right[0].text,
        "Bình An, ngày 07 tháng 02 năm 2026"
    );
    let recipients: Vec<&str> = doc
        .closing
        .recipients
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(recipients, ["- Như trên;", "- Lưu: VT, VP."]);
    assert_eq!(
        doc.closing.signatures[0].lines[0].text,
        "TM. ỦY BAN NHÂN DÂN"
    );
}

#[test]
fn a_markdown_decision_with_a_year_in_its_number() {
    let imported = import(&root().join("tests/drafts/state-quyet-dinh.md"));
    let v = yaml(&imported);
    assert_eq!(v["kind"], "quyet-dinh");
    assert_eq!(v["number"], 5);
    assert!(
        has_warning(&imported, "a year (2026)"),
        "{:?}",
        imported.warnings
    );
    assert_eq!(v["authority"], "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN");
    assert_eq!(v["bases"].as_array().unwrap().len(), 2);
    let doc = compose(&imported);
    let body: Vec<String> = doc.body.iter().map(Block::plain_text).collect();
    assert!(body.contains(&"QUYẾT ĐỊNH:".to_string()));
    assert!(
        body.contains(&"Điều 1. Thành lập Tổ công tác rà soát hộ nghèo năm 2026.".to_string()),
        "{body:?}"
    );
    assert_eq!(doc.header.rows[1].left[0].text, "Số: 05/QĐ-UBND");
}

#[test]
fn a_draft_with_no_header_keeps_its_body_and_says_what_is_missing() {
    let imported = import(&root().join("tests/drafts/no-header.txt"));
    let v = yaml(&imported);
    assert!(has_warning(&imported, "no national title found"));
    assert!(has_warning(&imported, "no date line found"));
    let body = v["body"].as_str().unwrap();
    assert!(body.starts_with("Thực hiện chỉ đạo của cấp trên"));
    assert!(body.contains("2. Báo cáo kết quả trước ngày 30/6/2026."));
}

#[test]
fn legacy_encodings_are_reported_and_tcvn3_fixed_on_request() {
    let path = root().join("tests/drafts/tcvn3.txt");
    let err = draft::import(&path, false).unwrap_err();
    assert!(err.cause.contains("TCVN3"), "{err}");
    assert!(err.hints.iter().any(|h| h.contains("--fix-encoding")));
    let fixed = draft::import(&path, true).unwrap();
    assert!(
        fixed
            .yaml
            .contains("Hướng dẫn công tác khoa giáo năm 2023, các chi bộ thực hiện đúng quy định."),
        "{}",
        fixed.yaml
    );
}

/// What a reader sees of a document, for comparing a sample with its round trip.
fn visible(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .header
        .rows
        .iter()
        .flat_map(|r| r.left.iter().chain(&r.right))
        .map(|l| l.text.clone())
        .collect();
    out.extend(doc.title.iter().map(|l| l.text.clone()));
    out.extend(doc.body.iter().map(|b| {
        format!(
            "{:?} {}",
            std::mem::discriminant(b),
            squash(&b.plain_text())
        )
    }));
    if let Some(r) = &doc.closing.recipients {
        out.extend(r.items.iter().map(|l| l.text.clone()));
    }
    for s in &doc.closing.signatures {
        out.extend(s.lines.iter().map(|l| l.text.clone()));
        out.push(s.name.text.clone());
    }
    for a in &doc.appendices {
        out.extend(a.heading.iter().map(|l| l.text.clone()));
        out.extend(a.body.iter().map(|b| squash(&b.plain_text())));
    }
    // Blanks of a draft's number and date are non-breaking spaces; an
    // imported draft has plain ones.
    out.iter().map(|l| squash(l)).collect()
}

#[test]
fn every_sample_comes_back_from_its_own_docx() {
    for path in sample_files() {
        let original = model(&path);
        let dir = tempfile::tempdir().unwrap();
        let docx_path = dir.path().join("draft.docx");
        std::fs::write(&docx_path, docx::write(&original).unwrap()).unwrap();
        let imported = import(&docx_path);
        let back = compose(&imported);
        let (b, o) = (visible(&back), visible(&original));
        if let Some(i) = (0..b.len().max(o.len())).find(|i| b.get(*i) != o.get(*i)) {
            panic!(
                "{}: line {i}: got {:?}, want {:?}\n{}",
                path.display(),
                b.get(i),
                o.get(i),
                imported.yaml
            );
        }
        // Field for field: every key the importer can know (not the body's
        // markup, which may have been a template, nor `name_in_text`).
        let fields = |y: &serde_json::Value| {
            let mut v = y.clone();
            let map = v.as_object_mut().unwrap();
            for key in ["body", "template", "data", "end_mark", "unit", "appendices"] {
                map.remove(key);
            }
            for issuer in std::iter::once(map.get_mut("issuer")).flatten() {
                let issuer = issuer.as_object_mut().unwrap();
                issuer.remove("name_in_text");
                // A name that compose broke to fit its column comes back
                // with the break, which gives the same header.
                if let Some(name) = issuer.get_mut("name") {
                    *name = name.as_str().unwrap().replace('\n', " ").into();
                }
            }
            v
        };
        let sample_yaml: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if sample_yaml.get("unit").is_none() {
            assert_eq!(
                fields(&yaml(&imported)),
                fields(&sample_yaml),
                "{}",
                path.display()
            );
        }
        let roles = |d: &Document| {
            d.body
                .iter()
                .map(|b| match b {
                    Block::Paragraph { role, .. } => format!("{role:?}"),
                    other => format!("{:?}", std::mem::discriminant(other)),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(roles(&back), roles(&original), "{}", path.display());
    }
}

#[test]
fn a_line_the_importer_cannot_place_is_kept_and_reported() {
    let text = std::fs::read_to_string(root().join("tests/drafts/state-cong-van.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.txt");
    std::fs::write(&path, format!("{text}\nHP.(05)\n")).unwrap();
    let imported = import(&path);
    assert!(
        has_warning(
            &imported,
            "not placed: moved to the end of the body: HP.(05)"
        ),
        "{:?}",
        imported.warnings
    );
    let v = yaml(&imported);
    assert!(
        v["body"].as_str().unwrap().ends_with("HP.(05)"),
        "{}",
        imported.yaml
    );
}

#[test]
fn word_list_numbering_is_read_into_the_text() {
    use docx_rs::*;
    let level = |n: usize, format: &str, text: &str| {
        Level::new(
            n,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let item = |text: &str, level: usize| {
        Paragraph::new()
            .add_run(Run::new().add_text(text))
            .numbering(NumberingId::new(5), IndentLevel::new(level))
    };
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(2)
                .add_level(level(0, "upperRoman", "%1."))
                .add_level(level(1, "decimal", "%2."))
                .add_level(level(2, "lowerLetter", "%3)")),
        )
        .add_numbering(Numbering::new(5, 2))
        .add_paragraph(item("MỤC ĐÍCH", 0))
        .add_paragraph(item("Một", 1))
        .add_paragraph(item("điểm", 2))
        .add_paragraph(item("điểm", 2))
        .add_paragraph(item("Hai", 1))
        .add_paragraph(item("NHIỆM VỤ", 0))
        .add_paragraph(item("Ba", 1));
    let v = import_docx(docx, "lists.docx");
    let body: Vec<&str> = v["body"].as_str().unwrap().lines().collect();
    assert_eq!(
        body,
        [
            "I. MỤC ĐÍCH",
            "1. Một",
            "a) điểm",
            "b) điểm",
            "2. Hai",
            "II. NHIỆM VỤ",
            "1. Ba"
        ]
    );
}

#[test]
fn render_takes_a_draft_directly_and_import_writes_the_yaml() {
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(root())
            .args(["--lang", "en"])
            .args(args)
            .output()
            .unwrap()
    };
    let result = run(&[
        "render",
        "tests/drafts/state-cong-van.txt",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pdf = std::fs::read(out.path().join("state-cong-van.pdf")).unwrap();
    assert!(pdf_text(&pdf).contains("Số: 45/UBND-VP"));
    assert!(out.path().join("state-cong-van.docx").exists());
    let yaml = out.path().join("cv.yaml");
    let result = run(&[
        "import",
        "tests/drafts/party-messy.txt",
        "-o",
        yaml.to_str().unwrap(),
    ]);
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("warning: tests/drafts/party-messy.txt:"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(&yaml)
            .unwrap()
            .contains("kind: ke-hoach")
    );
}

#[test]
fn a_number_with_a_letter_goes_through_schema_number_line_and_check() {
    english();
    for (sample, line) in [
        ("party-cong-van.yaml", "Số 57b-CV/ĐU"),
        ("state-cong-van.yaml", "Số: 57b/UBND-VP"),
    ] {
        let text = std::fs::read_to_string(root().join("samples").join(sample)).unwrap();
        let numbered = text
            .lines()
            .map(|l| {
                if l.starts_with("number:") {
                    "number: 57b".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let doc = model_from_str(&numbered).unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<&str> = doc
            .header
            .rows
            .iter()
            .flat_map(|r| r.left.iter().chain(&r.right))
            .map(|l| l.text.as_str())
            .collect();
        assert!(lines.contains(&line), "{lines:?}");
        // The draft importer reads it back.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("back.docx");
        std::fs::write(&path, docx::write(&doc).unwrap()).unwrap();
        assert_eq!(yaml(&import(&path))["number"], "57b");
    }
    let bad = "number: 57bc";
    let text = std::fs::read_to_string(sample("party-cong-van.yaml"))
        .unwrap()
        .lines()
        .map(|l| if l.starts_with("number:") { bad } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let err = model_from_str(&text).unwrap_err();
    assert!(err.cause.contains("`57bc` is no document number"), "{err}");
    assert_eq!(err.field.as_deref(), Some("number"));
}

/// Word's `List Bullet` and `List Number` styles carry the list in the style,
/// not in the paragraph: the marker must not be lost.
#[test]
fn word_list_styles_keep_their_markers() {
    use docx_rs::*;
    let mut bullet = Style::new("ListBullet", StyleType::Paragraph).name("List Bullet");
    bullet.paragraph_property =
        ParagraphProperty::new().numbering(NumberingId::new(7), IndentLevel::new(0));
    // A `List Number` style whose list is not in the file (as some office
    // templates save it): numbered by its name.
    let number = Style::new("ListNumber", StyleType::Paragraph).name("List Number");
    let styled = |text: &str, style: &str| {
        Paragraph::new()
            .add_run(Run::new().add_text(text))
            .style(style)
    };
    let docx = Docx::new()
        .add_style(bullet)
        .add_style(number)
        .add_abstract_numbering(AbstractNumbering::new(3).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(7, 3))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Các việc cần làm:")))
        .add_paragraph(styled("Rà soát danh sách", "ListBullet"))
        .add_paragraph(styled("Báo cáo kết quả", "ListBullet"))
        .add_paragraph(styled("Bước một", "ListNumber"))
        .add_paragraph(styled("Bước hai", "ListNumber"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Việc khác"))
                .numbering(NumberingId::new(7), IndentLevel::new(0)),
        );
    let v = import_docx(docx, "styles.docx");
    let body: Vec<&str> = v["body"].as_str().unwrap().lines().collect();
    assert_eq!(
        body,
        [
            "Các việc cần làm:",
            "- Rà soát danh sách",
            "- Báo cáo kết quả",
            "1. Bước một",
            "2. Bước hai",
            "- Việc khác"
        ]
    );
}
