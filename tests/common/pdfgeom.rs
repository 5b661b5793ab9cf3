//! Where a PDF puts its text and rules, read from its content streams with
//! lopdf: for measuring LibreOffice's rendering of a DOCX against Typst's
//! layout, with the same yardstick for both PDFs.
//!
//! Positions are in points from the page's top left; a run's `y` is its
//! baseline. Only what vanban's documents use is interpreted: text in simple
//! and Identity-H fonts, `q`/`Q`/`cm`, form XObjects, straight lines and
//! rectangles.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use std::collections::BTreeMap;

/// A page's runs and rules, in the terms of Typst's layout.
pub use vanban::render::pdf::PageText as Page;
/// A horizontal line or a thin filled rectangle: a rule, a border, an
/// underline.
pub use vanban::render::pdf::RuleRun as Rule;
/// A piece of text shown by one operator, as Typst's layout gives one.
pub use vanban::render::pdf::TextRun as Run;

/// Every page of a PDF.
pub fn read(pdf: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf can read");
    doc.get_pages()
        .values()
        .map(|&id| read_page(&doc, id))
        .collect()
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`: the product a × b of PDF's row-vector matrices.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// What a run needs of a font: its text encoding and its glyph widths.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Two-byte codes (Identity-H) or one-byte codes.
    wide: bool,
    widths: BTreeMap<u32, f64>,
    default_width: f64,
    bold: bool,
    italic: bool,
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let name = dict
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default();
    let wide = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
    let mut widths = BTreeMap::new();
    let mut default_width = 1000.0;
    if wide {
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        if let Some(d) = descendant {
            default_width = d.get(b"DW").map(number).unwrap_or(1000.0);
            if let Ok(w) = d.get_deref(b"W", doc).and_then(Object::as_array) {
                cid_widths(doc, w, &mut widths);
            }
        }
    } else {
        let first = dict.get(b"FirstChar").map(number).unwrap_or(0.0) as u32;
        if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            for (i, o) in w.iter().enumerate() {
                let o = doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
                widths.insert(first + i as u32, number(o));
            }
        }
        default_width = 0.0;
    }
    Font {
        encoding: dict.get_font_encoding(doc).ok(),
        wide,
        widths,
        default_width,
        bold: name.contains("Bold"),
        italic: name.contains("Italic") || name.contains("Oblique"),
    }
}

/// A CID font's `/W`: `c [w1 w2 …]` or `c1 c2 w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut BTreeMap<u32, f64>) {
    let mut i = 0;
    while i + 1 < w.len() {
        let first = number(&w[i]) as u32;
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    out.insert(first + k as u32, number(o));
                }
                i += 2;
            }
            _ if i + 2 < w.len() => {
                let last = number(&w[i + 1]) as u32;
                let width = number(&w[i + 2]);
                for c in first..=last {
                    out.insert(c, width);
                }
                i += 3;
            }
            _ => break,
        }
    }
}

/// The state of the interpreter that outlives `q`/`Q`.
struct Text {
    tm: Matrix,
    tlm: Matrix,
    size: f64,
    font: Option<Vec<u8>>,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
}

struct Reader<'a> {
    doc: &'a Document,
    height: f64,
    fonts: BTreeMap<Vec<u8>, Font<'a>>,
    page: Page,
    text: Text,
    path: Vec<(f64, f64, f64, f64)>,
    current: (f64, f64),
}

fn read_page(doc: &Document, id: ObjectId) -> Page {
    let page = doc.get_dictionary(id).expect("a page");
    let media = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .map(|a| a.iter().map(number).collect::<Vec<_>>())
        .unwrap_or_else(|_| vec![0.0, 0.0, 595.0, 842.0]);
    let fonts = doc
        .get_page_fonts(id)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, dict)| (name, font(doc, dict)))
        .collect();
    let mut reader = Reader {
        doc,
        height: media[3],
        fonts,
        page: Page {
            width: media[2] - media[0],
            height: media[3] - media[1],
            runs: Vec::new(),
            rules: Vec::new(),
        },
        text: Text {
            tm: IDENTITY,
            tlm: IDENTITY,
            size: 0.0,
            font: None,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
        },
        path: Vec::new(),
        current: (0.0, 0.0),
    };
    let content = doc.get_page_content(id);
    let resources = doc.get_page_resources(id).ok().and_then(|(r, _)| r);
    reader.run(&content, IDENTITY, resources);
    reader.page
}

