//! Graph stage: merges per-article extractions into one knowledge graph on petgraph, with one
//! node per entity across all articles and one edge per (source, relation, target).
//!
//! Every merge here is associative and commutative: counts add up, alias sets unite, dates take
//! their minimum and maximum, and capped lists (article ids, evidence) keep the smallest items
//! under a total order on their strings. So a corpus built in shards and merged gives the same
//! graph as a build of the whole, and the result does not depend on the number of threads.
//!
//! The graph is compact, so that its memory follows the number of nodes and edges rather than
//! the size of the input: article ids and triggers are interned (`u32` ids into tables owned
//! by the graph), dates are packed into 32 bits, and evidence sentences live in one text store
//! owned by the graph ([`Texts`]), which a build can spill to a file beside its output once it
//! grows past a threshold. Strings are reached through the graph: [`Graph::article`],
//! [`Graph::trigger`], [`Graph::sentence`].

use crate::extract::{EdgeRec, Extraction};
use crate::model::{Date, Kind, Modality, Relation};
use hashbrown::HashTable;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Limits on the lists kept per node and edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caps {
    /// Article ids kept per node and per edge.
    pub article_ids: usize,
    /// Evidence sentences kept per edge.
    pub evidence: usize,
}

impl Default for Caps {
    /// What the exports show: 3 pieces of evidence per edge (the complete evidence goes to
    /// `evidence.jsonl`) and 10 article ids per node and edge.
    fn default() -> Self {
        Caps {
            article_ids: 10,
            evidence: 3,
        }
    }
}

/// A date packed into 32 bits (`year << 9 | month << 5 | day`, 0 when unknown). Packed dates
/// order like `Option<Date>`: unknown first, then chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Day(u32);

impl Day {
    /// The unknown date.
    pub const UNKNOWN: Day = Day(0);

    /// Packs a date.
    pub fn new(d: Option<Date>) -> Day {
        Day(d.map_or(0, |d| {
            (d.year as u32) << 9 | (d.month as u32) << 5 | d.day as u32
        }))
    }

    /// The date, if known.
    pub fn get(self) -> Option<Date> {
        (self.0 != 0).then_some(Date {
            year: (self.0 >> 9) as u16,
            month: ((self.0 >> 5) & 15) as u8,
            day: (self.0 & 31) as u8,
        })
    }

    /// The date as `YYYY-MM-DD`, or an empty string when unknown (a table cell).
    pub fn cell(self) -> String {
        self.get().map(|d| d.to_string()).unwrap_or_default()
    }

    /// Whether the date is known.
    pub fn is_known(self) -> bool {
        self.0 != 0
    }

    /// The packed value (0 when unknown).
    pub fn code(self) -> u32 {
        self.0
    }

    /// Unpacks a packed value, checking that it is a real date (0 is the unknown date).
    pub fn from_code(code: u64) -> Option<Day> {
        if code == 0 {
            return Some(Day::UNKNOWN);
        }
        let d = Date::new(
            (code >> 9) as u16,
            ((code >> 5) & 15) as u8,
            (code & 31) as u8,
        )?;
        (Day::new(Some(d)).0 as u64 == code).then_some(Day::new(Some(d)))
    }

    /// The earlier of two dates, an unknown date counting as none.
    pub fn earliest(self, other: Day) -> Day {
        match (self.is_known(), other.is_known()) {
            (true, true) => self.min(other),
            (true, false) => self,
            _ => other,
        }
    }

    /// The later of two dates, an unknown date counting as none.
    pub fn latest(self, other: Day) -> Day {
        self.max(other)
    }
}

impl From<Option<Date>> for Day {
    fn from(d: Option<Date>) -> Day {
        Day::new(d)
    }
}

impl From<Date> for Day {
    fn from(d: Date) -> Day {
        Day::new(Some(d))
    }
}

/// An article id interned in one graph ([`Graph::article`] gives its text). Ids of different
/// graphs are unrelated, and their numeric order is not the order of the strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleId(u32);

/// A trigger interned in one graph ([`Graph::trigger`] gives its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TriggerId(u32);

/// Where a text lives in a graph's [`Texts`]: 40 bits of offset, 24 bits of length (texts of
/// 16 MB and more carry their length in the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextRef(u64);

/// An entity of the graph.
#[derive(Debug, Clone, PartialEq)]
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
    /// The first article ids in string order, capped.
    pub article_ids: Box<[ArticleId]>,
    /// Earliest article date.
    pub first_seen: Day,
    /// Latest article date.
    pub last_seen: Day,
}

/// One piece of evidence for an edge (32 bytes; its strings are in the graph's tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Article date.
    pub date: Day,
    /// Article id.
    pub article: ArticleId,
    /// Character offset of the sentence in the article.
    pub start: u32,
    /// Character offset of the end of the sentence.
    pub end: u32,
    /// Trigger words.
    pub trigger: TriggerId,
    /// Modality of this occurrence.
    pub modality: Modality,
    /// The sentence.
    pub sentence: TextRef,
}

/// One piece of evidence with its strings: what `graph.json` holds for it, and what
/// [`Graph::evidence`] interns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRec {
    /// Article date (unknown dates sort last).
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

