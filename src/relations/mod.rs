//! Relation stage: finds who did what to whom in each sentence, from trigger words and the
//! entities around them, with a modality for every occurrence.
//!
//! It owns the pattern matcher (patterns live in `data/relations.tsv`): the actor found to the
//! left of a trigger (through auxiliaries, appositions and relative clauses), targets, weapons
//! and venues to its right, coordinated groups ("Trump and Putin"), passive voice, "we" in a
//! quotation standing for the speaker's country in state actions, the venue of meetings, and
//! possession of weapons ("Poland's Homar-K"). Modality comes from cues in the clause
//! (`data/modality.tsv`). There is no edge from mere co-occurrence: every edge has a trigger.

pub mod rules;

use crate::dict::{Dictionary, cat};
use crate::entities::{Doc, EntKey, Fact, MentionKind, Unit, build_units};
use crate::model::{Kind, Modality, Relation};
use rules::{Elem, Pattern, Rules, Slot};

/// Whether `NEWSGRAPH_TRACE` is set: print each sentence's units and facts on stderr.
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("NEWSGRAPH_TRACE").is_some())
}

/// Words that end a clause for the purposes of filler skipping and subject search.
fn is_boundary_word(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "."
            | "!"
            | "?"
            | "("
            | ")"
            | "["
            | "]"
            | "\""
            | "\u{201c}"
            | "\u{201d}"
            | "\u{2014}"
            | "--"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "but"
            | "because"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "if"
            | "unless"
            | "when"
            | "whether"
            | "where"
            | "after"
            | "before"
            | "since"
            | "until"
            | "by"
            | "than"
            | "said"
            | "says"
            | "told"
            | "according"
    )
}

/// Punctuation that may sit inside a noun phrase.
fn is_np_punct(w: &str) -> bool {
    matches!(w, "-" | "'s" | "'" | "$" | "%" | "/" | "&" | ",")
}

const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "against",
    "on",
    "from",
    "at",
    "of",
    "for",
    "about",
    "between",
    "including",
    "like",
    "among",
    "into",
    "onto",
    "toward",
    "towards",
    "over",
    "upon",
    "via",
    "in",
    "near",
    "alongside",
    "amid",
    "despite",
    "under",
    "within",
    "inside",
    "across",
    "behind",
    "beyond",
    "outside",
    "throughout",
    "around",
    "off",
    "during",
    "after",
    "before",
    "by",
];

const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "gets", "getting",
];

struct Sent<'d, 'a> {
    doc: &'d Doc<'a>,
    units: Vec<Unit>,
    s: usize,
}

impl Sent<'_, '_> {
    fn low(&self, u: usize) -> Option<&str> {
        match self.units.get(u)? {
            Unit::Tok(t) => Some(self.doc.low(*t as usize)),
            Unit::Mention(_) => None,
        }
    }
    fn ment(&self, u: usize) -> Option<usize> {
        match self.units.get(u)? {
            Unit::Mention(m) => Some(*m as usize),
            Unit::Tok(_) => None,
        }
    }
    fn ent(&self, u: usize) -> Option<u32> {
        self.ment(u).map(|m| self.doc.mentions[m].ent)
    }
    fn kind(&self, u: usize) -> Option<Kind> {
        self.ent(u).map(|e| self.doc.ents[e as usize].kind)
    }
    fn start(&self, u: usize) -> u32 {
        match self.units[u] {
            Unit::Tok(t) => self.doc.toks.toks[t as usize].start,
            Unit::Mention(m) => self.doc.mentions[m as usize].start,
        }
    }
    fn end(&self, u: usize) -> u32 {
        match self.units[u] {
            Unit::Tok(t) => self.doc.toks.toks[t as usize].end,
            Unit::Mention(m) => self.doc.mentions[m as usize].end,
        }
    }
    fn is_boundary(&self, u: usize) -> bool {
        self.low(u).is_some_and(is_boundary_word)
    }
    /// Whether unit `u` is a capitalised token (a mention is not a token).
    fn is_cap(&self, u: usize) -> bool {
        matches!(self.units.get(u), Some(Unit::Tok(t)) if self.doc.toks.toks[*t as usize].cap)
    }
    /// Whether unit `u` is a token with a bit of [`cat`] (from the token's cached bits; a
    /// mention is in no category).
    fn is(&self, category: u64, u: usize) -> bool {
        matches!(self.units.get(u), Some(Unit::Tok(t)) if self.doc.is(category, *t as usize))
    }
    /// Part of a time expression rather than a clause boundary: "before"/"after"/"since"/
    /// "until"/"by" before a time ("shortly before 2:30 p.m."), or the colon of a clock time.
    fn in_time_expression(&self, u: usize) -> bool {
        match self.low(u) {
            Some("after" | "before" | "since" | "until" | "by") => {
                self.low(u + 1).is_some_and(time_word)
            }
            Some(":") => {
                let digits = |w: Option<&str>| {
                    w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
                };
                u > 0 && digits(self.low(u - 1)) && digits(self.low(u + 1))
            }
            _ => false,
        }
    }
    /// Length of a short time phrase starting at `u`: "on Friday", "on Sept. 6", "last week",
    /// "twice", "again"; 0 when there is none.
    fn time_phrase_len(&self, u: usize) -> usize {
        let Some(w) = self.low(u) else { return 0 };
        match w {
            "on" | "last" | "next" | "this" | "early" | "late" => {
                let unit = |w: &str| {
                    time_word(w)
                        || matches!(
                            w,
                            "week"
                                | "weekend"
                                | "month"
                                | "year"
                                | "morning"
                                | "night"
                                | "jan"
                                | "feb"
                                | "aug"
                                | "sep"
                                | "sept"
                                | "oct"
                                | "nov"
                                | "dec"
                        )
                };
                if !self.low(u + 1).is_some_and(unit) {
                    return 0;
                }
                // "on Sept. 6": a month and its day.
                let mut n = 2;
                while n < 4 && self.low(u + n).is_some_and(|w| unit(w) || w == ".") {
                    n += 1;
                }
                n
            }
            "twice" | "again" | "today" | "yesterday" | "later" | "earlier" | "recently" => 1,
            _ if time_word(w) && !w.starts_with(|c: char| c.is_ascii_digit()) => 1,
            _ => 0,
        }
    }
    /// Length of the words that introduce named members at a comma at `u` (", including",
    /// ", among them", ", notably", ", such as"); 0 when there are none.
    fn members_intro(&self, u: usize) -> usize {
        if self.low(u) != Some(",") {
            return 0;
        }
        match (self.low(u + 1), self.low(u + 2)) {
            (Some("including" | "among" | "notably"), Some("them")) => 3,
            (Some("including" | "among" | "notably"), _) => 2,
            (Some("such"), Some("as")) => 3,
            _ => 0,
        }
    }
    /// A filler token inside a phrase: not a boundary, not clause punctuation.
    fn is_filler(&self, u: usize) -> bool {
        match self.low(u) {
            Some(w) => {
                !is_boundary_word(w)
                    && (w.chars().next().is_some_and(|c| c.is_alphanumeric())
                        || is_np_punct(w) && w != ",")
                    && !matches!(w, "and" | "or")
            }
            None => false,
        }
    }

