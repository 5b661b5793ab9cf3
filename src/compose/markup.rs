//! vanban's body markup: one line, one paragraph; outline levels from markers
//! or from numbering typed by hand; pipe tables; `**bold**` and `__italic__`.
//!
//! | line starts with | becomes |
//! |---|---|
//! | `# ` / `## ` / `### ` | a numbered heading (`I.`, `1.`, `a)`), numbered from the structure |
//! | `§ ` / `Điều 3. ` | an article (`Điều 1.`), numbered from the structure or as typed |
//! | `Phần I`, `Phần thứ nhất` | a part, centred; an upper-case line right under it is its title |
//! | `I. ` / `1. ` or `1) ` / `a) ` | the same levels, numbering kept as typed |
//! | `- ` / `+ ` | an item |
//! | `\|` | a table row; a `\|---\|` row ends the header rows |
//! | `\` | a plain paragraph (the backslash is dropped) |
//! | anything else | a plain paragraph |
//!
//! A level-2 or level-3 line whose text ends like a sentence (`.`, `:`, `;`,
//! `!`, `?`, a closing quote) is a numbered paragraph in body type; otherwise it
//! is a heading. Level 1 is always a heading, in upper case.

use crate::model::{Block, Role, Span};
use crate::rules::format::{POINT_LETTERS, parse_roman, point_letter, roman};

/// Outline counters, so that `##` after a typed `3.` gives `4.`; articles
/// (`Điều`) count apart and restart the khoản and điểm under them.
#[derive(Default)]
struct Counters([u32; 3], u32);

impl Counters {
    fn article(&mut self, value: Option<u32>) -> u32 {
        self.1 = value.unwrap_or(self.1 + 1);
        self.0[1] = 0;
        self.0[2] = 0;
        self.1
    }

    fn set(&mut self, level: usize, value: u32) {
        self.0[level - 1] = value;
        for deeper in &mut self.0[level..] {
            *deeper = 0;
        }
    }

    fn next(&mut self, level: usize) -> u32 {
        let value = self.0[level - 1] + 1;
        self.set(level, value);
        value
    }
}

/// Parses a body into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut counters = Counters::default();
    let mut table: Vec<&str> = Vec::new();
    let mut after_part = false;
    for raw in text.lines() {
        let line = raw.trim();
        // A part (`Phần I`) and the upper-case title under it.
        if is_part(line) {
            blocks.push(paragraph(Role::Part, None, line));
            after_part = true;
            continue;
        }
        if after_part && !line.is_empty() {
            after_part = false;
            if line.to_uppercase() == line && line.chars().any(char::is_alphabetic) {
                blocks.push(paragraph(Role::PartTitle, None, line));
                continue;
            }
        }
        if line.starts_with('|') {
            table.push(line);
            continue;
        }
        if !table.is_empty() {
            blocks.push(super::table::parse(&table));
            table.clear();
        }
        if line.is_empty() {
            continue;
        }
        blocks.push(parse_line(line, &mut counters));
    }
    if !table.is_empty() {
        blocks.push(super::table::parse(&table));
    }
    blocks
}

fn parse_line(line: &str, counters: &mut Counters) -> Block {
    if let Some(rest) = line.strip_prefix('\\') {
        return paragraph(Role::Body, None, rest);
    }
    if let Some(text) = line.strip_prefix("§ ") {
        let n = counters.article(None);
        return article(n, text.trim());
    }
    if let Some((n, text)) = typed_article(line) {
        counters.article(Some(n));
        return article(n, text);
    }
    for (marker, level) in [("### ", 3), ("## ", 2), ("# ", 1)] {
        if let Some(text) = line.strip_prefix(marker) {
            let n = counters.next(level);
            return outline(level, label(level, n), text.trim());
        }
    }
    if let Some((level, value, label, text)) = typed_number(line) {
        counters.set(level, value);
        return outline(level, label, text);
    }
    for marker in ["- ", "+ "] {
        if let Some(text) = line.strip_prefix(marker) {
            return paragraph(Role::Item, Some(marker.trim().to_string()), text.trim());
        }
    }
    paragraph(Role::Body, None, line)
}

fn label(level: usize, n: u32) -> String {
    match level {
        1 => format!("{}.", roman(n)),
        2 => format!("{n}."),
        _ => format!("{})", point_letter(n)),
    }
}

/// A number typed by hand at the start of a line: `II.`, `3.`, `3)`, `b)`.
fn typed_number(line: &str) -> Option<(usize, u32, String, &str)> {
    let (head, text) = line.split_once(' ')?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(v) = head.strip_suffix('.').and_then(parse_roman) {
        return Some((1, v, head.to_string(), text));
    }
    let digits = head.strip_suffix('.').or_else(|| head.strip_suffix(')'))?;
    if let Ok(v) = digits.parse::<u32>() {
        return Some((2, v, head.to_string(), text));
    }
    let letter = head.strip_suffix(')')?;
    let index = POINT_LETTERS.iter().position(|l| *l == letter)?;
    Some((3, index as u32 + 1, head.to_string(), text))
}

