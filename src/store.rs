//! Compact binary graph file (`graph.bin`), written beside `graph.json` so that queries on a
//! large graph start fast: `neighbours` and `explain` read every node (for name resolution) but
//! only the edges around the actors they are asked about, instead of parsing the whole JSON.
//!
//! Layout (all integers little-endian; "varint" is LEB128; a string is a varint byte length
//! followed by UTF-8; a date is a varint `year << 9 | month << 5 | day`, 0 for none):
//!
//! | part | content |
//! |---|---|
//! | header | magic `NGRAPHB1`, version, flags |
//! | node heads | per node (sorted by id): id, label, kind, aliases, mentions, articles, dates |
//! | node bodies | per node: article ids |
//! | edge heads | per edge (sorted by source id, relation, target id), 72 bytes: source, target, relation, dates, weight, articles, counts per modality |
//! | edge bodies | per edge: article ids and evidence |
//! | indexes | `u64` offsets of node bodies; adjacency (`u64` index + `u32` edge ids per node, both directions); `u64` offsets of edge bodies |
//! | footer | counts, caps, the offset of every part, magic |
//!
//! Everything but the indexes is written as it is encoded (the footer comes last), so writing
//! needs no more memory than the indexes.
//!
//! The file is written atomically after `graph.json`; a reader uses it only when it is at
//! least as new as the JSON next to it, and falls back to the JSON when it is damaged.

use crate::export::{Sorted, write_atomic};
use crate::graph::{ArticleId, Caps, Day, Edge, Evidence, Graph, Node};
use crate::model::{Kind, Modality, Relation};
use anyhow::{Context, Result, bail};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"NGRAPHB1";
const VERSION: u32 = 1;
const EDGE_HEAD: usize = 72;
/// Header: magic, version, flags.
const HEADER: usize = 16;
/// Footer: 5 counts/caps, 9 offsets, magic.
const FOOTER: usize = 5 * 8 + 9 * 8 + 8;
// Sections, in file order; `off[END]` is where the footer starts.
const NODE_HEADS: usize = 0;
const NODE_BODIES: usize = 1;
const EDGE_HEADS: usize = 2;
const EDGE_BODIES: usize = 3;
const NODE_INDEX: usize = 4;
const ADJ_INDEX: usize = 5;
const ADJ: usize = 6;
const EDGE_INDEX: usize = 7;
const END: usize = 8;

/// The binary file that goes with a `graph.json`: the same name with extension `.bin`.
pub fn companion(json: &Path) -> PathBuf {
    json.with_extension("bin")
}

/// Writes `graph.bin` beside the given `graph.json` path (after the JSON, so it is as new).
pub fn write_beside(g: &Graph, json: &Path) -> Result<PathBuf> {
    let p = companion(json);
    write(g, &p)?;
    Ok(p)
}

/// Writes a graph as a binary graph file, atomically.
pub fn write(g: &Graph, path: &Path) -> Result<()> {
    write_atomic(path, |w| write_to(g, w))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn date_code(d: Day) -> u32 {
    d.code()
}

fn code_date(c: u64) -> Result<Day> {
    Day::from_code(c).context("bad date")
}

fn put_list(out: &mut Vec<u8>, g: &Graph, items: &[ArticleId]) {
    put_varint(out, items.len() as u64);
    for &s in items {
        put_str(out, g.article(s));
    }
}

/// Counts what goes through a writer.
struct Counting<'a> {
    w: &'a mut dyn Write,
    n: u64,
}

impl Counting<'_> {
    fn put(&mut self, b: &[u8]) -> Result<()> {
        self.w.write_all(b)?;
        self.n += b.len() as u64;
        Ok(())
    }
}

/// Writes the binary graph to `w`.
pub fn write_to(g: &Graph, w: &mut dyn Write) -> Result<()> {
    write_sorted(&Sorted::new(g), w)
}