    /// Separator tokens between two mentions of a group: ",", "and", ", and", "&", "/", "-",
    /// "or", "as well as", "along with", optionally followed by title words.
    fn is_separator(&self, a: usize, b: usize) -> bool {
        // The text between the two (looked at only when needed: this runs for every group).
        let gap = || &self.doc.text[self.end(a) as usize..self.start(b) as usize];
        if b <= a + 1 {
            // The two halves of a group reference ("the two" + "leaders") belong together.
            let group = |u: usize| {
                self.ment(u)
                    .is_some_and(|m| self.doc.mentions[m].kind == MentionKind::Group)
            };
            if group(a) && group(b) {
                return true;
            }
            // "Mogherini and his British, French and German counterparts": a possessive before
            // the demonyms of a plural title joins them to the list.
            let possessive = |m: usize| {
                let m = &self.doc.mentions[m];
                m.kind == MentionKind::Pronoun
                    && matches!(
                        self.doc.mention_text(m),
                        "his" | "her" | "their" | "His" | "Her" | "Their"
                    )
            };
            if self
                .ment(b)
                .is_some_and(|m| self.doc.mentions[m].kind == MentionKind::Demonym)
                && self.ment(a).is_some_and(possessive)
            {
                return true;
            }
            // Adjacent mentions: only when the text between them is a joiner.
            // A spaced dash is punctuation ("ERBIL, Iraq - U.S. Defense Secretary Ash
            // Carter"), not a joiner ("US-North Korea").
            let gap = gap();
            return matches!(gap, "-" | "\u{2013}") || matches!(gap.trim(), "/" | "and" | "&");
        }
        // The words between (a group looks at most 6 units away: no allocation).
        let mut buf = [""; 8];
        if b - a - 1 > buf.len() {
            return false;
        }
        for (i, u) in (a + 1..b).enumerate() {
            match self.low(u) {
                Some(w) => buf[i] = w,
                None => return false,
            }
        }
        let words = &buf[..b - a - 1];
        let seps: &[&[&str]] = &[
            &[",", "and"],
            &[",", "or"],
            &[","],
            &["and"],
            &["&"],
            &["/"],
            &["-"],
            &["or"],
            &["as", "well", "as"],
            &["along", "with"],
            &[",", "along", "with"],
            &["together", "with"],
            &["and", "the"],
            &[",", "and", "the"],
            &[",", "the"],
            &["and", "with"],
            &["and", "to"],
            &[",", "and", "to"],
        ];
        // "Baradar and members of the Taliban delegation" (tested apart: it is rare).
        if words.len() >= 3
            && words[0] == "and"
            && matches!(words[1], "members" | "representatives" | "officials")
            && matches!(words[2], "of" | "from")
            && (words.len() == 3 || words.len() == 4 && words[3] == "the")
        {
            return true;
        }
        // A spaced dash is punctuation, as above.
        let spaced_dash = words.first() == Some(&"-") && gap().contains(' ');
        for sep in seps {
            if spaced_dash && sep[0] == "-" {
                continue;
            }
            if words.len() >= sep.len() && words[..sep.len()] == **sep {
                // Title words may follow ("and Ukrainian President", "and North Korean
                // leader"): capitalised or title tokens.
                let rest = &words[sep.len()..];
                let ok = (a + 1 + sep.len()..b).all(|u| {
                    self.is_cap(u)
                        || self.low(u) == Some(".")
                        || self.is(cat::TITLE_FIRST | cat::TITLE_MODIFIER, u)
                });
                if rest.is_empty() || ok {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the mentions at units `a` and `b` can be items of one list: a place and a
    /// person or organisation cannot ("talks in Moscow, and Aliyev joined").
    fn listable(&self, a: usize, b: usize) -> bool {
        let place = |k: usize| self.kind(k) == Some(Kind::Place);
        let agent = |k: usize| matches!(self.kind(k), Some(Kind::Person | Kind::Organisation));
        !(place(a) && agent(b) || agent(a) && place(b))
    }

    /// The group of coordinated mentions containing the mention at unit `u`: (first unit,
    /// last unit, entities).
    /// "send missiles to Ukraine, and Germany sent tanks": the object of a preposition at `a`
    /// and a name at `b` after ", and" with a verb of its own are two clauses, not a list.
    fn clause_joined(&self, a: usize, b: usize) -> bool {
        let object = a > 0 && self.low(a - 1).is_some_and(|w| PREPOSITIONS.contains(&w));
        object
            && (a + 1..b).any(|j| self.low(j) == Some(","))
            && (a + 1..b).any(|j| self.low(j) == Some("and"))
            && self.low(b + 1).is_some_and(|w| {
                w.ends_with("ed")
                    || rules::is_participle(w)
                    || self.is(cat::SPEECH_VERB, b + 1)
                    || matches!(
                        w,
                        "has" | "had" | "have" | "was" | "were" | "will" | "would"
                    )
            })
    }

    fn group(&self, u: usize) -> (usize, usize, Vec<u32>) {
        let mut first = u;
        let mut last = u;
        // Left.
        loop {
            let mut found = None;
            for k in (first.saturating_sub(6)..first).rev() {
                if self.ment(k).is_some() {
                    found = Some(k);
                    break;
                }
            }
            match found {
                Some(k)
                    if self.is_separator(k, first)
                        && self.listable(k, first)
                        && !self.clause_joined(k, first) =>
                {
                    first = k
                }
                _ => break,
            }
        }
        // Right.
        loop {
            let mut found = None;
            for k in last + 1..(last + 7).min(self.units.len()) {
                if self.ment(k).is_some() {
                    found = Some(k);
                    break;
                }
            }
            // ", and China's foreign ministry said ...": a name after a comma and a verb
            // after it opens a new clause, not the next item of a list.
            let new_clause = |k: usize| {
                // "..., and U.N. experts have said": a plural noun may stand between.
                let v = if self.low(k + 1).is_some_and(|w| {
                    w.len() > 3 && w.ends_with('s') && w.starts_with(char::is_lowercase)
                }) {
                    k + 2
                } else {
                    k + 1
                };
                (last + 1..k).any(|j| self.low(j) == Some(","))
                    && (self.is(cat::SPEECH_VERB, v)
                        || matches!(
                            self.low(v),
                            Some(
                                "has"
                                    | "had"
                                    | "have"
                                    | "was"
                                    | "were"
                                    | "is"
                                    | "are"
                                    | "will"
                                    | "would"
                            )
                        ))
            };
            match found {
                Some(k)
                    if self.is_separator(last, k)
                        && !new_clause(k)
                        && self.listable(last, k)
                        && !(first == last && self.clause_joined(last, k)) =>
                {
                    last = k
                }
                _ => break,
            }
        }
        // Commas alone do not make a list ("in Paris, Zelensky said"): a list has a
        // conjunction or a joiner somewhere ("A, B and C", "Russia/Ukraine").
        if first < last {
            // The two halves of "both leaders" are one reference, not a joiner.
            let half = |k: usize| {
                self.ment(k)
                    .is_some_and(|m| self.doc.mentions[m].kind == MentionKind::Group)
            };
            let joined = (first..last).any(|k| {
                self.low(k + 1)
                    .is_some_and(|w| matches!(w, "and" | "or" | "&" | "/" | "-" | "with"))
                    || (self.ment(k).is_some()
                        && self.ment(k + 1).is_some()
                        && !(half(k) && half(k + 1))
                        && self.is_separator(k, k + 1))
            });
            if !joined {
                first = u;
                last = u;
                while first > 0 && half(first) && half(first - 1) {
                    first -= 1;
                }
                while last + 1 < self.units.len() && half(last) && half(last + 1) {
                    last += 1;
                }
            }
        }
        let mut ents = Vec::new();
        for k in first..=last {
            if let Some(e) = self.ent(k)
                && !ents.contains(&e)
            {
                ents.push(e);
            }
        }
        (first, last, ents)
    }

    /// A quotation mark token: transparent to patterns ("a phone call” with Y").
    fn is_quote(&self, u: usize) -> bool {
        matches!(
            self.low(u),
            Some("\"") | Some("\u{201c}") | Some("\u{201d}") | Some("'") | Some("\u{2018}")
        )
    }

    /// Matches literal alternative `alt` at unit `u`; returns the unit after it.
    fn match_alt(&self, u: usize, alt: &[String]) -> Option<usize> {
        let mut k = u;
        for (i, w) in alt.iter().enumerate() {
            if i > 0 {
                while self.is_quote(k) {
                    k += 1;
                }
            }
            if self.low(k)? != w {
                return None;
            }
            k += 1;
        }
        Some(k)
    }
}

/// What a match captured.
#[derive(Debug, Clone, Default)]
struct Capture {
    x: Vec<u32>,
    y: Vec<u32>,
    w: Vec<u32>,
    p: Vec<u32>,
    /// Mention kinds of X members (for "we").
    x_we: bool,
    /// End unit of the match.
    end: usize,
    /// Unit where X's group starts (for the modality window).
    x_start: Option<usize>,
    /// Members of X that form one party together ("a consortium comprising A and B"): no
    /// pair among them.
    x_party: Vec<u32>,
}

impl Capture {
    /// The entities captured for `slot`.
    fn slot(&self, slot: Slot) -> &Vec<u32> {
        match slot {
            Slot::X => &self.x,
            Slot::Y => &self.y,
            Slot::W => &self.w,
            Slot::P => &self.p,
        }
    }

    /// The entities captured for `slot`, to change.
    fn slot_mut(&mut self, slot: Slot) -> &mut Vec<u32> {
        match slot {
            Slot::X => &mut self.x,
            Slot::Y => &mut self.y,
            Slot::W => &mut self.w,
            Slot::P => &mut self.p,
        }
    }
}

fn slot_ok(kind: Kind, slot: Slot) -> bool {
    match slot {
        Slot::W => kind == Kind::Weapon,
        Slot::P => matches!(kind, Kind::Place | Kind::Country | Kind::Organisation),
        Slot::X => kind.is_actor(),
        Slot::Y => true,
    }
}

/// Matches `elems[i..]` from unit `u`, filling `cap`. Backtracks over gaps; a failed match
/// leaves `cap` unchanged.
fn match_elems(
    st: &Sent,
    elems: &[Elem],
    i: usize,
    u: usize,
    cap: &mut Capture,
    passive: bool,
) -> bool {
    if i == elems.len() {
        cap.end = u;
        return true;
    }
    match &elems[i] {
        Elem::Lit { alts, optional } => {
            let mut u = u;
            while st.is_quote(u) {
                u += 1;
            }
            // A time between a verb and its particle: "met on Friday with", "spoke last
            // week with". Only after the trigger.
            if i > 0 {
                u += st.time_phrase_len(u);
            }
            for alt in alts {
                if let Some(k) = st.match_alt(u, alt)
                    && match_elems(st, elems, i + 1, k, cap, passive)
                {
                    return true;
                }
            }
            *optional && match_elems(st, elems, i + 1, u, cap, passive)
        }
        Elem::Gap => {
            // An amount ("up to $200 million worth of") does not count against the gap.
            // Only words the gap can cross are looked at (it stops at the first other one).
            // So does a quantity ("more than 3,000", "at least", "hundreds of").
            let amount = |k: usize| {
                st.low(k).is_some_and(|w| {
                    w.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(
                            w,
                            "$" | "\u{20ac}"
                                | "\u{a3}"
                                | "million"
                                | "billion"
                                | "trillion"
                                | "worth"
                                | "more"
                                | "than"
                                | "fewer"
                                | "less"
                                | "nearly"
                                | "almost"
                                | "roughly"
                                | "approximately"
                                | "dozens"
                                | "hundreds"
                                | "thousands"
                                | "least"
                        )
                        || w == "at" && st.low(k + 1) == Some("least")
                        || w == "of"
                            && k > 0
                            && matches!(st.low(k - 1), Some("dozens" | "hundreds" | "thousands"))
                })
            };
            let mut limit = u + 4;
            for k in u..st.units.len().min(u + 12) {
                if st.low(k).is_none() {
                    break;
                }
                if amount(k) {
                    limit += 1;
                } else if !st.is_filler(k) {
                    break;
                }
            }
            // Before a weapon, the gap stops at an infinitive: "gave Moscow six months to
            // destroy the 9M729" gives nothing.
            let before_weapon = matches!(elems.get(i + 1), Some(Elem::Slot { slot: Slot::W, .. }));
            for k in u..=limit {
                // A failed match leaves `cap` as it was: no copy needed.
                if match_elems(st, elems, i + 1, k, cap, passive) {
                    return true;
                }
                if before_weapon
                    && st.low(k) == Some("to")
                    && st.low(k + 1).is_some_and(|w| {
                        w.chars().all(|c| c.is_ascii_lowercase())
                            && !matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her")
                    })
                {
                    break;
                }
                if k >= st.units.len()
                    || !(st.is_filler(k)
                        || amount(k)
                        // A quotation mark inside a gap: 'said Iran "made a mistake"'.
                        || matches!(st.low(k), Some("\"" | "\u{201c}" | "\u{201d}"))
                        || st.ment(k).is_some()
                            && i + 1 < elems.len()
                            && !matches!(elems[i + 1], Elem::Slot { .. }))
                {
                    break;
                }
            }
            false
        }
        Elem::Slot {
            slot,
            gap,
            optional,
        } => {
            // In the passive, the target is the subject: skip Y here.
            if passive && *slot == Slot::Y {
                return match_elems(st, elems, i + 1, u, cap, passive);
            }
            let mut k = u;
            let mut skipped = 0;
            let mut crossed_mention = false;
            // A "far" slot (gap 6 or more) may also cross "near", "in", "of"... inside the
            // target's noun phrase ("a strike on a depot near the city of Kursk").
            let far = *gap >= 6;
            while k < st.units.len() {
                if let Some(m) = st.ment(k) {
                    let mention = &st.doc.mentions[m];
                    let kind = st.kind(k).unwrap();
                    // A possessive pronoun is a determiner here ("its air defence system").
                    let determiner = mention.kind == MentionKind::Pronoun
                        && matches!(
                            st.doc.mention_text(mention).to_lowercase().as_str(),
                            "its" | "his" | "her" | "their"
                        );
                    // A possessor: "the country's Mykolaiv region" is the region.
                    let (_, glast, _) = st.group(k);
                    let possessor = matches!(st.low(glast + 1), Some("'s") | Some("'"))
                        && (glast + 2..(glast + 5).min(st.units.len()))
                            .any(|j| st.ment(j).is_some());
                    // A modifier of a group whose members are named: "five Republican
                    // senators, including Lindsey Graham".
                    let group_modifier = *slot == Slot::Y && {
                        let mut j = glast + 1;
                        while j < glast + 4
                            && st.low(j).is_some_and(|w| {
                                w.starts_with(char::is_lowercase) && !PREPOSITIONS.contains(&w)
                            })
                        {
                            j += 1;
                        }
                        j > glast + 1
                            && st.low(j - 1).is_some_and(|w| w.ends_with('s'))
                            && st.members_intro(j) > 0
                    };
                    if !determiner && !possessor && !group_modifier && slot_ok(kind, *slot) {
                        let (_, mut last, ents) = st.group(k);
                        let mut ents: Vec<u32> = ents
                            .into_iter()
                            .filter(|&e| slot_ok(st.doc.ents[e as usize].kind, *slot))
                            .collect();
                        // "Russian oil companies Rosneft and Lukoil", "the Russian news agency
                        // RIA Novosti": a demonym before named heads is their modifier; the
                        // heads are the participants.
                        if mention.kind == MentionKind::Demonym
                            && last == k
                            && let Some(h) = (k + 1..(k + 4).min(st.units.len()))
                                .take_while(|&j| {
                                    // A near slot stops at a preposition ("hosted the
                                    // Russian delegation in Tianjin").
                                    st.ment(j).is_some()
                                        || st.is_filler(j)
                                            && st.low(j) != Some("as")
                                            && (far
                                                || !st
                                                    .low(j)
                                                    .is_some_and(|w| PREPOSITIONS.contains(&w)))
                                })
                                .find(|&j| st.ment(j).is_some())
                        {
                            let (_, hl, more) = st.group(h);
                            // Not a weapon: "shot down a Russian Mi-24" hit Russia.
                            let more: Vec<u32> = more
                                .into_iter()
                                .filter(|&e| {
                                    let kd = st.doc.ents[e as usize].kind;
                                    slot_ok(kd, *slot) && kd != Kind::Weapon
                                })
                                .collect();
                            if !more.is_empty() {
                                ents = more;
                                last = hl;
                            }
                        }
                        let saved = std::mem::replace(cap.slot_mut(*slot), ents);
                        if match_elems(st, elems, i + 1, last + 1, cap, passive) {
                            return true;
                        }
                        // Failed: put the slot back, so a failed match leaves `cap` unchanged.
                        *cap.slot_mut(*slot) = saved;
                    }
                    if determiner || possessor || group_modifier {
                        k = if possessor {
                            glast + 2
                        } else if group_modifier {
                            glast + 1
                        } else {
                            k + 1
                        };
                        continue;
                    }
                    // A weapon slot may skip other mentions in the noun phrase ("US Patriot").
                    if *slot != Slot::W || skipped >= *gap {
                        break;
                    }
                    skipped += 1;
                    crossed_mention = true;
                    k += 1;
                    continue;
                }
                // The comma between a title and its holder's name ("his US counterpart, H.R.
                // McMaster") belongs to the noun phrase.
                if st.is(cat::TITLE_COMMA, k) {
                    k += 1;
                    continue;
                }
                // "five Republican senators, including Lindsey Graham": the named members of
                // an unnamed group. For a weapon, the group is a kind of weapon ("missiles,
                // including the DF-26"), not a name ("shipments to Ukraine, including").
                let group_named = match slot {
                    Slot::Y => true,
                    Slot::W => !crossed_mention || st.is(cat::WEAPON_NOUN, k - 1),
                    _ => false,
                };
                if group_named && k > u {
                    let intro = st.members_intro(k);
                    if intro > 0 {
                        k += intro;
                        continue;
                    }
                }
                // "of" inside a capitalised title: "Secretary of State Mike Pompeo".
                let title_of =
                    st.low(k) == Some("of") && k > 0 && st.is_cap(k - 1) && st.is_cap(k + 1);
                let prep = !title_of && st.low(k).is_some_and(|w| PREPOSITIONS.contains(&w));
                let far_ok = far
                    && matches!(
                        st.low(k),
                        Some(
                            "near"
                                | "in"
                                | "of"
                                | "outside"
                                | "around"
                                | "inside"
                                | "close"
                                | "and"
                        )
                    );
                if !far_ok && (prep || !st.is_filler(k)) {
                    break;
                }
                // "the", quotation marks, "known as" and capitalised title words
                // ("President") do not count against the gap.
                let free = matches!(
                    st.low(k),
                    Some("the" | "known" | "as" | "called" | "dubbed" | "named")
                ) || st.is_quote(k)
                    || st.is_cap(k);
                if !free {
                    if skipped >= *gap {
                        break;
                    }
                    skipped += 1;
                }
                k += 1;
            }
            *optional && match_elems(st, elems, i + 1, u, cap, passive)
        }
    }
}

/// Looks left from unit `t` for the actor: the nearest mention group not governed by a
/// preposition, through auxiliaries, adverbs, relative pronouns and a complementiser.
fn find_subject(st: &Sent, t: usize, actors_only: bool) -> Option<(usize, Vec<u32>)> {
    if let Some(found) = coordinated_subject(st, t, actors_only, false) {
        return Some(found);
    }
    let mut u = t;
    let mut steps = 0;
    let mut crossed_that = false;
    // Set when the walk has just passed "who"/"which": the antecedent before ", who" is the
    // subject.
    let mut relative = false;
    while u > 0 && steps < 30 {
        u -= 1;
        steps += 1;
        if let Some(_m) = st.ment(u) {
            // "Russian-backed separatists attacked": the backer did not act.
            if backer(st, u) {
                return None;
            }
            let (first, last, ents) = st.group(u);
            let prev = if first > 0 { st.low(first - 1) } else { None };
            // A possessor right before the head noun ("in its war", "for Russia's invasion")
            // is the actor even after a preposition.
            let next = st.low(last + 1);
            let possessor = matches!(next, Some("'s") | Some("'"))
                || st.ment(last).is_some_and(|m| {
                    let w = st.doc.mention_text(&st.doc.mentions[m]).to_lowercase();
                    matches!(w.as_str(), "its" | "his" | "her" | "their" | "our" | "my")
                })
                // So is a demonym or an organisation modifying the noun ("injured in Russian
                // shelling", "killed in a Hamas rocket attack"): only modifiers between.
                || (st.ment(last).is_some_and(|m| {
                    let m = &st.doc.mentions[m];
                    m.kind == MentionKind::Demonym
                        || (m.kind == MentionKind::Name
                            && st.doc.ents[m.ent as usize].kind == Kind::Organisation)
                }) && (last + 1..t).all(|k| {
                    st.is(cat::WEAPON_NOUN | cat::WEAPON_MODIFIER, k)
                        || st
                            .low(k)
                            .is_some_and(|w| nominal_marker(w) || adjective_like(w) || w == "car")
                }) && last + 3 >= t
                    && st
                        .low(t)
                        .is_some_and(|w| !w.ends_with("ed") && !PREPOSITIONS.contains(&w)));
            // "the members of NATO meeting in Wales": "of" does not stop a subject.
            // The preposition may stand before a determiner: "in the White House".
            let mut pk = first;
            while pk > 0 && matches!(st.low(pk - 1), Some("the" | "a" | "an")) {
                pk -= 1;
            }
            let prev = if pk > 0 { st.low(pk - 1) } else { prev };
            // "the day after he formally accepted": a subordinator before the verb's own
            // subject (at most two adverbs or auxiliaries between) is no preposition.
            let clause_subject = prev.is_some_and(|w| {
                matches!(w, "after" | "before" | "since" | "until" | "as" | "once")
            }) && last + 3 >= t
                && (last + 1..t).all(|k| {
                    st.low(k).is_some_and(|w| {
                        w.ends_with("ly")
                            || matches!(w, "has" | "had" | "have" | "was" | "were" | "is" | "did")
                    })
                });
            // The antecedent of a relative clause is its subject even after a preposition
            // ("sell weapons to Nato members who will supply them").
            let governed = !possessor
                && !relative
                && !clause_subject
                && prev.is_some_and(|w| w != "of" && PREPOSITIONS.contains(&w));
            if governed {
                u = first;
                continue;
            }
            let ents: Vec<u32> = ents
                .into_iter()
                .filter(|&e| !actors_only || st.doc.ents[e as usize].kind.is_actor())
                .collect();
            if ents.is_empty() {
                u = first;
                continue;
            }
            return Some((first, ents));
        }
        let w = st.low(u).unwrap_or("");
        // A short parenthesis ("(HWB)", "(IDF)") after a name is skipped.
        if w == ")" {
            let open = (u.saturating_sub(5)..u)
                .rev()
                .find(|&k| st.low(k) == Some("("));
            if let Some(o) = open {
                u = o;
                continue;
            }
            return None;
        }
        // A quotation mark opened inside the clause ("it had "carried out a strike"") is
        // transparent; one after "said," or ":" starts a quotation.
        if st.is_quote(u) {
            if u > 0 && matches!(st.low(u - 1), Some(",") | Some(":")) {
                return None;
            }
            continue;
        }
        match w {
            // "shortly before 2:30 p.m.", "after midnight": a time, not a clause.
            _ if st.in_time_expression(u) => continue,
            ";" | ":" | "(" | "\u{2014}" | "--" | "?" | "!" => return None,
            "who" | "which" | "whom" => {
                relative = true;
                continue;
            }
            "," => {
                // Cross a comma only into the antecedent of a relative clause ("X, who met"),
                // or over a parenthetical ("X, the Kremlin spokesman, said"; "X, however,").
                if relative {
                    relative = false;
                    continue;
                }
                // The comma that opens a relative clause before this one. The clause may hold
                // commas of its own ("which sold it jets, systems and rifles, stood behind
                // Maduro"), but no boundary.
                let relative_open = || {
                    (u.saturating_sub(25)..u)
                        .rev()
                        .take_while(|&k| !matches!(st.low(k), Some(";" | ":" | "(" | ")")))
                        .find(|&k| {
                            st.low(k) == Some(",") && matches!(st.low(k + 1), Some("which" | "who"))
                        })
                };
                // "Russia's ambassador in Berlin, Sergei Nechayev, called": a name set off by
                // commas right before the verb names the subject.
                if u + 1 == t && u >= 2 && st.kind(u - 1) == Some(Kind::Person) && {
                    let (first, _, _) = st.group(u - 1);
                    first >= 1 && st.low(first - 1) == Some(",")
                } {
                    let (first, _, ents) = st.group(u - 1);
                    return Some((first, ents));
                }
                // The trigger right after the comma is the verb the relative clause's
                // antecedent is the subject of.
                if (u + 1..t).all(|k| st.low(k).is_some_and(|w| w.ends_with("ly")))
                    && let Some(open) = relative_open()
                {
                    u = open;
                    continue;
                }
                if let Some(first_comma) = parenthetical_before(st, u) {
                    // Jump over it: the next step looks at the name before the first comma.
                    u = first_comma;
                    continue;
                }
                // "The delegation, which landed in Washington for talks, was careful to
                // praise Trump": a relative clause between the subject and its verb.
                // Only when a verb follows the clause ("..., was careful", "..., said").
                let verb_next = st.low(u + 1).is_some_and(|w| {
                    BE_FORMS.contains(&w)
                        || matches!(
                            w,
                            "has"
                                | "have"
                                | "had"
                                | "will"
                                | "would"
                                | "could"
                                | "can"
                                | "may"
                                | "might"
                                | "must"
                                | "should"
                                | "did"
                                | "said"
                                | "says"
                                | "told"
                        )
                        || w.ends_with("ed")
                });
                if verb_next && let Some(open) = relative_open() {
                    u = open;
                    continue;
                }
                // ", telling reporters ...": a participle clause shares the subject of the
                // clause before (its first name not governed by a preposition), not its object.
                if st
                    .low(u + 1)
                    .is_some_and(|w| w.ends_with("ing") && w.len() > 4)
                {
                    let c = clause_start(st, u);
                    // Before the clause's verb: only determiners, modifiers and names.
                    let subject = (c..u)
                        .take_while(|&k| {
                            st.ment(k).is_some()
                                || st.is_cap(k)
                                // "Secretary of State Mike Pompeo"
                                || st.low(k) == Some("of")
                                    && k > 0
                                    && st.is_cap(k - 1)
                                    && st.is_cap(k + 1)
                                || st.low(k).is_some_and(|w| {
                                    nominal_marker(w)
                                        || adjective_like(w)
                                        || w == ","
                                        || w.starts_with(|c: char| c.is_ascii_digit())
                                })
                        })
                        .find(|&k| {
                            st.ment(k).is_some()
                                && !(k > 0
                                    && st.low(k - 1).is_some_and(|w| PREPOSITIONS.contains(&w)))
                        });
                    if let Some(k) = subject {
                        let (first, _, ents) = st.group(k);
                        let ents: Vec<u32> = ents
                            .into_iter()
                            .filter(|&e| !actors_only || st.doc.ents[e as usize].kind.is_actor())
                            .collect();
                        if !ents.is_empty() && first == k {
                            return Some((first, ents));
                        }
                    }
                    continue;
                }
                return None;
            }
            "that" => {
                // After a noun, "that" starts a relative clause: its antecedent is the subject
                // ("two nations that threatened..."); after a verb it is a complementiser.
                let before = if u > 0 { st.low(u - 1) } else { None };
                let complementiser = before.is_some_and(|b| {
                    matches!(
                        b,
                        "said"
                            | "says"
                            | "say"
                            | "told"
                            | "tells"
                            | "believe"
                            | "believes"
                            | "believed"
                            | "think"
                            | "thinks"
                            | "thought"
                            | "warned"
                            | "added"
                            | "noted"
                            | "announced"
                            | "claimed"
                            | "insisted"
                            | "argued"
                            | "stated"
                            | "reported"
                            | "suggested"
                            | "indicated"
                            | "confirmed"
                            | "know"
                            | "knows"
                            | "knew"
                            | "hope"
                            | "hopes"
                            | "hoped"
                            | "expect"
                            | "expects"
                            | "expected"
                            | "so"
                            | "such"
                            | "now"
                            | "fact"
                            | "clear"
                            | "ensure"
                            | "agreed"
                            | "agree"
                            | "agrees"
                            | "feared"
                            | "fears"
                            | "worried"
                            | "concluded"
                            | "decided"
                            | "predicted"
                            | "acknowledged"
                            | "admitted"
                            | "wrote"
                            | "tweeted"
                            | "posted"
                            | "demanded"
                            | "asked"
                            | "urged"
                            | "stressed"
                            | "emphasized"
                            | "emphasised"
                            | "explained"
                            | "recalled"
                            | "signalled"
                            | "signaled"
                            | "showed"
                            | "shows"
                            | "means"
                            | "meant"
                            | "is"
                            | "was"
                            | "are"
                            | "were"
                    )
                });
                if !complementiser {
                    if u > 0 && st.ment(u - 1).is_some() {
                        let (first, _, ents) = st.group(u - 1);
                        let ents: Vec<u32> = ents
                            .into_iter()
                            .filter(|&e| st.doc.ents[e as usize].kind.is_actor())
                            .collect();
                        if !ents.is_empty() {
                            return Some((first, ents));
                        }
                    }
                    return None;
                }
                if crossed_that {
                    return None;
                }
                crossed_that = true;
            }
            // "... before telling reporters alongside Trudeau": a gerund clause after a
            // subordinator shares the main subject.
            "after" | "before" | "while" | "when" | "since"
                if st
                    .low(u + 1)
                    .is_some_and(|n| n.ends_with("ing") && n.len() > 4) =>
            {
                continue;
            }
            "but" | "because" | "while" | "whereas" | "although" | "though" | "if" | "unless"
            | "when" | "whether" | "where" | "since" | "until" | "than" | "after" | "before"
            | "amid" | "despite" => return None,
            // "once separatists agreed to talks" starts a clause; "Trump once met Kim" is an
            // adverb right before the verb.
            "once" if u + 1 < t => return None,
            // "capable of striking", "for sending": a gerund clause has its own (unstated)
            // subject.
            w if w.ends_with("ing")
                && u > 0
                && matches!(
                    st.low(u - 1),
                    Some("of" | "for" | "about" | "without" | "from")
                ) =>
            {
                return None;
            }
            _ => {}
        }
    }
    None
}

/// "Russia lent Caracas billions and sold it jets": a verb right after "and" (adverbs
/// between) is a second predicate of the clause, whose subject opens it. With `passive`, a
/// form of "be" may stand between too ("... and was received by Lee").
fn coordinated_subject(
    st: &Sent,
    t: usize,
    actors_only: bool,
    passive: bool,
) -> Option<(usize, Vec<u32>)> {
    let w = st.low(t)?;
    if !rules::is_participle(w) || w.ends_with("ing") || w.ends_with('s') {
        return None;
    }
    let mut a = t;
    while a > 0
        && st.low(a - 1).is_some_and(|w| {
            w.ends_with("ly")
                || matches!(w, "also" | "then" | "later")
                || passive && BE_FORMS.contains(&w)
        })
    {
        a -= 1;
    }
    if a < 2 || st.low(a - 1) != Some("and") {
        return None;
    }
    let mut c = clause_start(st, a - 1);
    if st.low(c) == Some("the") {
        c += 1;
    }
    // "Russia, which has lent Caracas billions and sold it jets": the antecedent.
    let relative = c >= 3
        && matches!(st.low(c - 1), Some("which" | "who"))
        && st.low(c - 2) == Some(",")
        && st.ment(c - 3).is_some();
    if relative {
        c -= 3;
    }
    st.ment(c)?;
    let (first, last, ents) = st.group(c);
    // The subject's verb follows it (not "Trump and Putin met").
    if !relative && last + 1 >= a - 1 {
        return None;
    }
    let ents: Vec<u32> = ents
        .into_iter()
        .filter(|&e| !actors_only || st.doc.ents[e as usize].kind.is_actor())
        .collect();
    (!ents.is_empty()).then_some((first, ents))
}

/// A word that starts a time expression after "before"/"after": a number ("2:30"), a time
/// of day, a weekday or a month.
fn time_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            w,
            "noon"
                | "midnight"
                | "dawn"
                | "dusk"
                | "daybreak"
                | "sunrise"
                | "sunset"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "january"
                | "february"
                | "march"
                | "april"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
}

/// Whether an "-ing" trigger after word `w` modifies a noun ("a barrage targeting Kyiv")
/// rather than heading a verb phrase ("is targeting", "began attacking", "quickly hitting").
fn participle_after(w: &str) -> bool {
    let verbal = BE_FORMS.contains(&w)
        || matches!(
            w,
            "be" | "been"
                | "start"
                | "started"
                | "starts"
                | "begin"
                | "began"
                | "begun"
                | "begins"
                | "continue"
                | "continued"
                | "continues"
                | "keep"
                | "kept"
                | "keeps"
                | "stop"
                | "stopped"
                | "resume"
                | "resumed"
                | "consider"
                | "considered"
                | "considering"
                | "avoid"
                | "risk"
                | "risked"
                | "not"
                | "and"
                | "or"
                | "also"
                | "then"
                | "after"
                | "before"
                | "while"
                | "when"
                | "by"
                | "in"
                | "without"
                | "since"
                | "finish"
                | "finished"
                | "recommend"
                | "discuss"
                | "discussed"
                | "mulling"
                | "weighing"
                | "out"
                | "to"
                | "delay"
                | "delayed"
                | "postpone"
                | "postponed"
                | "quit"
                | "suggest"
                | "suggested"
                | "propose"
                | "proposed"
                | "deny"
                | "denied"
                | "denies"
                | "admit"
                | "admitted"
                | "imagine"
                | "favor"
                | "favour"
                | "oppose"
                | "opposed"
                | "opposes"
                | "mind"
                | "enjoy"
                | "practice"
                | "justify"
                | "justified"
                | "contemplate"
                | "contemplated"
                | "resist"
                | "resisted"
                | "envisage"
                | "envisaged"
                | "anticipate"
                | "anticipated"
        );
    let adverb = w.ends_with("ly");
    let word = w.chars().next().is_some_and(|c| c.is_alphabetic());
    word && !verbal && !adverb
}

/// Verbs that carry a noun trigger ("launched an attack", "held talks", "imposed sanctions").
fn light_verb(w: &str) -> bool {
    matches!(
        w,
        "launched"
            | "launch"
            | "launches"
            | "launching"
            | "carried"
            | "carry"
            | "carries"
            | "carrying"
            | "out"
            | "conducted"
            | "conduct"
            | "conducts"
            | "staged"
            | "stage"
            | "mounted"
            | "mount"
            | "unleashed"
            | "unleash"
            | "ordered"
            | "order"
            | "held"
            | "hold"
            | "holds"
            | "holding"
            | "had"
            | "has"
            | "have"
            | "having"
            | "made"
            | "make"
            | "makes"
            | "began"
            | "begin"
            | "begins"
            | "started"
            | "start"
            | "starts"
            | "continued"
            | "continue"
            | "continues"
            | "stepped"
            | "step"
            | "up"
            | "escalated"
            | "intensified"
            | "announced"
            | "announce"
            | "approved"
            | "approve"
            | "imposed"
            | "impose"
            | "imposes"
            | "slapped"
            | "levied"
            | "waged"
            | "wage"
            | "wages"
            | "fought"
            | "opened"
            | "resumed"
            | "renewed"
            | "concluded"
            | "completed"
            | "planned"
            | "plans"
            | "plan"
            | "scheduled"
            | "sought"
            | "seek"
            | "seeks"
            | "pursued"
            | "sent"
            | "send"
            | "sends"
            | "delivered"
            | "provided"
            | "pledged"
            | "offered"
            | "gave"
            | "give"
            | "gives"
            | "expressed"
            | "express"
            | "voiced"
            | "reaffirmed"
            | "signed"
            | "reached"
            | "struck"
            | "agreed"
            | "hosted"
            | "attended"
            | "joined"
            | "led"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "will"
            | "would"
            | "could"
            | "also"
            | "again"
            | "another"
            | "one"
            | "several"
            | "series"
            | "wave"
            | "waves"
            | "and"
            | "to"
            | "increased"
            | "expanded"
            | "considering"
            | "considers"
            | "considered"
            | "weighing"
            | "planning"
            | "preparing"
            | "prepared"
            | "threatening"
            | "threatens"
            | "vowed"
            | "promised"
            | "authorised"
            | "authorized"
            | "demanded"
            | "called"
            | "for"
            | "mulling"
            | "seeking"
            | "boosted"
            | "stepped-up"
            | "accepted"
            | "welcomed"
            | "requested"
            | "proposed"
            // "would be forced to take countermeasures against Finland".
            | "take"
            | "taking"
            | "took"
            | "forced"
            // Amassing: "has built up a large arsenal of missiles".
            | "built"
            | "build"
            | "amassed"
            | "stockpiled"
            | "large"
            | "vast"
            | "huge"
            | "growing"
            // Undoing one: "is tearing up a contract with France".
            | "tearing"
            | "tore"
            | "torn"
            | "scrapped"
            | "scrapping"
            | "cancelled"
            | "canceled"
            | "cancelling"
            | "suspended"
            | "suspending"
            | "abandoned"
            | "ditched"
            | "rejected"
            | "broke"
            | "breaking"
    )
}

/// A word shaped like an adjective ("telephonic", "unprecedented", "long-range").
fn adjective_like(w: &str) -> bool {
    w.contains('-')
        || [
            "ic", "al", "ous", "ive", "ful", "less", "ary", "ian", "ese", "ish", "ern", "ent",
            "ant", "ed", "est", "ble",
        ]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

/// Words before a trigger that mark it as a noun ("the war", "a call", "its support").
fn nominal_marker(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "'s"
            | "'"
            | "this"
            | "that"
            | "these"
            | "those"
            | "any"
            | "no"
            | "new"
            | "further"
            | "more"
            | "fresh"
            | "possible"
            | "planned"
            | "upcoming"
            | "recent"
            | "latest"
            | "first"
            | "second"
            | "direct"
            | "phone"
            | "telephone"
            | "drone"
            | "missile"
            | "air"
            | "peace"
            | "ceasefire"
            | "trade"
            | "military"
            | "full-scale"
            | "large-scale"
            | "massive"
            | "major"
            | "renewed"
            | "ongoing"
            | "continued"
            | "lasting"
            | "vital"
            | "brief"
            | "lengthy"
            | "long"
            | "short"
            | "private"
            | "secret"
            | "bilateral"
            | "historic"
    )
}

/// Whether the units between the comma at `c` (walking left) and the previous comma form a
/// parenthetical after a mention (an apposition, a participle phrase or a short aside); returns
/// the index of the previous comma.
fn parenthetical_before(st: &Sent, c: usize) -> Option<usize> {
    // The walk came from the right of `c`: the segment to check is the one that *ended* at `c`
    // on its right side, i.e. what we already walked. Look at the segment to the left instead:
    // "X, the spokesman, said": at the second comma, the segment [first comma + 1, c) must be
    // parenthetical and a mention must stand right before the first comma.
    let mut k = c;
    let mut len = 0;
    while k > 0 {
        k -= 1;
        if st.low(k) == Some(",") {
            break;
        }
        if st.is_boundary(k) {
            return None;
        }
        len += 1;
        if len > 12 {
            return None;
        }
    }
    // The mention may carry a short parenthesis: "the Korean Demilitarized Zone (DMZ), one
    // possible venue, hosted".
    if st.low(k) != Some(",") || k == 0 || st.ment(k - 1).is_none() && st.low(k - 1) != Some(")") {
        return None;
    }
    let first = k + 1;
    if first >= c {
        return None;
    }
    // ", the White House announced," is a reporting clause, not a parenthetical.
    if (first..c).any(|j| {
        st.low(j).is_some_and(|w| {
            matches!(
                w,
                "said"
                    | "says"
                    | "announced"
                    | "reported"
                    | "told"
                    | "added"
                    | "wrote"
                    | "stated"
                    | "confirmed"
                    | "noted"
                    | "according"
            )
        })
    }) {
        return None;
    }
    let w = st.low(first);
    let short = c - first <= 3 && (first..c).all(|j| st.ment(j).is_none());
    let starts = match w {
        Some(w) => {
            matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "who"
                    | "which"
                    | "whose"
                    | "also"
                    | "however"
                    | "meanwhile"
                    | "including"
                    | "then"
                    | "now"
                    | "once"
                    | "himself"
                    | "herself"
                    | "itself"
            ) || w.ends_with("ing")
                || w.ends_with("ed")
                || st.doc.toks.toks[match st.units[first] {
                    Unit::Tok(t) => t as usize,
                    _ => 0,
                }]
                .cap
        }
        None => true, // a mention: "X, Russia's envoy, said"
    };
    (short || starts).then_some(k)
}

/// The modality of an occurrence whose trigger spans units [t0, t1), with the clause starting
/// at `from`.
fn modality(
    rules: &Rules,
    st: &Sent,
    from: usize,
    t0: usize,
    t1: usize,
    nominal: bool,
) -> (Modality, bool) {
    let mut neg = 0;
    let mut possible = false;
    let mut planned = false;
    let mut seen_report = false;
    let mut check = |u: usize,
                     st: &Sent,
                     post: bool,
                     neg: &mut i32,
                     possible: &mut bool,
                     planned: &mut bool|
     -> usize {
        let Some(w) = st.low(u) else { return 1 };
        if st.is(cat::REPORT_VERB, u) {
            seen_report = true;
        }
        if let Some(list) = rules.cues.by_first.get(w) {
            for (words, m) in list {
                let ok = words
                    .iter()
                    .enumerate()
                    .all(|(k, cw)| st.low(u + k) == Some(cw.as_str()));
                if ok {
                    match m {
                        // After a noun only what stops the event negates it ("the
                        // talks were called off"), not what it failed to achieve ("the
                        // summit failed to produce a deal").
                        Modality::Negated if post && !stops_event(w) => {}
                        Modality::Negated => *neg += 1,
                        Modality::Possible => {
                            // "said he would meet": a reported plan.
                            if w == "would" && seen_report {
                                *planned = true;
                            } else {
                                *possible = true;
                            }
                        }
                        // "sign deal": a deal after the event is what it produced, not a
                        // plan (a plan is "a deal to supply").
                        Modality::Planned
                            if post && matches!(w, "deal" | "deals" | "contract" | "contracts") => {
                        }
                        Modality::Planned => *planned = true,
                        Modality::Asserted => {}
                    }
                    return words.len();
                }
            }
        }
        1
    };
    let mut u = from;
    while u < t0 {
        if let Some(c) = appositive_np(st, u).filter(|&c| c < t0) {
            u = c;
            continue;
        }
        // "did not say whether they would meet": a negation before "whether" is of the
        // saying or knowing; the event itself stays open.
        if st.low(u) == Some("whether") {
            neg = 0;
        }
        u += check(u, st, false, &mut neg, &mut possible, &mut planned);
    }
    if nominal {
        // "talks are planned", "a meeting is expected next week".
        let mut u = t1;
        let end = (t1 + 8).min(st.units.len());
        while u < end {
            if st.is_boundary(u) {
                break;
            }
            u += check(u, st, true, &mut neg, &mut possible, &mut planned);
        }
    }
    let past = (t1..(t1 + 16).min(st.units.len()))
        .take_while(|&u| !st.is_boundary(u))
        .any(|u| match st.low(u) {
            Some("last") => st.low(u + 1).is_some_and(|w| {
                matches!(
                    w,
                    "week" | "month" | "year" | "night" | "weekend" | "summer"
                )
            }),
            Some("yesterday" | "ago") => true,
            _ => false,
        });
    // "talks in Istanbul last week": a past time after the event dates it.
    if past && !possible {
        planned = false;
    }
    // "Russia denied that it had attacked...": a denial governs the clause it introduces.
    let denied = (from.saturating_sub(3)..from).any(|k| {
        matches!(
            st.low(k),
            Some("denied" | "denies" | "deny" | "denying" | "rejected" | "dismissed" | "refuted")
        )
    });
    if denied {
        neg += 1;
    }
    let m = if neg >= 2 {
        Modality::Possible
    } else if neg == 1 {
        Modality::Negated
    } else if possible {
        Modality::Possible
    } else if planned {
        Modality::Planned
    } else {
        Modality::Asserted
    };
    (m, planned)
}

/// A noun phrase set off by commas, starting at the comma `u` ("Panmunjom, one possible venue,
/// hosted..."): its words describe a noun, not the event, so modal words in it ("possible")
/// do not count. Returns the closing comma.
fn appositive_np(st: &Sent, u: usize) -> Option<usize> {
    if st.low(u) != Some(",")
        || !matches!(
            st.low(u + 1),
            Some("a" | "an" | "the" | "one" | "another" | "its" | "his" | "her" | "their")
        )
    {
        return None;
    }
    let c = (u + 2..(u + 9).min(st.units.len())).find(|&k| st.low(k) == Some(","))?;
    let plain = (u + 1..c).all(|k| {
        st.ment(k).is_some()
            || st.low(k).is_some_and(|w| {
                !st.is_boundary(k)
                    && w.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
                    && !w.ends_with("ed")
                    && !w.ends_with("ing")
                    && !matches!(
                        w,
                        "would" | "could" | "might" | "may" | "will" | "not" | "to"
                    )
            })
    });
    plain.then_some(c)
}

/// Negation cues that stop an event named by a noun ("cancelled", "called off").
fn stops_event(w: &str) -> bool {
    matches!(
        w,
        "cancelled"
            | "canceled"
            | "cancels"
            | "called"
            | "scrapped"
            | "abandoned"
            | "halted"
            | "suspended"
            | "paused"
            | "blocked"
            | "postponed"
    )
}

/// "The Polish Armament Agency and a consortium comprising Hanwha Aerospace and HWB": for the
/// group starting at unit `first` inside a party noun ("consortium", "coalition"...), the
/// group coordinated with that noun: (its first unit, its actors).
fn outer_party(st: &Sent, first: usize) -> Option<(usize, Vec<u32>)> {
    let mut j = first.checked_sub(1)?;
    match st.low(j)? {
        "comprising" | "including" | "grouping" | "uniting" => {}
        "of" if j >= 1 && matches!(st.low(j - 1), Some("consisting" | "composed")) => j -= 1,
        _ => return None,
    }
    j = j.checked_sub(1)?;
    if !matches!(
        st.low(j)?,
        "consortium" | "group" | "alliance" | "coalition" | "team" | "venture" | "partnership"
    ) {
        return None;
    }
    // Determiners and adjectives before the noun ("a joint venture").
    let mut k = j;
    for _ in 0..3 {
        match st.low(k.checked_sub(1)?) {
            Some("and" | "with") => break,
            Some(_) if st.is_filler(k - 1) => k -= 1,
            _ => return None,
        }
    }
    let and = k.checked_sub(1)?;
    if !matches!(st.low(and), Some("and" | "with")) {
        return None;
    }
    st.ment(and.checked_sub(1)?)?;
    let (ofirst, _, ents) = st.group(and - 1);
    let ents: Vec<u32> = ents
        .into_iter()
        .filter(|&e| st.doc.ents[e as usize].kind.is_actor())
        .collect();
    (!ents.is_empty()).then_some((ofirst, ents))
}

/// The antecedent of an object relative clause whose verb is at `u` ("Harris, whom Biden
/// endorsed"; "the drone that Iran shot down" has no named antecedent): the named group right
/// before "whom", "which" or "that", when the verb has no object of its own after it.
fn object_relative(st: &Sent, u: usize, weapon: bool) -> Option<Vec<u32>> {
    // The verb's own object would have matched the pattern: only a verb that ends its clause
    // or is followed by a preposition or infinitive takes the antecedent.
    let next = st.low(u + 1);
    if st.ment(u + 1).is_some()
        || !next.is_some_and(|w| {
            !w.chars().next().unwrap_or(' ').is_alphanumeric()
                || PREPOSITIONS.contains(&w)
                || w == "to"
        })
    {
        return None;
    }
    // Cheap test first: a relative pronoun shortly before the verb.
    if !(u.saturating_sub(8)..u).any(|k| matches!(st.low(k), Some("whom" | "which" | "that"))) {
        return None;
    }
    let (first, _) = find_subject(st, u, true)?;
    let k = first.checked_sub(1)?;
    if !matches!(st.low(k), Some("whom" | "which" | "that")) {
        return None;
    }
    let mut j = k.checked_sub(1)?;
    if st.low(j) == Some(",") {
        j = j.checked_sub(1)?;
    }
    // "a Hezbollah commander that Israel blamed": a title or group noun after a name stands
    // for (a member of) it.
    if j >= 1 && st.is(cat::TITLE_FIRST | cat::COLLECTIVE, j) && st.ment(j - 1).is_some() {
        j -= 1;
    }
    st.ment(j)?;
    // Only people, countries and organisations: a place right before "which" is seldom what
    // the clause is about ("from the Kherson region, which Ukraine shot down"). For a weapon
    // slot, the weapons ("the Avangard, which Russia has begun deploying").
    let (_, _, ents) = st.group(j);
    let ents: Vec<u32> = ents
        .into_iter()
        .filter(|&e| {
            let kd = st.doc.ents[e as usize].kind;
            if weapon {
                kd == Kind::Weapon
            } else {
                kd.is_actor()
            }
        })
        .collect();
    (!ents.is_empty()).then_some(ents)
}

/// Start of the clause containing unit `t`: after the nearest clause boundary on the left.
fn clause_start(st: &Sent, t: usize) -> usize {
    // Clauses are short: never look further back than this (keeps long sentences linear).
    let floor = t.saturating_sub(40);
    let mut u = t;
    while u > floor {
        let w = st.low(u - 1);
        match w {
            Some(";") | Some(":") | Some("\u{2014}") | Some("--") | Some("\u{201c}")
            | Some("\u{201d}") | Some("\"") | Some("(") | Some(")") => return u,
            Some("but") | Some("while") | Some("whereas") | Some("although") | Some("though")
            | Some("because") | Some("who") | Some("which") | Some("and")
                if u >= 2 && st.low(u - 2) == Some(",") =>
            {
                return u;
            }
            Some("that") | Some("who") | Some("which") => return u,
            _ => {}
        }
        u -= 1;
    }
    floor
}

/// State actions, where "we" in a quotation stands for the speaker's country.
fn state_action(rel: Relation) -> bool {
    matches!(
        rel,
        Relation::Supplies
            | Relation::SuppliesWeaponsTo
            | Relation::Attacked
            | Relation::Sanctioned
            | Relation::Uses
            | Relation::Receives
            | Relation::AtWarWith
            | Relation::Supports
            | Relation::NegotiatesWith
            | Relation::SignedAgreementWith
            | Relation::PlansMeetingWith
            | Relation::MetWith
    )
}

const MEETING: [Relation; 4] = [
    Relation::MetWith,
    Relation::PlansMeetingWith,
    Relation::SignedAgreementWith,
    Relation::NegotiatesWith,
];

/// Runs the relation stage on one article, adding facts to the doc.
pub fn extract(dict: &Dictionary, rules: &Rules, doc: &mut Doc) {
    let mut facts: Vec<Fact> = Vec::new();
    if trace() {
        for m in &doc.mentions {
            eprintln!(
                "mention s{} {:?} {:?} -> {} ({:?}{}) {:?}",
                m.sent,
                doc.mention_text(m),
                m.kind,
                doc.ents[m.ent as usize].label,
                doc.ents[m.ent as usize].kind,
                if m.modifier { ", modifier" } else { "" },
                doc.ents[m.ent as usize].key
            );
        }
    }
    for s in 0..doc.sents.len() {
        let ms = doc.sentence_mentions(s);
        let mut named = ms.iter().filter(|m| !m.modifier).map(|m| m.ent);
        let Some(first) = named.next() else {
            continue;
        };
        // A relation needs two entities: a sentence naming one (however often) gives only the
        // one-name facts below.
        let two = named.any(|e| e != first);
        let st = Sent {
            doc,
            units: build_units(doc, s, true),
            s,
        };
        if trace() {
            let shown: Vec<String> = st
                .units
                .iter()
                .map(|u| match u {
                    Unit::Tok(t) => doc.tok_text(*t as usize).to_string(),
                    Unit::Mention(m) => {
                        let m = &doc.mentions[*m as usize];
                        format!(
                            "[{}={}]",
                            doc.mention_text(m),
                            doc.ents[m.ent as usize].label
                        )
                    }
                })
                .collect();
            eprintln!("units: {}", shown.join(" "));
        }
        let before = facts.len();
        if two {
            sentence(dict, rules, &st, &mut facts);
            drop_name_calling_calls(&mut facts, before);
        }
        if trace() {
            for f in &facts[before..] {
                eprintln!(
                    "  fact: {} {} {} ({}, \"{}\")",
                    doc.ents[f.src as usize].label,
                    f.rel,
                    doc.ents[f.dst as usize].label,
                    f.modality,
                    f.trigger
                );
            }
        }
        possession(&st, &mut facts);
        quoted_weapons(dict, &st, &mut facts, before);
        backing(&st, &mut facts);
        supplied_by(&st, &mut facts, before);
        deal_sellers(&st, &mut facts, before);
        supplied_to_users(&st, &mut facts, before);
        package_contents(rules, &st, &mut facts, before);
        allies(&st, &mut facts);
        the_capital(dict, &st, &mut facts);
        condemned_attack(dict, rules, &st, &mut facts);
        attendance(dict, rules, &st, &mut facts);
    }
    the_war(dict, doc, &mut facts);
    for f in facts {
        doc.add_fact(f);
    }
}

/// "... attacks on Ukraine since the war began": an article that tells, in two sentences or
/// more, of one country attacking another (the pair it tells of most) and speaks of "the war"
/// has the two at war, in the first sentence that says "the war" (unless that war is placed
/// elsewhere: "the war in Gaza").
fn the_war(dict: &Dictionary, doc: &Doc, facts: &mut Vec<Fact>) {
    let country = |e: u32| doc.ents[e as usize].kind == Kind::Country;
    let mut pairs: Vec<((u32, u32), Vec<u32>)> = Vec::new();
    for f in facts.iter() {
        if f.rel != Relation::Attacked
            || f.modality != Modality::Asserted
            || f.src == f.dst
            || !country(f.src)
            || !country(f.dst)
        {
            continue;
        }
        let key = (f.src.min(f.dst), f.src.max(f.dst));
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some((_, sents)) if !sents.contains(&f.sent) => sents.push(f.sent),
            Some(_) => {}
            None => pairs.push((key, vec![f.sent])),
        }
    }
    let Some(&((a, b), ref sents)) = pairs.iter().max_by_key(|(_, s)| s.len()) else {
        return;
    };
    if sents.is_empty()
        || facts.iter().any(|f| {
            f.rel == Relation::AtWarWith && ((f.src, f.dst) == (a, b) || (f.src, f.dst) == (b, a))
        })
    {
        return;
    }
    let ours =
        |e: u32| e == a || e == b || doc.country_of(dict, e).is_some_and(|c| c == a || c == b);
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        let said = (r.start + 1..r.end).any(|t| {
            if doc.low(t) != "war" || doc.low(t - 1) != "the" || doc.toks.toks[t].cap {
                return false;
            }
            // "the war in Gaza": another war, unless it is placed in one of the two.
            if t + 2 < r.end
                && matches!(doc.low(t + 1), "in" | "on" | "with" | "against" | "between")
            {
                let k = if doc.low(t + 2) == "the" {
                    t + 3
                } else {
                    t + 2
                };
                if k < r.end
                    && let Some(m) = doc.mention_covering(doc.toks.toks[k].start)
                {
                    return ours(doc.mentions[m].ent);
                }
            }
            true
        });
        if said {
            facts.push(Fact {
                rel: Relation::AtWarWith,
                src: a,
                dst: b,
                modality: Modality::Asserted,
                sent: s as u32,
                trigger: "the war".to_string(),
            });
            return;
        }
    }
}

