//! Parsing of the relation patterns (`data/relations.tsv`) and modality cues
//! (`data/modality.tsv`). See the header of `data/relations.tsv` for the pattern language.

use crate::dict::{DataFiles, parse_tsv};
use crate::model::{Modality, Relation};
use anyhow::{Result, bail};

/// A slot of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The actor.
    X,
    /// The target.
    Y,
    /// A weapon.
    W,
    /// A venue or place.
    P,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// Literal alternatives; each alternative is a sequence of lowercase words.
    Lit {
        alts: Vec<Vec<String>>,
        optional: bool,
    },
    /// A slot with its maximum number of filler words before it.
    Slot {
        slot: Slot,
        gap: usize,
        optional: bool,
    },
    /// Up to four words that are not clause boundaries.
    Gap,
}

/// A relation produced by a pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Relation when the occurrence is asserted or negated.
    pub rel: Relation,
    /// Relation when planned or possible (meetings), if different.
    pub rel_future: Option<Relation>,
    /// Source slot.
    pub from: Slot,
    /// Target slot.
    pub to: Slot,
    /// Forced modality.
    pub modality: Option<Modality>,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// What it yields.
    pub outputs: Vec<Output>,
    /// The actor is looked for to the left of the trigger.
    pub left_x: bool,
    /// The elements after the optional left X; the first literal is the trigger.
    pub elems: Vec<Elem>,
    /// Index in `elems` of the trigger literal.
    pub trigger: usize,
    /// The trigger is a verb form (passive voice can apply).
    pub verbal: bool,
    /// The pattern names its participants after "between": an actor on the left is not one.
    pub between: bool,
    /// Source line, for messages.
    pub line: String,
}

/// Modality cue lists: each cue is a sequence of lowercase words.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Per modality, the cue phrases.
    pub by_first: rustc_hash::FxHashMap<String, Vec<(Vec<String>, Modality)>>,
}

/// All relation rules.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Patterns in file order.
    pub patterns: Vec<Pattern>,
    /// Patterns by the first word of any trigger alternative: (pattern, alternative).
    pub by_trigger: rustc_hash::FxHashMap<String, Vec<(usize, usize)>>,
    /// Modality cues.
    pub cues: Cues,
}

