//! Export stage: writes the graph as GraphML, Gephi CSV, Graphviz DOT, node-link JSON, GEXF
//! and Neo4j bulk-import CSV, one file per format module.
//!
//! Every file is written to a temporary file beside its target and renamed into place, so an
//! interrupted or failed run leaves the previous export whole. Output is deterministic: nodes
//! sorted by id, edges by (source, relation, target).

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j;

use crate::graph::Graph;
use anyhow::{Context, Result, bail};
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
    /// Evidence sentences shown per edge in GraphML, CSV and DOT (JSON has all kept).
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

/// Writes `path` atomically: `f` writes into a temporary file beside it, which is then synced
/// and renamed over the target. On error the temporary file is removed and the target is
/// untouched.
pub fn write_atomic(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .context("export path has no file name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        f(&mut w)?;
        let file = w
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot sync {}", tmp.display()))?;
        std::fs::rename(&tmp, path)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The files a format writes inside the output folder.
pub fn files_of(format: Format) -> &'static [&'static str] {
    match format {
        Format::GraphMl => &["graph.graphml"],
        Format::Csv => &["nodes.csv", "edges.csv"],
        Format::Dot => &["graph.dot"],
        Format::Json => &["graph.json"],
        Format::Gexf => &["graph.gexf"],
        Format::Neo4j => &["neo4j/entities.csv", "neo4j/relations.csv"],
    }
}

/// Writes one single-file format to a writer.
pub fn write_one(format: Format, g: &Graph, opts: &ExportOptions, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::GraphMl => graphml::write(g, opts, w),
        Format::Dot => dot::write(g, opts, w),
        Format::Json => json::write(g, w),
        Format::Gexf => gexf::write(g, opts, w),
        Format::Csv | Format::Neo4j => bail!(
            "{} writes several files and cannot go to standard output",
            format.name()
        ),
    }
}

/// Writes the chosen formats into `dir` (created if needed); returns the paths written.
pub fn write_all(
    g: &Graph,
    dir: &Path,
    formats: &[Format],
    opts: &ExportOptions,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    let mut written = Vec::new();
    for &f in formats {
        match f {
            Format::Csv => {
                let p = dir.join("nodes.csv");
                write_atomic(&p, |w| csv::write_nodes(g, opts, w))?;
                written.push(p);
                let p = dir.join("edges.csv");
                write_atomic(&p, |w| csv::write_edges(g, opts, w))?;
                written.push(p);
            }
            Format::Neo4j => {
                let sub = dir.join("neo4j");
                std::fs::create_dir_all(&sub)
                    .with_context(|| format!("cannot create {}", sub.display()))?;
                let p = sub.join("entities.csv");
                write_atomic(&p, |w| neo4j::write_nodes(g, w))?;
                written.push(p);
                let p = sub.join("relations.csv");
                write_atomic(&p, |w| neo4j::write_edges(g, w))?;
                written.push(p);
            }
            one => {
                let p = dir.join(files_of(one)[0]);
                write_atomic(&p, |w| write_one(one, g, opts, w))?;
                written.push(p);
            }
        }
    }
    Ok(written)
}

/// Removes characters XML 1.0 forbids (C0 controls but tab, newline, carriage return; U+FFFE,
/// U+FFFF) and turns CR and CRLF into LF.
pub fn xml_clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|&c| !matches!(c as u32, 0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0xfffe | 0xffff))
        .collect()
}

/// A short evidence summary: up to `n` "[article] sentence" items joined by " || ".
pub fn evidence_summary(e: &crate::graph::Edge, n: usize) -> String {
    e.evidence
        .iter()
        .take(n)
        .map(|ev| format!("[{}] {}", ev.article, ev.sentence))
        .collect::<Vec<_>>()
        .join(" || ")
}

/// Modalities seen on an edge, `;`-separated.
pub fn modality_list(e: &crate::graph::Edge) -> String {
    e.modalities()
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(";")
}
