//! What the targets share: the built-in templates, loaded once a process.

use std::sync::OnceLock;
use vanban::compose::Templates;

pub fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::load(None).expect("the built-in templates load"))
}
