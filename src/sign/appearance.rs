//! What a visible signature shows: the signer's signature image (a PNG,
//! blue on a transparent background, as Phụ lục I of Nghị định 30 asks),
//! centred in the room the document leaves to sign (ô 7c), which vanban's
//! PDFs name with two destinations (render/pdf/marks.rs).

use super::update::Written;
use crate::error::{Error, ErrorKind, Result};
use crate::render::pdf::{DESTINATION_LIFT_PT, destination_name};
use lopdf::{Dictionary, Object, ObjectId};
use std::io::Write;
use std::path::Path;

/// A signature image, decoded: 8-bit RGB and its alpha channel.
pub struct SignatureImage {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    alpha: Vec<u8>,
}

impl SignatureImage {
    /// Decodes a PNG (`path` is for messages).
    pub fn from_png(bytes: &[u8], path: &Path) -> Result<SignatureImage> {
        decode(bytes).map_err(|cause| {
            Error::new(
                ErrorKind::Input,
                crate::tr!(
                    "không đọc được ảnh chữ ký {}",
                    "could not read the signature image {}",
                    path.display()
                ),
                cause,
            )
            .hint(crate::tr!(
                "ảnh chữ ký là tệp PNG, nền trong suốt",
                "the signature image is a PNG with a transparent background"
            ))
        })
    }
}

fn decode(bytes: &[u8]) -> std::result::Result<SignatureImage, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buffer = vec![
        0;
        reader
            .output_buffer_size()
            .ok_or("the image is too large")?
    ];
    let frame = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
    let pixels = &buffer[..frame.buffer_size()];
    let (rgb, alpha): (Vec<[u8; 3]>, Vec<u8>) = match frame.color_type {
        png::ColorType::Rgba => pixels
            .chunks_exact(4)
            .map(|p| ([p[0], p[1], p[2]], p[3]))
            .unzip(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .map(|p| ([p[0], p[1], p[2]], 255))
            .unzip(),
        png::ColorType::GrayscaleAlpha => pixels.chunks_exact(2).map(|p| ([p[0]; 3], p[1])).unzip(),
        png::ColorType::Grayscale => pixels.iter().map(|&g| ([g; 3], 255)).unzip(),
        png::ColorType::Indexed => return Err("an indexed PNG that could not be expanded".into()),
    };
    Ok(SignatureImage {
        width: frame.width,
        height: frame.height,
        rgb: rgb.concat(),
        alpha,
    })
}

/// The page and the rectangle (PDF user space: left, bottom, right, top)
/// of the first signature's room to sign, from the named destinations.
pub fn room(doc: &lopdf::Document) -> Option<(ObjectId, [f64; 4])> {
    let name = destination_name(1);
    let (page, left, top) = destination(doc, name.as_bytes())?;
    let (end_page, right, bottom) = destination(doc, format!("{name}-end").as_bytes())?;
    (page == end_page && right > left && top > bottom).then_some((page, [left, bottom, right, top]))
}

/// A named destination's page and point (`/XYZ left top`), moved back down
/// by the lift typst-pdf gives it.
fn destination(doc: &lopdf::Document, name: &[u8]) -> Option<(ObjectId, f64, f64)> {
    let catalog = doc.catalog().ok()?;
    let names = catalog.get_deref(b"Names", doc).ok()?.as_dict().ok()?;
    let tree = names.get_deref(b"Dests", doc).ok()?.as_dict().ok()?;
    let dest = find_in_tree(doc, tree, name, 0)?;
    let array = match dest {
        Object::Dictionary(d) => d.get_deref(b"D", doc).ok()?.as_array().ok()?,
        other => other.as_array().ok()?,
    };
    let number = |o: &Object| o.as_float().ok().map(f64::from);
    match array.as_slice() {
        [Object::Reference(page), Object::Name(kind), left, top, ..] if kind == b"XYZ" => {
            Some((*page, number(left)?, number(top)? - DESTINATION_LIFT_PT))
        }
        _ => None,
    }
}

/// The value of `name` in a name tree.
fn find_in_tree<'a>(
    doc: &'a lopdf::Document,
    node: &'a Dictionary,
    name: &[u8],
    depth: usize,
) -> Option<&'a Object> {
    if depth > 32 {
        return None;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        let found = names
            .chunks_exact(2)
            .find(|pair| pair[0].as_str().is_ok_and(|n| n == name));
        if let Some(pair) = found {
            return doc.dereference(&pair[1]).ok().map(|(_, o)| o);
        }
    }
    let kids = node
        .get_deref(b"Kids", doc)
        .and_then(Object::as_array)
        .ok()?;
    kids.iter().find_map(|kid| {
        let kid = doc.dereference(kid).ok()?.1.as_dict().ok()?;
        find_in_tree(doc, kid, name, depth + 1)
    })
}

/// The widget's appearance: a form XObject the size of `rect`, empty, or
/// drawing the image (written to `objects` as `ids`, with its alpha as a
/// soft mask) centred and as large as fits.
pub fn form(
    image: Option<&SignatureImage>,
    rect: &[f64; 4],
    ids: (Option<ObjectId>, Option<ObjectId>),
    objects: &mut Vec<Written>,
) -> (Dictionary, Vec<u8>) {
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set(
        "BBox",
        vec![
            0.into(),
            0.into(),
            Object::Real(w as f32),
            Object::Real(h as f32),
        ],
    );
    let (Some(image), (Some(image_id), Some(mask_id))) = (image, ids) else {
        form.set("Resources", Dictionary::new());
        return (form, Vec::new());
    };
    objects.push(image_object(
        mask_id,
        &image.alpha,
        "DeviceGray",
        image,
        None,
    ));
    objects.push(image_object(
        image_id,
        &image.rgb,
        "DeviceRGB",
        image,
        Some(mask_id),
    ));
    let (iw, ih) = (f64::from(image.width), f64::from(image.height));
    let scale = (w / iw).min(h / ih);
    let (dw, dh) = (iw * scale, ih * scale);
    let content = format!(
        "q {dw:.3} 0 0 {dh:.3} {:.3} {:.3} cm /Im1 Do Q",
        (w - dw) / 2.0,
        (h - dh) / 2.0
    );
    let mut xobjects = Dictionary::new();
    xobjects.set("Im1", Object::Reference(image_id));
    let mut resources = Dictionary::new();
    resources.set("XObject", Object::Dictionary(xobjects));
    form.set("Resources", Object::Dictionary(resources));
    (form, content.into_bytes())
}

/// An 8-bit image XObject, deflated.
fn image_object(
    id: ObjectId,
    samples: &[u8],
    colour_space: &str,
    image: &SignatureImage,
    mask: Option<ObjectId>,
) -> Written {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = z.write_all(samples);
    let data = z.finish().unwrap_or_default();
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", i64::from(image.width));
    d.set("Height", i64::from(image.height));
    d.set("ColorSpace", Object::Name(colour_space.as_bytes().to_vec()));
    d.set("BitsPerComponent", 8);
    d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    if let Some(mask) = mask {
        d.set("SMask", Object::Reference(mask));
    }
    Written::stream(id, &d, &data)
}
