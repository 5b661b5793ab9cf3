//! Unit tables (.xlsx, .csv) as a batch reads them: what real sheets hold,
//! errors placed at file, sheet, cell and key, hostile tables refused with
//! nothing written; the form sent to units, filled in and read back; and
//! the sample batch's spreadsheet twin, rendering as its YAML units do.

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use vanban::batch::{self, Options, UnitSource};

fn vanban(args: &[&str]) -> (i32, String, String) {
    let result = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

fn units_dir() -> PathBuf {
    root().join("samples/units")
}

fn sample_settings() -> PathBuf {
    units_dir().join("batch.yaml")
}

/// Runs `vanban batch TABLE --settings samples/units/batch.yaml -o OUT`.
fn batch_table(table: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let settings = sample_settings();
    let mut args = vec![
        "batch",
        table.to_str().unwrap(),
        "--settings",
        settings.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    vanban(&args)
}

/// A workbook whose first sheet, `Chi bộ`, holds `rows` (text or numbers).
fn workbook(rows: &[Vec<Value>]) -> Workbook {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Chi bộ").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match value {
                Value::T(t) => drop(sheet.write_string(r, c, *t).unwrap()),
                Value::N(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                Value::D(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    let format = Format::new().set_num_format("dd/mm/yyyy");
                    sheet
                        .write_datetime_with_format(r, c, &date, &format)
                        .unwrap();
                }
                Value::F(f, result) => drop(
                    sheet
                        .write_formula(r, c, Formula::new(*f).set_result(*result))
                        .unwrap(),
                ),
                Value::Blank => {}
            }
        }
    }
    book
}

