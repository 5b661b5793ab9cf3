//! Signing: a certificate made here, at test time, signs a sample; the
//! signature is read back (the CMS container with the `cms` crate, the byte
//! range, the signature checked with the certificate's key), the original
//! bytes are still the file's first bytes, and a changed byte is caught.

mod common;

use common::*;
use der::asn1::ObjectIdentifier as Oid;
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use lopdf::Object;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::{Duration, SystemTime};
use vanban::render::pdf;
use vanban::sign::{self, SignatureImage, Signer};

const PASSWORD: &str = "mật khẩu thử";

const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
const ID_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// A self-signed RSA certificate for `Nguyễn Văn An`, and its key, in a
/// PKCS#12 file protected by [`PASSWORD`].
fn test_p12() -> Vec<u8> {
    use p12_keystore::{KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    use rsa::pkcs8::EncodePrivateKey;
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, profile};

    let key = rsa::PrivateKey::new(&mut p12_keystore::rand::rng(), 2048).unwrap();
    let signing_key = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.clone());
    let public =
        x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(&key.to_public_key()).unwrap();
    let subject =
        x509_cert::name::Name::from_str("CN=Nguyễn Văn An,O=UBND xã Bình An,C=VN").unwrap();
    let validity = x509_cert::time::Validity::from_now(Duration::from_secs(3600 * 24)).unwrap();
    let builder = CertificateBuilder::new(
        profile::cabf::Root::new(false, subject).unwrap(),
        x509_cert::serial_number::SerialNumber::from(20261201u32),
        validity,
        public,
    )
    .unwrap();
    let cert = builder.build(&signing_key).unwrap();
    let chain = PrivateKeyChain::new(
        b"1".as_slice(),
        PrivateKey::from_der(key.to_pkcs8_der().unwrap().as_bytes()).unwrap(),
        [p12_keystore::Certificate::from_der(&cert.to_der().unwrap()).unwrap()],
    );
    let mut store = KeyStore::new();
    store.add_entry("chu-ky", KeyStoreEntry::PrivateKeyChain(chain));
    store.writer(PASSWORD).write().unwrap()
}

fn signer() -> Signer {
    static P12: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let p12 = P12.get_or_init(test_p12);
    Signer::from_pkcs12(p12, PASSWORD, Path::new("test.p12")).unwrap()
}

fn signed(pdf: &[u8], image: Option<&SignatureImage>) -> Vec<u8> {
    let options = sign::Options {
        time: SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_000_000),
        image,
    };
    sign::sign(pdf, &signer(), &options).unwrap()
}

