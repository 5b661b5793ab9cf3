//! The PDF writer: the model as JSON data, laid out by `templates/layout.typ`
//! with Typst compiled in-process, exported by typst-pdf.

mod marks;
mod positions;
mod svg;
mod world;

pub use marks::{DESTINATION_LIFT_PT, Room, destination_name, rooms};
pub use positions::{PageText, RuleRun, TextRun, page_texts};
pub use svg::SvgPage;

use crate::error::{Error, ErrorKind, Result};
use crate::fonts::{self, FontSet};
use crate::model::{DocDate, Document};
use typst::WorldExt;
use typst::comemo::Track;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::model::LateLinkResolver;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
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
    // looked for in the JSON, in one pass: a document with right-to-left
    // text is written again; one with characters the embedded font has no
    // glyph for (emoji, ☎, scripts other than Latin) loses them, since they
    // print nothing anyway and PDF/A forbids text drawn with the missing
    // glyph (the DOCX keeps them; `vanban check` warns of them, VB211).
    // Only characters outside ASCII go, never JSON's own.
    let text = String::from_utf8_lossy(&json);
    let (mut rtl, mut undrawn) = (false, false);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        rtl |= right_to_left(c);
        undrawn |= !drawn(c, set);
    }
    let json = if rtl { serialise(true)? } else { json };
    if !undrawn {
        return Ok(json);
    }
    let text = String::from_utf8_lossy(&json);
    Ok(text
        .chars()
        .filter(|&c| drawn(c, set))
        .collect::<String>()
        .into_bytes())
}

/// Whether the embedded fonts draw `c`: for the shipped fonts
/// [`crate::fonts::draws`], from a table for the first 8,192 code points
/// (Latin, Vietnamese, punctuation), so that the font's own lookup runs only
/// for the rare others; for a folder's fonts (`--fonts`), their regular face.
fn drawn(c: char, set: &FontSet) -> bool {
    if set.source.is_some() {
        return crate::fonts::invisible(c)
            || set
                .faces
                .first()
                .is_some_and(|f| f.info().coverage.contains(c as u32));
    }
    const TABLE_END: u32 = 0x2000;
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|u| char::from_u32(u).is_some_and(crate::fonts::draws))
            .collect()
    });
    table
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| crate::fonts::draws(c))
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
/// compilation the PDF writer makes (for the web app's preview). A page
/// laid out as before is not drawn again.
pub fn svg_pages(doc: &Document) -> Result<(Vec<SvgPage>, Vec<PageText>)> {
    let paged = layout(doc)?;
    Ok((svg::draw(paged.pages()), page_texts(&paged)))
}

/// Which PDF the writer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// PDF/A-2b (ISO 19005-2, level B), checked by typst-pdf while it
    /// exports: fonts embedded, colours with an output intent, XMP metadata
    /// matching the document information, nothing that needs the outside.
    #[default]
    A2b,
    /// A plain PDF 1.7, for comparison (the benchmark).
    Plain,
}

/// What the exporter needs besides the layout: the identifier's seed, the
/// creation date and the standard.
#[derive(Debug, Clone)]
pub struct Export {
    /// Names the document stably in the PDF's identifier.
    pub ident: String,
    /// The document's own date (a draft's without its day: the first of
    /// the month), never the clock's.
    pub date: DocDate,
    pub standard: Standard,
}

impl Export {
    pub fn of(doc: &Document, standard: Standard) -> Self {
        Export {
            ident: doc.meta.title.clone(),
            date: doc.meta.date,
            standard,
        }
    }
}

/// Writes the document as PDF/A-2b, with the selected fonts.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    write_as(doc, Standard::default())
}

/// Writes the document as PDF to the given standard, with the selected
/// fonts.
pub fn write_as(doc: &Document, standard: Standard) -> Result<Vec<u8>> {
    let set = fonts::selected();
    write_fonts(data_for(doc, set)?, &Export::of(doc, standard), set)
}

/// Writes a document already serialised by [`data`] as PDF.
pub fn write_data(data: Vec<u8>, export: &Export) -> Result<Vec<u8>> {
    write_fonts(data, export, fonts::selected())
}

fn write_fonts(data: Vec<u8>, export: &Export, set: &'static FontSet) -> Result<Vec<u8>> {
    export_pdf(&layout_with(data, set)?, export, set)
}

/// Exports a laid-out document.
fn export_pdf(paged: &PagedDocument, export: &Export, set: &'static FontSet) -> Result<Vec<u8>> {
    let standards = match export.standard {
        Standard::A2b => PdfStandards::new(&[PdfStandard::A_2b]),
        Standard::Plain => Ok(PdfStandards::default()),
    }
    .map_err(|e| render_error(e.message().as_str()))?;
    let options = PdfOptions {
        ident: Smart::Custom(export.ident.clone()),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: timestamp(export.date),
        standards,
        ..PdfOptions::default()
    };
    // The rooms to sign go in as named destinations.
    let resolver = LateLinkResolver::new(None, paged.introspector().as_ref());
    let pdf = typst_pdf::pdf_in_bundle(paged, &options, &marks::anchors(paged), resolver.track());
    typst::comemo::evict(EVICT_AGE);
    pdf.map_err(|errors| {
        let world = DocWorld {
            shared: Shared::get(set),
            data: Bytes::new(Vec::new()),
        };
        diagnostic(&world, &errors)
    })
}

/// The PDF's `Creator`: the program that made the document.
const CREATOR: &str = concat!("vanban ", env!("CARGO_PKG_VERSION"));

/// Vietnam's time zone, UTC+7, in minutes.
const VIETNAM_OFFSET: i32 = 7 * 60;

/// Midnight of the document's date in Vietnam: the creation and
/// modification dates of the PDF (PDF/A needs one; the clock is never read).
fn timestamp(date: DocDate) -> Option<Timestamp> {
    let month = u8::try_from(date.month).ok()?;
    let day = u8::try_from(date.day.unwrap_or(1)).ok()?;
    let datetime = Datetime::from_ymd(date.year, month, day)?;
    Timestamp::new_local(datetime, VIETNAM_OFFSET)
}

fn render_error(cause: &str) -> Error {
    Error::new(
        ErrorKind::Render,
        crate::tr!("không ghi được tệp PDF", "could not write the PDF"),
        cause,
    )
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
