//! Bad input gets one clear, located message, a non-zero exit code and no
//! output file. Runs the binary, as a user would.

mod common;

use std::path::Path;
use std::process::Command;

struct Run {
    code: i32,
    stderr: String,
    outputs: Vec<String>,
}

fn render(file: &str, templates: &str) -> Run {
    let out = tempfile::tempdir().unwrap();
    let root = common::root();
    let result = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(&root)
        .args(["--lang", "en", "render", file, "-o"])
        .arg(out.path())
        .args(["--templates", templates])
        .output()
        .unwrap();
    let outputs = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    Run {
        code: result.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
        outputs,
    }
}

/// Checks one bad file: the message, where it points, the field, the exit code.
fn check(file: &str, cause: &str, location: &str, field: Option<&str>, hint: &str) {
    check_with(file, "tests/bad/templates", cause, location, field, hint);
}

fn check_with(
    file: &str,
    templates: &str,
    cause: &str,
    location: &str,
    field: Option<&str>,
    hint: &str,
) {
    let run = render(file, templates);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // `error: could not …`, or `error[VB104]: could not …` for a broken rule.
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error") && first.contains(": could not"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(cause), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("--> {location}")),
        "{}",
        run.stderr
    );
    if let Some(field) = field {
        assert!(
            run.stderr.contains(&format!("= field: {field}\n")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains(&format!("hint: {hint}")),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("error"))
            .count(),
        1,
        "one message: {}",
        run.stderr
    );
    assert!(run.outputs.is_empty(), "wrote {:?}", run.outputs);
}

