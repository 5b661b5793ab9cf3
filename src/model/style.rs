//! Named formatting roles and the style each role takes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a piece of text is, in the words of the regulations. Writers format by
/// role; the rule set says what each role looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`, or the Quốc hiệu.
    NationalTitle,
    /// The Tiêu ngữ under the Quốc hiệu (State).
    Motto,
    /// The superior (parent) body, top left.
    Superior,
    /// The issuing body, top left.
    Issuer,
    /// The Party `*` under the issuer.
    Star,
    /// `Số 44-HD/BTGHU`.
    Number,
    /// `Tây Sơn, ngày 03 tháng 01 năm 2023`.
    Date,
    /// `HƯỚNG DẪN`.
    DocType,
    /// The trích yếu under the type name.
    Summary,
    /// The `-----` under a Party trích yếu.
    Separator,
    Body,
    /// `Phần I`, `Phần thứ nhất`: a part, centred.
    Part,
    /// The part's title on the line under it, upper case, centred.
    PartTitle,
    /// `I.` level: Roman numeral, upper case.
    Heading1,
    /// `1.` level.
    Heading2,
    /// `a)` level.
    Heading3,
    /// A numbered paragraph (`1.` or `a)` followed by running text).
    NumberedBody,
    /// `-` and `+` items.
    Item,
    TableCell,
    TableHeader,
    RecipientsLabel,
    Recipient,
    /// `T/M BAN THƯỜNG VỤ`, `K/T TRƯỞNG BAN`.
    SignAuthority,
    /// The signer's position.
    SignPosition,
    SignName,
    PageNumber,
    /// The công văn subject under the number (`V/v …`).
    Subject,
    /// Độ khẩn, độ mật and the draft mark: framed capitals.
    Mark,
    /// `Kính gửi:` and its addressees.
    Addressee,
    /// The authority line of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN …`).
    Authority,
    /// Căn cứ lines.
    Basis,
    /// `QUYẾT ĐỊNH:`.
    Decision,
    /// `Điều 1. Tiêu đề` (an article with a title).
    Article,
    AppendixLabel,
    AppendixTitle,
    /// `(Kèm theo …)` under an appendix title.
    AppendixReference,
    /// The organisation's signature box of an appendix issued as a file of
    /// its own (số và ký hiệu, signing time).
    AppendixStamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// The look of one role. Sizes in points, lengths in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    pub size: f64,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub underline: bool,
    /// A single-line frame around the text (độ khẩn, dự thảo); compose
    /// gives such a line its frame.
    #[serde(default)]
    pub frame: bool,
    #[serde(default = "Align::center")]
    pub align: Align,
    /// First-line indent.
    #[serde(default)]
    pub indent: f64,
    /// Hanging indent for wrapped lines (recipient items).
    #[serde(default)]
    pub hanging: f64,
    /// Space before and after the paragraph, in points.
    #[serde(default)]
    pub space_before: f64,
    #[serde(default)]
    pub space_after: f64,
    /// The height of a line in points: the baseline sits the font's descent
    /// above its bottom; Word lays it out as "at least" this.
    pub line_height: f64,
}

impl Align {
    fn center() -> Align {
        Align::Center
    }
}

/// Every role's style. Built from the rule set; complete by construction
/// (see `rules::RuleSet::styles`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Styles(pub BTreeMap<Role, TextStyle>);

impl Styles {
    pub fn get(&self, role: Role) -> &TextStyle {
        // The rule-set loader refuses a rule set that lacks a role, so this
        // lookup cannot fail for a rule set that loaded.
        &self.0[&role]
    }
}
