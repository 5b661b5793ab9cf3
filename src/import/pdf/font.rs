//! A PDF font as the text reader needs it: how a string splits into
//! character codes, each code's text (ToUnicode first, then the encoding,
//! then the embedded TrueType's own cmap) and width, and whether the face
//! is bold or italic.

use super::limits::{Budget, MAX_STREAM_BYTES};
use hayro_cmap::{BfString, CMap};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How a string of a text operator splits into codes.
enum Codes {
    /// One byte a code (simple fonts: Type1, TrueType, Type3).
    Single,
    /// A Type0 font's encoding CMap: Identity-H/V (two bytes) or embedded.
    Cid(Box<CMap>),
}

/// A font of a page's resources, read once.
pub struct Font {
    codes: Codes,
    to_unicode: Option<CMap>,
    /// A simple font's encoding: the text of each of the 256 codes.
    simple: Vec<Option<String>>,
    /// Glyph id to character, from the embedded font program (a last resort
    /// for a Type0 font without ToUnicode).
    glyphs: HashMap<u16, char>,
    /// Widths in glyph space (thousandths of the size, or the FontMatrix's
    /// units for Type3), by code (simple) or CID (Type0).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space: 0.001, or a Type3 font's FontMatrix.
    scale: f32,
    pub bold: bool,
    pub italic: bool,
}

impl Font {
    /// Reads a font dictionary. Anything missing or malformed falls back to a
    /// default (a width of half an em, no text for unknown codes).
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = name(dict, b"Subtype", doc).unwrap_or_default();
        let type0 = subtype == b"Type0";
        let descendant = type0
            .then(|| {
                let array = deref(doc, dict.get(b"DescendantFonts").ok()?)?
                    .as_array()
                    .ok()?;
                deref(doc, array.first()?)?.as_dict().ok()
            })
            .flatten();
        let described = descendant.unwrap_or(dict);
        let descriptor = described
            .get(b"FontDescriptor")
            .ok()
            .and_then(|d| deref(doc, d))
            .and_then(|d| d.as_dict().ok());
        let base_name = name(described, b"BaseFont", doc)
            .or_else(|| name(dict, b"BaseFont", doc))
            .unwrap_or_default();
        let (bold, italic) = style(&base_name, descriptor, doc);
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o, budget))
            .and_then(|bytes| CMap::parse(&bytes, |_| None));
        let mut font = Font {
            codes: Codes::Single,
            to_unicode,
            simple: Vec::new(),
            glyphs: HashMap::new(),
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            bold,
            italic,
        };
        if let Some(cid_font) = descendant {
            font.codes = Codes::Cid(Box::new(encoding_cmap(doc, dict, budget)));
            font.default_width = number(doc, cid_font.get(b"DW").ok()).unwrap_or(1000.0);
            font.widths = cid_widths(doc, cid_font);
            if font.to_unicode.is_none() {
                font.glyphs = embedded_cmap(doc, descriptor, budget);
            }
        } else {
            font.simple = simple_encoding(doc, dict);
            font.simple_widths(doc, dict, descriptor);
        }
        font
    }

    fn simple_widths(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        descriptor: Option<&Dictionary>,
    ) {
        if let Some(missing) = descriptor.and_then(|d| number(doc, d.get(b"MissingWidth").ok())) {
            self.default_width = missing;
        }
        if let Some(matrix) = dict
            .get(b"FontMatrix")
            .ok()
            .and_then(|m| deref(doc, m))
            .and_then(|m| m.as_array().ok())
            && let Some(a) = number(doc, matrix.first())
            && a.is_finite()
            && a != 0.0
        {
            self.scale = a.abs();
        }
        let first = number(doc, dict.get(b"FirstChar").ok())
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths = dict.get(b"Widths").ok().and_then(|w| deref(doc, w));
        for (i, w) in widths
            .and_then(|w| w.as_array().ok())
            .into_iter()
            .flatten()
            .take(256)
            .enumerate()
        {
            if let Some(w) = number(doc, Some(w)) {
                self.widths.insert(first + i as u32, w);
            }
        }
    }

    /// The codes of a string, each with its length in bytes.
    pub fn codes(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        let Codes::Cid(cmap) = &self.codes else {
            return bytes.iter().map(|b| (u32::from(*b), 1)).collect();
        };
        let mut out = Vec::with_capacity(bytes.len() / 2);
        let mut at = 0;
        while at < bytes.len() {
            // The shortest prefix the CMap knows; two bytes when none.
            let len = (1..=4u8)
                .find(|n| {
                    let n = *n as usize;
                    at + n <= bytes.len()
                        && cmap
                            .lookup_cid_code(code_of(&bytes[at..at + n]), n as u8)
                            .is_some()
                })
                .unwrap_or(2)
                .min((bytes.len() - at) as u8);
            out.push((code_of(&bytes[at..at + len as usize]), len));
            at += len as usize;
        }
        out
    }

    /// The text a code shows; empty when the font does not say.
    pub fn text(&self, code: u32, len: u8) -> String {
        if let Some(text) = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.lookup_bf_string(code))
        {
            return match text {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
        }
        match &self.codes {
            Codes::Single => self
                .simple
                .get(code as usize)
                .cloned()
                .flatten()
                .unwrap_or_default(),
            Codes::Cid(cmap) => cmap
                .lookup_cid_code(code, len)
                .and_then(|cid| u16::try_from(cid).ok())
                .and_then(|gid| self.glyphs.get(&gid))
                .map(|c| c.to_string())
                .unwrap_or_default(),
        }
    }

    /// A code's advance in text space (before the font size).
    pub fn width(&self, code: u32, len: u8) -> f32 {
        let key = match &self.codes {
            Codes::Single => code,
            Codes::Cid(cmap) => cmap.lookup_cid_code(code, len).unwrap_or(code),
        };
        self.widths.get(&key).copied().unwrap_or(self.default_width) * self.scale
    }

    /// Whether a one-byte code 32 gets the word spacing (`Tw`).
    pub fn is_simple(&self) -> bool {
        matches!(self.codes, Codes::Single)
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b))
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn name(dict: &Dictionary, key: &[u8], doc: &Document) -> Option<Vec<u8>> {
    deref(doc, dict.get(key).ok()?)?
        .as_name()
        .ok()
        .map(<[u8]>::to_vec)
}

