//! Fonts from a folder the user points at (`--fonts DIR`, or `fonts:` in a
//! batch's settings): the regular, bold, italic and bold italic faces of one
//! family, able to write Vietnamese and metric-compatible with Times New
//! Roman (so that every line vanban measured stays where it was), or a clear
//! error saying what the folder lacks.

use super::FontSet;
use crate::error::{Error, ErrorKind, Result};
use std::collections::BTreeMap;
use std::path::Path;
use typst::foundations::Bytes;
use typst::text::Font;

/// A font file larger than this is not read (no text face is).
const LARGEST: u64 = 64 * 1024 * 1024;

/// Letters a Vietnamese document needs beyond ASCII (each face must have
/// them all).
const VIETNAMESE: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

/// Text whose width tells a Times New Roman metric from another.
const PROBE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ngày 03 tháng 01 năm 2023 (Kèm theo) 0123456789,;.";

/// The style slots, in the order of [`FontSet`]'s faces.
const SLOTS: [&str; 4] = ["regular", "bold", "italic", "bold italic"];

/// The fonts of `dir`: the family with all four faces (Times New Roman
/// first, if it is there).
pub fn load(dir: &Path) -> Result<FontSet> {
    let families = read_families(dir)?;
    if families.is_empty() {
        return Err(refused(
            dir,
            crate::tr!(
                "thư mục không có tệp phông chữ nào (.ttf, .otf, .ttc)",
                "the folder holds no font file (.ttf, .otf, .ttc)"
            ),
        ));
    }
    let mut reasons = Vec::new();
    let mut names: Vec<&String> = families.keys().collect();
    names.sort_by_key(|n| (n.as_str() != "Times New Roman", n.to_string()));
    for name in names {
        match usable(&families[name]) {
            Ok(faces) => {
                return Ok(FontSet {
                    family: faces[0].info().family.clone(),
                    faces,
                    source: Some(dir.to_path_buf()),
                });
            }
            Err(why) => reasons.push(format!("{name}: {why}")),
        }
    }
    Err(refused(dir, reasons.join("; ")).hint(crate::tr!(
        "cần đủ bốn kiểu chữ thường, đậm, nghiêng, đậm nghiêng của một họ phông có chữ tiếng Việt và cùng số đo với Times New Roman (ví dụ times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf)",
        "give the regular, bold, italic and bold italic faces of one family that has Vietnamese letters and Times New Roman's metrics (e.g. times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf)"
    )))
}

fn refused(dir: &Path, cause: String) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!(
            "không dùng được phông chữ trong {}",
            "could not use the fonts in {}",
            dir.display()
        ),
        cause,
    )
}

/// Every face of every font file of `dir`, by family, in its style slot.
fn read_families(dir: &Path) -> Result<BTreeMap<String, [Option<Font>; 4]>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read the folder", dir, &e))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        })
        .collect();
    paths.sort();
    let mut families: BTreeMap<String, [Option<Font>; 4]> = BTreeMap::new();
    for path in paths {
        if std::fs::metadata(&path).map_or(true, |m| m.len() > LARGEST) {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| Error::io("read", &path, &e))?;
        for font in Font::iter(Bytes::new(data)) {
            let info = font.info();
            let bold = info.variant.weight.to_number() >= 600;
            let italic = info.variant.style != typst::text::FontStyle::Normal;
            let slot = usize::from(bold) + 2 * usize::from(italic);
            let faces = families.entry(info.family.clone()).or_default();
            faces[slot].get_or_insert(font);
        }
    }
    Ok(families)
}

/// The family's four faces, if it has them all, each with the Vietnamese
/// letters and Times New Roman's widths.
fn usable(faces: &[Option<Font>; 4]) -> std::result::Result<Vec<Font>, String> {
    let missing: Vec<&str> = (0..4)
        .filter(|i| faces[*i].is_none())
        .map(|i| SLOTS[i])
        .collect();
    if !missing.is_empty() {
        return Err(crate::tr!("thiếu kiểu {}", "lacks {}", missing.join(", ")));
    }
    let faces: Vec<Font> = faces.iter().flatten().cloned().collect();
    for (slot, face) in faces.iter().enumerate() {
        let lacking: String = VIETNAMESE
            .chars()
            .filter(|c| !face.info().coverage.contains(*c as u32))
            .take(8)
            .collect();
        if !lacking.is_empty() {
            return Err(crate::tr!(
                "kiểu {} thiếu chữ tiếng Việt ({lacking}…)",
                "its {} face lacks Vietnamese letters ({lacking}…)",
                SLOTS[slot]
            ));
        }
        let width = |data: &[u8], index: u32| -> Option<f64> {
            let ttf = ttf_parser::Face::parse(data, index).ok()?;
            let units = f64::from(ttf.units_per_em());
            PROBE
                .chars()
                .map(|c| Some(f64::from(ttf.glyph_hor_advance(ttf.glyph_index(c)?)?) / units))
                .sum()
        };
        let theirs = width(face.data(), face.index());
        let ours = super::text_width_em(PROBE, slot % 2 == 1, slot >= 2);
        match theirs {
            Some(w) if (w - ours).abs() <= ours * 0.005 => {}
            _ => {
                return Err(crate::tr!(
                    "kiểu {} không cùng số đo với Times New Roman, nên dòng chữ sẽ ngắt khác bản DOCX",
                    "its {} face does not have Times New Roman's widths, so lines would break unlike the DOCX's",
                    SLOTS[slot]
                ));
            }
        }
    }
    Ok(faces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        for f in files {
            std::fs::copy(root.join(f), dir.path().join(f)).unwrap();
        }
        dir
    }

    #[test]
    fn a_folder_with_the_four_faces_gives_them() {
        let dir = folder(&[
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ]);
        let set = load(dir.path()).unwrap();
        assert_eq!(set.family, "Liberation Serif");
        assert_eq!(set.faces.len(), 4);
    }

    #[test]
    fn a_folder_lacking_a_face_or_any_font_is_refused_saying_so() {
        crate::lang::set(crate::lang::Lang::En);
        let dir = folder(&["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"]);
        let err = load(dir.path()).unwrap_err();
        assert!(err.cause.contains("lacks italic, bold italic"), "{err}");
        let empty = tempfile::tempdir().unwrap();
        let err = load(empty.path()).unwrap_err();
        assert!(err.cause.contains("no font file"), "{err}");
    }
}
