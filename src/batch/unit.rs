//! One unit of a batch, parsed once with the batch's defaults: from its YAML
//! (the top-level keys it lacks read from the defaults' values) or from a
//! table row (its cells read as their columns' kinds, the defaults merged).

use super::source::{Origin, UnitSource};
use super::table::{Columns, Row, row};
use crate::error::{Error, Result};
use crate::input::{InputDoc, Source};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::path::Path;

/// What every unit inherits, and what reads its cells.
pub struct Context<'a> {
    pub defaults: &'a Map<String, Value>,
    /// The settings file, to name it in errors about the defaults.
    pub settings: Option<&'a Path>,
    pub columns: &'a Columns,
}

/// A unit's document, parsed, with the defaults it lacked.
pub struct Unit {
    pub origin: Origin,
    /// Its text, for errors (empty for a table row).
    pub source: Source,
    pub input: InputDoc,
    /// The unit's name: `unit`, else the issuer's name.
    pub name: String,
    /// The table row it came from, to place errors at its cells.
    pub row: Option<Row>,
    /// The top-level keys taken from the defaults.
    taken: Vec<String>,
}

/// Reads one unit.
pub fn load(unit: &UnitSource, cx: &Context) -> Result<Unit> {
    match unit {
        UnitSource::Yaml(source) => yaml(source, cx),
        UnitSource::Row(r) => {
            let (input, taken) = row::document(r, cx.columns, cx.defaults)?;
            let source = Source {
                path: r.file.clone(),
                text: String::new(),
            };
            Ok(named(r.origin(), source, input, Some(r.clone()), taken))
        }
        UnitSource::Unreadable { error, .. } => Err(error.clone()),
    }
}

fn yaml(source: &Source, cx: &Context) -> Result<Unit> {
    let taken = RefCell::new(Vec::new());
    let mut input: InputDoc = source
        .parse_with_defaults(cx.defaults, &taken)
        .map_err(|e| from_defaults(e, &taken.borrow(), cx.settings))?;
    if let (Some(Value::Object(shared)), Some(own)) = (cx.defaults.get("data"), input.data.as_mut())
    {
        merge(own, shared);
    }
    Ok(named(
        Origin::file(&source.path),
        source.clone(),
        input,
        None,
        taken.into_inner(),
    ))
}

fn named(
    origin: Origin,
    source: Source,
    input: InputDoc,
    row: Option<Row>,
    taken: Vec<String>,
) -> Unit {
    let name = input
        .unit
        .clone()
        .unwrap_or_else(|| input.issuer.name.replace('\n', " "));
    Unit {
        origin,
        source,
        input,
        name: name.trim().to_string(),
        row,
        taken,
    }
}

impl Unit {
    /// Places an error of composing this unit: at the cell of its field in
    /// a table row; at the settings file for a value of the defaults.
    pub fn locate(&self, err: Error, settings: Option<&Path>) -> Error {
        let top = err
            .field
            .as_deref()
            .map(|f| f.split(['.', '[']).next().unwrap_or(f));
        let defaulted = top.is_some_and(|t| self.taken.iter().any(|k| k == t));
        match &self.row {
            Some(r) if !defaulted => row::locate(r, err),
            _ => from_defaults(err, &self.taken, settings),
        }
    }
}

impl Unit {
    /// For pointing the lint rules' findings at keys: the unit's text with
    /// the top-level keys it took from `defaults` written after its own
    /// lines (never parsed), and how many lines are its own. A finding past
    /// them is about a value of the defaults ([`to_settings`]).
    pub fn located_text(&self, defaults: &Map<String, Value>) -> (Source, usize) {
        let own = self.source.text.lines().count();
        let taken: Map<String, Value> = self
            .taken
            .iter()
            .filter_map(|k| Some((k.clone(), defaults.get(k)?.clone())))
            .collect();
        let appended = match serde_saphyr::to_string(&Value::Object(taken)) {
            Ok(text) if !self.taken.is_empty() => text,
            _ => return (self.source.clone(), own),
        };
        let text = format!("{}\n{appended}", self.source.text.trim_end_matches('\n'));
        (Source::owned(&self.source.path, text), own)
    }
}

/// Keys of `shared` that `own` lacks are added, recursively into mappings.
pub fn merge(own: &mut Value, shared: &Map<String, Value>) {
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

/// An error in a value taken from the defaults points at the settings file
/// instead of at the unit, which does not hold it.
fn from_defaults(err: Error, taken: &[String], settings: Option<&Path>) -> Error {
    let top = err
        .field
        .as_deref()
        .map(|f| f.split(['.', '[']).next().unwrap_or(f));
    let placeless = err.location.as_ref().is_some_and(|l| l.line == 0);
    if placeless || top.is_some_and(|t| taken.iter().any(|k| k == t)) {
        return to_settings(err, settings);
    }
    err
}

/// An error about a value of the defaults: pointed at the settings file.
pub fn to_settings(mut err: Error, settings: Option<&Path>) -> Error {
    err.location = None;
    let from = settings.map_or(crate::tr!("tệp cấu hình", "the batch settings"), |p| {
        p.display().to_string()
    });
    err.hint(crate::tr!(
        "giá trị này lấy từ `defaults` trong {from}",
        "the value comes from `defaults` in {from}"
    ))
}

/// A unit's name when it cannot be read, for the manifest: `unit`, else
/// `issuer.name`, from what of its YAML can be read, or from the defaults;
/// else the file's stem.
pub fn name_hint(unit: &UnitSource, defaults: &Map<String, Value>) -> String {
    let own = match unit {
        UnitSource::Yaml(source) => source
            .parse_unchecked::<Value>()
            .ok()
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default(),
        UnitSource::Row(r) => row::name_cells(r),
        UnitSource::Unreadable { .. } => Map::new(),
    };
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
            let origin = unit.origin();
            match origin.row {
                Some(_) => origin.describe(),
                None => origin
                    .file
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            }
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
        let columns = Columns::default();
        let cx = Context {
            defaults: &defaults,
            settings: None,
            columns: &columns,
        };
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(source) = Source::read(&path) else {
                continue;
            };
            let unit = UnitSource::Yaml(source);
            let Ok(loaded) = load(&unit, &cx) else {
                continue;
            };
            assert_eq!(
                name_hint(&unit, &defaults),
                loaded.name,
                "{}",
                path.display()
            );
            seen += 1;
        }
        assert!(seen >= 20, "only {seen} sample units loaded");
        // A unit that names only its issuer, with a `unit` in the defaults.
        let unit = UnitSource::Yaml(Source::new(
            Path::new("x.yaml"),
            "issuer:\n  name: \"Chi bộ Thôn A\"\n",
        ));
        let shared = serde_json::json!({ "unit": " Thôn B " });
        assert_eq!(name_hint(&unit, shared.as_object().unwrap()), "Thôn B");
        assert_eq!(name_hint(&unit, &Map::new()), "Chi bộ Thôn A");
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
