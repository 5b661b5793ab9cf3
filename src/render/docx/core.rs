//! `docProps/core.xml`, the package's properties, written from the model:
//! docx-rs can set only the dates, and names the author "unknown".

use crate::model::Meta;

/// The core properties: title, author, subject (the số và ký hiệu),
/// language, and the document's own date as created and modified.
pub fn core_xml(meta: &Meta, date: &str) -> String {
    let field = |tag: &str, value: &str| format!("<{tag}>{}</{tag}>", escape(value));
    [
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
        &field("dc:title", &meta.title),
        &field("dc:subject", &meta.subject),
        &field("dc:creator", &meta.author),
        &field("cp:lastModifiedBy", &meta.author),
        &field("dc:language", &meta.language),
        "<cp:revision>1</cp:revision>",
        &format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#),
        &format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#),
        "</cp:coreProperties>",
    ]
    .concat()
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_escaped_text() {
        let meta = Meta {
            title: "BÁO CÁO <b> & c".into(),
            author: "CHI BỘ".into(),
            subject: "01-BC/CB".into(),
            language: "vi".into(),
            date: crate::model::DocDate {
                year: 2026,
                month: 7,
                day: Some(1),
            },
        };
        let xml = core_xml(&meta, "2026-07-01T00:00:00+07:00");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let text = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        assert_eq!(text("title").as_deref(), Some("BÁO CÁO <b> & c"));
        assert_eq!(text("subject").as_deref(), Some("01-BC/CB"));
        assert_eq!(
            text("created").as_deref(),
            Some("2026-07-01T00:00:00+07:00")
        );
    }
}
