//! `newsgraph merge`: combines graphs built separately (`graph.json` files) and extraction
//! records (JSONL from `newsgraph extract`) into one graph and writes its exports. Merging is
//! associative and commutative, so shards built anywhere, in any order, merge to the graph a
//! single build of the whole corpus gives.

use super::{Output, note};
use crate::export::evidence::{self, Stream};
use crate::export::{ExportOptions, Format};
use crate::extract::Extraction;
use crate::filter::{AroundArgs, FilterArgs};
use crate::graph::{Caps, Graph};
use anyhow::{Context, Result, bail};
use clap::Args;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `newsgraph merge`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph merge a/graph.json b/graph.json --output exports/
  newsgraph merge records-*.jsonl --output exports/ --format graphml,json
  newsgraph merge exports/graph.json --since 2025 --kind person,country --output recent/
  newsgraph extract < feed.jsonl | newsgraph merge - --format json --output -

Inputs: graph.json files written by `newsgraph build` or `newsgraph merge`, and JSONL files of
extraction records written by `newsgraph extract`; each file is recognised by its content, and
- reads one from standard input. Counts add up, names and dates combine, and evidence and
article lists keep their smallest items, so the order of the inputs does not matter.

A corpus too big for one machine, built in shards and merged:
  1. Split the corpus into shards that do not overlap, e.g.
       split -n l/8 --additional-suffix=.jsonl corpus.jsonl shard-
     and give every article an `id` (articles without one are named after their file and line).
  2. On each machine, for each shard:  newsgraph build shard-aa.jsonl -f json -o out-aa/
     (or  newsgraph extract < shard-aa.jsonl > shard-aa.rec.jsonl  for the records alone)
  3. Copy the graph.json (or record) files to one machine and merge them, in any order and in
     any grouping (merging merged graphs is fine):
       newsgraph merge out-*/graph.json --output exports/
  The result is byte for byte the graph.json of `newsgraph build` on the whole corpus. Build
  every shard with the same --evidence, --data and --dict; merged lists keep as many items as
  the most capped input (record files count as --evidence, default 3). examples/spark/ runs
  steps 2 and 3 with Spark.

evidence.jsonl (written with the json format, not with --output -): the lines of each input
in the order of the inputs: for a record file, its occurrences; for a graph file, the
evidence.jsonl beside it (for a file named graph.json; NAME.evidence.jsonl for any other
NAME.json), copied as it is; a graph without one is reported and contributes no lines. Its
lines are those of one build of the whole corpus, in another order when the inputs are.")]
pub struct MergeArgs {
    /// graph.json files, extraction-record JSONL files, or - (standard input).
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder, or - to write one format to standard output.
    #[arg(short, long, value_name = "DIR", default_value = "exports")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: graphml, csv, dot, json, gexf, neo4j. Default: all.
    #[arg(short, long, value_name = "LIST", value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Evidence sentences kept per edge (at most what the input graphs kept).
    #[arg(long, value_name = "N")]
    pub evidence: Option<usize>,
    /// Evidence sentences shown per edge in GraphML, CSV, DOT, GEXF and Neo4j.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub evidence_shown: usize,
    /// Prefix CSV text cells that start with = + - @ with a quote (OWASP formula guard).
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
    pub csv_formula_guard: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub around: AroundArgs,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What one input turned out to be.
enum Input {
    Graph(Box<Graph>),
    Records { records: u64, skipped: u64 },
}

/// Accumulates inputs into one graph, lowering its caps to the most capped input.
pub struct Merger {
    graph: Option<Graph>,
    record_caps: Caps,
    spill: Option<PathBuf>,
}

impl Merger {
    /// A merger whose record files count as `record_caps`.
    pub fn new(record_caps: Caps) -> Merger {
        Merger {
            graph: None,
            record_caps,
            spill: None,
        }
    }

    /// Lets the evidence sentences of the merged graph move to a spill file in `dir` (see
    /// [`Graph::spill_to`]).
    pub fn spill_to(&mut self, dir: &Path) {
        self.spill = Some(dir.to_path_buf());
        if let Some(g) = &mut self.graph {
            g.spill_to(dir, crate::graph::Texts::SPILL_ABOVE);
        }
    }

    /// Lowers the caps of the accumulated graph to at most `caps`, and returns it.
    fn target(&mut self, caps: Caps) -> &mut Graph {
        let spill = &self.spill;
        let g = self.graph.get_or_insert_with(|| {
            let mut g = Graph::new(caps);
            if let Some(d) = spill {
                g.spill_to(d, crate::graph::Texts::SPILL_ABOVE);
            }
            g
        });
        let low = Caps {
            article_ids: g.caps.article_ids.min(caps.article_ids),
            evidence: g.caps.evidence.min(caps.evidence),
        };
        if low != g.caps {
            g.lower_caps(low);
        }
        g
    }

    /// Merges a graph.
    pub fn add_graph(&mut self, mut other: Graph) {
        let spill = self.spill.clone();
        let g = self.target(other.caps);
        let caps = g.caps;
        if caps != other.caps {
            other.lower_caps(caps);
        }
        if g.node_count() == 0 && g.articles == 0 {
            *g = other;
            if let Some(d) = spill {
                g.spill_to(&d, crate::graph::Texts::SPILL_ABOVE);
            }
        } else {
            g.merge(&other);
        }
    }

