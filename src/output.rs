//! Writing output files safely: every format built in memory first, each
//! file written to a temporary name and renamed, so that an error or a kill
//! never leaves a partial file; and the temporaries of a killed run removed.

use crate::error::{Error, Result};
use crate::model::Document;
use crate::render::Format;
use crate::sign::Signing;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `DIR/STEM.ext`.
pub fn output_path(dir: &Path, stem: &str, format: Format) -> PathBuf {
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Writes `DIR/STEM.ext` in every format: all of them built in memory first
/// (the PDF signed if `signing` says so), then each written atomically, so
/// an error leaves no partial output.
pub fn write_files(
    doc: &Document,
    dir: &Path,
    stem: &str,
    formats: &[Format],
    signing: Option<&Signing>,
) -> Result<Vec<PathBuf>> {
    let outputs = sign_pdfs(render_files(doc, dir, stem, formats)?, signing)?;
    write_rendered(&outputs)?;
    Ok(outputs.into_iter().map(|(p, _)| p).collect())
}

/// `DIR/STEM.ext` and its bytes, in every format, nothing written yet;
/// with an appendix issued as a file of its own, that file too
/// (`DIR/STEM-phu-luc-1.ext`, as the rule set names it).
pub fn render_files(
    doc: &Document,
    dir: &Path,
    stem: &str,
    formats: &[Format],
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, file) in doc.files() {
        let stem = file_stem(name.as_deref(), stem);
        for f in formats {
            out.push((output_path(dir, &stem, *f), f.write(&file)?));
        }
    }
    Ok(out)
}

/// The paths [`render_files`] gives, in its order, nothing rendered.
pub fn output_paths(doc: &Document, dir: &Path, stem: &str, formats: &[Format]) -> Vec<PathBuf> {
    doc.file_names()
        .map(|name| file_stem(name, stem))
        .flat_map(|s| formats.iter().map(move |f| output_path(dir, &s, *f)))
        .collect()
}

/// The stem of one of a document's files: the document's own, or an
/// appendix's file name pattern with the document's stem in it.
fn file_stem(name: Option<&str>, stem: &str) -> String {
    name.map_or_else(|| stem.to_string(), |name| name.replace("{stem}", stem))
}

/// The PDFs among files made by [`render_files`], signed (nothing changes
/// without `signing`).
pub fn sign_pdfs(
    mut outputs: Vec<(PathBuf, Vec<u8>)>,
    signing: Option<&Signing>,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let Some(signing) = signing else {
        return Ok(outputs);
    };
    for (path, bytes) in &mut outputs {
        if path
            .extension()
            .is_some_and(|e| e == Format::Pdf.extension())
        {
            *bytes = signing.sign_now(bytes)?;
        }
    }
    Ok(outputs)
}

/// Writes files made by [`render_files`], each atomically.
pub fn write_rendered(outputs: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in outputs {
        write_atomic(path, bytes)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// that `path` is either the whole new file or untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp: PathBuf = dir.join(format!(
        ".{}.{}{TMP_SUFFIX}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("write", path, &e)
    })
}

/// The end of a temporary file's name: `.NAME.PID.vanban-tmp`.
const TMP_SUFFIX: &str = ".vanban-tmp";

/// Removes the temporary files that a killed run of vanban left in `dir`
/// (`.NAME.PID.vanban-tmp`, whose process is gone), and returns how many.
/// Where processes cannot be listed (no `/proc`), none is removed.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.starts_with('.'))
            .and_then(|n| n.strip_suffix(TMP_SUFFIX))
            .and_then(|n| n.rsplit_once('.'))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !proc.join(pid.to_string()).exists() && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
