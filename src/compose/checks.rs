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
            crate::tr!(
                "không có bộ quy tắc `{}`",
                "unknown rule set `{}`",
                id.value
            ),
        )
        .field("rules")
        .code("VB101")
        .hint(crate::tr!(
            "các bộ quy tắc hiện có: {}",
            "the rule sets are: {}",
            RuleSet::ids().join(", ")
        ))
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
                crate::tr!(
                    "không có loại văn bản `{}` trong {}",
                    "`{}` is not a kind of document in {}",
                    id.value,
                    rules.id
                ),
            )
            .field("kind")
            .code("VB102");
        match by_abbr {
            Some(k) => err.hint(crate::tr!(
                "`{}` là chữ viết tắt của `{}`: hãy ghi `kind: {}`",
                "`{}` is the abbreviation of `{}`: write `kind: {}`",
                k.abbr.as_deref().unwrap_or_default(),
                k.id,
                k.id
            )),
            None => err.hint(crate::tr!(
                "các loại văn bản của {}: {}",
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
        .error_at(ErrorKind::Input, value, crate::tr!(
                "`{text}` không phải là ngày tháng hợp lệ",
                "`{text}` is not a date"
            ))
        .field("date")
        .code("VB103")
        .hint(crate::tr!(
            "ghi ngày tháng theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2023-01-03; bản dự thảo có thể để trống ngày: 2023-01",
            "write the date as YYYY-MM-DD, e.g. 2023-01-03; a draft may leave the day out: 2023-01",
        )))
}

/// Every signing prefix must belong to the rule set (`T/M` is Party, `TM.` is State).
pub fn signature(src: &Source, rules: &RuleSet, sig: &SignatureIn, path: &str) -> Result<()> {
    if let Some(prefix) = &sig.prefix {
        check_prefix(src, rules, prefix, &format!("{path}.prefix"))?;
        if sig.on_behalf.is_none() {
            return Err(src
                .error_at(
                    ErrorKind::Input,
                    prefix,
                    crate::tr!(
                        "sau `{}` phải ghi tên tập thể hoặc chức danh",
                        "`{}` needs what it signs for",
                        prefix.value
                    ),
                )
                .field(format!("{path}.on_behalf"))
                .code("VB105")
                .hint(crate::tr!(
                    "thêm `on_behalf:` (ví dụ `BAN THƯỜNG VỤ` sau T/M, `ỦY BAN NHÂN DÂN` sau TM.)",
                    "add `on_behalf:` (e.g. `BAN THƯỜNG VỤ` after T/M, `ỦY BAN NHÂN DÂN` after TM.)"
                )));
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
            crate::tr!(
                "`{}` không phải là quyền hạn ký theo {}",
                "`{}` is not a signing prefix of {}",
                prefix.value,
                rules.id
            ),
        )
        .field(path)
        .code("VB104")
        .hint(crate::tr!(
            "các quyền hạn ký theo {}: {}",
            "the prefixes of {} are: {}",
            rules.id,
            known.join(", ")
        ));
    if let Some(other) = other {
        err = err.hint(crate::tr!(
            "`{}` thuộc {}; văn bản này theo {}",
            "`{}` belongs to {}; this document follows {}",
            prefix.value,
            other.id,
            rules.id
        ));
    }
    Err(err)
}

/// The optional parts must exist for the kind and the rule set.
pub fn parts(src: &Source, rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Result<()> {
    addressees(src, rules, kind, doc)?;
    decision_parts(src, rules, kind, doc)?;
    co_issuers(src, rules, doc)?;
    marks(src, rules, doc)?;
    drafting_unit(src, kind, doc)?;
    signers(src, doc)?;
    Ok(())
}

/// `Kính gửi:` only on the kinds that have it.
fn addressees(src: &Source, rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Result<()> {
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
                crate::tr!(
                    "loại văn bản {} không có phần `Kính gửi:` theo {}",
                    "a {} has no `Kính gửi:` in {}",
                    kind.id,
                    rules.id
                ),
            )
            .field("addressees")
            .code("VB106")
            .hint(crate::tr!(
                "`Kính gửi:` chỉ dùng cho: {}; nơi nhận ghi dưới khóa `recipients`",
                "`Kính gửi:` is for: {}; the recipients go under `recipients`",
                with.join(", ")
            )));
    }
    Ok(())
}

/// An authority line and căn cứ only on decisions.
fn decision_parts(src: &Source, rules: &RuleSet, kind: &Kind, doc: &InputDoc) -> Result<()> {
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
                    crate::tr!(
                        "loại văn bản {} không có `{key}` theo {}",
                        "a {} has no `{key}` in {}",
                        kind.id,
                        rules.id
                    ),
                )
                .field(key)
                .code("VB107")
                .hint(crate::tr!(
                    "dòng thẩm quyền ban hành và phần căn cứ chỉ có ở: {}",
                    "an authority line and căn cứ belong to: {}",
                    with.join(", ")
                )));
        }
    }
    Ok(())
}