/// A relation of the graph between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Relation.
    pub relation: Relation,
    /// Occurrences over all articles.
    pub weight: u64,
    /// Number of articles stating it.
    pub articles: u64,
    /// The first article ids in string order, capped.
    pub article_ids: Box<[ArticleId]>,
    /// Earliest article date.
    pub first_seen: Day,
    /// Latest article date.
    pub last_seen: Day,
    /// Occurrences per modality, in [`Modality::ALL`] order.
    pub modality_counts: [u64; 4],
    /// Evidence, capped, in (date, article, offset, trigger, modality) order, unknown dates
    /// last.
    pub evidence: Box<[Evidence]>,
}

impl Edge {
    /// An edge with one relation and nothing counted yet.
    pub fn new(relation: Relation) -> Edge {
        Edge {
            relation,
            weight: 0,
            articles: 0,
            article_ids: Box::default(),
            first_seen: Day::UNKNOWN,
            last_seen: Day::UNKNOWN,
            modality_counts: [0; 4],
            evidence: Box::default(),
        }
    }

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

// ---------------------------------------------------------------------------------------------
// Interned strings
// ---------------------------------------------------------------------------------------------

/// Strings stored once, back to back, with a hash table of their ids.
#[derive(Clone, Default)]
struct Interner {
    text: String,
    ends: Vec<usize>,
    table: HashTable<u32>,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interner({} strings)", self.ends.len())
    }
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

impl Interner {
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn find(&self, s: &str) -> Option<u32> {
        self.table.find(hash_str(s), |&i| self.get(i) == s).copied()
    }

    fn intern(&mut self, s: &str) -> u32 {
        let h = hash_str(s);
        let Interner { text, ends, table } = self;
        let get = |i: u32| -> &str {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &text[start..ends[i]]
        };
        if let Some(&i) = table.find(h, |&i| get(i) == s) {
            return i;
        }
        let id = u32::try_from(ends.len())
            .ok()
            .filter(|&i| i < u32::MAX)
            .expect("more than 4 billion distinct strings in one graph");
        text.push_str(s);
        ends.push(text.len());
        let (text, ends) = (&*text, &*ends);
        table.insert_unique(h, id, |&i| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            hash_str(&text[start..ends[i]])
        });
        id
    }
}

// ---------------------------------------------------------------------------------------------
// The text store
// ---------------------------------------------------------------------------------------------

const LEN_BITS: u32 = 24;
/// The length field of a [`TextRef`] whose text carries its length in the store.
const LONG: u64 = (1 << LEN_BITS) - 1;
/// Texts are addressed with 40 bits.
const MAX_OFFSET: u64 = 1 << 40;
/// Bytes collected in memory before they are appended to the spill file.
const SPILL_BUFFER: usize = 1 << 20;

/// Where a graph keeps its evidence sentences: one append-only byte store, in memory, or (once
/// it grows past a threshold and a folder was given with [`Graph::spill_to`]) in an unnamed
/// temporary file in that folder, read back with positioned reads when the exports need a
/// sentence. The file is removed from its folder as soon as it is created, so nothing is left
/// behind even when the process is killed. Spilling needs a Unix system; elsewhere the store
/// stays in memory.
pub struct Texts {
    /// The bytes from `base` on.
    mem: Vec<u8>,
    /// Bytes before `base` are in the spill file.
    base: u64,
    spill: Option<std::fs::File>,
    spill_dir: Option<PathBuf>,
    spill_above: usize,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            mem: Vec::new(),
            base: 0,
            spill: None,
            spill_dir: None,
            spill_above: Texts::SPILL_ABOVE,
        }
    }
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Texts({} bytes in memory, {} spilled)",
            self.mem.len(),
            self.base
        )
    }
}

impl Clone for Texts {
    /// A clone keeps its texts in memory (a spilled store is read back whole).
    fn clone(&self) -> Self {
        let mut mem = Vec::new();
        if let Some(f) = &self.spill {
            mem = vec![0u8; self.base as usize];
            read_exact_at(f, &mut mem, 0).expect("cannot read the evidence spill file");
        }
        mem.extend_from_slice(&self.mem);
        Texts {
            mem,
            base: 0,
            spill: None,
            spill_dir: self.spill_dir.clone(),
            spill_above: self.spill_above,
        }
    }
}

#[cfg(unix)]
fn read_exact_at(f: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(not(unix))]
fn read_exact_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("spill files need a Unix system"))
}

impl Texts {
    /// Bytes kept in memory before a store with a spill folder moves to a file.
    pub const SPILL_ABOVE: usize = 32 << 20;

    /// Bytes held in memory.
    pub fn memory_bytes(&self) -> usize {
        self.mem.len()
    }

    /// Whether the store has moved to a file.
    pub fn spilled(&self) -> bool {
        self.spill.is_some()
    }

