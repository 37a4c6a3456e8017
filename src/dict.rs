//! Dictionaries: the people (with dated roles), countries, weapons systems, places and
//! organisations newsgraph knows, the titles that introduce people, the word lists the
//! extractor leans on, and the readings of ambiguous names.
//!
//! They are plain TSV files in `data/`, compiled into the binary. `--data DIR` replaces any of
//! them by a file of the same name in DIR; `--dict FILE` adds a file of any of the entity or
//! role formats, recognised by its header. This module parses them, reports every bad line with
//! its file and line number, and compiles every name into one Aho-Corasick automaton so that an
//! article is scanned once whatever the size of the dictionaries.

use crate::model::{Date, Kind};
use crate::text::{name_key, slug, strip_accents};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{Context, Result, bail};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

/// Index of an entry in [`Dictionary::entries`].
pub type EntryId = u32;

/// The built-in data files, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
    ("roles.tsv", include_str!("../data/roles.tsv")),
    ("weapons.tsv", include_str!("../data/weapons.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
    (
        "organisations.tsv",
        include_str!("../data/organisations.tsv"),
    ),
    ("titles.tsv", include_str!("../data/titles.tsv")),
    ("ambiguous.tsv", include_str!("../data/ambiguous.tsv")),
    ("lexicon.tsv", include_str!("../data/lexicon.tsv")),
    ("relations.tsv", include_str!("../data/relations.tsv")),
    ("modality.tsv", include_str!("../data/modality.tsv")),
    ("given_names.txt", include_str!("../data/given_names.txt")),
];

/// The set of data files a run uses: built-in ones, replaced by files of the same name found in
/// `--data DIR`, plus extra dictionary files.
#[derive(Debug, Clone, Default)]
pub struct DataFiles {
    /// (name shown in messages, contents) per standard file name.
    files: HashMap<&'static str, (String, String)>,
    /// Extra dictionary files (shown name, contents).
    extra: Vec<(String, String)>,
}

impl DataFiles {
    /// The built-in files only.
    pub fn builtin() -> DataFiles {
        let mut files = HashMap::default();
        for (name, text) in BUILTIN {
            files.insert(*name, (format!("(built-in) data/{name}"), text.to_string()));
        }
        DataFiles {
            files,
            extra: Vec::new(),
        }
    }

    /// Built-in files, with those present in `dir` replacing them, and `extra` files added.
    pub fn load(dir: Option<&Path>, extra: &[PathBuf]) -> Result<DataFiles> {
        let mut data = DataFiles::builtin();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                bail!("--data {}: not a folder", dir.display());
            }
            for (name, _) in BUILTIN {
                let p = dir.join(name);
                if p.exists() {
                    let text = std::fs::read_to_string(&p)
                        .with_context(|| format!("cannot read {}", p.display()))?;
                    data.files.insert(name, (p.display().to_string(), text));
                }
            }
        }
        for p in extra {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            data.extra.push((p.display().to_string(), text));
        }
        Ok(data)
    }

    /// The (shown name, contents) of a standard file.
    pub fn get(&self, name: &str) -> (&str, &str) {
        let (shown, text) = self.files.get(name).expect("unknown data file name");
        (shown, text)
    }
}

/// One row of a TSV file: its line number and cells by column name.
pub struct Row<'c, 'a> {
    /// File name, for messages.
    pub file: &'a str,
    /// 1-based line number.
    pub line: usize,
    cols: &'c [String],
    cells: Vec<&'a str>,
}