/// The signature dictionary and the widget of the last signature field.
fn signature_parts(doc: &lopdf::Document) -> (lopdf::Dictionary, lopdf::Dictionary) {
    let catalog = doc.catalog().unwrap();
    let form = doc
        .dereference(catalog.get(b"AcroForm").unwrap())
        .unwrap()
        .1;
    let form = form.as_dict().unwrap();
    assert_eq!(form.get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
    let fields = form.get(b"Fields").unwrap().as_array().unwrap();
    let widget = doc
        .get_dictionary(fields.last().unwrap().as_reference().unwrap())
        .unwrap()
        .clone();
    let sig = doc
        .get_dictionary(widget.get(b"V").unwrap().as_reference().unwrap())
        .unwrap()
        .clone();
    (sig, widget)
}

/// What a verifier checks: the byte range covers the whole file but the
/// `/Contents` string; the container's message digest is the digest of
/// those bytes; its signature verifies with the certificate's key.
/// Returns the signer's name, or why the check failed.
fn verify(bytes: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let (sig, _) = signature_parts(&doc);
    let range: Vec<usize> = sig
        .get(b"ByteRange")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_i64().unwrap() as usize)
        .collect();
    let [start, first, second, rest] = range[..] else {
        return Err("not four numbers".into());
    };
    if start != 0
        || second + rest != bytes.len()
        || bytes[first] != b'<'
        || bytes[second - 1] != b'>'
    {
        return Err(format!(
            "the byte range {range:?} leaves more than /Contents"
        ));
    }
    let Object::String(container, _) = sig.get(b"Contents").unwrap() else {
        return Err("no /Contents".into());
    };
    let info = cms::content_info::ContentInfo::from_der(&strip_padding(container))
        .map_err(|e| e.to_string())?;
    assert_eq!(info.content_type, ID_SIGNED_DATA);
    let data: cms::signed_data::SignedData = info
        .content
        .decode_as()
        .map_err(|e: der::Error| e.to_string())?;
    // Detached: the content type without content.
    assert_eq!(data.encap_content_info.econtent_type, ID_DATA);
    assert!(data.encap_content_info.econtent.is_none());
    let certs = data.certificates.as_ref().expect("the certificate");
    let cms::cert::CertificateChoices::Certificate(cert) = certs.0.get(0).unwrap() else {
        return Err("not a certificate".into());
    };
    let signer_info = data.signer_infos.0.get(0).expect("one signer");
    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .expect("signed attributes");
    let value = |oid| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .map(|a| a.values.get(0).unwrap().clone())
    };
    // PAdES B-B: no signing-time attribute; the signing certificate named.
    assert!(value(ID_SIGNING_TIME).is_none());
    let ess = value(ID_SIGNING_CERTIFICATE_V2).expect("signing-certificate-v2");
    let cert_hash = Sha256::digest(cert.to_der().unwrap());
    if !ess.value().windows(32).any(|w| w == cert_hash.as_slice()) {
        return Err("signing-certificate-v2 does not name the certificate".into());
    }
    let digest = value(ID_MESSAGE_DIGEST).expect("message-digest");
    let mut hash = Sha256::new();
    hash.update(&bytes[..first]);
    hash.update(&bytes[second..]);
    if digest.value() != hash.finalize().as_slice() {
        return Err("the document was changed after signing".into());
    }
    let key = rsa::PublicKey::try_from(
        cert.tbs_certificate()
            .subject_public_key_info()
            .owned_to_ref(),
    )
    .map_err(|e| e.to_string())?;
    key.pkcs1v15_verify::<Sha256>(&attrs.to_der().unwrap(), signer_info.signature.as_bytes())
        .map_err(|_| "the signature does not verify".to_string())?;
    let name = cert
        .tbs_certificate()
        .subject()
        .common_name()
        .unwrap()
        .unwrap();
    Ok(String::from(name))
}

/// The container without the zeros that fill the rest of `/Contents`: its
/// length from its DER header (tag, then a short or a long length).
fn strip_padding(contents: &[u8]) -> Vec<u8> {
    let first = usize::from(contents[1]);
    let len = if first < 0x80 {
        2 + first
    } else {
        let n = first & 0x7f;
        let body = contents[2..2 + n]
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
        2 + n + body
    };
    assert!(contents[len..].iter().all(|&b| b == 0), "only zeros after");
    contents[..len].to_vec()
}

#[test]
fn a_signed_sample_verifies_keeps_its_bytes_and_stays_pdf_a() {
    let original = pdf::write(&model(&sample("state-quyet-dinh.yaml"))).unwrap();
    let bytes = signed(&original, None);
    assert_eq!(
        &bytes[..original.len()],
        &original[..],
        "an incremental update"
    );
    assert_eq!(verify(&bytes).unwrap(), "Nguyễn Văn An");

    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let (sig, widget) = signature_parts(&doc);
    let name = |d: &lopdf::Dictionary, k: &[u8]| d.get(k).unwrap().as_name().unwrap().to_vec();
    assert_eq!(name(&sig, b"SubFilter"), b"ETSI.CAdES.detached");
    assert_eq!(name(&sig, b"Filter"), b"Adobe.PPKLite");
    assert_eq!(
        sig.get(b"M").unwrap().as_str().unwrap(),
        b"D:20261130075320+07'00'"
    );
    // Invisible, printed and locked (PDF/A wants the print flag).
    assert_eq!(widget.get(b"F").unwrap().as_i64().unwrap(), 132);
    let rect: Vec<f32> = widget
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    assert_eq!(rect, [0.0; 4]);
    // The new catalog keeps the PDF/A parts of the old one.
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"Metadata").is_ok() && catalog.get(b"OutputIntents").is_ok());
    assert!(doc.trailer.get(b"ID").is_ok() && doc.trailer.get(b"Info").is_ok());
}

