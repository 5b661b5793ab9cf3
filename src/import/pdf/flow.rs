//! The draft's lines from the pages' parts: lines across the text area
//! joined into paragraphs where the geometry says a line wrapped (it ends
//! too close to the right edge for the next line's first word, and the next
//! line is not indented), columns line by line, a blank line for an empty
//! line's worth of space, and every line's place in millimetres.

use super::columns::Part;
use super::lines::Line;
use crate::import::read::{Column, DraftLine, Placement};

const MM: f32 = 25.4 / 72.0;

/// The text area of a page, from where most lines start and end.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub left: f32,
    pub right: f32,
}

impl Area {
    /// The smallest start and the largest end shared by several lines (a
    /// justified paragraph's lines end together); the extremes when none are.
    pub fn of(lines: &[&Line]) -> Area {
        let common = |values: Vec<f32>, smallest: bool| {
            let mut counts: Vec<(i32, usize)> = Vec::new();
            for v in &values {
                let key = v.round() as i32;
                match counts.iter_mut().find(|(k, _)| (k - key).abs() <= 1) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((key, 1)),
                }
            }
            let shared = counts
                .iter()
                .filter(|(_, n)| *n >= 2)
                .map(|(k, _)| *k as f32);
            let all = values.iter().copied();
            if smallest {
                shared.reduce(f32::min).or(all.reduce(f32::min))
            } else {
                shared.reduce(f32::max).or(all.reduce(f32::max))
            }
        };
        Area {
            left: common(lines.iter().map(|l| l.x0).collect(), true).unwrap_or(0.0),
            right: common(lines.iter().map(|l| l.x1).collect(), false).unwrap_or(0.0),
        }
    }
}

/// A line of the flow, with what joining needs.
struct Piece<'a> {
    line: &'a Line,
    column: Option<Column>,
    /// Space above beyond the usual line spacing, in points.
    gap: f32,
    /// A table's row: never joined, a blank line after the table.
    row: bool,
}

/// Turns the parts of every page into the draft's lines.
pub fn draft_lines(pages: &[(Vec<Line>, Vec<Part>, Area)]) -> Vec<DraftLine> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (lines, parts, _) in pages {
        let pitch = pitch(lines);
        for part in parts {
            match part {
                Part::Across(i) => pieces.push(piece(lines, *i, None, &pieces, pitch)),
                Part::Table(rows) => pieces.extend(rows.iter().map(|i| Piece {
                    line: &lines[*i],
                    column: None,
                    gap: 0.0,
                    row: true,
                })),
                Part::Columns { left, right } => {
                    for (column, indices) in [(Column::Left, left), (Column::Right, right)] {
                        for (n, i) in indices.iter().enumerate() {
                            let mut p = piece(lines, *i, Some(column), &pieces, pitch);
                            if n == 0 {
                                p.gap = 0.0;
                            }
                            pieces.push(p);
                        }
                    }
                }
            }
        }
    }
    let areas: Vec<Area> = pages.iter().map(|(_, _, a)| *a).collect();
    assemble(&pieces, &areas)
}

/// The usual distance between baselines on a page: the median of the
/// distances under twice the size.
fn pitch(lines: &[Line]) -> f32 {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 1.0)
        .zip(lines.iter().skip(1))
        .filter(|(d, l)| *d < 2.0 * l.size)
        .map(|(d, _)| d)
        .collect();
    steps.sort_by(f32::total_cmp);
    steps.get(steps.len() / 2).copied().unwrap_or(16.0)
}

fn piece<'a>(
    lines: &'a [Line],
    i: usize,
    column: Option<Column>,
    before: &[Piece],
    pitch: f32,
) -> Piece<'a> {
    let line = &lines[i];
    let above = before
        .iter()
        .rev()
        .find(|p| p.column == column)
        .filter(|p| p.line.page == line.page && p.line.y < line.y);
    let gap = above.map_or(0.0, |p| (line.y - p.line.y - pitch).max(0.0));
    Piece {
        line,
        column,
        gap,
        row: false,
    }
}

/// Pieces into draft lines: a wrapped line joins its paragraph; a blank
/// line before a piece with an empty line's worth of space above it, and
/// after each column.
fn assemble(pieces: &[Piece], areas: &[Area]) -> Vec<DraftLine> {
    let mut out: Vec<DraftLine> = Vec::new();
    let mut first_of_paragraph: Option<&Line> = None;
    for (i, piece) in pieces.iter().enumerate() {
        let line = piece.line;
        let area = areas.get(line.page).copied().unwrap_or(Area {
            left: 0.0,
            right: 0.0,
        });
        let previous = i.checked_sub(1).map(|p| &pieces[p]);
        if let Some(prev) = previous
            && piece.column.is_none()
            && prev.column.is_none()
            && !piece.row
            && !prev.row
            && !out.last().is_some_and(|l| l.blank)
            && let Some(first) = first_of_paragraph
            && wrapped(prev.line, line, first, areas)
            && let Some(last) = out.last_mut()
        {
            last.text = join(&last.text, &line.text);
            if let Some(place) = last.place.as_mut() {
                place.slack = (area.right - line.x1).max(0.0) * MM;
            }
            continue;
        }
        let ends =
            |p: &Piece| (p.column.is_some() && p.column != piece.column) || (p.row && !piece.row);
        if previous.is_some_and(ends) && !out.last().is_some_and(|l| l.blank) {
            out.push(blank());
        }
        if piece.gap > line.size * 0.9 && !out.last().is_none_or(|l| l.blank) {
            out.push(blank());
        }
        first_of_paragraph = Some(line);
        out.push(draft_line(piece, area));
    }
    if pieces.last().is_some_and(|p| p.column.is_some() || p.row) {
        out.push(blank());
    }
    for (n, line) in out.iter_mut().enumerate() {
        line.no = n + 1;
    }
    out
}

