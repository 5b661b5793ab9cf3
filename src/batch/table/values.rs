//! Reading a cell as its column's kind, the way Vietnamese offices type
//! values: `1.234` (a dot between thousands), `12,5` (a decimal comma),
//! dates as Excel dates or `07/02/2026` (day first).

use super::CellValue;
use chrono::{Datelike, NaiveDate};

/// Why a cell could not be read as its kind, in words for the clerk.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub cause: String,
    pub hint: Option<String>,
}

fn refuse(cause: String, hint: Option<String>) -> Refusal {
    Refusal { cause, hint }
}

/// `12` for 12.0, `12.5` otherwise: a number as plain text.
pub fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A figure: a number cell, or text written the Vietnamese way.
pub fn figure(value: &CellValue) -> Result<f64, Refusal> {
    match value {
        CellValue::Number(n) if n.is_finite() => Ok(*n),
        CellValue::Text(text) => vietnamese_number(text),
        CellValue::Date(_) => Err(refuse(
            crate::tr!(
                "ô là một ngày tháng, không phải số liệu",
                "the cell is a date, not a figure"
            ),
            Some(crate::tr!(
                "Excel tự đổi số như 1.5 thành ngày; định dạng ô là Số (Number) rồi gõ lại",
                "Excel turns numbers like 1.5 into dates; format the cell as Number and type it again"
            )),
        )),
        other => Err(not_kind(other, &crate::tr!("một số", "a number"))),
    }
}

/// `1.234` → 1234, `1.234,5` → 1234.5, `12,5` → 12.5, `1 234` → 1234. A
/// percentage, a dot not between thousands and `1,234` (a thousand in
/// English, one point two three four in Vietnamese) are refused.
pub fn vietnamese_number(text: &str) -> Result<f64, Refusal> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let shown = text.trim();
    if t.ends_with('%') {
        return Err(refuse(
            crate::tr!(
                "`{shown}` là tỷ lệ phần trăm; cột này ghi số lượng",
                "`{shown}` is a percentage; this column takes a count"
            ),
            Some(crate::tr!(
                "ghi số lượng (ví dụ số đảng viên đã học tập); vanban tự tính tỷ lệ từ số liệu thành phần và tổng số",
                "write the count (e.g. the members who studied); vanban computes rates from the part and its whole"
            )),
        ));
    }
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(&t)),
    };
    match grouped(digits) {
        Some(Ok(n)) => Ok(sign * n),
        Some(Err(())) => Err(refuse(
            crate::tr!(
                "`{shown}` không rõ nghĩa: trong tiếng Việt dấu phẩy đứng trước phần thập phân",
                "`{shown}` is ambiguous: in Vietnamese the comma comes before decimals"
            ),
            Some(crate::tr!(
                "nếu là một nghìn hai trăm ba mươi tư, ghi 1234 hoặc 1.234",
                "for one thousand two hundred and thirty-four, write 1234 or 1.234"
            )),
        )),
        None => Err(refuse(
            crate::tr!("`{shown}` không phải là số", "`{shown}` is not a number"),
            Some(crate::tr!(
                "số viết kiểu Việt Nam: dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân (1.234 hoặc 12,5)",
                "write numbers the Vietnamese way: dots between thousands, a comma before decimals (1.234 or 12,5)"
            )),
        )),
    }
}

/// Digits with dots between groups of three and a decimal comma: the
/// number; `Some(Err)` for `1,234` (ambiguous); `None` if not a number.
fn grouped(digits: &str) -> Option<Result<f64, ()>> {
    let (int, frac) = match digits.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = int.split('.').collect();
    let grouped_ok = groups.iter().all(|g| all_digits(g))
        && (groups.len() == 1
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    if !grouped_ok || !frac.is_none_or(all_digits) {
        return None;
    }
    if frac.is_some_and(|f| f.len() == 3) && groups.len() == 1 && int.len() <= 3 {
        return Some(Err(()));
    }
    let plain = format!("{}.{}", groups.concat(), frac.unwrap_or("0"));
    plain.parse::<f64>().ok().map(Ok)
}

/// A whole number ≥ 0 (a document's number).
pub fn whole(value: &CellValue) -> Result<u32, Refusal> {
    let n = match value {
        CellValue::Number(n) => *n,
        CellValue::Text(t) => vietnamese_number(t)?,
        other => {
            return Err(not_kind(
                other,
                &crate::tr!("một số nguyên", "a whole number"),
            ));
        }
    };
    if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
        return Err(refuse(
            crate::tr!(
                "`{}` không phải là số nguyên không âm",
                "`{}` is not a whole number ≥ 0",
                plain_number(n)
            ),
            None,
        ));
    }
    Ok(n as u32)
}