impl<'a> Reader<'a> {
    fn run(&mut self, content: &[u8], ctm: Matrix, resources: Option<&'a Dictionary>) {
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let mut stack = vec![ctm];
        for op in &content.operations {
            let n: Vec<f64> = op.operands.iter().map(number).collect();
            let ctm = *stack.last().unwrap_or(&IDENTITY);
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" if stack.len() > 1 => {
                    stack.pop();
                }
                "cm" if n.len() == 6 => {
                    let m = [n[0], n[1], n[2], n[3], n[4], n[5]];
                    if let Some(top) = stack.last_mut() {
                        *top = mul(&m, top);
                    }
                }
                "BT" => {
                    self.text.tm = IDENTITY;
                    self.text.tlm = IDENTITY;
                }
                "Tf" if op.operands.len() == 2 => {
                    self.text.font = op.operands[0].as_name().ok().map(<[u8]>::to_vec);
                    self.text.size = n[1];
                }
                "Tc" => self.text.char_space = n[0],
                "Tw" => self.text.word_space = n[0],
                "Tz" => self.text.scale = n[0] / 100.0,
                "TL" => self.text.leading = n[0],
                "Td" => self.move_line(n[0], n[1]),
                "TD" => {
                    self.text.leading = -n[1];
                    self.move_line(n[0], n[1]);
                }
                "T*" => self.move_line(0.0, -self.text.leading),
                "Tm" if n.len() == 6 => {
                    self.text.tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                    self.text.tm = self.text.tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        self.move_line(0.0, -self.text.leading);
                    }
                    let items = match op.operands.last() {
                        Some(Object::Array(items)) => items.clone(),
                        Some(other) => vec![other.clone()],
                        None => Vec::new(),
                    };
                    self.show(&items, &ctm);
                }
                "m" if n.len() == 2 => self.current = (n[0], n[1]),
                "l" if n.len() == 2 => {
                    let (x0, y0) = apply(&ctm, self.current.0, self.current.1);
                    let (x1, y1) = apply(&ctm, n[0], n[1]);
                    self.path.push((x0, y0, x1, y1));
                    self.current = (n[0], n[1]);
                }
                "re" if n.len() == 4 => {
                    let (x0, y0) = apply(&ctm, n[0], n[1]);
                    let (x1, y1) = apply(&ctm, n[0] + n[2], n[1] + n[3]);
                    self.rectangle(x0, y0, x1, y1);
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => self.stroke(),
                "n" => self.path.clear(),
                "Do" => self.form(op, ctm, resources),
                _ => {}
            }
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.text.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.text.tlm);
        self.text.tm = self.text.tlm;
    }

    /// A text-showing operator: one run, its glyphs advanced as the PDF says.
    fn show(&mut self, items: &[Object], ctm: &Matrix) {
        let Some(font) = self.text.font.as_ref().and_then(|f| self.fonts.get(f)) else {
            return;
        };
        let t = &self.text;
        let start = mul(&t.tm, ctm);
        let mut advance = 0.0;
        // Where the last glyph that is not a space ends: a justified line's
        // trailing space is no part of the line.
        let mut ink = 0.0;
        let mut text = String::new();
        for item in items {
            match item {
                Object::String(bytes, _) => {
                    let step = if font.wide { 2 } else { 1 };
                    for chunk in bytes.chunks(step) {
                        let glyph = font
                            .encoding
                            .as_ref()
                            .and_then(|e| e.bytes_to_string(chunk).ok())
                            .unwrap_or_default();
                        text.push_str(&glyph);
                        let code = chunk.iter().fold(0u32, |a, b| a * 256 + u32::from(*b));
                        let w = font
                            .widths
                            .get(&code)
                            .copied()
                            .unwrap_or(font.default_width);
                        let space = if !font.wide && code == 32 {
                            t.word_space
                        } else {
                            0.0
                        };
                        advance += (w / 1000.0 * t.size + t.char_space + space) * t.scale;
                        if !glyph.trim().is_empty() {
                            ink = advance;
                        }
                    }
                }
                other => advance -= number(other) / 1000.0 * t.size * t.scale,
            }
        }
        let (x, y) = apply(&start, 0.0, 0.0);
        let (x1, _) = apply(&start, ink, 0.0);
        let size = t.size * (start[2].powi(2) + start[3].powi(2)).sqrt();
        let (bold, italic) = (font.bold, font.italic);
        self.text.tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &self.text.tm);
        if !text.trim().is_empty() {
            self.page.runs.push(Run {
                x,
                y: self.height - y,
                width: x1 - x,
                size: (size * 100.0).round() / 100.0,
                bold,
                italic,
                text,
            });
        }
    }

    fn rectangle(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let (left, right) = (x0.min(x1), x0.max(x1));
        let (low, high) = (y0.min(y1), y0.max(y1));
        // A thin rectangle is a rule (LibreOffice fills its borders); a box
        // is four lines (a table cell, a frame).
        if high - low < 2.0 {
            let mid = (low + high) / 2.0;
            self.path.push((left, mid, right, mid));
        } else {
            self.path.push((left, low, right, low));
            self.path.push((left, high, right, high));
        }
    }

    fn stroke(&mut self) {
        for (x0, y0, x1, y1) in self.path.drain(..) {
            if (y0 - y1).abs() < 0.01 && (x1 - x0).abs() > 1.0 {
                self.page.rules.push(Rule {
                    x: x0.min(x1),
                    y: self.height - y0,
                    length: (x1 - x0).abs(),
                });
            }
        }
    }

    /// A form XObject: its content, under its matrix, with its resources.
    fn form(
        &mut self,
        op: &lopdf::content::Operation,
        ctm: Matrix,
        resources: Option<&'a Dictionary>,
    ) {
        let doc = self.doc;
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
            return;
        };
        let Some(stream) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).ok())
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get_deref(name, doc).ok())
            .and_then(|s| s.as_stream().ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let m = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .map(|a| a.iter().map(number).collect::<Vec<_>>())
            .ok()
            .filter(|m| m.len() == 6)
            .map_or(IDENTITY, |m| [m[0], m[1], m[2], m[3], m[4], m[5]]);
        let own = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .ok();
        if let Some(fonts) = own
            .and_then(|r| r.get_deref(b"Font", doc).ok())
            .and_then(|f| f.as_dict().ok())
        {
            for (key, value) in fonts.iter() {
                if let Ok(dict) = doc.dereference(value).and_then(|(_, o)| o.as_dict()) {
                    self.fonts
                        .entry(key.clone())
                        .or_insert_with(|| font(doc, dict));
                }
            }
        }
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        self.run(&content, mul(&m, &ctm), own.or(resources));
    }
}

