//! Glyphs into text lines: glyphs on one baseline, in order along it, a
//! space where the gap says so, split where a wide gap parts two columns.

use super::content::{Glyph, Look};
use super::geometry::Rgb;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A run of text on one baseline, with where it sits and how it looks.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// The baseline, from the page's top.
    pub y: f32,
    /// The look of most of its glyphs.
    pub look: Look,
    /// The 0-based page.
    pub page: usize,
    /// The width of its first word, to tell whether it would have fitted at
    /// the end of the line above.
    pub first_word: f32,
}

/// A gap wider than this many ems parts two runs on one baseline.
const COLUMN_GAP: f32 = 2.0;
/// Where the producer writes spaces, a gap without one wider than this
/// many ems parts two runs.
const SPACELESS_GAP: f32 = 0.6;
/// Spaces drawn as glyphs of their own width (no-break, figure).
const FIXED_SPACES: &[&str] = &["\u{a0}", "\u{2007}"];
/// A gap wider than this many ems is a space between words.
const WORD_GAP: f32 = 0.18;

/// A vertical rule (a table's cell border): no run of text crosses it.
#[derive(Debug, Clone, Copy)]
pub struct Wall {
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
}

/// The lines of a page's glyphs, top to bottom, left to right.
pub fn lines(glyphs: Vec<Glyph>, page: usize, walls: &[Wall]) -> Vec<Line> {
    let glyphs = attach_marks(glyphs);
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut sorted: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|g| !g.rotated && g.look.size > 0.5)
        .collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    for glyph in sorted {
        // Same baseline: within a third of the size (a superscript rides along).
        match rows.last_mut() {
            Some(row)
                if row.last().is_some_and(|last| {
                    (glyph.y - last.y).abs() <= 0.35 * last.look.size.max(glyph.look.size)
                        && glyph.look.origin == last.look.origin
                }) =>
            {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        out.extend(split_row(row, page, walls));
    }
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    out
}

/// A combining mark drawn as a glyph of its own joins the glyph before it
/// (in drawing order), whatever its position.
fn attach_marks(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for glyph in glyphs {
        let mark = glyph.text.chars().next().is_some_and(is_combining_mark);
        match out.last_mut() {
            Some(previous) if mark && (previous.y - glyph.y).abs() < previous.look.size => {
                previous.text.push_str(&glyph.text);
            }
            _ => out.push(glyph),
        }
    }
    out
}

/// A baseline's glyphs (sorted by x) into runs parted by wide gaps.
fn split_row(row: Vec<Glyph>, page: usize, walls: &[Wall]) -> Vec<Line> {
    // Where the producer writes its spaces, a gap of more than half an em
    // with no space in it parts two cells or columns.
    let spaced = row.iter().any(|g| g.text == " ");
    let mut after_space = false;
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for glyph in row {
        // A no-break or figure space (a draft's blank day and number) is
        // drawn where it stands: a glyph of the line, not a gap.
        if glyph.text.trim().is_empty() && !FIXED_SPACES.contains(&glyph.text.as_str()) {
            after_space = true;
            // A space glyph: its place is told by the gap it leaves.
            match runs.last_mut() {
                Some(run) if run.last().is_none_or(|g| g.text != " ") => run.push(Glyph {
                    text: " ".into(),
                    ..glyph
                }),
                _ => {}
            }
            continue;
        }
        let widest = if spaced && !after_space {
            SPACELESS_GAP
        } else {
            COLUMN_GAP
        };
        after_space = false;
        let parted = runs
            .last()
            .and_then(|r| r.iter().rev().find(|g| g.text != " "))
            .is_none_or(|last| {
                let em = glyph.look.size.max(last.look.size);
                let gap = glyph.x - (last.x + last.width);
                // Drawn elsewhere in between (another cell's text), and a
                // word's space apart: two cells that touch.
                let resumed = (glyph.seq < last.seq || glyph.seq > last.seq + 3) && gap > 0.3 * em;
                gap > widest * em
                    || resumed
                    || glyph.look.origin != last.look.origin
                    || walled(last, &glyph, walls)
            });
        if parted {
            runs.push(vec![glyph]);
        } else if let Some(run) = runs.last_mut() {
            run.push(glyph);
        }
    }
    join_justified(runs, walls)
        .into_iter()
        .filter_map(|r| line(r, page))
        .collect()
}

/// Whether a vertical rule stands between two glyphs of a baseline.
fn walled(last: &Glyph, glyph: &Glyph, walls: &[Wall]) -> bool {
    let mid = glyph.y - glyph.look.size / 3.0;
    walls.iter().any(|w| {
        w.x > last.x + last.width * 0.5
            && w.x < glyph.x + glyph.width * 0.5
            && w.y0 - 2.0 <= mid
            && mid <= w.y1 + 2.0
    })
}

/// A justified line stretched wide (a word that must not break, such as a
/// document symbol, pushed to the next line leaves its spaces wide) is one
/// run, not columns: three runs or more in one face and size, no rule
/// between them, all parted by the same gap.
fn join_justified(runs: Vec<Vec<Glyph>>, walls: &[Wall]) -> Vec<Vec<Glyph>> {
    fn ends(r: &[Glyph]) -> Option<(&Glyph, &Glyph)> {
        let first = r.iter().find(|g| g.text != " ")?;
        let last = r.iter().rfind(|g| g.text != " ")?;
        Some((first, last))
    }
    let Some(ends) = runs.iter().map(|r| ends(r)).collect::<Option<Vec<_>>>() else {
        return runs;
    };
    if ends.len() < 3 {
        return runs;
    }
    let em = ends[0].0.look.size;
    let gaps: Vec<f32> = ends
        .windows(2)
        .map(|w| w[1].0.x - (w[0].1.x + w[0].1.width))
        .collect();
    let (least, most) = gaps
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), g| (a.min(*g), b.max(*g)));
    let even = most - least <= 0.05 * em && most <= 6.0 * em;
    let alike = ends.windows(2).all(|w| {
        (w[1].0.look.size - em).abs() < 0.1
            && w[1].0.look.origin == w[0].1.look.origin
            && !walled(w[0].1, w[1].0, walls)
    });
    if !(even && alike) {
        return runs;
    }
    vec![runs.into_iter().flatten().collect()]
}

