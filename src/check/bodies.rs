//! What a body's name in a header says it is: a chi bộ, a đảng bộ, a
//! committee (cấp ủy), a ban of a committee, a People's Committee or
//! Council; and its level (tỉnh, xã, …). Names are compared in capitals,
//! on one line, with the old tone placement (`UỶ`) read as `ỦY`.

/// A body, as its name tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    ChiBo,
    /// `ĐẢNG BỘ XÃ BÌNH AN`, with its level.
    DangBo(Option<&'static str>),
    /// A cấp ủy: `ĐẢNG ỦY XÃ BÌNH AN`, `HUYỆN ỦY TÂY SƠN`, `TỈNH ỦY GIA LAI`.
    Committee(Option<&'static str>),
    /// A ban, the văn phòng or the ủy ban kiểm tra of a committee.
    Ban,
    /// `ỦY BAN NHÂN DÂN …`, `HỘI ĐỒNG NHÂN DÂN …`.
    People,
    Other,
}

/// Levels of administrative units, longest first (`THỊ XÃ` before `XÃ`).
const LEVELS: &[&str] = &[
    "THÀNH PHỐ",
    "THỊ XÃ",
    "THỊ TRẤN",
    "ĐẶC KHU",
    "PHƯỜNG",
    "HUYỆN",
    "QUẬN",
    "TỈNH",
    "XÃ",
];

/// Committees named by their level (`HUYỆN ỦY`), and that level.
const COMMITTEES: &[(&str, &str)] = &[
    ("TỈNH ỦY", "TỈNH"),
    ("THÀNH ỦY", "THÀNH PHỐ"),
    ("HUYỆN ỦY", "HUYỆN"),
    ("QUẬN ỦY", "QUẬN"),
    ("THỊ ỦY", "THỊ XÃ"),
];

/// A name in capitals on one line: `ỦY BAN NHÂN DÂN XÃ BÌNH AN`.
pub fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
        .replace("UỶ", "ỦY")
}

/// The level that `rest` starts with (`XÃ BÌNH AN` → `XÃ`).
fn level(rest: &str) -> Option<&'static str> {
    LEVELS
        .iter()
        .find(|l| rest == **l || rest.starts_with(&format!("{l} ")))
        .copied()
}

/// What the name says the body is.
pub fn classify(name: &str) -> Body {
    let name = normalise(name);
    let after = |prefix: &str| {
        (name == prefix)
            .then_some("")
            .or_else(|| name.strip_prefix(&format!("{prefix} ")))
    };
    if after("CHI BỘ").is_some() {
        return Body::ChiBo;
    }
    if let Some(rest) = after("ĐẢNG BỘ") {
        return Body::DangBo(level(rest));
    }
    if let Some(rest) = after("ĐẢNG ỦY").or_else(|| after("BAN CHẤP HÀNH ĐẢNG BỘ")) {
        return Body::Committee(level(rest));
    }
    if let Some((_, level)) = COMMITTEES.iter().find(|(c, _)| after(c).is_some()) {
        return Body::Committee(Some(level));
    }
    if after("BAN THƯỜNG VỤ").is_some() {
        return Body::Committee(None);
    }
    if ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND"]
        .iter()
        .any(|p| after(p).is_some())
    {
        return Body::People;
    }
    let ban = ["VĂN PHÒNG", "ỦY BAN KIỂM TRA", "BAN"]
        .iter()
        .any(|p| after(p).is_some());
    if ban && after("BAN CÁN SỰ").is_none() && after("BAN CHẤP HÀNH").is_none() {
        return Body::Ban;
    }
    Body::Other
}

/// The đảng bộ a committee leads: `HUYỆN ỦY TÂY SƠN` → `ĐẢNG BỘ HUYỆN TÂY SƠN`.
pub fn dang_bo_of(committee: &str) -> Option<String> {
    let name = normalise(committee);
    if let Some(rest) = name.strip_prefix("ĐẢNG ỦY ") {
        return Some(format!("ĐẢNG BỘ {rest}"));
    }
    if let Some(rest) = name.strip_prefix("BAN CHẤP HÀNH ĐẢNG BỘ ") {
        return Some(format!("ĐẢNG BỘ {rest}"));
    }
    COMMITTEES.iter().find_map(|(c, level)| {
        let rest = name.strip_prefix(&format!("{c} "))?;
        Some(format!("ĐẢNG BỘ {level} {rest}"))
    })
}