impl<'a> Row<'_, 'a> {
    /// The cell of column `name` (empty when the column is absent).
    pub fn get(&self, name: &str) -> &'a str {
        self.cols
            .iter()
            .position(|c| c == name)
            .and_then(|i| self.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    /// The `|`-separated items of column `name`, trimmed, empty ones dropped.
    pub fn list(&self, name: &str) -> impl Iterator<Item = &'a str> {
        self.get(name)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// "file:line".
    pub fn at(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// Parses a TSV text: header line, then rows; `#` comment lines and blank lines are skipped.
/// Calls `f` for every row; errors carry file and line.
pub fn parse_tsv<'a>(
    file: &'a str,
    text: &'a str,
    mut f: impl FnMut(&Row<'_, 'a>) -> Result<()>,
) -> Result<Vec<String>> {
    let mut header: Option<Vec<String>> = None;
    // The header is parsed first; rows borrow it.
    let mut rows: Vec<(usize, Vec<&'a str>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        match &header {
            None => {
                header = Some(
                    cells
                        .iter()
                        .map(|c| c.trim().to_ascii_lowercase())
                        .collect(),
                )
            }
            Some(h) => {
                if cells.len() > h.len() {
                    bail!(
                        "{file}:{line_no}: {} cells but the header has {} columns (a TAB inside a cell?)",
                        cells.len(),
                        h.len()
                    );
                }
                rows.push((line_no, cells));
            }
        }
    }
    let Some(cols) = header else {
        bail!("{file}: no header line");
    };
    for (line, cells) in rows {
        let row = Row {
            file,
            line,
            cols: &cols,
            cells,
        };
        f(&row)?;
    }
    Ok(cols.clone())
}

/// Grammatical gender, used for "he"/"she".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he
    Male,
    /// she
    Female,
}

/// One dictionary entity.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id: `kind:slug`, e.g. `person:vladimir_putin`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// The country the entity belongs to (nationality, location, owner, weapon origin).
    pub country: Option<EntryId>,
    /// For people.
    pub gender: Option<Gender>,
    /// Place type, organisation type, weapon class or country status.
    pub subtype: String,
    /// Free text (people), maker (weapons).
    pub note: String,
    /// Capitals (countries only).
    pub capitals: Vec<String>,
}

/// How a name form refers to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// Canonical name or a multi-word alias.
    Name,
    /// A single-word alias of a person: a surname.
    Surname,
    /// Another alias (abbreviation, designation...).
    Alias,
    /// A demonym or adjective of a country ("Russian").
    Demonym,
    /// A capital city of a country.
    Capital,
}

/// One candidate reading of a matched string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cand {
    /// The entry.
    pub entry: EntryId,
    /// How the string refers to it.
    pub form: Form,
    /// Weak aliases need confirmation in the article (see the README).
    pub weak: bool,
}

/// A dated role: a person holds `title` of `of` from `from` to `to`.
#[derive(Debug, Clone)]
pub struct Role {
    /// The person.
    pub person: EntryId,
    /// Title as written in the dictionary.
    pub title: String,
    /// Title class (from titles.tsv), e.g. `foreign_minister`.
    pub class: String,
    /// The country or organisation.
    pub of: EntryId,
    /// Head of state or government.
    pub leader: bool,
    /// Start of the term, if known.
    pub from: Option<Date>,
    /// End of the term (None: still held).
    pub to: Option<Date>,
}

impl Role {
    /// Whether the role is held on `date` (an unknown date matches a current role).
    pub fn active(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t),
            None => self.to.is_none(),
        }
    }
}

/// A title that can stand before a name ("Foreign Minister", "Lt. Gen.").
#[derive(Debug, Clone)]
pub struct Title {
    /// Lowercase words.
    pub words: Vec<String>,
    /// Class shared by synonyms (`prime_minister`, `foreign_minister`...).
    pub class: String,
    /// Head of state or government.
    pub leader: bool,
    /// A generic word ("leader", "chief") that matches any role of its type.
    pub generic: bool,
    /// An honorific or rank that gives no role of its own ("Gen.", "Mr.").
    pub rank: bool,
    /// The country or organisation implied when none is named ("Secretary of State").
    pub implies: Option<EntryId>,
}

/// A reading of an ambiguous name, chosen by cue words found in the article.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The entry it means, or None when the reading is not an entity.
    pub entry: Option<EntryId>,
    /// Name of the reading (for a non-dictionary place or person).
    pub name: String,
    /// Kind of the reading when it is an entity.
    pub kind: Option<Kind>,
    /// Cue strings that point to this reading.
    pub cues: Vec<String>,
}

