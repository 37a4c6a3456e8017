//! Resolution: turns dictionary matches and names found in the text into mentions of local
//! entities, then reads titles and appositions (roles), "City, Country" (locations),
//! title-only references, pronouns and quotations.

use super::unknown::Found;
use super::{Doc, EntKey, Fact, Mention, MentionKind, RawMatch};
use crate::dict::cat;
use crate::dict::{Dictionary, EntryId, Form, Gender};
use crate::model::{Date, Kind, Modality, Relation};
use crate::text::name_key;
use rustc_hash::FxHashMap as HashMap;

/// Length of a title sequence starting at token `i` (titles, rank words, modifiers before a
/// title, "and" between titles, "(CEO)"), 0 if none starts there.
pub(crate) fn title_run(dict: &Dictionary, doc: &Doc, i: usize, end: usize) -> usize {
    // Most words start no title: one cached bit test.
    if !doc.is(cat::TITLE_FIRST | cat::TITLE_MODIFIER, i) {
        return 0;
    }
    let mut j = i;
    let mut saw_title = false;
    let mut last_end = i;
    while j < end {
        // A name starts here ("Ayatollah Ali Khamenei" is one alias): the title ends.
        if j > i
            && doc
                .mention_covering(doc.toks.toks[j].start)
                .is_some_and(|m| doc.mentions[m].start == doc.toks.toks[j].start)
        {
            break;
        }
        let word = |k: usize| (j + k < end).then(|| doc.low(j + k));
        if !doc.is(cat::TITLE_FIRST, j) {
            if doc.is(cat::TITLE_MODIFIER, j) && j + 1 < end {
                j += 1;
                continue;
            }
        } else if let Some((_, n)) = dict.title_match(word) {
            j += n;
            saw_title = true;
            if j < end && doc.low(j) == "." {
                j += 1;
            }
            last_end = j;
            continue;
        }
        let w = doc.low(j);
        if doc.is(cat::TITLE_MODIFIER, j) && j + 1 < end {
            j += 1;
            continue;
        }
        if saw_title
            && (w == "and" || w == "&")
            && j + 1 < end
            && dict
                .title_match(|k| (j + 1 + k < end).then(|| doc.low(j + 1 + k)))
                .is_some()
        {
            j += 1;
            continue;
        }
        if saw_title && w == "(" && j + 2 < end && doc.low(j + 2) == ")" {
            j += 3;
            last_end = j;
            continue;
        }
        break;
    }
    if saw_title { last_end - i } else { 0 }
}

/// The most specific title inside tokens [a, b): (class, leader, generic, implies).
fn title_info(
    dict: &Dictionary,
    doc: &Doc,
    a: usize,
    b: usize,
) -> Option<(String, bool, bool, Option<EntryId>)> {
    let mut best: Option<(&crate::dict::Title, usize)> = None;
    let mut i = a;
    while i < b {
        if let Some((t, n)) = dict.title_match(|k| (i + k < b).then(|| doc.low(i + k))) {
            if !t.rank && best.is_none_or(|(bt, bn)| n > bn || bt.generic && !t.generic) {
                best = Some((t, n));
            }
            i += n;
        } else {
            i += 1;
        }
    }
    let (t, _) = best?;
    let deputy = (a..b).any(|k| matches!(doc.low(k), "deputy" | "vice" | "assistant"))
        && !t.class.starts_with("deputy")
        && !t.class.starts_with("vice");
    if deputy {
        return Some((format!("deputy_{}", t.class), false, false, t.implies));
    }
    Some((t.class.clone(), t.leader, t.generic, t.implies))
}

pub(crate) fn resolve(dict: &Dictionary, doc: &mut Doc, raw: Vec<RawMatch>, found: Vec<Found>) {
    // Raw matches absorbed by, or overlapping, names found in the text are dropped.
    let mut dropped = vec![false; raw.len()];
    for f in &found {
        for &a in &f.absorbed {
            dropped[a] = true;
        }
    }
    for (i, m) in raw.iter().enumerate() {
        if found
            .iter()
            .any(|f| f.start < m.end && m.start < f.end && !f.surname_only)
        {
            dropped[i] = true;
        }
        if m.cands.is_empty() {
            dropped[i] = true;
        }
    }
    // Full names present in the article (dictionary entries named by a Name form).
    let mut full_named: HashMap<EntryId, Vec<u32>> = HashMap::default();
    for (i, m) in raw.iter().enumerate() {
        if dropped[i] {
            continue;
        }
        for c in &m.cands {
            if c.form == Form::Name && !c.weak {
                full_named.entry(c.entry).or_default().push(m.start);
            }
        }
    }
    // Names found in the text become entities; a found person whose name the dictionaries
    // know under another spelling is that entry.
    let mut dyn_surnames: Vec<(String, u32, u32)> = Vec::new(); // (surname, entity, position)
    for f in &found {
        if f.surname_only {
            continue;
        }
        let key = match f.kind {
            Kind::Person => dict
                .lookup(&f.label)
                .iter()
                .copied()
                .find(|&e| dict.entry(e).kind == Kind::Person)
                .map(EntKey::Dict)
                .unwrap_or_else(|| EntKey::Dyn(Kind::Person, name_key(&f.label))),
            k => dict
                .lookup(&f.label)
                .iter()
                .copied()
                .find(|&e| dict.entry(e).kind == k)
                .map(EntKey::Dict)
                .unwrap_or_else(|| EntKey::Dyn(k, name_key(&f.label))),
        };
        let ent = doc.entity(dict, key.clone(), &f.label);
        if f.kind == Kind::Person {
            if let EntKey::Dict(e) = key {
                full_named.entry(e).or_default().push(f.start);
            } else if let Some(last) = f.label.split_whitespace().last() {
                let last = last.trim_end_matches(['.', ',']).to_string();
                doc.ents[ent as usize].surname = Some(last.clone());
                dyn_surnames.push((last, ent, f.start));
            }
        }
        doc.add_mention(Mention {
            start: f.start,
            end: f.end,
            ent,
            kind: MentionKind::Name,
            modifier: false,
            sent: f.sent,
        });
    }
    // Dictionary matches.
    for (i, m) in raw.iter().enumerate() {
        if dropped[i] {
            continue;
        }
        let surface = &doc.text[m.start as usize..m.name_end as usize];
        let persons: Vec<_> = m
            .cands
            .iter()
            .filter(|c| dict.entry(c.entry).kind == Kind::Person)
            .copied()
            .collect();
        let surname_like = m.best_form() == Form::Surname
            || (!persons.is_empty()
                && persons.len() == m.cands.len()
                && persons.iter().all(|c| c.form == Form::Surname));
        let as_surname = if surname_like {
            resolve_surname(dict, doc, m, &persons, &full_named, &dyn_surnames, surface)
        } else {
            None
        };
        // A surname nobody in the article carries may still be a place ("Muscat").
        let others = !surname_like || persons.len() < m.cands.len();
        let chosen = as_surname.or_else(|| {
            if !others {
                None
            } else if let Some(cap) = m.cands.iter().find(|c| c.form == Form::Capital && !c.weak) {
                // A capital: its government or the city (decided below).
                Some((Target::Entry(cap.entry), Form::Capital))
            } else if surname_like {
                m.cands
                    .iter()
                    .find(|c| !c.weak && dict.entry(c.entry).kind != Kind::Person)
                    .map(|c| (Target::Entry(c.entry), c.form))
            } else {
                choose_candidate(dict, m, &full_named).map(|c| (Target::Entry(c.entry), c.form))
            }
        });
        let Some((entry, form)) = chosen else {
            doc.unplaced.push((surface.to_string(), m.sent));
            continue;
        };
        match entry {
            Target::Entry(e) => {
                // "X-59 guided missile": the bare name is an alias too.
                let bare = (m.end > m.name_end).then(|| super::clean_alias(surface));
                let mut mkind = match form {
                    Form::Name | Form::Alias => MentionKind::Name,
                    Form::Surname => MentionKind::Surname,
                    Form::Demonym => MentionKind::Demonym,
                    Form::Capital => MentionKind::Capital,
                };
                let mut ent = doc.dict_entity(dict, e);
                if form == Form::Capital && capital_is_location(dict, doc, m) {
                    // A capital as a location is the city.
                    ent = capital_place(dict, doc, e, surface);
                    mkind = MentionKind::Name;
                }
                let mut end = m.end;
                // "the Polish capital" is the city.
                if form == Form::Demonym {
                    let next = doc.tok_at(m.end);
                    if next < doc.toks.toks.len()
                        && doc.low(next) == "capital"
                        && (next + 1 >= doc.toks.toks.len() || doc.low(next + 1) != "markets")
                        && let Some(cap) = dict.entry(e).capitals.first().cloned()
                    {
                        ent = capital_place(dict, doc, e, &cap);
                        mkind = MentionKind::Name;
                        end = doc.toks.toks[next].end;
                    }
                }
                doc.add_mention(Mention {
                    start: m.start,
                    end,
                    ent,
                    kind: mkind,
                    modifier: false,
                    sent: m.sent,
                });
                if let Some(b) = bare {
                    doc.ents[ent as usize].aliases.insert(b);
                }
            }
            Target::Local(ent) => {
                doc.add_mention(Mention {
                    start: m.start,
                    end: m.end,
                    ent,
                    kind: MentionKind::Surname,
                    modifier: false,
                    sent: m.sent,
                });
            }
        }
    }
    // Single words after a title ("Gen. Salami") resolve like surnames.
    for f in found.iter().filter(|f| f.surname_only) {
        let word = f.label.trim_end_matches('.');
        let target = dyn_surnames
            .iter()
            .filter(|(s, _, _)| s == word)
            .map(|(_, e, _)| *e)
            .next()
            .or_else(|| {
                let ents: Vec<EntryId> = dict
                    .lookup(word)
                    .iter()
                    .copied()
                    .filter(|&e| dict.entry(e).kind == Kind::Person)
                    .collect();
                ents.iter()
                    .copied()
                    .find(|e| full_named.contains_key(e))
                    .or_else(|| {
                        ents.iter()
                            .copied()
                            .find(|&e| dict.roles_at(e, doc.date).next().is_some())
                    })
                    .map(|e| doc.dict_entity(dict, e))
            });
        match target {
            Some(ent) => doc.add_mention(Mention {
                start: f.start,
                end: f.end,
                ent,
                kind: MentionKind::Surname,
                modifier: false,
                sent: f.sent,
            }),
            None => doc.unplaced.push((f.label.clone(), f.sent)),
        }
    }
    doc.sort_mentions();
    dedupe_overlaps(doc);
    merge_short_orgs(doc);
    administrations(dict, doc, false);
    // "the country's leader": the country first, then the title.
    definite_anaphora(dict, doc);
    weapon_anaphora(dict, doc);
    doc.sort_mentions();
    roles(dict, doc);
    // "the government of President Assad": after the title has given his role.
    administrations(dict, doc, true);
    doc.sort_mentions();
    locations(dict, doc);
    pronouns(dict, doc, false);
    them_after_a_list(doc);
    doc.sort_mentions();
    speakers(dict, doc);
    first_person(dict, doc);
    pronouns(dict, doc, true);
    doc.sort_mentions();
    // Persons' countries, for the same-country rule and "we".
    person_countries(dict, doc);
}

enum Target {
    Entry(EntryId),
    Local(u32),
}

