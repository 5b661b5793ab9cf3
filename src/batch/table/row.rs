//! A table row as a unit's document: each cell read as its column's kind
//! and put where its key says, the batch's defaults merged in as values,
//! and every error placed at the cell a clerk would fix.

use super::grid::display;
use super::{CellValue, Columns, Kind, Row, values};
use crate::error::{Error, ErrorKind, Result};
use crate::input::{InputDoc, Source, limits};
use serde_json::{Map, Value};

/// The row's document, and the top-level keys taken from `defaults`.
pub fn document(
    row: &Row,
    columns: &Columns,
    defaults: &Map<String, Value>,
) -> Result<(InputDoc, Vec<String>)> {
    let mut doc = Value::Object(Map::new());
    for cell in &row.cells {
        let Some(column) = columns.get(&cell.key) else {
            continue;
        };
        let value = read(&cell.value, column.kind).map_err(|refusal| {
            let mut err =
                Error::new(ErrorKind::Input, could_not_read(row), refusal.cause).field(&cell.key);
            if let Some(hint) = refusal.hint {
                err = err.hint(hint);
            }
            row.error_at(cell.column, Some(display(&cell.value)), err)
        })?;
        put(&mut doc, &column.path, value);
    }
    // An empty cell under a key that must have a value.
    for (key, c) in row.columns.iter() {
        if columns.get(key).is_some_and(|col| col.required)
            && !row.cells.iter().any(|x| x.column == *c)
        {
            let err = Error::new(
                ErrorKind::Input,
                could_not_read(row),
                crate::tr!(
                    "ô trống, nhưng cột `{key}` phải có giá trị",
                    "the cell is empty, but `{key}` needs a value"
                ),
            )
            .field(key.clone());
            return Err(row.error_at(*c, None, err));
        }
    }
    let taken = with_defaults(&mut doc, defaults);
    let source = Source {
        path: row.file.clone(),
        text: String::new(),
    };
    limits::check_texts(&source, &doc).map_err(|e| locate(row, e))?;
    let input = serde_path_to_error::deserialize::<_, InputDoc>(&doc).map_err(|e| {
        let path = e.path().to_string();
        let cause = e.into_inner().to_string();
        // `missing field `position`` under `signature`: the key is `signature.position`.
        let key = match cause
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            Some(missing) if path == "." || path.is_empty() => missing.to_string(),
            Some(missing) => format!("{path}.{missing}"),
            None => path,
        };
        let err = Error::new(ErrorKind::Input, could_not_read(row), cause).field(key);
        locate(row, err)
    })?;
    Ok((input, taken))
}

/// Adds the defaults' keys the row lacks (returned), and fills the row's
/// mappings key by key: a row cannot hold a whole mapping, so its
/// `issuer.name` or `signature.name` fills in the defaults' mapping.
fn with_defaults(doc: &mut Value, defaults: &Map<String, Value>) -> Vec<String> {
    let mut taken = Vec::new();
    let Value::Object(own) = doc else {
        return taken;
    };
    for (key, value) in defaults {
        match own.get_mut(key) {
            None => {
                own.insert(key.clone(), value.clone());
                taken.push(key.clone());
            }
            Some(mine @ Value::Object(_)) => {
                if let Value::Object(theirs) = value {
                    crate::batch::unit::merge(mine, theirs);
                }
            }
            Some(_) => {}
        }
    }
    taken
}

fn could_not_read(row: &Row) -> String {
    crate::tr!("không đọc được {}", "could not read {}", row.file.display())
}

fn read(value: &CellValue, kind: Kind) -> Result<Value, values::Refusal> {
    Ok(match kind {
        Kind::Text => Value::String(values::text(value)?),
        Kind::Whole => Value::from(values::whole(value)?),
        Kind::DocNumber => values::doc_number(value)?,
        Kind::Bool => Value::Bool(values::boolean(value)?),
        Kind::Date => Value::String(values::date(value)?),
        // A whole figure is written as YAML would hold it, without `.0`.
        Kind::Figure => match values::figure(value)? {
            n if n.fract() == 0.0 && n.abs() < 9e15 => Value::from(n as i64),
            n => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
        },
        Kind::Lines => Value::Array(
            values::lines(value)?
                .into_iter()
                .map(Value::String)
                .collect(),
        ),
    })
}

/// Sets `doc` at `path`, making the mappings on the way.
fn put(doc: &mut Value, path: &[String], value: Value) {
    let mut at = doc;
    for step in &path[..path.len().saturating_sub(1)] {
        if !at.get(step).is_some_and(Value::is_object) {
            at[step.as_str()] = Value::Object(Map::new());
        }
        at = &mut at[step.as_str()];
    }
    if let Some(last) = path.last() {
        at[last.as_str()] = value;
    }
}

/// Places an error about this row's unit at the cell of its field (the
/// error's field is a key, or a path of the document such as
/// `data.figures.dang_vien`), else at the row. An error placed elsewhere
/// (in a template) keeps its place.
pub fn locate(row: &Row, err: Error) -> Error {
    if err
        .location
        .as_ref()
        .is_some_and(|l| l.file != row.file || l.sheet.is_some())
    {
        return err;
    }
    let field = err.field.clone().unwrap_or_default();
    let candidates = [
        field.as_str(),
        field.strip_prefix("data.figures.").unwrap_or(""),
        field.strip_prefix("data.").unwrap_or(""),
        field.split(['.', '[']).next().unwrap_or(""),
    ];
    let found = candidates
        .iter()
        .filter(|k| !k.is_empty())
        .find_map(|k| row.columns.iter().find(|(key, _)| key == k));
    match found {
        Some((_, column)) => {
            let text = row
                .cells
                .iter()
                .find(|c| c.column == *column)
                .map(|c| display(&c.value));
            row.error_at(*column, text, err)
        }
        None => {
            let first = row.columns.first().map_or(1, |(_, c)| *c);
            let mut err = row.error_at(first, None, err);
            if !field.is_empty() {
                err = err.hint(crate::tr!(
                    "bảng không có cột `{field}`: thêm cột này, hoặc ghi giá trị vào `defaults` của batch.yaml",
                    "the table has no column `{field}`: add it, or give the value in batch.yaml's `defaults`"
                ));
            }
            err
        }
    }
}

/// The row's `unit` and `issuer.name`, for a unit's name when it cannot be read.
pub fn name_cells(row: &Row) -> Map<String, Value> {
    let text = |key: &str| {
        row.cells
            .iter()
            .find(|c| c.key == key)
            .and_then(|c| values::text(&c.value).ok())
    };
    let mut out = Map::new();
    if let Some(unit) = text("unit") {
        out.insert("unit".into(), Value::String(unit));
    }
    if let Some(name) = text("issuer.name") {
        out.insert("issuer".into(), serde_json::json!({ "name": name }));
    }
    out
}