    /// Merges one extraction record.
    pub fn add_record(&mut self, x: &Extraction) {
        let caps = self.record_caps;
        self.target(caps).add(x);
    }

    /// Merges one extraction record, appending its relation occurrences to `evidence`.
    pub fn add_record_to(&mut self, x: &Extraction, evidence: &mut Stream) {
        let caps = self.record_caps;
        self.target(caps).add_each(x, |a, b, o| {
            evidence.occurrence(a, b, &x.article, x.date, o)
        });
    }

    /// The merged graph (empty, with the record caps, when nothing was merged).
    pub fn finish(self) -> Graph {
        let caps = self.record_caps;
        self.graph.unwrap_or_else(|| Graph::new(caps))
    }
}

/// Reads one input into the merger: a graph.json document or JSONL extraction records,
/// recognised by the first key of the first object (`article` for records). The occurrences
/// of records go to `evidence`.
fn read_input(
    path: &Path,
    m: &mut Merger,
    mut evidence: Option<&mut Stream>,
    quiet: bool,
) -> Result<Input> {
    let shown = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let source: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {shown}"))?)
    };
    let mut r = BufReader::with_capacity(1 << 20, source);
    let head = r
        .fill_buf()
        .with_context(|| format!("cannot read {shown}"))?;
    if is_records(head) {
        let mut records = 0u64;
        let mut skipped = 0u64;
        let mut line = Vec::new();
        let mut no = 0usize;
        loop {
            line.clear();
            let n = r
                .read_until(b'\n', &mut line)
                .with_context(|| format!("cannot read {shown} after line {no}"))?;
            if n == 0 {
                break;
            }
            no += 1;
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            match serde_json::from_slice::<Extraction>(&line) {
                Ok(x) => {
                    match evidence.as_deref_mut() {
                        Some(s) => {
                            m.add_record_to(&x, s);
                            s.check()?;
                        }
                        None => m.add_record(&x),
                    }
                    records += 1;
                }
                Err(e) => {
                    skipped += 1;
                    note(format!(
                        "error: {shown}:{no}: not an extraction record ({e}); skipped"
                    ));
                }
            }
        }
        if !quiet && records == 0 && skipped == 0 {
            note(format!("warning: {shown}: no records"));
        }
        Ok(Input::Records { records, skipped })
    } else {
        let g = crate::export::json::from_reader(r).with_context(|| {
            format!("{shown} is neither a newsgraph graph.json nor extraction records (JSONL)")
        })?;
        Ok(Input::Graph(Box::new(g)))
    }
}

/// True when the text starts like extraction records: `{"article"` (or empty: a shard with
/// no articles).
fn is_records(head: &[u8]) -> bool {
    let rest = head.trim_ascii_start();
    if rest.is_empty() {
        return true;
    }
    let Some(rest) = rest.strip_prefix(b"{") else {
        return false;
    };
    rest.trim_ascii_start().starts_with(b"\"article\"")
}

/// Runs the merge; returns the exit status.
pub fn run(a: MergeArgs) -> Result<i32> {
    let started = Instant::now();
    let mut out = Output::new(&a.format, &a.output)?;
    let to_stdout = out.to_stdout();
    if a.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("- (standard input) can be given only once");
    }
    let filter = a.filter.filter(&a.around);
    let record_caps = Caps {
        evidence: a.evidence.unwrap_or(Caps::default().evidence),
        ..Caps::default()
    };
    let mut m = Merger::new(record_caps);
    // The output folder holds evidence.jsonl while it is written, and the spill file of the
    // evidence sentences.
    out.open()?;
    m.spill_to(&out.spill_dir());
    if a.evidence.is_some() {
        // An explicit --evidence caps the input graphs too.
        m.target(record_caps);
    }
    let (mut graphs, mut record_files, mut records, mut skipped) = (0, 0, 0u64, 0u64);
    for p in &a.inputs {
        match read_input(p, &mut m, out.stream(), a.quiet)? {
            Input::Graph(g) => {
                graphs += 1;
                m.add_graph(*g);
                if let Some(s) = out.stream() {
                    let beside = evidence::companion(p);
                    if p.as_os_str() != "-" && beside.is_file() {
                        s.append_file(&beside)?;
                    } else if !a.quiet {
                        note(format!(
                            "warning: {}: no {} beside it; evidence.jsonl misses its evidence",
                            if p.as_os_str() == "-" {
                                "<stdin>".to_string()
                            } else {
                                p.display().to_string()
                            },
                            beside
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ));
                    }
                }
            }
            Input::Records {
                records: n,
                skipped: s,
            } => {
                record_files += 1;
                records += n;
                skipped += s;
            }
        }
    }
    let eopts = ExportOptions {
        evidence_shown: a.evidence_shown,
        csv_formula_guard: a.csv_formula_guard == "on",
    };
    let g = out.finish(m.finish(), &filter, &eopts)?;
    if !a.quiet {
        let skipped = if skipped > 0 {
            format!(", {skipped} bad lines skipped")
        } else {
            String::new()
        };
        note(format!(
            "merged {graphs} graphs and {records} records from {record_files} files{skipped}: {} articles; {} entities, {} relations; {:.2} s{}",
            g.articles,
            g.node_count(),
            g.edge_count(),
            started.elapsed().as_secs_f64(),
            if to_stdout {
                String::new()
            } else {
                format!(" -> {}", a.output.display())
            }
        ));
    }
    std::mem::forget(g);
    Ok(0)
}
