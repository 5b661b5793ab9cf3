//! The lengths both writers draw, decided here once from the rule set and
//! the embedded font's metrics: gaps, rules' lengths and frames' widths.

use crate::fonts;
use crate::model::{FrameGeometry, Geometry, Line, Rule};
use crate::rules::RuleSet;

const MM_PER_PT: f64 = 25.4 / 72.0;

/// The document's geometry, from its rule set.
pub fn geometry(rules: &RuleSet) -> Geometry {
    let g = &rules.geometry;
    Geometry {
        descent: fonts::descent(),
        header_gap: g.header_gap,
        addressees_gap: g.addressees_gap,
        closing_gap: g.closing_gap,
        signers_gap: g.signers_gap,
        recipients_gap: g.recipients_gap,
        rule_stroke: g.rule.stroke,
        table: g.table.clone(),
        frame: FrameGeometry {
            stroke: g.frame.stroke,
            gap: g.frame.gap,
        },
    }
}

/// The width of a line's widest part (`\n` breaks it), at its role's
/// style, in millimetres; no wider than the cell it stands in.
pub fn text_width(rules: &RuleSet, line: &Line, cell: f64) -> f64 {
    let s = rules.style(line.role);
    line.text
        .split('\n')
        .map(|t| {
            fonts::text_width_mm(
                &t.replace(crate::model::JOINER, ""),
                s.size,
                s.bold,
                s.italic,
            )
        })
        .fold(0.0, f64::max)
        .min(cell)
}

/// A rule under a header line (issuer, national title, motto): `fraction`
/// of the line's width.
pub fn rule(rules: &RuleSet, line: &Line, fraction: f64, cell: f64) -> Rule {
    let r = &rules.geometry.rule;
    Rule {
        length: text_width(rules, line, cell) * fraction,
        above: r.above,
        below: r.below,
    }
}

/// The rule under a trích yếu, clear of it.
pub fn summary_rule(rules: &RuleSet, line: &Line, fraction: f64, cell: f64) -> Rule {
    let c = &rules.geometry.summary_rule;
    Rule {
        above: c.above,
        below: c.below,
        ..rule(rules, line, fraction, cell)
    }
}

/// Gives a line of a framed role (độ khẩn, dự thảo) its frame: the text's
/// width, the padding on each side, and the gap and half the stroke that
/// Word puts between a paragraph's indent and its border.
pub fn frame(rules: &RuleSet, line: &mut Line, cell: f64) {
    if !rules.style(line.role).frame {
        return;
    }
    let f = &rules.geometry.frame;
    let side = f.padding + (f.gap + f.stroke / 2.0) * MM_PER_PT;
    line.frame = Some((text_width(rules, line, cell) + 2.0 * side).min(cell));
}
