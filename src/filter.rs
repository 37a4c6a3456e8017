//! Filters on a built graph: a date window, entity kinds, relation ids, a minimum weight,
//! modalities, and an ego graph around one actor. `build`, `merge` and `render` apply a
//! [`Filter`] before writing; `neighbours` and `explain` apply its edge part before querying.
//!
//! Filters choose which nodes and edges are kept and which evidence is shown; they never
//! rewrite counts. An edge kept by `--since 2025-01` still has the weight, article count and
//! first/last dates it has over the whole corpus, but only its evidence from the window.

use crate::graph::{Edge, Evidence, Graph, Node};
use crate::model::{Date, Kind, Modality, Relation};
use anyhow::{Result, bail};
use clap::Args;
use petgraph::graph::NodeIndex;
use std::collections::{HashSet, VecDeque};

/// Which part of a graph to keep. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep what was seen on or after this date.
    pub since: Option<Date>,
    /// Keep what was seen on or before this date.
    pub until: Option<Date>,
    /// Keep only entities of these kinds (and edges between them); empty keeps all.
    pub kinds: Vec<Kind>,
    /// Keep only edges of these relations; empty keeps all.
    pub relations: Vec<Relation>,
    /// Keep only edges with at least this weight (occurrences).
    pub min_weight: u64,
    /// Keep only edges seen with one of these modalities (and only that evidence); empty
    /// keeps all.
    pub modalities: Vec<Modality>,
    /// Keep only the ego graph around this actor (any name, alias or id).
    pub around: Option<String>,
    /// Radius of the ego graph, in steps along edges of either direction.
    pub depth: usize,
}

/// Parses `--since`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a partial date means its first day).
pub fn parse_since(s: &str) -> Result<Date, String> {
    Date::parse_partial(s, false)
        .ok_or_else(|| format!("bad date {s:?} (want YYYY, YYYY-MM or YYYY-MM-DD)"))
}

/// Parses `--until`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a partial date means its last day).
pub fn parse_until(s: &str) -> Result<Date, String> {
    Date::parse_partial(s, true)
        .ok_or_else(|| format!("bad date {s:?} (want YYYY, YYYY-MM or YYYY-MM-DD)"))
}

/// The edge filters shared by every command that reads a graph.
#[derive(Debug, Clone, Default, Args)]
pub struct EdgeFilterArgs {
    /// Only what was seen on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); evidence from
    /// before is hidden. Undated articles fall outside every window.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Date>,
    /// Only what was seen on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<Date>,
    /// Only edges seen at least N times.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_weight: u64,
    /// Only edges seen with these modalities (asserted, planned, possible, negated), and
    /// only their evidence.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub modality: Vec<Modality>,
}

/// Every filter on a graph: the edge filters plus kinds and relations.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub edges: EdgeFilterArgs,
    /// Only entities of these kinds (person, country, weapon, place, organisation) and the
    /// edges between them.
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    pub kind: Vec<Kind>,
    /// Only these relations (comma-separated ids, e.g. supplies,supplies_weapons_to).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub relation: Vec<Relation>,
}

/// The ego-graph filter.
#[derive(Debug, Clone, Default, Args)]
pub struct AroundArgs {
    /// Only the entities within --depth steps of ACTOR (any name, alias or id), and the edges
    /// between them.
    #[arg(long, value_name = "ACTOR")]
    pub around: Option<String>,
    /// Steps from --around.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub depth: usize,
}

impl EdgeFilterArgs {
    /// The filter these options describe.
    pub fn filter(&self) -> Filter {
        Filter {
            since: self.since,
            until: self.until,
            min_weight: self.min_weight,
            modalities: self.modality.clone(),
            ..Filter::default()
        }
    }
}

