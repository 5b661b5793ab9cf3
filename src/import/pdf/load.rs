//! Opening a PDF with lopdf within the limits, and drawing each page: its
//! content, then the appearances of its annotations (where signing tools
//! put their stamps). A password, damage, too many pages or a spent limit
//! is a clear error.

use super::content::{Drawn, Interpreter, Origin, form_matrix};
use super::font::stream_bytes;
use super::geometry::{Matrix, Rect};
use super::limits::{Budget, MAX_PAGES, MAX_STREAM_BYTES};
use crate::error::{Error, ErrorKind, Result};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::path::Path;

/// A page as read: its size (as shown, rotation applied) and what it shows.
#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub drawn: Drawn,
}

fn failed(path: &Path, cause: String) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!("không đọc được {}", "could not read {}", path.display()),
        cause,
    )
}

/// Reads every page of a PDF.
pub fn pages(path: &Path, bytes: &[u8]) -> Result<Vec<Page>> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| opening(path, e))?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(opening(path, lopdf::Error::InvalidPassword));
    }
    // A page tree that leads back into itself gives a page again: once is enough.
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<ObjectId> = doc
        .page_iter()
        .filter(|id| seen.insert(*id))
        .take(MAX_PAGES + 1)
        .collect();
    if ids.len() > MAX_PAGES {
        return Err(failed(
            path,
            crate::tr!(
                "tệp PDF có hơn {MAX_PAGES} trang; vanban chỉ đọc văn bản đến {MAX_PAGES} trang",
                "the PDF has more than {MAX_PAGES} pages; vanban reads documents of up to {MAX_PAGES} pages"
            ),
        ));
    }
    let mut budget = Budget::default();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(page(&doc, id, &mut budget));
        if let Some(what) = budget.spent {
            return Err(failed(path, spent(what)));
        }
    }
    Ok(out)
}

fn spent(what: &str) -> String {
    if what == "stream" {
        return crate::tr!(
            "một luồng dữ liệu của tệp PDF giải nén ra quá lớn (hơn 16 MB)",
            "a stream of the PDF decompresses to too much data (over 16 MB)"
        );
    }
    let what = match (what, crate::lang::english()) {
        ("bytes", true) => "decoded data (128 MB)".to_string(),
        ("bytes", false) => "dữ liệu giải nén (128 MB)".to_string(),
        ("operations", true) => "drawing operations (5 million)".to_string(),
        ("operations", false) => "lệnh vẽ (5 triệu)".to_string(),
        (_, true) => "characters (2 million)".to_string(),
        (_, false) => "ký tự (2 triệu)".to_string(),
    };
    crate::tr!(
        "tệp PDF vượt giới hạn vanban đọc được: quá nhiều {what}",
        "the PDF is beyond what vanban reads: too many {what}"
    )
}

/// lopdf's error as a user reads it.
fn opening(path: &Path, e: lopdf::Error) -> Error {
    use lopdf::Error as E;
    match e {
        E::Decryption(_)
        | E::InvalidPassword
        | E::AlreadyEncrypted
        | E::UnsupportedSecurityHandler(_) => failed(
            path,
            crate::tr!(
                "tệp PDF được bảo vệ bằng mật khẩu",
                "the PDF is protected by a password"
            ),
        )
        .hint(crate::tr!(
            "mở tệp bằng trình đọc PDF, nhập mật khẩu, rồi in ra một tệp PDF mới không có mật khẩu",
            "open it in a PDF reader with its password and print it to a new PDF without one"
        )),
        E::Decompress(_) => failed(
            path,
            crate::tr!(
                "một luồng dữ liệu của tệp PDF giải nén ra quá lớn (hơn 16 MB)",
                "a stream of the PDF decompresses to too much data (over 16 MB)"
            ),
        ),
        other => failed(
            path,
            crate::tr!(
                "không phải tệp PDF đọc được (hỏng hoặc bị cắt cụt): {other}",
                "not a PDF vanban can read (damaged or cut short): {other}"
            ),
        )
        .hint(crate::tr!(
            "mở tệp bằng trình đọc PDF rồi lưu (in) lại thành tệp PDF mới",
            "open it in a PDF reader and save (print) it again as a new PDF"
        )),
    }
}

/// One page: content, then annotations.
fn page(doc: &Document, id: ObjectId, budget: &mut Budget) -> Page {
    let dict = doc.get_dictionary(id).ok();
    let inherited = |key: &[u8]| dict.and_then(|d| inherited(doc, d, key));
    let visible = inherited(b"CropBox")
        .or_else(|| inherited(b"MediaBox"))
        .and_then(|b| rect(doc, b))
        .filter(|r| r.width() > 1.0 && r.height() > 1.0)
        .unwrap_or(Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 595.276,
            y1: 841.89,
        });
    let rotate = inherited(b"Rotate")
        .and_then(|r| r.as_float().ok())
        .unwrap_or(0.0);
    let (to_top, width, height) = upright(&visible, rotate);
    let mut resources = Vec::new();
    if let Some(r) = inherited(b"Resources").and_then(|r| doc.dereference(r).ok()) {
        resources.extend(r.1.as_dict().ok());
    }
    let mut interpreter = Interpreter::new(doc, budget);
    let mut content = Vec::new();
    for stream in doc.get_page_contents(id) {
        let object = Object::Reference(stream);
        match stream_bytes(doc, &object, interpreter.budget) {
            Some(bytes) => {
                content.extend_from_slice(&bytes);
                content.push(b'\n');
            }
            None if interpreter.budget.spent.is_some() => break,
            None => {}
        }
    }
    interpreter.run(&content, &resources, to_top, Origin::Page);
    if let Some(annots) = dict.and_then(|d| d.get(b"Annots").ok()) {
        annotations(doc, annots, to_top, &mut interpreter);
    }
    Page {
        width,
        height,
        drawn: interpreter.out,
    }
}

