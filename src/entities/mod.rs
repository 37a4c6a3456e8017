//! Entity stage: finds the people, countries, weapons systems, places and organisations an
//! article mentions, and resolves every mention to one entity.
//!
//! It owns: the dictionary scan (one automaton pass per article), weapon nouns ("Tomahawk
//! missiles"), weak and ambiguous names ("Patriot", "Georgia"), capitals standing for their
//! government, names found from the text (after a title, in an apposition, before a speech
//! verb, a designator before a weapon noun), surname and title-only resolution at the article's
//! date ("Putin", "the Russian leader"), pronouns, quotations and their speakers, and the role
//! and location facts that titles and "City, Country" state (`leader_of`, `official_of`,
//! `located_in`).
//!
//! The result is a [`Doc`]: the article's sentences and tokens, its local entity table and its
//! mentions, ready for the relation stage.

mod resolve;
mod scan;
pub mod units;
mod unknown;

use crate::dict::cat;
use crate::dict::{Dictionary, EntryId, Form};
use crate::model::{Date, Kind, Modality, Relation};
use crate::text::{self, Sentence, Tokens};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;

pub use units::{Unit, build_units};

/// Identity of an entity within an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntKey {
    /// A dictionary entry.
    Dict(EntryId),
    /// An entity found from the text: kind and loose name key.
    Dyn(Kind, String),
}

/// An entity as one article sees it.
#[derive(Debug, Clone)]
pub struct LocalEntity {
    /// Identity.
    pub key: EntKey,
    /// Stable id across articles (`person:vladimir_putin`).
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// Surface forms matched in this article.
    pub aliases: BTreeSet<String>,
    /// Number of mentions.
    pub mentions: u32,
    /// For a person: the country they serve (from roles) or belong to.
    pub country: Option<u32>,
    /// For a person found from the text: their last name, for later surname mentions.
    pub surname: Option<String>,
    /// A role found in the text (person), title class, for "the president" style references.
    pub title_class: Option<String>,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name or alias.
    Name,
    /// A surname alone.
    Surname,
    /// A demonym ("Russian").
    Demonym,
    /// A capital standing for its government.
    Capital,
    /// A title standing for its holder ("the Russian leader").
    Title,
    /// A third-person pronoun.
    Pronoun,
    /// "I", "me", "my" inside a quotation.
    FirstPerson,
    /// "we", "us", "our" inside a quotation.
    We,
    /// One member of a group reference ("the two leaders", "both sides").
    Group,
}

/// One mention: a byte range of the article and the local entity it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Local entity index.
    pub ent: u32,
    /// How it refers.
    pub kind: MentionKind,
    /// Part of a title phrase ("Russian" in "Russian President Vladimir Putin"): not an
    /// argument of relations by itself.
    pub modifier: bool,
    /// Sentence index.
    pub sent: u32,
}

/// A relation stated by the entity layer (roles, locations), or found by the relation stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Relation.
    pub rel: Relation,
    /// Source local entity.
    pub src: u32,
    /// Target local entity.
    pub dst: u32,
    /// Modality.
    pub modality: Modality,
    /// Sentence index.
    pub sent: u32,
    /// The words that triggered it.
    pub trigger: String,
}

/// A quotation and its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// First byte of the quoted text.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Local entity of the speaker, when attributed.
    pub speaker: Option<u32>,
}

/// An article after the entity stage.
pub struct Doc<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its date.
    pub date: Option<Date>,
    /// Sentences.
    pub sents: Vec<Sentence>,
    /// Token range of each sentence in `toks`.
    pub sent_toks: Vec<(u32, u32)>,
    /// All tokens.
    pub toks: Tokens,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Local entities.
    pub ents: Vec<LocalEntity>,
    /// Mentions, sorted by start.
    pub mentions: Vec<Mention>,
    /// Role and location facts.
    pub facts: Vec<Fact>,
    /// Facts already recorded, to keep each (relation, ends, modality, sentence) once.
    fact_keys: HashSet<(Relation, u32, u32, Modality, u32)>,
    /// Lexicon category bits of each token (see [`crate::dict::cat`]).
    pub lex: Vec<u64>,
    /// Unplaced capitalised names, for `newsgraph candidates`: (name, sentence).
    pub unplaced: Vec<(String, u32)>,
    index: HashMap<EntKey, u32>,
}

