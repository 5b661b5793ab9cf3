//! Two-level local government (tỉnh and xã) since 01/7/2025: a document
//! dated from then on names no district-level body (`Huyện ủy`, `UBND
//! huyện`), no thị trấn, and none of the commune civil servants' titles of
//! before (`công chức Văn phòng - Thống kê`).

use super::context::Ctx;
use crate::error::Error;
use crate::input::InputDoc;

/// What the reform ended, as written (compared without regard to case,
/// spaces and the kind of dash).
const GONE: &[&str] = &[
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Đảng bộ huyện",
    "Đảng bộ quận",
    "Đảng bộ thị xã",
    "Ủy ban nhân dân huyện",
    "Ủy ban nhân dân quận",
    "Ủy ban nhân dân thị xã",
    "UBND huyện",
    "UBND quận",
    "UBND thị xã",
    "Hội đồng nhân dân huyện",
    "Hội đồng nhân dân quận",
    "Hội đồng nhân dân thị xã",
    "HĐND huyện",
    "HĐND quận",
    "HĐND thị xã",
    "thị trấn",
    "Văn phòng - Thống kê",
    "Tài chính - Kế toán",
    "Tư pháp - Hộ tịch",
    "Địa chính - Xây dựng",
    "Địa chính - Nông nghiệp",
];

/// The phrases of [`GONE`] and their words, made once.
fn gone() -> &'static [(&'static str, String)] {
    static WORDS: std::sync::OnceLock<Vec<(&str, String)>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| GONE.iter().map(|p| (*p, words(p))).collect())
}

/// The first day of local government in two levels.
fn reform() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// VB216: a district-level body, a thị trấn or an old commune title in a
/// document dated from 01/7/2025.
pub fn district_level(ctx: &Ctx) -> Vec<Error> {
    let month = format!("{}-01", ctx.doc.date.value.trim().get(..7).unwrap_or(""));
    let date = ctx
        .date()
        .or_else(|| chrono::NaiveDate::parse_from_str(&month, "%Y-%m-%d").ok());
    if date.is_none_or(|d| d < reform()) {
        return Vec::new();
    }
    // Every text's words in one string, searched once for each phrase.
    let mut all = String::new();
    let mut ends: Vec<(usize, &str)> = Vec::new();
    for (text, field) in texts(ctx.doc) {
        all.push_str(&words(&text));
        all.push('\n');
        ends.push((all.len(), field));
    }
    let mut found: Vec<(&str, &str)> = Vec::new();
    for (phrase, pattern) in gone() {
        if let Some(at) = all.find(pattern.as_str()) {
            let field = ends
                .iter()
                .find(|(end, _)| at < *end)
                .map_or("body", |e| e.1);
            found.push((phrase, field));
        }
    }
    // In the order they are written.
    found.sort_by_key(|(phrase, _)| all.find(&words(phrase)));
    let Some((first, field)) = found.first() else {
        return Vec::new();
    };
    let shown: Vec<String> = found.iter().map(|(p, _)| format!("`{p}`")).collect();
    let cause = crate::tr!(
        "văn bản ngày {} nhắc đến {}, là cấp hoặc chức danh không còn từ 01/7/2025 (chính quyền địa phương hai cấp: tỉnh, xã)",
        "the document of {} names {}, a level or title gone since 01/7/2025 (local government in two levels: tỉnh, xã)",
        ctx.doc.date.value.trim(),
        shown.join(", ")
    );
    let finding = match phrase_at(&ctx.src.text, first) {
        Some(at) => ctx.at_offset(at, field, cause),
        None => ctx.at(field, cause),
    };
    vec![finding.hint(crate::tr!(
        "ghi cơ quan, chức danh hiện nay (Đảng ủy xã, Ủy ban nhân dân xã, Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Phòng Văn hóa - Xã hội…); nếu văn bản nhắc đến cơ quan cũ trước 01/7/2025 thì bỏ qua cảnh báo này",
        "name today's body or title (Đảng ủy xã, Ủy ban nhân dân xã, its Văn phòng, Phòng Văn hóa - Xã hội…); if the document speaks of the body before 01/7/2025, this warning can be ignored"
    ))]
}