    fn push(&mut self, s: &str) -> TextRef {
        let at = self.base + self.mem.len() as u64;
        assert!(at < MAX_OFFSET, "more than 1 TB of evidence text");
        let len = if s.len() as u64 >= LONG {
            self.mem.extend_from_slice(&(s.len() as u64).to_le_bytes());
            LONG
        } else {
            s.len() as u64
        };
        self.mem.extend_from_slice(s.as_bytes());
        let due = match self.spill {
            Some(_) => self.mem.len() >= SPILL_BUFFER,
            None => self.mem.len() > self.spill_above,
        };
        if due && self.spill_dir.is_some() {
            self.flush();
        }
        TextRef(at << LEN_BITS | len)
    }

    /// Appends the bytes in memory to the spill file (created on first use). When the file
    /// cannot be created or written, spilling stops with a warning and the rest of the texts
    /// stay in memory (what the file holds already stays readable there).
    fn flush(&mut self) {
        let Some(dir) = self.spill_dir.as_deref() else {
            return;
        };
        if self.spill.is_none() {
            match open_spill(dir) {
                Ok(f) => self.spill = Some(f),
                Err(e) => {
                    crate::cmd::note(format!(
                        "warning: cannot create an evidence spill file in {} ({e}); keeping evidence in memory",
                        dir.display()
                    ));
                    self.spill_dir = None;
                    return;
                }
            }
        }
        let f = self.spill.as_mut().unwrap();
        if let Err(e) = std::io::Write::write_all(f, &self.mem) {
            crate::cmd::note(format!(
                "warning: cannot write the evidence spill file ({e}); keeping evidence in memory"
            ));
            self.spill_dir = None;
            if self.base == 0 {
                self.spill = None;
            }
            return;
        }
        self.base += self.mem.len() as u64;
        self.mem.clear();
        if self.mem.capacity() > SPILL_BUFFER * 2 {
            self.mem = Vec::with_capacity(SPILL_BUFFER * 2);
        }
    }

    fn get(&self, r: TextRef) -> std::io::Result<Cow<'_, str>> {
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad text reference");
        let at = r.0 >> LEN_BITS;
        let mut len = r.0 & LONG;
        if at >= self.base {
            let mut i = (at - self.base) as usize;
            if len == LONG {
                let b = self.mem.get(i..i + 8).ok_or_else(bad)?;
                len = u64::from_le_bytes(b.try_into().unwrap());
                i += 8;
            }
            let b = self.mem.get(i..i + len as usize).ok_or_else(bad)?;
            return std::str::from_utf8(b).map(Cow::Borrowed).map_err(|_| bad());
        }
        let f = self.spill.as_ref().ok_or_else(bad)?;
        let mut at = at;
        if len == LONG {
            let mut b = [0u8; 8];
            read_exact_at(f, &mut b, at)?;
            len = u64::from_le_bytes(b);
            at += 8;
        }
        let mut buf = vec![0u8; len as usize];
        read_exact_at(f, &mut buf, at)?;
        String::from_utf8(buf).map(Cow::Owned).map_err(|_| bad())
    }
}

/// Creates the spill file in `dir` and removes its name at once (the open file lives on).
#[cfg(unix)]
fn open_spill(dir: &Path) -> std::io::Result<std::fs::File> {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = dir.join(format!(
        ".newsgraph-spill-{}-{}",
        std::process::id(),
        N.fetch_add(1, Relaxed)
    ));
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(f)
}

#[cfg(not(unix))]
fn open_spill(_: &Path) -> std::io::Result<std::fs::File> {
    Err(std::io::Error::other("spill files need a Unix system"))
}

// ---------------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------------

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// The petgraph graph: nodes are entities, edges relations (undirected relations are stored
    /// once, from the smaller id to the larger).
    pub g: DiGraph<Node, Edge>,
    index: FxHashMap<Box<str>, NodeIndex>,
    edge_index: FxHashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    /// Caps on the lists kept.
    pub caps: Caps,
    /// Number of articles merged.
    pub articles: u64,
    names: Interner,
    triggers: Interner,
    texts: Texts,
}

/// Where an item goes in a sorted list capped at `cap`, from a binary search: `None` when it is
/// there already or would fall beyond the cap.
/// Records one more article for a node or an edge: its id joins the capped, string-ordered
/// id list, and its date widens the first/last window.
fn seen_in(
    names: &Interner,
    ids: &mut Box<[ArticleId]>,
    (first, last): (&mut Day, &mut Day),
    (art, art_id, date): (&str, ArticleId, Day),
    cap: usize,
) {
    let found = ids.binary_search_by(|s| names.get(s.0).cmp(art));
    if let Some(pos) = capped_pos(found, cap) {
        insert_at(ids, cap, pos, art_id);
    }
    *first = first.earliest(date);
    *last = last.latest(date);
}

fn capped_pos(found: Result<usize, usize>, cap: usize) -> Option<usize> {
    match found {
        Err(pos) if pos < cap => Some(pos),
        _ => None,
    }
}

/// Inserts at `pos` into a capped list, dropping its last item when it is full. The list never
/// holds spare room.
fn insert_at<T>(v: &mut Box<[T]>, cap: usize, pos: usize, item: T) {
    let mut w = std::mem::take(v).into_vec();
    if w.len() >= cap {
        w.truncate(cap - 1);
    } else {
        w.reserve_exact(1);
    }
    w.insert(pos, item);
    *v = w.into_boxed_slice();
}

