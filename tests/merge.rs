//! Sharded builds: any split of a corpus, built (or extracted) separately and merged in any
//! order, gives the graph.json of one build of the whole, byte for byte; merging graphs is
//! associative and commutative; and the `extract` and `merge` commands do the same end to end.

#[path = "hostile/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use assert_cmd::Command;
use newsgraph::cmd::merge::Merger;
use newsgraph::export::json;
use newsgraph::extract::{Extraction, Knowledge};
use newsgraph::graph::{Caps, Graph};
use newsgraph::pipeline::{BuildOptions, build};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// Short articles with varied dates (one undated) and relations seen in several articles, so
/// that small caps cut evidence and article lists.
const CORPUS: &[&str] = &[
    r#"{"id":"n01","date":"2025-10-17","title":"Budapest summit","text":"President Donald Trump met Vladimir Putin in Budapest on Friday. Trump spoke with Putin about Ukraine."}"#,
    r#"{"id":"n02","date":"2025-10-18","text":"Russian Foreign Minister Sergei Lavrov spoke with Secretary of State Marco Rubio on Monday. Lavrov criticized NATO."}"#,
    r#"{"id":"n03","date":"2024-03-02","text":"Russia attacked Ukraine overnight. Germany supplies Taurus missiles to Ukraine, Chancellor Friedrich Merz said."}"#,
    r#"{"id":"n04","date":"2025-11-02","text":"Trump said he would not send Tomahawk missiles to Ukraine. Volodymyr Zelensky urged Trump to reconsider."}"#,
    r#"{"id":"n05","text":"Putin met Xi Jinping in Beijing. China and Russia signed an agreement on energy."}"#,
    r#"{"id":"n06","date":"2019-06-20","text":"Iran shot down a US drone over the Strait of Hormuz. Trump threatened Iran."}"#,
    r#"{"id":"n07","date":"2025-10-17","text":"Zelensky met Trump at the White House. Ukraine requested Tomahawk missiles from the United States."}"#,
    r#"{"id":"n08","date":"2023-05-12","text":"The United States sanctioned Russia. Rubio praised the decision. Putin criticized the United States."}"#,
    r#"{"id":"n09","date":"2025-12-01","text":"Trump plans to meet Putin in Budapest next month. Trump may meet Xi Jinping in Seoul."}"#,
    r#"{"id":"n10","date":"2022-02-24","text":"Russia is at war with Ukraine. Russia uses Iskander missiles. Putin spoke with Emmanuel Macron."}"#,
    r#"{"id":"n11","date":"2025-10-17","text":"Trump met Putin again. Putin praised Trump."}"#,
    r#"{"id":"n12","date":"2025-10-19","text":"Lavrov met Rubio in Budapest. Lavrov spoke with Rubio."}"#,
    r#"{"id":"n13","date":"2018-07-16","text":"Trump met Putin in Helsinki. Trump spoke with Putin for two hours."}"#,
    r#"{"id":"n14","text":"Trump spoke with Putin by phone. Putin met Trump."}"#,
    r#"{"id":"n15","date":"2025-08-15","text":"Trump met Putin in Alaska. Zelensky criticized Russia."}"#,
];

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in data loads"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("newsgraph-merge-")
        .tempdir()
        .unwrap()
}

fn write_lines(path: &Path, lines: &[&str]) {
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

/// Builds the articles with the library, as `newsgraph build FILE` does; also returns their
/// extraction records.
fn build_lines(dir: &Path, name: &str, lines: &[&str], caps: Caps) -> (Graph, Vec<Extraction>) {
    let path = dir.join(format!("{name}.jsonl"));
    write_lines(&path, lines);
    let opts = BuildOptions {
        paths: vec![path],
        caps,
        ..BuildOptions::default()
    };
    let mut records = Vec::new();
    let (g, _) = build(
        knowledge(),
        &opts,
        None,
        None,
        |_| {},
        |x| records.push(x.clone()),
        |_| {},
    )
    .unwrap();
    (g, records)
}

fn bytes(g: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    json::write(g, &mut out).unwrap();
    out
}

/// A graph written to graph.json and read back, as `merge` sees it.
fn round_trip(g: &Graph) -> Graph {
    json::from_json(serde_json::from_slice(&bytes(g)).unwrap()).unwrap()
}

fn whole(caps: Caps) -> &'static Vec<u8> {
    static SMALL: OnceLock<Vec<u8>> = OnceLock::new();
    static DEFAULT: OnceLock<Vec<u8>> = OnceLock::new();
    let cell = if caps == Caps::default() {
        &DEFAULT
    } else {
        &SMALL
    };
    cell.get_or_init(|| {
        let dir = tempdir();
        bytes(&build_lines(dir.path(), "whole", CORPUS, caps).0)
    })
}

