//! The content-stream interpreter: runs a page's (or a form's) operators
//! and places each glyph with its text, size, face and colour, and each
//! stroked or filled box (a stamp's frame, a rule).

use super::font::{Font, stream_bytes};
use super::geometry::{Matrix, Rect, Rgb};
use super::limits::{Budget, MAX_FORM_DEPTH, MAX_SAVES, MAX_SHAPES};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Where a glyph was drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    Page,
    /// The appearance of an annotation (a stamp, a comment).
    Annotation,
    /// The appearance of a signature field.
    Signature,
}

/// How a glyph, or a line of them, is drawn, and where from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Look {
    /// The font size in points (a line's: the median of its glyphs').
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub colour: Rgb,
    /// Marked as an artifact (a running head, a page number) by a tagged
    /// PDF (a line's: every glyph is).
    pub artifact: bool,
    pub origin: Origin,
}

/// A glyph on a page: `x` and `y` are its origin on the baseline, from the
/// page's top-left corner, in points.
#[derive(Debug, Clone, Default)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub look: Look,
    /// Not along the page's x axis (rotated text).
    pub rotated: bool,
    /// The order in which the page drew it.
    pub seq: usize,
}

/// The box of a stroked or filled path (a frame, a rule), or of one
/// segment of a stroked path, from the page's top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub rect: Rect,
    pub origin: Origin,
    /// One segment of a stroked path, not the whole path.
    pub edge: bool,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct Drawn {
    pub glyphs: Vec<Glyph>,
    pub shapes: Vec<Shape>,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    fill: Rgb,
    stroke: Rgb,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

/// The interpreter of one page: the fonts read so far are shared between
/// the page's content and its forms.
pub struct Interpreter<'a> {
    doc: &'a Document,
    pub budget: &'a mut Budget,
    fonts: HashMap<ObjectId, Rc<Font>>,
    pub out: Drawn,
    origin: Origin,
    /// The forms being drawn, to refuse one that draws itself.
    forms: Vec<ObjectId>,
}

/// The resource dictionaries in force, innermost first.
pub type Resources<'a> = Vec<&'a Dictionary>;

