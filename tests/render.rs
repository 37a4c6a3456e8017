//! `newsgraph render`: a valid SVG (parsed as XML) and a valid PNG from Graphviz, the legend,
//! filters such as `--around`, `sfdp` for big graphs, and a clear exit status 3 when Graphviz
//! is missing. Checks that need Graphviz skip without it (or fail under
//! NEWSGRAPH_REQUIRE_CLIENTS=1).

mod common;

use assert_cmd::Command;
use newsgraph::cmd::render::{EXIT_NO_GRAPHVIZ, auto_layout, dot_with_legend};
use newsgraph::export::ExportOptions;
use newsgraph::graph::{Caps, Day, Edge, Graph, Node};
use newsgraph::model::{Kind, Modality, Relation};
use std::path::{Path, PathBuf};

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").unwrap()
}

fn run_ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Builds a small graph from sentences into `dir/graph.json`.
fn built_graph(dir: &Path) -> PathBuf {
    std::fs::write(
        dir.join("news.jsonl"),
        [
            r#"{"id":"r1","date":"2025-10-17","text":"Russian President Vladimir Putin met Donald Trump in Budapest on Friday."}"#,
            r#"{"id":"r2","date":"2025-10-18","text":"Russian Foreign Minister Sergei Lavrov spoke with Marco Rubio on Monday."}"#,
            r#"{"id":"r3","date":"2019-06-20","text":"Iran shot down a US drone. Trump threatened Iran."}"#,
            r#"{"id":"r4","date":"2025-11-02","text":"Trump said he would not send Tomahawk missiles to Ukraine."}"#,
            r#"{"id":"r5","date":"2025-10-19","text":"Officials in Canada declined to comment."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    run_ok(
        newsgraph()
            .args(["build", "news.jsonl", "-q", "-f", "json", "-o", "."])
            .current_dir(dir),
    );
    dir.join("graph.json")
}

fn svg_text(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("SVG is UTF-8");
    // Graphviz writes a DOCTYPE line.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&text, opts).expect("SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    text
}

fn assert_png(bytes: &[u8]) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {:?}",
        &bytes[..bytes.len().min(16)]
    );
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert!(width > 50 && height > 50, "{width}x{height}");
}

fn graphviz(test: &str) -> bool {
    common::programs(test, &["neato", "sfdp"]).is_some()
}

#[test]
fn renders_svg_and_png_with_a_legend() {
    if !graphviz("renders_svg_and_png_with_a_legend") {
        return;
    }
    let dir = common::tempdir();
    let d = dir.path();
    let g = built_graph(d);
    run_ok(
        newsgraph()
            .args(["render", "-q", "--graph"])
            .arg(&g)
            .args(["-o"])
            .arg(d.join("g.svg")),
    );
    let svg = svg_text(&std::fs::read(d.join("g.svg")).unwrap());
    for label in [
        "Vladimir Putin",
        "Donald Trump",
        "Iran",
        "Legend",
        "person",
        "country",
    ] {
        assert!(svg.contains(label), "{label} missing from the SVG");
    }
    run_ok(
        newsgraph()
            .args(["render", "-q", "--graph"])
            .arg(&g)
            .args(["-o"])
            .arg(d.join("g.png")),
    );
    assert_png(&std::fs::read(d.join("g.png")).unwrap());
    // To standard output, without a legend.
    let out = run_ok(
        newsgraph()
            .args([
                "render",
                "-q",
                "--no-legend",
                "-f",
                "svg",
                "-o",
                "-",
                "--graph",
            ])
            .arg(&g),
    );
    let svg = svg_text(&out);
    assert!(!svg.contains("Legend"));
    // Entities without relations only with --isolated.
    let lonely = newsgraph::export::json::read(&g).unwrap();
    let lonely: Vec<String> = lonely
        .g
        .node_indices()
        .filter(|&n| lonely.g.neighbors_undirected(n).next().is_none())
        .map(|n| lonely.g[n].label.clone())
        .collect();
    if let Some(name) = lonely.first() {
        assert!(
            !svg.contains(&format!(">{name}<")),
            "{name} has no relation"
        );
        let out = run_ok(
            newsgraph()
                .args([
                    "render",
                    "-q",
                    "--isolated",
                    "-f",
                    "svg",
                    "-o",
                    "-",
                    "--graph",
                ])
                .arg(&g),
        );
        assert!(svg_text(&out).contains(&format!(">{name}<")));
    }
}