/// Writes the binary graph to `w`, in a computed export order.
pub fn write_sorted(s: &Sorted<'_>, w: &mut dyn Write) -> Result<()> {
    let g = s.g;
    let (nodes, edges, pos_of) = (&s.nodes, &s.edges, &s.pos);
    let mut w = Counting { w, n: 0 };
    let mut off = [0u64; 9];
    let mut buf = Vec::with_capacity(1 << 16);
    w.put(MAGIC)?;
    w.put(&VERSION.to_le_bytes())?;
    w.put(&0u32.to_le_bytes())?;
    off[NODE_HEADS] = w.n;
    for &n in nodes {
        let node = &g.g[n];
        buf.clear();
        put_str(&mut buf, &node.id);
        put_str(&mut buf, &node.label);
        buf.push(Kind::ALL.iter().position(|k| *k == node.kind).unwrap() as u8);
        put_varint(&mut buf, node.aliases.len() as u64);
        for a in &node.aliases {
            put_str(&mut buf, a);
        }
        put_varint(&mut buf, node.mentions);
        put_varint(&mut buf, node.articles);
        put_varint(&mut buf, date_code(node.first_seen) as u64);
        put_varint(&mut buf, date_code(node.last_seen) as u64);
        w.put(&buf)?;
    }
    off[NODE_BODIES] = w.n;
    let mut node_index = Vec::with_capacity((nodes.len() + 1) * 8);
    for &n in nodes {
        node_index.extend_from_slice(&(w.n - off[NODE_BODIES]).to_le_bytes());
        buf.clear();
        put_list(&mut buf, g, &g.g[n].article_ids);
        w.put(&buf)?;
    }
    node_index.extend_from_slice(&(w.n - off[NODE_BODIES]).to_le_bytes());
    off[EDGE_HEADS] = w.n;
    for &ei in edges {
        let (a, b) = g.g.edge_endpoints(ei).unwrap();
        let e = &g.g[ei];
        let rel = Relation::ALL.iter().position(|r| *r == e.relation).unwrap() as u32;
        buf.clear();
        for v in [
            pos_of[a.index()],
            pos_of[b.index()],
            rel,
            date_code(e.first_seen),
            date_code(e.last_seen),
            0,
        ] {
            buf.extend_from_slice(&v.to_le_bytes());
        }
        for v in [e.weight, e.articles]
            .into_iter()
            .chain(e.modality_counts.iter().copied())
        {
            buf.extend_from_slice(&v.to_le_bytes());
        }
        w.put(&buf)?;
    }
    off[EDGE_BODIES] = w.n;
    let mut edge_index = Vec::with_capacity((edges.len() + 1) * 8);
    for &ei in edges {
        let e = &g.g[ei];
        edge_index.extend_from_slice(&(w.n - off[EDGE_BODIES]).to_le_bytes());
        buf.clear();
        put_list(&mut buf, g, &e.article_ids);
        put_varint(&mut buf, e.evidence.len() as u64);
        for ev in e.evidence.iter() {
            put_varint(&mut buf, date_code(ev.date) as u64);
            put_str(&mut buf, g.article(ev.article));
            put_varint(&mut buf, ev.start as u64);
            put_varint(&mut buf, ev.end as u64);
            put_str(&mut buf, &g.sentence(ev)?);
            put_str(&mut buf, g.trigger(ev.trigger));
            buf.push(ev.modality.index() as u8);
        }
        w.put(&buf)?;
    }
    edge_index.extend_from_slice(&(w.n - off[EDGE_BODIES]).to_le_bytes());
    off[NODE_INDEX] = w.n;
    w.put(&node_index)?;
    drop(node_index);
    // Adjacency: the positions of each node's edges, ascending.
    let mut edge_pos = vec![0u32; g.g.edge_count()];
    for (i, e) in edges.iter().enumerate() {
        edge_pos[e.index()] = i as u32;
    }
    let mut adj_index = Vec::with_capacity((nodes.len() + 1) * 8);
    let mut count = 0u64;
    let mut adj = Vec::with_capacity(edges.len() * 8);
    let mut mine: Vec<u32> = Vec::new();
    for &n in nodes {
        adj_index.extend_from_slice(&count.to_le_bytes());
        mine.clear();
        mine.extend(
            g.g.edges_directed(n, Direction::Outgoing)
                .chain(g.g.edges_directed(n, Direction::Incoming))
                .map(|e| edge_pos[e.id().index()]),
        );
        mine.sort_unstable();
        mine.dedup();
        for &e in &mine {
            adj.extend_from_slice(&e.to_le_bytes());
        }
        count += mine.len() as u64;
    }
    adj_index.extend_from_slice(&count.to_le_bytes());
    off[ADJ_INDEX] = w.n;
    w.put(&adj_index)?;
    off[ADJ] = w.n;
    w.put(&adj)?;
    off[EDGE_INDEX] = w.n;
    w.put(&edge_index)?;
    off[END] = w.n;
    let mut footer = Vec::with_capacity(FOOTER);
    for v in [
        nodes.len() as u64,
        edges.len() as u64,
        g.articles,
        g.caps.article_ids as u64,
        g.caps.evidence as u64,
    ]
    .into_iter()
    .chain(off)
    {
        footer.extend_from_slice(&v.to_le_bytes());
    }
    footer.extend_from_slice(MAGIC);
    debug_assert_eq!(footer.len(), FOOTER);
    w.put(&footer)?;
    Ok(())
}

