//! Where Typst put each run of text and each rule: for tests and for checking
//! layouts.

use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// A run of text with its baseline origin in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f64,
    pub y: f64,
    /// To the end of its last glyph that is not a space (a line's trailing
    /// space, stretched by justification, is no part of it).
    pub width: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
}

/// A horizontal rule: where it starts and how long it is, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleRun {
    pub x: f64,
    pub y: f64,
    pub length: f64,
}

/// The runs and rules of one page, in layout order, and the page's size in
/// points.
#[derive(Debug, Clone)]
pub struct PageText {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
    pub rules: Vec<RuleRun>,
}

impl PageText {
    /// The first run that contains `needle`.
    pub fn find(&self, needle: &str) -> Option<&TextRun> {
        self.runs.iter().find(|r| r.text.contains(needle))
    }

    /// The first rule under `run`: below its baseline by less than 10 pt and
    /// overlapping it horizontally.
    pub fn rule_under(&self, run: &TextRun) -> Option<&RuleRun> {
        self.rules.iter().find(|r| {
            let below = r.y - run.y;
            below > 0.0 && below < 10.0 && r.x < run.x + run.width && r.x + r.length > run.x
        })
    }
}

/// Every page's text runs and rules.
pub fn page_texts(doc: &PagedDocument) -> Vec<PageText> {
    doc.pages()
        .iter()
        .map(|page| {
            let size = page.frame.size();
            let mut found = PageText {
                width: size.x.to_pt(),
                height: size.y.to_pt(),
                runs: Vec::new(),
                rules: Vec::new(),
            };
            collect(&page.frame, Point::zero(), &mut found);
            found
        })
        .collect()
}

/// The width of a run up to the end of its last glyph that is not a space.
fn ink_width(text: &typst::text::TextItem) -> f64 {
    let mut advance = typst::layout::Em::zero();
    let mut ink = advance;
    for glyph in &text.glyphs {
        advance += glyph.x_advance;
        if !text.text[glyph.range()].trim().is_empty() {
            ink = advance;
        }
    }
    ink.at(text.size).to_pt()
}

fn collect(frame: &Frame, offset: Point, out: &mut PageText) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let shift = Point::new(group.transform.tx, group.transform.ty);
                collect(&group.frame, at + shift, out);
            }
            FrameItem::Text(text) => {
                let variant = text.font.info().variant;
                out.runs.push(TextRun {
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: ink_width(text),
                    size: text.size.to_pt(),
                    bold: variant.weight.to_number() >= 600,
                    italic: variant.style != typst::text::FontStyle::Normal,
                    text: text.text.to_string(),
                })
            }
            FrameItem::Shape(shape, _) => match shape.geometry {
                Geometry::Line(to) if to.y.to_pt().abs() < 0.01 => out.rules.push(RuleRun {
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    length: to.x.to_pt(),
                }),
                // A frame: its top and bottom edges.
                Geometry::Rect(size) if shape.stroke.is_some() => {
                    for dy in [0.0, size.y.to_pt()] {
                        out.rules.push(RuleRun {
                            x: at.x.to_pt(),
                            y: at.y.to_pt() + dy,
                            length: size.x.to_pt(),
                        });
                    }
                }
                _ => {}
            },
            FrameItem::Image(..) | FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}
