//! Node-link JSON (`graph.json`): what `neighbours`, `explain`, `merge` and `build --append`
//! read back, what the scorer reads, and what networkx's `node_link_graph` loads (key
//! `edges`, `multigraph: true`, edge `key` = relation id). Each edge carries its capped sample
//! of evidence; every occurrence is in `evidence.jsonl` ([`super::evidence`]).

use super::Sorted;
use crate::graph::{ArticleId, Caps, Day, Edge, Evidence, EvidenceRec, Graph, Node};
use crate::model::{Date, Kind, Modality, Relation};
use anyhow::{Context, Result};
use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Graph-level attributes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphMeta {
    /// Producer.
    pub generator: String,
    /// Articles merged.
    pub articles: u64,
    /// Caps used for article ids and evidence.
    pub caps: Caps,
}

/// A node as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeJson {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Mentions.
    pub mentions: u64,
    /// Articles.
    pub articles: u64,
    /// Article ids (capped).
    pub article_ids: Vec<String>,
    /// First date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Date>,
    /// Last date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Date>,
}

/// An edge as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EdgeJson {
    /// Source id.
    pub source: String,
    /// Target id.
    pub target: String,
    /// Multigraph key (the relation id).
    pub key: String,
    /// Relation id.
    pub relation: Relation,
    /// Relation label.
    pub label: String,
    /// False for symmetric relations.
    pub directed: bool,
    /// Occurrences.
    pub weight: u64,
    /// Articles.
    pub articles: u64,
    /// Article ids (capped).
    pub article_ids: Vec<String>,
    /// First date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Date>,
    /// Last date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Date>,
    /// Modalities seen.
    pub modality: Vec<Modality>,
    /// Occurrences per modality.
    pub modality_counts: BTreeMap<Modality, u64>,
    /// Evidence.
    pub evidence: Vec<EvidenceRec>,
}

/// The whole document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphJson {
    /// Always true (edges have a direction; symmetric ones say `directed: false`).
    pub directed: bool,
    /// Always true: two entities may share several relations.
    pub multigraph: bool,
    /// Graph attributes.
    pub graph: GraphMeta,
    /// Nodes.
    pub nodes: Vec<NodeJson>,
    /// Edges.
    pub edges: Vec<EdgeJson>,
}

/// Converts a graph to its JSON document (a copy of the whole graph with its strings: for
/// small graphs and tests; [`write()`] streams instead).
pub fn to_json(g: &Graph) -> GraphJson {
    let mut out = Vec::new();
    write(g, &mut out).expect("a graph in memory serialises");
    serde_json::from_slice(&out).expect("graph.json parses")
}

/// Strings of interned article ids, serialised as a list.
struct Ids<'a>(&'a Graph, &'a [ArticleId]);

impl Serialize for Ids<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&i| self.0.article(i)))
    }
}

/// A node as written.
#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    label: &'a str,
    kind: Kind,
    aliases: &'a BTreeSet<String>,
    mentions: u64,
    articles: u64,
    article_ids: Ids<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<Date>,
}

/// A piece of evidence as written (the fields of [`EvidenceRec`]).
#[derive(Serialize)]
struct EvidenceOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    article: &'a str,
    start: u32,
    end: u32,
    sentence: &'a str,
    trigger: &'a str,
    modality: Modality,
}

/// The evidence of an edge, its sentences read as they are written.
struct EvidenceList<'a>(&'a Graph, &'a [Evidence]);

impl Serialize for EvidenceList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let g = self.0;
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for ev in self.1 {
            let sentence = g.sentence(ev).map_err(S::Error::custom)?;
            seq.serialize_element(&EvidenceOut {
                date: ev.date.get(),
                article: g.article(ev.article),
                start: ev.start,
                end: ev.end,
                sentence: &sentence,
                trigger: g.trigger(ev.trigger),
                modality: ev.modality,
            })?;
        }
        seq.end()
    }
}

/// Occurrences per modality, only those seen.
struct Counts<'a>(&'a [u64; 4]);

impl Serialize for Counts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            Modality::ALL
                .iter()
                .filter(|m| self.0[m.index()] > 0)
                .map(|m| (*m, self.0[m.index()])),
        )
    }
}

/// An edge as written.
#[derive(Serialize)]
struct EdgeOut<'a> {
    source: &'a str,
    target: &'a str,
    key: &'static str,
    relation: Relation,
    label: &'static str,
    directed: bool,
    weight: u64,
    articles: u64,
    article_ids: Ids<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<Date>,
    modality: Vec<Modality>,
    modality_counts: Counts<'a>,
    evidence: EvidenceList<'a>,
}

/// Writes `graph.json`.
pub fn write(g: &Graph, w: &mut dyn Write) -> Result<()> {
    write_sorted(&Sorted::new(g), w)
}

