//! The input document's keys. These names are vanban's public interface:
//! rename nothing without a deprecation path.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// One document, as written by the user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDoc {
    /// The reporting unit's name (`Xã Bình An`), for batch file names, the
    /// manifest and consolidation; the issuer's name when left out.
    #[serde(default)]
    pub unit: Option<String>,
    /// Rule set id, e.g. `party-hd36-2018`.
    pub rules: Spanned<String>,
    /// Kind of document, e.g. `huong-dan`.
    pub kind: Spanned<String>,
    pub issuer: Issuer,
    /// The number; absent or `null` for an unnumbered draft.
    #[serde(default)]
    pub number: Option<Spanned<u32>>,
    /// `YYYY-MM-DD`, or `YYYY-MM` for a draft whose day is left blank.
    pub date: Spanned<String>,
    /// Địa danh: where the issuer sits.
    pub place: String,
    /// Trích yếu.
    #[serde(default)]
    pub summary: Option<String>,
    /// The body written inline, in vanban's markup (never passed through Tera).
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    /// A body template's name (built in, or in `--templates DIR`).
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    /// Values for the body template.
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// Whether to close the body with the rule set's end mark (`./.`).
    #[serde(default)]
    pub end_mark: Option<bool>,
    #[serde(default)]
    pub recipients: Option<RecipientsIn>,
    #[serde(default)]
    pub signature: Option<SignatureIn>,
    /// Several signatures side by side (joint issuers, biên bản).
    #[serde(default)]
    pub signatures: Option<Spanned<Vec<SignatureIn>>>,
    /// Joint issuers after the lead one (Party chương trình phối hợp).
    #[serde(default)]
    pub co_issuers: Option<Spanned<Vec<Issuer>>>,
    /// `Kính gửi:` (công văn, tờ trình, báo cáo where the kind has it).
    #[serde(default)]
    pub addressees: Option<Spanned<Vec<String>>>,
    /// The authority line of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …`).
    #[serde(default)]
    pub authority: Option<Spanned<String>>,
    /// Căn cứ lines, then `Theo đề nghị của …`, typed without final punctuation.
    #[serde(default)]
    pub bases: Option<Spanned<Vec<String>>>,
    /// Độ khẩn: `khan`, `thuong-khan`, `hoa-toc`.
    #[serde(default)]
    pub urgency: Option<Spanned<String>>,
    /// Độ mật: `mat`, `toi-mat`, `tuyet-mat`.
    #[serde(default)]
    pub secrecy: Option<Spanned<String>>,
    /// Marks the document `DỰ THẢO`.
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub appendices: Vec<AppendixIn>,
}

/// An appendix: its title and its body (inline or from a template).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixIn {
    pub title: String,
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// The `(Kèm theo …)` line; built from the document when left out.
    #[serde(default)]
    pub reference: Option<String>,
    /// Lay the appendix out on landscape pages (wide tables).
    #[serde(default)]
    pub landscape: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The superior body (cơ quan cấp trên / chủ quản), if any.
    #[serde(default)]
    pub superior: Option<String>,
    /// The issuing body's name.
    pub name: String,
    /// Its abbreviation in numbers (`BTGHU`, `UBND`).
    pub abbr: String,
    /// The drafting unit's abbreviation: a State công văn's number
    /// (`Số: 12/UBND-VP`).
    #[serde(default)]
    pub unit: Option<String>,
    /// The name as written inside a sentence (`Ban Tuyên giáo Huyện ủy`), for
    /// the `(Kèm theo …)` line of appendices.
    #[serde(default)]
    pub name_in_text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientsIn {
    #[serde(default)]
    pub items: Vec<Recipient>,
    /// Who keeps the archive copy: `Ban Tuyên giáo Huyện ủy` gives
    /// `- Lưu Ban Tuyên giáo Huyện ủy.` under the Party rules.
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

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Recipient;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a recipient: a string, or a mapping with `to` and optional `purpose`")
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureIn {
    /// `T/M`, `K/T`, `T/L`… (Party) — checked against the rule set.
    #[serde(default)]
    pub prefix: Option<Spanned<String>>,
    /// What follows the prefix: the collective (`BAN THƯỜNG VỤ`) or the head's
    /// title (`TRƯỞNG BAN`).
    #[serde(default)]
    pub on_behalf: Option<String>,
    /// The signer's position (`PHÓ TRƯỞNG BAN`).
    pub position: String,
    pub name: String,
    /// A second authority line (`KT. CHỦ TỊCH` under `TM. ỦY BAN NHÂN DÂN`).
    #[serde(default)]
    pub then: Option<ThenIn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThenIn {
    pub prefix: Spanned<String>,
    pub on_behalf: String,
}
