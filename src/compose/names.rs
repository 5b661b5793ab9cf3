//! Names of bodies: where a header name may break, and how it is written
//! inside a sentence (NĐ 30/2020, Phụ lục II): `ỦY BAN NHÂN DÂN TỈNH GIA LAI`
//! becomes `Ủy ban nhân dân tỉnh Gia Lai`, `BAN TUYÊN GIÁO` under `HUYỆN ỦY
//! TÂY SƠN` becomes `Ban Tuyên giáo Huyện ủy Tây Sơn`.
//!
//! Phụ lục II: the words naming the kind of body and its field take a
//! capital on their first letter (`Sở Tài chính`, `Ban Tuyên giáo và Dân
//! vận`); the word for the administrative unit is in lower case and the place
//! name after it capitalised (`tỉnh Gia Lai`), except for units named by a
//! number (`Phường 3`) and `Thành phố Hồ Chí Minh`.

/// Words for an administrative unit, longest first so that `THỊ XÃ` is found
/// before `XÃ`. A header name breaks before them; a place name follows them.
pub const ADMIN_WORDS: &[&str] = &[
    "TỔ DÂN PHỐ",
    "THÀNH PHỐ",
    "THỊ XÃ",
    "THỊ TRẤN",
    "ĐẶC KHU",
    "KHU PHỐ",
    "TỈNH",
    "HUYỆN",
    "QUẬN",
    "PHƯỜNG",
    "XÃ",
    "THÔN",
    "BUÔN",
    "ẤP",
    "BẢN",
    "LÀNG",
    "XÓM",
    "SÓC",
    "KHÓM",
];

/// What follows the word(s) for the kind of body.
#[derive(Clone, Copy, PartialEq)]
enum After {
    /// An administrative unit and its place: `ỦY BAN NHÂN DÂN` `TỈNH GIA LAI`.
    Place,
    /// A place name at once: `HUYỆN ỦY` `TÂY SƠN`.
    Name,
    /// The body it belongs to: `BAN THƯỜNG VỤ` `HUYỆN ỦY TÂY SƠN`.
    Body,
    /// Its field, then possibly its place or body: `SỞ` `TÀI CHÍNH`.
    Field,
}

/// Kinds of body, upper case, with their form in a sentence.
const KINDS: &[(&str, &str, After)] = &[
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân", After::Place),
    ("UBND", "Ủy ban nhân dân", After::Place),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân", After::Place),
    ("HĐND", "Hội đồng nhân dân", After::Place),
    ("ĐẢNG ỦY", "Đảng ủy", After::Place),
    ("ĐẢNG BỘ", "Đảng bộ", After::Place),
    ("CHI BỘ", "Chi bộ", After::Place),
    ("TỈNH ỦY", "Tỉnh ủy", After::Name),
    ("THÀNH ỦY", "Thành ủy", After::Name),
    ("HUYỆN ỦY", "Huyện ủy", After::Name),
    ("QUẬN ỦY", "Quận ủy", After::Name),
    ("THỊ ỦY", "Thị ủy", After::Name),
    ("BAN THƯỜNG VỤ", "Ban Thường vụ", After::Body),
    ("BAN CHẤP HÀNH", "Ban Chấp hành", After::Body),
    ("ỦY BAN KIỂM TRA", "Ủy ban Kiểm tra", After::Body),
    ("VĂN PHÒNG", "Văn phòng", After::Body),
    ("BAN", "Ban", After::Field),
    ("SỞ", "Sở", After::Field),
    ("PHÒNG", "Phòng", After::Field),
    ("BỘ", "Bộ", After::Field),
];

/// The name of a body as written inside a sentence, with the body above it
/// when its own name does not say whose it is (`Ban Tuyên giáo` + `Huyện ủy
/// Tây Sơn`). `None` when the name is not one vanban can read.
pub fn in_text(name: &str, superior: Option<&str>) -> Option<String> {
    let words = upper_words(name);
    let (text, kind, complete) = body(&words)?;
    if complete || !matches!(kind, After::Field | After::Body) {
        return Some(text);
    }
    let Some(above) = superior.map(upper_words).filter(|w| !w.is_empty()) else {
        return Some(text);
    };
    let (above_text, above_kind, _) = body(&above)?;
    let owner = match above_kind {
        // Under a people's committee or council, the place only: `Sở Tài
        // chính tỉnh Gia Lai`.
        After::Place if matches!(above[0].as_str(), "ỦY" | "UBND" | "HỘI" | "HĐND") => {
            place_of(&above_text)
        }
        _ => above_text,
    };
    Some(format!("{text} {owner}").trim().to_string())
}