/// `Phần I`, `Phần II.`, `Phần thứ nhất` (alone on its line).
fn is_part(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("Phần ") else {
        return false;
    };
    let rest = rest.trim_end_matches('.');
    parse_roman(rest).is_some()
        || (rest.starts_with("thứ ") && rest.split_whitespace().count() == 2)
}

/// `Điều 3. text` typed by hand.
fn typed_article(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix("Điều ")?;
    let (number, text) = rest.split_once(". ")?;
    Some((number.parse().ok()?, text.trim()))
}

/// An article with a title is bold throughout; an article that is a sentence
/// has only its label bold.
fn article(n: u32, text: &str) -> Block {
    let label = format!("Điều {n}.");
    if ends_like_a_sentence(text) {
        let mut spans = vec![crate::model::Span {
            text: format!("{label} "),
            bold: true,
            italic: false,
        }];
        spans.extend(inline(text));
        Block::Paragraph {
            role: Role::NumberedBody,
            label: None,
            spans,
        }
    } else {
        paragraph(Role::Article, Some(label), text)
    }
}

fn ends_like_a_sentence(text: &str) -> bool {
    text.ends_with(['.', ':', ';', '!', '?', '"', '”', '…'])
}

fn outline(level: usize, label: String, text: &str) -> Block {
    let sentence = ends_like_a_sentence(text);
    let (role, text) = match level {
        1 => (Role::Heading1, text.to_uppercase()),
        2 if !sentence => (Role::Heading2, text.to_string()),
        3 if !sentence => (Role::Heading3, text.to_string()),
        _ => (Role::NumberedBody, text.to_string()),
    };
    paragraph(role, Some(label), &text)
}

fn paragraph(role: Role, label: Option<String>, text: &str) -> Block {
    Block::Paragraph {
        role,
        label,
        spans: inline(text),
    }
}

/// Splits `**bold**` and `__italic__`; a backslash keeps the next ASCII
/// punctuation character literal.
pub fn inline(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let flush = |current: &mut String, spans: &mut Vec<Span>, bold, italic| {
        if !current.is_empty() {
            spans.push(Span {
                text: std::mem::take(current),
                bold,
                italic,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| escapable(*n)) => {
                current.push(chars.next().unwrap_or('\\'));
            }
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
                flush(&mut current, &mut spans, bold, italic);
                if c == '*' {
                    bold = !bold;
                } else {
                    italic = !italic;
                }
            }
            _ => current.push(c),
        }
    }
    flush(&mut current, &mut spans, bold, italic);
    if spans.is_empty() {
        spans.push(Span::plain(""));
    }
    spans
}

/// What a backslash keeps literal.
pub(super) fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '§'
}

