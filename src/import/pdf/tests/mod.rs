//! Tests of the PDF reader: documents rendered in-process and read back,
//! other producers' PDFs of the same documents, stamps, hostile files.

mod hostile;
mod samples;
mod stamps;

use super::super::read::{Column, DraftLine};
use crate::model::{Block, Document, Line, place_cells};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample document, sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// A sample's model and its PDF, rendered in-process.
pub fn render(sample: &Path) -> (Document, Vec<u8>) {
    let templates = crate::compose::Templates::load(None).unwrap();
    let doc = crate::api::load(sample, &templates).unwrap_or_else(|e| panic!("{e}"));
    let pdf = crate::render::pdf::write(&doc).unwrap_or_else(|e| panic!("{e}"));
    (doc, pdf)
}

/// The reader's lines of a PDF.
pub fn read(pdf: &[u8]) -> Vec<DraftLine> {
    super::lines(Path::new("test.pdf"), pdf).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs of white space (a no-break or figure space too) as one space, word
/// joiners (which no reader sees) left out; NFC.
pub fn squash(text: &str) -> String {
    let text: String = text.nfc().collect();
    text.replace(['\u{a0}', '\u{2007}'], " ")
        .replace(crate::model::JOINER, "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line the reader must give: its text, and its face when the model says.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub text: String,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
}

/// A model line as the reader gives it: one line for each line break.
fn expected(doc: &Document, line: &Line) -> Vec<Expected> {
    let style = doc.styles.get(line.role);
    line.text
        .split('\n')
        .map(|part| Expected {
            text: squash(part),
            bold: Some(style.bold),
            italic: Some(style.italic),
        })
        .collect()
}

/// What the reader must give of a document: the lines across the text area
/// (title, body, appendices) in order, the header's left and right
/// columns, and the closing's lines (recipients, signatures).
pub struct Shape {
    pub across: Vec<Expected>,
    pub left: Vec<Expected>,
    pub right: Vec<Expected>,
    pub closing: Vec<Expected>,
}

pub fn shape(doc: &Document) -> Shape {
    let header = |f: fn(&crate::model::HeaderRow) -> &Vec<Line>| -> Vec<Expected> {
        doc.header
            .rows
            .iter()
            .flat_map(f)
            .filter(|l| !l.text.trim().is_empty())
            .flat_map(|l| expected(doc, l))
            .collect()
    };
    let mut across: Vec<Expected> = doc.title.iter().flat_map(|l| expected(doc, l)).collect();
    across.extend(blocks(doc, &doc.body));
    for appendix in &doc.appendices {
        across.extend(appendix.heading.iter().flat_map(|l| expected(doc, l)));
        across.extend(blocks(doc, &appendix.body));
    }
    let mut closing = Vec::new();
    if let Some(r) = &doc.closing.recipients {
        closing.extend(expected(doc, &r.label));
        closing.extend(r.items.iter().flat_map(|l| expected(doc, l)));
    }
    for s in &doc.closing.signatures {
        closing.extend(s.lines.iter().flat_map(|l| expected(doc, l)));
        closing.extend(expected(doc, &s.name));
    }
    across.retain(|e| !e.text.is_empty());
    closing.retain(|e| !e.text.is_empty());
    Shape {
        across,
        left: header(|r| &r.left),
        right: header(|r| &r.right),
        closing,
    }
}

/// Body blocks as lines: a paragraph whole (its face when all its spans
/// share one), `Kính gửi:` with its first addressee then one a line, a
/// table as pipe rows.
fn blocks(doc: &Document, blocks: &[Block]) -> Vec<Expected> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { role, spans, .. } => {
                let style = doc.styles.get(*role);
                let uniform = |f: fn(&crate::model::Span) -> bool| {
                    let all = spans.iter().filter(|s| !s.text.trim().is_empty()).all(f);
                    let none = !spans.iter().filter(|s| !s.text.trim().is_empty()).any(f);
                    (all || none).then_some(all)
                };
                out.push(Expected {
                    text: squash(&block.plain_text()),
                    bold: uniform(|s| s.bold).map(|b| b || style.bold),
                    italic: uniform(|s| s.italic).map(|i| i || style.italic),
                });
            }
            Block::Addressees { label, items, .. } => {
                for (i, item) in items.iter().enumerate() {
                    let text = if i == 0 {
                        format!("{label} {item}")
                    } else {
                        item.clone()
                    };
                    out.push(Expected {
                        text: squash(&text),
                        bold: None,
                        italic: None,
                    });
                }
            }
            Block::Table {
                header_rows, rows, ..
            } => out.extend(
                pipe_rows(*header_rows, rows)
                    .into_iter()
                    .map(|text| Expected {
                        text,
                        bold: None,
                        italic: None,
                    }),
            ),
        }
    }
    out
}

