//! The streaming build: reads articles in batches, extracts each batch in parallel, and merges
//! the results into the graph in input order, so peak memory follows the graph (plus one
//! batch) and the graph is the same whatever the number of threads.

use crate::extract::{Extraction, Knowledge, extract};
use crate::graph::{Caps, Graph};
use crate::input::{Diagnostic, ReadOptions, ReadStats, Reader};
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files, folders or `-`.
    pub paths: Vec<PathBuf>,
    /// Reader options.
    pub read: ReadOptions,
    /// Bytes of text per batch.
    pub batch_bytes: usize,
    /// Caps on lists kept per node and edge.
    pub caps: Caps,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            paths: vec![PathBuf::from("data/articles")],
            read: ReadOptions::default(),
            batch_bytes: 8 << 20,
            caps: Caps::default(),
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Reader statistics.
    pub read: ReadStats,
    /// Whether any input could be read at all.
    pub read_anything: bool,
}

/// Builds a graph. `on_diag` sees every input problem as it happens; `on_extraction` sees each
/// article's extraction (in input order) before it is merged; `on_progress` sees bytes read so
/// far after each batch.
pub fn build(
    k: &Knowledge,
    opts: &BuildOptions,
    graph: Option<Graph>,
    mut on_diag: impl FnMut(&Diagnostic),
    mut on_extraction: impl FnMut(&Extraction),
    mut on_progress: impl FnMut(u64),
) -> Result<(Graph, Summary)> {
    let mut reader = Reader::new(&opts.paths, opts.read.clone());
    let mut g = graph.unwrap_or_else(|| Graph::new(opts.caps));
    loop {
        let batch = reader.next_batch(opts.batch_bytes);
        for d in reader.take_diagnostics() {
            on_diag(&d);
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<Extraction> = batch.par_iter().map(|a| extract(k, a)).collect();
        drop(batch);
        for x in &results {
            on_extraction(x);
            g.add(x);
        }
        on_progress(reader.stats().bytes);
    }
    for d in reader.take_diagnostics() {
        on_diag(&d);
    }
    let summary = Summary {
        read: reader.stats().clone(),
        read_anything: reader.read_anything(),
    };
    Ok((g, summary))
}