/// A document's number: a whole number, or figures and one letter typed
/// as text (`57b`), kept as text for the document to read.
pub fn doc_number(value: &CellValue) -> Result<serde_json::Value, Refusal> {
    let text = match value {
        CellValue::Text(text) if text.chars().any(char::is_alphabetic) => text,
        _ => return whole(value).map(serde_json::Value::from),
    };
    match crate::input::DocNumber::parse(text) {
        Some(number) => Ok(serde_json::Value::String(number.to_string())),
        None => Err(refuse(
            crate::tr!(
                "`{}` không phải là số văn bản",
                "`{}` is not a document number",
                text.trim()
            ),
            Some(crate::tr!(
                "ghi chữ số, có thể kèm một chữ cái ở cuối (57 hoặc 57b)",
                "write figures, perhaps with one letter after them (57 or 57b)"
            )),
        )),
    }
}

/// A date as `YYYY-MM-DD` (or `YYYY-MM` typed for a draft): an Excel date,
/// a date serial, or text `07/02/2026` (day first), `7-2-2026`, `2026-02-07`.
pub fn date(value: &CellValue) -> Result<String, Refusal> {
    let format = |d: NaiveDate| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    let hint = || {
        Some(crate::tr!(
            "ghi ngày theo dạng ngày/tháng/năm, ví dụ 07/02/2026, hoặc định dạng ô là Ngày (Date)",
            "write the date as day/month/year, e.g. 07/02/2026, or format the cell as a Date"
        ))
    };
    match value {
        CellValue::Date(serial) | CellValue::Number(serial) => {
            serial_to_date(*serial).map(format).ok_or_else(|| {
                refuse(
                    crate::tr!(
                        "`{serial}` không phải là ngày tháng",
                        "`{serial}` is not a date"
                    ),
                    hint(),
                )
            })
        }
        CellValue::Text(text) => {
            let t = text.trim();
            if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                return Ok(format(d));
            }
            // `2026-02` for a draft: kept for compose to check.
            if t.len() == 7 && NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").is_ok() {
                return Ok(t.to_string());
            }
            let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
            let number = |s: &str| s.parse::<u32>().ok();
            if let [d, m, y] = parts[..]
                && y.len() == 4
                && let (Some(d), Some(m), Some(y)) = (number(d), number(m), number(y))
                && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
            {
                return Ok(format(date));
            }
            Err(refuse(
                crate::tr!("`{t}` không phải là ngày tháng", "`{t}` is not a date"),
                hint(),
            ))
        }
        other => Err(not_kind(other, &crate::tr!("một ngày tháng", "a date"))),
    }
}

/// The day of an Excel date serial (1900 system: 1 is 1900-01-01, with the
/// leap day 1900-02-29 that never was at 60).
pub fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Before 1900-03-01 Excel counts the false leap day: one day less.
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// The Excel serial of a day (the inverse of [`serial_to_date`]).
pub fn date_to_serial(date: NaiveDate) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (date - base).num_days();
    (if days < 61 { days - 1 } else { days }) as f64
}

/// Text: what the cell shows. A number becomes its digits.
pub fn text(value: &CellValue) -> Result<String, Refusal> {
    match value {
        CellValue::Text(t) => Ok(t.trim().replace("\r\n", "\n")),
        CellValue::Number(n) => Ok(plain_number(*n)),
        other => Err(not_kind(other, &crate::tr!("chữ", "text"))),
    }
}

