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
    pub width: f64,
    pub size: f64,
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

fn collect(frame: &Frame, offset: Point, out: &mut PageText) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let shift = Point::new(group.transform.tx, group.transform.ty);
                collect(&group.frame, at + shift, out);
            }
            FrameItem::Text(text) => out.runs.push(TextRun {
                x: at.x.to_pt(),
                y: at.y.to_pt(),
                width: text.width().to_pt(),
                size: text.size.to_pt(),
                text: text.text.to_string(),
            }),
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry
                    && to.y.to_pt().abs() < 0.01
                {
                    let length = to.x.to_pt();
                    out.rules.push(RuleRun {
                        x: at.x.to_pt(),
                        y: at.y.to_pt(),
                        length,
                    });
                }
            }
            FrameItem::Image(..) | FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}
