//! The one error shape: what could not be done, where (file:line:col, in
//! characters), which field, and hints.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, for exit codes and for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The YAML is not a valid document (syntax, types, missing or unknown keys).
    Input,
    /// The document is valid YAML but breaks a rule (unknown kind, wrong prefix…).
    Rule,
    /// A body template failed to parse or render.
    Template,
    /// A writer failed; a bug, or a template layout error.
    Render,
    /// Reading or writing a file failed.
    Io,
    /// The caller stopped the work (a batch's cancel flag).
    Cancelled,
}

/// A place in a source file. Lines and columns start at 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The source line the location points into (for a cell, its text).
    pub snippet: Option<String>,
    /// In a spreadsheet, the sheet (`None` in a CSV file): `line` and
    /// `column` are then the cell's row and column (`D7` is 7 and 4).
    pub sheet: Option<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// `could not read samples/x.yaml`.
    pub message: String,
    /// The reason, in a few words.
    pub cause: String,
    pub location: Option<Box<Location>>,
    /// The field's path in the document, e.g. `signature.prefix`.
    pub field: Option<String>,
    pub hints: Vec<String>,
    /// The rule a finding of `vanban check` breaks (`104` for `VB104`), if any.
    pub code: Option<u16>,
    /// A warning of `vanban check` rather than an error.
    pub warning: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>, cause: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            cause: cause.into(),
            location: None,
            field: None,
            hints: Vec::new(),
            code: None,
            warning: false,
        }
    }

    /// `action` is English (`read`, `create the folder`…); in Vietnamese the
    /// known actions are translated, an unknown one is kept as it is.
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        let message = if crate::lang::english() {
            format!("could not {action} {}", path.display())
        } else {
            // "không đọc được x.yaml", "không tạo được thư mục out".
            let (verb, what) = match action {
                "read" => ("đọc", ""),
                "write" => ("ghi", ""),
                "open" => ("mở", ""),
                "create" => ("tạo", ""),
                "remove" | "delete" => ("xóa", ""),
                "copy" => ("sao chép", ""),
                "rename" => ("đổi tên", ""),
                "read the folder" => ("đọc", "thư mục "),
                "create the folder" => ("tạo", "thư mục "),
                "remove the folder" | "delete the folder" => ("xóa", "thư mục "),
                _ => ("", ""),
            };
            if verb.is_empty() {
                format!("không thể {action} {}", path.display())
            } else {
                format!("không {verb} được {what}{}", path.display())
            }
        };
        Error::new(ErrorKind::Io, message, io_cause(err))
    }

    /// Points the error at `line:column` of `file`, whose text is `source`.
    pub fn at(mut self, file: &Path, source: &str, line: usize, column: usize) -> Self {
        let snippet = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_string);
        self.location = Some(Box::new(Location {
            file: file.to_path_buf(),
            line,
            column,
            snippet,
            sheet: None,
        }));
        self
    }

    /// Points the error at a cell of a spreadsheet (`sheet` is `None` in a
    /// CSV file); `row` and `column` start at 1; `text` is what the cell holds.
    pub fn at_cell(
        mut self,
        file: &Path,
        sheet: Option<&str>,
        row: usize,
        column: usize,
        text: Option<String>,
    ) -> Self {
        self.location = Some(Box::new(Location {
            file: file.to_path_buf(),
            line: row,
            column,
            snippet: text,
            sheet: Some(sheet.map(str::to_string)),
        }));
        self
    }

    pub fn field(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        if !path.is_empty() && path != "." {
            self.field = Some(path);
        }
        self
    }

    /// Names the rule this error or warning is about.
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = code.strip_prefix("VB").and_then(|n| n.parse().ok());
        self
    }

    pub fn warn(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let en = crate::lang::english();
        let level = match (self.warning, en) {
            (true, true) => "warning",
            (false, true) => "error",
            (true, false) => "cảnh báo",
            (false, false) => "lỗi",
        };
        match self.code {
            Some(code) => write!(f, "{level}[VB{code:03}]: {} ({})", self.message, self.cause)?,
            None => write!(f, "{level}: {} ({})", self.message, self.cause)?,
        }
        if let Some(loc) = self.location.as_deref().filter(|l| l.sheet.is_some()) {
            write!(f, "\n  --> {}", loc.place())?;
            if let Some(text) = &loc.snippet {
                let cell = cell_name(loc.line, loc.column);
                write!(f, "\n   | {cell}: {}", window(text, 1).0)?;
            }
        } else if let Some(loc) = &self.location {
            write!(
                f,
                "\n  --> {}:{}:{}",
                loc.file.display(),
                loc.line,
                loc.column
            )?;
            if let Some(line) = &loc.snippet {
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                let (shown, at) = window(line, loc.column);
                let caret = " ".repeat(at.saturating_sub(1));
                write!(f, "\n {pad} |\n {} | {shown}\n {pad} | {caret}^", loc.line)?;
            }
        }
        if let Some(field) = &self.field {
            let field = shorten(field, 80);
            let label = if en { "field" } else { "trường" };
            write!(f, "\n  = {label}: {field}")?;
        }
        let label = if en { "hint" } else { "gợi ý" };
        for hint in &self.hints {
            write!(f, "\n{label}: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// What the operating system said, in the language of messages: Rust's
/// text (`No such file or directory (os error 2)`) in English; in
/// Vietnamese, the common kinds in Vietnamese with the system's code, the
/// rare ones as the system gives them.
pub fn io_cause(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if crate::lang::english() {
        return err.to_string();
    }
    let text = match err.kind() {
        K::NotFound => "không có tệp hoặc thư mục này",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "đã có tệp hoặc thư mục cùng tên",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        K::StorageFull => "ổ đĩa đã hết chỗ trống",
        K::QuotaExceeded => "đã vượt hạn mức dung lượng được cấp",
        K::FileTooLarge => "tệp quá lớn",
        K::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        K::ResourceBusy => "tệp hoặc thiết bị đang được dùng",
        K::CrossesDevices => "không chuyển được giữa hai ổ đĩa",
        K::BrokenPipe => "nơi nhận dữ liệu đã đóng",
        K::Interrupted => "bị ngắt giữa chừng",
        K::TimedOut => "quá thời gian chờ",
        K::UnexpectedEof => "tệp kết thúc sớm hơn dự kiến",
        K::WriteZero => "không ghi được dữ liệu",
        K::InvalidData => "dữ liệu không hợp lệ",
        K::OutOfMemory => "không đủ bộ nhớ",
        _ => return err.to_string(),
    };
    match err.raw_os_error() {
        Some(code) => format!("{text}, mã lỗi hệ thống {code}"),
        None => text.to_string(),
    }
}

impl Location {
    /// `x.yaml:7:3`, or a cell as a clerk reads it: `don-vi.xlsx, sheet
    /// "Chi bộ", cell D7` (`trang tính`, `ô` in Vietnamese).
    pub fn place(&self) -> String {
        let file = self.file.display();
        match &self.sheet {
            None => format!("{file}:{}:{}", self.line, self.column),
            Some(sheet) => {
                let cell = cell_name(self.line, self.column);
                match sheet {
                    Some(sheet) => crate::tr!(
                        "{file}, trang tính \"{sheet}\", ô {cell}",
                        "{file}, sheet \"{sheet}\", cell {cell}"
                    ),
                    None => crate::tr!("{file}, ô {cell}", "{file}, cell {cell}"),
                }
            }
        }
    }
}

/// A cell's name from its row and column (from 1): `(7, 4)` is `D7`.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// The line and column (from 1, in characters) where `before` ends: the
/// place of the character that follows it.
pub fn line_column(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The part of a long source line around `column` (both in characters),
/// and the column within it: a line of 100,000 characters is shown as 80.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 80;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(chars.len() - WIDTH);
    let end = start + WIDTH;
    let mut shown: String = chars[start..end].iter().collect();
    let mut at = column - start;
    if start > 0 {
        shown.insert(0, '…');
        at += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at)
}

/// `text` cut in the middle to at most `max` characters.
fn shorten(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let head: String = chars[..max / 2].iter().collect();
    let tail: String = chars[chars.len() - (max / 2 - 1)..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        let line: String = ('a'..='z').cycle().take(1000).collect();
        let (shown, at) = window(&line, 500);
        assert_eq!(shown.chars().count(), 82);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        // The caret still points at the 500th character.
        assert_eq!(shown.chars().nth(at - 1), line.chars().nth(499));
        let (shown, at) = window(&line, 3);
        assert_eq!(
            (shown.chars().nth(at - 1), shown.chars().next()),
            (Some('c'), Some('a'))
        );
        let (shown, at) = window(&line, 1000);
        assert_eq!(shown.chars().nth(at - 1), Some('l'));
        assert_eq!(window("short", 2), ("short".to_string(), 2));
        assert_eq!(shorten("data.a.a.a", 80), "data.a.a.a");
        assert_eq!(shorten(&"x".repeat(200), 20).chars().count(), 20);
    }

    #[test]
    fn display_shows_location_snippet_field_and_hint() {
        crate::lang::set(crate::lang::Lang::En);
        let src = "kind: huong-dan\nnumber: abc\n";
        let err = Error::new(
            ErrorKind::Input,
            "could not read x.yaml",
            "expected an integer",
        )
        .at(Path::new("x.yaml"), src, 2, 9)
        .field("number")
        .hint("write the number without its symbol, e.g. 44");
        let text = err.to_string();
        assert_eq!(
            text,
            "error: could not read x.yaml (expected an integer)\n  --> x.yaml:2:9\n   |\n 2 | number: abc\n   |         ^\n  = field: number\nhint: write the number without its symbol, e.g. 44"
        );
    }
}
