//! The input document's keys. These names are vanban's public interface:
//! rename nothing without a deprecation path.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_saphyr::{LitStr, Location, Spanned};
use std::fmt;

/// One document, as written by the user, or by the importer and `vanban new`
/// (serialised in this key order, the order of the document's parts).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(
    description = "Một văn bản của vanban: bộ quy tắc, loại, cơ quan ban hành, số, ngày, nội dung, nơi nhận, chữ ký."
)]
#[serde(deny_unknown_fields)]
pub struct InputDoc {
    /// The reporting unit's name (`Xã Bình An`), for batch file names, the
    /// manifest and consolidation; the issuer's name when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Tên đơn vị báo cáo (dùng đặt tên tệp khi xuất hàng loạt, bảng kê và tổng hợp); mặc định là tên cơ quan ban hành."
    )]
    pub unit: Option<String>,
    /// Rule set id, e.g. `party-hd36-2018`.
    #[schemars(
        description = "Bộ quy tắc thể thức: party-hd36-2018 (văn bản của Đảng, Hướng dẫn 36-HD/VPTW) hoặc state-nd30-2020 (văn bản hành chính, Nghị định 30/2020/NĐ-CP).",
        with = "String"
    )]
    pub rules: Spanned<String>,
    /// Kind of document, e.g. `huong-dan`.
    #[schemars(
        description = "Loại văn bản, ví dụ huong-dan, quyet-dinh, cong-van; tên loại và chữ viết tắt lấy từ bộ quy tắc.",
        with = "String"
    )]
    pub kind: Spanned<String>,
    #[schemars(description = "Cơ quan ban hành.")]
    pub issuer: Issuer,
    /// Joint issuers after the lead one (Party chương trình phối hợp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Các cơ quan cùng ban hành (văn bản phối hợp của Đảng).",
        with = "Option<Vec<Issuer>>"
    )]
    pub co_issuers: Option<Spanned<Vec<Issuer>>>,
    /// The number; absent or `null` for an unnumbered draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Số của văn bản (chỉ ghi số, ví dụ 44, hoặc số kèm chữ cái như \"57b\"); bỏ trống đối với dự thảo chưa lấy số.",
        with = "Option<super::NumberIn>"
    )]
    pub number: Option<Spanned<super::NumberIn>>,
    /// `YYYY-MM-DD`, or `YYYY-MM` for a draft whose day is left blank.
    #[schemars(
        description = "Ngày ban hành, dạng YYYY-MM-DD; dự thảo chưa có ngày ghi YYYY-MM.",
        with = "String"
    )]
    pub date: Spanned<String>,
    /// Địa danh: where the issuer sits.
    #[schemars(description = "Địa danh nơi cơ quan đóng trụ sở, ví dụ Tây Sơn.")]
    pub place: String,
    /// Trích yếu.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Trích yếu nội dung (công văn: phần sau V/v).")]
    pub summary: Option<String>,
    /// Độ khẩn: `khan`, `thuong-khan`, `hoa-toc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Độ khẩn: khan, thuong-khan, hoa-toc.",
        with = "Option<String>"
    )]
    pub urgency: Option<Spanned<String>>,
    /// Độ mật: `mat`, `toi-mat`, `tuyet-mat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Độ mật: mat, toi-mat, tuyet-mat.",
        with = "Option<String>"
    )]
    pub secrecy: Option<Spanned<String>>,
    /// Marks the document `DỰ THẢO`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(description = "true để đóng dấu DỰ THẢO.")]
    pub draft: bool,
    /// `Kính gửi:` (công văn, tờ trình, báo cáo where the kind has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Kính gửi (công văn, tờ trình, báo cáo gửi cấp trên).",
        with = "Option<Vec<String>>"
    )]
    pub addressees: Option<Spanned<Vec<String>>>,
    /// The authority line of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Dòng thẩm quyền ban hành của quyết định, nghị quyết.",
        with = "Option<String>"
    )]
    pub authority: Option<Spanned<String>>,
    /// Căn cứ lines, then `Theo đề nghị của …`, typed without final punctuation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Các căn cứ ban hành, không cần dấu chấm phẩy cuối dòng.",
        with = "Option<Vec<String>>"
    )]
    pub bases: Option<Spanned<Vec<String>>>,
    /// Whether to close the body with the rule set's end mark (`./.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "false để không thêm dấu kết thúc ./. sau câu cuối.")]
    pub end_mark: Option<bool>,
    /// The body written inline, in vanban's markup (never passed through Tera).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "literal"
    )]
    #[schemars(
        description = "Nội dung văn bản viết trực tiếp, theo cú pháp của vanban (mỗi dòng một đoạn; #, ##, ### là mục I., 1., a); - và + là gạch đầu dòng).",
        with = "Option<String>"
    )]
    pub body: Option<Spanned<String>>,
    /// A body template's name (built in, or in `--templates DIR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Tên mẫu nội dung (huong-dan, bao-cao-so-ket, bao-cao-tong-ket hoặc mẫu trong --templates), dùng cùng data.",
        with = "Option<String>"
    )]
    pub template: Option<Spanned<String>>,
    /// Values for the body template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Dữ liệu cho mẫu nội dung.")]
    pub data: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Nơi nhận.")]
    pub recipients: Option<RecipientsIn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Thể thức ký, chức vụ và họ tên người ký.")]
    pub signature: Option<SignatureIn>,
    /// Several signatures side by side (joint issuers, biên bản).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Nhiều người ký cạnh nhau (biên bản, văn bản liên tịch).",
        with = "Option<Vec<SignatureIn>>"
    )]
    pub signatures: Option<Spanned<Vec<SignatureIn>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(description = "Các phụ lục kèm theo.")]
    pub appendices: Vec<AppendixIn>,
    /// Every appendix issued as a file of its own (electronic issue).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "true để phát hành mọi phụ lục thành tệp riêng (văn bản điện tử, Nghị định 30/2020 Phụ lục I)."
    )]
    pub separate_appendices: bool,
}

