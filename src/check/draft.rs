//! A document not marked as a draft needs what a draft may leave blank:
//! its number and the day of its date.

use super::context::Ctx;
use crate::error::Error;

/// VB201: no number, not a draft.
pub fn no_number(ctx: &Ctx) -> Vec<Error> {
    if ctx.doc.number.is_some() || ctx.doc.draft {
        return Vec::new();
    }
    vec![
        ctx.at(
            "date",
            crate::tr!(
                "văn bản chưa có số và không được đánh dấu là dự thảo",
                "the document has no number and is not marked as a draft"
            ),
        )
        .field("number")
        .hint(crate::tr!(
            "thêm `number:`, hoặc `draft: true` nếu là dự thảo",
            "add `number:`, or `draft: true` for a draft"
        )),
    ]
}

/// VB202: a date without its day (`2026-12`), not a draft. (A date that is
/// no date is an error of its own.)
pub fn no_day(ctx: &Ctx) -> Vec<Error> {
    let month = format!("{}-01", ctx.doc.date.value.trim());
    let no_day = chrono::NaiveDate::parse_from_str(&month, "%Y-%m-%d").is_ok();
    if !no_day || ctx.doc.draft {
        return Vec::new();
    }
    vec![
        ctx.at(
            "date",
            crate::tr!(
                "ngày tháng còn thiếu ngày và văn bản không được đánh dấu là dự thảo",
                "the date has no day and the document is not marked as a draft"
            ),
        )
        .hint(crate::tr!(
            "ghi đủ ngày tháng năm (YYYY-MM-DD), hoặc `draft: true`",
            "write the whole date (YYYY-MM-DD), or `draft: true`"
        )),
    ]
}
