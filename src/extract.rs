//! Per-article extraction: runs the entity and relation stages on one article and returns a
//! self-contained [`Extraction`] record (its nodes and edge occurrences with evidence), the
//! unit that the graph merges and that `newsgraph extract` writes as JSONL.

use crate::dict::{DataFiles, Dictionary};
use crate::entities;
use crate::input::Article;
use crate::model::{Date, Kind, Modality, Relation};
use crate::relations::{self, rules::Rules};
use anyhow::Result;
use serde::{Deserialize, Serialize};

/// Everything extraction needs: dictionaries and relation rules.
pub struct Knowledge {
    /// Entity dictionaries.
    pub dict: Dictionary,
    /// Relation patterns and modality cues.
    pub rules: Rules,
}

impl Knowledge {
    /// Loads the built-in data, or the data in `dir`, plus extra dictionary files.
    pub fn load(dir: Option<&std::path::Path>, extra: &[std::path::PathBuf]) -> Result<Knowledge> {
        let files = DataFiles::load(dir, extra)?;
        Ok(Knowledge {
            dict: Dictionary::load(&files)?,
            rules: Rules::load(&files)?,
        })
    }

    /// The built-in data only.
    pub fn builtin() -> Result<Knowledge> {
        Knowledge::load(None, &[])
    }
}

/// A node as one article sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRec {
    /// Stable id.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// Surface forms seen in the article.
    pub aliases: Vec<String>,
    /// Mentions in the article.
    pub mentions: u32,
}

/// One occurrence of a relation, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRec {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Relation.
    pub relation: Relation,
    /// Modality of this occurrence.
    pub modality: Modality,
    /// The words that triggered it.
    pub trigger: String,
    /// The sentence.
    pub sentence: String,
    /// Character offset of the sentence in the article text.
    pub start: usize,
    /// Character offset of the end of the sentence.
    pub end: usize,
}

/// What one article contributes to the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Article id.
    pub article: String,
    /// Article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Nodes mentioned.
    pub nodes: Vec<NodeRec>,
    /// Relation occurrences.
    pub edges: Vec<EdgeRec>,
    /// Capitalised names the extractor could not place, with an example sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<(String, String)>,
}

/// Extracts one article.
pub fn extract(k: &Knowledge, article: &Article) -> Extraction {
    // No-break and thin spaces become plain spaces, so names written with them match. One
    // character for one: character offsets stay those of the article.
    let text = normalize_spaces(&article.text);
    let mut doc = entities::analyse(&k.dict, &text, article.date);
    relations::extract(&k.dict, &k.rules, &mut doc);
    // Character offsets of sentence starts, computed incrementally.
    let mut char_at = Vec::with_capacity(doc.sents.len() + 1);
    let mut chars = 0usize;
    let mut pos = 0usize;
    for s in &doc.sents {
        chars += doc.text[pos..s.start].chars().count();
        pos = s.start;
        char_at.push(chars);
    }
    let mut used = vec![false; doc.ents.len()];
    let mut edges = Vec::with_capacity(doc.facts.len());
    // Facts come in sentence order and often several from one sentence: its text and length
    // are computed once.
    let mut last: Option<(u32, String, usize)> = None;
    for f in &doc.facts {
        used[f.src as usize] = true;
        used[f.dst as usize] = true;
        if last.as_ref().is_none_or(|l| l.0 != f.sent) {
            let s = doc.sents[f.sent as usize];
            let text = &doc.text[s.start..s.end];
            last = Some((f.sent, collapse_ws(text), text.chars().count()));
        }
        let (_, sentence, chars) = last.as_ref().expect("set above");
        let sentence = sentence.clone();
        let start = char_at[f.sent as usize];
        let end = start + chars;
        let (mut src, mut dst) = (&doc.ents[f.src as usize].id, &doc.ents[f.dst as usize].id);
        if !f.rel.directed() && dst < src {
            std::mem::swap(&mut src, &mut dst);
        }
        edges.push(EdgeRec {
            source: src.clone(),
            target: dst.clone(),
            relation: f.rel,
            modality: f.modality,
            trigger: f.trigger.clone(),
            sentence,
            start,
            end,
        });
    }
    let mut nodes: Vec<NodeRec> = doc
        .ents
        .iter()
        .enumerate()
        .filter(|(i, e)| e.mentions > 0 || used[*i])
        .map(|(_, e)| NodeRec {
            id: e.id.clone(),
            label: e.label.clone(),
            kind: e.kind,
            aliases: e.aliases.iter().cloned().collect(),
            mentions: e.mentions,
        })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    // Two local entities can share an id (a dictionary entry and a found name of the same
    // spelling): merge them.
    nodes.dedup_by(|b, a| {
        if a.id == b.id {
            a.mentions += b.mentions;
            for al in b.aliases.drain(..) {
                if !a.aliases.contains(&al) {
                    a.aliases.push(al);
                }
            }
            a.aliases.sort();
            true
        } else {
            false
        }
    });
    let mut unplaced: Vec<(String, String)> = doc
        .unplaced
        .iter()
        .map(|(n, s)| {
            let sent = doc.sents[*s as usize];
            (n.clone(), collapse_ws(&doc.text[sent.start..sent.end]))
        })
        .collect();
    unplaced.sort();
    unplaced.dedup_by(|a, b| a.0 == b.0);
    Extraction {
        article: article.id.clone(),
        date: article.date,
        nodes,
        edges,
        unplaced,
    }
}

/// Replaces each no-break, thin or other Unicode space by one ASCII space.
pub fn normalize_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| {
        matches!(
            c,
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
        )
    };
    if !text.chars().any(odd) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if odd(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One line: whitespace runs (newlines included) become single spaces.
pub fn collapse_ws(s: &str) -> String {
    let single = |c: char| c == ' ' || !c.is_whitespace();
    if !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ") && s.chars().all(single) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::collapse_ws;
    use proptest::prelude::*;

    #[test]
    fn collapse_ws_joins_runs_of_any_whitespace() {
        assert_eq!(collapse_ws(" Putin  met\n\tXi . "), "Putin met Xi .");
        assert_eq!(collapse_ws("Putin\u{2028}met Xi"), "Putin met Xi");
        assert_eq!(collapse_ws("Putin met Xi."), "Putin met Xi.");
    }

    proptest! {
        /// Whichever path it takes, the result is the words joined by single spaces.
        #[test]
        fn collapse_ws_is_words_joined_by_one_space(s in "[ a-zé\\n\\t\u{2028}\u{a0}.]{0,40}") {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_ws(&s), want);
        }
    }
}
