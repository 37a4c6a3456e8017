//! Graph stage: merges per-article extractions into one knowledge graph on petgraph, with one
//! node per entity across all articles and one edge per (source, relation, target).
//!
//! Every merge here is associative and commutative: counts add up, alias sets unite, dates take
//! their minimum and maximum, and capped lists (article ids, evidence) keep the smallest items
//! under a total order. So a corpus built in shards and merged gives the same graph as a build
//! of the whole, and the result does not depend on the number of threads.

use crate::extract::Extraction;
use crate::model::{Date, Kind, Modality, Relation};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Limits on the lists kept per node and edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caps {
    /// Article ids kept per node and per edge.
    pub article_ids: usize,
    /// Evidence sentences kept per edge.
    pub evidence: usize,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            article_ids: 50,
            evidence: 25,
        }
    }
}

/// An entity of the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id (`person:vladimir_putin`).
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// Every surface form seen.
    pub aliases: BTreeSet<String>,
    /// Mentions over all articles.
    pub mentions: u64,
    /// Number of articles that mention it.
    pub articles: u64,
    /// The first article ids (in sorted order), capped.
    pub article_ids: Vec<String>,
    /// Earliest article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Date>,
    /// Latest article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Date>,
}

/// One piece of evidence for an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// Article date (sorts first; unknown dates last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Article id.
    pub article: String,
    /// Character offset of the sentence in the article.
    pub start: usize,
    /// Character offset of the end of the sentence.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// Trigger words.
    pub trigger: String,
    /// Modality of this occurrence.
    pub modality: Modality,
}

impl Evidence {
    fn key(&self) -> (bool, Option<Date>, &str, usize, &str, Modality) {
        (
            self.date.is_none(),
            self.date,
            &self.article,
            self.start,
            &self.trigger,
            self.modality,
        )
    }
}

/// A relation of the graph between two entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Relation.
    pub relation: Relation,
    /// Occurrences over all articles.
    pub weight: u64,
    /// Number of articles stating it.
    pub articles: u64,
    /// The first article ids (sorted), capped.
    pub article_ids: Vec<String>,
    /// Earliest article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Date>,
    /// Latest article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Date>,
    /// Occurrences per modality, in [`Modality::ALL`] order.
    pub modality_counts: [u64; 4],
    /// Evidence, capped, in (date, article, offset) order.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// Modalities seen, in order.
    pub fn modalities(&self) -> Vec<Modality> {
        Modality::ALL
            .iter()
            .copied()
            .filter(|m| self.modality_counts[m.index()] > 0)
            .collect()
    }

    /// The modality seen most often (ties: the first in [`Modality::ALL`]).
    pub fn main_modality(&self) -> Modality {
        let mut best = Modality::Asserted;
        let mut n = 0;
        for m in Modality::ALL {
            if self.modality_counts[m.index()] > n {
                n = self.modality_counts[m.index()];
                best = m;
            }
        }
        best
    }
}

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// The petgraph graph: nodes are entities, edges relations (undirected relations are stored
    /// once, from the smaller id to the larger).
    pub g: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    edge_index: HashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    /// Caps on kept lists.
    pub caps: Caps,
    /// Number of articles merged.
    pub articles: u64,
}

fn merge_sorted_capped<T: Ord + Clone>(a: &mut Vec<T>, b: impl IntoIterator<Item = T>, cap: usize) {
    let mut set: BTreeSet<T> = a.drain(..).collect();
    set.extend(b);
    a.extend(set.into_iter().take(cap));
}

