//! Safe ASCII file names from Vietnamese unit names: `Xã Bình An` → `xa-binh-an`.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII letters and digits joined by single hyphens; never empty,
/// never a path (no `/`, `\`, `.`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            // Combining marks (the tones and vowel marks, once decomposed) vanish.
            c if ('\u{300}'..='\u{36f}').contains(&c) => continue,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    // Long names are cut at a hyphen: the name plus `.docx` stays far below
    // the 255 bytes a file name may have.
    if out.len() > MAX_LEN {
        let cut = out[..MAX_LEN].rfind('-').filter(|&i| i > MAX_LEN / 2);
        out.truncate(cut.unwrap_or(MAX_LEN));
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "don-vi".to_string()
    } else if RESERVED.contains(&out.as_str()) {
        // Windows cannot create `con.pdf`, `nul.docx`…
        format!("{out}-don-vi")
    } else {
        out
    }
}

/// The longest slug, in bytes (ASCII).
const MAX_LEN: usize = 100;

/// Names Windows keeps for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Slugs for every name, in order; a name whose slug is taken gets `-2`, `-3`….
pub fn unique_slugs(names: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .iter()
        .map(|name| unused(&slug(name), &mut taken))
        .collect()
}

/// `base`, or `base-2`, `base-3`… whichever is not in `taken`; it is added.
pub fn unused(base: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_become_ascii() {
        assert_eq!(slug("Xã Bình An"), "xa-binh-an");
        assert_eq!(slug("CHI BỘ THÔN AN THÀNH"), "chi-bo-thon-an-thanh");
        assert_eq!(slug("Đảng ủy xã Ơn Ưng Ầ"), "dang-uy-xa-on-ung-a");
    }

    #[test]
    fn device_names_and_long_names_are_safe_on_windows_too() {
        assert_eq!(slug("CON"), "con-don-vi");
        assert_eq!(slug("Nul"), "nul-don-vi");
        assert_eq!(slug("LPT1"), "lpt1-don-vi");
        assert_eq!(slug("Console"), "console");
        let long = "Chi bộ thôn ".repeat(40);
        let s = slug(&long);
        assert!(s.len() <= 100 && !s.ends_with('-'), "{s}");
        assert!(s.starts_with("chi-bo-thon-chi-bo-thon"));
        assert_eq!(slug(&"x".repeat(300)).len(), 100);
    }

    #[test]
    fn nothing_escapes_the_output_folder() {
        for hostile in [
            "../../etc/passwd",
            "/etc/passwd",
            "..",
            "a/b\\c",
            "C:\\Windows",
            ".",
        ] {
            let s = slug(hostile);
            assert!(
                !s.contains('/') && !s.contains('\\') && !s.contains('.') && !s.is_empty(),
                "{hostile} → {s}"
            );
        }
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    }

    #[test]
    fn empty_names_and_collisions() {
        assert_eq!(slug(""), "don-vi");
        assert_eq!(slug("!!!"), "don-vi");
        let names: Vec<String> = ["Xã Bình An", "XÃ BÌNH AN", "xa binh an", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            unique_slugs(&names),
            ["xa-binh-an", "xa-binh-an-2", "xa-binh-an-3", "don-vi"]
        );
    }
}
