//! Importing a draft (plain text, Markdown, DOCX) into vanban's YAML:
//! cleaned, its parts recognised, what cannot be placed reported with its
//! line.

mod clean;
mod read;
mod recognize;

use crate::error::{Error, ErrorKind, Result};
use crate::input::encoding::{self, Legacy};
use crate::input::limits;
use serde::Serialize;
use serde_saphyr::LitString;
use std::path::Path;

/// Something the importer could not place, or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// The YAML of an imported draft and what the importer has to say of it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    pub warnings: Vec<Warning>,
}

/// Whether a path looks like a draft rather than a vanban YAML file.
pub fn is_draft(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["txt", "md", "docx"]
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    })
}

/// Imports a draft file. `fix_encoding` converts text typed in TCVN3.
pub fn import(path: &Path, fix_encoding: bool) -> Result<Imported> {
    let bytes = crate::input::limits::read_file(path)?;
    let docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let mut lines = if docx {
        read::docx_lines(path, &bytes)?
    } else {
        // A legacy 8-bit file is not UTF-8: read it byte for byte (Latin-1).
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| e.into_bytes().iter().map(|b| *b as char).collect());
        read::text_lines(&text)
    };
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    match (encoding::detect(&all), fix_encoding) {
        (None, _) => {}
        (Some(Legacy::Tcvn3), true) => lines
            .iter_mut()
            .for_each(|l| l.text = encoding::from_tcvn3(&l.text)),
        (Some(legacy), _) => {
            let (name, fix) = match legacy {
                Legacy::Tcvn3 => (
                    crate::tr!("TCVN3 (ABC, phông .VnTime)", "TCVN3 (ABC, .VnTime fonts)"),
                    crate::tr!(
                        "chạy lại với --fix-encoding, hoặc chuyển mã bằng Unikey",
                        "run again with --fix-encoding, or convert it with Unikey"
                    ),
                ),
                Legacy::Vni => (
                    crate::tr!("VNI (phông VNI-Times)", "VNI (VNI-Times fonts)"),
                    crate::tr!(
                        "chuyển sang Unicode trước (công cụ chuyển mã của Unikey, VNI Windows → Unicode)",
                        "convert it to Unicode first (Unikey's converter, VNI Windows → Unicode)"
                    ),
                ),
            };
            return Err(Error::new(
                ErrorKind::Input,
                crate::tr!("không nhập được {}", "could not import {}", path.display()),
                crate::tr!(
                    "chữ tiếng Việt được gõ bằng bảng mã cũ {name}, không phải Unicode",
                    "the Vietnamese text is typed in the legacy encoding {name}, not Unicode"
                ),
            )
            .hint(fix));
        }
    }
    let mut warnings = Vec::new();
    for line in &mut lines {
        if let Some(c) = line.text.chars().find(|c| limits::is_forbidden(*c)) {
            let code = format!("U+{:04X}", c as u32);
            warnings.push(Warning {
                line: line.no,
                message: crate::tr!(
                    "đã bỏ ký tự điều khiển {code} (vanban không nhận ký tự này trong văn bản)",
                    "removed the control character {code} (no document may hold it)"
                ),
            });
        }
        let had_breaks = line.text.contains('\n');
        line.text = line
            .text
            .split('\n')
            .map(clean::clean_line)
            .collect::<Vec<_>>()
            .join("\n");
        if !had_breaks {
            line.text = line.text.replace('\n', " ");
        }
        line.blank = line.blank || line.text.is_empty();
    }
    let (draft, found) = recognize::recognize(&lines);
    warnings.extend(found);
    let yaml = serde_saphyr::to_string(&draft.into_yaml()).map_err(|e| {
        Error::new(
            ErrorKind::Render,
            crate::tr!("không ghi được nội dung YAML", "could not write the YAML"),
            e.to_string(),
        )
    })?;
    Ok(Imported { yaml, warnings })
}