/// Writes `graph.json` in a computed export order, one node and one edge at a time (no copy
/// of the graph is made).
pub fn write_sorted(s: &Sorted<'_>, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let meta = GraphMeta {
        generator: format!("newsgraph {}", env!("CARGO_PKG_VERSION")),
        articles: g.articles,
        caps: g.caps,
    };
    w.write_all(b"{\"directed\":true,\"multigraph\":true,\"graph\":")?;
    serde_json::to_writer(&mut *w, &meta)?;
    w.write_all(b",\"nodes\":[")?;
    for (i, &n) in s.nodes.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let n = &g.g[n];
        let out = NodeOut {
            id: &n.id,
            label: &n.label,
            kind: n.kind,
            aliases: &n.aliases,
            mentions: n.mentions,
            articles: n.articles,
            article_ids: Ids(g, &n.article_ids),
            first_seen: n.first_seen.get(),
            last_seen: n.last_seen.get(),
        };
        serde_json::to_writer(&mut *w, &out)?;
    }
    w.write_all(b"],\"edges\":[")?;
    for (i, &ei) in s.edges.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let (a, b) = g.g.edge_endpoints(ei).unwrap();
        let e = &g.g[ei];
        let out = EdgeOut {
            source: &g.g[a].id,
            target: &g.g[b].id,
            key: e.relation.id(),
            relation: e.relation,
            label: e.relation.label(),
            directed: e.relation.directed(),
            weight: e.weight,
            articles: e.articles,
            article_ids: Ids(g, &e.article_ids),
            first_seen: e.first_seen.get(),
            last_seen: e.last_seen.get(),
            modality: e.modalities(),
            modality_counts: Counts(&e.modality_counts),
            evidence: EvidenceList(g, &e.evidence),
        };
        serde_json::to_writer(&mut *w, &out)?;
    }
    w.write_all(b"]}\n")?;
    Ok(())
}

/// Merges a node of a JSON document into a graph.
fn add_node(g: &mut Graph, n: NodeJson) {
    let article_ids = g.article_ids(&n.article_ids);
    g.merge_node(Node {
        id: n.id,
        label: n.label,
        kind: n.kind,
        aliases: n.aliases.into_iter().collect(),
        mentions: n.mentions,
        articles: n.articles,
        article_ids,
        first_seen: Day::new(n.first_seen),
        last_seen: Day::new(n.last_seen),
    });
}

/// Merges an edge of a JSON document into a graph that has its ends.
fn add_edge(g: &mut Graph, e: EdgeJson) -> Result<()> {
    let a = g
        .node(&e.source)
        .with_context(|| format!("edge source {:?} is not a node", e.source))?;
    let b = g
        .node(&e.target)
        .with_context(|| format!("edge target {:?} is not a node", e.target))?;
    let mut counts = [0u64; 4];
    for (m, c) in e.modality_counts {
        counts[m.index()] = c;
    }
    let article_ids = g.article_ids(&e.article_ids);
    let evidence = e.evidence.iter().map(|ev| g.evidence(ev)).collect();
    g.merge_edge(
        a,
        b,
        Edge {
            relation: e.relation,
            weight: e.weight,
            articles: e.articles,
            article_ids,
            first_seen: Day::new(e.first_seen),
            last_seen: Day::new(e.last_seen),
            modality_counts: counts,
            evidence,
        },
    );
    Ok(())
}

/// Builds a graph from its JSON document.
pub fn from_json(doc: GraphJson) -> Result<Graph> {
    let mut g = Graph::new(doc.graph.caps);
    g.articles = doc.graph.articles;
    for n in doc.nodes {
        add_node(&mut g, n);
    }
    for e in doc.edges {
        add_edge(&mut g, e)?;
    }
    Ok(g)
}

/// Reads a `graph.json` document into a graph one node and one edge at a time, so that no
/// copy of the whole document is held (nodes and edges that come before the `graph` object,
/// or edges before the nodes, as `newsgraph` never writes them, are held until it is read).
pub fn from_reader(r: impl std::io::Read) -> Result<Graph> {
    let mut de = serde_json::Deserializer::from_reader(r);
    let g = de::DocSeed.deserialize(&mut de)?;
    de.end()?;
    Ok(g)
}

/// Reads a `graph.json` file.
pub fn read(path: &std::path::Path) -> Result<Graph> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open graph {}", path.display()))?;
    from_reader(std::io::BufReader::with_capacity(1 << 20, file))
        .with_context(|| format!("{} is not a newsgraph graph.json", path.display()))
}

/// Streaming deserialisation of a whole document into a graph.
mod de {
    use super::{EdgeJson, GraphMeta, NodeJson, add_edge, add_node};
    use crate::graph::Graph;
    use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    pub(super) struct DocSeed;

    impl<'de> DeserializeSeed<'de> for DocSeed {
        type Value = Graph;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Graph, D::Error> {
            d.deserialize_map(DocSeed)
        }
    }

