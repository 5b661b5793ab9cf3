//! The parts of a page in columns (the header, the closing, signatures side
//! by side): a row where runs of text sit side by side opens a block, one
//! column a run; the lines below that keep to one column stay in it; the
//! first line across a gutter closes it. A block is read column by column,
//! left to right.

use super::lines::Line;

/// A page's lines in reading order: lines across the text area, blocks of
/// columns, tables.
#[derive(Debug)]
pub enum Part {
    Across(usize),
    /// Each column's lines and its left and right edges.
    Columns(Vec<(Vec<usize>, (f32, f32))>),
    /// A bordered table's rows, as pipe-table lines.
    Table(Vec<usize>),
}

impl Part {
    /// Where the part starts on its page.
    pub fn top(&self, lines: &[Line]) -> f32 {
        let indices: Vec<usize> = match self {
            Part::Across(i) => vec![*i],
            Part::Columns(columns) => columns.iter().flat_map(|c| c.0.clone()).collect(),
            Part::Table(rows) => rows.clone(),
        };
        indices.iter().map(|i| lines[*i].y).fold(f32::MAX, f32::min)
    }
}

/// A column of an open block: where its text starts and ends, where it is
/// centred, and its lines.
struct Column {
    start: f32,
    end: f32,
    centre: f32,
    lines: Vec<usize>,
}

/// Splits a page's lines (sorted top to bottom) into parts; `area` is the
/// text area's left and right edges.
pub fn parts(lines: &[Line], area: (f32, f32)) -> Vec<Part> {
    let mut out = Vec::new();
    let mut block: Vec<Column> = Vec::new();
    let close = |block: &mut Vec<Column>, out: &mut Vec<Part>| {
        if !block.is_empty() {
            out.push(into_part(std::mem::take(block), lines, area));
        }
    };
    for row in rows(lines) {
        if row.len() >= 2 {
            if !fits(&block, lines, &row) {
                close(&mut block, &mut out);
                block = row
                    .iter()
                    .map(|i| Column {
                        start: lines[*i].x0,
                        end: lines[*i].x1,
                        centre: centre(&lines[*i]),
                        lines: Vec::new(),
                    })
                    .collect();
            }
            for (i, column) in row.into_iter().zip(block.iter_mut()) {
                column.start = column.start.min(lines[i].x0);
                column.end = column.end.max(lines[i].x1);
                column.lines.push(i);
            }
            continue;
        }
        let i = row[0];
        match side(&block, &lines[i], area) {
            Some(c) => block[c].lines.push(i),
            None => {
                close(&mut block, &mut out);
                out.push(Part::Across(i));
            }
        }
    }
    close(&mut block, &mut out);
    out
}

/// Whether a row of several runs continues the open block: as many runs as
/// columns, each over its own column.
fn fits(block: &[Column], lines: &[Line], row: &[usize]) -> bool {
    block.len() == row.len()
        && row.iter().zip(block).all(|(i, c)| {
            let l = &lines[*i];
            l.x0 < c.end && l.x1 > c.start
        })
}

/// The column a single line keeps to, if one: it reaches neither into the
/// column on its right nor back over the one on its left, and past the
/// first column it starts at its column or is centred on it. A line
/// centred on the text area (a title) keeps to none, unless a column is
/// centred there too.
fn side(block: &[Column], line: &Line, (left_edge, right_edge): (f32, f32)) -> Option<usize> {
    if block.is_empty() {
        return None;
    }
    let em = line.look.size.max(1.0);
    let middle = (left_edge + right_edge) / 2.0;
    let titled = (centre(line) - middle).abs() < 1.5 * em
        && block.iter().all(|c| (c.centre - middle).abs() > 3.0 * em);
    if titled && line.x0 - left_edge > 2.0 * em {
        return None;
    }
    (0..block.len()).find(|j| {
        let column = &block[*j];
        let before_next = block
            .get(j + 1)
            .is_none_or(|next| line.x1 < next.start - 1.0);
        let after_previous = j.checked_sub(1).is_none_or(|p| {
            let width = (column.end - column.start).max(1.0);
            line.x0 > block[p].end
                && ((centre(line) - column.centre).abs() < 0.5 * width
                    || line.x0 >= column.start - 2.0)
        });
        before_next && after_previous
    })
}

/// The block as a part. Each column is a cell whose lines are centred in it
/// (or start at its edge); the first starts at the text area's left edge
/// and the last ends at its right edge, so the median centre of a column's
/// lines gives its other edge; a middle column keeps its text's extent.
fn into_part(block: Vec<Column>, lines: &[Line], (left_edge, right_edge): (f32, f32)) -> Part {
    let last = block.len() - 1;
    let columns = block
        .into_iter()
        .enumerate()
        .map(|(j, column)| {
            let mut centres: Vec<f32> = column.lines.iter().map(|i| centre(&lines[*i])).collect();
            centres.sort_by(f32::total_cmp);
            let c = centres
                .get(centres.len() / 2)
                .copied()
                .unwrap_or(column.centre);
            let bounds = match j {
                0 => (left_edge, 2.0 * c - left_edge),
                j if j == last => (2.0 * c - right_edge, right_edge),
                _ => (column.start, column.end),
            };
            (column.lines, bounds)
        })
        .collect();
    Part::Columns(columns)
}

fn centre(line: &Line) -> f32 {
    (line.x0 + line.x1) / 2.0
}

/// Lines on one baseline (within half their size), left to right.
fn rows(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match rows.last_mut() {
            Some(row)
                if (lines[row[0]].y - line.y).abs()
                    < 0.5 * line.look.size.max(lines[row[0]].look.size) =>
            {
                row.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| lines[*a].x0.total_cmp(&lines[*b].x0));
    }
    rows
}
