//! `vanban check FILE.docx`: what a DOCX (ours or anyone's) does against the
//! rule set its header names: page, margins, fonts, header parts, the number
//! and date lines, sizes, recipients' punctuation.

use crate::error::{Error, ErrorKind, Result};
use crate::rules::{Regime, RuleSet};
use serde_json::Value;
use std::path::Path;

/// A paragraph, with what its formatting resolves to.
struct Para {
    text: String,
    /// Size in half-points, from the run, its style or the defaults.
    size: Option<u64>,
    fonts: Vec<String>,
}

const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

pub fn check(path: &Path) -> Result<Vec<Error>> {
    let bytes = crate::input::limits::read_file(path)?;
    let failed = |cause: String| {
        Error::new(
            ErrorKind::Input,
            crate::tr!("không đọc được {}", "could not read {}", path.display()),
            cause,
        )
    };
    let json = std::panic::catch_unwind(|| docx_rs::read_docx(&bytes).map(|d| d.json()))
        .map_err(|_| {
            failed(crate::tr!(
                "không đọc được nội dung tệp DOCX này",
                "the DOCX reader failed on this file"
            ))
        })?
        .map_err(|e| failed(e.to_string()))?;
    let value: Value = serde_json::from_str(&json).map_err(|e| failed(e.to_string()))?;
    let paras = paragraphs(&value);
    let text: String = paras
        .iter()
        .map(|p| p.text.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n");
    let at = |i: usize, code: &'static str, cause: String| {
        Error::new(
            ErrorKind::Rule,
            crate::tr!("kiểm tra {}", "check {}", path.display()),
            cause,
        )
        .at(path, &text, i + 1, 1)
        .code(code)
    };
    let find = |pred: &dyn Fn(&str) -> bool| paras.iter().position(|p| pred(p.text.trim()));
    let party = find(&|t| t == "ĐẢNG CỘNG SẢN VIỆT NAM");
    let state = find(&|t| {
        t.starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            || t.starts_with("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    });
    let mut found = Vec::new();
    let (rules, title) = match (party, state) {
        (Some(i), _) => (RuleSet::get("party-hd36-2018"), i),
        (None, Some(i)) => (RuleSet::get("state-nd30-2020"), i),
        (None, None) => {
            found.push(
                at(
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
                )),
            );
            return Ok(found);
        }
    };
    let rules = rules.expect("built-in rule sets");
    let state = rules.regime == Regime::State;
    page(
        &value["document"]["sectionProperty"],
        rules,
        &mut found,
        &at,
    );
    // Fonts: every font named anywhere must be Times New Roman.
    let mut named: Vec<(usize, String)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        for font in &p.fonts {
            if font != "Times New Roman" && !named.iter().any(|(_, f)| f == font) {
                named.push((i, font.clone()));
            }
        }
    }
    for (i, font) in named {
        found.push(
            at(
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
    if state && find(&|t| t == "Độc lập - Tự do - Hạnh phúc").is_none() {
        found.push(
            at(
                title,
                "VB304",
                crate::tr!(
                    "thiếu Tiêu ngữ `Độc lập - Tự do - Hạnh phúc`",
                    "the Tiêu ngữ `Độc lập - Tự do - Hạnh phúc` is missing"
                ),
            )
            .hint("NĐ 30/2020, Phụ lục I, mục II.1b"),
        );
    }
    let expected_title = |size: u64| {
        if state {
            (24..=26).contains(&size)
        } else {
            size == 30
        }
    };
    if let Some(size) = paras[title].size.filter(|s| !expected_title(*s)) {
        let head = if state {
            "Quốc hiệu"
        } else {
            "dòng `ĐẢNG CỘNG SẢN VIỆT NAM`"
        };
        found.push(at(
            title,
            "VB308",
            crate::tr!(
                "{head} có cỡ chữ {}; quy định là {}",
                "the national title is {} pt; the rules say {}",
                size as f64 / 2.0,
                if state { "12-13" } else { "15" }
            ),
        ));
    }
    if let Some(i) = find(&|t| t.starts_with("Số") && t.contains('/')) {
        let line = paras[i].text.trim();
        let colon = line.starts_with("Số:");
        if state && !colon {
            found.push(
                at(
                    i,
                    "VB305",
                    crate::tr!(
                        "`{line}`: số của văn bản hành chính có dấu hai chấm sau chữ `Số`",
                        "`{line}`: a State number has a colon after `Số`"
                    ),
                )
                .hint("NĐ 30/2020, Phụ lục I, mục II.3"),
            );
        }
        if !state && colon {
            found.push(
                at(
                    i,
                    "VB305",
                    crate::tr!(
                        "`{line}`: số của văn bản của Đảng không có dấu hai chấm sau chữ `Số`",
                        "`{line}`: a Party number has no colon after `Số`"
                    ),
                )
                .hint("HD 36-HD/VPTW, số và ký hiệu"),
            );
        }
        let year = line
            .split('/')
            .skip(1)
            .any(|part| part.len() == 4 && part.chars().all(|c| c.is_ascii_digit()));
        if state && year {
            found.push(
                at(
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
        let size = paras[i].size;
        let right = if state { 26 } else { 28 };
        if size.is_some_and(|s| s != right) {
            found.push(at(
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
    if let Some(i) =
        find(&|t| t.contains("ngày") && t.contains("tháng") && t.contains("năm") && t.contains(','))
        && let Some(problem) = date_form(paras[i].text.trim())
    {
        found.push(at(i, "VB306", problem).hint(crate::tr!(
            "ngày dưới 10 và tháng 1, tháng 2 phải thêm số 0 ở trước; các tháng khác thì không (NĐ 30/2020, Phụ lục I, mục II.4)",
            "days below 10 and the months 1 and 2 take a leading zero; no other month does (NĐ 30/2020, Phụ lục I, mục II.4)"
        )));
    }
    if let Some(label) = find(&|t| t.starts_with("Nơi nhận")) {
        let items: Vec<usize> = (label + 1..paras.len())
            .take_while(|j| paras[*j].text.trim().starts_with('-'))
            .collect();
        let r = &rules.recipients;
        for (n, j) in items.iter().enumerate() {
            let item = paras[*j].text.trim();
            let end = if n + 1 == items.len() {
                &r.last_end
            } else {
                &r.item_end
            };
            if !item.ends_with(end.as_str()) {
                let cause = crate::tr!(
                    "`{item}` phải kết thúc bằng dấu `{end}`",
                    "`{item}` should end with `{end}`"
                );
                found.push(at(*j, "VB307", cause).hint(if state {
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
    }
    Ok(found)
}

/// A4 and the margins of the rule set (State: the decree's ranges, each 5 mm
/// wide from the rule set's value).
fn page(
    section: &Value,
    rules: &RuleSet,
    found: &mut Vec<Error>,
    at: &dyn Fn(usize, &'static str, String) -> Error,
) {
    let (w, h) = (
        section["pageSize"]["w"].as_f64().unwrap_or(0.0),
        section["pageSize"]["h"].as_f64().unwrap_or(0.0),
    );
    let a4 = |a: f64, b: f64| (a - 11906.0).abs() < 30.0 && (b - 16838.0).abs() < 30.0;
    if !(a4(w, h) || a4(h, w)) {
        found.push(at(
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
    let p = &rules.page;
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
        let high = if rules.regime == Regime::State {
            want + 5.0
        } else {
            want
        };
        if mm < want - 0.5 || mm > high + 0.5 {
            let range = if high > want {
                format!("{want}-{high} mm")
            } else {
                format!("{want} mm")
            };
            found.push(at(
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
fn paragraphs(value: &Value) -> Vec<Para> {
    let styles = &value["styles"];
    let default = &styles["docDefaults"]["runPropertyDefault"]["runProperty"];
    let style = |id: &str| {
        styles["styles"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["styleId"] == id)
            .map(|s| &s["runProperty"])
    };
    let fonts_of = |rp: &Value| -> Vec<String> {
        ["ascii", "hiAnsi"]
            .iter()
            .filter_map(|k| rp["fonts"][*k].as_str().map(str::to_string))
            .collect()
    };
    let mut out = Vec::new();
    let walk = |data: &Value, out: &mut Vec<Para>| {
        let style_rp = data["property"]["style"].as_str().and_then(style);
        let mut text = String::new();
        let mut size = None;
        let mut fonts = Vec::new();
        for run in data["children"].as_array().into_iter().flatten() {
            let rp = &run["data"]["runProperty"];
            for part in run["data"]["children"].as_array().into_iter().flatten() {
                if part["type"] == "text" {
                    let t = part["data"]["text"].as_str().unwrap_or("");
                    if size.is_none() && !t.trim().is_empty() {
                        size = rp["sz"].as_u64();
                    }
                    text.push_str(t);
                }
            }
            fonts.extend(fonts_of(rp));
        }
        let size = size
            .or_else(|| style_rp.and_then(|rp| rp["sz"].as_u64()))
            .or_else(|| default["sz"].as_u64());
        fonts.extend(style_rp.map(fonts_of).unwrap_or_default());
        fonts.extend(fonts_of(default));
        out.push(Para { text, size, fonts });
    };
    fn children<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
        v[key].as_array().into_iter().flatten()
    }
    for child in children(&value["document"], "children") {
        match child["type"].as_str() {
            Some("paragraph") => walk(&child["data"], &mut out),
            Some("table") => {
                for row in children(&child["data"], "rows") {
                    for cell in children(&row["data"], "cells") {
                        for p in
                            children(&cell["data"], "children").filter(|p| p["type"] == "paragraph")
                        {
                            walk(&p["data"], &mut out);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}
