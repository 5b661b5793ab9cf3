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
