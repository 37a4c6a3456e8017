//! `newsgraph-corpus`: writes a synthetic, deterministic news corpus of any size for benchmarks.
//!
//! Articles are built from sentence templates about politics, diplomacy and war (meetings,
//! calls, sanctions, attacks, arms supplies, quotes) over a mix of names the built-in
//! dictionaries know (people with their dated titles, countries, weapons, places,
//! organisations) and synthetic names they do not know (people after titles, agencies and
//! ministries, "X region" places). New synthetic names keep appearing at a steady rate, so the
//! graph keeps growing with the corpus. The output depends only on `--seed` and the options, and
//! a smaller corpus is a prefix of a larger one with the same seed.

use anyhow::{Context, Result, bail};
use clap::Parser;
use newsgraph::dict::{DataFiles, Dictionary, parse_tsv};
use newsgraph::model::{Date, Kind};
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Write a synthetic news corpus (politics, diplomacy, war) for benchmarking newsgraph.
#[derive(Debug, Parser)]
#[command(
    name = "newsgraph-corpus",
    version,
    after_help = "Examples:
  newsgraph-corpus --size 100MB --output corpus/            # folder of .txt articles
  newsgraph-corpus --size 1GB --jsonl --output corpus.jsonl   # one JSONL file
  newsgraph-corpus --size 20KB --jsonl --output - | newsgraph build - --output out/

Text articles are written as NNNN/NNNNNNN.txt (1000 per sub-folder) with the header lines
`date YYYY-MM-DD` and `title ...`, a blank line, then the body. JSONL lines are objects with
`id`, `date`, `title` and `text`. Dates are spread over 2014-2026. The same seed and options
always give the same bytes, and a smaller --size gives a prefix of a larger one."
)]
struct Args {
    /// Total size of article text to write: a number with an optional unit B, KB, MB, GB
    /// (powers of 1000) or KiB, MiB, GiB (powers of 1024). Writing stops after the article that
    /// reaches it.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = parse_size)]
    size: u64,
    /// Where to write: a new or empty folder for text articles, a file (or - for standard
    /// output) with --jsonl.
    #[arg(short, long, value_name = "PATH")]
    output: PathBuf,
    /// Write JSONL (one article per line) instead of a folder of .txt files.
    #[arg(long)]
    jsonl: bool,
    /// Seed of the pseudo-random generator.
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// Chance that an article starts a new story line (a new cast of people, countries,
    /// places, organisations and weapons) instead of following an earlier one. New story lines
    /// bring new synthetic names, so this sets how fast the graph grows.
    #[arg(long, value_name = "P", default_value_t = 0.03)]
    new_story: f64,
    /// Share of entity mentions that use synthetic names (0-1); the rest are dictionary names.
    #[arg(long, value_name = "X", default_value_t = 0.3)]
    unknown_share: f64,
    /// Print nothing on standard error.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("bad size {s:?} (expected e.g. 100MB, 1GB, 512KiB)"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "bad size unit in {s:?} (B, KB, MB, GB, KiB, MiB, GiB)"
            ));
        }
    };
    Ok((n * mult) as u64)
}

/// SplitMix64: small, fast and the same on every platform and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// Skewed towards the start of a list: popular names come up often, the tail rarely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// A person as the text names them: full name, surname, a title phrase, pronoun.
#[derive(Clone)]
struct Person {
    full: String,
    surname: String,
    title: String,
    /// The title without its country ("President").
    short: String,
    he: &'static str,
}

/// A known person's dated title ("Russian President").
struct KnownRole {
    title: String,
    short: String,
    from: Option<Date>,
    to: Option<Date>,
}

struct KnownPerson {
    name: String,
    surname: String,
    he: &'static str,
    roles: Vec<KnownRole>,
}

/// Name pools drawn from the built-in dictionaries.
struct Pools {
    people: Vec<KnownPerson>,
    /// (name, demonym)
    countries: Vec<(String, String)>,
    weapons: Vec<String>,
    places: Vec<String>,
    orgs: Vec<String>,
}

