//! The reference guidance document (44-HD/BTGHU): every paragraph, the header,
//! the Party format, read back from the PDF, Typst's layout and the DOCX XML.

mod common;

use common::*;
use vanban::model::Role;
use vanban::render::{docx, pdf};

fn reference() -> vanban::model::Document {
    model(&sample("huong-dan-44-HD-BTGHU.yaml"))
}

#[test]
fn pdf_holds_every_reference_paragraph_in_order_under_the_header() {
    let text = pdf_text(&pdf::write(&reference()).unwrap());
    let mut from = 0;
    for head in ["HUYỆN ỦY TÂY SƠN", "BAN TUYÊN GIÁO", "Số 44-HD/BTGHU"] {
        let at = text.find(head).unwrap_or_else(|| panic!("{head} missing"));
        assert!(
            at < text.find("Thực hiện Hướng dẫn số 54").unwrap(),
            "{head} after the body"
        );
    }
    for line in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tây Sơn, ngày 03 tháng 01 năm 2023",
        "HƯỚNG DẪN",
        "công tác khoa giáo năm 2023",
        "-----",
    ] {
        assert!(text.contains(line), "{line} missing");
    }
    let paragraphs = reference_paragraphs();
    assert_eq!(paragraphs.len(), 30);
    // Lines break after hyphens (`04-` / `CTrPH`), so compare without spaces.
    let dense: String = text.split_whitespace().collect();
    for p in &paragraphs {
        let p: String = p.split_whitespace().collect();
        let at = dense[from..]
            .find(p.as_str())
            .unwrap_or_else(|| panic!("missing or out of order: {p}"));
        from += at + p.len();
    }
    let closing = dense[from..].to_string();
    assert!(closing.contains("Nơinhận:"));
    assert!(
        closing.ends_with("-LưuBanTuyêngiáoHuyệnủy.")
            || closing.contains("-LưuBanTuyêngiáoHuyệnủy.")
    );
}

#[test]
fn pdf_embeds_every_font() {
    let bytes = pdf::write(&reference()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut descriptors = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice()) {
            descriptors += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile"),
                "a font is not embedded: {dict:?}"
            );
            let name = dict.get(b"FontName").and_then(|n| n.as_name()).unwrap();
            assert!(
                String::from_utf8_lossy(name).contains("LiberationSerif"),
                "{name:?}"
            );
        }
    }
    assert!(
        descriptors >= 3,
        "regular, bold and italic at least: {descriptors}"
    );
}

#[test]
fn layout_puts_the_title_right_the_number_left_and_numbers_pages_from_two() {
    let doc = reference();
    let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
    assert!(pages.len() >= 2);
    let first = &pages[0];
    let half = first.width / 2.0;
    let title = first
        .find("ĐẢNG CỘNG SẢN VIỆT NAM")
        .expect("title on page 1");
    assert!(
        title.x > half,
        "title starts at {} of {}",
        title.x,
        first.width
    );
    let number = first.find("Số 44-HD/BTGHU").expect("number on page 1");
    assert!(
        number.x + number.width < half,
        "number ends at {}",
        number.x + number.width
    );
    let date = first
        .find("Tây Sơn, ngày 03 tháng 01 năm 2023")
        .expect("date");
    assert!(date.x > half);
    assert!(
        (date.y - number.y).abs() < 0.5,
        "number and date share a baseline"
    );
    // Nothing is printed in the top margin of page 1; page 2 has its number there.
    let top = doc.page.margin_top * 72.0 / 25.4;
    assert!(
        first.runs.iter().all(|r| r.y > top),
        "page 1 has text in its top margin"
    );
    let second = &pages[1];
    let number_runs: Vec<_> = second.runs.iter().filter(|r| r.y < top).collect();
    assert_eq!(number_runs.len(), 1, "{number_runs:?}");
    assert_eq!(number_runs[0].text, "2");
    let centre = number_runs[0].x + number_runs[0].width / 2.0;
    let text_centre = (doc.page.margin_left + doc.page.text_width() / 2.0) * 72.0 / 25.4;
    assert!(
        (centre - text_centre).abs() < 1.0,
        "page number centred over the text"
    );
}

#[test]
fn layout_uses_the_rule_set_sizes() {
    let pages = pdf::page_texts(&pdf::layout(&reference()).unwrap());
    let size = |needle: &str| pages[0].find(needle).unwrap().size;
    assert_eq!(size("ĐẢNG CỘNG SẢN VIỆT NAM"), 15.0);
    assert_eq!(size("HUYỆN ỦY TÂY SƠN"), 14.0);
    assert_eq!(size("Số 44-HD/BTGHU"), 14.0);
    assert_eq!(size("HƯỚNG DẪN"), 16.0);
    let last = pages.last().unwrap();
    assert_eq!(last.find("Nơi nhận:").unwrap().size, 14.0);
    assert_eq!(
        last.find("Lưu Ban Tuyên giáo Huyện ủy.").unwrap().size,
        12.0
    );
}