#[test]
fn missing_required_field() {
    check(
        "tests/bad/missing-place.yaml",
        "missing field `place`",
        "tests/bad/missing-place.yaml:",
        None,
        "add the key `place`",
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    check(
        "tests/bad/unknown-key.yaml",
        "unknown field `nmber`",
        "tests/bad/unknown-key.yaml:6:1",
        Some("nmber"),
        "did you mean `number`?",
    );
}

#[test]
fn malformed_date() {
    check(
        "tests/bad/bad-date.yaml",
        "`2023-13-03` is not a date",
        "tests/bad/bad-date.yaml:7:7",
        Some("date"),
        "write the date as YYYY-MM-DD",
    );
}

#[test]
fn number_that_is_not_a_number() {
    let run = render("tests/bad/number-not-a-number.yaml", "tests/bad/templates");
    assert!(
        run.stderr
            .contains("--> tests/bad/number-not-a-number.yaml:6:9"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("expected a whole number"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("= field: number\n"), "{}", run.stderr);
    assert_eq!(run.code, 1);
    assert!(run.outputs.is_empty());
}

#[test]
fn kind_written_as_its_abbreviation() {
    check(
        "tests/bad/kind-as-abbreviation.yaml",
        "`HD` is not a kind of document in party-hd36-2018",
        "tests/bad/kind-as-abbreviation.yaml:2:7",
        Some("kind"),
        "`HD` is the abbreviation of `huong-dan`",
    );
}

#[test]
fn unknown_rule_set() {
    check(
        "tests/bad/unknown-rules.yaml",
        "unknown rule set `party-hd36-2081`",
        "tests/bad/unknown-rules.yaml:1:8",
        Some("rules"),
        "the rule sets are: party-hd36-2018",
    );
}

#[test]
fn state_prefix_in_a_party_document() {
    check(
        "tests/bad/state-prefix-in-party.yaml",
        "`TM.` is not a signing prefix of party-hd36-2018",
        "tests/bad/state-prefix-in-party.yaml:15:11",
        Some("signature.prefix"),
        "the prefixes of party-hd36-2018 are: T/M, K/T",
    );
}

#[test]
fn broken_tera_template() {
    check_with(
        "tests/bad/broken-template.yaml",
        "tests/bad/broken-templates",
        "could not parse the template tests/bad/broken-templates/broken.md",
        "tests/bad/broken-templates/broken.md:3:8",
        None,
        "templates are Tera",
    );
}

#[test]
fn body_that_tera_cannot_render() {
    check(
        "tests/bad/template-cannot-render.yaml",
        "Variable `data.opening` not found",
        "tests/bad/templates/needs-data.md:3:4",
        None,
        "the template was named at tests/bad/template-cannot-render.yaml:10",
    );
}

#[test]
fn a_bad_file_does_not_stop_the_good_ones() {
    let out = tempfile::tempdir().unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(common::root())
        .args([
            "--lang",
            "en",
            "render",
            "tests/bad/bad-date.yaml",
            "samples/huong-dan-dang-uy-xa.yaml",
            "-o",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["huong-dan-dang-uy-xa.docx", "huong-dan-dang-uy-xa.pdf"]
    );
    assert!(!Path::new(&out.path().join("bad-date.pdf")).exists());
}

#[test]
fn party_prefix_in_a_state_document() {
    check(
        "tests/bad/party-prefix-in-state.yaml",
        "`T/M` is not a signing prefix of state-nd30-2020",
        "tests/bad/party-prefix-in-state.yaml:15:11",
        Some("signature.prefix"),
        "`T/M` belongs to party-hd36-2018",
    );
}

#[test]
fn year_inside_a_state_number() {
    check(
        "tests/bad/year-in-state-number.yaml",
        "expected a whole number",
        "tests/bad/year-in-state-number.yaml:6:9",
        Some("number"),
        "write only the number (e.g. 5)",
    );
}

#[test]
fn kinh_gui_on_a_kind_without_it() {
    check(
        "tests/bad/addressees-on-a-plan.yaml",
        "a ke-hoach has no `Kính gửi:` in state-nd30-2020",
        "tests/bad/addressees-on-a-plan.yaml:10:13",
        Some("addressees"),
        "`Kính gửi:` is for: bao-cao, to-trinh, cong-van",
    );
}

#[test]
fn authority_line_on_a_kind_without_it() {
    check(
        "tests/bad/authority-on-a-plan.yaml",
        "a ke-hoach has no `authority`",
        "tests/bad/authority-on-a-plan.yaml:10:12",
        Some("authority"),
        "an authority line and căn cứ belong to: nghi-quyet, quyet-dinh",
    );
}

#[test]
fn joint_issuers_in_a_state_document() {
    check(
        "tests/bad/joint-in-state.yaml",
        "state-nd30-2020 has no joint issuers",
        "tests/bad/joint-in-state.yaml:10:13",
        Some("co_issuers"),
        "issue the document from one body",
    );
}

#[test]
fn unknown_urgency_mark() {
    check(
        "tests/bad/unknown-urgency.yaml",
        "`gap` is not a mark of `urgency`",
        "tests/bad/unknown-urgency.yaml:10:10",
        Some("urgency"),
        "write one of: hoa-toc, khan, thuong-khan",
    );
}

#[test]
fn state_cong_van_without_its_drafting_unit() {
    check(
        "tests/bad/cong-van-without-unit.yaml",
        "a cong-van is numbered with the drafting unit",
        "tests/bad/cong-van-without-unit.yaml:2:7",
        Some("issuer.unit"),
        "add `unit:` under `issuer`",
    );
}

/// Messages are Vietnamese unless English is asked for, by `--lang` or by
/// the locale; the place, field and rule id are the same in both.
#[test]
fn messages_are_vietnamese_by_default_and_english_on_request() {
    let run = |lang: Option<&str>, locale: &str| {
        let out = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.current_dir(common::root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale);
        if let Some(lang) = lang {
            cmd.args(["--lang", lang]);
        }
        let result = cmd
            .args(["render", "tests/bad/bad-date.yaml", "-o"])
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(1));
        String::from_utf8(result.stderr).unwrap()
    };
    let place = "--> tests/bad/bad-date.yaml:";
    for vi in [
        run(None, "C.UTF-8"),
        run(None, "vi_VN.UTF-8"),
        run(Some("vi"), "en_US.UTF-8"),
    ] {
        assert!(vi.starts_with("lỗi[VB103]: "), "{vi}");
        assert!(vi.contains("không phải là ngày"), "{vi}");
        assert!(vi.contains("gợi ý: ") && vi.contains(place), "{vi}");
        assert!(!vi.contains("is not a date"), "{vi}");
    }
    for en in [run(None, "en_US.UTF-8"), run(Some("en"), "vi_VN.UTF-8")] {
        assert!(en.starts_with("error[VB103]: "), "{en}");
        assert!(en.contains("is not a date") && en.contains(place), "{en}");
        assert!(en.contains("hint: "), "{en}");
    }
}
