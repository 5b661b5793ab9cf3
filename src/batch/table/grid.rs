//! A sheet's cells as read, inside the limits, and its rows of units: the
//! header row of keys found, merged cells filled down, blank rows skipped.

use super::{
    CellValue, Columns, MAX_CELL_CHARS, MAX_COLUMNS, MAX_MERGES, MAX_ROWS, Row, RowCell, refused,
};
use crate::compose::numbers::format_number;
use crate::error::{Error, Result, cell_name};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// How far down the header row of keys is looked for.
const HEADER_SEARCH: u32 = 20;

/// The cells of one sheet that hold something, by `(row, column)` from 0.
#[derive(Debug, Default)]
pub struct Grid {
    /// The sheet's name; `None` for a CSV file.
    pub name: Option<String>,
    pub cells: BTreeMap<(u32, u32), CellValue>,
    /// Merged ranges, first and last cell included.
    pub merges: Vec<((u32, u32), (u32, u32))>,
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_columns: BTreeSet<u32>,
}

impl Grid {
    pub fn new(name: Option<String>) -> Grid {
        Grid {
            name,
            ..Grid::default()
        }
    }

    /// Keeps a cell's value, refusing one past the limits. Empty texts are
    /// not kept; texts are NFC.
    pub fn insert(
        &mut self,
        path: &Path,
        (row, column): (u32, u32),
        value: CellValue,
    ) -> Result<()> {
        if let CellValue::Text(text) = &value
            && text.trim().is_empty()
        {
            return Ok(());
        }
        let at = |err: Error| {
            err.at_cell(
                path,
                self.name.as_deref(),
                row as usize + 1,
                column as usize + 1,
                None,
            )
        };
        if row >= MAX_ROWS {
            return Err(at(refused(
                path,
                crate::tr!(
                    "có dữ liệu ở dòng {}; vanban đọc bảng đến {} dòng",
                    "there is data in row {}; vanban reads tables of up to {} rows",
                    format_number(f64::from(row) + 1.0, 0),
                    format_number(f64::from(MAX_ROWS), 0)
                ),
            )));
        }
        if column >= MAX_COLUMNS {
            return Err(at(refused(
                path,
                crate::tr!(
                    "có dữ liệu ở cột {}; vanban đọc bảng đến {} cột",
                    "there is data in column {}; vanban reads tables of up to {} columns",
                    column_letters(column + 1),
                    MAX_COLUMNS
                ),
            )));
        }
        let value = match value {
            CellValue::Text(text) => {
                let chars = text.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(at(refused(
                        path,
                        crate::tr!(
                            "ô có {} ký tự; mỗi ô tối đa {} ký tự",
                            "the cell holds {} characters; a cell may hold {}",
                            format_number(chars as f64, 0),
                            format_number(MAX_CELL_CHARS as f64, 0)
                        ),
                    )));
                }
                // Most cells are already NFC: checking is far cheaper than
                // normalising (which was 78 % of reading a table).
                match unicode_normalization::is_nfc_quick(text.chars()) {
                    unicode_normalization::IsNormalized::Yes => CellValue::Text(text),
                    _ => CellValue::Text(text.nfc().collect()),
                }
            }
            other => other,
        };
        self.cells.insert((row, column), value);
        Ok(())
    }

    /// The units of this sheet, one per filled row under the header row of
    /// keys; `None` if no row near the top holds a key vanban knows.
    pub fn rows(
        mut self,
        path: &Path,
        columns: &Columns,
        notes: &mut Vec<String>,
    ) -> Result<Option<Vec<Row>>> {
        let Some(header_row) = self.header_row(columns) else {
            return Ok(None);
        };
        let keys = self.header(path, header_row, columns)?;
        if keys.is_empty() {
            return Ok(None);
        }
        self.fill_merges(path, header_row, &keys)?;
        // A value in a column without a key would be lost without a word.
        if let Some((&(r, c), _)) = self
            .cells
            .iter()
            .find(|((r, c), _)| *r > header_row && !keys.contains_key(c))
        {
            return Err(self.cell_error(
                path,
                (r, c),
                crate::tr!(
                    "cột {} có dữ liệu nhưng ô tiêu đề {} trống",
                    "column {} holds data but its header cell {} is empty",
                    column_letters(c + 1),
                    cell_name(header_row as usize + 1, c as usize + 1)
                ),
            ));
        }
        let mut rows: BTreeMap<u32, Vec<RowCell>> = BTreeMap::new();
        for (&(r, c), value) in self.cells.range((header_row + 1, 0)..) {
            rows.entry(r).or_default().push(RowCell {
                key: keys[&c].clone(),
                column: c + 1,
                value: value.clone(),
            });
        }
        // A row holding only its unit's name is a form's row not filled in:
        // that unit did not report.
        rows.retain(|_, cells| cells.iter().any(|c| c.key != "unit"));
        self.note_hidden(path, &rows, &keys, notes);
        let header: Arc<Vec<(String, u32)>> =
            Arc::new(keys.iter().map(|(c, k)| (k.clone(), c + 1)).collect());
        Ok(Some(
            rows.into_iter()
                .map(|(r, cells)| Row {
                    file: path.to_path_buf(),
                    sheet: self.name.clone(),
                    row: r + 1,
                    cells,
                    columns: Arc::clone(&header),
                })
                .collect(),
        ))
    }

    /// The first row, among the first [`HEADER_SEARCH`], holding a key
    /// vanban knows; rows above it (a title) are not read.
    fn header_row(&self, columns: &Columns) -> Option<u32> {
        self.cells
            .iter()
            .take_while(|((r, _), _)| *r < HEADER_SEARCH)
            .find(|(_, v)| matches!(v, CellValue::Text(t) if columns.get(t.trim()).is_some()))
            .map(|(&(r, _), _)| r)
    }

    /// The keys of the header row by column; empty if none is known. An
    /// unknown or repeated key, or a header cell that is no text, is an error.
    fn header(&self, path: &Path, row: u32, columns: &Columns) -> Result<BTreeMap<u32, String>> {
        let cells: Vec<(u32, &CellValue)> = self
            .cells
            .range((row, 0)..(row + 1, 0))
            .map(|(&(_, c), v)| (c, v))
            .collect();
        let text = |v: &CellValue| match v {
            CellValue::Text(t) => Some(t.trim().to_string()),
            _ => None,
        };
        if !cells
            .iter()
            .any(|(_, v)| text(v).is_some_and(|t| columns.get(&t).is_some()))
        {
            return Ok(BTreeMap::new());
        }
        let mut keys = BTreeMap::new();
        for (c, value) in cells {
            let key = text(value).unwrap_or_else(|| display(value));
            if columns.get(&key).is_none() {
                let hint = match columns.nearest(&key) {
                    Some(near) => crate::tr!("có phải là `{near}`?", "did you mean `{near}`?"),
                    None => crate::tr!(
                        "các khóa dùng được: {}",
                        "the keys are: {}",
                        columns.keys().join(", ")
                    ),
                };
                return Err(self
                    .cell_error(
                        path,
                        (row, c),
                        crate::tr!(
                            "cột `{key}` không phải khóa của vanban",
                            "`{key}` is no key vanban knows"
                        ),
                    )
                    .field(key)
                    .hint(hint));
            }
            if keys.values().any(|k| *k == key) {
                return Err(self
                    .cell_error(
                        path,
                        (row, c),
                        crate::tr!("cột `{key}` có hai lần", "column `{key}` appears twice"),
                    )
                    .field(key));
            }
            keys.insert(c, key);
        }
        Ok(keys)
    }

    /// Cells merged down a column take the merged value in every row they
    /// cover; a merge across columns (but in the header row's title above
    /// the table) is an error, as each column holds its own key's value.
    fn fill_merges(
        &mut self,
        path: &Path,
        header_row: u32,
        keys: &BTreeMap<u32, String>,
    ) -> Result<()> {
        if self.merges.len() > MAX_MERGES {
            return Err(refused(
                path,
                crate::tr!(
                    "trang tính \"{}\" có hơn {} vùng ô gộp",
                    "sheet \"{}\" has more than {} merged ranges",
                    self.name.as_deref().unwrap_or(""),
                    format_number(MAX_MERGES as f64, 0)
                ),
            ));
        }
        let last = self.cells.keys().next_back().map_or(0, |(r, _)| *r);
        for &((r0, c0), (r1, c1)) in &self.merges.clone() {
            if r1 < header_row {
                continue;
            }
            let keyed = (c0..=c1).any(|c| keys.contains_key(&c));
            if c1 > c0 && keyed {
                return Err(self
                    .cell_error(
                        path,
                        (r0, c0),
                        crate::tr!(
                            "các ô {}:{} được gộp; mỗi cột ghi giá trị của một khóa",
                            "cells {}:{} are merged; each column holds one key's value",
                            cell_name(r0 as usize + 1, c0 as usize + 1),
                            cell_name(r1 as usize + 1, c1 as usize + 1)
                        ),
                    )
                    .hint(crate::tr!(
                        "bỏ gộp ô (Unmerge Cells) và ghi giá trị vào từng ô",
                        "unmerge the cells and write each value in its own cell"
                    )));
            }
            if r0 <= header_row {
                continue;
            }
            if let Some(value) = self.cells.get(&(r0, c0)).cloned() {
                for r in r0 + 1..=r1.min(last) {
                    self.cells.entry((r, c0)).or_insert_with(|| value.clone());
                }
            }
        }
        Ok(())
    }

    fn note_hidden(
        &self,
        path: &Path,
        rows: &BTreeMap<u32, Vec<RowCell>>,
        keys: &BTreeMap<u32, String>,
        notes: &mut Vec<String>,
    ) {
        let hidden_rows: Vec<String> = rows
            .keys()
            .filter(|r| self.hidden_rows.contains(r))
            .map(|r| (r + 1).to_string())
            .collect();
        let hidden_columns: Vec<String> = keys
            .iter()
            .filter(|(c, _)| self.hidden_columns.contains(c))
            .map(|(c, k)| format!("{} ({k})", column_letters(c + 1)))
            .collect();
        let sheet = self.name.as_deref().unwrap_or("");
        for (what_vi, what_en, list) in [
            ("dòng", "rows", hidden_rows),
            ("cột", "columns", hidden_columns),
        ] {
            if !list.is_empty() {
                notes.push(crate::tr!(
                    "{}: trang tính \"{sheet}\" có {what_vi} ẩn ({}); vanban đọc chúng như các {what_vi} khác",
                    "{}: sheet \"{sheet}\" has hidden {what_en} ({}); vanban reads them like the others",
                    path.display(),
                    list.join(", ")
                ));
            }
        }
    }

    fn cell_error(&self, path: &Path, (row, column): (u32, u32), cause: String) -> Error {
        let text = self.cells.get(&(row, column)).map(display);
        refused(path, cause).at_cell(
            path,
            self.name.as_deref(),
            row as usize + 1,
            column as usize + 1,
            text,
        )
    }
}

