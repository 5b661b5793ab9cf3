//! Properties over generated input (proptest): any text comes out literally
//! and NFC in both files or is refused; dates and numbers keep their rules
//! for every value.
//!
//! CI runs a few cases; `PROPTEST_CASES=2000 cargo test --release --test
//! properties` runs many.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use unicode_normalization::UnicodeNormalization;

fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces of hostile or unusual text; a text is a few of them.
fn piece() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "Đảng", "ủy", "nghiệp", "tưởng", "Huỳnh", "khuyến", "Quốc", "hiệu", "ỨNG", "ỷ",
    ];
    let vietnamese = prop::sample::select(WORDS).prop_map(str::to_string);
    let decomposed = prop::sample::select(WORDS).prop_map(|w| w.nfd().collect());
    let odd = prop::sample::select(
        &[
            " ",
            "  ",
            "😀",
            "🇻🇳",
            "👍🏽",
            "שלום",
            "مرحبا",
            "\u{200b}",
            "\u{200c}",
            "\u{200d}",
            "\u{2060}",
            "\u{202e}",
            "\u{a0}",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "&amp;",
            "<w:t>",
            "]]>",
            "#set text(red)",
            "$x^2$",
            "*b*",
            "_i_",
            "[l]",
            "\\",
            "@ref",
            "<lbl>",
            "// c",
            "/* c */",
            "#{1+1}",
            "{{ data }}",
            "{% if true %}",
            "{# c #}",
            "**đậm**",
            "__nghiêng__",
            "| a | b |",
            "# Mục",
            "1.",
            "%",
            "~",
            "`x`",
        ][..],
    )
    .prop_map(str::to_string);
    let control = prop::sample::select(&["\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\r"][..])
        .prop_map(str::to_string);
    let any = any::<char>().prop_map(|c| c.to_string());
    prop_oneof![
        4 => vietnamese,
        2 => decomposed,
        4 => odd,
        1 => control,
        1 => any,
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..6).prop_map(|p| p.join(" "))
}

/// The Party công văn sample with `text` as its trích yếu and as a
/// recipient, written as YAML double-quoted strings (JSON's escapes).
fn with_text(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    std::fs::read_to_string(sample("party-cong-van.yaml"))
        .unwrap()
        .replace(
            "summary: triển khai học tập chuyên đề năm 2026",
            &format!("summary: {quoted}"),
        )
        .replace("    - Lưu trữ điện tử", &format!("    - {quoted}"))
}

/// Whether the embedded font draws every character of `text` left to right
/// (the PDF's text layer then reads back as typed).
fn drawn_as_typed(text: &str) -> bool {
    static FACE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let data = FACE
        .get_or_init(|| std::fs::read(root().join("fonts/LiberationSerif-Regular.ttf")).unwrap());
    let face = ttf_parser::Face::parse(data, 0).unwrap();
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x202B | 0x202E | 0x2067);
    text.nfc()
        .all(|c| c.is_whitespace() || (face.glyph_index(c).is_some() && !rtl(c)))
}

