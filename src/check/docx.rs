//! `vanban check FILE.docx`: what a DOCX (ours or anyone's) does against the
//! rule set its header names: page, margins, fonts, header parts, the number
//! and date lines, sizes, recipients' punctuation. The file is read by the
//! importer's DOCX reader.

use crate::error::{Error, ErrorKind, Result};
use crate::import::read::docx::{Docx, runs};
use crate::rules::{Regime, RuleSet, fold};
use serde_json::Value;
use std::path::Path;

/// A paragraph, with what its formatting resolves to.
struct Para {
    /// Its text, breaks as `\n`.
    text: String,
    /// Size in half-points, from the run, its style or the defaults.
    size: Option<u64>,
    fonts: Vec<String>,
}

const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// What every check reads: the file, its paragraphs, its rule set and the
/// paragraph of its national title.
struct Ctx<'a> {
    path: &'a Path,
    /// The paragraphs one a line, for locations.
    text: String,
    paras: Vec<Para>,
    rules: &'static RuleSet,
    state: bool,
    title: usize,
}

impl Ctx<'_> {
    /// A finding at paragraph `i` (0-based).
    fn at(&self, i: usize, code: &'static str, cause: String) -> Error {
        located(self.path, &self.text, i, code, cause)
    }

    /// The first paragraph with a line that `pred` accepts, and that line
    /// (trimmed).
    fn find(&self, pred: impl Fn(&str) -> bool) -> Option<(usize, &str)> {
        find(&self.paras, pred)
    }
}

fn located(path: &Path, text: &str, i: usize, code: &'static str, cause: String) -> Error {
    Error::new(
        ErrorKind::Rule,
        crate::tr!("kiểm tra {}", "check {}", path.display()),
        cause,
    )
    .at(path, text, i + 1, 1)
    .code(code)
}

fn find(paras: &[Para], pred: impl Fn(&str) -> bool) -> Option<(usize, &str)> {
    paras.iter().enumerate().find_map(|(i, p)| {
        p.text
            .split('\n')
            .map(str::trim)
            .find(|l| pred(l))
            .map(|l| (i, l))
    })
}

/// `vanban check` of a DOCX file made elsewhere.
pub fn check(path: &Path) -> Result<Vec<Error>> {
    let bytes = crate::input::limits::read_file(path)?;
    check_bytes(path, &bytes)
}

