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
