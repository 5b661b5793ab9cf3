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
