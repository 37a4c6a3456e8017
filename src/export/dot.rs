//! Graphviz DOT (`graph.dot`): quoted ids, escString-safe labels, shapes and colours per kind,
//! edge labels, symmetric relations drawn without arrowheads, pen width by weight, tooltips
//! with evidence, and every quoted string kept under Graphviz's 16 KB limit. Small graphs are
//! laid out with neato and splines, big ones with sfdp without splines.

use super::{ExportOptions, Sorted, evidence_summary};
use crate::graph::Graph;
use crate::model::Kind;
use anyhow::Result;
use std::io::Write;

/// Longest quoted string written (bytes); Graphviz 2.42 rejects 16,382 and more.
pub const MAX_QUOTED: usize = 8000;

/// Shape and fill colour per kind.
pub fn style(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Person => ("ellipse", "#AEC7E8"),
        Kind::Country => ("box", "#FFBB78"),
        Kind::Weapon => ("hexagon", "#FF9896"),
        Kind::Place => ("house", "#98DF8A"),
        Kind::Organisation => ("component", "#C5B0D5"),
    }
}

/// Quotes a string for DOT: control characters dropped (CR and tab become line break and
/// space), backslash and quote escaped, newlines as `\n`, truncated to [`MAX_QUOTED`] bytes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut len = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let piece: &str = match c {
            '\\' => "\\\\",
            '"' => "\\\"",
            // CR LF is one line break, not two.
            '\r' if chars.peek() == Some(&'\n') => "",
            '\n' | '\r' => "\\n",
            '\t' => " ",
            c if (c as u32) < 0x20 || c as u32 == 0x7f => "",
            _ => {
                let mut buf = [0u8; 4];
                let p = c.encode_utf8(&mut buf);
                if len + p.len() > MAX_QUOTED {
                    break;
                }
                len += p.len();
                out.push_str(p);
                continue;
            }
        };
        if len + piece.len() > MAX_QUOTED {
            break;
        }
        len += piece.len();
        out.push_str(piece);
    }
    // Never end on a lone backslash that would escape the closing quote.
    out.push('"');
    out
}

/// Writes the graph as DOT.
pub fn write(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_sorted(&Sorted::new(g), opts, w)
}

/// Writes the graph as DOT, in a computed export order.
pub fn write_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let big = g.edge_count() > 300;
    writeln!(w, "digraph \"newsgraph\" {{")?;
    if big {
        writeln!(
            w,
            "  graph [layout=sfdp, overlap=prism, splines=false, outputorder=edgesfirst, fontname=\"DejaVu Sans\", label={}, labelloc=t];",
            quote(&format!(
                "newsgraph: {} entities, {} relations, {} articles",
                g.node_count(),
                g.edge_count(),
                g.articles
            ))
        )?;
    } else {
        writeln!(
            w,
            "  graph [layout=neato, overlap=false, splines=true, sep=\"+12\", esep=\"+6\", outputorder=edgesfirst, fontname=\"DejaVu Sans\", label={}, labelloc=t];",
            quote(&format!(
                "newsgraph: {} entities, {} relations, {} articles",
                g.node_count(),
                g.edge_count(),
                g.articles
            ))
        )?;
    }
    writeln!(
        w,
        "  node [style=filled, fontname=\"DejaVu Sans\", fontsize=11, penwidth=0.8];"
    )?;
    writeln!(
        w,
        "  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#555555\", arrowsize=0.6];"
    )?;
    for &n in &s.nodes {
        let node = &g.g[n];
        let (shape, fill) = style(node.kind);
        let tooltip = format!(
            "{}; {} mentions in {} articles",
            node.kind, node.mentions, node.articles
        );
        writeln!(
            w,
            "  {} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
            quote(&node.id),
            quote(&node.label),
            quote(&tooltip)
        )?;
    }
    for &e in &s.edges {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let edge = &g.g[e];
        let label = if edge.weight > 1 {
            format!("{} ({})", edge.relation.label(), edge.weight)
        } else {
            edge.relation.label().to_string()
        };
        let pen = (1.0 + 0.8 * (edge.weight as f64).ln()).min(6.0);
        let dir = if edge.relation.directed() {
            ""
        } else {
            ", dir=none"
        };
        let dashed = match edge.main_modality() {
            crate::model::Modality::Asserted => "",
            crate::model::Modality::Negated => ", style=dotted",
            _ => ", style=dashed",
        };
        let tooltip = evidence_summary(g, edge, opts.evidence_shown)?;
        writeln!(
            w,
            "  {} -> {} [label={}, penwidth={pen:.2}, weight={}{dir}{dashed}, tooltip={}];",
            quote(&g.g[a].id),
            quote(&g.g[b].id),
            quote(&label),
            edge.weight,
            quote(&tooltip)
        )?;
    }
    writeln!(w, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(quote("back\\"), "\"back\\\\\"");
        assert_eq!(quote("x\u{1}y\nz"), "\"xy\\nz\"");
        assert_eq!(quote("a\r\nb\rc"), "\"a\\nb\\nc\"");
        let long = "é".repeat(10_000);
        assert!(quote(&long).len() <= MAX_QUOTED + 2);
    }
}
