//! Reading a draft into lines: plain text and Markdown as they are, DOCX
//! through [`docx`]; a PDF reader gives the same lines with their places.

pub(crate) mod docx;
mod lists;

/// A line of a draft with what the source says of it. Every reader (text,
/// DOCX, PDF) gives these; the recogniser uses what is there.
#[derive(Debug, Clone, Default)]
pub struct DraftLine {
    /// 1-based: the line of a text file, the paragraph of a DOCX.
    pub no: usize,
    pub text: String,
    /// The paragraph style (DOCX), e.g. `vbSummary`.
    pub style: Option<String>,
    pub italic: bool,
    /// A blank line of the source, or the end of a table cell.
    pub blank: bool,
    /// A paragraph of a layout (borderless) table's cell.
    pub cell: bool,
    /// A whole paragraph as the source has it (a DOCX's), never joined to
    /// the next line as a wrapped line would be.
    pub whole: bool,
    /// Bold through most of its text (a DOCX run, a PDF font).
    #[allow(dead_code)] // read by the recogniser (under way)
    pub bold: bool,
    /// The 1-based page, when the source says (a PDF; a text with form
    /// feeds between pages, as `pdftotext` writes).
    #[allow(dead_code)] // read by the recogniser (under way)
    pub page: Option<u32>,
    /// Where the line sits on its page, when the source says (a PDF); the
    /// recogniser reads the text alone when it is `None`.
    #[allow(dead_code)] // written by the PDF reader (under way)
    pub place: Option<Placement>,
    /// Text a signing tool drew on the page (FORMAT-RULES §9.1: the
    /// organisation's name and the signing time, a copy's or an appendix's
    /// stamp), as the PDF reader found it by its place and form; never the
    /// document's own text.
    pub stamp: bool,
}

/// A line's place on the page, as a PDF reader measures it. Lengths in
/// millimetres, from the text area (inside the margins).
#[allow(dead_code)] // written by the PDF reader, read by the recogniser (both under way)
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Placement {
    /// The column of a two-column part (the header, the closing), `None` for
    /// a line across the text area.
    pub column: Option<Column>,
    /// From the text area's left edge to the line's first glyph.
    pub indent: f32,
    /// From the line's last glyph to the text area's right edge.
    pub slack: f32,
    /// Space above the line beyond the line spacing of its neighbours (0 at
    /// the top of a page).
    pub gap: f32,
    /// Font size of most of the line, in points.
    pub size: f32,
}

/// A column of the header or the closing.
#[allow(dead_code)] // written by the PDF reader, read by the recogniser (both under way)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Left,
    Right,
}

/// The lines of a plain-text or Markdown draft. A text with form feeds
/// (`pdftotext` writes one between pages) gives each line its page.
pub fn text_lines(text: &str) -> Vec<DraftLine> {
    let paged = text.contains('\u{c}');
    let mut page = 1;
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            // A form feed at the start of a line starts the line's page.
            let starts = l.chars().take_while(|c| *c == '\u{c}').count();
            page += starts as u32;
            let line_page = page;
            page += l.chars().skip(starts).filter(|c| *c == '\u{c}').count() as u32;
            let l = l.trim_matches(|c: char| c.is_whitespace());
            let markdown = l.trim_start_matches("**").trim_end_matches("**");
            DraftLine {
                no: i + 1,
                text: markdown.to_string(),
                blank: l.is_empty(),
                page: paged.then_some(line_page),
                ..DraftLine::default()
            }
        })
        .collect()
}
