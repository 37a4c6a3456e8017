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
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeSet;

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
    index: FxHashMap<Box<str>, NodeIndex>,
    edge_index: FxHashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    /// Caps on kept lists.
    pub caps: Caps,
    /// Number of articles merged.
    pub articles: u64,
}

/// Grows `v` by one slot without overshooting `cap` (a capped list never holds spare room
/// beyond its cap, and small lists stay small).
fn reserve_one<T>(v: &mut Vec<T>, cap: usize) {
    if v.len() == v.capacity() {
        let want = (v.len() * 2).max(2).min(cap.max(1));
        v.reserve_exact(want.saturating_sub(v.len()).max(1));
    }
}

/// Inserts into a sorted, duplicate-free list capped at `cap` (the smallest `cap` items are
/// kept). `make` builds the item only when it is kept, so a rejected item costs no allocation.
fn insert_capped_by<T>(
    v: &mut Vec<T>,
    cap: usize,
    cmp: impl FnMut(&T) -> Ordering,
    make: impl FnOnce() -> T,
) -> bool {
    match v.binary_search_by(cmp) {
        Ok(_) => false,
        Err(pos) if pos >= cap => false,
        Err(pos) => {
            if v.len() >= cap {
                v.truncate(cap - 1);
            } else {
                reserve_one(v, cap);
            }
            v.insert(pos, make());
            true
        }
    }
}

