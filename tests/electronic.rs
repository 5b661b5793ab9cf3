//! The PDF a văn thư signs and archives: PDF/A-2b with its metadata read back
//! (XMP and the document information), and the DOCX's core properties.

mod common;

use common::*;
use vanban::model::JOINER;
use vanban::render::{docx, pdf};

/// What a PDF says about itself, read back with lopdf and roxmltree.
struct PdfMeta {
    /// `pdfaid:part` and `pdfaid:conformance` of the XMP.
    pdfa: (String, String),
    /// The output intents' subtypes (`GTS_PDFA1`).
    intents: Vec<String>,
    has_id: bool,
    catalog_lang: String,
    /// From the XMP: title, creator, description, language, create date.
    xmp: [String; 5],
    /// From the Info dictionary: Title, Author, Subject, CreationDate.
    info: [String; 4],
}

fn read_pdf_meta(bytes: &[u8]) -> PdfMeta {
    let pdf = lopdf::Document::load_mem(bytes).expect("a PDF");
    let catalog = pdf.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = pdf.get_object(metadata).unwrap().as_stream().unwrap();
    let xml = String::from_utf8(stream.content.clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let xmp = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .map(|n| {
                n.descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect::<String>()
            })
            .unwrap_or_default()
    };
    let intents = match catalog.get(b"OutputIntents") {
        Ok(o) => pdf
            .dereference(o)
            .unwrap()
            .1
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let dict = pdf.dereference(i).unwrap().1.as_dict().unwrap();
                String::from_utf8_lossy(dict.get(b"S").unwrap().as_name().unwrap()).into_owned()
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let info_ref = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = pdf.get_dictionary(info_ref).unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    let lang = catalog
        .get(b"Lang")
        .map(|l| lopdf::decode_text_string(l).unwrap());
    PdfMeta {
        pdfa: (xmp("part"), xmp("conformance")),
        intents,
        has_id: pdf.trailer.get(b"ID").is_ok(),
        catalog_lang: lang.unwrap_or_default(),
        xmp: [
            xmp("title"),
            xmp("creator"),
            xmp("description"),
            xmp("language"),
            xmp("CreateDate"),
        ],
        info: [
            text(b"Title"),
            text(b"Author"),
            text(b"Subject"),
            String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap())
                .into_owned(),
        ],
    }
}

/// The day the date line prints (the first `, ngày …` of the text), as
/// `YYYY-MM-DD`: `ngày 05 tháng 9 năm 2026`; a draft's blank day is the 1st.
fn printed_date(text: &str) -> String {
    let line = text.split(", ngày ").nth(1).expect("a date line");
    let words: Vec<&str> = line.split_whitespace().take(5).collect();
    let number = |w: &str| w.parse::<u32>().ok();
    let (day, rest) = match number(words[0]) {
        Some(day) => (day, &words[1..]),
        None => (1, &words[..]),
    };
    assert_eq!((rest[0], rest[2]), ("tháng", "năm"), "{line}");
    let (month, year) = (number(rest[1]).unwrap(), number(rest[3]).unwrap());
    format!("{year}-{month:02}-{day:02}")
}

#[test]
fn every_sample_is_pdf_a_2b_and_its_metadata_matches_the_printed_document() {
    for path in sample_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = model(&path);
        let bytes = pdf::write(&doc).unwrap();
        let meta = read_pdf_meta(&bytes);
        assert_eq!(meta.pdfa, ("2".into(), "B".into()), "{name}");
        assert_eq!(meta.intents, ["GTS_PDFA1"], "{name}");
        assert!(meta.has_id, "{name}: PDF/A needs the file identifier");
        assert_eq!(meta.catalog_lang, "vi", "{name}");

        // The XMP and the Info dictionary say the same (PDF/A asks it),
        // without the word joiners compose puts inside symbols and dates.
        let [title, author, subject, language, created] = &meta.xmp;
        assert!(
            !meta
                .xmp
                .iter()
                .chain(&meta.info)
                .any(|t| t.contains(JOINER)),
            "{name}: {:?}",
            meta.xmp
        );
        assert_eq!(meta.info[..3], meta.xmp[..3], "{name}");
        assert_eq!(language, "vi", "{name}");
        let day = &created[..10];
        assert_eq!(
            created,
            &format!("{day}T00:00:00+07:00"),
            "{name}: midnight in Vietnam"
        );
        assert_eq!(
            meta.info[3],
            format!("D:{}000000+07'00", day.replace('-', "")),
            "{name}"
        );

        // What the page prints: the number, the issuer, the date line, the
        // type name (a công văn has none printed: its subject line instead).
        let printed = pdf_text(&bytes);
        assert!(
            !subject.is_empty() && printed.contains(subject.as_str()),
            "{name}: subject {subject:?} not printed"
        );
        assert!(
            printed.contains(&squash(author)),
            "{name}: author {author:?}"
        );
        assert_eq!(day, printed_date(&printed), "{name}");
        let kind_name = title.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(
            printed.contains(&kind_name) || kind_name == "CÔNG VĂN",
            "{name}: title {title:?}"
        );
    }
}

