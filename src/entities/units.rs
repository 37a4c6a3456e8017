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
    Ment(u32),
}

/// Builds the units of sentence `s`. Modifier mentions (the "Russian" of "Russian President
/// Vladimir Putin") are left out when `skip_modifiers` is set, as are the tokens they cover.
pub fn build_units(doc: &Doc, s: usize, skip_modifiers: bool) -> Vec<Unit> {
    let r = doc.tok_range(s);
    let a = doc.mentions.partition_point(|m| m.sent < s as u32);
    let b = doc.mentions.partition_point(|m| m.sent <= s as u32);
    let mut out = Vec::with_capacity(r.len());
    let mut mi = a;
    let mut ti = r.start;
    while ti < r.end || mi < b {
        // Skip mentions already passed (overlaps).
        let tok = (ti < r.end).then(|| doc.toks.toks[ti]);
        let men = (mi < b).then(|| doc.mentions[mi]);
        match (tok, men) {
            (Some(t), Some(m)) if m.start < t.end => {
                // The mention starts within or before this token: emit it, skip covered tokens.
                if !(skip_modifiers && m.modifier) {
                    out.push(Unit::Ment(mi as u32));
                }
                let end = m.end;
                mi += 1;
                // Further mentions overlapping this one are dropped.
                while mi < b && doc.mentions[mi].start < end {
                    mi += 1;
                }
                while ti < r.end && doc.toks.toks[ti].start < end {
                    ti += 1;
                }
            }
            (Some(_), _) => {
                out.push(Unit::Tok(ti as u32));
                ti += 1;
            }
            (None, Some(m)) => {
                if !(skip_modifiers && m.modifier) {
                    out.push(Unit::Ment(mi as u32));
                }
                mi += 1;
            }
            (None, None) => break,
        }
    }
    out
}
