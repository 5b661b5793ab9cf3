//! `tong-hop.xlsx`: the consolidated table as a workbook a clerk can go on
//! working in — figures as numbers, each unit's rates and the totals as
//! formulas (`SUM` over the units the totals contain) with their results
//! stored, so the sheet reads right without recalculating and stays right
//! when a cell is edited.

use super::Summary;
use super::table::header;
use crate::batch::form::{cell_ref, xlsx_error};
use crate::error::Result;
use crate::model::Document;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};

/// The sheet's rows: title, reference line, blank, header, then units.
const HEADER_ROW: u32 = 3;

pub fn write(summary: &Summary, doc: &Document) -> Result<Vec<u8>> {
    build(summary, doc).map_err(xlsx_error)
}

fn build(summary: &Summary, doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(doc)?);
    let sheet = book.add_worksheet();
    sheet.set_name("Tổng hợp")?;
    let formats = Formats::new();
    let head = header(summary);
    let last = (head.len() - 1) as u16;
    titles(sheet, doc, last, &formats)?;
    for (c, text) in head.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, text, &formats.head)?;
    }
    unit_rows(sheet, summary, last, &formats)?;
    total_row(sheet, summary, last, &formats)?;
    page_setup(sheet, last)?;
    book.save_to_buffer()
}

/// The cell formats of the sheet: Times New Roman 12, thin borders.
struct Formats {
    base: Format,
    cell: Format,
    bold: Format,
    head: Format,
    figure: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let bold = cell.clone().set_bold();
        let head = bold
            .clone()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            figure: cell.clone().set_num_format("#,##0"),
            percent: cell.clone().set_num_format("0.0%"),
            base,
            cell,
            bold,
            head,
        }
    }
}

/// The appendix's title and its reference line, across the table.
fn titles(sheet: &mut Worksheet, doc: &Document, last: u16, f: &Formats) -> Result<(), XlsxError> {
    let line = |i: usize| {
        doc.appendices
            .last()
            .and_then(|a| a.heading.get(i))
            .map_or(String::new(), |l| l.text.clone())
    };
    let title = f.base.clone().set_bold().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last, &line(1), &title)?;
    let reference = f.base.clone().set_italic().set_align(FormatAlign::Center);
    sheet.merge_range(1, 0, 1, last, &line(2), &reference)?;
    Ok(())
}

/// One row per unit: its serial number, name, figures, rates and note.
fn unit_rows(
    sheet: &mut Worksheet,
    summary: &Summary,
    last: u16,
    f: &Formats,
) -> Result<(), XlsxError> {
    let serial = f.cell.clone().set_align(FormatAlign::Center);
    let note = f.cell.clone().set_text_wrap();
    for (n, line) in summary.lines.iter().enumerate() {
        let row = HEADER_ROW + 1 + n as u32;
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &serial)?;
        sheet.write_string_with_format(row, 1, &line.name, &f.cell)?;
        let figures = line.reported.map(|r| &r.figures);
        let value = |id: &str| figures.and_then(|f| f.get(id)).copied();
        columns(sheet, summary, row, value, None, (&f.figure, &f.percent))?;
        sheet.write_string_with_format(row, last, &line.note, &note)?;
    }
    Ok(())
}

/// The total row: sums over the units the totals contain, as formulas.
fn total_row(
    sheet: &mut Worksheet,
    summary: &Summary,
    last: u16,
    f: &Formats,
) -> Result<(), XlsxError> {
    let first = HEADER_ROW + 1;
    let total = first + summary.lines.len() as u32;
    sheet.write_blank(total, 0, &f.bold)?;
    sheet.write_string_with_format(total, 1, "Tổng cộng", &f.bold)?;
    let counted: Vec<u32> = (0..summary.lines.len())
        .filter(|n| summary.lines[*n].in_totals())
        .map(|n| first + n as u32)
        .collect();
    let figure = f.figure.clone().set_bold();
    let percent = f.percent.clone().set_bold();
    let value = |id: &str| summary.totals.get(id).copied();
    columns(
        sheet,
        summary,
        total,
        value,
        Some(&counted),
        (&figure, &percent),
    )?;
    sheet.write_blank(total, last, &f.bold)?;
    Ok(())
}

/// Column widths, the header frozen, and A4 landscape one page wide with
/// the header on every page.
fn page_setup(sheet: &mut Worksheet, last: u16) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 28)?;
    for c in 2..last {
        sheet.set_column_width(c, 10)?;
    }
    sheet.set_column_width(last, 24)?;
    sheet.set_row_height(HEADER_ROW, 48)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// The figure and rate cells of one row (`sum_of`: the rows a total sums).
fn columns(
    sheet: &mut Worksheet,
    summary: &Summary,
    row: u32,
    value: impl Fn(&str) -> Option<f64>,
    sum_of: Option<&[u32]>,
    (figure, percent): (&Format, &Format),
) -> Result<(), XlsxError> {
    let mut c: u16 = 2;
    let mut column_of = std::collections::HashMap::new();
    for i in summary.indicators {
        column_of.insert(i.id.as_str(), c);
        let v = value(&i.id);
        match (sum_of, v) {
            (Some(rows), Some(v)) => {
                let formula = Formula::new(sum(rows, c)).set_result(plain(v));
                sheet.write_formula_with_format(row, c, formula, figure)?;
            }
            (None, Some(v)) => {
                sheet.write_number_with_format(row, c, v, figure)?;
            }
            (_, None) => {
                sheet.write_blank(row, c, figure)?;
            }
        }
        c += 1;
        if let Some(whole) = &i.part_of {
            let rate = v
                .zip(value(whole))
                .and_then(|(p, w)| (w != 0.0).then(|| p / w));
            match (rate, column_of.get(whole.as_str())) {
                (Some(r), Some(&wc)) => {
                    let (part, whole) = (cell_ref(row, c - 1), cell_ref(row, wc));
                    let formula = Formula::new(format!("=IF({whole}>0,{part}/{whole},\"\")"))
                        .set_result(plain(r));
                    sheet.write_formula_with_format(row, c, formula, percent)?;
                }
                _ => {
                    sheet.write_blank(row, c, percent)?;
                }
            }
            c += 1;
        }
    }
    Ok(())
}

/// `=SUM(C5:C8,C10:C25)`: the runs of rows in the totals, in column `c`.
fn sum(rows: &[u32], c: u16) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &r in rows {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == r => *end = r,
            _ => runs.push((r, r)),
        }
    }
    if runs.is_empty() {
        return "=0".to_string();
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                cell_ref(a, c)
            } else {
                format!("{}:{}", cell_ref(a, c), cell_ref(b, c))
            }
        })
        .collect();
    format!("=SUM({})", parts.join(","))
}

/// A number as a formula's stored result.
fn plain(v: f64) -> String {
    crate::batch::table::values::plain_number(v)
}

/// The workbook's properties: its date is the report's, never the clock.
fn properties(doc: &Document) -> Result<DocProperties, XlsxError> {
    let day = &doc.meta.date;
    let year = u16::try_from(day.year).unwrap_or(2000);
    let date = ExcelDateTime::from_ymd(year, day.month as u8, day.day.unwrap_or(1) as u8)?;
    Ok(DocProperties::new()
        .set_title(&doc.meta.title)
        .set_author(&doc.meta.author)
        .set_creation_datetime(&date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_run_over_the_rows_in_the_totals() {
        assert_eq!(sum(&[4, 5, 6, 8, 10, 11], 2), "=SUM(C5:C7,C9,C11:C12)");
        assert_eq!(sum(&[], 3), "=0");
    }
}
