//! The keys a unit table's header may hold: the document's own keys (read
//! from its JSON Schema, so a new key needs no change here), the batch's
//! indicators, and the lists of the batch's template; what each column's
//! cells are read as, and where the values go in the unit's document.

use crate::batch::Settings;
use crate::compose::Templates;
use crate::input::InputDoc;
use serde_json::{Map, Value};

/// What a column's cells are read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number ≥ 0.
    Whole,
    /// A document's number (`number`): figures, or figures and a letter
    /// (`57b`).
    DocNumber,
    Bool,
    Date,
    /// One of the batch's indicators: a number, summed in consolidation.
    Figure,
    /// A list of the template: one item per line of the cell.
    Lines,
}

/// One key a table may have.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub kind: Kind,
    /// Where its value goes in the unit's document (`["data", "figures", "dang_vien"]`).
    pub path: Vec<String>,
    /// Its name in Vietnamese, a few words (the form's label row).
    pub label: String,
    /// What it holds, in Vietnamese (the form's notes).
    pub note: String,
    /// Required, and not given by the batch's defaults: an empty cell is an error.
    pub required: bool,
    /// For an indicator that is a part of another: the whole's key.
    pub part_of: Option<String>,
}

/// Every key a unit table of this batch may have.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    list: Vec<Column>,
    /// The indicators' names (`Đảng viên`), to suggest an id for a header
    /// typed as a name.
    names: Vec<(String, String)>,
}

impl Columns {
    pub fn new(settings: &Settings, templates: &Templates) -> Columns {
        let defaults = settings.values.defaults.clone().unwrap_or_default();
        let mut list = Vec::new();
        let schema = serde_json::to_value(schemars::schema_for!(InputDoc)).unwrap_or_default();
        document(&schema, &schema["$defs"], &[], Some(&defaults), &mut list);
        for column in indicators(&settings.values.indicators) {
            push(&mut list, column);
        }
        let template = defaults.get("template").and_then(Value::as_str);
        for key in template.map(|t| templates.list_keys(t)).unwrap_or_default() {
            let title = section(&key);
            let note = match title {
                Some(title) => format!("{title}: mỗi dòng một ý (xuống dòng trong ô: Alt+Enter)"),
                None => format!(
                    "Danh sách `{key}` của mẫu: mỗi dòng một ý (xuống dòng trong ô: Alt+Enter)"
                ),
            };
            let column = Column {
                path: vec!["data".into(), key.clone()],
                label: title.map_or_else(|| key.clone(), str::to_string),
                key,
                kind: Kind::Lines,
                note,
                required: false,
                part_of: None,
            };
            push(&mut list, column);
        }
        let names = settings
            .values
            .indicators
            .iter()
            .map(|i| (i.name.to_lowercase(), i.id.clone()))
            .collect();
        Columns { list, names }
    }