/// A run of glyphs as a line: words spaced by their gaps.
fn line(run: Vec<Glyph>, page: usize) -> Option<Line> {
    let glyphs: Vec<&Glyph> = run.iter().filter(|g| g.text != " ").collect();
    let first = *glyphs.first()?;
    let last = *glyphs.last()?;
    let mut text = String::new();
    let mut previous: Option<&Glyph> = None;
    let mut first_word = None;
    for glyph in &run {
        if glyph.text == " " {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        if let Some(p) = previous
            && glyph.x - (p.x + p.width) > WORD_GAP * glyph.look.size.max(p.look.size)
            && !text.ends_with(' ')
        {
            text.push(' ');
        }
        if text.ends_with(' ') && first_word.is_none() {
            first_word = previous.map(|p| p.x + p.width - first.x);
        }
        text.push_str(&glyph.text.replace(['\u{a0}', '\u{2007}'], " "));
        previous = Some(glyph);
    }
    let text: String = text.trim().nfc().collect();
    if text.is_empty() {
        return None;
    }
    let count = glyphs.len();
    let most = |f: &dyn Fn(&Glyph) -> bool| glyphs.iter().filter(|g| f(g)).count() * 2 > count;
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.look.size).collect();
    sizes.sort_by(f32::total_cmp);
    let colours = glyphs.iter().filter(|g| g.look.colour.is_colour()).count();
    Some(Line {
        text,
        x0: first.x,
        x1: last.x + last.width,
        // The baseline of the largest glyphs (not a superscript's).
        y: glyphs
            .iter()
            .max_by(|a, b| a.look.size.total_cmp(&b.look.size))
            .map_or(first.y, |g| g.y),
        look: Look {
            size: sizes[sizes.len() / 2],
            bold: most(&|g| g.look.bold),
            italic: most(&|g| g.look.italic),
            colour: if colours * 2 > count {
                glyphs
                    .iter()
                    .find(|g| g.look.colour.is_colour())
                    .map(|g| g.look.colour)
                    .unwrap_or_default()
            } else {
                Rgb::default()
            },
            artifact: glyphs.iter().all(|g| g.look.artifact),
            origin: first.look.origin,
        },
        page,
        first_word: first_word.unwrap_or(last.x + last.width - first.x),
    })
}
