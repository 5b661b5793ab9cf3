//! Rule sets: the numbers and words of each regulation, kept as versioned data.
//!
//! A rule set is a YAML file under `src/rules/sets/`, embedded in the binary.
//! Adding a rule set is adding a file and its tests; no writer changes.

pub mod format;
mod regime;

pub use regime::fold;

use crate::model::{Align, Page, Role, Styles, TextStyle};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The rule sets this build knows, by id.
const SETS: &[(&str, &str)] = &[
    ("party-hd36-2018", include_str!("sets/party-hd36-2018.yaml")),
    ("state-nd30-2020", include_str!("sets/state-nd30-2020.yaml")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    Party,
    State,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub id: String,
    pub name: String,
    pub regime: Regime,
    pub sources: BTreeMap<String, String>,
    pub page: Sourced<Page>,
    pub header: HeaderRules,
    pub number: NumberRules,
    #[serde(rename = "title")]
    pub title_rules: Option<TitleRules>,
    pub body: BodyRules,
    pub signature: SignatureRules,
    pub recipients: RecipientRules,
    pub appendix: AppendixRules,
    pub addressees: AddresseeRules,
    pub decision: DecisionRules,
    pub marks: MarkRules,
    pub geometry: GeometryRules,
    pub tables: TableRules,
    pub kinds: Vec<Kind>,
    styles: BTreeMap<Role, StyleRule>,
}

/// A section of a rule set that is a model type as it stands, beside the
/// sources it follows (the `source` key of the same YAML mapping).
#[derive(Debug)]
pub struct Sourced<T> {
    pub source: String,
    pub value: T,
}

impl<T> std::ops::Deref for Sourced<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Sourced<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        use serde_json::Value;
        let mut map = serde_json::Map::deserialize(d)?;
        let Some(Value::String(source)) = map.remove("source") else {
            return Err(D::Error::missing_field("source"));
        };
        let value = T::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(Sourced { source, value })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRules {
    pub source: String,
    pub left_width: f64,
    pub national_title: Vec<String>,
    /// Rule under the national title, as a fraction of its width.
    pub national_rule: Option<f64>,
    pub motto: Option<String>,
    pub motto_rule: Option<f64>,
    /// Rule under the issuer's name (State), as a fraction of its width.
    pub issuer_rule: Option<f64>,
    /// The mark under the issuer's name (Party `*`).
    pub star: Option<String>,
    /// Whether joint issuers (several bodies, one number) exist in this regime.
    pub joint: bool,
    /// Prefix of the subject line under the number (`V/v `).
    pub subject_prefix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRules {
    pub source: String,
    /// `{number}`, `{kind}` and `{issuer}` are filled in by [`format::number_line`].
    pub pattern: String,
    /// For kinds without an abbreviation (State công văn): `{unit}` is the
    /// drafting unit.
    #[serde(default)]
    pub pattern_without_kind: Option<String>,
    /// What stands for the number in an unnumbered draft.
    pub draft_blank: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRules {
    pub source: String,
    pub summary_rule: Option<f64>,
    pub separator: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyRules {
    pub source: String,
    pub end_mark: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureRules {
    pub source: String,
    pub right_width: f64,
    /// Blank space left for the signature and seal, in millimetres.
    pub space: f64,
    pub prefixes: Vec<SignPrefix>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignPrefix {
    pub prefix: String,
    pub meaning: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientRules {
    pub source: String,
    pub label: String,
    /// The first item when the document has `Kính gửi:`.
    pub as_addressed: String,
    pub item_end: String,
    pub last_end: String,
    /// `{archive}` is the archive holder named by the document.
    pub archive: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixRules {
    pub source: String,
    /// `{n}` is the appendix number in the rule set's numerals.
    pub label: String,
    pub numerals: Numerals,
    /// An appendix issued as a file of its own (electronic issue).
    pub separate: SeparateAppendix,
}

/// An appendix issued as a file of its own: the organisation signs it at
/// the top right of its first page, with no image (Nghị định 30, Phụ lục I).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparateAppendix {
    pub source: String,
    /// The box's lines: `{symbol}` is the document's số và ký hiệu; a line
    /// ending in `:` is left for the signing tool to fill.
    pub stamp: Vec<String>,
    /// The box's width (millimetres), at the right edge of the text.
    pub width: f64,
    /// Room under the box, above the appendix's label (millimetres).
    pub gap: f64,
    /// The file's name: `{stem}` the document's, `{n}` the appendix's
    /// number (Arabic).
    pub file: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddresseeRules {
    pub source: String,
    pub label: String,
    pub item_end: String,
    pub last_end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRules {
    pub source: String,
    /// Each căn cứ line ends with this, the last with `last_end`.
    pub item_end: String,
    pub last_end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkRules {
    pub source: String,
    pub urgency: BTreeMap<String, String>,
    pub secrecy: BTreeMap<String, String>,
    pub draft: String,
}

/// How tables' cells sit, by what their column holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRules {
    pub source: String,
    /// Headings of the serial-number column (`TT`, `STT`).
    pub serial: Vec<String>,
    pub serial_align: Align,
    /// A column whose body holds only figures.
    pub figures_align: Align,
    /// The first words of a total row, set in bold.
    pub totals: Vec<String>,
}

/// Blank space and lines that belong to no role (points; widths and
/// padding in millimetres).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeometryRules {
    pub source: String,
    pub header_gap: f64,
    pub addressees_gap: f64,
    pub closing_gap: f64,
    pub signers_gap: f64,
    pub recipients_gap: f64,
    /// Rules under the issuer, the national title and the motto.
    pub rule: RuleGeometry,
    /// The rule under a trích yếu (its width is the rule's).
    pub summary_rule: Clearance,
    pub table: crate::model::TableGeometry,
    pub frame: FrameRules,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleGeometry {
    pub stroke: f64,
    pub above: f64,
    pub below: f64,
}

/// Space from a line box's bottom to its rule, and from the rule on.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clearance {
    pub above: f64,
    pub below: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameRules {
    pub stroke: f64,
    pub gap: f64,
    /// Between the text and the frame, left and right (millimetres).
    pub padding: f64,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerals {
    Arabic,
    Roman,
}

/// A kind of document: its id in the input, its printed name, its
/// abbreviation, and the parts it has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: String,
    /// The type name printed as the title; none for công văn.
    #[serde(default)]
    pub name: Option<String>,
    /// The abbreviation in the number; none for a State công văn, whose
    /// number is issuer–unit.
    #[serde(default)]
    pub abbr: Option<String>,
    /// Whether it may carry `Kính gửi:`.
    #[serde(default)]
    pub addressees: bool,
    /// The line before the operative part (`QUYẾT ĐỊNH:`), for kinds that
    /// have an authority line and căn cứ.
    #[serde(default)]
    pub decision: Option<String>,
    /// Whether the trích yếu stands under the number (`V/v …`) instead of
    /// under a type name.
    #[serde(default)]
    pub subject_in_header: bool,
    /// Confidence of the abbreviation, when not read in the regulation.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct StyleRule {
    #[allow(dead_code)] // kept so that every style in the data names its source
    source: String,
    #[serde(flatten)]
    style: TextStyle,
}

impl RuleSet {
    /// The rule set with this id, parsed once per process.
    pub fn get(id: &str) -> Option<&'static RuleSet> {
        static LOADED: OnceLock<Vec<RuleSet>> = OnceLock::new();
        let sets = LOADED.get_or_init(|| {
            SETS.iter()
                .map(|(id, text)| parse(text).unwrap_or_else(|e| panic!("{id}: {e}")))
                .collect()
        });
        sets.iter().find(|s| s.id == id)
    }

    /// Ids of every rule set, for messages.
    pub fn ids() -> Vec<&'static str> {
        SETS.iter().map(|(id, _)| *id).collect()
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub fn prefix(&self, prefix: &str) -> Option<&SignPrefix> {
        self.signature.prefixes.iter().find(|p| p.prefix == prefix)
    }

    pub fn styles(&self) -> Styles {
        Styles(
            self.styles
                .iter()
                .map(|(role, rule)| (*role, rule.style.clone()))
                .collect(),
        )
    }

    pub fn style(&self, role: Role) -> &TextStyle {
        &self.styles[&role].style
    }
}

/// Parses a rule set and checks that it styles every role.
fn parse(text: &str) -> Result<RuleSet, String> {
    let set: RuleSet = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    for role in ALL_ROLES {
        if !set.styles.contains_key(role) {
            return Err(format!("no style for role {role:?}"));
        }
    }
    Ok(set)
}

/// Every role, so that a rule set missing one fails its test.
pub const ALL_ROLES: &[Role] = &[
    Role::NationalTitle,
    Role::Motto,
    Role::Superior,
    Role::Issuer,
    Role::Star,
    Role::Number,
    Role::Date,
    Role::DocType,
    Role::Summary,
    Role::Separator,
    Role::Body,
    Role::Part,
    Role::PartTitle,
    Role::Heading1,
    Role::Heading2,
    Role::Heading3,
    Role::NumberedBody,
    Role::Item,
    Role::TableCell,
    Role::TableHeader,
    Role::RecipientsLabel,
    Role::Recipient,
    Role::SignAuthority,
    Role::SignPosition,
    Role::SignName,
    Role::PageNumber,
    Role::Subject,
    Role::Mark,
    Role::Addressee,
    Role::Authority,
    Role::Basis,
    Role::Decision,
    Role::Article,
    Role::AppendixLabel,
    Role::AppendixTitle,
    Role::AppendixReference,
    Role::AppendixStamp,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_set_loads_and_styles_every_role() {
        for id in RuleSet::ids() {
            let set = RuleSet::get(id).expect(id);
            assert_eq!(set.id, id);
            assert_eq!(set.styles().0.len(), ALL_ROLES.len());
        }
    }

    #[test]
    fn party_sizes_are_the_guide_s() {
        let set = RuleSet::get("party-hd36-2018").unwrap();
        assert_eq!(set.style(Role::NationalTitle).size, 15.0);
        assert!(set.style(Role::NationalTitle).bold);
        assert_eq!(set.style(Role::Number).size, 14.0);
        assert!(set.style(Role::Date).italic);
        assert!(set.style(Role::RecipientsLabel).underline);
        assert_eq!(set.style(Role::Recipient).size, 12.0);
        assert_eq!(set.page.margin_left, 30.0);
        assert!(set.page.source.contains("[C] S10"), "{}", set.page.source);
    }

    /// The page section keeps its source apart from the model's page, and a
    /// misspelt or missing key is still refused.
    #[test]
    fn the_page_section_refuses_unknown_and_missing_keys() {
        let text = SETS[0].1;
        let misspelt = text.replacen("  margin_left:", "  margin_lft:", 1);
        let err = parse(&misspelt).unwrap_err();
        assert!(err.contains("margin_lft"), "{err}");
        let sourceless = text.replacen("  source: \"A4 [V]", "  note: \"A4 [V]", 1);
        assert_ne!(sourceless, text);
        let err = parse(&sourceless).unwrap_err();
        assert!(err.contains("source") || err.contains("note"), "{err}");
    }
}
