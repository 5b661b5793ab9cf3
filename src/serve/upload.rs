//! Uploads, bounded: how many files, how large, how many ZIP entries and how
//! much they expand to; names that can only ever be one plain file name in
//! the request's temporary folder. Everything is checked in memory before
//! anything is written, so a refused upload writes nothing.

use std::io::Read;

/// The largest request that carries one document or draft (a YAML file is
/// at most 8 MiB, a DOCX draft with pictures somewhat more).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// The largest batch upload (every part together).
pub const MAX_BATCH_BYTES: usize = 64 * 1024 * 1024;
/// The most files in one batch upload, ZIP entries included.
pub const MAX_FILES: usize = 2_000;
/// The most entries a ZIP may list (folders and skipped files included).
pub const MAX_ZIP_ENTRIES: usize = 4_000;
/// The most a batch's ZIPs may expand to, all entries together.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// The largest one file may be, packed or not (the CLI's limit).
pub const MAX_FILE_BYTES: u64 = crate::input::limits::MAX_FILE_BYTES;

/// An uploaded file: a plain name (no folder) and its bytes.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why an upload was refused (the page shows the message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Over a limit: the request is too large (HTTP 413).
    TooLarge(String),
    /// A bad name or a broken archive (HTTP 400).
    Bad(String),
}

impl Refusal {
    pub fn message(&self) -> &str {
        match self {
            Refusal::TooLarge(m) | Refusal::Bad(m) => m,
        }
    }
}

/// A file name as given by the browser or a ZIP entry, if it is one plain
/// name: no folder part, no `..`, no drive, no control character, not
/// hidden, at most 200 characters.
pub fn plain_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty()
        && name.chars().count() <= 200
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.chars().any(char::is_control)
        && name != "..";
    ok.then_some(name)
}