/// A line of text: runs sharing a baseline and close together, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub x: f64,
    pub y: f64,
    pub end: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
}

/// The lines of a page, top to bottom and left to right: runs within 0.6 pt
/// of a baseline joined, with a space where a gap is wider than a fifth of
/// the size; a gap wider than two and a half times the size (between the
/// columns of the header or the closing) starts another line. Size, bold and italic are the
/// first run's.
pub fn lines(page: &Page) -> Vec<Line> {
    lines_split(page, &[])
}

/// [`lines`], also starting another line where a gap wider than the size
/// crosses one of `columns` (x positions): the header's and the closing's
/// columns can come closer than the gap that tells them apart elsewhere.
pub fn lines_split(page: &Page, columns: &[f64]) -> Vec<Line> {
    let mut runs: Vec<&Run> = page.runs.iter().collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<&Run>> = Vec::new();
    for run in runs {
        match rows.last_mut() {
            Some(row) if (row[0].y - run.y).abs() < 0.6 => row.push(run),
            _ => rows.push(vec![run]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut line: Option<Line> = None;
        for run in row {
            let crosses = |l: &Line| {
                run.x - l.end > run.size && columns.iter().any(|c| l.x < *c && run.x >= *c - 1.0)
            };
            match &mut line {
                Some(l) if run.x - l.end <= run.size * 2.5 && !crosses(l) => {
                    if run.x - l.end > run.size * 0.2 && !l.text.ends_with(' ') {
                        l.text.push(' ');
                    }
                    l.text.push_str(&run.text);
                    l.end = l.end.max(run.x + run.width);
                }
                _ => {
                    out.extend(line.take());
                    line = Some(Line {
                        x: run.x,
                        y: run.y,
                        end: run.x + run.width,
                        size: run.size,
                        bold: run.bold,
                        italic: run.italic,
                        text: run.text.clone(),
                    });
                }
            }
        }
        out.extend(line);
    }
    for l in &mut out {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}
