//! The document model: what both writers draw, with every rule already applied.
//!
//! Nothing here knows about YAML, Tera or clap. Text is final (numbers, dates and
//! punctuation are built by `compose` from the rule set); formatting is named by
//! [`Role`] and resolved through the [`Styles`] the rule set supplies.

mod style;

pub use style::{Align, Role, Styles, TextStyle};

use serde::{Deserialize, Serialize};

/// U+2060 WORD JOINER: no line may break on either side of it. Compose puts
/// it inside document symbols and numeric dates (`44⁠-⁠HD/⁠BTGHU`); the PDF
/// writer keeps such a word whole and prints it without the joiners, the DOCX
/// keeps the character, which Word and LibreOffice honour.
pub const JOINER: char = '\u{2060}';

/// One document, ready to be written as DOCX or PDF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub page: Page,
    pub styles: Styles,
    pub geometry: Geometry,
    pub header: Header,
    /// Centred lines under the header: type name, trích yếu, separator.
    pub title: Vec<Line>,
    pub body: Vec<Block>,
    pub closing: Closing,
    /// Appendices, each starting a new page with its own page numbers.
    pub appendices: Vec<Appendix>,
    /// False in the file of an appendix issued on its own: no header, text
    /// or closing, only the appendix, its signature box at the top right.
    pub main: bool,
}

impl Document {
    /// Issues every appendix as a file of its own.
    pub fn separate_appendices(&mut self) {
        self.appendices.iter_mut().for_each(|a| a.separate = true);
    }

    /// The names of the files [`Document::files`] gives, in its order,
    /// without building them: `None` for the document itself, then each
    /// separate appendix's file name pattern.
    pub fn file_names(&self) -> impl Iterator<Item = Option<&str>> {
        let separate = self.appendices.iter().filter(|a| a.separate);
        std::iter::once(None).chain(separate.map(|a| Some(a.file.as_str())))
    }

    /// The files the document is issued as: itself, with the appendices
    /// that stay in it, then each appendix issued separately as a document
    /// of its own, with its file's name.
    pub fn files(&self) -> Vec<(Option<String>, Document)> {
        if !self.appendices.iter().any(|a| a.separate) {
            return vec![(None, self.clone())];
        }
        let mut main = self.clone();
        main.appendices.retain(|a| !a.separate);
        let mut out = vec![(None, main)];
        for a in self.appendices.iter().filter(|a| a.separate) {
            out.push((Some(a.file.clone()), self.appendix_file(a)));
        }
        out
    }

    /// The file of an appendix issued on its own: the document's page,
    /// styles and metadata (titled by the appendix), and nothing of its
    /// header, text or closing. Every field is named, so that a new one is
    /// decided here too.
    fn appendix_file(&self, appendix: &Appendix) -> Document {
        let heading: Vec<&str> = appendix
            .heading
            .iter()
            .take(2)
            .map(|l| l.text.as_str())
            .collect();
        Document {
            meta: Meta {
                title: heading.join(" "),
                ..self.meta.clone()
            },
            page: self.page.clone(),
            styles: self.styles.clone(),
            geometry: self.geometry.clone(),
            header: Header {
                left_width: self.header.left_width,
                rows: Vec::new(),
            },
            title: Vec::new(),
            body: Vec::new(),
            closing: Closing {
                left_width: self.closing.left_width,
                recipients: None,
                signatures: Vec::new(),
            },
            appendices: vec![appendix.clone()],
            main: false,
        }
    }

    /// The number line as printed (`Số 08-BC/CB`): the header line whose
    /// role is [`Role::Number`].
    pub fn number(&self) -> Option<&str> {
        self.header
            .rows
            .iter()
            .flat_map(|r| r.left.iter().chain(&r.right))
            .find(|l| l.role == Role::Number)
            .map(|l| l.text.as_str())
    }
}

/// An appendix: label, title, the `(Kèm theo …)` line, and its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appendix {
    pub heading: Vec<Line>,
    pub body: Vec<Block>,
    /// Laid out on landscape pages (wide statistical tables).
    pub landscape: bool,
    /// Issued as a file of its own (see [`Document::files`]).
    pub separate: bool,
    /// The organisation's signature box such a file shows; not drawn
    /// otherwise.
    pub stamp: Stamp,
    /// The name of that file, `{stem}` standing for the document's
    /// (`{stem}-phu-luc-1`).
    pub file: String,
}

/// The box at the top right of a separate appendix's first page, where the
/// organisation's digital signature shows (Nghị định 30, Phụ lục I).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stamp {
    pub lines: Vec<Line>,
    /// Its width at the right edge of the text, in millimetres.
    pub width: f64,
    /// The room under it, above the appendix's label.
    pub gap: f64,
}

/// Document properties written into the files (never the clock).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// The type name and the trích yếu (`QUYẾT ĐỊNH Về việc …`).
    pub title: String,
    /// The issuing body, on one line.
    pub author: String,
    /// The số và ký hiệu (`05/QĐ-UBND`), blank where a draft has no number.
    pub subject: String,
    /// The language of the text (BCP 47).
    pub language: String,
    /// The document's date (a draft's may lack its day).
    pub date: DocDate,
}

/// A document date; a draft may leave the day blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl DocDate {
    /// `2026-07-08`; a draft without a day gives the first of its month.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month,
            self.day.unwrap_or(1)
        )
    }
}

