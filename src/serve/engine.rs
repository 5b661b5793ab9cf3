//! Every call from the server into vanban's library, in one place: the
//! library's [`crate::api`], and the shapes the page is given (findings,
//! previews, a batch's report and ZIP). Everything here is blocking; the
//! handlers run it on tokio's blocking threads.
//!
//! Import and the DOCX check work on the bytes in memory; a batch, which
//! writes its units' files and the consolidated report, works in the
//! request's temporary folder, which the caller removes.

use crate::api;
use crate::batch::{self, Status};
use crate::error::{Error, ErrorKind, Result};
use crate::input::Source;
use crate::lang::Lang;
use crate::render::Format;
use crate::rules::{Regime, RuleSet};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A finding of `check`, or an error, as the web page shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub warning: bool,
    /// `VB104`, when the finding names a rule.
    pub code: Option<String>,
    pub message: String,
    pub cause: String,
    /// The field's path in the document (`signature.prefix`).
    pub field: Option<String>,
    /// Where in the YAML (or the DOCX's paragraph), from 1.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The source line the finding points into.
    pub snippet: Option<String>,
    pub hints: Vec<String>,
}

impl Finding {
    /// The error as the page shows it; `tmp` (a temporary folder) is cut
    /// out of every path in it, so the clerk sees the names they uploaded.
    pub fn new(err: &Error, tmp: Option<&Path>) -> Finding {
        let hide = |s: &str| match tmp {
            Some(dir) => s.replace(&format!("{}/", dir.display()), ""),
            None => s.to_string(),
        };
        let location = err.location.as_deref();
        Finding {
            warning: err.warning,
            code: err.code.map(|c| format!("VB{c:03}")),
            message: hide(&err.message),
            cause: hide(&err.cause),
            field: err.field.clone(),
            line: location.map(|l| l.line),
            column: location.map(|l| l.column),
            snippet: location.and_then(|l| l.snippet.clone()),
            hints: err.hints.iter().map(|h| hide(h)).collect(),
        }
    }
}

/// The name a document typed in the page goes by in messages.
fn source(name: &str, yaml: &str) -> Source {
    Source::new(Path::new(name), yaml)
}

/// What the preview shows: the pages, their text (for screen readers and
/// search), the findings, and the YAML as a value (to fill the form).
#[derive(Debug, Serialize)]
pub struct Preview {
    pub pages: Vec<PreviewPage>,
    pub texts: Vec<String>,
    pub findings: Vec<Finding>,
    pub value: Option<serde_json::Value>,
}

/// A page of the preview: its id (a hash of what it draws) and its SVG,
/// left out when the page already shows that id.
#[derive(Debug, Serialize)]
pub struct PreviewPage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub svg: Option<std::sync::Arc<str>>,
}

/// Checks a document typed in the page and lays it out, as `check` and the
/// PDF writer would: the document is composed once, for both. The pages
/// whose ids are in `shown` come without their SVG.
pub fn preview(name: &str, yaml: &str, lang: Lang, shown: &[String]) -> Preview {
    crate::lang::with(lang, || {
        let value = source(name, yaml).parse_value().ok();
        // A text rule's error (a legacy encoding) stops it, as it stops
        // `check` before parsing.
        let stopped = crate::check::text(Path::new(name), yaml)
            .iter()
            .any(|f| !f.warning);
        let composed = match stopped {
            false => api::templates()
                .and_then(|t| api::compose(name, yaml, t))
                .ok(),
            true => None,
        };
        let (findings, pages) = match composed {
            Some(checked) => (checked.warnings, api::pages(&checked.document).ok()),
            // An error stops it: every finding, as `check` lists them.
            None => (api::check(name, yaml.as_bytes().to_vec()), None),
        };
        let (ids, svgs, texts) = pages.map(|p| (p.ids, p.svgs, p.texts)).unwrap_or_default();
        let pages = ids
            .into_iter()
            .zip(svgs)
            .map(|(id, svg)| PreviewPage {
                svg: (!shown.contains(&id)).then_some(svg),
                id,
            })
            .collect();
        Preview {
            pages,
            texts,
            findings: findings.iter().map(|e| Finding::new(e, None)).collect(),
            value,
        }
    })
}

/// A document typed in the page, written as DOCX or PDF in memory.
pub fn render(name: &str, yaml: &str, format: Format, lang: Lang) -> Result<Vec<u8>> {
    crate::lang::with(lang, || {
        let mut rendered = api::render(name, yaml, &[format])?;
        Ok(rendered.files.remove(0).1)
    })
}

