//! Which body heads the left column of the header (FORMAT-RULES §9.2): in
//! a Party document the line above the issuer names the đảng bộ of the
//! level above, or, for a ban, its cấp ủy; a State People's Committee or
//! Council has no line above it; and every body carries its place.

use super::bodies::{Body, classify, committee_of, dang_bo_of, lacks_place, normalise};
use super::context::Ctx;
use crate::error::Error;

/// The issuer's superior line, when it has one.
fn superior<'a>(ctx: &'a Ctx) -> Option<&'a str> {
    ctx.doc
        .issuer
        .superior
        .as_deref()
        .filter(|s| !s.trim().is_empty())
}

/// VB212: a committee above a chi bộ or a cấp ủy (`ĐẢNG ỦY XÃ BÌNH AN` over
/// `CHI BỘ THÔN AN HÒA`), a cấp ủy under its own đảng bộ, a tỉnh ủy under
/// anything.
pub fn committee_above(ctx: &Ctx) -> Vec<Error> {
    let Some(sup) = superior(ctx).filter(|_| !ctx.state()) else {
        return Vec::new();
    };
    let (issuer, above) = (classify(&ctx.doc.issuer.name), classify(sup));
    let shown = normalise(sup);
    let (cause, hint) = match (&issuer, &above) {
        (Body::Committee(Some("TỈNH")), _) => (
            crate::tr!(
                "tỉnh ủy không có dòng cơ quan cấp trên, nhưng ở đây ghi `{shown}`",
                "a tỉnh ủy has no superior line, yet `{shown}` stands above it"
            ),
            crate::tr!(
                "bỏ `superior`: tên tỉnh ủy (`TỈNH ỦY GIA LAI`) đứng một mình ở đầu cột, rồi đến dấu `*`",
                "leave `superior` out: the tỉnh ủy's name (`TỈNH ỦY GIA LAI`) heads the column alone, then the `*`"
            ),
        ),
        (Body::ChiBo | Body::Committee(_), Body::Committee(_)) => {
            let fix = dang_bo_of(sup).unwrap_or_else(|| "ĐẢNG BỘ …".into());
            (
                crate::tr!(
                    "dòng trên ghi cấp ủy `{shown}`, không phải đảng bộ",
                    "the line above names the committee `{shown}`, not a đảng bộ"
                ),
                crate::tr!(
                    "trên chi bộ, trên cấp ủy là đảng bộ cấp trên: `superior: {fix}`",
                    "above a chi bộ or a cấp ủy stands the đảng bộ: `superior: {fix}`"
                ),
            )
        }
        (Body::Committee(Some(own)), Body::DangBo(Some(level))) if own == level => (
            crate::tr!(
                "`{shown}` là đảng bộ của chính cấp ủy ban hành, không phải đảng bộ cấp trên",
                "`{shown}` is the issuing committee's own đảng bộ, not the one above"
            ),
            crate::tr!(
                "cấp ủy ghi đảng bộ cấp trên trực tiếp: `ĐẢNG BỘ TỈNH GIA LAI` trên `ĐẢNG ỦY XÃ BÌNH AN`",
                "a cấp ủy names the đảng bộ of the level above: `ĐẢNG BỘ TỈNH GIA LAI` over `ĐẢNG ỦY XÃ BÌNH AN`"
            ),
        ),
        _ => return Vec::new(),
    };
    vec![ctx.at_path(&["issuer", "superior"], cause).hint(hint)]
}

