//! A consolidation a superior can trust, run as a user would on the sample
//! batch with a resubmitted unit, a flagged unit, a unit not in `expected`
//! and per-unit count targets; every total checked against sums
//! recomputed here from the units' YAML.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sample batch in `dir/units`, with `settings` as its batch.yaml, a
/// corrected resubmission of An Thành (later date, other figures) and a
/// unit not in `expected`.
fn setup(dir: &Path, settings: &str) -> PathBuf {
    let units = dir.join("units");
    std::fs::create_dir(&units).unwrap();
    let from = root().join("samples/units");
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if path.extension().is_some_and(|e| e == "yaml") && name != "batch.yaml" {
            std::fs::copy(&path, units.join(name)).unwrap();
        }
    }
    std::fs::write(units.join("batch.yaml"), settings).unwrap();
    let first = std::fs::read_to_string(from.join("chi-bo-thon-an-thanh.yaml")).unwrap();
    // Sent again two days later, with other figures.
    assert!(first.contains("date: 2025-11-24") && first.contains("dang_vien: 20, hoc_tap: 18"));
    let again = first
        .replace("date: 2025-11-24", "date: 2025-11-26")
        .replace("dang_vien: 20, hoc_tap: 18", "dang_vien: 21, hoc_tap: 21");
    std::fs::write(units.join("chi-bo-thon-an-thanh-gui-lai.yaml"), again).unwrap();
    let other = first
        .replace("Chi bộ thôn An Thành", "Chi bộ thôn Mới")
        .replace("CHI BỘ THÔN AN THÀNH", "CHI BỘ THÔN MỚI");
    std::fs::write(units.join("chi-bo-thon-moi.yaml"), other).unwrap();
    units
}

fn sample_settings() -> String {
    std::fs::read_to_string(root().join("samples/units/batch.yaml")).unwrap()
}

/// The rows of the consolidated DOCX's per-unit table, cell texts.
fn table_rows(out: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join("tong-hop.docx")).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let table = doc
        .descendants()
        .rfind(|n| n.has_tag_name((W, "tbl")))
        .expect("the per-unit table");
    table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|n| n.has_tag_name((W, "tc")))
                .map(|tc| {
                    tc.descendants()
                        .filter(|t| t.has_tag_name((W, "t")))
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect()
        })
        .collect()
}

const BROKEN: &str = "chi-bo-thon-phu-my.yaml";
const FLAGGED: &str = "chi-bo-thon-binh-thanh-tay.yaml";
const SUPERSEDED: &str = "chi-bo-thon-an-thanh.yaml";

