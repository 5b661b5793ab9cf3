//! The DOCX writer: the model as real paragraph styles, borderless layout
//! tables for the header and the closing, and the page-number field.

mod package;
mod styles;

use crate::error::{Error, ErrorKind, Result};
use crate::fonts;
use crate::model::{Block, Closing, Document, Header, Line, Role, Span, Styles};
use docx_rs::{
    BorderType, Docx, FieldCharType, Header as DocxHeader, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, Table, TableAlignmentType, TableCell, TableCellMargins,
    TableLayoutType, TableRow, WidthType,
};
pub use styles::style_id;

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Writes the document as DOCX bytes.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    let text_width = doc.page.text_width();
    let mut docx = page_setup(doc);
    docx = styles::add_styles(docx, &doc.styles);
    docx = docx.add_table(header_table(&doc.header, &doc.styles, text_width));
    for line in &doc.title {
        for p in line_paragraphs(line, &doc.styles, text_width) {
            docx = docx.add_paragraph(p);
        }
    }
    for block in &doc.body {
        docx = match block {
            Block::Paragraph { role, label, spans } => {
                docx.add_paragraph(body_paragraph(*role, label, spans))
            }
            Block::Table {
                header_rows,
                rows,
                widths,
            } => docx.add_table(data_table(*header_rows, rows, widths)),
        };
    }
    docx = docx.add_paragraph(Paragraph::new().style(style_id(Role::Body)).keep_next(true));
    docx = docx.add_table(closing_table(&doc.closing, &doc.styles, text_width));
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| Error::new(ErrorKind::Render, "could not write the DOCX", e.to_string()))?;
    package::repack(&raw.into_inner())
        .map_err(|e| Error::new(ErrorKind::Render, "could not write the DOCX", e.to_string()))
}

/// A4 and the rule set's margins, set explicitly: docx-rs's defaults are Word's.
fn page_setup(doc: &Document) -> Docx {
    let p = &doc.page;
    let number = Paragraph::new()
        .style(style_id(Role::PageNumber))
        .add_run(page_field());
    let date = format!("{}T00:00:00Z", full_date(&doc.meta.date));
    let mut docx = Docx::new()
        .page_size(twips(p.width) as u32, twips(p.height) as u32)
        .page_margin(
            PageMargin::new()
                .top(twips(p.margin_top))
                .bottom(twips(p.margin_bottom))
                .left(twips(p.margin_left))
                .right(twips(p.margin_right))
                .header(twips(p.header_distance))
                .footer(twips(p.margin_bottom / 2.0))
                .gutter(0),
        )
        .default_fonts(family())
        .default_tab_stop(twips(10.0) as usize)
        .created_at(&date)
        .updated_at(&date)
        .header(DocxHeader::new().add_paragraph(number));
    if !p.number_first_page {
        docx = docx.first_header(DocxHeader::new()).title_pg();
    }
    docx
}

fn full_date(date: &str) -> String {
    if date.len() == 7 {
        format!("{date}-01")
    } else {
        date.to_string()
    }
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

/// A line and, if it has one, its rule: an empty paragraph whose bottom
/// border is narrowed by indents to the rule's length.
fn line_paragraphs(line: &Line, styles: &Styles, cell_width: f64) -> Vec<Paragraph> {
    let mut out = vec![
        Paragraph::new()
            .style(style_id(line.role))
            .add_run(Run::new().add_text(&line.text)),
    ];
    if let Some(rule) = line.rule {
        let s = styles.get(line.role);
        let text = fonts::text_width_mm(&line.text, s.size, s.bold, s.italic).min(cell_width);
        let side = twips(((cell_width - text * rule.fraction) / 2.0).max(0.0));
        let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(5);
        let mut p = Paragraph::new()
            .style(style_id(line.role))
            .indent(Some(side), None, Some(side), None)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(40)
                    .before(0)
                    .after(40),
            );
        p.property = p
            .property
            .set_borders(ParagraphBorders::with_empty().set(border));
        out.push(p);
    }
    out
}

fn body_paragraph(role: Role, label: &Option<String>, spans: &[Span]) -> Paragraph {
    let mut p = Paragraph::new().style(style_id(role));
    if let Some(label) = label {
        p = p.add_run(Run::new().add_text(format!("{label} ")));
    }
    for span in spans {
        let mut run = Run::new().add_text(&span.text);
        if span.bold {
            run = run.bold();
        }
        if span.italic {
            run = run.italic();
        }
        p = p.add_run(run);
    }
    p
}

/// A borderless fixed-layout table of two columns, no cell padding.
fn layout_table(rows: Vec<TableRow>, widths: [f64; 2]) -> Table {
    Table::without_borders(rows)
        .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(twips(widths[0] + widths[1]) as usize, WidthType::Dxa)
        .align(TableAlignmentType::Left)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

fn cell(paragraphs: Vec<Paragraph>, width: f64) -> TableCell {
    let mut c = TableCell::new().width(twips(width) as usize, WidthType::Dxa);
    if paragraphs.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn header_table(header: &Header, styles: &Styles, text_width: f64) -> Table {
    let widths = [header.left_width, text_width - header.left_width];
    let rows = header
        .rows
        .iter()
        .map(|row| {
            let left = row
                .left
                .iter()
                .flat_map(|l| line_paragraphs(l, styles, widths[0]))
                .collect();
            let right = row
                .right
                .iter()
                .flat_map(|l| line_paragraphs(l, styles, widths[1]))
                .collect();
            TableRow::new(vec![cell(left, widths[0]), cell(right, widths[1])])
        })
        .collect();
    layout_table(rows, widths)
}

fn closing_table(closing: &Closing, styles: &Styles, text_width: f64) -> Table {
    let widths = [closing.left_width, text_width - closing.left_width];
    let left = closing
        .recipients
        .iter()
        .flat_map(|r| std::iter::once(&r.label).chain(&r.items))
        .flat_map(|l| line_paragraphs(l, styles, widths[0]))
        .collect();
    let mut right = Vec::new();
    for sig in &closing.signatures {
        for line in &sig.lines {
            right.extend(line_paragraphs(line, styles, widths[1]));
        }
        // Room to sign: one empty paragraph of exactly the rule set's height.
        let space = (sig.space * TWIPS_PER_MM).round() as i32;
        right.push(
            Paragraph::new()
                .style(style_id(Role::SignPosition))
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(space)
                        .before(0)
                        .after(0),
                ),
        );
        right.extend(line_paragraphs(&sig.name, styles, widths[1]));
    }
    let row = TableRow::new(vec![cell(left, widths[0]), cell(right, widths[1])]).cant_split();
    layout_table(vec![row], widths)
}

fn data_table(header_rows: usize, rows: &[Vec<String>], widths: &[f64]) -> Table {
    let docx_rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let role = if i < header_rows {
                Role::TableHeader
            } else {
                Role::TableCell
            };
            let cells = widths
                .iter()
                .enumerate()
                .map(|(j, w)| {
                    let text = row.get(j).map(String::as_str).unwrap_or("");
                    let p = Paragraph::new()
                        .style(style_id(role))
                        .add_run(Run::new().add_text(text));
                    cell(vec![p], *w)
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    Table::new(docx_rows)
        .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(twips(widths.iter().sum()) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(57, 85, 57, 85))
}
