//! The language of messages: Vietnamese unless English is asked for, with
//! `--lang en` or a locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) starting with `en`.
//!
//! Each message is written in both languages where it is made, with [`tr!`];
//! the language is chosen once, when the program starts.

use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

static ENGLISH: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// This thread's language, where it differs from the program's (a
    /// server's request asks for its own).
    static THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with messages made on this thread in `lang`.
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    /// Puts the thread's language back, even when `f` panics.
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(THREAD.with(|t| t.replace(Some(lang))));
    f()
}

/// Sets the language of every message from now on.
pub fn set(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn get() -> Lang {
    if english() { Lang::En } else { Lang::Vi }
}

pub fn english() -> bool {
    match THREAD.with(|t| t.get()) {
        Some(lang) => lang == Lang::En,
        None => ENGLISH.load(Ordering::Relaxed),
    }
}

/// The language asked for: `flag` if given, else the first locale variable
/// that is set (POSIX order); English only when it starts with `en`.
pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| env(k))
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// `tr!("vi {x}", "en {x}", args…)`: the message in the current language,
/// as `format!` would build it.
#[macro_export]
macro_rules! tr {
    ($vi:literal, $en:literal $(,)?) => {
        if $crate::lang::english() { format!($en) } else { format!($vi) }
    };
    ($vi:literal, $en:literal, $($arg:tt)+) => {
        if $crate::lang::english() { format!($en, $($arg)+) } else { format!($vi, $($arg)+) }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn a_thread_speaks_the_language_it_asks_for_and_then_the_programs() {
        with(Lang::En, || {
            assert!(english());
            // Nested, and put back even after a panic.
            with(Lang::Vi, || assert!(!english()));
            let _ = std::panic::catch_unwind(|| with(Lang::Vi, || panic!("inside")));
            assert!(english());
        });
        assert_eq!(THREAD.with(|t| t.get()), None);
    }

    #[test]
    fn vietnamese_unless_english_is_asked_for() {
        assert_eq!(choose(None, env(&[])), Lang::Vi);
        assert_eq!(choose(None, env(&[("LANG", "C.UTF-8")])), Lang::Vi);
        assert_eq!(choose(None, env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(choose(None, env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        // LC_ALL wins over LANG; an empty variable does not count.
        assert_eq!(
            choose(None, env(&[("LC_ALL", "vi_VN"), ("LANG", "en_GB")])),
            Lang::Vi
        );
        assert_eq!(
            choose(None, env(&[("LC_ALL", ""), ("LANG", "en_GB")])),
            Lang::En
        );
        assert_eq!(choose(Some(Lang::Vi), env(&[("LANG", "en_US")])), Lang::Vi);
        assert_eq!(choose(Some(Lang::En), env(&[])), Lang::En);
    }
}
