//! Checks made while building: each breaks a rule of the rule set, and each
//! points at the value that breaks it.

use crate::error::{ErrorKind, Result};
use crate::input::{InputDoc, SignatureIn, Source};
use crate::rules::format::DocDate;
use crate::rules::{Kind, RuleSet};
use serde_saphyr::Spanned;

pub fn rule_set(src: &Source, id: &Spanned<String>) -> Result<&'static RuleSet> {
    RuleSet::get(&id.value).ok_or_else(|| {
        src.error_at(
            ErrorKind::Rule,
            id,
            format!("unknown rule set `{}`", id.value),
        )
        .field("rules")
        .code("VB101")
        .hint(format!("the rule sets are: {}", RuleSet::ids().join(", ")))
    })
}

/// The kind must exist in the rule set; an abbreviation typed as the kind is
/// pointed out (the abbreviation always comes from the kind).
pub fn kind<'r>(src: &Source, rules: &'r RuleSet, id: &Spanned<String>) -> Result<&'r Kind> {
    rules.kind(&id.value).ok_or_else(|| {
        let known: Vec<&str> = rules.kinds.iter().map(|k| k.id.as_str()).collect();
        let by_abbr = rules.kinds.iter().find(|k| {
            k.abbr
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case(&id.value))
        });
        let err = src
            .error_at(
                ErrorKind::Rule,
                id,
                format!("`{}` is not a kind of document in {}", id.value, rules.id),
            )
            .field("kind")
            .code("VB102");
        match by_abbr {
            Some(k) => err.hint(format!(
                "`{}` is the abbreviation of `{}`: write `kind: {}`",
                k.abbr.as_deref().unwrap_or_default(),
                k.id,
                k.id
            )),
            None => err.hint(format!(
                "the kinds of {} are: {}",
                rules.id,
                known.join(", ")
            )),
        }
    })
}

/// `2023-01-03`, or `2023-01` for a draft whose day is left blank.
pub fn date(src: &Source, value: &Spanned<String>) -> Result<DocDate> {
    use chrono::Datelike;
    let text = value.value.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(DocDate {
            year: d.year(),
            month: d.month(),
            day: Some(d.day()),
        });
    }
    let month = chrono::NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d");
    if let (Ok(d), 7) = (month, text.len()) {
        return Ok(DocDate {
            year: d.year(),
            month: d.month(),
            day: None,
        });
    }
    Err(src
        .error_at(ErrorKind::Input, value, format!("`{text}` is not a date"))
        .field("date")
        .code("VB103")
        .hint(
            "write the date as YYYY-MM-DD, e.g. 2023-01-03; a draft may leave the day out: 2023-01",
        ))
}

/// Every signing prefix must belong to the rule set (`T/M` is Party, `TM.` is State).
pub fn signature(src: &Source, rules: &RuleSet, sig: &SignatureIn, path: &str) -> Result<()> {
    if let Some(prefix) = &sig.prefix {
        check_prefix(src, rules, prefix, &format!("{path}.prefix"))?;
        if sig.on_behalf.is_none() {
            return Err(src
                .error_at(ErrorKind::Input, prefix, format!("`{}` needs what it signs for", prefix.value))
                .field(format!("{path}.on_behalf"))
                .code("VB105")
                .hint("add `on_behalf:` (e.g. `BAN THƯỜNG VỤ` after T/M, `ỦY BAN NHÂN DÂN` after TM.)"));
        }
    }
    if let Some(then) = &sig.then {
        check_prefix(src, rules, &then.prefix, &format!("{path}.then.prefix"))?;
    }
    Ok(())
}

