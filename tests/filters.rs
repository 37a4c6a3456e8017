//! Filters on a built graph (`--since`, `--until`, `--kind`, `--relation`, `--min-weight`,
//! `--modality`, `--around`/`--depth`) in the library and through `build`, `merge`,
//! `neighbours` and `explain`; and `neighbours --country` listing a country's officials' edges
//! with the official each goes through.
//!
//! Most checks use a graph merged from extraction records written here, so that they test the
//! filters and not the extractor; the `build` and `--country` checks read sentences.

use assert_cmd::Command;
use newsgraph::extract::{EdgeRec, Extraction, NodeRec};
use newsgraph::filter::{Filter, parse_since, parse_until};
use newsgraph::graph::{Caps, Graph};
use newsgraph::model::{Date, Kind, Modality, Relation};
use std::collections::BTreeSet;
use std::path::Path;

fn node(id: &str) -> NodeRec {
    let (kind, name) = id.split_once(':').unwrap();
    let label: String = name
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .unwrap()
                .to_uppercase()
                .chain(c)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    NodeRec {
        id: id.to_string(),
        label: label.clone(),
        kind: kind.parse().unwrap(),
        aliases: vec![label],
        mentions: 1,
    }
}

/// One article's record: its nodes and its (source, relation, target, modality) edges.
fn record(article: &str, date: Option<&str>, edges: &[(&str, &str, &str, &str)]) -> Extraction {
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for (i, (s, r, t, m)) in edges.iter().enumerate() {
        ids.insert(*s);
        ids.insert(*t);
        let sentence = format!("{article}: {s} {r} {t} ({m}).");
        out.push(EdgeRec {
            source: s.to_string(),
            target: t.to_string(),
            relation: r.parse().unwrap(),
            modality: m.parse().unwrap(),
            trigger: r.to_string(),
            start: i * 100,
            end: i * 100 + sentence.chars().count(),
            sentence,
        });
    }
    Extraction {
        article: article.to_string(),
        date: date.map(|d| Date::parse(d).unwrap()),
        nodes: ids.into_iter().map(node).collect(),
        edges: out,
        unplaced: Vec::new(),
    }
}

const TRUMP: &str = "person:donald_trump";
const PUTIN: &str = "person:vladimir_putin";
const LAVROV: &str = "person:sergei_lavrov";
const RUBIO: &str = "person:marco_rubio";
const RUSSIA: &str = "country:russia";
const UKRAINE: &str = "country:ukraine";
const US: &str = "country:united_states";
const TOMAHAWK: &str = "weapon:tomahawk";
const BUDAPEST: &str = "place:budapest";
const LONELY: &str = "person:lonely_figure";

fn records() -> Vec<Extraction> {
    let mut lonely = record("a8", Some("2025-10-17"), &[]);
    lonely.nodes.push(node(LONELY));
    vec![
        record(
            "a1",
            Some("2025-10-17"),
            &[
                (TRUMP, "met_with", PUTIN, "asserted"),
                (PUTIN, "met_in", BUDAPEST, "asserted"),
                (PUTIN, "leader_of", RUSSIA, "asserted"),
                (TRUMP, "leader_of", US, "asserted"),
            ],
        ),
        record(
            "a2",
            Some("2025-10-18"),
            &[
                (LAVROV, "spoke_with", RUBIO, "asserted"),
                (LAVROV, "official_of", RUSSIA, "asserted"),
                (RUBIO, "official_of", US, "asserted"),
            ],
        ),
        record(
            "a3",
            Some("2024-03-02"),
            &[(RUSSIA, "attacked", UKRAINE, "asserted")],
        ),
        record(
            "a4",
            Some("2025-11-02"),
            &[
                (US, "supplies", TOMAHAWK, "negated"),
                (US, "supplies_weapons_to", UKRAINE, "possible"),
            ],
        ),
        record(
            "a5",
            Some("2019-06-20"),
            &[(TRUMP, "met_with", PUTIN, "asserted")],
        ),
        record("a6", None, &[(TRUMP, "spoke_with", PUTIN, "planned")]),
        record(
            "a7",
            Some("2025-10-20"),
            &[
                (TRUMP, "met_with", PUTIN, "planned"),
                (TRUMP, "met_with", PUTIN, "planned"),
            ],
        ),
        lonely,
    ]
}

