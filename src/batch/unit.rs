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
    // Parsing as a value first gives located syntax errors for the unit itself.
    let own: Value = original.parse()?;
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
                "could not use the batch defaults",
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
        .parse()
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
fn from_defaults(mut err: Error, lines: usize, settings: Option<&Path>) -> Error {
    if err.location.as_ref().is_some_and(|l| l.line > lines) {
        err.location = None;
        let from = settings.map_or("the batch settings".to_string(), |p| {
            p.display().to_string()
        });
        err = err.hint(format!("the value comes from `defaults` in {from}"));
    }
    err
}

/// The name of a unit whose file could not be used, if its YAML still says
/// it (`unit`, else `issuer.name`); else the file's stem.
pub fn name_hint(path: &Path) -> String {
    let from_yaml = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_saphyr::from_str::<Value>(&text).ok())
        .and_then(|v| {
            let unit = v.get("unit").and_then(Value::as_str).map(str::to_string);
            unit.or_else(|| {
                v.get("issuer")?
                    .get("name")?
                    .as_str()
                    .map(|n| n.replace('\n', " "))
            })
        });
    from_yaml.unwrap_or_else(|| {
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
