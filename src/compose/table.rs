//! Pipe tables (`| a | b |`, merged cells as `<` and `^`), and what a
//! table's content says about its look, decided once for both
//! writers: each column's width and alignment (the serial number centred,
//! figures to the right, as the rule set says), a total row in bold, and the
//! percentages of a column written with the same number of decimals
//! (`86,0%` beside `85,9%`).

use super::columns;
use crate::model::{Align, Block, Cell, Column, place_cells};
use crate::rules::{RuleSet, TableRules};

/// Finishes every table of a body for a text width (millimetres).
pub fn finish_all(body: &mut [Block], rules: &RuleSet, text_width: f64) {
    for block in body {
        finish(block, rules, text_width);
    }
}

/// Finishes one table: columns given beforehand keep their alignment (a
/// consolidated report may say what its columns hold); totals set in bold,
/// percentages evened out, then the widths decided for the text as it
/// will be printed.
pub fn finish(block: &mut Block, rules: &RuleSet, text_width: f64) {
    let Block::Table {
        header_rows,
        rows,
        columns,
    } = block
    else {
        return;
    };
    let header_rows = *header_rows;
    let placed = placement(rows);
    let count = placed
        .iter()
        .map(|&(r, c, i)| c + rows[r][i].colspan)
        .max()
        .unwrap_or(0);
    let tables = &rules.tables;
    if columns.len() != count {
        *columns = (0..count)
            .map(|c| Column {
                width: 0.0,
                align: align(rows, &placed, header_rows, c, tables),
            })
            .collect();
    }
    for row in rows.iter_mut().skip(header_rows) {
        let total = row
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
            .is_some_and(|t| tables.totals.iter().any(|w| starts_with_word(t, w)));
        if total {
            row.iter_mut().for_each(|c| c.bold = true);
        }
    }
    for c in 0..count {
        even_percentages(rows, &placed, header_rows, c);
    }
    let widths = columns::widths(rows, &placed, header_rows, count, text_width, rules);
    for (column, width) in columns.iter_mut().zip(widths) {
        column.width = width;
    }
}

/// Every cell's row, column and index in its row, in the order of the rows.
fn placement(rows: &[Vec<Cell>]) -> Vec<(usize, usize, usize)> {
    let index = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| (0..row.len()).map(move |i| (r, i)));
    place_cells(rows)
        .iter()
        .zip(index)
        .map(|(&(r, c, _), (_, i))| (r, c, i))
        .collect()
}

/// Whether `text` starts with `word` (any case) as a whole word.
fn starts_with_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    let word = word.to_lowercase();
    lower.starts_with(&word)
        && lower[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The body cells (row, index in the row) that start in column `c` and
/// span it alone.
fn body_cells(
    rows: &[Vec<Cell>],
    placed: &[(usize, usize, usize)],
    header_rows: usize,
    c: usize,
) -> Vec<(usize, usize)> {
    placed
        .iter()
        .filter(|&&(r, col, i)| r >= header_rows && col == c && rows[r][i].colspan == 1)
        .map(|&(r, _, i)| (r, i))
        .collect()
}

/// A column headed `TT` is centred; one whose body holds only figures
/// (numbers, percentages, a dash) sits as the rule set says; text left.
fn align(
    rows: &[Vec<Cell>],
    placed: &[(usize, usize, usize)],
    header_rows: usize,
    c: usize,
    rules: &TableRules,
) -> Align {
    let head = placed
        .iter()
        .find(|&&(r, col, i)| r < header_rows && col == c && rows[r][i].colspan == 1)
        .map(|&(r, _, i)| rows[r][i].text.trim().to_string());
    if head.is_some_and(|h| rules.serial.iter().any(|s| s.eq_ignore_ascii_case(&h))) {
        return rules.serial_align;
    }
    let cells = body_cells(rows, placed, header_rows, c);
    let texts: Vec<&str> = cells.iter().map(|&(r, i)| rows[r][i].text.trim()).collect();
    if texts.iter().any(|t| is_figure(t))
        && texts
            .iter()
            .all(|t| t.is_empty() || is_figure(t) || is_dash(t))
    {
        rules.figures_align
    } else {
        Align::Left
    }
}

/// `977`, `9.800`, `52,4%`, `-1.234,5`.
pub(super) fn is_figure(text: &str) -> bool {
    let digits = text.strip_suffix('%').unwrap_or(text).trim_end();
    let digits = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

pub(super) fn is_dash(text: &str) -> bool {
    matches!(text, "-" | "–" | "—" | "x" | "X")
}

/// In a column of percentages, every one with as many decimals as the one
/// with most: `86%` beside `85,9%` becomes `86,0%`.
fn even_percentages(
    rows: &mut [Vec<Cell>],
    placed: &[(usize, usize, usize)],
    header_rows: usize,
    c: usize,
) {
    let cells = body_cells(rows, placed, header_rows, c);
    let texts: Vec<String> = cells
        .iter()
        .map(|&(r, i)| rows[r][i].text.trim().to_string())
        .collect();
    let percents: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    if percents.is_empty() || !percents.iter().all(|t| t.ends_with('%') && is_figure(t)) {
        return;
    }
    let decimals = |t: &str| {
        t.trim_end_matches('%')
            .split_once(',')
            .map_or(0, |(_, d)| d.len())
    };
    let most = percents.iter().map(|t| decimals(t)).max().unwrap_or(0);
    for (&(r, i), text) in cells.iter().zip(&texts) {
        if text.is_empty() || decimals(text) == most {
            continue;
        }
        let number = text.trim_end_matches('%');
        let comma = if number.contains(',') { "" } else { "," };
        let zeros = "0".repeat(most - decimals(text));
        rows[r][i].text = format!("{number}{comma}{zeros}%");
    }
}

/// A pipe table's lines: rows of cells, the rows above a `|---|` line its
/// header; columns left to [`finish`].
pub fn parse(lines: &[&str]) -> Block {
    let is_rule = |l: &str| l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
    let header_rows = lines.iter().position(|l| is_rule(l)).unwrap_or(0);
    let grid: Vec<Vec<String>> = lines
        .iter()
        .filter(|l| !is_rule(l))
        .map(|l| cells(l))
        .collect();
    Block::Table {
        header_rows,
        rows: merge(&grid),
        columns: Vec::new(),
    }
}

/// Merged cells: a cell holding only `<` belongs to the cell on its left, one
/// holding only `^` to the cell above. Returns each row's own cells.
fn merge(grid: &[Vec<String>]) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(grid.len());
    // For every position, the (row, index in that row) of the cell covering it.
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(grid.len());
    for (r, raw) in grid.iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        let mut owners = Vec::with_capacity(raw.len());
        // Origins above already grown into this row.
        let mut grown: Vec<(usize, usize)> = Vec::new();
        for (c, text) in raw.iter().enumerate() {
            let left = c
                .checked_sub(1)
                .and_then(|l| owners.get(l).copied().flatten());
            let above = r
                .checked_sub(1)
                .and_then(|a| owner[a].get(c).copied().flatten());
            let covering = match text.as_str() {
                "<" => left,
                "^" => above,
                _ => None,
            };
            match (text.as_str(), covering) {
                ("<", Some((row, i))) if row == r => {
                    cells[i].colspan += 1;
                    owners.push(Some((row, i)));
                }
                ("<", Some(origin)) | ("^", Some(origin)) => {
                    // Under a cell of an earlier row: it grows one row, once.
                    if !grown.contains(&origin) {
                        rows[origin.0][origin.1].rowspan += 1;
                        grown.push(origin);
                    }
                    owners.push(Some(origin));
                }
                _ => {
                    cells.push(Cell::new(text.clone()));
                    owners.push(Some((r, cells.len() - 1)));
                }
            }
        }
        rows.push(cells);
        owner.push(owners);
    }
    rows
}