fn graph(caps: Caps) -> Graph {
    let mut g = Graph::new(caps);
    for x in records() {
        g.add(&x);
    }
    g
}

fn node_ids(g: &Graph) -> BTreeSet<String> {
    g.g.node_weights().map(|n| n.id.clone()).collect()
}

/// (source, relation, target) of every edge.
fn edges(g: &Graph) -> BTreeSet<(String, String, String)> {
    g.g.edge_indices()
        .map(|e| {
            let (a, b) = g.g.edge_endpoints(e).unwrap();
            (
                g.g[a].id.clone(),
                g.g[e].relation.id().to_string(),
                g.g[b].id.clone(),
            )
        })
        .collect()
}

/// The edge `a r b` (either way for a symmetric relation, which is stored once).
fn edge<'a>(g: &'a Graph, a: &str, r: &str, b: &str) -> &'a newsgraph::graph::Edge {
    let (na, nb) = (g.node(a).unwrap(), g.node(b).unwrap());
    let forward = g.g.edges_connecting(na, nb).map(|e| e.weight());
    let backward = g.g.edges_connecting(nb, na).map(|e| e.weight());
    forward
        .chain(backward.filter(|e| !e.relation.directed()))
        .find(|e| e.relation.id() == r)
        .unwrap_or_else(|| panic!("no edge {a} {r} {b}"))
}

/// Whether the edge `a r b` is there (either way for a symmetric relation).
fn has(g: &Graph, a: &str, r: &str, b: &str) -> bool {
    let all = edges(g);
    let directed = r.parse::<Relation>().unwrap().directed();
    all.contains(&(a.to_string(), r.to_string(), b.to_string()))
        || (!directed && all.contains(&(b.to_string(), r.to_string(), a.to_string())))
}

fn date(s: &str) -> Option<Date> {
    Date::parse(s)
}

fn apply(f: Filter) -> Graph {
    f.apply(graph(Caps::default())).unwrap()
}

#[test]
fn empty_filter_keeps_everything() {
    let g = graph(Caps::default());
    let f = apply(Filter::default());
    assert_eq!(node_ids(&f), node_ids(&g));
    assert_eq!(edges(&f), edges(&g));
    assert!(node_ids(&g).contains(LONELY));
}

#[test]
fn partial_dates_mean_the_first_or_last_day() {
    assert_eq!(parse_since("2025-10").unwrap(), date("2025-10-01").unwrap());
    assert_eq!(parse_until("2025-10").unwrap(), date("2025-10-31").unwrap());
    assert_eq!(parse_until("2024").unwrap(), date("2024-12-31").unwrap());
    assert_eq!(
        parse_since("2024-02-29").unwrap(),
        date("2024-02-29").unwrap()
    );
    assert!(parse_since("last week").is_err());
    assert!(parse_until("2025-13").is_err());
}

#[test]
fn since_keeps_edges_seen_from_that_date_with_their_evidence_from_then() {
    let g = apply(Filter {
        since: date("2025-10-18"),
        ..Filter::default()
    });
    assert!(has(&g, LAVROV, "spoke_with", RUBIO));
    assert!(has(&g, US, "supplies", TOMAHAWK));
    // Seen in 2019, 2025-10-17 and 2025-10-20: kept, with the evidence of 2025-10-20 only,
    // and the counts of the whole corpus.
    let e = edge(&g, TRUMP, "met_with", PUTIN);
    assert!(!e.evidence.is_empty());
    assert!(
        e.evidence
            .iter()
            .all(|ev| ev.date.get() == date("2025-10-20"))
    );
    assert_eq!(e.weight, 4);
    assert_eq!(e.first_seen.get(), date("2019-06-20"));
    // Before the window, or undated: gone.
    assert!(!has(&g, RUSSIA, "attacked", UKRAINE));
    assert!(!has(&g, PUTIN, "leader_of", RUSSIA));
    assert!(!has(&g, TRUMP, "spoke_with", PUTIN) && !has(&g, PUTIN, "spoke_with", TRUMP));
    // Nodes seen in the window stay, even without edges; nodes not seen in it go.
    assert!(
        !node_ids(&g).contains(BUDAPEST),
        "Budapest was seen on 2025-10-17 only"
    );
    assert!(
        !node_ids(&g).contains(LONELY),
        "the lonely node was seen on 2025-10-17 only"
    );
    assert!(node_ids(&g).contains(UKRAINE));
}

