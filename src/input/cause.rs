//! Serde's and the YAML reader's causes (always English) in a clerk's
//! words, in English and in Vietnamese, with the nearest key for a typo.

use super::limits;

/// The first line of a cause, without the reader's own position.
pub(super) fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text).trim();
    // serde-saphyr appends its own position; ours is printed separately.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// The YAML reader's refusals of what is over vanban's limits, or of a
/// control character, in English and in Vietnamese.
fn limit_cause(cause: &str) -> Option<(String, String)> {
    let deep = || {
        (
            format!(
                "values nested too deeply: at most {} levels",
                limits::MAX_DEPTH
            ),
            format!(
                "các giá trị lồng nhau quá sâu: tối đa {} cấp",
                limits::MAX_DEPTH
            ),
        )
    };
    if let Some(breach) = cause.strip_prefix("budget breached") {
        if breach.contains("Depth") {
            return Some(deep());
        }
        return Some((
            format!(
                "too many values once aliases (`*name`) are expanded: at most {}",
                limits::MAX_NODES
            ),
            format!(
                "quá nhiều giá trị khi mở rộng các bí danh (`*tên`): tối đa {}",
                limits::MAX_NODES
            ),
        ));
    }
    if cause.starts_with("recursion limit exceeded") {
        return Some(deep());
    }
    // `unexpected character: `\u{1b}'`
    let c = cause
        .strip_prefix("unexpected character: `")?
        .strip_suffix('\'')?;
    let c = match c.strip_prefix("\\u{").and_then(|h| h.strip_suffix('}')) {
        Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
        None => c.chars().next()?,
    };
    limits::is_forbidden(c).then(|| {
        let code = format!("U+{:04X}", c as u32);
        (
            format!("the control character {code}, which no document may hold"),
            format!("ký tự điều khiển {code}, không thể có trong văn bản"),
        )
    })
}

/// Serde's words for numbers, in a clerk's words.
pub(super) fn plain_cause(cause: &str) -> String {
    if let Some(rest) = cause.strip_prefix("duplicate mapping key: ") {
        let key = rest.split_once(", set ").map_or(rest, |(k, _)| k);
        return format!("duplicate key `{key}`: a key may appear only once");
    }
    if let Some((en, _)) = limit_cause(cause) {
        return en;
    }
    let numeric = ["u8", "u16", "u32", "u64", "i32", "i64"];
    if numeric
        .iter()
        .any(|t| cause == format!("invalid {t}") || cause.ends_with(&format!("expected {t}")))
    {
        return format!("{cause}: expected a whole number");
    }
    cause.to_string()
}

/// For "unknown field `x`, expected one of a, b" (with or without
/// backticks around the keys): the nearest key.
pub(super) fn unknown_field_hint(cause: &str) -> Option<String> {
    let rest = cause.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let list = rest
        .split("expected one of ")
        .nth(1)
        .or_else(|| rest.split("expected ").nth(1))?;
    let expected: Vec<&str> = list
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    let best = expected
        .iter()
        .map(|k| (strsim::levenshtein(field, k), *k))
        .min()?;
    if best.0 <= 3 {
        Some(crate::tr!(
            "có phải bạn muốn viết `{}`?",
            "did you mean `{}`?",
            best.1
        ))
    } else {
        Some(crate::tr!(
            "các khóa dùng được ở đây: {}",
            "the keys allowed here are: {}",
            expected.join(", ")
        ))
    }
}

/// A serde or serde-saphyr cause (always English) in Vietnamese words. A
/// cause not recognised is kept as it is.
pub(super) fn vietnamese_cause(cause: &str) -> String {
    if let Some((_, vi)) = limit_cause(cause) {
        return vi;
    }
    key_cause(cause)
        .or_else(|| value_cause(cause))
        .unwrap_or_else(|| cause.to_string())
}

/// A cause about a key (unknown, missing, repeated) or a variant.
fn key_cause(cause: &str) -> Option<String> {
    // The name between the first pair of backticks of `rest`.
    let ticked = |rest: &str| rest.split('`').next().unwrap_or(rest).to_string();
    if let Some(rest) = cause.strip_prefix("unknown field `") {
        return Some(format!("khóa `{}` không dùng được ở đây", ticked(rest)));
    }
    if let Some(rest) = cause.strip_prefix("missing field `") {
        return Some(format!("thiếu khóa `{}`", ticked(rest)));
    }
    if let Some(rest) = cause.strip_prefix("duplicate field `") {
        return Some(format!("khóa `{}` bị lặp", ticked(rest)));
    }
    if let Some(rest) = cause.strip_prefix("duplicate mapping key") {
        // `: k, set DuplicateKeyPolicy…`, `` `k` is not allowed here``, or no key.
        let key = if let Some(r) = rest.strip_prefix(": ") {
            Some(r.split_once(", set ").map_or(r, |(k, _)| k).to_string())
        } else {
            rest.strip_prefix(" `").map(ticked)
        };
        return Some(match key {
            Some(k) => format!("khóa `{}` bị lặp", k.trim_matches('`')),
            None => "có khóa bị lặp".to_string(),
        });
    }
    if let Some(rest) = cause.strip_prefix("unknown variant `") {
        let (value, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let list = rest
            .strip_prefix(", expected one of ")
            .or_else(|| rest.strip_prefix(", expected "));
        return Some(match list {
            Some(list) => {
                format!("giá trị `{value}` không hợp lệ; các giá trị được dùng: {list}")
            }
            None => format!("giá trị `{value}` không hợp lệ"),
        });
    }
    None
}

/// A cause about a value: its type, its length, its indentation.
fn value_cause(cause: &str) -> Option<String> {
    if let Some(rest) = cause.strip_prefix("invalid type: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return Some(format!(
            "sai kiểu: đang là {}, cần {}",
            vietnamese_unexpected(got),
            vietnamese_expected(want)
        ));
    }
    if let Some(rest) = cause.strip_prefix("invalid value: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return Some(format!(
            "giá trị không hợp lệ: {}, cần {}",
            vietnamese_unexpected(got),
            vietnamese_expected(want)
        ));
    }
    if let Some(rest) = cause.strip_prefix("invalid length ")
        && let Some((len, want)) = rest.split_once(", expected ")
    {
        return Some(format!(
            "sai số phần tử: có {len}, cần {}",
            vietnamese_expected(want)
        ));
    }
    if cause.starts_with("invalid boolean") {
        return Some("giá trị đúng/sai không hợp lệ: chỉ ghi true hoặc false".to_string());
    }
    if cause.starts_with("cannot deserialize null into string") {
        return Some("giá trị đang để trống; cần một chuỗi chữ".to_string());
    }
    if let Some(rest) = cause.strip_prefix("indentation error: expected ")
        && let Some((want, found)) = rest.split_once(", found ")
    {
        let found = found.trim_end_matches(" spaces");
        return Some(format!("thụt lề sai: cần {want}, đang có {found} dấu cách"));
    }
    if let Some(ty) = cause.strip_prefix("invalid ")
        && !ty.contains(' ')
    {
        let want = vietnamese_expected(ty);
        if want != ty {
            return Some(format!("giá trị không hợp lệ: cần {want}"));
        }
    }
    None
}

