//! The two-column parts of a page (the header, the closing): rows where two
//! runs of text sit side by side open a block; the lines below that keep to
//! one side stay in it; the first line across both sides closes it. Each
//! block is read column by column, left first.

use super::lines::Line;

/// A page's lines in reading order: lines across the text area, and blocks
/// of two columns.
#[derive(Debug)]
pub enum Part {
    Across(usize),
    Columns {
        left: Vec<usize>,
        right: Vec<usize>,
    },
    /// A bordered table's rows, as pipe-table lines.
    Table(Vec<usize>),
}

impl Part {
    /// Where the part starts on its page.
    pub fn top(&self, lines: &[Line]) -> f32 {
        let indices: Vec<usize> = match self {
            Part::Across(i) => vec![*i],
            Part::Columns { left, right } => left.iter().chain(right).copied().collect(),
            Part::Table(rows) => rows.clone(),
        };
        indices.iter().map(|i| lines[*i].y).fold(f32::MAX, f32::min)
    }
}

/// The gutter of an open block and where its right column is centred.
struct Block {
    /// The left column's widest end and the right column's earliest start.
    gutter: (f32, f32),
    right_centre: f32,
    left: Vec<usize>,
    right: Vec<usize>,
}

/// Splits a page's lines (sorted top to bottom) into parts; `area` is the
/// text area's left and right edges.
pub fn parts(lines: &[Line], area: (f32, f32)) -> Vec<Part> {
    let mut out = Vec::new();
    let mut block: Option<Block> = None;
    for row in rows(lines) {
        if row.len() >= 2 {
            let (a, b) = widest_gap(lines, &row);
            let gutter = (lines[a].x1, lines[b].x0);
            let keeps = block
                .as_ref()
                .is_some_and(|k| gutter.0 < k.gutter.1 && gutter.1 > k.gutter.0);
            if !keeps && let Some(done) = block.take() {
                out.push(done.into_part());
            }
            let k = block.get_or_insert(Block {
                gutter,
                right_centre: centre(&lines[b]),
                left: Vec::new(),
                right: Vec::new(),
            });
            k.gutter = (k.gutter.0.max(gutter.0), k.gutter.1.min(gutter.1));
            for i in row {
                if lines[i].x1 <= gutter.0 + 0.5 {
                    k.left.push(i);
                } else {
                    k.right.push(i);
                }
            }
            continue;
        }
        let i = row[0];
        match block
            .as_mut()
            .and_then(|k| k.side(&lines[i], area).map(|s| (k, s)))
        {
            Some((k, true)) => k.left.push(i),
            Some((k, false)) => k.right.push(i),
            None => {
                if let Some(done) = block.take() {
                    out.push(done.into_part());
                }
                out.push(Part::Across(i));
            }
        }
    }
    if let Some(done) = block {
        out.push(done.into_part());
    }
    out
}

impl Block {
    /// Which column a single line keeps to (`true` left), if one. A line
    /// centred on the text area (a title) keeps to neither.
    fn side(&self, line: &Line, (left_edge, right_edge): (f32, f32)) -> Option<bool> {
        let (left_end, right_start) = self.gutter;
        let middle = (left_edge + right_edge) / 2.0;
        let em = line.size.max(1.0);
        let titled = (centre(line) - middle).abs() < 1.5 * em
            && (self.right_centre - middle).abs() > 3.0 * em;
        if titled && line.x0 - left_edge > 2.0 * em {
            return None;
        }
        if line.x1 < right_start - 1.0 {
            return Some(true);
        }
        let width = (right_edge - right_start).max(1.0);
        let centred = (centre(line) - self.right_centre).abs() < 0.25 * width;
        (line.x0 > left_end && (centred || line.x0 >= right_start - 2.0)).then_some(false)
    }

    fn into_part(self) -> Part {
        Part::Columns {
            left: self.left,
            right: self.right,
        }
    }
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
                if (lines[row[0]].y - line.y).abs() < 0.5 * line.size.max(lines[row[0]].size) =>
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

/// The two neighbouring runs of a row with the widest gap between them.
fn widest_gap(lines: &[Line], row: &[usize]) -> (usize, usize) {
    row.windows(2)
        .map(|w| (w[0], w[1]))
        .max_by(|a, b| {
            let gap = |(x, y): &(usize, usize)| lines[*y].x0 - lines[*x].x1;
            gap(a).total_cmp(&gap(b))
        })
        .unwrap_or((row[0], row[0]))
}
