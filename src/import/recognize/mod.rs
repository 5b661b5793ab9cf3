//! Recognising the parts of a draft: first what is not the document (page
//! numbers, signature stamps, words glued by extraction), then header,
//! title, căn cứ, Kính gửi, body, recipients, signatures, appendices. What
//! cannot be placed stays in the body or becomes an appendix, and is
//! reported, never dropped. Lines may carry their place on the page (a PDF);
//! without it the text alone decides.

mod appendix;
mod body;
mod closing;
mod date;
mod finish;
mod front;
mod glued;
mod header;
mod issuers;
mod mend;
mod number;
mod pages;
mod signature;
mod stamp;
mod syllable;
mod title;
mod wrap;

use super::Warning;
use super::read::DraftLine;
use crate::input::InputDoc;
use crate::rules::format::{POINT_LETTERS, parse_roman};
use crate::rules::{Regime, RuleSet};
use stamp::Stamp;
use wrap::Wrap;

/// The recogniser's state: the lines, where it is, what it found.
struct Reader<'a> {
    lines: &'a [DraftLine],
    at: usize,
    warnings: Vec<Warning>,
    /// Lines that belong nowhere: never dropped, they end the body.
    unplaced: Vec<String>,
    /// Lines of the header that are none of its parts: they start the body.
    leading: Vec<String>,
    /// What the number line says of the kind and the issuers, for the type
    /// name and the issuers' lines.
    kind_abbr: Option<String>,
    issuer_abbrs: Vec<String>,
    /// Whether the number line was found with its number left blank.
    blank_number: Option<usize>,
    /// Numbers alone on a line, other than page numbers (line, number).
    lone: Vec<(usize, String)>,
    stamps: Vec<Stamp>,
    wrap: Wrap,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&DraftLine> {
        self.lines[self.at..].iter().find(|l| !l.blank)
    }

    /// The next non-blank line, consumed.
    fn next(&mut self) -> Option<DraftLine> {
        while let Some(line) = self.lines.get(self.at) {
            self.at += 1;
            if !line.blank {
                return Some(line.clone());
            }
        }
        None
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    /// A line no part has room for: moved to the end of the body, and said.
    fn not_placed(&mut self, line: &DraftLine) {
        self.warn(
            line.no,
            crate::tr!(
                "không xếp được: đã chuyển xuống cuối phần nội dung: {}",
                "not placed: moved to the end of the body: {}",
                line.text
            ),
        );
        self.unplaced.push(line.text.trim().to_string());
    }
}

fn upper(text: &str) -> String {
    crate::rules::fold(text)
}

fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && text.to_uppercase() == text
}

/// The whole draft.
pub fn recognize(lines: &[DraftLine]) -> (InputDoc, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut lines = lines.to_vec();
    mend::mend(&mut lines);
    let mut lone = pages::drop_page_numbers(&mut lines, &mut warnings);
    // A blank number line: a lone number may be the number, stamped apart.
    if lines.iter().take(40).any(|l| number::is_blank(&l.text)) {
        lines.retain(|l| !lone.iter().any(|(no, _)| *no == l.no));
    } else {
        lone.clear();
    }
    let names = header::names(&lines);
    let stamps = stamp::take(&mut lines, &names, &mut warnings);
    glued::repair(&mut lines, &mut warnings);
    let mut r = Reader {
        lines: &lines,
        at: 0,
        warnings,
        unplaced: Vec::new(),
        leading: Vec::new(),
        kind_abbr: None,
        issuer_abbrs: Vec::new(),
        blank_number: None,
        lone,
        stamps,
        wrap: Wrap::of(&lines),
    };
    let regime = regime(&lines);
    let rules = regime.unwrap_or(Regime::Party).rules();
    let mut doc = InputDoc::empty(&rules.id, "");
    if regime.is_none() {
        r.warn(
            1,
            crate::tr!(
                "không thấy Quốc hiệu hay dòng `ĐẢNG CỘNG SẢN VIỆT NAM`: tạm dùng bộ quy tắc {}",
                "no national title found: assumed the rules {}",
                rules.id
            ),
        );
    }
    header::header(&mut r, rules, &mut doc);
    title::title(&mut r, rules, &mut doc);
    front::front(&mut r, rules, &mut doc);
    body::body(&mut r, rules, &mut doc);
    closing::closing(&mut r, rules, &mut doc);
    appendix::appendices(&mut r, &mut doc);
    finish::finish(&mut r, rules, &mut doc);
    (doc, r.warnings)
}

/// The regime of the first lines that say it: a national title, a number line.
fn regime(lines: &[DraftLine]) -> Option<Regime> {
    lines
        .iter()
        .take(30)
        .find_map(|l| Regime::of_title(&l.text).or_else(|| Regime::of_number(&l.text)))
}

/// The kind whose type name starts this line, and the rest of the line
/// (`KẾT LUẬN CỦA BAN THƯỜNG VỤ …`, `BÁO CÁO NHANH`): the longest name wins.
fn kind_of<'r>(rules: &'r RuleSet, text: &str) -> Option<(&'r crate::rules::Kind, String)> {
    if text.trim().ends_with(':') || !is_upper(text) {
        return None;
    }
    let text = upper(text);
    rules
        .kinds
        .iter()
        .filter_map(|k| {
            let name = upper(k.name.as_deref()?);
            let rest = text.strip_prefix(&name)?;
            (rest.is_empty() || rest.starts_with(' ')).then(|| (k, rest.trim().to_string()))
        })
        .max_by_key(|(k, _)| k.name.as_deref().map_or(0, str::len))
}