/// A list: one item per line of the cell, blank lines left out.
pub fn lines(value: &CellValue) -> Result<Vec<String>, Refusal> {
    Ok(text(value)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Yes or no: TRUE/FALSE, or `có`/`không`, `x`, `1`/`0`.
pub fn boolean(value: &CellValue) -> Result<bool, Refusal> {
    match value {
        CellValue::Bool(b) => Ok(*b),
        CellValue::Number(n) if *n == 0.0 || *n == 1.0 => Ok(*n == 1.0),
        CellValue::Text(t) => match t.trim().to_lowercase().as_str() {
            "true" | "có" | "x" | "1" => Ok(true),
            "false" | "không" | "0" => Ok(false),
            other => Err(refuse(
                crate::tr!(
                    "`{other}` không phải là có/không",
                    "`{other}` is not yes or no"
                ),
                Some(crate::tr!(
                    "ghi có hoặc không",
                    "write có (yes) or không (no)"
                )),
            )),
        },
        other => Err(not_kind(other, &crate::tr!("có/không", "yes or no"))),
    }
}

fn not_kind(value: &CellValue, want: &str) -> Refusal {
    match value {
        CellValue::Uncomputed => refuse(
            crate::tr!(
                "ô có công thức nhưng tệp chưa lưu kết quả của nó",
                "the cell has a formula whose result the file does not hold"
            ),
            Some(crate::tr!(
                "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại để có kết quả (vanban không tự tính công thức), hoặc ghi giá trị thay cho công thức",
                "open the file in Excel or LibreOffice Calc and save it again so the result is stored (vanban does not compute formulas), or type the value instead"
            )),
        ),
        CellValue::Error(e) => refuse(
            crate::tr!("ô báo lỗi {e}", "the cell shows the error {e}"),
            Some(crate::tr!(
                "sửa công thức của ô để có kết quả, hoặc ghi giá trị thay cho công thức",
                "fix the cell's formula, or type the value instead"
            )),
        ),
        other => refuse(
            crate::tr!(
                "ô ghi `{}`, cần {want}",
                "the cell holds `{}`, expected {want}",
                super::grid::display(other)
            ),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_separators() {
        assert_eq!(vietnamese_number("1.234"), Ok(1234.0));
        assert_eq!(vietnamese_number(" 1.234.567 "), Ok(1_234_567.0));
        assert_eq!(vietnamese_number("1.234,5"), Ok(1234.5));
        assert_eq!(vietnamese_number("12,5"), Ok(12.5));
        assert_eq!(vietnamese_number("1 234"), Ok(1234.0));
        assert_eq!(vietnamese_number("-3"), Ok(-3.0));
        assert_eq!(vietnamese_number("0"), Ok(0.0));
        for bad in [
            "85,7%", "1,234", "1.5", "12.34", "abc", "", "1..2", "1,", "1.2345",
        ] {
            assert!(vietnamese_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_excel_and_typed() {
        let d = |v: CellValue| date(&v);
        assert_eq!(d(CellValue::Date(46060.0)), Ok("2026-02-07".into()));
        assert_eq!(d(CellValue::Number(46060.0)), Ok("2026-02-07".into()));
        assert_eq!(
            d(CellValue::Text("07/02/2026".into())),
            Ok("2026-02-07".into())
        );
        assert_eq!(
            d(CellValue::Text("7-2-2026".into())),
            Ok("2026-02-07".into())
        );
        assert_eq!(
            d(CellValue::Text("2026-02-07".into())),
            Ok("2026-02-07".into())
        );
        assert_eq!(d(CellValue::Text("2026-02".into())), Ok("2026-02".into()));
        assert!(d(CellValue::Text("31/02/2026".into())).is_err());
        assert!(d(CellValue::Text("02/07/26".into())).is_err());
        assert_eq!(serial_to_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_to_date(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        let day = NaiveDate::from_ymd_opt(2026, 10, 22).unwrap();
        assert_eq!(serial_to_date(date_to_serial(day)), Some(day));
    }

    #[test]
    fn formulas_without_results_and_errors_are_refused() {
        crate::lang::set(crate::lang::Lang::En);
        assert!(
            figure(&CellValue::Uncomputed)
                .unwrap_err()
                .cause
                .contains("formula")
        );
        assert!(figure(&CellValue::Error("#DIV/0!".into())).is_err());
        assert_eq!(whole(&CellValue::Number(8.0)), Ok(8));
        assert_eq!(whole(&CellValue::Text("08".into())), Ok(8));
        assert!(whole(&CellValue::Number(8.5)).is_err());
        assert_eq!(
            lines(&CellValue::Text("a\r\n\n b \n".into())),
            Ok(vec!["a".into(), "b".into()])
        );
    }
}
