//! Matrices, boxes and colours of the content-stream interpreter. Points are
//! PDF points; on a read page, y grows downwards from the page's top.

/// An affine matrix `[a b c d e f]`, as PDF writes them (row vectors).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// From six operands; `None` unless all are finite.
    pub fn from_slice(values: &[f32]) -> Option<Matrix> {
        let m: [f32; 6] = values.try_into().ok()?;
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }

    /// `self` then `then`: PDF's `self × then`.
    pub fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How much a unit along x grows.
    pub fn x_scale(&self) -> f32 {
        self.0[0].hypot(self.0[1])
    }

    /// How much a unit along y grows.
    pub fn y_scale(&self) -> f32 {
        self.0[2].hypot(self.0[3])
    }
}

/// An axis-aligned box: `x0 ≤ x1`, `y0 ≤ y1`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub fn around(points: &[(f32, f32)]) -> Option<Rect> {
        let first = points.first()?;
        let mut r = Rect {
            x0: first.0,
            y0: first.1,
            x1: first.0,
            y1: first.1,
        };
        for (x, y) in &points[1..] {
            r.x0 = r.x0.min(*x);
            r.x1 = r.x1.max(*x);
            r.y0 = r.y0.min(*y);
            r.y1 = r.y1.max(*y);
        }
        Some(r)
    }

    /// The box of this one's corners through `m`.
    pub fn through(&self, m: &Matrix) -> Rect {
        let corners = [
            m.apply(self.x0, self.y0),
            m.apply(self.x1, self.y0),
            m.apply(self.x0, self.y1),
            m.apply(self.x1, self.y1),
        ];
        Rect::around(&corners).unwrap_or_default()
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    pub fn contains(&self, x: f32, y: f32, slack: f32) -> bool {
        x >= self.x0 - slack && x <= self.x1 + slack && y >= self.y0 - slack && y <= self.y1 + slack
    }
}

/// A colour as red, green and blue from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From the operands of `g`, `rg`, `k` or `sc`: one, three or four numbers.
    pub fn from_components(c: &[f32]) -> Rgb {
        let clamp = |v: f32| v.clamp(0.0, 1.0);
        match c {
            [g] => Rgb(clamp(*g), clamp(*g), clamp(*g)),
            [r, g, b] => Rgb(clamp(*r), clamp(*g), clamp(*b)),
            [c, m, y, k] => {
                let k = clamp(*k);
                let v = |x: f32| (1.0 - clamp(x)) * (1.0 - k);
                Rgb(v(*c), v(*m), v(*y))
            }
            _ => Rgb::default(),
        }
    }

    /// Not black, grey or white: red, blue … (a seal, a signature stamp).
    pub fn is_colour(&self) -> bool {
        let max = self.0.max(self.1).max(self.2);
        let min = self.0.min(self.1).min(self.2);
        max - min > 0.25
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_writes_them() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        // Scale first, then shift.
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn cmyk_red_is_a_colour_and_grey_is_not() {
        assert!(Rgb::from_components(&[0.0, 1.0, 1.0, 0.0]).is_colour());
        assert!(!Rgb::from_components(&[0.5]).is_colour());
        assert!(Rgb::from_components(&[0.1, 0.2, 0.8]).is_colour());
    }
}
