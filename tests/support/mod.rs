//! Helpers for the extraction tests: one shared knowledge base and a compact view of an
//! article's extraction.

#![allow(dead_code)]

use newsgraph::extract::{Extraction, Knowledge, extract};
use newsgraph::input::parse_text_article;
use std::sync::OnceLock;

/// The built-in knowledge, loaded once per test binary.
pub fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in data loads"))
}

/// Extracts a text article dated `date` (YYYY-MM-DD).
pub fn run(date: &str, body: &str) -> Extraction {
    let raw = format!("date {date}\n\n{body}");
    let (a, w) = parse_text_article("t", "t.txt", &raw);
    assert!(w.is_empty(), "header warnings: {w:?}");
    extract(knowledge(), &a.expect("article"))
}

/// Label of a node id.
pub fn label<'a>(x: &'a Extraction, id: &str) -> &'a str {
    &x.nodes
        .iter()
        .find(|n| n.id == id)
        .expect("edge end is a node")
        .label
}

/// Every edge as "Source relation Target modality", sorted and deduplicated.
pub fn edges(x: &Extraction) -> Vec<String> {
    let mut v: Vec<String> = x
        .edges
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                label(x, &e.source),
                e.relation,
                label(x, &e.target),
                e.modality
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Whether the extraction has `from rel to` (any modality; either order for symmetric
/// relations).
pub fn has(x: &Extraction, from: &str, rel: &str, to: &str) -> bool {
    x.edges.iter().any(|e| {
        let (s, t) = (label(x, &e.source), label(x, &e.target));
        e.relation.id() == rel
            && ((s == from && t == to) || (!e.relation.directed() && s == to && t == from))
    })
}

/// The modalities seen for `from rel to`.
pub fn modalities(x: &Extraction, from: &str, rel: &str, to: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = x
        .edges
        .iter()
        .filter(|e| {
            let (s, t) = (label(x, &e.source), label(x, &e.target));
            e.relation.id() == rel
                && ((s == from && t == to) || (!e.relation.directed() && s == to && t == from))
        })
        .map(|e| e.modality.as_str())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The node labelled `label` and its kind, if present.
pub fn node<'a>(x: &'a Extraction, label: &str) -> Option<&'a newsgraph::extract::NodeRec> {
    x.nodes.iter().find(|n| n.label == label)
}

/// Labels of all nodes of a kind, sorted.
pub fn labels(x: &Extraction, kind: &str) -> Vec<String> {
    let mut v: Vec<String> = x
        .nodes
        .iter()
        .filter(|n| n.kind.as_str() == kind)
        .map(|n| n.label.clone())
        .collect();
    v.sort();
    v
}
