//! Appendices and the body: each one referred to, none referred to in vain.

use super::context::Ctx;
use crate::error::Error;

/// VB208: the body names an appendix the document lacks, or the document
/// has appendices the body never names.
pub fn referred(ctx: &Ctx) -> Vec<Error> {
    let doc = ctx.doc;
    let body = doc
        .body
        .as_ref()
        .map(|b| b.value.to_lowercase())
        .unwrap_or_default();
    let mentions = body.contains("phụ lục");
    match (mentions, doc.appendices.is_empty()) {
        (true, true) => vec![
            ctx.at(
                "body",
                crate::tr!(
                    "nội dung có nhắc đến phụ lục nhưng văn bản không có phụ lục",
                    "the body refers to an appendix, but the document has none"
                ),
            )
            .hint(crate::tr!(
                "thêm phụ lục dưới `appendices:`, hoặc bỏ chỗ nhắc đến phụ lục",
                "add it under `appendices:`, or remove the reference"
            )),
        ],
        (false, false) if doc.body.is_some() => vec![
            ctx.at(
                "appendices",
                crate::tr!(
                    "văn bản có phụ lục nhưng nội dung không nhắc đến",
                    "the document has appendices that the body never refers to"
                ),
            )
            .hint(crate::tr!(
                "nhắc đến từng phụ lục trong nội dung (`… tại Phụ lục I`)",
                "refer to each appendix in the body (`… tại Phụ lục I`)"
            )),
        ],
        _ => Vec::new(),
    }
}

/// VB240: an appendix's `(Kèm theo …)` line writes the issuer as inside a
/// sentence, and vanban cannot derive that from this name: it needs
/// `name_in_text`.
pub fn issuer_in_text(ctx: &Ctx) -> Vec<Error> {
    let issuer = &ctx.doc.issuer;
    if ctx.doc.appendices.iter().all(|a| a.reference.is_some())
        || issuer.name_in_text.is_some()
        || crate::compose::names::in_text(&issuer.name, issuer.superior.as_deref()).is_some()
    {
        return Vec::new();
    }
    let name = issuer.name.split_whitespace().collect::<Vec<_>>().join(" ");
    vec![
        ctx.at_path(
            &["issuer", "name"],
            crate::tr!(
                "không suy ra được cách viết tên `{name}` trong câu cho dòng (Kèm theo …) của phụ lục",
                "cannot tell how `{name}` is written inside a sentence, for the appendices' (Kèm theo …) line"
            ),
        )
        .hint(crate::tr!(
            "thêm `name_in_text:` dưới `issuer:`, ví dụ `Ủy ban nhân dân xã Bình An`",
            "add `name_in_text:` under `issuer:`, e.g. `Ủy ban nhân dân xã Bình An`"
        )),
    ]
}