    pub fn get(&self, key: &str) -> Option<&Column> {
        self.list.iter().find(|c| c.key == key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Column> {
        self.list.iter()
    }

    pub fn keys(&self) -> Vec<&str> {
        self.list.iter().map(|c| c.key.as_str()).collect()
    }

    /// The key meant by a header that is none: an indicator's name typed
    /// instead of its id, or a key misspelt.
    pub fn nearest(&self, typed: &str) -> Option<&str> {
        let lower = typed.trim().to_lowercase();
        if let Some((_, id)) = self.names.iter().find(|(name, _)| *name == lower) {
            return Some(id);
        }
        self.list
            .iter()
            .map(|c| (strsim::levenshtein(&lower, &c.key), c.key.as_str()))
            .filter(|(d, key)| *d <= 3.min(key.len() / 2).max(1))
            .min()
            .map(|(_, key)| key)
    }

    /// The columns of the form sent to units, in the order of a report:
    /// the unit's name, number and date, its header, its figures, the
    /// template's lists, its signature. Keys the batch's defaults give
    /// whole are left out.
    pub fn form(&self, defaults: &Map<String, Value>) -> Vec<&Column> {
        let given = |c: &Column| {
            let Some((first, rest)) = c.path.split_first() else {
                return false;
            };
            let mut at = defaults.get(first);
            for step in rest {
                at = at.and_then(|v| v.get(step));
            }
            at.is_some()
        };
        let document = |c: &Column, keys: &[&str]| {
            c.kind != Kind::Figure && c.kind != Kind::Lines && keys.contains(&c.key.as_str())
        };
        let mut out: Vec<&Column> = Vec::new();
        let head = [
            "unit",
            "number",
            "date",
            "issuer.superior",
            "issuer.name",
            "issuer.abbr",
        ];
        let sign = [
            "signature.prefix",
            "signature.on_behalf",
            "signature.position",
            "signature.name",
        ];
        for key in head {
            out.extend(
                self.list
                    .iter()
                    .filter(|c| c.key == key && document(c, &head) && !given(c)),
            );
        }
        out.extend(self.list.iter().filter(|c| c.kind == Kind::Figure));
        out.extend(
            self.list
                .iter()
                .filter(|c| c.kind == Kind::Lines && !given(c)),
        );
        for key in sign {
            out.extend(
                self.list
                    .iter()
                    .filter(|c| c.key == key && document(c, &sign) && !given(c)),
            );
        }
        out
    }
}

/// A column per indicator: a figure, a part not above its whole.
fn indicators(indicators: &[crate::batch::Indicator]) -> Vec<Column> {
    let name = |id: &str| {
        indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.clone())
    };
    indicators
        .iter()
        .map(|i| {
            let mut note = format!("{}: số liệu, số nguyên không âm", i.name);
            if let Some(whole) = i.part_of.as_deref().and_then(name) {
                note.push_str(&format!(
                    "; là một phần của {whole}, không lớn hơn {}",
                    whole.to_lowercase()
                ));
            }
            Column {
                key: i.id.clone(),
                kind: Kind::Figure,
                path: vec!["data".into(), "figures".into(), i.id.clone()],
                label: i.name.clone(),
                note,
                required: true,
                part_of: i.part_of.clone(),
            }
        })
        .collect()
}

fn push(list: &mut Vec<Column>, column: Column) {
    if !list.iter().any(|c| c.key == column.key) {
        list.push(column);
    }
}

/// The document's scalar keys, from its JSON Schema: `unit`, `number`,
/// `issuer.name`, `signature.then.prefix`…; mappings two levels deep.
fn document(
    schema: &Value,
    defs: &Value,
    prefix: &[String],
    defaults: Option<&Map<String, Value>>,
    out: &mut Vec<Column>,
) {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return;
    };
    for (name, property) in properties {
        let property = resolve(property, defs);
        let mut path = prefix.to_vec();
        path.push(name.clone());
        let given = defaults.and_then(|d| d.get(name));
        let types = types(property);
        let kind = if name == "date" && prefix.is_empty() {
            Some(Kind::Date)
        } else if name == "number" && prefix.is_empty() {
            Some(Kind::DocNumber)
        } else if types.contains(&"string") {
            Some(Kind::Text)
        } else if types.contains(&"integer") {
            Some(Kind::Whole)
        } else if types.contains(&"boolean") {
            Some(Kind::Bool)
        } else {
            None
        };
        match kind {
            Some(kind) => out.push(Column {
                key: path.join("."),
                kind,
                label: label(&path.join("."), property["description"].as_str()),
                path,
                note: property["description"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                required: required.contains(&name.as_str())
                    && given.is_none()
                    && defaults.is_some(),
                part_of: None,
            }),
            None if property["properties"].is_object() && prefix.len() < 2 => {
                // A mapping: its keys are required only if it is.
                let inner = if required.contains(&name.as_str()) {
                    Some(
                        given
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default(),
                    )
                } else {
                    None
                };
                document(property, defs, &path, inner.as_ref(), out);
            }
            None => {}
        }
    }
}

/// A property's own schema: `$ref`, or the one `$ref` of an `anyOf` with null.
fn resolve<'a>(property: &'a Value, defs: &'a Value) -> &'a Value {
    let reference = property["$ref"].as_str().or_else(|| {
        property["anyOf"]
            .as_array()?
            .iter()
            .find_map(|p| p["$ref"].as_str())
    });
    match reference.and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => &defs[name],
        None => property,
    }
}

