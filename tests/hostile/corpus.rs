//! A deterministic generator of small news articles from sentences written for the tests,
//! and helpers for reading what a build wrote; shared by `tests/determinism.rs`,
//! `tests/kill.rs`, `tests/merge.rs` and `tests/e2e.rs` (included with `#[path]`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const PEOPLE: [&str; 14] = [
    "President Donald Trump",
    "Vladimir Putin",
    "Volodymyr Zelenskyy",
    "Xi Jinping",
    "Emmanuel Macron",
    "Keir Starmer",
    "Olaf Scholz",
    "Narendra Modi",
    "Sergei Lavrov",
    "Joe Biden",
    "Recep Tayyip Erdogan",
    "Benjamin Netanyahu",
    "Dmytro Kuleba",
    "Antony Blinken",
];
const SHORT: [&str; 14] = [
    "Trump",
    "Putin",
    "Zelenskyy",
    "Xi",
    "Macron",
    "Starmer",
    "Scholz",
    "Modi",
    "Lavrov",
    "Biden",
    "Erdogan",
    "Netanyahu",
    "Kuleba",
    "Blinken",
];
const COUNTRIES: [&str; 10] = [
    "Russia",
    "Ukraine",
    "the United States",
    "China",
    "France",
    "Germany",
    "Turkey",
    "India",
    "Iran",
    "Israel",
];
const WEAPONS: [&str; 6] = [
    "Tomahawk",
    "HIMARS",
    "ATACMS",
    "Patriot",
    "F-16",
    "Storm Shadow",
];
const PLACES: [&str; 9] = [
    "Budapest",
    "Geneva",
    "Antalya",
    "Hiroshima",
    "Paris",
    "Kyiv",
    "Moscow",
    "Alaska",
    "Gaza",
];

/// A small xorshift generator: the same seed gives the same corpus everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One sentence about two people, a place, countries and a weapon.
fn sentence(r: &mut Rng) -> String {
    let a = r.below(PEOPLE.len());
    let mut b = r.below(PEOPLE.len());
    if b == a {
        b = (b + 1) % PEOPLE.len();
    }
    let (pa, pb, sb) = (PEOPLE[a], PEOPLE[b], SHORT[b]);
    let (c1, c2) = (r.pick(&COUNTRIES), r.pick(&COUNTRIES));
    let (place, weapon) = (r.pick(&PLACES), r.pick(&WEAPONS));
    match r.below(10) {
        0 => format!("{pa} met {pb} in {place}."),
        1 => format!("{pa} spoke with {pb} by phone on Tuesday."),
        2 => format!("{pa} said {c1} would send {weapon} missiles to {c2}."),
        3 => format!("{pa} did not meet {pb} in {place}."),
        4 => format!("{pa} may visit {place} next month, aides said."),
        5 => format!("{c1} imposed new sanctions on {c2} over the war."),
        6 => format!("{pa} criticised {pb} for the strikes on {place}."),
        7 => format!("\u{201c}We will not give up,\u{201d} {pa} told reporters in {place}."),
        8 => format!("{pa} later thanked {sb} for the {weapon} deliveries."),
        _ => format!("{pa} and {pb} are expected to hold talks in {place}."),
    }
}

/// The body of article `i`: three to eight sentences, two to a paragraph.
pub fn body(r: &mut Rng) -> String {
    let n = 3 + r.below(6);
    let mut s = String::new();
    for k in 0..n {
        if k > 0 {
            s.push_str(if k % 2 == 0 { "\n\n" } else { " " });
        }
        s.push_str(&sentence(r));
    }
    s
}

/// A date between 2014 and 2025, or None one time in ten.
pub fn date(r: &mut Rng) -> Option<String> {
    if r.below(10) == 0 {
        return None;
    }
    Some(format!(
        "{}-{:02}-{:02}",
        2014 + r.below(12),
        1 + r.below(12),
        1 + r.below(28)
    ))
}

/// A text article with optional `date` and `title` headers.
pub fn text_article(r: &mut Rng) -> String {
    let mut s = String::new();
    if let Some(d) = date(r) {
        writeln!(s, "date {d}").unwrap();
    }
    if r.below(2) == 0 {
        writeln!(s, "title Talks in {}", r.pick(&PLACES)).unwrap();
    }
    s.push('\n');
    s.push_str(&body(r));
    s.push('\n');
    s
}

/// One JSONL line (a JSON object) for article `id`.
pub fn json_article(r: &mut Rng, id: &str) -> String {
    let mut v = serde_json::json!({"id": id, "text": body(r)});
    if let Some(d) = date(r) {
        v["date"] = d.into();
    }
    v.to_string()
}

/// Writes a corpus of `n` articles under `dir`: text files in two nested folders, one JSONL
/// feed and one JSON array (each about a third).
pub fn write(dir: &Path, n: usize, seed: u64) {
    let mut r = Rng::new(seed);
    std::fs::create_dir_all(dir.join("news/2024")).unwrap();
    std::fs::create_dir_all(dir.join("news/2025")).unwrap();
    let mut feed = String::new();
    let mut array = Vec::new();
    for i in 0..n {
        match i % 3 {
            0 => {
                let sub = if i % 2 == 0 { "2024" } else { "2025" };
                let p = dir.join(format!("news/{sub}/a{i:05}.txt"));
                std::fs::write(p, text_article(&mut r)).unwrap();
            }
            1 => {
                feed.push_str(&json_article(&mut r, &format!("feed-{i}")));
                feed.push('\n');
            }
            _ => {
                let line = json_article(&mut r, &format!("arr-{i}"));
                array.push(serde_json::from_str::<serde_json::Value>(&line).unwrap());
            }
        }
    }
    std::fs::write(dir.join("news/feed.jsonl"), feed).unwrap();
    std::fs::write(
        dir.join("news/array.json"),
        serde_json::to_string_pretty(&array).unwrap(),
    )
    .unwrap();
}

/// Every file a default build writes, relative to the output folder: what the tests expect,
/// written out here rather than taken from the library, so a file the library stops writing
/// fails them.
pub const EXPORTS: [&str; 10] = [
    "graph.graphml",
    "nodes.csv",
    "edges.csv",
    "graph.dot",
    "graph.json",
    "graph.bin",
    "evidence.jsonl",
    "graph.gexf",
    "neo4j/entities.csv",
    "neo4j/relations.csv",
];

/// Every file under `dir`, by relative path ("neo4j/entities.csv"), with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}