/// The word categories the extractor tests, in bit order.
pub const CATEGORIES: &[&str] = &[
    "weapon_noun",
    "weapon_modifier",
    "weapon_context",
    "org_suffix",
    "place_suffix",
    "place_modifier",
    "place_intro",
    "speech_verb",
    "report_verb",
    "government_word",
    "not_name",
    "collective",
    "byline",
    "given_name",
    "title_modifier",
    "former_marker",
    // Not in lexicon.tsv: the first words of the titles of titles.tsv.
    "title_first",
    "travel_verb",
    "delegation",
];

/// Bit of each category of [`CATEGORIES`], for tests on a token's cached bit set.
pub mod cat {
    #![allow(missing_docs)]
    pub const WEAPON_NOUN: u64 = 1 << 0;
    pub const WEAPON_MODIFIER: u64 = 1 << 1;
    pub const WEAPON_CONTEXT: u64 = 1 << 2;
    pub const ORG_SUFFIX: u64 = 1 << 3;
    pub const PLACE_SUFFIX: u64 = 1 << 4;
    pub const PLACE_MODIFIER: u64 = 1 << 5;
    pub const PLACE_INTRO: u64 = 1 << 6;
    pub const SPEECH_VERB: u64 = 1 << 7;
    pub const REPORT_VERB: u64 = 1 << 8;
    pub const GOVERNMENT_WORD: u64 = 1 << 9;
    pub const NOT_NAME: u64 = 1 << 10;
    pub const COLLECTIVE: u64 = 1 << 11;
    pub const BYLINE: u64 = 1 << 12;
    pub const GIVEN_NAME: u64 = 1 << 13;
    pub const TITLE_MODIFIER: u64 = 1 << 14;
    pub const FORMER_MARKER: u64 = 1 << 15;
    pub const TITLE_FIRST: u64 = 1 << 16;
    pub const TRAVEL_VERB: u64 = 1 << 17;
    pub const DELEGATION: u64 = 1 << 18;
    /// Not a lexicon category: set during resolution on the comma between a title and the
    /// name it introduces ("his US counterpart, H.R. McMaster").
    pub const TITLE_COMMA: u64 = 1 << 32;
}

/// Word lists from lexicon.tsv, by category. Each word maps to a bit set of its categories, so
/// a lookup is one hash of the word.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    bits: rustc_hash::FxHashMap<Box<str>, u64>,
    categories: Vec<String>,
    lists: Vec<Vec<String>>,
}

impl Lexicon {
    fn bit(&self, category: &str) -> u64 {
        match self.categories.iter().position(|c| c == category) {
            Some(i) => 1 << i,
            None => 0,
        }
    }

    /// A lexicon whose first categories are [`CATEGORIES`], in order.
    fn new() -> Lexicon {
        Lexicon {
            bits: Default::default(),
            categories: CATEGORIES.iter().map(|c| c.to_string()).collect(),
            lists: vec![Vec::new(); CATEGORIES.len()],
        }
    }

    /// Whether the lowercase `word` is in `category`.
    pub fn has(&self, category: &str, word: &str) -> bool {
        let bit = self.bit(category);
        bit != 0 && self.bits.get(word).is_some_and(|b| b & bit != 0)
    }

    /// Whether the lowercase `word` is in the built-in category of bit `category` (a
    /// constant of [`cat`]): one hash of the word, no name lookup.
    pub fn is(&self, category: u64, word: &str) -> bool {
        self.bits.get(word).is_some_and(|b| b & category != 0)
    }

    /// The category bit set of a lowercase word (0 when it is in none).
    pub fn bits_of(&self, word: &str) -> u64 {
        self.bits.get(word).copied().unwrap_or(0)
    }

    /// The bit of a category, for tests against [`Lexicon::bits_of`].
    pub fn category(&self, category: &str) -> u64 {
        self.bit(category)
    }

    /// The words of a category in file order.
    pub fn words(&self, category: &str) -> &[String] {
        match self.categories.iter().position(|c| c == category) {
            Some(i) => &self.lists[i],
            None => &[],
        }
    }

    fn add(&mut self, category: &str, word: &str) -> Result<()> {
        let i = match self.categories.iter().position(|c| c == category) {
            Some(i) => i,
            None => {
                if self.categories.len() == 64 {
                    bail!("lexicon: more than 64 categories");
                }
                self.categories.push(category.to_string());
                self.lists.push(Vec::new());
                self.categories.len() - 1
            }
        };
        self.lists[i].push(word.to_string());
        *self.bits.entry(word.into()).or_insert(0) |= 1 << i;
        Ok(())
    }
}

