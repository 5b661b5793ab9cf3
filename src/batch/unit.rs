//! One unit of a batch: its file with the batch's defaults filled in.

use crate::error::{Error, Result};
use crate::input::{InputDoc, Source};
use serde_json::{Map, Value};
use std::path::Path;

/// A unit's file, parsed, with the defaults it lacked.
pub struct Unit {
    pub source: Source,
    pub input: InputDoc,
    /// The unit's name: `unit`, else the issuer's name.
    pub name: String,
}

/// Reads a unit. Top-level keys missing from the file are taken from
/// `defaults` (appended to its text, so that every error in the unit's own
/// lines keeps its line and column); `data` is merged key by key, the
/// unit's values winning.
pub fn load(path: &Path, defaults: &Map<String, Value>, settings: Option<&Path>) -> Result<Unit> {
    let original = Source::read(path)?;
    // Parsing as a value first gives located syntax errors for the unit
    // itself, and checks its texts; the defaults were checked with the
    // settings, so the typed parse below need not check again.
    let own: Value = original.parse_value()?;
    let own_keys = own.as_object().cloned().unwrap_or_default();
    let missing: Map<String, Value> = defaults
        .iter()
        .filter(|(k, _)| !own_keys.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let lines = original.text.lines().count();
    let source = if missing.is_empty() {
        original
    } else {
        let appended = serde_saphyr::to_string(&Value::Object(missing)).map_err(|e| {
            Error::new(
                crate::error::ErrorKind::Input,
                crate::tr!(
                    "không áp dụng được giá trị mặc định (`defaults`) của tệp cấu hình",
                    "could not use the batch defaults"
                ),
                e.to_string(),
            )
        })?;
        let text = format!("{}\n{appended}", original.text.trim_end_matches('\n'));
        Source {
            path: original.path.clone(),
            text,
        }
    };
    let mut input: InputDoc = source
        .parse_unchecked()
        .map_err(|e| from_defaults(e, lines, settings))?;
    if let (Some(Value::Object(shared)), Some(own)) = (defaults.get("data"), input.data.as_mut()) {
        merge(own, shared);
    }
    let name = input
        .unit
        .clone()
        .unwrap_or_else(|| input.issuer.name.replace('\n', " "));
    Ok(Unit {
        source,
        input,
        name: name.trim().to_string(),
    })
}

/// Keys of `shared` that `own` lacks are added, recursively into mappings.
fn merge(own: &mut Value, shared: &Map<String, Value>) {
    let Value::Object(own) = own else { return };
    for (key, value) in shared {
        match (own.get_mut(key), value) {
            (Some(mine @ Value::Object(_)), Value::Object(theirs)) => merge(mine, theirs),
            (Some(_), _) => {}
            (None, _) => {
                own.insert(key.clone(), value.clone());
            }
        }
    }
}

/// An error in the appended defaults points at the settings file instead of
/// past the unit's last line.
pub(super) fn from_defaults(mut err: Error, lines: usize, settings: Option<&Path>) -> Error {
    if err.location.as_ref().is_some_and(|l| l.line > lines) {
        err.location = None;
        let from = settings.map_or(crate::tr!("tệp cấu hình", "the batch settings"), |p| {
            p.display().to_string()
        });
        err = err.hint(crate::tr!(
            "giá trị này lấy từ `defaults` trong {from}",
            "the value comes from `defaults` in {from}"
        ));
    }
    err
}

/// A unit's name for its file names, read cheaply (one parse, no rendering):
/// `unit`, else `issuer.name`, from the unit's own YAML or else from the
/// batch's defaults; else the file's stem. For a unit that loads, this is
/// the name [`load`] gives it; for one that does not, the best guess.
pub fn name_hint(path: &Path, defaults: &Map<String, Value>) -> String {
    let own = Source::read(path)
        .ok()
        .and_then(|source| source.parse_unchecked::<Value>().ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    // As in `load`: a top-level key the unit lacks comes from the defaults.
    let key = |k: &str| own.get(k).or_else(|| defaults.get(k));
    let name = match key("unit") {
        Some(unit) => unit.as_str().map(str::to_string),
        None => key("issuer")
            .and_then(|i| i.get("name")?.as_str())
            .map(|n| n.replace('\n', " ")),
    };
    name.map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            path.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_hint_is_the_name_load_gives() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/units");
        let settings = crate::batch::settings::Settings::load(&dir.join("batch.yaml")).unwrap();
        let defaults = settings.values.defaults.clone().unwrap_or_default();
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(unit) = load(&path, &defaults, None) else {
                continue;
            };
            assert_eq!(name_hint(&path, &defaults), unit.name, "{}", path.display());
            seen += 1;
        }
        assert!(seen >= 20, "only {seen} sample units loaded");
        // A unit that names only its issuer, with a `unit` in the defaults.
        let tmp = std::env::temp_dir().join(format!("vanban-hint-{}.yaml", std::process::id()));
        std::fs::write(&tmp, "issuer:\n  name: \"Chi bộ Thôn A\"\n").unwrap();
        let shared = serde_json::json!({ "unit": " Thôn B " });
        assert_eq!(name_hint(&tmp, shared.as_object().unwrap()), "Thôn B");
        assert_eq!(name_hint(&tmp, &Map::new()), "Chi bộ Thôn A");
        std::fs::remove_file(&tmp).unwrap();
    }

    #[test]
    fn data_merges_key_by_key_and_the_unit_wins() {
        let mut own = serde_json::json!({ "figures": { "a": 1 }, "title": "mine" });
        let shared =
            serde_json::json!({ "figures": { "a": 9, "b": 2 }, "title": "theirs", "tasks": [1] });
        merge(&mut own, shared.as_object().unwrap());
        assert_eq!(
            own,
            serde_json::json!({ "figures": { "a": 1, "b": 2 }, "title": "mine", "tasks": [1] })
        );
    }
}
