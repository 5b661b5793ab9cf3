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

const STATE_REPORT: &str = "rules: state-nd30-2020\nkind: bao-cao\nissuer:\n  name: ỦY BAN NHÂN DÂN TỈNH GIA LAI\n  abbr: UBND\nplace: Gia Lai\nsummary: Về việc thử\nbody: Chi tiết tại Phụ lục.\nappendices:\n  - title: Số liệu\n    body: \"| TT | A |\\n|---|---|\\n| 1 | 2 |\"\n";

/// The `(Kèm theo …)` line, without the joiners inside its symbol.
fn reference_line(doc: &vanban::model::Document) -> String {
    doc.appendices[0].heading[2]
        .text
        .replace(vanban::model::JOINER, "")
}

#[test]
fn the_appendix_reference_gives_the_date_in_words_and_the_issuer_in_sentence_case() {
    let doc = model_from_str(&format!("{STATE_REPORT}number: 42\ndate: 2026-07-08\n")).unwrap();
    assert_eq!(
        reference_line(&doc),
        "(Kèm theo Báo cáo số 42/BC-UBND ngày 08 tháng 7 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)"
    );
    let party = "rules: party-hd36-2018\nkind: bao-cao\nissuer:\n  superior: HUYỆN ỦY TÂY SƠN\n  name: BAN TUYÊN GIÁO\n  abbr: BTGHU\nplace: Tây Sơn\nsummary: về việc thử\nbody: Chi tiết tại Phụ lục.\nnumber: 5\ndate: 2023-02-03\nappendices:\n  - title: Số liệu\n    body: x\n";
    assert_eq!(
        reference_line(&model_from_str(party).unwrap()),
        "(Kèm theo Báo cáo số 05-BC/BTGHU ngày 03 tháng 02 năm 2023 của Ban Tuyên giáo Huyện ủy Tây Sơn)"
    );
}

#[test]
fn a_draft_s_appendix_reference_keeps_the_blank_for_its_number_and_day() {
    let doc = model_from_str(&format!("{STATE_REPORT}draft: true\ndate: 2026-07\n")).unwrap();
    let blank = "\u{2007}".repeat(3);
    assert_eq!(
        reference_line(&doc),
        format!(
            "(Kèm theo Báo cáo số {blank}/BC-UBND ngày {blank} tháng 7 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)"
        )
    );
}

#[test]
fn check_warns_when_it_cannot_write_the_issuer_in_a_sentence() {
    english();
    let findings = |yaml: &str| -> Vec<u16> {
        let source = vanban::input::Source::new(std::path::Path::new("t.yaml"), yaml);
        let input = source.parse().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        vanban::check::document(&source, &input, &templates(), today)
            .iter()
            .filter_map(|e| e.code)
            .collect()
    };
    let odd = STATE_REPORT.replace("ỦY BAN NHÂN DÂN TỈNH GIA LAI", "TRƯỜNG THPT BÌNH AN");
    let yaml = format!("{odd}number: 42\ndate: 2026-07-08\n");
    assert!(findings(&yaml).contains(&240), "{:?}", findings(&yaml));
    let named = yaml.replace(
        "  abbr: UBND\n",
        "  abbr: UBND\n  name_in_text: Trường THPT Bình An\n",
    );
    assert!(!findings(&named).contains(&240));
    let derivable = format!("{STATE_REPORT}number: 42\ndate: 2026-07-08\n");
    assert!(!findings(&derivable).contains(&240));
}

/// The lines of page 1 of the PDF layout, top to bottom: runs sharing a
/// baseline joined.
fn layout_lines(doc: &vanban::model::Document) -> Vec<String> {
    let pages = vanban::render::pdf::page_texts(&vanban::render::pdf::layout(doc).unwrap());
    let mut runs = pages[0].runs.clone();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f64, String)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, text)) if (r.y - *y).abs() < 0.5 => {
                text.push(' ');
                text.push_str(&r.text);
            }
            _ => lines.push((r.y, r.text.clone())),
        }
    }
    lines.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn a_header_name_breaks_before_its_administrative_word_in_both_writers() {
    let cases = [
        (
            STATE_REPORT.replace("kind: bao-cao", "kind: ke-hoach"),
            "ỦY BAN NHÂN DÂN",
            "TỈNH GIA LAI",
        ),
        (
            PARTY.replace(
                "  name: ĐẢNG ỦY XÃ BÌNH AN",
                "  name: CHI BỘ THÔN BÌNH THẠNH TÂY",
            ),
            "CHI BỘ",
            "THÔN BÌNH THẠNH TÂY",
        ),
    ];
    for (yaml, first, second) in cases {
        let yaml = if yaml.contains("number:") {
            format!("{yaml}body: x\n")
        } else {
            format!("{yaml}number: 4\ndate: 2026-07-08\n")
        };
        let doc = model_from_str(&yaml).unwrap();
        let lines = layout_lines(&doc);
        // The two halves are lines of their own in the PDF (the left cell's
        // runs may share a baseline with the right cell's).
        for half in [first, second] {
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(half) && !l.starts_with(&format!("{first} {second}"))),
                "{half}: {lines:?}"
            );
        }
        let docx = docx_lines(&docx_part(
            &vanban::render::docx::write(&doc).unwrap(),
            "word/document.xml",
        ));
        let broken = format!("vbIssuer: {first}↵{second}");
        assert!(docx.contains(&broken), "{docx:?}");
    }
}