/// Serde's words for what a value is (`string "abc"`, `integer `5``, `map`).
fn vietnamese_unexpected(got: &str) -> String {
    let words = [
        ("string ", "chuỗi chữ "),
        ("integer ", "số nguyên "),
        ("floating point ", "số thập phân "),
        ("boolean ", "giá trị đúng/sai "),
        ("character ", "ký tự "),
    ];
    for (en, vi) in words {
        if let Some(rest) = got.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    match got {
        "sequence" => "danh sách",
        "map" => "bảng khóa–giá trị",
        "unit value" | "null" => "giá trị trống",
        "byte array" => "dãy byte",
        other => other,
    }
    .to_string()
}

/// Serde's words for what a value should be (`u32`, `a string`, `struct X`).
fn vietnamese_expected(want: &str) -> String {
    let integer = matches!(want, "u8" | "u16" | "u32" | "u64" | "u128" | "usize")
        || matches!(want, "i8" | "i16" | "i32" | "i64" | "i128" | "isize")
        || matches!(want, "an integer" | "integer");
    let word = if integer {
        "số nguyên"
    } else if want.contains("date") {
        "ngày tháng (YYYY-MM-DD)"
    } else if want.starts_with("struct ") {
        "bảng khóa–giá trị"
    } else {
        match want {
            "f32" | "f64" | "a float" | "a number" => "số",
            "a string" | "string" | "a borrowed string" => "chuỗi chữ",
            "a sequence" | "sequence" | "a list" => "danh sách",
            "a map" | "map" | "a mapping" => "bảng khóa–giá trị",
            "a boolean" | "bool" | "boolean" => "giá trị đúng/sai (true/false)",
            "a character" | "char" => "một ký tự",
            "unit" | "null" => "giá trị trống",
            other => other,
        }
    };
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_names_the_nearest_key() {
        crate::lang::set(crate::lang::Lang::En);
        let cause = "unknown field `nmber`, expected one of `rules`, `kind`, `number`, `date`";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
        let cause = "unknown field `nmber`, expected one of rules, kind, number, date";
        assert_eq!(unknown_field_hint(cause).unwrap(), "did you mean `number`?");
    }

    #[test]
    fn causes_in_vietnamese() {
        let cases = [
            (
                "unknown field `nmber`, expected one of `rules`, `kind`, `number`",
                "khóa `nmber` không dùng được ở đây",
            ),
            ("missing field `place`", "thiếu khóa `place`"),
            (
                "invalid type: string \"abc\", expected u32",
                "sai kiểu: đang là chuỗi chữ \"abc\", cần số nguyên",
            ),
            (
                "invalid type: sequence, expected a string",
                "sai kiểu: đang là danh sách, cần chuỗi chữ",
            ),
            (
                "invalid type: integer `5`, expected struct SignatureIn",
                "sai kiểu: đang là số nguyên `5`, cần bảng khóa–giá trị",
            ),
            (
                "invalid type: map, expected a boolean",
                "sai kiểu: đang là bảng khóa–giá trị, cần giá trị đúng/sai (true/false)",
            ),
            (
                "unknown variant `gap`, expected one of `khan`, `hoa-toc`",
                "giá trị `gap` không hợp lệ; các giá trị được dùng: `khan`, `hoa-toc`",
            ),
            ("duplicate field `date`", "khóa `date` bị lặp"),
            (
                "duplicate mapping key: date, set DuplicateKeyPolicy in Options if acceptable",
                "khóa `date` bị lặp",
            ),
            (
                "duplicate mapping key `date` is not allowed here",
                "khóa `date` bị lặp",
            ),
            ("invalid u32", "giá trị không hợp lệ: cần số nguyên"),
            ("something else entirely", "something else entirely"),
        ];
        for (en, vi) in cases {
            assert_eq!(vietnamese_cause(en), vi, "{en}");
        }
    }
}
