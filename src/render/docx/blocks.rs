//! Paragraphs and layout tables of the DOCX writer, one function per model
//! node (the data tables are in `table.rs`).

use super::{TWIPS_PER_MM, style_id, twips};
use crate::model::{Closing, Document, Header, Line, Role, Signature, Span};
use docx_rs::{
    BorderType, BreakType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, Table, TableAlignmentType, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// What a part of the document is made of.
pub enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl From<Paragraph> for Part {
    fn from(p: Paragraph) -> Part {
        Part::Paragraph(Box::new(p))
    }
}

impl From<Table> for Part {
    fn from(t: Table) -> Part {
        Part::Table(Box::new(t))
    }
}

/// A line and, if it has one, its rule: an empty paragraph whose bottom
/// border is narrowed by indents to the rule's length, as high as the
/// clearance above the rule (less half the border, which Word adds). A
/// framed line gets four borders, narrowed to the frame's width the same way.
pub fn line_paragraphs(line: &Line, doc: &Document, cell_width: f64) -> Vec<Paragraph> {
    let g = &doc.geometry;
    // Forced breaks (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`) become line breaks.
    let mut run = Run::new();
    for (i, part) in line.text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(part);
    }
    let mut p = Paragraph::new().style(style_id(line.role)).add_run(run);
    if let Some(frame) = line.frame {
        let f = &g.frame;
        // Word draws a border `space` points outside the indent.
        let side = (cell_width - frame) / 2.0 + (f.gap + f.stroke / 2.0) * MM_PER_PT;
        let side = twips(side.max(0.0));
        let mut borders = ParagraphBorders::with_empty();
        for position in [
            ParagraphBorderPosition::Top,
            ParagraphBorderPosition::Bottom,
            ParagraphBorderPosition::Left,
            ParagraphBorderPosition::Right,
        ] {
            borders = borders.set(
                ParagraphBorder::new(position)
                    .val(BorderType::Single)
                    .size(eighths(f.stroke))
                    .space(f.gap.round() as usize),
            );
        }
        p = p.indent(Some(side), None, Some(side), None);
        p.property = p.property.set_borders(borders);
    }
    let mut out = vec![p];
    if let Some(rule) = line.rule {
        let side = twips(((cell_width - rule.length) / 2.0).max(0.0));
        let half = g.rule_stroke / 2.0;
        let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(eighths(g.rule_stroke));
        let mut p = Paragraph::new()
            .style(style_id(line.role))
            .indent(Some(side), None, Some(side), None)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(points(rule.above - half) as i32)
                    .before(0)
                    .after(points(rule.below - half)),
            );
        p.property = p
            .property
            .set_borders(ParagraphBorders::with_empty().set(border));
        out.push(p);
    }
    out
}

/// A border width in eighths of a point, as Word writes it.
pub(super) fn eighths(points: f64) -> usize {
    (points * 8.0).round() as usize
}

/// Points as twentieths (Word's spacing unit), never negative.
fn points(pt: f64) -> u32 {
    (pt.max(0.0) * 20.0).round() as u32
}

/// An empty paragraph exactly `points` high.
pub fn spacer(points: f64) -> Paragraph {
    let line = (points * 20.0).round() as i32;
    Paragraph::new().line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(line)
            .before(0)
            .after(0),
    )
}