impl Pools {
    fn load() -> Result<Pools> {
        let files = DataFiles::builtin();
        let dict = Dictionary::load(&files).context("loading the built-in dictionaries")?;
        let (shown, text) = files.get("countries.tsv");
        let mut demonyms: HashMap<String, String> = HashMap::new();
        parse_tsv(shown, text, |r| {
            let d = r
                .list("demonyms")
                .find(|d| !d.starts_with('?') && !d.ends_with('s'))
                .or_else(|| r.list("demonyms").find(|d| !d.starts_with('?')));
            if let Some(d) = d {
                demonyms.insert(r.get("name").to_string(), d.to_string());
            }
            Ok(())
        })?;
        let mut countries = Vec::new();
        let mut weapons = Vec::new();
        let mut places = Vec::new();
        let mut orgs = Vec::new();
        let mut people = Vec::new();
        let mut person_slot: HashMap<u32, usize> = HashMap::new();
        for (i, e) in dict.entries.iter().enumerate() {
            match e.kind {
                Kind::Country => {
                    if e.subtype == "historical" {
                        continue;
                    }
                    let dem = demonyms
                        .get(&e.name)
                        .cloned()
                        .unwrap_or_else(|| e.name.clone());
                    countries.push((e.name.clone(), dem));
                }
                Kind::Weapon => weapons.push(e.name.clone()),
                Kind::Place => places.push(e.name.clone()),
                Kind::Organisation => orgs.push(e.name.clone()),
                Kind::Person => {
                    let surname = e.name.rsplit(' ').next().unwrap_or(&e.name).to_string();
                    let he = match e.gender {
                        Some(newsgraph::dict::Gender::Female) => "she",
                        _ => "he",
                    };
                    person_slot.insert(i as u32, people.len());
                    people.push(KnownPerson {
                        name: e.name.clone(),
                        surname,
                        he,
                        roles: Vec::new(),
                    });
                }
            }
        }
        for r in &dict.roles {
            let Some(&slot) = person_slot.get(&r.person) else {
                continue;
            };
            let of = dict.entry(r.of);
            let title = if of.kind == Kind::Country {
                match demonyms.get(&of.name) {
                    Some(d) => format!("{d} {}", r.title),
                    None => r.title.clone(),
                }
            } else {
                format!("{} {}", of.name, r.title)
            };
            people[slot].roles.push(KnownRole {
                title,
                short: r.title.clone(),
                from: r.from,
                to: r.to,
            });
        }
        // The countries most in the news first, so that skewed draws favour them.
        countries.sort_by_key(|(name, _)| {
            PROMINENT
                .iter()
                .position(|p| p == name)
                .unwrap_or(PROMINENT.len())
        });
        if countries.is_empty() || people.is_empty() || weapons.is_empty() {
            bail!("the built-in dictionaries have no countries, people or weapons");
        }
        Ok(Pools {
            people,
            countries,
            weapons,
            places,
            orgs,
        })
    }
}