#[test]
fn renders_the_ego_graph_around_an_actor() {
    if !graphviz("renders_the_ego_graph_around_an_actor") {
        return;
    }
    let dir = common::tempdir();
    let g = built_graph(dir.path());
    let out = run_ok(
        newsgraph()
            .args([
                "render", "-q", "--around", "Putin", "--depth", "1", "-f", "svg", "-o", "-",
                "--graph",
            ])
            .arg(&g),
    );
    let svg = svg_text(&out);
    assert!(svg.contains("Vladimir Putin") && svg.contains("Donald Trump"));
    assert!(
        !svg.contains("Iran") && !svg.contains("Marco Rubio"),
        "only Putin's neighbours"
    );
    let out = run_ok(
        newsgraph()
            .args([
                "render", "-q", "--kind", "country", "-f", "svg", "-o", "-", "--graph",
            ])
            .arg(&g),
    );
    let svg = svg_text(&out);
    assert!(!svg.contains("Vladimir Putin"));
}

/// A graph of `n` edges in a ring of people.
fn ring(n: usize) -> Graph {
    let mut g = Graph::new(Caps::default());
    let a = g.article_ids(["a"]);
    let ids: Vec<_> = (0..n)
        .map(|i| {
            g.merge_node(Node {
                id: format!("person:p{i:04}"),
                label: format!("Person {i}"),
                kind: Kind::ALL[i % Kind::ALL.len()],
                aliases: Default::default(),
                mentions: 1,
                articles: 1,
                article_ids: a.clone(),
                first_seen: Day::UNKNOWN,
                last_seen: Day::UNKNOWN,
            })
        })
        .collect();
    for i in 0..n {
        let mut counts = [0; 4];
        counts[Modality::ALL[i % 4].index()] = 1 + (i % 3) as u64;
        g.merge_edge(
            ids[i],
            ids[(i + 1) % n],
            Edge {
                relation: Relation::Criticized,
                weight: 1 + (i % 3) as u64,
                articles: 1,
                article_ids: a.clone(),
                first_seen: Day::UNKNOWN,
                last_seen: Day::UNKNOWN,
                modality_counts: counts,
                evidence: Box::default(),
            },
        );
    }
    g
}

#[test]
fn big_graphs_are_laid_out_with_sfdp() {
    assert_eq!(auto_layout(&ring(300)), "neato");
    assert_eq!(auto_layout(&ring(301)), "sfdp");
    let dot = dot_with_legend(&ring(301), &ExportOptions::default(), true).unwrap();
    assert!(dot.trim_end().ends_with('}') && dot.contains("Legend"));
    if !graphviz("big_graphs_are_laid_out_with_sfdp") {
        return;
    }
    let dir = common::tempdir();
    let d = dir.path();
    let mut text = Vec::new();
    newsgraph::export::json::write(&ring(301), &mut text).unwrap();
    std::fs::write(d.join("ring.json"), text).unwrap();
    let out = newsgraph()
        .args(["render", "--graph", "ring.json", "-o", "ring.svg"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("sfdp"));
    svg_text(&std::fs::read(d.join("ring.svg")).unwrap());
}

#[test]
fn missing_graphviz_is_exit_status_3_with_a_clear_message() {
    let dir = common::tempdir();
    let d = dir.path();
    let g = built_graph(d);
    let empty = d.join("no-programs");
    std::fs::create_dir(&empty).unwrap();
    let out = newsgraph()
        .args(["render", "--graph"])
        .arg(&g)
        .args(["-o", "g.svg"])
        .current_dir(d)
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(EXIT_NO_GRAPHVIZ));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Graphviz is not installed") && err.contains("neato"),
        "{err}"
    );
    assert!(!d.join("g.svg").exists());
    // An output name without a known extension is refused before anything runs.
    let out = newsgraph()
        .args(["render", "--graph"])
        .arg(&g)
        .args(["-o", "g.jpeg"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".svg, .png or .pdf"));
}
