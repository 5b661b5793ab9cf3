//! The header, whatever the order of its two columns (text copied from a
//! PDF gives the left column first): national title, issuers, number line,
//! date line, `V/v` subject, marks. It ends at the type name, or without one
//! at the first line that is none of these.

use super::date::date_line;
use super::issuers::issuers;
use super::number::number_line;
use super::{Reader, is_rule, is_upper, kind_of, numbered, upper};
use crate::import::read::DraftLine;
use crate::input::{InputDoc, made};
use crate::rules::{Regime, RuleSet};

/// How far into a draft its header may start and its type name may be.
const REACH: usize = 30;

/// The organisations the first lines name (for telling their signature
/// stamp): upper-case lines that are not titles.
pub(super) fn names(lines: &[DraftLine]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let upper_lines: Vec<&str> = lines
        .iter()
        .filter(|l| !l.blank)
        .take(12)
        .map(|l| l.text.trim())
        .filter(|t| is_upper(t) && Regime::of_title(t).is_none() && !is_rule(t))
        .collect();
    for (i, line) in upper_lines.iter().enumerate() {
        names.push(line.to_string());
        if let Some(next) = upper_lines.get(i + 1) {
            names.push(format!("{line} {next}"));
        }
    }
    names
}

/// What a header line is.
enum Part {
    Skip,
    Star,
    Number(String),
    Date(String, (String, bool)),
    Subject(String),
    Urgency(String),
    Secrecy(String),
    Draft,
    Name,
}

fn part(rules: &RuleSet, text: &str) -> Option<Part> {
    let up = upper(text);
    Some(if Regime::of_title(text).is_some() || is_rule(text) {
        Part::Skip
    } else if text == "*" {
        Part::Star
    } else if let Some(rest) = text.strip_prefix("Số").filter(|r| r.contains('/')) {
        Part::Number(rest.to_string())
    } else if let Some((place, date)) = date_line(text).filter(|_| dated(text)) {
        Part::Date(place, date)
    } else if let Some(subject) = text
        .strip_prefix("V/v")
        .or_else(|| text.strip_prefix("Về việc"))
    {
        Part::Subject(subject.trim().to_string())
    } else if let Some(key) = mark(rules, &up, "urgency") {
        Part::Urgency(key)
    } else if let Some(key) = mark(rules, &up, "secrecy") {
        Part::Secrecy(key)
    } else if up.starts_with(&upper(&rules.marks.draft)) {
        Part::Draft
    } else if is_upper(text) && !numbered(text) && kind_of(rules, text).is_none() {
        Part::Name
    } else {
        return None;
    })
}