const PROMINENT: &[&str] = &[
    "United States",
    "Russia",
    "Ukraine",
    "China",
    "Israel",
    "Iran",
    "United Kingdom",
    "France",
    "Germany",
    "Turkey",
    "India",
    "North Korea",
    "Poland",
    "Syria",
    "Japan",
    "Saudi Arabia",
    "Qatar",
    "Egypt",
    "Hungary",
    "Belarus",
    "Italy",
    "Pakistan",
    "South Korea",
    "Taiwan",
    "Venezuela",
];
const FIRST_M: &[&str] = &[
    "Alexei",
    "Andriy",
    "Boris",
    "Carlos",
    "Dmitri",
    "Emre",
    "Farid",
    "Georgi",
    "Hassan",
    "Ivan",
    "Jonas",
    "Kamal",
    "Lars",
    "Marek",
    "Nikolai",
    "Omar",
    "Pavel",
    "Rashid",
    "Stefan",
    "Tomas",
    "Viktor",
    "Yusuf",
    "Zoran",
    "Ahmed",
    "Bohdan",
    "Daniel",
    "Elias",
    "Goran",
    "Igor",
    "Javier",
    "Karim",
    "Luka",
    "Mikhail",
    "Nabil",
    "Oleksandr",
    "Pedro",
    "Sergei",
    "Taras",
    "Vadim",
    "Walid",
];
const FIRST_F: &[&str] = &[
    "Anna", "Beata", "Carmen", "Daria", "Elena", "Fatima", "Greta", "Hanna", "Irina", "Julia",
    "Katarina", "Leila", "Maria", "Nadia", "Olga", "Petra", "Rania", "Sofia", "Tatiana", "Yulia",
];
const SYL: &[&str] = &[
    "ka", "vo", "len", "mir", "tan", "sha", "dor", "bel", "ra", "zu", "gor", "ni", "vel", "to",
    "mar", "sen", "lu", "bra", "kos", "de", "var", "ish", "no", "pel", "tra", "ru", "han", "si",
    "mo", "dra", "lin", "ze",
];
const SUFFIX_P: &[&str] = &[
    "ov", "enko", "ski", "son", "ani", "ez", "ian", "ler", "ovic", "escu", "oglu", "berg", "ak",
    "idis", "ovich", "uk",
];
const SUFFIX_W: &[&str] = &["ia", "and", "ovo", "ara", "esk", "ir", "ona", "ay"];
const ORG_DOMAIN: &[&str] = &[
    "Reconstruction",
    "Maritime Security",
    "Energy",
    "Border",
    "Strategic Planning",
    "Civil Defence",
    "Export Control",
    "Nuclear Safety",
    "Information",
    "Defence Procurement",
    "Humanitarian",
    "Intelligence",
];
const SYNTH_TITLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "General",
    "Interior Minister",
    "Deputy Prime Minister",
    "Finance Minister",
    "Ambassador",
    "Commander",
    "Senator",
    "Spokesman",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const TOPICS: &[&str] = &[
    "the ceasefire proposal",
    "energy security",
    "the prisoner exchange",
    "grain exports",
    "the peace plan",
    "regional security",
    "the humanitarian corridor",
    "nuclear safety",
    "air defence needs",
    "reconstruction funding",
];
const FILLER: &[&str] = &[
    "The talks come amid rising tensions in the region.",
    "Officials did not give further details.",
    "Analysts said the move could reshape the balance of power.",
    "The announcement was broadcast on state television.",
    "Diplomats described the atmosphere as tense but constructive.",
    "The ministry said more information would be released later this week.",
    "Markets reacted calmly to the news.",
    "Observers expect further rounds of consultations before the end of the month.",
    "The statement did not say when the next round of talks would take place.",
    "Critics said the decision came too late.",
];
const QUOTES: &[&str] = &[
    "We will not accept any ultimatum",
    "This is a step towards lasting peace",
    "Our position has not changed",
    "The door to dialogue remains open",
    "We expect concrete results, not words",
    "Security in Europe depends on what happens next",
    "Nobody wants a wider war",
    "We are ready to work with all our partners",
];

/// Builds pronounceable synthetic words from an integer, so each id gives a new name.
fn word(mut n: u64, suffixes: &[&str]) -> String {
    let mut s = String::new();
    let k = 2 + (n % 2) as usize;
    n /= 2;
    for _ in 0..k {
        s.push_str(SYL[(n % SYL.len() as u64) as usize]);
        n /= SYL.len() as u64;
    }
    // Whatever remains makes the word longer, so every id is distinct.
    while n > 0 {
        s.push_str(SYL[(n % SYL.len() as u64) as usize]);
        n /= SYL.len() as u64;
    }
    s.push_str(suffixes[(k * 7 + s.len()) % suffixes.len()]);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// Synthetic names: a counter per kind; each draw is new with some probability, else an
/// earlier name (recent ones more often).
struct Synth {
    people: u64,
    orgs: u64,
    places: u64,
}

fn reuse_or_new(rng: &mut Rng, counter: &mut u64, p_new: f64) -> u64 {
    if *counter == 0 || rng.chance(p_new) {
        *counter += 1;
        *counter - 1
    } else {
        // Mostly recent names, sometimes old ones.
        let back = (rng.unit().powi(4) * *counter as f64) as u64;
        *counter - 1 - back.min(*counter - 1)
    }
}

struct Gen<'a> {
    pools: &'a Pools,
    rng: Rng,
    synth: Synth,
    p_new: f64,
    unknown: f64,
    p_story: f64,
    stories: Vec<Story>,
}

/// A story line: a cast and the date it starts; its articles fall in the next four months.
struct Story {
    start: i64,
    cast: Cast,
}