/// The draft formats the importer reads.
pub const DRAFTS: [&str; 4] = ["txt", "md", "docx", "pdf"];

/// A draft imported into YAML from its bytes, nothing written to disk.
pub fn import(name: &str, bytes: &[u8], lang: Lang) -> Result<(String, Vec<Finding>)> {
    crate::lang::with(lang, || {
        let imported = api::import(name, bytes, false)?;
        let warnings = imported
            .warnings
            .iter()
            .map(|w| Finding {
                warning: true,
                code: None,
                message: crate::tr!("nhập {name}", "import {name}"),
                cause: w.message.clone(),
                field: None,
                line: Some(w.line),
                column: None,
                snippet: None,
                hints: Vec::new(),
            })
            .collect();
        Ok((imported.yaml, warnings))
    })
}

/// An error whose paths in `tmp` are shown without it.
fn hidden(err: Error, tmp: &Path) -> Error {
    let finding = Finding::new(&err, Some(tmp));
    let mut err = Error {
        message: finding.message,
        cause: finding.cause,
        hints: finding.hints,
        ..err
    };
    if let Some(loc) = err.location.as_mut() {
        loc.file = loc
            .file
            .strip_prefix(tmp)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| loc.file.clone());
    }
    err
}

/// `vanban check` of a DOCX made elsewhere, from its bytes: the findings,
/// paragraph by paragraph.
pub fn check_docx(name: &str, bytes: &[u8], lang: Lang) -> Result<Vec<Finding>> {
    crate::lang::with(lang, || {
        let found = api::check_docx(name, bytes)?;
        Ok(found.iter().map(|e| Finding::new(e, None)).collect())
    })
}

/// A kind of document, for the page's choice and its form.
#[derive(Debug, Serialize)]
pub struct KindInfo {
    pub id: String,
    pub name: String,
    pub abbr: Option<String>,
    pub addressees: bool,
    pub decision: bool,
    pub subject_in_header: bool,
}

/// A rule set, for the page's choice of regime.
#[derive(Debug, Serialize)]
pub struct RulesInfo {
    pub id: String,
    pub name: String,
    pub regime: &'static str,
    pub prefixes: Vec<String>,
    pub kinds: Vec<KindInfo>,
}

/// Every rule set and its kinds.
pub fn rule_sets() -> Vec<RulesInfo> {
    RuleSet::ids()
        .into_iter()
        .filter_map(RuleSet::get)
        .map(|set| RulesInfo {
            id: set.id.clone(),
            name: set.name.clone(),
            regime: match set.regime {
                Regime::Party => "party",
                Regime::State => "state",
            },
            prefixes: set
                .signature
                .prefixes
                .iter()
                .map(|p| p.prefix.clone())
                .collect(),
            kinds: set
                .kinds
                .iter()
                .map(|k| KindInfo {
                    id: k.id.clone(),
                    name: k.name.clone().unwrap_or_else(|| "CÔNG VĂN".to_string()),
                    abbr: k.abbr.clone(),
                    addressees: k.addressees,
                    decision: k.decision.is_some(),
                    subject_in_header: k.subject_in_header,
                })
                .collect(),
        })
        .collect()
}

/// The starting YAML of a kind (as `vanban new` writes it).
pub fn starter(regime: &str, kind: &str, lang: Lang) -> Result<String> {
    crate::lang::with(lang, || api::starter(kind, Some(regime)))
}

/// The JSON Schema of the input.
pub fn schema() -> String {
    api::schema()
}

/// One unit's line in a batch's report.
#[derive(Debug, Serialize)]
pub struct UnitReport {
    pub unit: String,
    pub file: String,
    pub status: Status,
    pub number: Option<String>,
    /// The located error (failed) or the contradictions (flagged).
    pub error: Option<Finding>,
    pub note: Option<String>,
    /// The warnings of `vanban check` on this unit.
    pub warnings: Vec<Finding>,
}

/// What a batch did, and its files as one ZIP.
#[derive(Debug, Serialize)]
pub struct BatchReport {
    pub units: Vec<UnitReport>,
    /// What the reader should know of the unit tables (hidden rows read,
    /// sheets skipped).
    pub notes: Vec<String>,
    /// The consolidated report's error, if it could not be made.
    pub consolidated_error: Option<Finding>,
    /// The warnings of `vanban check` on the consolidated report's file.
    pub consolidated_warnings: Vec<Finding>,
    #[serde(skip)]
    pub zip: Vec<u8>,
}

