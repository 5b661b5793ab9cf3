//! Recognising the parts of a draft, line by line: header, title, căn cứ,
//! Kính gửi, body, recipients, signatures, appendices. What cannot be placed
//! stays in the body and is reported, never dropped.

use super::read::DraftLine;
use super::{
    Draft, DraftAppendix, DraftIssuer, DraftRecipient, DraftRecipients, DraftSignature, Warning,
};
use crate::rules::format::{POINT_LETTERS, parse_roman};
use crate::rules::{Regime, RuleSet};

const PARTY_TITLE: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
const STATE_TITLES: &[&str] = &[
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
];
const MOTTO: &str = "ĐỘC LẬP - TỰ DO - HẠNH PHÚC";

/// The recogniser's state: the lines, where it is, what it found.
struct Reader<'a> {
    lines: &'a [DraftLine],
    at: usize,
    warnings: Vec<Warning>,
    /// Lines found after the body that belong nowhere: never dropped, they
    /// end the body.
    unplaced: Vec<String>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&DraftLine> {
        self.lines[self.at..].iter().find(|l| !l.blank)
    }

    /// The next non-blank line, consumed.
    fn next(&mut self) -> Option<DraftLine> {
        while let Some(line) = self.lines.get(self.at) {
            self.at += 1;
            if !line.blank {
                return Some(line.clone());
            }
        }
        None
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }
}

fn upper(text: &str) -> String {
    text.to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && text.to_uppercase() == text
}

/// The whole draft.
pub fn recognize(lines: &[DraftLine]) -> (Draft, Vec<Warning>) {
    let mut r = Reader {
        lines,
        at: 0,
        warnings: Vec::new(),
        unplaced: Vec::new(),
    };
    let regime = regime(lines);
    let rules = RuleSet::get(match regime {
        Some(Regime::State) => "state-nd30-2020",
        _ => "party-hd36-2018",
    })
    .expect("built-in rule sets");
    let mut draft = Draft {
        rules: rules.id.clone(),
        ..Draft::default()
    };
    let title_at = lines.iter().position(|l| kind_of(rules, &l.text).is_some());
    if regime.is_none() {
        r.warn(
            1,
            crate::tr!(
                "không thấy Quốc hiệu hay dòng `ĐẢNG CỘNG SẢN VIỆT NAM`: tạm dùng bộ quy tắc {}",
                "no national title found: assumed the rules {}",
                rules.id
            ),
        );
    }
    header(&mut r, rules, &mut draft, title_at);
    title(&mut r, rules, &mut draft);
    front(&mut r, rules, &mut draft);
    body(&mut r, rules, &mut draft);
    closing(&mut r, rules, &mut draft);
    appendices(&mut r, &mut draft);
    for line in std::mem::take(&mut r.unplaced) {
        let escaped = body_line(&mut r, &line, 0);
        draft.body = if draft.body.is_empty() {
            escaped
        } else {
            format!("{}\n{escaped}", draft.body)
        };
    }
    if draft.kind.is_empty() {
        draft.kind = "cong-van".into();
        r.warn(
            1,
            crate::tr!(
                "không thấy tên loại văn bản: tạm coi là công văn (kind: cong-van)",
                "no type name found: assumed a công văn (kind: cong-van)"
            ),
        );
    }
    if draft.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy tên cơ quan ban hành: hãy điền `issuer`",
                "no issuing body found: fill in `issuer`"
            ),
        );
    }
    if draft.date.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy dòng địa danh, ngày tháng: hãy điền `date` và `place`",
                "no date line found: fill in `date` and `place`"
            ),
        );
    }
    (draft, r.warnings)
}

fn regime(lines: &[DraftLine]) -> Option<Regime> {
    for line in lines.iter().take(20) {
        let text = upper(&line.text);
        if text == PARTY_TITLE {
            return Some(Regime::Party);
        }
        if STATE_TITLES.contains(&text.as_str()) || text == MOTTO {
            return Some(Regime::State);
        }
        if let Some(rest) = line.text.trim().strip_prefix("Số") {
            let rest = rest.trim_start_matches(':').trim();
            if let Some((left, _)) = rest.split_once('/') {
                return Some(if left.contains('-') {
                    Regime::Party
                } else {
                    Regime::State
                });
            }
        }
    }
    None
}

