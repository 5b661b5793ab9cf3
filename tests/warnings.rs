//! `render` and `batch` print the warnings of `vanban check` as a compiler
//! does, beside the files they write; the batch counts them in its summary
//! and lists them per unit in its manifest.

mod common;

use std::path::Path;
use std::process::Command;

fn vanban(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(cwd)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn render_prints_the_warnings_of_check_and_still_writes() {
    let dir = tempfile::tempdir().unwrap();
    let check = common::root().join("tests/check");
    let (code, stdout, stderr) = vanban(
        dir.path(),
        &[
            "render",
            check.join("vb211-no-glyph.yaml").to_str().unwrap(),
            check.join("vb204-sunday.yaml").to_str().unwrap(),
            "-o",
            ".",
        ],
    );
    assert_eq!(code, 0, "warnings are not errors: {stderr}");
    // What will not print in the PDF, where it is, and why.
    assert!(stderr.contains("warning[VB211]"), "{stderr}");
    assert!(stderr.contains("vb211-no-glyph.yaml:13:42"), "{stderr}");
    assert!(stderr.contains("the PDF prints nothing"), "{stderr}");
    assert!(stderr.contains("warning[VB204]") && stderr.contains("is a Sunday"));
    for name in ["vb211-no-glyph.pdf", "vb204-sunday.docx"] {
        assert!(dir.path().join(name).is_file(), "{name}: {stdout}");
    }
    // A document with nothing to say of renders in silence.
    let sample = common::sample("party-ke-hoach.yaml");
    let (code, _, stderr) = vanban(dir.path(), &["render", sample.to_str().unwrap()]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn the_batch_counts_warnings_and_lists_them_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let write = |name: &str, text: &str| std::fs::write(units.join(name), text).unwrap();
    write(
        "batch.yaml",
        "defaults:\n  rules: party-hd36-2018\n  kind: bao-cao\n  place: Bình An\n  summary: kết quả công tác năm 2026\n  recipients: { items: [{ to: Đảng ủy xã Bình An, purpose: b/c }], archive: Chi bộ }\n",
    );
    let unit = |thon: &str, date: &str, body: &str| {
        format!(
            "issuer: {{ superior: ĐẢNG BỘ XÃ BÌNH AN, name: CHI BỘ THÔN {thon}, abbr: CB }}\nnumber: 3\ndate: {date}\nbody: {body}\nsignature: {{ prefix: T/M, on_behalf: CHI BỘ, position: BÍ THƯ, name: Lê Văn A }}\n"
        )
    };
    write("a.yaml", &unit("A", "2026-10-18", "Chi bộ báo cáo."));
    write("b.yaml", &unit("B", "2026-10-19", "Chi bộ báo cáo."));
    write(
        "c.yaml",
        &unit("C", "2026-10-19", "Liên hệ ☎ 0912 345 678."),
    );
    let (code, stdout, stderr) = vanban(dir.path(), &["batch", "units", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning[VB204]") && stderr.contains("--> units/a.yaml:3:7"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[VB211]") && stderr.contains("--> units/c.yaml:4:15"),
        "{stderr}"
    );
    assert!(
        stdout.contains("3 of 3 units written to out (0 failed, 0 flagged, 2 warning(s))"),
        "{stdout}"
    );
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/manifest.json")).unwrap(),
    )
    .unwrap();
    let warnings = |unit: &str| {
        manifest
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unit"] == unit)
            .unwrap()["warnings"]
            .clone()
    };
    assert_eq!(
        warnings("CHI BỘ THÔN A"),
        serde_json::json!(["VB204 units/a.yaml:3:7: 2026-10-18 is a Sunday"])
    );
    assert_eq!(warnings("CHI BỘ THÔN B"), serde_json::json!([]));
    let c = warnings("CHI BỘ THÔN C")[0].as_str().unwrap().to_string();
    assert!(c.starts_with("VB211 units/c.yaml:4:15: "), "{c}");
    let csv = std::fs::read_to_string(dir.path().join("out/manifest.csv")).unwrap();
    assert!(csv.starts_with(
        "unit,source,number,files,status,error,sheet,row,date,in_totals,superseded_by,warnings\n"
    ));
    assert!(
        csv.contains(",ok,,,,2026-10-18,yes,,VB204 units/a.yaml:3:7: 2026-10-18 is a Sunday\n"),
        "{csv}"
    );
}
