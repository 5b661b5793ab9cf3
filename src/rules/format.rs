//! The lines that the rules build from typed data: the date line, the number
//! line, recipients' punctuation, outline labels.
//!
//! These are code, not templates, because clerks and peers get them wrong:
//! `tháng 06`, `ngày 5`, `Số: 44-HD/BTGHU`.

use super::RuleSet;

pub use crate::model::DocDate;

/// The space that stands for a digit left blank in a draft: U+2007 FIGURE
/// SPACE, as wide as a digit, never collapsed nor broken at by Word, Typst
/// or LibreOffice. (LibreOffice draws a no-break space wider in italic than
/// the font says, which moved the date line's words.)
pub const BLANK_DIGIT: char = '\u{2007}';

/// What stands for a blank day in a draft: room for two digits and more.
const BLANK: &str = "\u{2007}\u{2007}\u{2007}";

/// `Tây Sơn, ngày 03 tháng 01 năm 2023`.
///
/// The day is padded below 10 and the month only when it is 1 or 2 (NĐ 30/2020
/// Phụ lục I, II.4; HD 36 applies the same rule), so that no digit can be
/// added in front of them afterwards.
pub fn date_line(place: &str, date: DocDate) -> String {
    format!("{place}, {}", date_words(date))
}

/// `ngày 08 tháng 7 năm 2026`: the date as the date line writes it, for the
/// places that cite the document's own date (the `(Kèm theo …)` line).
pub fn date_words(date: DocDate) -> String {
    let day = match date.day {
        Some(d) => format!("{d:02}"),
        None => BLANK.to_string(),
    };
    let month = if date.month <= 2 {
        format!("{:02}", date.month)
    } else {
        date.month.to_string()
    };
    format!("ngày {day} tháng {month} năm {}", date.year)
}

/// `Số 44-HD/BTGHU` (Party) or `Số: 05/QĐ-UBND` (State), from the rule set's
/// pattern, the number as printed (`05`, `57b`); `None` leaves a draft's
/// blank.
/// Joint issuers are joined with `-`, the lead body first. A kind without an
/// abbreviation (State công văn) takes the issuer–unit pattern.
pub fn number_line(
    rules: &RuleSet,
    number: Option<&str>,
    kind: Option<&str>,
    issuers: &[&str],
    unit: Option<&str>,
) -> String {
    let number = match number {
        Some(n) => n.to_string(),
        None => rules
            .number
            .draft_blank
            .replace(' ', &BLANK_DIGIT.to_string()),
    };
    let pattern = match (kind, &rules.number.pattern_without_kind) {
        (None, Some(without)) => without,
        _ => &rules.number.pattern,
    };
    pattern
        .replace("{number}", &number)
        .replace("{kind}", kind.unwrap_or(""))
        .replace("{issuer}", &issuers.join("-"))
        .replace("{unit}", unit.unwrap_or(""))
}

/// Lines that end with `item_end`, the last with `last_end`, whatever the
/// user typed at their ends (căn cứ, addressees).
pub fn punctuate(items: &[String], item_end: &str, last_end: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let end = if i + 1 == n { last_end } else { item_end };
            format!("{}{end}", strip_end(item))
        })
        .collect()
}

/// Recipient lines with their dash and the rule set's punctuation: every item
/// ends with `item_end`, the archive line (always last) with `last_end`.
pub fn recipient_lines(rules: &RuleSet, items: &[String], archive: &str) -> Vec<String> {
    let r = &rules.recipients;
    let mut lines: Vec<String> = items
        .iter()
        .map(|item| format!("- {}{}", strip_end(item), r.item_end))
        .collect();
    let archive = r.archive.replace("{archive}", archive.trim());
    lines.push(format!("- {}{}", strip_end(&archive), r.last_end));
    lines
}

/// Drops punctuation a user typed at the end of a recipient, so the rule set's
/// punctuation is the only one.
fn strip_end(item: &str) -> &str {
    item.trim().trim_end_matches([',', ';', '.']).trim_end()
}

/// `I`, `II`, … `XXXIX`: outline labels never need more.
pub fn roman(n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The value of a Roman numeral, if the text is one.
pub fn parse_roman(text: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Option<Vec<u32>> = text.chars().map(value).collect();
    let digits = digits.filter(|d| !d.is_empty())?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= *d as i64,
            _ => total += *d as i64,
        }
    }
    let total = u32::try_from(total).ok()?;
    (roman(total) == text).then_some(total)
}

