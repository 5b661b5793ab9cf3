//! Bordered tables: a grid of ruled lines on a page and the text inside it,
//! as the pipe-table lines the DOCX reader writes (`| a | b |`, `|---|`
//! after the bold header rows, `<` for a cell merged from the left and `^`
//! from above, where a rule between two cells is missing).

use super::content::{Origin, Shape};
use super::geometry::Rect;
use super::lines::{Line, Wall};

/// A table found on a page: where it is and its rows as pipe-table lines.
#[derive(Debug)]
pub struct Table {
    pub top: f32,
    pub rows: Vec<String>,
}

/// A ruled line: horizontal (`y`, from `a` to `b` along x) or vertical.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f32,
    a: f32,
    b: f32,
}

const THIN: f32 = 2.5;
const SLACK: f32 = 2.0;

/// Finds the tables of a page and takes their lines out of `lines`.
pub fn tables(lines: &mut Vec<Line>, shapes: &[Shape]) -> Vec<Table> {
    let (across, down) = rules(shapes);
    let mut out = Vec::new();
    for area in grids(&across, &down) {
        let inside = |l: &Line| area.contains((l.x0 + l.x1) / 2.0, l.y - l.look.size / 3.0, 0.0);
        let (mine, rest): (Vec<Line>, Vec<Line>) =
            std::mem::take(lines).into_iter().partition(inside);
        *lines = rest;
        let within = |r: &&Rule, lo: f32, hi: f32| r.at >= lo - SLACK && r.at <= hi + SLACK;
        let h: Vec<Rule> = across
            .iter()
            .filter(|r| within(r, area.y0, area.y1) && r.a < area.x1 && r.b > area.x0)
            .copied()
            .collect();
        let v: Vec<Rule> = down
            .iter()
            .filter(|r| within(r, area.x0, area.x1) && r.a < area.y1 && r.b > area.y0)
            .copied()
            .collect();
        if let Some(rows) = pipe_rows(&mine, &h, &v) {
            out.push(Table { top: area.y0, rows });
        }
    }
    out
}

/// The vertical rules of a page, which no line of text crosses.
pub fn walls(shapes: &[Shape]) -> Vec<Wall> {
    rules(shapes)
        .1
        .into_iter()
        .map(|r| Wall {
            x: r.at,
            y0: r.a,
            y1: r.b,
        })
        .collect()
}

/// The thin shapes of the page's own content, as horizontal and vertical rules.
fn rules(shapes: &[Shape]) -> (Vec<Rule>, Vec<Rule>) {
    let mut across = Vec::new();
    let mut down = Vec::new();
    for s in shapes.iter().filter(|s| s.origin == Origin::Page) {
        let r = s.rect;
        if r.height() <= THIN && r.width() >= 4.0 {
            across.push(Rule {
                at: (r.y0 + r.y1) / 2.0,
                a: r.x0,
                b: r.x1,
            });
        } else if r.width() <= THIN && r.height() >= 4.0 {
            down.push(Rule {
                at: (r.x0 + r.x1) / 2.0,
                a: r.y0,
                b: r.y1,
            });
        }
    }
    (across, down)
}

