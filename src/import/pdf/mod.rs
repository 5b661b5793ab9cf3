//! Reading a PDF draft with positions: lopdf opens the file within limits,
//! our own content-stream interpreter places each glyph (text through
//! ToUnicode maps, encodings or the embedded font's cmap), and the page's
//! geometry gives the lines, the header's and the closing's two columns,
//! the paragraphs, bold and italic, the signature stamps, and drops page
//! numbers and running heads.

mod columns;
mod content;
mod flow;
mod font;
mod furniture;
mod geometry;
mod limits;
mod lines;
mod load;
mod stamp;
mod table;

pub use limits::MAX_PAGES;

use super::Warning;
use super::read::DraftLine;
use crate::error::{Error, ErrorKind, Result};
use columns::Part;
use flow::Area;
use lines::Line;
use std::path::Path;

/// A page read into lines, with what the layout needs of it.
struct Read {
    lines: Vec<Line>,
    shapes: Vec<content::Shape>,
    width: f32,
    height: f32,
}

/// The draft lines of a PDF, in reading order, the stamps last and marked;
/// and a warning for each page with text it could not read.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Vec<DraftLine>, Vec<Warning>)> {
    let pages = load::pages(path, bytes)?;
    let mut unread = Vec::new();
    let mut read: Vec<Read> = Vec::with_capacity(pages.len());
    for (i, page) in pages.into_iter().enumerate() {
        unread.push(unreadable(&page.drawn.glyphs));
        let walls = table::walls(&page.drawn.shapes);
        read.push(Read {
            lines: lines::lines(page.drawn.glyphs, i, &walls),
            shapes: page.drawn.shapes,
            width: page.width,
            height: page.height,
        });
    }
    if read.iter().all(|r| r.lines.is_empty()) {
        return Err(no_text(path));
    }
    let mut furniture: Vec<(Vec<Line>, f32)> = read
        .iter_mut()
        .map(|r| (std::mem::take(&mut r.lines), r.height))
        .collect();
    let dropped = furniture::remove(&mut furniture);
    for (r, (lines, _)) in read.iter_mut().zip(furniture) {
        r.lines = lines;
    }
    let mut stamps: Vec<Line> = Vec::new();
    let mut laid = Vec::with_capacity(read.len());
    let mut last_area: Option<(f32, Area)> = None;
    for (i, page) in read.into_iter().enumerate() {
        laid.push(lay_out(page, i, &mut stamps, &mut last_area));
    }
    let mut out = flow::draft_lines(&laid);
    out.extend(stamp_lines(&stamps));
    for (n, line) in out.iter_mut().enumerate() {
        line.no = n + 1;
    }
    let mut warnings = warnings(&unread, &out);
    warnings.extend(Warning::listing(1, &dropped, |list| {
        crate::tr!(
            "đã bỏ số trang và dòng đầu, chân trang lặp lại: {list}",
            "page numbers and running heads left out: {list}"
        )
    }));
    Ok((out, warnings))
}

/// The draft lines of a PDF (see [`read`]).
#[cfg(test)]
pub fn lines(path: &Path, bytes: &[u8]) -> Result<Vec<DraftLine>> {
    read(path, bytes).map(|(lines, _)| lines)
}

/// One page's parts: its stamps set apart, its tables found, its columns
/// and lines across the text area in reading order.
fn lay_out(
    page: Read,
    i: usize,
    stamps: &mut Vec<Line>,
    last_area: &mut Option<(f32, Area)>,
) -> (Vec<Line>, Vec<Part>, Area) {
    let marks = stamp::find(&page.lines, &page.shapes, page.width);
    let (found, kept): (Vec<_>, Vec<_>) = page.lines.into_iter().zip(marks).partition(|(_, s)| *s);
    stamps.extend(found.into_iter().map(|(l, _)| l));
    let mut kept: Vec<Line> = kept.into_iter().map(|(l, _)| l).collect();
    let tables = table::tables(&mut kept, &page.shapes);
    let area = area(&kept, page.width, last_area);
    let mut parts = columns::parts(&kept, (area.left, area.right));
    for found in tables {
        let rows: Vec<usize> = (kept.len()..kept.len() + found.rows.len()).collect();
        kept.extend(found.rows.into_iter().map(|text| Line {
            text,
            x0: area.left,
            x1: area.right,
            y: found.top,
            page: i,
            ..Line::default()
        }));
        let at = parts
            .iter()
            .position(|p| p.top(&kept) > found.top)
            .unwrap_or(parts.len());
        parts.insert(at, Part::Table(rows));
    }
    (kept, parts, area)
}