/// Letters of the Vietnamese alphabet used for điểm: no f, j, w, z; `đ` after `d`
/// (NĐ 30/2020 Phụ lục I, II.6đ).
pub const POINT_LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The n-th điểm letter (1-based); past `y` the letters double (`aa`).
pub fn point_letter(n: u32) -> String {
    let len = POINT_LETTERS.len() as u32;
    let i = (n.max(1) - 1) as usize;
    if (i as u32) < len {
        POINT_LETTERS[i].to_string()
    } else {
        let first = POINT_LETTERS[(i / len as usize - 1).min(len as usize - 1)];
        format!("{first}{}", POINT_LETTERS[i % len as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party() -> &'static RuleSet {
        RuleSet::get("party-hd36-2018").unwrap()
    }

    fn date(year: i32, month: u32, day: u32) -> DocDate {
        DocDate {
            year,
            month,
            day: Some(day),
        }
    }

    #[test]
    fn date_pads_day_below_ten_and_months_one_and_two_only() {
        assert_eq!(
            date_line("Tây Sơn", date(2023, 1, 3)),
            "Tây Sơn, ngày 03 tháng 01 năm 2023"
        );
        assert_eq!(
            date_line("Tây Sơn", date(2023, 3, 15)),
            "Tây Sơn, ngày 15 tháng 3 năm 2023"
        );
        assert_eq!(
            date_line("Hà Nội", date(2020, 2, 5)),
            "Hà Nội, ngày 05 tháng 02 năm 2020"
        );
        assert_eq!(
            date_line("X", date(2019, 12, 29)),
            "X, ngày 29 tháng 12 năm 2019"
        );
    }

    #[test]
    fn date_never_takes_the_peers_wrong_forms() {
        let june = date_line("Hà Nội", date(2019, 6, 29));
        assert!(!june.contains("tháng 06"), "{june}");
        let fifth = date_line("Hà Nội", date(2019, 6, 5));
        assert!(
            fifth.contains("ngày 05 ") && !fifth.contains("ngày 5 "),
            "{fifth}"
        );
        let october = date_line("Hà Nội", date(2019, 10, 1));
        assert!(october.contains("tháng 10 "), "{october}");
    }

    #[test]
    fn draft_date_leaves_the_day_blank() {
        let line = date_line(
            "Công Hải",
            DocDate {
                year: 2025,
                month: 12,
                day: None,
            },
        );
        assert_eq!(line, format!("Công Hải, ngày {BLANK} tháng 12 năm 2025"));
    }

    #[test]
    fn party_number_has_no_colon_and_pads_below_ten() {
        assert_eq!(
            number_line(party(), Some("44"), Some("HD"), &["BTGHU"], None),
            "Số 44-HD/BTGHU"
        );
        assert_eq!(
            number_line(party(), Some("05"), Some("HD"), &["BTGHU"], None),
            "Số 05-HD/BTGHU"
        );
        assert_eq!(
            number_line(party(), Some("127"), Some("QĐ"), &["TW"], None),
            "Số 127-QĐ/TW"
        );
        let wrong = number_line(party(), Some("44"), Some("HD"), &["BTGHU"], None);
        assert!(!wrong.starts_with("Số:"), "{wrong}");
    }

    #[test]
    fn party_joint_number_joins_issuers_lead_first() {
        let line = number_line(
            party(),
            Some("02"),
            Some("CTrPH"),
            &["BTGHU", "HĐND", "UBND"],
            None,
        );
        assert_eq!(line, "Số 02-CTrPH/BTGHU-HĐND-UBND");
    }

    fn state() -> &'static RuleSet {
        RuleSet::get("state-nd30-2020").unwrap()
    }

    #[test]
    fn state_number_has_a_colon_a_slash_and_no_year() {
        assert_eq!(
            number_line(state(), Some("05"), Some("QĐ"), &["UBND"], None),
            "Số: 05/QĐ-UBND"
        );
        assert_eq!(
            number_line(state(), Some("15"), Some("QyĐ"), &["BNV"], None),
            "Số: 15/QyĐ-BNV"
        );
        let line = number_line(state(), Some("2024"), Some("QĐ"), &["UBND"], None);
        assert!(!line.contains("/2024/"), "{line}");
    }

    #[test]
    fn state_cong_van_number_is_issuer_and_unit() {
        assert_eq!(
            number_line(state(), Some("12"), None, &["UBND"], Some("VP")),
            "Số: 12/UBND-VP"
        );
    }

    #[test]
    fn punctuation_replaces_what_was_typed() {
        let items = vec![
            "Căn cứ A;".to_string(),
            "Căn cứ B,".into(),
            "Theo đề nghị".into(),
        ];
        assert_eq!(
            punctuate(&items, ";", "."),
            ["Căn cứ A;", "Căn cứ B;", "Theo đề nghị."]
        );
    }

    #[test]
    fn state_recipients_end_with_semicolons_and_the_archive_line() {
        let items = vec!["Như trên".to_string(), "Chủ tịch UBND tỉnh".into()];
        assert_eq!(
            recipient_lines(state(), &items, "VP"),
            ["- Như trên;", "- Chủ tịch UBND tỉnh;", "- Lưu: VT, VP."]
        );
    }

    #[test]
    fn draft_number_is_blank() {
        let line = number_line(party(), None, Some("BC"), &["ĐU"], None);
        assert_eq!(line, "Số \u{2007}\u{2007}\u{2007}-BC/ĐU");
    }

    #[test]
    fn party_recipients_end_with_commas_and_a_full_stop() {
        let items = vec![
            "Ban Tuyên giáo Tỉnh ủy (b/c)".to_string(),
            "Đảng ủy các xã;".into(),
        ];
        let lines = recipient_lines(party(), &items, "Ban Tuyên giáo Huyện ủy");
        assert_eq!(
            lines,
            [
                "- Ban Tuyên giáo Tỉnh ủy (b/c),",
                "- Đảng ủy các xã,",
                "- Lưu Ban Tuyên giáo Huyện ủy."
            ]
        );
    }

    #[test]
    fn roman_numerals_round_trip() {
        for n in 1..40 {
            assert_eq!(parse_roman(&roman(n)), Some(n));
        }
        assert_eq!(roman(4), "IV");
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("A"), None);
    }

    #[test]
    fn point_letters_skip_f_j_w_z() {
        let letters: Vec<String> = (1..=23).map(point_letter).collect();
        assert_eq!(letters[4], "đ");
        assert_eq!(letters[5], "e");
        assert_eq!(letters[6], "g");
        for missing in ["f", "j", "w", "z"] {
            assert!(!letters.iter().any(|l| l == missing));
        }
    }
}