fn number(doc: &Document, object: Option<&Object>) -> Option<f32> {
    let value = deref(doc, object?)?.as_float().ok()?;
    value.is_finite().then_some(value)
}

/// A stream's decoded bytes, within the budget; a stream over the limit
/// spends it (reading stops), one that cannot be decoded is skipped.
pub fn stream_bytes(doc: &Document, object: &Object, budget: &mut Budget) -> Option<Vec<u8>> {
    let stream = deref(doc, object)?.as_stream().ok()?;
    let bytes = match stream.decompressed_content_with_limit(MAX_STREAM_BYTES) {
        Ok(bytes) => bytes,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            budget.spent = Some("stream");
            return None;
        }
        Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
        Err(_) => return None,
    };
    budget.take_bytes(bytes.len()).then_some(bytes)
}

/// Bold and italic from the font's name (`Times-BoldItalic`,
/// `LiberationSerif-Bold`, `Times New Roman,Bold`) and its descriptor's
/// flags, weight and italic angle.
fn style(base_name: &[u8], descriptor: Option<&Dictionary>, doc: &Document) -> (bool, bool) {
    let name = String::from_utf8_lossy(base_name).to_lowercase();
    let name = name.split_once('+').map_or(name.as_str(), |(_, rest)| rest);
    let flags = descriptor
        .and_then(|d| number(doc, d.get(b"Flags").ok()))
        .unwrap_or(0.0) as i64;
    let weight = descriptor.and_then(|d| number(doc, d.get(b"FontWeight").ok()));
    let angle = descriptor
        .and_then(|d| number(doc, d.get(b"ItalicAngle").ok()))
        .unwrap_or(0.0);
    let bold = ["bold", "black", "heavy", "demi", "semibold"]
        .iter()
        .any(|w| name.contains(w))
        || flags & (1 << 18) != 0
        || weight.is_some_and(|w| w >= 600.0);
    let italic = ["italic", "oblique"].iter().any(|w| name.contains(w))
        || flags & (1 << 6) != 0
        || angle.abs() > 1.0;
    (bold, italic)
}