/// Irregular English verb and noun forms: base → other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("meet", &["met"]),
    ("speak", &["spoke", "spoken"]),
    ("hold", &["held"]),
    ("send", &["sent"]),
    ("give", &["gave", "given"]),
    ("buy", &["bought"]),
    ("strike", &["struck", "stricken"]),
    ("shoot", &["shot"]),
    ("sell", &["sold"]),
    ("take", &["took", "taken"]),
    ("get", &["got", "gotten"]),
    ("fight", &["fought"]),
    ("seek", &["sought"]),
    ("tell", &["told"]),
    ("make", &["made"]),
    ("lead", &["led"]),
    ("hit", &["hit"]),
    ("win", &["won"]),
    ("bring", &["brought"]),
    ("fly", &["flew", "flown"]),
    ("go", &["went", "gone", "goes"]),
    ("come", &["came"]),
    ("sit", &["sat"]),
    ("put", &["put"]),
    ("set", &["set"]),
    ("lend", &["lent"]),
    ("deal", &["dealt"]),
    ("have", &["had", "has"]),
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("pay", &["paid"]),
    ("say", &["said"]),
    ("stand", &["stood"]),
    ("think", &["thought"]),
    ("understand", &["understood"]),
    ("withhold", &["withheld"]),
    ("overrun", &["overran"]),
    ("begin", &["began", "begun"]),
    ("drive", &["drove", "driven"]),
    ("ring", &["rang", "rung"]),
    ("shut", &["shut"]),
    ("cut", &["cut"]),
    ("let", &["let"]),
    ("quit", &["quit"]),
    ("broadcast", &["broadcast"]),
    ("forecast", &["forecast"]),
    ("forbid", &["forbade", "forbidden"]),
    ("undertake", &["undertook", "undertaken"]),
    ("rise", &["rose", "risen"]),
    ("beat", &["beaten"]),
    ("arise", &["arose", "arisen"]),
    ("lay", &["laid"]),
    ("slay", &["slew", "slain"]),
    ("flee", &["fled"]),
    ("hear", &["heard"]),
    ("keep", &["kept"]),
    ("leave", &["left"]),
    ("lose", &["lost"]),
    ("mean", &["meant"]),
    ("spend", &["spent"]),
    ("teach", &["taught"]),
    ("catch", &["caught"]),
    ("write", &["wrote", "written"]),
    ("choose", &["chose", "chosen"]),
    ("freeze", &["froze", "frozen"]),
    ("steal", &["stole", "stolen"]),
    ("throw", &["threw", "thrown"]),
    ("draw", &["drew", "drawn"]),
    ("grow", &["grew", "grown"]),
    ("know", &["knew", "known"]),
    ("show", &["shown"]),
    ("see", &["saw", "seen"]),
    ("wage", &["waged"]),
    ("ally", &["allied", "allies"]),
    ("ship", &["shipped", "shipping"]),
    ("plan", &["planned", "planning"]),
    ("ban", &["banned", "banning"]),
    ("bar", &["barred", "barring"]),
    ("stop", &["stopped", "stopping"]),
    ("admit", &["admitted", "admitting"]),
    ("commit", &["committed", "committing"]),
    ("submit", &["submitted", "submitting"]),
    ("transfer", &["transferred", "transferring"]),
    ("prefer", &["preferred", "preferring"]),
    ("refer", &["referred", "referring"]),
    ("confer", &["conferred", "conferring"]),
    ("rebut", &["rebutted"]),
    ("slam", &["slammed", "slamming"]),
    ("drop", &["dropped", "dropping"]),
    ("chat", &["chatted", "chatting"]),
    ("arm", &["armed", "arming"]),
    ("equip", &["equipped", "equipping"]),
    ("rebuke", &["rebuked"]),
    ("sanction", &["sanctioned", "sanctioning"]),
    ("embargo", &["embargoed", "embargoes"]),
    ("veto", &["vetoed", "vetoes"]),
    ("torpedo", &["torpedoed", "torpedoes"]),
    ("echo", &["echoed", "echoes"]),
    ("war", &["wars", "warring"]),
    (
        "bombard",
        &["bombarded", "bombarding", "bombardment", "bombardments"],
    ),
    ("down", &["downed", "downing"]),
    ("lambast", &["lambasted", "lambasting"]),
    ("crisis", &["crises"]),
    ("ally", &["allies"]),
    ("shell", &["shelled", "shelling", "shells"]),
    ("offer", &["offered", "offering"]),
    (
        "target",
        &["targeted", "targeting", "targetted", "targetting"],
    ),
    ("visit", &["visited", "visiting"]),
    ("benefit", &["benefited", "benefitted"]),
    (
        "travel",
        &["travelled", "traveled", "travelling", "traveling"],
    ),
    ("label", &["labelled", "labeled"]),
    ("signal", &["signalled", "signaled"]),
    ("model", &["modelled", "modeled"]),
    ("cancel", &["cancelled", "canceled"]),
    ("fuel", &["fuelled", "fueled"]),
    ("total", &["totalled", "totaled"]),
];

/// All inflected forms of a word: the word, plural/third person, past, participle, gerund.
pub fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let b = base;
    let last = b.chars().last().unwrap_or(' ');
    let before = b.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);
    // -s
    if b.ends_with('s')
        || b.ends_with("sh")
        || b.ends_with("ch")
        || b.ends_with('x')
        || b.ends_with('z')
    {
        push(format!("{b}es"));
    } else if last == 'y' && !vowel(before) {
        push(format!("{}ies", &b[..b.len() - 1]));
    } else {
        push(format!("{b}s"));
    }
    // -ed and -ing
    if last == 'e' {
        push(format!("{b}d"));
        if b.ends_with("ee") {
            push(format!("{b}ing"));
        } else {
            push(format!("{}ing", &b[..b.len() - 1]));
        }
    } else if last == 'y' && !vowel(before) {
        push(format!("{}ied", &b[..b.len() - 1]));
        push(format!("{b}ing"));
    } else {
        push(format!("{b}ed"));
        push(format!("{b}ing"));
    }
    for (base2, forms) in IRREGULAR {
        if *base2 == base {
            for f in *forms {
                push(f.to_string());
            }
        }
    }
    // Nouns in -ing take -s: "meetings", "talkings" is harmless.
    push(format!("{b}ings").replace("eings", "ings"));
    out
}

/// Past participles among a word's forms (for passive voice).
pub fn is_participle(word: &str) -> bool {
    static FORMS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        IRREGULAR
            .iter()
            .filter(|(base, _)| *base != "be")
            .flat_map(|(_, forms)| forms.iter().copied())
            .collect()
    });
    word.ends_with("ed") || forms.contains(word)
}