/// Merges a sorted, duplicate-free list `b` into `a` (same shape), keeping the `cap` smallest;
/// on equal keys `a`'s item stays.
fn merge_capped_by<T: Copy>(
    a: &mut Box<[T]>,
    b: &[T],
    cap: usize,
    cmp: impl Fn(&T, &T) -> Ordering,
) {
    if b.is_empty() && a.len() <= cap {
        return;
    }
    let mut out = Vec::with_capacity((a.len() + b.len()).min(cap));
    let (mut i, mut j) = (0, 0);
    while out.len() < cap {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match cmp(x, y) {
                Ordering::Less => {
                    i += 1;
                    *x
                }
                Ordering::Greater => {
                    j += 1;
                    *y
                }
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                    *x
                }
            },
            (Some(x), None) => {
                i += 1;
                *x
            }
            (None, Some(y)) => {
                j += 1;
                *y
            }
            (None, None) => break,
        };
        out.push(next);
    }
    *a = out.into_boxed_slice();
}

/// Sorts and dedups a list (first of equal keys kept) and caps it.
fn normalise_by<T>(v: &mut Box<[T]>, cap: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    let sorted = v.windows(2).all(|w| cmp(&w[0], &w[1]) == Ordering::Less);
    if sorted && v.len() <= cap {
        return;
    }
    let mut w = std::mem::take(v).into_vec();
    w.sort_by(&cmp);
    w.dedup_by(|x, y| cmp(y, x) == Ordering::Equal);
    w.truncate(cap);
    *v = w.into_boxed_slice();
}

/// The order of evidence: date (unknown last), article, offset, trigger, modality.
fn evidence_cmp(names: &Interner, triggers: &Interner, a: &Evidence, b: &Evidence) -> Ordering {
    (!a.date.is_known(), a.date)
        .cmp(&(!b.date.is_known(), b.date))
        .then_with(|| names.get(a.article.0).cmp(names.get(b.article.0)))
        .then(a.start.cmp(&b.start))
        .then_with(|| triggers.get(a.trigger.0).cmp(triggers.get(b.trigger.0)))
        .then(a.modality.cmp(&b.modality))
}