/// A decoding cursor over a byte slice.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let Some(&byte) = self.b.get(self.i) else {
                bail!("truncated");
            };
            self.i += 1;
            if shift > 63 {
                bail!("bad varint");
            }
            v |= ((byte & 0x7f) as u64) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.i).context("truncated")?;
        self.i += 1;
        Ok(b)
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.varint()? as usize;
        let end = self.i.checked_add(n).context("bad length")?;
        let s = self.b.get(self.i..end).context("truncated")?;
        self.i = end;
        std::str::from_utf8(s).context("bad UTF-8")
    }
    /// A list of article ids, interned in `g`.
    fn list(&mut self, g: &mut Graph) -> Result<Box<[ArticleId]>> {
        let n = self.varint()? as usize;
        let mut v = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            v.push(g.article_id(self.str()?));
        }
        Ok(v.into_boxed_slice())
    }
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap())
}

/// The article ids and evidence of an edge.
type EdgeBody = (Box<[ArticleId]>, Box<[Evidence]>);

/// An open binary graph file: its header and node heads are read; edges are read on demand.
pub struct Store {
    file: File,
    nodes: u64,
    edges: u64,
    articles: u64,
    caps: Caps,
    /// Section offsets (see the constants), then where the footer starts.
    off: [u64; 9],
}

