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

/// How many [`guarded`] calls are running: while one is, the panic hook
/// stays quiet (the panic becomes an error).
static GUARDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether a panic now would be caught by [`guarded`] (for the panic hook).
pub fn in_guarded() -> bool {
    GUARDED.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// Runs a writer or a layout; a panic inside it becomes this document's
/// error (see [`Format::write`]).
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    use std::sync::atomic::Ordering;
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    result.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let what: String = what.lines().next().unwrap_or("").chars().take(200).collect();
        Err(Error::new(
            crate::error::ErrorKind::Render,
            crate::tr!("không viết được văn bản", "could not write the document"),
            crate::tr!(
                "trình dàn trang dừng vì một lỗi bên trong: {what}",
                "the writer stopped on an internal error: {what}"
            ),
        )
        .hint(crate::tr!(
            "đây là lỗi của vanban hoặc thư viện nó dùng; xin gửi tệp YAML này kèm thông báo cho người phát triển",
            "this is a bug in vanban or a library it uses; please report it with this YAML file"
        )))
    })
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
        assert!(!in_guarded());
        assert_eq!(guarded(|| Ok(5)).unwrap(), 5);
    }
}
