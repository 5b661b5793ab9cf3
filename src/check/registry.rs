//! The lint rules of `vanban check`, one entry each: its id, whether it is
//! an error or a warning, the regulation it comes from, and the function
//! that looks for it. A rule is added here and nowhere else.

use super::context::Ctx;
use super::{appendix, dates, draft, hierarchy, recipients, reform, signature, summary, text};
use crate::error::Error;
use std::path::Path;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `check` fails, and a document never composes past it.
    Error,
    /// Legal to render but likely wrong.
    Warning,
}

/// The regulation a rule comes from, as cited in each regime.
#[derive(Debug, Clone, Copy)]
pub struct Cite {
    pub party: &'static str,
    pub state: &'static str,
}

/// What a rule looks at.
#[derive(Clone, Copy)]
pub enum Check {
    /// The file's raw text, before it is normalised or parsed.
    Text(fn(&Path, &str) -> Option<Error>),
    /// A parsed document whose rule set and kind are known.
    Document(fn(&Ctx) -> Vec<Error>),
}

/// One lint rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// `VB204`.
    pub id: &'static str,
    pub level: Level,
    /// Cited as the last hint of each finding, when there is one.
    pub source: Option<Cite>,
    pub check: Check,
}

const fn doc(id: &'static str, source: Option<Cite>, f: fn(&Ctx) -> Vec<Error>) -> Rule {
    Rule {
        id,
        level: Level::Warning,
        source,
        check: Check::Document(f),
    }
}

const fn cite(party: &'static str, state: &'static str) -> Option<Cite> {
    Some(Cite { party, state })
}

/// The header's issuer and the body above it, in each regime.
const HD36_ISSUER: &str = "HD 36-HD/VPTW, tên cơ quan ban hành và cơ quan cấp trên trực tiếp (ô 2)";
const ND30_ISSUER: &str =
    "NĐ 30/2020, Phụ lục I, mục II.2 (tên cơ quan chủ quản trực tiếp, nếu có)";

/// Two-level local government.
const REFORM: &str = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (từ 01/7/2025: chính quyền địa phương hai cấp, tỉnh và xã)";

/// Every lint rule, in the order its findings are listed.
pub const RULES: &[Rule] = &[
    doc(
        "VB201",
        cite(
            "HD 36-HD/VPTW, số và ký hiệu",
            "NĐ 30/2020, Phụ lục I, mục II.3",
        ),
        draft::no_number,
    ),
    doc("VB202", None, draft::no_day),
    doc("VB203", None, dates::future),
    doc("VB204", None, dates::sunday),
    doc(
        "VB205",
        cite(
            "HD 36-HD/VPTW, thể thức đề ký (T/M: tập thể)",
            "NĐ 30/2020, Phụ lục I, mục II.7b (TM.: chế độ tập thể)",
        ),
        signature::collective_prefix,
    ),
    doc(
        "VB206",
        cite("HD 36-HD/VPTW, nơi nhận", "NĐ 30/2020, Phụ lục I, mục II.9"),
        recipients::missing,
    ),
    doc(
        "VB207",
        cite(
            "HD 36-HD/VPTW, Phụ lục 3 (trích yếu)",
            "NĐ 30/2020, Phụ lục I, mục II.5b",
        ),
        summary::first_letter,
    ),
    doc(
        "VB208",
        cite("HD 36-HD/VPTW, phụ lục", "NĐ 30/2020, Phụ lục I, mục III.1"),
        appendix::referred,
    ),
    doc(
        "VB212",
        cite(HD36_ISSUER, ND30_ISSUER),
        hierarchy::committee_above,
    ),
    doc(
        "VB213",
        cite(HD36_ISSUER, ND30_ISSUER),
        hierarchy::ban_without_committee,
    ),
    doc(
        "VB214",
        cite(HD36_ISSUER, ND30_ISSUER),
        hierarchy::people_with_superior,
    ),
    doc(
        "VB215",
        cite(HD36_ISSUER, ND30_ISSUER),
        hierarchy::without_place,
    ),
    doc("VB216", cite(REFORM, REFORM), reform::district_level),
    doc(
        "VB217",
        cite(
            "HD 36-HD/VPTW, trích yếu công văn (ô 5b)",
            "NĐ 30/2020, Phụ lục I, mục II.5b (V/v và trích yếu công văn)",
        ),
        summary::subject_repeats_prefix,
    ),
    doc(
        "VB218",
        cite("HD 36-HD/VPTW, nơi nhận", "NĐ 30/2020, Phụ lục I, mục II.9"),
        recipients::archive_as_recipient,
    ),
    doc(
        "VB219",
        cite("HD 36-HD/VPTW, nơi nhận", "NĐ 30/2020, Phụ lục I, mục II.9"),
        recipients::as_addressed_typed,
    ),
    doc(
        "VB240",
        cite(
            "NĐ 30/2020, Phụ lục II (viết hoa tên cơ quan, tổ chức), như văn bản của Đảng viết",
            "NĐ 30/2020, Phụ lục II (viết hoa tên cơ quan, tổ chức)",
        ),
        appendix::issuer_in_text,
    ),
    Rule {
        id: "VB209",
        level: Level::Warning,
        source: None,
        check: Check::Text(text::decomposed),
    },
    Rule {
        id: "VB211",
        level: Level::Warning,
        source: None,
        check: Check::Text(text::undrawable),
    },
    Rule {
        id: "VB210",
        level: Level::Error,
        source: None,
        check: Check::Text(text::legacy_encoding),
    },
];

impl Rule {
    /// The rule with this id.
    pub fn get(id: &str) -> Option<&'static Rule> {
        RULES.iter().find(|r| r.id == id)
    }

    /// Marks a finding as this rule's: its id, level and source.
    fn stamp(&self, finding: Error, state: Option<bool>) -> Error {
        let mut finding = finding.code(self.id);
        finding.warning = self.level == Level::Warning;
        match (self.source, state) {
            (Some(cite), Some(state)) => finding.hint(if state { cite.state } else { cite.party }),
            _ => finding,
        }
    }
}

/// The findings of every text rule on a file's raw text.
pub fn run_text(path: &Path, raw: &str) -> Vec<Error> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Text(f) = rule.check
            && let Some(found) = f(path, raw)
        {
            out.push(rule.stamp(found, None));
        }
    }
    out
}

/// The findings of every document rule.
pub fn run_document(ctx: &Ctx) -> Vec<Error> {
    let message = crate::tr!("kiểm tra {}", "check {}", ctx.src.path.display());
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Document(f) = rule.check {
            for found in f(ctx) {
                let mut found = rule.stamp(found, Some(ctx.state()));
                found.message = message.clone();
                out.push(found);
            }
        }
    }
    out
}
