//! Dates a clerk would not sign on: in the future, on a Sunday.

use super::context::Ctx;
use crate::error::Error;
use chrono::Datelike;

/// VB203: a date after the day of the check.
pub fn future(ctx: &Ctx) -> Vec<Error> {
    let Some(date) = ctx.date().filter(|d| *d > ctx.today) else {
        return Vec::new();
    };
    vec![
        ctx.at(
            "date",
            crate::tr!(
                "ngày {date} là ngày trong tương lai",
                "the date {date} is in the future"
            ),
        )
        .hint(crate::tr!(
            "kiểm tra lại năm và tháng",
            "check the year and the month"
        )),
    ]
}

/// VB204: a Sunday.
pub fn sunday(ctx: &Ctx) -> Vec<Error> {
    let Some(date) = ctx.date().filter(|d| d.weekday() == chrono::Weekday::Sun) else {
        return Vec::new();
    };
    vec![
        ctx.at(
            "date",
            crate::tr!("ngày {date} là Chủ nhật", "{date} is a Sunday"),
        )
        .hint(crate::tr!(
            "văn bản hiếm khi được ký vào Chủ nhật: kiểm tra lại ngày",
            "documents are rarely signed on a Sunday: check the day"
        )),
    ]
}
