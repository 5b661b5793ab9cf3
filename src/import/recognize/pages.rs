//! Page numbers of a text copied out of a PDF: a number alone on a line, at
//! the top or the bottom of its page (a text with form feeds), or one of the
//! run 2, 3, 4 … of lone numbers through the text (a copy without them).
//! They are dropped, and said so. Other lone numbers are kept aside: one may
//! be the document's number, stamped by the signing system.

use crate::import::Warning;
use crate::import::read::DraftLine;

/// Fewer lines than a page holds: page numbers are at least this far apart.
const PAGE_LINES: usize = 15;

/// A number alone on a line: `118`, `57b`.
pub fn lone_number(text: &str) -> Option<&str> {
    let text = text.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    let letter =
        rest.is_empty() || rest.chars().count() == 1 && rest.chars().all(char::is_alphabetic);
    ((1..=5).contains(&digits) && letter && !text.starts_with('0')).then_some(text)
}

/// Drops the page numbers; returns the other lone numbers with their lines.
pub fn drop_page_numbers(
    lines: &mut Vec<DraftLine>,
    warnings: &mut Vec<Warning>,
) -> Vec<(usize, String)> {
    let pages = page_numbers(lines);
    let mut dropped = Vec::new();
    let mut lone = Vec::new();
    let mut i = 0;
    lines.retain(|line| {
        i += 1;
        if pages.contains(&(i - 1)) {
            dropped.push(line.text.trim().to_string());
            return false;
        }
        if let Some(n) = lone_number(&line.text) {
            lone.push((line.no, n.to_string()));
        }
        true
    });
    warnings.extend(Warning::listing(1, &dropped, |list| {
        crate::tr!("đã bỏ số trang: {list}", "page numbers left out: {list}")
    }));
    lone
}

/// The indices of the lines that are page numbers.
fn page_numbers(lines: &[DraftLine]) -> Vec<usize> {
    let numbered: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let n = l.text.trim().parse::<u32>().ok()?;
            (n >= 1 && l.text.trim().len() <= 3).then_some((i, n))
        })
        .collect();
    if lines.iter().any(|l| l.page.is_some()) {
        return numbered
            .into_iter()
            .filter(|(i, n)| {
                let page = lines[*i].page;
                page == Some(*n) && edge_of_page(lines, *i)
            })
            .map(|(i, _)| i)
            .collect();
    }
    // Without pages: the longest run 2, 3, 4 … (or 1, 2, 3 …) in order, a
    // page apart (not the numbers of a table's rows).
    let mut best: Vec<usize> = Vec::new();
    for start in [1, 2] {
        let mut run: Vec<usize> = Vec::new();
        let mut next = start;
        for (i, n) in &numbered {
            let far = run.last().is_none_or(|last| i - last >= PAGE_LINES);
            if *n == next && far && *i >= PAGE_LINES / 2 {
                run.push(*i);
                next += 1;
            }
        }
        if run.len() > best.len() {
            best = run;
        }
    }
    best
}

/// Whether line `i` is the first or the last non-blank line of its page.
fn edge_of_page(lines: &[DraftLine], i: usize) -> bool {
    let page = lines[i].page;
    let same = |j: &usize| lines[*j].page == page && !lines[*j].blank;
    let first = (0..i).filter(same).count() == 0;
    let last = (i + 1..lines.len()).filter(same).count() == 0;
    first || last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::text_lines;

    fn texts(lines: &[DraftLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn page_numbers_go_and_a_stamped_number_stays() {
        let mut lines = text_lines("Số -CV/ĐU\n118\nmột\nhai\n\n\u{c}2\nba\n\n\u{c}3\nbốn\n");
        let mut warnings = Vec::new();
        let lone = drop_page_numbers(&mut lines, &mut warnings);
        assert_eq!(
            texts(&lines),
            ["Số -CV/ĐU", "118", "một", "hai", "", "ba", "", "bốn"]
        );
        assert_eq!(lone, [(2, "118".to_string())]);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn without_form_feeds_the_run_of_page_numbers_goes() {
        let page = "dòng\n".repeat(PAGE_LINES);
        let mut lines = text_lines(&format!("Số -CV/ĐU\n57b\n{page}2\n{page}3\nba\n1\n2\n"));
        let lone = drop_page_numbers(&mut lines, &mut Vec::new());
        assert!(!texts(&lines).contains(&"3"));
        assert_eq!(
            lines.len(),
            2 + 2 * PAGE_LINES + 3,
            "a table's 1 and 2 stay"
        );
        assert_eq!(lone[0], (2, "57b".to_string()));
    }
}
