//! `vanban check`'s warnings: what is legal to render but likely wrong, each
//! with its rule id, where it is, the fix, and the regulation it comes from.

use crate::error::{Error, ErrorKind};
use crate::input::{InputDoc, Source};
use crate::rules::{Kind, Regime, RuleSet};
use chrono::Datelike;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Where `key:` is written in the source, to point at a value without a span.
fn locate(src: &Source, key: &str) -> (usize, usize) {
    src.text
        .lines()
        .enumerate()
        .find_map(|(i, line)| {
            let at = line.find(&format!("{key}:"))?;
            let value = line[at + key.len() + 1..]
                .chars()
                .take_while(|c| *c == ' ')
                .count();
            Some((i + 1, line[..at].chars().count() + key.len() + 2 + value))
        })
        .unwrap_or((1, 1))
}

fn warning(src: &Source, key: &str, code: &'static str, cause: impl Into<String>) -> Error {
    let (line, column) = locate(src, key);
    Error::new(
        ErrorKind::Rule,
        crate::tr!("kiểm tra {}", "check {}", src.path.display()),
        cause,
    )
    .at(&src.path, &src.text, line, column)
    .field(key)
    .code(code)
    .warn()
}

/// The warnings of a document that composes.
pub fn lint(
    src: &Source,
    doc: &InputDoc,
    rules: &RuleSet,
    kind: &Kind,
    today: chrono::NaiveDate,
) -> Vec<Error> {
    let mut out = Vec::new();
    let state = rules.regime == Regime::State;
    let reg = |party: &str, state_ref: &str| {
        if state {
            state_ref.to_string()
        } else {
            party.to_string()
        }
    };
    if doc.number.is_none() && !doc.draft {
        out.push(
            warning(
                src,
                "date",
                "VB201",
                crate::tr!(
                    "văn bản chưa có số và không được đánh dấu là dự thảo",
                    "the document has no number and is not marked as a draft"
                ),
            )
            .field("number")
            .hint(crate::tr!(
                "thêm `number:`, hoặc `draft: true` nếu là dự thảo",
                "add `number:`, or `draft: true` for a draft"
            ))
            .hint(reg(
                "HD 36-HD/VPTW, số và ký hiệu",
                "NĐ 30/2020, Phụ lục I, mục II.3",
            )),
        );
    }
    let date = chrono::NaiveDate::parse_from_str(doc.date.value.trim(), "%Y-%m-%d").ok();
    if date.is_none() && !doc.draft {
        out.push(
            warning(
                src,
                "date",
                "VB202",
                crate::tr!(
                    "ngày tháng còn thiếu ngày và văn bản không được đánh dấu là dự thảo",
                    "the date has no day and the document is not marked as a draft"
                ),
            )
            .hint(crate::tr!(
                "ghi đủ ngày tháng năm (YYYY-MM-DD), hoặc `draft: true`",
                "write the whole date (YYYY-MM-DD), or `draft: true`"
            )),
        );
    }
    if let Some(date) = date {
        if date > today {
            out.push(
                warning(
                    src,
                    "date",
                    "VB203",
                    crate::tr!(
                        "ngày {date} là ngày trong tương lai",
                        "the date {date} is in the future"
                    ),
                )
                .hint(crate::tr!(
                    "kiểm tra lại năm và tháng",
                    "check the year and the month"
                )),
            );
        }
        if date.weekday() == chrono::Weekday::Sun {
            out.push(
                warning(
                    src,
                    "date",
                    "VB204",
                    crate::tr!("ngày {date} là Chủ nhật", "{date} is a Sunday"),
                )
                .hint(crate::tr!(
                    "văn bản hiếm khi được ký vào Chủ nhật: kiểm tra lại ngày",
                    "documents are rarely signed on a Sunday: check the day"
                )),
            );
        }
    }
    let single = [
        "CHỦ TỊCH",
        "BÍ THƯ",
        "GIÁM ĐỐC",
        "TRƯỞNG BAN",
        "TRƯỞNG PHÒNG",
        "CHÁNH VĂN PHÒNG",
        "BỘ TRƯỞNG",
    ];
    for sig in doc
        .signature
        .iter()
        .chain(doc.signatures.iter().flat_map(|s| s.value.iter()))
    {
        if let (Some(prefix), Some(of)) = (&sig.prefix, &sig.on_behalf)
            && ["TM.", "T/M"].contains(&prefix.value.as_str())
            && single.contains(&of.trim())
        {
            out.push(
                src.error_at(
                    ErrorKind::Rule,
                    prefix,
                    crate::tr!(
                        "`{} {}`: {} là ký thay mặt tập thể, không dùng cho một cá nhân",
                        "`{} {}`: {} signs for a collective, not for one person",
                        prefix.value,
                        of.trim(),
                        prefix.value
                    ),
                )
                .field("signature.prefix")
                .code("VB205")
                .warn()
                .hint(crate::tr!(
                    "cấp phó ký thay {} thì ghi `{}`",
                    "for a deputy signing for {}, write `{}`",
                    of.trim(),
                    if state { "KT." } else { "K/T" }
                ))
                .hint(reg(
                    "HD 36-HD/VPTW, thể thức đề ký (T/M: tập thể)",
                    "NĐ 30/2020, Phụ lục I, mục II.7b (TM.: chế độ tập thể)",
                )),
            );
        }
    }
    if doc.recipients.is_none() && kind.id != "bien-ban" {
        out.push(
            warning(
                src,
                "kind",
                "VB206",
                crate::tr!(
                    "văn bản không có `recipients` (Nơi nhận) nên không có dòng `Lưu:`",
                    "the document has no `recipients` (Nơi nhận) and so no archive line"
                ),
            )
            .field("recipients")
            .hint(crate::tr!(
                "thêm `recipients:` kèm `archive:`",
                "add `recipients:` with `archive:`"
            ))
            .hint(reg(
                "HD 36-HD/VPTW, nơi nhận",
                "NĐ 30/2020, Phụ lục I, mục II.9",
            )),
        );
    }
    if let Some(summary) = doc
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        && kind.name.is_some()
    {
        let first = summary.chars().next().unwrap_or(' ');
        let wrong = if state {
            first.is_lowercase()
        } else {
            first.is_uppercase()
        };
        if wrong {
            out.push(
                warning(
                    src,
                    "summary",
                    "VB207",
                    crate::tr!(
                        "trích yếu bắt đầu bằng `{first}`",
                        "the trích yếu starts with `{first}`"
                    ),
                )
                .hint(if state {
                    crate::tr!(
                        "trích yếu văn bản của Nhà nước viết hoa chữ đầu: `Về …`",
                        "State trích yếu start with a capital: `Về …`"
                    )
                } else {
                    crate::tr!(
                        "trích yếu văn bản của Đảng viết thường chữ đầu: `về …`",
                        "Party trích yếu start in lower case: `về …`"
                    )
                })
                .hint(reg(
                    "HD 36-HD/VPTW, Phụ lục 3 (trích yếu)",
                    "NĐ 30/2020, Phụ lục I, mục II.5b",
                )),
            );
        }
    }
    let body = doc
        .body
        .as_ref()
        .map(|b| b.value.to_lowercase())
        .unwrap_or_default();
    let mentions = body.contains("phụ lục");
    match (mentions, doc.appendices.is_empty()) {
        (true, true) => out.push(
            warning(
                src,
                "body",
                "VB208",
                crate::tr!(
                    "nội dung có nhắc đến phụ lục nhưng văn bản không có phụ lục",
                    "the body refers to an appendix, but the document has none"
                ),
            )
            .hint(crate::tr!(
                "thêm phụ lục dưới `appendices:`, hoặc bỏ chỗ nhắc đến phụ lục",
                "add it under `appendices:`, or remove the reference"
            )),
        ),
        (false, false) if doc.body.is_some() => out.push(
            warning(
                src,
                "appendices",
                "VB208",
                crate::tr!(
                    "văn bản có phụ lục nhưng nội dung không nhắc đến",
                    "the document has appendices that the body never refers to"
                ),
            )
            .hint(crate::tr!(
                "nhắc đến từng phụ lục trong nội dung (`… tại Phụ lục I`)",
                "refer to each appendix in the body (`… tại Phụ lục I`)"
            ))
            .hint(reg(
                "HD 36-HD/VPTW, phụ lục",
                "NĐ 30/2020, Phụ lục I, mục III.1",
            )),
        ),
        _ => {}
    }
    for finding in &mut out {
        finding.message = crate::tr!("kiểm tra {}", "check {}", src.path.display());
    }
    out
}

