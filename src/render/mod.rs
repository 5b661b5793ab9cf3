//! Writers (DOCX, PDF): the model to bytes, in memory.

pub mod docx;
pub mod pdf;

use crate::error::{Error, Result};
use crate::model::Document;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The document in this format. A panic inside a writer (a bug in
    /// Typst, krilla or docx-rs) becomes this document's error, so that a
    /// batch goes on with the other units.
    pub fn write(self, doc: &Document) -> Result<Vec<u8>> {
        guarded(|| match self {
            Format::Docx => docx::write(doc),
            Format::Pdf => pdf::write(doc),
        })
    }
}

/// Runs a writer or a layout; a panic inside it becomes this document's
/// error (see [`Format::write`]).
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let error = |what: &str| {
        Error::new(
            crate::error::ErrorKind::Render,
            crate::tr!("không viết được văn bản", "could not write the document"),
            crate::tr!(
                "trình dàn trang dừng vì một lỗi bên trong: {what}",
                "the writer stopped on an internal error: {what}"
            ),
        )
        .hint(crate::guard::report_hint())
    };
    crate::guard::guarded(error, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_writer_becomes_an_error() {
        crate::lang::set(crate::lang::Lang::En);
        let err = guarded::<()>(|| panic!("cluster range 2..0")).unwrap_err();
        assert!(
            err.cause.contains("internal error: cluster range 2..0"),
            "{err}"
        );
        assert!(!crate::guard::in_guarded());
        assert_eq!(guarded(|| Ok(5)).unwrap(), 5);
    }
}
