//! GEXF 1.3 (`graph.gexf`) in dynamic mode, for Gephi's timeline: each node and edge carries
//! the interval from its first to its last article date, kinds and relations are attributes,
//! edges carry their relation as `kind` (so Gephi keeps parallel relations apart), and nodes
//! their colour as `viz:color` with r/g/b (networkx cannot read `hex`).

use super::graphml::attr_value;
use super::{ExportOptions, Sorted, evidence_summary, modality_list};
use crate::graph::Graph;
use crate::model::Kind;
use anyhow::Result;
use std::io::Write;

/// Colour per kind as (r, g, b).
pub fn rgb(kind: Kind) -> (u8, u8, u8) {
    let (_, hex) = super::dot::style(kind);
    let v = u32::from_str_radix(&hex[1..], 16).unwrap_or(0);
    ((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

fn spell(first: crate::graph::Day, last: crate::graph::Day) -> String {
    match (first.get(), last.get()) {
        (Some(a), Some(b)) => format!(" start=\"{a}\" end=\"{b}\""),
        _ => String::new(),
    }
}

/// Writes the graph as GEXF 1.3.
pub fn write(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_sorted(&Sorted::new(g), opts, w)
}

/// Writes the graph as GEXF 1.3, in a computed export order.
pub fn write_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    w.write_all(b"<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n")?;
    writeln!(
        w,
        "  <meta><creator>newsgraph {}</creator><description>{} articles</description></meta>",
        env!("CARGO_PKG_VERSION"),
        g.articles
    )?;
    w.write_all(b"  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\">\n")?;
    w.write_all(b"    <attributes class=\"node\">\n")?;
    for (id, ty) in [
        ("kind", "string"),
        ("entity", "string"),
        ("aliases", "string"),
        ("mentions", "long"),
        ("articles", "long"),
    ] {
        writeln!(
            w,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
        )?;
    }
    w.write_all(b"    </attributes>\n    <attributes class=\"edge\">\n")?;
    for (id, ty) in [
        ("relation", "string"),
        ("directed", "boolean"),
        ("modality", "string"),
        ("articles", "long"),
        ("evidence", "string"),
    ] {
        writeln!(
            w,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
        )?;
    }
    w.write_all(b"    </attributes>\n    <nodes>\n")?;
    for (i, &n) in s.nodes.iter().enumerate() {
        let node = &g.g[n];
        writeln!(
            w,
            "      <node id=\"n{i}\" label=\"{}\"{}>",
            attr_value(&node.label),
            spell(node.first_seen, node.last_seen)
        )?;
        w.write_all(b"        <attvalues>")?;
        let aliases = node.aliases.iter().cloned().collect::<Vec<_>>().join("; ");
        for (k, v) in [
            ("kind", node.kind.as_str().to_string()),
            ("entity", node.id.clone()),
            ("aliases", aliases),
            ("mentions", node.mentions.to_string()),
            ("articles", node.articles.to_string()),
        ] {
            write!(w, "<attvalue for=\"{k}\" value=\"{}\"/>", attr_value(&v))?;
        }
        w.write_all(b"</attvalues>\n")?;
        let (r, gg, b) = rgb(node.kind);
        let size = 4.0 + (node.mentions as f64).ln_1p() * 3.0;
        writeln!(
            w,
            "        <viz:color r=\"{r}\" g=\"{gg}\" b=\"{b}\"/><viz:size value=\"{size:.2}\"/>"
        )?;
        w.write_all(b"      </node>\n")?;
    }
    w.write_all(b"    </nodes>\n    <edges>\n")?;
    for (i, &e) in s.edges.iter().enumerate() {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let edge = &g.g[e];
        writeln!(
            w,
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" label=\"{}\" kind=\"{}\" weight=\"{}\"{}>",
            s.pos[a.index()],
            s.pos[b.index()],
            attr_value(edge.relation.label()),
            edge.relation.id(),
            edge.weight as f64,
            spell(edge.first_seen, edge.last_seen)
        )?;
        w.write_all(b"        <attvalues>")?;
        for (k, v) in [
            ("relation", edge.relation.id().to_string()),
            ("directed", edge.relation.directed().to_string()),
            ("modality", modality_list(edge)),
            ("articles", edge.articles.to_string()),
            ("evidence", evidence_summary(g, edge, opts.evidence_shown)?),
        ] {
            write!(w, "<attvalue for=\"{k}\" value=\"{}\"/>", attr_value(&v))?;
        }
        w.write_all(b"</attvalues>\n")?;
        writeln!(
            w,
            "        <viz:thickness value=\"{:.2}\"/>",
            (1.0 + (edge.weight as f64).ln()).min(6.0)
        )?;
        w.write_all(b"      </edge>\n")?;
    }
    w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")?;
    Ok(())
}
