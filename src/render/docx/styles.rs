//! One Word paragraph style per role, named so a clerk recognises it.

use crate::model::{Align, Role, Styles, TextStyle};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, SpecialIndentType, Style, StyleType,
};

/// The style id of a role; stable, so that users' edits to a style survive.
pub fn style_id(role: Role) -> &'static str {
    match role {
        Role::NationalTitle => "vbNationalTitle",
        Role::Motto => "vbMotto",
        Role::Superior => "vbSuperior",
        Role::Issuer => "vbIssuer",
        Role::Star => "vbStar",
        Role::Number => "vbNumber",
        Role::Date => "vbDate",
        Role::DocType => "vbDocType",
        Role::Summary => "vbSummary",
        Role::Separator => "vbSeparator",
        Role::Body => "vbBody",
        Role::Part => "vbPart",
        Role::PartTitle => "vbPartTitle",
        Role::Heading1 => "vbHeading1",
        Role::Heading2 => "vbHeading2",
        Role::Heading3 => "vbHeading3",
        Role::NumberedBody => "vbNumberedBody",
        Role::Item => "vbItem",
        Role::TableCell => "vbTableCell",
        Role::TableHeader => "vbTableHeader",
        Role::RecipientsLabel => "vbRecipientsLabel",
        Role::Recipient => "vbRecipient",
        Role::SignAuthority => "vbSignAuthority",
        Role::SignPosition => "vbSignPosition",
        Role::SignName => "vbSignName",
        Role::PageNumber => "vbPageNumber",
        Role::Subject => "vbSubject",
        Role::Mark => "vbMark",
        Role::Addressee => "vbAddressee",
        Role::Authority => "vbAuthority",
        Role::Basis => "vbBasis",
        Role::Decision => "vbDecision",
        Role::Article => "vbArticle",
        Role::AppendixLabel => "vbAppendixLabel",
        Role::AppendixTitle => "vbAppendixTitle",
        Role::AppendixReference => "vbAppendixReference",
        Role::AppendixStamp => "vbAppendixStamp",
    }
}

/// The name Word shows for a role's style.
fn style_name(role: Role) -> &'static str {
    match role {
        Role::NationalTitle => "VB Tiêu đề, Quốc hiệu",
        Role::Motto => "VB Tiêu ngữ",
        Role::Superior => "VB Cơ quan cấp trên",
        Role::Issuer => "VB Cơ quan ban hành",
        Role::Star => "VB Dấu sao",
        Role::Number => "VB Số, ký hiệu",
        Role::Date => "VB Địa danh, ngày tháng",
        Role::DocType => "VB Tên loại",
        Role::Summary => "VB Trích yếu",
        Role::Separator => "VB Gạch dưới trích yếu",
        Role::Body => "VB Nội dung",
        Role::Part => "VB Phần",
        Role::PartTitle => "VB Tên phần",
        Role::Heading1 => "VB Mục I",
        Role::Heading2 => "VB Mục 1",
        Role::Heading3 => "VB Mục a",
        Role::NumberedBody => "VB Đoạn đánh số",
        Role::Item => "VB Gạch đầu dòng",
        Role::TableCell => "VB Ô bảng",
        Role::TableHeader => "VB Tiêu đề bảng",
        Role::RecipientsLabel => "VB Nơi nhận",
        Role::Recipient => "VB Nơi nhận, mục",
        Role::SignAuthority => "VB Quyền hạn ký",
        Role::SignPosition => "VB Chức vụ người ký",
        Role::SignName => "VB Họ tên người ký",
        Role::PageNumber => "VB Số trang",
        Role::Subject => "VB Trích yếu công văn",
        Role::Mark => "VB Độ khẩn, độ mật, dự thảo",
        Role::Addressee => "VB Kính gửi",
        Role::Authority => "VB Thẩm quyền ban hành",
        Role::Basis => "VB Căn cứ",
        Role::Decision => "VB Quyết định, quyết nghị",
        Role::Article => "VB Điều",
        Role::AppendixLabel => "VB Phụ lục, số",
        Role::AppendixTitle => "VB Phụ lục, tên",
        Role::AppendixReference => "VB Phụ lục, kèm theo",
        Role::AppendixStamp => "VB Phụ lục, ô chữ ký số",
    }
}

pub fn add_styles(mut docx: Docx, styles: &Styles) -> Docx {
    for (role, s) in &styles.0 {
        docx = docx.add_style(style(*role, s));
    }
    docx
}

fn style(role: Role, s: &TextStyle) -> Style {
    let half_points = (s.size * 2.0).round() as usize;
    let mut style = Style::new(style_id(role), StyleType::Paragraph)
        .name(style_name(role))
        .size(half_points)
        .align(alignment(s.align))
        .line_spacing(spacing(s));
    if s.bold {
        style = style.bold();
    }
    if s.italic {
        style = style.italic();
    }
    if s.underline {
        style = style.underline("single");
    }
    let first = super::twips(s.indent);
    let hanging = super::twips(s.hanging);
    if hanging > 0 {
        style = style.indent(
            Some(hanging),
            Some(SpecialIndentType::Hanging(hanging)),
            None,
            None,
        );
    } else if first > 0 {
        style = style.indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(first)),
            None,
            None,
        );
    }
    style
}

pub fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// "At least" the rule set's line height: equal to Typst's exact line box
/// whenever the glyphs fit, and never clipping stacked Vietnamese marks.
fn spacing(s: &TextStyle) -> LineSpacing {
    let line = s.line_height;
    LineSpacing::new()
        .line_rule(LineSpacingType::AtLeast)
        .line((line * 20.0).round() as i32)
        .before((s.space_before * 20.0).round() as u32)
        .after((s.space_after * 20.0).round() as u32)
}
