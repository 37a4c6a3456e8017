//! End-to-end tests of the `newsgraph` binary on the bundled article (`data/articles`): the
//! entities and relations a reader expects, the `neighbours` query, standard output, the help
//! texts, and that the committed `exports/` folder is what a fresh build writes.

mod common;
#[path = "hostile/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The binary, run from the repository root.
fn newsgraph() -> Command {
    let mut c = Command::cargo_bin("newsgraph").expect("the newsgraph binary is not built");
    c.current_dir(common::repo_root());
    c
}

/// Builds `data/articles` into `dir` with every format.
fn build_into(dir: &Path) {
    newsgraph()
        .args(["build", "data/articles", "--quiet", "--output"])
        .arg(dir)
        .assert()
        .success();
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Node labels mapped to node ids.
fn labels(doc: &Value) -> BTreeMap<String, String> {
    doc["nodes"]
        .as_array()
        .expect("graph.json has no nodes array")
        .iter()
        .map(|n| {
            (
                n["label"].as_str().unwrap_or_default().to_string(),
                n["id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn build_finds_the_main_actors_and_relations_of_the_article() {
    let dir = common::tempdir();
    build_into(dir.path());
    let doc = read_json(&dir.path().join("graph.json"));
    let labels = labels(&doc);
    for name in [
        "Donald Trump",
        "Vladimir Putin",
        "Volodymyr Zelenskyy",
        "United States",
        "Russia",
        "Ukraine",
        "Hungary",
        "Tomahawk",
    ] {
        assert!(
            labels.contains_key(name),
            "no node {name:?}; nodes: {:?}",
            labels.keys().collect::<Vec<_>>()
        );
    }
    let budapest = labels.get("Budapest").expect("no node Budapest");
    let edges = doc["edges"]
        .as_array()
        .expect("graph.json has no edges array");
    assert!(
        edges
            .iter()
            .any(|e| e["relation"] == "plans_meeting_in" && e["target"] == budapest.as_str()),
        "no plans_meeting_in edge into Budapest"
    );
    for f in corpus::EXPORTS {
        let p = dir.path().join(f);
        assert!(
            p.metadata().is_ok_and(|m| m.len() > 0),
            "{f} missing or empty"
        );
    }
}

#[test]
fn neighbours_of_putin_include_trump_via_spoke_with() {
    let dir = common::tempdir();
    build_into(dir.path());
    let out = newsgraph()
        .args(["neighbours", "putin", "--graph"])
        .arg(dir.path().join("graph.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines().any(|l| {
            l.split_whitespace().next() == Some("spoke_with") && l.contains("Donald Trump")
        }),
        "no `spoke_with ... Donald Trump` row in:\n{out}"
    );
}

#[test]
fn queries_end_quietly_when_standard_output_closes() {
    // `newsgraph neighbours putin | head -0`: the reader is gone before anything is written.
    let dir = common::tempdir();
    build_into(dir.path());
    let graph = dir.path().join("graph.json");
    for args in [
        vec!["neighbours", "putin"],
        vec!["neighbours", "putin", "--json"],
        vec!["explain", "Trump", "Putin"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(&args)
            .arg("--graph")
            .arg(&graph)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() && !err.contains("panicked"),
            "{args:?} with a closed standard output: {} {err}",
            o.status
        );
    }
}

#[test]
fn output_dash_writes_one_format_to_standard_output() {
    let dir = common::tempdir();
    build_into(dir.path());
    let out = newsgraph()
        .args([
            "build",
            "data/articles",
            "--quiet",
            "--format",
            "json",
            "--output",
            "-",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).expect("standard output is not JSON");
    assert_eq!(
        doc,
        read_json(&dir.path().join("graph.json")),
        "JSON on standard output differs from graph.json"
    );

    let o = newsgraph()
        .args([
            "build",
            "data/articles",
            "--quiet",
            "--format",
            "json,dot",
            "--output",
            "-",
        ])
        .assert()
        .failure()
        .get_output()
        .clone();
    assert!(
        o.stdout.is_empty(),
        "nothing may be written to standard output"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--output -") && err.contains("one"),
        "unclear message: {err}"
    );
}

const REGENERATE: &str = "regenerate with:\n  cargo run --release -- build data/articles --output exports\n  dot -Tsvg exports/graph.dot -o exports/graph.svg";

#[test]
fn committed_exports_are_a_fresh_build_of_data_articles() {
    let committed = common::repo_root().join("exports");
    assert!(committed.is_dir(), "exports/ is missing; {REGENERATE}");
    let dir = common::tempdir();
    build_into(dir.path());
    let fresh = corpus::files(dir.path());
    let mut have = corpus::files(&committed);
    have.remove("graph.svg");
    assert_eq!(
        have.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "exports/ holds other files than a build writes; {REGENERATE}"
    );
    for (f, b) in &fresh {
        assert!(&have[f] == b, "exports/{f} is stale; {REGENERATE}");
    }
}

#[test]
fn committed_svg_is_rendered_from_the_committed_dot() {
    let test = "committed_svg_is_rendered_from_the_committed_dot";
    let exports = common::repo_root().join("exports");
    let svg = exports.join("graph.svg");
    if !svg.is_file() {
        common::visible(&format!("SKIP {test}: exports/graph.svg is not committed"));
        return;
    }
    let Some(p) = common::programs(test, &["dot"]) else {
        return;
    };
    let o = common::run(
        &p[0],
        ["-Tsvg".as_ref(), exports.join("graph.dot").as_os_str()],
    );
    common::assert_success("dot -Tsvg exports/graph.dot", &o);
    let committed = std::fs::read(&svg).unwrap();
    assert!(
        committed == o.stdout,
        "exports/graph.svg is not `dot -Tsvg exports/graph.dot`; {REGENERATE}"
    );
}

/// The subcommands listed by `newsgraph --help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_texts_show_usage_and_examples() {
    let out = newsgraph()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(out).unwrap();
    assert!(help.contains("Usage:"), "{help}");
    assert!(help.contains("Examples"), "{help}");
    let cmds = subcommands(&help);
    for c in ["build", "neighbours", "explain", "candidates"] {
        assert!(cmds.iter().any(|x| x == c), "`{c}` not listed in:\n{help}");
    }
    for c in &cmds {
        let out = newsgraph()
            .args([c.as_str(), "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let h = String::from_utf8(out).unwrap();
        assert!(
            h.contains("Usage:") && h.contains("Examples"),
            "`newsgraph {c} --help` lacks usage or examples:\n{h}"
        );
    }
}
