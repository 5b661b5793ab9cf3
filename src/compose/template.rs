//! Body templates: Tera, fed with the document's `data:`; built in under
//! `templates/body/`, overridable from a folder.
//!
//! Templates are trusted; data is not. Every value a template prints is escaped
//! for vanban's markup, so data can only ever produce plain text.

use super::markup;
use crate::error::{Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// Built-in body templates, by name.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "huong-dan.md",
        include_str!("../../templates/body/huong-dan.md"),
    ),
    (
        "_bao-cao.md",
        include_str!("../../templates/body/_bao-cao.md"),
    ),
    (
        "bao-cao-so-ket.md",
        include_str!("../../templates/body/bao-cao-so-ket.md"),
    ),
    (
        "bao-cao-tong-ket.md",
        include_str!("../../templates/body/bao-cao-tong-ket.md"),
    ),
];

/// The body templates of one run, parsed once.
pub struct Templates {
    tera: tera::Tera,
    /// Where each template came from, for messages.
    origins: Vec<(String, PathBuf, String)>,
}

impl Templates {
    /// The built-in templates, overridden or extended by `*.md` files in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, PathBuf, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    Path::new("templates/body").join(name),
                    text.to_string(),
                )
            })
            .collect();
        if let Some(dir) = dir {
            let entries =
                std::fs::read_dir(dir).map_err(|e| Error::io("read the folder", dir, &e))?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
            {
                let text =
                    std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, &e))?;
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                sources.retain(|(n, _, _)| *n != name);
                sources.push((name, path, text));
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".md"]);
        tera.set_escape_fn(markup::escape);
        super::numbers::register(&mut tera);
        tera.register_function("range", super::template_guard::range);
        for (name, path, text) in &sources {
            tera.add_raw_template(name, text).map_err(|e| {
                template_error(
                    &crate::tr!("không đọc được mẫu", "could not parse the template"),
                    path,
                    text,
                    &e,
                )
            })?;
        }
        if let Some(cycle) = super::template_guard::find_cycle(&tera) {
            let first = cycle.split([' ', ':']).next().unwrap_or_default();
            let path = sources
                .iter()
                .find(|(n, _, _)| n == first)
                .map_or_else(|| PathBuf::from(first), |(_, p, _)| p.clone());
            return Err(Error::new(
                ErrorKind::Template,
                crate::tr!("không dùng được mẫu {}", "could not use the template {}", path.display()),
                crate::tr!(
                    "mẫu gọi lại chính nó nên không bao giờ kết thúc: {cycle}",
                    "it would never end: {cycle}"
                ),
            )
            .hint(crate::tr!(
                "một mẫu không được include chính nó và một macro không được gọi chính nó, trực tiếp hay qua mẫu khác; danh sách lồng nhau viết bằng vòng lặp `for`",
                "a template may not include itself, nor a macro call itself, directly or through others; write nested lists with `for` loops"
            )));
        }
        Ok(Templates {
            tera,
            origins: sources,
        })
    }

    pub fn names(&self) -> Vec<String> {
        // Partials (`_name.md`) are included by other templates, not named by documents.
        self.origins
            .iter()
            .filter(|(n, _, _)| !n.starts_with('_'))
            .map(|(n, _, _)| n.trim_end_matches(".md").to_string())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.origins
            .iter()
            .any(|(n, _, _)| n == &format!("{name}.md"))
    }

    /// The `data` keys whose items template `name` prints one by one (the
    /// text columns of a unit table); see [`super::template_lists`].
    pub fn list_keys(&self, name: &str) -> Vec<String> {
        super::template_lists::list_keys(&self.tera, &format!("{name}.md"))
    }

    /// Renders template `name` with `data`.
    pub fn render(&self, name: &str, data: &serde_json::Value) -> Result<String> {
        let file = format!("{name}.md");
        let context = match data {
            serde_json::Value::Null => tera::Context::new(),
            value => {
                tera::Context::from_value(serde_json::json!({ "data": value })).map_err(|e| {
                    Error::new(
                        ErrorKind::Template,
                        crate::tr!("không dùng được `data`", "could not use `data`"),
                        e.to_string(),
                    )
                })?
            }
        };
        // Tera panics on some data (a loop over a string whose characters
        // outnumber its graphemes): that becomes this document's error.
        let guard_error = |what: &str| {
            Error::new(
                ErrorKind::Template,
                crate::tr!(
                    "không tạo được nội dung từ mẫu",
                    "could not render the body template"
                ),
                crate::tr!(
                    "trình điền mẫu (Tera) dừng vì một lỗi bên trong: {what}; thường là một mục của `data` viết thành một dòng chữ ở chỗ mẫu cần một danh sách (`- …`)",
                    "the template engine (Tera) stopped on an internal error: {what}; usually an entry of `data` written as text where the template wants a list (`- …`)"
                ),
            )
            .hint(crate::guard::report_hint())
        };
        let rendered =
            crate::guard::guarded(guard_error, || Ok(self.tera.render(&file, &context)))?;
        rendered.map_err(|e| {
            let (_, path, text) = self
                .origins
                .iter()
                .find(|(n, _, _)| *n == file)
                .cloned()
                .unwrap_or_else(|| (file.clone(), PathBuf::from(&file), String::new()));
            template_error(
                &crate::tr!(
                    "không tạo được nội dung từ mẫu",
                    "could not render the body template"
                ),
                &path,
                &text,
                &e,
            )
        })
    }
}

/// A Tera error with the template's file, line and column.
fn template_error(action: &str, path: &Path, text: &str, err: &tera::Error) -> Error {
    let mut chain = Vec::new();
    let mut current: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = current {
        chain.push(e.to_string());
        current = e.source();
    }
    let full = chain.join("\n");
    let cause = chain
        .iter()
        .rev()
        .flat_map(|m| m.lines())
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with("-->") && !l.contains('|'))
        .map(|l| l.trim().trim_start_matches("= ").to_string())
        .unwrap_or_else(|| crate::tr!("lỗi không rõ nguyên nhân", "unknown error"));
    let mut out = Error::new(
        ErrorKind::Template,
        format!("{action} {}", path.display()),
        cause,
    );
    if let Some((line, column)) = parse_position(&full).or_else(|| find_variable(&full, text)) {
        out = out.at(path, text, line, column);
    }
    out.hint(crate::tr!(
        "mẫu viết theo cú pháp Tera (https://keats.github.io/tera/docs/); các giá trị của văn bản nằm dưới khóa `data`",
        "templates are Tera (https://keats.github.io/tera/docs/); the document's values are under `data`"
    ))
}

/// Tera's parse errors carry `--> line:column`.
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let rest = message.split("--> ").nth(1)?;
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Render errors name a variable but no position: point at its first use.
fn find_variable(message: &str, text: &str) -> Option<(usize, usize)> {
    let name = message.split("Variable `").nth(1)?.split('`').next()?;
    text.lines().enumerate().find_map(|(i, line)| {
        line.find(name)
            .map(|byte| (i + 1, line[..byte].chars().count() + 1))
    })
}
