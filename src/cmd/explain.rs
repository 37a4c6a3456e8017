//! `newsgraph explain A B`: every edge between two actors, with its evidence.

use crate::query::{between, resolve};
use anyhow::Result;
use clap::Args;
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

/// Runs the query; returns the exit status.
pub fn run(a: ExplainArgs) -> Result<i32> {
    let filter = crate::filter::Filter {
        relations: a.relation.clone(),
        ..a.filter.filter()
    };
    let need = crate::store::Need::Between(&a.a, &a.b);
    let g = filter.apply_to_edges(&crate::store::load_for(&a.graph, need)?);
    let na = resolve(&g, &a.a)?;
    let nb = resolve(&g, &a.b)?;
    let edges = between(&g, na, nb);
    if a.json {
        let rows: Vec<_> = edges
            .iter()
            .map(|(s, t, e)| {
                serde_json::json!({
                    "source": g.g[*s].id, "target": g.g[*t].id,
                    "relation": e.relation, "label": e.relation.label(), "directed": e.relation.directed(),
                    "weight": e.weight, "articles": e.articles, "article_ids": e.article_ids,
                    "first_seen": e.first_seen, "last_seen": e.last_seen,
                    "modality": e.modalities(), "evidence": e.evidence,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"a": g.g[na].label, "b": g.g[nb].label, "edges": rows})
            )?
        );
        return Ok(0);
    }
    if edges.is_empty() {
        println!("No edge between {} and {}.", g.g[na].label, g.g[nb].label);
        return Ok(0);
    }
    for (s, t, e) in edges {
        let arrow = if e.relation.directed() { "->" } else { "--" };
        let dates = match (e.first_seen, e.last_seen) {
            (Some(f), Some(l)) if f == l => format!(", {f}"),
            (Some(f), Some(l)) => format!(", {f} to {l}"),
            _ => String::new(),
        };
        println!(
            "{} {arrow} {} : {} (weight {}, {} articles{dates}; {})",
            g.g[s].label,
            g.g[t].label,
            e.relation.label(),
            e.weight,
            e.articles,
            e.modalities()
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        for ev in &e.evidence {
            let date = ev.date.map(|d| format!(" {d}")).unwrap_or_default();
            println!(
                "  [{}{date}, chars {}-{}, {}, \"{}\"] {}",
                ev.article, ev.start, ev.end, ev.modality, ev.trigger, ev.sentence
            );
        }
    }
    Ok(0)
}
