//! A closed pipe is not an error: every subcommand whose output is read by
//! a program that stops early (`vanban kinds | head -1`) exits as it would
//! have, without a panic, and still does its work.

mod common;

use std::process::{Command, Stdio};

/// Runs vanban with the given stream closed at the far end before it
/// starts: its first write there fails with EPIPE. Returns the exit code
/// and what it wrote to the other stream.
fn closed(stream: &str, args: &[&str], cwd: &std::path::Path) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.current_dir(cwd).args(["--lang", "en"]).args(args);
    let output = if stream == "stdout" {
        cmd.stdout(writer).stderr(Stdio::piped()).output().unwrap()
    } else {
        cmd.stderr(writer).stdout(Stdio::piped()).output().unwrap()
    };
    let other = if stream == "stdout" {
        output.stderr
    } else {
        output.stdout
    };
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[test]
fn a_closed_standard_output_stops_no_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let sample = root.join("samples/party-ke-hoach.yaml");
    let units = root.join("samples/units");
    let draft = root.join("tests/drafts/state-cong-van.txt");
    let out = dir.path().join("out");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["kinds"], 0),
        (vec!["schema"], 0),
        (vec!["new", "ke-hoach"], 0),
        (vec!["completions", "bash"], 0),
        (vec!["import", draft.to_str().unwrap()], 0),
        (
            vec![
                "render",
                sample.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            0,
        ),
        // The batch has one broken unit on purpose: exit code 1, as always.
        (
            vec![
                "batch",
                units.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            1,
        ),
    ];
    for (args, code) in cases {
        let (got, stderr) = closed("stdout", &args, dir.path());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(got, code, "{args:?}: {stderr}");
    }
    // The work was done even though nobody read the file names.
    assert!(out.join("party-ke-hoach.pdf").is_file());
    assert!(out.join("chi-bo-thon-an-hoa.pdf").is_file());
    assert!(out.join("manifest.csv").is_file());
}

#[test]
fn a_closed_standard_error_stops_no_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let bad = root.join("tests/check/vb204-sunday.yaml");
    // check prints its findings on the standard error; with it closed, the
    // exit code still says there were findings (1), not a panic (101).
    let (code, stdout) = closed(
        "stderr",
        &["check", bad.to_str().unwrap(), "--today", "2026-11-25"],
        dir.path(),
    );
    assert_eq!(code, 1, "{stdout}");
    let (code, _) = closed("stderr", &["render", "missing.yaml"], dir.path());
    assert_eq!(code, 2);
}

#[test]
fn other_failures_to_print_are_reported() {
    // /dev/full: every write fails with "no space left on device".
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        panic!("/dev/full is missing");
    };
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "vi", "kinds"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr
            .contains("không in được ra đầu ra chuẩn (ổ đĩa đã hết chỗ trống, mã lỗi hệ thống 28)"),
        "{stderr}"
    );
}

#[test]
fn system_errors_are_in_the_language_of_messages() {
    let dir = tempfile::tempdir().unwrap();
    let run = |lang: &str, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(dir.path())
            .args(["--lang", lang])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let vi = run("vi", &["render", "khong-co.yaml"]);
    assert!(
        vi.contains(
            "lỗi: không đọc được khong-co.yaml (không có tệp hoặc thư mục này, mã lỗi hệ thống 2)"
        ),
        "{vi}"
    );
    assert!(!vi.contains("No such file"), "{vi}");
    let en = run("en", &["render", "khong-co.yaml"]);
    assert!(
        en.contains("No such file or directory (os error 2)"),
        "{en}"
    );
    // A folder where a file is expected.
    std::fs::create_dir(dir.path().join("thu-muc.yaml")).unwrap();
    let vi = run("vi", &["render", "thu-muc.yaml"]);
    assert!(vi.contains("đây là một thư mục, không phải tệp"), "{vi}");
}