#[test]
fn metadata_of_three_samples_as_written_in_their_files() {
    let cases = [
        (
            "state-quyet-dinh.yaml",
            "QUYẾT ĐỊNH Về việc thành lập Tổ công tác rà soát hộ nghèo, hộ cận nghèo năm 2026",
            "ỦY BAN NHÂN DÂN XÃ BÌNH AN",
            "05/QĐ-UBND",
            "2026-01-07T00:00:00+07:00",
        ),
        (
            "huong-dan-44-HD-BTGHU.yaml",
            "HƯỚNG DẪN công tác khoa giáo năm 2023",
            "BAN TUYÊN GIÁO",
            "44-HD/BTGHU",
            "2023-01-03T00:00:00+07:00",
        ),
        // A draft: no number, no day.
        (
            "party-bao-cao.yaml",
            "",
            "",
            "-BC/ĐU",
            "2026-12-01T00:00:00+07:00",
        ),
    ];
    for (file, title, author, subject, date) in cases {
        let meta = read_pdf_meta(&pdf::write(&model(&sample(file))).unwrap());
        let [t, a, s, _, d] = &meta.xmp;
        if !title.is_empty() {
            assert_eq!((t.as_str(), a.as_str()), (title, author), "{file}");
        }
        assert_eq!((s.as_str(), d.as_str()), (subject, date), "{file}");
    }
}

#[test]
fn plain_pdf_is_not_pdf_a_but_keeps_the_metadata() {
    let doc = model(&sample("state-quyet-dinh.yaml"));
    let plain = pdf::write_as(&doc, pdf::Standard::Plain).unwrap();
    let meta = read_pdf_meta(&plain);
    assert_eq!(meta.pdfa, (String::new(), String::new()));
    assert!(meta.intents.is_empty());
    assert_eq!(meta.xmp[2], "05/QĐ-UBND");
    assert_ne!(plain, pdf::write(&doc).unwrap());
}

#[test]
fn every_sample_docx_has_its_core_properties() {
    for path in sample_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = model(&path);
        let core = docx_part(&docx::write(&doc).unwrap(), "docProps/core.xml");
        let xml = roxmltree::Document::parse(&core).unwrap();
        let get = |tag: &str| {
            xml.descendants()
                .find(|n| n.tag_name().name() == tag)
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        assert!(!core.contains(JOINER), "{name}: {core}");
        // The same properties as the PDF's.
        let pdf_meta = read_pdf_meta(&pdf::write(&doc).unwrap());
        let [title, author, subject, language, created] = &pdf_meta.xmp;
        assert_eq!(&get("title"), title, "{name}");
        assert_eq!(&get("creator"), author, "{name}");
        assert_eq!(&get("subject"), subject, "{name}");
        assert_eq!(&get("language"), language, "{name}");
        assert_eq!(&get("created"), created, "{name}");
        assert_eq!(&get("modified"), created, "{name}");
    }
}

#[test]
fn text_the_font_cannot_draw_leaves_the_pdf_a_valid_and_stays_in_the_docx() {
    let yaml = std::fs::read_to_string(sample("state-quyet-dinh.yaml"))
        .unwrap()
        .replace(
            "thành lập Tổ công tác",
            "thành lập ☎ 😀 العربية Tổ công tác",
        );
    let doc = model_from_str(&yaml).unwrap();
    let bytes = pdf::write(&doc).unwrap();
    assert_eq!(read_pdf_meta(&bytes).pdfa, ("2".into(), "B".into()));
    let printed = pdf_text(&bytes);
    assert!(printed.contains("thành lập Tổ công tác"), "{printed}");
    let xml = docx_part(&docx::write(&doc).unwrap(), "word/document.xml");
    assert!(xml.contains("thành lập ☎ 😀 العربية Tổ công tác"));
}