/// The same of a DOCX held in memory; `path` names it in the findings.
pub fn check_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Error>> {
    let docx = Docx::open(path, bytes)?;
    let paras = paragraphs(&docx);
    let text: String = paras
        .iter()
        .map(|p| p.text.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n");
    // The Party's title first: a State title in the same file is quoted.
    let title = [Regime::Party, Regime::State]
        .into_iter()
        .find_map(|regime| {
            find(&paras, |l| Regime::of_national_title(l) == Some(regime)).map(|(i, _)| (regime, i))
        });
    let Some((regime, title)) = title else {
        return Ok(vec![not_a_document(path, &text)]);
    };
    let rules = regime.rules();
    let ctx = Ctx {
        path,
        text,
        paras,
        rules,
        state: regime == Regime::State,
        title,
    };
    let mut found = Vec::new();
    page(&docx.0["document"]["sectionProperty"], &ctx, &mut found);
    fonts(&ctx, &mut found);
    motto(&ctx, &mut found);
    title_size(&ctx, &mut found);
    number_line(&ctx, &mut found);
    date_line(&ctx, &mut found);
    recipients(&ctx, &mut found);
    Ok(found)
}

fn not_a_document(path: &Path, text: &str) -> Error {
    located(
        path,
        text,
        0,
        "VB304",
        crate::tr!(
            "không có dòng `ĐẢNG CỘNG SẢN VIỆT NAM` và không có Quốc hiệu: không phải văn bản của Đảng hay của Nhà nước",
            "no `ĐẢNG CỘNG SẢN VIỆT NAM` and no Quốc hiệu: not a Party or State document"
        ),
    )
    .hint(crate::tr!(
        "Quốc hiệu (văn bản của Đảng: `ĐẢNG CỘNG SẢN VIỆT NAM`) là dòng đầu tiên ở bên phải phần đầu văn bản",
        "the national title is the first line of the right-hand header"
    ))
}

/// Every font named anywhere must be Times New Roman.
fn fonts(ctx: &Ctx, found: &mut Vec<Error>) {
    let mut named: Vec<(usize, String)> = Vec::new();
    for (i, p) in ctx.paras.iter().enumerate() {
        for font in &p.fonts {
            if font != "Times New Roman" && !named.iter().any(|(_, f)| f == font) {
                named.push((i, font.clone()));
            }
        }
    }
    for (i, font) in named {
        found.push(
            ctx.at(
                i,
                "VB303",
                crate::tr!(
                    "có dùng phông chữ `{font}`; quy định chỉ dùng phông Times New Roman",
                    "the font `{font}` is used; the rules require Times New Roman"
                ),
            )
            .hint("NĐ 30/2020, Phụ lục I, mục I.4; HD 36-HD/VPTW"),
        );
    }
}

/// A State document's Tiêu ngữ.
fn motto(ctx: &Ctx, found: &mut Vec<Error>) {
    let Some(motto) = ctx.rules.header.motto.as_deref().filter(|_| ctx.state) else {
        return;
    };
    if ctx.find(|l| fold(l) == fold(motto)).is_none() {
        found.push(
            ctx.at(
                ctx.title,
                "VB304",
                crate::tr!(
                    "thiếu Tiêu ngữ `{motto}`",
                    "the Tiêu ngữ `{motto}` is missing"
                ),
            )
            .hint("NĐ 30/2020, Phụ lục I, mục II.1b"),
        );
    }
}

/// The national title's size: 12-13 pt (State), 15 pt (Party).
fn title_size(ctx: &Ctx, found: &mut Vec<Error>) {
    let expected = |size: u64| {
        if ctx.state {
            (24..=26).contains(&size)
        } else {
            size == 30
        }
    };
    let Some(size) = ctx.paras[ctx.title].size.filter(|s| !expected(*s)) else {
        return;
    };
    let head = if ctx.state {
        "Quốc hiệu"
    } else {
        "dòng `ĐẢNG CỘNG SẢN VIỆT NAM`"
    };
    found.push(ctx.at(
        ctx.title,
        "VB308",
        crate::tr!(
            "{head} có cỡ chữ {}; quy định là {}",
            "the national title is {} pt; the rules say {}",
            size as f64 / 2.0,
            if ctx.state { "12-13" } else { "15" }
        ),
    ));
}

/// The number line: the colon after `Số` (State) or none (Party), no year
/// in an administrative number, its size.
fn number_line(ctx: &Ctx, found: &mut Vec<Error>) {
    let Some((i, line)) = ctx.find(|t| t.starts_with("Số") && t.contains('/')) else {
        return;
    };
    let colon = line.starts_with("Số:");
    if ctx.state != colon {
        let (cause, hint) = if ctx.state {
            (
                crate::tr!(
                    "`{line}`: số của văn bản hành chính có dấu hai chấm sau chữ `Số`",
                    "`{line}`: a State number has a colon after `Số`"
                ),
                "NĐ 30/2020, Phụ lục I, mục II.3",
            )
        } else {
            (
                crate::tr!(
                    "`{line}`: số của văn bản của Đảng không có dấu hai chấm sau chữ `Số`",
                    "`{line}`: a Party number has no colon after `Số`"
                ),
                "HD 36-HD/VPTW, số và ký hiệu",
            )
        };
        found.push(ctx.at(i, "VB305", cause).hint(hint));
    }
    let year = line
        .split('/')
        .skip(1)
        .any(|part| part.len() == 4 && part.chars().all(|c| c.is_ascii_digit()));
    if ctx.state && year {
        found.push(
            ctx.at(
                i,
                "VB305",
                crate::tr!(
                    "`{line}`: số của văn bản hành chính không ghi năm",
                    "`{line}`: an administrative number has no year"
                ),
            )
            .hint("NĐ 30/2020, Phụ lục I, mục II.3"),
        );
    }
    let size = ctx.paras[i].size;
    let right = if ctx.state { 26 } else { 28 };
    if size.is_some_and(|s| s != right) {
        found.push(ctx.at(
            i,
            "VB308",
            crate::tr!(
                "dòng số và ký hiệu có cỡ chữ {}; quy định là {}",
                "the number line is {} pt; the rules say {}",
                size.unwrap_or(0) as f64 / 2.0,
                right / 2
            ),
        ));
    }
}

/// The date line's zero padding.
fn date_line(ctx: &Ctx, found: &mut Vec<Error>) {
    let date = ctx.find(|t| {
        t.contains("ngày") && t.contains("tháng") && t.contains("năm") && t.contains(',')
    });
    if let Some((i, line)) = date
        && let Some(problem) = date_form(line)
    {
        found.push(ctx.at(i, "VB306", problem).hint(crate::tr!(
            "ngày dưới 10 và tháng 1, tháng 2 phải thêm số 0 ở trước; các tháng khác thì không (NĐ 30/2020, Phụ lục I, mục II.4)",
            "days below 10 and the months 1 and 2 take a leading zero; no other month does (NĐ 30/2020, Phụ lục I, mục II.4)"
        )));
    }
}

/// Each recipient's end: `;` or `,` by the rules, `.` for the last.
fn recipients(ctx: &Ctx, found: &mut Vec<Error>) {
    let Some((label, _)) = ctx.find(|t| t.starts_with("Nơi nhận")) else {
        return;
    };
    let items: Vec<usize> = (label + 1..ctx.paras.len())
        .take_while(|j| ctx.paras[*j].text.trim().starts_with('-'))
        .collect();
    let r = &ctx.rules.recipients;
    for (n, j) in items.iter().enumerate() {
        let item = ctx.paras[*j].text.trim();
        let end = if n + 1 == items.len() {
            &r.last_end
        } else {
            &r.item_end
        };
        if item.ends_with(end.as_str()) {
            continue;
        }
        let cause = crate::tr!(
            "`{item}` phải kết thúc bằng dấu `{end}`",
            "`{item}` should end with `{end}`"
        );
        found.push(ctx.at(*j, "VB307", cause).hint(if ctx.state {
            crate::tr!(
                "NĐ 30/2020, Phụ lục I, mục II.9d: mỗi nơi nhận kết thúc bằng dấu `;`, dòng Lưu kết thúc bằng dấu `.`",
                "NĐ 30/2020, Phụ lục I, mục II.9d: each item ends with `;`, the archive line with `.`"
            )
        } else {
            crate::tr!(
                "HD 36-HD/VPTW: mỗi nơi nhận kết thúc bằng dấu `,`, dòng Lưu kết thúc bằng dấu `.`",
                "HD 36-HD/VPTW: each item ends with `,`, the archive line with `.`"
            )
        }));
    }
}

/// A4 and the margins of the rule set (State: the decree's ranges, each 5 mm
/// wide from the rule set's value).
fn page(section: &Value, ctx: &Ctx, found: &mut Vec<Error>) {
    let (w, h) = (
        section["pageSize"]["w"].as_f64().unwrap_or(0.0),
        section["pageSize"]["h"].as_f64().unwrap_or(0.0),
    );
    let a4 = |a: f64, b: f64| (a - 11906.0).abs() < 30.0 && (b - 16838.0).abs() < 30.0;
    if !(a4(w, h) || a4(h, w)) {
        found.push(ctx.at(
            0,
            "VB301",
            crate::tr!(
                "khổ giấy {:.0} × {:.0} mm, không phải A4",
                "the page is {:.0} × {:.0} mm, not A4",
                w / TWIPS_PER_MM,
                h / TWIPS_PER_MM
            ),
        ));
    }
    let m = &section["pageMargin"];
    let p = &ctx.rules.page;
    for (key, side, want) in [
        ("top", "trên", p.margin_top),
        ("bottom", "dưới", p.margin_bottom),
        ("left", "trái", p.margin_left),
        ("right", "phải", p.margin_right),
    ] {
        let Some(twips) = m[key].as_f64() else {
            continue;
        };
        let mm = twips / TWIPS_PER_MM;
        let high = if ctx.state { want + 5.0 } else { want };
        if mm < want - 0.5 || mm > high + 0.5 {
            let range = if high > want {
                format!("{want}-{high} mm")
            } else {
                format!("{want} mm")
            };
            found.push(ctx.at(
                0,
                "VB302",
                crate::tr!(
                    "lề {side} là {mm:.1} mm; quy định là {range}",
                    "the {key} margin is {mm:.1} mm; the rules say {range}"
                ),
            ));
        }
    }
}

/// `ngày 5 tháng 06`: what is wrong with the padding, if anything.
fn date_form(line: &str) -> Option<String> {
    let after = |word: &str| {
        line.split(word)
            .nth(1)?
            .split_whitespace()
            .next()
            .map(str::to_string)
    };
    let day = after("ngày")?;
    let month = after("tháng")?;
    let (d, m) = (day.parse::<u32>().ok(), month.parse::<u32>().ok()?);
    if let Some(d) = d
        && d < 10
        && day.len() < 2
    {
        return Some(crate::tr!(
            "`ngày {day}`: phải viết `ngày {d:02}`",
            "`ngày {day}`: write `ngày {d:02}`"
        ));
    }
    if m <= 2 && month.len() < 2 {
        return Some(crate::tr!(
            "`tháng {month}`: phải viết `tháng {m:02}`",
            "`tháng {month}`: write `tháng {m:02}`"
        ));
    }
    if m > 2 && month.starts_with('0') {
        return Some(crate::tr!(
            "`tháng {month}`: phải viết `tháng {m}`",
            "`tháng {month}`: write `tháng {m}`"
        ));
    }
    None
}

/// Every paragraph, in the body and in tables, with its resolved size and fonts.
fn paragraphs(docx: &Docx) -> Vec<Para> {
    let styles = &docx.0["styles"];
    let default = &styles["docDefaults"]["runPropertyDefault"]["runProperty"];
    let style = |id: &str| {
        crate::import::read::docx::items(styles, "styles")
            .find(|s| s["styleId"] == id)
            .map(|s| &s["runProperty"])
    };
    let fonts_of = |rp: &Value| -> Vec<String> {
        ["ascii", "hiAnsi"]
            .iter()
            .filter_map(|k| rp["fonts"][*k].as_str().map(str::to_string))
            .collect()
    };
    let para = |data: &Value| {
        let style_rp = data["property"]["style"].as_str().and_then(style);
        let (mut text, mut size, mut fonts) = (String::new(), None, Vec::new());
        for (rp, run) in runs(data) {
            if size.is_none() && !run.trim().is_empty() {
                size = rp["sz"].as_u64();
            }
            text.push_str(&run.replace('\t', ""));
            fonts.extend(fonts_of(rp));
        }
        let size = size
            .or_else(|| style_rp.and_then(|rp| rp["sz"].as_u64()))
            .or_else(|| default["sz"].as_u64());
        fonts.extend(style_rp.map(fonts_of).unwrap_or_default());
        fonts.extend(fonts_of(default));
        Para { text, size, fonts }
    };
    docx.paragraphs().into_iter().map(para).collect()
}