/// Everything the entity stage knows, compiled.
pub struct Dictionary {
    /// All entries.
    pub entries: Vec<Entry>,
    /// All roles.
    pub roles: Vec<Role>,
    /// Role indices per person.
    pub roles_of: HashMap<EntryId, Vec<usize>>,
    /// Titles, longest first within each first word.
    pub titles: rustc_hash::FxHashMap<String, Vec<Title>>,
    /// Word lists.
    pub lexicon: Lexicon,
    /// Readings of ambiguous strings, by exact surface.
    pub ambiguous: HashMap<String, Vec<Reading>>,
    /// Candidates per automaton pattern.
    pub pattern_cands: Vec<Vec<Cand>>,
    /// The automaton over every name form.
    pub matcher: AhoCorasick,
    by_key: HashMap<(Kind, String), EntryId>,
    alias_index: HashMap<String, Vec<EntryId>>,
}

struct Builder {
    entries: Vec<Entry>,
    by_key: HashMap<(Kind, String), EntryId>,
    forms: HashMap<String, Vec<Cand>>,
    alias_index: HashMap<String, Vec<EntryId>>,
}

impl Builder {
    fn entry(&mut self, kind: Kind, name: &str) -> EntryId {
        let key = (kind, name_key(name));
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let id = self.entries.len() as EntryId;
        self.entries.push(Entry {
            id: format!("{}:{}", kind.as_str(), slug(name)),
            name: name.to_string(),
            kind,
            country: None,
            gender: None,
            subtype: String::new(),
            note: String::new(),
            capitals: Vec::new(),
        });
        self.by_key.insert(key, id);
        id
    }

    fn find(&self, kind: Kind, name: &str) -> Option<EntryId> {
        self.by_key.get(&(kind, name_key(name))).copied()
    }

    /// Adds a surface form; `raw` may start with `?` (weak).
    fn form(&mut self, entry: EntryId, raw: &str, form: Form) {
        let (weak, text) = match raw.strip_prefix('?') {
            Some(t) => (true, t.trim()),
            None => (false, raw.trim()),
        };
        if text.is_empty() {
            return;
        }
        let kind = self.entries[entry as usize].kind;
        // A single-word alias of a person is a surname.
        let form = if kind == Kind::Person && form != Form::Name && !text.contains(' ') {
            Form::Surname
        } else if kind == Kind::Person && text.contains(' ') {
            Form::Name
        } else {
            form
        };
        let mut variants = vec![text.to_string()];
        if let Some(v) = strip_accents(text) {
            variants.push(v);
        }
        for v in variants.clone() {
            if v.contains('\'') {
                variants.push(v.replace('\'', "\u{2019}"));
            }
        }
        if kind == Kind::Weapon {
            for v in variants.clone() {
                // Designations also match without their hyphen ("MQ9").
                let letters = v
                    .split('-')
                    .next()
                    .map(|p| p.chars().filter(|c| c.is_ascii_alphabetic()).count())
                    .unwrap_or(0);
                if v.contains('-')
                    && !v.contains(' ')
                    && v.chars().any(|c| c.is_ascii_digit())
                    && letters >= 2
                {
                    variants.push(v.replace('-', ""));
                }
            }
            for v in variants.clone() {
                if !v.ends_with('s')
                    && !v.ends_with('S')
                    && v.chars().last().is_some_and(|c| c.is_alphanumeric())
                {
                    variants.push(format!("{v}s"));
                }
            }
        }
        if matches!(kind, Kind::Place | Kind::Country)
            && matches!(form, Form::Name | Form::Alias | Form::Capital)
            && text.chars().filter(|c| c.is_alphabetic()).count() >= 4
        {
            for v in variants.clone() {
                let up = v.to_uppercase();
                if up != v {
                    variants.push(up);
                }
            }
        }
        let key = name_key(text);
        let idx = self.alias_index.entry(key).or_default();
        if !idx.contains(&entry) {
            idx.push(entry);
        }
        for v in variants {
            let list = self.forms.entry(v).or_default();
            if !list.iter().any(|c| c.entry == entry) {
                list.push(Cand { entry, form, weak });
            } else if let Some(c) = list.iter_mut().find(|c| c.entry == entry) {
                // The strongest form wins (a name over an alias), but an explicit `?` on the
                // same string marks it weak: "Patriot" with alias "?Patriot" is weak.
                if form < c.form {
                    c.form = form;
                }
                c.weak |= weak;
            }
        }
    }
}

