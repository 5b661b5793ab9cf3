//! The lists of text a body template prints line by line (`{% for p in
//! data.situation %}{{ p }}{% endfor %}`): the columns of a unit table and
//! of the form sent to units, one cell per list, one line per item.

use tera::ast::{Expr, ExprVal, Node};

/// The `data` keys that `name` (and the templates it includes) loops over
/// printing each item whole, in the order they first appear. A loop over
/// items with parts (`{% for t in data.tasks %}{{ t.name }}`) is not one.
pub fn list_keys(tera: &tera::Tera, name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut seen_templates = Vec::new();
    walk_template(tera, name, &mut keys, &mut seen_templates);
    keys
}

fn walk_template(tera: &tera::Tera, name: &str, keys: &mut Vec<String>, seen: &mut Vec<String>) {
    // Includes cannot loop (the templates were checked when loaded), but a
    // template included twice is read once.
    if seen.iter().any(|s| s == name) {
        return;
    }
    seen.push(name.to_string());
    if let Ok(template) = tera.get_template(name) {
        walk(tera, &template.ast, keys, seen);
    }
}

fn walk(tera: &tera::Tera, nodes: &[Node], keys: &mut Vec<String>, seen: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => {
                for name in names {
                    walk_template(tera, name, keys, seen);
                }
            }
            Node::Forloop(_, f, _) => {
                if let ExprVal::Ident(ident) = &f.container.val
                    && let Some(key) = ident.strip_prefix("data.")
                    && !key.contains('.')
                    && !uses_parts(&f.body, &f.value)
                    && !keys.iter().any(|k| k == key)
                {
                    keys.push(key.to_string());
                }
                walk(tera, &f.body, keys, seen);
            }
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    walk(tera, body, keys, seen);
                }
                if let Some((_, body)) = &branches.otherwise {
                    walk(tera, body, keys, seen);
                }
            }
            Node::Block(_, block, _) => walk(tera, &block.body, keys, seen),
            Node::FilterSection(_, section, _) => walk(tera, &section.body, keys, seen),
            _ => {}
        }
    }
}

/// Whether `body` reads a part of the loop's item (`t.name`, `t["x"]`).
fn uses_parts(body: &[Node], var: &str) -> bool {
    let prefix = format!("{var}.");
    let prefix_index = format!("{var}[");
    let expr_uses = |e: &Expr| match &e.val {
        ExprVal::Ident(i) => i.starts_with(&prefix) || i.starts_with(&prefix_index),
        _ => false,
    };
    body.iter().any(|node| match node {
        Node::VariableBlock(_, e) => expr_uses(e),
        Node::Set(_, set) => expr_uses(&set.value),
        Node::If(branches, _) => {
            branches
                .conditions
                .iter()
                .any(|(_, c, b)| expr_uses(c) || uses_parts(b, var))
                || branches
                    .otherwise
                    .as_ref()
                    .is_some_and(|(_, b)| uses_parts(b, var))
        }
        Node::Forloop(_, f, _) => expr_uses(&f.container) || uses_parts(&f.body, var),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_report_outline_lists_its_sections_not_its_tasks() {
        let templates = crate::compose::Templates::load(None).unwrap();
        assert_eq!(
            templates.list_keys("bao-cao-so-ket"),
            [
                "situation",
                "leadership",
                "inspection",
                "strengths",
                "weaknesses",
                "causes",
                "lessons",
                "directions",
                "proposals"
            ]
        );
        assert!(templates.list_keys("no-such-template").is_empty());
    }
}
