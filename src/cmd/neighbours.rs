//! `newsgraph neighbours ACTOR`: who an actor is linked to, and how.

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
  newsgraph neighbours Trump --depth 2 --graph out/graph.json
  newsgraph neighbours Russia --country --since 2025-10 --modality asserted

With --country, the edges of the country's leaders and officials (people with a leader_of or
official_of edge to it) are listed too, each marked with the person it goes through.")]
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
    #[command(flatten)]
    pub filter: crate::filter::EdgeFilterArgs,
}

/// Runs the query; returns the exit status.
pub fn run(a: NeighboursArgs) -> Result<i32> {
    let need = crate::store::Need::Neighbours {
        actor: &a.actor,
        depth: a.depth,
        country: a.country,
        evidence: a.filter.since.is_some() || a.filter.until.is_some(),
    };
    let whole = crate::store::load_for(&a.graph, need)?;
    // Filters keep every node, so node names resolve as in the whole graph.
    let g = a.filter.filter().apply_to_edges(&whole);
    let start = resolve(&g, &a.actor)?;
    let q = NeighbourQuery {
        depth: a.depth,
        relations: a.relation.clone(),
        kinds: a.kind.clone(),
    };
    let mut rows = neighbours(&g, start, &q);
    let mut through: Vec<String> = Vec::new();
    if a.country && g.g[start].kind == Kind::Country {
        // Who the country's people are does not depend on the filters.
        let country = whole.node(&g.g[start].id).expect("same nodes");
        for (label, p) in crate::query::country_rollup(&whole, country) {
            through.push(label);
            let p = g.node(&whole.g[p].id).expect("same nodes");
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
            "including": through,
            "neighbours": rows,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(0);
    }
    let including = if through.is_empty() {
        String::new()
    } else {
        format!(", including {}", and_list(&through))
    };
    println!(
        "{} ({}, {}){including}: {} neighbour edges",
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
            // Edges reached through another node (a deeper step, or a country's official)
            // say which.
            let who = if r.depth > 1 || r.from != me.label {
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

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
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