fn blank() -> DraftLine {
    DraftLine {
        blank: true,
        ..DraftLine::default()
    }
}

fn draft_line(piece: &Piece, area: Area) -> DraftLine {
    let line = piece.line;
    DraftLine {
        text: line.text.clone(),
        italic: line.italic,
        bold: line.bold,
        cell: piece.column.is_some(),
        page: Some(line.page as u32 + 1),
        place: Some(Placement {
            column: piece.column,
            indent: (line.x0 - area.left) * MM,
            slack: (area.right - line.x1).max(0.0) * MM,
            gap: piece.gap * MM,
            size: line.size,
        }),
        ..DraftLine::default()
    }
}

/// Whether `next` continues the paragraph whose last line is `prev` and
/// first line `first`: `prev` is full (the next line's first word would not
/// have fitted after it), `next` starts where the paragraph's lines start,
/// in the same size, not far below, and is not a new list item after a
/// sentence's end.
fn wrapped(prev: &Line, next: &Line, first: &Line, areas: &[Area]) -> bool {
    let area = areas.get(prev.page).copied().unwrap_or(Area {
        left: 0.0,
        right: 0.0,
    });
    let em = prev.size.max(1.0);
    let room = area.right - prev.x1;
    let full = room < next.first_word + 0.25 * em;
    let same_size = (prev.size - next.size).abs() < 0.15 * em;
    let near = next.page != prev.page || (next.y - prev.y) < 2.0 * em;
    let is_first = std::ptr::eq(prev, first);
    // A paragraph's first line may be indented; the others start together.
    let aligned = if is_first {
        next.x0 <= prev.x0 + 0.5 * em
    } else {
        (next.x0 - prev.x0).abs() < 0.5 * em
    };
    let centred = |l: &Line, inset: f32| {
        let (indent, slack) = (l.x0 - area.left, area.right - l.x1);
        indent > inset && (indent - slack).abs() < em
    };
    // A centred title wrapped: the line above (centred, perhaps across the
    // whole width) had no room for the next one's first word.
    let centred_wrap = centred(prev, -em)
        && centred(next, em)
        && (prev.x0 - area.left) + room < next.first_word + em
        && (prev.bold, prev.italic) == (next.bold, next.italic);
    let new_item = starts_item(&next.text) && prev.text.ends_with(['.', ';', ':']);
    same_size && near && (full && (aligned || centred_wrap)) && !new_item
}

/// `-`, `+`, `a)`, `1.`, `1.2.`, `I.`, `Điều 3.`: a list item or a heading.
fn starts_item(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    if matches!(head, "-" | "+" | "–" | "•") || text.starts_with("Điều ") {
        return true;
    }
    let body = head.trim_end_matches(['.', ')']);
    head.len() > body.len()
        && !body.is_empty()
        && (body.split('.').all(|n| n.parse::<u32>().is_ok())
            || body.chars().all(|c| "IVXLC".contains(c))
            || (body.chars().count() == 1 && body.chars().all(char::is_lowercase)))
}

/// Two lines of a paragraph: a space between, none where the line broke
/// inside a word (after `/` or a hyphen glued to the word before:
/// `02-CTrPH/` `BTGHU-`), a soft hyphen dropped.
fn join(before: &str, after: &str) -> String {
    if let Some(cut) = before.strip_suffix('\u{ad}') {
        return format!("{cut}{after}");
    }
    let mut tail = before.chars().rev();
    let glued = match (tail.next(), tail.next()) {
        (Some('/'), _) => true,
        (Some('-'), Some(c)) => c.is_alphanumeric(),
        _ => false,
    };
    if glued {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_broken_inside_a_word_join_without_a_space() {
        assert_eq!(join("số 02-CTrPH/", "BTGHU-HĐND"), "số 02-CTrPH/BTGHU-HĐND");
        assert_eq!(
            join("02-CTrPH/BTGHU-", "HĐND-UBND,"),
            "02-CTrPH/BTGHU-HĐND-UBND,"
        );
        assert_eq!(join("chính trị -", "xã hội"), "chính trị - xã hội");
        assert_eq!(join("năm", "2026"), "năm 2026");
    }

    #[test]
    fn item_markers() {
        for yes in [
            "- Như trên,",
            "a) Tổ chức",
            "1. Mục đích",
            "1.2. Nội dung",
            "II. NHIỆM VỤ",
            "Điều 3. Hiệu lực",
        ] {
            assert!(starts_item(yes), "{yes}");
        }
        for no in [
            "2026, Ban Thường vụ",
            "Tỉnh ủy./.",
            "ab) x",
            "V/v triển khai",
        ] {
            assert!(!starts_item(no), "{no}");
        }
    }
}
