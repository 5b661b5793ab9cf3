//! The signature block: a collective's prefix before one person's title.

use super::context::Ctx;
use crate::error::{Error, ErrorKind};

/// Titles held by one person, whom no one signs `T/M` (`TM.`) for.
const SINGLE: &[&str] = &[
    "CHỦ TỊCH",
    "BÍ THƯ",
    "GIÁM ĐỐC",
    "TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "BỘ TRƯỞNG",
];

/// VB205: `TM. CHỦ TỊCH`, `T/M BÍ THƯ`.
pub fn collective_prefix(ctx: &Ctx) -> Vec<Error> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for sig in doc
        .signature
        .iter()
        .chain(doc.signatures.iter().flat_map(|s| s.value.iter()))
    {
        let (Some(prefix), Some(of)) = (&sig.prefix, &sig.on_behalf) else {
            continue;
        };
        if !["TM.", "T/M"].contains(&prefix.value.as_str()) || !SINGLE.contains(&of.trim()) {
            continue;
        }
        out.push(
            ctx.src
                .error_at(
                    ErrorKind::Rule,
                    prefix,
                    crate::tr!(
                        "`{} {}`: {} là ký thay mặt tập thể, không dùng cho một cá nhân",
                        "`{} {}`: {} signs for a collective, not for one person",
                        prefix.value,
                        of.trim(),
                        prefix.value
                    ),
                )
                .field("signature.prefix")
                .hint(crate::tr!(
                    "cấp phó ký thay {} thì ghi `{}`",
                    "for a deputy signing for {}, write `{}`",
                    of.trim(),
                    if ctx.state() { "KT." } else { "K/T" }
                )),
        );
    }
    out
}