fn choose_candidate(
    dict: &Dictionary,
    m: &RawMatch,
    full_named: &HashMap<EntryId, Vec<u32>>,
) -> Option<crate::dict::Cand> {
    let mut best: Option<crate::dict::Cand> = None;
    for c in &m.cands {
        let better = match best {
            None => true,
            Some(b) => {
                let score = |x: &crate::dict::Cand| {
                    (
                        !full_named.contains_key(&x.entry),
                        x.weak,
                        x.form,
                        kind_rank(dict.entry(x.entry).kind),
                        x.entry,
                    )
                };
                score(c) < score(&b)
            }
        };
        if better {
            best = Some(*c);
        }
    }
    best
}

fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Organisation => 1,
        Kind::Person => 2,
        Kind::Weapon => 3,
        Kind::Place => 4,
    }
}

fn resolve_surname(
    dict: &Dictionary,
    doc: &mut Doc,
    m: &RawMatch,
    persons: &[crate::dict::Cand],
    full_named: &HashMap<EntryId, Vec<u32>>,
    dyn_surnames: &[(String, u32, u32)],
    surface: &str,
) -> Option<(Target, Form)> {
    // 1-2. A person found in the text with this last name, or a dictionary person named in
    // full in the article. Of several, the one introduced first: news copy keeps the bare
    // surname for its main actor and names a second Kim or Clinton in full ("Kim Jong Un ...
    // Sung Kim, the US ambassador ... a letter from Kim").
    let word = surface.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let found = dyn_surnames
        .iter()
        .filter(|(s, _, _)| s == word)
        .map(|&(_, e, p)| ((p > m.start, p), Target::Local(e)));
    let named = persons.iter().filter_map(|c| {
        let first = full_named.get(&c.entry)?.iter().min().copied()?;
        Some(((first > m.start, first), Target::Entry(c.entry)))
    });
    if let Some((_, t)) = found.chain(named).min_by_key(|(k, _)| *k) {
        return Some((t, Form::Surname));
    }
    // 3. A title before the name: the candidate holding a role of that class.
    let first_tok = doc.tok_at(m.start);
    let floor = doc.tok_range(m.sent as usize).start;
    let titled = (1..=4).rev().find_map(|len| {
        if first_tok < floor + len {
            return None;
        }
        title_info(dict, doc, first_tok - len, first_tok)
            .filter(|_| title_run(dict, doc, first_tok - len, first_tok) == len)
    });
    if let Some((class, leader, _, _)) = &titled
        && let Some(c) = persons.iter().find(|c| {
            dict.roles_at(c.entry, doc.date)
                .any(|r| &r.class == class || (*leader && r.leader))
        })
    {
        return Some((Target::Entry(c.entry), Form::Surname));
    }
    // 4. Strong candidates: the one holding a role at the date, else the first.
    // A weak surname counts when it has no other reading and its one person holds an office
    // at the article's date (what the scan kept).
    let sole_holder = |c: &crate::dict::Cand| {
        persons.len() == 1
            && m.cands.len() == 1
            && dict.roles_at(c.entry, doc.date).next().is_some()
    };
    let strong: Vec<_> = persons
        .iter()
        .filter(|c| !c.weak || titled.is_some() || sole_holder(c))
        .collect();
    if strong.is_empty() {
        return None;
    }
    let active = strong
        .iter()
        .find(|c| dict.roles_at(c.entry, doc.date).next().is_some());
    let pick = active.unwrap_or(&strong[0]);
    Some((Target::Entry(pick.entry), Form::Surname))
}

/// Whether a capital stands for a place ("in Moscow") rather than its government ("Moscow said").
fn capital_is_location(dict: &Dictionary, doc: &Doc, m: &RawMatch) -> bool {
    let surface = &doc.text[m.start as usize..m.name_end as usize];
    // Datelines: "SEOUL, Dec. 30 (Yonhap)", "WASHINGTON (AP)".
    if surface
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
        && surface.chars().filter(|c| c.is_alphabetic()).count() > 3
    {
        return true;
    }
    let i = doc.tok_at(m.start);
    let floor = doc.tok_range(m.sent as usize).start;
    let r = doc.tok_range(m.sent as usize);
    let end_tok = doc.tok_at(m.end);
    let next = if end_tok < r.end {
        doc.low(end_tok)
    } else {
        ""
    };
    // "Kyiv region", "Moscow time", "Budapest, Hungary".
    if dict.lexicon.is(cat::PLACE_SUFFIX, next)
        || matches!(
            next,
            "time" | "metro" | "subway" | "mayor" | "residents" | "airport"
        )
    {
        return true;
    }
    // "Budapest, Hungary", "Muscat Oman": a country named right after.
    let country_at = |t: usize| -> bool {
        (1..=3).any(|n| {
            if t + n > r.end {
                return false;
            }
            let s = doc.toks.toks[t].start as usize;
            let e = doc.toks.toks[t + n - 1].end as usize;
            dict.lookup(&doc.text[s..e])
                .iter()
                .any(|&x| dict.entry(x).kind == Kind::Country)
        })
    };
    if (next == "," && country_at(end_tok + 1))
        || (end_tok < r.end && doc.toks.toks[end_tok].cap && country_at(end_tok))
    {
        return true;
    }
    // "Kyiv was struck overnight": the target of an attack is the city.
    if matches!(
        next,
        "was" | "were" | "is" | "has" | "had" | "came" | "comes"
    ) && (end_tok + 1..(end_tok + 3).min(r.end)).any(|t| {
        matches!(
            doc.low(t),
            "struck"
                | "hit"
                | "attacked"
                | "shelled"
                | "bombed"
                | "targeted"
                | "pounded"
                | "bombarded"
                | "rocked"
                | "shaken"
                | "damaged"
                | "under"
        )
    }) {
        return true;
    }
    if i == floor {
        return false;
    }
    let prev = doc.low(i - 1);
    let prev2 = if i >= floor + 2 { doc.low(i - 2) } else { "" };
    // "near the capital, Abu Dhabi"
    if prev == "capital" || (prev == "," && prev2 == "capital") {
        return true;
    }
    // "flew to Moscow", "travelled secretly to Pyongyang", "flying on to Ankara", "a trip to
    // Beijing", "left for Minsk".
    let travel_to = |t: usize| {
        if t <= floor {
            return false;
        }
        match doc.low(t) {
            // A verb of travel, up to two adverbs before "to".
            "to" => {
                let mut v = t;
                for _ in 0..3 {
                    if doc.is(cat::TRAVEL_VERB, v - 1) {
                        return true;
                    }
                    let w = doc.low(v - 1);
                    let adverb = w.ends_with("ly")
                        || matches!(
                            w,
                            "twice" | "again" | "back" | "abroad" | "directly" | "on" | "onward"
                        );
                    if !adverb || v - 1 == floor {
                        return false;
                    }
                    v -= 1;
                }
                false
            }
            "for" => matches!(
                doc.low(t - 1),
                "left" | "leave" | "leaves" | "leaving" | "depart" | "departed" | "departs"
            ),
            _ => false,
        }
    };
    if travel_to(i - 1) {
        return true;
    }
    // A later item of a list of destinations: "travel to Beijing, Moscow and Brussels",
    // "visited Paris and Berlin".
    if matches!(prev, "," | "and") {
        let mut j = i - 1;
        while j > floor
            && j + 10 > i
            && (matches!(doc.low(j), "," | "and" | ".")
                || doc.toks.toks[j].cap && doc.toks.toks[j].kind == crate::text::TokKind::Word)
        {
            j -= 1;
        }
        let first_cap = doc.toks.toks[j + 1].cap;
        if first_cap
            && j + 1 < i
            && (travel_to(j)
                || matches!(
                    doc.low(j),
                    "in" | "at" | "visited" | "visiting" | "visit" | "visits" | "toured"
                ))
        {
            return true;
        }
    }
    match prev {
        "in" | "at" | "near" | "outside" | "around" | "over" | "into" | "across" | "toward"
        | "towards" | "inside" | "via" | "through" | "throughout" | "within" | "above"
        | "downtown" | "central" | "capital" | "city" | "northern" | "southern" | "eastern"
        | "western" | "visited" | "visit" | "visiting" | "visits" | "hit" | "struck"
        | "attacked" | "bombed" | "shelled" | "targeted" | "targeting" | "reached" | "entered"
        | "left" | "leaving" | "arrived" | "near-daily" | "streets" | "of" => {
            // "talks with Moscow" is the government; "the mayor of Kyiv" is the city,
            // but "the government of Kyiv" is not.
            !(prev == "of"
                && matches!(
                    prev2,
                    "government"
                        | "leadership"
                        | "position"
                        | "stance"
                        | "view"
                        | "demands"
                        | "interests"
                        | "ally"
                        | "allies"
                        | "support"
                ))
        }
        "on" | "against" => matches!(
            prev2,
            "strike"
                | "strikes"
                | "attack"
                | "attacks"
                | "assault"
                | "bombing"
                | "shelling"
                | "barrage"
                | "raid"
                | "raids"
                | "march"
                | "advance"
                | "offensive"
        ),
        // "a visit by Mike Pence to Warsaw": the travel noun stands before its "by" agent.
        "to" | "from"
            if (i.saturating_sub(8).max(floor)..i.saturating_sub(2)).any(|t| {
                matches!(
                    doc.low(t),
                    "visit" | "visits" | "trip" | "trips" | "journey" | "tour"
                ) && doc.low(t + 1) == "by"
            }) =>
        {
            true
        }
        "to" | "from" => matches!(
            prev2,
            "trip"
                | "travel"
                | "travelled"
                | "traveled"
                | "traveling"
                | "travelling"
                | "flew"
                | "fly"
                | "flight"
                | "flights"
                | "went"
                | "go"
                | "going"
                | "came"
                | "come"
                | "returned"
                | "return"
                | "journey"
                | "visit"
                | "moved"
                | "headed"
                | "heading"
                | "route"
                | "road"
                | "way"
                | "train"
                | "drive"
                | "drove"
                | "evacuated"
                | "fled"
                | "arrived"
                | "miles"
                | "kilometres"
                | "kilometers"
                | "km"
        ),
        _ => false,
    }
}

/// The place entity of a capital city.
fn capital_place(dict: &Dictionary, doc: &mut Doc, country: EntryId, surface: &str) -> u32 {
    let entry = dict.entry(country);
    // Canonical spelling: the first capital listed that matches loosely, else the surface.
    let key = name_key(surface);
    let label = entry
        .capitals
        .iter()
        .find(|c| name_key(c) == key)
        .cloned()
        .or_else(|| entry.capitals.first().cloned().filter(|_| false))
        .unwrap_or_else(|| surface.to_string());
    if let Some(&p) = dict
        .lookup(&label)
        .iter()
        .find(|&&e| dict.entry(e).kind == Kind::Place)
    {
        return doc.dict_entity(dict, p);
    }
    let ent = doc.entity(dict, EntKey::Dyn(Kind::Place, name_key(&label)), &label);
    if doc.ents[ent as usize].country.is_none() {
        let c = doc.dict_entity(dict, country);
        doc.ents[ent as usize].country = Some(c);
    }
    ent
}