#[derive(Clone)]
enum Value {
    T(&'static str),
    N(f64),
    D(u16, u8, u8),
    F(&'static str, &'static str),
    Blank,
}
use Value::*;

/// The header and two units of the sample batch, as a clerk fills them.
fn two_units() -> Vec<Vec<Value>> {
    vec![
        vec![
            T("unit"),
            T("number"),
            T("date"),
            T("issuer.superior"),
            T("issuer.name"),
            T("issuer.abbr"),
            T("dang_vien"),
            T("hoc_tap"),
            T("so_tay"),
            T("ho_dan"),
            T("ho_thanh_toan"),
            T("mo_hinh"),
            T("signature.prefix"),
            T("signature.on_behalf"),
            T("signature.position"),
            T("signature.name"),
        ],
        vec![
            T("Chi bộ thôn A"),
            N(8.0),
            D(2026, 10, 22),
            T("ĐẢNG ỦY XÃ BÌNH AN"),
            T("CHI BỘ THÔN A"),
            T("CB"),
            N(20.0),
            N(18.0),
            N(11.0),
            T("1.459"),
            N(118.0),
            N(2.0),
            T("T/M"),
            T("CHI BỘ"),
            T("BÍ THƯ"),
            T("Lê Văn Tư"),
        ],
        vec![
            T("Chi bộ thôn B"),
            T("9"),
            T("07/02/2026"),
            T("ĐẢNG ỦY XÃ BÌNH AN"),
            T("CHI BỘ THÔN B"),
            T("CB"),
            N(30.0),
            F("=G2+10", "28"),
            N(25.0),
            N(400.0),
            N(100.0),
            N(0.0),
            T("T/M"),
            T("CHI BỘ"),
            T("BÍ THƯ"),
            T("Trần Văn Năm"),
        ],
    ]
}

/// `vanban form` of the sample batch, written to `dir/name`.
fn sample_form(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let settings = sample_settings();
    let (code, _, stderr) = vanban(&[
        "form",
        settings.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    path
}

fn save(book: &mut Workbook, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    path
}

/// Runs the batch in-process and returns its outcome.
fn run_units(units: &[UnitSource], out: &Path) -> batch::Outcome {
    let templates = templates();
    let settings = batch::Settings::load(&sample_settings()).unwrap();
    let options = Options {
        out: out.to_path_buf(),
        formats: vec![vanban::render::Format::Docx],
        templates: &templates,
        settings: &settings,
        jobs: 2,
        skip_existing: false,
        include_flagged: false,
        separate_appendices: false,
        progress: &|_, _| {},
        cancel: None,
        sign: None,
    };
    batch::run(units, &options).unwrap()
}

fn load(path: &Path) -> Result<batch::Loaded, vanban::error::Error> {
    batch::load(
        &[path.to_path_buf()],
        Some(&sample_settings()),
        &templates(),
    )
}

/// Replaces text in one part of a zip (an .xlsx), keeping the others.
fn patch(xlsx: &[u8], part: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == part {
            bytes = f(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_table_holds_units_as_clerks_type_them() {
    english();
    let dir = tempfile::tempdir().unwrap();
    let mut rows = two_units();
    // A title above the header, blank rows at the end.
    rows.insert(0, vec![T("BÁO CÁO SỐ LIỆU CÁC CHI BỘ")]);
    let mut book = workbook(&rows);
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet.set_row_hidden(3).unwrap();
    sheet.set_column_hidden(11).unwrap();
    sheet.write_blank(20, 3, &Format::new().set_bold()).unwrap();
    // A second sheet that is no table of units.
    let guide = book.add_worksheet();
    guide.set_name("Ghi chú").unwrap();
    guide.write_string(0, 0, "Số liệu tính đến 30/9").unwrap();
    let path = save(&mut book, dir.path(), "don-vi.xlsx");
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.units.len(), 2);
    assert!(
        loaded.notes.iter().any(|n| n.contains("hidden rows (4)")),
        "{:?}",
        loaded.notes
    );
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.contains("hidden columns (L (mo_hinh))")),
        "{:?}",
        loaded.notes
    );
    let outcome = run_units(&loaded.units, &dir.path().join("out"));
    let figures = |i: usize| outcome.reported[i].figures.clone();
    // `1.459` typed as text is one thousand four hundred and fifty-nine.
    assert_eq!(figures(0)["ho_dan"], 1459.0);
    // The formula's stored result is read.
    assert_eq!(figures(1)["hoc_tap"], 28.0);
    assert_eq!(outcome.reported[0].date, "2026-10-22");
    assert_eq!(outcome.reported[1].date, "2026-02-07");
    let doc = batch::compose_unit(
        &loaded.units[1],
        &batch::Settings::load(&sample_settings()).unwrap(),
        &templates(),
    )
    .unwrap();
    assert_eq!(doc.number(), Some("Số 09-BC/CB"));
    let date = &doc.header.rows[1].right[0].text;
    assert_eq!(date, "Bình An, ngày 07 tháng 02 năm 2026");
}

#[test]
fn merged_cells_down_a_column_give_every_row_their_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = two_units();
    rows[2][3] = Blank;
    let mut book = workbook(&rows);
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet
        .merge_range(1, 3, 2, 3, "ĐẢNG ỦY XÃ BÌNH AN", &Format::new())
        .unwrap();
    let path = save(&mut book, dir.path(), "gop.xlsx");
    let loaded = load(&path).unwrap();
    for unit in &loaded.units {
        let doc = batch::compose_unit(
            unit,
            &batch::Settings::load(&sample_settings()).unwrap(),
            &templates(),
        )
        .unwrap();
        assert_eq!(doc.header.rows[0].left[0].text, "ĐẢNG ỦY XÃ BÌNH AN");
    }
    // Merged across two columns: an error at the merge.
    let mut book = workbook(&two_units());
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet
        .merge_range(2, 4, 2, 5, "CHI BỘ THÔN B", &Format::new())
        .unwrap();
    let path = save(&mut book, dir.path(), "gop-ngang.xlsx");
    let (code, _, stderr) = batch_table(&path, &dir.path().join("out"), &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cells E3:F3 are merged"), "{stderr}");
    assert!(
        stderr.contains("gop-ngang.xlsx, sheet \"Chi bộ\", cell E3"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

/// The error a table with `rows` gives for its unit, run as a user would.
fn unit_error(rows: Vec<Vec<Value>>, name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = save(&mut workbook(&rows), dir.path(), name);
    let (code, _, stderr) = batch_table(&path, &dir.path().join("out"), &[]);
    assert_eq!(code, 1, "{stderr}");
    stderr
}

#[test]
fn errors_name_the_file_the_sheet_the_cell_and_the_key() {
    let mut rows = two_units();
    rows[1][6] = T("hai mươi");
    let err = unit_error(rows, "chu.xlsx");
    assert!(err.contains("--> "), "{err}");
    assert!(err.contains("chu.xlsx, sheet \"Chi bộ\", cell G2"), "{err}");
    assert!(err.contains("`hai mươi` is not a number"), "{err}");
    assert!(err.contains("field: dang_vien"), "{err}");
    // Only that unit failed: the other was written.
    let mut rows = two_units();
    rows[2][7] = T("85,7%");
    let err = unit_error(rows, "phan-tram.xlsx");
    assert!(
        err.contains("cell H3") && err.contains("is a percentage"),
        "{err}"
    );
    let mut rows = two_units();
    rows[1][2] = Blank;
    let err = unit_error(rows, "trong.xlsx");
    assert!(
        err.contains("cell C2") && err.contains("the cell is empty, but `date` needs a value"),
        "{err}"
    );
    let mut rows = two_units();
    rows[2][2] = T("31/02/2026");
    let err = unit_error(rows, "ngay.xlsx");
    assert!(
        err.contains("cell C3") && err.contains("`31/02/2026` is not a date"),
        "{err}"
    );
    let mut rows = two_units();
    rows[1][1] = N(8.5);
    let err = unit_error(rows, "so.xlsx");
    assert!(
        err.contains("cell B2") && err.contains("not a whole number"),
        "{err}"
    );
}

#[test]
fn a_document_number_with_its_letter_is_read_and_the_form_allows_it() {
    english();
    let dir = tempfile::tempdir().unwrap();
    let mut rows = two_units();
    rows[1][1] = T("57b");
    let loaded = load(&save(&mut workbook(&rows), dir.path(), "so-b.xlsx")).unwrap();
    let settings = batch::Settings::load(&sample_settings()).unwrap();
    let doc = batch::compose_unit(&loaded.units[0], &settings, &templates()).unwrap();
    assert_eq!(doc.number(), Some("Số 57b-BC/CB"));
    // Figures typed as text are still a number.
    let doc = batch::compose_unit(&loaded.units[1], &settings, &templates()).unwrap();
    assert_eq!(doc.number(), Some("Số 09-BC/CB"));
    // Anything else with a letter is refused at its cell.
    let mut rows = two_units();
    rows[2][1] = T("57bc");
    let err = unit_error(rows, "so-bc.xlsx");
    assert!(
        err.contains("cell B3") && err.contains("`57bc` is not a document number"),
        "{err}"
    );
    // The form checks the number's cells by a rule that lets a letter in.
    let form = sample_form(dir.path(), "mau.xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&form).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let at = xml
        .find(r#"sqref="B3:"#)
        .expect("a rule on the number's cells");
    let rule = &xml[xml[..at].rfind("<dataValidation ").unwrap()..];
    let rule = &rule[..rule.find("</dataValidation>").unwrap()];
    assert!(rule.contains(r#"type="custom""#), "{rule}");
    assert!(
        rule.contains("ISNUMBER(B3)") && rule.contains("CODE(UPPER(RIGHT(B3,1)))"),
        "{rule}"
    );
}

#[test]
fn an_unknown_column_suggests_the_nearest_key_and_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = two_units();
    rows[0][6] = T("dang_vein");
    let path = save(&mut workbook(&rows), dir.path(), "cot.xlsx");
    let out = dir.path().join("out");
    let (code, _, stderr) = batch_table(&path, &out, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("cot.xlsx, sheet \"Chi bộ\", cell G1"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `dang_vien`?"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    // A header typed as the indicator's name is pointed to its id.
    let mut rows = two_units();
    rows[0][6] = T("Đảng viên");
    let path = save(&mut workbook(&rows), dir.path(), "ten.xlsx");
    let (_, _, stderr) = batch_table(&path, &out, &[]);
    assert!(stderr.contains("did you mean `dang_vien`?"), "{stderr}");
}

#[test]
fn a_formula_without_a_stored_result_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = workbook(&two_units()).save_to_buffer().unwrap();
    // A formula saved without its result, as some tools write them.
    let bytes = patch(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains("<f>G2+10</f><v>28</v>"), "{xml}");
        xml.replace("<f>G2+10</f><v>28</v>", "<f>G2+10</f>")
    });
    let path = dir.path().join("cong-thuc.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let (code, _, stderr) = batch_table(&path, &dir.path().join("out"), &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cell H3"), "{stderr}");
    assert!(
        stderr.contains("formula whose result the file does not hold"),
        "{stderr}"
    );
    assert!(stderr.contains("save it again"), "{stderr}");
}

#[test]
fn a_csv_table_from_vietnamese_excel_reads_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("don-vi.csv");
    // Excel's "CSV UTF-8" with a byte-order mark, separated by semicolons.
    let text = "\u{feff}unit;number;date;issuer.superior;issuer.name;issuer.abbr;dang_vien;hoc_tap;so_tay;ho_dan;ho_thanh_toan;mo_hinh;signature.position;signature.name\n\
        Chi bộ thôn A;8;22/10/2026;ĐẢNG BỘ XÃ BÌNH AN;CHI BỘ THÔN A;CB;20;18;11;1.459;118;2;BÍ THƯ;Lê Văn Tư\n;;;;;;;;;;;;;\n";
    std::fs::write(&path, text).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.units.len(), 1);
    let outcome = run_units(&loaded.units, &dir.path().join("out"));
    assert_eq!(outcome.reported[0].figures["ho_dan"], 1459.0);
    // A bad cell is placed as in a sheet, without one.
    std::fs::write(&path, text.replace(";20;", ";x;")).unwrap();
    let (_, _, stderr) = batch_table(&path, &dir.path().join("out2"), &[]);
    assert!(stderr.contains("don-vi.csv, cell G2"), "{stderr}");
    // A warning of `vanban check` on a row points at the cell of its field:
    // 18/10/2026 is a Sunday.
    std::fs::write(&path, text.replace("22/10/2026", "18/10/2026")).unwrap();
    let (code, stdout, stderr) = batch_table(&path, &dir.path().join("out3"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning[VB204]")
            && stderr.contains("don-vi.csv, cell C2\n   | C2: 18/10/2026"),
        "{stderr}"
    );
    assert!(stdout.contains("1 warning(s)"), "{stdout}");
}

/// A minimal .xlsx with `sheet` as its only sheet's XML (and `strings` as
/// its shared strings), zipped with deflate.
fn raw_xlsx(sheet: &str, strings: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Chi bộ" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    );
    if strings.is_some() {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    rels.push_str("</Relationships>");
    part("xl/_rels/workbook.xml.rels", &rels);
    part(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>"#
        ),
    );
    if let Some(strings) = strings {
        part("xl/sharedStrings.xml", strings);
    }
    zip.finish().unwrap().into_inner()
}

/// The header row of `raw_xlsx` tables, as inline strings.
fn header_row() -> String {
    let keys = ["unit", "date", "dang_vien"];
    let cells: String = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            format!(
                r#"<c r="{}1" t="inlineStr"><is><t>{k}</t></is></c>"#,
                (b'A' + i as u8) as char
            )
        })
        .collect();
    format!(r#"<row r="1">{cells}</row>"#)
}

/// Sets the declared unpacked size of every part of a zip (local headers
/// and central directory) to `size`.
fn declare_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 30 < zip.len() {
        let offset = match &zip[i..i + 4] {
            b"PK\x03\x04" => Some(22),
            b"PK\x01\x02" => Some(24),
            _ => None,
        };
        if let Some(at) = offset {
            zip[i + at..i + at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
    zip
}

/// Runs a batch over the table `bytes` named `name`: it is refused, with
/// an error holding `expected`, and nothing is written.
fn refused(bytes: &[u8], name: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = batch_table(&path, &out, &[]);
    assert_eq!(code, 1, "{name}: {stderr}");
    assert!(stderr.contains(expected), "{name}: {stderr}");
    assert!(!out.exists(), "{name}: nothing is written ({stdout})");
    // Refused without working through what it claims to hold.
    assert!(started.elapsed().as_secs() < 30, "{name}");
}

#[test]
fn hostile_tables_are_refused_with_nothing_written() {
    // A value in the first cell and one in the last: a reader that makes a
    // rectangle of the cells between would ask for 17 billion of them.
    refused(
        &raw_xlsx(
            &format!(
                r#"{}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
                header_row()
            ),
            None,
        ),
        "hinh-chu-nhat.xlsx",
        "there is data in row 1.048.576",
    );
    // A value in the sheet's last row, and in its last column.
    refused(
        &raw_xlsx(
            &format!(
                r#"{}<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#,
                header_row()
            ),
            None,
        ),
        "dong.xlsx",
        "there is data in row 1.048.576; vanban reads tables of up to 10.000 rows",
    );
    refused(
        &raw_xlsx(
            &format!(
                r#"{}<row r="2"><c r="XFD2"><v>1</v></c></row>"#,
                header_row()
            ),
            None,
        ),
        "cot.xlsx",
        "there is data in column XFD; vanban reads tables of up to 256 columns",
    );
    // A shared-strings part of 40 MB (a few hundred kB zipped).
    let big = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        "<si><t>x</t></si>".repeat(40 * 1024 * 1024 / 17)
    );
    refused(
        &raw_xlsx(&header_row(), Some(&big)),
        "chuoi.xlsx",
        "its part xl/sharedStrings.xml unpacks to",
    );
    // A zip bomb that says what it holds: parts of 3.75 GB declared.
    refused(
        &declare_sizes(raw_xlsx(&header_row(), None), 0xF000_0000),
        "bom.xlsx",
        "unpacks to 3.840 MB",
    );
    // One that lies: 200 MB of sheet declared as 2 kB. Reading stops at the
    // declared size; the workbook is then damaged.
    let lie = format!(
        "{}{}",
        header_row(),
        r#"<row r="2"><c r="A2"><v>1</v></c></row>"#.repeat(5_000_000)
    );
    refused(
        &declare_sizes(raw_xlsx(&lie, None), 2048),
        "noi-doi.xlsx",
        "damaged",
    );
    refused(
        b"unit,date\nnot a zip at all",
        "van-ban.xlsx",
        "the file is no .xlsx workbook",
    );
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(4096, 0);
    refused(&xls, "cu.xlsx", "Excel 97-2003 workbook (.xls)");
    refused(
        &xls,
        "cu.xls",
        "vanban reads .xlsx and .csv tables, not .xls files",
    );
    // A cell of 1 MB.
    let long = "a".repeat(1024 * 1024);
    refused(
        &raw_xlsx(
            &format!(
                r#"{}<row r="2"><c r="A2" t="inlineStr"><is><t>{long}</t></is></c></row>"#,
                header_row()
            ),
            None,
        ),
        "o.xlsx",
        "the cell holds 1.048.576 characters; a cell may hold 100.000",
    );
}

#[test]
fn a_declared_dimension_is_not_trusted() {
    // A sheet that claims every cell there is, but holds a header and a unit.
    let sheet = format!(
        r#"{}<row r="2"><c r="A2" t="inlineStr"><is><t>Chi bộ thôn A</t></is></c><c r="B2"><v>46317</v></c></row>"#,
        header_row()
    );
    let bytes = patch(&raw_xlsx(&sheet, None), "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "<sheetData>",
            r#"<dimension ref="A1:XFD1048576"/><sheetData>"#,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kich-thuoc.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.units.len(), 1);
}

/// The unit files of the sample batch, sorted.
fn sample_units() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(units_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".yaml") && !name.starts_with('_') && name != "batch.yaml"
        })
        .collect();
    files.sort();
    files
}

/// The sample batch's units as one table: the form filled in with each
/// unit's YAML, as it is (a value no column holds is an error).
fn twin() -> Vec<u8> {
    let settings = batch::Settings::load(&sample_settings()).unwrap();
    let units: Vec<(String, serde_json::Value)> = sample_units()
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            (
                file.display().to_string(),
                serde_saphyr::from_str(&text).unwrap(),
            )
        })
        .collect();
    batch::form::write_filled(&settings, &templates(), &units).unwrap_or_else(|e| panic!("{e}"))
}

/// Regenerates `samples/units-xlsx/chi-bo.xlsx` from the YAML units (after
/// they change): `cargo test --test sheets -- --ignored write_the_spreadsheet_twin`.
#[test]
#[ignore]
fn write_the_spreadsheet_twin() {
    let dir = root().join("samples/units-xlsx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chi-bo.xlsx"), twin()).unwrap();
}

#[test]
fn the_spreadsheet_twin_of_the_sample_batch_renders_the_same_documents() {
    english();
    let table = root().join("samples/units-xlsx/chi-bo.xlsx");
    let from_table = load(&table).unwrap().units;
    let from_yaml = batch::load(&[units_dir()], None, &templates()).unwrap();
    let settings = &from_yaml.settings;
    assert_eq!(
        from_table.len(),
        from_yaml.units.len(),
        "the twin is stale: regenerate it"
    );
    let mut compared = 0;
    for (row, yaml) in from_table.iter().zip(&from_yaml.units) {
        let a = batch::compose_unit(row, settings, &templates());
        let b = batch::compose_unit(yaml, settings, &templates());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(
                    a,
                    b,
                    "{:?} differs from its YAML twin (regenerate the table?)",
                    row.origin()
                );
                compared += 1;
            }
            (Err(a), Err(b)) => {
                // The broken unit fails in both, at its date.
                assert_eq!(a.field, b.field, "{a}\n{b}");
                assert!(
                    a.to_string()
                        .contains("chi-bo.xlsx, sheet \"Báo cáo\", cell C"),
                    "{a}"
                );
            }
            (a, b) => panic!("{:?}: {:?} vs {:?}", row.origin(), a.err(), b.err()),
        }
    }
    assert_eq!(compared, from_table.len() - 1);
    // The committed table is what the generator makes of today's units.
    let committed = std::fs::read(&table).unwrap();
    assert_eq!(
        committed,
        twin(),
        "samples/units-xlsx/chi-bo.xlsx is stale: `cargo test --test sheets -- --ignored write_the_spreadsheet_twin`"
    );
}