#[test]
fn a_symbol_in_the_trich_yeu_reaches_the_metadata_without_its_joiners() {
    // The page joins 28-NQ/TW and 23/5/2018 so they never break; the
    // properties carry them as typed.
    let doc = model(&sample("party-bao-cao.yaml"));
    let heading: String = doc.title.iter().map(|l| l.text.as_str()).collect();
    assert!(heading.contains(JOINER), "{heading:?}");
    let meta = read_pdf_meta(&pdf::write(&doc).unwrap());
    assert!(
        meta.xmp[0].contains("Nghị quyết số 28-NQ/TW ngày 23/5/2018 của"),
        "{:?}",
        meta.xmp[0]
    );
    assert_eq!(meta.xmp[0], meta.info[0]);
    let core = docx_part(&docx::write(&doc).unwrap(), "docProps/core.xml");
    assert!(core.contains("Nghị quyết số 28-NQ/TW ngày 23/5/2018 của"));
}

#[test]
fn a_folders_fonts_make_a_pdf_a_too_and_what_they_cannot_draw_is_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    renamed_fonts(&fonts);
    let yaml = std::fs::read_to_string(sample("state-quyet-dinh.yaml"))
        .unwrap()
        .replace("thành lập Tổ công tác", "thành lập ☎ 😀 Tổ công tác");
    let unit = tmp.path().join("qd.yaml");
    std::fs::write(&unit, yaml).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "en", "render"])
        .arg(&unit)
        .args(["-o", "out", "--format", "pdf", "--fonts", "fonts"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(tmp.path().join("out/qd.pdf")).unwrap();
    assert!(
        embedded_fonts(&bytes)
            .iter()
            .all(|f| f.contains("VanbantestSerif"))
    );
    let meta = read_pdf_meta(&bytes);
    assert_eq!(meta.pdfa, ("2".into(), "B".into()));
    assert_eq!(meta.xmp[2], "05/QĐ-UBND");
    assert!(pdf_text(&bytes).contains("thành lập Tổ công tác"));
}

#[test]
fn every_signature_keeps_its_room_to_sign_between_position_and_name() {
    for path in sample_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = model(&path);
        let layout = pdf::layout(&doc).unwrap();
        let rooms = pdf::rooms(&layout);
        let pages = pdf::page_texts(&layout);
        let signatures = &doc.closing.signatures;
        assert_eq!(rooms.len(), signatures.len(), "{name}");
        for (room, sig) in rooms.iter().zip(signatures) {
            // The rule set's room (ô 7c, with the seal of ô 8 over its left
            // third), as high as it says.
            let mm = (room.bottom - room.top) * 25.4 / 72.0;
            assert!((mm - sig.space).abs() < 0.01, "{name}: {mm} mm");
            let page = &pages[room.page - 1];
            let near = |text: &str, from: f64, to: f64| {
                page.runs
                    .iter()
                    .find(|r| r.text.trim() == text.trim() && r.y > from && r.y < to)
                    .unwrap_or_else(|| panic!("{name}: {text:?} not in {from}..{to}"))
            };
            // The position's last line just above (its last printed line,
            // after a forced break), the name just below, centred on the
            // room.
            let position = sig.lines.last().unwrap().text.rsplit('\n').next().unwrap();
            near(position, room.top - 20.0, room.top);
            let signer = near(&sig.name.text, room.bottom, room.bottom + 20.0);
            let centre = signer.x + signer.width / 2.0;
            assert!(
                (centre - (room.left + room.right) / 2.0).abs() < 1.0,
                "{name}: name centred at {centre}, room {room:?}"
            );
        }
    }
}