/// "the Air Force" after "the Ukrainian Air Force": an organisation found in the text whose
/// name ends another organisation's name in the article is that organisation.
fn merge_short_orgs(doc: &mut Doc) {
    let orgs: Vec<u32> = (0..doc.ents.len() as u32)
        .filter(|&e| {
            doc.ents[e as usize].kind == Kind::Organisation && doc.ents[e as usize].mentions > 0
        })
        .collect();
    let mut remap: HashMap<u32, u32> = HashMap::default();
    for &short in &orgs {
        if !matches!(doc.ents[short as usize].key, EntKey::Dyn(..)) {
            continue;
        }
        let s = doc.ents[short as usize].label.to_lowercase();
        let longer: Vec<u32> = orgs
            .iter()
            .copied()
            .filter(|&l| {
                let ll = doc.ents[l as usize].label.to_lowercase();
                l != short && ll.len() > s.len() && ll.ends_with(&format!(" {s}"))
            })
            .collect();
        // Only when one organisation fits.
        if longer.len() == 1 {
            remap.insert(short, longer[0]);
        }
    }
    for (short, long) in remap {
        for m in doc.mentions.iter_mut().filter(|m| m.ent == short) {
            m.ent = long;
        }
        let (aliases, n) = {
            let e = &mut doc.ents[short as usize];
            (
                std::mem::take(&mut e.aliases),
                std::mem::replace(&mut e.mentions, 0),
            )
        };
        let l = &mut doc.ents[long as usize];
        l.aliases.extend(aliases);
        l.mentions += n;
    }
}

/// Drops mentions overlapping an earlier, longer one.
fn dedupe_overlaps(doc: &mut Doc) {
    let mut keep: Vec<Mention> = Vec::with_capacity(doc.mentions.len());
    for m in doc.mentions.drain(..) {
        if let Some(last) = keep.last()
            && m.start < last.end
        {
            if m.end - m.start > last.end - last.start {
                keep.pop();
            } else {
                continue;
            }
        }
        keep.push(m);
    }
    doc.mentions = keep;
}

/// "the Biden administration", "the Trump government": the country the person leads. With
/// `of_form`, "the government of (President) Bashar al-Assad": the name stays the person's
/// too (it was written), and this runs after the title has given its role.
fn administrations(dict: &Dictionary, doc: &mut Doc, of_form: bool) {
    // The "of" form is rare: look for "government of" before looking at every person.
    if of_form
        && !(1..doc.toks.toks.len())
            .any(|t| doc.is(cat::GOVERNMENT_WORD, t - 1) && doc.low(t) == "of")
    {
        return;
    }
    let n = doc.mentions.len();
    for mi in 0..n {
        let m = doc.mentions[mi];
        if doc.ents[m.ent as usize].kind != Kind::Person {
            continue;
        }
        let mut t = doc.tok_at(m.end);
        let r = doc.tok_range(m.sent as usize);
        let mut gap_end = m.end;
        // "Netanyahu's government" too.
        if t + 1 < r.end
            && matches!(doc.low(t), "'s" | "\u{2019}s")
            && doc.toks.toks[t].start == m.end
        {
            gap_end = doc.toks.toks[t].end;
            t += 1;
        }
        let (start, end) = if !of_form
            && t < r.end
            && doc.is(cat::GOVERNMENT_WORD, t)
            && doc.toks.toks[t].start <= gap_end + 1
        {
            (m.start, doc.toks.toks[t].end)
        } else if of_form && let Some(g) = government_of_before(doc, doc.tok_at(m.start), r.start) {
            (doc.toks.toks[g].start, m.end)
        } else {
            continue;
        };
        let EntKey::Dict(e) = doc.ents[m.ent as usize].key else {
            continue;
        };
        let country = dict
            .roles_of
            .get(&e)
            .into_iter()
            .flatten()
            .map(|&i| &dict.roles[i])
            .find(|r| r.leader && (r.active(doc.date) || doc.date.is_none()))
            .or_else(|| {
                dict.roles_of
                    .get(&e)
                    .into_iter()
                    .flatten()
                    .map(|&i| &dict.roles[i])
                    .find(|r| r.leader)
            })
            .map(|r| r.of)
            .or(dict.entry(e).country);
        let Some(c) = country else { continue };
        if dict.entry(c).kind != Kind::Country {
            continue;
        }
        let ent = doc.dict_entity(dict, c);
        // The person mention becomes a mention of the country.
        if !of_form {
            doc.ents[m.ent as usize].mentions -= 1;
        }
        let surface = super::clean_alias(&doc.text[start as usize..end as usize]);
        doc.ents[ent as usize].aliases.insert(surface);
        doc.ents[ent as usize].mentions += 1;
        doc.mentions[mi] = Mention {
            start,
            end,
            ent,
            kind: MentionKind::Name,
            ..m
        };
    }
}

/// The lowercase government word of "the government of (President) X" whose name starts at
/// token `name`: "of" and at most three capitalised title words stand between.
fn government_of_before(doc: &Doc, name: usize, floor: usize) -> Option<usize> {
    let mut k = name;
    while k > floor
        && name - k < 3
        && (doc.is(cat::TITLE_FIRST, k - 1) || doc.is(cat::TITLE_MODIFIER, k - 1))
        && doc.tok_text(k - 1).starts_with(char::is_uppercase)
    {
        k -= 1;
    }
    (k >= floor + 2
        && doc.low(k - 1) == "of"
        && doc.is(cat::GOVERNMENT_WORD, k - 2)
        && doc.tok_text(k - 2).starts_with(char::is_lowercase))
    .then(|| k - 2)
}

/// Whether mention `mi` names a country or an organisation: what a title or a role is of.
fn names_body(doc: &Doc, mi: usize) -> bool {
    matches!(
        doc.ents[doc.mentions[mi].ent as usize].kind,
        Kind::Country | Kind::Organisation
    )
}

fn mention_ending_before(doc: &Doc, tok: usize, floor: usize) -> Option<(usize, usize)> {
    // The mention that ends right before token `tok` (skipping "'s"), and the token where it
    // starts.
    if tok == floor {
        return None;
    }
    let mut t = tok;
    if t > floor && matches!(doc.low(t - 1), "'s" | "'") {
        t -= 1;
    }
    if t == floor {
        return None;
    }
    let pos = doc.toks.toks[t - 1].end;
    // Mentions are sorted by start: look back from the last one starting before `pos`.
    let upto = doc.mentions.partition_point(|m| m.start < pos);
    let mi = (upto.saturating_sub(8)..upto)
        .rev()
        .find(|&i| doc.mentions[i].end >= pos)?;
    let st = doc.tok_at(doc.mentions[mi].start);
    Some((mi, st))
}

/// The first mention (in order) covering the start of token `tok`.
fn mention_starting_at(doc: &Doc, tok: usize) -> Option<usize> {
    let pos = doc.toks.toks.get(tok)?.start;
    let upto = doc.mentions.partition_point(|m| m.start <= pos);
    (upto.saturating_sub(8)..upto).find(|&i| pos < doc.mentions[i].end)
}

/// Whether a person's mention covers token `tok`.
fn person_starts_at(doc: &Doc, tok: usize) -> bool {
    mention_starting_at(doc, tok)
        .is_some_and(|mi| doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Person)
}

/// "head of the Russian delegation", "chief of the Russian general staff": a demonym that
/// modifies the lowercase noun after it names a body of that country, not the country. Returns
/// the token after the noun (up to three words) and whether one of them names a delegation.
fn demonym_noun(doc: &Doc, mi: usize, end: usize) -> Option<(usize, bool)> {
    let m = &doc.mentions[mi];
    if m.kind != MentionKind::Demonym || doc.ents[m.ent as usize].kind != Kind::Country {
        return None;
    }
    let start = doc.tok_at(m.end);
    let mut t = start;
    let mut delegation = false;
    while t < end
        && t < start + 3
        && doc.toks.toks[t].kind == crate::text::TokKind::Word
        && !doc.toks.toks[t].cap
        && mention_starting_at(doc, t).is_none()
        && !doc.is(cat::SPEECH_VERB | cat::REPORT_VERB, t)
        && !matches!(
            doc.low(t),
            "and"
                | "or"
                | "of"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "by"
                | "who"
                | "which"
                | "that"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "were"
                | "are"
                | "will"
                | "would"
        )
    {
        delegation |= doc.is(cat::DELEGATION, t);
        t += 1;
    }
    (t > start).then_some((t, delegation))
}

/// Whether person `p` holds, at the article's date, an office of a country other than the
/// country `of` (and none of `of`), by the dictionary's roles.
fn office_elsewhere(dict: &Dictionary, doc: &Doc, p: u32, of: Option<u32>) -> bool {
    let (EntKey::Dict(pe), Some(EntKey::Dict(oe))) = (
        &doc.ents[p as usize].key,
        of.map(|o| &doc.ents[o as usize].key),
    ) else {
        return false;
    };
    if dict.entry(*oe).kind != Kind::Country {
        return false;
    }
    let mut other = false;
    for r in dict.roles_at(*pe, doc.date) {
        if r.of == *oe {
            return false;
        }
        other |= dict.entry(r.of).kind == Kind::Country;
    }
    other
}

/// Whether a title class is an envoy's, posted "in" or "at" a place as well as "to" it.
fn is_envoy(class: &str) -> bool {
    matches!(class, "ambassador" | "envoy")
}

/// The posting after a title, at token `t` of a sentence ending before `end`: "to Kiev", "to
/// the Philippines", and for an envoy also "in Berlin". Returns the mention of the place,
/// country or organisation posted to.
fn posting(doc: &Doc, t: usize, end: usize, envoy: bool) -> Option<usize> {
    if t + 1 >= end {
        return None;
    }
    match doc.low(t) {
        "to" => {}
        "in" | "at" if envoy => {}
        _ => return None,
    }
    let k = if doc.low(t + 1) == "the" {
        t + 2
    } else {
        t + 1
    };
    if k >= end {
        return None;
    }
    mention_starting_at(doc, k).filter(|&mi| {
        matches!(
            doc.ents[doc.mentions[mi].ent as usize].kind,
            Kind::Country | Kind::Place | Kind::Organisation
        )
    })
}