fn kind_of<'r>(rules: &'r RuleSet, text: &str) -> Option<&'r crate::rules::Kind> {
    let text = upper(text);
    rules
        .kinds
        .iter()
        .find(|k| k.name.as_deref() == Some(text.as_str()))
}

/// Everything before the type name (or, without one, before `Kính gửi` or the
/// first paragraph): issuers, number, date, subject, marks.
fn header(r: &mut Reader, rules: &RuleSet, draft: &mut Draft, title_at: Option<usize>) {
    let end = title_at.unwrap_or_else(|| header_end(r.lines));
    let mut names: Vec<DraftLine> = Vec::new();
    while r.at < end {
        let Some(line) = r.next() else { break };
        if r.at > end {
            r.at -= 1;
            break;
        }
        let text = line.text.trim().to_string();
        let up = upper(&text);
        if up == PARTY_TITLE || STATE_TITLES.contains(&up.as_str()) || up == MOTTO || is_rule(&text)
        {
            continue;
        }
        if text == "*" {
            names.push(line);
            continue;
        }
        if let Some(rest) = text.strip_prefix("Số") {
            number(r, rules, draft, rest, line.no);
        } else if let Some((place, date)) = date_line(&text) {
            draft.place = place;
            draft.date = date.0;
            if date.1 {
                r.warn(
                    line.no,
                    crate::tr!(
                        "ngày tháng đang viết `{text}`: vanban sẽ viết lại dòng ngày tháng theo đúng quy định",
                        "date written `{text}`: vanban writes the date line by the rules"
                    ),
                );
            }
        } else if let Some(subject) = text
            .strip_prefix("V/v")
            .or_else(|| text.strip_prefix("Về việc"))
        {
            draft.summary = Some(subject.trim().to_string());
        } else if let Some(key) = mark(rules, &up, "urgency") {
            draft.urgency = Some(key);
        } else if let Some(key) = mark(rules, &up, "secrecy") {
            draft.secrecy = Some(key);
        } else if up.starts_with(&upper(&rules.marks.draft)) {
            draft.draft = true;
        } else if is_upper(&text) && !numbered(&text) {
            names.push(line);
        } else if draft.summary.is_some() && line.italic {
            // A công văn subject wrapped over two lines.
            let summary = draft.summary.take().unwrap_or_default();
            draft.summary = Some(format!("{summary} {text}"));
        } else {
            r.warn(
                line.no,
                crate::tr!(
                    "không xếp được vào phần đầu văn bản, giữ lại trong phần nội dung: {text}",
                    "not placed in the header, kept in the body: {text}"
                ),
            );
            r.at -= 1;
            break;
        }
    }
    issuers(r, rules, draft, names);
}

/// Without a type name, the header ends before the first line that is
/// neither upper case nor a header line.
fn header_end(lines: &[DraftLine]) -> usize {
    lines
        .iter()
        .position(|l| {
            let t = l.text.trim();
            !l.blank
                && (!is_upper(t) || numbered(t))
                && !t.starts_with("Số")
                && date_line(t).is_none()
                && !t.starts_with("V/v")
                && t != "*"
                && upper(t) != MOTTO
                && !is_rule(t)
        })
        .unwrap_or(lines.len())
}

/// A line that starts with an outline number (`I.`, `1.`, `a)`) belongs to the body.
fn numbered(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    head.strip_suffix('.')
        .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
        || head
            .strip_suffix(')')
            .is_some_and(|n| n.parse::<u32>().is_ok() || POINT_LETTERS.contains(&n))
}

fn is_rule(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| matches!(c, '-' | '_' | '='))
}

fn mark(rules: &RuleSet, up: &str, which: &str) -> Option<String> {
    let table = if which == "urgency" {
        &rules.marks.urgency
    } else {
        &rules.marks.secrecy
    };
    table
        .iter()
        .find(|(_, v)| upper(v) == up)
        .map(|(k, _)| k.clone())
}