/// A date line of a header, not a sentence that names a day: a place of a
/// few words, the day, and nothing after the year.
fn dated(text: &str) -> bool {
    let lower = text.to_lowercase();
    let Some(at) = lower
        .find("ngày")
        .or_else(|| lower.find(|c: char| c.is_ascii_digit()))
    else {
        return false;
    };
    let place_words = lower[..at].split_whitespace().count();
    let after_year = lower
        .rsplit(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    place_words <= 6 && after_year.is_empty()
}

/// Everything before the type name (or, without one, before `Kính gửi` or
/// the first paragraph): issuers, number, date, subject, marks.
pub(super) fn header(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let Some(start) = start(r.lines, rules) else {
        return;
    };
    before_header(r, start);
    let end = end(r.lines, rules, start);
    let mut names: Vec<DraftLine> = Vec::new();
    let mut subject_at: Option<usize> = None;
    while r.at < end {
        let Some(line) = r.next() else { break };
        if r.at > end {
            r.at -= 1;
            break;
        }
        let text = line.text.trim().to_string();
        match part(rules, &text) {
            Some(Part::Subject(subject)) => {
                doc.summary = Some(subject);
                subject_at = Some(r.at);
            }
            Some(p) => place(r, rules, doc, p, &line, &mut names),
            None if continues_subject(r, &line, subject_at) => {
                let summary = doc.summary.take().unwrap_or_default();
                doc.summary = Some(format!("{summary} {text}"));
                subject_at = Some(r.at);
            }
            None => {
                r.warn(
                    line.no,
                    crate::tr!(
                        "không xếp được vào phần đầu văn bản, giữ lại ở đầu phần nội dung: {text}",
                        "not placed in the header, kept at the start of the body: {text}"
                    ),
                );
                r.leading.push(text);
            }
        }
    }
    issuers(r, rules, doc, names);
}

fn place(
    r: &mut Reader,
    rules: &RuleSet,
    doc: &mut InputDoc,
    part: Part,
    line: &DraftLine,
    names: &mut Vec<DraftLine>,
) {
    let text = line.text.trim();
    match part {
        Part::Skip | Part::Subject(_) => {}
        Part::Star | Part::Name => names.push(line.clone()),
        Part::Number(rest) => number_line(r, rules, doc, &rest, line.no),
        Part::Date(place, (date, rewritten)) => {
            doc.place = place;
            doc.date = made(date);
            if rewritten {
                r.warn(
                    line.no,
                    crate::tr!(
                        "ngày tháng đang viết `{text}`: vanban sẽ viết lại dòng ngày tháng theo đúng quy định",
                        "date written `{text}`: vanban writes the date line by the rules"
                    ),
                );
            }
        }
        Part::Urgency(key) => doc.urgency = Some(made(key)),
        Part::Secrecy(key) => doc.secrecy = Some(made(key)),
        Part::Draft => doc.draft = true,
    }
}

/// A line of a `V/v` subject wrapped over lines: right after it, starting in
/// small letters, in italics (a DOCX), or continuing it as wrapped text does.
fn continues_subject(r: &Reader, line: &DraftLine, subject_at: Option<usize>) -> bool {
    let Some(at) = subject_at else {
        return false;
    };
    let previous = r.lines[..at].iter().rev().find(|l| !l.blank);
    let adjacent = r.lines[at..r.at - 1].iter().all(|l| l.blank);
    let text = line.text.trim();
    adjacent
        && !super::wrap::starts_block(text)
        && (line.italic
            || text.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            || previous.is_some_and(|p| r.wrap.continues(p, line, false)))
}

/// Lines before the header (a footnote printed above it) are kept at the end
/// of the body.
fn before_header(r: &mut Reader, start: usize) {
    while r.at < start {
        let Some(line) = r.next() else { break };
        let text = line.text.trim().to_string();
        r.warn(
            line.no,
            crate::tr!(
                "dòng ở trên phần đầu văn bản, đã chuyển xuống cuối phần nội dung: {text}",
                "a line above the header, moved to the end of the body: {text}"
            ),
        );
        r.unplaced.push(text);
    }
}

/// The header's first line: a title, a number or date line, or an
/// upper-case line with one of those soon after it. None: no header.
fn start(lines: &[DraftLine], rules: &RuleSet) -> Option<usize> {
    let anchor = |l: &DraftLine| {
        matches!(
            part(rules, l.text.trim()),
            Some(Part::Skip | Part::Number(_) | Part::Date(..))
        ) && !l.blank
            && !is_rule(l.text.trim())
    };
    let first = lines.iter().take(REACH).position(anchor)?;
    // Issuer lines just above the anchor belong to the header.
    let mut start = first;
    while start > 0 {
        let above = &lines[start - 1];
        let ok = above.blank
            || is_rule(above.text.trim())
            || matches!(
                part(rules, above.text.trim()),
                Some(Part::Name | Part::Star)
            );
        if !ok {
            break;
        }
        start -= 1;
    }
    Some(start)
}

/// Where the header ends: the type name, or the first line that is no part
/// of a header.
fn end(lines: &[DraftLine], rules: &RuleSet, start: usize) -> usize {
    let title = lines
        .iter()
        .enumerate()
        .skip(start)
        .filter(|(_, l)| !l.blank)
        .take(REACH)
        .find(|(_, l)| kind_of(rules, &l.text).is_some())
        .map(|(i, _)| i);
    if let Some(title) = title {
        return title;
    }
    // The last header line before `Kính gửi` or two lines that are none
    // (a stray line between header lines stays with the header).
    let (mut subject, mut strays, mut end) = (false, 0, start);
    for (i, line) in lines.iter().enumerate().skip(start) {
        let text = line.text.trim();
        if line.blank {
            continue;
        }
        if text.starts_with("Kính gửi") || strays == 2 {
            break;
        }
        match part(rules, text) {
            Some(Part::Subject(_)) => subject = true,
            Some(_) => {}
            None if subject && text.starts_with(|c: char| c.is_lowercase()) => {}
            None => {
                strays += 1;
                subject = false;
                continue;
            }
        }
        strays = 0;
        end = i + 1;
    }
    end
}

pub(super) fn mark(rules: &RuleSet, up: &str, which: &str) -> Option<String> {
    let table = if which == "urgency" {
        &rules.marks.urgency
    } else {
        &rules.marks.secrecy
    };
    table
        .iter()
        .find(|(_, v)| upper(v) == up)
        .map(|(k, _)| k.clone())
}