/// `Ủy ban nhân dân tỉnh Gia Lai` → `tỉnh Gia Lai`: what follows the kind.
fn place_of(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let kind_len = KINDS
        .iter()
        .filter(|(_, t, _)| text.starts_with(t))
        .map(|(_, t, _)| t.split(' ').count())
        .max()
        .unwrap_or(0);
    words[kind_len..].join(" ")
}

fn upper_words(name: &str) -> Vec<String> {
    name.split_whitespace().map(|w| w.to_uppercase()).collect()
}

/// A body's name: its kind, then what the kind says follows. Returns the
/// text, the kind of what follows, and whether the name says whose it is.
fn body(words: &[String]) -> Option<(String, After, bool)> {
    let (len, text, after) = KINDS
        .iter()
        .find_map(|(upper, text, after)| starts(words, upper).map(|n| (n, *text, *after)))?;
    let rest = &words[len..];
    let mut out = text.to_string();
    let complete = match after {
        After::Place => {
            out.push_str(&place(rest)?);
            true
        }
        After::Name => {
            out.push_str(&capitalised(rest));
            true
        }
        After::Body => {
            if !rest.is_empty() {
                out.push(' ');
                out.push_str(&body(rest)?.0);
            }
            !rest.is_empty()
        }
        After::Field => {
            let end = (0..rest.len())
                .find(|&i| admin_at(rest, i).is_some() || i > 0 && owner_at(&rest[i..]))
                .unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            out.push(' ');
            out.push_str(&field(&rest[..end]));
            let tail = &rest[end..];
            if tail.is_empty() {
                false
            } else if admin_at(tail, 0).is_some() {
                out.push_str(&place(tail)?);
                true
            } else {
                out.push(' ');
                out.push_str(&body(tail)?.0);
                true
            }
        }
    };
    Some((out, after, complete))
}

/// Whether the words start with a body that can own a field's body (a
/// committee, a people's committee), not another field's body.
fn owner_at(words: &[String]) -> bool {
    KINDS
        .iter()
        .any(|(upper, _, after)| *after != After::Field && starts(words, upper).is_some())
}

/// How many words of `words` the upper-case phrase takes, if it starts them.
fn starts(words: &[String], phrase: &str) -> Option<usize> {
    let phrase: Vec<&str> = phrase.split(' ').collect();
    (words.len() >= phrase.len() && words.iter().zip(&phrase).all(|(w, p)| w == p))
        .then_some(phrase.len())
}

/// The administrative word starting at `i`, in words, if there is one there
/// (`XÃ HỘI`, society, is not one, nor is `TỈNH ỦY`, a committee).
pub fn admin_at(words: &[String], i: usize) -> Option<usize> {
    let len = ADMIN_WORDS.iter().find_map(|a| starts(&words[i..], a))?;
    match words.get(i + len).map(String::as_str) {
        Some("HỘI") if words[i] == "XÃ" => None,
        Some("ỦY") => None,
        _ => Some(len),
    }
}

/// ` tỉnh Gia Lai`, ` Phường 3`, or nothing; `None` if the words are not an
/// administrative unit and its name.
fn place(words: &[String]) -> Option<String> {
    if words.is_empty() {
        return Some(String::new());
    }
    let len = admin_at(words, 0)?;
    let name = &words[len..];
    if name.is_empty() {
        return None;
    }
    let unit = words[..len].join(" ").to_lowercase();
    let special = words.iter().map(String::as_str).collect::<Vec<_>>()
        == ["THÀNH", "PHỐ", "HỒ", "CHÍ", "MINH"];
    let unit = if special || name[0].chars().all(|c| c.is_ascii_digit()) {
        capital_first(&unit)
    } else {
        unit
    };
    Some(format!(" {unit}{}", capitalised(name)))
}

