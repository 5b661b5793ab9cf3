//! The DOCX writer: the model as real paragraph styles, borderless layout
//! tables for the header and the closing, the page-number field, and one
//! section per appendix so that its page numbers restart.

mod blocks;
mod core;
mod flow;
mod package;
mod styles;
mod table;

use crate::error::{Error, ErrorKind, Result};
use crate::fonts;
use crate::model::{Appendix, Document, Page, Role};
use blocks::Part;
use docx_rs::{
    Docx, FieldCharType, Header as DocxHeader, InstrPAGE, InstrText, PageMargin, PageNumType,
    PageOrientationType, PageSize, Paragraph, Run, RunFonts, Section, SectionProperty,
};
pub use styles::style_id;

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Writes the document as DOCX bytes.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    // Midnight of the document's date in Vietnam, as in the PDF.
    let date = format!("{}T00:00:00+07:00", doc.meta.date.iso());
    let mut docx = Docx::new()
        .default_fonts(family())
        .default_tab_stop(twips(10.0) as usize);
    docx = styles::add_styles(docx, &doc.styles);
    // The main part, then every appendix. The last part lives in the body
    // itself (its section properties are the document's); the others are
    // sections of their own.
    let mut parts = Vec::new();
    if doc.main {
        parts.push((main_part(doc), false));
    }
    parts.extend(
        doc.appendices
            .iter()
            .map(|a| (appendix_part(doc, a), a.landscape)),
    );
    let count = parts.len();
    for (i, (part, landscape)) in parts.into_iter().enumerate() {
        let part = separate_tables(part);
        let (width, height) = (twips(doc.page.width) as u32, twips(doc.page.height) as u32);
        let size = match landscape {
            true => PageSize::new()
                .size(height, width)
                .orient(PageOrientationType::Landscape),
            false => PageSize::new().size(width, height),
        };
        if i + 1 == count {
            docx = add_parts(docx, part);
            docx.document.section_property = section_property(doc, size, i > 0);
            docx = docx.header(number_header());
            if !doc.page.number_first_page {
                docx = docx.first_header(DocxHeader::new());
            }
            continue;
        }
        let mut section = Section::new()
            .page_size(size)
            .page_margin(margins(&doc.page));
        if i > 0 {
            section = section.page_num_type(PageNumType::new().start(1));
        }
        section = section.header(number_header());
        if !doc.page.number_first_page {
            section = section.first_header(DocxHeader::new()).title_pg();
        }
        for child in part {
            section = match child {
                Part::Paragraph(p) => section.add_paragraph(*p),
                Part::Table(t) => section.add_table(*t),
            };
        }
        docx = docx.add_section(section);
    }
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut raw).map_err(|e| {
        Error::new(
            ErrorKind::Render,
            crate::tr!("không ghi được tệp DOCX", "could not write the DOCX"),
            e.to_string(),
        )
    })?;
    package::repack(&raw.into_inner(), &core::core_xml(&doc.meta, &date)).map_err(|e| {
        Error::new(
            ErrorKind::Render,
            crate::tr!("không ghi được tệp DOCX", "could not write the DOCX"),
            e.to_string(),
        )
    })
}

fn add_parts(mut docx: Docx, parts: Vec<Part>) -> Docx {
    for child in parts {
        docx = match child {
            Part::Paragraph(p) => docx.add_paragraph(*p),
            Part::Table(t) => docx.add_table(*t),
        };
    }
    docx
}

/// The last section's properties: size and orientation, margins, numbering
/// restarted after the main part, a blank first-page header.
fn section_property(doc: &Document, size: PageSize, restart: bool) -> SectionProperty {
    let mut property = SectionProperty::new()
        .page_size(size)
        .page_margin(margins(&doc.page));
    if restart {
        property = property.page_num_type(PageNumType::new().start(1));
    }
    if !doc.page.number_first_page {
        property = property.title_pg();
    }
    property
}

