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

// ---- Hostile input: refused with a clear error, never a crash or a hang.

/// A small valid document, to spoil in each test.
fn base() -> String {
    std::fs::read_to_string(root().join("samples/party-cong-van.yaml")).unwrap()
}

fn refused(yaml: &str) -> vanban::error::Error {
    english();
    match model_from_str(yaml) {
        Ok(_) => panic!("accepted:\n{}", &yaml[..yaml.len().min(500)]),
        Err(e) => e,
    }
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut yaml = base();
    yaml.push_str("data:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        yaml.push_str(&format!("  {name}: &{name} [{refs}]\n"));
        previous = name;
    }
    let err = refused(&yaml);
    assert!(err.cause.contains("too many values"), "{err}");
    assert!(err.location.is_some(), "{err}");
}

#[test]
fn deep_nesting_is_refused() {
    let flow = format!(
        "{}data: {}{}\n",
        base(),
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = refused(&flow);
    assert!(err.cause.contains("nested too deeply"), "{err}");
    let mut block = base();
    block.push_str("data:\n");
    for depth in 1..=200 {
        block.push_str(&format!("{}k:\n", "  ".repeat(depth)));
    }
    let err = refused(&block);
    assert!(err.cause.contains("nested too deeply"), "{err}");
    // The message stays readable: the line is cut around the column.
    let shown = err.to_string();
    assert!(shown.lines().all(|l| l.chars().count() < 200), "{shown}");
}

#[test]
fn a_file_over_the_size_limit_and_a_text_over_the_length_limit_are_refused() {
    english();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let big = format!("summary: \"{}\"\n", "x".repeat(50 * 1024 * 1024));
    std::fs::write(&path, base().replace("summary: ", "old_summary: ") + &big).unwrap();
    let err = vanban::api::load(&path, &templates()).expect_err("a 50 MB file is refused");
    assert!(
        err.cause.contains("vanban reads files of up to 8.0 MB"),
        "{err}"
    );

    let long = base().replace(
        "summary: triển khai học tập chuyên đề năm 2026",
        &format!("summary: {}", "học tập ".repeat(20_000)),
    );
    let err = refused(&long);
    assert!(err.cause.contains("at most 100000"), "{err}");
    assert_eq!(err.field.as_deref(), Some("summary"));
}

#[test]
fn ten_thousand_paragraphs_render_in_both_formats() {
    let body: String = (1..=10_000)
        .map(|i| format!("  Đoạn {i}: cán bộ, đảng viên học tập chuyên đề và viết thu hoạch.\n"))
        .collect();
    let yaml = base();
    let (head, tail) = yaml.split_once("body: |\n").unwrap();
    let tail = &tail[tail.find("recipients:").unwrap()..];
    let doc = model_from_str(&format!("{head}body: |\n{body}{tail}")).unwrap();
    let pdf = vanban::render::pdf::write(&doc).unwrap();
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 100, "{} pages", pages.len());
    let last = squash(
        pages
            .iter()
            .rev()
            .find(|p| p.contains("Đoạn 10000"))
            .unwrap(),
    );
    assert!(last.contains("Đoạn 10000: cán bộ"), "{last}");
    let docx = vanban::render::docx::write(&doc).unwrap();
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let at = |text: &str| paragraphs.iter().position(|p| p.starts_with(text)).unwrap();
    assert!(at("Đoạn 1:") < at("Đoạn 9999:") && at("Đoạn 9999:") < at("Đoạn 10000:"));
}

#[test]
fn a_duplicate_key_is_refused_where_it_is() {
    let err = refused(&base().replace("number: 100\n", "number: 100\nnumber: 101\n"));
    assert!(err.cause.contains("duplicate key `number`"), "{err}");
    assert_eq!(err.location.as_ref().unwrap().line, 14, "{err}");
    assert!(!err.cause.contains("DuplicateKeyPolicy"), "{err}");
}

