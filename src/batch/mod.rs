//! Batch export: every unit of a batch — YAML files, rows of unit tables,
//! or units given in memory — rendered to DOCX and PDF on all cores, a
//! manifest, and optionally the consolidated report.
//!
//! [`run`] is the entry point for a program (the command line, a server):
//! it takes the units in memory, reports progress and can be cancelled.
//! [`load`] finds and reads them from files and folders.

pub mod check;
pub mod consolidate;
mod duplicates;
pub mod form;
mod manifest;
mod render;
pub mod settings;
mod slug;
pub mod source;
pub mod table;
mod unit;

pub use manifest::{Entry, Status};
pub use settings::{Indicator, Settings};
pub use slug::{slug, unique_slugs, unused};
pub use source::{Origin, UnitSource};

use crate::compose::{self, Templates};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Document;
use crate::output::remove_stale_temporaries;
use crate::render::Format;
use render::Rendered;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use table::Columns;
use unit::Unit;

/// How a batch runs.
pub struct Options<'a> {
    /// The output folder (created if missing).
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub templates: &'a Templates,
    pub settings: &'a Settings,
    /// Worker threads.
    pub jobs: usize,
    /// Keep a unit's files when they are all there and newer than its
    /// source file and the settings file (to resume a stopped batch).
    pub skip_existing: bool,
    /// Sum the figures of units flagged for contradictory figures too (by
    /// default they stay out of the totals).
    pub include_flagged: bool,
    /// Issue every unit's appendices as files of their own.
    pub separate_appendices: bool,
    /// Called after each unit is rendered, with how many are done and how
    /// many there are to render.
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
    /// Set it to stop the batch: no unit is started after it is set, the
    /// files already written stay (each one whole), no manifest is written,
    /// and [`run`] returns an error of kind [`ErrorKind::Cancelled`].
    pub cancel: Option<&'a AtomicBool>,
    /// Sign every PDF with this certificate (`--sign`).
    pub sign: Option<&'a crate::sign::Signing>,
}

/// What a batch run did.
pub struct Outcome {
    /// One per unit given, in order.
    pub entries: Vec<Entry>,
    /// The units that reported (written or kept, flagged or not), with
    /// what consolidation needs of them, in the order given.
    pub reported: Vec<consolidate::Reported>,
}

/// A batch read from files: its units, its settings, and notes for the
/// reader (hidden rows read, sheets skipped).
pub struct Loaded {
    pub units: Vec<UnitSource>,
    pub settings: Settings,
    pub notes: Vec<String>,
}

/// Reads a batch from `inputs` (unit files, tables, folders of them): the
/// settings are `settings`, else a folder's `batch.yaml`, else none.
pub fn load(inputs: &[PathBuf], settings: Option<&Path>, templates: &Templates) -> Result<Loaded> {
    let files = source::find(inputs)?;
    let settings = match settings.or(files.settings.as_deref()) {
        Some(path) => Settings::load(path)?,
        None => Settings::default(),
    };
    let columns = Columns::new(&settings, templates);
    let mut notes = Vec::new();
    let units = source::read(&files.units, &columns, &mut notes)?;
    Ok(Loaded {
        units,
        settings,
        notes,
    })
}

/// Renders every unit; bad units are recorded, never fatal. A unit sent
/// more than once is rendered once (see [`duplicates`]).
///
/// The entry point for a program (the command line, a server): `units` are
/// in memory (see [`load`] for files); `options.progress` is called from the
/// worker threads after each unit, with how many are done of how many;
/// setting `options.cancel` stops the run (see [`Options::cancel`]). Each
/// [`Entry`] holds its unit's status, files, error and the warnings of
/// `vanban check`; [`Outcome::reported`] is what
/// [`consolidate::document`] sums. The PDFs embed the fonts selected for
/// the process ([`crate::fonts::select`]).
///
/// ```
/// use vanban::batch::{self, Options, Settings, UnitSource};
/// use vanban::input::Source;
/// use std::path::Path;
/// use std::sync::atomic::{AtomicBool, Ordering};
///
/// let text = std::fs::read_to_string("samples/party-ket-luan.yaml").unwrap();
/// let units = vec![UnitSource::Yaml(Source::new(Path::new("ket-luan.yaml"), &text))];
/// let templates = vanban::compose::Templates::load(None).unwrap();
/// let out = tempfile::tempdir().unwrap();
/// let options = Options {
///     out: out.path().to_path_buf(),
///     formats: vec![vanban::render::Format::Pdf],
///     templates: &templates,
///     settings: &Settings::default(),
///     jobs: 1,
///     skip_existing: false,
///     include_flagged: false,
///     separate_appendices: false,
///     progress: &|done, total| eprintln!("{done}/{total}"),
///     cancel: None,
///     sign: None,
/// };
/// let outcome = batch::run(&units, &options).unwrap();
/// assert_eq!(outcome.entries[0].status, batch::Status::Ok);
///
/// // Stopped (by a user, from another thread) before it starts: nothing is
/// // rendered and the run says it was cancelled.
/// let stop = AtomicBool::new(true);
/// let err = batch::run(&units, &Options { cancel: Some(&stop), ..options }).err().unwrap();
/// assert_eq!(err.kind, vanban::error::ErrorKind::Cancelled);
/// ```
pub fn run(units: &[UnitSource], options: &Options) -> Result<Outcome> {
    std::fs::create_dir_all(&options.out)
        .map_err(|e| Error::io("create the folder", &options.out, &e))?;
    remove_stale_temporaries(&options.out);
    let settings = options.settings;
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let columns = Columns::new(settings, options.templates);
    let cx = unit::Context {
        defaults: &defaults,
        settings: settings.path.as_deref(),
        columns: &columns,
    };
    // 1. Every unit parsed once, so that names (and the file names made of
    //    them) and resubmissions are settled in input order, the same way
    //    every time.
    let parsed = parallel_map(units, options.jobs, |u| unit::load(u, &cx));
    let names: Vec<String> = parsed
        .iter()
        .zip(units)
        .map(|(p, u)| match p {
            Ok(unit) => unit.name.clone(),
            Err(_) => unit::name_hint(u, &defaults),
        })
        .collect();
    let superseded = duplicates::resolve(&parsed);
    let kept: Vec<usize> = (0..units.len())
        .filter(|i| superseded[*i].is_none())
        .collect();
    let slugs = unique_slugs(&kept.iter().map(|&i| names[i].clone()).collect::<Vec<_>>());
    let to_render: Vec<(usize, &Unit, &str)> = kept
        .iter()
        .zip(&slugs)
        .filter_map(|(&i, slug)| Some((i, parsed[i].as_ref().ok()?, slug.as_str())))
        .collect();
    // 2. Each unit composed and rendered by one worker; one more thread
    //    writes the files.
    let rendered = render::all(&to_render, &cx, options)?;
    // 3. The entries, in input order.
    let mut results: Vec<Option<Result<Rendered>>> = (0..units.len()).map(|_| None).collect();
    for ((i, _, _), result) in to_render.iter().zip(rendered) {
        results[*i] = Some(result);
    }
    let outcome = outcome(units, &parsed, names, &superseded, results, options);
    manifest::write(&options.out, &outcome.entries)?;
    Ok(outcome)
}

