//! Both rule sets on both outputs: header parts and their rules, number and
//! date lines, recipients, signatures, công văn, decisions, joint documents,
//! appendices. Positions come from Typst's layout, formats from the DOCX XML.

mod common;

use common::*;
use vanban::render::docx;
use vanban::render::pdf::{self, PageText};

fn pages(name: &str) -> Vec<PageText> {
    pdf::page_texts(&pdf::layout(&model(&sample(name))).unwrap())
}

fn pdf_of(name: &str) -> String {
    pdf_text(&pdf::write(&model(&sample(name))).unwrap())
}

fn docx_of(name: &str) -> (String, String) {
    let bytes = docx::write(&model(&sample(name))).unwrap();
    (
        docx_part(&bytes, "word/document.xml"),
        docx_part(&bytes, "word/styles.xml"),
    )
}

fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn state_header_has_the_national_title_motto_and_their_rules() {
    let page = &pages("state-quyet-dinh.yaml")[0];
    let half = page.width / 2.0;
    let title = page.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").unwrap();
    let motto = page.find("Độc lập - Tự do - Hạnh phúc").unwrap();
    assert!(title.x > half - 20.0 && motto.x > half, "right column");
    assert_eq!((title.size, motto.size), (13.0, 14.0));
    assert!(motto.y > title.y, "motto under the title");
    // The rule under the motto is as long as the motto and centred under it.
    let rule = page.rule_under(motto).expect("a rule under the motto");
    assert!(
        near(rule.length, motto.width, 0.5),
        "{} vs {}",
        rule.length,
        motto.width
    );
    assert!(near(rule.x, motto.x, 0.5));
    // The issuer's rule is 1/3 to 1/2 of its name, centred.
    let issuer = page.find("ỦY BAN NHÂN DÂN").unwrap();
    let rule = page
        .rules
        .iter()
        .find(|r| r.x < half && r.y > issuer.y)
        .expect("issuer rule");
    let ratio = rule.length / issuer.width;
    assert!((0.33..=0.5).contains(&ratio), "{ratio}");
    let centre = issuer.x + issuer.width / 2.0;
    assert!(near(rule.x + rule.length / 2.0, centre, 0.5));
}

#[test]
fn state_number_has_a_colon_and_shares_the_date_baseline() {
    let page = &pages("state-quyet-dinh.yaml")[0];
    let number = page.find("Số: 05/QĐ-UBND").unwrap();
    let date = page.find("Bình An, ngày 07 tháng 01 năm 2026").unwrap();
    assert!(number.x + number.width < page.width / 2.0);
    assert!(date.x > page.width / 2.0 - 20.0);
    assert!(near(number.y, date.y, 0.5), "{} vs {}", number.y, date.y);
    assert_eq!(number.size, 13.0);
    assert_eq!(date.size, 14.0);
}

#[test]
fn party_header_has_the_star_and_a_rule_as_long_as_the_title() {
    let page = &pages("party-ke-hoach.yaml")[0];
    let title = page.find("ĐẢNG CỘNG SẢN VIỆT NAM").unwrap();
    let rule = page.rule_under(title).expect("a rule under the title");
    assert!(near(rule.length, title.width, 0.5));
    let issuer = page.find("ĐẢNG ỦY XÃ BÌNH AN").unwrap();
    let star = page.runs.iter().find(|r| r.text == "*").expect("the star");
    let number = page.find("Số 08-KH/ĐU").unwrap();
    assert!(issuer.y < star.y && star.y < number.y);
    let in_left_header = |r: &&vanban::render::pdf::RuleRun| {
        r.y > issuer.y && r.y < number.y && r.x < page.width / 2.0 - 20.0
    };
    assert!(
        page.rules.iter().filter(in_left_header).count() == 0,
        "no rule under a Party issuer"
    );
    let (document, styles) = docx_of("party-ke-hoach.yaml");
    let (_, props) = style_of(&document, &styles, "KHẨN");
    assert!(props.iter().any(|p| p == "b"), "độ khẩn bold: {props:?}");
    assert!(
        document.contains("<w:top w:val=\"single\""),
        "độ khẩn framed"
    );
}

#[test]
fn recipients_take_each_regime_s_punctuation_and_archive_line() {
    let state = pdf_of("state-to-trinh.yaml");
    assert!(state.contains("Nơi nhận: - Như trên; - Thường trực HĐND xã; - Chủ tịch, các Phó Chủ tịch UBND xã; - Lưu: VT, VP."), "{state}");
    let party = pdf_of("party-ke-hoach.yaml");
    assert!(party.contains("Nơi nhận: - Ban Thường vụ Tỉnh ủy (b/c), - Các chi bộ trực thuộc, - Lưu Văn phòng Đảng ủy."), "{party}");
    let (document, styles) = docx_of("state-to-trinh.yaml");
    let (_, label) = style_of(&document, &styles, "Nơi nhận:");
    for p in ["sz=24", "b", "i"] {
        assert!(
            label.iter().any(|x| x == p),
            "State Nơi nhận: lacks {p}: {label:?}"
        );
    }
    let (_, item) = style_of(&document, &styles, "- Lưu: VT, VP.");
    assert!(item.iter().any(|x| x == "sz=22"), "{item:?}");
    let (document, styles) = docx_of("party-ke-hoach.yaml");
    let (_, label) = style_of(&document, &styles, "Nơi nhận:");
    assert!(
        label.iter().any(|x| x == "u=single") && !label.iter().any(|x| x == "b"),
        "{label:?}"
    );
}

