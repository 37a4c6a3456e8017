//! Neo4j bulk import CSV (`neo4j/entities.csv`, `neo4j/relations.csv`) in the header format
//! `neo4j-admin database import full` reads: `id:ID`, `:LABEL` (Entity plus the kind), typed
//! properties, `:START_ID`, `:END_ID`, `:TYPE` (the relation in UPPER_SNAKE_CASE). Text has
//! newlines replaced by spaces, so `--multiline-fields` is not needed; arrays use `;`.

use super::{ExportOptions, Sorted, evidence_summary};
use crate::graph::Graph;
use crate::model::Kind;
use anyhow::Result;
use std::io::Write;

/// The Neo4j label of a kind.
pub fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Person",
        Kind::Country => "Country",
        Kind::Weapon => "WeaponSystem",
        Kind::Place => "Place",
        Kind::Organisation => "Organisation",
    }
}

fn one_line(s: &str) -> String {
    crate::extract::collapse_ws(
        &s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>(),
    )
}

fn array(items: impl Iterator<Item = String>) -> String {
    items
        .map(|s| one_line(&s).replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes `entities.csv`.
pub fn write_nodes(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_nodes_sorted(&Sorted::new(g), opts, w)
}

/// Writes `entities.csv` in a computed export order.
pub fn write_nodes_sorted(s: &Sorted<'_>, _: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        "id:ID",
        "name",
        "kind",
        "aliases:string[]",
        "mentions:long",
        "articles:long",
        "first_seen:date",
        "last_seen:date",
        ":LABEL",
    ])?;
    for &n in &s.nodes {
        let n = &g.g[n];
        c.write_record([
            n.id.clone(),
            one_line(&n.label),
            n.kind.as_str().to_string(),
            array(n.aliases.iter().cloned()),
            n.mentions.to_string(),
            n.articles.to_string(),
            n.first_seen.cell(),
            n.last_seen.cell(),
            format!("Entity;{}", label(n.kind)),
        ])?;
    }
    c.flush()?;
    Ok(())
}

/// Writes `relations.csv`; `evidence` holds the first `opts.evidence_shown` sentences.
pub fn write_edges(g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    write_edges_sorted(&Sorted::new(g), opts, w)
}

/// Writes `relations.csv` in a computed export order.
pub fn write_edges_sorted(s: &Sorted<'_>, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "relation",
        "label",
        "directed:boolean",
        "weight:long",
        "articles:long",
        "first_seen:date",
        "last_seen:date",
        "modality:string[]",
        "article_ids:string[]",
        "evidence",
    ])?;
    for &e in &s.edges {
        let (a, b) = g.g.edge_endpoints(e).unwrap();
        let edge = &g.g[e];
        c.write_record([
            g.g[a].id.clone(),
            g.g[b].id.clone(),
            edge.relation.id().to_ascii_uppercase(),
            edge.relation.id().to_string(),
            edge.relation.label().to_string(),
            edge.relation.directed().to_string(),
            edge.weight.to_string(),
            edge.articles.to_string(),
            edge.first_seen.cell(),
            edge.last_seen.cell(),
            array(edge.modalities().iter().map(|m| m.as_str().to_string())),
            array(g.article_strs(&edge.article_ids).map(str::to_string)),
            one_line(&evidence_summary(g, edge, opts.evidence_shown)?),
        ])?;
    }
    c.flush()?;
    Ok(())
}
