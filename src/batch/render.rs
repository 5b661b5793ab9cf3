//! Rendering a batch's units: each composed and rendered by one worker,
//! the files written by one more thread (each to a temporary name, synced,
//! then renamed), so that no worker waits on the disk.

use super::unit::{Context, Unit};
use super::{Options, cancelled, parallel_map, stopped};
use crate::compose;
use crate::error::{Error, Result};
use crate::output::{output_paths, render_files, sign_pdfs, write_rendered};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{SendError, SyncSender, sync_channel};

/// What became of one unit that was rendered.
pub struct Rendered {
    /// Its number line as printed (`Số 08-BC/CB`).
    pub number: Option<String>,
    pub files: Vec<PathBuf>,
    /// Its files were kept from an earlier run (`skip_existing`).
    pub skipped: bool,
    /// The warnings of `vanban check` on it.
    pub warnings: Vec<Error>,
}

/// Files on their way to the writer: the unit's index and its outputs.
type Outputs = (usize, Vec<(PathBuf, Vec<u8>)>);

/// Renders `units` (index, unit, file stem), in parallel; each result in
/// the order given. Only each unit's outcome is kept, so memory does not
/// grow with the batch; the channel to the writer holds a few documents at
/// most, so a slow disk slows the workers rather than filling memory.
pub fn all(
    units: &[(usize, &Unit, &str)],
    cx: &Context,
    options: &Options,
) -> Result<Vec<Result<Rendered>>> {
    let (to_writer, from_workers) = sync_channel::<Outputs>(options.jobs.max(1) * 2);
    let done = AtomicUsize::new(0);
    let today = crate::check::today();
    let lang = crate::lang::get();
    let (results, mut write_errors) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut errors = HashMap::new();
            for (i, outputs) in from_workers {
                if let Err(err) = crate::lang::with(lang, || write_rendered(&outputs)) {
                    errors.insert(i, err);
                }
            }
            errors
        });
        let results = parallel_map(units, options.jobs, |&(i, unit, slug)| {
            if stopped(options.cancel) {
                return None;
            }
            let result = render_unit((i, unit, slug), (cx, today), options, &to_writer);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            (options.progress)(n, units.len());
            Some(result)
        });
        drop(to_writer);
        let errors = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (results, errors)
    });
    if stopped(options.cancel) {
        return Err(cancelled());
    }
    Ok(units
        .iter()
        .zip(results)
        .map(|(&(i, _, _), result)| {
            let result = result.ok_or_else(cancelled)?;
            // A unit whose files could not be written failed, however well
            // it rendered.
            match write_errors.remove(&i) {
                Some(err) => Err(err),
                None => result,
            }
        })
        .collect())
}

/// Composes and renders one unit (index, unit, file stem), checks it (the
/// warnings of `vanban check` with the batch's defaults, as of `today`) and sends its files to the
/// writer (or keeps them, with `skip_existing`, when they are newer than its
/// sources).
fn render_unit(
    (i, unit, slug): (usize, &Unit, &str),
    (cx, today): (&Context, chrono::NaiveDate),
    options: &Options,
    to_writer: &SyncSender<Outputs>,
) -> Result<Rendered> {
    let settings = options.settings.path.as_deref();
    let mut doc = compose::compose(&unit.source, &unit.input, options.templates)
        .map_err(|e| unit.locate(e, settings))?;
    if options.separate_appendices {
        doc.separate_appendices();
    }
    let number = doc.number().map(str::to_string);
    let warnings = super::check::warnings(unit, cx, today);
    // With its appendices' own files, if it has any.
    let paths = output_paths(&doc, &options.out, slug, &options.formats);
    let sources = [Some(unit.origin.file.as_path()), settings];
    if options.skip_existing && up_to_date(&paths, &sources) {
        return Ok(Rendered {
            number,
            files: paths,
            skipped: true,
            warnings,
        });
    }
    let outputs = render_files(&doc, &options.out, slug, &options.formats)?;
    let outputs = sign_pdfs(outputs, options.sign)?;
    match to_writer.send((i, outputs)) {
        Ok(()) => {}
        // The writer is gone: write here instead.
        Err(SendError((_, outputs))) => write_rendered(&outputs)?,
    }
    Ok(Rendered {
        number,
        files: paths,
        skipped: false,
        warnings,
    })
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
