//! The fidelity checklist on Typst's layout: page 1 of every sample, both
//! regimes, measured against the model (sizes, weights, centring, gaps,
//! rules, frames, margins). `.ci/check-clients` runs the same checklist on
//! LibreOffice's rendering of the DOCX.

mod common;

use common::checklist::{page_one, typst_page};
use common::*;
use vanban::render::pdf;

#[test]
fn page_one_of_every_sample_is_laid_out_as_the_model_says() {
    let mut failures = Vec::new();
    let mut regimes = std::collections::BTreeMap::new();
    for path in sample_files() {
        let doc = model(&path);
        let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
        let report = page_one(&doc, &typst_page(&pages[0]));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let party = doc.header.rows[0].right[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM";
        *regimes.entry(party).or_insert(0) += 1;
        assert!(
            report.measured > 30,
            "{name}: only {} measurements",
            report.measured
        );
        failures.extend(report.failures.iter().map(|f| format!("{name}: {f}")));
    }
    assert!(regimes.values().all(|n| *n >= 3), "{regimes:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checklist_reads_our_pdf_as_it_reads_typst_s_layout() {
    // The reader `.ci/check-clients` uses on LibreOffice's PDF, on ours: the
    // same lines at the same places as Typst's own layout says.
    for name in ["huong-dan-44-HD-BTGHU.yaml", "state-cong-van.yaml"] {
        let doc = model(&sample(name));
        let typst = typst_page(&pdf::page_texts(&pdf::layout(&doc).unwrap())[0]);
        let read = &pdfgeom::read(&pdf::write(&doc).unwrap())[0];
        let (a, b) = (pdfgeom::lines(&typst), pdfgeom::lines(read));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text);
            for (p, q) in [(x.x, y.x), (x.y, y.y), (x.end, y.end), (x.size, y.size)] {
                assert!((p - q).abs() < 0.05, "{name}: {} {p} {q}", x.text);
            }
            assert_eq!((x.bold, x.italic), (y.bold, y.italic), "{}", x.text);
        }
        assert_eq!(
            page_one(&doc, read).failures,
            Vec::<String>::new(),
            "{name}"
        );
    }
}