fn parse_alternatives(tok: &str) -> Vec<Vec<String>> {
    let mut alts = Vec::new();
    for alt in tok.split('|') {
        // Each alternative: words joined by '+', each word possibly ~inflected.
        let mut seqs: Vec<Vec<String>> = vec![Vec::new()];
        for w in alt.split('+') {
            let forms: Vec<String> = match w.strip_prefix('~') {
                Some(base) => inflect(&base.to_lowercase()),
                None => vec![w.to_lowercase()],
            };
            // Multi-token literal words ("face-to-face" is one token; "'s" is one token).
            let mut next = Vec::new();
            for s in &seqs {
                for f in &forms {
                    let mut s2 = s.clone();
                    s2.push(f.clone());
                    next.push(s2);
                }
            }
            seqs = next;
        }
        alts.extend(seqs);
    }
    alts
}

fn parse_slot(tok: &str) -> Option<(Slot, usize, bool)> {
    let (tok, optional) = match tok.strip_suffix('?') {
        Some(t) => (t, true),
        None => (tok, false),
    };
    let mut chars = tok.chars();
    let slot = match chars.next()? {
        'X' => Slot::X,
        'Y' => Slot::Y,
        'W' => Slot::W,
        'P' => Slot::P,
        _ => return None,
    };
    let rest: String = chars.collect();
    let gap = if rest.is_empty() {
        4
    } else {
        rest.parse().ok()?
    };
    Some((slot, gap, optional))
}

fn parse_outputs(spec: &str, at: &str) -> Result<Vec<Output>> {
    let mut out = Vec::new();
    for item in spec.split_whitespace() {
        let (body, modality) = match item.split_once(':') {
            Some((b, m)) => (
                b,
                Some(
                    m.parse::<Modality>()
                        .map_err(|e| anyhow::anyhow!("{at}: {e}"))?,
                ),
            ),
            None => (item, None),
        };
        let (name, args) = match body.split_once('(') {
            Some((n, a)) => {
                let a = a
                    .strip_suffix(')')
                    .ok_or_else(|| anyhow::anyhow!("{at}: missing ')' in {item:?}"))?;
                let (f, t) = a
                    .split_once(',')
                    .ok_or_else(|| anyhow::anyhow!("{at}: want two arguments in {item:?}"))?;
                let f = parse_slot(f.trim())
                    .map(|s| s.0)
                    .ok_or_else(|| anyhow::anyhow!("{at}: bad slot in {item:?}"))?;
                let t = parse_slot(t.trim())
                    .map(|s| s.0)
                    .ok_or_else(|| anyhow::anyhow!("{at}: bad slot in {item:?}"))?;
                (n, (f, t))
            }
            None => (body, (Slot::X, Slot::Y)),
        };
        let (rel, rel_future) = match name.split_once('/') {
            Some((a, b)) => (a.parse::<Relation>(), Some(b.parse::<Relation>())),
            None => (name.parse::<Relation>(), None),
        };
        let rel = rel.map_err(|e| anyhow::anyhow!("{at}: {e}"))?;
        let rel_future = rel_future
            .transpose()
            .map_err(|e| anyhow::anyhow!("{at}: {e}"))?;
        out.push(Output {
            rel,
            rel_future,
            from: args.0,
            to: args.1,
            modality,
        });
    }
    if out.is_empty() {
        bail!("{at}: no relation");
    }
    Ok(out)
}

fn parse_pattern(spec: &str, at: &str) -> Result<(bool, Vec<Elem>, usize)> {
    let toks: Vec<&str> = spec.split_whitespace().collect();
    let mut left_x = false;
    let mut elems = Vec::new();
    let mut trigger = None;
    for (i, t) in toks.iter().enumerate() {
        if i == 0 && *t == "X" {
            left_x = true;
            continue;
        }
        if *t == "*" {
            elems.push(Elem::Gap);
            continue;
        }
        if let Some((slot, gap, optional)) = parse_slot(t)
            && t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        {
            elems.push(Elem::Slot {
                slot,
                gap,
                optional,
            });
            continue;
        }
        let (body, optional) = match t.strip_suffix('?') {
            Some(b) => (b, true),
            None => (*t, false),
        };
        if body.chars().any(|c| c.is_ascii_uppercase()) {
            bail!("{at}: unknown slot {t:?} (slots are X, Y, W, P)");
        }
        if trigger.is_none() && !optional {
            trigger = Some(elems.len());
        }
        elems.push(Elem::Lit {
            alts: parse_alternatives(body),
            optional,
        });
    }
    let Some(trigger) = trigger else {
        bail!("{at}: a pattern needs at least one required word (the trigger)");
    };
    if elems[..trigger].iter().any(|e| !matches!(e, Elem::Gap)) {
        bail!("{at}: only X may come before the trigger");
    }
    Ok((left_x, elems, trigger))
}

