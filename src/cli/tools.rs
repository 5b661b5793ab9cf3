//! `vanban schema`, `kinds`, `new` and `completions`: what helps a clerk
//! start a file and an editor check it.

use super::out::{errln, out, outln};
use super::{EXIT_INPUT, EXIT_OK, report};
use crate::error::{Error, ErrorKind};
use crate::rules::RuleSet;

/// Every kind of every rule set, with its abbreviation and parts.
pub fn kinds(rules: Option<&str>) -> i32 {
    for id in RuleSet::ids() {
        if rules.is_some_and(|r| r != id) {
            continue;
        }
        let Some(set) = RuleSet::get(id) else {
            continue;
        };
        outln!("{id} — {}", set.name);
        for k in &set.kinds {
            let mut parts = Vec::new();
            if k.addressees {
                parts.push("Kính gửi");
            }
            if k.decision.is_some() {
                parts.push("căn cứ");
            }
            if k.subject_in_header {
                parts.push("V/v");
            }
            let note = k
                .note
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            outln!(
                "  {:<24} {:<6} {:<24} {}{note}",
                k.id,
                k.abbr.as_deref().unwrap_or("—"),
                k.name.as_deref().unwrap_or("(công văn)"),
                parts.join(", ")
            );
        }
        outln!();
    }
    EXIT_OK
}

pub fn new_command(kind: &str, regime: Option<&str>, output: Option<&std::path::Path>) -> i32 {
    match crate::api::starter(kind, regime) {
        Ok(text) => match output {
            Some(path) => match crate::output::write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    outln!("{}", path.display());
                    EXIT_OK
                }
                Err(e) => report(&e),
            },
            None => {
                out!("{text}");
                EXIT_OK
            }
        },
        Err(e) => report(&e).max(EXIT_INPUT),
    }
}

/// `vanban check`: every finding of every file; nothing is written.
pub fn check(
    files: &[std::path::PathBuf],
    today: Option<&str>,
    templates: Option<&std::path::Path>,
) -> i32 {
    let today = match today.map(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")) {
        None => crate::check::today(),
        Some(Ok(date)) => date,
        Some(Err(_)) => {
            return report(&Error::new(
                ErrorKind::Input,
                crate::tr!("không kiểm tra được", "could not check"),
                crate::tr!(
                    "--today không phải là ngày (YYYY-MM-DD)",
                    "--today is not a date (YYYY-MM-DD)"
                ),
            ));
        }
    };
    let templates = match crate::compose::Templates::load(templates) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let (mut errors, mut warnings, mut code) = (0, 0, EXIT_OK);
    let files = match expand(files) {
        Ok(f) => f,
        Err(e) => return report(&e),
    };
    for path in &files {
        let found = match crate::api::check_path(path, &templates, today) {
            Ok(found) => found,
            Err(e) => {
                code = code.max(report(&e));
                continue;
            }
        };
        for finding in &found {
            errln!("{finding}\n");
            if finding.warning {
                warnings += 1;
            } else {
                errors += 1;
            }
        }
        if !found.is_empty() {
            code = code.max(EXIT_INPUT);
        }
    }
    errln!(
        "{}",
        crate::tr!(
            "Đã kiểm tra {} tệp: {errors} lỗi, {warnings} cảnh báo",
            "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
            files.len()
        )
    );
    code
}

/// The files to check: files as given, a folder's YAML and DOCX files
/// (not its subfolders), sorted.
fn expand(inputs: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(input).map_err(|e| Error::io("read the folder", input, &e))?;
        let mut found: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|e| {
                        ["yaml", "yml", "docx"]
                            .iter()
                            .any(|x| e.eq_ignore_ascii_case(x))
                    })
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}
