//! Helpers shared by the integration tests: render in-process, read back.
#![allow(dead_code)]

pub mod checklist;
pub mod pdfgeom;

use std::io::Read;
use std::path::{Path, PathBuf};
use vanban::compose::Templates;
use vanban::model::Document;

/// Messages in English, for the tests that read them through the library
/// (the language is process-wide; no test in the same binary reads Vietnamese
/// through the library).
pub fn english() {
    vanban::lang::set(vanban::lang::Lang::En);
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// Every sample document (`samples/*.yaml`), sorted.
pub fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

pub fn templates() -> Templates {
    Templates::load(None).expect("built-in templates")
}

pub fn model(path: &Path) -> Document {
    vanban::api::load(path, &templates()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn model_from_str(yaml: &str) -> Result<Document, vanban::error::Error> {
    let source = vanban::input::Source::new(Path::new("test.yaml"), yaml);
    vanban::api::load_source(&source, &templates())
}

/// The text of every part of a document, as a reader sees it, part by part:
/// the header, title, body, recipients, signatures, appendices.
pub fn part_texts(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in &doc.header.rows {
        out.extend(row.left.iter().chain(&row.right).map(|l| l.text.clone()));
    }
    out.extend(doc.title.iter().map(|l| l.text.clone()));
    out.extend(doc.body.iter().map(|b| b.plain_text()));
    if let Some(r) = &doc.closing.recipients {
        out.push(r.label.text.clone());
        out.extend(r.items.iter().map(|l| l.text.clone()));
    }
    for s in &doc.closing.signatures {
        out.extend(s.lines.iter().map(|l| l.text.clone()));
        out.push(s.name.text.clone());
    }
    for a in &doc.appendices {
        out.extend(a.heading.iter().map(|l| l.text.clone()));
        out.extend(a.body.iter().map(|b| b.plain_text()));
    }
    out
}

/// Collapses every run of whitespace to one space; NFC.
pub fn squash(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.nfc().collect();
    text.replace(['\u{a0}', '\u{2007}'], " ")
        .replace('\u{2060}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of each page of a PDF, read back with lopdf.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|n| doc.extract_text(&[*n]).expect("page text"))
        .collect()
}

/// All the text of a PDF, whitespace squashed, without the page numbers
/// (a line holding only the page's own number).
pub fn pdf_text(pdf: &[u8]) -> String {
    let pages: Vec<String> = pdf_pages(pdf)
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let number = (i + 1).to_string();
            let mut lines: Vec<&str> = page.lines().collect();
            if let Some(at) = lines.iter().position(|l| l.trim() == number) {
                lines.remove(at);
            }
            lines.join("\n")
        })
        .collect();
    squash(&pages.join("\n"))
}

/// One part of a DOCX package, as a string.
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut part = zip.by_name(name).unwrap_or_else(|_| panic!("no {name}"));
    let mut text = String::new();
    part.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The visible text of every `w:p` of a part, in order; a forced line break
/// is a `\n`.
pub fn docx_paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter_map(|n| match n.tag_name().name() {
                    "t" if n.has_tag_name((W, "t")) => n.text(),
                    "br" if n.has_tag_name((W, "br")) => Some("\n"),
                    _ => None,
                })
                .collect::<String>()
        })
        .collect()
}