#[test]
fn signature_prefixes_and_the_three_line_state_form() {
    let text = pdf_of("state-cong-van.yaml");
    assert!(
        text.contains("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
        "{text}"
    );
    let page = &pages("state-cong-van.yaml")[0];
    let tm = page.find("TM. ỦY BAN NHÂN DÂN").unwrap();
    let kt = page.find("KT. CHỦ TỊCH").unwrap();
    let name = page.find("Nguyễn Văn Hùng").unwrap();
    assert!(tm.y < kt.y && kt.y < name.y);
    assert!(tm.x > page.width / 2.0 - 10.0, "signature on the right");
    let label = page.find("Nơi nhận:").unwrap();
    assert!(
        near(label.y, tm.y, 3.0),
        "Nơi nhận: level with the first signature line"
    );
    let party = pdf_of("party-to-trinh.yaml");
    assert!(party.contains("T/M BAN THƯỜNG VỤ BÍ THƯ"), "{party}");
    // The State position line is bold, the Party one is not.
    let (document, styles) = docx_of("state-cong-van.yaml");
    assert!(
        style_of(&document, &styles, "PHÓ CHỦ TỊCH")
            .1
            .iter()
            .any(|p| p == "b")
    );
    let (document, styles) = docx_of("party-to-trinh.yaml");
    assert!(
        !style_of(&document, &styles, "BÍ THƯ")
            .1
            .iter()
            .any(|p| p == "b")
    );
}

#[test]
fn cong_van_has_no_type_name_and_its_subject_under_the_number() {
    let page = &pages("state-cong-van.yaml")[0];
    let number = page.find("Số: 125/UBND-VP").unwrap();
    let subject = page.find("V/v báo cáo tiến độ").unwrap();
    assert!(subject.y > number.y && subject.x < page.width / 2.0);
    assert!(page.find("CÔNG VĂN").is_none());
    let kinh_gui = page.find("Kính gửi:").unwrap();
    let first = page.find("- Sở Tài chính tỉnh Gia Lai;").unwrap();
    let second = page.find("- Kho bạc Nhà nước khu vực XIII.").unwrap();
    assert!(
        near(kinh_gui.y, first.y, 0.5) && near(first.x, second.x, 0.5),
        "addressees under the colon"
    );
    let (document, styles) = docx_of("party-cong-van.yaml");
    let (_, props) = style_of(
        &document,
        &styles,
        "V/v triển khai học tập chuyên đề năm 2026",
    );
    assert!(
        props.iter().any(|p| p == "i") && props.iter().any(|p| p == "sz=24"),
        "{props:?}"
    );
    assert!(pdf_of("party-cong-van.yaml").contains("Số 100-CV/ĐU"));
}

#[test]
fn quyet_dinh_has_its_authority_bases_and_articles() {
    let text = pdf_of("state-quyet-dinh.yaml");
    let order = [
        "QUYẾT ĐỊNH Về việc thành lập Tổ công tác",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Thành lập",
        "Điều 2. Nhiệm vụ của Tổ công tác",
        "Điều 3. Quyết định này có hiệu lực",
        "Điều 4. Chánh Văn phòng",
    ];
    let mut from = 0;
    for part in order {
        let at = text[from..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        from += at + part.len();
    }
    let (document, styles) = docx_of("state-quyet-dinh.yaml");
    assert!(
        style_of(
            &document,
            &styles,
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        )
        .1
        .iter()
        .any(|p| p == "i")
    );
    assert!(
        style_of(&document, &styles, "Điều 2. Nhiệm vụ của Tổ công tác")
            .1
            .iter()
            .any(|p| p == "b")
    );
    // An article that is a sentence has only its label in bold.
    let xml = roxmltree::Document::parse(&document).unwrap();
    let label = xml
        .descendants()
        .find(|n| n.has_tag_name((W, "t")) && n.text() == Some("Điều 1. "))
        .expect("Điều 1. run");
    let run = label.parent().unwrap();
    assert!(
        run.descendants().any(|n| n.has_tag_name((W, "b"))),
        "Điều 1. is bold"
    );
}

#[test]
fn joint_document_has_every_issuer_a_joint_number_and_aligned_signatures() {
    let page = &pages("party-chuong-trinh-phoi-hop.yaml")[0];
    let half = page.width / 2.0;
    for issuer in [
        "BAN TUYÊN GIÁO",
        "HỘI ĐỒNG NHÂN DÂN",
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TÂY SƠN",
    ] {
        assert!(
            page.find(issuer).unwrap().x < half,
            "{issuer} in the left column"
        );
    }
    assert!(page.find("Số 02-CTrPH/BTGHU-HĐND-UBND").is_some());
    let names: Vec<_> = ["Nguyễn Văn Bình", "Trần Văn Cường", "Lê Thị Dung"]
        .iter()
        .map(|n| page.find(n).unwrap())
        .collect();
    assert!(
        names
            .windows(2)
            .all(|w| near(w[0].y, w[1].y, 0.5) && w[0].x < w[1].x),
        "names side by side"
    );
    let label = page.find("Nơi nhận:").unwrap();
    assert!(label.y > names[0].y, "recipients under the signatures");
}

/// A State document with a long body and two appendices, the first over two pages.
fn long_with_appendices(rules: &str) -> vanban::model::Document {
    let body: String = (0..40)
        .map(|i| {
            format!("  Đoạn văn thứ {i} của phần nội dung chính, đủ dài để tràn sang trang sau.\n")
        })
        .collect();
    let appendix: String = (0..45)
        .map(|i| format!("      Dòng {i} của phụ lục thứ nhất.\n"))
        .collect();
    let (issuer, prefix) = if rules.starts_with("state") {
        ("UBND", "TM.")
    } else {
        ("ĐU", "T/M")
    };
    let yaml = format!(
        "rules: {rules}\nkind: bao-cao\nissuer: {{ name: CƠ QUAN, abbr: {issuer} }}\nnumber: 7\ndate: 2026-03-03\nplace: Hà Nội\nsummary: thử phụ lục\nbody: |\n{body}recipients: {{ archive: VP }}\nsignature: {{ prefix: {prefix}, on_behalf: CƠ QUAN, position: CHỦ TỊCH, name: A }}\nappendices:\n  - title: một\n    body: |\n{appendix}  - title: hai\n    body: Một dòng.\n"
    );
    model_from_str(&yaml).unwrap()
}

#[test]
fn page_numbers_start_on_page_two_and_restart_in_each_appendix() {
    for (rules, first, second) in [
        ("state-nd30-2020", "Phụ lục I", "Phụ lục II"),
        ("party-hd36-2018", "Phụ lục 1", "Phụ lục 2"),
    ] {
        let doc = long_with_appendices(rules);
        let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
        let top = doc.page.margin_top * 72.0 / 25.4;
        let numbers: Vec<Option<String>> = pages
            .iter()
            .map(|p| p.runs.iter().find(|r| r.y < top).map(|r| r.text.clone()))
            .collect();
        let starts: Vec<usize> = [first, second]
            .iter()
            .map(|label| {
                pages
                    .iter()
                    .position(|p| p.runs.iter().any(|r| r.text == *label))
                    .unwrap()
            })
            .collect();
        assert!(
            starts[0] >= 2 && starts[1] == starts[0] + 2,
            "{rules}: {starts:?}"
        );
        assert_eq!(numbers[0], None, "{rules}: page 1 has no number");
        assert_eq!(numbers[1].as_deref(), Some("2"), "{rules}");
        assert_eq!(
            numbers[starts[0]], None,
            "{rules}: an appendix's first page has no number"
        );
        assert_eq!(
            numbers[starts[0] + 1].as_deref(),
            Some("2"),
            "{rules}: numbering restarts"
        );
        assert_eq!(numbers[starts[1]], None, "{rules}");
        // DOCX: a section per part, each restarting at 1 with a blank first-page header.
        let bytes = docx::write(&doc).unwrap();
        let xml = docx_part(&bytes, "word/document.xml");
        let parsed = roxmltree::Document::parse(&xml).unwrap();
        let sections: Vec<_> = parsed
            .descendants()
            .filter(|n| n.has_tag_name((W, "sectPr")))
            .collect();
        assert_eq!(sections.len(), 3, "{rules}");
        for (i, s) in sections.iter().enumerate() {
            assert!(
                s.children().any(|n| n.has_tag_name((W, "titlePg"))),
                "{rules} section {i}"
            );
            let restart = s
                .children()
                .find(|n| n.has_tag_name((W, "pgNumType")))
                .and_then(|n| n.attribute((W, "start")));
            assert_eq!(
                restart,
                if i == 0 { None } else { Some("1") },
                "{rules} section {i}"
            );
        }
        let text = pdf_text(&pdf::write(&doc).unwrap());
        assert!(text.contains("(Kèm theo Báo cáo số 07"), "{text}");
    }
}

#[test]
fn every_sample_follows_its_regime_s_number_form() {
    for path in sample_files() {
        let doc = model(&path);
        let number = &doc.header.rows[1].left[0].text;
        let source = std::fs::read_to_string(&path).unwrap();
        if source.contains("rules: state-nd30-2020") {
            assert!(number.starts_with("Số: "), "{}: {number}", path.display());
            assert!(
                !number.contains("/20"),
                "no year in a State number: {number}"
            );
        } else {
            assert!(
                number.starts_with("Số ") && !number.starts_with("Số:"),
                "{}: {number}",
                path.display()
            );
            assert!(number.contains('-') && number.contains('/'), "{number}");
        }
    }
}
