//! Signing a PDF with a software certificate: a PAdES B-B signature (ETSI
//! EN 319 142-1) in an incremental update, so the original bytes stay as
//! they were (a PDF/A stays PDF/A), invisible or with the signer's signature
//! image in the room the document leaves for it (ô 7c).

mod appearance;
mod cms;
mod keys;
mod update;

pub use appearance::SignatureImage;
pub use keys::Signer;

use crate::error::Result;
use lopdf::{Dictionary, Object, ObjectId};
use std::time::SystemTime;
use update::{Original, Written, unreadable};

/// How to sign.
pub struct Options<'a> {
    /// The signing time written in the signature (`/M`): the clock's time
    /// when a person signs, a fixed one in tests.
    pub time: SystemTime,
    /// The signer's signature image, shown in the document's room to sign
    /// (ô 7c); `None` gives an invisible signature.
    pub image: Option<&'a SignatureImage>,
}

/// A certificate (and maybe a signature image) ready to sign every PDF of a
/// run (`render --sign`, `batch --sign`, `vanban sign`).
pub struct Signing {
    pub signer: Signer,
    pub image: Option<SignatureImage>,
}

impl Signing {
    /// Signs `pdf` now: the signing time is the clock's, the one place where
    /// vanban reads it (a signature says when it was made).
    pub fn sign_now(&self, pdf: &[u8]) -> Result<Vec<u8>> {
        let options = Options {
            time: SystemTime::now(),
            image: self.image.as_ref(),
        };
        sign(pdf, &self.signer, &options)
    }
}

/// Room in `/Contents` beyond the container's own length (bytes).
const CONTENTS_SPARE: usize = 32;

/// The PDF signed: the original bytes, then the update with the signature.
pub fn sign(pdf: &[u8], signer: &Signer, options: &Options) -> Result<Vec<u8>> {
    let original = Original::read(pdf)?;
    let doc = &original.doc;
    let (page, rect) = match options.image {
        Some(_) => appearance::room(doc).ok_or_else(|| {
            unreadable(&crate::tr!(
                "tệp không đánh dấu chỗ ký (ô 7c) như tệp vanban làm ra; bỏ --image để ký không hiện chữ ký",
                "the file does not mark the room to sign (ô 7c) as vanban's PDFs do; leave out --image for an invisible signature"
            ))
        })?,
        None => (first_page(doc)?, [0.0; 4]),
    };
    let ids = original.new_ids(if options.image.is_some() { 5 } else { 3 });
    let (sig_id, widget_id, form_id) = (ids[0], ids[1], ids[2]);
    let mut objects = Vec::new();
    let image_ids = (ids.get(3).copied(), ids.get(4).copied());
    let form = appearance::form(options.image, &rect, image_ids, &mut objects);
    objects.push(Written::stream(form_id, &form.0, &form.1));
    objects.push(Written::object(
        widget_id,
        &widget(sig_id, page, form_id, &rect, doc),
    ));
    objects.extend(with_field(doc, widget_id)?);
    objects.push(Written::object(
        page,
        &with_annotation(doc, page, widget_id)?,
    ));
    let placeholder_len = cms::signed_data(&[0; 32], signer)?.len() + CONTENTS_SPARE;
    objects.insert(
        0,
        signature_dictionary(sig_id, options.time, placeholder_len),
    );

    let (mut out, starts) = update::append(&original, &objects);
    let contents = fill_byte_range(&mut out, starts[0])?;
    let digest = {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        hash.update(&out[..contents.start]);
        hash.update(&out[contents.end..]);
        hash.finalize()
    };
    let container = cms::signed_data(&digest, signer)?;
    let hex: String = container.iter().map(|b| format!("{b:02X}")).collect();
    // Between the angle brackets; the zeros after the container stay.
    let slot = contents.start + 1..contents.end - 1;
    if hex.len() > slot.len() {
        return Err(unreadable("the signature is larger than its room"));
    }
    out[slot.start..slot.start + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

fn first_page(doc: &lopdf::Document) -> Result<ObjectId> {
    doc.get_pages()
        .values()
        .next()
        .copied()
        .ok_or_else(|| unreadable("no page"))
}

/// The signature dictionary, its `/ByteRange` and `/Contents` placeholders
/// of fixed width, filled in once the file is whole.
fn signature_dictionary(id: ObjectId, time: SystemTime, contents_len: usize) -> Written {
    let body = format!(
        "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({})\n/ByteRange[{BYTE_RANGE_ZERO}]\n/Contents<{}>>>",
        pdf_date(time),
        "0".repeat(contents_len * 2)
    );
    Written {
        id,
        body: body.into_bytes(),
    }
}

const BYTE_RANGE_ZERO: &str = "0000000000 0000000000 0000000000 0000000000";

/// Writes the `/ByteRange` of the signature dictionary whose body starts at
/// `start`, and returns the `/Contents` string's span (angle brackets
/// included), the part the signature does not cover.
fn fill_byte_range(out: &mut [u8], start: usize) -> Result<std::ops::Range<usize>> {
    let find = |what: &[u8]| {
        out[start..]
            .windows(what.len())
            .position(|w| w == what)
            .map(|p| start + p + what.len())
    };
    let (Some(range_at), Some(contents_at)) = (find(b"/ByteRange["), find(b"/Contents<")) else {
        return Err(unreadable("no signature placeholder"));
    };
    let begin = contents_at - 1;
    let end = out[contents_at..]
        .iter()
        .position(|&b| b == b'>')
        .map(|p| contents_at + p + 1)
        .ok_or_else(|| unreadable("no end of /Contents"))?;
    let range = format!(
        "{:010} {:010} {:010} {:010}",
        0,
        begin,
        end,
        out.len() - end
    );
    out[range_at..range_at + BYTE_RANGE_ZERO.len()].copy_from_slice(range.as_bytes());
    Ok(begin..end)
}

/// `D:20261201163005+07'00'`: the time in Vietnam.
fn pdf_date(time: SystemTime) -> String {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).expect("a valid offset");
    let local = chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .with_timezone(&vietnam);
    local.format("D:%Y%m%d%H%M%S+07'00'").to_string()
}

/// The signature field and its widget in one dictionary: printed (PDF/A
/// wants the print flag) and locked.
fn widget(
    sig: ObjectId,
    page: ObjectId,
    form: ObjectId,
    rect: &[f64; 4],
    doc: &lopdf::Document,
) -> Object {
    let fields = acroform(doc)
        .and_then(|f| f.get(b"Fields").ok().and_then(|a| a.as_array().ok()))
        .map_or(0, Vec::len);
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(form));
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Annot".to_vec()));
    d.set("Subtype", Object::Name(b"Widget".to_vec()));
    d.set("FT", Object::Name(b"Sig".to_vec()));
    d.set(
        "T",
        Object::string_literal(format!("Signature{}", fields + 1)),
    );
    d.set("V", Object::Reference(sig));
    d.set("F", 4 + 128);
    d.set(
        "Rect",
        rect.iter()
            .map(|v| Object::Real(*v as f32))
            .collect::<Vec<_>>(),
    );
    d.set("P", Object::Reference(page));
    d.set("AP", Object::Dictionary(ap));
    Object::Dictionary(d)
}