/// Unicode's format characters that print nothing.
fn invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF | 0xAD)
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    english();
    let nfc: String = text.nfc().collect();
    // The trích yếu comes out whole; a recipient loses the punctuation typed
    // at its end (the rule set's takes its place).
    let recipient = nfc
        .trim()
        .trim_end_matches([',', ';', '.'])
        .trim_end()
        .to_string();
    let forbidden: Vec<String> = nfc
        .chars()
        .filter(|&c| vanban::input::limits::is_forbidden(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let doc = match (model_from_str(&with_text(text)), forbidden.first()) {
        (Err(e), Some(_)) => {
            let shown = e.to_string();
            prop_assert!(
                forbidden.iter().any(|code| shown.contains(code)),
                "{forbidden:?} not named: {e}"
            );
            return Ok(());
        }
        (Ok(_), Some(c)) => return Err(TestCaseError::fail(format!("{c:?} was accepted"))),
        (Err(e), None) if squash(&nfc).is_empty() => {
            // An empty trích yếu is refused, as it should be.
            prop_assert!(e.field.is_some(), "{e}");
            return Ok(());
        }
        (Err(e), None) => return Err(TestCaseError::fail(format!("refused: {e}"))),
        (Ok(doc), None) => doc,
    };
    let docx = vanban::render::docx::write(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let paragraphs: Vec<String> = docx_paragraphs(&docx_part(&docx, "word/document.xml"))
        .iter()
        .map(|p| squash(p))
        .collect();
    for wanted in [squash(&nfc), squash(&recipient)] {
        prop_assert!(
            paragraphs.iter().any(|p| p.contains(&wanted)),
            "{wanted:?} not in the DOCX: {paragraphs:#?}"
        );
    }
    let pdf = vanban::render::pdf::write(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    // Invisible format characters (zero-width spaces and joiners, bidi
    // marks) print nothing, so the PDF's text layer does not hold them; and
    // a PDF has no spaces, only gaps that a reader guesses (lopdf puts one
    // between two runs of different scripts): the same characters in the
    // same order, spaces aside.
    if drawn_as_typed(&nfc) {
        let visible = |t: &str| -> String {
            t.nfc()
                .filter(|&c| !invisible(c) && !c.is_whitespace())
                .collect()
        };
        let read = visible(&pdf_text(&pdf));
        for wanted in [visible(&nfc), visible(&recipient)] {
            prop_assert!(read.contains(&wanted), "{wanted:?} not in the PDF: {read}");
        }
    }
    Ok(())
}

#[test]
fn any_text_comes_out_literally_in_both_files_or_is_refused() {
    let mut runner = proptest::test_runner::TestRunner::new(config(48));
    runner.run(&text(), |t| check_text(&t)).unwrap();
}

/// For every date and number, in both regimes: the number line (`Số 05-CV/ĐU`,
/// `Số: 05/QĐ-UBND`: zero below 10) and the date line (day zero-padded below
/// 10, month only when it is 1 or 2) in both files; `check` warns of a date
/// after today (VB203) and of a Sunday (VB204), and of nothing else about it.
#[test]
fn every_date_and_number_keeps_its_rules() {
    use chrono::{Datelike, NaiveDate, Weekday};
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let strategy = (
        (2000..=2099i32, 1..=366u32)
            .prop_filter_map("a day of the year", |(y, d)| NaiveDate::from_yo_opt(y, d)),
        1..=9999u32,
        any::<bool>(),
    );
    let mut runner = proptest::test_runner::TestRunner::new(config(24));
    runner
        .run(&strategy, |(date, number, party)| {
            english();
            let (file, old_number, old_date, number_line) = if party {
                (
                    "party-cong-van.yaml",
                    "number: 100",
                    "date: 2026-09-14",
                    format!("Số {number:02}-CV/ĐU"),
                )
            } else {
                (
                    "state-quyet-dinh.yaml",
                    "number: 5",
                    "date: 2026-01-07",
                    format!("Số: {number:02}/QĐ-UBND"),
                )
            };
            let month = if date.month() <= 2 {
                format!("{:02}", date.month())
            } else {
                date.month().to_string()
            };
            let date_line = format!(
                "Bình An, ngày {:02} tháng {month} năm {}",
                date.day(),
                date.year()
            );
            let yaml = std::fs::read_to_string(sample(file))
                .unwrap()
                .replace(old_number, &format!("number: {number}"))
                .replace(old_date, &format!("date: {date}"));
            let doc = model_from_str(&yaml).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let docx = vanban::render::docx::write(&doc).unwrap();
            let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
            prop_assert!(
                paragraphs.contains(&number_line),
                "{number_line}: {paragraphs:?}"
            );
            prop_assert!(
                paragraphs.contains(&date_line),
                "{date_line}: {paragraphs:?}"
            );
            let pdf = pdf_text(&vanban::render::pdf::write(&doc).unwrap());
            prop_assert!(
                pdf.contains(&number_line) && pdf.contains(&date_line),
                "{pdf}"
            );

            let source = vanban::input::Source::new(std::path::Path::new("x.yaml"), &yaml);
            let input: vanban::input::InputDoc = source.parse().unwrap();
            let found: Vec<u16> = vanban::check::document(&source, &input, &templates(), today)
                .iter()
                .filter_map(|f| f.code)
                .filter(|c| [201, 202, 203, 204].contains(c))
                .collect();
            let mut wanted = Vec::new();
            if date > today {
                wanted.push(203);
            }
            if date.weekday() == Weekday::Sun {
                wanted.push(204);
            }
            prop_assert_eq!(found, wanted, "{}", date);
            Ok(())
        })
        .unwrap();
}