#[test]
fn a_symbol_or_a_date_never_breaks_inside_in_the_pdf_and_is_joined_in_the_docx() {
    let symbols = ["02-CTrPH/BTGHU-HĐND-UBND", "310/STC-ĐT", "22/12/2024"];
    let body = |k: usize| {
        format!(
            "{}Thực hiện Chương trình phối hợp số {} ngày {} và Công văn số {} của Sở Tài chính về việc triển khai.",
            "ab ".repeat(k),
            symbols[0],
            symbols[2],
            symbols[1]
        )
    };
    // Wherever the filler puts it, each symbol stays whole on one line.
    let mut broken = Vec::new();
    for k in 0..24 {
        let doc = model_from_str(&format!("{PARTY}body: \"{}\"\n", body(k))).unwrap();
        let lines = layout_lines(&doc);
        for s in symbols {
            if !lines.iter().any(|l| l.contains(s)) {
                broken.push((k, s, lines.clone()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    let doc = model_from_str(&format!("{PARTY}body: \"{}\"\n", body(0))).unwrap();
    let docx = docx_part(
        &vanban::render::docx::write(&doc).unwrap(),
        "word/document.xml",
    );
    for joined in [
        "02\u{2060}-\u{2060}CTrPH/\u{2060}BTGHU",
        "310/\u{2060}STC\u{2060}-\u{2060}ĐT",
        "22/\u{2060}12/\u{2060}2024",
    ] {
        assert!(docx.contains(joined), "{joined} not joined in the DOCX");
    }
    // The PDF's text copies out as typed, without the joiners.
    let pdf = pdf_pages(&vanban::render::pdf::write(&doc).unwrap()).join("");
    assert!(
        !pdf.contains('\u{2060}') && pdf.contains("310/STC-ĐT"),
        "{pdf}"
    );
}

#[test]
fn the_bases_of_a_decision_are_joined_too() {
    let yaml = "rules: state-nd30-2020\nkind: quyet-dinh\nissuer:\n  name: ỦY BAN NHÂN DÂN XÃ BÌNH AN\n  abbr: UBND\nplace: Bình An\nsummary: Về việc thử\nnumber: 4\ndate: 2026-07-08\nauthority: CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN\nbases:\n  - Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ\nbody: Điều 1. Thử.\n";
    let doc = model_from_str(yaml).unwrap();
    let basis = doc
        .body
        .iter()
        .find_map(|b| match b {
            vanban::model::Block::Paragraph {
                role: vanban::model::Role::Basis,
                spans,
                ..
            } => Some(spans[0].text.clone()),
            _ => None,
        })
        .unwrap();
    assert!(
        basis.contains("30/\u{2060}2020/\u{2060}NĐ\u{2060}-\u{2060}CP"),
        "{basis:?}"
    );
    assert!(basis.contains("05/\u{2060}3/\u{2060}2020"), "{basis:?}");
}

#[test]
fn the_rule_under_a_state_trich_yeu_stands_clear_of_it_in_both_writers() {
    let doc = model(&sample("state-quyet-dinh.yaml"));
    let summary = &doc.title[1].text;
    let page = &vanban::render::pdf::page_texts(&vanban::render::pdf::layout(&doc).unwrap())[0];
    let run = page.find(summary).expect("the trích yếu");
    let rule = page
        .rules
        .iter()
        .filter(|r| r.y > run.y && r.x < run.x + run.width && r.x + r.length > run.x)
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .expect("a rule under the trích yếu");
    // Under the baseline by the descent and a clearance: 2.5 mm at least,
    // not 0.7 mm under the letters as an underline would be.
    let below = (rule.y - run.y) * 25.4 / 72.0;
    assert!((2.5..4.0).contains(&below), "{below:.2} mm");
    // The DOCX's rule paragraph is as high as that clearance.
    let xml = docx_part(
        &vanban::render::docx::write(&doc).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&xml).unwrap();
    let paragraphs: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let at = paragraphs
        .iter()
        .position(|p| {
            p.descendants()
                .any(|t| t.has_tag_name((W, "t")) && t.text() == Some(summary.as_str()))
        })
        .unwrap();
    let rule = paragraphs[at + 1];
    let spacing = rule
        .descendants()
        .find(|n| n.has_tag_name((W, "spacing")))
        .unwrap();
    let line: f64 = spacing.attribute((W, "line")).unwrap().parse().unwrap();
    assert!(
        rule.descendants().any(|n| n.has_tag_name((W, "bottom"))),
        "a bottom border"
    );
    assert!(line / 20.0 >= 4.5, "{} pt", line / 20.0);
}

#[test]
fn tables_centre_the_serial_number_right_align_figures_and_set_totals_in_bold() {
    let body = "| TT | Chi bộ | Số đảng viên | Tỷ lệ |\\n|---|---|---|---|\\n| 1 | Chi bộ thôn An Hòa | 58 | 86% |\\n| 2 | Chi bộ thôn Bắc Sơn | 1.047 | 85,9% |\\n| | Tổng cộng | 1.105 | 85,9% |";
    let doc = model_from_str(&format!("{PARTY}end_mark: false\nbody: \"{body}\"\n")).unwrap();
    // Typst's layout: the serial numbers centred in their column, the figures
    // ending at one right edge, the total row and the header in bold.
    let page = &vanban::render::pdf::page_texts(&vanban::render::pdf::layout(&doc).unwrap())[0];
    let run = |t: &str| {
        page.runs
            .iter()
            .find(|r| r.text.trim() == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    let centre = |t: &str| run(t).x + run(t).width / 2.0;
    assert!((centre("1") - centre("2")).abs() < 0.1 && (centre("1") - centre("TT")).abs() < 0.5);
    let right = |t: &str| run(t).x + run(t).width;
    assert!(
        (right("58") - right("1.047")).abs() < 0.1 && (right("58") - right("1.105")).abs() < 0.1
    );
    assert!(
        (right("86,0%") - right("85,9%")).abs() < 0.1,
        "one decimal in the column"
    );
    assert!(run("Tổng cộng").bold && run("1.105").bold && run("TT").bold);
    assert!(!run("58").bold);
    // The DOCX: the same alignment and the same bold runs.
    let xml = docx_part(
        &vanban::render::docx::write(&doc).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&xml).unwrap();
    let para = |t: &str| {
        xml.descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .find(|p| {
                p.descendants()
                    .any(|n| n.has_tag_name((W, "t")) && n.text() == Some(t))
            })
            .unwrap_or_else(|| panic!("{t}"))
    };
    let jc = |t: &str| {
        para(t)
            .descendants()
            .find(|n| n.has_tag_name((W, "jc")))
            .and_then(|j| j.attribute((W, "val")))
            .map(str::to_string)
    };
    let bold = |t: &str| para(t).descendants().any(|n| n.has_tag_name((W, "b")));
    assert_eq!(jc("1").as_deref(), Some("center"));
    assert_eq!(jc("1.047").as_deref(), Some("right"));
    assert_eq!(jc("86,0%").as_deref(), Some("right"));
    assert_eq!(
        jc("Chi bộ thôn An Hòa"),
        None,
        "text columns keep the style's left"
    );
    assert!(bold("Tổng cộng") && bold("1.105") && !bold("58"));
}

#[test]
fn fonts_from_a_folder_are_embedded_instead_of_the_shipped_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    renamed_fonts(&fonts);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["--lang", "en"])
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap()
    };
    let sample = sample("huong-dan-44-HD-BTGHU.yaml");
    let sample = sample.to_str().unwrap();
    let out = run(&["render", sample, "-o", "default", "--format", "pdf"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "render", sample, "-o", "own", "--format", "pdf", "--fonts", "fonts",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf =
        |dir: &str| std::fs::read(tmp.path().join(dir).join("huong-dan-44-HD-BTGHU.pdf")).unwrap();
    let (default, own) = (pdf("default"), pdf("own"));
    assert!(
        embedded_fonts(&default)
            .iter()
            .all(|f| f.contains("LiberationSerif"))
    );
    let names = embedded_fonts(&own);
    assert!(
        names.len() >= 3 && names.iter().all(|f| f.contains("VanbantestSerif")),
        "{names:?}"
    );
    // Same widths, so the same lines on the same pages.
    assert_eq!(pdf_pages(&default), pdf_pages(&own));
    // A batch's settings name the folder the same way.
    let units = tmp.path().join("units");
    std::fs::create_dir(&units).unwrap();
    std::fs::copy(
        root().join("samples/party-ke-hoach.yaml"),
        units.join("don-vi.yaml"),
    )
    .unwrap();
    std::fs::write(units.join("batch.yaml"), "fonts: ../fonts\n").unwrap();
    let out = run(&["batch", "units", "-o", "batch-out", "--format", "pdf"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = embedded_fonts(
        &std::fs::read(tmp.path().join("batch-out/dang-uy-xa-binh-an.pdf")).unwrap(),
    );
    assert!(
        names.iter().all(|f| f.contains("VanbantestSerif")),
        "{names:?}"
    );
    // A folder without the four faces is refused, saying what it lacks.
    std::fs::remove_file(fonts.join("vanbantest-Italic.ttf")).unwrap();
    let out = run(&["render", sample, "-o", "bad", "--fonts", "fonts"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not use the fonts in fonts") && stderr.contains("lacks italic"),
        "{stderr}"
    );
    assert!(
        !tmp.path().join("bad").exists()
            || std::fs::read_dir(tmp.path().join("bad")).unwrap().count() == 0
    );
}
