//! Page furniture: page numbers and running heads or feet, found by their
//! form (`3`, `- 3 -`, `Trang 3/5`), their place (the top or bottom band of
//! the page, alone on their baseline), a tagged PDF's artifact marks, and
//! repetition from page to page.

use super::lines::Line;

/// The share of the page's height, at the top and at the bottom, where
/// furniture sits.
const BAND: f32 = 0.11;

/// Removes the furniture of every page (`pages[i]` holds page i's lines and
/// its height); returns the text of the lines that went.
pub fn remove(pages: &mut [(Vec<Line>, f32)]) -> Vec<String> {
    let mut marked: Vec<Vec<bool>> = pages
        .iter()
        .map(|(lines, height)| {
            lines
                .iter()
                .map(|l| {
                    in_band(l, *height)
                        && alone(l, lines)
                        && (l.look.artifact || is_page_number(&l.text))
                })
                .collect()
        })
        .collect();
    // A line in a band repeated word for word at the same height on at
    // least two other pages, and on half of them (`Phụ lục 1` and `Phụ lục
    // 2` are not a running head).
    for (p, (lines, height)) in pages.iter().enumerate() {
        for (i, line) in lines.iter().enumerate() {
            if marked[p][i] || !in_band(line, *height) {
                continue;
            }
            let repeats = pages
                .iter()
                .enumerate()
                .filter(|(q, (others, _))| {
                    *q != p
                        && others
                            .iter()
                            .any(|o| (o.y - line.y).abs() < 4.0 && o.text == line.text)
                })
                .count();
            marked[p][i] = repeats >= 2 && repeats * 2 >= pages.len() - 1;
        }
    }
    let mut removed = Vec::new();
    for ((lines, _), marks) in pages.iter_mut().zip(marked) {
        let mut marks = marks.into_iter();
        lines.retain(|l| {
            let furniture = marks.next().unwrap_or(false);
            if furniture {
                removed.push(l.text.clone());
            }
            !furniture
        });
    }
    removed
}

fn in_band(line: &Line, height: f32) -> bool {
    line.y < height * BAND || line.y > height * (1.0 - BAND)
}

/// No other line on its baseline.
fn alone(line: &Line, lines: &[Line]) -> bool {
    !lines
        .iter()
        .any(|o| !std::ptr::eq(o, line) && (o.y - line.y).abs() < line.look.size * 0.5)
}

/// `3`, `- 3 -`, `Trang 3`, `Trang 3/5`, `3/5`, `Page 3 of 5`.
pub fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Trang")
        .or_else(|| t.strip_prefix("trang"))
        .or_else(|| t.strip_prefix("Page"))
        .unwrap_or(t)
        .trim();
    let parts: Vec<&str> = t
        .split(['/', ' '])
        .filter(|p| !p.is_empty() && *p != "of")
        .collect();
    !parts.is_empty()
        && parts.len() <= 2
        && parts
            .iter()
            .all(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_number_forms() {
        for yes in [
            "3",
            "- 3 -",
            "– 12 –",
            "Trang 3",
            "Trang 3/5",
            "3/5",
            "Page 3 of 5",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "3. Tổ chức thực hiện",
            "Số 100-CV/ĐU",
            "2026-03-14",
            "",
            "Trang",
            "12345",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