/// A table as the DOCX reader writes it: `<` merged from the left, `^`
/// from above, `|---|` after the header rows.
fn pipe_rows(header_rows: usize, rows: &[Vec<crate::model::Cell>]) -> Vec<String> {
    let placed = place_cells(rows);
    let columns = placed
        .iter()
        .map(|(_, c, cell)| c + cell.colspan)
        .max()
        .unwrap_or(0);
    let mut grid = vec![vec![String::from("^"); columns]; rows.len()];
    for (r, c, cell) in placed {
        grid[r][c] = squash(&cell.text.replace('|', "\\|"));
        for k in 1..cell.colspan {
            grid[r][c + k] = "<".into();
        }
    }
    let mut out = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        out.push(squash(&format!("| {} |", row.join(" | "))));
        if r + 1 == header_rows && header_rows < rows.len() {
            out.push(format!("|{}", "---|".repeat(columns)));
        }
    }
    out
}

/// Checks the reader's lines against a document's shape: the lines across
/// the text area equal, in order and face; the header's columns equal; the
/// closing's lines all there, in columns; no stamp; nothing else.
pub fn check(name: &str, shape: &Shape, lines: &[DraftLine], faces: bool) {
    let text: Vec<&DraftLine> = lines.iter().filter(|l| !l.blank).collect();
    assert!(
        text.iter().all(|l| !l.stamp),
        "{name}: a stamp where there is none"
    );
    let column = |l: &DraftLine| l.place.and_then(|p| p.column);
    let across: Vec<&DraftLine> = text
        .iter()
        .copied()
        .filter(|l| column(l).is_none())
        .collect();
    compare(name, "across", &shape.across, &across, faces);
    // The header: the first block of columns.
    let header_end = text
        .iter()
        .position(|l| column(l).is_none())
        .unwrap_or(text.len());
    let side = |c: Column| -> Vec<&DraftLine> {
        text[..header_end]
            .iter()
            .copied()
            .filter(|l| column(l) == Some(c))
            .collect()
    };
    compare(name, "header left", &shape.left, &side(Column::Left), faces);
    compare(
        name,
        "header right",
        &shape.right,
        &side(Column::Right),
        faces,
    );
    let mut closing: Vec<String> = text[header_end..]
        .iter()
        .filter(|l| column(l).is_some())
        .map(|l| squash(&l.text))
        .collect();
    let mut want: Vec<String> = shape.closing.iter().map(|e| e.text.clone()).collect();
    closing.sort();
    want.sort();
    assert_eq!(closing, want, "{name}: the closing's lines");
}

fn compare(name: &str, part: &str, want: &[Expected], got: &[&DraftLine], faces: bool) {
    let texts: Vec<String> = got.iter().map(|l| squash(&l.text)).collect();
    let wanted: Vec<String> = want.iter().map(|e| e.text.clone()).collect();
    if let Some(i) = (0..texts.len().max(wanted.len())).find(|i| texts.get(*i) != wanted.get(*i)) {
        panic!(
            "{name}: {part}, line {i}:\n   got {:?}\n  want {:?}\n\nall got:\n{}",
            texts.get(i),
            wanted.get(i),
            texts.join("\n")
        );
    }
    if !faces {
        return;
    }
    for (e, l) in want.iter().zip(got) {
        if let Some(bold) = e.bold {
            assert_eq!(l.bold, bold, "{name}: {part}: bold of {:?}", e.text);
        }
        if let Some(italic) = e.italic {
            assert_eq!(l.italic, italic, "{name}: {part}: italic of {:?}", e.text);
        }
    }
}