fn sentence(dict: &Dictionary, rules: &Rules, st: &Sent, facts: &mut Vec<Fact>) {
    let doc = st.doc;
    for u in 0..st.units.len() {
        let Some(w) = st.low(u) else { continue };
        let Some(cands) = rules.by_trigger.get(w) else {
            continue;
        };
        // A named war is history, not a war between the sentence's parties: "a Cold War
        // mentality", "since World War II".
        if matches!(w, "war" | "wars") && st.is_cap(u) && u > 0 && st.is_cap(u - 1) {
            continue;
        }
        // "hands back a captured pilot", "came back": "back" after another verb is its
        // particle; the verb "back" follows a name, "to", an auxiliary or an adverb.
        if w == "back"
            && u > 0
            && st.ment(u - 1).is_none()
            && !st.low(u - 1).is_some_and(|p| {
                p.ends_with("ly")
                    || matches!(
                        p,
                        "to" | "will"
                            | "would"
                            | "could"
                            | "can"
                            | "may"
                            | "might"
                            | "should"
                            | "must"
                            | "not"
                            | "n't"
                            | "also"
                            | "still"
                            | "and"
                    )
            })
        {
            continue;
        }
        for &(pi, ai) in cands {
            let p: &Pattern = &rules.patterns[pi];
            let Elem::Lit { alts, .. } = &p.elems[p.trigger] else {
                continue;
            };
            let Some(after) = st.match_alt(u, &alts[ai]) else {
                continue;
            };
            // A bare "X alongside Y" is company ("Trump, alongside Netanyahu, said"); after a
            // verb it is that verb's ("fighting alongside the LNA", "served alongside him"),
            // and the verbs of appearing together have their own patterns.
            if p.left_x
                && p.trigger == 0
                && p.elems.len() == 2
                && matches!(w, "alongside" | "beside")
                && u > 0
                && st
                    .low(u - 1)
                    .is_some_and(|v| v.chars().all(char::is_alphabetic))
            {
                continue;
            }
            // Passive: "Trump was congratulated by Putin".
            let trig_word = st.low(after - 1).unwrap_or("");
            // A reduced passive ("a drone shot down by Iranian missile") counts too.
            // Only with an agent after "by": "spoke by phone with" is no passive.
            let reduced = st.low(after) == Some("by") && u > 0 && st.ment(u - 1).is_none() && {
                let a = if st.low(after + 1) == Some("the") {
                    after + 2
                } else {
                    after + 1
                };
                st.ment(a).is_some() || st.is_cap(a)
            };
            // A phrasal verb is a participle by its first word ("shot down", "carried out").
            let passive = p.verbal
                && p.left_x
                && (rules::is_participle(trig_word) || rules::is_participle(w))
                && ((1..=3)
                    .any(|k| u >= k && st.low(u - k).is_some_and(|w| BE_FORMS.contains(&w)))
                    || reduced)
                && p.elems
                    .iter()
                    .any(|e| matches!(e, Elem::Slot { slot: Slot::Y, .. }));
            let mut cap = Capture::default();
            let mut subordinate = false;
            let mut after_clause: Option<usize> = None;
            let mut matched = match_elems(st, &p.elems, p.trigger + 1, after, &mut cap, passive);
            // "Kamala Harris, whom Biden has endorsed": the object of a relative clause is
            // its antecedent.
            if !matched
                && !passive
                && p.verbal
                && p.left_x
                && p.elems.len() == p.trigger + 2
                && matches!(
                    p.elems[p.trigger + 1],
                    Elem::Slot {
                        slot: Slot::Y,
                        optional: false,
                        ..
                    }
                )
                && let Some(ys) = object_relative(st, u, false)
            {
                cap.y = ys;
                cap.end = after;
                matched = true;
            }
            // "the F-16s, which Washington sold to Islamabad": a weapon antecedent fills the
            // weapon slot, and the rest of the pattern follows the verb.
            if !matched
                && !passive
                && p.verbal
                && p.left_x
                && let Some(iw) = p.elems.iter().position(|e| {
                    matches!(
                        e,
                        Elem::Slot {
                            slot: Slot::W,
                            optional: false,
                            ..
                        }
                    )
                })
                && iw > p.trigger
                && p.elems[p.trigger + 1..iw]
                    .iter()
                    .all(|e| matches!(e, Elem::Gap))
                && let Some(ws) = object_relative(st, u, true)
            {
                let saved = std::mem::replace(&mut cap.w, ws);
                if match_elems(st, &p.elems, iw + 1, after, &mut cap, false) {
                    matched = true;
                } else {
                    cap.w = saved;
                }
            }
            if trace() {
                eprintln!("  try {} at {:?}: {}", p.line, st.low(u), matched);
            }
            if !matched {
                continue;
            }
            if passive {
                // The subject is the target; "by X" after the match is the actor.
                // The subject of a passive is the target: it may be a place.
                // "Kim flew in aboard an Air China jet and was received by Lee": a second
                // predicate shares the clause's subject, not the nearest name.
                let subj = coordinated_subject(st, u, false, true)
                    .or_else(|| find_subject(st, u, false))
                    .or_else(|| apposition_head(st, u));
                let by =
                    (cap.end..(cap.end + 4).min(st.units.len())).find(|&k| st.low(k) == Some("by"));
                let Some(by) = by else { continue };
                // Past a demonym and title words: "by Singaporean Prime Minister Lee".
                let agent = (by + 1..(by + 7).min(st.units.len()))
                    .take_while(|&k| k < by + 4 || st.is_cap(k) || st.ment(k).is_some());
                let Some(xm) = agent
                    .clone()
                    .find(|&k| st.ment(k).is_some_and(|m| !doc.mentions[m].modifier))
                    .or_else(|| agent.clone().find(|&k| st.ment(k).is_some()))
                else {
                    continue;
                };
                let (_, _, xs) = st.group(xm);
                cap.x = xs;
                cap.x_start = Some(by);
                let Some((_, ents)) = subj else { continue };
                cap.y = ents;
            } else if p.left_x
                && u > 0
                && st.low(u - 1).is_some_and(|w| {
                    matches!(w, "of" | "for" | "about" | "without" | "from" | "on")
                        || (trig_word.ends_with("ing") && participle_after(w) && !nominal_marker(w))
                })
                && trig_word.ends_with("ing")
            {
                // A gerund after a preposition ("capable of striking") has no subject here.
                continue;
            } else if p.left_x
                && matches!(trig_word, "target" | "targets")
                && u > 0
                && st.ment(u - 1).is_some()
                && {
                    let (first, _, _) = st.group(u - 1);
                    first > 0
                        && st.low(first - 1).is_some_and(|w| {
                            matches!(w, "of" | "the" | "on" | "at" | "against" | "with")
                                || w.starts_with(|c: char| c.is_ascii_digit())
                        })
                }
            {
                // "hundreds of Islamic State targets": a noun whose modifier is the target.
                continue;
            } else if p.left_x
                && trig_word.ends_with("ing")
                && u > 0
                && matches!(
                    st.low(u - 1),
                    Some("while" | "when" | "after" | "before" | "by" | "since")
                )
                && let Some(k) = (0..u.min(4))
                    .find(|&k| st.ment(k).is_some() && st.kind(k).is_some_and(|kd| kd.is_actor()))
            {
                // "..., while accusing the US of ...": a participle after a subordinator has
                // the sentence's subject, not the nearest name ("until Hamas is eliminated").
                subordinate = true;
                let (first, _, ents) = st.group(k);
                cap.x = ents
                    .into_iter()
                    .filter(|&e| doc.ents[e as usize].kind.is_actor())
                    .collect();
                cap.x_start = Some(first);
            } else if p.left_x {
                // A trigger used as a noun ("the war", "Russian strikes") takes its actor from
                // right before it, not from a distant clause.
                // After "of" the noun belongs to another noun ("a suspension of arms sales to
                // Saudi Arabia"): its actor must stand right before too.
                // A measure before "of" does not count ("six hours of talks", "a round of
                // talks").
                let of_noun = u > 1
                    && st.low(u - 1) == Some("of")
                    && !st.low(u - 2).is_some_and(|w| {
                        matches!(
                            w,
                            "hours"
                                | "days"
                                | "weeks"
                                | "months"
                                | "years"
                                | "round"
                                | "rounds"
                                | "series"
                                | "day"
                                | "week"
                                | "month"
                                | "year"
                                | "lot"
                                | "lots"
                        )
                    });
                // After a name, a past form is a verb ("a strike at the airport killed"), not
                // a noun.
                let past = st
                    .low(u)
                    .is_some_and(|w| w.ends_with("ed") || rules::is_participle(w));
                let nominal_use = u > 0
                    && (st.low(u - 1).is_some_and(nominal_marker)
                        || of_noun
                        || (st.ment(u - 1).is_some() && !past));
                // "brought Zelensky and Putin together for a meeting".
                let purpose_ahead = (u.saturating_sub(2)..u).any(|k| st.low(k) == Some("for"));
                let found = find_subject(st, u, true).filter(|(first, _)| {
                    if !nominal_use {
                        return true;
                    }
                    // Between the actor and the noun only a light verb ("launched a drone
                    // attack", "held talks"), determiners and adjectives may stand.
                    let (_, last, _) = st.group(*first);
                    let between = last + 1..u;
                    between.len() <= 6
                        && between.clone().all(|k| match st.low(k) {
                            None => true,
                            Some(w) => {
                                nominal_marker(w)
                                    || light_verb(w)
                                    || (purpose_ahead && matches!(w, "together" | "for"))
                                    || adjective_like(w)
                                    || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                            }
                        })
                });
                match found {
                    Some((first, ents)) => {
                        cap.x_we = (first..u).any(|k| {
                            st.ment(k)
                                .is_some_and(|m| doc.mentions[m].kind == MentionKind::We)
                        });
                        // "The agency and a consortium comprising A and B signed": A and B
                        // are one party beside the agency.
                        if let Some((ofirst, outer)) = outer_party(st, first) {
                            let mut x = outer;
                            x.extend(ents.iter().filter(|e| !x.contains(e)).collect::<Vec<_>>());
                            cap.x = x;
                            cap.x_party = ents;
                            cap.x_start = Some(ofirst);
                        } else {
                            cap.x = ents;
                            cap.x_start = Some(first);
                        }
                    }
                    None => {
                        // "Erdogan agreed ... after a meeting in Vilnius with Kristersson": a
                        // meeting that a trailing "after" or "following" places before the main
                        // clause is the main clause subject's; it happened.
                        let since = (u.saturating_sub(4)..u).rev().find(|&k| {
                            matches!(st.low(k), Some("after" | "following"))
                                && k > 0
                                && (k + 1..u).all(|j| {
                                    st.ment(j).is_none()
                                        && st
                                            .low(j)
                                            .is_some_and(|w| nominal_marker(w) || adjective_like(w))
                                })
                        });
                        // The subject has a verb right after it ("Erdogan agreed"), not a
                        // possessor or a name inside an apposition.
                        let main_subject = |k: usize| {
                            let mut t = k;
                            for _ in 0..4 {
                                let (first, ents) = find_subject(st, t, true)?;
                                let (_, last, _) = st.group(first);
                                let verb = (last + 1..(last + 3).min(k)).any(|j| {
                                    st.low(j).is_some_and(|w| {
                                        w.ends_with("ed")
                                            || rules::is_participle(w)
                                            || BE_FORMS.contains(&w)
                                            || matches!(w, "has" | "have" | "had" | "will")
                                    })
                                });
                                if verb {
                                    return Some((first, ents));
                                }
                                t = first;
                            }
                            None
                        };
                        if let Some(k) = since
                            && p.outputs.iter().all(|o| MEETING.contains(&o.rel))
                            && let Some((first, ents)) = main_subject(k)
                        {
                            cap.x = ents;
                            cap.x_start = Some(first);
                            subordinate = true;
                            after_clause = Some(k);
                        }
                        // "After meeting Zelensky, Trump said...": the subject after the comma.
                        let comma = (after..st.units.len()).find(|&k| st.low(k) == Some(","));
                        let lead = (0..u).all(|k| {
                            st.low(k).is_some_and(|w| {
                                !is_boundary_word(w)
                                    || matches!(w, "after" | "before" | "since" | "while" | "when")
                            })
                        }) && u < 6
                            // Only a leading phrase: the trigger opens the sentence or follows
                            // a subordinator ("Chung arrived at ..., to meet X" is not one).
                            && (u == 0
                                || st.low(0).is_some_and(|w| w.ends_with("ing"))
                                || matches!(
                                    st.low(0),
                                    Some(
                                        "after" | "before" | "since" | "while" | "when"
                                            | "following" | "upon" | "having" | "during"
                                    )
                                ));
                        if let (Some(c), true) = (comma, lead)
                            && let Some(k) =
                                (c + 1..(c + 4).min(st.units.len())).find(|&k| st.ment(k).is_some())
                        {
                            let (_, _, ents) = st.group(k);
                            cap.x = ents;
                        }
                    }
                }
            }
            let mut from = clause_start(st, cap.x_start.unwrap_or(u).min(u));
            // The participle's own clause starts at its subordinator ("while accusing"); a
            // trailing "after a meeting" at the noun.
            if subordinate {
                from = after_clause.map_or(u - 1, |k| k + 1);
            }
            // Cues well before the actor belong to another clause ("the potential for a
            // cease-fire was watched by NATO members meeting in Wales").
            if let Some(xs) = cap.x_start
                && xs <= u
            {
                from = from.max(xs.saturating_sub(3));
            }
            // A definite noun phrase ("the war", "Russia's invasion", "the Alaska summit")
            // names something that exists: only cues inside the phrase count ("the planned
            // summit").
            if let Some(d) = (u.saturating_sub(4)..u).rev().find(|&k| {
                matches!(
                    st.low(k),
                    Some("the" | "its" | "'s" | "his" | "her" | "their" | "this" | "that")
                )
            }) && (d + 1..u).all(|k| {
                st.low(k)
                    .is_none_or(|w| !PREPOSITIONS.contains(&w) && !is_boundary_word(w))
            }) && d >= from
            {
                from = d;
            }
            // A trigger used as a noun also takes cues after it ("the talks could resume").
            // After a name, a verbal trigger is a noun only as a gerund ("the Trump-Putin
            // meeting"); "Putin congratulated", "Biden and Netanyahu meet" are verbs.
            let gerund = st.low(u).is_some_and(|w| w.ends_with("ing"));
            // "which Washington sold to Islamabad": an irregular past is a verb too.
            let verb_like = st
                .low(u)
                .is_some_and(|w| w.ends_with("ed") || rules::is_participle(w))
                || st.low(u + 1) == Some("with")
                || st.ment(u + 1).is_some();
            let nominal = !p.verbal
                || (u > 0
                    && (st.low(u - 1).is_some_and(nominal_marker)
                        || ((gerund || !verb_like) && st.ment(u - 1).is_some())));
            // "bringing them together for a meeting", "for talks": a purpose lies ahead.
            let purpose = nominal
                && ((u >= 1 && st.low(u - 1) == Some("for"))
                    || (u >= 2
                        && matches!(st.low(u - 1), Some("a" | "an"))
                        && st.low(u - 2) == Some("for")));
            let (mut m, mut future) = modality(rules, st, from, u, after, nominal);
            // "invited Hadi and the Houthis to talks in Geneva": what the actors were
            // invited to lies ahead.
            if m == Modality::Asserted
                && (from.saturating_sub(2)..from).any(|k| {
                    matches!(
                        st.low(k),
                        Some("invited" | "invites" | "inviting" | "invite")
                    )
                })
            {
                m = Modality::Planned;
                future = true;
            }
            if purpose && m == Modality::Asserted {
                // ...unless the sentence only entertains it ("open to the possibility of
                // bringing them together for a meeting").
                let (outer, _) = modality(rules, st, 0, u, u, false);
                m = if outer == Modality::Possible {
                    Modality::Possible
                } else {
                    Modality::Planned
                };
                future = true;
            }
            // "...is expected to push Trump when he meets him": a temporal clause takes the
            // future or hypothesis of the clause it depends on.
            if m == Modality::Asserted
                && let Some(w) = (from.saturating_sub(3)..u).filter(|&k| k < u).find(|&k| {
                    matches!(
                        st.low(k),
                        Some("when" | "once" | "until" | "after" | "before" | "if")
                    )
                })
            {
                // A future in the outer clause wins over a hypothesis found in its
                // noun phrases ("weapons capable of striking").
                let (outer, outer_future) = modality(rules, st, 0, w, w, false);
                // "agreed to send it after a meeting with Kristersson": a meeting before a
                // past act happened; only a plain future ("will fly home after a meeting")
                // carries over.
                let plain_future = (0..w).any(|k| {
                    matches!(
                        st.low(k),
                        Some("will" | "'ll" | "shall" | "expected" | "due" | "plans" | "going")
                    )
                });
                let inherit = after_clause.is_none() || plain_future;
                if inherit && outer_future && outer != Modality::Negated {
                    m = Modality::Planned;
                } else if inherit && matches!(outer, Modality::Planned | Modality::Possible) {
                    m = outer;
                }
            }
            // "called the U.S. and German plans disastrous", "told Russian reporters",
            // "welcomed the Russian decision": a demonym before a noun describes it; the call
            // or the meeting is not with that country. For a meeting, a noun for the people
            // who act for it ("the Russian delegation", "Russian officials") stands for it.
            let talk = p.outputs.iter().all(|o| o.rel == Relation::SpokeWith);
            // So for urging: "pushed Russian warships back" urged no one.
            let meet = p.outputs.iter().all(|o| {
                matches!(
                    o.rel,
                    Relation::MetWith | Relation::PlansMeetingWith | Relation::Urged
                )
            });
            if (talk || meet)
                && cap.end > 0
                && !cap.y.is_empty()
                && st
                    .ment(cap.end - 1)
                    .is_some_and(|m| doc.mentions[m].kind == MentionKind::Demonym)
                && st.low(cap.end).is_some_and(|w| {
                    w.starts_with(char::is_lowercase)
                        && w.chars().all(char::is_alphabetic)
                        && !PREPOSITIONS.contains(&w)
                        && !matches!(w, "and" | "or")
                })
                && !(meet && st.is(cat::COLLECTIVE | cat::DELEGATION, cap.end))
            {
                continue;
            }
            emit(dict, st, p, &cap, m, future, u, after, facts);
            // "met Netanyahu in Jerusalem and Abbas in Ramallah": a second object with a venue
            // of its own.
            if !cap.y.is_empty()
                && p.outputs.iter().any(|o| MEETING.contains(&o.rel))
                && let Some(next) = second_object_with_venue(st, cap.end)
            {
                let mut again = cap.clone();
                again.end = next.1 + 1;
                again.y = next.0;
                emit(dict, st, p, &again, m, future, u, after, facts);
            }
        }
    }
}

