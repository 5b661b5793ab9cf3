//! The PDF writer: the model as JSON data, laid out by `templates/layout.typ`
//! with Typst compiled in-process, exported by typst-pdf.

mod positions;
mod world;

pub use positions::{PageText, RuleRun, TextRun, page_texts};

use crate::error::{Error, ErrorKind, Result};
use crate::fonts::{self, FontSet};
use crate::model::Document;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;
use world::{DocWorld, Shared};

/// How many compilations a memoised result survives unused. Typst caches
/// every compilation; evicting everything after each document (`0`) keeps
/// memory flat but throws away the work of documents being compiled on other
/// threads at the same moment, and halves a batch's speed on two cores.
const EVICT_AGE: usize = 2;

/// What the layout reads: the document, and whether any of its text runs
/// right to left (which needs a rule that costs every other document time).
#[derive(serde::Serialize)]
struct Data<'a> {
    doc: &'a Document,
    right_to_left: bool,
    /// The family of the fonts the layout is given.
    font: &'a str,
}

/// The document as the JSON data the layout reads, for the selected fonts
/// ([`fonts::selected`]).
pub fn data(doc: &Document) -> Result<Vec<u8>> {
    data_for(doc, fonts::selected())
}

fn data_for(doc: &Document, set: &FontSet) -> Result<Vec<u8>> {
    let font = set.family.as_str();
    let serialise = |right_to_left| {
        serde_json::to_vec(&Data {
            doc,
            right_to_left,
            font,
        })
        .map_err(|e| {
            Error::new(
                ErrorKind::Render,
                crate::tr!(
                    "không chuẩn bị được dữ liệu của văn bản",
                    "could not serialise the document"
                ),
                e.to_string(),
            )
        })
    };
    let json = serialise(false)?;
    // serde_json writes every character as itself, so the text can be
    // looked for in the JSON; a document that has some is written again.
    if String::from_utf8_lossy(&json).chars().any(right_to_left) {
        serialise(true)
    } else {
        Ok(json)
    }
}

/// A letter of a right-to-left script, or a right-to-left mark: every block
/// of Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan and Mandaic, their
/// presentation forms, and the right-to-left blocks of the supplementary
/// planes (Adlam among them). More than the layout's own rule picks out,
/// which is enough: this only decides whether that rule is needed.
fn right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}'
        | '\u{200F}')
}

/// Lays the document out. The data reaches Typst as JSON, never as source.
pub fn layout(doc: &Document) -> Result<PagedDocument> {
    layout_data(data(doc)?)
}

/// Lays out a document already serialised by [`data`].
pub fn layout_data(data: Vec<u8>) -> Result<PagedDocument> {
    layout_with(data, fonts::selected())
}

fn layout_with(data: Vec<u8>, set: &'static FontSet) -> Result<PagedDocument> {
    let world = DocWorld {
        shared: Shared::get(set),
        data: Bytes::new(data),
    };
    let result = typst::compile::<PagedDocument>(&world).output;
    // Typst memoises every compilation; without eviction memory grows with
    // each document of a batch.
    typst::comemo::evict(EVICT_AGE);
    result.map_err(|errors| diagnostic(&world, &errors))
}

/// The laid-out document's pages as SVG and their text runs, from the same
/// compilation the PDF writer makes (for the web app's preview).
pub fn svg_pages(doc: &Document) -> Result<(Vec<String>, Vec<PageText>)> {
    let paged = layout(doc)?;
    let options = typst_svg::SvgOptions::default();
    let svgs = paged
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options))
        .collect();
    Ok((svgs, page_texts(&paged)))
}

/// Writes the document as PDF, with the selected fonts.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    write_with(doc, fonts::selected())
}

/// Writes the document as PDF with these fonts.
pub fn write_with(doc: &Document, set: &'static FontSet) -> Result<Vec<u8>> {
    write_fonts(data_for(doc, set)?, &doc.meta.title, set)
}

/// Writes a document already serialised by [`data`] as PDF; `ident` names it
/// stably in the PDF's identifier.
pub fn write_data(data: Vec<u8>, ident: &str) -> Result<Vec<u8>> {
    write_fonts(data, ident, fonts::selected())
}

fn write_fonts(data: Vec<u8>, ident: &str, set: &'static FontSet) -> Result<Vec<u8>> {
    let paged = layout_with(data, set)?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options);
    typst::comemo::evict(EVICT_AGE);
    pdf.map_err(|errors| {
        let world = DocWorld {
            shared: Shared::get(set),
            data: Bytes::new(Vec::new()),
        };
        diagnostic(&world, &errors)
    })
}

/// A Typst error, located in the layout template.
fn diagnostic(world: &DocWorld, errors: &[SourceDiagnostic]) -> Error {
    let Some(first) = errors.first() else {
        return Error::new(
            ErrorKind::Render,
            crate::tr!(
                "không dàn trang được văn bản",
                "could not lay out the document"
            ),
            crate::tr!("lỗi Typst không rõ nguyên nhân", "unknown Typst error"),
        );
    };
    let mut err = Error::new(
        ErrorKind::Render,
        crate::tr!(
            "không dàn trang được văn bản",
            "could not lay out the document"
        ),
        first.message.as_str(),
    );
    if let Some(range) = world.range(first.span) {
        let source = world.shared.main_source();
        let text = source.text();
        let (line, column) = crate::error::line_column(&text[..range.start]);
        err = err.at(
            std::path::Path::new("templates/layout.typ"),
            text,
            line,
            column,
        );
    }
    for hint in &first.hints {
        err = err.hint(hint.v.as_str());
    }
    err
}
