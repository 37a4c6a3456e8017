//! Entities that are not in the dictionaries, found from the shape of the text: a name after
//! a title ("Press Secretary Karoline Leavitt"), a name that starts with a common given name, a
//! name before a speech verb or in an apposition, an organisation whose name ends in "Agency"
//! or "Command", a place before "province" or after "the city of", a weapon designator or a
//! named system before a weapon noun ("Su-34", "Flamingo missiles").

use super::{Doc, RawMatch};
use crate::dict::Dictionary;
use crate::dict::cat;
use crate::model::Kind;

/// An entity found from the text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: u32,
    pub end: u32,
    pub sent: u32,
    pub kind: Kind,
    pub label: String,
    /// Dictionary matches inside the span, absorbed into this entity ("Polish" in "Polish
    /// Armament Agency").
    pub absorbed: Vec<usize>,
    /// A single word after a title: a surname to resolve, not a new person.
    pub surname_only: bool,
}

const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "al", "el", "de", "van", "von", "da", "di", "du", "der", "den", "la",
    "le", "dos", "das", "del", "della", "ben", "abu", "abd", "ul", "ter",
];

fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
        || w.starts_with("al-")
        || w.starts_with("el-")
        || w.starts_with("ad-")
        || w.starts_with("as-")
        || w.starts_with("ash-")
        || w.starts_with("ar-")
        || w.starts_with("an-")
        || w.starts_with("at-")
}

/// Looks like a weapon designator: letters, optional hyphen, digits, optional letters
/// ("Su-34", "MQ-9", "X-59", "K2", "RQ-4A", "CGR-080", "Kh-101", "9K720").
pub(crate) fn is_designator(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 2 || b.len() > 12 {
        return false;
    }
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 5 || !b[0].is_ascii_uppercase() {
        return false;
    }
    let mut i = letters;
    if i < b.len() && b[i] == b'-' {
        i += 1;
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    i += digits;
    let tail = &b[i..];
    // Years and ordinary words are not designators: "COVID-19" is, sadly, shaped like one.
    if w.starts_with("COVID")
        || w.starts_with("Covid")
        || w.starts_with("G7")
        || w.starts_with("G20")
        || w.starts_with("P5")
        || w.starts_with("E3")
    {
        return false;
    }
    tail.len() <= 3
        && tail
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'/')
}

struct Ctx<'d, 'a> {
    dict: &'d Dictionary,
    doc: &'d Doc<'a>,
    /// Raw match index covering each token (with at least one candidate).
    cover: Vec<Option<usize>>,
    raw: &'d [RawMatch],
}

impl Ctx<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.doc.tok_text(i)
    }
    fn low(&self, i: usize) -> &str {
        self.doc.low(i)
    }
    fn is_cap_word(&self, i: usize) -> bool {
        let t = &self.doc.toks.toks[i];
        t.cap && t.kind == crate::text::TokKind::Word
    }
    fn covered(&self, i: usize) -> bool {
        self.cover[i].is_some()
    }
    fn covered_country(&self, i: usize) -> Option<usize> {
        let r = self.cover[i]?;
        self.raw[r]
            .cands
            .iter()
            .any(|c| self.dict.entry(c.entry).kind == Kind::Country)
            .then_some(r)
    }
    /// Length of a title sequence starting at `i` (the entity stage's shared rule).
    fn title_run(&self, i: usize, end: usize) -> usize {
        super::resolve::title_run(self.dict, self.doc, i, end)
    }

    /// Capitalised name words from `i` (at most `max`), allowing particles and initials.
    fn name_words(&self, i: usize, end: usize, max: usize) -> usize {
        let mut j = i;
        let mut words = 0;
        while j < end && words < max {
            if self.covered(j) {
                break;
            }
            let w = self.word(j);
            if self.is_cap_word(j) {
                if self.doc.is(cat::ORG_SUFFIX, j) || self.doc.is(cat::PLACE_SUFFIX, j) {
                    break;
                }
                j += 1;
                words += 1;
                // An initial: "J." (the tokeniser keeps "J" and ".")
                if w.chars().count() == 1 && j < end && self.low(j) == "." {
                    j += 1;
                }
                continue;
            }
            if is_particle(self.low(j))
                && j + 1 < end
                && (self.is_cap_word(j + 1) || self.low(j).contains('-'))
                && words > 0
            {
                j += 1;
                if self.low(j - 1).contains('-') {
                    words += 1;
                }
                continue;
            }
            if self.low(j).starts_with("al-") || self.low(j).starts_with("el-") {
                j += 1;
                words += 1;
                continue;
            }
            break;
        }
        // Do not end on a particle.
        while j > i && is_particle(self.low(j - 1)) && !self.low(j - 1).contains('-') {
            j -= 1;
        }
        j - i
    }
}

