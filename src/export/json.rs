//! Node-link JSON (`graph.json`): what `neighbours`, `explain`, `merge` and `build --append`
//! read back, what the scorer reads, and what networkx's `node_link_graph` loads (key
//! `edges`, `multigraph: true`, edge `key` = relation id).

use crate::graph::{Caps, Edge, Evidence, Graph, Node};
use crate::model::{Date, Kind, Modality, Relation};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    pub evidence: Vec<Evidence>,
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

/// Converts a graph to its JSON document.
pub fn to_json(g: &Graph) -> GraphJson {
    let nodes = g
        .sorted_nodes()
        .into_iter()
        .map(|i| {
            let n = &g.g[i];
            NodeJson {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind,
                aliases: n.aliases.iter().cloned().collect(),
                mentions: n.mentions,
                articles: n.articles,
                article_ids: n.article_ids.clone(),
                first_seen: n.first_seen,
                last_seen: n.last_seen,
            }
        })
        .collect();
    let edges = g
        .sorted_edges()
        .into_iter()
        .map(|ei| {
            let (a, b) = g.g.edge_endpoints(ei).unwrap();
            let e = &g.g[ei];
            EdgeJson {
                source: g.g[a].id.clone(),
                target: g.g[b].id.clone(),
                key: e.relation.id().to_string(),
                relation: e.relation,
                label: e.relation.label().to_string(),
                directed: e.relation.directed(),
                weight: e.weight,
                articles: e.articles,
                article_ids: e.article_ids.clone(),
                first_seen: e.first_seen,
                last_seen: e.last_seen,
                modality: e.modalities(),
                modality_counts: Modality::ALL
                    .iter()
                    .filter(|m| e.modality_counts[m.index()] > 0)
                    .map(|m| (*m, e.modality_counts[m.index()]))
                    .collect(),
                evidence: e.evidence.clone(),
            }
        })
        .collect();
    GraphJson {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            generator: format!("newsgraph {}", env!("CARGO_PKG_VERSION")),
            articles: g.articles,
            caps: g.caps,
        },
        nodes,
        edges,
    }
}

/// Writes `graph.json`.
pub fn write(g: &Graph, w: &mut dyn Write) -> Result<()> {
    let doc = to_json(g);
    serde_json::to_writer(&mut *w, &doc)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Builds a graph from its JSON document.
pub fn from_json(doc: GraphJson) -> Result<Graph> {
    let mut g = Graph::new(doc.graph.caps);
    g.articles = doc.graph.articles;
    for n in doc.nodes {
        g.merge_node(Node {
            id: n.id,
            label: n.label,
            kind: n.kind,
            aliases: n.aliases.into_iter().collect(),
            mentions: n.mentions,
            articles: n.articles,
            article_ids: n.article_ids,
            first_seen: n.first_seen,
            last_seen: n.last_seen,
        });
    }
    for e in doc.edges {
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
        g.merge_edge(
            a,
            b,
            Edge {
                relation: e.relation,
                weight: e.weight,
                articles: e.articles,
                article_ids: e.article_ids,
                first_seen: e.first_seen,
                last_seen: e.last_seen,
                modality_counts: counts,
                evidence: e.evidence,
            },
        );
    }
    Ok(g)
}

/// Reads a `graph.json` file.
pub fn read(path: &std::path::Path) -> Result<Graph> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open graph {}", path.display()))?;
    let doc: GraphJson = serde_json::from_reader(std::io::BufReader::with_capacity(1 << 20, file))
        .with_context(|| format!("{} is not a newsgraph graph.json", path.display()))?;
    from_json(doc)
}
