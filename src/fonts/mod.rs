//! The fonts the PDF embeds: Liberation Serif, shipped inside vanban and
//! metric-compatible with Times New Roman, or the faces of a folder the user
//! points at (their own Times New Roman, [`dir`]); and text measurement, for
//! the lengths compose decides (the same for any accepted font, whose widths
//! must be Times New Roman's).

pub mod dir;

use std::path::PathBuf;
use std::sync::{OnceLock, RwLock};
use typst::foundations::Bytes;
use typst::text::Font;

/// The four faces a PDF embeds: regular, bold, italic, bold italic.
#[derive(Debug)]
pub struct FontSet {
    /// The family's name, as the layout asks for it.
    pub family: String,
    pub faces: Vec<Font>,
    /// The folder they came from; none for the shipped fonts.
    pub source: Option<PathBuf>,
}

impl FontSet {
    /// Liberation Serif, built in.
    pub fn shipped() -> &'static FontSet {
        static SHIPPED: OnceLock<FontSet> = OnceLock::new();
        SHIPPED.get_or_init(|| FontSet {
            family: FAMILY.to_string(),
            faces: faces().to_vec(),
            source: None,
        })
    }
}

static SELECTED: RwLock<Option<&'static FontSet>> = RwLock::new(None);

/// Makes `set` the fonts of every PDF written from now on in this process
/// (the command line's `--fonts`); kept for the life of the process.
pub fn select(set: FontSet) {
    let set: &'static FontSet = Box::leak(Box::new(set));
    if let Ok(mut selected) = SELECTED.write() {
        *selected = Some(set);
    }
}

/// The fonts PDFs embed: the selected ones, else the shipped ones.
pub fn selected() -> &'static FontSet {
    SELECTED
        .read()
        .ok()
        .and_then(|s| *s)
        .unwrap_or_else(FontSet::shipped)
}

/// The shipped font family; the DOCX names [`DOCX_FAMILY`] instead.
pub const FAMILY: &str = "Liberation Serif";
/// The font the regulations require; Word substitutes it where installed.
pub const DOCX_FAMILY: &str = "Times New Roman";

static FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The four faces, parsed once per process, in the order of `FILES`.
pub fn faces() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect()
    })
}

/// The same faces for measuring, in the order of `FILES`.
fn metrics() -> &'static [ttf_parser::Face<'static>] {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    FACES.get_or_init(|| {
        FILES
            .iter()
            .filter_map(|data| ttf_parser::Face::parse(data, 0).ok())
            .collect()
    })
}

/// Whether the embedded font has a glyph for `c` (regular face; the four
/// faces cover the same characters). Invisible format characters need none.
pub fn draws(c: char) -> bool {
    invisible(c) || metrics()[0].glyph_index(c).is_some()
}

/// Spaces and the invisible format characters (joiners, marks, the soft
/// hyphen), which need no glyph.
pub fn invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0xAD)
}

/// The font's descent (below the baseline) as a fraction of its size.
pub fn descent() -> f64 {
    let face = &metrics()[0];
    -f64::from(face.descender()) / f64::from(face.units_per_em())
}

/// Width of `text` in millimetres at `size` points, without kerning.
pub fn text_width_mm(text: &str, size: f64, bold: bool, italic: bool) -> f64 {
    text_width_em(text, bold, italic) * size * 25.4 / 72.0
}

/// Width of `text` in ems, without kerning.
fn text_width_em(text: &str, bold: bool, italic: bool) -> f64 {
    let ttf = &metrics()[usize::from(bold) + 2 * usize::from(italic)];
    let units = f64::from(ttf.units_per_em());
    let advance: f64 = text
        .chars()
        .map(|c| {
            ttf.glyph_index(c)
                .and_then(|g| ttf.glyph_hor_advance(g))
                .map_or(0.0, f64::from)
        })
        .sum();
    advance / units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_faces_with_vietnamese() {
        assert_eq!(faces().len(), 4);
        for face in faces() {
            assert!(face.info().family.starts_with(FAMILY), "{:?}", face.info());
        }
        for face in metrics() {
            for c in "ẮẰẲẴẶỨỪỬỮỰờởỡợĐđ".chars() {
                assert!(face.glyph_index(c).is_some(), "{c}");
            }
        }
    }

    #[test]
    fn party_title_measures_as_in_the_format_notes() {
        // FORMAT-RULES S19: 72.9 mm at 15 pt bold.
        let w = text_width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false);
        assert!((w - 72.9).abs() < 0.5, "{w}");
    }
}