const SMALL_CAPS: Caps = Caps {
    article_ids: 2,
    evidence: 2,
};

#[test]
fn corpus_exercises_the_caps() {
    let doc: serde_json::Value = serde_json::from_slice(whole(SMALL_CAPS)).unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e["weight"].as_u64().unwrap() > 2
                && e["evidence"].as_array().unwrap().len() == 2),
        "some edge must be seen more often than the evidence cap"
    );
    let nodes = doc["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().any(|n| n["articles"].as_u64().unwrap() > 2
            && n["article_ids"].as_array().unwrap().len() == 2),
        "some node must be in more articles than the article-id cap"
    );
    assert_eq!(doc["graph"]["articles"], CORPUS.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Articles split into up to four shards (in a shuffled order), each shard built into a
    /// graph.json or extracted into records, merged in any order: the whole graph.
    #[test]
    fn any_split_merges_to_the_whole(
        shard_of in proptest::collection::vec(0..4usize, CORPUS.len()),
        order in Just((0..CORPUS.len()).collect::<Vec<_>>()).prop_shuffle(),
        merge_order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        as_records in proptest::collection::vec(any::<bool>(), 4),
        small in any::<bool>(),
    ) {
        let caps = if small { SMALL_CAPS } else { Caps::default() };
        let dir = tempdir();
        let mut shards: Vec<Vec<&str>> = vec![Vec::new(); 4];
        for &i in &order {
            shards[shard_of[i]].push(CORPUS[i]);
        }
        let mut m = Merger::new(caps);
        for &s in &merge_order {
            if shards[s].is_empty() {
                continue;
            }
            let (g, records) = build_lines(dir.path(), &format!("shard{s}"), &shards[s], caps);
            if as_records[s] {
                for x in records {
                    let line = serde_json::to_string(&x).unwrap();
                    m.add_record(&serde_json::from_str(&line).unwrap());
                }
            } else {
                m.add_graph(round_trip(&g));
            }
        }
        let merged = bytes(&m.finish());
        prop_assert!(
            &merged == whole(caps),
            "merged:\n{}\nwhole:\n{}",
            String::from_utf8_lossy(&merged),
            String::from_utf8_lossy(whole(caps))
        );
    }

    /// (A + B) + C = A + (B + C) = (C + B) + A, and merging into an empty graph changes
    /// nothing.
    #[test]
    fn graph_merge_is_associative_and_commutative(
        shard_of in proptest::collection::vec(0..3usize, CORPUS.len()),
    ) {
        let dir = tempdir();
        let mut parts: Vec<Vec<&str>> = vec![Vec::new(); 3];
        for (i, line) in CORPUS.iter().enumerate() {
            parts[shard_of[i]].push(line);
        }
        let g: Vec<Graph> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| build_lines(dir.path(), &format!("p{i}"), p, SMALL_CAPS).0)
            .collect();
        let sum = |items: &[&Graph]| {
            let mut acc = Graph::new(SMALL_CAPS);
            for x in items {
                acc.merge(x);
            }
            acc
        };
        let ab_c = sum(&[&sum(&[&g[0], &g[1]]), &g[2]]);
        let a_bc = sum(&[&g[0], &sum(&[&g[1], &g[2]])]);
        let cb_a = sum(&[&sum(&[&g[2], &g[1]]), &g[0]]);
        let b_ca = sum(&[&g[1], &sum(&[&g[2], &g[0]])]);
        prop_assert_eq!(bytes(&ab_c), bytes(&a_bc));
        prop_assert_eq!(bytes(&ab_c), bytes(&cb_a));
        prop_assert_eq!(bytes(&ab_c), bytes(&b_ca));
        prop_assert!(&bytes(&ab_c) == whole(SMALL_CAPS));
        for x in &g {
            prop_assert_eq!(bytes(&sum(&[x])), bytes(x));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The commands
// ---------------------------------------------------------------------------------------------

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").unwrap()
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of a file, sorted.
fn sorted_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    v.sort();
    v
}

#[test]
fn shards_built_extracted_and_merged_by_the_commands_equal_one_build() {
    let dir = tempdir();
    let d = dir.path();
    write_lines(&d.join("corpus.jsonl"), CORPUS);
    write_lines(&d.join("s1.jsonl"), &CORPUS[..5]);
    write_lines(&d.join("s2.jsonl"), &CORPUS[5..9]);
    write_lines(&d.join("s3.jsonl"), &CORPUS[9..]);
    run_ok(
        newsgraph()
            .args(["build", "corpus.jsonl", "-q", "-o", "whole"])
            .current_dir(d),
    );
    run_ok(
        newsgraph()
            .args(["build", "s1.jsonl", "-q", "-f", "json", "-o", "g1"])
            .current_dir(d),
    );
    let rec2 = run_ok(
        newsgraph()
            .args(["extract", "-q"])
            .pipe_stdin(d.join("s2.jsonl"))
            .unwrap()
            .current_dir(d),
    );
    assert_eq!(rec2.lines().count(), 4, "one record per article");
    std::fs::write(d.join("s2.rec.jsonl"), &rec2).unwrap();
    // Files and folders are read like build reads them.
    let rec3 = run_ok(
        newsgraph()
            .args(["extract", "-q", "s3.jsonl"])
            .current_dir(d),
    );
    std::fs::write(d.join("s3.rec.jsonl"), &rec3).unwrap();
    // Records in input order.
    let ids: Vec<String> = rec3
        .lines()
        .map(|l| serde_json::from_str::<Extraction>(l).unwrap().article)
        .collect();
    let want: Vec<String> = (10..=CORPUS.len()).map(|i| format!("n{i:02}")).collect();
    assert_eq!(ids, want);
    run_ok(
        newsgraph()
            .args([
                "merge",
                "s3.rec.jsonl",
                "g1/graph.json",
                "s2.rec.jsonl",
                "-q",
                "-o",
                "merged",
            ])
            .current_dir(d),
    );
    let (a, b) = (
        corpus::files(&d.join("whole")),
        corpus::files(&d.join("merged")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a.contains_key("evidence.jsonl"));
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if name == "evidence.jsonl" {
            // The same lines, in the order of the merge's inputs.
            assert_ne!(x, y, "the inputs were merged out of order");
            assert_eq!(
                sorted_lines(x),
                sorted_lines(y),
                "evidence.jsonl holds other lines after the merge"
            );
        } else {
            assert!(x == y, "{} differs between build and merge", name);
        }
    }
    // Every occurrence once: the lines of an edge number its weight.
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("merged/graph.json")).unwrap()).unwrap();
    let weights: u64 = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["weight"].as_u64().unwrap())
        .sum();
    let lines = std::fs::read_to_string(d.join("merged/evidence.jsonl")).unwrap();
    assert_eq!(lines.lines().count() as u64, weights);
    // Merged in input order, evidence.jsonl is the build's byte for byte.
    run_ok(
        newsgraph()
            .args([
                "merge",
                "g1/graph.json",
                "s2.rec.jsonl",
                "s3.rec.jsonl",
                "-q",
                "-f",
                "json",
                "-o",
                "in_order",
            ])
            .current_dir(d),
    );
    for f in ["graph.json", "graph.bin", "evidence.jsonl"] {
        assert!(
            std::fs::read(d.join("in_order").join(f)).unwrap()
                == std::fs::read(d.join("whole").join(f)).unwrap(),
            "{f} differs between build and an in-order merge"
        );
    }
    // Merging a merged graph again with an empty shard's records from standard input.
    std::fs::write(d.join("empty.rec.jsonl"), "").unwrap();
    let again = run_ok(
        newsgraph()
            .args([
                "merge",
                "merged/graph.json",
                "-",
                "-q",
                "-f",
                "json",
                "-o",
                "-",
            ])
            .pipe_stdin(d.join("empty.rec.jsonl"))
            .unwrap()
            .current_dir(d),
    );
    assert!(again.as_bytes() == std::fs::read(d.join("whole/graph.json")).unwrap());
}

