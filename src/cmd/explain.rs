//! `newsgraph explain A B`: every edge between two actors, with its evidence.

use super::neighbours::is_broken_pipe;
use crate::graph::{Edge, Graph};
use crate::query::{Names, between};
use anyhow::Result;
use clap::Args;
use petgraph::graph::NodeIndex;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `newsgraph explain`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph explain Trump Putin
  newsgraph explain \"United States\" Tomahawk --json
  newsgraph explain Trump Putin --since 2025-10 --relation met_with,plans_meeting_with")]
pub struct ExplainArgs {
    /// First actor (any name or alias).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// The graph to read.
    #[arg(long, value_name = "FILE", default_value = "exports/graph.json")]
    pub graph: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Only these relations (comma-separated ids, e.g. met_with,spoke_with).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub relation: Vec<crate::model::Relation>,
    #[command(flatten)]
    pub filter: crate::filter::EdgeFilterArgs,
}

/// Runs the query; returns the exit status. A closed standard output ends it quietly.
pub fn run(a: ExplainArgs) -> Result<i32> {
    let filter = crate::filter::Filter {
        relations: a.relation.clone(),
        ..a.filter.filter()
    };
    let need = crate::store::Need::Between(&a.a, &a.b);
    let g = filter.apply_to_edges(crate::store::load_for(&a.graph, need)?);
    // One name map for both names.
    let names = Names::new(&g);
    let na = names.resolve(&a.a)?;
    let nb = names.resolve(&a.b)?;
    drop(names);
    let edges = between(&g, na, nb);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let printed = print(&mut out, &g, na, nb, &edges, a.json).and_then(|_| Ok(out.flush()?));
    match printed {
        Err(e) if is_broken_pipe(&e) => Ok(0),
        Err(e) => Err(e),
        Ok(()) => Ok(0),
    }
}

fn print(
    out: &mut dyn Write,
    g: &Graph,
    na: NodeIndex,
    nb: NodeIndex,
    edges: &[(NodeIndex, NodeIndex, &Edge)],
    json: bool,
) -> Result<()> {
    if json {
        let mut rows = Vec::new();
        for (s, t, e) in edges {
            let evidence = e
                .evidence
                .iter()
                .map(|ev| g.evidence_rec(ev))
                .collect::<std::io::Result<Vec<_>>>()?;
            rows.push(serde_json::json!({
                "source": g.g[*s].id, "target": g.g[*t].id,
                "relation": e.relation, "label": e.relation.label(), "directed": e.relation.directed(),
                "weight": e.weight, "articles": e.articles,
                "article_ids": g.article_strs(&e.article_ids).collect::<Vec<_>>(),
                "first_seen": e.first_seen.get(), "last_seen": e.last_seen.get(),
                "modality": e.modalities(), "evidence": evidence,
            }));
        }
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"a": g.g[na].label, "b": g.g[nb].label, "edges": rows}),
        )?;
        writeln!(out)?;
        return Ok(());
    }
    if edges.is_empty() {
        writeln!(
            out,
            "No edge between {} and {}.",
            g.g[na].label, g.g[nb].label
        )?;
        return Ok(());
    }
    for (s, t, e) in edges {
        let arrow = if e.relation.directed() { "->" } else { "--" };
        let dates = match (e.first_seen.get(), e.last_seen.get()) {
            (Some(f), Some(l)) if f == l => format!(", {f}"),
            (Some(f), Some(l)) => format!(", {f} to {l}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{} {arrow} {} : {} (weight {}, {} articles{dates}; {})",
            g.g[*s].label,
            g.g[*t].label,
            e.relation.label(),
            e.weight,
            e.articles,
            e.modalities()
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        for ev in e.evidence.iter() {
            let date = ev.date.get().map(|d| format!(" {d}")).unwrap_or_default();
            writeln!(
                out,
                "  [{}{date}, chars {}-{}, {}, \"{}\"] {}",
                g.article(ev.article),
                ev.start,
                ev.end,
                ev.modality,
                g.trigger(ev.trigger),
                g.sentence(ev)?
            )?;
        }
    }
    Ok(())
}