#[test]
fn a_resubmission_replaces_the_first_and_flagged_figures_stay_out_of_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let units = setup(dir.path(), &sample_settings());
    let out = dir.path().join("out");
    let (code, stdout, stderr) = batch(&[units.to_str().unwrap(), "--consolidate"], &out);
    assert_eq!(code, 1, "the broken unit fails: {stderr}");
    // 1. Said in the terminal, the manifest and the report.
    assert!(
        stderr.contains("warning: Chi bộ thôn An Thành reported more than once")
            && stderr.contains("chi-bo-thon-an-thanh-gui-lai.yaml is used"),
        "{stderr}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let row = |file: &str| {
        manifest
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["source"].as_str().unwrap().ends_with(&format!("/{file}")))
            .unwrap()
            .clone()
    };
    assert_eq!(row(SUPERSEDED)["status"], "superseded");
    assert!(
        row(SUPERSEDED)["superseded_by"]
            .as_str()
            .unwrap()
            .ends_with("gui-lai.yaml")
    );
    assert_eq!(row(SUPERSEDED)["files"], serde_json::json!([]));
    assert_eq!(row(SUPERSEDED)["date"], "2025-11-24");
    assert_eq!(row("chi-bo-thon-an-thanh-gui-lai.yaml")["status"], "ok");
    assert_eq!(row(FLAGGED)["status"], "flagged");
    assert_eq!(row(FLAGGED)["in_totals"], false);
    assert_eq!(row("chi-bo-thon-an-hoa.yaml")["in_totals"], true);
    assert!(
        stdout.contains("left out: Chi bộ thôn Bình Thạnh Tây"),
        "{stdout}"
    );
    let text = pdf_text(&std::fs::read(out.join("tong-hop.pdf")).unwrap());
    assert!(
        text.contains("Gửi lại báo cáo: Chi bộ thôn An Thành: dùng báo cáo ngày 26/11/2025, không dùng báo cáo ngày 24/11/2025."),
        "{text}"
    );
    // 2. The totals contain exactly the units they say, recomputed here.
    let all = figures_of(&units);
    let counted: Vec<&(String, BTreeMap<String, f64>)> = all
        .iter()
        .filter(|(file, _)| ![BROKEN, FLAGGED, SUPERSEDED].contains(&file.as_str()))
        .map(|(_, unit)| unit)
        .collect();
    assert_eq!(counted.len(), 20);
    assert!(
        text.contains("Số liệu tổng cộng gồm 20 chi bộ, không gồm Chi bộ thôn Bình Thạnh Tây (số liệu mâu thuẫn)."),
        "{text}"
    );
    let sum = |id: &str| counted.iter().map(|(_, f)| f[id]).sum::<f64>();
    let fmt = |v: f64| vanban::compose::numbers::format_number(v, 2);
    let rows = table_rows(&out);
    let total = rows.iter().find(|r| r[1] == "Tổng cộng").unwrap();
    assert_eq!(total[2], fmt(sum("dang_vien")));
    assert_eq!(total[3], fmt(sum("hoc_tap")));
    assert_eq!(
        total[4],
        // One decimal, as the column's other rates have (85,7%).
        one_decimal(vanban::compose::numbers::format_percent(
            sum("hoc_tap") / sum("dang_vien") * 100.0,
            1
        ))
    );
    assert_eq!(total[10], fmt(sum("mo_hinh")));
    assert!(
        text.contains(&format!(
            "Kết quả: {}/{} đảng viên",
            fmt(sum("hoc_tap")),
            fmt(sum("dang_vien"))
        )),
        "{text}"
    );
    // 3. A per-unit target: how many units reached it, beside the total.
    let reached = counted.iter().filter(|(_, f)| f["mo_hinh"] >= 1.0).count();
    let expected = format!(
        "Kết quả: tổng số {} mô hình; có {reached}/20 chi bộ đạt chỉ tiêu (1 mô hình/chi bộ).",
        fmt(sum("mo_hinh"))
    );
    assert!(text.contains(&expected), "{expected} not in {text}");
    // 4. Rows in the order of `expected`, then the unit not in it, marked;
    //    every rate with one decimal.
    let settings: serde_json::Value = serde_saphyr::from_str(&sample_settings()).unwrap();
    let order: Vec<&str> = settings["expected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let names: Vec<&str> = rows[1..rows.len() - 1]
        .iter()
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(names[..order.len()], order[..]);
    assert_eq!(names[order.len()..], ["Chi bộ thôn Mới"]);
    let note = |name: &str| {
        rows.iter()
            .find(|r| r[1] == name)
            .unwrap()
            .last()
            .unwrap()
            .clone()
    };
    assert_eq!(note("Chi bộ thôn Mới"), "Ngoài danh sách");
    assert_eq!(note("Chi bộ thôn Cát Tiên"), "Chưa báo cáo");
    assert_eq!(note("Chi bộ thôn Phú Mỹ"), "Lỗi, chưa tổng hợp");
    assert_eq!(note("Chi bộ thôn Bình Thạnh Tây"), "Mâu thuẫn, không cộng");
    // The DOCX keeps the word joiners compose puts in a numeric date.
    assert_eq!(
        note("Chi bộ thôn An Thành"),
        "Gửi lại ngày 26/\u{2060}11/\u{2060}2025"
    );
    for row in &rows[1..] {
        for cell in [&row[4], &row[6], &row[9]] {
            let ok = cell.is_empty()
                || (cell.ends_with('%') && cell.split_once(',').is_some_and(|(_, d)| d.len() == 2));
            assert!(ok, "a rate with one decimal: {cell} in {row:?}");
        }
    }
    assert!(
        text.contains("Có 20/22 chi bộ gửi báo cáo đúng đề cương"),
        "{text}"
    );
}

