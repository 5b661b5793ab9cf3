//! The consolidated report's per-unit table, built as a table block of the
//! model (never as markup parsed again): TT, the unit, every indicator and
//! after each part its rate, a note; then the `Tổng cộng` row. Compose
//! finishes it as any table (`compose::table::finish`): the columns' widths
//! and alignment, the total row in bold, a column's rates with the same
//! decimals.

use super::Summary;
use crate::compose::numbers::{format_number, format_percent, rate};
use crate::model::{Block, Cell};
use std::collections::BTreeMap;

/// Rates in the table have at most this many decimals (compose gives every
/// rate of a column as many as the one with most).
pub const RATE_DECIMALS: usize = 1;

/// The header's cells: TT, the unit, each indicator (and its rate), notes.
pub fn header(summary: &Summary) -> Vec<String> {
    let mut head = vec!["TT".to_string(), "Đơn vị".to_string()];
    for i in summary.indicators {
        head.push(i.name.clone());
        if i.part_of.is_some() {
            head.push(format!("Tỷ lệ {}", i.name.to_lowercase()));
        }
    }
    head.push("Ghi chú".to_string());
    head
}

/// The figure cells of one row, and after each part its rate recomputed
/// from the row's figures.
fn figures(summary: &Summary, figures: Option<&BTreeMap<String, f64>>) -> Vec<String> {
    let mut cells = Vec::new();
    for i in summary.indicators {
        let value = figures.and_then(|f| f.get(&i.id));
        cells.push(value.map_or(String::new(), |v| format_number(*v, 2)));
        if let Some(whole) = &i.part_of {
            let r = value
                .zip(figures.and_then(|f| f.get(whole)))
                .and_then(|(p, w)| rate(*p, *w));
            cells.push(r.map_or(String::new(), |r| format_percent(r, RATE_DECIMALS)));
        }
    }
    cells
}

pub fn blocks(summary: &Summary) -> Vec<Block> {
    let cells = |texts: Vec<String>| texts.into_iter().map(Cell::new).collect::<Vec<Cell>>();
    let mut rows = vec![cells(header(summary))];
    for (n, line) in summary.lines.iter().enumerate() {
        let mut row = vec![(n + 1).to_string(), line.name.clone()];
        row.extend(figures(summary, line.reported.map(|r| &r.figures)));
        row.push(line.note.clone());
        rows.push(cells(row));
    }
    let mut total = vec![String::new(), "Tổng cộng".to_string()];
    total.extend(figures(summary, Some(&summary.totals)));
    total.push(String::new());
    rows.push(cells(total));
    vec![Block::Table {
        header_rows: 1,
        rows,
        columns: Vec::new(),
    }]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{indicators, unit};
    use super::*;
    use crate::batch::consolidate::{Line, totals};

    #[test]
    fn the_total_row_recomputes_the_rate_and_rates_keep_their_decimals() {
        let units = [
            unit("A", &[("dang_vien", 10.0), ("hoc_tap", 9.0)]),
            unit("B", &[("dang_vien", 30.0), ("hoc_tap", 16.0)]),
        ];
        let indicators = indicators();
        let line = |r| Line {
            name: "x".into(),
            reported: Some(r),
            failed: false,
            unlisted: false,
            note: String::new(),
        };
        let summary = Summary {
            indicators: &indicators,
            lines: vec![line(&units[0]), line(&units[1])],
            totals: totals(&units, &indicators),
            noun: "chi bộ".into(),
            has_expected: false,
        };
        let mut table = blocks(&summary).remove(0);
        let rules = crate::rules::RuleSet::get("party-hd36-2018").unwrap();
        crate::compose::table::finish(&mut table, rules, 160.0);
        let Block::Table { rows, columns, .. } = &table else {
            panic!("a table")
        };
        fn text(r: &[Cell]) -> Vec<&str> {
            r.iter().map(|c| c.text.as_str()).collect()
        }
        // 25/40 = 62,5 %, not the mean of 90 % and 53,3 % (71,7 %); 90 %
        // has a decimal as the column's other rates do.
        assert_eq!(text(&rows[3]), ["", "Tổng cộng", "40", "25", "62,5%", ""]);
        assert_eq!(text(&rows[1]), ["1", "x", "10", "9", "90,0%", ""]);
        assert_eq!(text(&rows[2]), ["2", "x", "30", "16", "53,3%", ""]);
        // TT centred, names and notes left, figures and rates as the rule
        // set says; the total row bold.
        let aligns: Vec<_> = columns.iter().map(|c| c.align).collect();
        let figures = rules.tables.figures_align;
        use crate::model::Align;
        assert_eq!(
            aligns,
            [
                rules.tables.serial_align,
                Align::Left,
                figures,
                figures,
                figures,
                Align::Left
            ]
        );
        assert!(rows[3].iter().all(|c| c.bold) && !rows[1].iter().any(|c| c.bold));
    }
}
