//! The laid-out pages as SVG, for the web app's preview. Each page is drawn
//! once and kept, by a hash of everything on it, in a cache of bounded size:
//! a clerk's edit redraws only the pages it changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use typst_layout::Page;

/// What the cache may hold, in bytes of SVG (a page of text is 0.2–0.4 MB).
const CACHE_BYTES: usize = 32 << 20;

/// A page drawn as SVG, and its identity.
#[derive(Debug, Clone)]
pub struct SvgPage {
    /// A hash of what is drawn on the page, in 32 hex digits: the same page
    /// laid out again has the same id.
    pub id: String,
    pub svg: Arc<str>,
}

/// The SVGs drawn lately, and when each was last asked for.
#[derive(Default)]
struct Cache {
    pages: HashMap<u128, (Arc<str>, u64)>,
    bytes: usize,
    clock: u64,
}

impl Cache {
    fn get(&mut self, id: u128) -> Option<Arc<str>> {
        self.clock += 1;
        let clock = self.clock;
        self.pages.get_mut(&id).map(|(svg, used)| {
            *used = clock;
            svg.clone()
        })
    }

    /// Keeps `svg`, forgetting the least recently used pages while the
    /// cache is over its size.
    fn put(&mut self, id: u128, svg: Arc<str>) {
        self.clock += 1;
        self.bytes += svg.len();
        if let Some((old, _)) = self.pages.insert(id, (svg, self.clock)) {
            self.bytes -= old.len();
        }
        while self.bytes > CACHE_BYTES && self.pages.len() > 1 {
            let Some((&oldest, _)) = self.pages.iter().min_by_key(|(_, (_, used))| *used) else {
                break;
            };
            if let Some((gone, _)) = self.pages.remove(&oldest) {
                self.bytes -= gone.len();
            }
        }
    }
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: std::sync::OnceLock<Mutex<Cache>> = std::sync::OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// Every page as SVG: those drawn before from the cache, the others drawn
/// now, side by side on the available cores.
pub fn draw(pages: &[Page]) -> Vec<SvgPage> {
    use rayon::prelude::*;
    let ids: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
    let found: Vec<Option<Arc<str>>> = {
        let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        ids.iter().map(|&id| cache.get(id)).collect()
    };
    let options = typst_svg::SvgOptions::default();
    let svgs: Vec<Arc<str>> = pages
        .par_iter()
        .zip(&found)
        .map(|(page, svg)| match svg {
            Some(svg) => svg.clone(),
            None => Arc::from(typst_svg::svg(page, &options)),
        })
        .collect();
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    for ((id, svg), was) in ids.iter().zip(&svgs).zip(&found) {
        if was.is_none() {
            cache.put(*id, svg.clone());
        }
    }
    ids.iter()
        .zip(svgs)
        .map(|(id, svg)| SvgPage {
            id: format!("{id:032x}"),
            svg,
        })
        .collect()
}
