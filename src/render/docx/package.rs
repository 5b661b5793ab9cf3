//! Re-zips docx-rs's package: deflated (docx-rs stores entries uncompressed)
//! and with a fixed timestamp on every entry, so that the same document gives
//! the same bytes; writes the one element docx-rs lacks, `w:tblHeader`, and
//! the core properties docx-rs cannot set.

use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The row height that marks a table's header row for [`repack`].
pub const HEADER_ROW_MARK: f32 = 0.25;

/// Parts smaller than this (bytes) are stored, not deflated.
const SMALL_PART: usize = 1024;

/// The mark as docx-rs writes it, and what it becomes.
const MARK_XML: &str = r#"<w:trHeight w:val="0.25" w:hRule="auto" />"#;
const HEADER_XML: &str = "<w:tblHeader />";

/// The package again, with `core` as `docProps/core.xml`.
pub fn repack(raw: &[u8], core: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut input = ZipArchive::new(Cursor::new(raw))?;
    let mut output = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // The fastest level: a third of the DOCX writer's time at level 6,
        // for a package about 2 KB larger.
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for i in 0..input.len() {
        let mut entry = input.by_index(i)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name()?.to_string();
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes)?;
        if name == "word/document.xml" {
            let xml = String::from_utf8_lossy(&bytes).replace(MARK_XML, HEADER_XML);
            bytes = xml.into_bytes();
        } else if name == "docProps/core.xml" {
            bytes = core.as_bytes().to_vec();
        }
        // Deflating a small part costs more than it saves: each deflate
        // sets up (and clears) a fresh compressor of a few hundred KB.
        let options = if bytes.len() < SMALL_PART {
            options
                .compression_method(CompressionMethod::Stored)
                .compression_level(None)
        } else {
            options
        };
        output.start_file(name, options)?;
        output.write_all(&bytes)?;
    }
    Ok(output.finish()?.into_inner())
}
