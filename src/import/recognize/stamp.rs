//! The digital-signature stamps of an electronically issued document
//! (FORMAT-RULES §9.1): the organisation's (its name over the signing time,
//! `ĐẢNG ỦY XÃ BÌNH AN` / `14-03-2026 09:12:40 +07:00`, the name sometimes
//! split over lines), an appendix file's (the document's number and the
//! time) and a copy's (`SAO Y`, the copying body, the time); and the
//! `(đã ký)` of a copied text. None is part of the document: each is taken
//! out, and reported, so that it is never read as the signer.

use super::{BODIES, is_signature_start as is_prefix_line, is_upper, upper};
use crate::import::Warning;
use crate::import::read::DraftLine;

/// A stamp found in the text.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub kind: StampKind,
    /// Its lines, as they were.
    pub lines: Vec<String>,
    /// The signing day, `YYYY-MM-DD`.
    pub day: Option<String>,
    /// The line it starts at.
    pub no: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    Organisation,
    Appendix,
    Copy,
}

/// Labels a signing tool writes before its values.
const LABELS: &[&str] = &[
    "Ký bởi",
    "Người ký",
    "Cơ quan",
    "Tổ chức",
    "Email",
    "E-mail",
    "Thời gian ký",
    "Ngày ký",
    "Ký ngày",
];

const COPIES: &[&str] = &["SAO Y", "SAO Y BẢN CHÍNH", "SAO LỤC", "TRÍCH SAO"];

/// Takes the stamps and `(đã ký)` marks out of `lines`. `names` are the
/// organisations the header names (the stamp's name is one of them).
pub fn take(
    lines: &mut Vec<DraftLine>,
    names: &[String],
    warnings: &mut Vec<Warning>,
) -> Vec<Stamp> {
    let mut stamps = marked(lines, warnings);
    let mut i = 0;
    while i < lines.len() {
        let Some((end, day)) = time_at(lines, i) else {
            i += 1;
            continue;
        };
        let start = stamp_start(lines, i, names);
        let end = stamp_end(lines, end);
        let taken: Vec<DraftLine> = lines.drain(start..=end).collect();
        let stamp = Stamp {
            kind: kind_of(&taken),
            lines: taken
                .iter()
                .filter(|l| !l.blank)
                .map(|l| l.text.trim().to_string())
                .collect(),
            day,
            no: taken[0].no,
        };
        warnings.push(report(&stamp));
        stamps.push(stamp);
        i = start;
    }
    signed_marks(lines, warnings);
    stamps
}

/// The lines a PDF reader marked as a stamp (by its place and form): each
/// run of them, up to a blank line, one stamp.
fn marked(lines: &mut Vec<DraftLine>, warnings: &mut Vec<Warning>) -> Vec<Stamp> {
    let mut stamps: Vec<Stamp> = Vec::new();
    let mut open = false;
    for line in lines.iter().filter(|l| l.stamp || l.blank) {
        if line.blank || !line.stamp {
            open = false;
            continue;
        }
        if !open {
            stamps.push(Stamp {
                kind: StampKind::Organisation,
                lines: Vec::new(),
                day: None,
                no: line.no,
            });
            open = true;
        }
        let stamp = stamps.last_mut().expect("a stamp");
        stamp.lines.push(line.text.trim().to_string());
        stamp.day = stamp
            .day
            .take()
            .or_else(|| parts(&line.text).and_then(|p| p.day));
    }
    lines.retain(|l| !l.stamp);
    for stamp in &mut stamps {
        let as_lines: Vec<DraftLine> = stamp
            .lines
            .iter()
            .map(|t| DraftLine {
                text: t.clone(),
                ..DraftLine::default()
            })
            .collect();
        stamp.kind = kind_of(&as_lines);
        warnings.push(report(stamp));
    }
    stamps
}

fn kind_of(lines: &[DraftLine]) -> StampKind {
    if lines
        .iter()
        .any(|l| COPIES.contains(&upper(&l.text).as_str()))
    {
        StampKind::Copy
    } else if lines.iter().any(|l| is_symbol(&l.text)) {
        StampKind::Appendix
    } else {
        StampKind::Organisation
    }
}

fn report(stamp: &Stamp) -> Warning {
    let text = stamp.lines.join(" / ");
    let message = match stamp.kind {
        StampKind::Organisation => crate::tr!(
            "chữ ký số của cơ quan, không đưa vào văn bản (văn bản mới phải được ký lại): {text}",
            "the organisation's digital signature, left out of the document (the new one is signed anew): {text}"
        ),
        StampKind::Appendix => crate::tr!(
            "chữ ký số trên phụ lục, không đưa vào văn bản: {text}",
            "an appendix's digital signature, left out of the document: {text}"
        ),
        StampKind::Copy => crate::tr!(
            "dấu bản sao điện tử, không đưa vào văn bản: {text}",
            "an electronic copy's stamp, left out of the document: {text}"
        ),
    };
    Warning {
        line: stamp.no,
        message,
    }
}