#[test]
fn flagged_figures_are_summed_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let units = setup(dir.path(), &sample_settings());
    let out = dir.path().join("out");
    let (_, _, stderr) = batch(
        &[
            units.to_str().unwrap(),
            "--consolidate",
            "--include-flagged",
        ],
        &out,
    );
    assert!(stderr.contains("summed all the same"), "{stderr}");
    let all = figures_of(&units);
    let counted: f64 = all
        .iter()
        .filter(|(file, _)| ![BROKEN, SUPERSEDED].contains(&file.as_str()))
        .map(|(_, (_, f))| f["dang_vien"])
        .sum();
    let rows = table_rows(&out);
    let total = rows.iter().find(|r| r[1] == "Tổng cộng").unwrap();
    assert_eq!(
        total[2],
        vanban::compose::numbers::format_number(counted, 2)
    );
    let text = pdf_text(&std::fs::read(out.join("tong-hop.pdf")).unwrap());
    assert!(text.contains("Số liệu tổng cộng gồm 21 chi bộ."), "{text}");
    assert!(
        text.contains("Số liệu cần kiểm tra lại (đã cộng vào tổng)"),
        "{text}"
    );
}

#[test]
fn without_an_expected_list_the_report_says_what_it_counts() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sample_settings();
    let (head, tail) = settings.split_once("expected:").unwrap();
    let tail = &tail[tail.find("indicators:").unwrap()..];
    let units = setup(dir.path(), &format!("{head}{tail}"));
    let out = dir.path().join("out");
    batch(&[units.to_str().unwrap(), "--consolidate"], &out);
    let text = pdf_text(&std::fs::read(out.join("tong-hop.pdf")).unwrap());
    // 22 units sent a report (An Thành twice), 21 of them readable.
    assert!(
        text.contains("Đã nhận báo cáo của 22 chi bộ, trong đó 21 báo cáo đúng đề cương; số liệu tổng hợp tại phụ lục kèm theo (chưa có danh sách chi bộ phải báo cáo nên chưa xác định được chi bộ chưa gửi)."),
        "{text}"
    );
    let rows = table_rows(&out);
    assert!(
        rows.iter()
            .all(|r| !r.last().unwrap().contains("danh sách")),
        "{rows:?}"
    );
}

#[test]
fn the_same_submissions_always_give_the_same_choice() {
    // Two submissions of one date: the file whose name sorts last is used,
    // whatever order the files are given in.
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let doc = std::fs::read_to_string(sample("party-ket-luan.yaml")).unwrap();
    for file in ["b.yaml", "a.yaml", "c.yaml"] {
        std::fs::write(units.join(file), format!("unit: 'Thôn A'\n{doc}")).unwrap();
    }
    for order in [
        ["a.yaml", "b.yaml", "c.yaml"],
        ["c.yaml", "a.yaml", "b.yaml"],
    ] {
        let files: Vec<String> = order
            .iter()
            .map(|f| units.join(f).display().to_string())
            .collect();
        let args: Vec<&str> = files.iter().map(String::as_str).collect();
        let out = dir.path().join(order.concat());
        let (code, _, stderr) = batch(&args, &out);
        assert_eq!(code, 0, "{stderr}");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap())
                .unwrap();
        let used: Vec<&str> = manifest
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "ok")
            .map(|r| r["source"].as_str().unwrap())
            .collect();
        assert_eq!(used.len(), 1);
        assert!(used[0].ends_with("c.yaml"), "{used:?}");
    }
}

#[test]
fn the_consolidated_reports_own_warnings_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let units = setup(dir.path(), &sample_settings());
    // The report's own file dated on a Sunday.
    let file = units.join("_tong-hop.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().position(|l| l == "date: 2025-12-08").unwrap() + 1;
    std::fs::write(&file, text.replace("date: 2025-12-08", "date: 2025-12-07")).unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = batch(&[units.to_str().unwrap(), "--consolidate"], &out);
    assert_eq!(code, 1, "{stderr}"); // Phú Mỹ's unit fails, as in the sample
    // Told at its line, and the report written all the same.
    let place = format!("_tong-hop.yaml:{line}:");
    assert!(
        stderr.contains("VB204") && stderr.contains(&place),
        "{stderr}"
    );
    assert!(out.join("tong-hop.pdf").is_file() && out.join("tong-hop.docx").is_file());
}
