//! The streaming build: reads articles in batches, extracts each batch in parallel, and merges
//! the results into the graph in input order, so peak memory follows the graph (plus a few
//! batches in flight) and the graph is the same whatever the number of threads.
//!
//! With more than one thread, extraction of a batch overlaps the merging of the previous one
//! and the reading of the next one; with one thread the three steps take turns on it.
//!
//! The complete evidence does not stay in memory: as each extraction is merged, its relation
//! occurrences are appended to `evidence.jsonl` ([`crate::export::evidence::Stream`]), and the
//! sentences the graph keeps can move to a spill file ([`BuildOptions::spill`]).

use crate::export::evidence::Stream;
use crate::extract::{Extraction, Knowledge, extract};
use crate::graph::{Caps, Graph, Texts};
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
    /// A folder where the graph's evidence sentences may move to an unnamed temporary file
    /// once they take more than [`Texts::SPILL_ABOVE`] bytes (`None` keeps them in memory).
    pub spill: Option<PathBuf>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            paths: vec![PathBuf::from("data/articles")],
            read: ReadOptions::default(),
            batch_bytes: 4 << 20,
            caps: Caps::default(),
            spill: None,
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

/// Builds a graph. `evidence`, when given, receives every relation occurrence as it is merged;
/// `on_diag` sees every input problem as it happens; `on_extraction` sees each article's
/// extraction (in input order) before it is merged; `on_progress` sees bytes read so far after
/// each batch.
pub fn build(
    k: &Knowledge,
    opts: &BuildOptions,
    graph: Option<Graph>,
    mut evidence: Option<&mut Stream>,
    mut on_diag: impl FnMut(&Diagnostic),
    mut on_extraction: impl FnMut(&Extraction),
    mut on_progress: impl FnMut(u64),
) -> Result<(Graph, Summary)> {
    let mut reader = Reader::new(&opts.paths, opts.read.clone());
    let mut g = graph.unwrap_or_else(|| Graph::new(opts.caps));
    if let Some(dir) = &opts.spill {
        g.spill_to(dir, Texts::SPILL_ABOVE);
    }
    let mut next_batch = |reader: &mut Reader| {
        let batch = reader.next_batch(opts.batch_bytes);
        for d in reader.take_diagnostics() {
            on_diag(&d);
        }
        batch
    };
    let mut merge = |g: &mut Graph, results: Vec<Extraction>, bytes: u64| -> Result<()> {
        for x in &results {
            on_extraction(x);
            match evidence.as_deref_mut() {
                Some(s) => {
                    g.add_each(x, |a, b, o| s.occurrence(a, b, &x.article, x.date, o));
                }
                None => g.add(x),
            }
        }
        drop(results);
        if let Some(s) = evidence.as_deref_mut() {
            s.check()?;
        }
        on_progress(bytes);
        Ok(())
    };
    if rayon::current_num_threads() <= 1 {
        // One thread: read, extract and merge in turn.
        loop {
            let batch = next_batch(&mut reader);
            if batch.is_empty() {
                break;
            }
            let results: Vec<Extraction> = batch.iter().map(|a| extract(k, a)).collect();
            drop(batch);
            merge(&mut g, results, reader.stats().bytes)?;
        }
    } else {
        // Several threads: while the pool extracts batch n, this thread merges batch n-1 (in
        // input order) and reads batch n+1, so merging and reading cost no extraction time.
        let mut batch = next_batch(&mut reader);
        let mut bytes = reader.stats().bytes;
        let mut pending: Option<(Vec<Extraction>, u64)> = None;
        let mut merged = Ok(());
        while !batch.is_empty() || pending.is_some() {
            let mut results: Vec<Extraction> = Vec::new();
            let mut following = Vec::new();
            rayon::in_place_scope(|s| {
                if !batch.is_empty() {
                    let (batch, results) = (&batch, &mut results);
                    s.spawn(move |_| {
                        *results = batch.par_iter().map(|a| extract(k, a)).collect();
                    });
                }
                if let Some((done, at)) = pending.take() {
                    merged = merge(&mut g, done, at);
                }
                if !batch.is_empty() {
                    following = next_batch(&mut reader);
                }
            });
            if !batch.is_empty() {
                pending = Some((results, bytes));
            }
            merged?;
            merged = Ok(());
            batch = following;
            bytes = reader.stats().bytes;
        }
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
