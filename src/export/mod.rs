//! Export stage: writes the graph as GraphML, Gephi CSV, Graphviz DOT, node-link JSON (with
//! `graph.bin` and the complete evidence in `evidence.jsonl`), GEXF and Neo4j bulk-import CSV,
//! one file per format module.
//!
//! Every file is written to a temporary file beside its target and renamed into place, so an
//! interrupted or failed run leaves the previous export whole; the files are written in
//! parallel when there are several threads. Output is deterministic: nodes sorted by id, edges
//! by (source, relation, target), whatever the number of threads.

pub mod csv;
pub mod dot;
pub mod evidence;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j;

use crate::graph::{Edge, Graph};
use crate::store;
use anyhow::{Context, Result, bail};
use petgraph::graph::{EdgeIndex, NodeIndex};
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `graph.graphml`
    GraphMl,
    /// `nodes.csv` and `edges.csv` (Gephi spreadsheet import)
    Csv,
    /// `graph.dot`
    Dot,
    /// `graph.json` (node-link, the format `neighbours` and `explain` read)
    Json,
    /// `graph.gexf` (GEXF 1.3, dynamic)
    Gexf,
    /// `neo4j/` (neo4j-admin import CSV)
    Neo4j,
}

impl Format {
    /// The formats written when `--format` is not given.
    pub const DEFAULT: [Format; 6] = [
        Format::GraphMl,
        Format::Csv,
        Format::Dot,
        Format::Json,
        Format::Gexf,
        Format::Neo4j,
    ];

    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::GraphMl => "graphml",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Gexf => "gexf",
            Format::Neo4j => "neo4j",
        }
    }

    /// Whether the format is a single file that can go to standard output.
    pub fn single_file(self) -> bool {
        !matches!(self, Format::Csv | Format::Neo4j)
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "graphml" => Ok(Format::GraphMl),
            "csv" | "gephi" => Ok(Format::Csv),
            "dot" | "graphviz" => Ok(Format::Dot),
            "json" => Ok(Format::Json),
            "gexf" => Ok(Format::Gexf),
            "neo4j" => Ok(Format::Neo4j),
            other => Err(format!(
                "unknown format {other:?} (expected graphml, csv, dot, json, gexf or neo4j)"
            )),
        }
    }
}

/// Options shared by the writers.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Evidence sentences shown per edge in GraphML, CSV, DOT, GEXF and Neo4j (JSON has every
    /// kept one, `evidence.jsonl` every occurrence).
    pub evidence_shown: usize,
    /// Neutralise spreadsheet formulas in CSV free-text cells.
    pub csv_formula_guard: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            evidence_shown: 3,
            csv_formula_guard: true,
        }
    }
}

/// A graph with its export order, computed once and shared by every writer: nodes sorted by
/// id, edges by (source id, relation id, target id).
pub struct Sorted<'g> {
    /// The graph.
    pub g: &'g Graph,
    /// Node indices in export order.
    pub nodes: Vec<NodeIndex>,
    /// Edge indices in export order.
    pub edges: Vec<EdgeIndex>,
    /// The position of each node (by index) in `nodes`.
    pub pos: Vec<u32>,
}

impl<'g> Sorted<'g> {
    /// Sorts a graph's nodes and edges.
    pub fn new(g: &'g Graph) -> Sorted<'g> {
        let nodes = g.sorted_nodes();
        let edges = g.sorted_edges_with(&nodes);
        let mut pos = vec![0u32; g.node_count()];
        for (i, n) in nodes.iter().enumerate() {
            pos[n.index()] = i as u32;
        }
        Sorted {
            g,
            nodes,
            edges,
            pos,
        }
    }
}

/// The temporary file `path` is written to: `.NAME.tmp-PID` beside it.
pub fn temp_path(path: &Path) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .context("export path has no file name")?
        .to_string_lossy();
    Ok(dir.join(format!(".{name}.tmp-{}", std::process::id())))
}

