//! Determinism: the same input gives byte-identical exports (every format) run after run and
//! at any thread count. The corpus is generated at test time from sentences written for it.

#[path = "hostile/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::Path;

/// Builds `inputs` (relative to `root`) into `root/NAME` with the given thread count.
fn build(root: &Path, inputs: &[&str], name: &str, threads: usize) -> BTreeMap<String, Vec<u8>> {
    let out = root.join(name);
    let o = Command::cargo_bin("newsgraph")
        .unwrap()
        .current_dir(root)
        .arg("build")
        .args(inputs)
        .arg("--output")
        .arg(&out)
        .args(["--threads", &threads.to_string(), "--quiet"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    corpus::files(&out)
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (p, bytes) in a {
        let other = &b[p];
        if bytes != other {
            let at = bytes
                .iter()
                .zip(other.iter())
                .position(|(x, y)| x != y)
                .unwrap_or(bytes.len().min(other.len()));
            let show = |v: &[u8]| {
                String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())])
                    .into_owned()
            };
            panic!(
                "{what}: {} differs at byte {at}:\n  {}\nvs\n  {}",
                p,
                show(bytes),
                show(other)
            );
        }
    }
}

#[test]
fn same_input_same_bytes_at_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    corpus::write(root, 600, 20251017);
    let inputs = ["news"];
    let first = build(root, &inputs, "t1a", 1);
    // Every format was written, and the graph is not trivially empty.
    for f in corpus::EXPORTS {
        assert!(first.contains_key(f), "{f} missing");
    }
    let g: serde_json::Value = serde_json::from_slice(&first["graph.json"]).unwrap();
    assert_eq!(g["graph"]["articles"], 600);
    assert!(g["nodes"].as_array().unwrap().len() >= 20, "too few nodes");
    assert!(g["edges"].as_array().unwrap().len() >= 50, "too few edges");
    // evidence.jsonl is not trivially empty either: a line per occurrence.
    let weights: u64 = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["weight"].as_u64().unwrap())
        .sum();
    let lines = first["evidence.jsonl"]
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines as u64, weights);

    assert_same(
        &first,
        &build(root, &inputs, "t1b", 1),
        "second run, 1 thread",
    );
    assert_same(&first, &build(root, &inputs, "t2", 2), "2 threads vs 1");
    assert_same(&first, &build(root, &inputs, "t4", 4), "4 threads vs 1");
}

#[test]
fn same_input_same_bytes_from_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    corpus::write(root, 150, 7);
    let feed = std::fs::read(root.join("news/feed.jsonl")).unwrap();
    let run = |name: &str, threads: usize| {
        let out = root.join(name);
        let o = Command::cargo_bin("newsgraph")
            .unwrap()
            .arg("build")
            .arg("-")
            .arg("--output")
            .arg(&out)
            .args(["--threads", &threads.to_string(), "--quiet"])
            .write_stdin(feed.clone())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        corpus::files(&out)
    };
    let a = run("s1", 1);
    assert_same(&a, &run("s4", 4), "standard input, 4 threads vs 1");
    // The same feed read from a file gives the same exports: articles carry their own ids.
    let from_file = build(root, &["news/feed.jsonl"], "f1", 2);
    assert_same(&a, &from_file, "standard input vs the same file");
}