/// The upper-case lines of the header: superior over issuer, several issuers
/// for a joint document. DOCX styles say which is which; in plain text the
/// first line is the superior, unless it and the next make one name
/// (`ỦY BAN NHÂN DÂN` / `XÃ BÌNH AN`).
fn issuers(r: &mut Reader, rules: &RuleSet, draft: &mut Draft, names: Vec<DraftLine>) {
    let had_star = names.iter().any(|l| l.text.trim() == "*");
    let names: Vec<DraftLine> = names.into_iter().filter(|l| l.text.trim() != "*").collect();
    if rules.header.star.is_some() && !had_star && !names.is_empty() {
        r.warn(
            names[0].no,
            crate::tr!(
                "thiếu dấu `*` dưới tên cơ quan ban hành: vanban sẽ tự thêm",
                "no `*` under the issuer: vanban adds it"
            ),
        );
    }
    let styled = names.iter().any(|l| l.style.is_some());
    let mut blocks: Vec<DraftIssuer> = Vec::new();
    if styled {
        let mut superior = None;
        for line in &names {
            match line.style.as_deref() {
                Some("vbSuperior") => superior = Some(line.text.clone()),
                _ => blocks.push(DraftIssuer {
                    superior: superior.take(),
                    name: line.text.clone(),
                    ..DraftIssuer::default()
                }),
            }
        }
    } else {
        let texts: Vec<String> = names.iter().map(|l| l.text.trim().to_string()).collect();
        let joined_name = texts.len() == 2
            && ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"]
                .contains(&upper(&texts[0]).as_str());
        match texts.len() {
            0 => {}
            1 => blocks.push(DraftIssuer {
                name: texts[0].clone(),
                ..DraftIssuer::default()
            }),
            _ if joined_name => blocks.push(DraftIssuer {
                name: texts.join("\n"),
                ..DraftIssuer::default()
            }),
            _ => {
                blocks.push(DraftIssuer {
                    superior: Some(texts[0].clone()),
                    name: texts[1].clone(),
                    ..DraftIssuer::default()
                });
                for extra in &texts[2..] {
                    blocks.push(DraftIssuer {
                        name: extra.clone(),
                        ..DraftIssuer::default()
                    });
                }
            }
        }
    }
    // Abbreviations come from the number line (issuer, then co-issuers).
    let abbrs = std::mem::take(&mut draft.issuer_abbrs);
    for (i, block) in blocks.iter_mut().enumerate() {
        block.abbr = abbrs.get(i).cloned().unwrap_or_default();
    }
    let mut blocks = blocks.into_iter();
    if let Some(lead) = blocks.next() {
        draft.issuer = DraftIssuer {
            unit: draft.issuer.unit.take(),
            ..lead
        };
    }
    draft.co_issuers = blocks.collect();
    if draft.issuer.abbr.is_empty() && !draft.issuer.name.is_empty() {
        r.warn(
            1,
            crate::tr!(
                "không thấy chữ viết tắt tên cơ quan trong dòng số và ký hiệu: hãy điền `issuer.abbr`",
                "no issuer abbreviation found in the number line: fill in `issuer.abbr`"
            ),
        );
    }
}