impl Store {
    /// Opens a binary graph file and checks its header.
    pub fn open(path: &Path) -> Result<Store> {
        let mut file =
            File::open(path).with_context(|| format!("cannot open graph {}", path.display()))?;
        let len = file.metadata()?.len();
        let not_ours = || format!("{} is not a newsgraph graph.bin", path.display());
        if len < (HEADER + FOOTER) as u64 {
            bail!(not_ours());
        }
        let mut h = [0u8; HEADER];
        file.read_exact(&mut h).with_context(not_ours)?;
        if &h[0..8] != MAGIC {
            bail!(not_ours());
        }
        let version = u32_at(&h, 8);
        if version != VERSION {
            bail!(
                "{} has binary graph version {version}; this newsgraph reads version {VERSION}",
                path.display()
            );
        }
        let mut f = [0u8; FOOTER];
        file.seek(SeekFrom::Start(len - FOOTER as u64))?;
        file.read_exact(&mut f).with_context(not_ours)?;
        let damaged = || format!("{} is damaged (written only in part?)", path.display());
        if &f[FOOTER - 8..] != MAGIC {
            bail!(damaged());
        }
        let nums: Vec<u64> = (0..5).map(|i| u64_at(&f, i * 8)).collect();
        let mut off = [0u64; 9];
        for (i, o) in off.iter_mut().enumerate() {
            *o = u64_at(&f, 40 + i * 8);
        }
        let (nodes, edges) = (nums[0], nums[1]);
        let size = |k: usize| off[k + 1] - off[k];
        if off.windows(2).any(|w| w[0] > w[1])
            || off[NODE_HEADS] != HEADER as u64
            || off[END] != len - FOOTER as u64
            || size(NODE_INDEX) != (nodes + 1) * 8
            || size(ADJ_INDEX) != (nodes + 1) * 8
            || size(EDGE_HEADS) != edges * EDGE_HEAD as u64
            || size(EDGE_INDEX) != (edges + 1) * 8
        {
            bail!(damaged());
        }
        let s = Store {
            file,
            nodes,
            edges,
            articles: nums[2],
            caps: Caps {
                article_ids: nums[3] as usize,
                evidence: nums[4] as usize,
            },
            off,
        };
        Ok(s)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> u64 {
        self.nodes
    }

    /// Number of edges.
    pub fn edge_count(&self) -> u64 {
        self.edges
    }

    fn read(&self, at: u64, len: u64) -> Result<Vec<u8>> {
        let mut buf = vec![0u8; len as usize];
        let mut f = &self.file;
        f.seek(SeekFrom::Start(at))?;
        f.read_exact(&mut buf)?;
        Ok(buf)
    }

    /// A graph with every node (their article ids left out) and no edge yet. Node `i` of the
    /// file is `NodeIndex(i)` of the graph.
    pub fn nodes_graph(&self) -> Result<Graph> {
        let buf = self.read(
            self.off[NODE_HEADS],
            self.off[NODE_BODIES] - self.off[NODE_HEADS],
        )?;
        let mut c = Cur { b: &buf, i: 0 };
        let mut g = Graph::new(self.caps);
        g.articles = self.articles;
        for i in 0..self.nodes {
            let id = c.str()?.to_string();
            let label = c.str()?.to_string();
            let kind = *Kind::ALL.get(c.byte()? as usize).context("bad kind")?;
            let n = c.varint()?;
            let mut aliases = BTreeSet::new();
            for _ in 0..n {
                aliases.insert(c.str()?.to_string());
            }
            let node = Node {
                id,
                label,
                kind,
                aliases,
                mentions: c.varint()?,
                articles: c.varint()?,
                article_ids: Box::default(),
                first_seen: code_date(c.varint()?)?,
                last_seen: code_date(c.varint()?)?,
            };
            let idx = g.merge_node(node);
            if idx.index() as u64 != i {
                bail!("node ids are not unique and sorted");
            }
        }
        Ok(g)
    }

    /// Fills in the article ids of some nodes of a graph from [`Store::nodes_graph`].
    pub fn load_node_bodies(&self, g: &mut Graph, nodes: &[NodeIndex]) -> Result<()> {
        for &n in nodes {
            let i = n.index() as u64;
            let ix = self.read(self.off[NODE_INDEX] + i * 8, 16)?;
            let (a, b) = (u64_at(&ix, 0), u64_at(&ix, 8));
            let buf = self.read(
                self.off[NODE_BODIES] + a,
                b.checked_sub(a).context("bad index")?,
            )?;
            let ids = Cur { b: &buf, i: 0 }.list(g)?;
            g.g[n].article_ids = ids;
        }
        Ok(())
    }

    /// The file ids of the edges of a node (both directions).
    fn edges_of(&self, n: u64) -> Result<Vec<u32>> {
        let ix = self.read(self.off[ADJ_INDEX] + n * 8, 16)?;
        let (a, b) = (u64_at(&ix, 0), u64_at(&ix, 8));
        let buf = self.read(
            self.off[ADJ] + a * 4,
            b.checked_sub(a).context("bad index")? * 4,
        )?;
        Ok((0..buf.len() / 4).map(|i| u32_at(&buf, i * 4)).collect())
    }

    /// Adds the given edges (file ids, loaded in file order as a whole graph loads them) to a
    /// graph from [`Store::nodes_graph`], with their article ids and evidence when `bodies`.
    pub fn load_edges(&self, g: &mut Graph, ids: &BTreeSet<u32>, bodies: bool) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        // Many edges: read the sections whole; few: read each record.
        let whole = ids.len() as u64 * 16 > self.edges;
        let section = |k: usize| self.read(self.off[k], self.off[k + 1] - self.off[k]);
        let heads = if whole {
            Some(section(EDGE_HEADS)?)
        } else {
            None
        };
        let index = if whole && bodies {
            Some(section(EDGE_INDEX)?)
        } else {
            None
        };
        for &e in ids {
            if e as u64 >= self.edges {
                bail!("edge id out of range");
            }
            let at = e as usize * EDGE_HEAD;
            let head = match &heads {
                Some(h) => h[at..at + EDGE_HEAD].to_vec(),
                None => self.read(self.off[EDGE_HEADS] + at as u64, EDGE_HEAD as u64)?,
            };
            let (src, dst) = (u32_at(&head, 0) as u64, u32_at(&head, 4) as u64);
            if src >= self.nodes || dst >= self.nodes {
                bail!("edge end out of range");
            }
            let relation = *Relation::ALL
                .get(u32_at(&head, 8) as usize)
                .context("bad relation")?;
            let (article_ids, evidence) = if bodies {
                self.edge_body(g, e, index.as_deref())?
            } else {
                (Box::default(), Box::default())
            };
            let mut modality_counts = [0u64; 4];
            for (k, m) in modality_counts.iter_mut().enumerate() {
                *m = u64_at(&head, 40 + k * 8);
            }
            g.merge_edge(
                NodeIndex::new(src as usize),
                NodeIndex::new(dst as usize),
                Edge {
                    relation,
                    weight: u64_at(&head, 24),
                    articles: u64_at(&head, 32),
                    article_ids,
                    first_seen: code_date(u32_at(&head, 12) as u64)?,
                    last_seen: code_date(u32_at(&head, 16) as u64)?,
                    modality_counts,
                    evidence,
                },
            );
        }
        Ok(())
    }

