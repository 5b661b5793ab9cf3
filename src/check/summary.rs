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

/// VB217: a công văn's trích yếu that says again what `V/v` says: typed
/// with its own `V/v`, or starting `về việc` (`V/v` is `về việc`).
pub fn subject_repeats_prefix(ctx: &Ctx) -> Vec<Error> {
    let Some(summary) = ctx.doc.summary.as_deref().map(str::trim) else {
        return Vec::new();
    };
    if !ctx.kind.subject_in_header {
        return Vec::new();
    }
    let prefix = ctx.rules.header.subject_prefix.trim();
    // Compared character by character: lower case may change byte lengths.
    let starts = |word: &str| {
        let n = word.chars().count();
        let head: String = summary.chars().take(n).collect();
        (head.to_lowercase() == word.to_lowercase())
            .then(|| summary.chars().skip(n).collect::<String>())
    };
    let (repeated, rest) = match (starts(prefix), starts("về việc")) {
        (Some(rest), _) => (prefix, rest),
        // Only a whole word: `về việc làm` is a subject of its own.
        (None, Some(rest)) if !rest.starts_with(char::is_alphanumeric) => ("về việc", rest),
        _ => return Vec::new(),
    };
    let own = rest.trim_start_matches([' ', ':', '.']);
    vec![
        ctx.at(
            "summary",
            crate::tr!(
                "trích yếu của công văn đã có `{repeated}` ở đầu: đầu văn bản sẽ in `{prefix} {summary}`",
                "the công văn's trích yếu already starts with `{repeated}`: the header would read `{prefix} {summary}`"
            ),
        )
        .hint(crate::tr!(
            "vanban tự in `{prefix}` (nghĩa là về việc): chỉ ghi phần sau, `summary: {own}`",
            "vanban prints `{prefix}` (về việc) itself: write only what follows, `summary: {own}`"
        )),
    ]
}
