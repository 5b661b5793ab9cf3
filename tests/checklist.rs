//! The fidelity checklist on Typst's layout: page 1 of every sample, both
//! regimes, measured against the model (sizes, weights, centring, gaps,
//! rules, frames, margins). `.ci/check-clients` runs the same checklist on
//! LibreOffice's rendering of the DOCX. The DOCX's own geometry (rules, frames,
//! table padding and lines) is read from its XML against the model.

mod common;

use common::checklist::page_one;
use common::*;
use vanban::render::pdf;

#[test]
fn page_one_of_every_sample_is_laid_out_as_the_model_says() {
    let mut failures = Vec::new();
    let mut regimes = std::collections::BTreeMap::new();
    for path in sample_files() {
        let doc = model(&path);
        let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
        let report = page_one(&doc, &pages[0]);
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
        let typst = pdf::page_texts(&pdf::layout(&doc).unwrap()).remove(0);
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

/// A rule or a frame as the DOCX draws it: a paragraph's borders, narrowed
/// by its indents within its cell.
#[derive(Debug)]
struct Drawn {
    style: String,
    frame: bool,
    /// The rule's length, or the frame's width, in millimetres.
    width: f64,
    /// Exact height and space after (points), for a rule.
    height: f64,
    after: f64,
    stroke: f64,
}

fn drawn(xml: &str, text_width: f64) -> Vec<Drawn> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let twips = |n: Option<roxmltree::Node>, attr: &str| -> f64 {
        n.and_then(|n| n.attribute((W, attr)))
            .map_or(0.0, |v| v.parse().unwrap())
    };
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let Some(ppr) = child(p, "pPr") else { continue };
        let Some(borders) = child(ppr, "pBdr") else {
            continue;
        };
        let cell = p
            .ancestors()
            .find(|a| a.has_tag_name((W, "tc")))
            .and_then(|tc| child(tc, "tcPr"))
            .and_then(|pr| child(pr, "tcW"))
            .map_or(text_width, |w| twips(Some(w), "w") / 1440.0 * 25.4);
        let ind = child(ppr, "ind");
        let inner = cell - (twips(ind, "left") + twips(ind, "right")) / 1440.0 * 25.4;
        let bottom = child(borders, "bottom");
        let stroke = twips(bottom, "sz") / 8.0;
        let frame = child(borders, "top").is_some();
        let spacing = child(ppr, "spacing");
        out.push(Drawn {
            style: child(ppr, "pStyle")
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("")
                .to_string(),
            frame,
            width: if frame {
                inner + 2.0 * (twips(bottom, "space") + stroke / 2.0) * 25.4 / 72.0
            } else {
                inner
            },
            height: twips(spacing, "line") / 20.0,
            after: twips(spacing, "after") / 20.0,
            stroke,
        });
    }
    out
}

#[test]
fn the_docx_draws_the_model_s_rules_and_frames() {
    let mut count = 0;
    for path in sample_files() {
        let doc = model(&path);
        let xml = docx_part(
            &vanban::render::docx::write(&doc).unwrap(),
            "word/document.xml",
        );
        let found = drawn(&xml, doc.page.text_width());
        let lines = doc
            .header
            .rows
            .iter()
            .flat_map(|r| r.left.iter().chain(&r.right))
            .chain(&doc.title);
        let want: Vec<_> = lines
            .filter(|l| l.rule.is_some() || l.frame.is_some())
            .collect();
        assert_eq!(found.len(), want.len(), "{}: {found:?}", path.display());
        let g = &doc.geometry;
        for (d, l) in found.iter().zip(want) {
            let name = format!("{}: {}", path.display(), l.text);
            assert_eq!(d.style, vanban::render::docx::style_id(l.role), "{name}");
            if let Some(rule) = l.rule {
                assert!(!d.frame, "{name}");
                assert!(
                    (d.width - rule.length).abs() < 0.05,
                    "{name}: {} mm, not {}",
                    d.width,
                    rule.length
                );
                assert!(
                    (d.height + d.stroke / 2.0 - rule.above).abs() < 0.05,
                    "{name}: {d:?}"
                );
                assert!(
                    (d.after + d.stroke / 2.0 - rule.below).abs() < 0.05,
                    "{name}: {d:?}"
                );
                assert_eq!(d.stroke, g.rule_stroke, "{name}");
            } else {
                assert!(d.frame, "{name}");
                let width = l.frame.unwrap();
                assert!(
                    (d.width - width).abs() < 0.05,
                    "{name}: {} mm, not {width}",
                    d.width
                );
                assert_eq!(d.stroke, g.frame.stroke, "{name}");
            }
            count += 1;
        }
    }
    assert!(count > 40, "{count}");
}

#[test]
fn the_docx_tables_have_the_model_s_padding_and_lines() {
    let doc = model(&sample("state-bao-cao.yaml"));
    let xml = docx_part(
        &vanban::render::docx::write(&doc).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&xml).unwrap();
    let t = &doc.geometry.table;
    let tables: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name((W, "tblPr")))
        .filter(|pr| child(*pr, "tblBorders").is_some_and(|b| b.children().any(|c| c.is_element())))
        .collect();
    assert_eq!(tables.len(), 2, "the two appendices' tables");
    for pr in tables {
        let margins = child(pr, "tblCellMar").unwrap();
        let twips = |side: &str| -> f64 {
            child(margins, side)
                .unwrap()
                .attribute((W, "w"))
                .unwrap()
                .parse::<f64>()
                .unwrap()
                / 1440.0
                * 25.4
        };
        for (side, want) in [
            ("top", t.padding_y),
            ("bottom", t.padding_y),
            ("left", t.padding_x),
            ("right", t.padding_x),
        ] {
            assert!((twips(side) - want).abs() < 0.02, "{side}");
        }
        for border in child(pr, "tblBorders")
            .unwrap()
            .children()
            .filter(|c| c.is_element())
        {
            let size: f64 = border.attribute((W, "sz")).unwrap().parse().unwrap();
            assert_eq!(size / 8.0, t.stroke, "{:?}", border.tag_name());
        }
    }
}

#[test]
fn the_layout_stops_on_a_block_kind_it_does_not_know() {
    english();
    let doc = model(&sample("state-bao-cao.yaml"));
    let data = pdf::data(&doc).unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&data).unwrap();
    json["doc"]["body"][1]["type"] = "figure".into();
    let err = pdf::layout_data(serde_json::to_vec(&json).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("does not know the block kind \"figure\""),
        "{err}"
    );
}
