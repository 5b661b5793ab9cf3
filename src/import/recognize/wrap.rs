//! Which lines continue a paragraph. A PDF wraps each paragraph over
//! several lines; its text (copied, or read by a PDF reader) keeps the
//! breaks. A line continues the one above when the first word of it would
//! not have fitted there, unless the structure starts something new (a list
//! mark, a numbering, `Điều`, a heading). From the text alone, the width of
//! a full line is estimated, and a draft typed one paragraph a line is left
//! as it is. A DOCX's paragraphs and a PDF reader's (which joins wrapped
//! lines by their places on the page) are never joined again.

use super::{is_upper, numbered};
use crate::import::read::DraftLine;

/// How full lines are, measured on the draft.
#[derive(Debug, Clone, Copy)]
pub struct Wrap {
    /// The length of a full line in characters, when the text is wrapped.
    width: Option<usize>,
}

/// How much shorter a paragraph's first line is (its indent), in characters.
const INDENT: usize = 5;

impl Wrap {
    /// Looks at the lines of running text. A line that ends inside a
    /// sentence with the next in small letters is wrapped for certain; a
    /// draft with a few such lines is wrapped text, and its full lines are
    /// about as long as those.
    pub fn of(lines: &[DraftLine]) -> Wrap {
        // Lines of running text, next to each other (a table's cells come
        // apart, with blank lines between).
        let mut wrapped: Vec<usize> = lines
            .windows(2)
            .filter(|w| !w[0].whole && !w[0].blank && !w[1].blank)
            .filter(|w| soft_break(w[0].text.trim(), w[1].text.trim()))
            .map(|w| w[0].text.trim().chars().count())
            .filter(|n| *n >= 30)
            .collect();
        let running = lines
            .iter()
            .filter(|l| !is_upper(l.text.trim()) && l.text.trim().chars().count() >= 30)
            .count();
        if wrapped.is_empty() || wrapped.len() * 10 < running {
            return Wrap { width: None };
        }
        wrapped.sort_unstable();
        Wrap {
            width: Some(wrapped[wrapped.len() * 9 / 10]),
        }
    }

    /// Whether `next` continues the paragraph whose last line is `prev`;
    /// `first`: `prev` is that paragraph's first line.
    pub fn continues(&self, prev: &DraftLine, next: &DraftLine, first: bool) -> bool {
        let (a, b) = (prev.text.trim(), next.text.trim());
        if a.is_empty() || b.is_empty() || prev.blank || next.blank || prev.whole || starts_block(b)
        {
            return false;
        }
        if is_upper(a) != is_upper(b) {
            return false;
        }
        // A PDF reader's lines are paragraphs already: it joined the lines
        // that wrapped by their places on the page, better than text can.
        if prev.place.is_some() || next.place.is_some() {
            return false;
        }
        if soft_break(a, b) {
            return true;
        }
        let Some(width) = self.width else {
            return false;
        };
        let length = a.chars().count() + if first { INDENT } else { 0 };
        let word = b.split_whitespace().next().map_or(0, |w| w.chars().count());
        if a.ends_with(['.', ':', ';', '!', '?']) {
            // A sentence ends here: a new paragraph unless the next word
            // could not have fitted.
            length + 1 + word > width + 8
        } else {
            length * 100 >= width * 75
        }
    }
}

/// A line ending inside a sentence, the next going on in small letters (or
/// in figures after a word in small letters: `… năm` / `2026, …`).
pub fn soft_break(line: &str, next: &str) -> bool {
    let last_word_small = line
        .split_whitespace()
        .last()
        .is_some_and(|w| w.chars().all(char::is_lowercase));
    !line.ends_with(['.', ':', ';', '!', '?'])
        && !is_upper(line)
        && (next.starts_with(char::is_lowercase)
            || next.starts_with(|c: char| c.is_ascii_digit()) && last_word_small)
        && !starts_block(next)
}