/// "the PMF, a coalition of militias backed by Iran": for a participle at unit `u` inside an
/// apposition (lowercase words back to a comma), the name the apposition describes.
fn apposition_head(st: &Sent, u: usize) -> Option<(usize, Vec<u32>)> {
    let mut k = u;
    while k > 0 && u - k < 7 {
        k -= 1;
        match st.low(k) {
            Some(",") => break,
            Some(w) if !st.is_boundary(k) && w.chars().all(|c| c.is_lowercase() || c == '-') => {}
            _ => return None,
        }
    }
    if k == 0 || k + 1 == u || st.low(k) != Some(",") || st.ment(k - 1).is_none() {
        return None;
    }
    let (first, _, ents) = st.group(k - 1);
    Some((first, ents))
}

/// "Biden called Putin a killer": among the facts of one sentence (from index `from` on), a
/// call with the same trigger and pair as a criticism is that criticism, not a phone call.
fn drop_name_calling_calls(facts: &mut Vec<Fact>, from: usize) {
    if !facts[from..].iter().any(|f| f.rel == Relation::Criticized) {
        return;
    }
    let mut sentence = facts.split_off(from);
    let named: Vec<(u32, u32, String)> = sentence
        .iter()
        .filter(|f| f.rel == Relation::Criticized)
        .map(|f| (f.src, f.dst, f.trigger.clone()))
        .collect();
    sentence.retain(|f| {
        f.rel != Relation::SpokeWith
            || !named.iter().any(|(a, b, t)| {
                *t == f.trigger && ((f.src, f.dst) == (*a, *b) || (f.src, f.dst) == (*b, *a))
            })
    });
    facts.append(&mut sentence);
}

