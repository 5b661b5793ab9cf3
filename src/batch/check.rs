//! A unit checked as the batch reads it: with its batch's defaults, and its
//! findings pointed at its own lines (a table row's: at its cells) or, for a
//! value it inherits, at the settings file. The batch prints the warnings
//! and lists them in its manifest; `vanban check` prints them all.

use super::Settings;
use super::table::Columns;
use super::unit::{self, Context, Unit};
use crate::compose::{self, Templates};
use crate::error::Error;
use crate::input::{Source, limits};
use std::path::{Path, PathBuf};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

/// `vanban check` of a unit file: the first error that stops it loading or
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
    let columns = Columns::new(&settings, templates);
    let cx = Context {
        defaults: &defaults,
        settings: settings.path.as_deref(),
        columns: &columns,
    };
    let loaded = match Source::read(path).and_then(|s| unit::load(&super::UnitSource::Yaml(s), &cx))
    {
        Ok(u) => u,
        Err(e) => return vec![crate::check::unparsed(e)],
    };
    let (mut found, lint) = parts(&loaded, &cx, today);
    if let Err(e) = compose::compose(&loaded.source, &loaded.input, templates) {
        found.push(loaded.locate(e, cx.settings));
    }
    found.extend(lint);
    found
}

/// The warnings of a unit that loads (the batch prints them and lists them
/// in its manifest): the text rules' on its own text, then the lint rules'
/// on the unit with its defaults.
pub fn warnings(unit: &Unit, cx: &Context, today: chrono::NaiveDate) -> Vec<Error> {
    let (mut found, lint) = parts(unit, cx, today);
    found.extend(lint);
    found.retain(|f| f.warning);
    found
}

/// The text rules' findings and the lint rules', each pointed at the unit's
/// own line (a table row's: at the cell of its field) or, for a value of the
/// defaults, at the settings.
fn parts(unit: &Unit, cx: &Context, today: chrono::NaiveDate) -> (Vec<Error>, Vec<Error>) {
    let text =
        raw_text(unit).map_or_else(Vec::new, |raw| crate::check::text(&unit.source.path, &raw));
    if unit.row.is_some() {
        let lint = crate::check::lint(&unit.source, &unit.input, today);
        let place = |f| unit.locate(f, cx.settings);
        return (text, lint.into_iter().map(place).collect());
    }
    // A rule points at the key it is about, written in the unit or, past
    // its own lines, in the defaults it took.
    let (located, own) = unit.located_text(cx.defaults);
    let lint = crate::check::lint(&located, &unit.input, today)
        .into_iter()
        .map(|f| match &f.location {
            Some(l) if l.line > own => unit::to_settings(f, cx.settings),
            _ => f,
        })
        .collect();
    (text, lint)
}

/// The text the text rules read: a YAML unit's file as it is on disk, when
/// it is the unit's text (its [`Source`] holds it in NFC, which would hide
/// VB209), else its text as given in memory (a unit given by a server is
/// never mixed with a local file of the same name); none for a table row,
/// whose cells are not YAML.
fn raw_text(unit: &Unit) -> Option<String> {
    if unit.row.is_some() {
        return None;
    }
    let given = &unit.source.text;
    let path = &unit.source.path;
    let on_disk = limits::read_file(path).and_then(|bytes| Source::decode(path, bytes));
    Some(match on_disk {
        Ok(raw) if same_text(&raw, given) => raw,
        _ => given.clone(),
    })
}

/// Whether `raw` is `nfc` once normalised.
fn same_text(raw: &str, nfc: &str) -> bool {
    match is_nfc_quick(raw.chars()) {
        IsNormalized::Yes => raw == nfc,
        _ => raw.nfc().eq(nfc.chars()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_of(path: &Path, text: &str) -> Unit {
        let defaults = serde_json::Map::new();
        let columns = Columns::default();
        let cx = Context {
            defaults: &defaults,
            settings: None,
            columns: &columns,
        };
        unit::load(
            &super::super::UnitSource::Yaml(Source::new(path, text)),
            &cx,
        )
        .unwrap()
    }

    #[test]
    fn the_text_rules_read_the_file_only_when_it_is_the_unit() {
        let dir = tempfile::tempdir().unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/party-ket-luan.yaml");
        let text = std::fs::read_to_string(&sample).unwrap();
        // The file as typed, decomposed (NFD): the rules see it so (VB209).
        let typed = dir.path().join("typed.yaml");
        let decomposed: String = text.nfd().collect();
        std::fs::write(&typed, &decomposed).unwrap();
        assert_eq!(raw_text(&unit_of(&typed, &decomposed)).unwrap(), decomposed);
        // A unit given in memory under the name of another file: its own text.
        let other = dir.path().join("other.yaml");
        std::fs::write(&other, "secret: 1\n").unwrap();
        assert_eq!(raw_text(&unit_of(&other, &text)).unwrap(), text);
    }
}