pub fn body_paragraph(role: Role, label: &Option<String>, spans: &[Span]) -> Paragraph {
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

const MM_PER_PT: f64 = 25.4 / 72.0;

/// A borderless fixed-layout table; its cells padded by `pad` millimetres
/// left and right, none above and below.
fn layout_table(rows: Vec<TableRow>, widths: &[f64], align: TableAlignmentType, pad: f64) -> Table {
    let pad = twips(pad) as usize;
    Table::without_borders(rows)
        .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(twips(widths.iter().sum()) as usize, WidthType::Dxa)
        .align(align)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

pub(super) fn cell(paragraphs: Vec<Paragraph>, width: f64) -> TableCell {
    let mut c = TableCell::new().width(twips(width) as usize, WidthType::Dxa);
    if paragraphs.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn lines(lines: &[Line], doc: &Document, width: f64) -> Vec<Paragraph> {
    lines
        .iter()
        .flat_map(|l| line_paragraphs(l, doc, width))
        .collect()
}

pub fn header_table(header: &Header, doc: &Document, text_width: f64) -> Table {
    let widths = [header.left_width, text_width - header.left_width];
    let rows = header
        .rows
        .iter()
        .map(|row| {
            TableRow::new(vec![
                cell(lines(&row.left, doc, widths[0]), widths[0]),
                cell(lines(&row.right, doc, widths[1]), widths[1]),
            ])
        })
        .collect();
    layout_table(rows, &widths, TableAlignmentType::Left, 0.0)
}

/// `Kính gửi:` beside its addressees, centred.
pub fn addressees(label: &str, items: &[String], widths: [f64; 2]) -> Table {
    let para = |t: &str| {
        Paragraph::new()
            .style(style_id(Role::Addressee))
            .add_run(Run::new().add_text(t))
    };
    let row = TableRow::new(vec![
        cell(vec![para(label)], widths[0]),
        cell(items.iter().map(|i| para(i)).collect(), widths[1]),
    ]);
    layout_table(vec![row], &widths, TableAlignmentType::Center, 0.0)
}

fn signature(sig: &Signature, doc: &Document, width: f64) -> Vec<Paragraph> {
    let mut out = lines(&sig.lines, doc, width);
    out.push(signing_space(sig));
    out.extend(line_paragraphs(&sig.name, doc, width));
    out
}

/// Room to sign: one empty paragraph of exactly the rule set's height.
fn signing_space(sig: &Signature) -> Paragraph {
    let space = (sig.space * TWIPS_PER_MM).round() as i32;
    let spacing = LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(space)
        .before(0)
        .after(0);
    Paragraph::new()
        .style(style_id(Role::SignPosition))
        .line_spacing(spacing)
}

/// One signature: recipients | signature. Several: the signatures side by
/// side, then the recipients.
pub fn closing(closing: &Closing, doc: &Document, text_width: f64) -> Vec<Part> {
    let recipients: Vec<Paragraph> = closing
        .recipients
        .iter()
        .flat_map(|r| std::iter::once(&r.label).chain(&r.items))
        .flat_map(|l| line_paragraphs(l, doc, closing.left_width))
        .collect();
    if closing.signatures.len() <= 1 {
        let widths = [closing.left_width, text_width - closing.left_width];
        let right = closing
            .signatures
            .iter()
            .flat_map(|s| signature(s, doc, widths[1]))
            .collect();
        let row =
            TableRow::new(vec![cell(recipients, widths[0]), cell(right, widths[1])]).cant_split();
        return vec![Part::from(layout_table(
            vec![row],
            &widths,
            TableAlignmentType::Left,
            0.0,
        ))];
    }
    // Several signers side by side, in three rows so that the names line up
    // whatever the number of title lines; half the gap between signers on
    // each side of a cell.
    let n = closing.signatures.len();
    let width = text_width / n as f64;
    let pad = doc.geometry.signers_gap / 2.0;
    let widths = vec![width; n];
    let row = |f: &dyn Fn(&Signature) -> Vec<Paragraph>| {
        TableRow::new(
            closing
                .signatures
                .iter()
                .map(|s| cell(f(s), width))
                .collect(),
        )
        .cant_split()
    };
    let inner = width - 2.0 * pad;
    let titles = row(&|s| lines(&s.lines, doc, inner));
    let space = row(&|s| vec![signing_space(s)]);
    let names = row(&|s| line_paragraphs(&s.name, doc, inner));
    let mut out = vec![Part::from(layout_table(
        vec![titles, space, names],
        &widths,
        TableAlignmentType::Left,
        pad,
    ))];
    if !recipients.is_empty() {
        out.push(Part::from(spacer(doc.geometry.recipients_gap)));
        out.extend(recipients.into_iter().map(Part::from));
    }
    out
}