impl Dictionary {
    /// Parses and compiles the data files. Every error names the file and line.
    pub fn load(data: &DataFiles) -> Result<Dictionary> {
        let mut b = Builder {
            entries: Vec::new(),
            by_key: HashMap::default(),
            forms: HashMap::default(),
            alias_index: HashMap::default(),
        };
        // Countries first: other files refer to them by name.
        let (f, t) = data.get("countries.tsv");
        load_countries(&mut b, f, t)?;
        let (f, t) = data.get("organisations.tsv");
        load_simple(&mut b, Kind::Organisation, f, t)?;
        let (f, t) = data.get("places.tsv");
        load_simple(&mut b, Kind::Place, f, t)?;
        let (f, t) = data.get("weapons.tsv");
        load_weapons(&mut b, f, t)?;
        let (f, t) = data.get("people.tsv");
        load_people(&mut b, f, t)?;
        let mut extra_roles = Vec::new();
        for (f, t) in &data.extra {
            let header = t
                .lines()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .unwrap_or("")
                .to_ascii_lowercase();
            let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
            let has = |c: &str| cols.contains(&c);
            if has("person") && has("title") {
                extra_roles.push((f.as_str(), t.as_str()));
            } else if has("demonyms") || has("capitals") {
                load_countries(&mut b, f, t)?;
            } else if has("designations") {
                load_weapons(&mut b, f, t)?;
            } else if has("gender") {
                load_people(&mut b, f, t)?;
            } else if has("name") && has("type") {
                let kind = if f.contains("place") {
                    Kind::Place
                } else if f.contains("org") {
                    Kind::Organisation
                } else {
                    bail!(
                        "{f}: cannot tell places from organisations: name the file places*.tsv or organisations*.tsv"
                    )
                };
                load_simple(&mut b, kind, f, t)?;
            } else {
                bail!(
                    "{f}: unknown dictionary format (header {header:?}); see the README for the formats"
                );
            }
        }
        let (f, t) = data.get("lexicon.tsv");
        let mut lexicon = Lexicon::new();
        parse_tsv(f, t, |r| {
            let cat = r.get("category");
            if cat.is_empty() {
                bail!("{}: empty category", r.at());
            }
            for w in r.list("words") {
                lexicon.add(cat, &w.to_lowercase())?;
            }
            Ok(())
        })?;
        let (_, t) = data.get("given_names.txt");
        for line in t.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                lexicon.add("given_name", &w.to_lowercase())?;
            }
        }
        let (f, t) = data.get("titles.tsv");
        let titles = load_titles(&mut b, f, t)?;
        for first in titles.keys() {
            lexicon.add("title_first", first)?;
        }
        let mut roles = Vec::new();
        let (f, t) = data.get("roles.tsv");
        load_roles(&mut b, &titles, &mut roles, f, t)?;
        for (f, t) in extra_roles {
            load_roles(&mut b, &titles, &mut roles, f, t)?;
        }
        let (f, t) = data.get("ambiguous.tsv");
        let ambiguous = load_ambiguous(&mut b, f, t)?;

        let mut roles_of: HashMap<EntryId, Vec<usize>> = HashMap::default();
        for (i, r) in roles.iter().enumerate() {
            roles_of.entry(r.person).or_default().push(i);
        }
        // Compile the automaton, in a deterministic order.
        let mut forms: Vec<(String, Vec<Cand>)> = b.forms.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        let patterns: Vec<&str> = forms.iter().map(|(s, _)| s.as_str()).collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            .build(&patterns)
            .context("cannot compile the dictionary automaton")?;
        let pattern_cands = forms.into_iter().map(|(_, c)| c).collect();
        Ok(Dictionary {
            entries: b.entries,
            roles,
            roles_of,
            titles,
            lexicon,
            ambiguous,
            pattern_cands,
            matcher,
            by_key: b.by_key,
            alias_index: b.alias_index,
        })
    }

    /// The entry of `kind` whose canonical name matches `name` loosely.
    pub fn find(&self, kind: Kind, name: &str) -> Option<EntryId> {
        self.by_key.get(&(kind, name_key(name))).copied()
    }

    /// Entries any of whose names matches `name` loosely (case, accents, dots).
    pub fn lookup(&self, name: &str) -> &[EntryId] {
        self.alias_index
            .get(&name_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Entry by id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// Roles of `person` active on `date`.
    pub fn roles_at(&self, person: EntryId, date: Option<Date>) -> impl Iterator<Item = &Role> {
        self.roles_of
            .get(&person)
            .into_iter()
            .flatten()
            .map(|&i| &self.roles[i])
            .filter(move |r| r.active(date))
    }

    /// Every role held on `date` of `of` (a country or organisation) matching the title class
    /// (or, for a generic leader title, any leader role).
    pub fn holders(
        &self,
        of: EntryId,
        class: &str,
        leader_only: bool,
        date: Option<Date>,
    ) -> Vec<&Role> {
        self.roles
            .iter()
            .filter(|r| r.of == of && r.active(date))
            .filter(|r| {
                if leader_only {
                    r.leader
                } else {
                    r.class == class
                }
            })
            .collect()
    }

    /// The title starting at word 0 of a sequence given by `word(k)` (longest match), with its
    /// length; no allocation.
    pub fn title_match<'w>(
        &self,
        word: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(&Title, usize)> {
        let cands = self.titles.get(word(0)?)?;
        cands
            .iter()
            .find(|t| {
                t.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word(k) == Some(w.as_str()))
            })
            .map(|t| (t, t.words.len()))
    }

    /// Number of entries per kind.
    pub fn counts(&self) -> [usize; 5] {
        let mut c = [0; 5];
        for e in &self.entries {
            c[Kind::ALL.iter().position(|k| *k == e.kind).unwrap()] += 1;
        }
        c
    }
}