impl FilterArgs {
    /// The filter these options describe, with an optional ego graph.
    pub fn filter(&self, around: &AroundArgs) -> Filter {
        Filter {
            kinds: self.kind.clone(),
            relations: self.relation.clone(),
            around: around.around.clone(),
            depth: around.depth,
            ..self.edges.filter()
        }
    }
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self
            == Filter {
                depth: self.depth,
                ..Filter::default()
            }
    }

    fn has_window(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// True when the filter drops edges for what they are (relation, weight, modality), in
    /// which case nodes left without edges are dropped too.
    fn drops_edges(&self) -> bool {
        !self.relations.is_empty() || self.min_weight > 1 || !self.modalities.is_empty()
    }

    /// Whether `d` lies in the date window.
    pub fn in_window(&self, d: Date) -> bool {
        self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u)
    }

    /// Whether the window meets the period `from..=to`.
    fn meets(&self, from: Date, to: Date) -> bool {
        self.since.is_none_or(|s| to >= s) && self.until.is_none_or(|u| from <= u)
    }

    /// Whether a node passes the kind filter and, with a window, was seen in it (its first
    /// and last dates span part of the window).
    pub fn keep_node(&self, n: &Node) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&n.kind) {
            return false;
        }
        if self.has_window() {
            return match (n.first_seen.get(), n.last_seen.get()) {
                (Some(f), Some(l)) => self.meets(f, l),
                _ => false,
            };
        }
        true
    }

    /// Whether an edge passes the relation, weight, modality and date filters.
    pub fn keep_edge(&self, e: &Edge) -> bool {
        (self.relations.is_empty() || self.relations.contains(&e.relation))
            && e.weight >= self.min_weight
            && (self.modalities.is_empty()
                || self
                    .modalities
                    .iter()
                    .any(|m| e.modality_counts[m.index()] > 0))
            && self.edge_in_window(e)
    }

    /// Whether an edge was seen in the date window. Its first and last dates and the dates of
    /// its evidence are occurrences; when the evidence list was capped, the occurrences it
    /// dropped lie between its last dated item and the last date, and an edge whose such
    /// period meets the window is kept.
    pub fn edge_in_window(&self, e: &Edge) -> bool {
        if !self.has_window() {
            return true;
        }
        let (Some(first), Some(last)) = (e.first_seen.get(), e.last_seen.get()) else {
            return false;
        };
        if self.in_window(first) || self.in_window(last) {
            return true;
        }
        if e.evidence
            .iter()
            .any(|ev| ev.date.get().is_some_and(|d| self.in_window(d)))
        {
            return true;
        }
        // Evidence keeps the earliest occurrences, dated ones first: if it holds every
        // occurrence, or ends with an undated one, no dated occurrence is missing.
        let complete = e.evidence.len() as u64 >= e.weight
            || e.evidence.last().is_some_and(|ev| !ev.date.is_known());
        if complete {
            return false;
        }
        let from = e
            .evidence
            .last()
            .and_then(|ev| ev.date.get())
            .unwrap_or(first);
        self.meets(from, last)
    }

    /// Whether an occurrence of a kept edge, of this date and modality, is shown: it lies in
    /// the date window and has one of the modalities asked for.
    pub fn keep_occurrence(&self, date: Option<Date>, modality: Modality) -> bool {
        (!self.has_window() || date.is_some_and(|d| self.in_window(d)))
            && (self.modalities.is_empty() || self.modalities.contains(&modality))
    }

    fn keep_evidence(&self, ev: &Evidence) -> bool {
        self.keep_occurrence(ev.date.get(), ev.modality)
    }

    fn trim_evidence(&self, g: &mut Graph) {
        if self.has_window() || !self.modalities.is_empty() {
            for e in g.g.edge_weights_mut() {
                if !e.evidence.iter().all(|ev| self.keep_evidence(ev)) {
                    e.evidence = e
                        .evidence
                        .iter()
                        .filter(|ev| self.keep_evidence(ev))
                        .copied()
                        .collect();
                }
            }
        }
    }

    /// Which lines of `evidence.jsonl` go with the graph `g` this filter made: those of its
    /// edges that [`Filter::keep_occurrence`] keeps.
    pub fn evidence_lines(&self, g: &Graph) -> crate::export::evidence::Keep {
        let this = self.clone();
        let ids: rustc_hash::FxHashMap<Box<str>, u32> =
            g.g.node_indices()
                .map(|n| (g.g[n].id.as_str().into(), n.index() as u32))
                .collect();
        let kept: rustc_hash::FxHashSet<(u32, Relation, u32)> =
            g.g.edge_indices()
                .map(|e| {
                    let (a, b) = g.g.edge_endpoints(e).unwrap();
                    (a.index() as u32, g.g[e].relation, b.index() as u32)
                })
                .collect();
        Box::new(move |l| {
            this.keep_occurrence(l.date, l.modality)
                && match (ids.get(&*l.source), ids.get(&*l.target)) {
                    (Some(&a), Some(&b)) => kept.contains(&(a, l.relation, b)),
                    _ => false,
                }
        })
    }

    /// Applies the whole filter: kinds and dates on nodes, relation, weight, modality and
    /// dates on edges, then the ego graph. Nodes left without edges are dropped when edges
    /// were filtered by relation, weight or modality. Fails when `around` names no entity or
    /// one the other filters removed. The graph is taken, not copied (and given back as it is
    /// when the filter keeps everything).
    pub fn apply(&self, g: Graph) -> Result<Graph> {
        if self.is_empty() {
            return Ok(g);
        }
        let centre = match &self.around {
            Some(actor) => {
                let start = crate::query::resolve(&g, actor)?;
                Some((g.g[start].id.clone(), g.g[start].label.clone()))
            }
            None => None,
        };
        let mut out = g.filtered(
            |n| self.keep_node(n),
            |_, e, _| self.keep_edge(e),
            self.drops_edges(),
        );
        if let Some((id, label)) = centre {
            let Some(centre) = out.node(&id) else {
                bail!(
                    "--around: {label} ({id}) is not in the graph once the other filters are applied"
                );
            };
            let keep: HashSet<String> = ego(&out, centre, self.depth)
                .into_iter()
                .map(str::to_string)
                .collect();
            out = out.filtered(|n| keep.contains(n.id.as_str()), |_, _, _| true, false);
        }
        self.trim_evidence(&mut out);
        Ok(out)
    }

    /// Applies only the edge part of the filter (relation, weight, modality, dates) and keeps
    /// every node: what `neighbours` and `explain` query.
    pub fn apply_to_edges(&self, g: Graph) -> Graph {
        if self.is_empty() {
            return g;
        }
        let mut out = g.filtered(|_| true, |_, e, _| self.keep_edge(e), false);
        self.trim_evidence(&mut out);
        out
    }
}

/// Ids of the nodes within `depth` steps of `centre`, along edges of either direction.
pub fn ego(g: &Graph, centre: NodeIndex, depth: usize) -> HashSet<&str> {
    let mut seen: HashSet<NodeIndex> = HashSet::from([centre]);
    let mut queue = VecDeque::from([(centre, 0usize)]);
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for m in g.g.neighbors_undirected(n) {
            if seen.insert(m) {
                queue.push_back((m, d + 1));
            }
        }
    }
    seen.into_iter().map(|n| g.g[n].id.as_str()).collect()
}