fn check_prefix(src: &Source, rules: &RuleSet, prefix: &Spanned<String>, path: &str) -> Result<()> {
    if rules.prefix(&prefix.value).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = rules
        .signature
        .prefixes
        .iter()
        .map(|p| p.prefix.as_str())
        .collect();
    let other = RuleSet::ids()
        .into_iter()
        .filter_map(RuleSet::get)
        .find(|r| r.id != rules.id && r.prefix(&prefix.value).is_some());
    let mut err = src
        .error_at(
            ErrorKind::Rule,
            prefix,
            format!("`{}` is not a signing prefix of {}", prefix.value, rules.id),
        )
        .field(path)
        .code("VB104")
        .hint(format!(
            "the prefixes of {} are: {}",
            rules.id,
            known.join(", ")
        ));
    if let Some(other) = other {
        err = err.hint(format!(
            "`{}` belongs to {}; this document follows {}",
            prefix.value, other.id, rules.id
        ));
    }
    Err(err)
}

/// The optional parts must exist for the kind and the rule set.
pub fn parts(src: &Source, rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Result<()> {
    if let Some(addressees) = &doc.addressees
        && !kind.addressees
    {
        let with: Vec<&str> = rules
            .kinds
            .iter()
            .filter(|k| k.addressees)
            .map(|k| k.id.as_str())
            .collect();
        return Err(src
            .error_at(
                ErrorKind::Rule,
                addressees,
                format!("a {} has no `Kính gửi:` in {}", kind.id, rules.id),
            )
            .field("addressees")
            .code("VB106")
            .hint(format!(
                "`Kính gửi:` is for: {}; the recipients go under `recipients`",
                with.join(", ")
            )));
    }
    if kind.decision.is_none() {
        let located = [
            doc.authority.as_ref().map(|a| (a.referenced, "authority")),
            doc.bases.as_ref().map(|b| (b.referenced, "bases")),
        ];
        if let Some((at, key)) = located.into_iter().flatten().next() {
            let with: Vec<&str> = rules
                .kinds
                .iter()
                .filter(|k| k.decision.is_some())
                .map(|k| k.id.as_str())
                .collect();
            return Err(src
                .error_at_location(
                    ErrorKind::Rule,
                    at,
                    format!("a {} has no `{key}` in {}", kind.id, rules.id),
                )
                .field(key)
                .code("VB107")
                .hint(format!(
                    "an authority line and căn cứ belong to: {}",
                    with.join(", ")
                )));
        }
    }
    if let Some(co) = &doc.co_issuers
        && !rules.header.joint
    {
        return Err(src
                .error_at(ErrorKind::Rule, co, format!("{} has no joint issuers", rules.id))
                .field("co_issuers")
                .code("VB108")
                .hint("issue the document from one body, or use the Party rule set for a chương trình phối hợp"));
    }
    for (value, table, key) in [
        (&doc.urgency, &rules.marks.urgency, "urgency"),
        (&doc.secrecy, &rules.marks.secrecy, "secrecy"),
    ] {
        if let Some(v) = value
            && !table.contains_key(&v.value)
        {
            let known: Vec<&str> = table.keys().map(String::as_str).collect();
            return Err(src
                .error_at(
                    ErrorKind::Input,
                    v,
                    format!("`{}` is not a mark of `{key}`", v.value),
                )
                .field(key)
                .code("VB109")
                .hint(format!("write one of: {}", known.join(", "))));
        }
    }
    if kind.abbr.is_none() && doc.issuer.unit.is_none() {
        return Err(src
            .error_at(
                ErrorKind::Input,
                &doc.kind,
                format!("a {} is numbered with the drafting unit", kind.id),
            )
            .field("issuer.unit")
            .code("VB110")
            .hint("add `unit:` under `issuer` (e.g. `unit: VP` gives `Số: 12/UBND-VP`)"));
    }
    if doc.signature.is_some()
        && let Some(list) = &doc.signatures
    {
        return Err(src
            .error_at(
                ErrorKind::Input,
                list,
                "both `signature` and `signatures` are given",
            )
            .field("signatures")
            .code("VB111")
            .hint("use `signature` for one signer, `signatures` for several"));
    }
    Ok(())
}
