//! What the PDF reader accepts: pages, decoded bytes, operators, glyphs and
//! the nesting of forms, so that a hostile file costs bounded time and memory.

/// The most pages read; a longer file is refused (a document with its
/// appendices is rarely over 100).
pub const MAX_PAGES: usize = 500;
/// The most one stream may decode to: 16 MiB.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;
/// The most all the streams read may decode to together: 128 MiB.
pub const MAX_TOTAL_BYTES: usize = 128 * 1024 * 1024;
/// The most content operators run over the whole file.
pub const MAX_OPERATIONS: usize = 5_000_000;
/// The most glyphs placed over the whole file.
pub const MAX_GLYPHS: usize = 2_000_000;
/// The deepest nesting of forms (a form drawing a form …).
pub const MAX_FORM_DEPTH: usize = 12;
/// The most boxes and rules kept a page (more are not read).
pub const MAX_SHAPES: usize = 20_000;
/// The deepest `q` nesting kept (deeper saves are ignored).
pub const MAX_SAVES: usize = 256;

/// What is left of the limits while a file is read.
#[derive(Debug)]
pub struct Budget {
    bytes: usize,
    operations: usize,
    glyphs: usize,
    /// Set when a limit was reached: reading stops.
    pub spent: Option<&'static str>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            bytes: MAX_TOTAL_BYTES,
            operations: MAX_OPERATIONS,
            glyphs: MAX_GLYPHS,
            spent: None,
        }
    }
}

impl Budget {
    /// Takes `n` decoded bytes; false (and spent) when there are not that many.
    pub fn take_bytes(&mut self, n: usize) -> bool {
        Self::take(&mut self.bytes, n, "bytes", &mut self.spent)
    }

    pub fn take_operation(&mut self) -> bool {
        Self::take(&mut self.operations, 1, "operations", &mut self.spent)
    }

    pub fn take_glyph(&mut self) -> bool {
        Self::take(&mut self.glyphs, 1, "glyphs", &mut self.spent)
    }

    fn take(
        left: &mut usize,
        n: usize,
        what: &'static str,
        spent: &mut Option<&'static str>,
    ) -> bool {
        if spent.is_some() {
            return false;
        }
        match left.checked_sub(n) {
            Some(rest) => {
                *left = rest;
                true
            }
            None => {
                *spent = Some(what);
                false
            }
        }
    }
}