struct Run<'r, 'a> {
    resources: &'r Resources<'a>,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    /// Marked-content sequences open, and whether each is an artifact.
    marked: Vec<bool>,
    path: Vec<(f32, f32)>,
    subpaths: Vec<Vec<(f32, f32)>>,
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, budget: &'a mut Budget) -> Self {
        Interpreter {
            doc,
            budget,
            fonts: HashMap::new(),
            out: Drawn::default(),
            origin: Origin::Page,
            forms: Vec::new(),
        }
    }

    /// Runs a content stream's bytes under `ctm`.
    pub fn run(&mut self, bytes: &[u8], resources: &Resources<'a>, ctm: Matrix, origin: Origin) {
        let previous = std::mem::replace(&mut self.origin, origin);
        let mut run = Run {
            resources,
            state: State {
                ctm,
                fill: Rgb::default(),
                stroke: Rgb::default(),
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                render: 0,
            },
            saved: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            marked: Vec::new(),
            path: Vec::new(),
            subpaths: Vec::new(),
        };
        // A damaged stream is read up to the damage.
        for operation in Content::decode_iter(bytes).map_while(Result::ok) {
            if !self.budget.take_operation() {
                break;
            }
            self.operate(&mut run, &operation);
        }
        self.origin = previous;
    }

    fn operate(&mut self, run: &mut Run<'_, 'a>, op: &Operation) {
        let nums: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .filter(|v| v.is_finite())
            .collect();
        let n = |i: usize| nums.get(i).copied().unwrap_or(0.0);
        let s = &mut run.state;
        match op.operator.as_str() {
            "q" if run.saved.len() < MAX_SAVES => run.saved.push(s.clone()),
            "Q" => {
                if let Some(saved) = run.saved.pop() {
                    run.state = saved;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_slice(&nums) {
                    s.ctm = m.then(&s.ctm);
                }
            }
            "BT" => {
                run.tm = Matrix::IDENTITY;
                run.tlm = Matrix::IDENTITY;
            }
            "Tc" => s.char_spacing = n(0),
            "Tw" => s.word_spacing = n(0),
            "Tz" => s.scale = n(0) / 100.0,
            "TL" => s.leading = n(0),
            "Ts" => s.rise = n(0),
            "Tr" => s.render = n(0) as i64,
            "Tf" => {
                s.size = n(0);
                let font = op.operands.first().and_then(|o| o.as_name().ok());
                s.font = font.and_then(|name| self.font(run.resources, name));
            }
            "Td" => run.move_line(n(0), n(1)),
            "TD" => {
                s.leading = -n(1);
                run.move_line(n(0), n(1));
            }
            "Tm" => {
                if let Some(m) = Matrix::from_slice(&nums) {
                    run.tm = m;
                    run.tlm = m;
                }
            }
            "T*" => run.next_line(),
            "Tj" => self.show_operand(run, op.operands.first()),
            "'" => {
                run.next_line();
                self.show_operand(run, op.operands.first());
            }
            "\"" => {
                s.word_spacing = n(0);
                s.char_spacing = n(1);
                run.next_line();
                self.show_operand(run, op.operands.get(2));
            }
            "TJ" => self.show_array(run, op.operands.first()),
            "Do" => {
                if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                    self.form(run, name);
                }
            }
            "BMC" | "BDC" => {
                let artifact =
                    op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact");
                run.marked.push(artifact);
            }
            "EMC" => {
                run.marked.pop();
            }
            other => self.paint(run, other, &nums),
        }
    }

    /// Colours and paths.
    fn paint(&mut self, run: &mut Run<'_, 'a>, operator: &str, nums: &[f32]) {
        let ctm = run.state.ctm;
        match operator {
            "g" | "rg" | "k" | "sc" | "scn" => run.state.fill = Rgb::from_components(nums),
            "G" | "RG" | "K" | "SC" | "SCN" => run.state.stroke = Rgb::from_components(nums),
            "cs" => run.state.fill = Rgb::default(),
            "CS" => run.state.stroke = Rgb::default(),
            "m" | "l" | "c" | "v" | "y" if nums.len() >= 2 => {
                if operator == "m" {
                    run.close_subpath();
                }
                let (x, y) = (nums[nums.len() - 2], nums[nums.len() - 1]);
                run.path.push(ctm.apply(x, y));
            }
            "re" if nums.len() == 4 => {
                run.close_subpath();
                let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                run.subpaths
                    .push(corners.iter().map(|(x, y)| ctm.apply(*x, *y)).collect());
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                run.close_subpath();
                let stroked = operator.starts_with(['S', 's', 'B', 'b']);
                for points in std::mem::take(&mut run.subpaths) {
                    if operator != "n" {
                        self.shapes(&points, stroked);
                    }
                }
            }
            _ => {}
        }
    }

    /// A painted subpath: its box, and when stroked each of its segments
    /// (a table's rules may be drawn as one stroked rectangle a cell).
    fn shapes(&mut self, points: &[(f32, f32)], stroked: bool) {
        if self.out.shapes.len() >= MAX_SHAPES {
            return;
        }
        let origin = self.origin;
        let mut push = |rect: Option<Rect>, edge: bool| {
            if let Some(rect) = rect {
                self.out.shapes.push(Shape { rect, origin, edge });
            }
        };
        push(Rect::around(points), false);
        if stroked && points.len() > 2 {
            for (i, a) in points.iter().enumerate() {
                let b = points[(i + 1) % points.len()];
                push(Rect::around(&[*a, b]), true);
            }
        }
    }

    fn font(&mut self, resources: &Resources<'a>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let object = resource(doc, resources, b"Font", name)?;
        let id = object.as_reference().ok();
        if let Some(font) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(font.clone());
        }
        let dict = doc.dereference(object).ok()?.1.as_dict().ok()?;
        let font = Rc::new(Font::load(doc, dict, self.budget));
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Some(font)
    }

    fn show_operand(&mut self, run: &mut Run<'_, 'a>, operand: Option<&Object>) {
        if let Some(Ok(bytes)) = operand.map(Object::as_str) {
            self.show(run, bytes);
        }
    }

    fn show_array(&mut self, run: &mut Run<'_, 'a>, operand: Option<&Object>) {
        let Some(Ok(items)) = operand.map(Object::as_array) else {
            return;
        };
        for item in items {
            match item {
                Object::String(bytes, _) => self.show(run, bytes),
                other => {
                    if let Ok(adjust) = other.as_float()
                        && adjust.is_finite()
                    {
                        let s = &run.state;
                        let tx = -adjust / 1000.0 * s.size * s.scale;
                        run.tm = Matrix::translate(tx, 0.0).then(&run.tm);
                    }
                }
            }
        }
    }

    /// Places the glyphs of a string and advances the text matrix.
    fn show(&mut self, run: &mut Run<'_, 'a>, bytes: &[u8]) {
        let s = &run.state;
        let Some(font) = s.font.clone() else {
            return;
        };
        let artifact = run.marked.iter().any(|a| *a);
        for (code, len) in font.codes(bytes) {
            if !self.budget.take_glyph() {
                return;
            }
            let s = &run.state;
            let w0 = font.width(code, len);
            let trm = Matrix([s.size * s.scale, 0.0, 0.0, s.size, 0.0, s.rise])
                .then(&run.tm)
                .then(&s.ctm);
            let (x, y) = trm.apply(0.0, 0.0);
            let [a, b, c, d, _, _] = trm.0;
            self.out.glyphs.push(Glyph {
                text: font.text(code, len),
                x,
                y,
                width: w0 * trm.x_scale(),
                look: Look {
                    size: trm.y_scale(),
                    // Fill then stroke (mode 2) is how Word makes a face bold
                    // that has no bold; a slanted matrix makes it italic.
                    bold: font.bold || s.render == 2,
                    italic: font.italic || (d.abs() > 0.0 && (c / d).abs() > 0.15),
                    colour: s.fill,
                    artifact,
                    origin: self.origin,
                },
                rotated: a <= 0.0 || b.abs() > a.abs() * 0.1,
                seq: self.out.glyphs.len(),
            });
            let space = font.is_simple() && code == 32 && len == 1;
            let tx =
                (w0 * s.size + s.char_spacing + if space { s.word_spacing } else { 0.0 }) * s.scale;
            run.tm = Matrix::translate(tx, 0.0).then(&run.tm);
        }
    }

    /// `Do`: a form is run in place (an image is skipped).
    fn form(&mut self, run: &mut Run<'_, 'a>, name: &[u8]) {
        let doc = self.doc;
        let Some(object) = resource(doc, run.resources, b"XObject", name) else {
            return;
        };
        let Ok(id) = object.as_reference() else {
            return;
        };
        let Some(stream) = doc.get_object(id).ok().and_then(|o| o.as_stream().ok()) else {
            return;
        };
        let is_form = stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
        if !is_form || self.forms.contains(&id) || self.forms.len() >= MAX_FORM_DEPTH {
            return;
        }
        let matrix = form_matrix(doc, &stream.dict);
        let Some(bytes) = stream_bytes(doc, object, self.budget) else {
            return;
        };
        let mut resources = run.resources.clone();
        if let Some(own) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
        {
            resources.insert(0, own);
        }
        self.forms.push(id);
        let ctm = matrix.then(&run.state.ctm);
        self.run(&bytes, &resources, ctm, self.origin);
        self.forms.pop();
    }
}

impl Run<'_, '_> {
    fn move_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn next_line(&mut self) {
        let leading = self.state.leading;
        self.move_line(0.0, -leading);
    }

    fn close_subpath(&mut self) {
        if !self.path.is_empty() {
            self.subpaths.push(std::mem::take(&mut self.path));
        }
    }
}

/// A form's `/Matrix`, identity when absent or malformed.
pub fn form_matrix(doc: &Document, dict: &Dictionary) -> Matrix {
    dict.get(b"Matrix")
        .ok()
        .and_then(|m| doc.dereference(m).ok())
        .and_then(|(_, m)| m.as_array().ok())
        .and_then(|m| {
            let values: Vec<f32> = m.iter().filter_map(|v| v.as_float().ok()).collect();
            Matrix::from_slice(&values)
        })
        .unwrap_or(Matrix::IDENTITY)
}

/// A named resource of a category (`/Font /F1`), innermost dictionary first.
fn resource<'a>(
    doc: &'a Document,
    resources: &Resources<'a>,
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        let (_, category) = doc.dereference(r.get(category).ok()?).ok()?;
        category.as_dict().ok()?.get(name).ok()
    })
}