impl Gen<'_> {
    fn country(&mut self) -> (String, String) {
        let n = self.pools.countries.len();
        // A few countries dominate the news.
        let i = self.rng.skewed(n);
        self.pools.countries[i].clone()
    }

    fn person(&mut self, date: Date) -> Person {
        if self.rng.chance(self.unknown) {
            let id = reuse_or_new(&mut self.rng, &mut self.synth.people, self.p_new);
            let mut r = Rng(id.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5bd1_e995);
            let female = r.chance(0.3);
            let first = if female {
                *r.pick(FIRST_F)
            } else {
                *r.pick(FIRST_M)
            };
            let surname = word(id, SUFFIX_P);
            let country = &self.pools.countries[r.below(self.pools.countries.len().min(60))];
            let short = r.pick(SYNTH_TITLES).to_string();
            let title = format!("{} {short}", country.1);
            return Person {
                full: format!("{first} {surname}"),
                surname,
                title,
                short,
                he: if female { "she" } else { "he" },
            };
        }
        let n = self.pools.people.len();
        // Try a few people for one whose role is held on the date; else take a plain name.
        for _ in 0..6 {
            let p = &self.pools.people[self.rng.skewed(n)];
            let active: Vec<&KnownRole> = p
                .roles
                .iter()
                .filter(|r| r.from.is_none_or(|f| f <= date) && r.to.is_none_or(|t| date <= t))
                .collect();
            if let Some(r) = active.first() {
                return Person {
                    full: p.name.clone(),
                    surname: p.surname.clone(),
                    title: r.title.clone(),
                    short: r.short.clone(),
                    he: p.he,
                };
            }
        }
        let p = &self.pools.people[self.rng.below(n)];
        Person {
            full: p.name.clone(),
            surname: p.surname.clone(),
            title: String::new(),
            short: String::new(),
            he: p.he,
        }
    }

    fn org(&mut self) -> String {
        if self.rng.chance(self.unknown) || self.pools.orgs.is_empty() {
            let id = reuse_or_new(&mut self.rng, &mut self.synth.orgs, self.p_new);
            let root = word(id.wrapping_mul(7) + 3, SUFFIX_W);
            let domain = ORG_DOMAIN[(id % ORG_DOMAIN.len() as u64) as usize];
            return if id.is_multiple_of(2) {
                format!("{root} {domain} Agency")
            } else {
                format!("{root} {domain} Ministry")
            };
        }
        let n = self.pools.orgs.len();
        self.pools.orgs[self.rng.skewed(n)].clone()
    }

    fn place(&mut self) -> String {
        if self.rng.chance(self.unknown) || self.pools.places.is_empty() {
            let id = reuse_or_new(&mut self.rng, &mut self.synth.places, self.p_new);
            return format!("{} region", word(id.wrapping_mul(13) + 5, SUFFIX_W));
        }
        let n = self.pools.places.len();
        self.pools.places[self.rng.skewed(n)].clone()
    }

    fn weapon(&mut self) -> String {
        let n = self.pools.weapons.len();
        self.pools.weapons[self.rng.skewed(n)].clone()
    }

    /// Full introduction the first time, surname afterwards.
    fn name_of(&mut self, p: &Person, introduced: &mut Vec<String>) -> String {
        if introduced.contains(&p.full) {
            if self.rng.chance(0.3) && !p.title.is_empty() {
                return format!("{} {}", p.short, p.surname);
            }
            return p.surname.clone();
        }
        introduced.push(p.full.clone());
        if p.title.is_empty() {
            p.full.clone()
        } else {
            format!("{} {}", p.title, p.full)
        }
    }

    fn sentence(&mut self, cast: &Cast, intro: &mut Vec<String>) -> String {
        let day = *self.rng.pick(WEEKDAYS);
        let a = cast.people[self.rng.below(cast.people.len())].clone();
        let mut b = cast.people[self.rng.below(cast.people.len())].clone();
        if a.full == b.full {
            b = cast.people[(cast.people.iter().position(|p| p.full == a.full).unwrap() + 1)
                % cast.people.len()]
            .clone();
        }
        let i = self.rng.below(cast.countries.len());
        let j = (i + 1 + self.rng.below(cast.countries.len() - 1)) % cast.countries.len();
        let (c1, _) = cast.countries[i].clone();
        let (c2, dem2) = cast.countries[j].clone();
        let place = cast.places[self.rng.below(cast.places.len())].clone();
        let org = cast.orgs[self.rng.below(cast.orgs.len())].clone();
        let w = cast.weapons[self.rng.below(cast.weapons.len())].clone();
        let topic = *self.rng.pick(TOPICS);
        let quote = *self.rng.pick(QUOTES);
        let t = self.rng.below(30);
        // Names are introduced (title and full name) only when a template uses them.
        let an = if !(22..25).contains(&t) {
            self.name_of(&a, intro)
        } else {
            String::new()
        };
        let bn = if t < 7 || (14..=17).contains(&t) || t == 20 || t >= 27 {
            self.name_of(&b, intro)
        } else {
            String::new()
        };
        match t {
            0 => format!("{an} met {bn} in {place} on {day}."),
            1 => format!("{an} held talks with {bn} in {place} to discuss {topic}."),
            2 => format!("{an} spoke with {bn} by phone on {day}, according to a statement."),
            3 => format!("{an} had a telephone conversation with {bn} about {topic}."),
            4 => format!("{an} will meet {bn} in {place} next week."),
            5 => format!("{an} said {} could meet {bn} later this year.", a.he),
            6 => format!("{an} ruled out a meeting with {bn} before the summit."),
            7 => format!("{c1} imposed new sanctions on {c2} on {day}, {an} said."),
            8 => format!("{an} said {c1} would not hesitate to threaten {c2} with tariffs."),
            9 => format!("{c1} launched a missile attack on {place} overnight, {an} said."),
            10 => format!("{c1} struck {place} with {w} missiles, the {dem2} military said."),
            11 => format!("{c1} will supply {w} systems to {c2}, {an} announced."),
            12 => format!("{an} said {c1} delivered {w} to {c2} last month."),
            13 => format!("{an} visited {place} on {day}."),
            14 => format!("{an} criticized {bn} over {topic}."),
            15 => format!("{an} praised {bn} for {} role in {topic}.", his(&b)),
            16 => format!("\"{quote},\" {an} said after talks with {bn}."),
            17 => format!("{an} urged {bn} to accept {topic}."),
            18 => format!("\"{quote},\" {an} told reporters on {day}."),
            19 => format!("{an} said {} would discuss {topic} with {c2}.", a.he),
            20 => format!("{an} visited {place} and met {bn} on {day}."),
            21 => format!("{c1} and {c2} agreed a ceasefire after talks mediated by {an}."),
            22 => format!("{org} signed an agreement with {c2} on {topic}."),
            23 => format!("{org} criticized {c1} for the attack on {place}."),
            24 => format!("{c2} asked {c1} for more {w} launchers."),
            25 => format!("{c1} imposed sanctions on {org}, {an} said on {day}."),
            26 => format!("{an} said {c1} had received {w} from {c2}."),
            27 => format!("{an} and {bn} discussed {topic} on the sidelines of the summit."),
            28 => format!("{an} will travel to {place} next month to meet {bn}."),
            _ => format!("{an} warned {bn} against escalating the conflict with {c2}."),
        }
    }

    fn new_cast(&mut self, date: Date) -> Cast {
        let npeople = 2 + self.rng.below(3);
        let people: Vec<Person> = (0..npeople).map(|_| self.person(date)).collect();
        let mut countries = Vec::new();
        let want = 2 + self.rng.below(3);
        while countries.len() < want {
            let c = self.country();
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        Cast {
            people,
            countries,
            places: (0..1 + self.rng.below(2)).map(|_| self.place()).collect(),
            orgs: (0..1 + self.rng.below(2)).map(|_| self.org()).collect(),
            weapons: (0..1 + self.rng.below(2)).map(|_| self.weapon()).collect(),
        }
    }

    fn article(&mut self) -> (Date, String, String) {
        let i = if self.stories.is_empty() || self.rng.chance(self.p_story) {
            let start = days_from_date(self.date());
            let cast = self.new_cast(date_from_days(start));
            self.stories.push(Story { start, cast });
            self.stories.len() - 1
        } else {
            // Recent story lines come up most, old ones now and then.
            let n = self.stories.len();
            n - 1 - self.rng.skewed(n)
        };
        let start = self.stories[i].start;
        let date = date_from_days((start + self.rng.below(120) as i64).min(LAST_DAY));
        let mut cast = self.stories[i].cast.clone();
        // Somebody from outside the story line now and then.
        if self.rng.chance(0.1) {
            let guest = self.person(date);
            if !cast.people.iter().any(|p| p.full == guest.full) {
                cast.people.push(guest);
            }
        }
        let mut intro = Vec::new();
        let title = match self.rng.below(4) {
            0 => format!(
                "{} and {} discuss {}",
                cast.people[0].surname,
                cast.people[1].surname,
                self.rng.pick(TOPICS)
            ),
            1 => format!(
                "{} warns {} over {}",
                cast.countries[0].0,
                cast.countries[1].0,
                self.rng.pick(TOPICS)
            ),
            2 => format!("Talks in {} end without agreement", cast.places[0]),
            _ => format!(
                "{} to send more {} to {}",
                cast.countries[0].0, cast.weapons[0], cast.countries[1].0
            ),
        };
        let mut body = String::with_capacity(4096);
        let paras = 5 + self.rng.below(8);
        for p in 0..paras {
            if p > 0 {
                body.push_str("\n\n");
            }
            let sents = 2 + self.rng.below(5);
            for s in 0..sents {
                if s > 0 {
                    body.push(' ');
                }
                let last = intro
                    .last()
                    .and_then(|n| cast.people.iter().find(|p| &p.full == n));
                if self.rng.chance(0.15) {
                    let filler: &&str = self.rng.pick(FILLER);
                    body.push_str(filler);
                } else if let Some(p) = last.filter(|_| s > 0 && self.rng.chance(0.1)) {
                    body.push_str(&format!(
                        "{} added that {} had raised {} with {}.",
                        capitalise(p.he),
                        p.he,
                        self.rng.pick(TOPICS),
                        cast.orgs[0]
                    ));
                } else {
                    let s = self.sentence(&cast, &mut intro);
                    body.push_str(&s);
                }
            }
        }
        body.push('\n');
        (date, title, body)
    }

    fn date(&mut self) -> Date {
        loop {
            let year = 2014 + self.rng.below(13) as u16;
            let month = 1 + self.rng.below(12) as u8;
            let day = 1 + self.rng.below(31) as u8;
            if let Some(d) = Date::new(year, month, day) {
                return d;
            }
        }
    }
}