    /// The article ids and evidence of an edge (`index`: the edge body index, when read whole).
    fn edge_body(&self, g: &mut Graph, e: u32, index: Option<&[u8]>) -> Result<EdgeBody> {
        let (a, b) = match index {
            Some(ix) => (u64_at(ix, e as usize * 8), u64_at(ix, e as usize * 8 + 8)),
            None => {
                let ix = self.read(self.off[EDGE_INDEX] + e as u64 * 8, 16)?;
                (u64_at(&ix, 0), u64_at(&ix, 8))
            }
        };
        let body = self.read(
            self.off[EDGE_BODIES] + a,
            b.checked_sub(a).context("bad index")?,
        )?;
        let mut c = Cur { b: &body, i: 0 };
        let article_ids = c.list(g)?;
        let n = c.varint()? as usize;
        let mut evidence = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let date = code_date(c.varint()?)?;
            let article = g.article_id(c.str()?);
            let start = u32::try_from(c.varint()?).context("bad offset")?;
            let end = u32::try_from(c.varint()?).context("bad offset")?;
            let sentence = g.store_text(c.str()?);
            let trigger = g.trigger_id(c.str()?);
            let modality = *Modality::ALL
                .get(c.byte()? as usize)
                .context("bad modality")?;
            evidence.push(Evidence {
                date,
                article,
                start,
                end,
                trigger,
                modality,
                sentence,
            });
        }
        Ok((article_ids, evidence.into_boxed_slice()))
    }

    /// Source, target and relation of an edge (file id).
    fn ends(&self, e: u32) -> Result<(u64, u64, Relation)> {
        if e as u64 >= self.edges {
            bail!("edge id out of range");
        }
        let head = self.read(self.off[EDGE_HEADS] + e as u64 * EDGE_HEAD as u64, 12)?;
        let relation = *Relation::ALL
            .get(u32_at(&head, 8) as usize)
            .context("bad relation")?;
        Ok((u32_at(&head, 0) as u64, u32_at(&head, 4) as u64, relation))
    }

    /// The file ids of every edge of every node closer than `depth` steps to `roots`.
    pub fn edges_around(&self, roots: &[NodeIndex], depth: usize) -> Result<BTreeSet<u32>> {
        let mut ids = BTreeSet::new();
        let mut seen: BTreeSet<u64> = roots.iter().map(|n| n.index() as u64).collect();
        let mut frontier: Vec<u64> = seen.iter().copied().collect();
        for step in 0..depth {
            let mut next = Vec::new();
            for &n in &frontier {
                for e in self.edges_of(n)? {
                    if ids.insert(e) && step + 1 < depth {
                        let (a, b, _) = self.ends(e)?;
                        for m in [a, b] {
                            if seen.insert(m) {
                                next.push(m);
                            }
                        }
                    }
                }
            }
            frontier = next;
        }
        Ok(ids)
    }

    /// The people with a `leader_of` or `official_of` edge to a country (as
    /// [`crate::query::country_rollup`] finds them in a whole graph).
    fn country_people(&self, g: &Graph, country: NodeIndex) -> Result<Vec<NodeIndex>> {
        let mut out = Vec::new();
        for e in self.edges_of(country.index() as u64)? {
            let (a, b, r) = self.ends(e)?;
            if b == country.index() as u64
                && matches!(r, Relation::LeaderOf | Relation::OfficialOf)
                && g.g[NodeIndex::new(a as usize)].kind == Kind::Person
            {
                out.push(NodeIndex::new(a as usize));
            }
        }
        Ok(out)
    }

    /// The whole graph.
    pub fn load_all(&self) -> Result<Graph> {
        let mut g = self.nodes_graph()?;
        let all: Vec<NodeIndex> = g.g.node_indices().collect();
        self.load_node_bodies(&mut g, &all)?;
        let ids: BTreeSet<u32> = (0..self.edges as u32).collect();
        self.load_edges(&mut g, &ids, true)?;
        Ok(g)
    }
}

