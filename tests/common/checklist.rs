//! The fidelity checklist of a document's first page, measured on a laid-out
//! page (Typst's layout, or a PDF read back by [`pdfgeom`]) against what the
//! model says: sizes, weights and styles of the header, title and closing
//! lines; their columns and centring; every gap between them as the line-box
//! model gives it; rules' and frames' lengths and places; the margins.
//!
//! The same checks run on Typst's layout (`cargo test`) and on LibreOffice's
//! rendering of the DOCX (`.ci/check-clients`).

use super::pdfgeom::{self, Line as Seg, Page};
use vanban::model::{Document, Line, Role};

/// Points per millimetre.
const PT: f64 = 72.0 / 25.4;

/// What the checklist found: how many measurements, and the ones out of
/// tolerance.
#[derive(Debug, Default)]
pub struct Report {
    pub measured: usize,
    pub failures: Vec<String>,
}

impl Report {
    /// A length, in points, within `tol` millimetres of what it should be.
    fn near(&mut self, what: &str, got: f64, want: f64, tol: f64) {
        self.measured += 1;
        if (got - want).abs() > tol * PT {
            self.failures.push(format!(
                "{what}: {:.2} mm, should be {:.2} mm (±{tol} mm)",
                got / PT,
                want / PT
            ));
        }
    }

    fn holds(&mut self, what: &str, ok: bool) {
        self.measured += 1;
        if !ok {
            self.failures.push(what.to_string());
        }
    }
}

/// Vertical tolerance, mm.
const TOL_Y: f64 = 0.3;
/// Horizontal tolerance (centring, rule lengths), mm.
const TOL_X: f64 = 0.5;

fn squash(text: &str) -> String {
    text.replace(['\u{a0}', '\u{2007}', '\n'], " ")
        .replace('\u{2060}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's lines, and which of them a check has already claimed.
struct Found<'a> {
    segs: Vec<Seg>,
    used: Vec<bool>,
    doc: &'a Document,
}

/// Where a model line was found: its segments, top to bottom.
struct Placed<'a> {
    line: &'a Line,
    segs: Vec<Seg>,
}

impl Placed<'_> {
    fn first(&self) -> &Seg {
        &self.segs[0]
    }
    fn last(&self) -> &Seg {
        &self.segs[self.segs.len() - 1]
    }
}

impl<'a> Found<'a> {
    /// The segments of `line` within the column `[x0, x1]`: the first unused
    /// one its text starts with, then those that carry on its text below.
    fn locate<'l>(&mut self, line: &'l Line, x0: f64, x1: f64) -> Option<Placed<'l>> {
        let want = squash(&line.text);
        let inside = |s: &Seg| {
            let mid = (s.x + s.end) / 2.0;
            mid >= x0 - 1.0 && mid <= x1 + 1.0
        };
        for start in 0..self.segs.len() {
            let seg = &self.segs[start];
            let text = squash(&seg.text);
            if self.used[start] || !inside(seg) || text.is_empty() || !want.starts_with(&text) {
                continue;
            }
            let mut picked = vec![start];
            let mut have = text;
            let mut y = seg.y;
            while have.len() < want.len() {
                let next = (0..self.segs.len()).find(|&j| {
                    let s = &self.segs[j];
                    !self.used[j]
                        && !picked.contains(&j)
                        && s.y > y + 1.0
                        && inside(s)
                        && want.starts_with(&format!("{have} {}", squash(&s.text)))
                });
                let Some(j) = next else { break };
                have = format!("{have} {}", squash(&self.segs[j].text));
                y = self.segs[j].y;
                picked.push(j);
            }
            if have == want {
                for &j in &picked {
                    self.used[j] = true;
                }
                return Some(Placed {
                    line,
                    segs: picked.iter().map(|&j| self.segs[j].clone()).collect(),
                });
            }
        }
        None
    }

    fn style(&self, role: Role) -> &vanban::model::TextStyle {
        self.doc.styles.get(role)
    }

    /// From a line box's top to its baseline, in points.
    fn ascent(&self, role: Role) -> f64 {
        let s = self.style(role);
        s.line_height - s.size * self.doc.geometry.descent
    }

    fn descent(&self, role: Role) -> f64 {
        self.style(role).size * self.doc.geometry.descent
    }

    /// Room a frame takes above and below its line box.
    fn frame_edge(&self, line: &Line) -> f64 {
        let f = &self.doc.geometry.frame;
        line.frame.map_or(0.0, |_| f.gap + f.stroke)
    }

    /// From the last baseline of `a` to the first of `b`, stacked.
    fn gap(&self, a: &Line, b: &Line) -> f64 {
        let (sa, sb) = (self.style(a.role), self.style(b.role));
        let between = match a.rule {
            Some(r) => sa.space_after + r.above + r.below.max(sb.space_before),
            None => sa.space_after.max(sb.space_before),
        };
        self.descent(a.role)
            + self.frame_edge(a)
            + between
            + self.frame_edge(b)
            + self.ascent(b.role)
    }

    /// Where the box of `line` ends below its last baseline, at the end of a
    /// table cell (the space after kept, as Word keeps it).
    fn bottom(&self, p: &Placed) -> f64 {
        let l = p.line;
        let s = self.style(l.role);
        let rule = l.rule.map_or(0.0, |r| r.above + r.below);
        p.last().y + self.descent(l.role) + self.frame_edge(l) + s.space_after + rule
    }
}