/// `Số 44-HD/BTGHU`, `Số: 05/QĐ-UBND`, `Số: 12/UBND-VP`, or a draft's blank.
fn number(r: &mut Reader, rules: &RuleSet, draft: &mut Draft, rest: &str, no: usize) {
    let colon = rest.trim_start().starts_with(':');
    let rest = rest.trim_start().trim_start_matches(':').trim();
    if colon && rules.regime == Regime::Party {
        r.warn(
            no,
            crate::tr!(
                "`Số:` có dấu hai chấm trong văn bản của Đảng: số văn bản của Đảng không có dấu hai chấm (đã sửa)",
                "`Số:` with a colon in a Party document: Party numbers have none (fixed)"
            ),
        );
    }
    let Some((left, right)) = rest.split_once('/') else {
        r.warn(
            no,
            crate::tr!(
                "không hiểu được dòng số và ký hiệu: Số {rest}",
                "number line not understood: Số {rest}"
            ),
        );
        return;
    };
    let digits = |s: &str| s.trim().parse::<u32>().ok();
    match rules.regime {
        Regime::Party => {
            let (n, kind) = left.split_once('-').unwrap_or(("", left));
            draft.number = digits(n);
            draft.kind_abbr = Some(kind.trim().to_string());
            draft.issuer_abbrs = right.split('-').map(|s| s.trim().to_string()).collect();
        }
        Regime::State => {
            let mut right = right.to_string();
            // `05/2024/QĐ-UBND`: the year of a normative document, not of an administrative one.
            if let Some((year, after)) = right.split_once('/')
                && year.len() == 4
                && year.chars().all(|c| c.is_ascii_digit())
            {
                r.warn(
                    no,
                    crate::tr!(
                        "số của văn bản hành chính có ghi năm ({year}): theo NĐ 30 số văn bản không ghi năm (đã bỏ)",
                        "a year ({year}) in an administrative number: NĐ 30 numbers have none (dropped)"
                    ),
                );
                right = after.to_string();
            }
            draft.number = digits(left);
            let (first, second) = right.split_once('-').unwrap_or((&right, ""));
            let is_kind = rules
                .kinds
                .iter()
                .any(|k| k.abbr.as_deref() == Some(first.trim()));
            if is_kind {
                draft.kind_abbr = Some(first.trim().to_string());
                draft.issuer_abbrs = vec![second.trim().to_string()];
            } else {
                draft.issuer_abbrs = vec![first.trim().to_string()];
                draft.issuer.unit = Some(second.trim().to_string()).filter(|s| !s.is_empty());
            }
        }
    }
}

/// `Tây Sơn, ngày 03 tháng 01 năm 2023`, or a date typed as `7/2/2026`:
/// (place, (ISO date, typed in a form vanban rewrites)).
fn date_line(text: &str) -> Option<(String, (String, bool))> {
    let (place, rest) = match text.split_once(',') {
        Some((p, rest)) if !p.contains("ngày") => (p.trim().to_string(), rest.trim()),
        _ => (String::new(), text.trim()),
    };
    let lower = rest.to_lowercase();
    // Each word after the one before it: `năm` may also come earlier (a place
    // such as `Năm Căn` with no comma), and the first `tháng` may come before
    // `ngày`.
    let after = |from: usize, word: &str| lower[from..].find(word).map(|i| from + i);
    if let Some(n) = after(0, "ngày")
        && let Some(m) = after(n + "ngày".len(), "tháng")
        && let Some(y) = after(m + "tháng".len(), "năm")
    {
        let day = lower[n + "ngày".len()..m].trim().trim_matches('.');
        let month = lower[m + "tháng".len()..y].trim();
        let year: String = lower[y + "năm".len()..]
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (month, year) = (month.parse::<u32>().ok()?, year.parse::<i32>().ok()?);
        if !(1..=12).contains(&month) {
            return None;
        }
        let typed_well = |d: &str| d.len() == 2 || d.is_empty();
        let month_typed = &lower[m + "tháng".len()..y].trim().to_string();
        let padded_ok = (month <= 2) == (month_typed.len() == 2);
        return Some(match day.parse::<u32>().ok() {
            Some(d) => (
                place,
                (
                    format!("{year:04}-{month:02}-{d:02}"),
                    !typed_well(day) || !padded_ok,
                ),
            ),
            None => (place, (format!("{year:04}-{month:02}"), false)),
        });
    }
    // `Hà Nội, 7/2/2026`
    let parts: Vec<&str> = rest.split('/').map(str::trim).collect();
    if parts.len() == 3 && !place.is_empty() {
        let (d, m, y) = (
            parts[0].parse::<u32>().ok()?,
            parts[1].parse::<u32>().ok()?,
            parts[2].parse::<i32>().ok()?,
        );
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((place, (format!("{y:04}-{m:02}-{d:02}"), true)));
    }
    None
}