/// Titles and appositions: role facts, modifier marks, title-only references.
fn roles(dict: &Dictionary, doc: &mut Doc) {
    let mut new_mentions: Vec<Mention> = Vec::new();
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        let mut i = r.start;
        while i < r.end {
            // Do not start a title inside a mention ("White House" is not a title).
            if mention_starting_at(doc, i).is_some() {
                i += 1;
                continue;
            }
            let n = title_run(dict, doc, i, r.end);
            if n == 0 {
                i += 1;
                continue;
            }
            let (a, b) = (i, i + n);
            i = b;
            let Some((class, leader, generic, implies)) = title_info(dict, doc, a, b) else {
                continue;
            };
            let elect = class.ends_with("_elect");
            let plural = doc.low(b - 1).ends_with('s')
                && !matches!(doc.low(b - 1), "chief of staff" | "boss")
                && doc.low(b - 1) != "'s";
            // The country or organisation before the title ("Russian President", "Kremlin
            // spokesman"), also before a portfolio the lists do not know ("Ukrainian
            // Infrastructure Minister").
            let portfolio = {
                let mut k = a;
                while k > r.start
                    && a - k < 2
                    && matches!(class.as_str(), "minister" | "secretary")
                    && doc.toks.toks[k - 1].cap
                    && doc.toks.toks[k - 1].kind == crate::text::TokKind::Word
                    && doc.mention_covering(doc.toks.toks[k - 1].start).is_none()
                    && !doc.is(cat::NOT_NAME | cat::TITLE_FIRST, k - 1)
                {
                    k -= 1;
                }
                k
            };
            let before = mention_ending_before(doc, a, r.start)
                .or_else(|| {
                    (portfolio < a)
                        .then(|| mention_ending_before(doc, portfolio, r.start))
                        .flatten()
                })
                .filter(|&(mi, _)| names_body(doc, mi));
            // "former President", "ex-President", and before the country too: "the ousted
            // Ukrainian leader".
            let pre = before.map_or(a, |(_, st)| st);
            let former = (a..b).any(|k| doc.is(cat::FORMER_MARKER, k))
                || [a, pre].into_iter().any(|a| {
                    (a > r.start && doc.is(cat::FORMER_MARKER, a - 1))
                        || (a > r.start + 1
                            && doc.low(a - 1) == "-"
                            && doc.is(cat::FORMER_MARKER, a - 2))
                });
            // "President of Ukraine", "Secretary General of NATO".
            let mut after_end = b;
            let mut of_after: Option<usize> = None;
            // "head of the Russian delegation": an office in a body of the country.
            let mut body_noun = false;
            if before.is_none() && b + 1 < r.end && matches!(doc.low(b), "of" | "at" | "for") {
                let t = if doc.low(b + 1) == "the" {
                    b + 2
                } else {
                    b + 1
                };
                if let Some(mi) = mention_starting_at(doc, t)
                    && names_body(doc, mi)
                {
                    of_after = Some(mi);
                    after_end = doc.tok_at(doc.mentions[mi].end);
                    if let Some((after, _)) = demonym_noun(doc, mi, r.end) {
                        after_end = after;
                        body_noun = true;
                    }
                }
            }
            // The person after the title (one comma allowed: "adviser, Chung Eui-yong"), or
            // after its posting ("ambassador to Kiev Mikhail Zurabov").
            let mut p = after_end;
            if let Some(mi) = posting(doc, p, r.end, is_envoy(&class)) {
                let q = doc.tok_at(doc.mentions[mi].end);
                // "Russia's ambassador in Berlin, Sergei Nechayev": the comma is taken below.
                if q < r.end
                    && (person_starts_at(doc, q)
                        || q + 1 < r.end && doc.low(q) == "," && person_starts_at(doc, q + 1))
                {
                    p = q;
                }
            }
            let comma = p < r.end && doc.low(p) == ",";
            if comma {
                p += 1;
            }
            // Never the first name of the next sentence.
            let person = (p < r.end)
                .then(|| mention_starting_at(doc, p))
                .flatten()
                .filter(|&mi| {
                    doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Person
                        && doc.mentions[mi].start >= doc.toks.toks[p].start
                });
            let of_mention = before.map(|(mi, _)| mi).or(of_after);
            // "... or the Russian leader, Trump said": after a comma, a name the dictionary
            // gives an office of another country at the date is not the title's holder.
            let person = person.filter(|&pm| {
                !comma
                    || !office_elsewhere(
                        dict,
                        doc,
                        doc.mentions[pm].ent,
                        of_mention.map(|mi| doc.mentions[mi].ent),
                    )
            });
            if comma && person.is_some() {
                doc.lex[p - 1] |= cat::TITLE_COMMA;
            }
            if let Some(pm) = person {
                let person_ent = doc.mentions[pm].ent;
                if let Some((mi, _)) = before {
                    doc.mentions[mi].modifier = true;
                }
                if let Some(mi) = of_after {
                    doc.mentions[mi].modifier = true;
                }
                let of_ent = of_mention.map(|mi| doc.mentions[mi].ent);
                // "Chechen leader Ramzan Kadyrov": a title of a body the dictionaries do not
                // know (an unknown capitalised word right before it) gives no role.
                let unknown_body = of_ent.is_none()
                    && a > r.start
                    && doc.toks.toks[a - 1].cap
                    && doc.tok_text(a - 1).chars().all(char::is_alphabetic)
                    && doc.mention_covering(doc.toks.toks[a - 1].start).is_none()
                    && !doc.is(
                        cat::TITLE_FIRST | cat::TITLE_MODIFIER | cat::FORMER_MARKER | cat::NOT_NAME,
                        a - 1,
                    );
                if body_noun {
                    role_fact(
                        dict, doc, person_ent, of_ent, "official", false, true, None, former,
                        elect, s,
                    );
                } else if !unknown_body {
                    role_fact(
                        dict, doc, person_ent, of_ent, &class, leader, generic, implies, former,
                        elect, s,
                    );
                }
                continue;
            }
            // A title standing for its holder: "the Russian leader", "the US President"; not an
            // office in one of its bodies, whose holder no dictionary knows.
            if plural || former || body_noun {
                continue;
            }
            // Not followed by a capitalised word (an unknown name).
            if after_end < r.end
                && doc.toks.toks[after_end].cap
                && doc.toks.toks[after_end].kind == crate::text::TokKind::Word
                && !matches!(doc.low(after_end), "and" | "the")
            {
                continue;
            }
            // Only a definite reference ("the US President", "Russia's leader", "Ukrainian
            // President") stands for a holder: "nominee for President", "your next President"
            // do not.
            let mut d = a;
            while d > r.start && doc.is(cat::TITLE_MODIFIER, d - 1) {
                d -= 1;
            }
            let definite =
                before.is_some() || (d > r.start && matches!(doc.low(d - 1), "the" | "this"));
            if !definite {
                continue;
            }
            // "the US ambassador to the Philippines", "the UN envoy to Syria": the posting
            // names a different office from the one the dictionary lists for the country.
            if posting(doc, after_end, r.end, is_envoy(&class)).is_some() {
                continue;
            }
            let of_ent = of_mention.map(|mi| doc.mentions[mi].ent);
            let holder = title_holder(dict, doc, of_ent, &class, leader, generic, s);
            let Some(holder) = holder else {
                // "his Russian counterpart", "the Iranian minister" with no known holder is an
                // unknown person, not the country.
                if let Some((mi, _)) = before
                    && (class == "counterpart"
                        || doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Country
                            && doc.mentions[mi].kind == MentionKind::Demonym)
                {
                    doc.mentions[mi].modifier = true;
                }
                continue;
            };
            let start_tok = before.map(|(_, st)| st).unwrap_or(a);
            let start = doc.toks.toks[start_tok].start;
            let end = doc.toks.toks[after_end - 1].end;
            if let Some((mi, _)) = before {
                doc.mentions[mi].modifier = true;
            }
            if let Some(mi) = of_after {
                doc.mentions[mi].modifier = true;
            }
            new_mentions.push(Mention {
                start,
                end,
                ent: holder,
                kind: MentionKind::Title,
                modifier: false,
                sent: s as u32,
            });
            if of_ent.is_some() {
                role_fact(
                    dict, doc, holder, of_ent, &class, leader, generic, implies, false, elect, s,
                );
            }
        }
        appositions(dict, doc, s);
        outlet_possessives(doc, s);
        delegation_leaders(dict, doc, s);
    }
    for m in new_mentions {
        doc.ents[m.ent as usize].mentions += 1;
        // A title mention shadows modifier mentions inside it.
        doc.mentions.push(m);
    }
}

/// The holder of a title at the article's date: a person of the article first, else the
/// dictionary's holder.
/// Adds `fact`, whose target is the country its source belongs to, and records that country
/// for the source when it has none yet.
fn country_fact(doc: &mut Doc, fact: Fact) {
    let e = &mut doc.ents[fact.src as usize];
    if e.country.is_none() {
        e.country = Some(fact.dst);
    }
    doc.add_fact(fact);
}

/// The head of organisation `org` at `date`: the holder of its highest role by title (head,
/// leader, chair, president, secretary general, then director or commander); no deputy.
fn org_head(dict: &Dictionary, org: EntryId, date: Option<Date>) -> Option<EntryId> {
    const RANKS: [&str; 10] = [
        "head",
        "leader",
        "chief",
        "chair",
        "president",
        "secretary general",
        "secretary-general",
        "founder",
        "director",
        "commander",
    ];
    dict.roles
        .iter()
        .filter(|r| r.of == org && r.active(date))
        .filter_map(|r| {
            let t = r.title.to_lowercase();
            if t.contains("deputy") || t.contains("vice") || t.contains("spokes") {
                return None;
            }
            RANKS
                .iter()
                .position(|k| t.contains(k))
                .map(|i| (i, r.person))
        })
        .min_by_key(|&(i, _)| i)
        .map(|(_, p)| p)
}