/// Checks one located line: its style, its centring in its column, its
/// wrapped lines' pitch, its rule and its frame.
fn check_line(r: &mut Report, f: &Found, p: &Placed, x0: f64, x1: f64) {
    let l = p.line;
    let s = f.style(l.role);
    let name = squash(&l.text);
    for seg in &p.segs {
        r.holds(
            &format!("{name}: {} pt, should be {} pt", seg.size, s.size),
            (seg.size - s.size).abs() < 0.05,
        );
        r.holds(&format!("{name}: bold is {}", s.bold), seg.bold == s.bold);
        r.holds(
            &format!("{name}: italic is {}", s.italic),
            seg.italic == s.italic,
        );
        if s.align == vanban::model::Align::Center {
            let mid = (seg.x + seg.end) / 2.0;
            r.near(&format!("{name}: centred"), mid, (x0 + x1) / 2.0, TOL_X);
        }
    }
    for pair in p.segs.windows(2) {
        r.near(
            &format!("{name}: line pitch"),
            pair[1].y - pair[0].y,
            s.line_height,
            TOL_Y,
        );
    }
}

/// The rule under a line, or its frame's top and bottom, among the page's
/// rules.
fn check_lines_rules(r: &mut Report, f: &Found, page: &Page, p: &Placed, x0: f64, x1: f64) {
    let l = p.line;
    let name = squash(&l.text);
    let mid = (x0 + x1) / 2.0;
    let find = |y: f64, length: f64| {
        page.rules.iter().any(|rule| {
            (rule.y - y).abs() <= TOL_Y * PT
                && (rule.length - length).abs() <= TOL_X * PT
                && (rule.x + rule.length / 2.0 - mid).abs() <= TOL_X * PT
        })
    };
    if let Some(rule) = l.rule {
        let y = p.last().y + f.descent(l.role) + f.style(l.role).space_after + rule.above;
        r.holds(
            &format!(
                "{name}: a rule {:.1} mm long, {:.2} mm under the baseline",
                rule.length,
                (y - p.last().y) / PT
            ),
            find(y, rule.length * PT),
        );
    }
    if let Some(width) = l.frame {
        let g = &f.doc.geometry.frame;
        let top = p.first().y - f.ascent(l.role) - g.gap - g.stroke / 2.0;
        let bottom = p.last().y + f.descent(l.role) + g.gap + g.stroke / 2.0;
        r.holds(&format!("{name}: the frame's top"), find(top, width * PT));
        r.holds(
            &format!("{name}: the frame's bottom"),
            find(bottom, width * PT),
        );
    }
}