/// What a query needs from a graph.
#[derive(Debug, Clone, Copy)]
pub enum Need<'a> {
    /// `neighbours ACTOR`: edges within `depth` steps of the actor (and, with `country`, of the
    /// country's leaders and officials).
    Neighbours {
        /// The actor as the user wrote it.
        actor: &'a str,
        /// Steps.
        depth: usize,
        /// Include the country's people.
        country: bool,
        /// Load the edges' evidence and article ids too (for filters on evidence dates);
        /// without them the edges carry only their counts and dates.
        evidence: bool,
    },
    /// `explain A B`: the edges of both actors.
    Between(&'a str, &'a str),
    /// Everything.
    All,
}

/// Whether the binary companion of `json` should be read instead of it: it exists and is at
/// least as new (or the JSON is missing).
pub fn prefer_binary(json: &Path) -> Option<PathBuf> {
    if json.extension().is_some_and(|e| e == "bin") {
        return Some(json.to_path_buf());
    }
    let bin = companion(json);
    let bin_time = std::fs::metadata(&bin).and_then(|m| m.modified()).ok()?;
    match std::fs::metadata(json).and_then(|m| m.modified()) {
        Ok(json_time) if json_time > bin_time => None,
        _ => Some(bin),
    }
}

/// Loads what a query needs from the graph at `path` (a `graph.json`, or a `.bin` file): from
/// the binary companion when it is there and current, reading only the edges around the
/// actors; else the whole JSON. Every node is always loaded, so names resolve exactly as in the
/// whole graph; the node and edge records loaded are complete (nodes' article ids are left out
/// when only some edges are loaded).
pub fn load_for(path: &Path, need: Need<'_>) -> Result<Graph> {
    let Some(bin) = prefer_binary(path) else {
        return crate::export::json::read(path);
    };
    match load_binary(&bin, need) {
        Ok(g) => Ok(g),
        Err(e) if bin.as_path() != path && path.exists() => {
            eprintln!(
                "newsgraph: warning: {}: {e:#}; reading {} instead",
                bin.display(),
                path.display()
            );
            crate::export::json::read(path)
        }
        Err(e) => Err(e),
    }
}