fn title_holder(
    dict: &Dictionary,
    doc: &mut Doc,
    of_ent: Option<u32>,
    class: &str,
    leader: bool,
    generic: bool,
    s: usize,
) -> Option<u32> {
    let date = doc.date;
    match of_ent {
        Some(of) => {
            let key = doc.ents[of as usize].key.clone();
            let EntKey::Dict(mut of_entry) = key else {
                return None;
            };
            // "the Wagner chief", "the Hamas leader": the head of a body that is not part of a
            // government.
            if generic
                && dict.entry(of_entry).kind == Kind::Organisation
                && !matches!(
                    dict.entry(of_entry).subtype.as_str(),
                    "government" | "ministry" | "military" | "legislature"
                )
            {
                let head = org_head(dict, of_entry, date)?;
                return Some(doc.dict_entity(dict, head));
            }
            // "the Kremlin chief": the organisation's country.
            if generic
                && dict.entry(of_entry).kind == Kind::Organisation
                && let Some(c) = dict.entry(of_entry).country
            {
                of_entry = c;
            }
            let holders = dict.holders(of_entry, class, generic && leader, date);
            let holders: Vec<EntryId> = holders.iter().map(|r| r.person).collect();
            if holders.is_empty() {
                return None;
            }
            // Prefer a holder mentioned in the article.
            let mentioned = holders.iter().copied().find(|&p| {
                doc.find(&EntKey::Dict(p))
                    .is_some_and(|e| doc.ents[e as usize].mentions > 0)
            });
            let pick = mentioned.or_else(|| {
                // A generic "leader": the president before the prime minister.
                let order = [
                    "president",
                    "supreme_leader",
                    "king",
                    "emir",
                    "chancellor",
                    "prime_minister",
                ];
                order
                    .iter()
                    .find_map(|c| {
                        dict.holders(of_entry, c, false, date)
                            .first()
                            .map(|r| r.person)
                            .filter(|p| holders.contains(p))
                    })
                    .or_else(|| holders.first().copied())
            })?;
            Some(doc.dict_entity(dict, pick))
        }
        None => {
            // "the president": the last person of the article known to hold that class.
            if generic {
                return None;
            }
            let pos = doc.toks.toks[doc.tok_range(s).start].start;
            let mut best: Option<u32> = None;
            for m in doc.mentions.iter().filter(|m| m.start < pos + 10_000) {
                if m.sent as usize > s {
                    break;
                }
                let e = &doc.ents[m.ent as usize];
                if e.kind != Kind::Person {
                    continue;
                }
                let holds = e.title_class.as_deref() == Some(class)
                    || match &e.key {
                        EntKey::Dict(p) => dict.roles_at(*p, date).any(|r| {
                            r.class == class
                                || (leader
                                    && r.leader
                                    && class == "president"
                                    && r.class == "president")
                        }),
                        _ => false,
                    };
                if holds {
                    best = Some(m.ent);
                }
            }
            best
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn role_fact(
    dict: &Dictionary,
    doc: &mut Doc,
    person: u32,
    of_ent: Option<u32>,
    class: &str,
    leader: bool,
    generic: bool,
    implies: Option<EntryId>,
    former: bool,
    elect: bool,
    s: usize,
) {
    doc.ents[person as usize]
        .title_class
        .get_or_insert_with(|| class.to_string());
    if former
        || class == "rank"
        || class == "honorific"
        || class == "journalist" && of_ent.is_none()
    {
        return;
    }
    let date = doc.date;
    let person_entry = match doc.ents[person as usize].key {
        EntKey::Dict(e) => Some(e),
        _ => None,
    };
    // Where the role is held: the named country or organisation, else the title's implied
    // one, else the person's dictionary role of this class at the date.
    let of = match of_ent {
        Some(o) => Some(o),
        None => {
            let from_roles = person_entry.and_then(|p| {
                let roles: Vec<_> = dict.roles_at(p, date).collect();
                roles
                    .iter()
                    .find(|r| r.class == class)
                    .or_else(|| roles.iter().find(|r| leader && r.leader))
                    // The title names a role the dictionary files differently ("regional
                    // military head"): the person's one role at the date tells where.
                    .or_else(|| {
                        if generic || roles.len() == 1 {
                            roles.first()
                        } else {
                            None
                        }
                    })
                    .map(|r| r.of)
            });
            from_roles.or(implies).map(|e| doc.dict_entity(dict, e))
        }
    };
    let Some(of) = of else { return };
    let of_kind = doc.ents[of as usize].kind;
    let rel = if of_kind == Kind::Country && leader && !class.starts_with("deputy") {
        Relation::LeaderOf
    } else {
        Relation::OfficialOf
    };
    if of_kind == Kind::Country && doc.ents[person as usize].country.is_none() {
        doc.ents[person as usize].country = Some(of);
    }
    let trigger = class.replace('_', " ");
    let modality = if elect {
        Modality::Planned
    } else {
        Modality::Asserted
    };
    // "Republican Senator Lindsey Graham": a legislator of the party's country too.
    if let EntKey::Dict(o) = doc.ents[of as usize].key
        && of_kind == Kind::Organisation
        && matches!(class, "senator" | "legislator" | "legislative_leader")
        && dict.entry(o).subtype == "party"
        && let Some(c) = dict.entry(o).country
    {
        let country = doc.dict_entity(dict, c);
        country_fact(
            doc,
            Fact {
                rel: Relation::OfficialOf,
                src: person,
                dst: country,
                modality,
                sent: s as u32,
                trigger: trigger.clone(),
            },
        );
    }
    doc.add_fact(Fact {
        rel,
        src: person,
        dst: of,
        modality,
        sent: s as u32,
        trigger,
    });
}

/// "Dmitry Peskov, the Kremlin spokesman", "Igor Plotnitsky, the leader of the self-proclaimed
/// Luhansk People's Republic", "Mikhail Galuzin, Russia's deputy foreign minister".
fn appositions(dict: &Dictionary, doc: &mut Doc, s: usize) {
    let r = doc.tok_range(s);
    let ms: Vec<usize> = doc.sentence_mention_range(s).collect();
    for &pm in &ms {
        let m = doc.mentions[pm];
        if doc.ents[m.ent as usize].kind != Kind::Person || m.modifier {
            continue;
        }
        let mut t = doc.tok_at(m.end);
        if t >= r.end || doc.low(t) != "," {
            continue;
        }
        t += 1;
        if t < r.end && matches!(doc.low(t), "the" | "a" | "an") {
            t += 1;
        }
        let np_start = t;
        let body = |mi: usize| names_body(doc, mi);
        // "the joint U.N. and Arab League envoy": title modifiers before the country.
        let mut k = t;
        while k < r.end && doc.is(cat::TITLE_MODIFIER, k) && mention_starting_at(doc, k).is_none() {
            k += 1;
        }
        if k > t && mention_starting_at(doc, k).is_some_and(body) {
            t = k;
        }
        // An optional country or organisation (with 's) before the title, or two joined by
        // "and" ("the U.N. and Arab League envoy").
        let mut of_mention: Option<usize> = None;
        let mut also: Option<usize> = None;
        if let Some(mi) = mention_starting_at(doc, t) {
            if body(mi) {
                of_mention = Some(mi);
                t = doc.tok_at(doc.mentions[mi].end);
                if t + 1 < r.end
                    && doc.low(t) == "and"
                    && let Some(m2) = mention_starting_at(doc, t + 1).filter(|&m2| body(m2))
                {
                    also = Some(m2);
                    t = doc.tok_at(doc.mentions[m2].end);
                }
                if t < r.end && matches!(doc.low(t), "'s" | "'") {
                    t += 1;
                }
            } else {
                continue;
            }
        }
        let n = title_run(dict, doc, t, r.end);
        if n == 0 {
            continue;
        }
        let Some((class, leader, generic, implies)) = title_info(dict, doc, t, t + n) else {
            continue;
        };
        // "Theresa May, French President Emmanuel Macron and ...": a title followed by a name
        // is that name's title, the next item of a list, not an apposition.
        if t + n < r.end && person_starts_at(doc, t + n) {
            continue;
        }
        // So is a title whose posting comes first: "Kuchma, Russia's ambassador to Kiev
        // Mikhail Zurabov and ...".
        if let Some(pm) = posting(doc, t + n, r.end, false)
            && person_starts_at(doc, doc.tok_at(doc.mentions[pm].end))
        {
            continue;
        }
        let former = (np_start..t + n).any(|k| doc.is(cat::FORMER_MARKER, k));
        let mut e = t + n;
        let mut body_office = false;
        let mut place_country: Option<u32> = None;
        // "Lt. Gen. Joseph Guastella, Commander, U.S. Air Forces Central Command"
        if of_mention.is_none()
            && e + 1 < r.end
            && doc.low(e) == ","
            && let Some(mi) = mention_starting_at(doc, e + 1)
            && body(mi)
        {
            of_mention = Some(mi);
            e = doc.tok_at(doc.mentions[mi].end);
        }
        if of_mention.is_none() && e + 1 < r.end && matches!(doc.low(e), "of" | "at" | "for" | "in")
        {
            let mut k = if doc.low(e + 1) == "the" {
                e + 2
            } else {
                e + 1
            };
            // "the self-proclaimed Luhansk People's Republic", "the rebel Free Syrian Army",
            // "the opposition-controlled National Assembly": up to two lowercase words.
            for _ in 0..2 {
                if k < r.end
                    && mention_starting_at(doc, k).is_none()
                    && (doc.is(cat::TITLE_MODIFIER, k)
                        || doc.toks.toks[k].kind == crate::text::TokKind::Word
                            && !doc.toks.toks[k].cap
                            && !doc.is(cat::NOT_NAME, k))
                {
                    k += 1;
                }
            }
            // Not the first half of a compound adjective: "the U.N.-recognised government".
            if let Some(mi) = mention_starting_at(doc, k)
                && body(mi)
                && !doc.text[doc.mentions[mi].end as usize..].starts_with('-')
            {
                of_mention = Some(mi);
                e = doc.tok_at(doc.mentions[mi].end);
                // "the head of the Russian delegation": an office of the country, not its head.
                if let Some((after, _)) = demonym_noun(doc, mi, r.end) {
                    e = after;
                    body_office = true;
                }
            } else if let Some(mi) = mention_starting_at(doc, k)
                && matches!(class.as_str(), "governor" | "mayor")
                && doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Place
            {
                // "governor of the Odesa region": an office of the place's country.
                place_country = doc
                    .country_of(dict, doc.mentions[mi].ent)
                    .filter(|&c| doc.ents[c as usize].kind == Kind::Country);
            }
        }
        // Mark the apposition's mentions as modifiers: they describe the person.
        if let Some(mi) = of_mention {
            doc.mentions[mi].modifier = true;
        }
        let _ = e;
        // The role of each body named ("the U.N. and Arab League envoy": both).
        let mut bodies = vec![of_mention.map(|mi| doc.mentions[mi].ent).or(place_country)];
        if let Some(m2) = also {
            doc.mentions[m2].modifier = true;
            bodies.push(Some(doc.mentions[m2].ent));
        }
        let (class, leader) = if body_office {
            ("official".to_string(), false)
        } else {
            (class, leader)
        };
        for of_ent in bodies {
            role_fact(
                dict,
                doc,
                m.ent,
                of_ent,
                &class,
                leader,
                generic,
                implies,
                former,
                class.ends_with("_elect"),
                s,
            );
        }
    }
}

/// Whoever leads a country's (or an organisation's) delegation is its official: "the Russian
/// delegation was led by Vladimir Medinsky", "Medinsky, who heads Russia's negotiating team",
/// "Russian delegation head Vladimir Medinsky".
fn delegation_leaders(dict: &Dictionary, doc: &mut Doc, s: usize) {
    let r = doc.tok_range(s);
    let lead = |w: &str| {
        matches!(
            w,
            "led"
                | "leads"
                | "lead"
                | "leading"
                | "headed"
                | "heads"
                | "head"
                | "heading"
                | "chaired"
                | "chairs"
        )
    };
    let person_at = |doc: &Doc, t: usize| {
        mention_starting_at(doc, t)
            .filter(|&mi| doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Person)
    };
    let mut found: Vec<(u32, u32)> = Vec::new();
    for t in r.clone() {
        if !doc.is(cat::DELEGATION, t) || t == r.start {
            continue;
        }
        // The country right before the noun ("Russian", "Russia's"), "negotiating team" too.
        let noun_start = if t > r.start && doc.low(t - 1) == "negotiating" {
            t - 1
        } else {
            t
        };
        let Some((cm, cstart)) = mention_ending_before(doc, noun_start, r.start) else {
            continue;
        };
        let c = doc.mentions[cm].ent;
        if !matches!(
            doc.ents[c as usize].kind,
            Kind::Country | Kind::Organisation
        ) {
            continue;
        }
        let mut person = None;
        // After: "... delegation (, ) (was) led by P", "delegation head P".
        let mut k = t + 1;
        if k < r.end && doc.low(k) == "," {
            k += 1;
        }
        while k < r.end && matches!(doc.low(k), "was" | "is" | "were" | "are" | "will" | "be") {
            k += 1;
        }
        if k + 2 < r.end && lead(doc.low(k)) && doc.low(k + 1) == "by" {
            person = person_at(doc, k + 2);
        } else if t + 2 < r.end && matches!(doc.low(t + 1), "head" | "chief" | "leader") {
            person = person_at(doc, t + 2);
        }
        // Before: "P (, who) led the Russian delegation".
        if person.is_none() {
            let mut b = cstart;
            if b > r.start && doc.low(b - 1) == "the" {
                b -= 1;
            }
            if b > r.start && lead(doc.low(b - 1)) {
                b -= 1;
                while b > r.start && matches!(doc.low(b - 1), "will" | "would" | "to" | "also") {
                    b -= 1;
                }
                if b > r.start && doc.low(b - 1) == "who" {
                    b -= 1;
                    if b > r.start && doc.low(b - 1) == "," {
                        b -= 1;
                    }
                }
                person = mention_ending_before(doc, b, r.start)
                    .map(|(mi, _)| mi)
                    .filter(|&mi| {
                        doc.ents[doc.mentions[mi].ent as usize].kind == Kind::Person
                            && doc.tok_at(doc.mentions[mi].end) == b
                    });
            }
        }
        if let Some(pm) = person {
            found.push((doc.mentions[pm].ent, c));
        }
    }
    for (p, c) in found {
        role_fact(
            dict,
            doc,
            p,
            Some(c),
            "official",
            false,
            true,
            None,
            false,
            false,
            s,
        );
    }
}

/// "NPR's Corey Flintoff", "Fox News' Jennifer Griffin, Adam Shaw": staff of an outlet.
fn outlet_possessives(doc: &mut Doc, s: usize) {
    let ms: Vec<usize> = doc.sentence_mention_range(s).collect();
    for w in ms.windows(2) {
        let (om, pm) = (doc.mentions[w[0]], doc.mentions[w[1]]);
        if doc.ents[om.ent as usize].kind != Kind::Organisation
            || doc.ents[pm.ent as usize].kind != Kind::Person
        {
            continue;
        }
        if pm.start < om.end {
            continue;
        }
        let between = doc.text[om.end as usize..pm.start as usize].trim();
        if !matches!(between, "'s" | "\u{2019}s" | "'" | "\u{2019}") {
            continue;
        }
        doc.mentions[w[0]].modifier = true;
        let mut people = vec![pm.ent];
        // Coordinated names after it.
        let mut last_end = pm.end;
        for m in doc
            .mentions
            .iter()
            .filter(|m| m.sent == s as u32 && m.start > pm.start)
        {
            let gap = doc.text[last_end as usize..m.start as usize].trim();
            if doc.ents[m.ent as usize].kind == Kind::Person && matches!(gap, "," | "and" | ", and")
            {
                people.push(m.ent);
                last_end = m.end;
            } else {
                break;
            }
        }
        for p in people {
            doc.add_fact(Fact {
                rel: Relation::OfficialOf,
                src: p,
                dst: om.ent,
                modality: Modality::Asserted,
                sent: s as u32,
                trigger: "'s".into(),
            });
        }
    }
}

/// "Budapest, Hungary", "Russia's Kursk region", "the Al-Dhafra Air Base in the United Arab
/// Emirates", "the Russian city of Kursk".
fn locations(dict: &Dictionary, doc: &mut Doc) {
    let n = doc.mentions.len();
    let mut facts = Vec::new();
    let mut modifiers = Vec::new();
    for i in 0..n {
        let a = doc.mentions[i];
        // "the Belarusian capital": a capital named by its country's demonym lies in that
        // country (when the article names the country).
        if doc.ents[a.ent as usize].kind == Kind::Place
            && a.kind == MentionKind::Name
            && doc.mention_text(&a).to_lowercase().ends_with(" capital")
            && let Some(c) = doc.country_of(dict, a.ent)
            && doc.ents[c as usize].kind == Kind::Country
            && doc.mentions.iter().any(|m| m.ent == c)
        {
            facts.push((a.ent, c, a.sent, "capital".to_string()));
        }
        let Some(b) = doc.mentions.get(i + 1).copied() else {
            break;
        };
        if a.sent != b.sent || b.start < a.end {
            continue;
        }
        let (ka, kb) = (doc.ents[a.ent as usize].kind, doc.ents[b.ent as usize].kind);
        let between = &doc.text[a.end as usize..b.start as usize];
        let bt = between.trim();
        let consistent = |doc: &Doc, place: u32, country: u32| -> bool {
            // A dictionary place must lie in that country; places found in the text are trusted.
            match &doc.ents[place as usize].key {
                EntKey::Dict(p) => {
                    let pc = dict.entry(*p).country;
                    match (&doc.ents[country as usize].key, pc) {
                        (EntKey::Dict(c), Some(pc)) => *c == pc,
                        (_, None) => true,
                        _ => false,
                    }
                }
                _ => match doc.ents[place as usize].country {
                    Some(c) => c == country,
                    None => true,
                },
            }
        };
        // "the capital, Abu Dhabi" with its country named in the sentence.
        if ka == Kind::Place && i > 0 {
            let t = doc.tok_at(a.start);
            let floor = doc.tok_range(a.sent as usize).start;
            let capital_before = (t > floor && doc.low(t - 1) == "capital")
                || (t > floor + 1 && doc.low(t - 1) == "," && doc.low(t - 2) == "capital");
            if let (true, Some(c)) = (capital_before, doc.ents[a.ent as usize].country)
                && doc
                    .sentence_mentions(a.sent as usize)
                    .iter()
                    .any(|m| m.ent == c)
            {
                facts.push((a.ent, c, a.sent, "capital".to_string()));
            }
        }
        // "Muscat Oman": a city and its country side by side.
        if ka == Kind::Place
            && kb == Kind::Country
            && bt.is_empty()
            && doc.ents[a.ent as usize].country == Some(b.ent)
        {
            facts.push((a.ent, b.ent, a.sent, String::new()));
        }
        if ka == Kind::Place
            && kb == Kind::Country
            && (bt == ","
                || bt == "in"
                || bt == "in the"
                || bt == ", in"
                || bt == "in southern"
                || bt == "in northern"
                || bt == "in eastern"
                || bt == "in western"
                || bt == "in central")
            && consistent(doc, a.ent, b.ent)
        {
            facts.push((a.ent, b.ent, a.sent, bt.to_string()));
        }
        if ka == Kind::Country
            && kb == Kind::Place
            && matches!(bt, "'s" | "\u{2019}s")
            && consistent(doc, b.ent, a.ent)
        {
            facts.push((b.ent, a.ent, a.sent, "'s".to_string()));
            modifiers.push(i);
        }
        if ka == Kind::Country && a.kind == MentionKind::Demonym && kb == Kind::Place {
            let words: Vec<&str> = bt.split_whitespace().collect();
            // "the city of X", "X province of": a place-introducing word and "of".
            let intro = |w: &str| dict.lexicon.is(cat::PLACE_INTRO, &w.to_lowercase());
            if ((words.len() == 3 || words.len() == 2) && words[1] == "of" && intro(words[0]))
                && consistent(doc, b.ent, a.ent)
            {
                facts.push((b.ent, a.ent, a.sent, between.trim().to_string()));
                modifiers.push(i);
            }
        }
    }
    for i in modifiers {
        doc.mentions[i].modifier = true;
    }
    for (p, c, s, t) in facts {
        country_fact(
            doc,
            Fact {
                rel: Relation::LocatedIn,
                src: p,
                dst: c,
                modality: Modality::Asserted,
                sent: s,
                trigger: t,
            },
        );
    }
}

fn gender_of(dict: &Dictionary, doc: &Doc, ent: u32) -> Option<Gender> {
    match doc.ents[ent as usize].key {
        EntKey::Dict(e) => dict.entry(e).gender,
        _ => None,
    }
}

/// The end of a leading adverbial phrase of sentence `s` set off by a comma ("Sitting beside
/// the president,", "During the visit,"): names in it are not the sentence's subject.
fn leading_phrase_end(doc: &Doc, s: usize) -> Option<u32> {
    let r = doc.tok_range(s);
    let first = doc.low(r.start);
    let lead = first.ends_with("ing") && first.len() > 4 || opens_leading_phrase(first);
    if !lead {
        return None;
    }
    // A short phrase with no subject of its own ("On the campaign trail he signaled ..., but"
    // is a clause).
    let comma = (r.start + 1..r.end.min(r.start + 10)).find(|&k| doc.low(k) == ",")?;
    let clause = (r.start + 1..comma).any(|k| {
        matches!(
            doc.low(k),
            "he" | "she" | "they" | "we" | "i" | "it" | "you"
        )
    });
    (!clause).then(|| doc.toks.toks[comma].end)
}

/// A preposition or conjunction that opens a leading phrase ("During his visit to Warsaw,
/// Pence ...", "For his part, Duda ...").
fn opens_leading_phrase(w: &str) -> bool {
    matches!(
        w,
        "during"
            | "in"
            | "on"
            | "after"
            | "before"
            | "at"
            | "ahead"
            | "following"
            | "while"
            | "upon"
            | "for"
            | "despite"
            | "amid"
            | "with"
    )
}

/// Third-person pronouns: "he"/"she" is the person the sentence, or the one before, is
/// about; "its" (and "it" before a verb) the country or organisation just named.
fn pronouns(dict: &Dictionary, doc: &mut Doc, inside_quotes: bool) {
    let mut added = Vec::new();
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        for t in r.clone() {
            let w = doc.low(t);
            let gender = match w {
                "he" | "him" | "his" | "himself" => Some(Gender::Male),
                "she" | "her" | "hers" | "herself" => Some(Gender::Female),
                "its" | "it" => None,
                _ => continue,
            };
            let pos = doc.toks.toks[t].start;
            if doc.quote_at(pos).is_some() != inside_quotes {
                continue;
            }
            if doc.mention_covering(pos).is_some() {
                continue;
            }
            let person = gender.is_some();
            if w == "it" {
                let next = if t + 1 < r.end { doc.low(t + 1) } else { "" };
                if !matches!(
                    next,
                    "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "has"
                        | "had"
                        | "said"
                        | "says"
                        | "did"
                        | "does"
                        | "must"
                        | "should"
                        | "plans"
                        | "wants"
                        | "launched"
                        | "attacked"
                        | "struck"
                        | "sent"
                        | "supplied"
                        | "imposed"
                        | "threatened"
                        | "warned"
                        | "signed"
                        | "agreed"
                        | "battles"
                        | "fights"
                        | "faces"
                        | "resists"
                        | "defends"
                ) {
                    continue;
                }
            }
            let ok = |doc: &Doc, m: &Mention| -> bool {
                let e = &doc.ents[m.ent as usize];
                if m.modifier || matches!(m.kind, MentionKind::FirstPerson | MentionKind::We) {
                    return false;
                }
                // Outside quotations, names quoted in someone's words are not what "he" is.
                if !inside_quotes && doc.quote_at(m.start).is_some() {
                    return false;
                }
                if person {
                    e.kind == Kind::Person
                        && (gender_of(dict, doc, m.ent).is_none()
                            || gender_of(dict, doc, m.ent) == gender)
                } else {
                    matches!(e.kind, Kind::Country | Kind::Organisation)
                }
            };
            let mut target;
            let mut excluded: Vec<u32> = Vec::new();
            // The mentions of a sentence, with the pronouns resolved so far ("he ... he"):
            // both lists are in sentence order.
            let in_sentence = |ps: usize| {
                let a = added.partition_point(|m: &Mention| (m.sent as usize) < ps);
                let b = added.partition_point(|m: &Mention| (m.sent as usize) <= ps);
                doc.sentence_mentions(ps).iter().chain(added[a..b].iter())
            };
            // This sentence, before the pronoun: the first (subject) person, or the nearest
            // country/organisation.
            let here: Vec<&Mention> = in_sentence(s)
                .filter(|m| m.end <= pos && ok(doc, m))
                .collect();
            // "Trump said he believed": the one who speaks right before.
            let reporter = (t >= r.start + 2 && doc.is(cat::SPEECH_VERB, t - 1))
                .then(|| here.iter().max_by_key(|m| m.start))
                .flatten()
                .filter(|m| doc.tok_at(m.end) == t - 1)
                .map(|m| m.ent);
            if person && matches!(w, "he" | "she") && reporter.is_some() {
                target = reporter;
            } else if person && matches!(w, "he" | "she") {
                // A subject pronoun: the subject of the sentence (after a leading phrase).
                let lead = leading_phrase_end(doc, s).filter(|&e| e < pos);
                target = here
                    .iter()
                    .min_by_key(|m| (lead.is_some_and(|e| m.start < e), m.start))
                    .map(|m| m.ent);
            } else {
                // A possessive or object pronoun, or "its": the nearest fitting name. An object
                // pronoun is not the subject of its own clause: in "Erdogan telephoned him",
                // "him" is someone else (the nearest name across a clause boundary, else an
                // earlier sentence's).
                let object = w == "him"
                    || w == "her"
                        && (t + 1 >= r.end
                            || matches!(
                                doc.low(t + 1),
                                "," | "."
                                    | ";"
                                    | "to"
                                    | "that"
                                    | "and"
                                    | "in"
                                    | "on"
                                    | "at"
                                    | "for"
                                    | "with"
                                    | "about"
                                    | "as"
                                    | "\""
                            ));
                let same_clause = |m: &Mention| {
                    (doc.tok_at(m.end)..t).all(|k| {
                        !matches!(
                            doc.low(k),
                            "," | ";"
                                | ":"
                                | "that"
                                | "and"
                                | "but"
                                | "who"
                                | "which"
                                | "whom"
                                | "when"
                                | "after"
                                | "before"
                                | "because"
                                | "if"
                                | "while"
                                | "\""
                                | "\u{201c}"
                                | "\u{201d}"
                        ) && (!doc.is(cat::SPEECH_VERB, k) || k + 1 == t)
                    })
                };
                target = here
                    .iter()
                    .filter(|m| !(object && person && same_clause(m)))
                    .max_by_key(|m| m.start)
                    .map(|m| m.ent);
                if object && person {
                    excluded.extend(here.iter().filter(|m| same_clause(m)).map(|m| m.ent));
                }
            }
            // "During his visit to Warsaw, Pence ...": a pronoun in a leading phrase set off
            // by a comma looks ahead to the subject after the comma.
            if target.is_none() && person && here.is_empty() {
                let lead = doc.tok_range(s);
                let starts_with_prep = opens_leading_phrase(doc.low(lead.start));
                if starts_with_prep
                    && let Some(comma) = (t + 1..lead.end.min(t + 20)).find(|&k| doc.low(k) == ",")
                {
                    let after = doc.toks.toks[comma].end;
                    let subj = in_sentence(s)
                        .filter(|m| m.start >= after && ok(doc, m))
                        .min_by_key(|m| m.start);
                    if let Some(m) = subj
                        && doc.tok_at(m.start) == comma + 1
                    {
                        target = Some(m.ent);
                    }
                }
            }
            // Earlier sentences (not for "it", which is often about nothing): the first
            // fitting mention of the nearest one that has any.
            if target.is_none() && w != "it" {
                for back in 1..=3usize {
                    if back > s {
                        break;
                    }
                    // The subject: the first fitting name after a leading phrase ("Sitting
                    // beside the president, Rutte hinted..."), else the first.
                    let lead = leading_phrase_end(doc, s - back);
                    // An object pronoun is not its own clause's subject ("Trump told him").
                    if let Some(m) = in_sentence(s - back)
                        .filter(|m| ok(doc, m) && !excluded.contains(&m.ent))
                        .min_by_key(|m| (lead.is_some_and(|e| m.start < e), m.start))
                    {
                        target = Some(m.ent);
                        break;
                    }
                }
            }
            if let Some(ent) = target {
                added.push(Mention {
                    start: pos,
                    end: doc.toks.toks[t].end,
                    ent,
                    kind: MentionKind::Pronoun,
                    modifier: false,
                    sent: s as u32,
                });
            }
        }
    }
    for m in added {
        doc.mentions.push(m);
    }
}

/// Definite references that stand for entities already named: "the country" (the last
/// country), and "the two leaders", "both sides", "the two nations" (the last two people or
/// countries), which become a group of two mentions.
fn definite_anaphora(dict: &Dictionary, doc: &mut Doc) {
    let mut added: Vec<Mention> = Vec::new();
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        for t in r.clone() {
            let w: &'static str = match doc.low(t) {
                "the" => "the",
                "both" => "both",
                "two" => "two",
                _ => continue,
            };
            // "an encounter between two nations" names two known ones, like "the two".
            let between_two = w == "two" && t > r.start && doc.low(t - 1) == "between";
            if !matches!(w, "the" | "both") && !between_two {
                continue;
            }
            let pos = doc.toks.toks[t].start;
            if doc.mention_covering(pos).is_some() {
                continue;
            }
            // The most recent entities of a kind before `pos`, distinct, newest first.
            let recent_in = |doc: &Doc, kinds: &[Kind], n: usize, back: u32| -> Vec<u32> {
                let mut out: Vec<u32> = Vec::new();
                let upto = doc.mentions.partition_point(|m| m.start < pos);
                for m in doc.mentions[..upto].iter().rev() {
                    if (m.sent + back) < s as u32 {
                        break;
                    }
                    if m.start >= pos || m.modifier {
                        continue;
                    }
                    let k = doc.ents[m.ent as usize].kind;
                    if kinds.contains(&k) && !out.contains(&m.ent) {
                        out.push(m.ent);
                        if out.len() == n {
                            break;
                        }
                    }
                }
                out
            };
            let recent = |doc: &Doc, kinds: &[Kind], n: usize| recent_in(doc, kinds, n, 4);
            if w == "the" && t + 1 < r.end && matches!(doc.low(t + 1), "country" | "nation") {
                // Not a country named earlier in the same sentence ("Russia attacked the
                // country's Mykolaiv region" is Ukraine), unless there is no other.
                let cands = recent(doc, &[Kind::Country], 4);
                let here: Vec<u32> = doc
                    .mentions
                    .iter()
                    .filter(|m| m.sent == s as u32 && m.start < pos)
                    .map(|m| m.ent)
                    .collect();
                // The sentence's subject (its first mention, when a country) is not "the
                // country" it talks about.
                let subject = doc
                    .mentions
                    .iter()
                    .filter(|m| m.sent == s as u32 && m.start < pos)
                    .min_by_key(|m| m.start)
                    .map(|m| m.ent)
                    .filter(|e| here.contains(e));
                // Nothing else nearby: look further back for another country.
                let wider = if cands.iter().all(|c| Some(*c) == subject) {
                    recent_in(doc, &[Kind::Country], 4, 40)
                } else {
                    Vec::new()
                };
                let pick = cands
                    .iter()
                    .chain(wider.iter())
                    .copied()
                    .find(|c| Some(*c) != subject)
                    .or(cands.first().copied());
                if let Some(c) = pick {
                    added.push(Mention {
                        start: pos,
                        end: doc.toks.toks[t + 1].end,
                        ent: c,
                        kind: MentionKind::Pronoun,
                        modifier: false,
                        sent: s as u32,
                    });
                }
                continue;
            }
            let two = (w == "the" && t + 1 < r.end && doc.low(t + 1) == "two")
                || w == "both"
                || between_two;
            if !two {
                continue;
            }
            let num_end = if w == "the" { t + 2 } else { t + 1 };
            let noun = if num_end < r.end {
                doc.low(num_end)
            } else {
                ""
            };
            let verbish = dict_verbish(noun);
            // "urging both to avoid escalation": "both" alone stands for two people.
            let alone = w == "both" && matches!(noun, "to" | "," | "." | "of" | ";");
            let kinds: &[Kind] = match noun {
                _ if alone => &[Kind::Person],
                "leaders" | "men" | "women" | "presidents" | "rivals" | "politicians" | "heads" => {
                    &[Kind::Person]
                }
                "countries" | "nations" | "governments" | "neighbours" | "neighbors" | "states"
                | "powers" => &[Kind::Country],
                "sides" | "parties" => &[Kind::Country, Kind::Organisation],
                _ if w == "the" && verbish => &[Kind::Person],
                _ => continue,
            };
            // Of the recent ones, the two the article talks about most.
            let mut pool = recent(doc, kinds, 6);
            // "Trump agreed to meet Kim ..., an encounter between two nations": the countries
            // of the people just named stand in when the countries themselves are not.
            if kinds == [Kind::Country] && pool.len() < 2 {
                for p in recent(doc, &[Kind::Person], 4) {
                    if let Some(c) = person_country(dict, doc, p)
                        && !pool.contains(&c)
                    {
                        pool.push(c);
                    }
                }
            }
            let count = |e: u32| {
                doc.mentions
                    .iter()
                    .filter(|m| m.ent == e && m.start < pos)
                    .count()
            };
            pool.sort_by_key(|&e| std::cmp::Reverse(count(e)));
            // "Trump thanked both leaders": the two are others than who acts on them.
            let here = |e: u32| {
                doc.sentence_mentions(s).iter().any(|m| {
                    m.ent == e
                        && m.end <= pos
                        && !(doc.tok_at(m.end)..t).any(|k| matches!(doc.low(k), "," | ";"))
                })
            };
            if pool.iter().any(|&e| here(e)) {
                // The actor is not one of the two: look further back for two others.
                pool = recent_in(doc, kinds, 7, 10);
                pool.sort_by_key(|&e| std::cmp::Reverse(count(e)));
                pool.retain(|&e| !here(e));
            }
            let pair: Vec<u32> = pool.into_iter().take(2).collect();
            if pair.len() < 2 {
                continue;
            }
            // Two adjacent mentions: "the two" + "leaders", or "the" + "two" before a verb,
            // or the two halves of a lone "both".
            let (a_last, b_tok) = if verbish {
                (t, t + 1)
            } else {
                (num_end - 1, num_end)
            };
            if w != "the" && b_tok == t + 1 && verbish {
                continue;
            }
            let ((a_start, a_end), (b_start, b_end)) = if alone {
                let end = doc.toks.toks[t].end;
                ((pos, pos + 2), (pos + 2, end))
            } else {
                (
                    (pos, doc.toks.toks[a_last].end),
                    (doc.toks.toks[b_tok].start, doc.toks.toks[b_tok].end),
                )
            };
            for (ent, (st, en)) in [(pair[1], (a_start, a_end)), (pair[0], (b_start, b_end))] {
                added.push(Mention {
                    start: st,
                    end: en,
                    ent,
                    kind: MentionKind::Group,
                    modifier: false,
                    sent: s as u32,
                });
            }
        }
    }
    doc.mentions.extend(added);
}

