//! Export and load times on a large synthetic graph (a plain timing run, not criterion): builds
//! a graph of `NEWSGRAPH_BENCH_EDGES` edges (default 1,000,000) through the graph API, writes
//! every format into a temporary folder as `newsgraph build` does (atomic files, synced), then
//! times reading it back: whole `graph.json`, whole `graph.bin`, and what `neighbours` loads from
//! `graph.bin`.
//!
//! `cargo bench --bench export_scale` (set `NEWSGRAPH_BENCH_EDGES=100000` for a quick run).

mod common;

use newsgraph::export::{self, ExportOptions, Format};
use newsgraph::store::{self, Need};
use std::time::Instant;

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is ignored.
    let edges: u64 = std::env::var("NEWSGRAPH_BENCH_EDGES")
        .ok()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let g = common::synthetic_graph((edges / 5).max(10), edges, 42);
    println!(
        "synthetic graph: {} nodes, {} edges, built in {:.2} s",
        g.node_count(),
        g.edge_count(),
        t.elapsed().as_secs_f64()
    );
    // NEWSGRAPH_BENCH_DIR: where to write (default: the system's temporary folder).
    let base = std::env::var_os("NEWSGRAPH_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).expect("temporary folder");
    let opts = ExportOptions::default();
    println!("{:<12} {:>9} {:>10}", "format", "seconds", "MB");
    for f in Format::DEFAULT {
        let t = Instant::now();
        let written = export::write_all(&g, dir.path(), &[f], &opts).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let bytes: u64 = written
            .iter()
            .map(|p| std::fs::metadata(p).unwrap().len())
            .sum();
        println!("{:<12} {secs:>9.2} {:>10.1}", f.name(), bytes as f64 / 1e6);
    }
    let json = dir.path().join("graph.json");
    let t = Instant::now();
    let bin = store::write_beside(&g, &json).unwrap();
    println!(
        "{:<12} {:>9.2} {:>10.1}",
        "graph.bin",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&bin).unwrap().len() as f64 / 1e6
    );
    let hub =
        g.g.node_indices()
            .max_by_key(|&n| g.g.neighbors_undirected(n).count())
            .unwrap();
    let hub_label = g.g[hub].label.clone();
    let hub_degree = g.g.neighbors_undirected(hub).count();
    drop(g);
    println!("load:");
    let t = Instant::now();
    let whole = export::json::read(&json).unwrap();
    println!(
        "  graph.json whole: {:.2} s ({} edges)",
        t.elapsed().as_secs_f64(),
        whole.edge_count()
    );
    drop(whole);
    let t = Instant::now();
    let whole = store::Store::open(&bin).unwrap().load_all().unwrap();
    println!(
        "  graph.bin whole: {:.2} s ({} edges)",
        t.elapsed().as_secs_f64(),
        whole.edge_count()
    );
    drop(whole);
    for depth in [1, 2] {
        let t = Instant::now();
        let need = Need::Neighbours {
            actor: &hub_label,
            depth,
            country: false,
            evidence: false,
        };
        let part = store::load_for(&json, need).unwrap();
        println!(
            "  graph.bin for neighbours of the biggest hub ({hub_degree} edges), depth {depth}: {:.2} s ({} edges loaded)",
            t.elapsed().as_secs_f64(),
            part.edge_count()
        );
    }
}