/// The type name, the trích yếu (and its separator), a decision's authority line.
fn title(r: &mut Reader, rules: &RuleSet, draft: &mut Draft) {
    let Some(line) = r.peek().cloned() else {
        return;
    };
    let Some(kind) = kind_of(rules, &line.text) else {
        return;
    };
    r.next();
    draft.kind = kind.id.clone();
    if let (Some(typed), Some(abbr)) = (&draft.kind_abbr, &kind.abbr)
        && typed != abbr
    {
        r.warn(
            line.no,
            crate::tr!(
                "dòng số ghi `{typed}` nhưng chữ viết tắt của tên loại `{}` là `{abbr}`: vanban dùng `{abbr}`",
                "the number says `{typed}` but the type name `{}` is `{abbr}`: vanban uses `{abbr}`",
                line.text
            ),
        );
    }
    let mut summary: Vec<String> = Vec::new();
    while let Some(next) = r.peek().cloned() {
        let text = next.text.trim();
        let styled = next.style.as_deref() == Some("vbSummary");
        let first =
            summary.is_empty() && next.style.is_none() && !is_upper(text) && !starts_body(text);
        let continues = !summary.is_empty()
            && next.style.is_none()
            && text.chars().next().is_some_and(char::is_lowercase);
        if styled || first || continues {
            summary.push(text.to_string());
            r.next();
        } else {
            break;
        }
    }
    if !summary.is_empty() {
        draft.summary = Some(summary.join(" "));
    }
    if r.peek().is_some_and(|l| is_rule(l.text.trim())) {
        r.next();
    }
    if kind.decision.is_some()
        && let Some(next) = r.peek().cloned()
        && is_upper(&next.text)
        && kind.decision.as_deref().map(upper) != Some(upper(&next.text))
    {
        draft.authority = Some(next.text.trim().to_string());
        r.next();
    }
}