#[test]
fn merged_lists_keep_as_many_items_as_the_most_capped_input() {
    let dir = tempdir();
    let d = dir.path();
    write_lines(&d.join("corpus.jsonl"), CORPUS);
    write_lines(&d.join("s1.jsonl"), &CORPUS[..8]);
    write_lines(&d.join("s2.jsonl"), &CORPUS[8..]);
    run_ok(
        newsgraph()
            .args([
                "build",
                "corpus.jsonl",
                "-q",
                "--evidence",
                "1",
                "-f",
                "json",
                "-o",
                "whole",
            ])
            .current_dir(d),
    );
    run_ok(
        newsgraph()
            .args(["build", "s1.jsonl", "-q", "-f", "json", "-o", "g1"])
            .current_dir(d),
    );
    run_ok(
        newsgraph()
            .args([
                "build",
                "s2.jsonl",
                "-q",
                "--evidence",
                "1",
                "-f",
                "json",
                "-o",
                "g2",
            ])
            .current_dir(d),
    );
    let whole = std::fs::read(d.join("whole/graph.json")).unwrap();
    for order in [
        ["g1/graph.json", "g2/graph.json"],
        ["g2/graph.json", "g1/graph.json"],
    ] {
        let merged = run_ok(
            newsgraph()
                .arg("merge")
                .args(order)
                .args(["-q", "-f", "json", "-o", "-"])
                .current_dir(d),
        );
        assert!(
            merged.as_bytes() == whole,
            "merge of {order:?} differs from a build with --evidence 1"
        );
    }
    // --evidence lowers the caps of every input.
    let merged = run_ok(
        newsgraph()
            .args([
                "merge",
                "g1/graph.json",
                "-q",
                "--evidence",
                "1",
                "-f",
                "json",
                "-o",
                "-",
            ])
            .current_dir(d),
    );
    let doc: serde_json::Value = serde_json::from_str(&merged).unwrap();
    assert_eq!(doc["graph"]["caps"]["evidence"], 1);
    assert!(
        doc["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["evidence"].as_array().unwrap().len() <= 1)
    );
}

#[test]
fn extract_pipes_into_merge_and_reports_bad_lines() {
    let dir = tempdir();
    let d = dir.path();
    let mut lines: Vec<&str> = CORPUS[..4].to_vec();
    lines.insert(2, "{not json");
    lines.insert(3, "");
    lines.insert(4, r#"{"id":"x","title":"no text"}"#);
    write_lines(&d.join("in.jsonl"), &lines);
    write_lines(&d.join("good.jsonl"), &CORPUS[..4]);
    let out = newsgraph()
        .arg("extract")
        .pipe_stdin(d.join("in.jsonl"))
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>:3") && err.contains("malformed JSON"),
        "{err}"
    );
    assert!(err.contains("<stdin>:5") && err.contains("text"), "{err}");
    let records = String::from_utf8(out.stdout).unwrap();
    assert_eq!(records.lines().count(), 4);
    std::fs::write(d.join("rec.jsonl"), &records).unwrap();
    let merged = run_ok(
        newsgraph()
            .args(["merge", "-", "-q", "-f", "json", "-o", "-"])
            .pipe_stdin(d.join("rec.jsonl"))
            .unwrap(),
    );
    let built = run_ok(
        newsgraph()
            .args(["build", "good.jsonl", "-q", "-f", "json", "-o", "-"])
            .current_dir(d),
    );
    assert!(merged == built);
    // An empty input is an empty output, not an error (an empty partition).
    let out = newsgraph().arg("extract").write_stdin("").output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty());
}

