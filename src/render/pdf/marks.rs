//! The room to sign (ô 7c) of each signature, as the layout marks it, and as
//! named destinations in the PDF, so that a signing tool finds it in the
//! file alone (`vanban sign`).

use ecow::EcoString;
use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, Location};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The labels `templates/layout.typ` puts on the top-left and bottom-right
/// corners of each signature's room.
const START: &str = "vanban-o7c-start";
const END: &str = "vanban-o7c-end";

/// How far above its target typst-pdf puts a named destination (so that a
/// viewer jumping to it shows a little of what comes before).
pub const DESTINATION_LIFT_PT: f64 = 10.0;

/// The room to sign of one signature, in points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    /// The page, from 1.
    pub page: usize,
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The name of the destination at the top-left corner of the room of
/// signature `n` (from 1); the bottom-right corner's adds `-end`.
pub fn destination_name(n: usize) -> String {
    format!("vanban-o7c-{n}")
}

/// Each signature's room, in the order of the model's signatures.
pub fn rooms(paged: &PagedDocument) -> Vec<Room> {
    let introspector = paged.introspector();
    let at = |loc: Location| introspector.position(loc);
    corners(paged)
        .into_iter()
        .filter_map(|(start, end)| {
            let (a, b) = (at(start)?, at(end)?);
            Some(Room {
                page: a.page.get(),
                left: a.point.x.to_pt(),
                top: a.point.y.to_pt(),
                right: b.point.x.to_pt(),
                bottom: b.point.y.to_pt(),
            })
        })
        .collect()
}

/// The corners as named destinations for typst-pdf.
pub fn anchors(paged: &PagedDocument) -> Vec<(Location, EcoString)> {
    corners(paged)
        .into_iter()
        .enumerate()
        .flat_map(|(i, (start, end))| {
            let name = destination_name(i + 1);
            [
                (start, name.as_str().into()),
                (end, format!("{name}-end").into()),
            ]
        })
        .collect()
}

/// The locations of each room's two corners, in document order.
fn corners(paged: &PagedDocument) -> Vec<(Location, Location)> {
    let marked = |name: &str| -> Vec<Location> {
        let Some(label) = Label::new(PicoStr::intern(name)) else {
            return Vec::new();
        };
        paged
            .introspector()
            .query(&Selector::Label(label))
            .iter()
            .filter_map(|c| c.location())
            .collect()
    };
    marked(START).into_iter().zip(marked(END)).collect()
}