/// A signing time at line `i` (or over `i` and the next line): the last
/// line of it and the day.
fn time_at(lines: &[DraftLine], i: usize) -> Option<(usize, Option<String>)> {
    let one = parts(&lines[i].text)?;
    if one.complete() {
        return Some((i, one.day));
    }
    let next = lines.get(i + 1).and_then(|l| parts(&l.text))?;
    let both = Parts {
        day: one.day.or(next.day),
        time: one.time || next.time,
        seconds_or_zone: one.seconds_or_zone || next.seconds_or_zone,
    };
    both.complete().then_some((i + 1, both.day))
}

/// What a line holds of a signing time.
#[derive(Default)]
struct Parts {
    day: Option<String>,
    time: bool,
    seconds_or_zone: bool,
}

impl Parts {
    fn complete(&self) -> bool {
        self.day.is_some() && self.time && self.seconds_or_zone
    }
}

/// A line made of nothing but a day, a time and a zone (after a label).
fn parts(text: &str) -> Option<Parts> {
    let mut text = text.trim();
    if let Some(label) = LABELS.iter().find(|l| text.starts_with(**l)) {
        text = text[label.len()..].trim_start_matches([':', ' ']);
    }
    // `2026-03-14T09:12:40`: the ISO `T` between the day and the time.
    let chars: Vec<char> = text.chars().collect();
    let text: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if *c == 'T' && digits { ' ' } else { *c }
        })
        .collect();
    let mut parts = Parts::default();
    for token in text.split(' ').filter(|t| !t.is_empty()) {
        let token = token.trim_matches(['(', ')', ',']);
        if let Some(day) = day(token) {
            parts.day = Some(day);
        } else if let Some(seconds) = clock(token) {
            parts.time = true;
            parts.seconds_or_zone |= seconds;
        } else if zone(token) {
            parts.seconds_or_zone = true;
        } else {
            return None;
        }
    }
    (parts.day.is_some() || parts.time).then_some(parts)
}

/// `14-03-2026`, `14/03/2026`, `14.03.2026`, `2026-03-14`: ISO.
fn day(token: &str) -> Option<String> {
    let fields: Vec<&str> = token.split(['-', '/', '.']).collect();
    let [a, b, c] = fields.as_slice() else {
        return None;
    };
    let (d, m, y) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    let (d, m, y) = (
        d.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?,
        y.parse::<i32>().ok()?,
    );
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    (y >= 1990).then(|| date.format("%Y-%m-%d").to_string())
}

/// `09:12:40` (with seconds: true), `09:12`; a zone may be glued on.
fn clock(token: &str) -> Option<bool> {
    let (token, zoned) = match token.find(['+', 'Z']) {
        Some(at) if at > 0 => (&token[..at], true),
        _ => (token, false),
    };
    let fields: Vec<&str> = token.split(':').collect();
    let ok = (2..=3).contains(&fields.len())
        && fields
            .iter()
            .all(|f| f.len() <= 2 && f.parse::<u32>().is_ok())
        && fields.iter().skip(1).all(|f| f.len() == 2);
    ok.then_some(fields.len() == 3 || zoned)
}

