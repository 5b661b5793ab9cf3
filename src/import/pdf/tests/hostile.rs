//! Hostile and broken PDFs: each gives a clear error, or reads what can be
//! read, within the limits (src/import/pdf/limits.rs); none panics or hangs.

use super::super::limits::{MAX_PAGES, MAX_STREAM_BYTES};
use super::*;
use lopdf::{Document as Pdf, Object, Stream, dictionary};

fn error(pdf: &[u8]) -> String {
    crate::lang::set(crate::lang::Lang::En);
    match super::super::lines(Path::new("hostile.pdf"), pdf) {
        Ok(lines) => panic!("read {} lines", lines.len()),
        Err(e) => format!("{}: {}", e.message, e.cause),
    }
}

/// A PDF of `pages` pages that all show one content stream, with a font.
fn minimal(pages: usize, content: &[u8]) -> Pdf {
    let mut doc = Pdf::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let id = Object::string_literal(b"0123456789abcdef".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc
}

fn bytes(mut doc: Pdf) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

const HELLO: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET";

#[test]
fn a_minimal_pdf_with_a_standard_font_reads() {
    let lines = read(&bytes(minimal(1, HELLO)));
    assert_eq!(lines[0].text, "Hello");
}

#[test]
fn ten_thousand_pages_are_refused_by_the_page_limit() {
    let cause = error(&bytes(minimal(10_000, HELLO)));
    assert!(
        cause.contains(&format!("more than {MAX_PAGES} pages")),
        "{cause}"
    );
}

#[test]
fn a_password_protected_pdf_says_so() {
    let mut doc = minimal(1, HELLO);
    let version = lopdf::encryption::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let cause = error(&bytes(doc));
    assert!(cause.contains("protected by a password"), "{cause}");
}

#[test]
fn a_pdf_locked_only_against_editing_reads() {
    // An empty user password: readers open it without asking.
    let mut doc = minimal(1, HELLO);
    let version = lopdf::encryption::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    assert_eq!(read(&bytes(doc))[0].text, "Hello");
}

#[test]
fn a_truncated_pdf_is_a_clear_error_or_reads_what_is_left() {
    let (_, pdf) = render(&root().join("samples/party-cong-van.yaml"));
    for cut in [10, 100, pdf.len() / 3, pdf.len() / 2, pdf.len() - 100] {
        let result = super::super::lines(Path::new("cut.pdf"), &pdf[..cut]);
        if let Err(e) = result {
            assert!(e.message.contains("cut.pdf"), "{e}");
        }
    }
    let cause = error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog");
    assert!(cause.contains("damaged or cut short"), "{cause}");
    assert!(error(b"not a pdf at all").contains("damaged or cut short"));
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 20 MB of zeros, about 20 KB deflated: over the 16 MB a stream may hold.
    let zeros = vec![b' '; MAX_STREAM_BYTES + 4 * 1024 * 1024];
    let mut stream = Stream::new(dictionary! {}, zeros);
    stream.compress().unwrap();
    assert!(stream.content.len() < 100_000);
    let mut doc = minimal(1, HELLO);
    let page = *doc.get_pages().get(&1).unwrap();
    let bomb = doc.add_object(stream);
    doc.get_object_mut(page)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Contents", bomb);
    let cause = error(&bytes(doc));
    assert!(
        cause.contains("beyond what vanban reads") || cause.contains("too much data"),
        "{cause}"
    );
}

#[test]
fn loops_end() {
    // A page tree whose Kids lead back to itself, a form that draws itself,
    // and a Contents reference chain that loops.
    let mut doc = minimal(1, b"BT /F1 12 Tf 72 720 Td (Loop) Tj ET /X1 Do");
    let page = *doc.get_pages().get(&1).unwrap();
    let form_id = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form_id } },
        },
        b"/X1 Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let resources = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    resources.set(
        "Resources",
        dictionary! {
            "Font" => dictionary! { "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman" } },
            "XObject" => dictionary! { "X1" => form_id },
        },
    );
    let pages = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let kids = doc.get_object_mut(pages).unwrap().as_dict_mut().unwrap();
    kids.set("Kids", vec![page.into(), pages.into()]);
    let lines = read(&bytes(doc));
    assert_eq!(lines[0].text, "Loop");
}

#[test]
fn a_scan_without_text_says_so() {
    let cause = error(&bytes(minimal(2, b"q 100 0 0 100 0 0 cm Q")));
    assert!(cause.contains("no text"), "{cause}");
}

/// What the reader cannot read is said, page by page: rotated text, and
/// characters whose font gives no text (a Type0 font with no ToUnicode map
/// and no embedded program).
#[test]
fn text_that_cannot_be_read_is_reported() {
    crate::lang::set(crate::lang::Lang::En);
    let content = b"BT /F1 12 Tf 72 720 Td (Read) Tj ET \
                    BT /F1 12 Tf 0 1 -1 0 500 300 Tm (Rotated) Tj ET \
                    BT /F2 12 Tf 72 700 Td <00410042> Tj ET";
    let mut doc = minimal(1, content);
    let page = *doc.get_pages().get(&1).unwrap();
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Unknown",
    });
    let type0 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Unknown",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    doc.get_object_mut(page)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set(
            "Resources",
            dictionary! { "Font" => dictionary! { "F1" => font, "F2" => type0 } },
        );
    let (lines, warnings) = super::super::read(Path::new("x.pdf"), &bytes(doc)).unwrap();
    assert_eq!(lines[0].text, "Read");
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "page 1: 7 characters of rotated text (not along the line) were not read",
            "page 1: 2 characters were not read: their font does not say which letters they are",
        ]
    );
}