/// A Type0 font's encoding: Identity-H/V by name, or an embedded CMap.
fn encoding_cmap(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> CMap {
    let Some(encoding) = dict.get(b"Encoding").ok().and_then(|e| deref(doc, e)) else {
        return CMap::identity_h();
    };
    if let Ok(name) = encoding.as_name() {
        return if name == b"Identity-V" {
            CMap::identity_v()
        } else {
            CMap::identity_h()
        };
    }
    stream_bytes(doc, encoding, budget)
        .and_then(|bytes| CMap::parse(&bytes, |_| None))
        .unwrap_or_else(CMap::identity_h)
}

/// A CIDFont's `/W`: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let Some(array) = cid_font
        .get(b"W")
        .ok()
        .and_then(|w| deref(doc, w))
        .and_then(|w| w.as_array().ok())
    else {
        return widths;
    };
    let mut at = 0;
    while at + 1 < array.len() && widths.len() < 65_536 {
        let Some(first) = number(doc, array.get(at)).filter(|f| *f >= 0.0) else {
            break;
        };
        let first = first as u32;
        match deref(doc, &array[at + 1]).map(|o| o.as_array()) {
            Some(Ok(list)) => {
                for (i, w) in list.iter().take(65_536).enumerate() {
                    if let Some(w) = number(doc, Some(w)) {
                        widths.insert(first.saturating_add(i as u32), w);
                    }
                }
                at += 2;
            }
            _ => {
                let last = number(doc, array.get(at + 1)).unwrap_or(-1.0);
                let Some(w) = number(doc, array.get(at + 2)) else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                for cid in first..=last {
                    widths.insert(cid, w);
                }
                at += 3;
            }
        }
    }
    widths
}

/// The text of each code of a simple font, from lopdf's reading of its
/// `/Encoding` (standard encodings, `/Differences` by glyph name).
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    // Without /Encoding lopdf would read the ToUnicode map, which the caller
    // tries first anyway: without it, lopdf falls back to the standard one.
    let mut plain = dict.clone();
    plain.remove(b"ToUnicode");
    let Ok(encoding) = plain.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES) else {
        return Vec::new();
    };
    (0..=255u8)
        .map(|b| {
            encoding
                .bytes_to_string(&[b])
                .ok()
                .filter(|s| !s.is_empty() && !s.contains('\u{fffd}'))
        })
        .collect()
}

/// Glyph id to character from an embedded TrueType program's Unicode cmap,
/// for a Type0 font that has no ToUnicode map (its CIDs are glyph ids).
fn embedded_cmap(
    doc: &Document,
    descriptor: Option<&Dictionary>,
    budget: &mut Budget,
) -> HashMap<u16, char> {
    let mut glyphs = HashMap::new();
    let Some(bytes) = descriptor
        .and_then(|d| d.get(b"FontFile2").ok())
        .and_then(|f| stream_bytes(doc, f, budget))
    else {
        return glyphs;
    };
    let Ok(face) = ttf_parser::Face::parse(&bytes, 0) else {
        return glyphs;
    };
    let Some(cmap) = face.tables().cmap else {
        return glyphs;
    };
    for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
        table.codepoints(|cp| {
            if let (Some(c), Some(gid)) = (char::from_u32(cp), table.glyph_index(cp)) {
                glyphs.entry(gid.0).or_insert(c);
            }
        });
    }
    glyphs
}