/// `+07:00`, `+0700`, `GMT+7`, `(GMT+07:00)`, `UTC+7`.
fn zone(token: &str) -> bool {
    let token = token.trim_start_matches("GMT").trim_start_matches("UTC");
    token.starts_with(['+', '-'])
        && token.len() > 1
        && token[1..].chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// `05/QĐ-UBND`, `Số: 44-HD/BTGHU`: a number and symbol alone.
fn is_symbol(text: &str) -> bool {
    let text = text
        .trim()
        .trim_start_matches("Số")
        .trim_start_matches(':')
        .trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && text[digits..].starts_with(['-', '/'])
        && text.contains('/')
        && !text.contains(' ')
}

/// The first line of the stamp whose time is at `i`: the name, labels, the
/// copy's form or the symbol just above it.
fn stamp_start(lines: &[DraftLine], i: usize, names: &[String]) -> usize {
    let (mut start, mut named) = (i, false);
    while start > 0 && start + 5 > i {
        let text = lines[start - 1].text.trim();
        let part = LABELS.iter().any(|l| text.starts_with(l))
            || COPIES.contains(&upper(text).as_str())
            || is_symbol(text);
        if part {
            start -= 1;
        } else if let Some(k) = name_above(lines, start, names).filter(|_| !named) {
            start -= k;
            named = true;
        } else {
            break;
        }
    }
    start
}

/// How many upper-case lines just above `at` make an organisation's name:
/// one the header names, or a single line that starts like one.
fn name_above(lines: &[DraftLine], at: usize, names: &[String]) -> Option<usize> {
    let upper_line = |l: &DraftLine| !l.blank && is_upper(&l.text) && !is_prefix_line(&l.text);
    for k in (1..=3).rev() {
        if k > at || !lines[at - k..at].iter().all(upper_line) {
            continue;
        }
        let joined = upper(
            &lines[at - k..at]
                .iter()
                .map(|l| l.text.trim())
                .collect::<Vec<_>>()
                .join(" "),
        );
        if names.iter().any(|n| upper(n) == joined) {
            return Some(k);
        }
    }
    let above = lines.get(at.checked_sub(1)?)?;
    let text = upper(&above.text);
    (upper_line(above) && BODIES.iter().any(|b| text.starts_with(&format!("{b} ")))).then_some(1)
}

/// The last line of the stamp whose time ends at `end`: labels just below
/// it. (A name below is not taken: under a copy's stamp at the top of the
/// page comes the document's own header.)
fn stamp_end(lines: &[DraftLine], mut end: usize) -> usize {
    while lines
        .get(end + 1)
        .is_some_and(|l| LABELS.iter().any(|label| l.text.trim().starts_with(label)))
    {
        end += 1;
    }
    end
}

/// `(đã ký)`, `(Đã ký)`, `(ký)`, `(Đã ký và đóng dấu)`: the mark a copied
/// text has where the signature was.
fn signed_marks(lines: &mut Vec<DraftLine>, warnings: &mut Vec<Warning>) {
    lines.retain(|line| {
        let text = line.text.trim().to_lowercase();
        let mark = text.starts_with('(')
            && text.ends_with(')')
            && (text.starts_with("(đã ký") || text == "(ký)" || text.starts_with("(ký tên"));
        if mark {
            warnings.push(Warning {
                line: line.no,
                message: crate::tr!(
                    "đã bỏ dấu ký của bản chép: {}",
                    "a copy's signing mark left out: {}",
                    line.text.trim()
                ),
            });
        }
        !mark
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::text_lines;

    fn run(text: &str) -> (Vec<String>, Vec<Stamp>) {
        let mut lines = text_lines(text);
        let names = ["ĐẢNG ỦY XÃ BÌNH AN".to_string()];
        let stamps = take(&mut lines, &names, &mut Vec::new());
        (lines.into_iter().map(|l| l.text).collect(), stamps)
    }

    #[test]
    fn the_organisation_s_stamp_is_not_the_signer() {
        let (lines, stamps) = run(
            "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nĐẢNG ỦY XÃ\nBÌNH AN\n14-03-2026 09:12:40 +07:00\nNguyễn Văn A\n",
        );
        assert_eq!(lines, ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A"]);
        assert_eq!(stamps[0].kind, StampKind::Organisation);
        assert_eq!(stamps[0].day.as_deref(), Some("2026-03-14"));
        let (lines, _) =
            run("BÍ THƯ\nĐẢNG ỦY XÃ BÌNH AN\n14.03.2026\n09:12:40 +07:00\n(đã ký)\nNguyễn Văn A\n");
        assert_eq!(lines, ["BÍ THƯ", "Nguyễn Văn A"]);
        let (lines, _) = run(
            "BÍ THƯ\nKý bởi: Đảng ủy xã Bình An\nThời gian ký: 2026-03-14T09:12:40+07:00\nNguyễn Văn A\n",
        );
        assert_eq!(lines, ["BÍ THƯ", "Nguyễn Văn A"]);
    }

    #[test]
    fn appendix_and_copy_stamps() {
        let (lines, stamps) = run("05/QĐ-UBND\n14/03/2026 09:12:40\nPHỤ LỤC\n");
        assert_eq!(lines, ["PHỤ LỤC"]);
        assert_eq!(stamps[0].kind, StampKind::Appendix);
        let (lines, stamps) = run(
            "SAO Y\nỦY BAN NHÂN DÂN XÃ BÌNH AN\n15-03-2026 08:00:01 +07:00\nĐẢNG ỦY XÃ BÌNH AN\n",
        );
        assert_eq!(stamps[0].kind, StampKind::Copy);
        assert_eq!(
            lines,
            ["ĐẢNG ỦY XÃ BÌNH AN"],
            "the header under a copy's stamp stays"
        );
    }

    #[test]
    fn lines_a_pdf_reader_marked_are_stamps() {
        let mut lines =
            text_lines("BÍ THƯ\nNguyễn Văn A\n\nĐẢNG ỦY XÃ BÌNH AN\nKý ngày 14/03/2026\n");
        lines[3].stamp = true;
        lines[4].stamp = true;
        let mut warnings = Vec::new();
        let stamps = take(&mut lines, &[], &mut warnings);
        assert_eq!(stamps.len(), 1);
        assert_eq!(
            stamps[0].lines,
            ["ĐẢNG ỦY XÃ BÌNH AN", "Ký ngày 14/03/2026"]
        );
        assert_eq!(lines.len(), 3);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn dates_and_times_in_the_text_are_not_stamps() {
        let text = "Thời gian: 19 giờ 30, ngày 05/9/2026\nHọp lúc 14:00 ngày 14-03-2026 tại hội trường\n14/03/2026\n";
        let (lines, stamps) = run(text);
        assert!(stamps.is_empty());
        assert_eq!(lines.len(), 3);
    }
}
