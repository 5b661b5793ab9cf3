//! The date line: `Tây Sơn, ngày 03 tháng 01 năm 2023`, or typed otherwise.

/// `Tây Sơn, ngày 03 tháng 01 năm 2023`, or a date typed as `7/2/2026`:
/// (place, (ISO date, typed in a form vanban rewrites)).
pub(super) fn date_line(text: &str) -> Option<(String, (String, bool))> {
    let (place, rest) = match text.split_once(',') {
        Some((p, rest)) if !p.contains("ngày") => (p.trim().to_string(), rest.trim()),
        _ => (String::new(), text.trim()),
    };
    let lower = rest.to_lowercase();
    // Each word after the one before it: `năm` may also come earlier (a place
    // such as `Năm Căn` with no comma), and the first `tháng` may come before
    // `ngày`.
    let after = |from: usize, word: &str| lower[from..].find(word).map(|i| from + i);
    if let Some(n) = after(0, "ngày")
        && let Some(m) = after(n + "ngày".len(), "tháng")
        && let Some(y) = after(m + "tháng".len(), "năm")
    {
        let day = lower[n + "ngày".len()..m].trim().trim_matches('.');
        let month = lower[m + "tháng".len()..y].trim();
        let year: String = lower[y + "năm".len()..]
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (month, year) = (month.parse::<u32>().ok()?, year.parse::<i32>().ok()?);
        if !(1..=12).contains(&month) {
            return None;
        }
        let typed_well = |d: &str| d.len() == 2 || d.is_empty();
        let month_typed = &lower[m + "tháng".len()..y].trim().to_string();
        let padded_ok = (month <= 2) == (month_typed.len() == 2);
        return Some(match day.parse::<u32>().ok() {
            Some(d) => (
                place,
                (
                    format!("{year:04}-{month:02}-{d:02}"),
                    !typed_well(day) || !padded_ok,
                ),
            ),
            None => (place, (format!("{year:04}-{month:02}"), false)),
        });
    }
    // `Hà Nội, 7/2/2026`
    let parts: Vec<&str> = rest.split('/').map(str::trim).collect();
    if parts.len() == 3 && !place.is_empty() {
        let (d, m, y) = (
            parts[0].parse::<u32>().ok()?,
            parts[1].parse::<u32>().ok()?,
            parts[2].parse::<i32>().ok()?,
        );
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((place, (format!("{y:04}-{m:02}-{d:02}"), true)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(String, String)> {
        date_line(text).map(|(place, (iso, _))| (place, iso))
    }

    /// Found by the `draft_import` fuzz target: the first `ngày`, `tháng` and
    /// `năm` were taken wherever they were, and a line where they came out of
    /// order sliced the text backwards (`begin > end`) and panicked.
    #[test]
    fn words_out_of_order_do_not_panic() {
        assert_eq!(
            date("Bình An, ngà=?xmline tháng 01 năm 1 NHÂNh An, ngày 15 tháng 01 n@ăm 1813"),
            None
        );
        assert_eq!(
            date("Năm Căn ngày 03 tháng 01 năm 2023"),
            Some((String::new(), "2023-01-03".to_string()))
        );
        assert_eq!(
            date("Hà Nội, tháng 5, ngày 7 tháng 02 năm 2026"),
            Some(("Hà Nội".to_string(), "2026-02-07".to_string()))
        );
        for text in [
            "năm tháng ngày",
            "tháng ngày năm",
            "ngày năm tháng",
            "năm ngày tháng",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn a_well_typed_date_line() {
        assert_eq!(
            date("Tây Sơn, ngày 03 tháng 01 năm 2023"),
            Some(("Tây Sơn".to_string(), "2023-01-03".to_string()))
        );
        assert_eq!(
            date("Hà Nội, 7/2/2026"),
            Some(("Hà Nội".to_string(), "2026-02-07".to_string()))
        );
    }
}
