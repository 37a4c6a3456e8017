//! Shared by the benchmarks: a generated corpus (via the `newsgraph-corpus` binary), a short
//! handwritten article, and synthetic graphs of any size built through the graph API.

#![allow(dead_code)]

use newsgraph::graph::{Caps, Day, Edge, EvidenceRec, Graph, Node};
use newsgraph::input::{Article, ReadOptions, Reader, parse_text_article};
use newsgraph::model::{Date, Kind, Modality, Relation};
use std::path::Path;

/// A short article written for the benchmarks.
pub const HANDWRITTEN: &str = "date 2025-03-04
title Ministers meet in Geneva

Russian Foreign Minister Sergey Lavrov met US Secretary of State Marco Rubio in Geneva on \
Tuesday. The two men discussed a ceasefire in Ukraine. Lavrov said Moscow would not accept \
new sanctions. \"We are ready to talk,\" he told reporters.

Ukrainian President Volodymyr Zelensky urged Germany to send more Taurus missiles. Berlin \
has so far refused. Meanwhile, Russia launched Iskander missiles at Kharkiv overnight, \
officials said.
";

/// The handwritten article, parsed.
pub fn handwritten() -> Article {
    parse_text_article("bench", "bench.txt", HANDWRITTEN)
        .0
        .expect("the handwritten article parses")
}

/// Writes a generated JSONL corpus of `size` (e.g. "1MB") into `dir` and reads it back.
pub fn generated(dir: &Path, size: &str, seed: u64) -> Vec<Article> {
    let path = dir.join(format!("corpus-{size}-{seed}.jsonl"));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph-corpus"))
        .args([
            "--size",
            size,
            "--jsonl",
            "--quiet",
            "--seed",
            &seed.to_string(),
        ])
        .arg("--output")
        .arg(&path)
        .status()
        .expect("run newsgraph-corpus");
    assert!(status.success(), "newsgraph-corpus failed");
    let mut r = Reader::new(&[&path], ReadOptions::default());
    let mut out = Vec::new();
    loop {
        let b = r.next_batch(64 << 20);
        if b.is_empty() {
            break;
        }
        out.extend(b);
    }
    out
}

/// SplitMix64.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as u64
    }
    /// Heavy-tailed in 0..n: a few values often, most rarely.
    pub fn skewed(&mut self, n: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u * u) * n as f64) as u64 % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "said",
    "talks",
    "minister",
    "the",
    "on",
    "with",
    "after",
    "forces",
    "agreement",
    "border",
    "region",
    "strikes",
    "ceasefire",
    "meeting",
    "support",
    "week",
    "officials",
    "told",
];

fn sentence(r: &mut Rng, a: &str, b: &str) -> String {
    let mut s = format!("{a} and {b}");
    for _ in 0..8 + r.below(14) {
        s.push(' ');
        s.push_str(WORDS[r.below(WORDS.len() as u64) as usize]);
    }
    s.push('.');
    s
}

fn date(r: &mut Rng) -> Option<Date> {
    Date::new(
        2014 + r.below(13) as u16,
        1 + r.below(12) as u8,
        1 + r.below(28) as u8,
    )
}

/// A synthetic graph with `nodes` nodes and about `edges` edges, through
/// `Graph::merge_node`/`merge_edge`: heavy-tailed degrees and weights (most edges seen once),
/// evidence and article ids up to the default caps (about 2.4 pieces of evidence and 5
/// article ids per edge on average, as in builds of the generated corpus), realistic string
/// sizes.
pub fn synthetic_graph(nodes: u64, edges: u64, seed: u64) -> Graph {
    let caps = Caps::default();
    let mut r = Rng(seed);
    let mut g = Graph::new(caps);
    g.articles = edges / 4;
    let mut idx = Vec::with_capacity(nodes as usize);
    for i in 0..nodes {
        let kind = Kind::ALL[(i % 5) as usize];
        let label = format!("Name{i} Surname{}", i * 7919 % 100_003);
        let first = date(&mut r);
        let ids: Vec<String> = (0..1 + r.skewed(caps.article_ids as u64))
            .map(|_| format!("a{:07}", r.below(10_000_000)))
            .collect();
        let n = Node {
            id: format!("{}:name{i}_surname{}", kind.as_str(), i * 7919 % 100_003),
            label: label.clone(),
            kind,
            aliases: [label.clone(), format!("Surname{}", i * 7919 % 100_003)]
                .into_iter()
                .collect(),
            mentions: 1 + r.skewed(10_000),
            articles: 1 + r.skewed(5_000),
            article_ids: g.article_ids(&ids),
            first_seen: Day::new(first),
            last_seen: Day::new(first),
        };
        idx.push((g.merge_node(n), label));
    }
    let mut made = 0;
    while (g.edge_count() as u64) < edges && made < edges * 2 {
        made += 1;
        let a = r.skewed(nodes) as usize;
        let b = r.below(nodes) as usize;
        if a == b {
            continue;
        }
        let relation = Relation::ALL[r.below(Relation::ALL.len() as u64) as usize];
        // Pareto-like weights: most edges seen once, a few hundreds of times.
        let u = (r.next() >> 11) as f64 / (1u64 << 53) as f64;
        let weight = ((1.0 - u).powf(-1.0 / 1.2) as u64).clamp(1, 100_000);
        let n_ev = weight.min(caps.evidence as u64);
        let d = date(&mut r);
        let evidence: Vec<EvidenceRec> = (0..n_ev)
            .map(|k| EvidenceRec {
                date: d,
                article: format!("a{:07}", r.below(10_000_000)),
                start: (k * 120) as usize,
                end: (k * 120 + 100) as usize,
                sentence: sentence(&mut r, &idx[a].1, &idx[b].1),
                trigger: "met".into(),
                modality: Modality::ALL[r.below(4) as usize],
            })
            .collect();
        let ids: Vec<String> = (0..weight.min(caps.article_ids as u64))
            .map(|_| format!("a{:07}", r.below(10_000_000)))
            .collect();
        let e = Edge {
            relation,
            weight,
            articles: weight,
            article_ids: g.article_ids(&ids),
            first_seen: Day::new(d),
            last_seen: Day::new(d),
            modality_counts: [weight, 0, 0, 0],
            evidence: evidence.iter().map(|ev| g.evidence(ev)).collect(),
        };
        g.merge_edge(idx[a].0, idx[b].0, e);
    }
    g
}