#[test]
fn until_and_a_window_keep_only_edges_with_an_occurrence_in_it() {
    let g = apply(Filter {
        until: parse_until("2024").ok(),
        ..Filter::default()
    });
    assert!(has(&g, RUSSIA, "attacked", UKRAINE));
    let e = edge(&g, TRUMP, "met_with", PUTIN);
    assert!(
        e.evidence
            .iter()
            .all(|ev| ev.date.get() == date("2019-06-20"))
    );
    assert!(!has(&g, LAVROV, "spoke_with", RUBIO));
    assert!(!node_ids(&g).contains(LAVROV));
    // A window between two occurrences of an edge whose evidence is complete: not seen then.
    let g = apply(Filter {
        since: parse_since("2022").ok(),
        until: parse_until("2023").ok(),
        ..Filter::default()
    });
    assert!(edges(&g).is_empty(), "{:?}", edges(&g));
    let g = apply(Filter {
        since: parse_since("2024-03").ok(),
        until: parse_until("2024-03").ok(),
        ..Filter::default()
    });
    assert_eq!(
        edges(&g),
        BTreeSet::from([(RUSSIA.into(), "attacked".into(), UKRAINE.into())])
    );
}

#[test]
fn window_uses_the_last_date_when_the_evidence_was_capped() {
    let caps = Caps {
        article_ids: 1,
        evidence: 1,
    };
    let g = Filter {
        since: date("2025-10-19"),
        until: date("2025-10-21"),
        ..Filter::default()
    }
    .apply(graph(caps))
    .unwrap();
    // met_with kept its 2019 evidence only, but was last seen on 2025-10-20.
    let e = edge(&g, TRUMP, "met_with", PUTIN);
    assert_eq!(e.weight, 4);
    assert!(e.evidence.is_empty(), "no kept evidence is from the window");
}

#[test]
fn kind_keeps_entities_of_those_kinds_and_the_edges_between_them() {
    let g = apply(Filter {
        kinds: vec![Kind::Person],
        ..Filter::default()
    });
    assert!(g.g.node_weights().all(|n| n.kind == Kind::Person));
    assert!(
        node_ids(&g).contains(LONELY),
        "a kind filter keeps isolated nodes"
    );
    assert!(has(&g, LAVROV, "spoke_with", RUBIO));
    assert!(!has(&g, PUTIN, "leader_of", RUSSIA));
    let g = apply(Filter {
        kinds: vec![Kind::Country, Kind::Weapon],
        ..Filter::default()
    });
    assert_eq!(
        edges(&g),
        BTreeSet::from([
            (RUSSIA.into(), "attacked".into(), UKRAINE.into()),
            (US.into(), "supplies".into(), TOMAHAWK.into()),
            (US.into(), "supplies_weapons_to".into(), UKRAINE.into()),
        ])
    );
}

