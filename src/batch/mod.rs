//! Batch export: every unit of a folder rendered to DOCX and PDF on all
//! cores, a manifest, and optionally the consolidated report.

pub mod check;
pub mod consolidate;
mod manifest;
pub mod settings;
mod slug;
mod unit;

pub use manifest::{Entry, Status};
pub use settings::{Indicator, Settings};
pub use slug::{slug, unique_slugs, unused};

use crate::compose::{self, Templates};
use crate::error::{Error, Result};
use crate::model::Document;
use crate::output::{output_path, remove_stale_temporaries, render_files, write_rendered};
use crate::render::Format;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a batch run is asked to do.
pub struct Options<'a> {
    pub units: Vec<PathBuf>,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub templates: &'a Templates,
    pub settings: Settings,
    pub jobs: usize,
    /// Keep a unit's files when they are all there and newer than its YAML
    /// and the settings file (to resume a batch that was stopped).
    pub skip_existing: bool,
    /// Called once per unit rendered (for a progress bar).
    pub progress: &'a (dyn Fn() + Sync),
}

/// What a batch run did.
pub struct Outcome {
    pub entries: Vec<Entry>,
    /// The units that reported, with their composed documents' data.
    pub reported: Vec<consolidate::Reported>,
}

/// The unit files among `inputs`: files as given, folders' `*.yaml` sorted;
/// in a folder, `batch.yaml` is the settings file and names starting with
/// `_` are not units (`_tong-hop.yaml`).
pub fn unit_files(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
    let mut files = Vec::new();
    let mut settings = None;
    for input in inputs {
        if input.is_dir() {
            let entries =
                std::fs::read_dir(input).map_err(|e| Error::io("read the folder", input, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            found.sort();
            for path in found {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if name == "batch.yaml" {
                    settings = Some(path);
                } else if !name.starts_with('_') {
                    files.push(path);
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, settings))
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
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            scope.spawn(work);
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// One unit's document, composed with the batch's defaults.
pub fn compose_unit(path: &Path, settings: &Settings, templates: &Templates) -> Result<Document> {
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let unit = unit::load(path, &defaults, settings.path.as_deref())?;
    compose::compose(&unit.source, &unit.input, templates)
}

/// Renders every unit. Bad units are recorded, never fatal.
pub fn run(options: &Options) -> Result<Outcome> {
    std::fs::create_dir_all(&options.out)
        .map_err(|e| Error::io("create the folder", &options.out, &e))?;
    remove_stale_temporaries(&options.out);
    let defaults = options.settings.values.defaults.clone().unwrap_or_default();
    let settings_path = options.settings.path.as_deref();
    let today = crate::check::today();
    // 1. Every unit's name, so that file names (and their collisions) are
    //    settled in input order, the same way every time.
    let names = parallel_map(&options.units, options.jobs, |path| {
        unit::name_hint(path, &defaults)
    });
    let slugs = unique_slugs(&names);
    // 2. Each unit read, composed and rendered by one worker; only its
    //    outcome is kept, so memory does not grow with the batch.
    // 3. One more thread writes the files (each to a temporary name, synced,
    //    then renamed), so that no worker waits on the disk. The channel
    //    holds a few documents at most: a slow disk slows the workers down
    //    rather than filling memory.
    let indices: Vec<usize> = (0..options.units.len()).collect();
    let (to_writer, from_workers) =
        std::sync::mpsc::sync_channel::<(usize, Vec<(PathBuf, Vec<u8>)>)>(options.jobs.max(1) * 2);
    let (done, mut write_errors) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut errors = HashMap::new();
            for (i, outputs) in from_workers {
                if let Err(err) = write_rendered(&outputs) {
                    errors.insert(i, err);
                }
            }
            errors
        });
        let done = parallel_map(&indices, options.jobs, |&i| {
            let result = (|| {
                let unit = unit::load(&options.units[i], &defaults, settings_path)?;
                let doc = compose::compose(&unit.source, &unit.input, options.templates)?;
                let warnings = check::warnings(&options.units[i], &unit, settings_path, today);
                let number = doc
                    .header
                    .rows
                    .get(1)
                    .and_then(|r| r.left.first())
                    .map(|l| l.text.clone());
                let paths: Vec<PathBuf> = options
                    .formats
                    .iter()
                    .map(|f| output_path(&options.out, &slugs[i], *f))
                    .collect();
                let sources = [Some(options.units[i].as_path()), settings_path];
                let skip = options.skip_existing && up_to_date(&paths, &sources);
                let files = if skip {
                    Ok(paths)
                } else {
                    render_files(&doc, &options.out, &slugs[i], &options.formats).and_then(
                        |outputs| match to_writer.send((i, outputs)) {
                            Ok(()) => Ok(paths),
                            // The writer is gone: write here instead.
                            Err(std::sync::mpsc::SendError((_, outputs))) => {
                                write_rendered(&outputs).map(|()| paths)
                            }
                        },
                    )
                };
                let reported = consolidate::Reported::new(&unit);
                Ok::<_, Error>((reported, number, files, skip, warnings))
            })();
            (options.progress)();
            result
        });
        drop(to_writer);
        let write_errors = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (done, write_errors)
    });
    let mut entries = Vec::new();
    let mut reported = Vec::new();
    for (i, result) in done.into_iter().enumerate() {
        let file = options.units[i].clone();
        // A unit whose files could not be written failed, however well it
        // rendered.
        let result = result.map(|(unit, number, files, skip, warnings)| {
            (
                unit,
                number,
                write_errors.remove(&i).map_or(files, Err),
                skip,
                warnings,
            )
        });
        entries.push(match result {
            Err(err) => Entry::failed(names[i].clone(), file, None, err),
            Ok((_, number, Err(err), _, _)) => Entry::failed(names[i].clone(), file, number, err),
            Ok((unit, number, Ok(files), skipped, warnings)) => {
                let mut entry = Entry::ok(names[i].clone(), file, number, files);
                entry.warn(warnings);
                if skipped {
                    entry.status = Status::Skipped;
                    entry.skipped = true;
                }
                // Figures that contradict themselves flag this unit's own
                // entry (never another unit of the same name).
                let indicators = &options.settings.values.indicators;
                for problem in consolidate::contradictions(&unit, indicators) {
                    entry.flag(problem);
                }
                reported.push(unit);
                entry
            }
        });
    }
    manifest::write(&options.out, &entries)?;
    Ok(Outcome { entries, reported })
}

/// Every file in `outputs` exists and was modified after every one of
/// `sources`.
fn up_to_date(outputs: &[PathBuf], sources: &[Option<&Path>]) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(newest_source) = sources
        .iter()
        .flatten()
        .map(|p| modified(p))
        .collect::<Option<Vec<_>>>()
        .and_then(|times| times.into_iter().max())
    else {
        return false;
    };
    outputs
        .iter()
        .all(|o| modified(o).is_some_and(|t| t >= newest_source))
}