/// Nouns that name a class of weapon ("the jets", "the tanks"); see [`class_noun_fits`].
const WEAPON_CLASS_NOUNS: &[&str] = &[
    "jets",
    "jet",
    "fighters",
    "warplanes",
    "planes",
    "aircraft",
    "bombers",
    "tanks",
    "missiles",
    "rockets",
    "drones",
    "helicopters",
    "submarines",
    "warships",
    "destroyers",
    "frigates",
    "howitzers",
    "launchers",
    "batteries",
    "interceptors",
];

/// Whether weapon class `class` (weapons.tsv) is one a plural noun names: "jets", "tanks".
fn class_noun_fits(noun: &str, class: &str) -> bool {
    match noun {
        "jets" | "jet" | "fighters" | "warplanes" | "planes" | "aircraft" => {
            class.contains("fighter") || class == "attack aircraft" || class == "bomber"
        }
        "bombers" => class == "bomber",
        "tanks" => class == "tank",
        "missiles" => class.contains("missile"),
        "rockets" => class.contains("rocket"),
        "drones" => class == "drone" || class == "loitering munition",
        "helicopters" => class == "helicopter",
        "submarines" => class == "submarine",
        "warships" | "destroyers" | "frigates" => class == "warship",
        "howitzers" => class.contains("artillery"),
        "launchers" | "batteries" => class == "air defence system" || class == "rocket artillery",
        "interceptors" => class == "air defence system" || class == "surface-to-air missile",
        _ => false,
    }
}

