//! The trích yếu: how it starts in each regime.

use super::context::Ctx;
use crate::error::Error;

/// VB207: a State trích yếu starts with a capital, a Party one in lower case.
pub fn first_letter(ctx: &Ctx) -> Vec<Error> {
    let Some(summary) = ctx
        .doc
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        return Vec::new();
    };
    let first = summary.chars().next().unwrap_or(' ');
    let wrong = if ctx.state() {
        first.is_lowercase()
    } else {
        first.is_uppercase()
    };
    if ctx.kind.name.is_none() || !wrong {
        return Vec::new();
    }
    vec![
        ctx.at(
            "summary",
            crate::tr!(
                "trích yếu bắt đầu bằng `{first}`",
                "the trích yếu starts with `{first}`"
            ),
        )
        .hint(if ctx.state() {
            crate::tr!(
                "trích yếu văn bản của Nhà nước viết hoa chữ đầu: `Về …`",
                "State trích yếu start with a capital: `Về …`"
            )
        } else {
            crate::tr!(
                "trích yếu văn bản của Đảng viết thường chữ đầu: `về …`",
                "Party trích yếu start in lower case: `về …`"
            )
        }),
    ]
}
