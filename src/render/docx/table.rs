//! A bordered data table: merged cells as `gridSpan` and `vMerge`, header
//! rows marked to repeat on every page, each body cell aligned as its
//! column says, the model's padding and lines.

use super::blocks::{cell, eighths};
use super::{package, style_id, twips};
use crate::model::{Cell, Column, Document, Role, place_cells};
use docx_rs::{
    HeightRule, Paragraph, Run, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use std::collections::HashMap;

/// Which cell starts at, or covers from above, each (row, column): the row it
/// starts in, and the cell.
type Origins<'a> = HashMap<(usize, usize), (usize, &'a Cell)>;

pub fn data_table(
    doc: &Document,
    header_rows: usize,
    rows: &[Vec<Cell>],
    columns: &[Column],
) -> Table {
    let widths: Vec<f64> = columns.iter().map(|c| c.width).collect();
    let mut at: Origins = HashMap::new();
    for (r, c, cell) in place_cells(rows) {
        for row in r..r + cell.rowspan {
            at.insert((row, c), (r, cell));
        }
    }
    let docx_rows = (0..rows.len())
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < widths.len() {
                let (tc, span) = data_cell(doc, &at, r, c, header_rows, columns);
                cells.push(tc);
                c += span;
            }
            let row = TableRow::new(cells);
            // docx-rs cannot write `w:tblHeader`: a row height no row
            // otherwise has marks the row, and the packager rewrites it.
            if r < header_rows {
                row.row_height(package::HEADER_ROW_MARK)
                    .height_rule(HeightRule::Auto)
            } else {
                row
            }
        })
        .collect();
    let g = &doc.geometry.table;
    let (x, y) = (twips(g.padding_x) as usize, twips(g.padding_y) as usize);
    let mut borders = TableBorders::new();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(TableBorder::new(position).size(eighths(g.stroke)));
    }
    Table::new(docx_rows)
        .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(twips(widths.iter().sum()) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(y, x, y, x))
        .set_borders(borders)
}

/// The cell at row `r`, column `c`, and how many columns it spans.
fn data_cell(
    doc: &Document,
    at: &Origins,
    r: usize,
    c: usize,
    header_rows: usize,
    columns: &[Column],
) -> (TableCell, usize) {
    let role = if r < header_rows {
        Role::TableHeader
    } else {
        Role::TableCell
    };
    let Some(&(origin, cell)) = at.get(&(r, c)) else {
        let empty = Paragraph::new().style(style_id(role));
        return (self::cell(vec![empty], columns[c].width), 1);
    };
    let span = cell.colspan.min(columns.len() - c);
    let width: f64 = columns[c..c + span].iter().map(|c| c.width).sum();
    let text = if origin == r { cell.text.as_str() } else { "" };
    let mut run = Run::new().add_text(text);
    if cell.bold {
        run = run.bold();
    }
    let mut p = Paragraph::new().style(style_id(role)).add_run(run);
    // The body's cells sit as their column says; the style's alignment is
    // the text columns'.
    let align = columns[c].align;
    if r >= header_rows && align != doc.styles.get(role).align {
        p = p.align(super::styles::alignment(align));
    }
    let mut tc = self::cell(vec![p], width).vertical_align(VAlignType::Center);
    if span > 1 {
        tc = tc.grid_span(span);
    }
    if cell.rowspan > 1 {
        let merge = if origin == r {
            VMergeType::Restart
        } else {
            VMergeType::Continue
        };
        tc = tc.vertical_merge(merge);
    }
    (tc, span)
}