/// "Kyiv has long asked for the U.S.-made fighters": a definite noun phrase whose head is a
/// plural class noun stands for the last weapon of that class the article named (within six
/// sentences), when no weapon is named in the phrase itself.
fn weapon_anaphora(dict: &Dictionary, doc: &mut Doc) {
    let mut added: Vec<Mention> = Vec::new();
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        for t in r.clone() {
            if doc.low(t) != "the" {
                continue;
            }
            // The head within four words; before it only modifiers ("U.S.-made", "modern").
            let Some(h) =
                (t + 1..(t + 5).min(r.end)).find(|&h| WEAPON_CLASS_NOUNS.contains(&doc.low(h)))
            else {
                continue;
            };
            let plain = (t + 1..=h).all(|k| {
                let tok = &doc.toks.toks[k];
                let covered = doc.mention_covering(tok.start).map(|m| &doc.mentions[m]);
                covered.is_none_or(|m| doc.ents[m.ent as usize].kind == Kind::Country && k < h)
                    && (tok.kind == crate::text::TokKind::Word || doc.low(k) == "-")
            });
            if !plain {
                continue;
            }
            // "the Russian batteries", "the German-made tanks": the makers' country.
            let origin: Option<EntryId> = (t + 1..h).find_map(|k| {
                if let Some(m) = doc.mention_covering(doc.toks.toks[k].start)
                    && let EntKey::Dict(c) = doc.ents[doc.mentions[m].ent as usize].key
                {
                    return Some(c);
                }
                let w = doc.tok_text(k);
                let stem = ["-made", "-built"].iter().find_map(|x| w.strip_suffix(x))?;
                dict.lookup(stem)
                    .iter()
                    .copied()
                    .find(|&c| dict.entry(c).kind == Kind::Country)
            });
            let pos = doc.toks.toks[t].start;
            // A quotation's words are the speaker's ("the most capable tanks in the world").
            if doc.quote_at(pos).is_some() {
                continue;
            }
            let noun = doc.low(h);
            let upto = doc.mentions.partition_point(|m| m.start < pos);
            let found = doc.mentions[..upto].iter().rev().find_map(|m| {
                if (m.sent as usize) + 6 < s {
                    return Some(None);
                }
                let e = &doc.ents[m.ent as usize];
                match &e.key {
                    EntKey::Dict(d)
                        if e.kind == Kind::Weapon
                            && class_noun_fits(noun, &dict.entry(*d).subtype)
                            && origin.is_none_or(|o| dict.entry(*d).country == Some(o)) =>
                    {
                        Some(Some(m.ent))
                    }
                    _ => None,
                }
            });
            if let Some(Some(w)) = found {
                added.push(Mention {
                    start: pos,
                    end: doc.toks.toks[h].end,
                    ent: w,
                    kind: MentionKind::Pronoun,
                    modifier: false,
                    sent: s as u32,
                });
            }
        }
    }
    doc.mentions.extend(added);
}