/// Lines stacked in one column: each found, checked, and each at its gap
/// under the one before. Returns them as found.
fn stack<'l>(
    r: &mut Report,
    f: &mut Found,
    page: &Page,
    lines: &'l [Line],
    x0: f64,
    x1: f64,
) -> Vec<Placed<'l>> {
    let mut out: Vec<Placed> = Vec::new();
    for line in lines {
        let Some(p) = f.locate(line, x0, x1) else {
            r.holds(&format!("{}: found on page 1", squash(&line.text)), false);
            continue;
        };
        check_line(r, f, &p, x0, x1);
        check_lines_rules(r, f, page, &p, x0, x1);
        if let Some(prev) = out.last() {
            let want = f.gap(prev.line, line);
            let name = format!("{} after {}", squash(&line.text), squash(&prev.line.text));
            r.near(&name, p.first().y - prev.last().y, want, TOL_Y);
        }
        out.push(p);
    }
    out
}

/// Page 1 of `doc`, as laid out on `page`, against the model.
pub fn page_one(doc: &Document, page: &Page) -> Report {
    let mut r = Report::default();
    let pg = &doc.page;
    let (ml, tw) = (pg.margin_left * PT, pg.text_width() * PT);
    r.near("page width", page.width, pg.width * PT, 0.1);
    r.near("page height", page.height, pg.height * PT, 0.1);
    let split = ml + doc.header.left_width * PT;
    let columns = [split, ml + doc.closing.left_width * PT];
    let mut f = Found {
        segs: pdfgeom::lines_split(page, &columns),
        used: Vec::new(),
        doc,
    };
    f.used = vec![false; f.segs.len()];
    for seg in &f.segs {
        r.holds(
            &format!("{}: inside the margins", seg.text),
            seg.x >= ml - TOL_Y * PT
                && seg.end <= ml + tw + TOL_X * PT
                && seg.y >= pg.margin_top * PT,
        );
    }
    // The header: two rows of two columns; the second row starts under the
    // taller cell of the first, the number and the date on one baseline.
    let mut top = pg.margin_top * PT;
    let mut bottom = top;
    for row in &doc.header.rows {
        let mut firsts = Vec::new();
        for (lines, x0, x1) in [(&row.left, ml, split), (&row.right, split, ml + tw)] {
            let placed = stack(&mut r, &mut f, page, lines, x0, x1);
            if let (Some(first), Some(line)) = (placed.first(), lines.first())
                && first.line == line
            {
                let want = top + f.frame_edge(line) + f.ascent(line.role);
                r.near(
                    &format!("{}: under the row above", squash(&line.text)),
                    first.first().y,
                    want,
                    TOL_Y,
                );
                firsts.push(first.first().y - want);
            }
            if let Some(last) = placed.last() {
                bottom = bottom.max(f.bottom(last));
            }
        }
        if firsts.len() == 2 {
            // The number and the date on one baseline (as far as their
            // styles allow).
            r.near(
                "the two columns' first lines, one against the other",
                firsts[0],
                firsts[1],
                0.1,
            );
        }
        top = bottom;
    }
    // The title block, then the first block of the body.
    let title = stack(&mut r, &mut f, page, &doc.title, ml, ml + tw);
    if let (Some(first), Some(line)) = (title.first(), doc.title.first()) {
        let want = bottom
            + doc.geometry.header_gap
            + f.style(line.role).space_before
            + f.ascent(line.role);
        r.near("the title under the header", first.first().y, want, TOL_Y);
    }
    body_start(&mut r, &mut f, title.last(), bottom);
    closing(&mut r, &mut f, page);
    r
}

/// The first block of the body: where its first line stands.
fn body_start(r: &mut Report, f: &mut Found, title: Option<&Placed>, header_bottom: f64) {
    let doc = f.doc;
    let Some(block) = doc.body.first() else {
        return;
    };
    let (text, role, strong) = match block {
        vanban::model::Block::Paragraph { role, .. } => (block.plain_text(), *role, 0.0),
        vanban::model::Block::Addressees { label, .. } => {
            (label.clone(), Role::Addressee, doc.geometry.addressees_gap)
        }
        vanban::model::Block::Table { .. } => return,
    };
    let ml = doc.page.margin_left * PT;
    let first_word = text.split_whitespace().next().unwrap_or("").to_string();
    let Some(seg) = f
        .segs
        .iter()
        .find(|s| s.text.starts_with(&first_word) && s.y > header_bottom)
    else {
        r.holds(
            &format!("the body's first line ({first_word}…) on page 1"),
            false,
        );
        return;
    };
    let s = f.style(role);
    let above = match title {
        Some(t) => {
            let a = f.style(t.line.role);
            let after = match t.line.rule {
                Some(rule) => a.space_after + rule.above + rule.below.max(s.space_before),
                None => a.space_after.max(s.space_before),
            };
            t.last().y + f.descent(t.line.role) + after
        }
        None => header_bottom + doc.geometry.header_gap + s.space_before,
    };
    r.near(
        "the body's first line",
        seg.y,
        above + strong + f.ascent(role),
        TOL_Y,
    );
    r.holds(
        &format!(
            "the body's first size: {} pt, should be {} pt",
            seg.size, s.size
        ),
        (seg.size - s.size).abs() < 0.05,
    );
    if matches!(block, vanban::model::Block::Paragraph { .. }) {
        r.near("the body's first indent", seg.x - ml, s.indent * PT, TOL_X);
    }
}