/// Word and LibreOffice merge two tables that touch; a 1 pt paragraph
/// between them keeps them apart.
fn separate_tables(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    for part in parts {
        if matches!((out.last(), &part), (Some(Part::Table(_)), Part::Table(_))) {
            out.push(Part::from(blocks::spacer(1.0)));
        }
        out.push(part);
    }
    out
}

/// Header, title, body, closing.
fn main_part(doc: &Document) -> Vec<Part> {
    let text_width = doc.page.text_width();
    let mut out = vec![
        Part::from(blocks::header_table(&doc.header, doc, text_width)),
        Part::from(blocks::spacer(doc.geometry.header_gap)),
    ];
    for line in &doc.title {
        out.extend(
            blocks::line_paragraphs(line, doc, text_width)
                .into_iter()
                .map(Part::from),
        );
    }
    let prev = doc
        .title
        .last()
        .map_or(flow::native(0.0), |l| flow::Edge::after_line(doc, l));
    let (body, end) = flow::body(doc, &doc.body, prev);
    out.extend(body);
    out.extend(flow::before_closing(doc, end));
    out.extend(blocks::closing(&doc.closing, doc, text_width));
    out
}

fn appendix_part(doc: &Document, appendix: &Appendix) -> Vec<Part> {
    let text_width = doc.page.text_width();
    let mut out: Vec<Part> = Vec::new();
    if !doc.main {
        out.extend(stamp(doc, appendix));
    }
    out.extend(
        appendix
            .heading
            .iter()
            .flat_map(|l| blocks::line_paragraphs(l, doc, text_width))
            .map(Part::from),
    );
    let prev = appendix
        .heading
        .last()
        .map_or(flow::native(0.0), |l| flow::Edge::after_line(doc, l));
    out.extend(flow::body(doc, &appendix.body, prev).0);
    out
}

/// The organisation's signature box of an appendix in a file of its own:
/// its lines indented to the right edge of the text, then its gap.
fn stamp(doc: &Document, appendix: &Appendix) -> Vec<Part> {
    let p = &doc.page;
    let text_width = match appendix.landscape {
        true => p.text_width() + p.height - p.width,
        false => p.text_width(),
    };
    let indent = twips((text_width - appendix.stamp.width).max(0.0));
    let mut out: Vec<Part> = appendix
        .stamp
        .lines
        .iter()
        .map(|l| {
            Part::from(
                Paragraph::new()
                    .style(style_id(l.role))
                    .indent(Some(indent), None, None, None)
                    .add_run(Run::new().add_text(&l.text)),
            )
        })
        .collect();
    out.push(Part::from(blocks::spacer(appendix.stamp.gap * 72.0 / 25.4)));
    out
}

/// The rule set's margins, set explicitly: docx-rs's defaults are Word's.
fn margins(p: &Page) -> PageMargin {
    PageMargin::new()
        .top(twips(p.margin_top))
        .bottom(twips(p.margin_bottom))
        .left(twips(p.margin_left))
        .right(twips(p.margin_right))
        .header(twips(p.header_distance))
        .footer(twips(p.margin_bottom / 2.0))
        .gutter(0)
}

/// The header of every page but the first: the page number, centred.
fn number_header() -> DocxHeader {
    DocxHeader::new().add_paragraph(
        Paragraph::new()
            .style(style_id(Role::PageNumber))
            .add_run(page_field()),
    )
}

/// The Times New Roman family in every slot: Vietnamese letters outside
/// Latin-1 use `hAnsi`.
fn family() -> RunFonts {
    RunFonts::new()
        .ascii(fonts::DOCX_FAMILY)
        .hi_ansi(fonts::DOCX_FAMILY)
        .cs(fonts::DOCX_FAMILY)
        .east_asia(fonts::DOCX_FAMILY)
}

/// `PAGE` as a complex field in one run, so it takes the paragraph's style
/// (docx-rs's own page-number element writes an unstyled run).
fn page_field() -> Run {
    Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false)
}
