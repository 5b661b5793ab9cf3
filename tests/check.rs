//! `vanban check`: one bad file per finding, each giving its rule id at its
//! line and column, and nothing written.

mod common;

use std::process::Command;

fn check(file: &str) -> (i32, String) {
    let cwd = tempfile::tempdir().unwrap();
    let path = common::root().join("tests/check").join(file);
    let result = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(cwd.path())
        .args(["--lang", "en", "check"])
        .arg(&path)
        .args(["--today", "2026-11-25"])
        .output()
        .unwrap();
    let written = std::fs::read_dir(cwd.path()).unwrap().count();
    assert_eq!(written, 0, "check writes nothing");
    let stderr = String::from_utf8_lossy(&result.stderr).replace(
        &format!("{}/", common::root().join("tests/check").display()),
        "",
    );
    (result.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_good_file_has_no_findings() {
    let (code, out) = check("ok.yaml");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn each_finding_has_its_rule_its_place_and_a_fix() {
    let cases = [
        (
            "vb001-unknown-key.yaml",
            "error[VB001]",
            "vb001-unknown-key.yaml:8:1",
            "did you mean `place`?",
        ),
        (
            "vb102-kind-as-abbreviation.yaml",
            "error[VB102]",
            "vb102-kind-as-abbreviation.yaml:2:7",
            "`KH` is the abbreviation of `ke-hoach`",
        ),
        (
            "vb104-party-prefix.yaml",
            "error[VB104]",
            "vb104-party-prefix.yaml:16:11",
            "`K/T` belongs to party-hd36-2018",
        ),
        (
            "vb106-kinh-gui-on-a-plan.yaml",
            "error[VB106]",
            "vb106-kinh-gui-on-a-plan.yaml:10:13",
            "`Kính gửi:` is for",
        ),
        (
            "vb201-no-number.yaml",
            "warning[VB201]",
            "vb201-no-number.yaml:6:7",
            "NĐ 30/2020, Phụ lục I, mục II.3",
        ),
        (
            "vb203-future-date.yaml",
            "warning[VB203]",
            "vb203-future-date.yaml:7:7",
            "check the year",
        ),
        (
            "vb204-sunday.yaml",
            "warning[VB204]",
            "vb204-sunday.yaml:7:7",
            "Sunday",
        ),
        (
            "vb205-tm-for-one-person.yaml",
            "warning[VB205]",
            "vb205-tm-for-one-person.yaml:16:11",
            "write `KT.`",
        ),
        (
            "vb206-no-recipients.yaml",
            "warning[VB206]",
            "vb206-no-recipients.yaml:2:7",
            "mục II.9",
        ),
        (
            "vb207-summary-case.yaml",
            "warning[VB207]",
            "vb207-summary-case.yaml:9:10",
            "start with a capital",
        ),
        (
            "vb208-appendix-absent.yaml",
            "warning[VB208]",
            "vb208-appendix-absent.yaml:10:7",
            "appendices:",
        ),
        (
            "vb212-committee-above-chi-bo.yaml",
            "warning[VB212]",
            "vb212-committee-above-chi-bo.yaml:4:13",
            "`superior: ĐẢNG BỘ XÃ BÌNH AN`",
        ),
        (
            "vb212-own-dang-bo.yaml",
            "warning[VB212]",
            "vb212-own-dang-bo.yaml:4:13",
            "the issuing committee's own đảng bộ",
        ),
        (
            "vb213-ban-under-dang-bo.yaml",
            "warning[VB213]",
            "vb213-ban-under-dang-bo.yaml:4:13",
            "`superior: HUYỆN ỦY TÂY SƠN`",
        ),
        (
            "vb213-ban-alone.yaml",
            "warning[VB213]",
            "vb213-ban-alone.yaml:4:9",
            "no committee is named above it",
        ),
        (
            "vb214-ubnd-with-superior.yaml",
            "warning[VB214]",
            "vb214-ubnd-with-superior.yaml:4:13",
            "leave `superior` out",
        ),
        (
            "vb215-without-place.yaml",
            "warning[VB215]",
            "vb215-without-place.yaml:4:9",
            "`TỈNH ỦY` does not name its place",
        ),
        (
            "vb216-district-level.yaml",
            "warning[VB216]",
            "vb216-district-level.yaml:12:16",
            "`Ủy ban nhân dân huyện`, `Tư pháp - Hộ tịch`",
        ),
        (
            "vb217-v-v-ve-viec.yaml",
            "warning[VB217]",
            "vb217-v-v-ve-viec.yaml:10:10",
            "`V/v về việc báo cáo",
        ),
        (
            "vb217-own-v-v.yaml",
            "warning[VB217]",
            "vb217-own-v-v.yaml:10:10",
            "`V/v V/v báo cáo",
        ),
        (
            "vb218-archive-as-recipient.yaml",
            "warning[VB218]",
            "vb218-archive-as-recipient.yaml:18:7",
            "`Lưu trữ điện tử` is no recipient",
        ),
        (
            "vb219-nhu-tren-typed.yaml",
            "warning[VB219]",
            "vb219-nhu-tren-typed.yaml:17:7",
            "typed again, it prints twice",
        ),
        (
            "vb209-decomposed.yaml",
            "warning[VB209]",
            "vb209-decomposed.yaml:4:1",
            "NFC",
        ),
        (
            "vb211-no-glyph.yaml",
            "warning[VB211]",
            "vb211-no-glyph.yaml:13:42",
            "the DOCX keeps them",
        ),
    ];
    for (file, rule, place, fix) in cases {
        let (code, out) = check(file);
        assert_eq!(code, 1, "{file}: {out}");
        assert!(out.contains(rule), "{file}: {rule} missing in\n{out}");
        assert!(
            out.contains(&format!("--> {place}")),
            "{file}: {place} missing in\n{out}"
        );
        assert!(out.contains(fix), "{file}: `{fix}` missing in\n{out}");
        // A rule that comes from a regulation cites it in every finding.
        let id = rule.split(['[', ']']).nth(1).unwrap();
        if let Some(cite) = vanban::check::Rule::get(id).and_then(|r| r.source) {
            assert!(
                out.contains(&format!("hint: {}", cite.party))
                    || out.contains(&format!("hint: {}", cite.state)),
                "{file}: the source of {id} missing in\n{out}"
            );
        }
    }
}

#[test]
fn text_in_a_legacy_encoding_is_an_error() {
    let (code, out) = check("vb210-tcvn3.yaml");
    assert_eq!(code, 1);
    assert!(
        out.contains("error[VB210]") && out.contains("Tcvn3"),
        "{out}"
    );
    assert!(out.contains("--fix-encoding"), "{out}");
}

#[test]
fn a_docx_of_ours_passes_and_a_wrong_one_is_caught() {
    use docx_rs::*;
    let dir = tempfile::tempdir().unwrap();
    // Ours: every sample's DOCX passes.
    for name in [
        "party-ke-hoach.yaml",
        "state-cong-van.yaml",
        "huong-dan-44-HD-BTGHU.yaml",
    ] {
        let doc = common::model(&common::sample(name));
        let path = dir.path().join(name.replace(".yaml", ".docx"));
        std::fs::write(&path, vanban::render::docx::write(&doc).unwrap()).unwrap();
        common::english();
        let found = vanban::check::docx::check(&path).unwrap();
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    // Someone else's: Letter paper, a 25 mm left margin, Arial, `Số:` in a Party
    // document, `ngày 5 tháng 06`, recipients ending with `;`.
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let docx = Docx::new()
        .page_size(12240, 15840)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1417)
                .right(850),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial"))
        .add_paragraph(p("ĐẢNG BỘ TỈNH GIA LAI"))
        .add_paragraph(p("ĐẢNG CỘNG SẢN VIỆT NAM"))
        .add_paragraph(p("Số: 12-KH/ĐU"))
        .add_paragraph(p("Bình An, ngày 5 tháng 06 năm 2026"))
        .add_paragraph(p("Nơi nhận:"))
        .add_paragraph(p("- Các chi bộ;"))
        .add_paragraph(p("- Lưu Văn phòng Đảng ủy."));
    let path = dir.path().join("wrong.docx");
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut buf).unwrap();
    std::fs::write(&path, buf.into_inner()).unwrap();
    let found = vanban::check::docx::check(&path).unwrap();
    let codes: Vec<String> = found
        .iter()
        .map(|f| format!("VB{:03}", f.code.unwrap_or(0)))
        .collect();
    for code in ["VB301", "VB302", "VB303", "VB305", "VB306", "VB307"] {
        assert!(
            codes.contains(&code.to_string()),
            "{code} missing: {found:#?}"
        );
    }
    let date = found.iter().find(|f| f.code == Some(306)).unwrap();
    assert_eq!(
        date.location.as_ref().unwrap().line,
        4,
        "the date is the fourth paragraph"
    );
    assert!(date.cause.contains("write `ngày 05`"), "{}", date.cause);
    // The command line counts a DOCX's errors and warnings apart, as a YAML
    // file's, and exits 1.
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "en", "check"])
        .arg(&path)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{out}");
    let warnings = found.iter().filter(|f| f.warning).count();
    let errors = found.len() - warnings;
    let summary = format!("1 file(s) checked: {errors} error(s), {warnings} warning(s)");
    assert!(out.contains(&summary), "{summary} in {out}");
}