/// The state report sample with `edit` applied to its text.
fn state_report(edit: impl Fn(String) -> String) -> vanban::model::Document {
    let text = std::fs::read_to_string(sample("state-bao-cao.yaml")).unwrap();
    model_from_str(&edit(text)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_appendix_issued_on_its_own_is_a_file_with_the_signature_box_at_its_top_right() {
    let doc = state_report(|t| t + "separate_appendices: true\n");
    let files = doc.files();
    let names: Vec<Option<&str>> = files.iter().map(|(n, _)| n.as_deref()).collect();
    assert_eq!(
        names,
        [None, Some("{stem}-phu-luc-1"), Some("{stem}-phu-luc-2")]
    );
    // The document itself keeps no appendix page.
    let main = pdf::page_texts(&pdf::layout(&files[0].1).unwrap());
    assert!(main.iter().all(|p| p.find("MỘT SỐ CHỈ TIÊU").is_none()));
    assert!(main[0].find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").is_some());
    let page = &doc.page;
    for (i, (_, file)) in files.iter().enumerate().skip(1) {
        let appendix = &file.appendices[0];
        let pages = pdf::page_texts(&pdf::layout(file).unwrap());
        let first = &pages[0];
        // No header, text or closing: the box, then the appendix.
        assert!(first.find("CỘNG HÒA").is_none(), "file {i}");
        let lines = lines_of(first);
        assert_eq!(lines[0].1, "Số và ký hiệu: 42/BC-UBND", "file {i}");
        assert_eq!(lines[1].1, "Thời gian ký:", "file {i}");
        // Times New Roman 10, upright, black; its left edge the box's width
        // from the right edge of the text, on a landscape page too; at the
        // top of the text.
        let right = first.width - page.margin_right * MM;
        let boxed: Vec<_> = first.runs.iter().filter(|r| r.y <= lines[1].0).collect();
        assert!(boxed.len() >= 2);
        for run in &boxed {
            assert!((run.size - 10.0).abs() < 0.01 && !run.bold && !run.italic);
        }
        let left = right - appendix.stamp.width * MM;
        for line in &lines[..2] {
            let start = first.runs.iter().find(|r| r.y == line.0).unwrap();
            assert!(
                (start.x - left).abs() < 0.01,
                "file {i}: {} vs {left}",
                start.x
            );
        }
        let top = page.margin_top * MM;
        assert!(lines[0].0 > top && lines[0].0 < top + 12.0, "file {i}");
        // The label under it, past the box's gap, then the title and the
        // reference line the paper appendix has.
        let label = first.find("Phụ lục").unwrap();
        let gap = label.y - lines[1].0;
        assert!(gap > appendix.stamp.gap * MM, "file {i}: {gap}");
        let reference = lines.iter().find(|l| l.1.contains("Kèm theo")).unwrap();
        assert!(
            reference.1.contains("số 42/BC-UBND ngày 08 tháng 7"),
            "{}",
            reference.1
        );
        assert_eq!(first.width > first.height, appendix.landscape);
        // Page numbers start again: page 2, if any, is numbered 2.
        if let Some(second) = pages.get(1) {
            assert!(second.runs.iter().any(|r| r.text == "2" && r.y < top));
        }
    }
}

/// A page's lines: the runs on one baseline joined, top to bottom.
fn lines_of(page: &vanban::render::pdf::PageText) -> Vec<(f64, String)> {
    let mut lines: Vec<(f64, String)> = Vec::new();
    for run in &page.runs {
        match lines.iter_mut().find(|(y, _)| (y - run.y).abs() < 0.5) {
            Some((_, text)) => text.push_str(&run.text),
            None => lines.push((run.y, run.text.clone())),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines
}

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;

#[test]
fn the_docx_of_a_separate_appendix_has_its_box_indented_to_the_right_edge() {
    let doc = state_report(|t| {
        t.replacen(
            "    landscape: true\n",
            "    landscape: true\n    separate: true\n",
            1,
        )
    });
    let files = doc.files();
    assert_eq!(files.len(), 2);
    // Appendix II stays in the document.
    assert_eq!(files[0].1.appendices.len(), 1);
    assert!(files[0].1.appendices[0].heading[1].text.contains("XÃ HỘI"));
    let file = &files[1].1;
    let bytes = docx::write(file).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    let styles = docx_part(&bytes, "word/styles.xml");
    let paragraphs: Vec<String> = docx_paragraphs(&xml)
        .iter()
        .map(|p| p.replace(JOINER, ""))
        .collect();
    assert_eq!(paragraphs[0], "Số và ký hiệu: 42/BC-UBND");
    assert_eq!(paragraphs[1], "Thời gian ký:");
    assert!(paragraphs.iter().all(|p| !p.contains("CỘNG HÒA")));
    let (style, _) = style_of(&xml, &styles, "Thời gian ký:");
    assert_eq!(style, "vbAppendixStamp");
    // 10 pt (20 half-points), upright.
    let parsed = roxmltree::Document::parse(&styles).unwrap();
    let stamp = parsed
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some("vbAppendixStamp")
        })
        .expect("the box's style");
    let size = stamp
        .descendants()
        .find(|n| n.has_tag_name((W, "sz")))
        .and_then(|n| n.attribute((W, "val")));
    assert_eq!(size, Some("20"));
    assert!(
        stamp
            .descendants()
            .all(|n| !n.has_tag_name((W, "i")) && !n.has_tag_name((W, "b")))
    );
    // Indented by the landscape text width less the box's width, in twips.
    let p = &file.page;
    let width = p.text_width() + p.height - p.width - file.appendices[0].stamp.width;
    let twips = (width * 1440.0 / 25.4).round() as i64;
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let first = parsed
        .descendants()
        .find(|n| n.has_tag_name((W, "p")))
        .unwrap();
    let indent = first
        .descendants()
        .find(|n| n.has_tag_name((W, "ind")))
        .and_then(|n| n.attribute((W, "left")))
        .and_then(|v| v.parse::<i64>().ok());
    assert_eq!(indent, Some(twips));
    // A landscape section.
    assert!(xml.contains("w:orient=\"landscape\""));
}

#[test]
fn rendered_files_are_named_after_the_document_and_the_appendix() {
    let doc = state_report(|t| t + "separate_appendices: true\n");
    let dir = tempfile::tempdir().unwrap();
    let files = vanban::output::render_files(
        &doc,
        dir.path(),
        "bao-cao",
        &[vanban::render::Format::Docx, vanban::render::Format::Pdf],
    )
    .unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "bao-cao.docx",
            "bao-cao.pdf",
            "bao-cao-phu-luc-1.docx",
            "bao-cao-phu-luc-1.pdf",
            "bao-cao-phu-luc-2.docx",
            "bao-cao-phu-luc-2.pdf"
        ]
    );
    // Each PDF a PDF/A whose title is its own.
    let meta = read_pdf_meta(&files[3].1);
    assert_eq!(meta.pdfa, ("2".into(), "B".into()));
    assert!(meta.info[0].starts_with("Phụ lục I"), "{}", meta.info[0]);
}

#[test]
fn a_number_and_day_left_to_the_signing_tool_keep_three_figures_of_room() {
    // No number, a date of month and year: the văn thư's system stamps them.
    let doc = state_report(|t| {
        t.replace("number: 42\n", "")
            .replace("date: 2026-07-08", "date: 2026-07")
            + "separate_appendices: true\n"
    });
    let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
    let size = doc.styles.get(vanban::model::Role::Number).size;
    let figures =
        |text: &str, bold: bool| vanban::fonts::text_width_mm(text, size, bold, false) * MM;
    let blank = "\u{2007}".repeat(3);
    // The number line and the date line, each as wide as with three digits
    // where the blank is: the blank holds the room the tool writes into.
    let number = pages[0].find("/BC-UBND").expect("the number line");
    assert_eq!(number.text, format!("Số: {blank}/BC-UBND"));
    let with = figures("Số: 123/BC-UBND", false);
    assert!(
        (number.width - with).abs() < 0.05,
        "{} vs {with}",
        number.width
    );
    let date = pages[0].find("tháng 7 năm 2026").expect("the date line");
    assert!(
        date.text.contains(&format!("ngày {blank} tháng")),
        "{}",
        date.text
    );
    // The separate appendix's box and reference line keep the same blanks.
    let files = doc.files();
    let first = &pdf::page_texts(&pdf::layout(&files[1].1).unwrap())[0];
    assert_eq!(
        first.runs[0].text,
        format!("Số và ký hiệu: {blank}/BC-UBND")
    );
    let reference = first.find("Kèm theo").unwrap();
    assert!(
        reference
            .text
            .contains(&format!("số {blank}/BC-UBND ngày {blank} tháng 7")),
        "{}",
        reference.text
    );
}

#[test]
fn the_docx_keeps_the_room_to_sign_between_position_and_name() {
    for path in sample_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = model(&path);
        let xml = docx_part(&docx::write(&doc).unwrap(), "word/document.xml");
        let parsed = roxmltree::Document::parse(&xml).unwrap();
        let paragraphs: Vec<_> = parsed
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .collect();
        let twips = |mm: f64| (mm * 1440.0 / 25.4).round().to_string();
        let several = doc.closing.signatures.len() > 1;
        for sig in &doc.closing.signatures {
            // The last paragraph of the name (the closing ends the text).
            let i = paragraphs
                .iter()
                .rposition(|p| text_of(p) == sig.name.text.replace('\n', ""))
                .unwrap_or_else(|| panic!("{name}: no {:?}", sig.name.text));
            // The room: an empty paragraph exactly the rule set's height,
            // just above the name in its cell (one signer), or in the cell
            // above the name's (signers side by side, in rows).
            let (room, above) = if several {
                let cell = paragraphs[i].parent().unwrap();
                // roxmltree's sibling iterators start with the node itself.
                let column = cell
                    .prev_siblings()
                    .skip(1)
                    .filter(|n| n.has_tag_name((W, "tc")))
                    .count();
                let rooms_row = row_above(cell.parent().unwrap());
                let room = children(cell_at(rooms_row, column), "p")[0];
                let titles = children(cell_at(row_above(rooms_row), column), "p");
                (room, *titles.last().unwrap())
            } else {
                assert_eq!(paragraphs[i - 1].parent(), paragraphs[i].parent(), "{name}");
                (paragraphs[i - 1], paragraphs[i - 2])
            };
            assert_eq!(text_of(&room), "", "{name}");
            let spacing = room
                .descendants()
                .find(|n| n.has_tag_name((W, "spacing")))
                .expect("the room's spacing");
            let height = twips(sig.space);
            assert_eq!(
                spacing.attribute((W, "line")),
                Some(height.as_str()),
                "{name}"
            );
            assert_eq!(spacing.attribute((W, "lineRule")), Some("exact"), "{name}");
            // The position's last line right above the room.
            let position = sig.lines.last().unwrap().text.replace('\n', "");
            assert_eq!(text_of(&above), position, "{name}");
        }
    }
}

