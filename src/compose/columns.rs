//! Columns' widths, from the embedded font's widths: no column narrower
//! than its widest word (a header's in bold) or its widest figure, so that
//! no writer breaks a word or a number; what is left goes to the columns
//! that would still wrap, as much as each lacks.

use super::table::{is_dash, is_figure};
use crate::fonts;
use crate::model::{Cell, JOINER, Role};
use crate::rules::RuleSet;

/// Room for a client whose widths differ a little from the embedded font's
/// (kerning, rounding to twips), in millimetres.
const SLACK: f64 = 1.0;

/// The narrowest a column may be and the width it would like, in
/// millimetres, padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Need {
    least: f64,
    most: f64,
}

/// Each column's width (millimetres, in tenths so that both writers
/// agree) for a table of `count` columns in `text_width`. `placed` holds
/// each cell's row, column and index in its row.
pub fn widths(
    rows: &[Vec<Cell>],
    placed: &[(usize, usize, usize)],
    header_rows: usize,
    count: usize,
    text_width: f64,
    rules: &RuleSet,
) -> Vec<f64> {
    let pad = 2.0 * rules.geometry.table.padding_x + SLACK;
    let empty = Need {
        least: pad + 4.0,
        most: pad + 4.0,
    };
    let mut needs = vec![empty; count];
    for &(r, c, i) in placed {
        let cell = &rows[r][i];
        if cell.colspan != 1 {
            continue;
        }
        let need = cell_need(cell, r < header_rows, rules);
        needs[c].least = needs[c].least.max(need.least + pad);
        needs[c].most = needs[c].most.max(need.most + pad);
    }
    share(&needs, text_width)
        .into_iter()
        .map(|w| (w * 10.0).floor() / 10.0)
        .collect()
}

/// What one cell needs: a header may wrap into about three lines; a body
/// text may wrap at its words; a figure never wraps.
fn cell_need(cell: &Cell, header: bool, rules: &RuleSet) -> Need {
    let style = rules.style(if header {
        Role::TableHeader
    } else {
        Role::TableCell
    });
    let bold = style.bold || cell.bold;
    let text = cell.text.replace(JOINER, "");
    let measure = |t: &str| fonts::text_width_mm(t, style.size, bold, style.italic);
    let word = text.split_whitespace().map(measure).fold(0.0, f64::max);
    let line = text.lines().map(|l| measure(l.trim())).fold(0.0, f64::max);
    let trimmed = text.trim();
    if header {
        Need {
            least: word,
            most: word.max(line / 3.0),
        }
    } else if is_figure(trimmed) || is_dash(trimmed) {
        Need {
            least: line,
            most: line,
        }
    } else {
        Need {
            least: word,
            most: line,
        }
    }
}

/// Shares `width` out: every column its most if all fit (the rest in
/// proportion); else every column its least, and what is left to each in
/// proportion to what it lacks; else (too many columns) the leasts scaled.
fn share(needs: &[Need], width: f64) -> Vec<f64> {
    let least: f64 = needs.iter().map(|n| n.least).sum();
    let most: f64 = needs.iter().map(|n| n.most).sum();
    if most <= width {
        needs.iter().map(|n| n.most * width / most).collect()
    } else if least < width {
        let ratio = (width - least) / (most - least);
        needs
            .iter()
            .map(|n| n.least + (n.most - n.least) * ratio)
            .collect()
    } else {
        needs.iter().map(|n| n.least * width / least).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(least: f64, most: f64) -> Need {
        Need { least, most }
    }

    #[test]
    fn columns_that_fit_share_the_rest_in_proportion() {
        let w = share(&[need(5.0, 10.0), need(10.0, 30.0)], 80.0);
        assert_eq!(w, [20.0, 60.0]);
    }

    #[test]
    fn a_wrapping_column_gives_way_but_never_below_its_least() {
        // 15 is the least of all, 60 the most; 40 leaves 25 of the 45
        // lacking: each column gets 5/9 of what it lacks.
        let w = share(&[need(5.0, 10.0), need(10.0, 50.0)], 40.0);
        assert!((w[0] - (5.0 + 5.0 * 25.0 / 45.0)).abs() < 1e-9);
        assert!((w[1] - (10.0 + 40.0 * 25.0 / 45.0)).abs() < 1e-9);
        assert!((w.iter().sum::<f64>() - 40.0).abs() < 1e-9);
    }

    #[test]
    fn a_bold_header_word_and_a_figure_set_the_least() {
        let rules = RuleSet::get("party-hd36-2018").unwrap();
        let head = cell_need(&Cell::new("Số đảng viên"), true, rules);
        let bold = ["Số", "đảng", "viên"]
            .map(|w| fonts::text_width_mm(w, 13.0, true, false))
            .into_iter()
            .fold(0.0, f64::max);
        assert!((head.least - bold).abs() < 1e-9, "{head:?} vs {bold}");
        let figure = cell_need(&Cell::new("12.345,6"), false, rules);
        assert_eq!(figure.least, figure.most);
        let text = cell_need(&Cell::new("Chi bộ thôn Bình Thạnh Đông"), false, rules);
        assert!(text.least < text.most / 3.0);
    }
}