/// Joint issuers only where the rule set allows them.
fn co_issuers(src: &Source, rules: &RuleSet, doc: &InputDoc) -> Result<()> {
    if let Some(co) = &doc.co_issuers
        && !rules.header.joint
    {
        return Err(src
                .error_at(ErrorKind::Rule, co, crate::tr!(
                        "{} không cho phép nhiều cơ quan cùng ban hành một văn bản",
                        "{} has no joint issuers",
                        rules.id
                    ))
                .field("co_issuers")
                .code("VB108")
                .hint(crate::tr!(
                    "chỉ để một cơ quan ban hành, hoặc dùng bộ quy tắc của Đảng cho chương trình phối hợp",
                    "issue the document from one body, or use the Party rule set for a chương trình phối hợp"
                )));
    }
    Ok(())
}

/// Urgency and secrecy marks from the rule set's tables.
fn marks(src: &Source, rules: &RuleSet, doc: &InputDoc) -> Result<()> {
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
                    crate::tr!(
                        "`{}` không phải là mức hợp lệ của `{key}`",
                        "`{}` is not a mark of `{key}`",
                        v.value
                    ),
                )
                .field(key)
                .code("VB109")
                .hint(crate::tr!(
                    "ghi một trong các giá trị: {}",
                    "write one of: {}",
                    known.join(", ")
                )));
        }
    }
    Ok(())
}

/// A kind numbered with the drafting unit needs one.
fn drafting_unit(src: &Source, kind: &Kind, doc: &InputDoc) -> Result<()> {
    if kind.abbr.is_none() && doc.issuer.unit.is_none() {
        return Err(src
            .error_at(
                ErrorKind::Input,
                &doc.kind,
                crate::tr!(
                    "số và ký hiệu của loại văn bản {} phải có đơn vị soạn thảo",
                    "a {} is numbered with the drafting unit",
                    kind.id
                ),
            )
            .field("issuer.unit")
            .code("VB110")
            .hint(crate::tr!(
                "thêm `unit:` dưới `issuer` (ví dụ `unit: VP` cho ra `Số: 12/UBND-VP`)",
                "add `unit:` under `issuer` (e.g. `unit: VP` gives `Số: 12/UBND-VP`)"
            )));
    }
    Ok(())
}

/// One signer or several, not both.
fn signers(src: &Source, doc: &InputDoc) -> Result<()> {
    if doc.signature.is_some()
        && let Some(list) = &doc.signatures
    {
        return Err(src
            .error_at(
                ErrorKind::Input,
                list,
                crate::tr!(
                    "có cả `signature` lẫn `signatures`",
                    "both `signature` and `signatures` are given"
                ),
            )
            .field("signatures")
            .code("VB111")
            .hint(crate::tr!(
                "dùng `signature` khi có một người ký, `signatures` khi có nhiều người ký",
                "use `signature` for one signer, `signatures` for several"
            )));
    }
    Ok(())
}

/// The number: figures, or figures and a letter (`57b`).
pub fn number(
    src: &Source,
    number: Option<&Spanned<crate::input::NumberIn>>,
) -> Result<Option<crate::input::DocNumber>> {
    let Some(typed) = number else {
        return Ok(None);
    };
    let shown = match &typed.value {
        crate::input::NumberIn::Figures(n) => n.to_string(),
        crate::input::NumberIn::Text(t) => t.clone(),
    };
    typed.value.parse().map(Some).ok_or_else(|| {
        src.error_at(
            ErrorKind::Input,
            typed,
            crate::tr!(
                "`{shown}` không phải là số văn bản: cần số nguyên, hoặc số kèm một chữ cái (57b)",
                "`{shown}` is no document number: expected a whole number, or one with a letter after it (57b)"
            ),
        )
        .field("number")
        .hint(crate::input::number_hint())
    })
}
