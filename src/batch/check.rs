//! A unit checked as the batch reads it: with its batch's defaults, and its
//! findings pointed at its own lines or, for a value it inherits, at the
//! settings file. The batch prints the warnings and lists them in its
//! manifest; `vanban check` prints them all.

use super::Settings;
use super::unit::{self, Unit};
use crate::compose::{self, Templates};
use crate::error::Error;
use crate::input::{Source, limits};
use std::path::{Path, PathBuf};

/// The settings file's name in a folder of units.
const SETTINGS: &str = "batch.yaml";

/// Whether `path` is a folder's batch settings.
pub fn is_settings(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SETTINGS)
}

/// The settings of the batch `path` is a unit of: `batch.yaml` beside a
/// YAML file that is neither it nor named `_…` (as `vanban batch FOLDER`
/// reads the folder).
pub fn settings_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy();
    if is_settings(path) || name.starts_with('_') {
        return None;
    }
    let settings = path.parent()?.join(SETTINGS);
    settings.is_file().then_some(settings)
}

/// `vanban check` of a unit: the first error that stops it loading or
/// composing, and its findings.
pub fn unit(
    path: &Path,
    settings: &Path,
    templates: &Templates,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    let settings = match Settings::load(settings) {
        Ok(s) => s,
        Err(e) => return vec![crate::check::unparsed(e)],
    };
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let loaded = match unit::load(path, &defaults, settings.path.as_deref()) {
        Ok(u) => u,
        Err(e) => return vec![crate::check::unparsed(e)],
    };
    let (mut found, lint) = parts(path, &loaded, settings.path.as_deref(), today);
    if let Err(e) = compose::compose(&loaded.source, &loaded.input, templates) {
        found.push(e);
    }
    found.extend(lint);
    found
}

/// The findings of `vanban check` on a unit that loads: the text rules on
/// its own file, then the lint rules on the unit with its defaults.
pub fn findings(
    path: &Path,
    unit: &Unit,
    settings: Option<&Path>,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    let (mut found, lint) = parts(path, unit, settings, today);
    found.extend(lint);
    found
}

/// The warnings of a unit that loads (the batch prints them and lists them
/// in its manifest).
pub fn warnings(
    path: &Path,
    unit: &Unit,
    settings: Option<&Path>,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    let mut found = findings(path, unit, settings, today);
    found.retain(|f| f.warning);
    found
}

/// The text rules' findings and the lint rules', each pointed at the unit's
/// own line or, past them, at the settings.
fn parts(
    path: &Path,
    unit: &Unit,
    settings: Option<&Path>,
    today: chrono::NaiveDate,
) -> (Vec<Error>, Vec<Error>) {
    let raw = limits::read_file(path)
        .and_then(|bytes| Source::decode(path, bytes))
        .unwrap_or_default();
    let own_lines = raw.lines().count();
    let place = |found: Vec<Error>| -> Vec<Error> {
        found
            .into_iter()
            .map(|f| unit::from_defaults(f, own_lines, settings))
            .collect()
    };
    (
        place(crate::check::text(path, &raw)),
        place(crate::check::lint(&unit.source, &unit.input, today)),
    )
}
