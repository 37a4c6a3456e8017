//! `newsgraph neighbours ACTOR`: who an actor is linked to, and how.

use crate::export::json;
use crate::model::{Kind, Relation};
use crate::query::{Direction2, NeighbourQuery, neighbours, resolve};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `newsgraph neighbours`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph neighbours putin
  newsgraph neighbours \"President Putin\" --relation spoke_with,met_with
  newsgraph neighbours Ukraine --kind weapon --json
  newsgraph neighbours Trump --depth 2 --graph out/graph.json")]
pub struct NeighboursArgs {
    /// The actor: any name, alias or id, case-insensitive ("putin", "President Putin").
    pub actor: String,
    /// The graph to read (a graph.json written by `newsgraph build`).
    #[arg(long, value_name = "FILE", default_value = "exports/graph.json")]
    pub graph: PathBuf,
    /// How many steps to walk.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub depth: usize,
    /// Only these relations (comma-separated ids, e.g. spoke_with,met_with).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub relation: Vec<Relation>,
    /// Only neighbours of these kinds (person, country, weapon, place, organisation).
    #[arg(long, value_name = "KIND", value_delimiter = ',')]
    pub kind: Vec<Kind>,
    /// For a country, include the edges of its leaders and officials.
    #[arg(long)]
    pub country: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs the query; returns the exit status.
pub fn run(a: NeighboursArgs) -> Result<i32> {
    let g = json::read(&a.graph)?;
    let start = resolve(&g, &a.actor)?;
    let q = NeighbourQuery {
        depth: a.depth,
        relations: a.relation.clone(),
        kinds: a.kind.clone(),
    };
    let mut rows = neighbours(&g, start, &q);
    if a.country && g.g[start].kind == Kind::Country {
        for (_, p) in crate::query::country_rollup(&g, start) {
            for r in neighbours(&g, p, &q) {
                if r.id != g.g[start].id
                    && !matches!(r.relation, Relation::LeaderOf | Relation::OfficialOf)
                {
                    rows.push(r);
                }
            }
        }
    }
    let me = &g.g[start];
    if a.json {
        let doc = serde_json::json!({
            "actor": {"id": me.id, "label": me.label, "kind": me.kind},
            "neighbours": rows,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(0);
    }
    println!(
        "{} ({}, {}): {} neighbour edges",
        me.label,
        me.kind,
        me.id,
        rows.len()
    );
    if rows.is_empty() {
        return Ok(0);
    }
    let header = [
        "relation",
        "dir",
        "neighbour",
        "kind",
        "weight",
        "modality",
        "first",
        "last",
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            let dir = match r.direction {
                Direction2::Out => "->",
                Direction2::In => "<-",
                Direction2::Both => "--",
            };
            let who = if r.depth > 1 {
                format!("{} (via {})", r.label, r.from)
            } else {
                r.label.clone()
            };
            [
                r.relation.id().to_string(),
                dir.to_string(),
                who,
                r.kind.as_str().to_string(),
                r.weight.to_string(),
                r.modality
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                r.first_seen
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                r.last_seen
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    print!("{}", table(&header, &cells));
    Ok(0)
}

/// Formats rows as an aligned table (column widths in characters).
pub fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut width = [0usize; N];
    for (i, h) in header.iter().enumerate() {
        width[i] = h.chars().count();
    }
    for r in rows {
        for i in 0..N {
            width[i] = width[i].max(r[i].chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < N {
                s.push_str(&" ".repeat(width[i] - c.chars().count() + 2));
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(header.to_vec(), &mut out);
    for r in rows {
        line(r.iter().map(|s| s.as_str()).collect(), &mut out);
    }
    out
}
