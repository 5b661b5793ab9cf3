//! Where a header name that does not fit its column breaks: before the word
//! for an administrative unit (`ỦY BAN NHÂN DÂN` / `TỈNH GIA LAI`), else where
//! the lines are most even, never inside a place name (issue 12, item 2).

use super::names::admin_at;

/// A header name that does not fit its column, broken (`\n`) before the
/// word for an administrative unit (`ỦY BAN NHÂN DÂN` / `TỈNH GIA LAI`), or
/// else where the lines are most even, never inside a place name. A name
/// already broken by hand, or that fits, stays as it is.
pub fn break_name(name: &str, width: &dyn Fn(&str) -> f64, column: f64) -> String {
    if name.contains('\n') || width(name) <= column {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
    // No break inside an administrative word nor inside the place name after
    // it; a break before the word is welcome.
    let mut inside = vec![false; words.len()];
    let mut admin = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let Some(len) = admin_at(&upper, i) else {
            i += 1;
            continue;
        };
        admin[i] = true;
        let mut j = i + 1;
        while j < words.len() && (j < i + len || admin_at(&upper, j).is_none()) {
            inside[j] = j != i + len;
            j += 1;
        }
        i = j;
    }
    let breaks = Breaks {
        words: &words,
        inside: &inside,
        admin: &admin,
        width,
        column,
    };
    breaks.lines(0).join("\n")
}

/// Where a header name may break, and how wide its pieces are.
struct Breaks<'a> {
    words: &'a [&'a str],
    inside: &'a [bool],
    admin: &'a [bool],
    width: &'a dyn Fn(&str) -> f64,
    column: f64,
}

impl Breaks<'_> {
    fn text(&self, from: usize, to: usize) -> String {
        self.words[from..to].join(" ")
    }

    /// The lines of the words from `from` on.
    fn lines(&self, from: usize) -> Vec<String> {
        let end = self.words.len();
        let rest = self.text(from, end);
        if (self.width)(&rest) <= self.column {
            return vec![rest];
        }
        let allowed = |i: &usize| !self.inside[*i];
        // Two lines, evenest first, before an administrative word if one will do.
        let two = |admin_only: bool| {
            (from + 1..end)
                .filter(allowed)
                .filter(|i| !admin_only || self.admin[*i])
                .map(|i| {
                    let widest =
                        (self.width)(&self.text(from, i)).max((self.width)(&self.text(i, end)));
                    (i, widest)
                })
                .filter(|(_, widest)| *widest <= self.column)
                .min_by(|a, b| a.1.total_cmp(&b.1))
        };
        if let Some((at, _)) = two(true).or_else(|| two(false)) {
            return vec![self.text(from, at), self.text(at, end)];
        }
        // More: the longest first line that fits (or the first allowed
        // break, if none does), then the rest.
        let breaks: Vec<usize> = (from + 1..end).filter(allowed).collect();
        let at = breaks
            .iter()
            .rev()
            .find(|&&i| (self.width)(&self.text(from, i)) <= self.column)
            .or(breaks.first());
        match at {
            Some(&at) => {
                let mut lines = vec![self.text(from, at)];
                lines.extend(self.lines(at));
                lines
            }
            None => vec![rest],
        }
    }
}

#[cfg(test)]
mod tests {
    fn breaks(name: &str, column: f64) -> String {
        // 2 mm a letter, 1 mm a space: easy to count.
        let width = |t: &str| t.chars().map(|c| if c == ' ' { 1.0 } else { 2.0 }).sum();
        super::break_name(name, &width, column)
    }

    #[test]
    fn a_long_header_name_breaks_before_its_administrative_word() {
        assert_eq!(
            breaks("ỦY BAN NHÂN DÂN TỈNH GIA LAI", 40.0),
            "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI"
        );
        assert_eq!(
            breaks("CHI BỘ THÔN BÌNH THẠNH TÂY", 40.0),
            "CHI BỘ\nTHÔN BÌNH THẠNH TÂY"
        );
        assert_eq!(
            breaks("ĐẢNG ỦY THỊ XÃ AN NHƠN", 30.0),
            "ĐẢNG ỦY\nTHỊ XÃ AN NHƠN"
        );
        // Fits, or broken by hand: as it stands.
        assert_eq!(breaks("ĐẢNG ỦY XÃ BÌNH AN", 40.0), "ĐẢNG ỦY XÃ BÌNH AN");
        assert_eq!(
            breaks("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI", 20.0),
            "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI"
        );
    }

    #[test]
    fn without_an_administrative_word_the_lines_are_even_and_place_names_whole() {
        assert_eq!(
            breaks("BAN TUYÊN GIÁO VÀ DÂN VẬN", 40.0),
            "BAN TUYÊN GIÁO\nVÀ DÂN VẬN"
        );
        // Two lines of the place name cannot fit: never `BÌNH THẠNH` / `TÂY`.
        assert_eq!(breaks("THÔN BÌNH THẠNH TÂY", 20.0), "THÔN\nBÌNH THẠNH TÂY");
        assert_eq!(
            breaks("BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI XÃ BÌNH AN", 30.0),
            "BAN CHỈ ĐẠO\nPHÒNG CHỐNG\nTHIÊN TAI\nXÃ BÌNH AN"
        );
    }
}
