//! The incremental update that carries a signature: new objects and new
//! versions of the catalog and of one page appended after the original
//! bytes, which stay as they were (ISO 32000-1, 7.5.6), with their own
//! cross-reference section and trailer.

use crate::error::{Error, ErrorKind, Result};
use lopdf::{Dictionary, Object, ObjectId};
use std::io::Write;

/// A PDF read for signing: the original bytes and what the update needs.
pub struct Original<'a> {
    pub bytes: &'a [u8],
    pub doc: lopdf::Document,
    /// Where the last cross-reference section starts (`startxref`).
    startxref: usize,
    /// The next free object number.
    size: u32,
}

impl<'a> Original<'a> {
    pub fn read(bytes: &'a [u8]) -> Result<Original<'a>> {
        let doc = lopdf::Document::load_mem(bytes).map_err(|e| unreadable(&e.to_string()))?;
        if doc.is_encrypted() {
            return Err(unreadable(&crate::tr!(
                "tệp PDF có mật khẩu",
                "the PDF is encrypted"
            )));
        }
        if matches!(
            doc.reference_table.cross_reference_type,
            lopdf::xref::XrefType::CrossReferenceStream
        ) {
            return Err(unreadable(&crate::tr!(
                "tệp dùng bảng tham chiếu dạng luồng (cross-reference stream); vanban ký các tệp PDF có bảng tham chiếu thường, như tệp vanban làm ra",
                "the file uses a cross-reference stream; vanban signs PDFs with a classic cross-reference table, such as the ones it makes"
            )));
        }
        let startxref = last_startxref(bytes).ok_or_else(|| unreadable("no startxref"))?;
        let size = doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|s| u32::try_from(s).ok())
            .ok_or_else(|| unreadable("no /Size in the trailer"))?;
        Ok(Original {
            bytes,
            doc,
            startxref,
            size,
        })
    }

    /// The next free object number, then the one after, and so on.
    pub fn new_ids(&self, count: u32) -> Vec<ObjectId> {
        (0..count).map(|i| (self.size + i, 0)).collect()
    }
}

/// `startxref`'s number at the end of the file.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    std::str::from_utf8(&tail[at + 9..])
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

pub fn unreadable(cause: &str) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!("không ký được tệp PDF này", "could not sign this PDF"),
        cause,
    )
}

/// An object of the update: its number and its body, already serialised.
pub struct Written {
    pub id: ObjectId,
    pub body: Vec<u8>,
}

impl Written {
    pub fn object(id: ObjectId, object: &Object) -> Written {
        let mut body = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = lopdf::Writer::write_object(&mut body, object);
        Written { id, body }
    }

    pub fn stream(id: ObjectId, dict: &Dictionary, content: &[u8]) -> Written {
        let mut dict = dict.clone();
        dict.set("Length", content.len() as i64);
        let mut body = Written::object(id, &Object::Dictionary(dict)).body;
        body.extend_from_slice(b"\nstream\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\nendstream");
        Written { id, body }
    }
}

/// The original bytes, then `objects`, a cross-reference section for them
/// and a trailer that keeps the original's `/Root`, `/Info` and `/ID`.
/// Returns the whole file and where each object's body starts in it.
pub fn append(original: &Original, objects: &[Written]) -> (Vec<u8>, Vec<usize>) {
    let mut out = original.bytes.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let mut offsets = Vec::with_capacity(objects.len());
    let mut starts = Vec::with_capacity(objects.len());
    for o in objects {
        offsets.push((o.id.0, out.len()));
        let _ = writeln!(out, "{} {} obj", o.id.0, o.id.1);
        starts.push(out.len());
        out.extend_from_slice(&o.body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    offsets.sort_unstable();
    // Subsections of consecutive object numbers.
    let mut i = 0;
    while i < offsets.len() {
        let mut j = i + 1;
        while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
            j += 1;
        }
        let _ = writeln!(out, "{} {}", offsets[i].0, j - i);
        for (_, at) in &offsets[i..j] {
            let _ = write!(out, "{at:010} 00000 n\r\n");
        }
        i = j;
    }
    let highest = objects.iter().map(|o| o.id.0 + 1).max().unwrap_or(0);
    let mut trailer = Dictionary::new();
    trailer.set("Size", i64::from(highest.max(original.size)));
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = original.doc.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set("Prev", original.startxref as i64);
    out.extend_from_slice(b"trailer\n");
    let _ = lopdf::Writer::write_object(&mut out, &Object::Dictionary(trailer));
    let _ = write!(out, "\nstartxref\n{xref}\n%%EOF\n");
    (out, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startxref_is_the_last_one() {
        let pdf = b"%PDF-1.7\n...startxref\n12\n%%EOF\n...\nstartxref\n345\n%%EOF\n";
        assert_eq!(last_startxref(pdf), Some(345));
        assert_eq!(last_startxref(b"%PDF-1.7 nothing"), None);
    }
}