/// `vanban check` on a folder of units reads each as the batch does, with
/// the defaults of its `batch.yaml`; a finding about an inherited value
/// points at the settings, not past the unit's last line.
#[test]
fn units_are_checked_with_their_batch_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "batch.yaml",
        "defaults:\n  rules: party-hd36-2018\n  kind: ke-hoach\n  place: Bình An\n  summary: công tác năm 2026\n  body: Nội dung.\n",
    );
    // A Sunday, and no recipients (the defaults have none either).
    write(
        "thon-a.yaml",
        "issuer: { superior: ĐẢNG BỘ XÃ BÌNH AN, name: CHI BỘ THÔN A, abbr: CB }\nnumber: 3\ndate: 2026-10-18\nsignature: { prefix: T/M, on_behalf: CHI BỘ, position: BÍ THƯ, name: Lê Văn A }\n",
    );
    write(
        "thon-b.yaml",
        "issuer: { superior: ĐẢNG BỘ XÃ BÌNH AN, name: CHI BỘ THÔN B, abbr: CB }\nnumber: 4\ndate: 2026-10-32\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir.path())
        .args(["--lang", "en", "check", ".", "--today", "2026-11-25"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(!out.contains("missing key"), "units read alone: {out}");
    assert!(
        out.contains("warning[VB204]") && out.contains("--> ./thon-a.yaml:3:7"),
        "{out}"
    );
    let vb206 = out.split("\n\n").find(|f| f.contains("[VB206]")).unwrap();
    assert!(!vb206.contains("-->"), "{vb206}");
    assert!(
        vb206.contains("the value comes from `defaults` in ./batch.yaml"),
        "{vb206}"
    );
    // A date that is no date is an error, not also "a date without its day".
    assert!(
        out.contains("error[VB103]") && out.contains("--> ./thon-b.yaml:3:7"),
        "{out}"
    );
    assert!(!out.contains("[VB202]"), "{out}");
    assert!(
        out.contains("3 file(s) checked: 1 error(s), 3 warning(s)"),
        "{out}"
    );
}

/// The starter files of `vanban new` check clean, in both regimes and for
/// every kind: in particular a công văn's trích yếu is not typed `về việc …`,
/// which printed `V/v về việc …`.
#[test]
fn every_new_file_checks_clean() {
    common::english();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    for (regime, rules) in [("party", "party-hd36-2018"), ("state", "state-nd30-2020")] {
        for kind in &vanban::rules::RuleSet::get(rules).unwrap().kinds {
            let text = vanban::import::starter(&kind.id, Some(regime)).unwrap();
            let source = vanban::input::Source::new(std::path::Path::new("new.yaml"), &text);
            let input: vanban::input::InputDoc = source.parse().unwrap();
            let found = vanban::check::document(&source, &input, &common::templates(), today);
            assert!(found.is_empty(), "{regime} {}: {found:#?}", kind.id);
            let doc = vanban::api::load_source(&source, &common::templates()).unwrap();
            for line in &doc.header.rows[1].left {
                let text = line.text.to_lowercase();
                assert!(
                    !text.starts_with("v/v về việc") && !text.starts_with("v/v v/v"),
                    "{regime} {}: {}",
                    kind.id,
                    line.text
                );
            }
        }
    }
}

/// `vanban check` on every sample and every unit finds only what
/// samples/units/README.md lists as there on purpose.
#[test]
fn every_sample_and_unit_checks_as_listed() {
    let root = common::root();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(&root)
        .args(["--lang", "en", "check", "samples", "samples/units"])
        .args(["--today", "2026-12-31"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stderr);
    let mut found: Vec<(String, String)> = Vec::new();
    for finding in out.split("\n\n") {
        let Some(code) = finding
            .split(['[', ']'])
            .nth(1)
            .filter(|c| c.starts_with("VB"))
        else {
            continue;
        };
        let file = finding
            .lines()
            .find_map(|l| l.trim().strip_prefix("--> "))
            .and_then(|place| place.split(':').next())
            .unwrap_or("(no place)");
        found.push((file.to_string(), code.to_string()));
    }
    let readme = std::fs::read_to_string(root.join("samples/units/README.md")).unwrap();
    let section = readme
        .split("## What `vanban check` finds, on purpose")
        .nth(1)
        .unwrap();
    let mut listed: Vec<(String, String)> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| {
            let (file, rest) = l.split_once("`: ")?;
            Some((
                file.to_string(),
                rest.split_whitespace().next()?.to_string(),
            ))
        })
        .collect();
    found.sort();
    listed.sort();
    assert!(!listed.is_empty());
    assert_eq!(found, listed, "{out}");
}

/// docs/check.md's table of rules names every lint rule of the registry, with
/// its level.
#[test]
fn the_readme_lists_every_lint_rule() {
    let readme = std::fs::read_to_string(common::root().join("docs/check.md")).unwrap();
    for rule in vanban::check::RULES {
        let level = match rule.level {
            vanban::check::Level::Error => "error",
            vanban::check::Level::Warning => "warning",
        };
        let row = format!("| {} | {level} |", rule.id);
        assert!(readme.contains(&row), "docs/check.md lacks `{row}`");
    }
}

/// The lint rules look inside every text a clerk types (names, trích yếu,
/// recipients, body): whatever the text, they find or not, never panic.
#[test]
fn the_lint_rules_take_any_text() {
    use proptest::prelude::*;
    let text = || {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(
                    &[
                        "ĐẢNG ỦY",
                        "Huyện ủy",
                        "UỶ",
                        "V/v",
                        "về việc",
                        "Lưu",
                        "Như trên",
                        "İ",
                        "ẞ",
                        "Văn phòng – Thống kê",
                        "HUYỆN",
                        "XÃ",
                        "CHI BỘ",
                        "BAN",
                        " ",
                        "\n",
                        ":",
                        "ǅ",
                    ][..]
                )
                .prop_map(str::to_string),
                "\\PC{0,6}",
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let config = proptest::test_runner::Config {
        cases: 200,
        failure_persistence: None,
        ..Default::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = (text(), text(), text(), text(), text(), any::<bool>());
    let (parsed, found) = (
        std::sync::atomic::AtomicUsize::new(0),
        std::sync::atomic::AtomicUsize::new(0),
    );
    runner
        .run(&strategy, |(superior, name, summary, to, body, party)| {
            let q = |s: &str| serde_json::to_string(s).unwrap();
            let (rules, kind) = if party {
                ("party-hd36-2018", "cong-van")
            } else {
                ("state-nd30-2020", "cong-van")
            };
            let yaml = format!(
                "rules: {rules}\nkind: {kind}\nissuer: {{ superior: {}, name: {}, abbr: X, unit: VP }}\nnumber: 1\ndate: 2026-11-20\nplace: Bình An\nsummary: {}\naddressees: [A]\nbody: {}\nrecipients: {{ items: [{}], archive: VP }}\nsignature: {{ position: {}, name: A }}\n",
                q(&superior), q(&name), q(&summary), q(&body), q(&to), q(&name)
            );
            let source = vanban::input::Source::new(std::path::Path::new("x.yaml"), &yaml);
            if let Ok(input) = source.parse::<vanban::input::InputDoc>() {
                let lint = vanban::check::lint(&source, &input, today);
                parsed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                found.fetch_add(lint.len(), std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    // Most texts parse (control characters are refused), and the rules fire.
    let parsed = parsed.into_inner();
    assert!(parsed > 100, "{parsed}");
    let found = found.into_inner();
    assert!(found > 20, "{found}");
}
