//! Every sample read back from vanban's own PDF, and a few from other
//! producers (LibreOffice from vanban's DOCX, Ghostscript and cairo from
//! vanban's PDF; made by tests/data/pdf/make.sh): the lines across the
//! text area, the header's columns and the closing as the model has them,
//! paragraphs joined, bold and italic, no page number, no stamp.

use super::*;

#[test]
fn every_sample_reads_back_from_its_own_pdf() {
    let mut pages = 0;
    for path in samples() {
        let (doc, pdf) = render(&path);
        let lines = read(&pdf);
        check(&path.display().to_string(), &shape(&doc), &lines, true);
        pages = pages.max(lines.iter().filter_map(|l| l.page).max().unwrap_or(0));
    }
    // Some sample runs over several pages, whose numbers were dropped.
    assert!(pages >= 3, "{pages}");
}

#[test]
fn other_producers_pdfs_read_the_same() {
    let dir = root().join("tests/data/pdf");
    let mut read_files = 0;
    let templates = crate::api::templates().unwrap();
    for producer in ["libreoffice", "ghostscript", "cairo"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(producer))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            let doc =
                crate::api::load(&root().join(format!("samples/{name}.yaml")), templates).unwrap();
            let lines = read(&std::fs::read(&file).unwrap());
            check(&format!("{producer}/{name}"), &shape(&doc), &lines, true);
            read_files += 1;
        }
    }
    assert!(read_files >= 10, "{read_files}");
}

/// The header of a công văn, its columns apart: the left column's lines
/// first, each marked with its column, then the right's; a wrapped body
/// paragraph is one line, with its first-line indent and its page.
#[test]
fn a_cong_van_reads_column_by_column_and_paragraph_by_paragraph() {
    let (_, pdf) = render(&root().join("samples/party-cong-van.yaml"));
    let lines = read(&pdf);
    let text: Vec<(String, Option<Column>)> = lines
        .iter()
        .filter(|l| !l.blank)
        .map(|l| (l.text.clone(), l.place.and_then(|p| p.column)))
        .collect();
    let left = Some(Column::Left);
    let right = Some(Column::Right);
    assert_eq!(
        text[..7],
        [
            ("ĐẢNG BỘ TỈNH GIA LAI".to_string(), left),
            ("ĐẢNG ỦY XÃ BÌNH AN".to_string(), left),
            ("*".to_string(), left),
            ("Số 100-CV/ĐU".to_string(), left),
            (
                "V/v triển khai học tập chuyên đề năm 2026".to_string(),
                left
            ),
            ("ĐẢNG CỘNG SẢN VIỆT NAM".to_string(), right),
            ("Bình An, ngày 14 tháng 9 năm 2026".to_string(), right),
        ]
    );
    let body = lines
        .iter()
        .find(|l| l.text.starts_with("Thực hiện chỉ đạo"))
        .unwrap();
    assert!(
        body.text.ends_with("trước ngày 30 tháng 9 năm 2026."),
        "{}",
        body.text
    );
    let place = body.place.unwrap();
    assert!((place.indent - 10.0).abs() < 0.5, "{place:?}");
    assert_eq!(body.page, Some(1));
    // The signer's name after the room to sign: a blank line before it.
    let name = lines.iter().position(|l| l.text == "Đặng Văn Lâm").unwrap();
    assert!(lines[name - 1].blank);
    assert!(lines[name].bold && lines[name].place.unwrap().gap > 15.0);
}

/// A paragraph that runs on to the next page is one line, and the page
/// numbers of the pages it crosses are not in it.
#[test]
fn a_paragraph_across_a_page_break_is_one_line() {
    let (doc, pdf) = render(&root().join("samples/huong-dan-44-HD-BTGHU.yaml"));
    let lines = read(&pdf);
    let pages: Vec<u32> = lines.iter().filter_map(|l| l.page).collect();
    assert_eq!(pages.iter().max(), Some(&4));
    let paragraphs: Vec<String> = doc.body.iter().map(|b| squash(&b.plain_text())).collect();
    for line in lines
        .iter()
        .filter(|l| l.place.is_some_and(|p| p.column.is_none()))
    {
        assert!(
            !super::super::furniture::is_page_number(&line.text),
            "a page number: {}",
            line.text
        );
    }
    let crossing = paragraphs
        .iter()
        .filter(|p| lines.iter().any(|l| squash(&l.text) == **p))
        .count();
    assert_eq!(crossing, paragraphs.len());
}
