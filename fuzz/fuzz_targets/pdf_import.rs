//! PDF bytes → `api::import` (the PDF reader, then the recogniser) → the
//! YAML it gives must parse as a document.
//!
//! Input that starts with `%PDF` is the whole file, so that libFuzzer can
//! mutate the file's structure (cross-reference tables, object streams,
//! encryption, the page tree). Any other input is split at its first `0xFF`
//! byte into a page's content stream and a ToUnicode CMap, which go into a
//! small well-formed PDF with a Type0 Identity-H font (the form Typst and
//! Word write): this reaches the content-stream interpreter, the CMap
//! parser and the layout with every input, not only those that survive the
//! file's syntax. The reader may refuse a file with an `Err`; it must never
//! panic, run past the time-out or run out of memory.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

/// A one-page PDF showing `content` with font `/F1`, a Type0 font whose
/// ToUnicode map is `cmap`.
fn wrap(content: &[u8], cmap: &[u8]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /Identity-H \
          /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /DW 500 \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
          /W [0 [600 700] 10 20 400] >>"
            .to_vec(),
        stream(cmap),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fuzz_target!(|data: &[u8]| {
    let pdf = if data.starts_with(b"%PDF") {
        data.to_vec()
    } else {
        let split = data.iter().position(|b| *b == 0xFF).unwrap_or(data.len());
        wrap(&data[..split], data.get(split + 1..).unwrap_or_default())
    };
    let _ = common::import("draft.pdf", &pdf, false);
});
