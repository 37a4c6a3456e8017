//! Gephi spreadsheet CSV (`nodes.csv`, `edges.csv`): Gephi's column names (Id, Label;
//! Source, Target, Type, Kind, Id, Label, Weight), every edge `Directed` (Gephi loses edges in
//! mixed graphs; symmetric relations say `directed=false` in their own column), `Kind` holding
//! the relation so that parallel relations stay apart, backslashes doubled (Gephi's CSV parser
//! treats `\` as an escape), and free-text cells that start like a spreadsheet formula
//! prefixed with `'` (OWASP), unless `--csv-formula-guard off`.

use super::{ExportOptions, Sorted, evidence_summary, modality_list};
use crate::graph::Graph;
use anyhow::Result;
use std::io::Write;

/// Prepares a free-text cell: trims, doubles backslashes, and neutralises formulas.
pub fn text_cell(s: &str, guard: bool) -> String {
    let t = s.trim();
    let mut out = t.replace('\\', "\\\\");
    if guard && out.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\0']) {
        out.insert(0, '\'');
    }
    out
}

fn writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// Writes `nodes.csv`.
pub fn write_nodes(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_nodes_sorted(&Sorted::new(g), opts, w)
}

/// Writes `nodes.csv` in a computed export order.
pub fn write_nodes_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let guard = opts.csv_formula_guard;
    let mut c = writer(w);
    c.write_record([
        "Id",
        "Label",
        "kind",
        "aliases",
        "mentions",
        "articles",
        "first_seen",
        "last_seen",
        "article_ids",
    ])?;
    for &n in &s.nodes {
        let n = &g.g[n];
        c.write_record([
            text_cell(&n.id, false),
            text_cell(&n.label, guard),
            n.kind.as_str().to_string(),
            text_cell(
                &n.aliases.iter().cloned().collect::<Vec<_>>().join("; "),
                guard,
            ),
            n.mentions.to_string(),
            n.articles.to_string(),
            n.first_seen.cell(),
            n.last_seen.cell(),
            text_cell(
                &g.article_strs(&n.article_ids).collect::<Vec<_>>().join(";"),
                guard,
            ),
        ])?;
    }
    c.flush()?;
    Ok(())
}

/// Writes `edges.csv`.
pub fn write_edges(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_edges_sorted(&Sorted::new(g), opts, w)
}

/// Writes `edges.csv` in a computed export order.
pub fn write_edges_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let guard = opts.csv_formula_guard;
    let mut c = writer(w);
    c.write_record([
        "Source",
        "Target",
        "Type",
        "Kind",
        "Id",
        "Label",
        "Weight",
        "relation",
        "directed",
        "articles",
        "first_seen",
        "last_seen",
        "modality",
        "evidence",
    ])?;
    for (i, &e) in s.edges.iter().enumerate() {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let edge = &g.g[e];
        c.write_record([
            text_cell(&g.g[a].id, false),
            text_cell(&g.g[b].id, false),
            "Directed".to_string(),
            edge.relation.id().to_string(),
            format!("e{i}"),
            edge.relation.label().to_string(),
            edge.weight.to_string(),
            edge.relation.id().to_string(),
            edge.relation.directed().to_string(),
            edge.articles.to_string(),
            edge.first_seen.cell(),
            edge.last_seen.cell(),
            modality_list(edge),
            text_cell(&evidence_summary(g, edge, opts.evidence_shown)?, guard),
        ])?;
    }
    c.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn cells() {
        assert_eq!(text_cell("=1+2", true), "'=1+2");
        assert_eq!(text_cell("=1+2", false), "=1+2");
        assert_eq!(text_cell(" -x ", true), "'-x");
        assert_eq!(text_cell("C:\\new", true), "C:\\\\new");
        assert_eq!(text_cell("Kyiv", true), "Kyiv");
    }
}
