//! A panic inside a library vanban calls (Tera, Typst, docx-rs) turned into
//! the error of the one document that caused it, so that one bad input never
//! stops the others, and kept quiet in the panic hook meanwhile.

use crate::error::Result;
use std::cell::Cell;

thread_local! {
    /// How many [`guarded`] calls are running on this thread.
    static GUARDED: Cell<usize> = const { Cell::new(0) };
}

/// Whether a panic on this thread now would be caught by [`guarded`] (for
/// the panic hook, which then stays quiet).
pub fn in_guarded() -> bool {
    GUARDED.with(Cell::get) > 0
}

/// Runs `f`; a panic inside it becomes the error that `error` makes of the
/// panic's message (its first line, at most 200 characters).
pub fn guarded<T>(
    error: impl FnOnce(&str) -> crate::error::Error,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get() - 1));
    result.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let what: String = what
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        Err(error(&what))
    })
}

/// The hint of every such error: the fault is vanban's, not the user's.
pub fn report_hint() -> String {
    crate::tr!(
        "đây là lỗi của vanban hoặc thư viện nó dùng; xin gửi tệp YAML này kèm thông báo cho người phát triển",
        "this is a bug in vanban or a library it uses; please report it with this YAML file"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};

    #[test]
    fn a_panic_becomes_the_error_and_the_count_comes_back() {
        let err = guarded::<()>(
            |what| Error::new(ErrorKind::Render, "step", format!("stopped: {what}")),
            || panic!("cluster range 2..0\nmore"),
        )
        .unwrap_err();
        assert_eq!(err.cause, "stopped: cluster range 2..0");
        assert!(!in_guarded());
    }
}
