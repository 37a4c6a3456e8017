//! `newsgraph neighbours ACTOR`: who an actor is linked to, and how.

use crate::model::{Kind, Relation};
use crate::query::{Direction2, NeighbourQuery, neighbours, resolve};
use anyhow::Result;
use clap::Args;
use std::io::Write;
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

/// Runs the query; returns the exit status. A closed standard output (`| head -1`) ends it
/// quietly.
pub fn run(a: NeighboursArgs) -> Result<i32> {
    let need = crate::store::Need::Neighbours {
        actor: &a.actor,
        depth: a.depth,
        country: a.country,
        evidence: a.filter.since.is_some() || a.filter.until.is_some(),
    };
    let whole = crate::store::load_for(&a.graph, need)?;
    let start = resolve(&whole, &a.actor)?;
    let start_id = whole.g[start].id.clone();
    // Who the country's people are does not depend on the filters.
    let people: Vec<(String, String)> = if a.country && whole.g[start].kind == Kind::Country {
        crate::query::country_rollup(&whole, start)
            .into_iter()
            .map(|(label, p)| (label, whole.g[p].id.clone()))
            .collect()
    } else {
        Vec::new()
    };
    // Filters keep every node, so node names resolve as in the whole graph.
    let g = a.filter.filter().apply_to_edges(whole);
    let start = g.node(&start_id).expect("filters keep every node");
    let q = NeighbourQuery {
        depth: a.depth,
        relations: a.relation.clone(),
        kinds: a.kind.clone(),
    };
    let mut rows = neighbours(&g, start, &q);
    let mut through: Vec<String> = Vec::new();
    for (label, id) in people {
        through.push(label);
        let p = g.node(&id).expect("filters keep every node");
        for r in neighbours(&g, p, &q) {
            if r.id != start_id && !matches!(r.relation, Relation::LeaderOf | Relation::OfficialOf)
            {
                rows.push(r);
            }
        }
    }
    let me = &g.g[start];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let printed = (|| -> Result<()> {
        if a.json {
            let doc = serde_json::json!({
                "actor": {"id": me.id, "label": me.label, "kind": me.kind},
                "including": through,
                "neighbours": rows,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        } else {
            print_table(&mut out, me, &through, &rows)?;
        }
        out.flush()?;
        Ok(())
    })();
    match printed {
        Err(e) if is_broken_pipe(&e) => Ok(0),
        Err(e) => Err(e),
        Ok(()) => Ok(0),
    }
}

/// Whether an error is a closed pipe on output (the reader, such as `head`, is done).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

fn print_table(
    out: &mut dyn Write,
    me: &crate::graph::Node,
    through: &[String],
    rows: &[crate::query::Neighbour],
) -> Result<()> {
    let including = if through.is_empty() {
        String::new()
    } else {
        format!(", including {}", and_list(through))
    };
    writeln!(
        out,
        "{} ({}, {}){including}: {} neighbour edges",
        me.label,
        me.kind,
        me.id,
        rows.len()
    )?;
    if rows.is_empty() {
        return Ok(());
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
    out.write_all(table(&header, &cells).as_bytes())?;
    Ok(())
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
