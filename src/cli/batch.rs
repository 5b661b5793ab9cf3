//! `vanban batch` and `vanban form`: options from the command line, a
//! progress bar on a terminal, and the end-of-run report.

use super::out::{errln, outln};
use super::{BatchArgs, EXIT_INPUT, EXIT_OK, report};
use crate::batch::{self, Options, Outcome, Settings, Status};
use crate::compose::Templates;
use crate::output::write_atomic;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: BatchArgs) -> i32 {
    let w = &args.write;
    let formats = super::formats(&w.format);
    let templates = match Templates::load(w.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let loaded = match batch::load(&args.units, args.settings.as_deref(), &templates) {
        Ok(l) => l,
        Err(e) => return report(&e),
    };
    // The command line's fonts, else the settings'.
    let fonts = w.fonts.as_deref().map(Path::to_path_buf);
    if let Err(e) = super::select_fonts(fonts.or(loaded.settings.fonts()).as_deref()) {
        return report(&e);
    }
    let signing = match w.sign.load() {
        Ok(s) => s,
        Err(e) => return report(&e),
    };
    for note in &loaded.notes {
        errln!("{}", crate::tr!("lưu ý: {note}", "note: {note}"));
    }
    let bar = progress_bar(loaded.units.len());
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let tick = |done: usize, _: usize| bar.set_position(done as u64);
    let options = Options {
        out: args.output.clone(),
        formats: formats.clone(),
        templates: &templates,
        settings: &loaded.settings,
        jobs,
        skip_existing: args.skip_existing,
        include_flagged: args.include_flagged,
        separate_appendices: w.separate_appendices,
        progress: &tick,
        cancel: None,
        sign: signing.as_ref(),
    };
    let outcome = match batch::run(&loaded.units, &options) {
        Ok(o) => o,
        Err(e) => return report(&e),
    };
    bar.finish_and_clear();
    let (mut code, mut warnings) = tell(&outcome, args.include_flagged);
    if args.consolidate {
        let (done, more) = consolidate(
            &loaded.settings,
            &outcome,
            &templates,
            &args.output,
            &formats,
            options.sign,
        );
        code = code.max(done);
        warnings += more;
    }
    summary(&outcome, &args.output, warnings);
    code
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let template = if crate::lang::english() {
        "{bar:40} {pos}/{len} units  {elapsed_precise}"
    } else {
        "{bar:40} {pos}/{len} đơn vị  {elapsed_precise}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Each unit's warnings, error, contradictions or replacement, in the
/// terminal; the exit code and how many warnings were printed.
fn tell(outcome: &Outcome, include_flagged: bool) -> (i32, usize) {
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
                if include_flagged {
                    crate::tr!(
                        "cảnh báo: {}: số liệu mâu thuẫn: {} (vẫn cộng vào tổng, theo --include-flagged)",
                        "warning: {}: contradictory figures: {} (summed all the same, as --include-flagged asks)",
                        entry.unit,
                        entry.error.as_deref().unwrap_or("")
                    )
                } else {
                    crate::tr!(
                        "cảnh báo: {}: số liệu mâu thuẫn: {}; không cộng vào tổng (--include-flagged để cộng)",
                        "warning: {}: contradictory figures: {}; left out of the totals (--include-flagged sums them)",
                        entry.unit,
                        entry.error.as_deref().unwrap_or("")
                    )
                }
            ),
            Status::Superseded => errln!(
                "{}",
                crate::tr!(
                    "cảnh báo: {} gửi báo cáo nhiều lần: dùng {}, không dùng {} (báo cáo có ngày muộn hơn được dùng)",
                    "warning: {} reported more than once: {} is used, not {} (the later date wins)",
                    entry.unit,
                    entry.superseded_by.as_deref().unwrap_or(""),
                    entry.origin().describe()
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
    (code, warnings)
}

/// Writes the consolidated report (DOCX, PDF) and its workbook, after the
/// warnings of `vanban check` on it; the exit code and how many warnings.
fn consolidate(
    settings: &Settings,
    outcome: &Outcome,
    templates: &Templates,
    out: &Path,
    formats: &[crate::render::Format],
    sign: Option<&crate::sign::Signing>,
) -> (i32, usize) {
    let written = crate::api::write_consolidated(settings, outcome, templates, out, formats, sign);
    let warnings = match &written {
        Ok((report_of, _)) => report_of.warnings.clone(),
        Err(_) => Vec::new(),
    };
    for warning in &warnings {
        errln!("{warning}\n");
    }
    match written {
        Ok((_, paths)) => {
            paths.iter().for_each(|p| outln!("{}", p.display()));
            let counted = outcome.reported.iter().filter(|r| r.in_totals).count();
            let left: Vec<&str> = outcome
                .reported
                .iter()
                .filter(|r| !r.in_totals)
                .map(|r| r.name.as_str())
                .collect();
            outln!(
                "{}",
                crate::tr!(
                    "Số liệu tổng cộng gồm {counted} đơn vị{}",
                    "The totals sum {counted} units{}",
                    if left.is_empty() {
                        String::new()
                    } else {
                        crate::tr!("; không gồm: {}", "; left out: {}", left.join(", "))
                    }
                )
            );
            (EXIT_OK, warnings.len())
        }
        Err(e) => (report(&e), warnings.len()),
    }
}

/// The last lines: how many units were written, failed, flagged, replaced
/// and kept, and how many warnings were printed.
fn summary(outcome: &Outcome, out: &Path, warnings: usize) {
    let count = |s: Status| outcome.entries.iter().filter(|e| e.status == s).count();
    let (flagged, failed, superseded) = (
        count(Status::Flagged),
        count(Status::Failed),
        count(Status::Superseded),
    );
    let skipped = outcome.entries.iter().filter(|e| e.skipped).count();
    let units = outcome.entries.len() - superseded;
    let written = units - failed - skipped;
    outln!(
        "{}",
        crate::tr!(
            "Đã ghi {} trên {} đơn vị vào {} ({failed} lỗi, {flagged} có số liệu mâu thuẫn, {warnings} cảnh báo); bảng kê: {}",
            "{} of {} units written to {} ({failed} failed, {flagged} flagged, {warnings} warning(s)); manifest: {}",
            written,
            units,
            out.display(),
            out.join("manifest.csv").display()
        )
    );
    if superseded > 0 {
        outln!(
            "{}",
            crate::tr!(
                "{superseded} báo cáo gửi trước đã được thay bằng báo cáo gửi lại",
                "{superseded} earlier reports were replaced by resubmissions"
            )
        );
    }
    if skipped > 0 {
        outln!(
            "{}",
            crate::tr!(
                "{skipped} đơn vị đã có tệp mới hơn dữ liệu nên không ghi lại (--skip-existing)",
                "{skipped} units kept their files, newer than their data (--skip-existing)"
            )
        );
    }
}

/// `vanban form`: writes the form for the units of `settings`.
pub fn form(settings: &Path, output: &Path, templates: Option<&Path>) -> i32 {
    let written = Templates::load(templates)
        .and_then(|t| Ok((Settings::load(settings)?, t)))
        .and_then(|(s, t)| batch::form::write(&s, &t))
        .and_then(|bytes| write_atomic(output, &bytes));
    match written {
        Ok(()) => {
            outln!("{}", output.display());
            EXIT_OK
        }
        Err(e) => report(&e),
    }
}