/// Words that start an organisation's name.
const BODIES: &[&str] = &[
    "ĐẢNG",
    "CHI BỘ",
    "HUYỆN ỦY",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "QUẬN ỦY",
    "THỊ ỦY",
    "BAN",
    "ỦY BAN",
    "UBND",
    "HĐND",
    "HỘI",
    "SỞ",
    "PHÒNG",
    "VĂN PHÒNG",
    "TRUNG TÂM",
    "TRƯỜNG",
    "CÔNG AN",
    "MẶT TRẬN",
    "ĐOÀN",
    "LIÊN ĐOÀN",
    "BỘ",
    "CỤC",
    "TỔNG CỤC",
    "CHI CỤC",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "TÒA ÁN",
    "VIỆN",
    "KHO BẠC",
    "THƯỜNG TRỰC",
    "THANH TRA",
    "ĐẠI HỘI",
    "TỔ",
    "BỆNH VIỆN",
    "HỌC VIỆN",
    "NGÂN HÀNG",
    "CÔNG TY",
    "BỘ CHỈ HUY",
];

/// A line that starts with an outline number (`I.`, `1.`, `a)`) belongs to the body.
/// (A year ending a sentence, `2026.`, is no numbering.)
fn numbered(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    let figures = |n: &str| n.len() <= 3 && n.parse::<u32>().is_ok();
    head.strip_suffix('.')
        .is_some_and(|n| figures(n) || parse_roman(n).is_some())
        || head
            .strip_suffix(')')
            .is_some_and(|n| figures(n) || POINT_LETTERS.contains(&n))
}

fn is_rule(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| matches!(c, '-' | '_' | '=' | '–'))
}

fn is_appendix_label(text: &str) -> bool {
    let t = upper(text);
    t == "PHỤ LỤC"
        || t.strip_prefix("PHỤ LỤC ")
            .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
}

fn is_signature_start(text: &str) -> bool {
    [
        "T/M ", "K/T ", "T/L ", "T/U ", "TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}

/// A person's name, or a row of names side by side (signatures copied row
/// by row): words each a capital then small letters, cut before a family
/// name into names of two to four words.
fn is_name(text: &str) -> bool {
    names(text).is_some()
}

/// The names a line holds (`Nguyễn Văn A`, `Ksor H'Blin`; `Ngô Thị Na Lê Văn
/// Tư` is two).
fn names(text: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // A capital, then small letters; a capital again after `'` (`H'Blin`).
    let word = |w: &&str| {
        let chars: Vec<char> = w.chars().collect();
        chars.first().is_some_and(|c| c.is_uppercase())
            && chars.windows(2).all(|p| {
                p[1].is_lowercase()
                    || matches!(p[1], '\'' | '’' | '-')
                    || p[1].is_uppercase() && matches!(p[0], '\'' | '’' | '-')
            })
    };
    if words.len() < 2 || text.chars().count() > 120 || !words.iter().all(word) {
        return None;
    }
    if words.len() <= 4 {
        return Some(vec![words.join(" ")]);
    }
    // Cut before family names so that each name has two to four words,
    // three where it can.
    let family = |w: &str| FAMILY_NAMES.contains(&w);
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut cuts = vec![0];
    split_names(&words, 0, &family, &mut cuts, &mut best);
    let (_, cuts) = best?;
    Some(
        cuts.windows(2)
            .map(|w| words[w[0]..w[1]].join(" "))
            .collect(),
    )
}

/// Tries every cut from `from`; keeps the one whose names are nearest three
/// words long.
fn split_names(
    words: &[&str],
    from: usize,
    family: &dyn Fn(&str) -> bool,
    cuts: &mut Vec<usize>,
    best: &mut Option<(usize, Vec<usize>)>,
) {
    if from == words.len() {
        let cost = cuts.windows(2).map(|w| (w[1] - w[0]).abs_diff(3)).sum();
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            *best = Some((cost, cuts.clone()));
        }
        return;
    }
    for len in 2..=4 {
        let to = from + len;
        if to > words.len() || to < words.len() && !family(words[to]) {
            continue;
        }
        cuts.push(to);
        split_names(words, to, family, cuts, best);
        cuts.pop();
    }
}

/// Common Vietnamese family names, to cut a row of names.
const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Đinh", "Trương", "Trịnh", "Lâm", "Mai", "Tạ", "Tô",
    "Hà", "Cao", "Lương", "Phùng", "Lưu", "Vương", "Châu", "Kiều", "Quách", "Thái", "Triệu",
    "Tăng", "La", "Từ", "Âu", "Nông", "Mạc", "Lại", "Khúc", "Chu", "Thân", "Hứa", "Doãn", "Lò",
    "Ksor", "Rơ", "Siu", "Nay", "Rah",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_rows_of_names() {
        assert_eq!(names("Nguyễn Văn A"), Some(vec!["Nguyễn Văn A".into()]));
        assert_eq!(names("Ksor H'Blin"), Some(vec!["Ksor H'Blin".into()]));
        assert_eq!(
            names("Ngô Thị Na Lê Văn Tư"),
            Some(vec!["Ngô Thị Na".into(), "Lê Văn Tư".into()])
        );
        assert_eq!(
            names("Nguyễn Văn Bình Trần Văn Cường Lê Thị Mai Dung"),
            Some(vec![
                "Nguyễn Văn Bình".into(),
                "Trần Văn Cường".into(),
                "Lê Thị Mai Dung".into()
            ])
        );
        for not in [
            "BÍ THƯ",
            "Kết quả",
            "Tỉnh ủy",
            "Ban Thường vụ Tỉnh ủy",
            "Một Hai Ba Bốn Năm",
        ] {
            assert_eq!(names(not), None, "{not}");
        }
    }
}
