//! Query stage: finds an actor in a built graph by any of its names, lists its neighbours
//! (to a depth, by relation or kind), and explains the edges between two actors with their
//! evidence.

use crate::graph::{Edge, Graph};
use crate::model::{Kind, Relation};
use crate::text::name_key;
use anyhow::{Result, bail};
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// Titles and words dropped from a query before matching ("President Putin" → "putin").
const QUERY_NOISE: &[&str] = &[
    "president",
    "prime",
    "minister",
    "pm",
    "chancellor",
    "king",
    "queen",
    "general",
    "gen",
    "secretary",
    "state",
    "foreign",
    "defence",
    "defense",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "rep",
    "the",
    "leader",
    "spokesman",
    "spokeswoman",
    "supreme",
    "ayatollah",
    "crown",
    "prince",
    "emir",
    "sheikh",
];

/// The names of a graph's nodes, folded for lookups: built once per query, then asked for any
/// number of names.
pub struct Names<'g> {
    g: &'g Graph,
    by_key: HashMap<String, Vec<NodeIndex>>,
    /// Each node's folded label.
    labels: Vec<(String, NodeIndex)>,
}

impl<'g> Names<'g> {
    /// Folds every label and alias of `g`.
    pub fn new(g: &'g Graph) -> Names<'g> {
        let mut by_key: HashMap<String, Vec<NodeIndex>> = HashMap::new();
        let mut labels = Vec::with_capacity(g.node_count());
        for n in g.g.node_indices() {
            let node = &g.g[n];
            let label = name_key(&node.label);
            let mut forms: Vec<String> = node.aliases.iter().map(|a| name_key(a)).collect();
            forms.push(label.clone());
            forms.sort();
            forms.dedup();
            for f in forms {
                by_key.entry(f).or_default().push(n);
            }
            labels.push((label, n));
        }
        Names { g, by_key, labels }
    }

    /// Finds the node an actor name refers to: exact id, label or alias (loosely: case,
    /// accents, dots), then the same without titles ("President Putin"), then a unique
    /// last-name match.
    pub fn resolve(&self, name: &str) -> Result<NodeIndex> {
        let g = self.g;
        if let Some(n) = g.node(name) {
            return Ok(n);
        }
        let key = name_key(name);
        let pick = |cands: &[NodeIndex]| -> Option<NodeIndex> {
            // The most mentioned node wins a tie (Putin the person before a Putin place).
            cands
                .iter()
                .copied()
                .max_by_key(|&n| (g.g[n].mentions, std::cmp::Reverse(g.g[n].id.as_str())))
        };
        if let Some(c) = self.by_key.get(&key) {
            return Ok(pick(c).unwrap());
        }
        let stripped: Vec<&str> = key
            .split(' ')
            .filter(|w| !QUERY_NOISE.contains(w))
            .collect();
        let stripped = stripped.join(" ");
        if !stripped.is_empty() {
            if let Some(c) = self.by_key.get(&stripped) {
                return Ok(pick(c).unwrap());
            }
            // A last name alone: labels ending with it.
            let tail = format!(" {stripped}");
            let ends: Vec<NodeIndex> = self
                .labels
                .iter()
                .filter(|(l, _)| l.ends_with(&tail))
                .map(|(_, n)| *n)
                .collect();
            if !ends.is_empty() {
                return Ok(pick(&ends).unwrap());
            }
        }
        // Unknown: suggest the closest names.
        let mut scored: Vec<(f64, String)> =
            g.g.node_weights()
                .flat_map(|n| std::iter::once(n.label.clone()).chain(n.aliases.iter().cloned()))
                .map(|s| (strsim::jaro_winkler(&key, &name_key(&s)), s))
                .collect();
        scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then_with(|| a.1.cmp(&b.1)));
        scored.dedup_by(|a, b| a.1 == b.1);
        let close: Vec<String> = scored.into_iter().take(5).map(|(_, s)| s).collect();
        if close.is_empty() {
            bail!("no entity named {name:?}: the graph is empty");
        }
        bail!(
            "no entity named {name:?} in the graph; closest names: {}",
            close.join(", ")
        )
    }
}

/// Finds the node an actor name refers to (see [`Names::resolve`]; to look up several names
/// in one graph, build [`Names`] once).
pub fn resolve(g: &Graph, name: &str) -> Result<NodeIndex> {
    if let Some(n) = g.node(name) {
        return Ok(n);
    }
    Names::new(g).resolve(name)
}

/// Which way an edge points from the queried node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction2 {
    /// query → neighbour
    Out,
    /// neighbour → query
    In,
    /// symmetric relation
    Both,
}