/// After "Y in P" at unit `k`: "and Z in Q" gives Z's group (actors) and its last unit.
fn second_object_with_venue(st: &Sent, k: usize) -> Option<(Vec<u32>, usize)> {
    if !matches!(st.low(k), Some("in" | "at")) {
        return None;
    }
    let mut j = k + 1;
    if st.low(j) == Some("the") {
        j += 1;
    }
    if !matches!(
        st.kind(j),
        Some(Kind::Place | Kind::Country | Kind::Organisation)
    ) {
        return None;
    }
    // The place alone: its group would run on into "and Z".
    let z = j + 2;
    if st.low(j + 1) != Some("and") || !st.kind(z).is_some_and(|kd| kd.is_actor()) {
        return None;
    }
    // Z's group reaches back over the place too: only what follows the place.
    let (_, last, _) = st.group(z);
    let ents: Vec<u32> = (z..=last)
        .filter_map(|k| st.ent(k))
        .filter(|&e| st.doc.ents[e as usize].kind.is_actor())
        .collect();
    (matches!(st.low(last + 1), Some("in" | "at")) && !ents.is_empty()).then_some((ents, last))
}

#[allow(clippy::too_many_arguments)]
fn emit(
    dict: &Dictionary,
    st: &Sent,
    p: &Pattern,
    cap: &Capture,
    m: Modality,
    future: bool,
    t0: usize,
    t1: usize,
    facts: &mut Vec<Fact>,
) {
    let doc = st.doc;
    let trigger: String = (t0..t1)
        .filter_map(|u| st.low(u))
        .collect::<Vec<_>>()
        .join(" ");
    for out in &p.outputs {
        // A modality fixed by the rule ("a deal to supply" is a planned supply) gives way to a
        // negation or a hypothesis of the clause ("did not sign a deal to supply").
        let modality = match (out.modality, m) {
            (Some(_), Modality::Negated | Modality::Possible) => m,
            (Some(f), _) => f,
            (None, _) => m,
        };
        // "will not meet", "no plans to meet": a negated plan is still about the future.
        let rel = match out.rel_future {
            Some(f) if matches!(modality, Modality::Planned | Modality::Possible) => f,
            Some(f) if modality == Modality::Negated && future => f,
            _ => out.rel,
        };
        let mut src: Vec<u32> = cap.slot(out.from).clone();
        let mut dst: Vec<u32> = cap.slot(out.to).clone();
        // "X met the separatists, along with representatives from Russia and the OSCE": the
        // others named after "along with" / "together with" took part too.
        if MEETING.contains(&rel) && !rel.directed() {
            dst.extend(also_present(st, cap.end.max(t1)));
        }
        // "the war with Russia/Ukraine", "the summit between Trump and Putin": the group
        // names all sides.
        if (rel == Relation::AtWarWith || p.between) && !rel.directed() && dst.len() >= 2 {
            src.clear();
        }
        // "we will send missiles": the speaker's country.
        if out.from == Slot::X && cap.x_we && state_action(rel) {
            src = src
                .iter()
                .filter_map(|&e| doc.country_of(dict, e))
                .collect();
        }
        if rel.directed() && out.from == out.to {
            // A mutual relation ("the two traded insults"): each member to every other.
            for &a in &src {
                for &b in &src {
                    if a != b && !same_side(dict, doc, a, b) {
                        facts.push(Fact {
                            rel,
                            src: a,
                            dst: b,
                            modality,
                            sent: st.s as u32,
                            trigger: trigger.clone(),
                        });
                    }
                }
            }
            continue;
        }
        if !rel.directed() {
            // Every pair among the participants.
            let mut all: Vec<u32> = Vec::new();
            for &e in src.iter().chain(dst.iter()) {
                if !all.contains(&e) {
                    all.push(e);
                }
            }
            // "bilateral meetings with Duda and Zelensky", "separate talks with A and B":
            // the actor met each, not the others with each other.
            let separate = (t0.saturating_sub(2)..cap.end.max(t1)).any(|k| {
                matches!(
                    st.low(k),
                    Some("bilateral" | "separate" | "individual" | "one-on-one")
                )
            });
            let hosts = (t0.saturating_sub(3)..t0).any(|k| {
                matches!(
                    st.low(k),
                    Some("hosted" | "hosts" | "host" | "hosting" | "brokered" | "mediated")
                )
            });
            let mut pairs = Vec::new();
            for i in 0..all.len() {
                for j in i + 1..all.len() {
                    let (a, b) = (all[i], all[j]);
                    if separate && !src.contains(&a) && !src.contains(&b) {
                        continue;
                    }
                    if cap.x_party.contains(&a) && cap.x_party.contains(&b) {
                        continue;
                    }
                    // "Russia and Turkey hosted talks between the two sides": the hosts deal
                    // with the sides, not with each other.
                    if (p.between || hosts) && src.contains(&a) && src.contains(&b) {
                        continue;
                    }
                    // "spoke by phone with A and B": a call with each, not one between them.
                    if rel == Relation::SpokeWith
                        && !src.is_empty()
                        && dst.contains(&a)
                        && dst.contains(&b)
                        && !src.contains(&a)
                        && !src.contains(&b)
                    {
                        continue;
                    }
                    // Compatriots on the two sides of the trigger do talk ("Trump told
                    // Tillerson"); within one group ("Trump and Vance called Putin") they
                    // are not a pair.
                    // Meetings and talks are between countries: compatriots at one
                    // get no edge (the spec).
                    let across = !MEETING.contains(&rel)
                        && ((src.contains(&a) && dst.contains(&b))
                            || (src.contains(&b) && dst.contains(&a)));
                    if !across && same_side(dict, doc, a, b) {
                        continue;
                    }
                    pairs.push((a, b));
                }
            }
            for &(a, b) in &pairs {
                facts.push(Fact {
                    rel,
                    src: a,
                    dst: b,
                    modality,
                    sent: st.s as u32,
                    trigger: trigger.clone(),
                });
            }
            // "met in Geneva with Lavrov": the venue stands before the other party.
            let from = if matches!(st.low(t1), Some("in" | "at")) {
                t1
            } else {
                cap.end.max(t1)
            };
            if MEETING.contains(&rel) {
                venue(st, &all, rel, modality, t0, from, &trigger, facts);
            } else if rel == Relation::SpokeWith && in_person_talk(st, t0) {
                // "discussed the grain exports with Putin in Tehran": talks at a venue are a
                // meeting there.
                let before = facts.len();
                venue(
                    st,
                    &all,
                    Relation::MetWith,
                    modality,
                    t0,
                    from,
                    &trigger,
                    facts,
                );
                if facts.len() > before {
                    for &(a, b) in &pairs {
                        facts.push(Fact {
                            rel: Relation::MetWith,
                            src: a,
                            dst: b,
                            modality,
                            sent: st.s as u32,
                            trigger: trigger.clone(),
                        });
                    }
                }
            }
            continue;
        }
        for &a in &src {
            for &b in &dst {
                if a == b
                    || (rel != Relation::Supplies
                        && rel != Relation::Uses
                        && rel != Relation::Receives
                        && rel != Relation::Discussed
                        && rel != Relation::Requested
                        // Membership is mostly at home.
                        && rel != Relation::OfficialOf
                        && rel != Relation::LeaderOf
                        // Compatriots praise, criticise and urge each other.
                        && !both_people(doc, a, b)
                        && same_side(dict, doc, a, b))
                    // "Putin was in Moscow" is no visit ("arrived at Incheon" after a trip
                    // abroad is one).
                    || (rel == Relation::Visited
                        && BE_FORMS.contains(&trigger.as_str())
                        && at_home(dict, doc, a, b))
                {
                    continue;
                }
                facts.push(Fact {
                    rel,
                    src: a,
                    dst: b,
                    modality,
                    sent: st.s as u32,
                    trigger: trigger.clone(),
                });
            }
        }
        if rel == Relation::Visited && dst.is_empty() {
            continue;
        }
    }
}

