//! The body's blocks in order, with the blank space between them made to
//! match the PDF's.
//!
//! Typst and Word agree on paragraphs: of one's space after and the next
//! one's space before, the larger counts. A table has no spacing of its own in
//! Word, so where the layout gives a table room above or below, or adds a gap
//! of its own (`Kính gửi:`, the closing), an exact-height empty paragraph
//! stands for it here.

use super::blocks::{self, Part};
use crate::model::{Block, Document, Line};

/// The spacing at the edge of what was, or is about to be, written: how
/// much, whether Word applies it itself (a paragraph's) or not (a table's),
/// and whether it overlaps the spacing across the edge (a paragraph's does;
/// a table cell's last paragraph's, applied inside the table, does not).
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub space: f64,
    pub native: bool,
    pub overlaps: bool,
}

impl Edge {
    /// The bottom edge of a header, title or appendix line: its rule's
    /// clearance if it has one, else its style's space after.
    pub fn after_line(doc: &Document, line: &Line) -> Edge {
        let space = match line.rule {
            Some(rule) => rule.below - doc.geometry.rule_stroke / 2.0,
            None => doc.styles.get(line.role).space_after,
        };
        native(space)
    }
}

/// The height of the empty paragraph that makes Word's gap between `prev`
/// and `next`, with `strong` space added between them, the layout's:
/// `max(prev, next) + strong`.
pub fn spacer_between(prev: Edge, strong: f64, next: Edge) -> f64 {
    let want = prev.space.max(next.space) + strong;
    // Adjacent paragraphs overlap their spacing, unless a spacer stands
    // between them.
    let word = if prev.overlaps && next.overlaps && strong == 0.0 {
        want
    } else {
        f64::from(u8::from(prev.native)) * prev.space
            + f64::from(u8::from(next.native)) * next.space
    };
    (want - word).max(0.0)
}

fn push_spacer(out: &mut Vec<Part>, height: f64) {
    if height > 0.005 {
        out.push(Part::from(blocks::spacer(height)));
    }
}

/// The body's parts, after what ends at `prev`; returns them and the edge
/// they end at.
pub fn body(doc: &Document, body: &[Block], mut prev: Edge) -> (Vec<Part>, Edge) {
    let t = &doc.geometry.table;
    let mut out = Vec::new();
    for block in body {
        let (before, strong, after) = match block {
            Block::Paragraph { role, .. } => {
                let s = doc.styles.get(*role);
                (native(s.space_before), 0.0, native(s.space_after))
            }
            Block::Table { .. } => (table(t.space_before), 0.0, table(t.space_after)),
            Block::Addressees { .. } => {
                // Word keeps the last addressee's space after inside the
                // table, as the layout keeps it under the block.
                let s = doc.styles.get(crate::model::Role::Addressee);
                let after = Edge {
                    space: s.space_after,
                    native: true,
                    overlaps: false,
                };
                (table(0.0), doc.geometry.addressees_gap, after)
            }
        };
        push_spacer(&mut out, spacer_between(prev, strong, before));
        out.push(match block {
            Block::Paragraph { role, label, spans } => {
                Part::from(blocks::body_paragraph(*role, label, spans))
            }
            Block::Addressees {
                label,
                items,
                widths,
            } => Part::from(blocks::addressees(label, items, *widths)),
            Block::Table {
                header_rows,
                rows,
                columns,
            } => Part::from(super::table::data_table(doc, *header_rows, rows, columns)),
        });
        prev = after;
    }
    (out, prev)
}

/// The closing's gap, after what ends at `prev`; kept with the closing.
pub fn before_closing(doc: &Document, prev: Edge) -> Option<Part> {
    let height = spacer_between(prev, doc.geometry.closing_gap, table(0.0));
    (height > 0.005).then(|| Part::from(blocks::spacer(height).keep_next(true)))
}

/// A paragraph's spacing.
pub fn native(space: f64) -> Edge {
    Edge {
        space,
        native: true,
        overlaps: true,
    }
}

/// A table's room, which Word does not give it.
fn table(space: f64) -> Edge {
    Edge {
        space,
        native: false,
        overlaps: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_s_spacing_made_the_layout_s() {
        // Paragraph to paragraph: Word overlaps them itself.
        assert_eq!(spacer_between(native(6.0), 0.0, native(12.0)), 0.0);
        // Paragraph to table: the table's room above, less the paragraph's.
        assert_eq!(spacer_between(native(6.0), 0.0, table(6.0)), 0.0);
        assert_eq!(spacer_between(native(0.0), 0.0, table(6.0)), 6.0);
        // Table to paragraph, table to table, a cell's own space to a
        // paragraph.
        let cell = Edge {
            space: 6.0,
            native: true,
            overlaps: false,
        };
        assert_eq!(spacer_between(cell, 0.0, native(0.0)), 0.0);
        assert_eq!(spacer_between(cell, 0.0, native(6.0)), 0.0);
        assert_eq!(spacer_between(table(6.0), 0.0, native(0.0)), 6.0);
        assert_eq!(spacer_between(table(6.0), 0.0, native(6.0)), 0.0);
        assert_eq!(spacer_between(table(6.0), 0.0, table(6.0)), 6.0);
        // A gap of its own comes on top.
        assert_eq!(spacer_between(native(6.0), 24.0, table(0.0)), 24.0);
        assert_eq!(spacer_between(table(6.0), 24.0, table(0.0)), 30.0);
    }
}
