//! A batch's units in memory — a YAML text with its name, or a row of a
//! unit table with its cells' places — and finding them in files and folders.

use super::table::{self, Columns, Row};
use crate::error::{Error, Result};
use crate::input::Source;
use std::path::{Path, PathBuf};

/// One unit's submission, in memory.
#[derive(Debug, Clone)]
pub enum UnitSource {
    /// A unit's YAML document.
    Yaml(Source),
    /// One row of a unit table (`.xlsx`, `.csv`).
    Row(Row),
    /// A unit file that could not be read (too large, not UTF-8): it fails
    /// alone, with this error.
    Unreadable { path: PathBuf, error: Error },
}

/// Where a unit came from: its file, and for a table row the sheet (`None`
/// in a CSV file) and the row (from 1). Orders by file, sheet, then row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

impl Origin {
    pub fn file(path: &Path) -> Origin {
        Origin {
            file: path.to_path_buf(),
            sheet: None,
            row: None,
        }
    }

    /// `don-vi.yaml`, `don-vi.xlsx, sheet "Chi bộ", row 7`, `don-vi.csv, row 7`.
    pub fn describe(&self) -> String {
        let file = self.file.display();
        match (&self.sheet, self.row) {
            (Some(sheet), Some(row)) => crate::tr!(
                "{file}, trang tính \"{sheet}\", dòng {row}",
                "{file}, sheet \"{sheet}\", row {row}"
            ),
            (None, Some(row)) => crate::tr!("{file}, dòng {row}", "{file}, row {row}"),
            _ => file.to_string(),
        }
    }
}

impl UnitSource {
    pub fn origin(&self) -> Origin {
        match self {
            UnitSource::Yaml(source) => Origin::file(&source.path),
            UnitSource::Row(row) => row.origin(),
            UnitSource::Unreadable { path, .. } => Origin::file(path),
        }
    }
}

/// The files a batch was given: unit files (YAML and tables) in order, and
/// the settings file found in a folder.
#[derive(Debug, Default)]
pub struct Files {
    pub units: Vec<PathBuf>,
    pub settings: Option<PathBuf>,
}

/// Whether `path` names a unit table: `.xlsx`, `.csv`, or a spreadsheet
/// format vanban refuses with advice (`.xls`, `.xlsb`, `.ods`).
pub fn is_table(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "xlsx" | "csv" | "xls" | "xlsb" | "xlsm" | "ods"
    )
}

/// The unit files among `inputs`: files as given; in a folder, its `*.yaml`
/// and tables sorted by name, `batch.yaml` being the settings and names
/// starting with `_` (`_tong-hop.yaml`) or `~$` (Excel's lock files) not
/// being units.
pub fn find(inputs: &[PathBuf]) -> Result<Files> {
    let mut files = Files::default();
    for input in inputs {
        if !input.is_dir() {
            files.units.push(input.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(input).map_err(|e| Error::io("read the folder", input, &e))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml") || is_table(p))
            .collect();
        found.sort();
        for path in found {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name == "batch.yaml" {
                files.settings = Some(path);
            } else if !name.starts_with('_') && !name.starts_with("~$") {
                files.units.push(path);
            }
        }
    }
    Ok(files)
}

/// Every unit of `files`, in order: a YAML file is one unit, read here; a
/// table gives one unit per filled row. A table that cannot be read as a
/// whole (not a spreadsheet, over a limit, a header vanban does not know) is
/// an error for the whole batch: nothing has been written yet. `notes` gets
/// what the reader should know (hidden rows read, sheets skipped).
pub fn read(
    files: &[PathBuf],
    columns: &Columns,
    notes: &mut Vec<String>,
) -> Result<Vec<UnitSource>> {
    let mut units = Vec::new();
    for path in files {
        if is_table(path) {
            let rows = table::read(path, columns, notes)?;
            units.extend(rows.into_iter().map(UnitSource::Row));
        } else {
            // A unit file that cannot be read fails alone, as a unit.
            units.push(match Source::read(path) {
                Ok(source) => UnitSource::Yaml(source),
                Err(error) => UnitSource::Unreadable {
                    path: path.clone(),
                    error,
                },
            });
        }
    }
    Ok(units)
}