/// A character offset as stored (offsets beyond 4 G characters are capped).
fn offset(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Graph {
    /// An empty graph with the given caps.
    pub fn new(caps: Caps) -> Graph {
        Graph {
            caps,
            ..Graph::default()
        }
    }

    /// Lets the evidence text store move to an unnamed temporary file in `dir` once it holds
    /// more than `above` bytes ([`Texts::SPILL_ABOVE`] is the usual threshold). Only on Unix
    /// systems; elsewhere the texts stay in memory.
    pub fn spill_to(&mut self, dir: &Path, above: usize) {
        if cfg!(unix) {
            self.texts.spill_dir = Some(dir.to_path_buf());
            self.texts.spill_above = above;
        }
    }

    /// The evidence text store.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Node index by id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The edge of `relation` between two nodes (either way round for symmetric relations).
    pub fn edge(&self, a: NodeIndex, relation: Relation, b: NodeIndex) -> Option<EdgeIndex> {
        let (a, b) = self.ends(a, relation, b);
        self.edge_index.get(&(a, relation, b)).copied()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// The text of an article id.
    pub fn article(&self, id: ArticleId) -> &str {
        self.names.get(id.0)
    }

    /// Interns an article id.
    pub fn article_id(&mut self, s: &str) -> ArticleId {
        ArticleId(self.names.intern(s))
    }

    /// The id of an article already interned.
    pub fn find_article(&self, s: &str) -> Option<ArticleId> {
        self.names.find(s).map(ArticleId)
    }

    /// The text of a trigger.
    pub fn trigger(&self, id: TriggerId) -> &str {
        self.triggers.get(id.0)
    }

    /// Interns a trigger.
    pub fn trigger_id(&mut self, s: &str) -> TriggerId {
        TriggerId(self.triggers.intern(s))
    }

    /// Stores a text (an evidence sentence).
    pub fn store_text(&mut self, s: &str) -> TextRef {
        self.texts.push(s)
    }

    /// A stored text.
    pub fn text(&self, r: TextRef) -> std::io::Result<Cow<'_, str>> {
        self.texts.get(r)
    }

    /// The sentence of a piece of evidence.
    pub fn sentence(&self, ev: &Evidence) -> std::io::Result<Cow<'_, str>> {
        self.texts.get(ev.sentence)
    }

    /// Interns the strings of a piece of evidence.
    pub fn evidence(&mut self, ev: &EvidenceRec) -> Evidence {
        Evidence {
            date: Day::new(ev.date),
            article: self.article_id(&ev.article),
            start: offset(ev.start),
            end: offset(ev.end),
            trigger: self.trigger_id(&ev.trigger),
            modality: ev.modality,
            sentence: self.store_text(&ev.sentence),
        }
    }

    /// A piece of evidence with its strings.
    pub fn evidence_rec(&self, ev: &Evidence) -> std::io::Result<EvidenceRec> {
        Ok(EvidenceRec {
            date: ev.date.get(),
            article: self.article(ev.article).to_string(),
            start: ev.start as usize,
            end: ev.end as usize,
            sentence: self.sentence(ev)?.into_owned(),
            trigger: self.trigger(ev.trigger).to_string(),
            modality: ev.modality,
        })
    }

    /// Interns a list of article ids (in any order; [`Graph::merge_node`] and
    /// [`Graph::merge_edge`] sort them).
    pub fn article_ids<S: AsRef<str>>(
        &mut self,
        ids: impl IntoIterator<Item = S>,
    ) -> Box<[ArticleId]> {
        ids.into_iter()
            .map(|s| self.article_id(s.as_ref()))
            .collect()
    }

    /// The article ids of a list, as text.
    pub fn article_strs<'a>(&'a self, ids: &'a [ArticleId]) -> impl Iterator<Item = &'a str> {
        ids.iter().map(|&i| self.article(i))
    }

    /// The ends of an edge as stored: symmetric relations from the smaller id to the larger.
    fn ends(&self, a: NodeIndex, relation: Relation, b: NodeIndex) -> (NodeIndex, NodeIndex) {
        if !relation.directed() && self.g[b].id < self.g[a].id {
            (b, a)
        } else {
            (a, b)
        }
    }

    fn ids_cmp(&self) -> impl Fn(&ArticleId, &ArticleId) -> Ordering + '_ {
        |a, b| self.names.get(a.0).cmp(self.names.get(b.0))
    }

    /// Adds or merges a node (its article ids interned in this graph). Lists in `n` need not
    /// be sorted.
    pub fn merge_node(&mut self, mut n: Node) -> NodeIndex {
        let cap = self.caps.article_ids;
        normalise_by(&mut n.article_ids, cap, self.ids_cmp());
        match self.index.get(n.id.as_str()) {
            Some(&i) => {
                let Graph { g, names, .. } = self;
                let cur = &mut g[i];
                if cur.aliases.is_empty() {
                    cur.aliases = n.aliases;
                } else {
                    cur.aliases.extend(n.aliases);
                }
                cur.mentions += n.mentions;
                cur.articles += n.articles;
                merge_capped_by(&mut cur.article_ids, &n.article_ids, cap, |a, b| {
                    names.get(a.0).cmp(names.get(b.0))
                });
                cur.first_seen = cur.first_seen.earliest(n.first_seen);
                cur.last_seen = cur.last_seen.latest(n.last_seen);
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

    /// Adds or merges an edge between two existing nodes (its ids interned in this graph).
    /// Lists in `e` need not be sorted.
    pub fn merge_edge(&mut self, a: NodeIndex, b: NodeIndex, mut e: Edge) {
        let caps = self.caps;
        normalise_by(&mut e.article_ids, caps.article_ids, self.ids_cmp());
        normalise_by(&mut e.evidence, caps.evidence, |x, y| {
            evidence_cmp(&self.names, &self.triggers, x, y)
        });
        let (a, b) = self.ends(a, e.relation, b);
        let key = (a, e.relation, b);
        match self.edge_index.get(&key) {
            Some(&ei) => {
                let Graph {
                    g, names, triggers, ..
                } = self;
                let cur = &mut g[ei];
                cur.weight += e.weight;
                cur.articles += e.articles;
                merge_capped_by(
                    &mut cur.article_ids,
                    &e.article_ids,
                    caps.article_ids,
                    |a, b| names.get(a.0).cmp(names.get(b.0)),
                );
                cur.first_seen = cur.first_seen.earliest(e.first_seen);
                cur.last_seen = cur.last_seen.latest(e.last_seen);
                for k in 0..4 {
                    cur.modality_counts[k] += e.modality_counts[k];
                }
                merge_capped_by(&mut cur.evidence, &e.evidence, caps.evidence, |x, y| {
                    evidence_cmp(names, triggers, x, y)
                });
            }
            None => {
                let ei = self.g.add_edge(a, b, e);
                self.edge_index.insert(key, ei);
            }
        }
    }

    /// Merges one article's extraction. Existing nodes and edges are updated in place, and a
    /// string is stored only when it is kept (a new node or edge, a new alias, or a piece of
    /// evidence that makes it into a capped list).
    pub fn add(&mut self, x: &Extraction) {
        self.add_each(x, |_, _, _| {});
    }

    /// [`Graph::add`], calling `each(source id, target id, occurrence)` for every relation
    /// occurrence merged, in the order of the extraction, with the ends as the graph stores
    /// them (symmetric relations from the smaller id to the larger). Occurrences whose ends
    /// are not entities of the graph are left out, as they are from the graph.
    pub fn add_each(&mut self, x: &Extraction, mut each: impl FnMut(&str, &str, &EdgeRec)) {
        self.articles += 1;
        let caps = self.caps;
        let art = x.article.as_str();
        let art_id = self.article_id(art);
        let date = Day::new(x.date);
        let mut local: Vec<NodeIndex> = Vec::with_capacity(x.nodes.len());
        for n in &x.nodes {
            match self.index.get(n.id.as_str()) {
                Some(&i) => {
                    local.push(i);
                    let Graph { g, names, .. } = self;
                    let cur = &mut g[i];
                    for al in &n.aliases {
                        if !cur.aliases.contains(al.as_str()) {
                            cur.aliases.insert(al.clone());
                        }
                    }
                    cur.mentions += n.mentions as u64;
                    cur.articles += 1;
                    seen_in(
                        names,
                        &mut cur.article_ids,
                        (&mut cur.first_seen, &mut cur.last_seen),
                        (art, art_id, date),
                        caps.article_ids,
                    );
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
                            Box::new([art_id])
                        } else {
                            Box::default()
                        },
                        first_seen: date,
                        last_seen: date,
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
            let (a, b) = self.ends(a, o.relation, b);
            each(&self.g[a].id, &self.g[b].id, o);
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
                    let Graph { g, names, .. } = self;
                    let cur = &mut g[ei];
                    cur.articles += 1;
                    seen_in(
                        names,
                        &mut cur.article_ids,
                        (&mut cur.first_seen, &mut cur.last_seen),
                        (art, art_id, date),
                        caps.article_ids,
                    );
                    ei
                }
                None => {
                    let mut e = Edge::new(relation);
                    e.articles = 1;
                    if caps.article_ids > 0 {
                        e.article_ids = Box::new([art_id]);
                    }
                    e.first_seen = date;
                    e.last_seen = date;
                    let ei = self.g.add_edge(a, b, e);
                    self.edge_index.insert((a, relation, b), ei);
                    ei
                }
            };
            for &(_, _, _, k) in group {
                let o = &x.edges[k as usize];
                let start = offset(o.start);
                let Graph {
                    g,
                    names,
                    triggers,
                    texts,
                    ..
                } = self;
                let cur = &mut g[ei];
                cur.weight += 1;
                cur.modality_counts[o.modality.index()] += 1;
                let found = cur.evidence.binary_search_by(|ev| {
                    (!ev.date.is_known(), ev.date)
                        .cmp(&(!date.is_known(), date))
                        .then_with(|| names.get(ev.article.0).cmp(art))
                        .then(ev.start.cmp(&start))
                        .then_with(|| triggers.get(ev.trigger.0).cmp(o.trigger.as_str()))
                        .then(ev.modality.cmp(&o.modality))
                });
                if let Some(pos) = capped_pos(found, caps.evidence) {
                    let ev = Evidence {
                        date,
                        article: art_id,
                        start,
                        end: offset(o.end),
                        trigger: TriggerId(triggers.intern(&o.trigger)),
                        modality: o.modality,
                        sentence: texts.push(&o.sentence),
                    };
                    insert_at(&mut cur.evidence, caps.evidence, pos, ev);
                }
            }
        }
    }

    /// Copies article ids of another graph into this one.
    fn import_ids(&mut self, other: &Graph, ids: &[ArticleId]) -> Box<[ArticleId]> {
        ids.iter()
            .map(|&i| self.article_id(other.article(i)))
            .collect()
    }

    /// Copies a node of another graph, its ids interned here.
    pub fn import_node(&mut self, other: &Graph, n: &Node) -> Node {
        Node {
            article_ids: self.import_ids(other, &n.article_ids),
            ..n.clone()
        }
    }

    /// Copies an edge of another graph, its ids and texts interned here. Fails only when the
    /// other graph's spill file cannot be read.
    pub fn import_edge(&mut self, other: &Graph, e: &Edge) -> std::io::Result<Edge> {
        let mut evidence = Vec::with_capacity(e.evidence.len());
        for ev in e.evidence.iter() {
            evidence.push(Evidence {
                article: self.article_id(other.article(ev.article)),
                trigger: self.trigger_id(other.trigger(ev.trigger)),
                sentence: self.store_text(&other.sentence(ev)?),
                ..*ev
            });
        }
        Ok(Edge {
            article_ids: self.import_ids(other, &e.article_ids),
            evidence: evidence.into_boxed_slice(),
            ..e.clone()
        })
    }

    /// Merges another graph into this one.
    ///
    /// # Panics
    ///
    /// When the other graph's evidence spill file cannot be read.
    pub fn merge(&mut self, other: &Graph) {
        self.articles += other.articles;
        let mut map = Vec::with_capacity(other.node_count());
        for n in other.g.node_weights() {
            let n = self.import_node(other, n);
            map.push(self.merge_node(n));
        }
        for e in other.g.edge_references() {
            let edge = self
                .import_edge(other, e.weight())
                .expect("cannot read the evidence of a graph");
            self.merge_edge(map[e.source().index()], map[e.target().index()], edge);
        }
    }

    /// Cuts every capped list to `caps` (lists are kept sorted, so this keeps the smallest
    /// items, as a merge under those caps would).
    pub fn lower_caps(&mut self, caps: Caps) {
        let cut = |v: &mut Box<[_]>, n: usize| {
            if v.len() > n {
                let mut w = std::mem::take(v).into_vec();
                w.truncate(n);
                *v = w.into_boxed_slice();
            }
        };
        self.caps = caps;
        for n in self.g.node_weights_mut() {
            cut(&mut n.article_ids, caps.article_ids);
        }
        for e in self.g.edge_weights_mut() {
            cut(&mut e.article_ids, caps.article_ids);
            if e.evidence.len() > caps.evidence {
                let mut w = std::mem::take(&mut e.evidence).into_vec();
                w.truncate(caps.evidence);
                e.evidence = w.into_boxed_slice();
            }
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
        self.sorted_edges_with(&self.sorted_nodes())
    }

    /// [`Graph::sorted_edges`], given [`Graph::sorted_nodes`].
    pub fn sorted_edges_with(&self, sorted_nodes: &[NodeIndex]) -> Vec<EdgeIndex> {
        // Compare integer ranks, not strings: the rank of a node in id order and of a
        // relation in id order.
        let mut rank = vec![0u32; self.g.node_count()];
        for (r, n) in sorted_nodes.iter().enumerate() {
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
            .edge_references()
            .map(|e| {
                let r = rel_ranks[e.weight().relation as usize];
                (
                    rank[e.source().index()],
                    r,
                    rank[e.target().index()],
                    e.id().index() as u32,
                )
            })
            .collect();
        keyed.sort_unstable();
        keyed
            .into_iter()
            .map(|k| EdgeIndex::new(k.3 as usize))
            .collect()
    }

    /// Keeps only nodes and edges for which the predicates hold (with `drop_isolated`, nodes
    /// left without edges are dropped too). The graph is taken apart, not copied; its string
    /// tables and texts go to the result.
    pub fn filtered(
        self,
        keep_node: impl Fn(&Node) -> bool,
        keep_edge: impl Fn(&Node, &Edge, &Node) -> bool,
        drop_isolated: bool,
    ) -> Graph {
        let Graph {
            g,
            caps,
            articles,
            names,
            triggers,
            texts,
            ..
        } = self;
        let node_ok: Vec<bool> = g.node_weights().map(&keep_node).collect();
        let mut edge_ok = Vec::with_capacity(g.edge_count());
        let mut has_edge = vec![false; g.node_count()];
        for e in g.edge_references() {
            let (a, b) = (e.source(), e.target());
            let ok =
                node_ok[a.index()] && node_ok[b.index()] && keep_edge(&g[a], e.weight(), &g[b]);
            if ok {
                has_edge[a.index()] = true;
                has_edge[b.index()] = true;
            }
            edge_ok.push(ok);
        }
        let mut out = Graph {
            caps,
            articles,
            names,
            triggers,
            texts,
            ..Graph::default()
        };
        let (nodes, edges) = g.into_nodes_edges();
        let mut map = vec![NodeIndex::end(); nodes.len()];
        for (i, n) in nodes.into_iter().enumerate() {
            if node_ok[i] && (!drop_isolated || has_edge[i]) {
                let id: Box<str> = n.weight.id.as_str().into();
                let ni = out.g.add_node(n.weight);
                out.index.insert(id, ni);
                map[i] = ni;
            }
        }
        for (i, e) in edges.into_iter().enumerate() {
            let (a, b) = (map[e.source().index()], map[e.target().index()]);
            if edge_ok[i] && a != NodeIndex::end() && b != NodeIndex::end() {
                let key = (a, e.weight.relation, b);
                let ei = out.g.add_edge(a, b, e.weight);
                out.edge_index.insert(key, ei);
            }
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
        let mut out = Vec::new();
        crate::export::json::write(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const CAPS: Caps = Caps {
        article_ids: 5,
        evidence: 4,
    };

    #[test]
    fn compact_types_stay_small() {
        assert_eq!(std::mem::size_of::<Evidence>(), 32);
        assert!(std::mem::size_of::<Edge>() <= 96);
        assert_eq!(std::mem::size_of::<Day>(), 4);
    }

    #[test]
    fn packed_dates_order_like_options() {
        let d = |y, m, dd| Day::new(Date::new(y, m, dd));
        assert!(Day::UNKNOWN < d(1000, 1, 1));
        assert!(d(2024, 12, 31) < d(2025, 1, 1));
        assert_eq!(d(2024, 2, 29).get(), Date::new(2024, 2, 29));
        assert_eq!(Day::UNKNOWN.get(), None);
        assert_eq!(d(2025, 1, 2).earliest(Day::UNKNOWN), d(2025, 1, 2));
        assert_eq!(Day::UNKNOWN.latest(d(2025, 1, 2)), d(2025, 1, 2));
        assert_eq!(
            Day::from_code(d(2025, 3, 4).code() as u64),
            Some(d(2025, 3, 4))
        );
        assert_eq!(Day::from_code((2025 << 9) | (2 << 5) | 30), None);
    }

    #[test]
    fn interned_strings_round_trip() {
        let mut g = Graph::new(CAPS);
        let words = ["", "a", "ab", "Зеленський", "a", "", "b"];
        let ids: Vec<ArticleId> = words.iter().map(|w| g.article_id(w)).collect();
        for (w, i) in words.iter().zip(&ids) {
            assert_eq!(g.article(*i), *w);
        }
        assert_eq!(ids[1], ids[4]);
        assert_eq!(ids[0], ids[5]);
        assert_ne!(ids[1], ids[6]);
        assert_eq!(g.find_article("ab"), Some(ids[2]));
        assert_eq!(g.find_article("zz"), None);
    }

    #[test]
    fn texts_spill_to_a_file_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Graph::new(CAPS);
        g.spill_to(dir.path(), 100);
        let long = "é".repeat(9_000_000);
        let mut refs = Vec::new();
        for i in 0..5000 {
            let s = format!("sentence number {i} “quoted”");
            refs.push((g.store_text(&s), s));
        }
        refs.push((g.store_text(&long), long));
        refs.push((g.store_text(""), String::new()));
        assert!(g.texts().spilled());
        assert!(g.texts().memory_bytes() < 2 * SPILL_BUFFER);
        for (r, s) in &refs {
            assert_eq!(g.text(*r).unwrap(), s.as_str());
        }
        // The file has no name in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A clone holds everything in memory.
        let c = g.clone();
        assert!(!c.texts().spilled());
        for (r, s) in &refs {
            assert_eq!(c.text(*r).unwrap(), s.as_str());
        }
    }

    #[test]
    fn a_spilled_build_exports_what_an_unspilled_one_does() {
        let dir = tempfile::tempdir().unwrap();
        let mut spilled = Graph::new(CAPS);
        spilled.spill_to(dir.path(), 0);
        let mut plain = Graph::new(CAPS);
        for e in &corpus() {
            spilled.add(e);
            plain.add(e);
        }
        assert!(spilled.texts().spilled());
        assert_eq!(json(&spilled), json(&plain));
    }

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
    fn occurrences_are_reported_with_the_stored_ends() {
        let mut g = Graph::new(CAPS);
        let mut seen = Vec::new();
        let mut ex = x("art01", 3, &[("b", "a", Relation::Praised, "praised")]);
        // A symmetric relation given in the wrong order, and one whose end is unknown.
        ex.edges.push(EdgeRec {
            source: "b".into(),
            target: "a".into(),
            relation: Relation::MetWith,
            ..ex.edges[0].clone()
        });
        ex.edges.push(EdgeRec {
            target: "nobody".into(),
            ..ex.edges[0].clone()
        });
        g.add_each(&ex, |s, t, o| {
            seen.push((s.to_string(), o.relation, t.to_string()))
        });
        assert_eq!(
            seen,
            [
                ("b".to_string(), Relation::Praised, "a".to_string()),
                ("a".to_string(), Relation::MetWith, "b".to_string()),
            ]
        );
        let total: u64 = g.g.edge_weights().map(|e| e.weight).sum();
        assert_eq!(total, seen.len() as u64);
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
        assert_eq!(g.article_strs(&node.article_ids).collect::<Vec<_>>(), ids);
        let e = g.edge(ab, Relation::MetWith, g.node("b").unwrap()).unwrap();
        let e = &g.g[e];
        // Three occurrences per article, merged into one edge.
        assert_eq!(e.weight, 36);
        assert_eq!(e.articles, 12);
        assert_eq!(e.evidence.len(), 4);
        let recs: Vec<EvidenceRec> = e
            .evidence
            .iter()
            .map(|ev| g.evidence_rec(ev).unwrap())
            .collect();
        let mut sorted = recs.clone();
        sorted.sort_by(|x, y| {
            (
                x.date.is_none(),
                x.date,
                &x.article,
                x.start,
                &x.trigger,
                x.modality,
            )
                .cmp(&(
                    y.date.is_none(),
                    y.date,
                    &y.article,
                    y.start,
                    &y.trigger,
                    y.modality,
                ))
        });
        assert_eq!(recs, sorted);
        // Earliest dates first.
        assert!(e.evidence.windows(2).all(|w| w[0].date <= w[1].date));
        assert_eq!(e.first_seen.get(), Date::new(2025, 1, 1));
        assert_eq!(e.modality_counts.iter().sum::<u64>(), 36);
        // Praised is directed: two edges.
        assert_eq!(g.edge_count(), 3);
    }

    #[test]
    fn article_ids_are_kept_in_string_order_whatever_the_interning_order() {
        // Interned in reverse order: the numeric ids run against the strings.
        let mut g = Graph::new(CAPS);
        for e in corpus().iter().rev() {
            g.add(e);
        }
        let mut h = Graph::new(CAPS);
        for i in (0..20).rev() {
            h.article_id(&format!("art{i:02}"));
        }
        for e in corpus().iter() {
            h.add(e);
        }
        assert_eq!(json(&g), json(&h));
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

    #[test]
    fn filtering_takes_the_graph_apart_without_losing_strings() {
        let mut g = Graph::new(CAPS);
        for e in &corpus() {
            g.add(e);
        }
        let before = json(&g);
        let same = g.clone().filtered(|_| true, |_, _, _| true, false);
        assert_eq!(json(&same), before);
        let only = g.filtered(
            |n| n.id != "c",
            |_, e, _| e.relation == Relation::MetWith,
            true,
        );
        assert_eq!(only.node_count(), 2);
        assert_eq!(only.edge_count(), 1);
        let e = only
            .edge(
                only.node("b").unwrap(),
                Relation::MetWith,
                only.node("a").unwrap(),
            )
            .unwrap();
        let ev = only.g[e].evidence[0];
        assert!(only.sentence(&ev).unwrap().starts_with("a "));
    }
}
