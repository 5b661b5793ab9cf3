//! Which regime a document belongs to, from what it says of itself: its
//! national title (the Party's `ĐẢNG CỘNG SẢN VIỆT NAM`, the State's Quốc
//! hiệu and Tiêu ngữ, read from the rule sets), the form of its number, or a
//! name on the command line. The importer, the DOCX check and `vanban new`
//! all ask here.

use super::{Regime, RuleSet};

impl Regime {
    /// `party` or `state`, as `--regime` takes it.
    pub fn from_name(name: &str) -> Option<Regime> {
        match name {
            "party" => Some(Regime::Party),
            "state" => Some(Regime::State),
            _ => None,
        }
    }

    /// The rule set of a regime when a document names none: the first one
    /// built in.
    pub fn rules(self) -> &'static RuleSet {
        RuleSet::ids()
            .into_iter()
            .filter_map(RuleSet::get)
            .find(|set| set.regime == self)
            .expect("a built-in rule set for each regime")
    }

    /// The regime whose national title (or State motto) this whole line is,
    /// in any case and with either placement of the tone mark
    /// (`CỘNG HÒA`, `CỘNG HOÀ`).
    pub fn of_title(line: &str) -> Option<Regime> {
        Regime::find_title(line, true)
    }

    /// The regime whose national title this whole line is (not the motto).
    pub fn of_national_title(line: &str) -> Option<Regime> {
        Regime::find_title(line, false)
    }

    fn find_title(line: &str, motto: bool) -> Option<Regime> {
        let line = fold(line);
        RuleSet::ids()
            .into_iter()
            .filter_map(RuleSet::get)
            .find(|set| {
                let motto = set.header.motto.iter().filter(|_| motto);
                set.header
                    .national_title
                    .iter()
                    .chain(motto)
                    .any(|title| fold(title) == line)
            })
            .map(|set| set.regime)
    }

    /// The regime a number line's form gives: the Party writes the kind
    /// before the slash (`Số 44-HD/BTGHU`), the State the number alone
    /// (`Số: 05/QĐ-UBND`).
    pub fn of_number(line: &str) -> Option<Regime> {
        let rest = line.trim().strip_prefix("Số")?;
        let (left, _) = rest.trim_start_matches(':').split_once('/')?;
        Some(if left.contains('-') {
            Regime::Party
        } else {
            Regime::State
        })
    }
}

/// Upper case, spaces collapsed, the tone mark of `oa`, `oe`, `uy` on the
/// first vowel (the placement the rule sets use).
pub fn fold(text: &str) -> String {
    let upper = text
        .to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    const MOVED: &[(&str, &str)] = &[
        ("OÀ", "ÒA"),
        ("OÁ", "ÓA"),
        ("OẢ", "ỎA"),
        ("OÃ", "ÕA"),
        ("OẠ", "ỌA"),
        ("OÈ", "ÒE"),
        ("OÉ", "ÓE"),
        ("OẺ", "ỎE"),
        ("OẼ", "ÕE"),
        ("OẸ", "ỌE"),
        ("UỲ", "ÙY"),
        ("UÝ", "ÚY"),
        ("UỶ", "ỦY"),
        ("UỸ", "ŨY"),
        ("UỴ", "ỤY"),
    ];
    // Only at a word's end: with a final consonant the mark is on the
    // second vowel in both styles (`HOẠCH`, `QUYẾT`).
    upper
        .split(' ')
        .map(|word| {
            MOVED
                .iter()
                .find_map(|(old, new)| word.strip_suffix(old).map(|stem| format!("{stem}{new}")))
                .unwrap_or_else(|| word.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_numbers_and_names() {
        assert_eq!(
            Regime::of_title("Đảng Cộng sản  Việt Nam"),
            Some(Regime::Party)
        );
        for state in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ] {
            assert_eq!(Regime::of_title(state), Some(Regime::State), "{state}");
        }
        assert_eq!(Regime::of_title("ĐẢNG ỦY XÃ BÌNH AN"), None);
        assert_eq!(
            Regime::of_national_title("Độc lập - Tự do - Hạnh phúc"),
            None
        );
        assert_eq!(Regime::of_number("Số 44-HD/BTGHU"), Some(Regime::Party));
        assert_eq!(Regime::of_number("Số: 05/QĐ-UBND"), Some(Regime::State));
        assert_eq!(Regime::of_number("Số liệu"), None);
        assert_eq!(Regime::Party.rules().id, "party-hd36-2018");
        assert_eq!(
            Regime::from_name("state")
                .map(Regime::rules)
                .map(|r| r.regime),
            Some(Regime::State)
        );
        assert_eq!(Regime::from_name("đảng"), None);
    }

    #[test]
    fn fold_moves_the_tone_mark() {
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
        assert_eq!(fold("hoà bình"), "HÒA BÌNH");
        assert_eq!(fold("Kế hoạch, thủy lợi"), "KẾ HOẠCH, THỦY LỢI");
    }
}
