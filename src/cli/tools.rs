//! `vanban schema`, `kinds`, `new` and `completions`: what helps a clerk
//! start a file and an editor check it.

use super::{EXIT_INPUT, EXIT_OK, report};
use crate::error::{Error, ErrorKind};
use crate::input::InputDoc;
use crate::rules::RuleSet;

/// The JSON Schema of the input, from the Rust types, descriptions in Vietnamese.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(InputDoc);
    schema.insert(
        "$id".into(),
        "https://vanban.invalid/vanban.schema.json".into(),
    );
    schema.insert("title".into(), "Văn bản vanban (YAML)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every kind of every rule set, with its abbreviation and parts.
pub fn kinds(rules: Option<&str>) -> i32 {
    for id in RuleSet::ids() {
        if rules.is_some_and(|r| r != id) {
            continue;
        }
        let Some(set) = RuleSet::get(id) else {
            continue;
        };
        println!("{id} — {}", set.name);
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
            println!(
                "  {:<24} {:<6} {:<24} {}{note}",
                k.id,
                k.abbr.as_deref().unwrap_or("—"),
                k.name.as_deref().unwrap_or("(công văn)"),
                parts.join(", ")
            );
        }
        println!();
    }
    EXIT_OK
}

pub fn new_command(kind: &str, regime: Option<&str>, output: Option<&std::path::Path>) -> i32 {
    match crate::import::starter(kind, regime) {
        Ok(text) => match output {
            Some(path) => match crate::output::write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    println!("{}", path.display());
                    EXIT_OK
                }
                Err(e) => report(&e),
            },
            None => {
                print!("{text}");
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
        None => today_utc(),
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
    for path in files {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            match crate::check::docx::check(path) {
                Ok(found) => {
                    for finding in &found {
                        eprintln!("{finding}\n");
                    }
                    errors += found.len();
                    if !found.is_empty() {
                        code = code.max(EXIT_INPUT);
                    }
                }
                Err(e) => code = code.max(report(&e)),
            }
            continue;
        }
        let bytes = match crate::input::limits::read_file(path) {
            Ok(b) => b,
            Err(e) => {
                code = code.max(report(&e));
                continue;
            }
        };
        // Text that is not UTF-8 is read byte for byte as Latin-1, so that
        // the lint can tell a legacy Vietnamese encoding; it is never parsed.
        let (raw, not_utf8) = match crate::input::Source::decode(path, bytes.clone()) {
            Ok(text) => (text, None),
            Err(e) => (bytes.iter().map(|b| *b as char).collect(), Some(e)),
        };
        let mut found = crate::compose::lint::raw(path, &raw);
        if let Some(err) = not_utf8
            && found.iter().all(|f| f.warning)
        {
            found.push(err.code("VB001"));
        }
        let source = crate::input::Source::new(path, &raw);
        if found.iter().all(|f| f.warning) {
            match source.parse::<InputDoc>() {
                Ok(doc) => found.extend(crate::compose::check(&source, &doc, &templates, today)),
                Err(e) => found.push(if e.code.is_some() { e } else { e.code("VB001") }),
            }
        }
        for finding in &found {
            eprintln!("{finding}\n");
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
    eprintln!(
        "{}",
        crate::tr!(
            "Đã kiểm tra {} tệp: {errors} lỗi, {warnings} cảnh báo",
            "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
            files.len()
        )
    );
    code
}

/// Today's date (UTC) from the system clock: only `check` reads it, never a writer.
fn today_utc() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch + chrono::Duration::days(days as i64)
}