/// Cells of a `| a | b |` row; `\|` is a literal bar.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| super::markup::escapable(*n)) => {
                if let Some(cell) = out.last_mut() {
                    cell.push(chars.next().unwrap_or('\\'));
                }
            }
            '|' => out.push(String::new()),
            _ => {
                if let Some(cell) = out.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn table(text: &str) -> Block {
        let mut blocks = crate::compose::markup::parse(text);
        let rules = RuleSet::get("party-hd36-2018").unwrap();
        finish(&mut blocks[0], rules, 165.0);
        blocks.remove(0)
    }

    #[test]
    fn serial_numbers_centred_figures_right_text_left() {
        let Block::Table { columns, .. } = table(
            "| TT | Chi bộ | Số đảng viên | Tỷ lệ | Ghi chú |\n|---|---|---|---|---|\n| 1 | An Hòa | 35 | 97,1% | |\n| 2 | Bắc Sơn | 1.204 | - | mới |",
        ) else {
            panic!()
        };
        let aligns: Vec<Align> = columns.iter().map(|c| c.align).collect();
        assert_eq!(
            aligns,
            [
                Align::Center,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left
            ]
        );
        let total: f64 = columns.iter().map(|c| c.width).sum();
        assert!((total - 165.0).abs() < 1.0);
    }

    #[test]
    fn a_total_row_is_bold_and_percentages_share_their_decimals() {
        let Block::Table { rows, .. } = table(
            "| TT | Chi bộ | Tỷ lệ |\n|---|---|---|\n| 1 | A | 86% |\n| 2 | B | 85,9% |\n| | Tổng cộng | 100% |",
        ) else {
            panic!()
        };
        let rates: Vec<&str> = rows
            .iter()
            .skip(1)
            .map(|r| r.last().unwrap().text.as_str())
            .collect();
        assert_eq!(rates, ["86,0%", "85,9%", "100,0%"]);
        assert!(rows[3].iter().all(|c| c.bold));
        assert!(!rows[1].iter().any(|c| c.bold));
        // `Tổng` alone in a name is no total.
        assert!(!starts_with_word("Tổng cộng đồng", "Tổng cộng đồ"));
        assert!(starts_with_word("TỔNG CỘNG", "Tổng cộng"));
    }

    #[test]
    fn merged_header_cells_leave_the_columns_right() {
        let Block::Table { columns, .. } = table(
            "| TT | Đơn vị | Học tập | < |\n| ^ | ^ | Số lượng | Tỷ lệ |\n|---|---|---|---|\n| 1 | A | 5 | 50,0% |",
        ) else {
            panic!()
        };
        let aligns: Vec<Align> = columns.iter().map(|c| c.align).collect();
        assert_eq!(
            aligns,
            [Align::Center, Align::Left, Align::Right, Align::Right]
        );
    }
}
