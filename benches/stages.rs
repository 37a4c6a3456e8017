//! Stage benchmarks (criterion): dictionary load, per-article extraction (generated and
//! handwritten articles), graph merge, every export writer on a ~100k-edge synthetic graph, and
//! the binary graph file. Sizes are kept small so the whole run takes a few minutes:
//! `cargo bench --bench stages` (add a filter such as `export` to run a part).

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::export::{self, ExportOptions};
use newsgraph::extract::{Extraction, Knowledge, extract};
use newsgraph::graph::{Caps, Graph};
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::time::Duration;

fn dictionaries(c: &mut Criterion) {
    let mut g = c.benchmark_group("dictionary");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("load builtin", |b| {
        b.iter(|| black_box(Knowledge::builtin().unwrap()))
    });
    g.finish();
}

fn extraction(c: &mut Criterion) {
    let k = Knowledge::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let articles = common::generated(dir.path(), "1MB", 7);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("generated 1MB (one thread)", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extract(&k, a));
            }
        })
    });
    let one = &articles[0];
    g.throughput(Throughput::Bytes(one.text.len() as u64));
    g.bench_function("one generated article", |b| {
        b.iter(|| black_box(extract(&k, one)))
    });
    let hand = common::handwritten();
    g.throughput(Throughput::Bytes(hand.text.len() as u64));
    g.bench_function("handwritten article", |b| {
        b.iter(|| black_box(extract(&k, &hand)))
    });
    g.finish();
}

fn merging(c: &mut Criterion) {
    let k = Knowledge::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let articles = common::generated(dir.path(), "4MB", 11);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let xs: Vec<Extraction> = articles.iter().map(|a| extract(&k, a)).collect();
    let mut g = c.benchmark_group("graph");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("merge extractions of 4MB", |b| {
        b.iter(|| {
            let mut gr = Graph::new(Caps::default());
            for x in &xs {
                gr.add(x);
            }
            black_box(gr.edge_count())
        })
    });
    let mut left = Graph::new(Caps::default());
    let mut right = Graph::new(Caps::default());
    for (i, x) in xs.iter().enumerate() {
        if i % 2 == 0 { &mut left } else { &mut right }.add(x);
    }
    g.throughput(Throughput::Elements(right.edge_count() as u64));
    g.bench_function("merge two half graphs", |b| {
        b.iter_batched(
            || left.clone(),
            |mut l| {
                l.merge(&right);
                black_box(l.edge_count())
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn exports(c: &mut Criterion) {
    let graph = common::synthetic_graph(20_000, 100_000, 3);
    let opts = ExportOptions::default();
    let mut g = c.benchmark_group("export 100k edges");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(graph.edge_count() as u64));
    type Writer = fn(&Graph, &ExportOptions, &mut dyn Write) -> anyhow::Result<()>;
    let writers: [(&str, Writer); 9] = [
        ("graphml", |g, o, w| export::graphml::write(g, o, w)),
        ("csv nodes", |g, o, w| export::csv::write_nodes(g, o, w)),
        ("csv edges", |g, o, w| export::csv::write_edges(g, o, w)),
        ("dot", |g, o, w| export::dot::write(g, o, w)),
        ("json", |g, _, w| export::json::write(g, w)),
        ("gexf", |g, o, w| export::gexf::write(g, o, w)),
        ("neo4j nodes", |g, o, w| export::neo4j::write_nodes(g, o, w)),
        ("neo4j edges", |g, o, w| export::neo4j::write_edges(g, o, w)),
        ("graph.bin", |g, _, w| newsgraph::store::write_to(g, w)),
    ];
    for (name, f) in writers {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut w = BufWriter::with_capacity(1 << 20, std::io::sink());
                f(&graph, &opts, &mut w).unwrap();
                w.flush().unwrap();
            })
        });
    }
    g.finish();

    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("graph.json");
    export::write_all(&graph, dir.path(), &[export::Format::Json], &opts).unwrap();
    newsgraph::store::write_beside(&graph, &json).unwrap();
    let bin = newsgraph::store::companion(&json);
    let actor = graph.g[graph.sorted_nodes()[0]].label.clone();
    let mut g = c.benchmark_group("load 100k edges");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("graph.json whole", |b| {
        b.iter(|| black_box(export::json::read(&json).unwrap()))
    });
    g.bench_function("graph.bin whole", |b| {
        b.iter(|| {
            black_box(
                newsgraph::store::Store::open(&bin)
                    .unwrap()
                    .load_all()
                    .unwrap(),
            )
        })
    });
    g.bench_function("graph.bin for neighbours", |b| {
        b.iter(|| {
            let need = newsgraph::store::Need::Neighbours {
                actor: &actor,
                depth: 1,
                country: false,
                evidence: false,
            };
            black_box(newsgraph::store::load_for(&json, need).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, dictionaries, extraction, merging, exports);
criterion_main!(benches);
