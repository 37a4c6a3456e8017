//! Sentence units: a sentence seen as a sequence of tokens and mentions, where every mention
//! (however many words it spans) is one unit. Both the role parser and the relation patterns
//! walk these units.

use super::Doc;

/// A token or a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Token index in [`Doc::toks`].
    Tok(u32),
    /// Mention index in [`Doc::mentions`].
    Mention(u32),
}

/// Builds the units of sentence `s`. With `skip_modifiers`, modifier mentions (the "Russian"
/// of "Russian President Vladimir Putin") are not units: their words stay plain tokens. Of
/// mentions that overlap, the longest wins.
pub fn build_units(doc: &Doc, s: usize, skip_modifiers: bool) -> Vec<Unit> {
    let r = doc.tok_range(s);
    let a = doc.mentions.partition_point(|m| m.sent < s as u32);
    let b = doc.mentions.partition_point(|m| m.sent <= s as u32);
    // The mentions that take part, longest first at each position, without overlaps.
    let mut chosen: Vec<usize> = Vec::new();
    let mut cands: Vec<usize> = (a..b)
        .filter(|&i| !(skip_modifiers && doc.mentions[i].modifier))
        .collect();
    cands.sort_by_key(|&i| {
        (
            doc.mentions[i].start,
            std::cmp::Reverse(doc.mentions[i].end),
        )
    });
    let mut last_end = 0u32;
    for i in cands {
        let m = &doc.mentions[i];
        if m.start >= last_end || chosen.is_empty() {
            chosen.push(i);
            last_end = m.end;
        }
    }
    let mut out = Vec::with_capacity(r.len());
    let mut ci = 0;
    let mut ti = r.start;
    while ti < r.end || ci < chosen.len() {
        let tok = (ti < r.end).then(|| doc.toks.toks[ti]);
        let men = chosen.get(ci).map(|&i| (i, doc.mentions[i]));
        match (tok, men) {
            (Some(t), Some((i, m))) if m.start < t.end => {
                out.push(Unit::Mention(i as u32));
                ci += 1;
                while ti < r.end && doc.toks.toks[ti].start < m.end {
                    ti += 1;
                }
            }
            (Some(_), _) => {
                out.push(Unit::Tok(ti as u32));
                ti += 1;
            }
            (None, Some((i, _))) => {
                out.push(Unit::Mention(i as u32));
                ci += 1;
            }
            (None, None) => break,
        }
    }
    out
}
