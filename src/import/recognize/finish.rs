//! What is left once every part is read: lines that belong nowhere end the
//! body; a blank number or day is recovered from what the signing system
//! stamped; what is still missing gets a valid placeholder and a warning
//! naming the field to fill, so that the YAML always renders.

use super::Reader;
use super::stamp::StampKind;
use crate::input::{InputDoc, made};
use crate::rules::RuleSet;

pub(super) fn finish(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    for line in std::mem::take(&mut r.unplaced) {
        let escaped = super::body::body_line(r, &line, 0);
        let body = doc.body.get_or_insert_with(|| made(String::new()));
        if !body.value.is_empty() {
            body.value.push('\n');
        }
        body.value.push_str(&escaped);
    }
    super::number::recover(r, doc);
    if doc.kind.value.is_empty() {
        doc.kind = made("cong-van".into());
    }
    // A header's `V/v` makes a công văn; without one, say it was assumed.
    if doc.kind.value == "cong-van" && doc.summary.is_none() {
        r.warn(
            1,
            crate::tr!(
                "không thấy tên loại văn bản: tạm coi là công văn (kind: cong-van)",
                "no type name found: assumed a công văn (kind: cong-van)"
            ),
        );
    }
    unit(r, rules, doc);
    fit(r, rules, doc);
    if doc.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy tên cơ quan ban hành: hãy điền `issuer`",
                "no issuing body found: fill in `issuer`"
            ),
        );
    }
    date(r, doc);
}

/// The date: a day left blank (`ngày    tháng 3 năm 2026`) is the signing
/// day when the organisation's stamp has one in that month; no date line at
/// all leaves a draft's `YYYY-MM` (the stamp's month, or the latest year the
/// text names) and says so.
fn date(r: &mut Reader, doc: &mut InputDoc) {
    let signed = r
        .stamps
        .iter()
        .filter(|s| s.kind == StampKind::Organisation)
        .find_map(|s| s.day.clone());
    let date = doc.date.value.clone();
    if date.len() == 7 {
        if let Some(day) = signed.filter(|d| d.starts_with(&date)) {
            r.warn(
                1,
                crate::tr!(
                    "ngày ban hành để trống: lấy ngày ký số {day}, hãy kiểm tra `date`",
                    "the day is blank: the signing day {day} is taken; check `date`"
                ),
            );
            doc.date = made(day);
        }
        return;
    }
    if !date.is_empty() {
        return;
    }
    let placeholder = match signed {
        Some(day) => day[..7].to_string(),
        None => format!("{}-01", latest_year(r).unwrap_or(2000)),
    };
    r.warn(
        1,
        crate::tr!(
            "không thấy dòng địa danh, ngày tháng: đã để tạm `date: {placeholder}` (dự thảo chưa có ngày); hãy điền `date` và `place`",
            "no date line found: left `date: {placeholder}` (a draft's date) for now; fill in `date` and `place`"
        ),
    );
    doc.date = made(placeholder);
}

/// The latest year from 1945 to 2099 the text names.
fn latest_year(r: &Reader) -> Option<u32> {
    r.lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !c.is_ascii_digit()))
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .filter(|y| (1945..=2099).contains(y))
        .max()
}

/// A kind numbered with the drafting unit (a State công văn) needs one: a
/// placeholder, named.
fn unit(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let needs = rules
        .kind(&doc.kind.value)
        .is_some_and(|k| k.abbr.is_none() && rules.number.pattern_without_kind.is_some());
    if needs && doc.issuer.unit.is_none() {
        r.warn(
            1,
            crate::tr!(
                "không thấy đơn vị soạn thảo trong dòng số: đã để tạm `issuer.unit: VP`, hãy sửa",
                "no drafting unit found in the number line: left `issuer.unit: VP` for now; correct it"
            ),
        );
        doc.issuer.unit = Some("VP".into());
    }
}

/// Parts the kind or the rule set has no place for (a `Kính gửi:` on a
/// nghị quyết, căn cứ on a kế hoạch, joint issuers under the State rules):
/// their text goes to the start of the body, said, so that the YAML renders.
fn fit(r: &mut Reader, rules: &RuleSet, doc: &mut InputDoc) {
    let Some(kind) = rules.kind(&doc.kind.value) else {
        return;
    };
    let mut moved: Vec<String> = Vec::new();
    if let Some(addressees) = doc.addressees.take() {
        if kind.addressees && !addressees.value.is_empty() {
            doc.addressees = Some(addressees);
        } else if !addressees.value.is_empty() {
            moved.push(format!("Kính gửi: {}", addressees.value.join(", ")));
        }
    }
    if kind.decision.is_none() {
        moved.extend(doc.authority.take().map(|a| a.value));
        moved.extend(doc.bases.take().map(|b| b.value).unwrap_or_default());
    }
    if !rules.header.joint {
        let joint = doc.co_issuers.take().map(|c| c.value).unwrap_or_default();
        moved.extend(joint.into_iter().map(|i| i.name));
    }
    if moved.is_empty() {
        return;
    }
    r.warn(
        1,
        crate::tr!(
            "{} không có chỗ cho các dòng sau trong bộ quy tắc {}: đã đưa vào đầu phần nội dung: {}",
            "a {} has no place for these lines under {}: put at the start of the body: {}",
            kind.id,
            rules.id,
            moved.join(" / ")
        ),
    );
    let mut lines: Vec<String> = moved
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| super::body::body_line(r, l.trim(), 0))
        .collect();
    let body = doc.body.get_or_insert_with(|| made(String::new()));
    if !body.value.is_empty() {
        lines.push(std::mem::take(&mut body.value));
    }
    body.value = lines.join("\n");
}