/// A person in a place of their own country ("Putin was in Moscow"): no visit.
fn at_home(dict: &Dictionary, doc: &Doc, who: u32, place: u32) -> bool {
    doc.ents[place as usize].kind == Kind::Place
        && doc.ents[who as usize].kind == Kind::Person
        && doc
            .country_of(dict, who)
            .is_some_and(|c| doc.country_of(dict, place) == Some(c))
}

/// Whether both entities are people.
fn both_people(doc: &Doc, a: u32, b: u32) -> bool {
    doc.ents[a as usize].kind == Kind::Person && doc.ents[b as usize].kind == Kind::Person
}

/// Whether the talk whose trigger is at unit `t0` ("talked", "discussed ... with", "held
/// talks") is in person: not a call, a letter or a video link, by the sentence's words.
fn in_person_talk(st: &Sent, t0: usize) -> bool {
    let talk = st.low(t0).is_some_and(|w| {
        matches!(
            w,
            "talk"
                | "talks"
                | "talked"
                | "talking"
                | "discuss"
                | "discussed"
                | "discusses"
                | "discussing"
                | "conferred"
                | "held"
                | "hold"
                | "holds"
                | "holding"
        )
    });
    talk && !(0..st.units.len()).any(|k| {
        st.low(k).is_some_and(|w| {
            matches!(
                w,
                "phone"
                    | "telephone"
                    | "call"
                    | "video"
                    | "videoconference"
                    | "videolink"
                    | "virtual"
                    | "virtually"
                    | "letter"
                    | "remotely"
                    | "online"
            )
        })
    })
}

/// Participants added after a meeting by "along with", "together with", "joined (only) by",
/// "hosted by" or a delegation's "led by" in the same clause.
fn also_present(st: &Sent, from: usize) -> Vec<u32> {
    let end = (from + 10).min(st.units.len());
    // The unit after the joining words.
    let Some(k) = (from..end.saturating_sub(1)).find_map(|k| match st.low(k)? {
        "along" | "together" if st.low(k + 1) == Some("with") => Some(k + 2),
        "joined" if st.low(k + 1) == Some("by") => Some(k + 2),
        // "a meeting with Kristersson hosted by Stoltenberg": the host takes part.
        "hosted" | "chaired" if st.low(k + 1) == Some("by") => Some(k + 2),
        // "a Taliban delegation led by Baradar": its leader.
        "led" | "headed"
            if st.low(k + 1) == Some("by") && k >= 1 && st.is(cat::DELEGATION, k - 1) =>
        {
            Some(k + 2)
        }
        "joined"
            if matches!(st.low(k + 1), Some("only" | "later" | "briefly" | "also"))
                && st.low(k + 2) == Some("by") =>
        {
            Some(k + 3)
        }
        _ => None,
    }) else {
        return Vec::new();
    };
    if (from..k).any(|j| st.is_boundary(j) && st.low(j) != Some("by")) {
        return Vec::new();
    }
    // "along with [representatives from] Russia and the OSCE".
    let Some(m) = (k..(k + 4).min(st.units.len()))
        .take_while(|&j| !st.is_boundary(j))
        .find(|&j| st.ment(j).is_some())
    else {
        return Vec::new();
    };
    let (_, _, ents) = st.group(m);
    ents.into_iter()
        .filter(|&e| st.doc.ents[e as usize].kind.is_actor())
        .collect()
}

/// Two entities on the same side: the same country, or a person and their own country.
fn same_side(dict: &Dictionary, doc: &Doc, a: u32, b: u32) -> bool {
    let (ka, kb) = (doc.ents[a as usize].kind, doc.ents[b as usize].kind);
    let ca = doc.country_of(dict, a);
    let cb = doc.country_of(dict, b);
    match (ka, kb) {
        (Kind::Person, Kind::Person) => ca.is_some() && ca == cb,
        (Kind::Person, Kind::Country) => ca == Some(b),
        (Kind::Country, Kind::Person) => cb == Some(a),
        // A member and their own organisation ("Pompeo met Baradar and the Taliban").
        (Kind::Person, Kind::Organisation) => member_of(dict, doc, a, b),
        (Kind::Organisation, Kind::Person) => member_of(dict, doc, b, a),
        _ => false,
    }
}

/// Whether the dictionary gives `person` a role in `org` at the article's date.
fn member_of(dict: &Dictionary, doc: &Doc, person: u32, org: u32) -> bool {
    match (&doc.ents[person as usize].key, &doc.ents[org as usize].key) {
        (EntKey::Dict(p), EntKey::Dict(o)) => dict.roles_at(*p, doc.date).any(|r| r.of == *o),
        _ => false,
    }
}

/// A noun for a kind of settlement: "the Black Sea resort of Sochi".
fn place_noun(w: &str) -> bool {
    matches!(
        w,
        "resort"
            | "city"
            | "town"
            | "port"
            | "village"
            | "capital"
            | "enclave"
            | "island"
            | "region"
            | "province"
            | "town's"
            | "hub"
            | "outpost"
    )
}

/// The venue of a meeting: "in Budapest", "at the White House" after the trigger, or "the
/// Alaska summit" before it.
#[allow(clippy::too_many_arguments)]
fn venue(
    st: &Sent,
    participants: &[u32],
    rel: Relation,
    modality: Modality,
    t0: usize,
    from: usize,
    trigger: &str,
    facts: &mut Vec<Fact>,
) {
    let mut places: Vec<u32> = Vec::new();
    let mut u = from;
    let end = (from + 12).min(st.units.len());
    while u < end {
        if st.is_boundary(u) && st.low(u) != Some("by") {
            break;
        }
        // A comma before another clause ("Minsk talks, fighting rages at Debaltseve"); an
        // apposition ("Putin, the Russian president, in Moscow") goes on.
        if st.low(u) == Some(",")
            && st.low(u + 1).is_some_and(|w| {
                w.starts_with(char::is_lowercase)
                    && !matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "in"
                            | "at"
                            | "on"
                            | "during"
                            | "along"
                            | "together"
                            | "alongside"
                    )
            })
        {
            break;
        }
        // "negotiations to end the war in Ukraine": the place belongs to the noun before it.
        let of_noun = u > 0
            && matches!(
                st.low(u - 1),
                Some(
                    "war"
                        | "conflict"
                        | "fighting"
                        | "crisis"
                        | "invasion"
                        | "situation"
                        | "violence"
                        | "offensive"
                        | "bloodshed"
                )
            );
        if matches!(st.low(u), Some("in") | Some("at")) && !of_noun {
            let mut k = u + 1;
            // "in an agreed upon location, Budapest"
            let mut skipped = 0;
            while k < st.units.len()
                && st.ment(k).is_none()
                && skipped < 5
                && (st.is_filler(k) || st.low(k) == Some(","))
            {
                k += 1;
                skipped += 1;
            }
            // "in the next 50 days, Russia ...": a time, not a place.
            let time = (u + 1..k).any(|j| {
                st.low(j).is_some_and(|w| {
                    time_word(w)
                        || matches!(
                            w,
                            "days" | "weeks" | "months" | "years" | "hours" | "coming" | "next"
                        )
                })
            });
            // "at Poland's Presidential Palace": the possessed place is the venue.
            if k + 2 < st.units.len()
                && matches!(st.low(k + 1), Some("'s" | "'"))
                && matches!(st.kind(k + 2), Some(Kind::Place | Kind::Organisation))
            {
                k += 2;
            }
            // "in the Black Sea resort of Sochi": the named town, not the region before it.
            if matches!(st.kind(k), Some(Kind::Place | Kind::Country))
                && let Some(j) = (k + 2..(k + 4).min(st.units.len()))
                    .find(|&j| st.low(j) == Some("of") && st.kind(j + 1) == Some(Kind::Place))
                && (k + 1..j).all(|i| st.low(i).is_some_and(place_noun))
            {
                k = j + 1;
            }
            if let Some(kind) = st.kind(k)
                && !time
                && matches!(kind, Kind::Place | Kind::Country | Kind::Organisation)
            {
                let e = st.ent(k).unwrap();
                if !participants.contains(&e) {
                    places.push(e);
                    break;
                }
            }
        }
        u += 1;
    }
    // "Chung arrived at the White House to meet McMaster", "Biden arrived in Warsaw on
    // Tuesday and met Tusk", "Obama will travel to The Hague for talks with Xi": the place
    // reached earlier in the same clause, before a purpose infinitive, a second verb or a
    // purpose "for".
    // Not when the meeting names its own venue, known or not ("and met Lee at the Istana").
    let own_venue = (from..end).take_while(|&u| !st.is_boundary(u)).any(|u| {
        let named = |k: usize| st.is_cap(k) || st.ment(k).is_some();
        matches!(st.low(u), Some("in" | "at"))
            && (named(u + 1) || st.low(u + 1) == Some("the") && named(u + 2))
    });
    if places.is_empty()
        && !own_venue
        && t0 >= 1
        && matches!(st.low(t0 - 1), Some("to" | "and" | "for"))
    {
        let floor = t0.saturating_sub(14);
        // The connector itself may count as a boundary: the walk starts before it.
        let mut k = t0 - 1;
        while k > floor {
            k -= 1;
            if st.in_time_expression(k) {
                continue;
            }
            if st.is_boundary(k) || matches!(st.low(k), Some("," | ";" | ":")) {
                break;
            }
            // "in/at P", "in/at the P", and "to P" after a verb of travel ("flew to Moscow").
            let marker = |j: usize| match st.low(j) {
                Some("in" | "at") => true,
                // "flew to", "travelled secretly to".
                Some("to") => {
                    j >= 1
                        && (st.is(cat::TRAVEL_VERB, j - 1)
                            || j >= 2
                                && st.low(j - 1).is_some_and(|w| w.ends_with("ly"))
                                && st.is(cat::TRAVEL_VERB, j - 2))
                }
                _ => false,
            };
            if st.ment(k).is_some()
                && matches!(st.kind(k), Some(Kind::Place | Kind::Organisation))
                && st.ent(k).is_some_and(|e| !participants.contains(&e))
                && (k >= 1 && marker(k - 1)
                    || k >= 2 && marker(k - 2) && st.low(k - 1) == Some("the"))
            {
                places.push(st.ent(k).unwrap());
                break;
            }
        }
    }
    // "The truce village hosted meetings between North and South Korea": a place that hosts
    // the meeting is its venue.
    if places.is_empty() {
        let host = (t0.saturating_sub(3)..t0).find(|&k| {
            matches!(st.low(k), Some("hosted" | "hosts" | "host" | "hosting"))
                && (k + 1..t0).all(|j| st.is_filler(j) && st.ment(j).is_none())
        });
        if let Some(h) = host
            && let Some((_, ents)) = find_subject(st, h, false)
        {
            places.extend(ents.into_iter().filter(|&e| {
                st.doc.ents[e as usize].kind == Kind::Place && !participants.contains(&e)
            }));
        }
    }
    // "In Warsaw, Pence met Duda", "During his visit to the Polish capital, Pence held
    // meetings with Duda": a place in a leading adverbial phrase set off by a comma.
    if places.is_empty()
        && matches!(
            st.low(0),
            Some("in" | "at" | "during" | "on" | "while" | "after" | "before")
        )
        && let Some(comma) = (1..t0.min(25)).find(|&k| st.low(k) == Some(","))
    {
        if let Some(k) = (1..comma).find(|&k| {
            matches!(st.low(k - 1), Some("in" | "at" | "to"))
                && matches!(st.kind(k), Some(Kind::Place))
                && st.ent(k).is_some_and(|e| !participants.contains(&e))
        }) {
            places.push(st.ent(k).unwrap());
        } else if let Some(k) = (2..comma).find(|&k| {
            matches!(st.low(k - 2), Some("in" | "at" | "to"))
                && st.is_filler(k - 1)
                && matches!(st.kind(k), Some(Kind::Place))
                && st.ent(k).is_some_and(|e| !participants.contains(&e))
        }) {
            places.push(st.ent(k).unwrap());
        }
    }
    // "the Alaska summit"
    if t0 > 0
        && let Some(k) = (t0.saturating_sub(2)..t0)
            .rev()
            .find(|&k| st.ment(k).is_some())
        && st.kind(k) == Some(Kind::Place)
        && (k + 1..t0).all(|j| st.is_filler(j))
    {
        places.push(st.ent(k).unwrap());
    }
    let vrel = match (rel, modality) {
        (_, Modality::Planned | Modality::Possible) => Relation::PlansMeetingIn,
        (Relation::PlansMeetingWith, _) => Relation::PlansMeetingIn,
        _ => Relation::MetIn,
    };
    for &pl in &places {
        for &a in participants {
            facts.push(Fact {
                rel: vrel,
                src: a,
                dst: pl,
                modality,
                sent: st.s as u32,
                trigger: trigger.to_string(),
            });
        }
    }
}