/// The entries and the reported units, from what each unit came to.
fn outcome(
    units: &[UnitSource],
    parsed: &[Result<Unit>],
    names: Vec<String>,
    superseded: &[Option<usize>],
    mut results: Vec<Option<Result<Rendered>>>,
    options: &Options,
) -> Outcome {
    let indicators = &options.settings.values.indicators;
    let mut entries = Vec::with_capacity(units.len());
    let mut reported = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let origin = units[i].origin();
        let mut entry = match (&parsed[i], results[i].take(), superseded[i]) {
            (Err(err), _, _) => Entry::failed(name, origin, None, err.clone()),
            (Ok(_), _, Some(by)) => Entry::superseded(name, origin, &units[by].origin()),
            // Every unit kept was rendered, unless the run was stopped.
            (Ok(_), None, None) => Entry::failed(name, origin, None, cancelled()),
            (Ok(_), Some(Err(err)), None) => Entry::failed(name, origin, None, err),
            (Ok(unit), Some(Ok(done)), None) => {
                let mut entry = Entry::ok(name, origin, done.number, done.files);
                entry.warn(done.warnings);
                if done.skipped {
                    entry.status = Status::Skipped;
                    entry.skipped = true;
                }
                let mut one = consolidate::Reported::new(unit);
                // Figures that contradict themselves flag this unit's own
                // entry (never another unit of the same name).
                one.problems = consolidate::contradictions(&one, indicators);
                for problem in &one.problems {
                    entry.flag(problem.clone());
                }
                one.in_totals = one.problems.is_empty() || options.include_flagged;
                entry.in_totals = one.in_totals;
                reported.push(one);
                entry
            }
        };
        if let Ok(unit) = &parsed[i] {
            entry.date = Some(unit.input.date.value.trim().to_string());
        }
        entries.push(entry);
    }
    Outcome { entries, reported }
}

/// One unit's document, composed with the batch's defaults (for tools and
/// benchmarks that want the model without the files).
pub fn compose_unit(
    unit: &UnitSource,
    settings: &Settings,
    templates: &Templates,
) -> Result<Document> {
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let columns = Columns::new(settings, templates);
    let cx = unit::Context {
        defaults: &defaults,
        settings: settings.path.as_deref(),
        columns: &columns,
    };
    let unit = unit::load(unit, &cx)?;
    compose::compose(&unit.source, &unit.input, templates)
        .map_err(|e| unit.locate(e, settings.path.as_deref()))
}

/// The error of a cancelled run.
fn cancelled() -> Error {
    Error::new(
        ErrorKind::Cancelled,
        crate::tr!("đã dừng xuất hàng loạt", "the batch was stopped"),
        crate::tr!("theo yêu cầu", "as asked"),
    )
}

/// Runs `f` over `items` on `jobs` plain threads pulling from a shared
/// counter. (rayon over documents overflows its stacks: Typst runs rayon
/// inside each compilation, and a blocked document steals others onto its
/// stack.)
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = f(item);
            results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
        }
    };
    // Each worker speaks the caller's language (a server's request asks
    // for its own).
    let lang = crate::lang::get();
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            scope.spawn(|| crate::lang::with(lang, work));
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// Whether the run was asked to stop.
fn stopped(cancel: Option<&AtomicBool>) -> bool {
    cancel.is_some_and(|c| c.load(Ordering::Relaxed))
}