#[test]
fn control_characters_are_refused_and_other_unicode_is_not() {
    // Written as a YAML escape: the field is named.
    let err = refused(&base().replace(
        "summary: triển khai học tập chuyên đề năm 2026",
        "summary: \"triển khai\\a học tập\"",
    ));
    assert!(err.cause.contains("U+0007"), "{err}");
    assert_eq!(err.field.as_deref(), Some("summary"));
    // Written as such: the place is given too.
    let err = refused(&base().replace("Kết quả gửi về", "Kết quả\u{1b} gửi về"));
    assert!(err.cause.contains("the control character U+001B"), "{err}");
    assert_eq!(err.location.as_ref().map(|l| l.line), Some(20), "{err}");
    // A bidi override prints text in another order than typed: refused.
    let err = refused(&base().replace(
        "{ to: Ban Thường vụ Tỉnh ủy, purpose: b/c }",
        "\"A \\u202Eabc\"",
    ));
    assert!(err.cause.contains("bidi control U+202E"), "{err}");
    // Zero-width joiners, bidi marks, right-to-left words, emoji and XML
    // specials are text.
    let odd = "A\u{200d}B \u{200f}שלום ngược 😀 <&>\"' #set {{ x }}";
    let doc = model_from_str(&base().replace(
        "{ to: Ban Thường vụ Tỉnh ủy, purpose: b/c }",
        &format!("'{}'", odd.replace('\'', "''")),
    ))
    .unwrap();
    let docx = vanban::render::docx::write(&doc).unwrap();
    let xml = docx_part(&docx, "word/document.xml");
    assert!(
        docx_paragraphs(&xml).iter().any(|p| p.contains(odd)),
        "{xml}"
    );
}