/// An appendix: its title and its body (inline or from a template).
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixIn {
    #[schemars(description = "Tên phụ lục.")]
    pub title: String,
    /// The `(Kèm theo …)` line; built from the document when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Dòng (Kèm theo …); bỏ trống để vanban tự ghi.")]
    pub reference: Option<String>,
    /// Lay the appendix out on landscape pages (wide tables).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(description = "true để trình bày trang ngang (bảng rộng).")]
    pub landscape: bool,
    /// Issued as a file of its own, signed by the organisation at the top
    /// right of its first page (electronic issue).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "true để phát hành phụ lục này thành tệp riêng, có ô chữ ký số của cơ quan ở góc trên bên phải trang đầu."
    )]
    pub separate: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "literal"
    )]
    #[schemars(
        description = "Nội dung phụ lục, cùng cú pháp với body.",
        with = "Option<String>"
    )]
    pub body: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Mẫu nội dung của phụ lục.", with = "Option<String>")]
    pub template: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    /// A body already built as blocks (the consolidated report's table),
    /// never read from a file.
    #[serde(skip)]
    #[schemars(skip)]
    pub blocks: Option<Vec<crate::model::Block>>,
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The superior body (cơ quan cấp trên / chủ quản), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Tên cơ quan cấp trên trực tiếp (cơ quan chủ quản).")]
    pub superior: Option<String>,
    /// The issuing body's name.
    #[schemars(description = "Tên cơ quan ban hành; \n để xuống dòng.")]
    pub name: String,
    /// Its abbreviation in numbers (`BTGHU`, `UBND`).
    #[schemars(description = "Chữ viết tắt tên cơ quan trong số, ký hiệu (ví dụ BTGHU, UBND).")]
    pub abbr: String,
    /// The drafting unit's abbreviation: a State công văn's number
    /// (`Số: 12/UBND-VP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Chữ viết tắt đơn vị soạn thảo (số công văn hành chính, ví dụ VP).")]
    pub unit: Option<String>,
    /// The name as written inside a sentence (`Ban Tuyên giáo Huyện ủy`), for
    /// the `(Kèm theo …)` line of appendices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Tên cơ quan viết trong câu (dòng Kèm theo của phụ lục).")]
    pub name_in_text: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientsIn {
    #[serde(default)]
    #[schemars(description = "Các nơi nhận, không cần dấu câu cuối dòng.")]
    pub items: Vec<Recipient>,
    /// Who keeps the archive copy: `Ban Tuyên giáo Huyện ủy` gives
    /// `- Lưu Ban Tuyên giáo Huyện ủy.` under the Party rules.
    #[schemars(
        description = "Nơi lưu văn bản (Đảng: Văn phòng Đảng ủy; Nhà nước: đơn vị soạn thảo, ví dụ VP)."
    )]
    pub archive: String,
}

/// A recipient: a plain string, or `{ to: …, purpose: b/c }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub to: String,
    pub purpose: Option<String>,
}