/// The stamps as draft lines, a blank line before each stamp.
fn stamp_lines(stamps: &[Line]) -> Vec<DraftLine> {
    let mut out = Vec::new();
    for (n, line) in stamps.iter().enumerate() {
        if n == 0
            || line.page != stamps[n - 1].page
            || line.y - stamps[n - 1].y > 3.0 * line.look.size
        {
            out.push(DraftLine {
                blank: true,
                ..DraftLine::default()
            });
        }
        out.push(DraftLine {
            text: line.text.clone(),
            bold: line.look.bold,
            italic: line.look.italic,
            page: Some(line.page as u32 + 1),
            stamp: true,
            ..DraftLine::default()
        });
    }
    out
}

/// A page's characters that are not read: rotated off the page's axis, or
/// in a font that gives no text for them.
fn unreadable(glyphs: &[content::Glyph]) -> (usize, usize) {
    let rotated = glyphs
        .iter()
        .filter(|g| g.rotated && !g.text.trim().is_empty())
        .count();
    let unmapped = glyphs.iter().filter(|g| g.text.is_empty()).count();
    (rotated, unmapped)
}

/// A warning for each page with characters not read, at its first line.
fn warnings(unread: &[(usize, usize)], lines: &[DraftLine]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (i, (rotated, unmapped)) in unread.iter().enumerate() {
        let page = i + 1;
        let line = lines
            .iter()
            .find(|l| l.page == Some(page as u32))
            .map_or(1, |l| l.no);
        let counts = [
            (
                *rotated,
                crate::tr!(
                    "trang {page}: {rotated} ký tự viết xoay (không nằm ngang) không được đọc",
                    "page {page}: {rotated} characters of rotated text (not along the line) were not read"
                ),
            ),
            (
                *unmapped,
                crate::tr!(
                    "trang {page}: {unmapped} ký tự có phông chữ không cho biết là chữ gì, không được đọc",
                    "page {page}: {unmapped} characters were not read: their font does not say which letters they are"
                ),
            ),
        ];
        let counted = counts.into_iter().filter(|(n, _)| *n > 0);
        out.extend(counted.map(|(_, message)| Warning { line, message }));
    }
    out
}

/// A page's text area; a page with few lines takes the last one of the
/// same width.
fn area(lines: &[Line], width: f32, last: &mut Option<(f32, Area)>) -> Area {
    let page: Vec<&Line> = lines.iter().collect();
    match last {
        Some((w, area)) if page.len() < 6 && (*w - width).abs() < 1.0 => *area,
        _ => {
            let area = Area::of(&page);
            *last = Some((width, area));
            area
        }
    }
}

fn no_text(path: &Path) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!("không đọc được {}", "could not read {}", path.display()),
        crate::tr!(
            "tệp PDF không có chữ nào đọc được (có lẽ là bản quét, chỉ có hình ảnh)",
            "the PDF holds no text to read (it is probably a scan: images only)"
        ),
    )
    .hint(crate::tr!(
        "nhận dạng chữ (OCR) bản quét trước, hoặc dùng tệp DOCX hay PDF gốc của văn bản",
        "run text recognition (OCR) on the scan first, or use the document's original DOCX or PDF"
    ))
}

/// The text lines of every page with their places, as the reader sees them
/// before columns and paragraphs (for looking at a PDF).
pub fn debug_lines(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    let pages = load::pages(path, bytes)?;
    let mut out = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        out.push(format!(
            "page {}: {}x{}, {} glyphs, {} shapes",
            i + 1,
            page.width,
            page.height,
            page.drawn.glyphs.len(),
            page.drawn.shapes.len()
        ));
        if std::env::var("GLYPHS").is_ok() {
            out.extend(
                page.drawn
                    .glyphs
                    .iter()
                    .take(80)
                    .map(|g| format!("{:?} x{:.1} w{:.1} y{:.1}", g.text, g.x, g.width, g.y)),
            );
        }
        let walls = table::walls(&page.drawn.shapes);
        for l in lines::lines(page.drawn.glyphs, i, &walls) {
            out.push(format!(
                "p{} y{:.1} x{:.1}-{:.1} s{:.1}{}{} {:?} | {}",
                i + 1,
                l.y,
                l.x0,
                l.x1,
                l.look.size,
                if l.look.bold { " B" } else { "" },
                if l.look.italic { " I" } else { "" },
                l.look.origin,
                l.text
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
