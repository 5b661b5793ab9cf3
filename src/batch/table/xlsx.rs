//! Reading an `.xlsx` unit table, bounded before anything is unpacked: the
//! file's size, the zip's parts and their declared sizes (zip stops reading
//! a part at its declared size, so a part that lies is cut, not followed),
//! then each cell's place and length as calamine streams them.

use super::{
    CellValue, Grid, MAX_PART_BYTES, MAX_PARTS, MAX_UNPACKED_BYTES, refused, save_as_hint,
};
use crate::compose::numbers::format_number;
use crate::error::{Error, Result};
use calamine::{DataRef, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;

mod layout;

/// Every worksheet of the workbook at `path`, in order.
pub fn read(path: &Path) -> Result<Vec<Grid>> {
    let bytes = crate::input::limits::read_file(path)?;
    check_package(path, &bytes)?;
    let layouts = layout::read(&bytes);
    let damaged = |e: calamine::XlsxError| damaged(path, &e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).map_err(damaged)?;
    let epoch_1904 = book.has_1904_epoch();
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut grids = Vec::new();
    for name in names {
        let mut grid = Grid::new(Some(name.clone()));
        if let Some(layout) = layouts.get(&name) {
            grid.merges = layout.merges.clone();
            grid.hidden_rows = layout.hidden_rows.clone();
            grid.hidden_columns = layout.hidden_columns.clone();
        }
        let mut cells = book.worksheet_cells_reader(&name).map_err(damaged)?;
        while let Some(cell) = cells.next_cell_with_formula_metadata().map_err(damaged)? {
            let value = match (cell.value, cell.formula.is_some()) {
                (DataRef::Empty, true) => CellValue::Uncomputed,
                (value, _) => match value_of(value, epoch_1904) {
                    Some(v) => v,
                    None => continue,
                },
            };
            grid.insert(path, cell.pos, value)?;
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn value_of(value: DataRef<'_>, epoch_1904: bool) -> Option<CellValue> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::Int(i) => CellValue::Number(i as f64),
        DataRef::Float(f) => CellValue::Number(f),
        DataRef::String(s) => CellValue::Text(s),
        DataRef::SharedString(s) => CellValue::Text(s.to_string()),
        DataRef::Bool(b) => CellValue::Bool(b),
        DataRef::DateTime(d) if epoch_1904 => CellValue::Date(d.as_f64() + 1462.0),
        DataRef::DateTime(d) => CellValue::Date(d.as_f64()),
        // `t="d"` cells: an ISO date, maybe with a time.
        DataRef::DateTimeIso(s) => CellValue::Text(s.split('T').next().unwrap_or(&s).to_string()),
        DataRef::DurationIso(s) => CellValue::Text(s),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
    })
}

/// The file is a zip whose parts are few and small enough: an old `.xls`
/// (or a password-protected workbook, stored the same way), anything not
/// a zip, and any part over the limits are refused before one is unpacked.
fn check_package(path: &Path, bytes: &[u8]) -> Result<()> {
    // The compound-file signature of Excel 97-2003 and of encrypted files.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(refused(
            path,
            crate::tr!(
                "đây là sổ Excel 97-2003 (.xls) hoặc sổ có đặt mật khẩu, không phải .xlsx",
                "this is an Excel 97-2003 workbook (.xls) or a password-protected one, not an .xlsx"
            ),
        )
        .hint(save_as_hint()));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(refused(
            path,
            crate::tr!(
                "tệp không phải là sổ .xlsx (sổ .xlsx là một tệp nén zip)",
                "the file is no .xlsx workbook (an .xlsx is a zip file)"
            ),
        )
        .hint(save_as_hint()));
    }
    let zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(path, &e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(refused(
            path,
            crate::tr!(
                "sổ gồm {} phần; vanban đọc sổ đến {} phần",
                "the workbook has {} parts; vanban reads workbooks of up to {}",
                format_number(zip.len() as f64, 0),
                format_number(MAX_PARTS as f64, 0)
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            return Err(damaged(path, "a part cannot be read"));
        };
        let size = entry.size();
        total = total.saturating_add(size);
        if size > MAX_PART_BYTES || total > MAX_UNPACKED_BYTES {
            return Err(refused(
                path,
                crate::tr!(
                    "phần {} của sổ giải nén ra {} MB; vanban đọc mỗi phần đến {} MB, cả sổ đến {} MB",
                    "its part {} unpacks to {} MB; vanban reads parts of up to {} MB and workbooks of up to {} MB",
                    entry.name().unwrap_or_default(),
                    mb(size),
                    mb(MAX_PART_BYTES),
                    mb(MAX_UNPACKED_BYTES)
                ),
            ));
        }
    }
    Ok(())
}

fn mb(bytes: u64) -> String {
    format_number(bytes as f64 / (1024.0 * 1024.0), 1)
}

fn damaged(path: &Path, detail: &str) -> Error {
    refused(
        path,
        crate::tr!(
            "sổ .xlsx bị hỏng hoặc không đúng chuẩn ({detail})",
            "the .xlsx workbook is damaged or not standard ({detail})"
        ),
    )
    .hint(save_as_hint())
}