/// Runs a batch over the units written in `dir` (YAML files, unit tables in
/// .xlsx or .csv, with `batch.yaml` there if any), into `dir/out`;
/// `progress` is told how many units are done of how many; once `cancel` is
/// set, no unit starts and the batch ends with an error. The library's
/// batch reads its units from memory, but a unit table and the
/// consolidated report are read from files: the request's temporary folder.
pub fn batch(
    dir: &Path,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Result<BatchReport> {
    crate::lang::with(lang, || {
        let templates = api::templates()?;
        let loaded =
            batch::load(&[dir.to_path_buf()], None, templates).map_err(|e| hidden(e, dir))?;
        let out = dir.join("out");
        let options = batch::Options {
            out: out.clone(),
            formats: vec![Format::Docx, Format::Pdf],
            templates,
            settings: &loaded.settings,
            jobs: std::thread::available_parallelism().map_or(1, usize::from),
            skip_existing: false,
            include_flagged: false,
            separate_appendices: false,
            progress,
            cancel: Some(cancel),
            sign: None,
        };
        let outcome = batch::run(&loaded.units, &options).map_err(|e| hidden(e, dir))?;
        let consolidated = match loaded.settings.consolidated() {
            Some(path) if path.is_file() => Some(consolidate(&options, &outcome, &out)),
            _ => None,
        };
        let (consolidated_error, consolidated_warnings) = match consolidated {
            Some(Ok(warnings)) => (
                None,
                warnings
                    .iter()
                    .map(|w| Finding::new(w, Some(dir)))
                    .collect(),
            ),
            Some(Err(e)) => (Some(Finding::new(&e, Some(dir))), Vec::new()),
            None => (None, Vec::new()),
        };
        let units = outcome
            .entries
            .iter()
            .map(|e| unit_report(e, dir))
            .collect();
        Ok(BatchReport {
            units,
            notes: loaded.notes.iter().map(|n| hide(n, dir)).collect(),
            consolidated_error,
            consolidated_warnings,
            zip: zip_folder(&out, dir)?,
        })
    })
}

/// One unit's line in the report: its file (a table's sheet and row) shown
/// without the temporary folder.
fn unit_report(e: &batch::Entry, dir: &Path) -> UnitReport {
    UnitReport {
        unit: e.unit.clone(),
        file: hide(&e.origin().describe(), dir),
        status: e.status,
        number: e.number.clone(),
        error: e
            .full_error
            .as_ref()
            .map(|err| Finding::new(err, Some(dir))),
        note: match e.status {
            Status::Flagged => e.error.clone(),
            Status::Superseded => e.superseded_by.as_deref().map(|by| hide(by, dir)),
            _ => None,
        },
        warnings: e
            .full_warnings
            .iter()
            .map(|w| Finding::new(w, Some(dir)))
            .collect(),
    }
}

/// `text` without the temporary folder `tmp` in its paths.
fn hide(text: &str, tmp: &Path) -> String {
    text.replace(&format!("{}/", tmp.display()), "")
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Writes the consolidated report and its workbook beside the units' files;
/// the warnings of `vanban check` on the report's file.
fn consolidate(
    options: &batch::Options,
    outcome: &batch::Outcome,
    out: &Path,
) -> Result<Vec<Error>> {
    api::write_consolidated(
        options.settings,
        outcome,
        options.templates,
        out,
        &options.formats,
        None,
    )
    .map(|(report, _)| report.warnings)
}

/// Every file of `dir` (not its sub-folders), sorted, in one ZIP. DOCX and
/// PDF are stored (already compressed); the rest deflated. The manifest's
/// paths are shown without the temporary folder `tmp`.
fn zip_folder(dir: &Path, tmp: &Path) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("read the folder", Path::new("out"), &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let failed = |e: &dyn std::fmt::Display| {
        Error::new(
            ErrorKind::Io,
            crate::tr!("không đóng gói được kết quả", "could not pack the results"),
            e.to_string(),
        )
    };
    for path in names {
        let name = name_of(&path);
        let stored = [".pdf", ".docx", ".xlsx"].iter().any(|e| name.ends_with(e));
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        let mut bytes =
            std::fs::read(&path).map_err(|e| Error::io("read", Path::new(&name), &e))?;
        if !stored {
            let text = String::from_utf8_lossy(&bytes);
            bytes = text
                .replace(&format!("{}/", tmp.display()), "")
                .into_bytes();
        }
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(&bytes).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}