/// The committee that leads a đảng bộ: `ĐẢNG BỘ XÃ BÌNH AN` → `ĐẢNG ỦY XÃ BÌNH AN`,
/// `ĐẢNG BỘ HUYỆN TÂY SƠN` → `HUYỆN ỦY TÂY SƠN`.
pub fn committee_of(dang_bo: &str) -> Option<String> {
    let name = normalise(dang_bo);
    let rest = name.strip_prefix("ĐẢNG BỘ ")?;
    for (committee, level) in COMMITTEES {
        if let Some(place) = rest.strip_prefix(&format!("{level} ")) {
            return Some(format!("{committee} {place}"));
        }
    }
    Some(format!("ĐẢNG ỦY {rest}"))
}

/// Whether a name stops short of the place it belongs to: a level with
/// no name after it (`HỘI ĐỒNG NHÂN DÂN HUYỆN`, `ĐẢNG ỦY XÃ`), or a
/// committee, đảng bộ, chi bộ, People's Committee or Council named alone
/// (`TỈNH ỦY`, `ỦY BAN NHÂN DÂN`).
pub fn lacks_place(name: &str) -> bool {
    let name = normalise(name);
    let alone = [
        "ĐẢNG ỦY",
        "ĐẢNG BỘ",
        "CHI BỘ",
        "ỦY BAN NHÂN DÂN",
        "HỘI ĐỒNG NHÂN DÂN",
        "UBND",
        "HĐND",
    ];
    if alone.contains(&name.as_str()) || COMMITTEES.iter().any(|(c, _)| name == *c) {
        return true;
    }
    let territorial = !matches!(classify(&name), Body::Ban | Body::Other);
    territorial && LEVELS.iter().any(|l| name.ends_with(&format!(" {l}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_the_body_is() {
        assert_eq!(classify("CHI BỘ THÔN AN HÒA"), Body::ChiBo);
        assert_eq!(classify("ĐẢNG BỘ TỈNH GIA LAI"), Body::DangBo(Some("TỈNH")));
        assert_eq!(classify("ĐẢNG UỶ XÃ CÔNG HẢI"), Body::Committee(Some("XÃ")));
        assert_eq!(classify("Huyện ủy Tây Sơn"), Body::Committee(Some("HUYỆN")));
        assert_eq!(classify("TỈNH ỦY"), Body::Committee(Some("TỈNH")));
        assert_eq!(classify("BAN TUYÊN GIÁO"), Body::Ban);
        assert_eq!(classify("ỦY BAN KIỂM TRA"), Body::Ban);
        assert_eq!(classify("VĂN PHÒNG"), Body::Ban);
        assert_eq!(classify("BAN CÁN SỰ ĐẢNG UBND TỈNH"), Body::Other);
        assert_eq!(classify("ỦY BAN NHÂN DÂN\nXÃ BÌNH AN"), Body::People);
        assert_eq!(classify("SỞ TÀI CHÍNH"), Body::Other);
    }

    #[test]
    fn a_committee_and_its_dang_bo() {
        assert_eq!(
            dang_bo_of("ĐẢNG ỦY XÃ BÌNH AN").unwrap(),
            "ĐẢNG BỘ XÃ BÌNH AN"
        );
        assert_eq!(
            dang_bo_of("HUYỆN ỦY TÂY SƠN").unwrap(),
            "ĐẢNG BỘ HUYỆN TÂY SƠN"
        );
        assert_eq!(dang_bo_of("THÀNH ỦY HUẾ").unwrap(), "ĐẢNG BỘ THÀNH PHỐ HUẾ");
        assert_eq!(
            committee_of("ĐẢNG BỘ XÃ BÌNH AN").unwrap(),
            "ĐẢNG ỦY XÃ BÌNH AN"
        );
        assert_eq!(
            committee_of("ĐẢNG BỘ HUYỆN TÂY SƠN").unwrap(),
            "HUYỆN ỦY TÂY SƠN"
        );
        assert_eq!(dang_bo_of("BAN TUYÊN GIÁO"), None);
    }

    #[test]
    fn names_without_their_place() {
        for name in [
            "TỈNH ỦY",
            "HỘI ĐỒNG NHÂN DÂN HUYỆN",
            "ĐẢNG ỦY XÃ",
            "ỦY BAN NHÂN DÂN",
        ] {
            assert!(lacks_place(name), "{name}");
        }
        for name in [
            "TỈNH ỦY GIA LAI",
            "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN",
            "BAN TUYÊN GIÁO",
            "CHI BỘ THÔN AN HÒA",
            "SỞ TÀI CHÍNH",
        ] {
            assert!(!lacks_place(name), "{name}");
        }
    }
}