/// The boxes of the connected groups of rules that make a grid: at least
/// two distinct rules each way.
fn grids(across: &[Rule], down: &[Rule]) -> Vec<Rect> {
    if across.len() * down.len() > 4_000_000 {
        return Vec::new();
    }
    // Union-find over all rules: horizontal ones first, then vertical.
    let n = across.len() + down.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, h) in across.iter().enumerate() {
        for (j, v) in down.iter().enumerate() {
            let meet = v.at >= h.a - SLACK
                && v.at <= h.b + SLACK
                && h.at >= v.a - SLACK
                && h.at <= v.b + SLACK;
            if meet {
                let (a, b) = (root(&mut parent, i), root(&mut parent, across.len() + j));
                parent[a] = b;
            }
        }
    }
    // Each group of rules that meet: its rules' ys, xs and ends.
    type Group = (Vec<f32>, Vec<f32>, Vec<(f32, f32)>);
    let mut groups: std::collections::BTreeMap<usize, Group> = Default::default();
    for i in 0..n {
        let g = groups.entry(root(&mut parent, i)).or_default();
        if i < across.len() {
            let h = across[i];
            g.0.push(h.at);
            g.2.extend([(h.a, h.at), (h.b, h.at)]);
        } else {
            let v = down[i - across.len()];
            g.1.push(v.at);
            g.2.extend([(v.at, v.a), (v.at, v.b)]);
        }
    }
    groups
        .into_values()
        .filter(|(ys, xs, _)| {
            // A single framed box (a draft mark, `KHẨN`) is not a table.
            let (rows, cols) = (distinct(ys.clone()).len(), distinct(xs.clone()).len());
            rows >= 2 && cols >= 2 && rows + cols >= 5
        })
        .filter_map(|(_, _, points)| Rect::around(&points))
        .filter(|r| r.width() >= 30.0 && r.height() >= 10.0)
        .collect()
}

/// Positions closer than the slack merged, sorted.
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() <= SLACK);
    values
}

/// The rows of a grid: each cell's lines, merges where a rule is missing.
fn pipe_rows(lines: &[Line], h: &[Rule], v: &[Rule]) -> Option<Vec<String>> {
    let ys = distinct(h.iter().map(|r| r.at).collect());
    let xs = distinct(v.iter().map(|r| r.at).collect());
    let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if rows == 0 || cols == 0 || rows * cols > 100_000 {
        return None;
    }
    let has = |rules: &[Rule], at: f32, from: f32, to: f32| {
        let mid = (from + to) / 2.0;
        rules
            .iter()
            .any(|r| (r.at - at).abs() <= SLACK && r.a <= mid && r.b >= mid)
    };
    // merged[r][c]: 0 its own cell, 1 from the left, 2 from above.
    let mut merged = vec![vec![0u8; cols]; rows];
    for r in 0..rows {
        for c in 0..cols {
            if r > 0 && !has(h, ys[r], xs[c], xs[c + 1]) {
                merged[r][c] = 2;
            } else if c > 0 && !has(v, xs[c], ys[r], ys[r + 1]) {
                merged[r][c] = 1;
            }
        }
    }
    let mut text = vec![vec![String::new(); cols]; rows];
    let mut bold = vec![vec![true; cols]; rows];
    for line in lines {
        let (x, y) = ((line.x0 + line.x1) / 2.0, line.y - line.look.size / 3.0);
        let (Some(mut c), Some(mut r)) = (slot(&xs, x), slot(&ys, y)) else {
            continue;
        };
        // A merged cell's text belongs to the cell it is merged into.
        while merged[r][c] != 0 {
            if merged[r][c] == 1 { c -= 1 } else { r -= 1 }
        }
        let cell = &mut text[r][c];
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&line.text.replace('|', "\\|"));
        bold[r][c] &= line.look.bold;
    }
    let header = (0..rows)
        .take_while(|r| {
            (0..cols).all(|c| merged[*r][c] != 0 || text[*r][c].is_empty() || bold[*r][c])
        })
        .count();
    let mut out = Vec::with_capacity(rows + 1);
    for r in 0..rows {
        let cells: Vec<&str> = (0..cols)
            .map(|c| match merged[r][c] {
                1 => "<",
                2 => "^",
                _ => text[r][c].as_str(),
            })
            .collect();
        out.push(format!("| {} |", cells.join(" | ")));
        if r + 1 == header && header < rows {
            out.push(format!("|{}", "---|".repeat(cols)));
        }
    }
    Some(out)
}

/// The band of sorted boundaries a position falls in.
fn slot(bounds: &[f32], at: f32) -> Option<usize> {
    bounds.windows(2).position(|w| at >= w[0] && at < w[1])
}
