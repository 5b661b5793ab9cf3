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