impl Rules {
    /// Parses `relations.tsv` and `modality.tsv`.
    pub fn load(data: &DataFiles) -> Result<Rules> {
        let mut patterns = Vec::new();
        let (f, t) = data.get("relations.tsv");
        parse_tsv(f, t, |r| {
            let at = r.at();
            let outputs = parse_outputs(r.get("relation"), &at)?;
            let spec = r.get("pattern");
            let (left_x, elems, trigger) = parse_pattern(spec, &at)?;
            let verbal = spec
                .split_whitespace()
                .nth(if left_x { 1 } else { 0 })
                .is_some_and(|w| w.starts_with('~'));
            // A bare relation id links X to the pattern's target slot: Y, else W, else P.
            let has = |slot: Slot| {
                elems
                    .iter()
                    .any(|e| matches!(e, Elem::Slot { slot: s, .. } if *s == slot))
            };
            let target = [Slot::Y, Slot::W, Slot::P]
                .into_iter()
                .find(|&s| has(s))
                .unwrap_or(Slot::Y);
            let mut outputs = outputs;
            for (o, raw) in outputs.iter_mut().zip(r.get("relation").split_whitespace()) {
                if !raw.contains('(') {
                    o.to = target;
                }
            }
            // "the summit between Y": "between" right after the trigger.
            let between = matches!(elems.get(trigger + 1), Some(Elem::Lit { alts, .. }) if alts.iter().any(|a| a.first().is_some_and(|w| w == "between")));
            patterns.push(Pattern {
                outputs,
                left_x,
                elems,
                trigger,
                verbal,
                between,
                line: at,
            });
            Ok(())
        })?;
        let mut by_trigger: rustc_hash::FxHashMap<String, Vec<(usize, usize)>> = Default::default();
        for (pi, p) in patterns.iter().enumerate() {
            if let Elem::Lit { alts, .. } = &p.elems[p.trigger] {
                for (ai, alt) in alts.iter().enumerate() {
                    by_trigger.entry(alt[0].clone()).or_default().push((pi, ai));
                }
            }
        }
        let mut cues = Cues::default();
        let (f, t) = data.get("modality.tsv");
        parse_tsv(f, t, |r| {
            let m: Modality = r
                .get("modality")
                .parse()
                .map_err(|e| anyhow::anyhow!("{}: {e}", r.at()))?;
            for cue in r.list("cues") {
                let words: Vec<String> = cue.split('+').map(|w| w.to_lowercase()).collect();
                cues.by_first
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, m));
            }
            Ok(())
        })?;
        for list in cues.by_first.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        Ok(Rules {
            patterns,
            by_trigger,
            cues,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let f = inflect("meet");
        for w in ["meet", "meets", "met", "meeting"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        let f = inflect("supply");
        for w in ["supplies", "supplied", "supplying"] {
            assert!(f.contains(&w.to_string()), "{w}");
        }
        let f = inflect("congratulate");
        for w in ["congratulates", "congratulated", "congratulating"] {
            assert!(f.contains(&w.to_string()), "{w}");
        }
        assert!(is_participle("praised"));
        assert!(is_participle("struck"));
        assert!(!is_participle("praise"));
    }

    #[test]
    fn patterns_parse() {
        let (left, elems, trig) = parse_pattern("X ~provide Y1 with * W?", "t").unwrap();
        assert!(left);
        assert_eq!(trig, 0);
        assert_eq!(elems.len(), 5);
        assert!(matches!(
            elems[1],
            Elem::Slot {
                slot: Slot::Y,
                gap: 1,
                optional: false
            }
        ));
        assert!(matches!(
            elems[4],
            Elem::Slot {
                slot: Slot::W,
                gap: 4,
                optional: true
            }
        ));
        let outs = parse_outputs("supplies(X,W) supplies_weapons_to(X,Y):possible", "t").unwrap();
        assert_eq!(outs[1].rel, Relation::SuppliesWeaponsTo);
        assert_eq!(outs[1].modality, Some(Modality::Possible));
        let outs = parse_outputs("met_with/plans_meeting_with", "t").unwrap();
        assert_eq!(outs[0].rel_future, Some(Relation::PlansMeetingWith));
        assert!(parse_pattern("X Y ~meet", "t").is_err());
        assert!(parse_outputs("shook_hands", "t").is_err());
    }
}
