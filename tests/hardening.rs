//! Hardening: output that is the same byte for byte whatever the number of
//! threads, output that is never half written, and hostile input that gets
//! an error rather than a crash or a hang.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn vanban(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["--lang", "en"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.insert(name, std::fs::read(&path).unwrap());
    }
    out
}

#[test]
fn a_batch_gives_the_same_bytes_on_one_thread_and_on_two() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let args = ["batch", "samples/units", "--consolidate"];
    let a = vanban(&[&args[..], &["--jobs", "1"]].concat(), one.path());
    let b = vanban(&[&args[..], &["--jobs", "2"]].concat(), two.path());
    assert_eq!(
        a.status.code(),
        Some(1),
        "the sample batch has a broken unit"
    );
    assert_eq!(a.status.code(), b.status.code());
    let (a, b) = (files(one.path()), files(two.path()));
    assert!(a.len() >= 40, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between 1 and 2 threads");
    }
}

/// `n` copies of a sample unit under `dir/units`, each with its own name,
/// and the sample batch settings.
fn many_units(dir: &Path, n: usize) -> std::path::PathBuf {
    let units = dir.join("units");
    std::fs::create_dir_all(&units).unwrap();
    let settings = std::fs::read_to_string(root().join("samples/units/batch.yaml")).unwrap();
    std::fs::write(units.join("batch.yaml"), settings).unwrap();
    let unit =
        std::fs::read_to_string(root().join("samples/units/chi-bo-thon-an-thanh.yaml")).unwrap();
    assert!(unit.contains("unit: Chi bộ thôn An Thành"));
    for i in 0..n {
        let text = unit.replace(
            "unit: Chi bộ thôn An Thành",
            &format!("unit: Đơn vị {i:03}"),
        );
        std::fs::write(units.join(format!("u{i:03}.yaml")), text).unwrap();
    }
    units
}

fn batch_command(units: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(["--lang", "en", "batch"])
        .arg(units)
        .arg("-o")
        .arg(out)
        .stdin(std::process::Stdio::null());
    cmd
}

/// The finished outputs in `out` (`.docx`, `.pdf`), each read back whole.
fn finished_outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = files(out);
    found.retain(|name, _| name.ends_with(".docx") || name.ends_with(".pdf"));
    for (name, bytes) in &found {
        if name.ends_with(".pdf") {
            let pdf = lopdf::Document::load_mem(bytes)
                .unwrap_or_else(|e| panic!("{name} is not a whole PDF: {e}"));
            assert!(!pdf.get_pages().is_empty(), "{name} has no page");
        } else {
            let xml = docx_part(bytes, "word/document.xml");
            roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{name} is not a whole DOCX: {e}"));
        }
    }
    found
}

/// A batch killed (SIGKILL) in the middle leaves only whole files, and
/// `--skip-existing` resumes it: the files already there are kept as they
/// are, the rest are written, and the result is what one clean run gives.
#[test]
fn a_killed_batch_leaves_no_partial_file_and_resumes_with_skip_existing() {
    let dir = tempfile::tempdir().unwrap();
    let n = 120;
    let units = many_units(dir.path(), n);
    let out = dir.path().join("out");

    let mut child = batch_command(&units, &out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let count_pdfs = || {
        std::fs::read_dir(&out).map_or(0, |d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
                .count()
        })
    };
    let start = std::time::Instant::now();
    while count_pdfs() < 10 && start.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(9),
            "the batch was killed, not finished"
        );
    }
    let before = finished_outputs(&out);
    assert!(before.len() >= 10, "{} files before the kill", before.len());
    assert!(before.len() < 2 * n, "the batch had not finished");
    assert!(
        !out.join("manifest.csv").exists(),
        "no manifest from a killed run"
    );
    let mtimes = |names: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, std::time::SystemTime> {
        names
            .keys()
            .map(|k| {
                (
                    k.clone(),
                    std::fs::metadata(out.join(k)).unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let kept_times = mtimes(&before);

    let resumed = batch_command(&units, &out)
        .arg("--skip-existing")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&resumed.stdout);
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let after = finished_outputs(&out);
    assert_eq!(after.len(), 2 * n, "every unit has both files");
    // Every unit with both files before the kill was kept as it was.
    let whole_units: Vec<&String> = before
        .keys()
        .filter(|k| k.ends_with(".pdf") && before.contains_key(&k.replace(".pdf", ".docx")))
        .collect();
    assert!(
        stdout.contains(&format!("{} units kept their files", whole_units.len())),
        "{stdout}"
    );
    for name in whole_units {
        assert_eq!(
            std::fs::metadata(out.join(name))
                .unwrap()
                .modified()
                .unwrap(),
            kept_times[name]
        );
    }
    let leftovers: Vec<String> = files(&out)
        .into_keys()
        .filter(|k| k.ends_with(".vanban-tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files of the killed run: {leftovers:?}"
    );

    // The same bytes as one clean run.
    let clean = dir.path().join("clean");
    let run = batch_command(&units, &clean).output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    let clean = finished_outputs(&clean);
    assert_eq!(
        clean.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &clean {
        assert!(bytes == &after[name], "{name} differs from a clean run");
    }
}

/// `--skip-existing` writes a unit again when its YAML changed after its
/// files were written.
#[test]
fn skip_existing_writes_again_a_unit_whose_data_changed() {
    let dir = tempfile::tempdir().unwrap();
    let units = many_units(dir.path(), 3);
    let out = dir.path().join("out");
    assert_eq!(
        batch_command(&units, &out).output().unwrap().status.code(),
        Some(0)
    );
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .append(true)
        .open(units.join("u001.yaml"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let run = batch_command(&units, &out)
        .arg("--skip-existing")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("2 units kept their files"), "{stdout}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let status: Vec<(&str, &str)> = manifest
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["unit"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("Đơn vị 000", "skipped"),
            ("Đơn vị 001", "ok"),
            ("Đơn vị 002", "skipped")
        ]
    );
}
