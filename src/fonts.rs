//! The embedded fonts (Liberation Serif, metric-compatible with Times New
//! Roman) and text measurement for writers that cannot measure for themselves.

use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::text::Font;

/// The font family the PDF uses; the DOCX names [`DOCX_FAMILY`] instead.
pub const FAMILY: &str = "Liberation Serif";
/// The font the regulations require; Word substitutes it where installed.
pub const DOCX_FAMILY: &str = "Times New Roman";

static FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
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
    c.is_whitespace()
        || matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0xAD)
        || metrics()[0].glyph_index(c).is_some()
}

/// The font's descent (below the baseline) as a fraction of its size.
pub fn descent() -> f64 {
    let face = &metrics()[0];
    -f64::from(face.descender()) / f64::from(face.units_per_em())
}

/// Width of `text` in millimetres at `size` points, without kerning.
pub fn text_width_mm(text: &str, size: f64, bold: bool, italic: bool) -> f64 {
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
    advance / units * size * 25.4 / 72.0
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