/// The first child element of `n` named `name` (WordprocessingML).
pub fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// Every `w:p` of a part as a snapshot line: its style, then its runs as a
/// reader sees them, with what text alone would lose: forced line breaks
/// (`↵`), tabs (`→`), non-breaking hyphens (`‑`) and the runs' own bold
/// (`**…**`), italic (`__…__`) and underline (`_u…u_`).
pub fn docx_lines(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = child(p, "pPr")
                .and_then(|ppr| child(ppr, "pStyle"))
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("-");
            let mut line = format!("{style}: ");
            for run in p.children().filter(|r| r.has_tag_name((W, "r"))) {
                let mut text = String::new();
                for c in run.children().filter(|c| c.is_element()) {
                    match c.tag_name().name() {
                        "t" => text.push_str(c.text().unwrap_or("")),
                        "br" => text.push('↵'),
                        "tab" => text.push('→'),
                        "noBreakHyphen" => text.push('‑'),
                        _ => {}
                    }
                }
                if text.is_empty() {
                    continue;
                }
                let rpr = child(run, "rPr");
                let has = |name: &str| rpr.and_then(|r| child(r, name)).is_some();
                if has("u") {
                    text = format!("_u{text}u_");
                }
                if has("i") {
                    text = format!("__{text}__");
                }
                if has("b") {
                    text = format!("**{text}**");
                }
                line.push_str(&text);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// Every paragraph's body text of the reference document, in order.
pub fn reference_paragraphs() -> Vec<String> {
    // A copy of ../shared/reference/, so that a clean checkout has it.
    let text = std::fs::read_to_string(root().join("tests/data/huong-dan-44-HD-BTGHU.txt"))
        .expect("the reference text");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("Thực hiện Hướng dẫn số 54"))
        .unwrap();
    let end = lines
        .iter()
        .position(|l| l.trim().starts_with("Nơi nhận"))
        .unwrap();
    lines[start..end]
        .iter()
        .map(|l| squash(l))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The style a paragraph holding `text` uses, and that style's run properties.
pub fn style_of(document: &str, styles: &str, text: &str) -> (String, Vec<String>) {
    let doc = roxmltree::Document::parse(document).unwrap();
    let p = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .find(|p| {
            let t: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            t == text
        })
        .unwrap_or_else(|| panic!("no paragraph {text}"));
    let id = p
        .descendants()
        .find(|n| n.has_tag_name((W, "pStyle")))
        .and_then(|s| s.attribute((W, "val")))
        .expect("a paragraph style")
        .to_string();
    let styles = roxmltree::Document::parse(styles).unwrap();
    let style = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id.as_str()))
        .unwrap_or_else(|| panic!("no style {id}"));
    let rpr = style
        .children()
        .find(|n| n.has_tag_name((W, "rPr")))
        .expect("run properties");
    let props = rpr
        .children()
        .filter(|n| n.is_element())
        .map(|n| match n.attribute((W, "val")) {
            Some(v) => format!("{}={v}", n.tag_name().name()),
            None => n.tag_name().name().to_string(),
        })
        .collect();
    (id, props)
}

/// A percentage written with one decimal, as a table's column of rates
/// writes it when another of its rates has one: `90%` as `90,0%`.
pub fn one_decimal(percent: String) -> String {
    if percent.contains(',') {
        percent
    } else {
        percent.replace('%', ",0%")
    }
}

/// `vanban --lang en batch ARGS -o OUT`, run from the project's root: its
/// exit code, standard output and standard error.
pub fn batch(args: &[&str], out: &Path) -> (i32, String, String) {
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["--lang", "en", "batch"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// Every unit file of a folder by file name: its unit's name and figures,
/// read straight from its YAML.
pub fn figures_of(
    units: &Path,
) -> std::collections::BTreeMap<String, (String, std::collections::BTreeMap<String, f64>)> {
    let mut out = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(units).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if !file.ends_with(".yaml") || file.starts_with('_') || file == "batch.yaml" {
            continue;
        }
        let value: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let figures = value["data"]["figures"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        out.insert(file, (value["unit"].as_str().unwrap().to_string(), figures));
    }
    out
}

/// The shipped fonts renamed (`Vanbantest Serif`, same widths), in a folder
/// of their own: a family vanban does not ship, as a user's Times New Roman
/// would be. The names keep their lengths, so no table moves.
pub fn renamed_fonts(dir: &std::path::Path) {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_be_bytes).collect() };
    let pairs = [
        ("Liberation Serif", "Vanbantest Serif"),
        ("LiberationSerif", "VanbantestSerif"),
    ];
    for face in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let name = format!("LiberationSerif-{face}.ttf");
        let mut bytes = std::fs::read(root().join("fonts").join(&name)).unwrap();
        for (from, to) in pairs {
            for (from, to) in [
                (utf16(from), utf16(to)),
                (from.as_bytes().to_vec(), to.as_bytes().to_vec()),
            ] {
                let mut i = 0;
                while let Some(at) = bytes[i..]
                    .windows(from.len())
                    .position(|w| w == from.as_slice())
                {
                    bytes[i + at..i + at + to.len()].copy_from_slice(&to);
                    i += at + to.len();
                }
            }
        }
        std::fs::write(dir.join(format!("vanbantest-{face}.ttf")), bytes).unwrap();
    }
}

/// The PostScript names of the fonts a PDF embeds.
pub fn embedded_fonts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())
        })
        .map(|d| {
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned()
        })
        .collect()
}