/// A cell's value as the sheet shows it, roughly (for messages).
pub fn display(value: &CellValue) -> String {
    match value {
        CellValue::Text(t) => t.clone(),
        CellValue::Number(n) => super::values::plain_number(*n),
        CellValue::Date(d) => super::values::serial_to_date(*d)
            .map_or_else(|| d.to_string(), |d| d.format("%d/%m/%Y").to_string()),
        CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        CellValue::Error(e) => e.clone(),
        CellValue::Uncomputed => {
            crate::tr!("(công thức chưa có kết quả)", "(a formula without result)")
        }
    }
}

/// `1` → `A`, `28` → `AB`.
pub fn column_letters(column: u32) -> String {
    cell_name(1, column as usize)
        .trim_end_matches('1')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_kept_in_nfc() {
        let mut grid = Grid::new(None);
        let path = Path::new("x.csv");
        // `Thành` typed decomposed (a + combining grave), and composed.
        grid.insert(path, (1, 1), CellValue::Text("Tha\u{300}nh".into()))
            .unwrap();
        grid.insert(path, (1, 2), CellValue::Text("Thành".into()))
            .unwrap();
        for column in [1, 2] {
            assert_eq!(
                grid.cells[&(1, column)],
                CellValue::Text("Thành".into()),
                "column {column}"
            );
        }
    }
}