fn text_of(p: &roxmltree::Node) -> String {
    p.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect()
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// The table row above `row`.
fn row_above<'a, 'i>(row: Node<'a, 'i>) -> Node<'a, 'i> {
    row.prev_siblings()
        .skip(1)
        .find(|n| n.has_tag_name((W, "tr")))
        .expect("a row above")
}

/// The cell of `row` in `column`.
fn cell_at<'a, 'i>(row: Node<'a, 'i>, column: usize) -> Node<'a, 'i> {
    children(row, "tc")[column]
}

/// The child elements of `n` named `name` (WordprocessingML).
fn children<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    n.children().filter(|c| c.has_tag_name((W, name))).collect()
}

#[test]
fn the_command_line_issues_every_appendix_apart_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &std::path::Path| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(root())
            .args(args)
            .arg("-o")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
        let mut names: Vec<String> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .collect();
        names.sort();
        names
    };
    let render = ["render", "samples/state-bao-cao.yaml", "--format", "pdf"];
    let apart = [&render[..], &["--separate-appendices"]].concat();
    assert_eq!(
        run(&apart, &dir.path().join("apart")),
        [
            "state-bao-cao-phu-luc-1.pdf",
            "state-bao-cao-phu-luc-2.pdf",
            "state-bao-cao.pdf"
        ]
    );
    // Without the flag the sample keeps its appendices in its one file.
    assert_eq!(run(&render, &dir.path().join("one")), ["state-bao-cao.pdf"]);
    // A batch takes the flag too (two submissions of the report); its
    // manifest lists every file written.
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let report = std::fs::read_to_string(sample("state-bao-cao.yaml")).unwrap();
    for name in ["xa-a", "xa-b"] {
        let unit = report.replace("number: 42", &format!("unit: {name}\nnumber: 42"));
        std::fs::write(units.join(format!("{name}.yaml")), unit).unwrap();
    }
    let out = dir.path().join("batch");
    let (code, _, stderr) = batch(
        &[
            units.to_str().unwrap(),
            "--format",
            "pdf",
            "--separate-appendices",
        ],
        &out,
    );
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    for name in ["xa-a", "xa-b"] {
        for file in ["", "-phu-luc-1", "-phu-luc-2"] {
            let file = format!("{name}{file}.pdf");
            assert!(out.join(&file).is_file(), "{file}");
            assert!(
                manifest.contains(&format!("\"{file}\"")),
                "{file}: {manifest}"
            );
        }
    }
    // `--skip-existing` counts an appendix's file among the unit's: with one
    // missing, the unit is written again; the other unit keeps its files.
    std::fs::remove_file(out.join("xa-b-phu-luc-2.pdf")).unwrap();
    let args = [
        units.to_str().unwrap(),
        "--format",
        "pdf",
        "--separate-appendices",
        "--skip-existing",
    ];
    let (code, _, stderr) = batch(&args, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("xa-b-phu-luc-2.pdf").is_file());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let status: Vec<&str> = manifest
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["skipped", "ok"], "{manifest:#}");
}
