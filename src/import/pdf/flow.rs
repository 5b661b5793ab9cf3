//! The draft's lines from the pages' parts: lines across the text area
//! joined into paragraphs where the geometry says a line wrapped (it ends
//! too close to the right edge for the next line's first word, and the next
//! line is not indented), columns line by line, a blank line for an empty
//! line's worth of space, and every line's place in millimetres.

use super::columns::Part;
use super::lines::Line;
use crate::import::read::{Column, DraftLine, Placement};

const MM: f32 = 25.4 / 72.0;

/// The text area of a page, from where its lines start and end.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub left: f32,
    pub right: f32,
}

impl Area {
    /// The smallest start shared by several lines (a paragraph's wrapped
    /// lines start together), or the smallest when none is; the largest
    /// end (a justified line, the national title's cell).
    pub fn of(lines: &[&Line]) -> Area {
        let mut starts: Vec<f32> = lines.iter().map(|l| l.x0).collect();
        starts.sort_by(f32::total_cmp);
        let shared = starts.windows(2).find(|w| w[1] - w[0] <= 1.0).map(|w| w[0]);
        Area {
            left: shared.or(starts.first().copied()).unwrap_or(0.0),
            right: lines.iter().map(|l| l.x1).fold(0.0, f32::max),
        }
    }
}

/// A line of the flow, with what joining needs.
struct Piece<'a> {
    line: &'a Line,
    column: Option<Column>,
    /// The block of columns and the column it is in, counted from 1 and 0.
    slot: (usize, usize),
    /// The left and right edges of its column (or of the text area).
    bounds: (f32, f32),
    /// Space above beyond the usual line spacing, in points.
    gap: f32,
    /// A table's row: never joined, a blank line after the table.
    row: bool,
}

