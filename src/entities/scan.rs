//! The dictionary scan: one leftmost-longest automaton pass over the article, word-boundary
//! checks, weapon nouns attached to weapon names, weak names confirmed or dropped, and
//! ambiguous names given the reading their cue words point to.

use super::{Doc, RawMatch};
use crate::dict::cat;
use crate::dict::{Cand, Dictionary, Form};
use crate::model::Kind;
use crate::text::TokKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

fn is_word_byte_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@' || c == '#')
}

fn is_word_byte_after(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Scans the article with the dictionary automaton and returns resolved-ready matches.
pub(crate) fn dictionary_matches(dict: &Dictionary, doc: &Doc) -> Vec<RawMatch> {
    let text = doc.text;
    let mut out: Vec<RawMatch> = Vec::new();
    for (s, e, pattern) in word_matches(dict, text) {
        let sent = doc.sents.partition_point(|x| x.end <= s);
        if sent >= doc.sents.len() || doc.sents[sent].start > s {
            continue;
        }
        let cands = dict.pattern_cands[pattern].clone();
        out.push(RawMatch {
            start: s as u32,
            end: e as u32,
            name_end: e as u32,
            sent: sent as u32,
            cands,
            reading: None,
        });
    }
    shared_heads(dict, doc, &mut out);
    attach_weapon_nouns(dict, doc, &mut out);
    confirm_weak(dict, doc, &mut out);
    choose_readings(dict, doc, &mut out);
    out
}

/// Leftmost-longest dictionary matches on word boundaries: (start, end, pattern). When the
/// longest match at a position ends inside a word ("U.S. Air Force" in "U.S. Air Forces"),
/// the next longer one that ends on a boundary is taken instead ("U.S.").
pub(crate) fn word_matches(dict: &Dictionary, text: &str) -> Vec<(usize, usize, usize)> {
    use aho_corasick::{Anchored, Input};
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = dict.matcher.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let s = m.start();
        if is_word_byte_before(text, s) {
            pos = next_char(text, s);
            continue;
        }
        let mut found =
            (!is_word_byte_after(text, m.end())).then_some((m.end(), m.pattern().as_usize()));
        let mut limit = m.end();
        while found.is_none() && limit > s + 1 {
            let input = Input::new(text).span(s..limit - 1).anchored(Anchored::Yes);
            match dict.matcher.find(input) {
                Some(m2) if !is_word_byte_after(text, m2.end()) => {
                    found = Some((m2.end(), m2.pattern().as_usize()))
                }
                Some(m2) => limit = m2.end(),
                None => break,
            }
        }
        match found {
            Some((e, p)) => {
                out.push((s, e, p));
                pos = e;
            }
            None => pos = next_char(text, s),
        }
    }
    out
}

/// "North and South Korea", "East and West Germany": the first word of a coordination shares
/// the rest of the name after it. When "North Korea" is a dictionary name, "North" becomes a
/// match of it.
fn shared_heads(dict: &Dictionary, doc: &Doc, out: &mut Vec<RawMatch>) {
    let text = doc.text;
    let mut added = Vec::new();
    for m in out.iter() {
        let name = &text[m.start as usize..m.name_end as usize];
        let Some((_, rest)) = name.split_once(' ') else {
            continue;
        };
        let before = &text[..m.start as usize];
        let Some(head) = before
            .strip_suffix(" and ")
            .or_else(|| before.strip_suffix(" or "))
        else {
            continue;
        };
        let w_start = head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &head[w_start..];
        if !word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        // Already a name of its own ("Russia and South Korea").
        if out
            .iter()
            .any(|o| o.start as usize <= w_start && o.end as usize > w_start)
        {
            continue;
        }
        let joined = format!("{word} {rest}");
        let Some(&(0, e, p)) = word_matches(dict, &joined).first() else {
            continue;
        };
        let cands = &dict.pattern_cands[p];
        if e != joined.len() || cands.iter().any(|c| c.weak) || cands == &m.cands {
            continue;
        }
        let kinds = |cs: &[Cand]| {
            cs.iter()
                .map(|c| dict.entry(c.entry).kind)
                .collect::<Vec<_>>()
        };
        if kinds(cands) != kinds(&m.cands) {
            continue;
        }
        added.push(RawMatch {
            start: w_start as u32,
            end: head.len() as u32,
            name_end: head.len() as u32,
            sent: m.sent,
            cands: cands.clone(),
            reading: None,
        });
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|m| m.start);
    }
}

fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// "Tomahawk missiles", "Patriot air defence systems", "K9 self-propelled howitzers": the
/// modifiers and noun after a weapon name become part of its mention.
fn attach_weapon_nouns(dict: &Dictionary, doc: &Doc, out: &mut [RawMatch]) {
    for m in out.iter_mut() {
        let kind_of = |k: Kind| {
            m.cands
                .iter()
                .any(|c| dict.entry(c.entry).kind == k && c.form != Form::Capital)
        };
        // Weapons take class nouns ("Tomahawk missiles"); places take place nouns ("Kursk
        // region", "Al-Dhafra Air Base").
        let (nouns, modifiers, max) = if kind_of(Kind::Weapon) {
            ("weapon_noun", "weapon_modifier", 5)
        } else if kind_of(Kind::Place) && !kind_of(Kind::Country) {
            ("place_suffix", "place_modifier", 3)
        } else {
            continue;
        };
        let range = doc.tok_range(m.sent as usize);
        let mut i = doc.tok_at(m.end);
        let mut last_noun = None;
        let mut steps = 0;
        while i < range.end && steps < max {
            let w = doc.low(i);
            if doc.toks.toks[i].start > doc.toks.toks[i.saturating_sub(1)].end + 1
                && i > range.start
            {
                // A gap of more than one space ends the phrase.
                break;
            }
            if dict.lexicon.has(nouns, w) {
                last_noun = Some(i);
                if nouns == "place_suffix" {
                    break;
                }
            } else if !dict.lexicon.has(modifiers, w) {
                break;
            }
            i += 1;
            steps += 1;
        }
        if let Some(n) = last_noun {
            m.end = doc.toks.toks[n].end;
        }
    }
}

/// Drops weak candidates (`?` aliases) that nothing in the article confirms.
fn confirm_weak(dict: &Dictionary, doc: &Doc, out: &mut [RawMatch]) {
    // Entries named by a strong form somewhere in the article.
    let mut strong: HashSet<u32> = HashSet::default();
    for m in out.iter() {
        for c in &m.cands {
            if !c.weak && c.form != Form::Surname {
                strong.insert(c.entry);
            }
        }
        // A strong surname also counts for its entry when it is the only reading.
        if m.cands.len() == 1 && !m.cands[0].weak {
            strong.insert(m.cands[0].entry);
        }
    }
    // Weak weapon names confirmed somewhere in the article ("Patriot air defence batteries"):
    // a later bare "Patriots" is the same weapon.
    for m in out.iter() {
        let extended = m.end > m.name_end;
        let confirmed = || {
            extended
                || doc
                    .tok_range(m.sent as usize)
                    .any(|i| doc.is(cat::WEAPON_CONTEXT, i))
        };
        for c in &m.cands {
            if c.weak && dict.entry(c.entry).kind == Kind::Weapon && confirmed() {
                strong.insert(c.entry);
            }
        }
    }
    // Tokens inside any dictionary match.
    let mut covered = vec![false; doc.toks.toks.len()];
    // Tokens inside a match that can be a person's name.
    let mut person_name = vec![false; doc.toks.toks.len()];
    for m in out.iter() {
        let person = m
            .cands
            .iter()
            .any(|c| dict.entry(c.entry).kind == Kind::Person);
        let mut t = doc.tok_at(m.start);
        while t < covered.len() && doc.toks.toks[t].start < m.end {
            covered[t] = true;
            person_name[t] |= person;
            t += 1;
        }
    }
    for m in out.iter_mut() {
        // A lone surname followed by another capitalised word that is not a known name, or
        // by another person's name, is a first name ("Joseph Guastella", "Volodymyr
        // Zelensky"), unless the sentence is a headline.
        if !m.cands.is_empty() && m.cands.iter().all(|c| c.form == Form::Surname) {
            let next = doc.tok_at(m.end);
            let range = doc.tok_range(m.sent as usize);
            if next < range.end
                && doc.toks.toks[next].cap
                && doc.toks.toks[next].kind == crate::text::TokKind::Word
                && (!covered[next] || person_name[next])
                && !super::is_headline(doc, range, &|t| covered[t])
            {
                m.cands.clear();
                continue;
            }
        }
        if m.cands.iter().all(|c| !c.weak) {
            continue;
        }
        let sent_range = doc.tok_range(m.sent as usize);
        let first_tok = doc.tok_at(m.start);
        let titled = title_before(dict, doc, first_tok, sent_range.start);
        let initial = (sent_range.start..first_tok).all(|k| doc.toks.toks[k].kind != TokKind::Word);
        let next = doc.tok_at(m.end);
        let reported =
            next < sent_range.end && (doc.is(cat::REPORT_VERB, next) || doc.low(next) == "'s");
        let persons = m
            .cands
            .iter()
            .filter(|c| dict.entry(c.entry).kind == Kind::Person)
            .count();
        let keep: Vec<Cand> = m
            .cands
            .iter()
            .copied()
            .filter(|c| {
                if !c.weak {
                    return true;
                }
                // Weak weapon names confirmed anywhere (by a noun or a context word) are in
                // `strong` already.
                if strong.contains(&c.entry) {
                    return true;
                }
                match dict.entry(c.entry).kind {
                    // A surname of the one person holding office at the article's date ("Rubio"
                    // in 2025) is believed when the word has no other reading ("Muscat" may
                    // be Oman's capital).
                    // At the head of a sentence a capital proves nothing ("Cotton prices
                    // rose"), unless a reporting verb follows ("Rubio said").
                    Kind::Person => {
                        titled
                            || (persons == 1
                                && m.cands.len() == 1
                                && (!initial || reported)
                                && dict.roles_at(c.entry, doc.date).next().is_some())
                    }
                    _ => false,
                }
            })
            .collect();
        m.cands = keep;
    }
}

