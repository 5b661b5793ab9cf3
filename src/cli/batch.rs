//! `vanban batch`: options from the command line, a progress bar on a
//! terminal, and the end-of-run report.

use super::out::{errln, outln};
use super::{BatchArgs, EXIT_INPUT, EXIT_OK, report};
use crate::batch::{self, Options, Settings, Status, consolidate};
use crate::compose::Templates;
use crate::output::write_files;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub fn run(args: BatchArgs) -> i32 {
    let formats = super::formats(&args.format);
    let templates = match Templates::load(args.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let (units, found) = match batch::unit_files(&args.units) {
        Ok(u) => u,
        Err(e) => return report(&e),
    };
    let settings = match args.settings.as_ref().or(found.as_ref()) {
        Some(path) => match Settings::load(path) {
            Ok(s) => s,
            Err(e) => return report(&e),
        },
        None => Settings::default(),
    };
    // The command line's fonts, else the settings'.
    if let Err(e) = super::select_fonts(args.fonts.as_deref().or(settings.fonts().as_deref())) {
        return report(&e);
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(units.len() as u64);
        let template = if crate::lang::english() {
            "{bar:40} {pos}/{len} units  {elapsed_precise}"
        } else {
            "{bar:40} {pos}/{len} đơn vị  {elapsed_precise}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let tick = || bar.inc(1);
    let options = Options {
        units,
        out: args.output.clone(),
        formats: formats.clone(),
        templates: &templates,
        settings,
        jobs,
        skip_existing: args.skip_existing,
        progress: &tick,
    };
    let outcome = match batch::run(&options) {
        Ok(o) => o,
        Err(e) => return report(&e),
    };
    bar.finish_and_clear();
    let mut code = EXIT_OK;
    let mut warnings = 0;
    for entry in &outcome.entries {
        for warning in &entry.full_warnings {
            errln!("{warning}\n");
        }
        warnings += entry.full_warnings.len();
        match entry.status {
            Status::Ok | Status::Skipped => {}
            Status::Flagged => errln!(
                "{}",
                crate::tr!(
                    "cảnh báo: {}: số liệu mâu thuẫn: {}",
                    "warning: {}: contradictory figures: {}",
                    entry.unit,
                    entry.error.as_deref().unwrap_or("")
                )
            ),
            Status::Failed => {
                code = EXIT_INPUT;
                if let Some(err) = &entry.full_error {
                    errln!("{err}");
                }
            }
        }
    }
    if args.consolidate {
        match consolidate::document(&options.settings, &outcome, &templates) {
            Ok((source, doc)) => {
                for warning in consolidated_warnings(&source) {
                    errln!("{warning}\n");
                    warnings += 1;
                }
                let base = batch::slug(
                    &source
                        .path
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy(),
                );
                // A unit named like the report (`Tổng hợp`) keeps its files.
                let mut taken = outcome
                    .entries
                    .iter()
                    .flat_map(|e| &e.files)
                    .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .collect();
                let stem = batch::unused(&base, &mut taken);
                match write_files(&doc, &args.output, &stem, &formats) {
                    Ok(paths) => paths.iter().for_each(|p| outln!("{}", p.display())),
                    Err(e) => code = code.max(report(&e)),
                }
            }
            Err(e) => code = code.max(report(&e)),
        }
    }
    let count = |s: Status| outcome.entries.iter().filter(|e| e.status == s).count();
    let (flagged, failed) = (count(Status::Flagged), count(Status::Failed));
    let skipped = outcome.entries.iter().filter(|e| e.skipped).count();
    let written = outcome.entries.len() - failed - skipped;
    outln!(
        "{}",
        crate::tr!(
            "Đã ghi {} trên {} đơn vị vào {} ({failed} lỗi, {flagged} có số liệu mâu thuẫn, {warnings} cảnh báo); bảng kê: {}",
            "{} of {} units written to {} ({failed} failed, {flagged} flagged, {warnings} warning(s)); manifest: {}",
            written,
            outcome.entries.len(),
            args.output.display(),
            args.output.join("manifest.csv").display()
        )
    );
    if skipped > 0 {
        outln!(
            "{}",
            crate::tr!(
                "{skipped} đơn vị đã có tệp mới hơn dữ liệu nên không ghi lại (--skip-existing)",
                "{skipped} units kept their files, newer than their data (--skip-existing)"
            )
        );
    }
    code
}

/// The warnings of `vanban check` on the consolidated report's own file
/// (its figures are the batch's).
fn consolidated_warnings(source: &crate::input::Source) -> Vec<crate::error::Error> {
    let Ok(input) = source.parse::<crate::input::InputDoc>() else {
        return Vec::new();
    };
    let mut found = crate::check::text(&source.path, &source.text);
    found.extend(crate::check::lint(source, &input, crate::check::today()));
    found.retain(|f| f.warning);
    found
}
