//! Signature stamps (FORMAT-RULES §9.1): the text a signing tool writes on
//! the page (the organisation's name over the signing time
//! `14-03-2026 09:12:40 +07:00`, a copy's `SAO Y`, an appendix's number),
//! found by the time line or a signature field, then grown to the lines of
//! the same stamp: the same field, the same frame, or the same size and
//! colour close above or below.

use super::content::{Origin, Shape};
use super::lines::Line;

/// Labels signing tools put before their values.
const LABELS: &[&str] = &[
    "Ký bởi",
    "Người ký",
    "Thời gian ký",
    "Ngày ký",
    "Cơ quan:",
    "Email:",
    "Signed by",
    "Signature Valid",
    "Signing time",
];

/// Signature-block lines a stamp never takes.
const SIGNATURE_PREFIXES: &[&str] = &[
    "T/M ", "K/T ", "T/L ", "T/U ", "TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ",
];

/// Which of a page's lines (sorted top to bottom) belong to a stamp.
pub fn find(lines: &[Line], shapes: &[Shape], page_width: f32) -> Vec<bool> {
    let mut stamp: Vec<bool> = lines
        .iter()
        .map(|l| l.look.origin == Origin::Signature || is_time_line(&l.text) || is_label(&l.text))
        .collect();
    let seeds: Vec<usize> = (0..lines.len()).filter(|i| stamp[*i]).collect();
    for seed in seeds {
        for step in [-1i32, 1] {
            let mut at = seed;
            for _ in 0..4 {
                let Some(next) = neighbour(lines, at, step) else {
                    break;
                };
                if stamp[next] && lines[next].look.origin != Origin::Page {
                    at = next;
                    continue;
                }
                if !same_stamp(&lines[seed], &lines[at], &lines[next], shapes, page_width) {
                    break;
                }
                stamp[next] = true;
                at = next;
            }
        }
    }
    stamp
}

/// The closest line above (`step` -1) or below (+1) that shares some of
/// `at`'s width, within two lines' height.
fn neighbour(lines: &[Line], at: usize, step: i32) -> Option<usize> {
    let here = &lines[at];
    let mut i = at as i64 + step as i64;
    while i >= 0 && (i as usize) < lines.len() {
        let other = &lines[i as usize];
        if (other.y - here.y).abs() > 2.0 * here.look.size.max(other.look.size) {
            return None;
        }
        let overlap = other.x1.min(here.x1) - other.x0.max(here.x0);
        if overlap > 0.0 && (other.y - here.y).abs() > 0.3 * here.look.size {
            return Some(i as usize);
        }
        i += step as i64;
    }
    None
}

/// Whether `next` continues the stamp that `seed` starts, `at` being the
/// stamp line next to it.
fn same_stamp(seed: &Line, at: &Line, next: &Line, shapes: &[Shape], page_width: f32) -> bool {
    if SIGNATURE_PREFIXES.iter().any(|p| next.text.starts_with(p)) {
        return false;
    }
    if seed.look.origin != Origin::Page {
        return next.look.origin == seed.look.origin;
    }
    if framed_together(seed, next, shapes, page_width) {
        return true;
    }
    let alike = (next.look.size - seed.look.size).abs() < 0.6
        && next.look.colour.is_colour() == seed.look.colour.is_colour();
    let tight = (next.y - at.y).abs() < 1.35 * seed.look.size.max(next.look.size);
    let fragment = is_upper(&next.text) || is_label(&next.text) || is_date_or_time(&next.text);
    alike && tight && (fragment || seed.look.colour.is_colour())
}

/// Both lines inside one small drawn rectangle (a stamp's frame).
fn framed_together(a: &Line, b: &Line, shapes: &[Shape], page_width: f32) -> bool {
    shapes.iter().filter(|s| !s.edge).any(|s| {
        let r = s.rect;
        r.width() < 0.6 * page_width
            && r.height() > a.look.size
            && r.height() < 8.0 * a.look.size
            && [a, b]
                .iter()
                .all(|l| r.contains((l.x0 + l.x1) / 2.0, l.y - l.look.size / 3.0, 1.0))
    })
}

fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && text.to_uppercase() == text
}

fn is_label(text: &str) -> bool {
    LABELS.iter().any(|l| text.trim_start().starts_with(l))
}

/// `14-03-2026 09:12:40 +07:00`, `14/03/2026 09:12`+zone, `2026-03-14T09:12:40+07:00`:
/// a time with seconds, or with a time zone.
pub fn is_time_line(text: &str) -> bool {
    let digits = groups(text);
    let time = digits
        .windows(2)
        .any(|w| w[0].1 == ':' && w[0].0 <= 2 && w[1].0 == 2);
    let seconds = digits
        .windows(3)
        .any(|w| w[0].1 == ':' && w[1].1 == ':' && w[0].0 <= 2 && w[1].0 == 2 && w[2].0 == 2);
    let zone = text.contains("+07") || text.contains("GMT") || text.contains("UTC");
    seconds || (time && zone)
}

/// A line that is only a date or only a time (a stamp split over lines).
fn is_date_or_time(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || " -/.:+".contains(c) || c == 'T')
        && groups(text).len() >= 2
}

/// The runs of ASCII digits of a text: each run's length and the character
/// after it.
fn groups(text: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut run = 0;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run += 1;
        } else if run > 0 {
            out.push((run, c));
            run = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_lines_of_signing_tools() {
        for yes in [
            "14-03-2026 09:12:40 +07:00",
            "Thời gian ký: 14.03.2026 09:12:40",
            "2026-03-14T09:12:40+07:00",
            "09:12 +07:00",
            "14/03/2026 9:12:40",
        ] {
            assert!(is_time_line(yes), "{yes}");
        }
        for no in [
            "Bình An, ngày 14 tháng 3 năm 2026",
            "Số 100-CV/ĐU",
            "Hội nghị bắt đầu lúc 14:00 ngày 15/3/2026",
            "Tỷ lệ 12:30",
        ] {
            assert!(!is_time_line(no), "{no}");
        }
    }
}