/// Every text of a document a clerk types, with its key.
fn texts(doc: &InputDoc) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let issuers = std::iter::once(&doc.issuer).chain(doc.co_issuers.iter().flat_map(|c| &c.value));
    for issuer in issuers {
        out.extend(issuer.superior.clone().map(|s| (s, "issuer")));
        out.push((issuer.name.clone(), "issuer"));
    }
    out.extend(doc.summary.clone().map(|s| (s, "summary")));
    out.extend(
        doc.authority
            .as_ref()
            .map(|a| (a.value.clone(), "authority")),
    );
    for (list, key) in [(&doc.bases, "bases"), (&doc.addressees, "addressees")] {
        out.extend(list.iter().flat_map(|l| &l.value).map(|b| (b.clone(), key)));
    }
    out.extend(doc.body.as_ref().map(|b| (b.value.clone(), "body")));
    if let Some(data) = &doc.data {
        strings(data, &mut |s| out.push((s.to_string(), "data")));
    }
    for appendix in &doc.appendices {
        out.push((appendix.title.clone(), "appendices"));
        out.extend(
            appendix
                .body
                .as_ref()
                .map(|b| (b.value.clone(), "appendices")),
        );
    }
    if let Some(r) = &doc.recipients {
        out.extend(r.items.iter().map(|i| (i.to.clone(), "recipients")));
        out.push((r.archive.clone(), "recipients"));
    }
    let signatures = doc
        .signature
        .iter()
        .chain(doc.signatures.iter().flat_map(|s| &s.value));
    for sig in signatures {
        out.extend(sig.on_behalf.clone().map(|o| (o, "signature")));
        out.push((sig.position.clone(), "signature"));
    }
    out
}

/// Calls `f` on every string inside a value.
fn strings(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, f)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, f)),
        _ => {}
    }
}

/// A text's words in lower case, each between spaces (` huyện ủy tây sơn `),
/// a dash of any kind a word of its own: a phrase is in a text when its
/// words are a substring of the text's.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '-' | '–' | '—') {
            out.push_str(" - ");
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    // Runs of spaces around a dash, and the old tone placement (`uỷ`).
    out.replace("  ", " ").replace("uỷ", "ủy")
}

/// The words of a text in lower case, each with its byte offset: runs of
/// letters and digits; a dash of any kind is a word of its own (`-`).
fn tokens(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut word: Option<(usize, String)> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let (_, w) = word.get_or_insert_with(|| (at, String::new()));
            w.extend(c.to_lowercase());
            continue;
        }
        out.extend(word.take());
        if matches!(c, '-' | '–' | '—') {
            out.push((at, "-".into()));
        }
    }
    out.extend(word);
    // The old tone placement reads the same: `uỷ` is `ủy`.
    for (_, w) in &mut out {
        if w.contains("uỷ") {
            *w = w.replace("uỷ", "ủy");
        }
    }
    out
}

/// Where the words of `phrase` follow each other in `words`.
fn find(words: &[(usize, String)], phrase: &[(usize, String)]) -> Option<usize> {
    if phrase.is_empty() {
        return None;
    }
    words
        .windows(phrase.len())
        .find(|w| w.iter().zip(phrase).all(|((_, a), (_, b))| a == b))
        .map(|w| w[0].0)
}

/// The byte offset of `phrase` in the source, outside comment lines.
fn phrase_at(source: &str, phrase: &str) -> Option<usize> {
    let phrase = tokens(phrase);
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if !line.trim_start().starts_with('#')
            && let Some(at) = find(&tokens(line), &phrase)
        {
            return Some(offset + at);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_across_case_spaces_and_dashes() {
        assert!(words("công chức VĂN PHÒNG – thống kê,").contains(&words("Văn phòng - Thống kê")));
        assert!(words("HUYỆN UỶ TÂY SƠN").contains(&words("Huyện ủy")));
        assert!(!words("Ủy ban nhân dân xã").contains(&words("Ủy ban nhân dân huyện")));
        let text = "Ông Tâm, công chức VĂN PHÒNG – thống kê, thành viên";
        let words = tokens(text);
        assert_eq!(
            find(&words, &tokens("Văn phòng - Thống kê")),
            text.find("VĂN")
        );
        assert!(find(&tokens("HUYỆN UỶ TÂY SƠN"), &tokens("Huyện ủy")).is_some());
        assert!(
            find(
                &tokens("Ủy ban nhân dân xã"),
                &tokens("Ủy ban nhân dân huyện")
            )
            .is_none()
        );
        let source = "# Huyện ủy\nbody: Huyện ủy";
        assert_eq!(phrase_at(source, "Huyện ủy"), source.rfind("Huyện"));
    }
}