/// Merges a sorted, duplicate-free list `b` into `a` (same shape), keeping the `cap` smallest;
/// on equal keys `a`'s item stays.
fn merge_capped_by<T>(a: &mut Vec<T>, b: Vec<T>, cap: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    if b.is_empty() {
        a.truncate(cap);
        return;
    }
    if a.is_empty() {
        *a = b;
        a.truncate(cap);
        return;
    }
    let mut out = Vec::with_capacity((a.len() + b.len()).min(cap));
    let mut ia = std::mem::take(a).into_iter().peekable();
    let mut ib = b.into_iter().peekable();
    while out.len() < cap {
        let next = match (ia.peek(), ib.peek()) {
            (Some(x), Some(y)) => match cmp(x, y) {
                Ordering::Less => ia.next(),
                Ordering::Greater => ib.next(),
                Ordering::Equal => {
                    ib.next();
                    ia.next()
                }
            },
            (Some(_), None) => ia.next(),
            (None, Some(_)) => ib.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    *a = out;
}

/// Sorts and dedups a list (first of equal keys kept) and caps it.
fn normalise_by<T>(v: &mut Vec<T>, cap: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    v.sort_by(&cmp);
    v.dedup_by(|x, y| cmp(y, x) == Ordering::Equal);
    v.truncate(cap);
}

fn evidence_cmp(x: &Evidence, y: &Evidence) -> Ordering {
    x.key().cmp(&y.key())
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

    /// Adds or merges a node. Lists in `n` need not be sorted.
    pub fn merge_node(&mut self, mut n: Node) -> NodeIndex {
        let cap = self.caps.article_ids;
        normalise_by(&mut n.article_ids, cap, |a, b| a.cmp(b));
        match self.index.get(n.id.as_str()) {
            Some(&i) => {
                let cur = &mut self.g[i];
                if cur.aliases.is_empty() {
                    cur.aliases = n.aliases;
                } else {
                    cur.aliases.extend(n.aliases);
                }
                cur.mentions += n.mentions;
                cur.articles += n.articles;
                merge_capped_by(&mut cur.article_ids, n.article_ids, cap, |a, b| a.cmp(b));
                cur.first_seen = min_date(cur.first_seen, n.first_seen);
                cur.last_seen = max_date(cur.last_seen, n.last_seen);
                // A label is the same for one id; keep the smaller for determinism.
                if n.label < cur.label {
                    cur.label = n.label;
                }
                i
            }
            None => {
                let id: Box<str> = n.id.as_str().into();
                let i = self.g.add_node(n);
                self.index.insert(id, i);
                i
            }
        }
    }

    /// Adds or merges an edge between two existing nodes. Lists in `e` need not be sorted.
    pub fn merge_edge(&mut self, a: NodeIndex, b: NodeIndex, mut e: Edge) {
        let caps = self.caps;
        normalise_by(&mut e.article_ids, caps.article_ids, |a, b| a.cmp(b));
        normalise_by(&mut e.evidence, caps.evidence, evidence_cmp);
        let (a, b) = if !e.relation.directed() && self.g[b].id < self.g[a].id {
            (b, a)
        } else {
            (a, b)
        };
        let key = (a, e.relation, b);
        match self.edge_index.get(&key) {
            Some(&ei) => {
                let cur = &mut self.g[ei];
                cur.weight += e.weight;
                cur.articles += e.articles;
                merge_capped_by(
                    &mut cur.article_ids,
                    e.article_ids,
                    caps.article_ids,
                    |a, b| a.cmp(b),
                );
                cur.first_seen = min_date(cur.first_seen, e.first_seen);
                cur.last_seen = max_date(cur.last_seen, e.last_seen);
                for k in 0..4 {
                    cur.modality_counts[k] += e.modality_counts[k];
                }
                merge_capped_by(&mut cur.evidence, e.evidence, caps.evidence, evidence_cmp);
            }
            None => {
                let ei = self.g.add_edge(a, b, e);
                self.edge_index.insert(key, ei);
            }
        }
    }

    /// Merges one article's extraction. Existing nodes and edges are updated in place, and a
    /// string is copied only when it is kept (a new node or edge, a new alias, an article id or
    /// a piece of evidence that makes it into a capped list).
    pub fn add(&mut self, x: &Extraction) {
        self.articles += 1;
        let caps = self.caps;
        let art = x.article.as_str();
        let mut local: Vec<NodeIndex> = Vec::with_capacity(x.nodes.len());
        for n in &x.nodes {
            match self.index.get(n.id.as_str()) {
                Some(&i) => {
                    local.push(i);
                    let cur = &mut self.g[i];
                    for al in &n.aliases {
                        if !cur.aliases.contains(al.as_str()) {
                            cur.aliases.insert(al.clone());
                        }
                    }
                    cur.mentions += n.mentions as u64;
                    cur.articles += 1;
                    insert_capped_by(
                        &mut cur.article_ids,
                        caps.article_ids,
                        |s| s.as_str().cmp(art),
                        || art.to_string(),
                    );
                    cur.first_seen = min_date(cur.first_seen, x.date);
                    cur.last_seen = max_date(cur.last_seen, x.date);
                    if n.label < cur.label {
                        cur.label = n.label.clone();
                    }
                }
                None => {
                    let node = Node {
                        id: n.id.clone(),
                        label: n.label.clone(),
                        kind: n.kind,
                        aliases: n.aliases.iter().cloned().collect(),
                        mentions: n.mentions as u64,
                        articles: 1,
                        article_ids: if caps.article_ids > 0 {
                            vec![art.to_string()]
                        } else {
                            Vec::new()
                        },
                        first_seen: x.date,
                        last_seen: x.date,
                    };
                    let i = self.g.add_node(node);
                    self.index.insert(n.id.as_str().into(), i);
                    local.push(i);
                }
            }
        }
        // Each occurrence's ends: the article's own nodes (sorted by id, as extraction gives
        // them) first, the whole graph otherwise. Then group the occurrences by edge: sort
        // them by (source, relation, target, position in the article).
        let sorted = x.nodes.windows(2).all(|w| w[0].id < w[1].id);
        let find = |g: &Graph, id: &str| -> Option<NodeIndex> {
            if sorted && let Ok(p) = x.nodes.binary_search_by(|n| n.id.as_str().cmp(id)) {
                return Some(local[p]);
            }
            g.node(id)
        };
        let mut occ: Vec<(NodeIndex, Relation, NodeIndex, u32)> = Vec::with_capacity(x.edges.len());
        for (k, o) in x.edges.iter().enumerate() {
            let (Some(a), Some(b)) = (find(self, &o.source), find(self, &o.target)) else {
                continue;
            };
            let (a, b) = if !o.relation.directed() && self.g[b].id < self.g[a].id {
                (b, a)
            } else {
                (a, b)
            };
            occ.push((a, o.relation, b, k as u32));
        }
        occ.sort_unstable();
        let mut i = 0;
        while i < occ.len() {
            let (a, relation, b, _) = occ[i];
            let mut j = i + 1;
            while j < occ.len() && (occ[j].0, occ[j].1, occ[j].2) == (a, relation, b) {
                j += 1;
            }
            let group = &occ[i..j];
            i = j;
            let ei = match self.edge_index.get(&(a, relation, b)) {
                Some(&ei) => {
                    let cur = &mut self.g[ei];
                    cur.articles += 1;
                    insert_capped_by(
                        &mut cur.article_ids,
                        caps.article_ids,
                        |s| s.as_str().cmp(art),
                        || art.to_string(),
                    );
                    cur.first_seen = min_date(cur.first_seen, x.date);
                    cur.last_seen = max_date(cur.last_seen, x.date);
                    ei
                }
                None => {
                    let e = Edge {
                        relation,
                        weight: 0,
                        articles: 1,
                        article_ids: if caps.article_ids > 0 {
                            vec![art.to_string()]
                        } else {
                            Vec::new()
                        },
                        first_seen: x.date,
                        last_seen: x.date,
                        modality_counts: [0; 4],
                        evidence: Vec::new(),
                    };
                    let ei = self.g.add_edge(a, b, e);
                    self.edge_index.insert((a, relation, b), ei);
                    ei
                }
            };
            let cur = &mut self.g[ei];
            for &(_, _, _, k) in group {
                let o = &x.edges[k as usize];
                cur.weight += 1;
                cur.modality_counts[o.modality.index()] += 1;
                let key = (
                    x.date.is_none(),
                    x.date,
                    art,
                    o.start,
                    o.trigger.as_str(),
                    o.modality,
                );
                insert_capped_by(
                    &mut cur.evidence,
                    caps.evidence,
                    |ev| ev.key().cmp(&key),
                    || Evidence {
                        date: x.date,
                        article: art.to_string(),
                        start: o.start,
                        end: o.end,
                        sentence: o.sentence.clone(),
                        trigger: o.trigger.clone(),
                        modality: o.modality,
                    },
                );
            }
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
        v.sort_unstable_by(|a, b| self.g[*a].id.cmp(&self.g[*b].id).then(a.cmp(b)));
        v
    }

    /// Edge indices sorted by (source id, relation, target id) (the export order).
    pub fn sorted_edges(&self) -> Vec<EdgeIndex> {
        // Compare integer ranks, not strings: the rank of a node in id order and of a
        // relation in id order.
        let mut rank = vec![0u32; self.g.node_count()];
        for (r, n) in self.sorted_nodes().into_iter().enumerate() {
            rank[n.index()] = r as u32;
        }
        let mut rel: Vec<Relation> = Relation::ALL.to_vec();
        rel.sort_unstable_by_key(|r| r.id());
        // By position in `Relation::ALL` (the enum's declaration order).
        let mut rel_ranks = vec![0u8; Relation::ALL.len()];
        for (i, r) in rel.iter().enumerate() {
            rel_ranks[*r as usize] = i as u8;
        }
        let mut keyed: Vec<(u32, u8, u32, u32)> = self
            .g
            .edge_indices()
            .map(|e| {
                let (a, b) = self.g.edge_endpoints(e).unwrap();
                let r = rel_ranks[self.g[e].relation as usize];
                (rank[a.index()], r, rank[b.index()], e.index() as u32)
            })
            .collect();
        keyed.sort_unstable();
        keyed
            .into_iter()
            .map(|k| EdgeIndex::new(k.3 as usize))
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{EdgeRec, NodeRec};

    fn x(article: &str, day: u8, pairs: &[(&str, &str, Relation, &str)]) -> Extraction {
        let mut ids: Vec<&str> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
        ids.sort();
        ids.dedup();
        Extraction {
            article: article.into(),
            date: Date::new(2025, 1, day),
            nodes: ids
                .iter()
                .map(|id| NodeRec {
                    id: id.to_string(),
                    label: id.to_uppercase(),
                    kind: Kind::Person,
                    aliases: vec![format!("{id} ({article})"), id.to_string()],
                    mentions: 2,
                })
                .collect(),
            edges: pairs
                .iter()
                .enumerate()
                .map(|(i, (s, t, r, trig))| EdgeRec {
                    source: s.to_string(),
                    target: t.to_string(),
                    relation: *r,
                    modality: Modality::ALL[i % 4],
                    trigger: trig.to_string(),
                    sentence: format!("{s} {trig} {t} in {article}."),
                    start: i * 10,
                    end: i * 10 + 9,
                })
                .collect(),
            unplaced: Vec::new(),
        }
    }

    fn corpus() -> Vec<Extraction> {
        (0..12u8)
            .map(|i| {
                let art = format!("art{:02}", (i * 7) % 12);
                x(
                    &art,
                    1 + (i * 5) % 28,
                    &[
                        ("a", "b", Relation::MetWith, "met"),
                        // Extraction puts symmetric relations in id order.
                        ("a", "b", Relation::MetWith, "talks"),
                        ("a", "c", Relation::Praised, "praised"),
                        (
                            "c",
                            "a",
                            Relation::Praised,
                            if i % 2 == 0 { "hailed" } else { "praised" },
                        ),
                        ("a", "b", Relation::MetWith, "met"),
                    ],
                )
            })
            .collect()
    }

    fn json(g: &Graph) -> String {
        serde_json::to_string(&crate::export::json::to_json(g)).unwrap()
    }

    const CAPS: Caps = Caps {
        article_ids: 5,
        evidence: 4,
    };

    #[test]
    fn shards_merge_to_the_whole_in_any_order() {
        let all = corpus();
        let mut whole = Graph::new(CAPS);
        for e in &all {
            whole.add(e);
        }
        let (left, right) = all.split_at(5);
        let mut a = Graph::new(CAPS);
        left.iter().for_each(|e| a.add(e));
        let mut b = Graph::new(CAPS);
        right.iter().rev().for_each(|e| b.add(e));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(json(&ab), json(&whole));
        assert_eq!(json(&ba), json(&whole));
    }

    #[test]
    fn capped_lists_keep_the_smallest_items_sorted() {
        let mut g = Graph::new(CAPS);
        for e in corpus().iter().rev() {
            g.add(e);
        }
        let ab = g.node("a").unwrap();
        let node = &g.g[ab];
        assert_eq!(node.articles, 12);
        assert_eq!(node.mentions, 24);
        let ids: Vec<String> = (0..5).map(|i| format!("art{i:02}")).collect();
        assert_eq!(node.article_ids, ids);
        let e =
            g.g.edges_connecting(ab, g.node("b").unwrap())
                .next()
                .unwrap();
        let e = e.weight();
        // Three occurrences per article, merged into one edge.
        assert_eq!(e.weight, 36);
        assert_eq!(e.articles, 12);
        assert_eq!(e.evidence.len(), 4);
        let mut sorted = e.evidence.clone();
        sorted.sort();
        assert_eq!(e.evidence, sorted);
        // Earliest dates first.
        assert!(e.evidence.windows(2).all(|w| w[0].date <= w[1].date));
        assert_eq!(e.first_seen, Date::new(2025, 1, 1));
        assert_eq!(e.modality_counts.iter().sum::<u64>(), 36);
        // Praised is directed: two edges.
        assert_eq!(g.edge_count(), 3);
    }

    #[test]
    fn export_order_is_by_ids_and_relation_ids() {
        let mut g = Graph::new(CAPS);
        for e in &corpus() {
            g.add(e);
        }
        // More relations between the same nodes, in shuffled order.
        let ids = ["zed", "a", "mid", "b"];
        for (i, r) in Relation::ALL.iter().enumerate().rev() {
            let (s, t) = (ids[i % 4], ids[(i * 3 + 1) % 4]);
            g.add(&x("extra", 3, &[(s, t, *r, "w")]));
        }
        let got: Vec<(String, &str, String)> = g
            .sorted_edges()
            .into_iter()
            .map(|e| {
                let (a, b) = g.g.edge_endpoints(e).unwrap();
                (g.g[a].id.clone(), g.g[e].relation.id(), g.g[b].id.clone())
            })
            .collect();
        let mut want = got.clone();
        want.sort();
        assert_eq!(got, want);
        assert_eq!(got.len(), g.edge_count());
        let nodes: Vec<&str> = g
            .sorted_nodes()
            .iter()
            .map(|n| g.g[*n].id.as_str())
            .collect();
        let mut sorted = nodes.clone();
        sorted.sort();
        assert_eq!(nodes, sorted);
    }
}