/// The lengths that belong to no single role, decided once by compose from
/// the rule set and read by both writers. Spacing is in points, widths in
/// millimetres.
///
/// Spacing between paragraphs follows Word: a paragraph's space after and
/// the next one's space before overlap, the larger counting. The gaps below
/// are added to that (they are blank space of their own).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    /// Where the baseline sits in a line box: this fraction of the size
    /// above its bottom (the font's descent).
    pub descent: f64,
    /// Under the header grid, before the title.
    pub header_gap: f64,
    /// Above `Kính gửi:`.
    pub addressees_gap: f64,
    /// Between the body and the closing.
    pub closing_gap: f64,
    /// Between signatures side by side: each keeps half of it on each side
    /// (millimetres).
    pub signers_gap: f64,
    /// Between signatures side by side and the recipients under them.
    pub recipients_gap: f64,
    /// Width of drawn rules.
    pub rule_stroke: f64,
    pub table: TableGeometry,
    pub frame: FrameGeometry,
}

/// A bordered table's lines, padding and room around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableGeometry {
    /// Cell padding, left and right, in millimetres.
    pub padding_x: f64,
    /// Cell padding, top and bottom, in millimetres.
    pub padding_y: f64,
    pub stroke: f64,
    pub space_before: f64,
    pub space_after: f64,
}

/// The single-line frame of độ khẩn, độ mật and the draft mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameGeometry {
    pub stroke: f64,
    /// Between the line box and the frame, top and bottom; the frame takes
    /// this and its stroke in the flow, as a Word paragraph border does.
    pub gap: f64,
}

/// Page geometry in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    /// Distance from the top edge of the page to the page-number line.
    pub header_distance: f64,
    /// Whether page 1 shows its number (both rule sets say no).
    pub number_first_page: bool,
}

impl Page {
    pub fn text_width(&self) -> f64 {
        self.width - self.margin_left - self.margin_right
    }
}

/// The header grid: rows of two cells, so that lines of the two columns which
/// must share a baseline (the number and the date) start the same row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Width of the left column in millimetres; the right column takes the rest.
    pub left_width: f64,
    pub rows: Vec<HeaderRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderRow {
    pub left: Vec<Line>,
    pub right: Vec<Line>,
}

/// A single centred line of a header, title or signature block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub role: Role,
    /// A drawn rule under the line, if the rules want one.
    pub rule: Option<Rule>,
    /// Width of the frame around the line (độ khẩn, dự thảo), in
    /// millimetres, centred on it. Left out of the data when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame: Option<f64>,
}

impl Line {
    pub fn new(text: impl Into<String>, role: Role) -> Self {
        Line {
            text: text.into(),
            role,
            rule: None,
            frame: None,
        }
    }

    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }
}

/// A solid horizontal rule, centred under its line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    /// Length in millimetres.
    pub length: f64,
    /// From the bottom of the line box to the rule, in points.
    pub above: f64,
    /// From the rule to what follows (overlapping its space before), in
    /// points.
    pub below: f64,
}

/// A piece of body text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph: an optional label (`I.`, `1.`, `a)`, `-`, `+`) and its text.
    Paragraph {
        role: Role,
        label: Option<String>,
        spans: Vec<Span>,
    },
    /// `Kính gửi:` and its addressees, as a centred two-column block: the
    /// label, then the addressees one under another, aligned under the colon.
    Addressees {
        label: String,
        items: Vec<String>,
        /// Column widths in millimetres (label, addressees).
        widths: [f64; 2],
    },
    /// A bordered table; the first `header_rows` rows are bold, centred, and
    /// repeat on every page.
    Table {
        header_rows: usize,
        /// Each row's cells from left to right; a position covered by a
        /// merged cell (from the left or from above) has no cell of its own.
        rows: Vec<Vec<Cell>>,
        /// The columns, filling the text width. Empty until compose decides
        /// them (`compose::table::finish`).
        columns: Vec<Column>,
    },
}

/// A table column: its width in millimetres, and how the cells of the body
/// that start in it sit (the serial number centred, figures to the right).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Column {
    pub width: f64,
    pub align: Align,
}

/// A table cell, merged over `colspan` columns and `rowspan` rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    /// Bold in the body (a `Tổng cộng` row); header cells are bold anyway.
    pub bold: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            bold: false,
        }
    }
}

impl Block {
    /// The text of the block as a reader sees it, label included (without
    /// the [`JOINER`]s).
    pub fn plain_text(&self) -> String {
        self.joined_text().replace(JOINER, "")
    }

    fn joined_text(&self) -> String {
        match self {
            Block::Paragraph { label, spans, .. } => {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                match label {
                    Some(label) => format!("{label} {text}"),
                    None => text,
                }
            }
            Block::Addressees { label, items, .. } => format!("{label} {}", items.join("\n")),
            Block::Table { rows, .. } => rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// What follows the body. One signature: recipients on the left, the
/// signature on the right. Several (joint issuers, biên bản): the signatures
/// side by side, then the recipients.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closing {
    /// Width of the recipients column in millimetres.
    pub left_width: f64,
    pub recipients: Option<Recipients>,
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recipients {
    pub label: Line,
    /// Items with their dash and final punctuation already applied.
    pub items: Vec<Line>,
}

/// One signature block: authority and position lines, room to sign, the name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    pub lines: Vec<Line>,
    /// Blank space for the signature and seal, in millimetres.
    pub space: f64,
    pub name: Line,
}

/// Every cell of a table with the row and column where it starts, finding
/// columns past the cells merged from the rows above.
pub fn place_cells(rows: &[Vec<Cell>]) -> Vec<(usize, usize, &Cell)> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            for covered in taken.iter_mut().skip(r).take(cell.rowspan) {
                if covered.len() < c + cell.colspan {
                    covered.resize(c + cell.colspan, false);
                }
                covered[c..c + cell.colspan]
                    .iter_mut()
                    .for_each(|t| *t = true);
            }
            out.push((r, c, cell));
            c += cell.colspan;
        }
    }
    out
}