/// Turns the parts of every page into the draft's lines.
pub fn draft_lines(pages: &[(Vec<Line>, Vec<Part>, Area)]) -> Vec<DraftLine> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut blocks = 0;
    for (lines, parts, area) in pages {
        let pitch = pitch(lines);
        let across = (area.left, area.right);
        for part in parts {
            match part {
                Part::Across(i) => {
                    pieces.push(piece(&lines[*i], None, (0, 0), across, &pieces, pitch))
                }
                Part::Table(rows) => pieces.extend(rows.iter().map(|i| Piece {
                    line: &lines[*i],
                    column: None,
                    slot: (0, 0),
                    bounds: across,
                    gap: 0.0,
                    row: true,
                })),
                Part::Columns(columns) => {
                    blocks += 1;
                    for (j, (indices, bounds)) in columns.iter().enumerate() {
                        // The first column is the left one; every other is
                        // read as a right one, after it.
                        let column = if j == 0 { Column::Left } else { Column::Right };
                        for (n, i) in indices.iter().enumerate() {
                            let slot = (blocks, j);
                            let mut p =
                                piece(&lines[*i], Some(column), slot, *bounds, &pieces, pitch);
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
        .filter(|(d, l)| *d < 2.0 * l.look.size)
        .map(|(d, _)| d)
        .collect();
    steps.sort_by(f32::total_cmp);
    steps.get(steps.len() / 2).copied().unwrap_or(16.0)
}

fn piece<'a>(
    line: &'a Line,
    column: Option<Column>,
    slot: (usize, usize),
    bounds: (f32, f32),
    before: &[Piece],
    pitch: f32,
) -> Piece<'a> {
    let above = before
        .iter()
        .rev()
        .find(|p| p.slot == slot)
        .filter(|p| p.line.page == line.page && p.line.y < line.y);
    let gap = above.map_or(0.0, |p| (line.y - p.line.y - pitch).max(0.0));
    Piece {
        line,
        column,
        slot,
        bounds,
        gap,
        row: false,
    }
}

/// Pieces into draft lines: a wrapped line joins its paragraph; a blank
/// line before a piece with an empty line's worth of space above it, and
/// after each column.
fn assemble(pieces: &[Piece], areas: &[Area]) -> Vec<DraftLine> {
    let mut out: Vec<DraftLine> = Vec::new();
    let mut first: Option<&Piece> = None;
    for (i, piece) in pieces.iter().enumerate() {
        let line = piece.line;
        let area = areas.get(line.page).copied().unwrap_or(Area {
            left: 0.0,
            right: 0.0,
        });
        let previous = i.checked_sub(1).map(|p| &pieces[p]);
        if let Some(prev) = previous
            && !out.last().is_some_and(|l| l.blank)
            && let Some(first) = first
            && wrapped(prev, piece, first)
            && let Some(last) = out.last_mut()
        {
            last.text = join(&last.text, &line.text);
            if let Some(place) = last.place.as_mut() {
                place.slack = (area.right - line.x1).max(0.0) * MM;
            }
            continue;
        }
        let ends =
            |p: &Piece| (p.column.is_some() && p.slot != piece.slot) || (p.row && !piece.row);
        if previous.is_some_and(ends) && !out.last().is_some_and(|l| l.blank) {
            out.push(blank());
        }
        if piece.gap > line.look.size * 0.9 && !out.last().is_none_or(|l| l.blank) {
            out.push(blank());
        }
        first = Some(piece);
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
        italic: line.look.italic,
        bold: line.look.bold,
        cell: piece.column.is_some(),
        page: Some(line.page as u32 + 1),
        place: Some(Placement {
            column: piece.column,
            indent: (line.x0 - area.left) * MM,
            slack: (area.right - line.x1).max(0.0) * MM,
            gap: piece.gap * MM,
            size: line.look.size,
        }),
        ..DraftLine::default()
    }
}

/// Whether `next` continues the paragraph whose last line is `prev` and
/// first line `first`: in the same column (a column's lines on one page),
/// `prev` is full (the next line's first word would not have fitted after
/// it), `next` starts where the paragraph's lines start, in the same size
/// and face, with no more space above than the usual line spacing, and is
/// not a new list item after a sentence's end.
fn wrapped(prev: &Piece, next: &Piece, first: &Piece) -> bool {
    let (a, b) = (prev.line, next.line);
    let em = a.look.size.max(1.0);
    if prev.slot != next.slot || prev.row || next.row {
        return false;
    }
    // In the closing's columns, where a signature's lines are broken on
    // purpose, only an item's wrapped line (under its text, past the dash).
    let header = next.slot.0 == 1 && b.page == 0;
    if next.column.is_some() && !header {
        let hanging = b.x0 - a.x0;
        return starts_item(&a.text)
            && !starts_item(&b.text)
            && hanging > 0.2 * em
            && hanging < 3.0 * em
            && (a.look.size - b.look.size).abs() < 0.5
            && next.gap < 0.3 * em;
    }
    // Across the text area, or in the header's columns, where a long name
    // wraps (but a line starting a name is a name of its own).
    let same_place = next.column.is_none() || !starts_name(&b.text);
    let room = prev.bounds.1 - a.x1;
    let full = room < b.first_word + 0.25 * em;
    let same_size = (a.look.size - b.look.size).abs() < 0.5;
    let same_face = (a.look.bold, a.look.italic) == (b.look.bold, b.look.italic);
    let near = b.page != a.page || (b.y - a.y) < 2.0 * em;
    // After a paragraph's first line, the next starts left of it (a
    // first-line indent), under it (a paragraph flush with the margin), or
    // right of it under the text after a list marker (a hanging indent);
    // after that, every line starts where the one above did.
    let aligned = if std::ptr::eq(prev, first) {
        let flush = a.x0 - prev.bounds.0 < 0.5 * em;
        b.x0 < a.x0 - 0.5 * em
            || (flush && (b.x0 - a.x0).abs() < 0.5 * em)
            || (starts_item(&a.text) && b.x0 > a.x0 && b.x0 - a.x0 < 3.0 * em)
    } else {
        (b.x0 - a.x0).abs() < 0.5 * em
    };
    let centred = |p: &Piece| {
        let (indent, slack) = (p.line.x0 - p.bounds.0, p.bounds.1 - p.line.x1);
        (indent - slack).abs() < em
    };
    // A centred title wrapped: the line above (centred, perhaps across the
    // whole width) had no room for the next one's first word.
    let centred_wrap =
        centred(prev) && centred(next) && (a.x0 - prev.bounds.0) + room < b.first_word + 0.3 * em;
    let new_item = starts_item(&b.text) && a.text.ends_with(['.', ';', ':', ',']);
    same_place
        && same_size
        && same_face
        && near
        && next.gap < 0.3 * em
        && full
        && (aligned || centred_wrap)
        && !new_item
}

/// The head of an organisation's name (`ỦY BAN NHÂN DÂN …`, `BAN …`): a
/// header line starting with one starts a name of its own.
fn starts_name(text: &str) -> bool {
    const HEADS: &[&str] = &[
        "ỦY BAN",
        "UỶ BAN",
        "UBND",
        "HỘI ĐỒNG",
        "HĐND",
        "BAN ",
        "ĐẢNG",
        "CHI BỘ",
        "SỞ ",
        "PHÒNG ",
        "VĂN PHÒNG",
        "MẶT TRẬN",
        "ĐOÀN ",
        "HỘI ",
        "CÔNG AN",
        "TRƯỜNG ",
        "TỈNH ỦY",
        "TỈNH UỶ",
        "HUYỆN ỦY",
        "HUYỆN UỶ",
        "THÀNH ỦY",
        "THÀNH UỶ",
        "QUẬN ỦY",
        "THỊ ỦY",
        "BỘ ",
        "CỤC ",
        "TỔNG CỤC",
        "VIỆN ",
        "TRUNG TÂM",
        "BỆNH VIỆN",
        "LIÊN ĐOÀN",
        "TÒA ÁN",
        "TOÀ ÁN",
        "CỘNG HÒA",
        "CỘNG HOÀ",
        "ĐỘC LẬP",
        "SỐ",
        "Số",
    ];
    HEADS.iter().any(|h| text.starts_with(h))
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