/// A word that can follow "the two" as a verb ("the two have met", "the two spoke").
fn dict_verbish(w: &str) -> bool {
    matches!(
        w,
        "have"
            | "had"
            | "has"
            | "met"
            | "spoke"
            | "will"
            | "would"
            | "are"
            | "were"
            | "agreed"
            | "discussed"
            | "signed"
            | "last"
            | "also"
            | "then"
            | "later"
            | "talked"
            | "traded"
            | "exchanged"
            | "held"
    )
}

/// "... held talks with Macron, Sunak and Meloni, and thanked them for their support": outside
/// quotations, "them" after a list of two to four people in the same sentence stands for the
/// list. Like "the two leaders", it becomes a group of mentions (slices of the word).
fn them_after_a_list(doc: &mut Doc) {
    let mut added: Vec<Mention> = Vec::new();
    for s in 0..doc.sents.len() {
        let r = doc.tok_range(s);
        for t in r.clone() {
            if doc.low(t) != "them" {
                continue;
            }
            let pos = doc.toks.toks[t].start;
            if doc.quote_at(pos).is_some() || doc.mention_covering(pos).is_some() {
                continue;
            }
            // The people of the sentence before "them", in order, and the last list among them.
            let people: Vec<Mention> = doc
                .sentence_mentions(s)
                .iter()
                .filter(|m| {
                    m.end <= pos
                        && !m.modifier
                        && doc.ents[m.ent as usize].kind == Kind::Person
                        && m.kind != MentionKind::Pronoun
                })
                .copied()
                .collect();
            let joined = |a: &Mention, b: &Mention| {
                let gap = doc.text[a.end as usize..b.start as usize].trim();
                let rest = gap
                    .strip_prefix(',')
                    .unwrap_or(gap)
                    .trim_start()
                    .strip_prefix("and")
                    .map_or_else(|| gap.strip_prefix(',').map(str::trim_start), Some);
                // After the separator, only title words ("British Prime Minister").
                rest.is_some_and(|r| {
                    r.split_whitespace()
                        .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                })
            };
            let mut list: Vec<u32> = Vec::new();
            for (i, m) in people.iter().enumerate().rev() {
                if list.is_empty() {
                    list.push(m.ent);
                    continue;
                }
                if joined(m, &people[i + 1]) {
                    if !list.contains(&m.ent) {
                        list.push(m.ent);
                    }
                } else {
                    break;
                }
            }
            // Not the subject of the verb before "them" ("Pompeo and Lavrov joined them"): a
            // comma stands between the list and the pronoun (", and thanked them").
            let last_end = people.last().map_or(pos, |m| m.end);
            if !(2..=4).contains(&list.len())
                || !doc.text[last_end as usize..pos as usize].contains(',')
            {
                continue;
            }
            list.reverse();
            let n = list.len() as u32;
            let end = doc.toks.toks[t].end;
            for (i, &ent) in list.iter().enumerate() {
                let i = i as u32;
                let st = pos + i;
                let en = if i + 1 == n { end } else { pos + i + 1 };
                added.push(Mention {
                    start: st,
                    end: en,
                    ent,
                    kind: MentionKind::Group,
                    modifier: false,
                    sent: s as u32,
                });
            }
        }
    }
    doc.mentions.extend(added);
}

/// Attributes each quotation to its speaker.
fn speakers(dict: &Dictionary, doc: &mut Doc) {
    let speech = |w: &str| dict.lexicon.is(cat::SPEECH_VERB, w);
    let nq = doc.quotes.len();
    for qi in 0..nq {
        let q = doc.quotes[qi];
        let speaker_ok = |doc: &Doc, m: &Mention| -> bool {
            !m.modifier
                && matches!(
                    doc.ents[m.ent as usize].kind,
                    Kind::Person | Kind::Country | Kind::Organisation
                )
                && doc.quote_at(m.start).is_none()
        };
        let mut speaker = None;
        // After the quotation: ', said Trump', '" Trump said', '" he wrote'.
        let t0 = doc.tok_at(q.end + 1);
        let s_after = doc.sents.partition_point(|x| x.end <= q.end as usize);
        if s_after < doc.sents.len() {
            let r = doc.tok_range(s_after);
            let end = (t0 + 10).min(r.end);
            let verb = (t0.max(r.start)..end).find(|&t| speech(doc.low(t)));
            if let Some(v) = verb {
                let vpos = doc.toks.toks[v].start;
                let vend = doc.toks.toks[v].end;
                // "X said" first, then "said X" (mentions are sorted by start).
                let between = doc.mentions_in(q.end + 1, vpos);
                speaker = between
                    .iter()
                    .filter(|m| m.end <= vpos && speaker_ok(doc, m))
                    .map(|m| m.ent)
                    .next_back()
                    .or_else(|| {
                        doc.mentions_in(vend, vend + 120)
                            .iter()
                            .filter(|m| speaker_ok(doc, m))
                            .map(|m| m.ent)
                            .next()
                    });
            }
        }
        // Before the quotation in its sentence: 'Trump said: "...', 'he wrote, "...'.
        if speaker.is_none() {
            let s_before = doc
                .sents
                .partition_point(|x| x.end <= q.start as usize)
                .min(doc.sents.len().saturating_sub(1));
            let r = doc.tok_range(s_before);
            let tq = doc.tok_at(q.start).min(r.end);
            if let Some(v) = (r.start..tq)
                .rev()
                .find(|&t| speech(doc.low(t)) && doc.quote_at(doc.toks.toks[t].start).is_none())
            {
                let vpos = doc.toks.toks[v].start;
                let sent_start = doc.sents[s_before].start as u32;
                speaker = doc
                    .mentions_in(sent_start, vpos)
                    .iter()
                    .filter(|m| m.end <= vpos && speaker_ok(doc, m))
                    .map(|m| m.ent)
                    .next_back()
                    .or_else(|| {
                        let vend = doc.toks.toks[v].end;
                        let qs = q.start;
                        doc.mentions_in(vend, qs)
                            .iter()
                            .filter(|m| m.end < qs && speaker_ok(doc, m))
                            .map(|m| m.ent)
                            .next()
                    });
            }
        }
        // A continuation of the previous quotation in the same or the previous paragraph.
        if speaker.is_none() && qi > 0 {
            let prev = doc.quotes[qi - 1];
            let para = |pos: u32| {
                doc.sents
                    .get(doc.sents.partition_point(|x| x.end <= pos as usize))
                    .map(|x| x.para)
                    .unwrap_or(0)
            };
            if para(q.start) <= para(prev.end) + 1 {
                speaker = prev.speaker;
            }
        }
        doc.quotes[qi].speaker = speaker;
    }
}

/// "I", "me", "my" (the speaker) and "we", "us", "our" inside a quotation.
fn first_person(dict: &Dictionary, doc: &mut Doc) {
    let mut added = Vec::new();
    for t in 0..doc.toks.toks.len() {
        let w = doc.low(t);
        let kind = match w {
            "i" | "me" | "my" | "myself" | "mine" => MentionKind::FirstPerson,
            "we" | "us" | "our" | "ours" | "ourselves" => MentionKind::We,
            _ => continue,
        };
        let tok = doc.toks.toks[t];
        if w == "i" && doc.tok_text(t) != "I" {
            continue;
        }
        if w == "us" && doc.tok_text(t) == "US" {
            continue;
        }
        let Some(qi) = doc.quote_at(tok.start) else {
            continue;
        };
        let Some(speaker) = doc.quotes[qi].speaker else {
            continue;
        };
        let sent = doc.sents.partition_point(|x| x.end <= tok.start as usize) as u32;
        // "our nation", "my country": the speaker's country.
        let next = if t + 1 < doc.toks.toks.len() {
            doc.low(t + 1)
        } else {
            ""
        };
        if matches!(w, "our" | "my")
            && matches!(
                next,
                "nation" | "country" | "people" | "state" | "homeland" | "motherland"
            )
        {
            let country = match doc.ents[speaker as usize].kind {
                Kind::Country => Some(speaker),
                Kind::Person => person_country(dict, doc, speaker),
                _ => None,
            };
            if let Some(c) = country {
                added.push(Mention {
                    start: tok.start,
                    end: doc.toks.toks[t + 1].end,
                    ent: c,
                    kind: MentionKind::Pronoun,
                    modifier: false,
                    sent,
                });
            }
            continue;
        }
        added.push(Mention {
            start: tok.start,
            end: tok.end,
            ent: speaker,
            kind,
            modifier: false,
            sent,
        });
    }
    for m in added {
        doc.mentions.push(m);
    }
}

/// The country of person `p` (a local entity): the one set from a title in the article, else
/// the country of the person's role at the article's date, else the dictionary's.
fn person_country(dict: &Dictionary, doc: &mut Doc, p: u32) -> Option<u32> {
    if let Some(c) = doc.ents[p as usize].country {
        return Some(c);
    }
    let EntKey::Dict(e) = doc.ents[p as usize].key else {
        return None;
    };
    let c = dict
        .roles_at(e, doc.date)
        .map(|r| r.of)
        .find_map(|of| match dict.entry(of).kind {
            Kind::Country => Some(of),
            _ => dict.entry(of).country,
        })
        .or(dict.entry(e).country)?;
    // Creating the entity must not count as a mention.
    Some(doc.dict_entity(dict, c))
}

/// Fills in each person's country from dictionary roles or nationality when the text gave none.
fn person_countries(dict: &Dictionary, doc: &mut Doc) {
    for i in 0..doc.ents.len() {
        if doc.ents[i].kind != Kind::Person || doc.ents[i].country.is_some() {
            continue;
        }
        if let Some(c) = person_country(dict, doc, i as u32) {
            doc.ents[i].country = Some(c);
        }
    }
}