#[test]
fn merge_rejects_files_that_are_neither_graphs_nor_records() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("notes.txt"), "Trump met Putin.\n").unwrap();
    let out = newsgraph()
        .args(["merge", "notes.txt", "-q", "-o", "out"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notes.txt") && err.contains("neither"),
        "{err}"
    );
    assert!(!d.join("out").exists());
    // A bad line in a record file is reported with its line number and skipped.
    let good = run_ok(
        newsgraph()
            .arg("extract")
            .arg("-q")
            .write_stdin(format!("{}\n", CORPUS[0])),
    );
    std::fs::write(d.join("rec.jsonl"), format!("{good}{{\"article\": 3}}\n")).unwrap();
    let out = newsgraph()
        .args(["merge", "rec.jsonl", "-f", "json", "-o", "-"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rec.jsonl:2"), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["graph"]["articles"], 1);
}

#[test]
fn append_carries_the_evidence_over() {
    let dir = tempdir();
    let d = dir.path();
    write_lines(&d.join("corpus.jsonl"), CORPUS);
    write_lines(&d.join("s1.jsonl"), &CORPUS[..6]);
    write_lines(&d.join("s2.jsonl"), &CORPUS[6..]);
    run_ok(
        newsgraph()
            .args(["build", "corpus.jsonl", "-q", "-f", "json", "-o", "whole"])
            .current_dir(d),
    );
    run_ok(
        newsgraph()
            .args(["build", "s1.jsonl", "-q", "-f", "json", "-o", "out"])
            .current_dir(d),
    );
    run_ok(
        newsgraph()
            .args([
                "build",
                "s2.jsonl",
                "-q",
                "-f",
                "json",
                "--append",
                "--graph",
                "out/graph.json",
                "-o",
                "out",
            ])
            .current_dir(d),
    );
    for f in ["graph.json", "evidence.jsonl"] {
        assert!(
            std::fs::read(d.join("out").join(f)).unwrap()
                == std::fs::read(d.join("whole").join(f)).unwrap(),
            "{f}: appending differs from building the whole"
        );
    }
    // Without an evidence.jsonl beside the graph, the new articles' lines are written and
    // the gap is reported.
    std::fs::remove_file(d.join("out/evidence.jsonl")).unwrap();
    let o = newsgraph()
        .args([
            "build",
            "s2.jsonl",
            "-f",
            "json",
            "--append",
            "--graph",
            "out/graph.json",
            "-o",
            "again",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("evidence.jsonl") && err.contains("warning"),
        "{err}"
    );
    let new = std::fs::read_to_string(d.join("again/evidence.jsonl")).unwrap();
    let whole = std::fs::read_to_string(d.join("whole/evidence.jsonl")).unwrap();
    assert!(!new.is_empty() && whole.ends_with(&new));
}
