//! Reading a `.csv` unit table: UTF-8 (Excel's "CSV UTF-8" too, with its
//! byte-order mark), fields separated by commas, or by semicolons as Excel
//! writes them where the comma is the decimal mark (Vietnamese settings).

use super::{CellValue, Grid, refused};
use crate::error::Result;
use crate::input::Source;
use std::path::Path;

pub fn read(path: &Path) -> Result<Grid> {
    let bytes = crate::input::limits::read_file(path)?;
    let text = Source::decode(path, bytes)?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(None);
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            refused(
                path,
                crate::tr!(
                    "tệp CSV không đúng dạng ({e})",
                    "the CSV file is malformed ({e})"
                ),
            )
        })?;
        let row = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, field) in record.iter().enumerate() {
            let column = u32::try_from(c).unwrap_or(u32::MAX);
            grid.insert(path, (row, column), CellValue::Text(field.to_string()))?;
        }
    }
    Ok(grid)
}