fn min_date(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn max_date(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

impl Graph {
    /// An empty graph with the given caps.
    pub fn new(caps: Caps) -> Graph {
        Graph {
            caps,
            ..Graph::default()
        }
    }

    /// Node index by id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// Adds or merges a node.
    pub fn merge_node(&mut self, n: Node) -> NodeIndex {
        match self.index.get(&n.id) {
            Some(&i) => {
                let cap = self.caps.article_ids;
                let cur = &mut self.g[i];
                cur.aliases.extend(n.aliases);
                cur.mentions += n.mentions;
                cur.articles += n.articles;
                merge_sorted_capped(&mut cur.article_ids, n.article_ids, cap);
                cur.first_seen = min_date(cur.first_seen, n.first_seen);
                cur.last_seen = max_date(cur.last_seen, n.last_seen);
                // A label is the same for one id; keep the smaller for determinism.
                if n.label < cur.label {
                    cur.label = n.label;
                }
                i
            }
            None => {
                let id = n.id.clone();
                let i = self.g.add_node(n);
                self.index.insert(id, i);
                i
            }
        }
    }

    /// Adds or merges an edge between two existing nodes.
    pub fn merge_edge(&mut self, a: NodeIndex, b: NodeIndex, e: Edge) {
        let (a, b) = if !e.relation.directed() && self.g[b].id < self.g[a].id {
            (b, a)
        } else {
            (a, b)
        };
        let key = (a, e.relation, b);
        match self.edge_index.get(&key) {
            Some(&ei) => {
                let caps = self.caps;
                let cur = &mut self.g[ei];
                cur.weight += e.weight;
                cur.articles += e.articles;
                merge_sorted_capped(&mut cur.article_ids, e.article_ids, caps.article_ids);
                cur.first_seen = min_date(cur.first_seen, e.first_seen);
                cur.last_seen = max_date(cur.last_seen, e.last_seen);
                for k in 0..4 {
                    cur.modality_counts[k] += e.modality_counts[k];
                }
                let mut all: Vec<Evidence> = cur.evidence.drain(..).chain(e.evidence).collect();
                all.sort_by(|x, y| x.key().cmp(&y.key()));
                all.dedup_by(|x, y| x.key() == y.key());
                all.truncate(caps.evidence);
                cur.evidence = all;
            }
            None => {
                let ei = self.g.add_edge(a, b, e);
                self.edge_index.insert(key, ei);
            }
        }
    }

    /// Merges one article's extraction.
    pub fn add(&mut self, x: &Extraction) {
        self.articles += 1;
        let art = vec![x.article.clone()];
        for n in &x.nodes {
            self.merge_node(Node {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind,
                aliases: n.aliases.iter().cloned().collect(),
                mentions: n.mentions as u64,
                articles: 1,
                article_ids: art.clone(),
                first_seen: x.date,
                last_seen: x.date,
            });
        }
        // Group occurrences by edge within the article.
        let mut per: HashMap<(&str, Relation, &str), Edge> = HashMap::new();
        let mut order: Vec<(&str, Relation, &str)> = Vec::new();
        for o in &x.edges {
            let key = (o.source.as_str(), o.relation, o.target.as_str());
            let e = per.entry(key).or_insert_with(|| {
                order.push(key);
                Edge {
                    relation: o.relation,
                    weight: 0,
                    articles: 1,
                    article_ids: art.clone(),
                    first_seen: x.date,
                    last_seen: x.date,
                    modality_counts: [0; 4],
                    evidence: Vec::new(),
                }
            });
            e.weight += 1;
            e.modality_counts[o.modality.index()] += 1;
            e.evidence.push(Evidence {
                date: x.date,
                article: x.article.clone(),
                start: o.start,
                end: o.end,
                sentence: o.sentence.clone(),
                trigger: o.trigger.clone(),
                modality: o.modality,
            });
        }
        for key in order {
            let mut e = per.remove(&key).unwrap();
            e.evidence.sort_by(|a, b| a.key().cmp(&b.key()));
            e.evidence.dedup_by(|a, b| a.key() == b.key());
            e.evidence.truncate(self.caps.evidence);
            let (Some(a), Some(b)) = (self.node(key.0), self.node(key.2)) else {
                continue;
            };
            self.merge_edge(a, b, e);
        }
    }

    /// Merges another graph into this one.
    pub fn merge(&mut self, other: &Graph) {
        self.articles += other.articles;
        for n in other.g.node_weights() {
            self.merge_node(n.clone());
        }
        for e in other.g.edge_indices() {
            let (a, b) = other.g.edge_endpoints(e).unwrap();
            let a = self.node(&other.g[a].id).unwrap();
            let b = self.node(&other.g[b].id).unwrap();
            self.merge_edge(a, b, other.g[e].clone());
        }
    }

    /// Node indices sorted by id (the export order).
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.g.node_indices().collect();
        v.sort_by(|a, b| self.g[*a].id.cmp(&self.g[*b].id));
        v
    }

    /// Edge indices sorted by (source id, relation, target id) (the export order).
    pub fn sorted_edges(&self) -> Vec<EdgeIndex> {
        let mut v: Vec<EdgeIndex> = self.g.edge_indices().collect();
        v.sort_by(|x, y| {
            let (a1, b1) = self.g.edge_endpoints(*x).unwrap();
            let (a2, b2) = self.g.edge_endpoints(*y).unwrap();
            (&self.g[a1].id, self.g[*x].relation.id(), &self.g[b1].id).cmp(&(
                &self.g[a2].id,
                self.g[*y].relation.id(),
                &self.g[b2].id,
            ))
        });
        v
    }

    /// Keeps only nodes and edges for which the predicates hold (nodes left without edges
    /// that fail `keep_isolated` are dropped too).
    pub fn filtered(
        &self,
        keep_node: impl Fn(&Node) -> bool,
        keep_edge: impl Fn(&Node, &Edge, &Node) -> bool,
        drop_isolated: bool,
    ) -> Graph {
        let mut out = Graph::new(self.caps);
        out.articles = self.articles;
        let mut kept_edges = Vec::new();
        for e in self.g.edge_indices() {
            let (a, b) = self.g.edge_endpoints(e).unwrap();
            if keep_node(&self.g[a])
                && keep_node(&self.g[b])
                && keep_edge(&self.g[a], &self.g[e], &self.g[b])
            {
                kept_edges.push(e);
            }
        }
        let mut with_edges: BTreeSet<NodeIndex> = BTreeSet::new();
        for &e in &kept_edges {
            let (a, b) = self.g.edge_endpoints(e).unwrap();
            with_edges.insert(a);
            with_edges.insert(b);
        }
        for n in self.sorted_nodes() {
            if keep_node(&self.g[n]) && (!drop_isolated || with_edges.contains(&n)) {
                out.merge_node(self.g[n].clone());
            }
        }
        for e in kept_edges {
            let (a, b) = self.g.edge_endpoints(e).unwrap();
            let (Some(a), Some(b)) = (out.node(&self.g[a].id), out.node(&self.g[b].id)) else {
                continue;
            };
            out.merge_edge(a, b, self.g[e].clone());
        }
        out
    }
}