/// VB211: characters the embedded font cannot draw (emoji, scripts other
/// than Latin, Greek, Cyrillic, Hebrew): the DOCX keeps them, the PDF prints
/// nothing in their place. Comment lines are not looked at.
fn undrawable(path: &std::path::Path, raw: &str) -> Option<Error> {
    let mut first = None;
    let mut missing: Vec<char> = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let line: String = line.nfc().collect();
        for (col, c) in line.chars().enumerate() {
            if c.is_control() || crate::fonts::draws(c) {
                continue;
            }
            first.get_or_insert((i + 1, col + 1));
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    let (line, column) = first?;
    let shown: Vec<String> = missing
        .iter()
        .take(5)
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    let shown = shown.join(", ");
    let normalised: String = raw.nfc().collect();
    Some(
        Error::new(
            ErrorKind::Input,
            crate::tr!("kiểm tra {}", "check {}", path.display()),
            crate::tr!(
                "phông chữ nhúng không có {shown}: bản PDF sẽ để trống chỗ các ký tự này",
                "the embedded font cannot draw {shown}: the PDF prints nothing in their place"
            ),
        )
        .at(path, &normalised, line, column)
        .code("VB211")
        .warn()
        .hint(crate::tr!(
            "bản DOCX vẫn giữ nguyên; nên viết cách khác (chữ Việt, chữ Latinh) hoặc bỏ các ký tự này",
            "the DOCX keeps them; write them another way (in Latin letters) or leave them out"
        )),
    )
}

/// Text problems found in the raw file, before normalisation.
pub fn raw(path: &std::path::Path, raw: &str) -> Vec<Error> {
    let mut out = Vec::new();
    if !is_nfc(raw) {
        let (line, text) = raw
            .lines()
            .enumerate()
            .find(|(_, l)| !is_nfc(l))
            .map(|(i, l)| (i + 1, l))
            .unwrap_or((1, ""));
        let normalised: String = raw.nfc().collect();
        out.push(
            Error::new(
                ErrorKind::Input,
                crate::tr!("kiểm tra {}", "check {}", path.display()),
                crate::tr!(
                    "chữ trong tệp được gõ bằng Unicode tổ hợp (NFD)",
                    "the text is in decomposed Unicode (NFD)"
                ),
            )
            .at(path, &normalised, line, 1)
            .code("VB209")
            .warn()
            .hint(crate::tr!(
                "vanban tự chuyển đổi; nên lưu tệp ở dạng Unicode dựng sẵn (NFC) để các phần mềm khác hiển thị đúng (dòng: {})",
                "vanban normalises it; saving the file as NFC keeps other tools right (line: {})",
                text.nfc().collect::<String>()
            )),
        );
    }
    if let Some(found) = undrawable(path, raw) {
        out.push(found);
    }
    if let Some(legacy) = crate::input::encoding::detect(raw) {
        out.push(
            Error::new(
                ErrorKind::Input,
                crate::tr!("kiểm tra {}", "check {}", path.display()),
                crate::tr!(
                    "chữ trong tệp có vẻ được gõ bằng bảng mã cũ {legacy:?}, không phải Unicode",
                    "the text looks typed in the legacy encoding {legacy:?}, not Unicode"
                ),
            )
                .code("VB210")
                .hint(crate::tr!(
                    "chuyển sang Unicode (bằng công cụ chuyển mã của Unikey), hoặc nhập bằng lệnh: vanban import --fix-encoding",
                    "convert it to Unicode (Unikey's converter), or import it: vanban import --fix-encoding"
                )),
        );
    }
    out
}
