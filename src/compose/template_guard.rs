//! What keeps a body template from running without end: no template may
//! include itself and no macro may call itself, directly or through others
//! (Tera would recurse until the stack overflows), and `range` is capped.
//!
//! Tera has no other unbounded loop: `for` walks a finite list, and every
//! list comes from the document's data (bounded by the input limits) or
//! from `range`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use tera::ast::{Expr, ExprVal, Node};

/// The most items `range` may give.
pub const MAX_RANGE: usize = 10_000;

/// A cycle of includes or macro calls, as `a.md → _b.md → a.md`, if any.
pub fn find_cycle(tera: &tera::Tera) -> Option<String> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in tera.get_template_names() {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let imports: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let scope = Scope {
            file: name,
            imports: &imports,
        };
        let mut edges = BTreeSet::new();
        scope.nodes(&template.ast, &mut edges);
        graph.insert(name.to_string(), edges);
        for (macro_name, definition) in &template.macros {
            let mut edges = BTreeSet::new();
            scope.nodes(&definition.body, &mut edges);
            graph.insert(format!("{name}::{macro_name}"), edges);
        }
    }
    // Depth-first search; a vertex met again while on the path closes a cycle.
    fn visit(
        v: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<String> {
        if let Some(start) = path.iter().position(|p| p == v) {
            let mut cycle = path[start..].to_vec();
            cycle.push(v.to_string());
            return Some(cycle.join(" → "));
        }
        if done.contains(v) {
            return None;
        }
        path.push(v.to_string());
        for next in graph.get(v).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(v.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|v| visit(v, &graph, &mut Vec::new(), &mut done))
}

/// Where names resolve: the template being read and its macro imports.
struct Scope<'a> {
    file: &'a str,
    imports: &'a HashMap<&'a str, &'a str>,
}

impl Scope<'_> {
    fn nodes(&self, nodes: &[Node], out: &mut BTreeSet<String>) {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => out.extend(names.iter().cloned()),
                Node::VariableBlock(_, e) => self.expr(e, out),
                Node::Set(_, set) => self.expr(&set.value, out),
                Node::FilterSection(_, section, _) => {
                    section.filter.args.values().for_each(|e| self.expr(e, out));
                    self.nodes(&section.body, out);
                }
                Node::Block(_, block, _) => self.nodes(&block.body, out),
                Node::Forloop(_, f, _) => {
                    self.expr(&f.container, out);
                    self.nodes(&f.body, out);
                    if let Some(body) = &f.empty_body {
                        self.nodes(body, out);
                    }
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(condition, out);
                        self.nodes(body, out);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body, out);
                    }
                }
                // Macro bodies are their own vertices; the rest holds no call.
                _ => {}
            }
        }
    }

    fn expr(&self, e: &Expr, out: &mut BTreeSet<String>) {
        for filter in &e.filters {
            filter.args.values().for_each(|a| self.expr(a, out));
        }
        match &e.val {
            ExprVal::MacroCall(call) => {
                let file = match call.namespace.as_str() {
                    "self" => Some(self.file),
                    ns => self.imports.get(ns).copied(),
                };
                if let Some(file) = file {
                    out.insert(format!("{file}::{}", call.name));
                }
                call.args.values().for_each(|a| self.expr(a, out));
            }
            ExprVal::FunctionCall(call) => call.args.values().for_each(|a| self.expr(a, out)),
            ExprVal::Math(m) => {
                self.expr(&m.lhs, out);
                self.expr(&m.rhs, out);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, out);
                self.expr(&l.rhs, out);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs, out);
                self.expr(&i.rhs, out);
            }
            ExprVal::Test(t) => t.args.iter().for_each(|a| self.expr(a, out)),
            ExprVal::Array(items) => items.iter().for_each(|a| self.expr(a, out)),
            _ => {}
        }
    }
}

/// `range(end, start=0, step_by=1)` as Tera has it, refusing more than
/// [`MAX_RANGE`] items.
pub fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let arg = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!("`range`: `{name}` must be a whole number, not {v}"))
            }),
            None => default.ok_or_else(|| tera::Error::msg(format!("`range` needs `{name}`"))),
        }
    };
    let (start, end, step) = (
        arg("start", Some(0))?,
        arg("end", None)?,
        arg("step_by", Some(1))?,
    );
    if step == 0 {
        return Err(tera::Error::msg("`range`: `step_by` must not be 0"));
    }
    let count = end.saturating_sub(start).div_ceil(step);
    if count > MAX_RANGE as u64 {
        return Err(tera::Error::msg(format!(
            "`range` would give {count} items; templates may use at most {MAX_RANGE}"
        )));
    }
    Ok((start..end)
        .step_by(step as usize)
        .collect::<Vec<u64>>()
        .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    #[test]
    fn includes_and_macros_that_come_back_are_found() {
        let found = |t: &[(&str, &str)]| find_cycle(&tera(t));
        assert_eq!(
            found(&[("a.md", "{% include \"a.md\" %}")]).as_deref(),
            Some("a.md → a.md")
        );
        assert_eq!(
            found(&[
                ("a.md", "x{% include \"_b.md\" %}"),
                ("_b.md", "{% if 1 %}{% include \"a.md\" %}{% endif %}")
            ])
            .as_deref(),
            Some("_b.md → a.md → _b.md")
        );
        let recursive = "{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}";
        assert_eq!(
            found(&[
                ("_m.md", recursive),
                ("a.md", "{% import \"_m.md\" as m %}{{ m::f(n=1) }}")
            ])
            .as_deref(),
            Some("_m.md::f → _m.md::f")
        );
        let through = "{% macro f() %}{% for x in [1] %}{{ self::g() | upper }}{% endfor %}{% endmacro f %}\
                       {% macro g() %}{{ 1 + self::f() | length }}{% endmacro g %}";
        assert!(found(&[("_m.md", through)]).is_some());
        // Sharing a partial, or a macro calling another, is not a cycle.
        let fine = [
            ("_p.md", "p"),
            ("a.md", "{% include \"_p.md\" %}{% include \"_p.md\" %}"),
            ("b.md", "{% include \"_p.md\" %}"),
            (
                "_m.md",
                "{% macro f() %}{{ self::g() }}{% endmacro f %}{% macro g() %}g{% endmacro g %}",
            ),
        ];
        assert_eq!(found(&fine), None);
    }

    #[test]
    fn range_is_tera_s_up_to_its_cap() {
        let call = |pairs: &[(&str, u64)]| {
            let args = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), tera::Value::from(*v)))
                .collect();
            range(&args)
        };
        assert_eq!(call(&[("end", 3)]).unwrap(), serde_json::json!([0, 1, 2]));
        assert_eq!(
            call(&[("start", 1), ("end", 8), ("step_by", 3)]).unwrap(),
            serde_json::json!([1, 4, 7])
        );
        assert_eq!(
            call(&[("start", 5), ("end", 2)]).unwrap(),
            serde_json::json!([])
        );
        assert!(call(&[("end", MAX_RANGE as u64)]).is_ok());
        assert!(call(&[("end", MAX_RANGE as u64 + 1)]).is_err());
        assert!(call(&[("end", 3), ("step_by", 0)]).is_err());
    }
}