/// The entities one article is about.
#[derive(Clone)]
struct Cast {
    people: Vec<Person>,
    countries: Vec<(String, String)>,
    places: Vec<String>,
    orgs: Vec<String>,
    weapons: Vec<String>,
}

/// 2026-12-31 as a day number.
const LAST_DAY: i64 = 20818;

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_date(d: Date) -> i64 {
    let (y, m, d) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date of a day number.
fn date_from_days(z: i64) -> Date {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    Date::new(y as u16, m as u8, d as u8).expect("valid date")
}

fn his(p: &Person) -> &'static str {
    if p.he == "she" { "her" } else { "his" }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

enum Sink {
    Folder(PathBuf),
    Jsonl(Box<dyn Write>),
}

fn run(a: Args) -> Result<()> {
    if !(0.0..=1.0).contains(&a.unknown_share) {
        bail!("--unknown-share must be between 0 and 1");
    }
    if !(0.0..=1.0).contains(&a.new_story) {
        bail!("--new-story must be between 0 and 1");
    }
    let pools = Pools::load()?;
    debug_assert_eq!(days_from_date(Date::new(2026, 12, 31).unwrap()), LAST_DAY);
    let mut g = Gen {
        pools: &pools,
        rng: Rng(a.seed ^ 0x6e65_7773_6772_6170),
        synth: Synth {
            people: 0,
            orgs: 0,
            places: 0,
        },
        // Most synthetic names in a new cast are new; some are earlier minor actors.
        p_new: 0.8,
        unknown: a.unknown_share,
        p_story: a.new_story,
        stories: Vec::new(),
    };
    let mut sink = if a.jsonl {
        let w: Box<dyn Write> = if a.output.as_os_str() == "-" {
            Box::new(std::io::stdout().lock())
        } else {
            if let Some(dir) = a.output.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            Box::new(
                std::fs::File::create(&a.output)
                    .with_context(|| format!("cannot create {}", a.output.display()))?,
            )
        };
        Sink::Jsonl(Box::new(BufWriter::with_capacity(1 << 20, w)))
    } else {
        if std::fs::read_dir(&a.output).is_ok_and(|mut d| d.next().is_some()) {
            bail!(
                "{} is not empty: give a new or empty folder",
                a.output.display()
            );
        }
        std::fs::create_dir_all(&a.output)
            .with_context(|| format!("cannot create {}", a.output.display()))?;
        Sink::Folder(a.output.clone())
    };
    let mut written = 0u64;
    let mut n = 0u64;
    while written < a.size {
        let (date, title, body) = g.article();
        match &mut sink {
            Sink::Folder(dir) => {
                let text = format!("date {date}\ntitle {title}\n\n{body}");
                write_article(dir, n, &text)?;
                written += text.len() as u64;
            }
            Sink::Jsonl(w) => {
                let line = serde_json::json!({
                    "id": format!("g{n:07}"),
                    "date": date.to_string(),
                    "title": title,
                    "text": body,
                });
                let s = serde_json::to_string(&line)?;
                w.write_all(s.as_bytes())?;
                w.write_all(b"\n")?;
                written += s.len() as u64 + 1;
            }
        }
        n += 1;
    }
    if let Sink::Jsonl(w) = &mut sink {
        w.flush()?;
    }
    if !a.quiet {
        eprintln!(
            "newsgraph-corpus: {n} articles, {written} bytes, {} story lines, {} synthetic people, {} organisations, {} places -> {}",
            g.stories.len(),
            g.synth.people,
            g.synth.orgs,
            g.synth.places,
            a.output.display()
        );
    }
    Ok(())
}

fn write_article(dir: &Path, n: u64, text: &str) -> Result<()> {
    let sub = dir.join(format!("{:04}", n / 1000));
    if n.is_multiple_of(1000) {
        std::fs::create_dir_all(&sub)
            .with_context(|| format!("cannot create {}", sub.display()))?;
    }
    let p = sub.join(format!("{n:07}.txt"));
    std::fs::write(&p, text).with_context(|| format!("cannot write {}", p.display()))
}

fn main() {
    let a = Args::parse();
    if let Err(e) = run(a) {
        eprintln!("newsgraph-corpus: error: {e:#}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("100MB"), Ok(100_000_000));
        assert_eq!(parse_size("1GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert_eq!(parse_size("1.5kb"), Ok(1500));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MB").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2014, 1, 1), (2024, 2, 29), (2026, 12, 31)] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(date_from_days(days_from_date(date)), date);
        }
        assert_eq!(days_from_date(Date::new(1970, 1, 2).unwrap()), 1);
        assert_eq!(days_from_date(Date::new(2026, 12, 31).unwrap()), LAST_DAY);
    }

    #[test]
    fn synthetic_names_are_distinct_and_capitalised() {
        let names: std::collections::HashSet<String> =
            (0..5000).map(|i| word(i, SUFFIX_P)).collect();
        assert_eq!(names.len(), 5000);
        assert!(
            names
                .iter()
                .all(|n| n.chars().next().unwrap().is_uppercase())
        );
    }

    fn generator(pools: &Pools, seed: u64) -> Gen<'_> {
        Gen {
            pools,
            rng: Rng(seed),
            synth: Synth {
                people: 0,
                orgs: 0,
                places: 0,
            },
            p_new: 0.8,
            unknown: 0.3,
            p_story: 0.03,
            stories: Vec::new(),
        }
    }

    fn new_names(g: &Gen) -> u64 {
        g.synth.people + g.synth.orgs + g.synth.places
    }

    #[test]
    fn articles_are_deterministic_dated_and_keep_bringing_new_names() {
        let pools = Pools::load().unwrap();
        let mut g = generator(&pools, 5);
        let a: Vec<_> = (0..2000).map(|_| g.article()).collect();
        let first = new_names(&g);
        let b: Vec<_> = (0..2000).map(|_| g.article()).collect();
        let second = new_names(&g) - first;
        // New synthetic names keep coming at a similar rate.
        assert!(first > 20 && second > first / 2, "{first} then {second}");
        let mut again = generator(&pools, 5);
        let a2: Vec<_> = (0..2000).map(|_| again.article()).collect();
        assert_eq!(a, a2);
        let mut other = generator(&pools, 6);
        assert_ne!(a[0], other.article());
        let lo = Date::new(2014, 1, 1).unwrap();
        let hi = Date::new(2026, 12, 31).unwrap();
        for (d, t, body) in a.iter().chain(&b) {
            assert!(lo <= *d && *d <= hi);
            assert!(!t.is_empty() && body.len() > 500);
        }
        let years: std::collections::BTreeSet<u16> = a.iter().map(|x| x.0.year).collect();
        assert!(years.len() >= 10, "dates spread over the years: {years:?}");
    }
}
