//! `vanban form`: the workbook an office sends its units to fill in — a row
//! of Vietnamese column names above the header row of keys (each key with a
//! note in Vietnamese), one row per unit of `expected` (its name filled in),
//! checks on what may be typed (whole numbers ≥ 0 for figures, a part not
//! above its whole, a date, a number), the header frozen; and a second
//! sheet that explains each column.

use super::Settings;
use super::table::{Column, Columns, Kind};
use crate::compose::Templates;
use crate::error::{Error, ErrorKind, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

/// Rows with checks below the expected units, for units added by hand.
const SPARE_ROWS: u32 = 100;
/// The sheet's rows: Vietnamese names, then the keys vanban reads (the
/// header row: rows above it are not read), then a row per unit.
const LABELS: u32 = 0;
const KEYS: u32 = 1;
const FIRST: u32 = 2;

/// The form's bytes for the batch of `settings`.
pub fn write(settings: &Settings, templates: &Templates) -> Result<Vec<u8>> {
    build(settings, templates, None).map_err(xlsx_error)
}

/// The form filled in with `units` (each a name for errors and a document
/// as a value, e.g. a YAML unit as it is): a row per unit. A value that no
/// column holds is an error: the table would not hold the whole unit.
pub fn write_filled(
    settings: &Settings,
    templates: &Templates,
    units: &[(String, Value)],
) -> Result<Vec<u8>> {
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let all = Columns::new(settings, templates);
    let columns = all.form(&defaults);
    for (name, unit) in units {
        let mut leaves = Vec::new();
        leaf_paths(unit, &mut Vec::new(), &mut leaves);
        if let Some(leaf) = leaves
            .iter()
            .find(|l| !columns.iter().any(|c| c.path == **l))
        {
            return Err(Error::new(
                ErrorKind::Input,
                crate::tr!(
                    "không ghi được {name} vào bảng",
                    "could not put {name} in a table"
                ),
                crate::tr!(
                    "không cột nào giữ `{}`",
                    "no column holds `{}`",
                    leaf.join(".")
                ),
            ));
        }
    }
    build(settings, templates, Some(units)).map_err(xlsx_error)
}

/// The paths of every value that is no mapping.
fn leaf_paths(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                path.push(key.clone());
                leaf_paths(item, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn build(
    settings: &Settings,
    templates: &Templates,
    units: Option<&[(String, Value)]>,
) -> Result<Vec<u8>, XlsxError> {
    let defaults = settings.values.defaults.clone().unwrap_or_default();
    let all = Columns::new(settings, templates);
    let columns = all.form(&defaults);
    let mut book = Workbook::new();
    // A fixed date: the same settings always give the same bytes.
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("Báo cáo")?;
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let label = base
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let key = base
        .clone()
        .set_font_size(9)
        .set_font_color(Color::RGB(0x595959))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(LABELS, c, &column.label, &label)?;
        sheet.write_string_with_format(KEYS, c, &column.key, &key)?;
        sheet.insert_note(KEYS, c, &note(column).set_width(320).set_height(140))?;
        sheet.set_column_format(c, &cell_format(column.kind, &base))?;
        sheet.set_column_width(c, width(column))?;
    }
    sheet.set_row_height(LABELS, 45)?;
    let rows = match units {
        Some(units) => {
            for (r, (_, unit)) in units.iter().enumerate() {
                fill(sheet, FIRST + r as u32, &columns, unit, &base)?;
            }
            units.len()
        }
        None => {
            let expected = &settings.values.expected;
            if let Some(c) = columns.iter().position(|c| c.key == "unit") {
                for (r, name) in expected.iter().enumerate() {
                    sheet.write_string_with_format(FIRST + r as u32, c as u16, name, &base)?;
                }
            }
            expected.len()
        }
    };
    let last = FIRST + rows as u32 + SPARE_ROWS;
    for (c, column) in columns.iter().enumerate() {
        if let Some(check) = validation(column, &columns)? {
            sheet.add_data_validation(FIRST, c as u16, last, c as u16, &check)?;
        }
    }
    sheet.set_freeze_panes(FIRST, 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    guide(book.add_worksheet(), &columns, &base)?;
    book.save_to_buffer()
}

/// Writes one unit's values in row `r`: dates as dates, lists one item
/// per line, numbers as numbers.
fn fill(
    sheet: &mut Worksheet,
    r: u32,
    columns: &[&Column],
    unit: &Value,
    base: &Format,
) -> Result<(), XlsxError> {
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        let mut value = Some(unit);
        for step in &column.path {
            value = value.and_then(|v| v.get(step));
        }
        let format = cell_format(column.kind, base);
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => {
                sheet.write_number_with_format(r, c, n.as_f64().unwrap_or_default(), &format)?;
            }
            Some(Value::String(text)) => {
                match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(day) if column.kind == Kind::Date => {
                        let serial = super::table::values::date_to_serial(day);
                        sheet.write_number_with_format(r, c, serial, &format)?;
                    }
                    // A date that does not exist is written as it was typed.
                    _ => {
                        sheet.write_string_with_format(r, c, text, &format)?;
                    }
                }
            }
            Some(Value::Array(items)) => {
                let lines: Vec<String> = items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect();
                sheet.write_string_with_format(r, c, lines.join("\n"), &format)?;
            }
            Some(other) => {
                sheet.write_string_with_format(r, c, other.to_string(), &format)?;
            }
        }
    }
    Ok(())
}

/// What a header's note says: what the column holds, and whether it must
/// be filled.
fn note(column: &Column) -> Note {
    let mut text = column.note.clone();
    if column.required {
        text.push_str(" Bắt buộc.");
    }
    Note::new(text)
        .add_author_prefix(false)
        .set_font_name("Times New Roman")
}