/// Whether a title ends right before token `i` ("President Lee", "Gen. Salami").
pub(crate) fn title_before(dict: &Dictionary, doc: &Doc, i: usize, floor: usize) -> bool {
    for len in 1..=4usize {
        if i < floor + len {
            break;
        }
        let start = i - len;
        if let Some((_, n)) = dict.title_match(|k| (start + k < i).then(|| doc.low(start + k)))
            && n == len
        {
            return true;
        }
    }
    false
}

/// Picks the reading of each ambiguous name from cue words present in the article.
fn choose_readings(dict: &Dictionary, doc: &Doc, out: &mut [RawMatch]) {
    let mut cache: HashMap<&str, Option<Option<u32>>> = HashMap::default();
    for m in out.iter_mut() {
        let surface = &doc.text[m.start as usize..m.name_end as usize];
        let Some(readings) = dict.ambiguous.get(surface) else {
            continue;
        };
        let choice = *cache.entry(surface).or_insert_with(|| {
            let mut best = 0usize;
            let mut best_score = 0usize;
            for (i, r) in readings.iter().enumerate() {
                let score: usize = r
                    .cues
                    .iter()
                    .filter(|c| !c.is_empty() && doc.text.contains(c.as_str()))
                    .count();
                if score > best_score {
                    best = i;
                    best_score = score;
                }
            }
            Some(readings[best].entry)
        });
        m.reading = choice;
    }
    // A reading that is an entity must be among the candidates or replace them.
    for m in out.iter_mut() {
        if let Some(r) = m.reading {
            match r {
                None => m.cands.clear(),
                Some(e) => {
                    if let Some(c) = m.cands.iter().find(|c| c.entry == e).copied() {
                        m.cands = vec![c];
                    } else {
                        // A capital's country reading keeps the capital candidate.
                        let cap = m
                            .cands
                            .iter()
                            .find(|c| c.form == Form::Capital && c.entry == e)
                            .copied();
                        m.cands =
                            vec![cap.unwrap_or(Cand {
                                entry: e,
                                form: if dict.entry(e).kind == Kind::Country
                                    && dict.entry(e).capitals.iter().any(|c| {
                                        c == &doc.text[m.start as usize..m.name_end as usize]
                                    }) {
                                    Form::Capital
                                } else {
                                    Form::Name
                                },
                                weak: false,
                            })];
                    }
                }
            }
        }
    }
}