/// One neighbour row.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Neighbour {
    /// Distance from the queried actor.
    pub depth: usize,
    /// The node the edge starts from in the walk.
    pub from: String,
    /// Neighbour id.
    pub id: String,
    /// Neighbour label.
    pub label: String,
    /// Neighbour kind.
    pub kind: Kind,
    /// Relation id.
    pub relation: Relation,
    /// Direction from `from`.
    pub direction: Direction2,
    /// Occurrences.
    pub weight: u64,
    /// Articles.
    pub articles: u64,
    /// Modalities seen.
    pub modality: Vec<crate::model::Modality>,
    /// First date.
    pub first_seen: Option<crate::model::Date>,
    /// Last date.
    pub last_seen: Option<crate::model::Date>,
}

/// Filters for [`neighbours`].
#[derive(Debug, Clone, Default)]
pub struct NeighbourQuery {
    /// Walk this many steps (1 = direct neighbours).
    pub depth: usize,
    /// Only these relations.
    pub relations: Vec<Relation>,
    /// Only neighbours of these kinds.
    pub kinds: Vec<Kind>,
}

/// Lists the neighbours of `start`, breadth first, strongest edges first at each node.
pub fn neighbours(g: &Graph, start: NodeIndex, q: &NeighbourQuery) -> Vec<Neighbour> {
    let depth = q.depth.max(1);
    let mut seen: HashMap<NodeIndex, usize> = HashMap::new();
    seen.insert(start, 0);
    let mut queue = VecDeque::from([start]);
    let mut out = Vec::new();
    while let Some(n) = queue.pop_front() {
        let d = seen[&n];
        if d >= depth {
            continue;
        }
        let mut rows: Vec<(EdgeIndex, NodeIndex, Direction2)> = Vec::new();
        for e in g.g.edges_directed(n, Direction::Outgoing) {
            let dir = if e.weight().relation.directed() {
                Direction2::Out
            } else {
                Direction2::Both
            };
            rows.push((e.id(), e.target(), dir));
        }
        for e in g.g.edges_directed(n, Direction::Incoming) {
            let dir = if e.weight().relation.directed() {
                Direction2::In
            } else {
                Direction2::Both
            };
            rows.push((e.id(), e.source(), dir));
        }
        rows.retain(|(e, m, _)| {
            let edge = &g.g[*e];
            (q.relations.is_empty() || q.relations.contains(&edge.relation))
                && (q.kinds.is_empty() || q.kinds.contains(&g.g[*m].kind))
                && *m != n
        });
        rows.sort_by(|a, b| {
            let (ea, eb) = (&g.g[a.0], &g.g[b.0]);
            eb.weight
                .cmp(&ea.weight)
                .then_with(|| g.g[a.1].label.cmp(&g.g[b.1].label))
                .then_with(|| ea.relation.id().cmp(eb.relation.id()))
        });
        for (e, m, dir) in rows {
            let edge = &g.g[e];
            let node = &g.g[m];
            out.push(Neighbour {
                depth: d + 1,
                from: g.g[n].label.clone(),
                id: node.id.clone(),
                label: node.label.clone(),
                kind: node.kind,
                relation: edge.relation,
                direction: dir,
                weight: edge.weight,
                articles: edge.articles,
                modality: edge.modalities(),
                first_seen: edge.first_seen.get(),
                last_seen: edge.last_seen.get(),
            });
            if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(m) {
                v.insert(d + 1);
                queue.push_back(m);
            }
        }
    }
    out
}

/// Every edge between `a` and `b`, either way.
pub fn between(g: &Graph, a: NodeIndex, b: NodeIndex) -> Vec<(NodeIndex, NodeIndex, &Edge)> {
    let mut out: Vec<(NodeIndex, NodeIndex, &Edge)> = Vec::new();
    for e in g.g.edges_connecting(a, b) {
        out.push((a, b, e.weight()));
    }
    for e in g.g.edges_connecting(b, a) {
        out.push((b, a, e.weight()));
    }
    out.sort_by(|x, y| {
        y.2.weight
            .cmp(&x.2.weight)
            .then_with(|| x.2.relation.id().cmp(y.2.relation.id()))
    });
    out
}

/// Edges around a country including its people's: "Russia, including Putin and Lavrov" — the
/// people whose `official_of`/`leader_of` edge to the country overlaps the dates of their
/// own edges.
pub fn country_rollup(g: &Graph, country: NodeIndex) -> BTreeMap<String, NodeIndex> {
    let mut members = BTreeMap::new();
    for e in g.g.edges_directed(country, Direction::Incoming) {
        if matches!(
            e.weight().relation,
            Relation::LeaderOf | Relation::OfficialOf
        ) && g.g[e.source()].kind == Kind::Person
        {
            members.insert(g.g[e.source()].label.clone(), e.source());
        }
    }
    members
}