/// Whether the mention at unit `u` is the first half of "Iran-backed", "US-funded": it names
/// a backer, not the actor.
fn backer(st: &Sent, u: usize) -> bool {
    let Some(m) = st.ment(u) else { return false };
    let end = st.doc.mentions[m].end as usize;
    let rest = st.doc.text.get(end..).unwrap_or("");
    [
        "-backed",
        "-supported",
        "-funded",
        "-sponsored",
        "-armed",
        "-financed",
    ]
    .iter()
    .any(|s| rest.starts_with(s))
}

/// "the capital Kyiv", "near the capital, Abu Dhabi": the text places a capital in its
/// country (when that country is named in the article).
fn the_capital(dict: &Dictionary, st: &Sent, facts: &mut Vec<Fact>) {
    for u in 1..st.units.len() {
        if st.kind(u) != Some(Kind::Place) {
            continue;
        }
        let after_capital = st.low(u - 1) == Some("capital")
            || (u >= 2 && st.low(u - 1) == Some(",") && st.low(u - 2) == Some("capital"));
        if !after_capital {
            continue;
        }
        let p = st.ent(u).unwrap();
        if let Some(c) = st.doc.country_of(dict, p)
            && st.doc.ents[c as usize].kind == Kind::Country
        {
            facts.push(asserted(st, Relation::LocatedIn, p, c, "capital"));
        }
    }
}

/// "'It's broader than Patriots,' he said": a weapon named in a quotation was discussed by
/// its speaker (a person or a country), unless the sentence already links the speaker or the
/// speaker's country to the weapon (supplies, requested, uses...). `from` is the first fact of
/// this sentence.
fn quoted_weapons(dict: &Dictionary, st: &Sent, facts: &mut Vec<Fact>, from: usize) {
    let doc = st.doc;
    let reported = reported_speaker(st);
    for u in 0..st.units.len() {
        if st.kind(u) != Some(Kind::Weapon) {
            continue;
        }
        let w = st.ent(u).unwrap();
        let m = &doc.mentions[st.ment(u).unwrap()];
        let quoted = doc.quote_at(m.start).and_then(|q| doc.quotes[q].speaker);
        let Some(speaker) = quoted.or(reported.filter(|&(comma, _)| u < comma).map(|(_, e)| e))
        else {
            continue;
        };
        // "we will send...": the speaker's country acts for the speaker.
        let country = doc.country_of(dict, speaker);
        if !matches!(
            doc.ents[speaker as usize].kind,
            Kind::Person | Kind::Country
        ) || facts[from..].iter().any(|f| {
            f.dst == w
                && (f.src == speaker || Some(f.src) == country || f.rel == Relation::Discussed)
        }) {
            continue;
        }
        let trigger = if quoted.is_some() {
            "(quotation)"
        } else {
            "(reported speech)"
        };
        facts.push(asserted(st, Relation::Discussed, speaker, w, trigger));
    }
}

/// Reported speech without quotation marks: a sentence ending ", Trump said." or ", said
/// Rutte." Returns the unit of the comma and the speaker.
fn reported_speaker(st: &Sent) -> Option<(usize, u32)> {
    let mut end = st.units.len();
    while end > 0 && matches!(st.low(end - 1), Some("." | "\"" | "\u{201d}")) {
        end -= 1;
    }
    if end < 3 {
        return None;
    }
    let speech = |u: usize| st.is(cat::SPEECH_VERB, u);
    let (comma, who) = if speech(end - 1) && st.ment(end - 2).is_some() {
        (end - 3, end - 2)
    } else if st.ment(end - 1).is_some() && speech(end - 2) {
        (end - 3, end - 1)
    } else {
        return None;
    };
    // "it said" is too often an unresolved company or agency.
    let m = &st.doc.mentions[st.ment(who).unwrap()];
    if m.kind == MentionKind::Pronoun && st.doc.mention_text(m).eq_ignore_ascii_case("it") {
        return None;
    }
    (st.low(comma) == Some(",")).then_some((comma, m.ent))
}

/// Being somewhere, told by a phrase about the person rather than by a verb of travel:
/// - a leading participle: "Speaking to reporters in Newport, United Kingdom, Poroshenko
///   said" (Poroshenko visited Newport; only a person whose country is known and is not
///   the place's);
/// - an event attended: "Trump pressed the case during the group's annual gathering in
///   Biarritz" (Trump met in Biarritz).
///
/// Only people: a country "during the summit in Vilnius" is seldom a participant.
fn attendance(dict: &Dictionary, rules: &Rules, st: &Sent, facts: &mut Vec<Fact>) {
    let doc = st.doc;
    let person = |u: usize| st.kind(u) == Some(Kind::Person);
    let place_at = |k: usize| {
        matches!(st.low(k), Some("in" | "at"))
            && matches!(st.kind(k + 1), Some(Kind::Place | Kind::Country))
    };
    // The comma that ends a leading phrase.
    let lead_comma = (1..st.units.len().min(16)).find(|&k| st.low(k) == Some(","));
    // "Speaking ... in P, X said".
    if st.low(0).is_some_and(|w| {
        matches!(
            w,
            "speaking" | "talking" | "addressing" | "appearing" | "standing" | "arriving"
        )
    }) && let Some(comma) = lead_comma
        && let Some(k) = (1..comma).find(|&k| place_at(k))
    {
        let mut place = st.ent(k + 1).unwrap();
        // "at Poland's Presidential Palace": the possessed place.
        if matches!(st.low(k + 2), Some("'s" | "'")) && st.ent(k + 3).is_some() {
            place = st.ent(k + 3).unwrap();
        }
        // "in Newport, United Kingdom, Poroshenko": the country of the place is part of it.
        let mut x = comma + 1;
        if st.kind(x) == Some(Kind::Country) && st.low(x + 1) == Some(",") {
            x += 2;
        }
        if x < st.units.len() && person(x) {
            let who = st.ent(x).unwrap();
            let home = doc.country_of(dict, who);
            let abroad = home.is_some()
                && home != Some(place)
                && home != doc.country_of(dict, place)
                && doc.ents[place as usize].kind != Kind::Organisation;
            if abroad {
                facts.push(asserted(
                    st,
                    Relation::Visited,
                    who,
                    place,
                    "(leading phrase)",
                ));
            }
        }
    }
    // "Sitting beside the president, the Nato Secretary General, Mark Rutte, hinted...":
    // the person after the leading phrase met the one beside them.
    if st.low(0).is_some_and(|w| {
        matches!(
            w,
            "sitting" | "standing" | "speaking" | "appearing" | "seated" | "flanked"
        )
    }) && let Some(comma) = lead_comma
        // "Speaking with X" may be on the phone: only "beside"/"alongside" for it.
        && let Some(b) = (1..comma).find(|&k| match st.low(k) {
            Some("beside" | "alongside" | "next") => true,
            Some("with") => k < 4 && st.low(0) != Some("speaking"),
            _ => false,
        })
    {
        let others: Vec<u32> = (b + 1..comma)
            .take_while(|&k| !st.is_boundary(k) || st.low(k) == Some("to"))
            .filter(|&k| person(k))
            .filter_map(|k| st.ent(k))
            .collect();
        // "Speaking at the White House alongside Merkel": the venue of the appearance.
        let venue = (1..b)
            .find(|&k| {
                matches!(st.kind(k), Some(Kind::Place | Kind::Organisation))
                    && (matches!(st.low(k - 1), Some("at" | "in"))
                        || k >= 2
                            && st.low(k - 1) == Some("the")
                            && matches!(st.low(k - 2), Some("at" | "in")))
            })
            .and_then(|k| st.ent(k));
        // "..., who was visiting Washington, Trump said": past a relative clause about the
        // one beside.
        let comma = if matches!(st.low(comma + 1), Some("who" | "which")) {
            (comma + 2..(comma + 12).min(st.units.len()))
                .find(|&k| st.low(k) == Some(","))
                .unwrap_or(comma)
        } else {
            comma
        };
        // The subject: the first person after the comma, past an apposition of title words.
        let who = (comma + 1..(comma + 10).min(st.units.len()))
            .take_while(|&k| {
                st.ment(k).is_some()
                    || st.low(k) == Some(",")
                    || st.low(k) == Some("the")
                    || st.is_cap(k)
            })
            .find(|&k| person(k))
            .and_then(|k| st.ent(k));
        if let Some(who) = who {
            let met: Vec<u32> = others.into_iter().filter(|&o| o != who).collect();
            for &o in &met {
                facts.push(asserted(st, Relation::MetWith, who, o, "(leading phrase)"));
            }
            if let Some(v) = venue
                && !met.is_empty()
            {
                for e in std::iter::once(who).chain(met) {
                    facts.push(asserted(st, Relation::MetIn, e, v, "(leading phrase)"));
                }
            }
        }
    }
    // "The meeting at Villa La Grange lasted four hours": a definite meeting noun with a
    // venue and no participants of its own is the last meeting the article told of.
    let own_meeting = facts
        .iter()
        .rev()
        .take_while(|f| f.sent == st.s as u32)
        .any(|f| MEETING.contains(&f.rel));
    if !own_meeting
        && let Some(k) = (1..st.units.len()).find(|&k| {
            st.low(k).is_some_and(|w| {
                matches!(w, "meeting" | "summit" | "talks" | "session" | "encounter")
            }) && (k.saturating_sub(3)..k).any(|j| st.low(j) == Some("the"))
                && (k.saturating_sub(3)..k).all(|j| st.ment(j).is_none())
        })
        && let Some(v) = (k + 1..(k + 4).min(st.units.len())).find(|&v| {
            matches!(st.low(v - 1), Some("in" | "at"))
                && matches!(st.kind(v), Some(Kind::Place | Kind::Organisation))
        })
        && (k + 1..v).all(|j| st.ment(j).is_none())
        && let Some(last) = facts.iter().rev().find(|f| {
            matches!(f.rel, Relation::MetWith | Relation::PlansMeetingWith)
                && (f.sent as usize) < st.s
                && st.s - f.sent as usize <= 8
        })
    {
        let (sent, rel) = (last.sent, last.rel);
        let place = st.ent(v).unwrap();
        let mut who: Vec<u32> = Vec::new();
        for f in facts.iter().filter(|f| f.sent == sent && f.rel == rel) {
            for e in [f.src, f.dst] {
                if !who.contains(&e) && e != place {
                    who.push(e);
                }
            }
        }
        let (vrel, modality) = if rel == Relation::MetWith {
            (Relation::MetIn, Modality::Asserted)
        } else {
            (Relation::PlansMeetingIn, Modality::Planned)
        };
        for e in who {
            facts.push(Fact {
                rel: vrel,
                src: e,
                dst: place,
                modality,
                sent: st.s as u32,
                trigger: st.low(k).unwrap_or("").to_string(),
            });
        }
    }
    // "... before Pompeo and Lavrov joined them for a working lunch": who joins the people of
    // a meeting just told of (in this sentence or the one before) meets each of them.
    if let Some(k) = (1..st.units.len().saturating_sub(1))
        .find(|&k| st.low(k) == Some("joined") && st.low(k + 1) == Some("them"))
        && let Some((first, joiners)) = find_subject(st, k, true)
        && let Some(last) = facts
            .iter()
            .rev()
            .find(|f| f.rel == Relation::MetWith && st.s - (f.sent as usize) <= 1)
    {
        let sent = last.sent;
        let mut met: Vec<u32> = Vec::new();
        for f in facts
            .iter()
            .filter(|f| f.sent == sent && f.rel == Relation::MetWith)
        {
            for e in [f.src, f.dst] {
                if !met.contains(&e) && !joiners.contains(&e) {
                    met.push(e);
                }
            }
        }
        let (m, _) = modality(rules, st, clause_start(st, first), k, k + 1, false);
        if m == Modality::Asserted {
            let mut all = met.clone();
            all.extend(joiners.iter().copied());
            for (i, &a) in joiners.iter().enumerate() {
                // Each joiner meets those already there and the other joiners.
                for &b in met.iter().chain(joiners[i + 1..].iter()) {
                    if a != b && !same_side(dict, doc, a, b) {
                        facts.push(asserted(st, Relation::MetWith, a, b, "joined"));
                    }
                }
            }
            // And where they met, if the meeting had a venue.
            let venues: Vec<u32> = facts
                .iter()
                .filter(|f| f.sent == sent && f.rel == Relation::MetIn)
                .map(|f| f.dst)
                .collect();
            for &v in &venues {
                for &a in &joiners {
                    if !all.is_empty() {
                        facts.push(asserted(st, Relation::MetIn, a, v, "joined"));
                    }
                }
            }
        }
    }
    // "X ... during|at the (group's) (annual) summit|gathering in P".
    for d in 1..st.units.len() {
        if !matches!(st.low(d), Some("during" | "at")) {
            continue;
        }
        let Some(noun) = (d + 1..(d + 6).min(st.units.len())).find(|&k| {
            matches!(
                st.low(k),
                Some("summit" | "gathering" | "meeting" | "conference" | "talks" | "forum")
            )
        }) else {
            continue;
        };
        // Determiners, adjectives and a possessor only ("the group's annual").
        if !(d + 1..noun).all(|k| st.ment(k).is_some() || st.is_filler(k)) || !place_at(noun + 1) {
            continue;
        }
        let place = st.ent(noun + 2).unwrap();
        let Some((first, xs)) = find_subject(st, d, true) else {
            continue;
        };
        let (m, _) = modality(rules, st, clause_start(st, first), d, noun + 1, false);
        let rel = match m {
            Modality::Asserted => Relation::MetIn,
            Modality::Planned | Modality::Possible => Relation::PlansMeetingIn,
            Modality::Negated => continue,
        };
        // The possessor of the event took part too ("the group's gathering").
        let owners: Vec<u32> = (d + 1..noun)
            .filter(|&k| matches!(st.low(k + 1), Some("'s" | "'")))
            .filter_map(|k| st.ent(k))
            .filter(|&e| doc.ents[e as usize].kind.is_actor())
            .collect();
        let people: Vec<u32> = xs
            .into_iter()
            .filter(|&e| doc.ents[e as usize].kind == Kind::Person)
            .collect();
        if people.is_empty() {
            continue;
        }
        for e in people.into_iter().chain(owners) {
            facts.push(Fact {
                rel,
                src: e,
                dst: place,
                modality: m,
                sent: st.s as u32,
                trigger: st.low(noun).unwrap_or("").to_string(),
            });
        }
    }
}

/// "Biden condemned what he called an unprovoked attack", "Zarif called the killing an act of
/// terrorism": criticism of an attack the article has told of, named by its noun alone, is
/// criticism of whoever carried it out (the actors of the last asserted attack within ten
/// sentences, else of the lead's attack; its countries and organisations when it has any).
fn condemned_attack(dict: &Dictionary, rules: &Rules, st: &Sent, facts: &mut Vec<Fact>) {
    let doc = st.doc;
    let condemn = |w: &str| {
        matches!(
            w,
            "condemned"
                | "condemns"
                | "condemning"
                | "denounced"
                | "denounces"
                | "denouncing"
                | "decried"
                | "deplored"
                | "slammed"
                | "criticized"
                | "criticised"
                | "called"
                | "calls"
                | "described"
                | "branded"
        )
    };
    let attack_noun = |w: &str| {
        matches!(
            w,
            "attack"
                | "attacks"
                | "strike"
                | "strikes"
                | "airstrike"
                | "airstrikes"
                | "killing"
                | "killings"
                | "assassination"
                | "invasion"
                | "raid"
                | "bombing"
                | "shelling"
                | "offensive"
                | "incursion"
                | "aggression"
                | "assault"
        )
    };
    for k in 1..st.units.len() {
        if !st.low(k).is_some_and(condemn) {
            continue;
        }
        // The noun within a few words, past determiners, "what he called", quotation marks
        // and adjectives; no name between (a named actor is the patterns' business).
        let Some(n) = (k + 1..(k + 11).min(st.units.len())).find(|&j| {
            st.low(j).is_some_and(attack_noun)
                && (k + 1..j).all(|i| match st.ment(i) {
                    // "what he called": a pronoun only.
                    Some(m) => {
                        matches!(doc.mentions[m].kind, MentionKind::Pronoun | MentionKind::We)
                    }
                    None => {
                        st.is_quote(i)
                            || st.low(i).is_some_and(|w| {
                                matches!(w, "what" | "called" | "described" | "as" | "," | "and")
                                    || nominal_marker(w)
                                    || adjective_like(w)
                                    || w.chars().all(|c| c.is_lowercase() || c == '-')
                                        && !is_boundary_word(w)
                                        && !PREPOSITIONS.contains(&w)
                            })
                    }
                })
        }) else {
            continue;
        };
        // "called the attack" needs the noun right after its determiner.
        if matches!(
            st.low(k),
            Some("called" | "calls" | "described" | "branded")
        ) && !(n == k + 2 && matches!(st.low(k + 1), Some("the" | "this" | "that")))
        {
            continue;
        }
        // "the attack by Hamas", "the strike on Kyiv by Russia": a named actor is the target.
        if (n + 1..(n + 6).min(st.units.len()))
            .take_while(|&j| !st.is_boundary(j) || st.low(j) == Some("by"))
            .any(|j| st.low(j) == Some("by"))
        {
            continue;
        }
        // The last attack told of, or with none close by, the attack of the lead.
        let told = |f: &&Fact| {
            f.rel == Relation::Attacked
                && f.modality == Modality::Asserted
                && (f.sent as usize) <= st.s
        };
        let Some(last) = facts
            .iter()
            .rev()
            .filter(told)
            .find(|f| st.s - (f.sent as usize) <= 10)
            .or_else(|| facts.iter().filter(told).find(|f| f.sent <= 3))
        else {
            continue;
        };
        let sent = last.sent;
        let mut actors: Vec<u32> = Vec::new();
        for f in facts
            .iter()
            .filter(|f| f.sent == sent && f.rel == Relation::Attacked)
        {
            if f.modality == Modality::Asserted && !actors.contains(&f.src) {
                actors.push(f.src);
            }
        }
        if actors
            .iter()
            .any(|&a| doc.ents[a as usize].kind != Kind::Person)
        {
            actors.retain(|&a| doc.ents[a as usize].kind != Kind::Person);
        }
        let Some((first, who)) = find_subject(st, k, true) else {
            continue;
        };
        let (m, _) = modality(rules, st, clause_start(st, first), k, k + 1, false);
        if m == Modality::Negated {
            continue;
        }
        for &w in &who {
            for &a in &actors {
                if w != a && !same_side(dict, doc, w, a) {
                    facts.push(Fact {
                        rel: Relation::Criticized,
                        src: w,
                        dst: a,
                        modality: m,
                        sent: st.s as u32,
                        trigger: st.low(k).unwrap_or("").to_string(),
                    });
                }
            }
        }
    }
}