/// A page attribute, from the page or the page tree above it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| doc.dereference(p).ok())
            .and_then(|(_, p)| p.as_dict().ok())?;
    }
    None
}

fn rect(doc: &Document, object: &Object) -> Option<Rect> {
    let array = doc.dereference(object).ok()?.1.as_array().ok()?;
    let v: Vec<f32> = array
        .iter()
        .filter_map(|o| doc.dereference(o).ok()?.1.as_float().ok())
        .filter(|v| v.is_finite())
        .collect();
    let [a, b, c, d] = v.as_slice() else {
        return None;
    };
    Rect::around(&[(*a, *b), (*c, *d)])
}

/// The matrix from default user space to the page as shown (rotation
/// applied, y down from the top), and the shown width and height.
fn upright(b: &Rect, rotate: f32) -> (Matrix, f32, f32) {
    let turns = ((rotate / 90.0).round() as i64).rem_euclid(4);
    match turns {
        1 => (
            Matrix([0.0, 1.0, 1.0, 0.0, -b.y0, -b.x0]),
            b.height(),
            b.width(),
        ),
        2 => (
            Matrix([-1.0, 0.0, 0.0, 1.0, b.x1, -b.y0]),
            b.width(),
            b.height(),
        ),
        3 => (
            Matrix([0.0, -1.0, -1.0, 0.0, b.y1, b.x1]),
            b.height(),
            b.width(),
        ),
        _ => (
            Matrix([1.0, 0.0, 0.0, -1.0, -b.x0, b.y1]),
            b.width(),
            b.height(),
        ),
    }
}

/// The normal appearance of each visible annotation, drawn into its
/// rectangle; a signature field's is marked as such.
fn annotations<'a>(
    doc: &'a Document,
    annots: &'a Object,
    to_top: Matrix,
    interpreter: &mut Interpreter<'a>,
) {
    let Some(list) = doc
        .dereference(annots)
        .ok()
        .and_then(|(_, a)| a.as_array().ok())
    else {
        return;
    };
    for annot in list.iter().take(1000) {
        let Some(dict) = doc
            .dereference(annot)
            .ok()
            .and_then(|(_, a)| a.as_dict().ok())
        else {
            continue;
        };
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        let flags = dict.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        if matches!(subtype, b"Link" | b"Popup") || flags & (2 | 32) != 0 {
            continue;
        }
        let Some(area) = dict.get(b"Rect").ok().and_then(|r| rect(doc, r)) else {
            continue;
        };
        let Some((appearance, stream)) = appearance(doc, dict) else {
            continue;
        };
        let signature = subtype == b"Widget" && is_signature_field(doc, dict);
        let origin = if signature {
            Origin::Signature
        } else {
            Origin::Annotation
        };
        let matrix = form_matrix(doc, &stream.dict);
        let bbox = stream
            .dict
            .get(b"BBox")
            .ok()
            .and_then(|b| rect(doc, b))
            .map(|b| b.through(&matrix))
            .filter(|b| b.width() > 0.0 && b.height() > 0.0);
        let Some(bbox) = bbox else { continue };
        // Fit the transformed BBox into Rect (PDF 32000-1, 12.5.5).
        let fit = Matrix([
            area.width() / bbox.width(),
            0.0,
            0.0,
            area.height() / bbox.height(),
            area.x0 - bbox.x0 * area.width() / bbox.width(),
            area.y0 - bbox.y0 * area.height() / bbox.height(),
        ]);
        let Some(bytes) = stream_bytes(doc, appearance, interpreter.budget) else {
            continue;
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        let resources: Vec<&Dictionary> = own.into_iter().collect();
        let ctm = matrix.then(&fit).then(&to_top);
        interpreter.run(&bytes, &resources, ctm, origin);
    }
}

/// `/AP /N`: a stream, or a dictionary of states chosen by `/AS`.
fn appearance<'a>(
    doc: &'a Document,
    annot: &'a Dictionary,
) -> Option<(&'a Object, &'a lopdf::Stream)> {
    let ap = doc
        .dereference(annot.get(b"AP").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let normal = ap.get(b"N").ok()?;
    let (_, resolved) = doc.dereference(normal).ok()?;
    if let Ok(stream) = resolved.as_stream() {
        return Some((normal, stream));
    }
    let state = annot.get(b"AS").and_then(Object::as_name).ok()?;
    let chosen = resolved.as_dict().ok()?.get(state).ok()?;
    Some((chosen, doc.dereference(chosen).ok()?.1.as_stream().ok()?))
}

/// A widget whose field (itself or a parent) is a signature (`/FT /Sig`).
fn is_signature_field(doc: &Document, widget: &Dictionary) -> bool {
    let mut node = widget;
    for _ in 0..32 {
        if node.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig") {
            return true;
        }
        match node
            .get(b"Parent")
            .ok()
            .and_then(|p| doc.dereference(p).ok())
            .and_then(|(_, p)| p.as_dict().ok())
        {
            Some(parent) => node = parent,
            None => return false,
        }
    }
    false
}