/// The name's extension, lower case.
pub fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// A batch's files: YAML files as they are, ZIPs expanded (their YAML files
/// only; their folders flattened), every name checked and unique.
pub fn batch_files(uploads: Vec<File>) -> Result<Vec<File>, Refusal> {
    let mut files: Vec<File> = Vec::new();
    let mut unpacked = 0u64;
    for upload in uploads {
        match extension(&upload.name).as_str() {
            "yaml" | "yml" => files.push(upload),
            "zip" => files.extend(unzip(&upload, &mut unpacked)?),
            // A table's rows are units; the batch refuses .xls and .ods
            // with advice.
            "xlsx" | "csv" | "xls" | "xlsb" | "xlsm" | "ods" => files.push(upload),
            _ => {
                return Err(Refusal::Bad(crate::tr!(
                    "{}: chỉ nhận tệp .yaml, .yml, bảng tính .xlsx, .csv hoặc tệp .zip",
                    "{}: only .yaml, .yml, .xlsx or .csv tables, or .zip files are accepted",
                    upload.name
                )));
            }
        }
        if files.len() > MAX_FILES {
            return Err(too_many());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for file in &files {
        if !seen.insert(file.name.as_str()) {
            return Err(Refusal::Bad(crate::tr!(
                "có hai tệp cùng tên {}",
                "two files are named {}",
                file.name
            )));
        }
    }
    Ok(files)
}

fn too_many() -> Refusal {
    Refusal::TooLarge(crate::tr!(
        "quá nhiều tệp: mỗi lần tải lên tối đa {MAX_FILES} tệp",
        "too many files: at most {MAX_FILES} per upload"
    ))
}

/// The YAML files of a ZIP, read within the limits. Every entry's name is
/// checked, including the ones skipped: an archive that tries to reach
/// outside its folder is refused whole.
fn unzip(upload: &File, unpacked: &mut u64) -> Result<Vec<File>, Refusal> {
    let bad = |cause: String| Refusal::Bad(format!("{}: {cause}", upload.name));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&upload.bytes)).map_err(|e| {
        bad(crate::tr!(
            "không phải tệp ZIP ({e})",
            "not a ZIP file ({e})"
        ))
    })?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Refusal::TooLarge(format!(
            "{}: {}",
            upload.name,
            crate::tr!(
                "tệp ZIP có {} mục, tối đa {MAX_ZIP_ENTRIES}",
                "the ZIP has {} entries, at most {MAX_ZIP_ENTRIES}",
                archive.len()
            )
        )));
    }
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| {
            bad(crate::tr!(
                "mục {i} hỏng ({e})",
                "entry {i} is broken ({e})"
            ))
        })?;
        let full = match entry.name() {
            Ok(name) => name.to_string(),
            Err(e) => {
                return Err(bad(crate::tr!(
                    "mục {i} hỏng ({e})",
                    "entry {i} is broken ({e})"
                )));
            }
        };
        // The whole path must stay inside the folder; only its last part is kept.
        let parts: Vec<&str> = full.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        let escapes = full.starts_with(['/', '\\'])
            || full.contains(':')
            || parts.contains(&"..")
            || entry.enclosed_name().is_none();
        if escapes {
            return Err(bad(crate::tr!(
                "mục `{full}` trỏ ra ngoài thư mục của nó",
                "entry `{full}` points outside its folder"
            )));
        }
        let name = parts.last().copied().unwrap_or_default();
        let hidden = parts.iter().any(|p| p.starts_with('.') || *p == "__MACOSX");
        let unit = matches!(extension(name).as_str(), "yaml" | "yml" | "xlsx" | "csv");
        if entry.is_dir() || hidden || !unit || name.starts_with("~$") {
            continue;
        }
        let Some(name) = plain_name(name) else {
            return Err(bad(crate::tr!(
                "tên tệp `{full}` không dùng được",
                "the file name `{full}` cannot be used"
            )));
        };
        let name = name.to_string();
        let size = entry.size();
        files.push(File {
            name,
            bytes: read_entry(&mut entry, size, &full, unpacked).map_err(|r| match r {
                Refusal::TooLarge(m) => Refusal::TooLarge(format!("{}: {m}", upload.name)),
                other => other,
            })?,
        });
        if files.len() > MAX_FILES {
            return Err(too_many());
        }
    }
    Ok(files)
}

/// An entry's bytes, never more than the limits whatever its header says
/// (a ZIP bomb declares small sizes).
fn read_entry(
    entry: &mut impl Read,
    size: u64,
    full: &str,
    unpacked: &mut u64,
) -> Result<Vec<u8>, Refusal> {
    let room = (MAX_UNPACKED_BYTES - *unpacked).min(MAX_FILE_BYTES);
    if size > room {
        return Err(bomb(full));
    }
    let mut bytes = Vec::new();
    entry
        .by_ref()
        .take(room + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Bad(format!("{full}: {e}")))?;
    if bytes.len() as u64 > room {
        return Err(bomb(full));
    }
    *unpacked += bytes.len() as u64;
    Ok(bytes)
}

fn bomb(full: &str) -> Refusal {
    Refusal::TooLarge(crate::tr!(
        "mục `{full}` giải nén ra quá lớn (mỗi tệp tối đa {} MB, cả tệp ZIP {} MB)",
        "entry `{full}` unpacks too large (at most {} MB a file, {} MB for the whole ZIP)",
        MAX_FILE_BYTES / (1024 * 1024),
        MAX_UNPACKED_BYTES / (1024 * 1024)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_pass() {
        for good in ["a.yaml", "Chi bộ thôn An Hòa.yaml", "x..yaml"] {
            assert_eq!(plain_name(good), Some(good));
        }
        for bad in [
            "",
            "..",
            "../a.yaml",
            "a/b.yaml",
            "a\\b.yaml",
            "C:a.yaml",
            ".hidden",
            "a\0.yaml",
            "a\n.yaml",
        ] {
            assert_eq!(plain_name(bad), None, "{bad:?}");
        }
    }
}