#[test]
fn files_that_are_not_utf8_are_refused_where_they_go_wrong() {
    english();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // One Windows-1258 byte on line 11 (`place: Bình An`, ì as 0xEC).
    let latin = base().replace("place: Bình An", "place: B\u{1}nh An");
    let latin: Vec<u8> = latin
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xEC } else { b })
        .collect();
    let err = vanban::api::load(&write("cp1258.yaml", &latin), &templates())
        .err()
        .unwrap();
    assert!(err.cause.contains("not UTF-8 (byte 0xEC"), "{err}");
    let loc = err.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (11, 9), "{err}");

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(base().encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = vanban::api::load(&write("utf16.yaml", &utf16), &templates())
        .err()
        .unwrap();
    assert!(err.cause.contains("UTF-16"), "{err}");

    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert!(vanban::api::load(&write("binary.yaml", &binary), &templates()).is_err());

    // A byte-order mark, as Notepad writes it, is fine.
    let bom = [&[0xEF, 0xBB, 0xBF][..], base().as_bytes()].concat();
    vanban::api::load(&write("bom.yaml", &bom), &templates()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn hostile_unit_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let units = many_units(dir.path(), 3);
    let rename = |file: &str, name: &str| {
        let path = units.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("unit: Đơn vị", &format!("unit: \"{name}\" #")),
        )
        .unwrap();
    };
    rename("u000.yaml", "../../etc/x");
    rename("u001.yaml", "CON");
    rename("u002.yaml", "Tổng hợp");
    std::fs::copy(
        root().join("samples/units/_tong-hop.yaml"),
        units.join("_tong-hop.yaml"),
    )
    .unwrap();
    let out = dir.path().join("deep/out");
    let run = batch_command(&units, &out)
        .arg("--consolidate")
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut names: Vec<String> = files(&out).into_keys().collect();
    names.sort();
    assert_eq!(
        names,
        [
            "con-don-vi.docx",
            "con-don-vi.pdf",
            "etc-x.docx",
            "etc-x.pdf",
            "manifest.csv",
            "manifest.json",
            "tong-hop-2.docx",
            "tong-hop-2.pdf",
            "tong-hop-2.xlsx",
            "tong-hop.docx",
            "tong-hop.pdf"
        ]
    );
    // Nothing was written beside or above the output folder.
    let mut around: Vec<String> = std::fs::read_dir(dir.path().join("deep"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    around.sort();
    assert_eq!(around, ["out"]);
    assert!(!dir.path().join("etc").exists());
}

#[test]
fn templates_that_never_end_or_reach_outside_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let render = |templates: &str, template: &str| {
        let yaml = std::fs::read_to_string(root().join("samples/huong-dan-dang-uy-xa.yaml"))
            .unwrap()
            .replace("template: huong-dan", &format!("template: {template}"));
        let path = dir.path().join(format!("{template}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        let out = dir.path().join("out");
        let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["--lang", "en", "render"])
            .arg(&path)
            .arg("--templates")
            .arg(root().join(templates))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "refused, not crashed");
        assert!(!out.join(format!("{template}.pdf")).exists());
        String::from_utf8(run.stderr).unwrap()
    };
    let looping = render("tests/bad/looping-templates", "loop");
    assert!(looping.contains("it would never end"), "{looping}");
    assert!(
        looping.contains("_again.md → loop.md → _again.md")
            || looping.contains("_macros.md::item → _macros.md::item"),
        "{looping}"
    );
    let range = render("tests/bad/hostile-templates", "huge-range");
    assert!(range.contains("templates may use at most 10000"), "{range}");
    let outside = render("tests/bad/hostile-templates", "outside");
    assert!(outside.contains("not found"), "{outside}");
}

// ---- Determinism across machines: nothing of the run's time, place or
// settings reaches the files.

/// Renders every sample with the environment `env`, from the folder `cwd`.
fn render_samples(env: &[(&str, &str)], cwd: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.current_dir(cwd).arg("render");
    for file in sample_files() {
        cmd.arg(file);
    }
    cmd.arg("-o").arg(out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd.output().unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    files(out)
}

#[test]
fn no_time_zone_locale_folder_or_language_reaches_the_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = render_samples(
        &[("TZ", "UTC"), ("LANG", "C.UTF-8"), ("LC_ALL", "C.UTF-8")],
        &root(),
        &a.path().join("out"),
    );
    let second = render_samples(
        &[
            ("TZ", "Asia/Ho_Chi_Minh"),
            ("LANG", "en_US.UTF-8"),
            ("LC_ALL", "en_US.UTF-8"),
        ],
        b.path(),
        &b.path().join("elsewhere"),
    );
    assert_eq!(first.len(), 2 * sample_files().len());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &first {
        assert!(bytes == &second[name], "{name} depends on the machine");
        if name.ends_with(".pdf") {
            let pdf = lopdf::Document::load_mem(bytes).unwrap();
            let info = pdf
                .trailer
                .get(b"Info")
                .ok()
                .and_then(|i| i.as_reference().ok());
            // The document's own date at midnight in Vietnam, never the
            // time of the run (tests/electronic.rs checks the day).
            let info = info.and_then(|r| pdf.get_dictionary(r).ok()).unwrap();
            for key in [&b"CreationDate"[..], b"ModDate"] {
                let date = info.get(key).and_then(|d| d.as_str()).unwrap();
                assert!(date.ends_with(b"000000+07'00"), "{name}");
            }
        } else {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let entry = zip.by_index(i).unwrap();
                let time = entry.last_modified().unwrap_or_default();
                assert_eq!(
                    (time.year(), time.month(), time.day()),
                    (1980, 1, 1),
                    "{name}: {}",
                    entry.name().unwrap_or_default()
                );
            }
            // The document's own date, never the time of the run.
            let core = docx_part(bytes, "docProps/core.xml");
            let stamps: Vec<&str> = core.split("W3CDTF\">").skip(1).map(|r| &r[..25]).collect();
            assert!(
                !stamps.is_empty() && stamps.iter().all(|s| s.ends_with("T00:00:00+07:00")),
                "{name}: {core}"
            );
        }
    }
}

/// Tera panics when a template loops over a string that has more characters
/// than graphemes (a combining mark after a letter: U+1ACB here, found by the
/// `yaml_compose` fuzz target). A list item written as plain text reaches
/// such a loop: it is that document's error, and the next document renders.
#[test]
fn text_where_the_template_loops_over_a_list_is_an_error_not_a_panic() {
    let sample = std::fs::read_to_string(root().join("samples/huong-dan-dang-uy-xa.yaml")).unwrap();
    let lines: Vec<&str> = sample.lines().collect();
    let at = lines.iter().position(|l| *l == "      points:").unwrap();
    let mut yaml: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    yaml.push("      points: trên đ\u{1acb}a bàn".into());
    let rest = lines[at + 1..]
        .iter()
        .skip_while(|l| l.starts_with("        - "));
    yaml.extend(rest.map(|l| l.to_string()));
    let err = refused(&yaml.join("\n"));
    assert!(err.cause.contains("Tera"), "{err}");
    assert!(err.cause.contains("(`- …`)"), "{err}");
    // The same process goes on to render the sample itself.
    model_from_str(&sample).unwrap();
}