/// A complete temporary file waiting to be renamed over its target; removed when dropped
/// uncommitted.
pub struct Temp {
    tmp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl Temp {
    /// Renames the temporary file over the target, giving it the current time as its
    /// modification time (so that it is at least as new as files committed before it).
    pub fn commit(mut self, touch: bool) -> Result<()> {
        if touch {
            std::fs::File::options()
                .write(true)
                .open(&self.tmp)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()))
                .with_context(|| format!("cannot touch {}", self.tmp.display()))?;
        }
        rename_into_place(&self.tmp, &self.path)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes the temporary file of `path` with `f`, and syncs it; on error the temporary file is
/// removed.
pub fn write_temp(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Temp> {
    let tmp = temp_path(path)?;
    let temp = Temp {
        tmp,
        path: path.to_path_buf(),
        done: false,
    };
    let file = std::fs::File::create(&temp.tmp)
        .with_context(|| format!("cannot create {}", temp.tmp.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    f(&mut w)?;
    let file = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", temp.tmp.display()))?;
    file.sync_all()
        .with_context(|| format!("cannot sync {}", temp.tmp.display()))?;
    Ok(temp)
}

/// Writes `path` atomically: `f` writes into a temporary file beside it, which is then synced
/// and renamed over the target. On error the temporary file is removed and the target is
/// untouched.
pub fn write_atomic(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    write_temp(path, f)?.commit(false)
}

/// The files a format writes inside the output folder.
pub fn files_of(format: Format) -> &'static [&'static str] {
    match format {
        Format::GraphMl => &["graph.graphml"],
        Format::Csv => &["nodes.csv", "edges.csv"],
        Format::Dot => &["graph.dot"],
        Format::Json => &["graph.json", "graph.bin", "evidence.jsonl"],
        Format::Gexf => &["graph.gexf"],
        Format::Neo4j => &["neo4j/entities.csv", "neo4j/relations.csv"],
    }
}

/// Renames a finished temporary file over its target (atomic on one file system).
pub(crate) fn rename_into_place(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path)
        .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))
}

/// Every file an export may write, relative to the output folder.
pub const EXPORT_FILES: [&str; 10] = [
    "graph.graphml",
    "nodes.csv",
    "edges.csv",
    "graph.dot",
    "graph.json",
    "graph.bin",
    "evidence.jsonl",
    "graph.gexf",
    "neo4j/entities.csv",
    "neo4j/relations.csv",
];