    impl<'de> Visitor<'de> for DocSeed {
        type Value = Graph;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a newsgraph graph.json object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Graph, A::Error> {
            let mut g: Option<Graph> = None;
            let (mut nodes_done, mut edges_done) = (false, false);
            let mut early_nodes: Vec<NodeJson> = Vec::new();
            let mut early_edges: Vec<EdgeJson> = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                match (key.as_str(), &mut g) {
                    ("graph", None) => {
                        let meta: GraphMeta = map.next_value()?;
                        let mut graph = Graph::new(meta.caps);
                        graph.articles = meta.articles;
                        g = Some(graph);
                    }
                    ("graph", Some(_)) => return Err(A::Error::duplicate_field("graph")),
                    ("nodes", Some(graph)) if !nodes_done => {
                        map.next_value_seed(Items(graph, add_node_ok))?;
                        nodes_done = true;
                    }
                    ("nodes", None) if !nodes_done => {
                        early_nodes = map.next_value()?;
                        nodes_done = true;
                    }
                    ("edges", Some(graph)) if nodes_done && early_nodes.is_empty() => {
                        map.next_value_seed(Items(graph, add_edge))?;
                        edges_done = true;
                    }
                    ("edges", _) if !edges_done => {
                        early_edges = map.next_value()?;
                        edges_done = true;
                    }
                    ("nodes", _) => return Err(A::Error::duplicate_field("nodes")),
                    ("edges", _) => return Err(A::Error::duplicate_field("edges")),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let mut g = g.ok_or_else(|| A::Error::missing_field("graph"))?;
            if !nodes_done {
                return Err(A::Error::missing_field("nodes"));
            }
            if !edges_done {
                return Err(A::Error::missing_field("edges"));
            }
            for n in early_nodes {
                add_node(&mut g, n);
            }
            for e in early_edges {
                add_edge(&mut g, e).map_err(|e| A::Error::custom(format!("{e:#}")))?;
            }
            Ok(g)
        }
    }

    fn add_node_ok(g: &mut Graph, n: NodeJson) -> anyhow::Result<()> {
        add_node(g, n);
        Ok(())
    }

    /// A list of nodes or edges, each merged into the graph as it is read.
    struct Items<'a, T>(&'a mut Graph, fn(&mut Graph, T) -> anyhow::Result<()>);

    impl<'de, T: serde::Deserialize<'de>> DeserializeSeed<'de> for Items<'_, T> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Items<'_, T> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of nodes or edges")
        }

        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
            while let Some(item) = seq.next_element::<T>()? {
                (self.1)(self.0, item).map_err(|e| S::Error::custom(format!("{e:#}")))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{EdgeRec, Extraction, NodeRec};

    fn sample() -> Graph {
        let mut g = Graph::new(Caps {
            article_ids: 2,
            evidence: 2,
        });
        for (i, day) in [3u8, 1, 2].into_iter().enumerate() {
            let node = |id: &str| NodeRec {
                id: id.into(),
                label: id.to_uppercase(),
                kind: Kind::Person,
                aliases: vec![format!("{id} “{i}”")],
                mentions: 1,
            };
            g.add(&Extraction {
                article: format!("art\"{i}"),
                date: Date::new(2025, 5, day),
                nodes: vec![node("a"), node("b")],
                edges: vec![EdgeRec {
                    source: "a".into(),
                    target: "b".into(),
                    relation: Relation::Praised,
                    modality: Modality::Asserted,
                    trigger: "praised".into(),
                    sentence: format!("A praised B \\ {i}."),
                    start: i,
                    end: i + 9,
                }],
                unplaced: Vec::new(),
            });
        }
        g
    }

    fn bytes(g: &Graph) -> Vec<u8> {
        let mut out = Vec::new();
        write(g, &mut out).unwrap();
        out
    }

    #[test]
    fn streamed_reads_equal_whole_document_reads() {
        let g = sample();
        let text = bytes(&g);
        let streamed = from_reader(&text[..]).unwrap();
        let whole = from_json(serde_json::from_slice(&text).unwrap()).unwrap();
        assert_eq!(bytes(&streamed), text);
        assert_eq!(bytes(&whole), text);
        // Keys in another order (edges first, graph last) read the same.
        let v: serde_json::Value = serde_json::from_slice(&text).unwrap();
        let shuffled = format!(
            "{{\"edges\":{},\"nodes\":{},\"extra\":[1,2],\"graph\":{}}}",
            v["edges"], v["nodes"], v["graph"]
        );
        assert_eq!(bytes(&from_reader(shuffled.as_bytes()).unwrap()), text);
        // Missing parts, unknown ends and trailing junk are errors.
        for bad in [
            format!("{{\"nodes\":{},\"edges\":{}}}", v["nodes"], v["edges"]),
            format!("{{\"graph\":{},\"edges\":{}}}", v["graph"], v["edges"]),
            format!(
                "{{\"graph\":{},\"nodes\":[],\"edges\":{}}}",
                v["graph"], v["edges"]
            ),
            format!("{} x", String::from_utf8_lossy(&text)),
            "[1, 2]".to_string(),
        ] {
            assert!(from_reader(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
