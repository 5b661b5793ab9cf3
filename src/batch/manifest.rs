//! The batch manifest: one row per unit submission, as CSV and as JSON.

use super::source::Origin;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Written, but its figures contradict themselves.
    Flagged,
    /// Not written: the located error says why.
    Failed,
    /// Not written again: `--skip-existing` found its files newer than its
    /// source and the batch settings.
    Skipped,
    /// Not written nor summed: the same unit sent again later replaces it
    /// (`superseded_by` names the submission used).
    Superseded,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Flagged => "flagged",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Superseded => "superseded",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub unit: String,
    /// The unit's file.
    pub source: PathBuf,
    /// For a table row: its sheet (none in a CSV file) and row.
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub number: Option<String>,
    /// Its `date`, as written (none if it could not be read).
    pub date: Option<String>,
    pub files: Vec<PathBuf>,
    pub status: Status,
    /// The error (failed) or the contradictions found (flagged).
    pub error: Option<String>,
    /// Whether its figures are in the consolidated totals.
    pub in_totals: bool,
    /// For a superseded submission: the one used instead.
    pub superseded_by: Option<String>,
    #[serde(skip)]
    pub full_error: Option<Error>,
    /// Its files were kept from an earlier run (even if it is now flagged).
    #[serde(skip)]
    pub skipped: bool,
    /// The warnings of `vanban check`, one line each: `VB204 file:line:col: …`.
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub full_warnings: Vec<Error>,
}

impl Entry {
    fn new(unit: String, origin: Origin, status: Status) -> Entry {
        Entry {
            unit,
            source: origin.file,
            sheet: origin.sheet,
            row: origin.row,
            number: None,
            date: None,
            files: Vec::new(),
            status,
            error: None,
            in_totals: false,
            superseded_by: None,
            full_error: None,
            skipped: false,
            warnings: Vec::new(),
            full_warnings: Vec::new(),
        }
    }

    pub fn ok(unit: String, origin: Origin, number: Option<String>, files: Vec<PathBuf>) -> Entry {
        Entry {
            number,
            files,
            in_totals: true,
            ..Entry::new(unit, origin, Status::Ok)
        }
    }

    pub fn failed(unit: String, origin: Origin, number: Option<String>, err: Error) -> Entry {
        let summary = one_line(&err);
        Entry {
            number,
            error: Some(summary),
            full_error: Some(err),
            ..Entry::new(unit, origin, Status::Failed)
        }
    }

    pub fn superseded(unit: String, origin: Origin, by: &Origin) -> Entry {
        Entry {
            superseded_by: Some(by.describe()),
            ..Entry::new(unit, origin, Status::Superseded)
        }
    }

    /// Records the warnings of `vanban check` on this unit.
    pub fn warn(&mut self, warnings: Vec<Error>) {
        self.warnings = warnings
            .iter()
            .map(|w| match w.code {
                Some(code) => format!("VB{code:03} {}", one_line(w)),
                None => one_line(w),
            })
            .collect();
        self.full_warnings = warnings;
    }

    pub fn flag(&mut self, message: String) {
        self.status = Status::Flagged;
        self.error = Some(match self.error.take() {
            Some(previous) => format!("{previous}; {message}"),
            None => message,
        });
    }

    /// Where it came from, as a clerk reads it.
    pub fn origin(&self) -> Origin {
        Origin {
            file: self.source.clone(),
            sheet: self.sheet.clone(),
            row: self.row,
        }
    }
}

fn manifest_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        crate::error::ErrorKind::Render,
        crate::tr!("không ghi được bảng kê", "could not write the manifest"),
        e.to_string(),
    )
}

/// An error or a warning on one line: `file:line:col: cause`, or the file,
/// sheet and cell of a table row's cell.
fn one_line(err: &Error) -> String {
    match &err.location {
        Some(loc) => format!("{}: {}", loc.place(), err.cause),
        None => format!("{}: {}", err.message, err.cause),
    }
}

/// Writes `manifest.json` and `manifest.csv` into `out`. Files are named
/// relative to `out`, so that the folder can be moved and the manifest is
/// the same wherever the batch ran.
pub fn write(out: &Path, entries: &[Entry]) -> Result<()> {
    let entries: Vec<Entry> = entries
        .iter()
        .map(|e| Entry {
            files: e
                .files
                .iter()
                .map(|f| f.strip_prefix(out).unwrap_or(f).to_path_buf())
                .collect(),
            ..e.clone()
        })
        .collect();
    let json = serde_json::to_vec_pretty(&entries).map_err(manifest_error)?;
    write_atomic(&out.join("manifest.json"), &json)?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "unit",
        "source",
        "number",
        "files",
        "status",
        "error",
        "sheet",
        "row",
        "date",
        "in_totals",
        "superseded_by",
        "warnings",
    ])
    .map_err(manifest_error)?;
    for e in &entries {
        let files: Vec<String> = e.files.iter().map(|f| f.display().to_string()).collect();
        csv.write_record([
            e.unit.as_str(),
            &e.source.display().to_string(),
            e.number.as_deref().unwrap_or(""),
            &files.join(";"),
            e.status.name(),
            e.error.as_deref().unwrap_or(""),
            e.sheet.as_deref().unwrap_or(""),
            &e.row.map(|r| r.to_string()).unwrap_or_default(),
            e.date.as_deref().unwrap_or(""),
            if e.in_totals { "yes" } else { "no" },
            e.superseded_by.as_deref().unwrap_or(""),
            &e.warnings.join("; "),
        ])
        .map_err(manifest_error)?;
    }
    let bytes = csv.into_inner().map_err(manifest_error)?;
    write_atomic(&out.join("manifest.csv"), &bytes)
}
