//! Unit tables: one unit per row of an `.xlsx` or `.csv` file, under a
//! header row of keys (`unit`, `date`, `signature.name`, the indicators'
//! ids, the template's lists). Tables are untrusted: every limit is checked
//! before vanban allocates for what lies beyond it.

pub mod columns;
mod csv;
mod grid;
pub mod row;
pub mod values;
mod xlsx;

pub use columns::{Column, Columns, Kind};
pub use grid::Grid;

use super::Origin;
use crate::error::{Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// The most rows of a sheet that hold values (a unit per row).
pub const MAX_ROWS: u32 = 10_000;
/// The most columns of a sheet that hold values.
pub const MAX_COLUMNS: u32 = 256;
/// The largest part of an `.xlsx` (a sheet, the shared strings), unpacked.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// All the parts of an `.xlsx` together, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// The most parts (files inside the zip) of an `.xlsx`.
pub const MAX_PARTS: usize = 1_000;
/// The most merged ranges of a sheet.
pub const MAX_MERGES: usize = 10_000;
/// The longest text of one cell, in characters.
pub const MAX_CELL_CHARS: usize = crate::input::limits::MAX_TEXT_CHARS;

/// A value as a cell holds it, before it is read as the column's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    Number(f64),
    /// An Excel date: days since 1899-12-30 (the fraction is the time).
    Date(f64),
    Bool(bool),
    /// An error value the sheet shows (`#DIV/0!`).
    Error(String),
    /// A formula whose result was never saved in the file.
    Uncomputed,
}

/// One filled row of a unit table: its place and its cells under keys.
#[derive(Debug, Clone)]
pub struct Row {
    pub file: PathBuf,
    /// `None` in a CSV file.
    pub sheet: Option<String>,
    /// From 1, as the sheet shows it.
    pub row: u32,
    /// The cells that hold something.
    pub cells: Vec<RowCell>,
    /// The table's keys and their columns (from 1), shared by its rows.
    pub columns: std::sync::Arc<Vec<(String, u32)>>,
}

/// A cell of a row, under its column's key.
#[derive(Debug, Clone)]
pub struct RowCell {
    pub key: String,
    /// From 1 (`D` is 4).
    pub column: u32,
    pub value: CellValue,
}

impl Row {
    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: Some(self.row),
        }
    }

    /// An error located at this row's cell in `column` (from 1).
    pub fn error_at(&self, column: u32, text: Option<String>, err: Error) -> Error {
        err.at_cell(
            &self.file,
            self.sheet.as_deref(),
            self.row as usize,
            column as usize,
            text,
        )
    }
}

/// `could not read FILE` with `cause`.
pub(crate) fn refused(path: &Path, cause: String) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!("không đọc được {}", "could not read {}", path.display()),
        cause,
    )
}

/// The filled rows of every unit sheet of the table at `path`. `notes`
/// gets what the reader should know (sheets without keys skipped, hidden
/// rows and columns read like the others).
pub fn read(path: &Path, columns: &Columns, notes: &mut Vec<String>) -> Result<Vec<Row>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let sheets = match ext.as_str() {
        "xlsx" | "xlsm" => xlsx::read(path)?,
        "csv" => vec![csv::read(path)?],
        _ => return Err(other_format(path, &ext)),
    };
    let mut rows = Vec::new();
    let mut any = false;
    // A sheet without a header row of keys (a guide, a list) is not one of
    // units; it is said only when no sheet is.
    for sheet in sheets {
        if let Some(found) = sheet.rows(path, columns, notes)? {
            any = true;
            rows.extend(found);
        }
    }
    if !any {
        return Err(refused(
            path,
            crate::tr!(
                "không có trang tính nào có dòng tiêu đề gồm các khóa (`unit`, `date`, …)",
                "no sheet has a header row of keys (`unit`, `date`, …)"
            ),
        )
        .hint(form_hint()));
    }
    Ok(rows)
}

/// `.xls`, `.xlsb`, `.ods`: refused with the way to an `.xlsx`.
fn other_format(path: &Path, ext: &str) -> Error {
    refused(
        path,
        crate::tr!(
            "vanban chỉ đọc bảng .xlsx và .csv, không đọc tệp .{ext}",
            "vanban reads .xlsx and .csv tables, not .{ext} files"
        ),
    )
    .hint(save_as_hint())
}

pub(crate) fn save_as_hint() -> String {
    crate::tr!(
        "mở tệp bằng Excel hoặc LibreOffice Calc, chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi chạy lại",
        "open the file in Excel or LibreOffice Calc, Save As → Excel Workbook (.xlsx), and run again"
    )
}

pub(crate) fn form_hint() -> String {
    crate::tr!(
        "`vanban form batch.yaml -o mau-bao-cao.xlsx` tạo sẵn bảng mẫu đúng các cột",
        "`vanban form batch.yaml -o mau-bao-cao.xlsx` writes a form with the right columns"
    )
}
