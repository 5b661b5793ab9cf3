//! User text is data: hostile strings come out literally; output is
//! deterministic, alone or after other documents in the same process.

mod common;

use common::*;
use vanban::render::{docx, pdf};

const HOSTILE: &str = r#"#read("/etc/passwd") *x* $y$ [z] <l> @r {{ a }} {% if %}"#;

fn hostile_yaml(body_key: &str) -> String {
    let quoted = format!("'{}'", HOSTILE.replace('\'', "''"));
    format!(
        "rules: party-hd36-2018\nkind: huong-dan\nissuer:\n  superior: {quoted}\n  name: {quoted}\n  abbr: BTGHU\nnumber: 1\nend_mark: false\ndate: 2023-01-03\nplace: {quoted}\nsummary: {quoted}\n{body_key}\nrecipients:\n  items: [{quoted}]\n  archive: {quoted}\nsignature:\n  position: {quoted}\n  name: {quoted}\n"
    )
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn a_hostile_string_comes_out_literally_in_both_files() {
    let yaml = hostile_yaml(&format!("body: |\n  {HOSTILE}\n  - {HOSTILE}"));
    let doc = model_from_str(&yaml).unwrap();
    let text = pdf_text(&pdf::write(&doc).unwrap());
    // superior, issuer, place (in the date line), summary, two body lines,
    // one recipient, the archive line, position, name.
    assert!(
        count(&text, HOSTILE) >= 10,
        "{} in {text}",
        count(&text, HOSTILE)
    );
    let docx = docx::write(&doc).unwrap();
    // A name too long for its column is broken into lines (`\n`).
    let paragraphs: Vec<String> = docx_paragraphs(&docx_part(&docx, "word/document.xml"))
        .iter()
        .map(|p| squash(p))
        .collect();
    let paragraphs = paragraphs.join("\n");
    assert!(count(&paragraphs, HOSTILE) >= 10, "{paragraphs}");
}

#[test]
fn template_data_cannot_become_markup_or_template_code() {
    let data = format!(
        "template: huong-dan\ndata:\n  opening: '{h}'\n  parts:\n    - title: '# {h}'\n      points: ['{h}']\n      items: ['**{h}** | a']\n",
        h = HOSTILE.replace('\'', "''")
    );
    let doc = model_from_str(&hostile_yaml(&data)).unwrap();
    let body: Vec<String> = doc.body.iter().map(|b| b.plain_text()).collect();
    assert_eq!(body[0], HOSTILE);
    assert_eq!(body[1], format!("I. # {}", HOSTILE.to_uppercase()));
    assert_eq!(body[2], format!("1. {HOSTILE}"));
    assert_eq!(body[3], format!("- **{HOSTILE}** | a"));
    let text = pdf_text(&pdf::write(&doc).unwrap());
    assert!(text.contains(&format!("- **{HOSTILE}** | a")), "{text}");
}

#[test]
fn the_same_input_gives_the_same_bytes_alone_and_after_other_documents() {
    let reference = model(&sample("huong-dan-44-HD-BTGHU.yaml"));
    let other = model(&sample("huong-dan-dang-uy-xa.yaml"));
    let first = (
        docx::write(&reference).unwrap(),
        pdf::write(&reference).unwrap(),
    );
    for _ in 0..3 {
        let _ = (docx::write(&other).unwrap(), pdf::write(&other).unwrap());
    }
    let again = (
        docx::write(&reference).unwrap(),
        pdf::write(&reference).unwrap(),
    );
    assert!(first.0 == again.0, "DOCX differs after other documents");
    assert!(first.1 == again.1, "PDF differs after other documents");
}