/// Finds entities the dictionaries do not know.
pub(crate) fn find_unknown(dict: &Dictionary, doc: &Doc, raw: &[RawMatch]) -> Vec<Found> {
    let ntok = doc.toks.toks.len();
    let mut cover = vec![None; ntok];
    for (ri, m) in raw.iter().enumerate() {
        if m.cands.is_empty() {
            continue;
        }
        let a = doc.tok_at(m.start);
        let mut i = a;
        while i < ntok && doc.toks.toks[i].start < m.end {
            cover[i] = Some(ri);
            i += 1;
        }
    }
    // A known surname after another capitalised word is a different person's full name:
    // "Sung Kim, the US ambassador" and "Chris Kim said" are not Kim Jong Un. The surname is
    // left uncovered so the run takes both words; the person rules below still decide.
    for m in raw {
        let a = doc.tok_at(m.start);
        let floor = doc.tok_range(m.sent as usize).start;
        // The match must start a token (a scan match may start inside one).
        let surname = doc.toks.toks.get(a).is_some_and(|t| t.start == m.start)
            && !m.cands.is_empty()
            && m.cands.iter().all(|c| {
                c.form == crate::dict::Form::Surname && dict.entry(c.entry).kind == Kind::Person
            })
            && doc.toks.toks.get(a + 1).is_none_or(|t| t.start >= m.end);
        if !surname || a == floor || cover[a - 1].is_some() {
            continue;
        }
        let t = &doc.toks.toks[a - 1];
        if !(t.cap && t.kind == crate::text::TokKind::Word) {
            continue;
        }
        let given = doc.is(cat::GIVEN_NAME, a - 1);
        let plain = a - 1 > floor
            && !doc.is(cat::NOT_NAME, a - 1)
            && super::resolve::title_run(dict, doc, a - 1, a) == 0;
        if given || plain {
            cover[a] = None;
        }
    }
    let cx = Ctx {
        dict,
        doc,
        cover,
        raw,
    };
    let mut out = Vec::new();
    let mut claimed = vec![false; ntok];
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        if headline(&cx, r.clone()) {
            // Title Case headlines capitalise every word: no names from shape there.
            continue;
        }
        titled_people(&cx, s, r.clone(), &mut claimed, &mut out);
        runs(&cx, s, r, &mut claimed, &mut out);
    }
    out
}

fn headline(cx: &Ctx, r: std::ops::Range<usize>) -> bool {
    super::is_headline(cx.doc, r, &|t| cx.covered(t))
}

fn span_text(doc: &Doc, a: usize, b: usize) -> String {
    let s = doc.toks.toks[a].start as usize;
    let e = doc.toks.toks[b - 1].end as usize;
    super::clean_alias(&doc.text[s..e])
}