/// `TUYÊN GIÁO VÀ DÂN VẬN` → `Tuyên giáo và Dân vận`: each phrase of the
/// field takes a capital on its first word only.
fn field(words: &[String]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut first = true;
    for w in words {
        let lower = w.to_lowercase();
        if lower == "và" || lower == "-" {
            out.push(lower);
            first = true;
        } else if first {
            out.push(capital_first(&lower));
            first = false;
        } else {
            out.push(lower);
        }
    }
    out.join(" ")
}

/// Every word with a capital first letter (a proper name), after a space.
fn capitalised(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!(" {}", capital_first(&w.to_lowercase())))
        .collect()
}

fn capital_first(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::in_text;

    #[test]
    fn state_bodies_in_a_sentence() {
        let cases = [
            (
                "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
                None,
                "Ủy ban nhân dân tỉnh Gia Lai",
            ),
            (
                "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN",
                None,
                "Ủy ban nhân dân xã Bình An",
            ),
            (
                "HỘI ĐỒNG NHÂN DÂN THỊ XÃ AN NHƠN",
                None,
                "Hội đồng nhân dân thị xã An Nhơn",
            ),
            ("ỦY BAN NHÂN DÂN PHƯỜNG 3", None, "Ủy ban nhân dân Phường 3"),
            (
                "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
                None,
                "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            ),
            (
                "SỞ TÀI CHÍNH",
                Some("UBND TỈNH GIA LAI"),
                "Sở Tài chính tỉnh Gia Lai",
            ),
            (
                "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                Some("ỦY BAN NHÂN DÂN TỈNH GIA LAI"),
                "Sở Giáo dục và Đào tạo tỉnh Gia Lai",
            ),
            (
                "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                None,
                "Sở Lao động - Thương binh và Xã hội",
            ),
        ];
        for (name, superior, expected) in cases {
            assert_eq!(in_text(name, superior).as_deref(), Some(expected), "{name}");
        }
    }

    #[test]
    fn party_bodies_in_a_sentence() {
        let cases = [
            (
                "ĐẢNG ỦY XÃ BÌNH AN",
                Some("ĐẢNG BỘ TỈNH GIA LAI"),
                "Đảng ủy xã Bình An",
            ),
            (
                "CHI BỘ THÔN AN HÒA",
                Some("ĐẢNG BỘ XÃ BÌNH AN"),
                "Chi bộ thôn An Hòa",
            ),
            (
                "BAN TUYÊN GIÁO",
                Some("HUYỆN ỦY TÂY SƠN"),
                "Ban Tuyên giáo Huyện ủy Tây Sơn",
            ),
            (
                "BAN TUYÊN GIÁO VÀ DÂN VẬN",
                Some("TỈNH ỦY GIA LAI"),
                "Ban Tuyên giáo và Dân vận Tỉnh ủy Gia Lai",
            ),
            (
                "VĂN PHÒNG",
                Some("ĐẢNG ỦY XÃ BÌNH AN"),
                "Văn phòng Đảng ủy xã Bình An",
            ),
            (
                "BAN THƯỜNG VỤ HUYỆN ỦY TÂY SƠN",
                None,
                "Ban Thường vụ Huyện ủy Tây Sơn",
            ),
            (
                "ỦY BAN KIỂM TRA",
                Some("ĐẢNG ỦY XÃ BÌNH AN"),
                "Ủy ban Kiểm tra Đảng ủy xã Bình An",
            ),
            ("TỈNH ỦY GIA LAI", None, "Tỉnh ủy Gia Lai"),
            ("TỈNH ỦY", Some("ĐẢNG BỘ TỈNH GIA LAI"), "Tỉnh ủy"),
        ];
        for (name, superior, expected) in cases {
            assert_eq!(in_text(name, superior).as_deref(), Some(expected), "{name}");
        }
    }

    #[test]
    fn names_it_cannot_read() {
        for name in [
            "TRƯỜNG THCS BÌNH AN",
            "MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ BÌNH AN",
            "ỦY BAN NHÂN DÂN GIA LAI",
            "SỞ",
        ] {
            assert_eq!(in_text(name, None), None, "{name}");
        }
    }
}
