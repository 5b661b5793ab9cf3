//! Importing PDFs end to end: every sample's PDF (vanban's own, and
//! LibreOffice's of its DOCX from tests/data/pdf) through the PDF reader and
//! the recogniser gives a YAML that renders to the text a reader sees in the
//! sample: header, title, every paragraph and table row, recipients,
//! signatures, appendices.

mod common;

use common::*;
use vanban::import::{self as draft, Imported};
use vanban::model::Document;

/// Every text of a document, part by part, squashed.
fn text(doc: &Document) -> Vec<String> {
    // A line broken on purpose reads as two.
    part_texts(doc)
        .iter()
        .flat_map(|t| t.split('\n'))
        .map(squash)
        .filter(|t| !t.is_empty())
        .collect()
}

fn import_pdf(pdf: &[u8]) -> Imported {
    english();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, pdf).unwrap();
    draft::import(&path, false).unwrap_or_else(|e| panic!("{e}"))
}

fn same_text(name: &str, imported: &Imported, original: &Document) {
    let back =
        model_from_str(&imported.yaml).unwrap_or_else(|e| panic!("{name}: {e}\n{}", imported.yaml));
    let (b, o) = (text(&back), text(original));
    if let Some(i) = (0..b.len().max(o.len())).find(|i| b.get(*i) != o.get(*i)) {
        panic!(
            "{name}: line {i}: got {:?}, want {:?}\n{}",
            b.get(i),
            o.get(i),
            imported.yaml
        );
    }
}

#[test]
fn every_sample_comes_back_from_its_own_pdf() {
    for path in sample_files() {
        let original = model(&path);
        let pdf = vanban::render::pdf::write(&original).unwrap();
        let imported = import_pdf(&pdf);
        same_text(&path.display().to_string(), &imported, &original);
    }
}

#[test]
fn libreoffice_pdfs_of_the_samples_docx_come_back_too() {
    let dir = root().join("tests/data/pdf/libreoffice");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let original = model(&sample(&format!("{name}.yaml")));
        let imported = import_pdf(&std::fs::read(&file).unwrap());
        same_text(&name, &imported, &original);
    }
}

/// A công văn's fields, from its PDF: the issuer over its superior, the
/// number, the date and place, the trích yếu from the left column, the
/// addressees, the signature.
#[test]
fn a_cong_van_pdf_gives_its_fields() {
    let pdf = vanban::render::pdf::write(&model(&sample("party-cong-van.yaml"))).unwrap();
    let v: serde_json::Value = serde_saphyr::from_str(&import_pdf(&pdf).yaml).unwrap();
    assert_eq!(v["issuer"]["superior"], "ĐẢNG BỘ TỈNH GIA LAI");
    assert_eq!(v["issuer"]["name"], "ĐẢNG ỦY XÃ BÌNH AN");
    assert_eq!(v["number"], 100);
    assert_eq!(v["date"], "2026-09-14");
    assert_eq!(v["place"], "Bình An");
    assert_eq!(v["summary"], "triển khai học tập chuyên đề năm 2026");
    assert_eq!(v["addressees"][1], "Các đoàn thể chính trị - xã hội xã");
    assert_eq!(v["signature"]["position"], "BÍ THƯ");
    assert_eq!(v["signature"]["name"], "Đặng Văn Lâm");
}
