//! Importing a draft (plain text, Markdown, DOCX, PDF) into vanban's YAML:
//! cleaned, its parts recognised, what cannot be placed reported with its
//! line.

mod clean;
pub mod pdf;
pub(crate) mod read;
mod recognize;
mod starter;

pub use starter::starter;

use read::DraftLine;

use crate::error::{Error, ErrorKind, Result};
use crate::input::InputDoc;
use crate::input::encoding::{self, Legacy};
use crate::input::limits;
use std::path::Path;

/// Something the importer could not place, or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

impl Warning {
    /// A warning that names `items` (joined by commas) through `message`, or
    /// none when there are no items.
    pub fn listing(
        line: usize,
        items: &[String],
        message: impl FnOnce(&str) -> String,
    ) -> Option<Warning> {
        (!items.is_empty()).then(|| Warning {
            line,
            message: message(&items.join(", ")),
        })
    }
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
        ["txt", "md", "docx", "pdf"]
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    })
}

/// Imports a draft file. `fix_encoding` converts text typed in TCVN3.
pub fn import(path: &Path, fix_encoding: bool) -> Result<Imported> {
    let bytes = crate::input::limits::read_file(path)?;
    import_bytes(path, &bytes, fix_encoding)
}

/// Imports a draft held in memory (an upload), nothing read from or written
/// to disk: `name` is the file's name, whose extension says how to read the
/// bytes (`.docx`, `.pdf`, else text: `.txt`, `.md`) and which messages
/// name; `fix_encoding` converts text typed in TCVN3. Gives the YAML text,
/// ready to save or render, and the importer's warnings, each with its line
/// in the draft. Bytes over the limit of every input file (8 MiB) are
/// refused, as a file that large is.
///
/// ```
/// use vanban::import::import_bytes;
/// let draft = "ĐẢNG BỘ TỈNH GIA LAI\nĐẢNG ỦY XÃ BÌNH AN\n*\nSố 12-CV/ĐU\n\
///              V/v triển khai công tác năm 2026\n\
///              ĐẢNG CỘNG SẢN VIỆT NAM\nBình An, ngày 15 tháng 01 năm 2026\n\
///              Kính gửi: Các chi bộ trực thuộc\n\
///              Đề nghị các chi bộ triển khai thực hiện.\n\
///              Nơi nhận:\n- Như trên,\n- Lưu Văn phòng Đảng ủy.\n\
///              T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn A\n";
/// let imported = import_bytes("cong-van.txt".as_ref(), draft.as_bytes(), false)?;
/// assert!(imported.yaml.contains("kind: cong-van"));
/// assert!(imported.yaml.contains("number: 12"));
/// for w in &imported.warnings {
///     eprintln!("line {}: {}", w.line, w.message);
/// }
/// # Ok::<(), vanban::error::Error>(())
/// ```
pub fn import_bytes(name: &Path, bytes: &[u8], fix_encoding: bool) -> Result<Imported> {
    limits::check_size(name, bytes.len() as u64)?;
    let is = |ext: &str| {
        name.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    if is("pdf") {
        let (lines, unread) = pdf::read(name, bytes)?;
        let mut imported = from_lines(name, lines, fix_encoding)?;
        imported.warnings.splice(0..0, unread);
        return Ok(imported);
    }
    let lines = if is("docx") {
        read::docx::lines(name, bytes)?
    } else {
        // A legacy 8-bit file is not UTF-8: read it byte for byte (Latin-1).
        let text = String::from_utf8(bytes.to_vec())
            .unwrap_or_else(|e| e.into_bytes().iter().map(|b| *b as char).collect());
        read::text_lines(&text)
    };
    from_lines(name, lines, fix_encoding)
}

/// A draft already read into lines (by any reader: text, DOCX, PDF):
/// encoding checked, lines cleaned, parts recognised, the YAML written.
pub(crate) fn from_lines(
    path: &Path,
    mut lines: Vec<DraftLine>,
    fix_encoding: bool,
) -> Result<Imported> {
    legacy_encoding(path, &mut lines, fix_encoding)?;
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
    let (doc, found) = recognize::recognize(&lines);
    warnings.extend(found);
    Ok(Imported {
        yaml: write_yaml(&doc)?,
        warnings,
    })
}

/// Text typed in a legacy 8-bit encoding: TCVN3 converted when asked,
/// else refused with the reason and the way out.
fn legacy_encoding(path: &Path, lines: &mut [DraftLine], fix_encoding: bool) -> Result<()> {
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    match (encoding::detect(&all), fix_encoding) {
        (None, _) => Ok(()),
        (Some(Legacy::Tcvn3), true) => {
            lines
                .iter_mut()
                .for_each(|l| l.text = encoding::from_tcvn3(&l.text));
            Ok(())
        }
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
            Err(Error::new(
                ErrorKind::Input,
                crate::tr!("không nhập được {}", "could not import {}", path.display()),
                crate::tr!(
                    "chữ tiếng Việt được gõ bằng bảng mã cũ {name}, không phải Unicode",
                    "the Vietnamese text is typed in the legacy encoding {name}, not Unicode"
                ),
            )
            .hint(fix))
        }
    }
}

/// A document as YAML, keys in the order of its parts, the body as a `|` block.
pub fn write_yaml(doc: &InputDoc) -> Result<String> {
    serde_saphyr::to_string(doc).map_err(|e| {
        Error::new(
            ErrorKind::Render,
            crate::tr!("không ghi được nội dung YAML", "could not write the YAML"),
            e.to_string(),
        )
    })
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

    /// An upload is bounded as a file is, and read by its name's extension.
    #[test]
    fn bytes_are_bounded_and_read_by_their_name() {
        let big = vec![b'a'; limits::MAX_FILE_BYTES as usize + 1];
        let err = super::import_bytes(Path::new("big.txt"), &big, false).unwrap_err();
        assert!(err.to_string().contains("big.txt"), "{err}");
        let not_a_pdf = super::import_bytes(Path::new("x.PDF"), b"Hello", false);
        assert!(not_a_pdf.is_err());
        let text = super::import_bytes(Path::new("x.txt"), b"Hello", false);
        assert!(text.is_ok());
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