#[test]
fn a_byte_changed_after_signing_is_caught() {
    let original = pdf::write(&model(&sample("state-cong-van.yaml"))).unwrap();
    let bytes = signed(&original, None);
    assert!(verify(&bytes).is_ok());
    // A byte of the page's text, then a byte of the signature's own update.
    for at in [original.len() / 2, bytes.len() - 40] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        match verify(&changed) {
            Ok(_) => panic!("byte {at} changed and the signature still verifies"),
            Err(why) => assert!(!why.is_empty()),
        }
    }
}

/// A 60 × 30 PNG: a blue stroke on a transparent background.
fn signature_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 60, 30);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..30 * 60i32)
        .flat_map(|i| {
            let (x, y) = (i % 60, i / 60);
            let on = (y - 15 - (x - 30) / 4).abs() < 2;
            [20, 40, 200, if on { 255 } else { 0 }]
        })
        .collect();
    writer.write_image_data(&pixels).unwrap();
    drop(writer);
    out
}

#[test]
fn a_visible_signature_sits_in_the_room_left_to_sign() {
    let doc = model(&sample("state-quyet-dinh.yaml"));
    let layout = pdf::layout(&doc).unwrap();
    let room = pdf::rooms(&layout)[0];
    let page_height = layout.pages()[room.page - 1].frame.size().y.to_pt();
    let image = SignatureImage::from_png(&signature_png(), Path::new("chu-ky.png")).unwrap();
    let bytes = signed(&pdf::write(&doc).unwrap(), Some(&image));
    assert!(verify(&bytes).is_ok());
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let (_, widget) = signature_parts(&pdf);
    let rect: Vec<f64> = widget
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| f64::from(v.as_float().unwrap()))
        .collect();
    // PDF space (y up) against the layout (y down); typst-pdf rounds
    // destinations to a hundredth of a point.
    let want = [
        room.left,
        page_height - room.bottom,
        room.right,
        page_height - room.top,
    ];
    for (got, want) in rect.iter().zip(want) {
        assert!((got - want).abs() < 0.05, "{rect:?} against {want:?}");
    }
    // The widget is on the page of the room, and its appearance draws the image.
    let page_id = pdf.get_pages()[&(room.page as u32)];
    assert_eq!(widget.get(b"P").unwrap().as_reference().unwrap(), page_id);
    let ap = widget.get(b"AP").unwrap().as_dict().unwrap();
    let form = pdf
        .get_object(ap.get(b"N").unwrap().as_reference().unwrap())
        .unwrap();
    let form = form.as_stream().unwrap();
    assert!(String::from_utf8_lossy(&form.content).contains("/Im1 Do"));
}

#[test]
fn a_wrong_password_or_a_pdf_without_the_room_is_a_clear_error() {
    english();
    let p12 = test_p12();
    let err = Signer::from_pkcs12(&p12, "sai", Path::new("chu-ky.p12"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("wrong password"), "{err}");
    // A PDF made elsewhere has no room marked: the image cannot be placed.
    let plain = minimal_pdf();
    let plain = plain.as_slice();
    let image = SignatureImage::from_png(&signature_png(), Path::new("chu-ky.png")).unwrap();
    let options = sign::Options {
        time: SystemTime::UNIX_EPOCH,
        image: Some(&image),
    };
    let err = sign::sign(plain, &signer(), &options).err().unwrap();
    assert!(err.to_string().contains("room to sign"), "{err}");
    // Without the image it signs.
    let options = sign::Options {
        time: SystemTime::UNIX_EPOCH,
        image: None,
    };
    let bytes = sign::sign(plain, &signer(), &options).unwrap();
    assert_eq!(verify(&bytes).unwrap(), "Nguyễn Văn An");
}

/// A one-page PDF as another program would make it, without vanban's marks.
fn minimal_pdf() -> Vec<u8> {
    let objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 4\n0000000000 65535 f\r\n");
    for at in offsets {
        out.extend_from_slice(format!("{at:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}