fn cell_format(kind: Kind, base: &Format) -> Format {
    match kind {
        Kind::Figure | Kind::Whole => base.clone().set_num_format("#,##0"),
        // `0` keeps a typed `57b` as it is typed.
        Kind::DocNumber => base
            .clone()
            .set_num_format("0")
            .set_align(FormatAlign::Left),
        Kind::Date => base.clone().set_num_format("dd/mm/yyyy"),
        Kind::Lines => base.clone().set_text_wrap().set_align(FormatAlign::Top),
        Kind::Text | Kind::Bool => base.clone().set_align(FormatAlign::Top),
    }
}

fn width(column: &Column) -> f64 {
    match column.kind {
        Kind::Lines => 45.0,
        Kind::Figure | Kind::Whole | Kind::DocNumber | Kind::Date => 12.0,
        _ if column.key == "unit" => 28.0,
        _ => 20.0,
    }
}

/// The check on a column's cells: figures whole and ≥ 0 (a part not above
/// its whole), the document's number whole and ≥ 1 or such figures and a
/// letter, the date a date.
fn validation(column: &Column, columns: &[&Column]) -> Result<Option<DataValidation>, XlsxError> {
    let here = columns
        .iter()
        .position(|c| c.key == column.key)
        .unwrap_or(0) as u16;
    let check = match column.kind {
        Kind::Figure => match column
            .part_of
            .as_ref()
            .and_then(|w| columns.iter().position(|c| &c.key == w))
        {
            Some(whole) => {
                let (part, whole) = (cell_ref(FIRST, here), cell_ref(FIRST, whole as u16));
                DataValidation::new()
                    .allow_custom(Formula::new(format!(
                        "=AND(INT({part})={part},{part}>=0,{part}<={whole})"
                    )))
                    .set_error_message(format!(
                        "Số nguyên không âm, không lớn hơn cột {}.",
                        column.part_of.as_deref().unwrap_or("")
                    ))?
            }
            None => DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_message("Số liệu là số nguyên không âm.")?,
        },
        Kind::Whole => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("Ghi số nguyên không âm.")?,
        Kind::DocNumber => DataValidation::new()
            .allow_custom(Formula::new(doc_number_rule(&cell_ref(FIRST, here))))
            .set_error_message(
                "Số văn bản: chữ số, có thể kèm một chữ cái ở cuối (57 hoặc 57b).",
            )?,
        Kind::Date => DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2099, 12, 31)?,
            ))
            .set_error_message("Ghi ngày tháng, ví dụ 07/02/2026.")?,
        _ => return Ok(None),
    };
    Ok(Some(check.set_error_title("vanban")?))
}

/// The formula that holds for a document's number in `cell`: a whole number
/// ≥ 1, as a number or as text, or such figures and one Latin letter.
fn doc_number_rule(cell: &str) -> String {
    let whole = |x: &str| format!("AND(ISNUMBER({x}),INT({x})={x},{x}>=1)");
    let figures = format!("LEFT({cell},LEN({cell})-1)");
    let letter = format!("CODE(UPPER(RIGHT({cell},1)))");
    format!(
        "=IF(ISNUMBER({cell}),{},IF(ISNUMBER(--{cell}),{},AND({},ISERR(FIND(\".\",{figures})),{letter}>=65,{letter}<=90)))",
        whole(cell),
        whole(&format!("--{cell}")),
        whole(&format!("--{figures}")),
    )
}

/// The second sheet: each column's key and meaning. Keys are written in
/// backquotes, so that this sheet is never read as one of units.
fn guide(sheet: &mut Worksheet, columns: &[&Column], base: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Hướng dẫn")?;
    let bold = base.clone().set_bold();
    let wrap = base.clone().set_text_wrap().set_align(FormatAlign::Top);
    let lines = [
        "HƯỚNG DẪN ĐIỀN BẢNG",
        "Mỗi dòng của trang \"Báo cáo\" là báo cáo của một đơn vị; không sửa, không gộp các ô của hai dòng tiêu đề.",
        "Số liệu ghi số nguyên (1.234 hoặc 1234); ngày ghi ngày/tháng/năm (07/02/2026).",
        "Ô có nhiều ý: mỗi ý một dòng (xuống dòng trong ô bằng Alt+Enter).",
    ];
    for (r, text) in lines.iter().enumerate() {
        let format = if r == 0 { &bold } else { base };
        sheet.write_string_with_format(r as u32, 0, *text, format)?;
    }
    let top = lines.len() as u32 + 1;
    for (c, title) in ["Cột", "Khóa", "Nội dung", "Bắt buộc"].iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *title, &bold)?;
    }
    for (i, column) in columns.iter().enumerate() {
        let r = top + 1 + i as u32;
        sheet.write_string_with_format(r, 0, &column.label, &wrap)?;
        sheet.write_string_with_format(r, 1, format!("`{}`", column.key), &wrap)?;
        sheet.write_string_with_format(r, 2, &column.note, &wrap)?;
        sheet.write_string_with_format(r, 3, if column.required { "có" } else { "" }, &wrap)?;
    }
    for (c, width) in [28.0, 22.0, 70.0, 10.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// `(4, 2)` → `C5` (row and column from 0).
pub fn cell_ref(row: u32, column: u16) -> String {
    crate::error::cell_name(row as usize + 1, column as usize + 1)
}

pub fn xlsx_error(e: XlsxError) -> Error {
    Error::new(
        ErrorKind::Render,
        crate::tr!(
            "không tạo được sổ .xlsx",
            "could not make the .xlsx workbook"
        ),
        e.to_string(),
    )
}