/// What the recogniser found, in the key order of a document.
#[derive(Debug, Default)]
pub struct Draft {
    pub rules: String,
    pub kind: String,
    pub issuer: DraftIssuer,
    pub co_issuers: Vec<DraftIssuer>,
    pub number: Option<u32>,
    pub date: String,
    pub place: String,
    pub summary: Option<String>,
    pub urgency: Option<String>,
    pub secrecy: Option<String>,
    pub draft: bool,
    pub addressees: Option<Vec<String>>,
    pub authority: Option<String>,
    pub bases: Option<Vec<String>>,
    pub end_mark: Option<bool>,
    pub body: String,
    pub recipients: Option<DraftRecipients>,
    pub signature: Option<DraftSignature>,
    pub signatures: Option<Vec<DraftSignature>>,
    pub appendices: Vec<DraftAppendix>,
    /// From the number line, for the issuers found later.
    pub(crate) kind_abbr: Option<String>,
    pub(crate) issuer_abbrs: Vec<String>,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct DraftIssuer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superior: Option<String>,
    pub name: String,
    pub abbr: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct DraftRecipients {
    pub items: Vec<DraftRecipient>,
    pub archive: String,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum DraftRecipient {
    Plain(String),
    Full { to: String, purpose: String },
}

#[derive(Debug, Default, Serialize)]
pub struct DraftSignature {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<DraftThen>,
    pub position: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct DraftThen {
    pub prefix: String,
    pub on_behalf: String,
}

#[derive(Debug, Default, Serialize)]
pub struct DraftAppendix {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub landscape: bool,
    pub body: String,
}

/// The YAML document, keys in their usual order, the body as a `|` block.
#[derive(Serialize)]
struct DraftYaml {
    rules: String,
    kind: String,
    issuer: DraftIssuer,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    co_issuers: Vec<DraftIssuer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    date: String,
    place: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urgency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secrecy: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    addressees: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bases: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_mark: Option<bool>,
    body: LitString,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipients: Option<DraftRecipients>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<DraftSignature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signatures: Option<Vec<DraftSignature>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appendices: Vec<AppendixYaml>,
}

#[derive(Serialize)]
struct AppendixYaml {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    landscape: bool,
    body: LitString,
}

impl Draft {
    fn into_yaml(self) -> DraftYaml {
        DraftYaml {
            rules: self.rules,
            kind: self.kind,
            issuer: self.issuer,
            co_issuers: self.co_issuers,
            number: self.number,
            date: self.date,
            place: self.place,
            summary: self.summary,
            urgency: self.urgency,
            secrecy: self.secrecy,
            draft: self.draft,
            addressees: self.addressees,
            authority: self.authority,
            bases: self.bases,
            end_mark: self.end_mark,
            body: LitString(self.body),
            recipients: self.recipients,
            signature: self.signature,
            signatures: self.signatures,
            appendices: self
                .appendices
                .into_iter()
                .map(|a| AppendixYaml {
                    title: a.title,
                    reference: a.reference,
                    landscape: a.landscape,
                    body: LitString(a.body),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{InputDoc, Source};

    fn import_bytes(name: &str, bytes: &[u8], fix_encoding: bool) -> Result<Imported> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        import(&path, fix_encoding)
    }

    /// Found by the `draft_import` fuzz target (a TCVN3 line holding U+0004):
    /// the importer wrote the control character into the YAML, and vanban
    /// then refused to read what it had written.
    #[test]
    fn controls_are_removed_with_a_warning_and_the_yaml_reads() {
        let fuzzed = b"H\xad\xedng d\xc9n \x04\xabng t\xb8c hi\xd6n \xae\xf3ng quy \xae\xdenh.\n";
        let page_break = "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN\nSố: 45/UBND-VP\n\
                          Thực hiện Công văn số 25.\u{c}\n1. Tổng số\u{b}hộ nghèo.\u{202e}\n";
        for (name, bytes) in [
            ("fuzzed.txt", &fuzzed[..]),
            ("page-break.txt", page_break.as_bytes()),
        ] {
            let imported = import_bytes(name, bytes, true).unwrap();
            assert!(
                !imported.yaml.chars().any(limits::is_forbidden),
                "{}",
                imported.yaml
            );
            assert!(
                imported
                    .warnings
                    .iter()
                    .any(|w| w.message.contains("U+") && w.line >= 1),
                "{:?}",
                imported.warnings
            );
            let source = Source::new(Path::new("imported.yaml"), &imported.yaml);
            if let Err(e) = source.parse::<InputDoc>() {
                panic!("{e}\n{}", imported.yaml);
            }
        }
    }
}
