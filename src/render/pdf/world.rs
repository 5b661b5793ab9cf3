//! Our own Typst `World`: the layout template and the document's data, in
//! memory; the embedded fonts; nothing else. No file system, no network, no
//! clock.

use crate::fonts::FontSet;
use std::sync::Mutex;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The layout, built in.
pub const LAYOUT: &str = include_str!("../../../templates/layout.typ");

/// Parsed once per process and shared by every document.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'static [Font],
    set: &'static FontSet,
    main: Source,
    data_id: FileId,
}

impl Shared {
    /// The shared parts for a set of fonts: built once per set and process.
    pub fn get(set: &'static FontSet) -> &'static Shared {
        static BUILT: Mutex<Vec<&'static Shared>> = Mutex::new(Vec::new());
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(shared) = built.iter().find(|s| std::ptr::eq(s.set, set)) {
            return shared;
        }
        let shared: &'static Shared = Box::leak(Box::new(Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&set.faces)),
            fonts: &set.faces,
            set,
            main: Source::new(file_id("/main.typ"), LAYOUT.to_string()),
            data_id: file_id("/data.json"),
        }));
        built.push(shared);
        shared
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

/// Fixed virtual paths only: the interner behind `FileId` never forgets.
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's world: the shared parts plus its data as JSON.
pub struct DocWorld {
    pub shared: &'static Shared,
    pub data: Bytes,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main.id() {
            Ok(self.shared.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            Ok(self.data.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Documents carry their own date; the layout never asks for the clock.
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