#[test]
fn relation_min_weight_and_modality_drop_nodes_left_without_edges() {
    let g = apply(Filter {
        relations: vec![Relation::OfficialOf, Relation::LeaderOf],
        ..Filter::default()
    });
    assert!(
        g.g.edge_weights()
            .all(|e| matches!(e.relation, Relation::OfficialOf | Relation::LeaderOf))
    );
    assert_eq!(g.edge_count(), 4);
    assert_eq!(
        node_ids(&g),
        BTreeSet::from([TRUMP, PUTIN, LAVROV, RUBIO, RUSSIA, US].map(String::from))
    );
    let g = apply(Filter {
        min_weight: 2,
        ..Filter::default()
    });
    assert_eq!(
        edges(&g),
        BTreeSet::from([(TRUMP.into(), "met_with".into(), PUTIN.into())])
    );
    assert_eq!(
        node_ids(&g),
        BTreeSet::from([TRUMP, PUTIN].map(String::from))
    );
    let g = apply(Filter {
        modalities: vec![Modality::Planned],
        ..Filter::default()
    });
    assert_eq!(
        edges(&g),
        BTreeSet::from([
            (TRUMP.into(), "met_with".into(), PUTIN.into()),
            (TRUMP.into(), "spoke_with".into(), PUTIN.into()),
        ])
    );
    let e = edge(&g, TRUMP, "met_with", PUTIN);
    assert!(!e.evidence.is_empty());
    assert!(e.evidence.iter().all(|ev| ev.modality == Modality::Planned));
    let g = apply(Filter {
        modalities: vec![Modality::Negated, Modality::Possible],
        ..Filter::default()
    });
    assert_eq!(
        node_ids(&g),
        BTreeSet::from([US, TOMAHAWK, UKRAINE].map(String::from))
    );
}

#[test]
fn around_keeps_the_ego_graph_to_a_depth() {
    let g = apply(Filter {
        around: Some("Putin".into()),
        depth: 1,
        ..Filter::default()
    });
    assert_eq!(
        node_ids(&g),
        BTreeSet::from([PUTIN, TRUMP, BUDAPEST, RUSSIA].map(String::from))
    );
    // Edges between the neighbours are kept too (an induced subgraph).
    assert!(!has(&g, TRUMP, "leader_of", US));
    assert!(has(&g, TRUMP, "met_with", PUTIN) && has(&g, PUTIN, "leader_of", RUSSIA));
    let g2 = apply(Filter {
        around: Some("vladimir putin".into()),
        depth: 2,
        ..Filter::default()
    });
    let ids = node_ids(&g2);
    for id in [LAVROV, UKRAINE, US] {
        assert!(ids.contains(id), "{id} is two steps from Putin");
    }
    assert!(!ids.contains(TOMAHAWK) && !ids.contains(RUBIO) && !ids.contains(LONELY));
    // With other filters first: only people, around Lavrov.
    let g3 = apply(Filter {
        around: Some(LAVROV.into()),
        depth: 3,
        kinds: vec![Kind::Person],
        ..Filter::default()
    });
    assert_eq!(
        node_ids(&g3),
        BTreeSet::from([LAVROV, RUBIO].map(String::from))
    );
    // Unknown or filtered-out actors are errors that say why.
    let err = Filter {
        around: Some("Napoleon".into()),
        ..Filter::default()
    }
    .apply(graph(Caps::default()))
    .unwrap_err()
    .to_string();
    assert!(err.contains("Napoleon"), "{err}");
    let err = Filter {
        around: Some("Putin".into()),
        kinds: vec![Kind::Country],
        ..Filter::default()
    }
    .apply(graph(Caps::default()))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("Vladimir Putin") && err.contains("filters"),
        "{err}"
    );
}

#[test]
fn edge_filters_for_queries_keep_every_node() {
    let f = Filter {
        since: date("2025-10-19"),
        ..Filter::default()
    };
    let g = f.apply_to_edges(graph(Caps::default()));
    assert_eq!(node_ids(&g), node_ids(&graph(Caps::default())));
    assert!(!has(&g, RUSSIA, "attacked", UKRAINE));
    assert!(has(&g, TRUMP, "met_with", PUTIN));
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

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("newsgraph-filters-")
        .tempdir()
        .unwrap()
}