/// A property's types; for one of several forms (`anyOf`: a number given as
/// `44` or as `"57b"`), those of its first, the usual one.
fn types(property: &Value) -> Vec<&str> {
    match &property["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => property["anyOf"]
            .as_array()
            .and_then(|forms| forms.first())
            .map(types)
            .unwrap_or_default(),
    }
}

/// A document key's name in a few Vietnamese words: the usual ones named
/// here, the others from their schema description's first words.
fn label(key: &str, description: Option<&str>) -> String {
    let known = match key {
        "unit" => "Tên đơn vị",
        "number" => "Số văn bản",
        "date" => "Ngày ban hành",
        "issuer.superior" => "Cơ quan cấp trên",
        "issuer.name" => "Tên cơ quan ban hành",
        "issuer.abbr" => "Chữ viết tắt",
        "signature.prefix" => "Thể thức ký",
        "signature.on_behalf" => "Ký thay cho",
        "signature.position" => "Chức vụ người ký",
        "signature.name" => "Họ tên người ký",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let text = description.unwrap_or(key);
    let first = text
        .split(['(', ';', ':', '.', ','])
        .next()
        .unwrap_or(text)
        .trim();
    if first.is_empty() {
        key.to_string()
    } else {
        first.to_string()
    }
}

/// The section a built-in report list fills (the form's notes).
fn section(key: &str) -> Option<&'static str> {
    Some(match key {
        "situation" => "Đặc điểm tình hình",
        "leadership" => "Công tác lãnh đạo, chỉ đạo, học tập, quán triệt",
        "inspection" => "Công tác kiểm tra, giám sát, sơ kết, khen thưởng",
        "strengths" => "Ưu điểm",
        "weaknesses" => "Hạn chế, khuyết điểm",
        "causes" => "Nguyên nhân",
        "lessons" => "Bài học kinh nghiệm",
        "directions" => "Phương hướng, nhiệm vụ thời gian tới",
        "proposals" => "Kiến nghị, đề xuất",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Columns {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/units");
        let settings = Settings::load(&dir.join("batch.yaml")).unwrap();
        Columns::new(&settings, &Templates::load(None).unwrap())
    }

    #[test]
    fn keys_come_from_the_schema_the_indicators_and_the_template() {
        let columns = sample();
        let kind = |k: &str| columns.get(k).map(|c| c.kind);
        assert_eq!(kind("unit"), Some(Kind::Text));
        assert_eq!(kind("number"), Some(Kind::DocNumber));
        assert_eq!(kind("date"), Some(Kind::Date));
        assert_eq!(kind("issuer.name"), Some(Kind::Text));
        assert_eq!(kind("signature.then.prefix"), Some(Kind::Text));
        assert_eq!(kind("dang_vien"), Some(Kind::Figure));
        assert_eq!(kind("situation"), Some(Kind::Lines));
        assert_eq!(kind("tasks"), None);
        assert_eq!(kind("data"), None);
        // Required unless the defaults give it: the sample's defaults give
        // `rules` and `place`, not the issuer's name.
        assert!(columns.get("issuer.name").unwrap().required);
        assert!(columns.get("date").unwrap().required);
        assert!(!columns.get("place").unwrap().required);
        assert!(!columns.get("signature.name").unwrap().required);
        assert_eq!(columns.nearest("dang_vein"), Some("dang_vien"));
        assert_eq!(columns.nearest("Đảng viên"), Some("dang_vien"));
        assert_eq!(columns.nearest("signature.nmae"), Some("signature.name"));
        assert_eq!(columns.nearest("zzzzzzzzzz"), None);
    }

    #[test]
    fn the_form_asks_what_the_defaults_do_not_give() {
        let columns = sample();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/units");
        let settings = Settings::load(&dir.join("batch.yaml")).unwrap();
        let defaults = settings.values.defaults.clone().unwrap();
        let keys: Vec<&str> = columns
            .form(&defaults)
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(keys[..3], ["unit", "number", "date"]);
        assert!(
            keys.contains(&"dang_vien")
                && keys.contains(&"situation")
                && keys.contains(&"signature.name")
        );
        assert!(!keys.contains(&"place") && !keys.contains(&"rules"));
    }
}