fn load_binary(bin: &Path, need: Need<'_>) -> Result<Graph> {
    let s = Store::open(bin)?;
    if let Need::All = need {
        return s
            .load_all()
            .with_context(|| format!("{} is damaged", bin.display()));
    }
    let mut g = s
        .nodes_graph()
        .with_context(|| format!("{} is damaged", bin.display()))?;
    let damaged = || format!("{} is damaged", bin.display());
    let (roots, depth, bodies) = match need {
        // Only the edges between the two: those in both adjacency lists. Unknown names are
        // reported by the query itself, with suggestions.
        Need::Between(a, b) => {
            let names = crate::query::Names::new(&g);
            let ends: Vec<NodeIndex> = [a, b]
                .iter()
                .filter_map(|n| names.resolve(n).ok())
                .collect();
            drop(names);
            if let [x, y] = ends[..] {
                let mut ids = BTreeSet::new();
                let ex = s.edges_of(x.index() as u64).with_context(damaged)?;
                if x == y {
                    // Self-loops only.
                    for e in ex {
                        let (p, q, _) = s.ends(e).with_context(damaged)?;
                        if p == q {
                            ids.insert(e);
                        }
                    }
                } else {
                    let ey: BTreeSet<u32> = s
                        .edges_of(y.index() as u64)
                        .with_context(damaged)?
                        .into_iter()
                        .collect();
                    ids.extend(ex.into_iter().filter(|e| ey.contains(e)));
                }
                s.load_node_bodies(&mut g, &ends).with_context(damaged)?;
                s.load_edges(&mut g, &ids, true).with_context(damaged)?;
            }
            return Ok(g);
        }
        Need::Neighbours {
            actor,
            depth,
            country,
            evidence,
        } => {
            let Ok(start) = crate::query::resolve(&g, actor) else {
                return Ok(g);
            };
            let mut roots = vec![start];
            if country && g.g[start].kind == Kind::Country {
                roots.extend(s.country_people(&g, start).with_context(damaged)?);
            }
            (roots, depth.max(1), evidence)
        }
        Need::All => unreachable!(),
    };
    s.edges_around(&roots, depth)
        .and_then(|ids| {
            s.load_node_bodies(&mut g, &roots)?;
            s.load_edges(&mut g, &ids, bodies)
        })
        .with_context(damaged)?;
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EvidenceRec;
    use crate::model::Date;
    use crate::query::{NeighbourQuery, between, neighbours, resolve};

    fn d(y: u16, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    fn node(g: &mut Graph, id: &str, label: &str, kind: Kind, alias: &str) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind,
            aliases: [alias.to_string()].into_iter().collect(),
            mentions: 3,
            articles: 2,
            article_ids: g.article_ids(["a1", "a2"]),
            first_seen: d(2024, 1, 2).into(),
            last_seen: Day::UNKNOWN,
        }
    }

    fn edge(g: &mut Graph, relation: Relation, weight: u64, sentence: &str) -> Edge {
        let evidence = [
            EvidenceRec {
                date: d(2024, 2, 29),
                article: "a1".into(),
                start: 5,
                end: 50,
                sentence: sentence.into(),
                trigger: "met".into(),
                modality: Modality::Asserted,
            },
            EvidenceRec {
                date: None,
                article: "b7".into(),
                start: 0,
                end: 9,
                sentence: "Ünïcode “quotes”.".into(),
                trigger: "said".into(),
                modality: Modality::Possible,
            },
        ]
        .iter()
        .map(|ev| g.evidence(ev))
        .collect();
        Edge {
            relation,
            weight,
            articles: 1,
            article_ids: g.article_ids(["a1"]),
            first_seen: d(2024, 2, 29).into(),
            last_seen: d(2025, 12, 31).into(),
            modality_counts: [weight, 0, 1, 0],
            evidence,
        }
    }

    /// A chain a - b - c - d plus a country with a leader, and an isolated node.
    fn sample() -> Graph {
        let mut g = Graph::new(Caps::default());
        g.articles = 9;
        let n = node(&mut g, "person:ann_lee", "Ann Lee", Kind::Person, "Lee");
        let a = g.merge_node(n);
        let n = node(&mut g, "person:bo_kim", "Bo Kim", Kind::Person, "Kim");
        let b = g.merge_node(n);
        let n = node(&mut g, "place:cove", "Cove", Kind::Place, "Cove");
        let c = g.merge_node(n);
        let n = node(&mut g, "country:dania", "Dania", Kind::Country, "Danian");
        let dd = g.merge_node(n);
        let n = node(&mut g, "weapon:zed", "Zed", Kind::Weapon, "Zed-1");
        g.merge_node(n);
        for (x, y, r, w, s) in [
            (a, b, Relation::MetWith, 2, "Lee met Kim."),
            (b, c, Relation::Visited, 1, "Kim visited Cove."),
            (c, dd, Relation::LocatedIn, 4, "Cove, Dania."),
            (a, dd, Relation::LeaderOf, 1, "Lee leads Dania."),
            (a, dd, Relation::Visited, 1, "Lee visited Dania."),
        ] {
            let e = edge(&mut g, r, w, s);
            g.merge_edge(x, y, e);
        }
        g
    }

    fn json_of(g: &Graph) -> String {
        serde_json::to_string(&crate::export::json::to_json(g)).unwrap()
    }

    fn write_tmp(g: &Graph) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("graph.json");
        crate::export::write_atomic(&json, |w| crate::export::json::write(g, w)).unwrap();
        write_beside(g, &json).unwrap();
        (dir, json)
    }

    #[test]
    fn whole_graph_round_trips() {
        let g = sample();
        let (_dir, json) = write_tmp(&g);
        let back = Store::open(&companion(&json)).unwrap().load_all().unwrap();
        assert_eq!(json_of(&back), json_of(&g));
        assert_eq!(back.articles, 9);
    }

    #[test]
    fn partial_loads_answer_queries_like_the_whole_graph() {
        let g = sample();
        let (_dir, json) = write_tmp(&g);
        for (depth, evidence) in [(1, true), (2, true), (3, true), (1, false), (3, false)] {
            let need = Need::Neighbours {
                actor: "Kim",
                depth,
                country: false,
                evidence,
            };
            let part = load_for(&json, need).unwrap();
            assert_eq!(part.node_count(), g.node_count());
            let q = NeighbourQuery {
                depth,
                ..Default::default()
            };
            let rows = |g: &Graph| {
                serde_json::to_string(&neighbours(g, resolve(g, "Kim").unwrap(), &q)).unwrap()
            };
            assert_eq!(rows(&part), rows(&g), "depth {depth}");
        }
        // Depth 1 from Kim does not need the edge between Cove and Dania.
        let need = Need::Neighbours {
            actor: "Kim",
            depth: 1,
            country: false,
            evidence: false,
        };
        assert_eq!(load_for(&json, need).unwrap().edge_count(), 2);
        let part = load_for(&json, Need::Between("Ann Lee", "Dania")).unwrap();
        let (a, b) = (resolve(&g, "Lee").unwrap(), resolve(&g, "Dania").unwrap());
        let (pa, pb) = (
            resolve(&part, "Lee").unwrap(),
            resolve(&part, "Dania").unwrap(),
        );
        let show = |g: &Graph, v: Vec<(NodeIndex, NodeIndex, &Edge)>| {
            v.iter()
                .map(|x| {
                    let ev: Vec<EvidenceRec> =
                        x.2.evidence
                            .iter()
                            .map(|e| g.evidence_rec(e).unwrap())
                            .collect();
                    let ids: Vec<&str> = g.article_strs(&x.2.article_ids).collect();
                    format!("{:?} {:?} {ids:?} {ev:?}", x.2.relation, x.2.weight)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            show(&part, between(&part, pa, pb)),
            show(&g, between(&g, a, b))
        );
        assert_eq!(between(&part, pa, pb).len(), 2);
        // Only the edges between the two are read.
        assert_eq!(part.edge_count(), 2);
    }

    #[test]
    fn country_need_loads_the_leaders_edges() {
        let g = sample();
        let (_dir, json) = write_tmp(&g);
        let need = Need::Neighbours {
            actor: "Dania",
            depth: 1,
            country: true,
            evidence: false,
        };
        let part = load_for(&json, need).unwrap();
        // Lee leads Dania, so Lee's meeting with Kim is loaded too.
        let lee = resolve(&part, "Lee").unwrap();
        let kim = resolve(&part, "Kim").unwrap();
        assert_eq!(between(&part, lee, kim).len(), 1);
    }

    #[test]
    fn stale_or_damaged_binary_is_not_used() {
        let g = sample();
        let (dir, json) = write_tmp(&g);
        let bin = companion(&json);
        assert_eq!(prefer_binary(&json), Some(bin.clone()));
        // A newer JSON wins over an older binary.
        let mut smaller = g.clone();
        smaller.articles = 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
        crate::export::write_atomic(&json, |w| crate::export::json::write(&smaller, w)).unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        File::options()
            .write(true)
            .open(&json)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert_eq!(prefer_binary(&json), None);
        assert_eq!(load_for(&json, Need::All).unwrap().articles, 1);
        // A damaged binary falls back to the JSON.
        let full = std::fs::read(&bin).unwrap();
        std::fs::write(&bin, &full[..full.len() - 9]).unwrap();
        assert!(Store::open(&bin).is_err());
        std::fs::write(&bin, b"NGRAPHB1 but truncated").unwrap();
        File::options()
            .write(true)
            .open(&bin)
            .unwrap()
            .set_modified(later + std::time::Duration::from_secs(5))
            .unwrap();
        assert_eq!(prefer_binary(&json), Some(bin.clone()));
        assert!(Store::open(&bin).is_err());
        assert_eq!(load_for(&json, Need::All).unwrap().articles, 1);
        // Asked for directly, a damaged binary is an error.
        assert!(load_for(&bin, Need::All).is_err());
        drop(dir);
    }

    #[test]
    fn empty_graph_round_trips() {
        let g = Graph::new(Caps {
            article_ids: 3,
            evidence: 2,
        });
        let (_dir, json) = write_tmp(&g);
        let back = load_for(&json, Need::All).unwrap();
        assert_eq!(back.node_count(), 0);
        assert_eq!(back.caps, g.caps);
        let need = Need::Neighbours {
            actor: "x",
            depth: 1,
            country: false,
            evidence: false,
        };
        assert_eq!(load_for(&json, need).unwrap().node_count(), 0);
    }
}
