//! GraphML (`graph.graphml`) for Gephi, yEd, networkx and igraph: typed `<key>`s declared
//! before the graph, Gephi's lowercase `label`/`weight` keys, values with `&`, `<` or `>`
//! written as CDATA (Gephi drops whitespace between entity references), characters XML 1.0
//! forbids removed, empty values omitted.

use super::{ExportOptions, Sorted, evidence_summary, modality_list, xml_clean};
use crate::graph::Graph;
use anyhow::Result;
use std::io::Write;

/// (id, for, attr.name, attr.type)
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("entity", "node", "entity", "string"),
    ("aliases", "node", "aliases", "string"),
    ("mentions", "node", "mentions", "long"),
    ("n_articles", "node", "articles", "long"),
    ("n_article_ids", "node", "article_ids", "string"),
    ("n_first_seen", "node", "first_seen", "string"),
    ("n_last_seen", "node", "last_seen", "string"),
    ("e_label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("directed", "edge", "directed", "boolean"),
    ("weight", "edge", "weight", "double"),
    ("e_articles", "edge", "articles", "long"),
    ("e_article_ids", "edge", "article_ids", "string"),
    ("e_first_seen", "edge", "first_seen", "string"),
    ("e_last_seen", "edge", "last_seen", "string"),
    ("modality", "edge", "modality", "string"),
    ("evidence", "edge", "evidence", "string"),
];

/// Escapes a text value: CDATA when it holds markup characters, else plain.
pub fn text_value(s: &str) -> String {
    // Clean first, then trim: a dropped control character must not shield white space
    // behind it from the trim ("\u{1}\na" is "a").
    let s = xml_clean(s).trim().to_string();
    if s.contains(['&', '<', '>']) {
        format!("<![CDATA[{}]]>", s.replace("]]>", "]]]]><![CDATA[>"))
    } else {
        s
    }
}

/// Escapes an attribute value (ids): `&<>"'` and newlines/tabs as character references.
pub fn attr_value(s: &str) -> String {
    let s = xml_clean(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// Article ids joined by `;`.
fn ids(g: &Graph, ids: &[crate::graph::ArticleId]) -> String {
    g.article_strs(ids).collect::<Vec<_>>().join(";")
}

fn data(w: &mut dyn Write, key: &str, value: &str) -> Result<()> {
    let v = text_value(value);
    if v.is_empty() {
        return Ok(());
    }
    writeln!(w, "      <data key=\"{key}\">{v}</data>")?;
    Ok(())
}

/// Writes the graph as GraphML.
pub fn write(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_sorted(&Sorted::new(g), opts, w)
}

/// Writes the graph as GraphML, in a computed export order.
pub fn write_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    w.write_all(b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")?;
    for (id, scope, name, ty) in KEYS {
        writeln!(
            w,
            "  <key id=\"{id}\" for=\"{scope}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        )?;
    }
    w.write_all(b"  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")?;
    for (i, &n) in s.nodes.iter().enumerate() {
        let node = &g.g[n];
        writeln!(w, "    <node id=\"n{i}\">")?;
        data(w, "label", &node.label)?;
        data(w, "kind", node.kind.as_str())?;
        data(w, "entity", &node.id)?;
        data(
            w,
            "aliases",
            &node.aliases.iter().cloned().collect::<Vec<_>>().join("; "),
        )?;
        data(w, "mentions", &node.mentions.to_string())?;
        data(w, "n_articles", &node.articles.to_string())?;
        data(w, "n_article_ids", &ids(g, &node.article_ids))?;
        if let Some(d) = node.first_seen.get() {
            data(w, "n_first_seen", &d.to_string())?;
        }
        if let Some(d) = node.last_seen.get() {
            data(w, "n_last_seen", &d.to_string())?;
        }
        w.write_all(b"    </node>\n")?;
    }
    for (i, &e) in s.edges.iter().enumerate() {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let edge = &g.g[e];
        writeln!(
            w,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\">",
            s.pos[a.index()],
            s.pos[b.index()]
        )?;
        data(w, "e_label", edge.relation.label())?;
        data(w, "relation", edge.relation.id())?;
        data(
            w,
            "directed",
            if edge.relation.directed() {
                "true"
            } else {
                "false"
            },
        )?;
        data(w, "weight", &edge.weight.to_string())?;
        data(w, "e_articles", &edge.articles.to_string())?;
        data(w, "e_article_ids", &ids(g, &edge.article_ids))?;
        if let Some(d) = edge.first_seen.get() {
            data(w, "e_first_seen", &d.to_string())?;
        }
        if let Some(d) = edge.last_seen.get() {
            data(w, "e_last_seen", &d.to_string())?;
        }
        data(w, "modality", &modality_list(edge))?;
        data(
            w,
            "evidence",
            &evidence_summary(g, edge, opts.evidence_shown)?,
        )?;
        w.write_all(b"    </edge>\n")?;
    }
    w.write_all(b"  </graph>\n</graphml>\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_escape() {
        assert_eq!(text_value("plain"), "plain");
        assert_eq!(text_value("a & b"), "<![CDATA[a & b]]>");
        assert_eq!(text_value("x]]>y<"), "<![CDATA[x]]]]><![CDATA[>y<]]>");
        assert_eq!(text_value("bad\u{1}char\r\n"), "badchar");
        assert_eq!(attr_value("a\"b\nc"), "a&quot;b&#10;c");
    }
}