#[test]
fn docx_styles_the_header_title_and_recipients_as_the_rules_say() {
    let bytes = docx::write(&reference()).unwrap();
    let document = docx_part(&bytes, "word/document.xml");
    let styles = docx_part(&bytes, "word/styles.xml");
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("ĐẢNG CỘNG SẢN VIỆT NAM", &["sz=30", "b"], &["i", "u"]),
        ("HUYỆN ỦY TÂY SƠN", &["sz=28"], &["b", "i"]),
        ("BAN TUYÊN GIÁO", &["sz=28", "b"], &["i"]),
        ("Số 44-HD/BTGHU", &["sz=28"], &["b", "i"]),
        (
            "Tây Sơn, ngày 03 tháng 01 năm 2023",
            &["sz=28", "i"],
            &["b"],
        ),
        ("HƯỚNG DẪN", &["sz=32", "b"], &["i"]),
        ("công tác khoa giáo năm 2023", &["sz=28", "b"], &["i"]),
        ("Nơi nhận:", &["sz=28", "u=single"], &["b", "i"]),
        ("- Lưu Ban Tuyên giáo Huyện ủy.", &["sz=24"], &["b", "i"]),
    ];
    for (text, has, lacks) in cases {
        let (id, props) = style_of(&document, &styles, text);
        for p in *has {
            assert!(
                props.iter().any(|x| x == p),
                "{text} ({id}) lacks {p}: {props:?}"
            );
        }
        for p in *lacks {
            assert!(
                !props.iter().any(|x| x == p),
                "{text} ({id}) has {p}: {props:?}"
            );
        }
    }
    // Times New Roman in every slot, by default for every run.
    let doc = roxmltree::Document::parse(&styles).unwrap();
    let fonts = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "rFonts")))
        .expect("default fonts");
    for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert_eq!(
            fonts.attribute((W, slot)),
            Some("Times New Roman"),
            "{slot}"
        );
    }
}

#[test]
fn docx_has_a4_the_margins_and_a_page_field_only_from_page_two() {
    let doc = reference();
    let bytes = docx::write(&doc).unwrap();
    let document = docx_part(&bytes, "word/document.xml");
    let xml = roxmltree::Document::parse(&document).unwrap();
    let sect = xml
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    let size = sect
        .children()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(size.attribute((W, "w")), Some("11906"));
    assert_eq!(size.attribute((W, "h")), Some("16838"));
    let margins = sect
        .children()
        .find(|n| n.has_tag_name((W, "pgMar")))
        .unwrap();
    for (side, twips) in [
        ("top", "1134"),
        ("bottom", "1134"),
        ("left", "1701"),
        ("right", "850"),
        ("header", "567"),
    ] {
        assert_eq!(margins.attribute((W, side)), Some(twips), "{side}");
    }
    assert!(
        sect.children().any(|n| n.has_tag_name((W, "titlePg"))),
        "different first page"
    );
    let refs: Vec<(String, String)> = sect
        .children()
        .filter(|n| n.has_tag_name((W, "headerReference")))
        .map(|n| {
            let kind = n.attribute((W, "type")).unwrap().to_string();
            let rid = n
                .attributes()
                .find(|a| a.name() == "id")
                .unwrap()
                .value()
                .to_string();
            (kind, rid)
        })
        .collect();
    let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
    let target = |rid: &str| {
        let rels = roxmltree::Document::parse(&rels).unwrap();
        let rel = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(rid))
            .unwrap();
        format!("word/{}", rel.attribute("Target").unwrap())
    };
    let (_, first) = refs
        .iter()
        .find(|(k, _)| k == "first")
        .expect("a first-page header");
    let (_, default) = refs
        .iter()
        .find(|(k, _)| k == "default")
        .expect("a default header");
    let first_xml = docx_part(&bytes, &target(first));
    assert!(!first_xml.contains("PAGE"), "page 1 shows no number");
    assert!(docx_paragraphs(&first_xml).iter().all(|t| t.is_empty()));
    let default_xml = docx_part(&bytes, &target(default));
    assert!(
        default_xml.contains("instrText") && default_xml.contains("PAGE"),
        "{default_xml}"
    );
    assert!(default_xml.contains("vbPageNumber"));
}

#[test]
fn docx_text_is_the_model_text_in_order() {
    let doc = reference();
    let bytes = docx::write(&doc).unwrap();
    let paragraphs: Vec<String> = docx_paragraphs(&docx_part(&bytes, "word/document.xml"))
        .iter()
        .map(|p| squash(p))
        .collect();
    let mut from = 0;
    for p in reference_paragraphs() {
        let at = paragraphs[from..]
            .iter()
            .position(|x| *x == p)
            .unwrap_or_else(|| panic!("{p}"));
        from += at + 1;
    }
    let roles: Vec<Role> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            vanban::model::Block::Paragraph { role, .. } => Some(*role),
            _ => None,
        })
        .collect();
    assert_eq!(roles.iter().filter(|r| **r == Role::Heading1).count(), 3);
    assert_eq!(roles.iter().filter(|r| **r == Role::Heading2).count(), 5);
}

#[test]
fn docx_deflates_the_parts_where_it_pays_and_stores_the_tiny_ones() {
    let bytes = docx::write(&reference()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut stored = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let method = entry.compression();
        if entry.size() < 1024 {
            assert_eq!(method, zip::CompressionMethod::Stored, "{:?}", entry.name());
            stored += 1;
        } else {
            assert_eq!(
                method,
                zip::CompressionMethod::Deflated,
                "{:?}",
                entry.name()
            );
            assert!(
                entry.compressed_size() < entry.size() / 2,
                "{:?}",
                entry.name()
            );
        }
    }
    assert!(stored > 0 && stored < zip.len());
}