/// A line that starts something of its own: a list mark, a numbering, an
/// article, a table row, a label.
pub fn starts_block(text: &str) -> bool {
    let marks = ["- ", "+ ", "• ", "● ", "* ", "– "];
    let words = [
        "Căn cứ",
        "Xét ",
        "Theo đề nghị",
        "Kính gửi",
        "Nơi nhận",
        "Điều ",
        "Chương ",
        "Mục ",
    ];
    numbered(text)
        || text == "-"
        || text.starts_with('|')
        || marks.iter().any(|m| text.starts_with(m))
        || words.iter().any(|w| {
            text.strip_prefix(w).is_some_and(|rest| {
                !w.ends_with(' ')
                    || rest.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
            })
        })
}

/// The paragraphs of consecutive lines: each a run of lines that continue
/// one another, joined with a space, with the number of its first line.
pub fn paragraphs(wrap: &Wrap, lines: &[DraftLine]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut first_line = true;
    let mut prev: Option<&DraftLine> = None;
    for line in lines.iter().filter(|l| !l.blank) {
        match prev {
            Some(p) if wrap.continues(p, line, first_line) => {
                let last = out.last_mut().expect("a paragraph");
                join(&mut last.1, line.text.trim());
                first_line = false;
            }
            _ => {
                out.push((line.no, line.text.trim().to_string()));
                first_line = true;
            }
        }
        prev = Some(line);
    }
    out
}

/// Appends a wrapped line: after a space, or straight on after a hyphen
/// that ends a word (`BTGHU-` / `HĐND`).
pub fn join(text: &mut String, line: &str) {
    let hyphen = text.ends_with('-') && !text.ends_with(" -");
    if !hyphen {
        text.push(' ');
    }
    text.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::text_lines;

    const WRAPPED: &str = "\
I. MỤC ĐÍCH, YÊU CẦU
1. Thông qua hoạt động khoa giáo, làm tốt công tác tuyên truyền cho cán bộ,
đảng viên và các tầng lớp nhân dân về chủ trương, đường lối, chính sách của Đảng,
Nhà nước trong lĩnh vực khoa giáo (giáo dục và đào tạo; bảo vệ, chăm sóc và nâng
cao sức khỏe của nhân dân; dân số, gia đình và trẻ em; thể dục, thể thao; khoa học
và công nghệ...).
2. Căn cứ nhiệm vụ trọng tâm công tác khoa giáo triển khai trong năm 2023,
các địa phương, cơ quan, đơn vị xây dựng các chương trình, kế hoạch cụ thể để tổ
chức thực hiện có hiệu quả các nghị quyết, chỉ thị, kết luận của Đảng.
Kết quả gửi về Văn phòng Đảng ủy xã để tổng hợp, báo cáo Ban Thường vụ
Tỉnh ủy trước ngày 30 tháng 9 năm 2026 để tổng hợp chung toàn tỉnh.
";

    #[test]
    fn wrapped_lines_make_paragraphs() {
        let lines = text_lines(WRAPPED);
        let wrap = Wrap::of(&lines);
        assert!(wrap.width.is_some(), "{wrap:?}");
        let texts: Vec<String> = paragraphs(&wrap, &lines).into_iter().map(|p| p.1).collect();
        assert_eq!(texts.len(), 4, "{texts:#?}");
        assert!(
            texts[1].ends_with("khoa học và công nghệ...)."),
            "{}",
            texts[1]
        );
        assert!(texts[3].starts_with("Kết quả gửi về"));
    }

    #[test]
    fn a_draft_typed_one_paragraph_a_line_stays_so() {
        let typed = "\
Thực hiện chỉ đạo của cấp trên, chi bộ triển khai các nội dung sau đây để thực hiện trong năm.
Tổ chức sinh hoạt chuyên đề hằng tháng
Các đồng chí đảng viên tham gia đầy đủ, đúng giờ và chuẩn bị ý kiến phát biểu trước khi họp chi bộ.
Báo cáo kết quả trước ngày 30/6/2026 về Văn phòng Đảng ủy
Kết quả thực hiện được tổng hợp vào báo cáo sơ kết sáu tháng đầu năm của chi bộ
Chi ủy phân công đồng chí phó bí thư theo dõi, đôn đốc
Mọi vướng mắc báo cáo về Đảng ủy xã qua Văn phòng để được hướng dẫn kịp thời và đầy đủ.
";
        let lines = text_lines(typed);
        let wrap = Wrap::of(&lines);
        assert_eq!(paragraphs(&wrap, &lines).len(), 7, "{wrap:?}");
    }
}