impl<'a> Doc<'a> {
    /// Tokens of sentence `s` as a range.
    pub fn tok_range(&self, s: usize) -> std::ops::Range<usize> {
        let (a, b) = self.sent_toks[s];
        a as usize..b as usize
    }

    /// Whether token `i` is in a lexicon category (a bit of [`crate::dict::cat`]).
    pub fn is(&self, category: u64, i: usize) -> bool {
        self.lex.get(i).is_some_and(|b| b & category != 0)
    }

    /// Surface text of token `i`.
    pub fn tok_text(&self, i: usize) -> &'a str {
        let t = &self.toks.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }

    /// Lowercase form of token `i`.
    pub fn low(&self, i: usize) -> &str {
        self.toks.low(i)
    }

    /// Surface text of a mention.
    pub fn mention_text(&self, m: &Mention) -> &'a str {
        &self.text[m.start as usize..m.end as usize]
    }

    /// Indices of the mentions of sentence `s` (mentions must be sorted).
    pub fn sentence_mention_range(&self, s: usize) -> std::ops::Range<usize> {
        let a = self.mentions.partition_point(|m| m.sent < s as u32);
        let b = self.mentions.partition_point(|m| m.sent <= s as u32);
        a..b
    }

    /// Mentions of sentence `s`.
    pub fn sentence_mentions(&self, s: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.sent < s as u32);
        let b = self.mentions.partition_point(|m| m.sent <= s as u32);
        &self.mentions[a..b]
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn tok_at(&self, pos: u32) -> usize {
        self.toks.toks.partition_point(|t| t.start < pos)
    }

    /// The mentions starting in bytes [from, to) (mentions must be sorted by start).
    pub fn mentions_in(&self, from: u32, to: u32) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.start < from);
        let b = self.mentions.partition_point(|m| m.start < to).max(a);
        &self.mentions[a..b]
    }

    /// A mention covering byte `pos` (mentions must be sorted by start).
    pub fn mention_covering(&self, pos: u32) -> Option<usize> {
        let upto = self.mentions.partition_point(|m| m.start <= pos);
        (upto.saturating_sub(8)..upto).find(|&i| pos < self.mentions[i].end)
    }

    /// Whether byte `pos` lies inside a quotation; returns its index.
    pub fn quote_at(&self, pos: u32) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.end <= pos);
        self.quotes
            .get(i)
            .filter(|q| q.start <= pos && pos < q.end)
            .map(|_| i)
    }

    /// The local entity for `key`, created on first use.
    pub fn entity(&mut self, dict: &Dictionary, key: EntKey, label: &str) -> u32 {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let (id, label, kind) = match &key {
            EntKey::Dict(e) => {
                let e = dict.entry(*e);
                (e.id.clone(), e.name.clone(), e.kind)
            }
            EntKey::Dyn(kind, _) => (
                format!("{}:{}", kind.as_str(), text::slug(label)),
                label.to_string(),
                *kind,
            ),
        };
        let i = self.ents.len() as u32;
        self.ents.push(LocalEntity {
            key: key.clone(),
            id,
            label,
            kind,
            aliases: BTreeSet::new(),
            mentions: 0,
            country: None,
            surname: None,
            title_class: None,
        });
        self.index.insert(key, i);
        i
    }

    /// The local entity of a dictionary entry, created on first use.
    pub fn dict_entity(&mut self, dict: &Dictionary, e: EntryId) -> u32 {
        let name = dict.entry(e).name.clone();
        self.entity(dict, EntKey::Dict(e), &name)
    }

    /// Looks up a local entity without creating it.
    pub fn find(&self, key: &EntKey) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// Adds a mention, recording its surface as an alias.
    pub fn add_mention(&mut self, m: Mention) {
        let surface = self.text[m.start as usize..m.end as usize].to_string();
        let surface = clean_alias(&surface);
        let e = &mut self.ents[m.ent as usize];
        if matches!(
            m.kind,
            MentionKind::Name | MentionKind::Surname | MentionKind::Demonym | MentionKind::Capital
        ) && !surface.is_empty()
        {
            e.aliases.insert(surface);
        }
        e.mentions += 1;
        self.mentions.push(m);
    }

    /// Sorts mentions by position (after stages add some).
    pub fn sort_mentions(&mut self) {
        self.mentions.sort_by_key(|m| (m.start, m.end));
    }

    /// Records a fact, once per (relation, source, target, modality, sentence).
    pub fn add_fact(&mut self, f: Fact) {
        if f.src == f.dst {
            return;
        }
        let (sk, dk) = (
            self.ents[f.src as usize].kind,
            self.ents[f.dst as usize].kind,
        );
        if !f.rel.allows(sk, dk) {
            return;
        }
        if self
            .fact_keys
            .insert((f.rel, f.src, f.dst, f.modality, f.sent))
        {
            self.facts.push(f);
        }
    }

    /// The country a local entity belongs to: itself for a country, the country of a person's
    /// role or nationality, the country of a dictionary organisation or place.
    pub fn country_of(&self, dict: &Dictionary, ent: u32) -> Option<u32> {
        let e = &self.ents[ent as usize];
        match e.kind {
            Kind::Country => Some(ent),
            _ => e.country.or_else(|| match &e.key {
                EntKey::Dict(id) => dict
                    .entry(*id)
                    .country
                    .and_then(|c| self.find(&EntKey::Dict(c))),
                _ => None,
            }),
        }
    }
}

