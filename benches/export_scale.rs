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
    // Each file alone, one after another (the export order computed once, as `build` does).
    let t = Instant::now();
    let sorted = export::Sorted::new(&g);
    println!("sort for export: {:.2} s", t.elapsed().as_secs_f64());
    type Writer =
        fn(&export::Sorted<'_>, &ExportOptions, &mut dyn std::io::Write) -> anyhow::Result<()>;
    let writers: [(&str, &str, Writer); 9] = [
        ("graphml", "graph.graphml", |s, o, w| {
            export::graphml::write_sorted(s, o, w)
        }),
        ("csv nodes", "nodes.csv", |s, o, w| {
            export::csv::write_nodes_sorted(s, o, w)
        }),
        ("csv edges", "edges.csv", |s, o, w| {
            export::csv::write_edges_sorted(s, o, w)
        }),
        ("dot", "graph.dot", |s, o, w| {
            export::dot::write_sorted(s, o, w)
        }),
        ("json", "graph.json", |s, _, w| {
            export::json::write_sorted(s, w)
        }),
        ("graph.bin", "graph.bin", |s, _, w| {
            store::write_sorted(s, w)
        }),
        ("gexf", "graph.gexf", |s, o, w| {
            export::gexf::write_sorted(s, o, w)
        }),
        ("neo4j nodes", "entities.csv", |s, o, w| {
            export::neo4j::write_nodes_sorted(s, o, w)
        }),
        ("neo4j edges", "relations.csv", |s, o, w| {
            export::neo4j::write_edges_sorted(s, o, w)
        }),
    ];
    println!("{:<12} {:>9} {:>10}", "file", "seconds", "MB");
    for (name, file, f) in writers {
        let p = dir.path().join(file);
        let t = Instant::now();
        export::write_atomic(&p, |w| f(&sorted, &opts, w)).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let bytes = std::fs::metadata(&p).unwrap().len();
        println!("{name:<12} {secs:>9.2} {:>10.1}", bytes as f64 / 1e6);
    }
    drop(sorted);
    // Every format at once, as `build` writes them (in parallel with several threads).
    let all = dir.path().join("all");
    let t = Instant::now();
    export::write_all(&g, &all, &Format::DEFAULT, &opts).unwrap();
    println!(
        "all formats with write_all ({} threads): {:.2} s",
        rayon::current_num_threads(),
        t.elapsed().as_secs_f64()
    );
    let json = dir.path().join("graph.json");
    let bin = store::companion(&json);
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