/// An asserted fact of sentence `st` found by a structural rule (not a trigger pattern).
fn asserted(st: &Sent, rel: Relation, src: u32, dst: u32, trigger: &str) -> Fact {
    Fact {
        rel,
        src,
        dst,
        modality: Modality::Asserted,
        sent: st.s as u32,
        trigger: trigger.to_string(),
    }
}

/// "Iran-backed Hezbollah", "the Iran-backed militant group Hezbollah": the backer supports
/// the group named within the next few words.
fn backing(st: &Sent, facts: &mut Vec<Fact>) {
    for u in 0..st.units.len() {
        if !backer(st, u) || !st.kind(u).is_some_and(|k| k.is_actor()) {
            continue;
        }
        let Some(k) = (u + 1..(u + 5).min(st.units.len()))
            .take_while(|&k| !st.is_boundary(k) && st.low(k) != Some(","))
            .find(|&k| st.ment(k).is_some())
        else {
            continue;
        };
        if !matches!(st.kind(k), Some(Kind::Organisation | Kind::Person)) {
            continue;
        }
        let (a, b) = (st.ent(u).unwrap(), st.ent(k).unwrap());
        if a != b {
            facts.push(asserted(st, Relation::Supports, a, b, "backed"));
        }
    }
}

/// "Bayraktar TB2 drones supplied by Turkey", "Harop drones bought from Israel": a weapon with
/// a reduced passive of supply or purchase names its supplier. Whoever the sentence says uses
/// a purchased weapon (a fact among this sentence's, from `from` on) received it.
fn supplied_by(st: &Sent, facts: &mut Vec<Fact>, from: usize) {
    for u in 0..st.units.len() {
        if st.kind(u) != Some(Kind::Weapon) {
            continue;
        }
        // Past the weapon's noun ("drones"), at most two words.
        let Some(v) = (u + 1..(u + 3).min(st.units.len())).find(|&k| {
            st.low(k).is_some_and(|w| {
                matches!(
                    w,
                    "supplied"
                        | "provided"
                        | "delivered"
                        | "donated"
                        | "sold"
                        | "sent"
                        | "given"
                        | "bought"
                        | "purchased"
                        | "acquired"
                        | "imported"
                        | "obtained"
                )
            })
        }) else {
            continue;
        };
        let bought = matches!(
            st.low(v),
            Some("bought" | "purchased" | "acquired" | "imported" | "obtained")
        );
        let prep = if bought { "from" } else { "by" };
        if !(u + 1..v).all(|k| st.is(cat::WEAPON_NOUN, k)) || st.low(v + 1) != Some(prep) {
            continue;
        }
        let Some(x) = (v + 2..(v + 4).min(st.units.len())).find(|&k| st.ment(k).is_some()) else {
            continue;
        };
        if !(v + 2..x).all(|k| matches!(st.low(k), Some("the"))) {
            continue;
        }
        let (_, _, xs) = st.group(x);
        let w = st.ent(u).unwrap();
        let trigger = if bought { "bought from" } else { "supplied by" };
        let users: Vec<(u32, Modality)> = facts[from..]
            .iter()
            .filter(|f| f.rel == Relation::Uses && f.dst == w)
            .map(|f| (f.src, f.modality))
            .collect();
        for a in xs {
            if !st.doc.ents[a as usize].kind.is_actor() {
                continue;
            }
            facts.push(asserted(st, Relation::Supplies, a, w, trigger));
            // Its user bought it (supplied_to_users() links the supplier to the user).
            for &(r, modality) in users.iter().filter(|_| bought) {
                if r != a
                    && matches!(
                        st.doc.ents[r as usize].kind,
                        Kind::Country | Kind::Organisation
                    )
                {
                    facts.push(Fact {
                        modality,
                        ..asserted(st, Relation::Receives, r, w, trigger)
                    });
                }
            }
        }
    }
}

/// "Germany announced a package worth 700 million euros that includes Patriot launchers and
/// Leopard 1 tanks": the weapons an aid package includes are supplied by whoever gives the
/// package (the actor of the package noun, with the clause's modality, else the supplier of
/// this sentence's supplies_weapons_to fact, from `from` on).
fn package_contents(rules: &Rules, st: &Sent, facts: &mut Vec<Fact>, from: usize) {
    let n = st.units.len();
    let package = |k: usize| {
        st.low(k).is_some_and(|w| {
            matches!(
                w,
                "package" | "packages" | "aid" | "assistance" | "shipment" | "tranche"
            )
        })
    };
    let include = |k: usize| {
        st.low(k).is_some_and(|w| {
            matches!(
                w,
                "includes" | "include" | "included" | "including" | "comprising" | "containing"
            )
        })
    };
    // "It also includes ammunition for HIMARS": the package told of before.
    let it = st.low(0) == Some("it") && (1..3.min(n)).any(include)
        || st
            .ment(0)
            .is_some_and(|m| st.doc.mention_text(&st.doc.mentions[m]) == "It")
            && (1..3.min(n)).any(include);
    let Some(p) = (0..n).find(|&k| package(k)).or(it.then_some(0)) else {
        return;
    };
    // "that includes", "which included", ", including".
    let Some(i) = (p + 1..(p + 16).min(n))
        .take_while(|&k| !st.is_boundary(k) || matches!(st.low(k), Some("that" | "which")))
        .find(|&k| include(k))
    else {
        return;
    };
    let weapons: Vec<u32> = (i + 1..n)
        .take_while(|&k| !st.is_boundary(k))
        .filter(|&k| st.kind(k) == Some(Kind::Weapon))
        .filter_map(|k| st.ent(k))
        .collect();
    if weapons.is_empty() {
        return;
    }
    let subject = if it { None } else { find_subject(st, p, true) };
    let suppliers: Vec<(u32, Modality)> = match subject {
        Some((first, xs)) => {
            let (m, _) = modality(rules, st, clause_start(st, first), p, p + 1, false);
            if m == Modality::Negated {
                return;
            }
            xs.into_iter().map(|x| (x, m)).collect()
        }
        // The giver of this sentence's transfer, else of the last one told of ("The USAI
        // package includes ...", after "Washington announced a package for Ukraine").
        None => {
            let given =
                |f: &&Fact| f.rel == Relation::SuppliesWeaponsTo && f.modality != Modality::Negated;
            let here: Vec<(u32, Modality)> = facts[from..]
                .iter()
                .filter(given)
                .map(|f| (f.src, f.modality))
                .collect();
            if here.is_empty() {
                // A package's own giver first.
                let recent = || {
                    facts[..from]
                        .iter()
                        .rev()
                        .filter(given)
                        .take_while(|f| st.s - (f.sent as usize) <= 10)
                };
                let doc = st.doc;
                recent()
                    .find(|f| {
                        doc.tok_range(f.sent as usize)
                            .any(|t| matches!(doc.low(t), "package" | "packages"))
                    })
                    .or_else(|| recent().next())
                    .map(|f| (f.src, f.modality))
                    .into_iter()
                    .collect()
            } else {
                here
            }
        }
    };
    let mut add: Vec<Fact> = Vec::new();
    for &(x, m) in &suppliers {
        for &w in &weapons {
            let known = facts[from..]
                .iter()
                .chain(add.iter())
                .any(|f| f.rel == Relation::Supplies && f.src == x && f.dst == w);
            if !known {
                add.push(Fact {
                    modality: m,
                    ..asserted(st, Relation::Supplies, x, w, "package including")
                });
            }
        }
    }
    facts.extend(add);
}

/// "Egypt signed a deal with France to buy 30 Rafale jets": the other party to a deal made to
/// buy a weapon (both facts of this sentence, from `from` on) sells it, as surely as the deal
/// was made.
fn deal_sellers(st: &Sent, facts: &mut Vec<Fact>, from: usize) {
    let mut add: Vec<Fact> = Vec::new();
    for r in &facts[from..] {
        if r.rel != Relation::Receives || r.modality == Modality::Negated {
            continue;
        }
        for d in &facts[from..] {
            if d.rel != Relation::SignedAgreementWith || d.modality == Modality::Negated {
                continue;
            }
            let seller = if d.src == r.src {
                d.dst
            } else if d.dst == r.src {
                d.src
            } else {
                continue;
            };
            if !matches!(
                st.doc.ents[seller as usize].kind,
                Kind::Country | Kind::Organisation
            ) {
                continue;
            }
            for (rel, src, dst) in [
                (Relation::Supplies, seller, r.dst),
                (Relation::SuppliesWeaponsTo, seller, r.src),
            ] {
                let known = facts[from..]
                    .iter()
                    .chain(add.iter())
                    .any(|f| f.rel == rel && f.src == src && f.dst == dst);
                if !known {
                    // As sure as the deal: a signed deal to buy is a sale.
                    add.push(Fact {
                        rel,
                        src,
                        dst,
                        modality: d.modality,
                        sent: r.sent,
                        trigger: r.trigger.clone(),
                    });
                }
            }
        }
    }
    facts.extend(add);
}

/// "Ukrainian troops used U.S.-supplied HIMARS launchers": when a sentence (its facts from
/// `from` on) has one party supply a weapon and another country or organisation use it, the
/// first supplies weapons to the second.
fn supplied_to_users(st: &Sent, facts: &mut Vec<Fact>, from: usize) {
    let doc = st.doc;
    let party = |e: u32| {
        matches!(
            doc.ents[e as usize].kind,
            Kind::Country | Kind::Organisation
        )
    };
    let mut add: Vec<Fact> = Vec::new();
    for s in &facts[from..] {
        if s.rel != Relation::Supplies || s.modality == Modality::Negated {
            continue;
        }
        for u in &facts[from..] {
            if u.rel != Relation::Uses || u.dst != s.dst || u.src == s.src || !party(u.src) {
                continue;
            }
            let known = facts[from..]
                .iter()
                .chain(add.iter())
                .any(|f| f.rel == Relation::SuppliesWeaponsTo && f.src == s.src && f.dst == u.src);
            if !known {
                add.push(Fact {
                    rel: Relation::SuppliesWeaponsTo,
                    src: s.src,
                    dst: u.src,
                    modality: s.modality,
                    sent: s.sent,
                    trigger: s.trigger.clone(),
                });
            }
        }
    }
    facts.extend(add);
}

/// "China, North Korea's main ally", "Russia has been the most important foreign backer of
/// Assad", "America's ally Israel": the holder of the role supports the one it is of.
fn allies(st: &Sent, facts: &mut Vec<Fact>) {
    let actor = |k: usize| st.kind(k).is_some_and(|kd| kd.is_actor());
    let modifier = |k: usize| {
        st.low(k).is_some_and(|w| {
            adjective_like(w)
                || matches!(
                    w,
                    "main"
                        | "closest"
                        | "close"
                        | "key"
                        | "chief"
                        | "staunchest"
                        | "staunch"
                        | "biggest"
                        | "strongest"
                        | "top"
                        | "most"
                        | "only"
                        | "foreign"
                        | "longtime"
                        | "long-time"
                        | "oldest"
                        | "last"
                        | "remaining"
                        | "principal"
                        | "major"
                        | "primary"
                        | "great"
                        | "greatest"
                        | "firm"
                        | "strong"
                )
        })
    };
    for k in 1..st.units.len() {
        if !st.low(k).is_some_and(|w| {
            matches!(
                w,
                "ally"
                    | "backer"
                    | "patron"
                    | "sponsor"
                    | "protector"
                    | "benefactor"
                    | "supporter"
                    | "allies"
                    | "backers"
                    | "patrons"
                    | "sponsors"
                    | "supporters"
            )
        }) {
            continue;
        }
        // The phrase's start: back over modifiers and "the".
        let mut start = k;
        while start > 0 && modifier(start - 1) {
            start -= 1;
        }
        // Whom the role is of: "Y's ally" or "the ally of Y".
        let (of, phrase_start) =
            if start >= 2 && matches!(st.low(start - 1), Some("'s" | "'")) && actor(start - 2) {
                let (first, _, ents) = st.group(start - 2);
                (ents, first)
            } else if st.low(k + 1) == Some("of") {
                let y = if st.low(k + 2) == Some("the") {
                    k + 3
                } else {
                    k + 2
                };
                if !actor(y) {
                    continue;
                }
                let (_, _, ents) = st.group(y);
                let s0 = if start > 0 && matches!(st.low(start - 1), Some("the" | "a" | "an")) {
                    start - 1
                } else {
                    start
                };
                (ents, s0)
            } else {
                continue;
            };
        // Who holds it: an apposition before ("China, North Korea's main ally"), the subject
        // of "is/has been" ("Russia has been ..."), or the name right after ("its ally
        // Israel").
        let holder = if phrase_start >= 2
            && st.low(phrase_start - 1) == Some(",")
            && actor(phrase_start - 2)
        {
            Some(st.group(phrase_start - 2).2)
        } else if phrase_start >= 2
            && (phrase_start.saturating_sub(3)..phrase_start).any(|j| {
                st.low(j).is_some_and(|w| {
                    BE_FORMS.contains(&w) || w == "remains" || w == "remained" || w == "became"
                })
            })
            && let Some((_, xs)) = find_subject(st, phrase_start, true)
        {
            Some(xs)
        } else if actor(k + 1) && st.low(k + 1).is_none() {
            Some(st.group(k + 1).2)
        } else {
            None
        };
        let Some(holder) = holder else { continue };
        for &a in &holder {
            for &b in &of {
                if a != b
                    && st.doc.ents[a as usize].kind.is_actor()
                    && st.doc.ents[b as usize].kind.is_actor()
                {
                    facts.push(asserted(
                        st,
                        Relation::Supports,
                        a,
                        b,
                        st.low(k).unwrap_or("ally"),
                    ));
                }
            }
        }
    }
}

/// "Poland's Homar-K system", "American RQ-4A Global Hawks": the owner uses the weapon.
fn possession(st: &Sent, facts: &mut Vec<Fact>) {
    let doc = st.doc;
    for u in 1..st.units.len() {
        if st.kind(u) != Some(Kind::Weapon) {
            continue;
        }
        let w = st.ent(u).unwrap();
        // "Israel's long-range Arrow system": up to two lowercase modifiers after "'s".
        let mut v = u;
        while u - v < 2
            && v >= 3
            && st
                .low(v - 1)
                .is_some_and(|x| x.starts_with(char::is_lowercase) && adjective_like(x))
        {
            v -= 1;
        }
        if v < u && !st.low(v - 1).is_some_and(|x| x == "'s" || x == "'") {
            v = u;
        }
        // Owner directly before, or before "'s".
        let (owner_u, rel_gap) = if st.low(v - 1).is_some_and(|x| x == "'s" || x == "'") && v >= 2 {
            (v - 2, true)
        } else {
            (u - 1, false)
        };
        let Some(owner) = st.ent(owner_u) else {
            continue;
        };
        let ok = match doc.ents[owner as usize].kind {
            Kind::Country => true,
            Kind::Organisation => rel_gap,
            _ => false,
        };
        if !ok {
            continue;
        }
        // In a sale the country names the maker, not the user: "Turkey's purchase of the
        // Russian S-400", "willing to buy the U.S. Patriot system".
        if !rel_gap
            && (owner_u.saturating_sub(4)..owner_u).any(|k| {
                st.low(k).is_some_and(|x| {
                    matches!(
                        x,
                        "purchase"
                            | "purchases"
                            | "purchased"
                            | "buy"
                            | "buys"
                            | "bought"
                            | "buying"
                            | "acquire"
                            | "acquired"
                            | "acquisition"
                            | "sell"
                            | "sold"
                            | "selling"
                            | "sale"
                            | "sales"
                            | "order"
                            | "ordered"
                    )
                })
            })
        {
            continue;
        }
        if !rel_gap {
            let gap = &doc.text[st.end(owner_u) as usize..st.start(u) as usize];
            if !gap.trim().is_empty() {
                continue;
            }
        }
        facts.push(Fact {
            rel: Relation::Uses,
            src: owner,
            dst: w,
            modality: Modality::Asserted,
            sent: st.s as u32,
            trigger: if rel_gap {
                "'s".into()
            } else {
                "(possessive)".into()
            },
        });
    }
}