fn resolve_country(b: &mut Builder, r: &Row<'_, '_>, col: &str) -> Result<Option<EntryId>> {
    let name = r.get(col);
    if name.is_empty() {
        return Ok(None);
    }
    match b.find(Kind::Country, name) {
        Some(id) => Ok(Some(id)),
        None => bail!(
            "{}: unknown country {name:?} in column {col} (use the name from countries.tsv)",
            r.at()
        ),
    }
}

fn load_countries(b: &mut Builder, file: &str, text: &str) -> Result<()> {
    parse_tsv(file, text, |r| {
        let name = r.get("name");
        if name.is_empty() {
            bail!("{}: empty name", r.at());
        }
        let id = b.entry(Kind::Country, name);
        b.entries[id as usize].subtype = r.get("status").to_string();
        b.form(id, name, Form::Name);
        for a in r.list("official").chain(r.list("aliases")) {
            b.form(id, a, Form::Alias);
        }
        for a in r.list("demonyms") {
            b.form(id, a, Form::Demonym);
        }
        for a in r.list("capitals") {
            b.form(id, a, Form::Capital);
            let plain = a.trim_start_matches('?').to_string();
            if !b.entries[id as usize].capitals.contains(&plain) {
                b.entries[id as usize].capitals.push(plain);
            }
        }
        Ok(())
    })?;
    Ok(())
}

fn load_simple(b: &mut Builder, kind: Kind, file: &str, text: &str) -> Result<()> {
    parse_tsv(file, text, |r| {
        let name = r.get("name");
        if name.is_empty() {
            bail!("{}: empty name", r.at());
        }
        let country = resolve_country(b, r, "country")?;
        let id = b.entry(kind, name);
        let e = &mut b.entries[id as usize];
        e.subtype = r.get("type").to_string();
        if country.is_some() {
            e.country = country;
        }
        b.form(id, name, Form::Name);
        for a in r.list("aliases") {
            b.form(id, a, Form::Alias);
        }
        Ok(())
    })?;
    Ok(())
}

