//! Safe ASCII file names from Vietnamese unit names: `Xã Bình An` → `xa-binh-an`.

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
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "don-vi".to_string()
    } else {
        out
    }
}

/// Slugs for every name, in order; a name whose slug is taken gets `-2`, `-3`….
pub fn unique_slugs(names: &[String]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    names
        .iter()
        .map(|name| {
            let base = slug(name);
            let mut candidate = base.clone();
            let mut n = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
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
