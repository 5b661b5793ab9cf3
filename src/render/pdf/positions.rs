//! Where Typst put each run of text: for tests and for checking layouts.

use typst::layout::{Frame, FrameItem, Point};
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

/// The runs of one page, in layout order, and the page's size in points.
#[derive(Debug, Clone)]
pub struct PageText {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
}

impl PageText {
    /// The first run that contains `needle`.
    pub fn find(&self, needle: &str) -> Option<&TextRun> {
        self.runs.iter().find(|r| r.text.contains(needle))
    }
}

/// Every page's text runs.
pub fn page_texts(doc: &PagedDocument) -> Vec<PageText> {
    doc.pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect(&page.frame, Point::zero(), &mut runs);
            let size = page.frame.size();
            PageText {
                width: size.x.to_pt(),
                height: size.y.to_pt(),
                runs,
            }
        })
        .collect()
}

fn collect(frame: &Frame, offset: Point, out: &mut Vec<TextRun>) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let shift = Point::new(group.transform.tx, group.transform.ty);
                collect(&group.frame, at + shift, out);
            }
            FrameItem::Text(text) => out.push(TextRun {
                x: at.x.to_pt(),
                y: at.y.to_pt(),
                width: text.width().to_pt(),
                size: text.size.to_pt(),
                text: text.text.to_string(),
            }),
            FrameItem::Shape(..)
            | FrameItem::Image(..)
            | FrameItem::Link(..)
            | FrameItem::Tag(_) => {}
        }
    }
}
