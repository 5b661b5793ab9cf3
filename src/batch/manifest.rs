//! The batch manifest: one row per unit, as CSV and as JSON.

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
    /// YAML and the batch settings.
    Skipped,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub unit: String,
    pub source: PathBuf,
    pub number: Option<String>,
    pub files: Vec<PathBuf>,
    pub status: Status,
    /// The error (failed) or the contradictions found (flagged).
    pub error: Option<String>,
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
    pub fn ok(unit: String, source: PathBuf, number: Option<String>, files: Vec<PathBuf>) -> Entry {
        Entry {
            unit,
            source,
            number,
            files,
            status: Status::Ok,
            error: None,
            full_error: None,
            skipped: false,
            warnings: Vec::new(),
            full_warnings: Vec::new(),
        }
    }

    pub fn failed(unit: String, source: PathBuf, number: Option<String>, err: Error) -> Entry {
        let summary = one_line(&err);
        Entry {
            unit,
            source,
            number,
            files: Vec::new(),
            status: Status::Failed,
            error: Some(summary),
            full_error: Some(err),
            skipped: false,
            warnings: Vec::new(),
            full_warnings: Vec::new(),
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
}

/// An error or a warning on one line: `file:line:col: cause`.
fn one_line(err: &Error) -> String {
    match &err.location {
        Some(loc) => format!(
            "{}:{}:{}: {}",
            loc.file.display(),
            loc.line,
            loc.column,
            err.cause
        ),
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
    let json = serde_json::to_vec_pretty(&entries).map_err(|e| {
        Error::new(
            crate::error::ErrorKind::Render,
            crate::tr!("không ghi được bảng kê", "could not write the manifest"),
            e.to_string(),
        )
    })?;
    write_atomic(&out.join("manifest.json"), &json)?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| {
        Error::new(
            crate::error::ErrorKind::Render,
            crate::tr!("không ghi được bảng kê", "could not write the manifest"),
            e.to_string(),
        )
    };
    csv.write_record([
        "unit", "source", "number", "files", "status", "error", "warnings",
    ])
    .map_err(failed)?;
    for e in &entries {
        let files: Vec<String> = e.files.iter().map(|f| f.display().to_string()).collect();
        let status = match e.status {
            Status::Ok => "ok",
            Status::Flagged => "flagged",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        };
        csv.write_record([
            e.unit.as_str(),
            &e.source.display().to_string(),
            e.number.as_deref().unwrap_or(""),
            &files.join(";"),
            status,
            e.error.as_deref().unwrap_or(""),
            &e.warnings.join("; "),
        ])
        .map_err(failed)?;
    }
    let bytes = csv.into_inner().map_err(|e| {
        Error::new(
            crate::error::ErrorKind::Render,
            crate::tr!("không ghi được bảng kê", "could not write the manifest"),
            e.to_string(),
        )
    })?;
    write_atomic(&out.join("manifest.csv"), &bytes)
}