/// "Press Secretary Karoline Leavitt", "Lt. Gen. Joseph Guastella", "Gen. Salami".
fn titled_people(
    cx: &Ctx,
    s: usize,
    r: std::ops::Range<usize>,
    claimed: &mut [bool],
    out: &mut Vec<Found>,
) {
    let mut i = r.start;
    while i < r.end {
        let n = cx.title_run(i, r.end);
        if n == 0 {
            i += 1;
            continue;
        }
        let j = i + n;
        let k = cx.name_words(j, r.end, 4);
        if k > 0 && !claimed[j] {
            let name_tokens: Vec<usize> = (j..j + k).filter(|&t| cx.low(t) != ".").collect();
            let words = name_tokens.len();
            let label = span_text(cx.doc, j, j + k);
            let first_low = cx.low(j);
            if !cx.dict.lexicon.is(cat::NOT_NAME, first_low) || words >= 2 {
                out.push(Found {
                    start: cx.doc.toks.toks[j].start,
                    end: cx.doc.toks.toks[j + k - 1].end,
                    sent: s as u32,
                    kind: Kind::Person,
                    label,
                    absorbed: Vec::new(),
                    surname_only: words < 2,
                });
                for c in claimed.iter_mut().skip(j).take(k) {
                    *c = true;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// General capitalised runs: organisations, places, weapons, people by given name, apposition
/// or speech verb; anything else is recorded as unplaced.
fn runs(cx: &Ctx, s: usize, r: std::ops::Range<usize>, claimed: &mut [bool], out: &mut Vec<Found>) {
    let doc = cx.doc;
    let dict = cx.dict;
    let mut i = r.start;
    while i < r.end {
        // Weapon designators first: "Su-34", "MQ-9 Reaper", "X-59 guided missile".
        if !cx.covered(i) && !claimed[i] && is_designator(cx.word(i)) {
            let mut j = i + 1;
            // "MQ-9 Reaper": capitalised words after the designator.
            while j < r.end
                && j < i + 3
                && cx.is_cap_word(j)
                && !cx.covered(j)
                && !cx.doc.is(cat::NOT_NAME, j)
            {
                j += 1;
            }
            let mut k = j;
            let mut noun = false;
            while k < r.end && k < j + 4 {
                let w = cx.low(k);
                if dict.lexicon.is(cat::WEAPON_NOUN, w) {
                    noun = true;
                    k += 1;
                    continue;
                }
                if dict.lexicon.is(cat::WEAPON_MODIFIER, w) {
                    k += 1;
                    continue;
                }
                break;
            }
            let context = r.clone().any(|t| cx.doc.is(cat::WEAPON_CONTEXT, t));
            if noun || context {
                let end_tok = if noun { k } else { j };
                out.push(Found {
                    start: doc.toks.toks[i].start,
                    end: doc.toks.toks[end_tok - 1].end,
                    sent: s as u32,
                    kind: Kind::Weapon,
                    label: span_text(doc, i, j),
                    absorbed: Vec::new(),
                    surname_only: false,
                });
                for c in claimed.iter_mut().take(end_tok).skip(i) {
                    *c = true;
                }
                i = end_tok;
                continue;
            }
        }
        if claimed[i] || !(cx.is_cap_word(i) || cx.covered_country(i).is_some()) {
            i += 1;
            continue;
        }
        // "Kurdish-led Syrian Democratic Forces", "Iran-backed": a compound adjective before a
        // name is not part of it.
        if cx.covered_country(i).is_none()
            && [
                "-led",
                "-backed",
                "-based",
                "-controlled",
                "-held",
                "-allied",
                "-aligned",
            ]
            .iter()
            .any(|x| cx.low(i).ends_with(x))
        {
            i += 1;
            continue;
        }
        // Build the run: capitalised words, country mentions, and connectors between them.
        let start = i;
        let mut j = i;
        let mut absorbed = Vec::new();
        while j < r.end && !claimed[j] {
            if let Some(ri) = cx.covered_country(j) {
                if !absorbed.contains(&ri) {
                    absorbed.push(ri);
                }
                j += 1;
                continue;
            }
            if cx.covered(j) {
                // An organisation's name inside a longer one: "U.S. Air Forces Central Command".
                let inner_org = cx.cover[j].is_some_and(|ri| {
                    cx.raw[ri]
                        .cands
                        .iter()
                        .any(|c| cx.dict.entry(c.entry).kind == Kind::Organisation)
                });
                if inner_org
                    && j > start
                    && cx.is_cap_word(j - 1)
                    && !cx.covered(j - 1)
                    && !matches!(cx.low(j - 1), "the" | "a" | "an")
                {
                    let ri = cx.cover[j].unwrap();
                    if !absorbed.contains(&ri) {
                        absorbed.push(ri);
                    }
                    while j < r.end && cx.cover[j] == Some(ri) {
                        j += 1;
                    }
                    continue;
                }
                break;
            }
            if cx.is_cap_word(j) {
                j += 1;
                if j < r.end
                    && cx.low(j) == "."
                    && cx.word(j - 1).chars().count() <= 3
                    && cx.word(j - 1).chars().all(|c| c.is_uppercase())
                {
                    j += 1;
                }
                continue;
            }
            let w = cx.low(j);
            let connector =
                matches!(w, "of" | "for" | "and" | "the" | "on" | "de" | "&") || is_particle(w);
            // "Bartella on Thursday": a date after a connector is no part of a name.
            let date_next = j + 1 < r.end
                && matches!(
                    cx.low(j + 1),
                    "monday"
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
                );
            if connector
                && !date_next
                && j + 1 < r.end
                && j > start
                && (cx.is_cap_word(j + 1)
                    || cx.covered_country(j + 1).is_some()
                    || (w == "and" || w == "for")
                        && j + 2 < r.end
                        && cx.low(j + 1) == "the"
                        && cx.is_cap_word(j + 2))
            {
                j += 1;
                continue;
            }
            break;
        }
        // Trim connectors at the end.
        while j > start && !cx.is_cap_word(j - 1) && cx.covered_country(j - 1).is_none() {
            j -= 1;
        }
        if j <= start {
            i += 1;
            continue;
        }
        let words: Vec<usize> = (start..j).filter(|&t| cx.is_cap_word(t)).collect();
        let lows: Vec<&str> = words.iter().map(|&t| cx.low(t)).collect();
        let has_country = absorbed.iter().any(|&ri| {
            cx.raw[ri]
                .cands
                .iter()
                .any(|c| dict.entry(c.entry).kind == Kind::Country)
        });
        let last_low = cx.low(j - 1);
        let first_cap = words.first().copied();
        // Organisations: a suffix word at the end ("Polish Armament Agency") or at the start
        // followed by "of" ("Ministry of Foreign Affairs").
        // The suffix must not end a country's name ("Soviet Union" is a country).
        let org_end = dict.lexicon.is(cat::ORG_SUFFIX, last_low)
            && cx.is_cap_word(j - 1)
            && cx.covered_country(j - 1).is_none();
        let org_start = first_cap
            .is_some_and(|f| cx.doc.is(cat::ORG_SUFFIX, f) && f + 1 < j && cx.low(f + 1) == "of");
        let nonsuffix_words = lows
            .iter()
            .filter(|w| !dict.lexicon.is(cat::ORG_SUFFIX, w))
            .count();
        if (org_end || org_start)
            && (words.len() >= 2 || has_country)
            && (nonsuffix_words >= 1 || has_country)
        {
            let mut a = start;
            // Drop a leading "The" or other common word at the start of a sentence.
            while a < j
                && cx.is_cap_word(a)
                && (cx.low(a) == "the"
                    || a == r.start
                        && cx.doc.is(cat::NOT_NAME, a)
                        && !cx.doc.is(cat::ORG_SUFFIX, a))
            {
                a += 1;
            }
            // A bare suffix word ("Guard", "Navy") is not a name.
            let left = (a..j)
                .filter(|&t| cx.is_cap_word(t) || cx.covered(t))
                .count();
            if a < j && (left >= 2 || has_country) {
                out.push(Found {
                    start: doc.toks.toks[a].start,
                    end: doc.toks.toks[j - 1].end,
                    sent: s as u32,
                    kind: Kind::Organisation,
                    label: span_text(doc, a, j),
                    absorbed: absorbed.clone(),
                    surname_only: false,
                });
                for c in claimed.iter_mut().take(j).skip(start) {
                    *c = true;
                }
            }
            i = j;
            continue;
        }
        if has_country {
            // A country mention not part of an organisation stays a country; what follows it
            // is looked at again ("ambassador to Kiev Mikhail Zurabov").
            let after_country = absorbed
                .iter()
                .filter(|&&ri| {
                    cx.raw[ri]
                        .cands
                        .iter()
                        .any(|c| dict.entry(c.entry).kind == Kind::Country)
                })
                .map(|&ri| doc.tok_at(cx.raw[ri].end))
                .max()
                .unwrap_or(j);
            i = after_country.min(j).max(start + 1);
            continue;
        }
        let next_low = if j < r.end { cx.low(j) } else { "" };
        let prev_low = if start > r.start {
            cx.low(start - 1)
        } else {
            ""
        };
        // Places: "Al-Dhafra Air Base", "Kouhmobarak district", "the city of Kursk", "Goruk, Iran".
        let place_suffix_cap = dict.lexicon.is(cat::PLACE_SUFFIX, last_low) && words.len() >= 2;
        // Not "the Christian town of Bartella": there the town is named after "of".
        let place_suffix_after = dict.lexicon.is(cat::PLACE_SUFFIX, next_low)
            && !cx.is_cap_word(j.min(r.end - 1))
            && j < r.end
            && !(j + 1 < r.end && cx.low(j + 1) == "of");
        let place_intro =
            prev_low == "of" && start >= r.start + 2 && cx.doc.is(cat::PLACE_INTRO, start - 2);
        let comma_country = j + 1 < r.end
            && next_low == ","
            && cx.covered_country(j + 1).is_some()
            && matches!(
                prev_low,
                "in" | "near" | "at" | "from" | "of" | "to" | "outside"
            );
        let all_common = lows.iter().all(|w| dict.lexicon.is(cat::NOT_NAME, w));
        // "Assistant Secretary of State ...": title words are no place.
        let title_words = words
            .iter()
            .all(|&t| cx.doc.is(cat::TITLE_FIRST | cat::TITLE_MODIFIER, t));
        if !all_common
            && !title_words
            && (place_suffix_cap || place_suffix_after || place_intro || comma_country)
            && words.len() <= 4
        {
            let end_tok = if place_suffix_after { j + 1 } else { j };
            let label = if place_suffix_cap
                && !matches!(
                    last_low,
                    "base"
                        | "airport"
                        | "palace"
                        | "square"
                        | "bridge"
                        | "plant"
                        | "crossing"
                        | "canal"
                        | "airfield"
                        | "refinery"
                        | "terminal"
                        | "dam"
                        | "camp"
                        | "field"
                ) {
                // "Hormozgan Province" is the place "Hormozgan".
                span_text(doc, start, j - 1)
            } else {
                span_text(doc, start, j)
            };
            out.push(Found {
                start: doc.toks.toks[start].start,
                end: doc.toks.toks[end_tok - 1].end,
                sent: s as u32,
                kind: Kind::Place,
                label,
                absorbed: Vec::new(),
                surname_only: false,
            });
            for c in claimed.iter_mut().take(end_tok).skip(start) {
                *c = true;
            }
            i = end_tok;
            continue;
        }
        // Named weapons before a weapon noun: "Flamingo missiles", "Chunmoo rocket system".
        if !all_common && words.len() <= 2 {
            let mut k = j;
            let mut noun = None;
            while k < r.end && k < j + 4 {
                let w = cx.low(k);
                if dict.lexicon.is(cat::WEAPON_NOUN, w) {
                    noun = Some(k);
                    k += 1;
                    continue;
                }
                if dict.lexicon.is(cat::WEAPON_MODIFIER, w) {
                    k += 1;
                    continue;
                }
                break;
            }
            let strong_noun = noun.is_some_and(|n| {
                (j..=n).any(|t| {
                    matches!(
                        cx.low(t),
                        "missile"
                            | "missiles"
                            | "rocket"
                            | "rockets"
                            | "drone"
                            | "drones"
                            | "howitzer"
                            | "howitzers"
                            | "tank"
                            | "tanks"
                            | "launcher"
                            | "launchers"
                            | "jets"
                            | "jet"
                            | "fighter"
                            | "fighters"
                            | "interceptor"
                            | "interceptors"
                            | "system"
                            | "systems"
                            | "warship"
                            | "submarine"
                            | "bomber"
                            | "bombers"
                            | "helicopter"
                            | "helicopters"
                    )
                })
            });
            let sentence_start = start == r.start;
            if strong_noun && !sentence_start {
                let n = noun.unwrap();
                out.push(Found {
                    start: doc.toks.toks[start].start,
                    end: doc.toks.toks[n].end,
                    sent: s as u32,
                    kind: Kind::Weapon,
                    label: span_text(doc, start, j),
                    absorbed: Vec::new(),
                    surname_only: false,
                });
                for c in claimed.iter_mut().take(n + 1).skip(start) {
                    *c = true;
                }
                i = n + 1;
                continue;
            }
        }
        // People: a given name first, or a name before a speech verb or an apposition.
        let k = cx.name_words(start, j, 4);
        let name_end = start + k;
        let name_words: Vec<usize> = (start..name_end).filter(|&t| cx.is_cap_word(t)).collect();
        if k > 0 && name_words.len() >= 2 {
            let first = cx.low(name_words[0]);
            let given = dict.lexicon.is(cat::GIVEN_NAME, first);
            let common = name_words
                .iter()
                .any(|&t| cx.doc.is(cat::NOT_NAME, t) && !cx.doc.is(cat::GIVEN_NAME, t));
            let after = if name_end < r.end {
                cx.low(name_end)
            } else {
                ""
            };
            let speech = dict.lexicon.is(cat::SPEECH_VERB, after);
            let apposition = after == "," && name_end + 1 < r.end && {
                let a = name_end + 1;
                let a = if matches!(cx.low(a), "the" | "a" | "an") {
                    a + 1
                } else {
                    a
                };
                // ", the Kremlin spokesman": skip one mention or possessive, then a title.
                let mut b = a;
                while b < r.end
                    && b < a + 4
                    && (cx.covered(b) || cx.low(b) == "'s" || cx.doc.is(cat::TITLE_MODIFIER, b))
                {
                    b += 1;
                }
                cx.title_run(b, r.end) > 0
            };
            if !common && (given || speech || apposition) {
                out.push(Found {
                    start: doc.toks.toks[start].start,
                    end: doc.toks.toks[name_end - 1].end,
                    sent: s as u32,
                    kind: Kind::Person,
                    label: span_text(doc, start, name_end),
                    absorbed: Vec::new(),
                    surname_only: false,
                });
                for c in claimed.iter_mut().take(name_end).skip(start) {
                    *c = true;
                }
                i = name_end;
                continue;
            }
        }
        i = j.max(start + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::is_designator;

    #[test]
    fn designators() {
        for d in [
            "Su-34", "MQ-9", "X-59", "K2", "K9", "RQ-4A", "CGR-080", "Kh-101", "F-16", "F-16s",
        ] {
            assert!(is_designator(d), "{d}");
        }
        for d in ["COVID-19", "G7", "Ukraine", "2022", "A", "Article-5x"] {
            assert!(!is_designator(d), "{d}");
        }
    }
}