fn load_weapons(b: &mut Builder, file: &str, text: &str) -> Result<()> {
    parse_tsv(file, text, |r| {
        let name = r.get("name");
        if name.is_empty() {
            bail!("{}: empty name", r.at());
        }
        let origin = resolve_country(b, r, "origin")?;
        let id = b.entry(Kind::Weapon, name);
        let e = &mut b.entries[id as usize];
        e.subtype = r.get("class").to_string();
        e.note = r.get("maker").to_string();
        e.country = origin;
        b.form(id, name, Form::Name);
        for a in r.list("aliases").chain(r.list("designations")) {
            b.form(id, a, Form::Alias);
        }
        Ok(())
    })?;
    Ok(())
}

fn load_people(b: &mut Builder, file: &str, text: &str) -> Result<()> {
    parse_tsv(file, text, |r| {
        let name = r.get("name");
        if name.is_empty() {
            bail!("{}: empty name", r.at());
        }
        let country = resolve_country(b, r, "country")?;
        let gender = match r.get("gender") {
            "m" | "M" => Some(Gender::Male),
            "f" | "F" => Some(Gender::Female),
            "" => None,
            g => bail!("{}: gender {g:?} must be m, f or empty", r.at()),
        };
        let id = b.entry(Kind::Person, name);
        let e = &mut b.entries[id as usize];
        e.gender = gender;
        e.country = country;
        e.note = r.get("description").to_string();
        b.form(id, name, Form::Name);
        for a in r.list("aliases") {
            b.form(id, a, Form::Alias);
        }
        Ok(())
    })?;
    Ok(())
}

fn load_titles(
    b: &mut Builder,
    file: &str,
    text: &str,
) -> Result<rustc_hash::FxHashMap<String, Vec<Title>>> {
    let mut titles: rustc_hash::FxHashMap<String, Vec<Title>> = Default::default();
    parse_tsv(file, text, |r| {
        let ty = r.get("type");
        let (leader, generic, rank) = match ty {
            "leader" => (true, false, false),
            "official" => (false, false, false),
            "generic-leader" => (true, true, false),
            "generic" => (false, true, false),
            "rank" => (false, false, true),
            _ => bail!(
                "{}: type {ty:?} must be leader, official, generic-leader, generic or rank",
                r.at()
            ),
        };
        let implies = match r.get("implies") {
            "" => None,
            name => Some(
                b.find(Kind::Country, name)
                    .or_else(|| b.find(Kind::Organisation, name))
                    .map(Ok)
                    .unwrap_or_else(|| Ok::<_, anyhow::Error>(b.entry(Kind::Organisation, name)))?,
            ),
        };
        let class = r.get("class");
        for t in r.list("title") {
            let words: Vec<String> = title_words(t);
            if words.is_empty() {
                continue;
            }
            titles.entry(words[0].clone()).or_default().push(Title {
                words,
                class: if class.is_empty() {
                    t.to_lowercase()
                } else {
                    class.to_string()
                },
                leader,
                generic,
                rank,
                implies,
            });
        }
        Ok(())
    })?;
    for list in titles.values_mut() {
        list.sort_by_key(|b| std::cmp::Reverse(b.words.len()));
    }
    Ok(titles)
}

/// Splits a title into lowercase words the way the tokeniser does ("Lt." → "lt", ".").
pub fn title_words(t: &str) -> Vec<String> {
    let mut toks = crate::text::Tokens::default();
    crate::text::tokenize(t, 0, t.len(), &mut toks);
    (0..toks.toks.len())
        .map(|i| toks.low(i).to_string())
        .collect()
}