fn starts_body(text: &str) -> bool {
    ["Căn cứ", "Kính gửi", "Thực hiện", "Xét ", "Theo đề nghị"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// Căn cứ lines and the decision line; `Kính gửi:` and its addressees.
fn front(r: &mut Reader, rules: &RuleSet, draft: &mut Draft) {
    let decision = rules.kind(&draft.kind).and_then(|k| k.decision.clone());
    let mut bases = Vec::new();
    while let Some(line) = r.peek().cloned() {
        let text = line.text.trim();
        if decision.is_some()
            && (["Căn cứ", "Xét ", "Theo đề nghị"]
                .iter()
                .any(|p| text.starts_with(p)))
        {
            bases.push(text.trim_end_matches([';', '.', ',']).to_string());
            r.next();
        } else if decision.as_deref().is_some_and(|d| upper(d) == upper(text)) {
            r.next();
            break;
        } else if let Some(rest) = text.strip_prefix("Kính gửi") {
            r.next();
            let rest = rest.trim_start_matches(':').trim();
            let mut items: Vec<String> = Vec::new();
            if !rest.is_empty() {
                items.push(rest.to_string());
            }
            // One addressee in the cell beside the label (a DOCX layout table).
            if items.is_empty()
                && let Some(next) = r
                    .peek()
                    .cloned()
                    .filter(|l| l.cell && !l.text.trim().starts_with('-'))
            {
                items.push(next.text.trim().to_string());
                r.next();
            }
            // Several addressees are `-` lines; one stays on the label's line.
            if items.first().is_none_or(|i| i.starts_with('-')) {
                while let Some(next) = r.peek().cloned().filter(|l| l.text.trim().starts_with('-'))
                {
                    items.push(next.text.trim().to_string());
                    r.next();
                }
            }
            draft.addressees = Some(
                items
                    .iter()
                    .map(|i| {
                        i.trim_start_matches('-')
                            .trim()
                            .trim_end_matches([';', ',', '.'])
                            .to_string()
                    })
                    .collect(),
            );
        } else {
            break;
        }
    }
    if !bases.is_empty() {
        draft.bases = Some(bases);
    }
}

/// The body: every line up to `Nơi nhận:` (or the signature, or an
/// appendix), in vanban's markup.
fn body(r: &mut Reader, rules: &RuleSet, draft: &mut Draft) {
    let mut lines: Vec<String> = Vec::new();
    while let Some(line) = r.peek().cloned() {
        let text = line.text.trim();
        // A layout table's cell after the body is the closing (a DOCX).
        if text.starts_with("Nơi nhận")
            || is_appendix_label(text)
            || is_signature_start(text)
            || line.cell
        {
            break;
        }
        r.next();
        lines.push(body_line(r, text, line.no));
    }
    if let Some(mark) = &rules.body.end_mark {
        let last = lines.iter_mut().rev().find(|l| !l.starts_with('|'));
        match last {
            Some(last)
                if last.ends_with(mark.as_str())
                    || last.ends_with(&mark[1..]) && mark.starts_with('.') =>
            {
                let cut = if last.ends_with(mark.as_str()) {
                    mark.len()
                } else {
                    mark.len() - 1
                };
                last.truncate(last.len() - cut);
                if !last.ends_with('.') && mark.starts_with('.') && cut == mark.len() {
                    // `… năm 2023./.`: the sentence's own full stop stays.
                    last.push('.');
                }
            }
            _ => draft.end_mark = Some(false),
        }
    }
    draft.body = lines.join("\n");
}

/// One body line in the markup: typed numbering kept (`1)` becomes `1.`),
/// bullets as `-`, and anything that would read as markup escaped.
fn body_line(r: &mut Reader, text: &str, no: usize) -> String {
    if text.starts_with('|') {
        return text.to_string();
    }
    if let Some(rest) = text.strip_prefix('•').or_else(|| text.strip_prefix('●')) {
        r.warn(
            no,
            crate::tr!(
                "gạch đầu dòng gõ bằng `•`: đã viết lại thành `-`",
                "a bullet typed as `•`: written as `-`"
            ),
        );
        return format!("- {}", rest.trim());
    }
    if let Some((head, rest)) = text.split_once(' ')
        && let Some(digits) = head.strip_suffix(')')
        && digits.parse::<u32>().is_ok()
    {
        r.warn(
            no,
            crate::tr!(
                "số thứ tự gõ là `{head}`: khoản được đánh số `{digits}.`",
                "numbering typed `{head}`: a khoản is numbered `{digits}.`"
            ),
        );
        return format!("{digits}. {rest}");
    }
    if let Some((head, _)) = text.split_once(' ') {
        let numbered = head
            .strip_suffix('.')
            .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
            || head
                .strip_suffix(')')
                .is_some_and(|l| POINT_LETTERS.contains(&l));
        if numbered || head == "-" || head == "+" || text.starts_with("Điều ") {
            return text.to_string();
        }
    }
    if text.starts_with(['#', '|', '\\', '§', '-', '+']) {
        return format!("\\{text}");
    }
    text.to_string()
}

fn is_appendix_label(text: &str) -> bool {
    let t = upper(text);
    t == "PHỤ LỤC"
        || t.strip_prefix("PHỤ LỤC ")
            .is_some_and(|n| n.parse::<u32>().is_ok() || parse_roman(n).is_some())
}

fn is_signature_start(text: &str) -> bool {
    [
        "T/M ", "K/T ", "T/L ", "T/U ", "TM. ", "KT. ", "TL. ", "TUQ. ",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}

/// `Nơi nhận:` and its items; the signature blocks.
fn closing(r: &mut Reader, rules: &RuleSet, draft: &mut Draft) {
    let mut blocks: Vec<Vec<DraftLine>> = vec![Vec::new()];
    while let Some(line) = r.lines.get(r.at) {
        let text = line.text.trim();
        if is_appendix_label(text) {
            break;
        }
        // Recipients come before the signature, or after several signatures.
        if text.starts_with("Nơi nhận") {
            r.at += 1;
            recipients(r, rules, draft);
            continue;
        }
        r.at += 1;
        if line.blank {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else {
            blocks.last_mut().expect("a block").push(line.clone());
        }
    }
    signatures(r, rules, draft, blocks);
}

/// The items under `Nơi nhận:`: `-` lines, a wrapped item joined to its
/// line, the archive line last.
fn recipients(r: &mut Reader, rules: &RuleSet, draft: &mut Draft) {
    let mut items: Vec<(usize, String)> = Vec::new();
    while let Some(line) = r.lines.get(r.at) {
        let text = line.text.trim().to_string();
        if line.blank || is_signature_start(&text) || is_upper(&text) {
            break;
        }
        r.at += 1;
        match text.strip_prefix('-') {
            Some(item) => items.push((line.no, item.trim().to_string())),
            None => match items.last_mut() {
                Some((_, last)) => *last = format!("{last} {text}"),
                None => items.push((line.no, text)),
            },
        }
    }
    let mut recipients = DraftRecipients::default();
    let last = items.len().saturating_sub(1);
    for (i, (no, item)) in items.into_iter().enumerate() {
        let item = item.trim_end_matches([',', ';', '.']).trim().to_string();
        // The archive line is the last: `Lưu …` (Party) or `Lưu: VT, …` (State).
        if let Some(archive) = item.strip_prefix("Lưu").filter(|_| i == last) {
            let archive = archive.trim_start_matches(':').trim();
            recipients.archive = archive
                .strip_prefix("VT,")
                .unwrap_or(archive)
                .trim()
                .to_string();
        } else if item == rules.recipients.as_addressed && draft.addressees.is_some() {
            // vanban writes it itself when the document has Kính gửi.
        } else if item.is_empty() {
            r.warn(
                no,
                crate::tr!(
                    "dòng nơi nhận bị trống, đã bỏ qua",
                    "an empty recipient line, left out"
                ),
            );
        } else {
            recipients.items.push(recipient(&item));
        }
    }
    draft.recipients = Some(recipients);
}

/// Signature blocks, separated by blank lines.
fn signatures(r: &mut Reader, rules: &RuleSet, draft: &mut Draft, blocks: Vec<Vec<DraftLine>>) {
    // A name alone after a blank line (the room to sign) ends the block above
    // when that block has only titles (upper case) so far.
    let mut merged: Vec<Vec<DraftLine>> = Vec::new();
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        match merged.last_mut() {
            Some(previous)
                if block.len() == 1 && previous.last().is_some_and(|l| is_upper(&l.text)) =>
            {
                previous.extend(block)
            }
            _ => merged.push(block),
        }
    }
    let signatures: Vec<DraftSignature> = merged
        .iter()
        .filter_map(|b| signature(r, rules, b))
        .collect();
    match signatures.len() {
        0 => {}
        1 => draft.signature = signatures.into_iter().next(),
        _ => draft.signatures = Some(signatures),
    }
}

/// `Ban Tuyên giáo Tỉnh ủy (b/c)` → `{ to, purpose: b/c }`.
fn recipient(item: &str) -> DraftRecipient {
    if let Some(open) = item.rfind('(')
        && item.ends_with(')')
        && item.len() - open <= 24
    {
        return DraftRecipient::Full {
            to: item[..open].trim().to_string(),
            purpose: item[open + 1..item.len() - 1].trim().to_string(),
        };
    }
    DraftRecipient::Plain(item.to_string())
}

/// A signature block: authority line(s) with a prefix, the position, the
/// name (its last line).
fn signature(r: &mut Reader, rules: &RuleSet, block: &[DraftLine]) -> Option<DraftSignature> {
    let (name, titles) = block.split_last()?;
    let mut sig = DraftSignature {
        name: name.text.trim().to_string(),
        ..DraftSignature::default()
    };
    let mut titles: Vec<String> = titles.iter().map(|l| l.text.trim().to_string()).collect();
    if titles.is_empty() {
        r.warn(
            name.no,
            crate::tr!(
                "không xếp được: đã chuyển xuống cuối phần nội dung: {}",
                "not placed: moved to the end of the body: {}",
                name.text
            ),
        );
        r.unplaced.push(name.text.trim().to_string());
        return None;
    }
    sig.position = titles.pop().unwrap_or_default();
    let prefixed = |text: &str| -> Option<(String, String)> {
        let (prefix, rest) = text.split_once(' ')?;
        let known = [
            "T/M", "K/T", "T/L", "T/U", "Q.", "TM.", "KT.", "TL.", "TUQ.",
        ];
        known
            .contains(&prefix)
            .then(|| (fix_prefix(rules, prefix), rest.trim().to_string()))
    };
    if let Some(first) = titles.first().and_then(|t| prefixed(t)) {
        sig.prefix = Some(first.0);
        sig.on_behalf = Some(first.1);
    } else if let Some(first) = titles.first() {
        sig.on_behalf = Some(first.clone());
    }
    if let Some((prefix, of)) = titles.get(1).and_then(|t| prefixed(t)) {
        sig.then = Some(super::DraftThen {
            prefix,
            on_behalf: of,
        });
    }
    Some(sig)
}

/// A prefix of the other regime becomes this one's (`TM.` ↔ `T/M`).
fn fix_prefix(rules: &RuleSet, prefix: &str) -> String {
    if rules.prefix(prefix).is_some() {
        return prefix.to_string();
    }
    let pairs = [
        ("T/M", "TM."),
        ("K/T", "KT."),
        ("T/L", "TL."),
        ("T/U", "TUQ."),
    ];
    pairs
        .iter()
        .find_map(|(party, state)| match rules.regime {
            Regime::Party if prefix == *state => Some(party.to_string()),
            Regime::State if prefix == *party => Some(state.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| prefix.to_string())
}

/// Appendices: label, title, `(Kèm theo …)`, body.
fn appendices(r: &mut Reader, draft: &mut Draft) {
    while let Some(label) = r.next() {
        if !is_appendix_label(label.text.trim()) {
            r.warn(
                label.no,
                crate::tr!(
                    "không xếp được: đã chuyển xuống cuối phần nội dung: {}",
                    "not placed: moved to the end of the body: {}",
                    label.text
                ),
            );
            r.unplaced.push(label.text.trim().to_string());
            continue;
        }
        let title = r
            .next()
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default();
        let reference = match r.peek() {
            Some(l) if l.text.trim().starts_with("(Kèm theo") => {
                r.next().map(|l| l.text.trim().to_string())
            }
            _ => None,
        };
        let mut body = Vec::new();
        while let Some(line) = r.peek().cloned() {
            if is_appendix_label(line.text.trim()) {
                break;
            }
            r.next();
            body.push(body_line(r, line.text.trim(), line.no));
        }
        draft.appendices.push(DraftAppendix {
            title,
            reference,
            body: body.join("\n"),
            landscape: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(String, String)> {
        date_line(text).map(|(place, (iso, _))| (place, iso))
    }

    /// Found by the `draft_import` fuzz target: the first `ngày`, `tháng` and
    /// `năm` were taken wherever they were, and a line where they came out of
    /// order sliced the text backwards (`begin > end`) and panicked.
    #[test]
    fn words_out_of_order_do_not_panic() {
        assert_eq!(
            date("Bình An, ngà=?xmline tháng 01 năm 1 NHÂNh An, ngày 15 tháng 01 n@ăm 1813"),
            None
        );
        assert_eq!(
            date("Năm Căn ngày 03 tháng 01 năm 2023"),
            Some((String::new(), "2023-01-03".to_string()))
        );
        assert_eq!(
            date("Hà Nội, tháng 5, ngày 7 tháng 02 năm 2026"),
            Some(("Hà Nội".to_string(), "2026-02-07".to_string()))
        );
        for text in [
            "năm tháng ngày",
            "tháng ngày năm",
            "ngày năm tháng",
            "năm ngày tháng",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn a_well_typed_date_line() {
        assert_eq!(
            date("Tây Sơn, ngày 03 tháng 01 năm 2023"),
            Some(("Tây Sơn".to_string(), "2023-01-03".to_string()))
        );
        assert_eq!(
            date("Hà Nội, 7/2/2026"),
            Some(("Hà Nội".to_string(), "2026-02-07".to_string()))
        );
    }
}
