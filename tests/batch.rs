//! Batch export and consolidation, run as a user would, on samples/units;
//! and the tables of reports (merged headers, repeated header rows, total
//! rows, landscape pages) in both writers.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use vanban::render::{docx, pdf};

/// Every sample unit's name and figures, read straight from the YAML files.
fn unit_figures() -> Vec<(String, BTreeMap<String, f64>)> {
    figures_of(&root().join("samples/units"))
        .into_values()
        .collect()
}

#[test]
fn batch_writes_every_good_unit_a_manifest_and_a_located_error_for_the_bad_one() {
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = batch(&["samples/units"], out.path());
    assert_eq!(code, 1, "some units failed: {stderr}");
    assert!(
        stderr.contains("--> samples/units/chi-bo-thon-phu-my.yaml:7:7"),
        "{stderr}"
    );
    assert!(stderr.contains("`2025-11-31` is not a date"));
    assert!(
        stderr.contains("warning: Chi bộ thôn Bình Thạnh Tây"),
        "{stderr}"
    );
    assert!(stdout.contains("20 of 21 units written"), "{stdout}");
    let units = unit_figures();
    assert_eq!(units.len(), 21);
    for (name, _) in &units {
        let slug = vanban::batch::slug(name);
        let written = out.path().join(format!("{slug}.pdf")).exists()
            && out.path().join(format!("{slug}.docx")).exists();
        assert_eq!(written, name != "Chi bộ thôn Phú Mỹ", "{name}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let rows = manifest.as_array().unwrap();
    assert_eq!(rows.len(), 21);
    let row = |name: &str| rows.iter().find(|r| r["unit"] == name).unwrap().clone();
    assert_eq!(row("Chi bộ thôn Phú Mỹ")["status"], "failed");
    assert!(
        row("Chi bộ thôn Phú Mỹ")["error"]
            .as_str()
            .unwrap()
            .contains("chi-bo-thon-phu-my.yaml:7:7")
    );
    assert_eq!(row("Chi bộ thôn Bình Thạnh Tây")["status"], "flagged");
    assert_eq!(row("Chi bộ thôn An Thành")["status"], "ok");
    assert_eq!(
        row("Chi bộ thôn An Thành")["files"],
        serde_json::json!(["chi-bo-thon-an-thanh.docx", "chi-bo-thon-an-thanh.pdf"]),
        "files are named relative to the output folder"
    );
    let csv = std::fs::read_to_string(out.path().join("manifest.csv")).unwrap();
    assert_eq!(csv.lines().count(), 22, "a header and a row per unit");
    assert!(csv.starts_with("unit,source,number,files,status,error"));
}

#[test]
fn consolidated_totals_are_the_sums_of_the_units_figures() {
    let out = tempfile::tempdir().unwrap();
    let (_, stdout, _) = batch(&["samples/units", "--consolidate"], out.path());
    assert!(stdout.contains("tong-hop.pdf"), "{stdout}");
    // Recompute from the YAML: every unit that reported (all but the broken
    // one), but the flagged one, whose figures stay out of the totals.
    let units: Vec<_> = unit_figures()
        .into_iter()
        .filter(|(n, _)| n != "Chi bộ thôn Phú Mỹ" && n != "Chi bộ thôn Bình Thạnh Tây")
        .collect();
    let sum = |id: &str| units.iter().map(|(_, f)| f[id]).sum::<f64>();
    let fmt = |v: f64| vanban::compose::numbers::format_number(v, 2);
    let percent =
        |p: &str, w: &str| vanban::compose::numbers::format_percent(sum(p) / sum(w) * 100.0, 1);
    // In the table, a rate has one decimal, as the column's other rates
    // have (compose evens them out): 90,0% beside 85,7%.
    let rate = |p: &str, w: &str| one_decimal(percent(p, w));
    let text = pdf_text(&std::fs::read(out.path().join("tong-hop.pdf")).unwrap());
    let result = format!(
        "Kết quả: {}/{} đảng viên, đạt {}",
        fmt(sum("hoc_tap")),
        fmt(sum("dang_vien")),
        percent("hoc_tap", "dang_vien")
    );
    assert!(text.contains(&result), "{result} not in {text}");
    // The total row of the per-unit table, from the DOCX.
    let bytes = std::fs::read(out.path().join("tong-hop.docx")).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let total = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tr")))
        .find(|tr| {
            tr.descendants()
                .any(|t| t.has_tag_name((W, "t")) && t.text() == Some("Tổng cộng"))
        })
        .expect("a total row");
    let cells: Vec<String> = total
        .children()
        .filter(|n| n.has_tag_name((W, "tc")))
        .map(|tc| {
            tc.descendants()
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    assert_eq!(
        cells[2..],
        [
            fmt(sum("dang_vien")),
            fmt(sum("hoc_tap")),
            rate("hoc_tap", "dang_vien"),
            fmt(sum("so_tay")),
            rate("so_tay", "dang_vien"),
            fmt(sum("ho_dan")),
            fmt(sum("ho_thanh_toan")),
            rate("ho_thanh_toan", "ho_dan"),
            fmt(sum("mo_hinh")),
            String::new(),
        ]
    );
    assert!(
        text.contains("Chưa gửi báo cáo: Chi bộ thôn Cát Tiên."),
        "{text}"
    );
    assert!(text.contains("chưa tổng hợp được: Chi bộ thôn Phú Mỹ."));
    assert!(text.contains("Số liệu cần kiểm tra lại: Chi bộ thôn Bình Thạnh Tây"));
}

/// A folder `units` in `dir` with one copy of a sample per `(file, unit name)`.
fn named_units(dir: &Path, units: &[(&str, &str)]) -> std::path::PathBuf {
    let folder = dir.join("units");
    std::fs::create_dir(&folder).unwrap();
    let doc = std::fs::read_to_string(sample("party-ket-luan.yaml")).unwrap();
    for (file, name) in units {
        std::fs::write(folder.join(file), format!("unit: '{name}'\n{doc}")).unwrap();
    }
    folder
}

#[test]
fn hostile_unit_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let units = named_units(
        dir.path(),
        &[
            ("a.yaml", "../../thoat"),
            ("b.yaml", "/etc/passwd"),
            ("c.yaml", "..."),
            ("d.yaml", "Xã Bình An"),
            // Another unit (the same name in capitals would be the same
            // unit sent twice), whose file name is the same.
            ("e.yaml", "XA BINH AN"),
        ],
    );
    let out = dir.path().join("out");
    let (code, _, stderr) = batch(&[units.to_str().unwrap()], &out);
    assert_eq!(code, 0, "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "don-vi.pdf",
            "etc-passwd.pdf",
            "thoat.pdf",
            "xa-binh-an-2.pdf",
            "xa-binh-an.pdf"
        ]
    );
    assert!(!dir.path().join("thoat.pdf").exists());
}

#[test]
fn a_unit_whose_file_cannot_be_written_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let units = named_units(
        dir.path(),
        &[
            ("a.yaml", "Thôn A"),
            ("b.yaml", "Thôn B"),
            ("c.yaml", "Thôn C"),
        ],
    );
    // A folder where Thôn B's PDF would go: the rename onto it fails.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("thon-b.pdf").join("inside")).unwrap();
    let (code, _, stderr) = batch(&[units.to_str().unwrap()], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("thon-b.pdf"), "{stderr}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let status = |unit: &str| {
        manifest
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unit"] == unit)
            .map(|e| e["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("Thôn A").as_deref(), Some("ok"));
    assert_eq!(status("Thôn B").as_deref(), Some("failed"));
    assert_eq!(status("Thôn C").as_deref(), Some("ok"));
    for name in ["thon-a", "thon-c"] {
        let pdf = lopdf::Document::load(out.join(format!("{name}.pdf"))).unwrap();
        assert!(!pdf.get_pages().is_empty());
        assert!(out.join(format!("{name}.docx")).is_file());
    }
    // No temporary file is left behind, for the failed unit either.
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".vanban-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn contradictory_figures_flag_their_own_unit_not_another_of_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let from = root().join("samples/units");
    std::fs::copy(from.join("batch.yaml"), units.join("batch.yaml")).unwrap();
    std::fs::copy(from.join("chi-bo-thon-an-thanh.yaml"), units.join("a.yaml")).unwrap();
    // The contradictory unit, under the first one's name and sent later:
    // it replaces the first, and only it is flagged.
    let bad = std::fs::read_to_string(from.join("chi-bo-thon-binh-thanh-tay.yaml"))
        .unwrap()
        .replace(
            "unit: Chi bộ thôn Bình Thạnh Tây",
            "unit: Chi bộ thôn An Thành",
        )
        .replace("date: 2025-11-19", "date: 2025-11-26");
    assert!(bad.contains("date: 2025-11-26"), "the later submission");
    std::fs::write(units.join("b.yaml"), bad).unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = batch(&[units.to_str().unwrap()], &out);
    assert_eq!(code, 0, "{stderr}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let status = |file: &str| {
        let rows = manifest.as_array().unwrap();
        let row = rows
            .iter()
            .find(|r| r["source"].as_str().unwrap().ends_with(file))
            .unwrap();
        assert_eq!(row["unit"], "Chi bộ thôn An Thành");
        row["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status("a.yaml"), "superseded");
    assert_eq!(status("b.yaml"), "flagged");
}

/// A report whose appendix table has merged header cells, a total row, runs
/// over two pages, and is laid out landscape.
fn long_table() -> vanban::model::Document {
    let rows: String = (1..=60)
        .map(|i| format!("      | {i} | Chi bộ số {i} | {} | {} | |\n", i * 3, i * 2))
        .collect();
    let yaml = format!(
        "rules: state-nd30-2020\nkind: bao-cao\nissuer: {{ name: UBND XÃ, abbr: UBND }}\nnumber: 1\ndate: 2026-01-02\nplace: Bình An\nsummary: Thử bảng\nbody: Nội dung.\nappendices:\n  - title: Biểu số liệu\n    landscape: true\n    body: |\n      | TT | Đơn vị | Kết quả | < | Ghi chú |\n      | ^ | ^ | Kế hoạch | Thực hiện | ^ |\n      |---|---|---|---|---|\n{rows}      | | Tổng cộng | 5490 | 3660 | |\n"
    );
    model_from_str(&yaml).unwrap()
}

#[test]
fn a_long_table_repeats_its_merged_header_on_a_landscape_page() {
    let doc = long_table();
    let pages = pdf::page_texts(&pdf::layout(&doc).unwrap());
    let appendix: Vec<_> = pages.iter().filter(|p| p.width > p.height).collect();
    assert!(
        appendix.len() >= 2,
        "the table runs over landscape pages: {}",
        appendix.len()
    );
    for page in &appendix {
        for head in ["Kết quả", "Kế hoạch", "Thực hiện", "Ghi chú"] {
            assert!(
                page.runs.iter().any(|r| r.text == head),
                "{head} repeated on every page"
            );
        }
    }
    let result = appendix[0].find("Kết quả").unwrap();
    let plan = appendix[0].find("Kế hoạch").unwrap();
    let done = appendix[0].find("Thực hiện").unwrap();
    assert!(
        result.y < plan.y && plan.x < done.x,
        "merged cell above its two columns"
    );
    assert!(
        result.x > plan.x && result.x < done.x + done.width,
        "centred across them"
    );
    assert!(
        appendix
            .last()
            .unwrap()
            .runs
            .iter()
            .any(|r| r.text == "Tổng cộng")
    );
    // DOCX: gridSpan and vMerge, the two header rows marked tblHeader, a landscape section.
    let bytes = docx::write(&doc).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let table = parsed
        .descendants()
        .rfind(|n| n.has_tag_name((W, "tbl")))
        .unwrap();
    let rows: Vec<_> = table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .collect();
    let is_header =
        |tr: &roxmltree::Node| tr.descendants().any(|n| n.has_tag_name((W, "tblHeader")));
    assert!(is_header(&rows[0]) && is_header(&rows[1]) && !is_header(&rows[2]));
    assert!(
        rows[0]
            .descendants()
            .any(|n| n.has_tag_name((W, "gridSpan")) && n.attribute((W, "val")) == Some("2"))
    );
    let merges: Vec<_> = rows[1]
        .descendants()
        .filter(|n| n.has_tag_name((W, "vMerge")))
        .collect();
    assert_eq!(
        merges.len(),
        3,
        "TT, Đơn vị and Ghi chú continue from the row above"
    );
    assert!(
        !xml.contains("w:val=\"0.25\""),
        "the header mark is rewritten"
    );
    let last = parsed
        .descendants()
        .rfind(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    let size = last
        .children()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(size.attribute((W, "orient")), Some("landscape"));
    assert_eq!(size.attribute((W, "w")), Some("16838"));
}

/// Units given in memory, as a server would, with `n` of the same sample
/// under names of their own.
fn memory_units(n: usize) -> Vec<vanban::batch::UnitSource> {
    let doc = std::fs::read_to_string(sample("party-ket-luan.yaml")).unwrap();
    (0..n)
        .map(|i| {
            let text = format!("unit: 'Thôn {i}'\n{doc}");
            let name = Path::new("upload").join(format!("thon-{i}.yaml"));
            vanban::batch::UnitSource::Yaml(vanban::input::Source::new(&name, &text))
        })
        .collect()
}

#[test]
fn the_library_runs_units_in_memory_with_progress_and_stops_when_asked() {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};
    let templates = templates();
    let settings = vanban::batch::Settings::default();
    let dir = tempfile::tempdir().unwrap();
    let seen = Mutex::new(Vec::new());
    let progress = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
    let units = memory_units(5);
    let out = dir.path().join("all");
    let run = vanban::batch::Options {
        out: out.clone(),
        formats: vec![vanban::render::Format::Pdf],
        templates: &templates,
        settings: &settings,
        jobs: 2,
        skip_existing: false,
        include_flagged: false,
        separate_appendices: false,
        progress: &progress,
        cancel: None,
        sign: None,
    };
    let outcome = vanban::batch::run(&units, &run).unwrap();
    assert_eq!(outcome.entries.len(), 5);
    assert!(
        outcome
            .entries
            .iter()
            .all(|e| e.status == vanban::batch::Status::Ok)
    );
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(seen, (1..=5).map(|d| (d, 5)).collect::<Vec<_>>());
    assert!(out.join("thon-0.pdf").is_file() && out.join("manifest.json").is_file());
    // Stopped after the second unit: nothing more is started, no manifest.
    let stop = AtomicBool::new(false);
    let stop_at_two = |done: usize, _: usize| {
        if done == 2 {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let out = dir.path().join("stopped");
    let run = vanban::batch::Options {
        out: out.clone(),
        jobs: 1,
        progress: &stop_at_two,
        cancel: Some(&stop),
        ..run
    };
    let err = vanban::batch::run(&units, &run)
        .err()
        .expect("a cancelled run");
    assert_eq!(err.kind, vanban::error::ErrorKind::Cancelled);
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(!out.join("manifest.json").exists());
}
