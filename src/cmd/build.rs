//! `newsgraph build`: articles in, exports out.

use super::{DataArgs, Output, note};
use crate::export::evidence;
use crate::export::{ExportOptions, Format};
use crate::graph::Caps;
use crate::input::{Level, ReadOptions};
use crate::pipeline::{BuildOptions, build};
use anyhow::{Context, Result};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `newsgraph build`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph build                                   # data/articles -> exports/ (every format)
  newsgraph build news/ --output out/ --format graphml,csv
  newsgraph build article.txt --format json --output -      # one format to standard output
  cat feed.jsonl | newsgraph build - --output out/
  newsgraph build more/ --append --graph exports/graph.json --output exports/
  newsgraph build news/ --since 2025-01 --kind person,country --min-weight 2 --output recent/

Input: .txt and .md articles (optional header lines `date YYYY-MM-DD`, `title ...`,
`source ...`), .jsonl and .json (objects with `text`, optional `id`, `date`, `title`,
`url`/`source`), folders (recursively), and - for standard input.

Files written into --output, by format:
  graphml  graph.graphml
  csv      nodes.csv, edges.csv (Gephi spreadsheet import)
  dot      graph.dot
  json     graph.json (node-link), graph.bin (its binary twin, read by neighbours and explain)
           and evidence.jsonl (every relation occurrence, one JSON object per line: source,
           target, relation, modality, trigger, article, date, sentence, start, end; in input
           order; the lines of an edge number its weight; not written with --output -)
  gexf     graph.gexf
  neo4j    neo4j/entities.csv, neo4j/relations.csv
Each edge keeps its first --evidence sentences (by date, article, offset) in graph.json and shows
the first --evidence-shown in GraphML, CSV, DOT, GEXF and Neo4j; evidence.jsonl has them all.
With --append, the evidence.jsonl beside --graph is carried over.

Filters (--since, --until, --kind, --relation, --min-weight, --modality, --around) apply to the
graph before it is written, with --append too; weights and dates still count every article.
evidence.jsonl keeps the lines of the edges kept (within --since/--until and --modality).")]
pub struct BuildArgs {
    /// Files, folders or - (standard input). Default: data/articles
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output folder, or - to write one format to standard output.
    #[arg(short, long, value_name = "DIR", default_value = "exports")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: graphml, csv, dot, json, gexf, neo4j. Default: all.
    #[arg(short, long, value_name = "LIST", value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Articles longer than this many bytes are truncated, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_article_bytes: usize,
    /// Evidence sentences kept per edge in memory and in graph.json (evidence.jsonl has every
    /// occurrence).
    #[arg(long, value_name = "N", default_value_t = Caps::default().evidence)]
    pub evidence: usize,
    /// Evidence sentences shown per edge in GraphML, CSV, DOT, GEXF and Neo4j.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub evidence_shown: usize,
    /// Prefix CSV text cells that start with = + - @ with a quote (OWASP formula guard).
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
    pub csv_formula_guard: String,
    /// Add the articles to an existing graph (see --graph) instead of starting empty.
    #[arg(long)]
    pub append: bool,
    /// The graph to append to.
    #[arg(long, value_name = "FILE", default_value = "exports/graph.json")]
    pub graph: PathBuf,
    /// Show a progress bar even when standard error is not a terminal.
    #[arg(long)]
    pub progress: bool,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub filter: crate::filter::FilterArgs,
    #[command(flatten)]
    pub around: crate::filter::AroundArgs,
}

/// Runs the build; returns the exit status.
pub fn run(a: BuildArgs) -> Result<i32> {
    let started = Instant::now();
    let mut out = Output::new(&a.format, &a.output)?;
    let to_stdout = out.to_stdout();
    super::set_threads(a.threads);
    let k = a.data.load()?;
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from("data/articles")]
    } else {
        a.paths.clone()
    };
    // Walk the inputs for their size only when a progress bar is shown.
    let show_bar = !a.quiet && (a.progress || std::io::stderr().is_terminal());
    let total: u64 = if show_bar {
        paths.iter().map(|p| total_size(p)).sum()
    } else {
        0
    };
    let bar = (show_bar && total > 0).then(|| {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}")
                .unwrap(),
        );
        b
    });
    let base = if a.append {
        Some(
            crate::export::json::read(&a.graph)
                .with_context(|| format!("--append: cannot read {}", a.graph.display()))?,
        )
    } else {
        None
    };
    // The output folder holds evidence.jsonl while it is written, and the spill file of the
    // evidence sentences.
    out.open()?;
    if let (Some(s), true) = (out.stream(), a.append) {
        let old = evidence::companion(&a.graph);
        if old.is_file() {
            s.append_file(&old)?;
        } else if !a.quiet {
            note(format!(
                "warning: --append: no {} beside {}; evidence.jsonl holds the new articles only",
                evidence::FILE,
                a.graph.display()
            ));
        }
    }
    let opts = BuildOptions {
        paths,
        read: ReadOptions {
            max_article_bytes: a.max_article_bytes,
        },
        caps: Caps {
            evidence: a.evidence,
            ..Caps::default()
        },
        spill: Some(out.spill_dir()),
        ..BuildOptions::default()
    };
    let quiet = a.quiet;
    let mut reasons: std::collections::BTreeMap<&'static str, usize> =
        std::collections::BTreeMap::new();
    let (g, summary) = build(
        &k,
        &opts,
        base,
        out.stream(),
        |d| {
            if d.level == Level::Error {
                *reasons.entry(d.reason).or_default() += 1;
            }
            if !quiet || d.level == Level::Error {
                match &bar {
                    Some(b) => b.suspend(|| note(d)),
                    None => note(d),
                }
            }
        },
        |_| {},
        |bytes| {
            if let Some(b) = &bar {
                b.set_position(bytes.min(total));
            }
        },
    )?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if !summary.read_anything {
        note("error: nothing could be read");
        return Ok(2);
    }
    let eopts = ExportOptions {
        evidence_shown: a.evidence_shown,
        csv_formula_guard: a.csv_formula_guard == "on",
    };
    let g = out.finish(g, &a.filter.filter(&a.around), &eopts)?;
    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = summary.read.bytes as f64 / 1e6;
        let skipped = if reasons.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                reasons
                    .iter()
                    .map(|(r, n)| format!("{n} {r}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        note(format!(
            "{} articles ({:.2} MB) from {} files, {} skipped{skipped}; {} entities, {} relations; {:.2} s ({:.1} MB/s){}",
            summary.read.articles,
            mb,
            summary.read.files,
            summary.read.skipped,
            g.node_count(),
            g.edge_count(),
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 },
            if to_stdout {
                String::new()
            } else {
                format!(" -> {}", a.output.display())
            }
        ));
    }
    // The process ends now: freeing the graph piece by piece would only cost time.
    std::mem::forget(g);
    Ok(0)
}

fn total_size(p: &std::path::Path) -> u64 {
    if p.as_os_str() == "-" {
        return 0;
    }
    let mut total = 0;
    let mut stack = vec![p.to_path_buf()];
    let mut seen = std::collections::HashSet::new();
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if !seen.insert(std::fs::canonicalize(&p).unwrap_or(p.clone())) {
                continue;
            }
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else {
            total += meta.len();
        }
    }
    total
}