/// A sentence in Title Case (a headline): no final punctuation, not a byline, at least four
/// words, and most content words capitalised. `covered` tells tokens inside known names.
pub(crate) fn is_headline(
    doc: &Doc,
    r: std::ops::Range<usize>,
    covered: &dyn Fn(usize) -> bool,
) -> bool {
    if r.is_empty() {
        return false;
    }
    let last = doc.low(r.end - 1);
    if matches!(last, "." | "!" | "?" | "\"" | "'" | ":") || doc.is(cat::BYLINE, r.start) {
        return false;
    }
    let words: Vec<usize> = r
        .filter(|&t| doc.toks.toks[t].kind == text::TokKind::Word && !covered(t))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "and"
                | "or"
                | "with"
                | "by"
                | "as"
                | "from"
        )
    };
    let content: Vec<usize> = words
        .iter()
        .copied()
        .filter(|&t| !small(doc.low(t)))
        .collect();
    let caps = content.iter().filter(|&&t| doc.toks.toks[t].cap).count();
    content.len() >= 3 && caps * 10 >= content.len() * 8
}

/// Normalises a surface form for the alias list: one line, single spaces, no trailing
/// possessive.
pub fn clean_alias(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    for suf in ["'s", "\u{2019}s"] {
        if let Some(x) = out.strip_suffix(suf) {
            out = x.to_string();
        }
    }
    out
}

/// Runs the entity stage over one article.
pub fn analyse<'a>(dict: &Dictionary, text: &'a str, date: Option<Date>) -> Doc<'a> {
    let sents = text::sentences(text);
    let mut toks = Tokens::default();
    let mut sent_toks = Vec::with_capacity(sents.len());
    for s in &sents {
        let a = toks.toks.len() as u32;
        text::tokenize(text, s.start, s.end, &mut toks);
        sent_toks.push((a, toks.toks.len() as u32));
    }
    let quotes = text::quotes(text)
        .into_iter()
        .map(|(s, e)| Quote {
            start: s as u32,
            end: e as u32,
            speaker: None,
        })
        .collect();
    let mut doc = Doc {
        text,
        date,
        sents,
        sent_toks,
        toks,
        quotes,
        ents: Vec::new(),
        mentions: Vec::new(),
        facts: Vec::new(),
        unplaced: Vec::new(),
        lex: Vec::new(),
        fact_keys: Default::default(),
        index: HashMap::default(),
    };
    doc.lex = (0..doc.toks.toks.len())
        .map(|i| dict.lexicon.bits_of(doc.toks.low(i)))
        .collect();
    let raw = scan::dictionary_matches(dict, &doc);
    let found = unknown::find_unknown(dict, &doc, &raw);
    resolve::resolve(dict, &mut doc, raw, found);
    doc
}

/// A candidate mention from the dictionary scan, before resolution.
#[derive(Debug, Clone)]
pub(crate) struct RawMatch {
    pub start: u32,
    pub end: u32,
    /// End of the name itself, before any attached weapon nouns.
    pub name_end: u32,
    pub sent: u32,
    pub cands: Vec<crate::dict::Cand>,
    /// A reading chosen by cue words (None: not an entity).
    pub reading: Option<Option<EntryId>>,
}

impl RawMatch {
    pub fn best_form(&self) -> Form {
        self.cands
            .iter()
            .map(|c| c.form)
            .min()
            .unwrap_or(Form::Alias)
    }
}