/// Writes the records and merges them into `dir/graph.json`.
fn graph_file(dir: &Path) -> std::path::PathBuf {
    let text: String = records()
        .iter()
        .map(|x| serde_json::to_string(x).unwrap() + "\n")
        .collect();
    std::fs::write(dir.join("rec.jsonl"), text).unwrap();
    run_ok(
        newsgraph()
            .args(["merge", "rec.jsonl", "-q", "-f", "json", "-o", "."])
            .current_dir(dir),
    );
    dir.join("graph.json")
}

fn doc_edges(doc: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["relation"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn merge_applies_filters_before_writing() {
    let dir = tempdir();
    let g = graph_file(dir.path());
    let out = run_ok(newsgraph().arg("merge").arg(&g).args([
        "-q",
        "--around",
        "Russia",
        "--depth",
        "1",
        "--relation",
        "attacked,leader_of,official_of",
        "--since",
        "2024",
        "-f",
        "json",
        "-o",
        "-",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc_edges(&doc),
        BTreeSet::from([
            (RUSSIA.into(), "attacked".into(), UKRAINE.into()),
            (PUTIN.into(), "leader_of".into(), RUSSIA.into()),
            (LAVROV.into(), "official_of".into(), RUSSIA.into()),
        ])
    );
    // Bad values are usage errors.
    let out = newsgraph()
        .arg("merge")
        .arg(&g)
        .args(["--since", "yesterday", "-o", "-", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY"));
    let out = newsgraph()
        .arg("merge")
        .arg(&g)
        .args(["--depth", "2", "-o", "-", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--depth needs --around");
}

#[test]
fn neighbours_and_explain_take_the_edge_filters() {
    let dir = tempdir();
    let g = graph_file(dir.path());
    let out = run_ok(
        newsgraph()
            .args(["neighbours", "Trump", "--json", "--graph"])
            .arg(&g)
            .args(["--since", "2025-10-18"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = doc["neighbours"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["relation"], "met_with");
    let out = run_ok(
        newsgraph()
            .args(["neighbours", "Trump", "--json", "--graph"])
            .arg(&g)
            .args(["--modality", "planned", "--min-weight", "1"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rels: BTreeSet<&str> = doc["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["relation"].as_str().unwrap())
        .collect();
    assert_eq!(rels, BTreeSet::from(["met_with", "spoke_with"]));
    let out = run_ok(
        newsgraph()
            .args(["explain", "Trump", "Putin", "--json", "--graph"])
            .arg(&g)
            .args(["--until", "2020"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    let ev = edges[0]["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["article"], "a5");
    let out = run_ok(
        newsgraph()
            .args(["explain", "Trump", "Putin", "--json", "--graph"])
            .arg(&g)
            .args(["--relation", "spoke_with"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0]["relation"], "spoke_with");
}

#[test]
fn build_applies_filters_before_export() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(
        d.join("news.jsonl"),
        [
            r#"{"id":"b1","date":"2025-10-17","text":"President Donald Trump met Vladimir Putin in Budapest on Friday."}"#,
            r#"{"id":"b2","date":"2019-06-20","text":"Iran shot down a US drone. Trump threatened Iran."}"#,
            r#"{"id":"b3","date":"2024-03-02","text":"Russia attacked Ukraine. Germany supplies Taurus missiles to Ukraine."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let all = run_ok(
        newsgraph()
            .args(["build", "news.jsonl", "-q", "-f", "json", "-o", "-"])
            .current_dir(d),
    );
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let some = run_ok(
        newsgraph()
            .args([
                "build",
                "news.jsonl",
                "-q",
                "-f",
                "json",
                "-o",
                "-",
                "--kind",
                "person,country",
                "--since",
                "2024",
            ])
            .current_dir(d),
    );
    let some: serde_json::Value = serde_json::from_str(&some).unwrap();
    let kinds: BTreeSet<&str> = some["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.iter().all(|k| *k == "person" || *k == "country"),
        "{kinds:?}"
    );
    assert!(!some["edges"].as_array().unwrap().is_empty());
    for e in some["edges"].as_array().unwrap() {
        assert!(e["last_seen"].as_str().unwrap() >= "2024-01-01", "{e}");
    }
    let (a, s) = (doc_edges(&all), doc_edges(&some));
    assert!(s.is_subset(&a) && s.len() < a.len());
    assert_eq!(some["graph"]["articles"], all["graph"]["articles"]);
}

#[test]
fn neighbours_country_lists_its_officials_edges_and_says_through_whom() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(
        d.join("news.jsonl"),
        [
            r#"{"id":"c1","date":"2025-10-17","text":"Russian President Vladimir Putin met Donald Trump in Budapest on Friday."}"#,
            r#"{"id":"c2","date":"2025-10-18","text":"Russian Foreign Minister Sergei Lavrov spoke with Marco Rubio on Monday."}"#,
            r#"{"id":"c3","date":"2024-03-02","text":"Russia attacked Ukraine overnight."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    run_ok(
        newsgraph()
            .args(["build", "news.jsonl", "-q", "-f", "json", "-o", "."])
            .current_dir(d),
    );
    let text = run_ok(
        newsgraph()
            .args(["neighbours", "Russia", "--country"])
            .current_dir(d)
            .args(["--graph", "graph.json"]),
    );
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("including Sergei Lavrov and Vladimir Putin"),
        "{text}"
    );
    let row = |who: &str, via: &str| {
        text.lines()
            .any(|l| l.contains(&format!("{who} (via {via})")))
    };
    assert!(row("Donald Trump", "Vladimir Putin"), "{text}");
    assert!(row("Marco Rubio", "Sergei Lavrov"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("attacked") && l.contains("Ukraine") && !l.contains("via")),
        "{text}"
    );
    // Without --country, only the country's own edges.
    let own = run_ok(
        newsgraph()
            .args(["neighbours", "Russia", "--graph", "graph.json"])
            .current_dir(d),
    );
    assert!(
        !own.contains("Marco Rubio") && !own.contains("including"),
        "{own}"
    );
    // JSON says which official each edge comes through.
    let json = run_ok(
        newsgraph()
            .args([
                "neighbours",
                "Russia",
                "--country",
                "--json",
                "--graph",
                "graph.json",
            ])
            .current_dir(d),
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["including"],
        serde_json::json!(["Sergei Lavrov", "Vladimir Putin"])
    );
    let rubio = doc["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "Marco Rubio")
        .expect("Rubio is reached through Lavrov");
    assert_eq!(rubio["from"], "Sergei Lavrov");
}

/// The lines of an `evidence.jsonl`, parsed.
fn evidence_lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn filters_keep_the_evidence_lines_of_the_edges_they_keep() {
    let dir = tempdir();
    let g = graph_file(dir.path());
    let all = evidence_lines(&dir.path().join("evidence.jsonl"));
    let weights: u64 = {
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&g).unwrap()).unwrap();
        doc["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["weight"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(all.len() as u64, weights, "one line per occurrence");
    let out = dir.path().join("out");
    run_ok(newsgraph().arg("merge").arg(&g).arg("-o").arg(&out).args([
        "-q",
        "--since",
        "2025-10-19",
        "--modality",
        "asserted,planned",
        "--kind",
        "person,country",
        "-f",
        "json",
    ]));
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
    let kept = doc_edges(&doc);
    assert!(!kept.is_empty());
    let want: Vec<&serde_json::Value> = all
        .iter()
        .filter(|l| {
            let edge = (
                l["source"].as_str().unwrap().to_string(),
                l["relation"].as_str().unwrap().to_string(),
                l["target"].as_str().unwrap().to_string(),
            );
            kept.contains(&edge)
                && l["date"].as_str().is_some_and(|d| d >= "2025-10-19")
                && ["asserted", "planned"].contains(&l["modality"].as_str().unwrap())
        })
        .collect();
    let got = evidence_lines(&out.join("evidence.jsonl"));
    assert!(!got.is_empty(), "some occurrences are in the window");
    assert!(got.len() < all.len(), "the filter dropped some lines");
    assert_eq!(got.iter().collect::<Vec<_>>(), want);
}