/// Escapes a value so that the markup shows it as it is: used by Tera's
/// autoescape for data inserted into body templates.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 1);
    // A value that is exactly a part's label would start a part: a leading
    // backslash keeps it a plain paragraph.
    if is_part(value.trim()) {
        out.push('\\');
    }
    for c in value.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '#' | '-' | '+' | '|' | '.' | ')' | '§'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { label, role, .. } => {
                    format!("{role:?}:{}", label.clone().unwrap_or_default())
                }
                Block::Table { .. } => "table".into(),
                Block::Addressees { .. } => "addressees".into(),
            })
            .collect()
    }

    #[test]
    fn markers_number_from_the_structure() {
        let blocks = parse("# Mục đích\n## Một\n### x\n### y\n## Hai\n# Nhiệm vụ\n## Ba");
        assert_eq!(
            labels(&blocks),
            [
                "Heading1:I.",
                "Heading2:1.",
                "Heading3:a)",
                "Heading3:b)",
                "Heading2:2.",
                "Heading1:II.",
                "Heading2:1."
            ]
        );
        assert_eq!(blocks[0].plain_text(), "I. MỤC ĐÍCH");
    }

    #[test]
    fn inserting_a_section_renumbers_the_rest() {
        let before = parse("# A\n# B\n# C");
        let after = parse("# A\n# New\n# B\n# C");
        assert_eq!(before[1].plain_text(), "II. B");
        assert_eq!(after[2].plain_text(), "III. B");
        assert_eq!(after[3].plain_text(), "IV. C");
    }

    #[test]
    fn typed_numbering_survives_and_sets_the_counters() {
        let blocks = parse("II. NHIỆM VỤ\n3. Công tác tập huấn\n## Tiếp theo\nđ) điểm\n### sau");
        assert_eq!(blocks[0].plain_text(), "II. NHIỆM VỤ");
        assert_eq!(blocks[1].plain_text(), "3. Công tác tập huấn");
        assert_eq!(blocks[2].plain_text(), "4. Tiếp theo");
        assert_eq!(blocks[3].plain_text(), "đ) điểm");
        assert_eq!(blocks[4].plain_text(), "e) sau");
    }

    #[test]
    fn a_numbered_sentence_is_body_text_and_a_title_is_a_heading() {
        let blocks = parse("1. Thông qua hoạt động khoa giáo.\n2. Công tác phối hợp thực hiện");
        assert_eq!(labels(&blocks), ["NumberedBody:1.", "Heading2:2."]);
    }

    #[test]
    fn items_tables_and_plain_lines() {
        let blocks = parse("- một\n+ hai\nđoạn văn\n| A | B |\n|---|---|\n| 1 | 2 \\| 3 |\n");
        assert_eq!(labels(&blocks), ["Item:-", "Item:+", "Body:", "table"]);
        match &blocks[3] {
            Block::Table {
                header_rows, rows, ..
            } => {
                assert_eq!(*header_rows, 1);
                let texts: Vec<&str> = rows[1].iter().map(|c| c.text.as_str()).collect();
                assert_eq!(texts, ["1", "2 | 3"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn articles_number_apart_and_restart_their_clauses() {
        let blocks = parse(
            "§ Phạm vi\n## Khoản một\n## Khoản hai\n§ Quyết định này có hiệu lực từ ngày ký.\n## Khoản\nĐiều 5. Tổ chức thực hiện",
        );
        let text: Vec<String> = blocks.iter().map(Block::plain_text).collect();
        assert_eq!(
            text,
            [
                "Điều 1. Phạm vi",
                "1. Khoản một",
                "2. Khoản hai",
                "Điều 2. Quyết định này có hiệu lực từ ngày ký.",
                "1. Khoản",
                "Điều 5. Tổ chức thực hiện"
            ]
        );
        assert_eq!(labels(&blocks)[0], "Article:Điều 1.");
        match &blocks[3] {
            Block::Paragraph { spans, .. } => assert!(spans[0].bold && spans[0].text == "Điều 2. "),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn merged_header_cells() {
        let blocks = parse(
            "| TT | Đơn vị | Học tập | < | Ghi chú |\n| ^ | ^ | Số lượng | Tỷ lệ | ^ |\n|---|---|---|---|---|\n| 1 | A | 5 | 50% | |",
        );
        let Block::Table {
            header_rows, rows, ..
        } = &blocks[0]
        else {
            panic!()
        };
        assert_eq!(*header_rows, 2);
        let spans: Vec<Vec<(&str, usize, usize)>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.as_str(), c.colspan, c.rowspan))
                    .collect()
            })
            .collect();
        assert_eq!(
            spans[0],
            [
                ("TT", 1, 2),
                ("Đơn vị", 1, 2),
                ("Học tập", 2, 1),
                ("Ghi chú", 1, 2)
            ]
        );
        assert_eq!(spans[1], [("Số lượng", 1, 1), ("Tỷ lệ", 1, 1)]);
        assert_eq!(spans[2].len(), 5);
    }

    #[test]
    fn a_block_merged_both_ways_grows_once_per_row() {
        let blocks = parse("| A | < | B |\n| ^ | ^ | C |");
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!()
        };
        assert_eq!((rows[0][0].colspan, rows[0][0].rowspan), (2, 2));
        assert_eq!(rows[1].len(), 1);
    }

    #[test]
    fn parts_and_their_titles() {
        let blocks = parse(
            "Phần I\nNHỮNG KẾT QUẢ ĐẠT ĐƯỢC\n# Kết quả\nPhần thứ hai\nPhương hướng\nPhần lớn đảng viên tham gia.",
        );
        assert_eq!(
            labels(&blocks),
            [
                "Part:",
                "PartTitle:",
                "Heading1:I.",
                "Part:",
                "Body:",
                "Body:"
            ]
        );
    }

    #[test]
    fn inline_emphasis_and_escapes() {
        let spans = inline("a **b** __c__ \\*d\\* *e*");
        let text: Vec<(&str, bool, bool)> = spans
            .iter()
            .map(|s| (s.text.as_str(), s.bold, s.italic))
            .collect();
        assert_eq!(
            text,
            [
                ("a ", false, false),
                ("b", true, false),
                (" ", false, false),
                ("c", false, true),
                (" *d* *e*", false, false)
            ]
        );
    }

    #[test]
    fn escaped_values_come_back_literally() {
        let hostile = "# I. 1) - + | **x** __y__ \\ § end.";
        assert_eq!(parse(&escape("Phần II"))[0].plain_text(), "Phần II");
        let blocks = parse(&escape(hostile));
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].plain_text(), hostile);
    }
}