impl Recipient {
    /// `Ban Tuyên giáo Tỉnh ủy (b/c)`.
    pub fn text(&self) -> String {
        match &self.purpose {
            Some(p) => format!("{} ({})", self.to.trim(), p.trim()),
            None => self.to.trim().to_string(),
        }
    }
}

impl Serialize for Recipient {
    /// A plain string, or `to` and `purpose` when there is a purpose.
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match &self.purpose {
            None => ser.serialize_str(&self.to),
            Some(purpose) => {
                let mut map = ser.serialize_struct("Recipient", 2)?;
                map.serialize_field("to", &self.to)?;
                map.serialize_field("purpose", purpose)?;
                map.end()
            }
        }
    }
}

impl JsonSchema for Recipient {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Recipient".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Một nơi nhận: chuỗi, hoặc { to, purpose } (purpose: b/c, để biết…).",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "to": { "type": "string" }, "purpose": { "type": "string" } },
                    "required": ["to"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Recipient;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!(
                    "một nơi nhận: chuỗi chữ, hoặc bảng khóa–giá trị gồm `to` và `purpose` (không bắt buộc)",
                    "a recipient: a string, or a mapping with `to` and optional `purpose`"
                ))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Recipient, E> {
                Ok(Recipient {
                    to: v.to_string(),
                    purpose: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Recipient, A::Error> {
                let (mut to, mut purpose) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "to" => to = Some(map.next_value::<String>()?),
                        "purpose" => purpose = Some(map.next_value::<String>()?),
                        other => return Err(de::Error::unknown_field(other, &["to", "purpose"])),
                    }
                }
                let to = to.ok_or_else(|| de::Error::missing_field("to"))?;
                Ok(Recipient { to, purpose })
            }
        }
        de.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureIn {
    /// `T/M`, `K/T`, `T/L`… (Party) — checked against the rule set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Thể thức ký: T/M, K/T, T/L (Đảng) hoặc TM., KT., TL., TUQ., Q. (Nhà nước).",
        with = "Option<String>"
    )]
    pub prefix: Option<Spanned<String>>,
    /// What follows the prefix: the collective (`BAN THƯỜNG VỤ`) or the head's
    /// title (`TRƯỞNG BAN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(description = "Tập thể hoặc chức vụ mà người ký ký thay, ví dụ BAN THƯỜNG VỤ.")]
    pub on_behalf: Option<String>,
    /// A second authority line (`KT. CHỦ TỊCH` under `TM. ỦY BAN NHÂN DÂN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Dòng quyền hạn thứ hai, ví dụ KT. CHỦ TỊCH dưới TM. ỦY BAN NHÂN DÂN."
    )]
    pub then: Option<ThenIn>,
    /// The signer's position (`PHÓ TRƯỞNG BAN`).
    #[schemars(description = "Chức vụ người ký.")]
    pub position: String,
    #[schemars(description = "Họ và tên người ký.")]
    pub name: String,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThenIn {
    #[schemars(description = "Thể thức ký của dòng thứ hai.", with = "String")]
    pub prefix: Spanned<String>,
    #[schemars(description = "Chức vụ được ký thay.")]
    pub on_behalf: String,
}

/// The JSON Schema of the input, from the Rust types, descriptions in Vietnamese.
pub fn json() -> String {
    let mut schema = schemars::schema_for!(InputDoc);
    schema.insert(
        "$id".into(),
        "https://vanban.invalid/vanban.schema.json".into(),
    );
    schema.insert("title".into(), "Văn bản vanban (YAML)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A value made in code (an import, a starter file), with no place in a
/// source.
pub fn made<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// A body written as a `|` block, one paragraph a line.
fn literal<S: Serializer>(body: &Option<Spanned<String>>, ser: S) -> Result<S::Ok, S::Error> {
    match body {
        Some(body) => LitStr(&body.value).serialize(ser),
        None => ser.serialize_none(),
    }
}

impl InputDoc {
    /// An empty document of a rule set and kind, to be filled in.
    pub fn empty(rules: &str, kind: &str) -> InputDoc {
        InputDoc {
            unit: None,
            rules: made(rules.to_string()),
            kind: made(kind.to_string()),
            issuer: Issuer::default(),
            co_issuers: None,
            number: None,
            date: made(String::new()),
            place: String::new(),
            summary: None,
            urgency: None,
            secrecy: None,
            draft: false,
            addressees: None,
            authority: None,
            bases: None,
            end_mark: None,
            body: None,
            template: None,
            data: None,
            recipients: None,
            signature: None,
            signatures: None,
            appendices: Vec::new(),
            separate_appendices: false,
        }
    }
}
