//! Nơi nhận: every document but a biên bản has one, ending with its archive.

use super::context::Ctx;
use crate::error::Error;

/// VB206: no recipients, so no `Lưu` line.
pub fn missing(ctx: &Ctx) -> Vec<Error> {
    if ctx.doc.recipients.is_some() || ctx.kind.id == "bien-ban" {
        return Vec::new();
    }
    vec![
        ctx.at(
            "kind",
            crate::tr!(
                "văn bản không có `recipients` (Nơi nhận) nên không có dòng `Lưu:`",
                "the document has no `recipients` (Nơi nhận) and so no archive line"
            ),
        )
        .field("recipients")
        .hint(crate::tr!(
            "thêm `recipients:` kèm `archive:`",
            "add `recipients:` with `archive:`"
        )),
    ]
}

/// VB218: the archive, or an electronic archive, written as a recipient
/// (`- Lưu trữ điện tử`, `- Lưu: VT`): the `Lưu` line comes from `archive:`.
pub fn archive_as_recipient(ctx: &Ctx) -> Vec<Error> {
    let Some(recipients) = &ctx.doc.recipients else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &recipients.items {
        let to = item.to.trim();
        let word = to.split([' ', ':', ',']).next().unwrap_or("");
        if !word.eq_ignore_ascii_case("lưu") && word != "LƯU" {
            continue;
        }
        let cause = crate::tr!(
            "`{to}` không phải là nơi nhận: dòng `Lưu` cuối phần nơi nhận lấy từ `archive:`",
            "`{to}` is no recipient: the `Lưu` line that ends the recipients comes from `archive:`"
        );
        out.push(at_item(ctx, to, cause).hint(crate::tr!(
            "bỏ `{to}` khỏi `items`; văn bản điện tử được lưu trên hệ thống, không ghi vào nơi nhận",
            "remove `{to}` from `items`; electronic copies are kept by the system, not listed as recipients"
        )));
    }
    out
}

/// VB219: `Như trên` typed as a recipient: vanban writes it first itself
/// when there is a `Kính gửi`, and without one it refers to nothing.
pub fn as_addressed_typed(ctx: &Ctx) -> Vec<Error> {
    let Some(recipients) = &ctx.doc.recipients else {
        return Vec::new();
    };
    let as_addressed = &ctx.rules.recipients.as_addressed;
    let addressed = ctx.doc.addressees.is_some();
    let mut out = Vec::new();
    for item in &recipients.items {
        let to = item.to.trim().trim_end_matches([',', ';', '.']);
        if to.to_lowercase() != as_addressed.to_lowercase() {
            continue;
        }
        let cause = if addressed {
            crate::tr!(
                "vanban tự ghi `- {as_addressed}` đầu tiên khi văn bản có Kính gửi: ghi thêm thì in hai lần",
                "vanban writes `- {as_addressed}` first itself when there is a Kính gửi: typed again, it prints twice"
            )
        } else {
            crate::tr!(
                "`{as_addressed}` chỉ những nơi ở dòng Kính gửi, nhưng văn bản không có Kính gửi",
                "`{as_addressed}` stands for the addressees of Kính gửi, and the document has none"
            )
        };
        out.push(at_item(ctx, to, cause).hint(crate::tr!(
            "bỏ `{to}` khỏi `items`",
            "remove `{to}` from `items`"
        )));
    }
    out
}

/// A finding pointed at the recipient `to`, where it is written.
fn at_item(ctx: &Ctx, to: &str, cause: String) -> Error {
    match ctx.find_after("recipients", to) {
        Some(at) => ctx.at_offset(at, "recipients.items", cause),
        None => ctx.at_path(&["recipients", "items"], cause),
    }
}