/// VB213: a ban, văn phòng or ủy ban kiểm tra without its cấp ủy above it.
pub fn ban_without_committee(ctx: &Ctx) -> Vec<Error> {
    if ctx.state() || classify(&ctx.doc.issuer.name) != Body::Ban {
        return Vec::new();
    }
    let above = superior(ctx).map(classify);
    if matches!(above, Some(Body::Committee(_))) {
        return Vec::new();
    }
    let name = normalise(&ctx.doc.issuer.name);
    let fix = superior(ctx).and_then(committee_of).map_or_else(
        || {
            crate::tr!(
                "ví dụ `superior: HUYỆN ỦY TÂY SƠN`",
                "e.g. `superior: HUYỆN ỦY TÂY SƠN`"
            )
        },
        |c| format!("`superior: {c}`"),
    );
    let (path, cause) = match superior(ctx) {
        Some(sup) => (
            ["issuer", "superior"],
            crate::tr!(
                "`{name}` là cơ quan của cấp ủy nhưng dòng trên ghi `{}`, không phải cấp ủy",
                "`{name}` belongs to a committee, but the line above names `{}`, not a committee",
                normalise(sup)
            ),
        ),
        None => (
            ["issuer", "name"],
            crate::tr!(
                "`{name}` là cơ quan của cấp ủy nhưng không ghi cấp ủy ở dòng trên",
                "`{name}` belongs to a committee, but no committee is named above it"
            ),
        ),
    };
    vec![ctx.at_path(&path, cause).hint(crate::tr!(
        "ghi cấp ủy ở dòng trên: {fix}",
        "name the committee above it: {fix}"
    ))]
}

/// VB214: a State People's Committee or Council with a superior line.
pub fn people_with_superior(ctx: &Ctx) -> Vec<Error> {
    let Some(sup) = superior(ctx).filter(|_| ctx.state()) else {
        return Vec::new();
    };
    if classify(&ctx.doc.issuer.name) != Body::People {
        return Vec::new();
    }
    vec![
        ctx.at_path(
            &["issuer", "superior"],
            crate::tr!(
                "Ủy ban nhân dân, Hội đồng nhân dân không có cơ quan chủ quản, nhưng dòng trên ghi `{}`",
                "a People's Committee or Council has no superior body, yet the line above names `{}`",
                normalise(sup)
            ),
        )
        .hint(crate::tr!(
            "bỏ `superior`: tên cơ quan đứng một mình (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`)",
            "leave `superior` out: the name stands alone (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`)"
        )),
    ]
}

/// VB215: a body in the header named without its place (`TỈNH ỦY`,
/// `HỘI ĐỒNG NHÂN DÂN HUYỆN`).
pub fn without_place(ctx: &Ctx) -> Vec<Error> {
    let doc = ctx.doc;
    let mut names: Vec<(&str, Vec<&str>, String)> = Vec::new();
    if let Some(sup) = superior(ctx) {
        names.push((sup, vec!["issuer", "superior"], "issuer.superior".into()));
    }
    names.push((
        &doc.issuer.name,
        vec!["issuer", "name"],
        "issuer.name".into(),
    ));
    let co = doc.co_issuers.iter().flat_map(|c| c.value.iter());
    for (i, issuer) in co.enumerate() {
        // The i-th co-issuer's `name:` is the (i + 1)-th after `co_issuers:`.
        let mut path = vec!["co_issuers"];
        path.extend(std::iter::repeat_n("name", i + 1));
        names.push((&issuer.name, path, format!("co_issuers[{i}].name")));
    }
    let mut out = Vec::new();
    for (name, path, field) in names {
        if lacks_place(name) {
            out.push(
                ctx.at_path(
                    &path,
                    crate::tr!(
                        "`{}` chưa ghi tên địa phương",
                        "`{}` does not name its place",
                        normalise(name)
                    ),
                )
                .field(field)
                .hint(crate::tr!(
                    "ghi đủ tên cơ quan với tên địa phương: `TỈNH ỦY GIA LAI`, `HỘI ĐỒNG NHÂN DÂN HUYỆN TÂY SƠN`",
                    "write the body's full name with its place: `TỈNH ỦY GIA LAI`, `HỘI ĐỒNG NHÂN DÂN HUYỆN TÂY SƠN`"
                )),
            );
        }
    }
    out
}
