//! LibreOffice's rendering of vanban's DOCX against vanban's PDF, run by
//! `.ci/check-clients`:
//!
//! - every page of every document holds the same lines in both (so the same
//!   line and page breaks), and each line sits within 0.5 mm of its place in
//!   the PDF;
//! - page 1 of every sample passes the fidelity checklist (the one `cargo
//!   test` runs on Typst's layout) on LibreOffice's PDF too.
//!
//! `cargo run --example fidelity -- SAMPLES_DIR OURS_DIR LIBREOFFICE_DIR [-v]`
//! (the PDFs named after the documents; `-v` prints every line's offsets).

#[allow(dead_code)]
#[path = "../tests/common/checklist.rs"]
mod checklist;
#[path = "../tests/common/pdfgeom.rs"]
mod pdfgeom;

use pdfgeom::{Page, lines};
use std::path::{Path, PathBuf};

const MM: f64 = 25.4 / 72.0;
/// How far a line may sit from its place in our PDF, mm.
const TOLERANCE: f64 = 0.5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: fidelity SAMPLES_DIR OURS_DIR LIBREOFFICE_DIR [-v]");
        std::process::exit(2);
    }
    let (samples, ours, theirs) = (
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&args[3]),
    );
    let verbose = args.iter().any(|a| a == "-v");
    let mut failures = Vec::new();
    let mut widest = (0.0f64, 0.0f64);
    let mut compared = 0;
    for path in files(ours, "pdf") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let a = pdfgeom::read(&std::fs::read(&path).unwrap());
        let Ok(lo) = std::fs::read(theirs.join(format!("{name}.pdf"))) else {
            failures.push(format!("{name}: LibreOffice made no PDF"));
            continue;
        };
        let b = pdfgeom::read(&lo);
        let (found, (dx, dy)) = compare(&name, &a, &b, verbose);
        failures.extend(found);
        widest = (widest.0.max(dx), widest.1.max(dy));
        compared += 1;
    }
    let templates = vanban::compose::Templates::load(None).expect("built-in templates");
    let mut measured = 0;
    let mut checked = 0;
    for path in files(samples, "yaml") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(lo) = std::fs::read(theirs.join(format!("{name}.pdf"))) else {
            continue;
        };
        let doc = vanban::api::load(&path, &templates).unwrap_or_else(|e| panic!("{e}"));
        let report = checklist::page_one(&doc, &pdfgeom::read(&lo)[0]);
        measured += report.measured;
        checked += 1;
        failures.extend(
            report
                .failures
                .iter()
                .map(|f| format!("{name} (LibreOffice): {f}")),
        );
    }
    println!(
        "{compared} documents: the same lines on every page; the widest offsets {:.2} mm across, {:.2} mm down",
        widest.0, widest.1
    );
    println!("{checked} samples: page 1 checklist on LibreOffice's PDF, {measured} measurements");
    if !failures.is_empty() {
        for f in &failures {
            println!("FAIL {f}");
        }
        std::process::exit(1);
    }
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    out.sort();
    out
}

/// Page by page, the lines only one PDF has, and lines too far from their
/// place; the widest offsets found (mm across, mm down).
fn compare(name: &str, a: &[Page], b: &[Page], verbose: bool) -> (Vec<String>, (f64, f64)) {
    let mut failures = Vec::new();
    let mut widest = (0.0f64, 0.0f64);
    if a.len() != b.len() {
        failures.push(format!(
            "{name}: {} pages in our PDF, {} in LibreOffice's",
            a.len(),
            b.len()
        ));
    }
    for (i, (pa, pb)) in a.iter().zip(b).enumerate() {
        let (la, lb) = (lines(pa), lines(pb));
        let mut used = vec![false; lb.len()];
        for x in &la {
            let found = lb
                .iter()
                .enumerate()
                .filter(|(j, y)| !used[*j] && y.text == x.text)
                .min_by(|p, q| (p.1.y - x.y).abs().total_cmp(&(q.1.y - x.y).abs()));
            let Some((j, y)) = found else {
                failures.push(format!("{name} p. {}: only in our PDF: {}", i + 1, x.text));
                continue;
            };
            used[j] = true;
            let (dx, dy) = ((y.x - x.x) * MM, (y.y - x.y) * MM);
            widest = (widest.0.max(dx.abs()), widest.1.max(dy.abs()));
            if verbose {
                println!("{name} p. {} {dx:+.2} {dy:+.2} mm | {}", i + 1, x.text);
            }
            if dx.abs() > TOLERANCE || dy.abs() > TOLERANCE {
                failures.push(format!(
                    "{name} p. {}: {} is {dx:+.2} mm across, {dy:+.2} mm down in LibreOffice",
                    i + 1,
                    x.text
                ));
            }
        }
        for (j, y) in lb.iter().enumerate() {
            if !used[j] {
                failures.push(format!(
                    "{name} p. {}: only in LibreOffice's PDF: {}",
                    i + 1,
                    y.text
                ));
            }
        }
    }
    (failures, widest)
}