/// Recipients and signatures, if they start on page 1.
fn closing(r: &mut Report, f: &mut Found, page: &Page) {
    let doc = f.doc;
    let c = &doc.closing;
    let ml = doc.page.margin_left * PT;
    let tw = doc.page.text_width() * PT;
    let Some(first_sig) = c.signatures.first().and_then(|s| s.lines.first()) else {
        return;
    };
    let on_page = f
        .segs
        .iter()
        .any(|s| squash(&s.text) == squash(&first_sig.text));
    if !on_page {
        return;
    }
    let n = c.signatures.len();
    let (recipients_x, sig_cols): ((f64, f64), Vec<(f64, f64)>) = if n <= 1 {
        let split = ml + c.left_width * PT;
        ((ml, split), vec![(split, ml + tw)])
    } else {
        let w = tw / n as f64;
        let pad = doc.geometry.signers_gap / 2.0 * PT;
        let cols = (0..n)
            .map(|i| (ml + i as f64 * w + pad, ml + (i + 1) as f64 * w - pad))
            .collect();
        ((ml, ml + c.left_width * PT), cols)
    };
    let mut firsts = Vec::new();
    for (sig, (x0, x1)) in c.signatures.iter().zip(sig_cols) {
        let placed = stack(r, f, page, &sig.lines, x0, x1);
        if let Some(p) = placed.first() {
            firsts.push(p.first().y);
        }
        let Some(name) = f.locate(&sig.name, x0, x1) else {
            r.holds(&format!("{}: found on page 1", sig.name.text), false);
            continue;
        };
        check_line(r, f, &name, x0, x1);
        if let Some(last) = placed.last() {
            let want = f.descent(last.line.role) + sig.space * PT + f.ascent(sig.name.role);
            r.near(
                &format!("{}: room to sign", sig.name.text),
                name.first().y - last.last().y,
                want,
                TOL_Y,
            );
        }
    }
    if firsts.len() > 1 {
        r.near(
            "the signers' first lines",
            firsts[0],
            firsts[firsts.len() - 1],
            0.2,
        );
    }
    if let Some(rec) = &c.recipients {
        let lines: Vec<Line> = std::iter::once(rec.label.clone())
            .chain(rec.items.iter().cloned())
            .collect();
        let placed = stack(r, f, page, &lines, recipients_x.0, recipients_x.1);
        if let (Some(label), Some(&sig), true) = (placed.first(), firsts.first(), n <= 1) {
            // The label on the line of the first signature line: both start
            // the closing's row.
            let want = sig - f.ascent(first_sig.role) + f.ascent(rec.label.role);
            r.near(
                "Nơi nhận: beside the first signature line",
                label.first().y,
                want,
                TOL_Y,
            );
        }
        if let Some(label) = placed.first().filter(|_| f.style(rec.label.role).underline) {
            let x = label.first();
            let under = page
                .rules
                .iter()
                .filter(|u| u.y > x.y && u.y < x.y + 4.0 && u.x < x.end && u.x + u.length > x.x);
            let pieces: Vec<_> = under.collect();
            r.holds(
                "Nơi nhận: underlined by one line",
                !pieces.is_empty()
                    && pieces
                        .iter()
                        .all(|u| (u.length - (x.end - x.x)).abs() < TOL_X * PT),
            );
        }
    }
}