fn title_class(
    titles: &rustc_hash::FxHashMap<String, Vec<Title>>,
    title: &str,
) -> (String, Option<bool>) {
    let words = title_words(title);
    // The longest title found anywhere in the role's title decides its class:
    // "Deputy Foreign Minister" → deputy... ; "Minister of Foreign Affairs" → foreign_minister.
    let mut best: Option<&Title> = None;
    for i in 0..words.len() {
        if let Some(cands) = titles.get(&words[i]) {
            for t in cands {
                if t.words.len() <= words.len() - i
                    && t.words.iter().zip(&words[i..]).all(|(a, b)| a == b)
                    && !t.rank
                    && best.is_none_or(|b| t.words.len() > b.words.len())
                {
                    best = Some(t);
                }
            }
        }
    }
    match best {
        // "Deputy Foreign Minister" is not the foreign minister.
        Some(t)
            if words.first().is_some_and(|w| w == "deputy" || w == "vice")
                && !t
                    .words
                    .first()
                    .is_some_and(|w| w == "deputy" || w == "vice") =>
        {
            (format!("deputy_{}", t.class), Some(false))
        }
        Some(t) => (t.class.clone(), Some(t.leader)),
        None => (words.join(" "), None),
    }
}

fn load_roles(
    b: &mut Builder,
    titles: &rustc_hash::FxHashMap<String, Vec<Title>>,
    roles: &mut Vec<Role>,
    file: &str,
    text: &str,
) -> Result<()> {
    parse_tsv(file, text, |r| {
        let person = r.get("person");
        let Some(pid) = b.find(Kind::Person, person) else {
            bail!(
                "{}: unknown person {person:?} (add them to people.tsv first)",
                r.at()
            );
        };
        let of_name = r.get("of");
        if of_name.is_empty() {
            bail!("{}: empty \"of\"", r.at());
        }
        // A country or organisation; a place (a governor's state, a mayor's city) stands for
        // the country it lies in; so does a capital.
        let place_country = b
            .find(Kind::Place, of_name)
            .and_then(|p| b.entries[p as usize].country);
        let capital_country = || {
            b.entries
                .iter()
                .position(|e| {
                    e.kind == Kind::Country
                        && e.capitals.iter().any(|c| name_key(c) == name_key(of_name))
                })
                .map(|i| i as EntryId)
        };
        let of = match b
            .find(Kind::Country, of_name)
            .or_else(|| b.find(Kind::Organisation, of_name))
            .or(place_country)
            .or_else(capital_country)
        {
            Some(id) => id,
            None => {
                // An organisation named only here becomes an organisation entry (not matched in
                // text: add it to organisations.tsv for that).
                b.entry(Kind::Organisation, of_name)
            }
        };
        let leader = match r.get("type") {
            "leader" => true,
            "official" => false,
            t => bail!("{}: type {t:?} must be leader or official", r.at()),
        };
        let date = |col: &str, end: bool| -> Result<Option<Date>> {
            let v = r.get(col);
            if v.is_empty() {
                return Ok(None);
            }
            Date::parse_partial(v, end).map(Some).with_context(|| {
                format!(
                    "{}: bad date {v:?} in column {col} (want YYYY-MM-DD, YYYY-MM or YYYY)",
                    r.at()
                )
            })
        };
        let title = r.get("title").to_string();
        let (class, _) = title_class(titles, &title);
        roles.push(Role {
            person: pid,
            title,
            class,
            of,
            leader,
            from: date("from", false)?,
            to: date("to", true)?,
        });
        Ok(())
    })?;
    Ok(())
}

fn load_ambiguous(
    b: &mut Builder,
    file: &str,
    text: &str,
) -> Result<HashMap<String, Vec<Reading>>> {
    let mut out: HashMap<String, Vec<Reading>> = HashMap::default();
    parse_tsv(file, text, |r| {
        let alias = r.get("alias");
        let reading = r.get("reading");
        let kind = match r.get("kind") {
            "none" | "" => None,
            k => Some(
                k.parse::<Kind>()
                    .map_err(|e| anyhow::anyhow!("{}: {e}", r.at()))?,
            ),
        };
        let entry = kind.and_then(|k| b.find(k, reading));
        let entry = match (kind, entry) {
            (Some(k), None) => {
                // A reading the dictionaries lack becomes an entry of its own.
                let id = b.entry(k, reading);
                Some(id)
            }
            (_, e) => e,
        };
        out.entry(alias.to_string()).or_default().push(Reading {
            entry,
            name: reading.to_string(),
            kind,
            cues: r.list("cues").map(str::to_string).collect(),
        });
        Ok(())
    })?;
    Ok(out)
}