/// Fills the form's rows 3..=`filled`+2 with figures, a date and texts, by
/// writing cells into its sheet's XML, as a script would; returns the
/// figures written per row, for the sums.
fn fill_form(form: &[u8], keys: &[String], filled: usize) -> (Vec<u8>, Vec<Vec<(String, f64)>>) {
    let mut written = Vec::new();
    let mut rows_xml = Vec::new();
    for r in 0..filled {
        let mut cells = String::new();
        let mut figures = Vec::new();
        let dv = 20.0 + (r * 7 % 31) as f64;
        for (c, key) in keys.iter().enumerate() {
            let cell = vanban::error::cell_name(r + 3, c + 1);
            let number = match key.as_str() {
                "number" => Some(r as f64 + 3.0),
                "date" => Some(46317.0 + (r % 7) as f64), // 22/10/2026 onward, as Excel stores dates
                "dang_vien" => Some(dv),
                "hoc_tap" => Some(dv - (r % 3) as f64),
                "so_tay" => Some(dv - (r % 5) as f64),
                "ho_dan" => Some(300.0 + r as f64 * 11.0),
                "ho_thanh_toan" => Some(100.0 + r as f64 * 5.0),
                "mo_hinh" => Some((r % 3) as f64),
                _ => None,
            };
            let text = match key.as_str() {
                "unit" => None,
                "issuer.superior" => Some("ĐẢNG BỘ XÃ BÌNH AN".to_string()),
                "issuer.name" => Some(format!("CHI BỘ SỐ {}", r + 1)),
                "issuer.abbr" => Some("CB".to_string()),
                "signature.position" => Some("BÍ THƯ".to_string()),
                "signature.name" => Some(format!("Nguyễn Văn {}", r + 1)),
                "signature.prefix" => Some("T/M".to_string()),
                "signature.on_behalf" => Some("CHI BỘ".to_string()),
                "situation" => Some("Ý thứ nhất.&#10;Ý thứ hai.".to_string()),
                _ => None,
            };
            if let Some(n) = number {
                cells.push_str(&format!(r#"<c r="{cell}"><v>{n}</v></c>"#));
                if !matches!(key.as_str(), "number" | "date") {
                    figures.push((key.clone(), n));
                }
            } else if let Some(t) = text {
                cells.push_str(&format!(
                    r#"<c r="{cell}" t="inlineStr"><is><t>{t}</t></is></c>"#
                ));
            }
        }
        rows_xml.push(cells);
        written.push(figures);
    }
    let bytes = patch(form, "xl/worksheets/sheet1.xml", |mut xml| {
        for (r, cells) in rows_xml.iter().enumerate() {
            let open = format!(r#"<row r="{}""#, r + 3);
            let at = xml.find(&open).expect("a row per unit");
            let end = at + xml[at..].find("</row>").unwrap();
            xml.insert_str(end, cells);
        }
        xml
    });
    (bytes, written)
}

#[test]
fn the_form_filled_in_comes_back_as_a_consolidated_workbook() {
    english();
    let dir = tempfile::tempdir().unwrap();
    let form = sample_form(dir.path(), "mau-bao-cao.xlsx");
    let bytes = std::fs::read(&form).unwrap();
    // The form: names, the header row of keys, a row per expected unit,
    // its name filled in.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&form).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("Báo cáo").unwrap();
    let row = |n: usize| -> Vec<String> {
        range
            .rows()
            .nth(n)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    let (labels, keys) = (row(0), row(1));
    assert_eq!(labels[..3], ["Tên đơn vị", "Số văn bản", "Ngày ban hành"]);
    assert_eq!(keys[..3], ["unit", "number", "date"]);
    assert_eq!(row(2)[0], "Chi bộ thôn An Thành");
    assert_eq!(range.height(), 24, "names, keys and 22 expected units");
    let sheet_xml = String::from_utf8({
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut s = Vec::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_end(&mut s)
            .unwrap();
        s
    })
    .unwrap();
    assert!(
        sheet_xml.contains(r#"<pane xSplit="1" ySplit="2""#),
        "the header is frozen"
    );
    assert!(
        sheet_xml.contains(r#"type="whole""#)
            && sheet_xml.contains(r#"operator="greaterThanOrEqual""#),
        "{sheet_xml}"
    );
    assert!(
        sheet_xml.contains("&lt;="),
        "a part is checked against its whole"
    );
    // Filled in for 20 of the 22 units; the last two rows keep their name only.
    let (filled, figures) = fill_form(&bytes, &keys, 20);
    let table = dir.path().join("da-dien.xlsx");
    std::fs::write(&table, filled).unwrap();
    let out = dir.path().join("out");
    let (code, stdout, stderr) = batch_table(&table, &out, &["--consolidate", "--format", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("20 of 20 units written"), "{stdout}");
    // The workbook's totals: the sums recomputed here, as SUM formulas
    // whose stored results a reader without a calculator sees.
    let workbook = out.join("tong-hop.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&workbook).unwrap();
    let values = book.worksheet_range("Tổng hợp").unwrap();
    let formulas = book.worksheet_formula("Tổng hợp").unwrap();
    let header: Vec<String> = values
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let total = values
        .rows()
        .position(|r| r.get(1).map(|c| c.to_string()) == Some("Tổng cộng".into()))
        .expect("a total row");
    let indicators = batch::Settings::load(&sample_settings())
        .unwrap()
        .values
        .indicators;
    for indicator in &indicators {
        let column = header.iter().position(|h| *h == indicator.name).unwrap();
        let sum: f64 = figures
            .iter()
            .flat_map(|f| f.iter())
            .filter(|(k, _)| *k == indicator.id)
            .map(|(_, v)| v)
            .sum();
        let cell = values.get((total, column)).unwrap();
        assert_eq!(
            cell.to_string(),
            vanban::batch::table::values::plain_number(sum),
            "{}",
            indicator.id
        );
        let formula = formulas.get_value((total as u32, column as u32)).unwrap();
        assert!(formula.starts_with("SUM("), "{formula}");
    }
    // Two rows of the 22 did not report: in the table, not in the totals.
    assert_eq!(total, 4 + 22);
}

#[test]
fn the_form_and_the_workbook_are_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str| std::fs::read(sample_form(dir.path(), name)).unwrap();
    assert_eq!(make("a.xlsx"), make("b.xlsx"));
}