/// The document's interactive form, if it has one.
fn acroform(doc: &lopdf::Document) -> Option<&Dictionary> {
    let form = doc.catalog().ok()?.get(b"AcroForm").ok()?;
    doc.dereference(form).ok()?.1.as_dict().ok()
}

/// The new version of the catalog (or of the form it refers to), with the
/// field in the form's `/Fields` and `/SigFlags` 3 (signatures exist; append
/// only).
fn with_field(doc: &lopdf::Document, field: ObjectId) -> Result<Vec<Written>> {
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| unreadable("no catalog"))?;
    let mut catalog = doc
        .get_dictionary(catalog_id)
        .map_err(|_| unreadable("no catalog"))?
        .clone();
    let mut form = acroform(doc).cloned().unwrap_or_default();
    let mut fields = form
        .get(b"Fields")
        .ok()
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_array().ok().cloned())
        .unwrap_or_default();
    fields.push(Object::Reference(field));
    form.set("Fields", fields);
    form.set("SigFlags", 3);
    match catalog.get(b"AcroForm").and_then(Object::as_reference) {
        Ok(form_id) => Ok(vec![Written::object(form_id, &Object::Dictionary(form))]),
        Err(_) => {
            catalog.set("AcroForm", Object::Dictionary(form));
            Ok(vec![Written::object(
                catalog_id,
                &Object::Dictionary(catalog),
            )])
        }
    }
}

/// The new version of the page, with the widget among its annotations.
fn with_annotation(doc: &lopdf::Document, page: ObjectId, widget: ObjectId) -> Result<Object> {
    let mut dict = doc
        .get_dictionary(page)
        .map_err(|_| unreadable("no page"))?
        .clone();
    let mut annots = dict
        .get(b"Annots")
        .ok()
        .and_then(|a| doc.dereference(a).ok())
        .and_then(|(_, a)| a.as_array().ok().cloned())
        .unwrap_or_default();
    annots.push(Object::Reference(widget));
    dict.set("Annots", annots);
    Ok(Object::Dictionary(dict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_time_is_written_in_vietnam_time() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_000_000);
        // 2026-11-30 00:53:20 UTC.
        assert_eq!(pdf_date(t), "D:20261130075320+07'00'");
    }
}