/// Removes the temporary files (`.NAME.tmp-PID`) of exports in `dir` and `dir/neo4j` that
/// were left by processes that no longer run (a killed build's leftovers); returns how many.
/// Files of other names, and those of running processes, are left alone. Only where the
/// running processes can be listed (Linux); elsewhere nothing is removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let me = std::process::id();
    let mut removed = 0;
    for sub in ["", "neo4j"] {
        let folder = dir.join(sub);
        let Ok(rd) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in rd.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            let Some((stem, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-"))
            else {
                continue;
            };
            let rel = if sub.is_empty() {
                stem.to_string()
            } else {
                format!("{sub}/{stem}")
            };
            let Ok(pid) = pid.parse::<u32>() else {
                continue;
            };
            if !EXPORT_FILES.contains(&rel.as_str()) || pid == me || process_may_run(pid) {
                continue;
            }
            if entry.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Whether process `pid` may still be running (always true where this cannot be known).
fn process_may_run(pid: u32) -> bool {
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// An output folder prepared for a run: created when missing, and removed again when dropped
/// before [`OutputDir::keep`] if it was created and is still empty (a run that writes
/// nothing leaves no folder behind).
pub struct OutputDir {
    path: PathBuf,
    created: bool,
    keep: bool,
}

impl OutputDir {
    /// Creates the folder if needed, and removes stale temporary files of killed runs.
    pub fn prepare(path: &Path) -> Result<OutputDir> {
        let created = !path.exists();
        std::fs::create_dir_all(path)
            .with_context(|| format!("cannot create output folder {}", path.display()))?;
        remove_stale_temps(path);
        Ok(OutputDir {
            path: path.to_path_buf(),
            created,
            keep: false,
        })
    }

    /// Keeps the folder.
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if self.created && !self.keep {
            let _ = std::fs::remove_dir(&self.path);
        }
    }
}

/// Writes one single-file format to a writer.
pub fn write_one(format: Format, g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    let s = Sorted::new(g);
    match format {
        Format::GraphMl => graphml::write_sorted(&s, opts, w),
        Format::Dot => dot::write_sorted(&s, opts, w),
        Format::Json => json::write_sorted(&s, w),
        Format::Gexf => gexf::write_sorted(&s, opts, w),
        Format::Csv | Format::Neo4j => bail!(
            "{} writes several files and cannot go to standard output",
            format.name()
        ),
    }
}

/// Writes the chosen formats into `dir` (created if needed); returns the paths written. The
/// JSON format is `graph.json` and its binary twin `graph.bin`.
pub fn write_all(
    g: &Graph,
    dir: &Path,
    formats: &[Format],
    opts: &ExportOptions,
) -> Result<Vec<PathBuf>> {
    write_exports(g, dir, formats, opts, None)
}

type Job<'a> = Box<dyn FnOnce() -> Result<Option<Temp>> + Send + 'a>;

/// [`write_all`], plus `evidence.jsonl` from a stream written during the build (with the
/// JSON format). Each file is written to a temporary file and renamed into place; with more
/// than one thread the files are written in parallel. `graph.bin` is renamed last, once
/// `graph.json` is in place, so that it is never older than the JSON it goes with. On an
/// error, the files written so far stay, the rest keep their previous contents, and the first
/// error (in format order) is returned. Temporary files of killed earlier runs are removed
/// first ([`remove_stale_temps`]).
pub fn write_exports(
    g: &Graph,
    dir: &Path,
    formats: &[Format],
    opts: &ExportOptions,
    evidence: Option<evidence::Stream>,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    if formats.contains(&Format::Neo4j) {
        let sub = dir.join("neo4j");
        std::fs::create_dir_all(&sub)
            .with_context(|| format!("cannot create {}", sub.display()))?;
    }
    remove_stale_temps(dir);
    let s = Sorted::new(g);
    let s = &s;
    let mut jobs: Vec<(PathBuf, Job<'_>)> = Vec::new();
    let mut evidence = evidence;
    let mut seen = Vec::with_capacity(formats.len());
    for &f in formats {
        // A format asked for twice is written once.
        if seen.contains(&f) {
            continue;
        }
        seen.push(f);
        let file = |name: &str| dir.join(name);
        macro_rules! now {
            ($name:expr, $write:expr) => {{
                let p = file($name);
                let q = p.clone();
                let job: Job<'_> = Box::new(move || {
                    write_atomic(&q, $write)?;
                    Ok(None)
                });
                jobs.push((p, job));
            }};
        }
        match f {
            Format::GraphMl => now!("graph.graphml", |w| graphml::write_sorted(s, opts, w)),
            Format::Csv => {
                now!("nodes.csv", |w| csv::write_nodes_sorted(s, opts, w));
                now!("edges.csv", |w| csv::write_edges_sorted(s, opts, w));
            }
            Format::Dot => now!("graph.dot", |w| dot::write_sorted(s, opts, w)),
            Format::Json => {
                now!("graph.json", |w| json::write_sorted(s, w));
                let p = file("graph.bin");
                let q = p.clone();
                let job: Job<'_> =
                    Box::new(move || Ok(Some(write_temp(&q, |w| store::write_sorted(s, w))?)));
                jobs.push((p, job));
                if let Some(ev) = evidence.take() {
                    let p = ev.target().to_path_buf();
                    let job: Job<'_> = Box::new(move || {
                        ev.finish()?;
                        Ok(None)
                    });
                    jobs.push((p, job));
                }
            }
            Format::Gexf => now!("graph.gexf", |w| gexf::write_sorted(s, opts, w)),
            Format::Neo4j => {
                now!("neo4j/entities.csv", |w| neo4j::write_nodes_sorted(
                    s, opts, w
                ));
                now!("neo4j/relations.csv", |w| neo4j::write_edges_sorted(
                    s, opts, w
                ));
            }
        }
    }
    drop(evidence);
    let (paths, jobs): (Vec<PathBuf>, Vec<Job<'_>>) = jobs.into_iter().unzip();
    let results: Vec<Result<Option<Temp>>> = if rayon::current_num_threads() > 1 {
        jobs.into_par_iter().map(|j| j()).collect()
    } else {
        // One thread: one file after another, stopping at the first error.
        let mut out = Vec::new();
        for j in jobs {
            let r = j();
            let failed = r.is_err();
            out.push(r);
            if failed {
                break;
            }
        }
        out
    };
    let mut later = Vec::new();
    for r in results {
        if let Some(t) = r? {
            later.push(t);
        }
    }
    for t in later {
        t.commit(true)?;
    }
    Ok(paths)
}

/// Removes characters XML 1.0 forbids (C0 controls but tab, newline, carriage return; U+FFFE,
/// U+FFFF) and turns CR and CRLF into LF.
pub fn xml_clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|&c| !matches!(c as u32, 0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0xfffe | 0xffff))
        .collect()
}

/// A short evidence summary: up to `n` items `[ARTICLE] SENTENCE` joined by `" || "`.
pub fn evidence_summary(g: &Graph, e: &Edge, n: usize) -> std::io::Result<String> {
    let mut out = String::new();
    for (i, ev) in e.evidence.iter().take(n).enumerate() {
        if i > 0 {
            out.push_str(" || ");
        }
        out.push('[');
        out.push_str(g.article(ev.article));
        out.push_str("] ");
        out.push_str(&g.sentence(ev)?);
    }
    Ok(out)
}

/// Modalities seen on an edge, `;`-separated.
pub fn modality_list(e: &Edge) -> String {
    e.modalities()
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(";")
}
