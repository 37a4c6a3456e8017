//! Loads every export format in the real program that consumes it and checks that the values
//! come back as they went in (as far as each client can represent them).

mod common;

use newsgraph::export::{ExportOptions, Format, write_all};
use newsgraph::graph::{Caps, Edge, EvidenceRec, Graph, Node};
use newsgraph::model::{Date, Kind, Modality, Relation};
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------------------------

/// One node of the fixture whose label holds an awkward case.
struct Awkward {
    id: &'static str,
    label: String,
}

/// The 20 kB evidence sentence (multi-byte text, markup characters and quotes throughout).
fn long_sentence() -> String {
    let unit = "Зеленський & \"Trump\" said <this> at length; ";
    let mut s = String::new();
    while s.len() < 20_000 {
        s.push_str(unit);
    }
    s.push_str("the end.");
    s
}

fn awkward() -> Vec<Awkward> {
    let a = |id: &'static str, label: &str| Awkward {
        id,
        label: label.to_string(),
    };
    vec![
        a("person:quotes", "Tom \"Jerry\" O'Neil & <Partners> > 3"),
        a("person:cdata", "Ends ]]> here ]]]]> twice"),
        a("person:зеленський", "Зеленський"),
        a(
            "person:arabic",
            "Mohammed \u{200F}محمد بن سلمان\u{200F} bin Salman",
        ),
        a("person:combining", "Zelenskyy\u{301} e\u{301}te\u{301} Ǆ"),
        a(
            "person:emoji",
            "Family 👩\u{200D}👩\u{200D}👧\u{200D}👦 flags 🇺🇦🇺🇸 🏳\u{FE0F}\u{200D}🌈",
        ),
        a("person:newline", "Line one\nLine two"),
        a("person:crlf", "Carriage\r\nReturn"),
        a("person:tab", "Tab\tSeparated"),
        a("person:control", "Control\u{1}Char"),
        a("person:equals", "=HYPERLINK(\"http://example.com\",\"x\")"),
        a("-1", "-1+2 Minus"),
        a("person:at", "@SUM(A1:A9)"),
        a("person:plus", "+Plus sign"),
        a("person:backslash", "ends with backslash \\"),
        a("person:escaped_quote", "say \\\"hi\\\" now"),
        a("person:windows_path", "C:\\new\\table \\N"),
        a("graph", "graph"),
        a("node", "node"),
        a("Strict", "Strict"),
        a("edge", "edge"),
    ]
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// Article ids, some of them awkward too (they come from file names or JSON `id` fields).
fn article(i: usize) -> String {
    match i % 4 {
        0 => format!("a{i:02}"),
        1 => format!("=cmd|' /C calc'!A{i}"),
        2 => format!("news/{i} \"q\" & <x>"),
        _ => format!("Зеленський-{i}"),
    }
}

/// A node with its strings: how the fixture describes a node, and what the exports of a graph
/// should show for it.
#[derive(Debug, Clone, PartialEq)]
struct PNode {
    id: String,
    label: String,
    kind: Kind,
    aliases: BTreeSet<String>,
    mentions: u64,
    articles: u64,
    article_ids: Vec<String>,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
}

/// An edge with its strings (see [`PNode`]).
#[derive(Debug, Clone, PartialEq)]
struct PEdge {
    relation: Relation,
    weight: u64,
    articles: u64,
    article_ids: Vec<String>,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
    modality_counts: [u64; 4],
    evidence: Vec<EvidenceRec>,
}

impl PEdge {
    fn modalities(&self) -> Vec<Modality> {
        Modality::ALL
            .iter()
            .copied()
            .filter(|m| self.modality_counts[m.index()] > 0)
            .collect()
    }
}

/// Merges a described node into the graph.
fn put_node(g: &mut Graph, n: PNode) -> petgraph::graph::NodeIndex {
    let article_ids = g.article_ids(&n.article_ids);
    g.merge_node(Node {
        id: n.id,
        label: n.label,
        kind: n.kind,
        aliases: n.aliases,
        mentions: n.mentions,
        articles: n.articles,
        article_ids,
        first_seen: n.first_seen.into(),
        last_seen: n.last_seen.into(),
    })
}

/// Merges a described edge into the graph.
fn put_edge(g: &mut Graph, a: petgraph::graph::NodeIndex, b: petgraph::graph::NodeIndex, e: PEdge) {
    let article_ids = g.article_ids(&e.article_ids);
    let evidence = e.evidence.iter().map(|ev| g.evidence(ev)).collect();
    g.merge_edge(
        a,
        b,
        Edge {
            relation: e.relation,
            weight: e.weight,
            articles: e.articles,
            article_ids,
            first_seen: e.first_seen.into(),
            last_seen: e.last_seen.into(),
            modality_counts: e.modality_counts,
            evidence,
        },
    );
}

fn node(id: &str, label: &str, kind: Kind, aliases: &[&str], dates: Option<(Date, Date)>) -> PNode {
    PNode {
        id: id.to_string(),
        label: label.to_string(),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: 3,
        articles: 1,
        article_ids: vec!["a00".to_string()],
        first_seen: dates.map(|d| d.0),
        last_seen: dates.map(|d| d.1),
    }
}

fn evidence(
    date: Option<Date>,
    article: &str,
    start: usize,
    sentence: &str,
    m: Modality,
) -> EvidenceRec {
    EvidenceRec {
        date,
        article: article.to_string(),
        start,
        end: start + sentence.chars().count(),
        sentence: sentence.to_string(),
        trigger: "said".to_string(),
        modality: m,
    }
}

fn edge(relation: Relation, ev: Vec<EvidenceRec>) -> PEdge {
    let mut counts = [0u64; 4];
    for e in &ev {
        counts[e.modality.index()] += 1;
    }
    let dates: Vec<Date> = ev.iter().filter_map(|e| e.date).collect();
    let ids: BTreeSet<String> = ev.iter().map(|e| e.article.clone()).collect();
    PEdge {
        relation,
        weight: ev.len() as u64,
        articles: ids.len() as u64,
        article_ids: ids.into_iter().collect(),
        first_seen: dates.iter().min().copied(),
        last_seen: dates.iter().max().copied(),
        modality_counts: counts,
        evidence: ev,
    }
}

/// The caps of the fixture: more evidence kept than the exports other than JSON show.
const FIXTURE_CAPS: Caps = Caps {
    article_ids: 10,
    evidence: 5,
};

/// The fixture graph: one node per awkward case (label, aliases and evidence hold it), a small
/// news cluster with parallel edges of different relations between the same pair, symmetric
/// relations, a self-loop, an isolated node, dated and undated nodes and edges, and a 20 kB
/// evidence sentence.
fn fixture() -> Graph {
    let mut g = Graph::new(FIXTURE_CAPS);
    g.articles = 12;
    let aw = awkward();
    let n = aw.len();
    let mut idx = Vec::new();
    for (i, a) in aw.iter().enumerate() {
        let kind = Kind::ALL[i % Kind::ALL.len()];
        let dates =
            (i % 2 == 0).then(|| (date(2025, 10, 1 + i as u8), date(2025, 10, 2 + i as u8)));
        let other = format!("{} alias", aw[(i + 3) % n].label);
        let mut nd = node(
            a.id,
            &a.label,
            kind,
            &[a.label.as_str(), other.as_str()],
            dates,
        );
        nd.mentions = 1 + i as u64;
        nd.article_ids = vec![article(i), article(i + 1)];
        nd.article_ids.sort();
        nd.articles = 2;
        idx.push(put_node(&mut g, nd));
    }
    // A chain through the awkward nodes; each edge's evidence holds both labels.
    for i in 0..n - 1 {
        let d = (i % 2 == 0).then(|| date(2025, 10, 1 + i as u8));
        let sentence = format!("{} criticized {} again.", aw[i].label, aw[i + 1].label);
        let ev = vec![evidence(
            d,
            &article(i),
            10 * i,
            &sentence,
            Modality::Asserted,
        )];
        put_edge(&mut g, idx[i], idx[i + 1], edge(Relation::Criticized, ev));
    }
    // An evidence sentence that is just an awkward string (no prefix of ours before it in JSON).
    let ev = vec![evidence(None, "a00", 0, &aw[10].label, Modality::Possible)];
    put_edge(&mut g, idx[10], idx[12], edge(Relation::Urged, ev));

    let d16 = date(2025, 10, 16);
    let d17 = date(2025, 10, 17);
    let trump = put_node(
        &mut g,
        node(
            "person:donald_trump",
            "Donald Trump",
            Kind::Person,
            &["Donald Trump", "Trump", "President Trump"],
            Some((d16, d17)),
        ),
    );
    let putin = put_node(
        &mut g,
        node(
            "person:vladimir_putin",
            "Vladimir Putin",
            Kind::Person,
            &["Putin", "Vladimir Putin", "Путин"],
            Some((d16, d17)),
        ),
    );
    let budapest = put_node(
        &mut g,
        node(
            "place:budapest",
            "Budapest",
            Kind::Place,
            &["Budapest"],
            Some((d17, d17)),
        ),
    );
    let ukraine = put_node(
        &mut g,
        node(
            "country:ukraine",
            "Ukraine",
            Kind::Country,
            &["Ukraine", "Ukrainian"],
            None,
        ),
    );
    let tomahawk = put_node(
        &mut g,
        node(
            "weapon:tomahawk",
            "Tomahawk",
            Kind::Weapon,
            &["Tomahawk", "Tomahawks"],
            None,
        ),
    );
    put_node(
        &mut g,
        node(
            "organisation:isolated",
            "Isolated Org",
            Kind::Organisation,
            &["Isolated Org"],
            None,
        ),
    );
    // Four pieces of evidence: only the first three are shown outside JSON.
    let spoke = vec![
        evidence(
            Some(d16),
            "a01",
            0,
            "Trump spoke with Putin by phone.",
            Modality::Asserted,
        ),
        evidence(
            Some(d16),
            "a01",
            40,
            "They spoke for two hours.",
            Modality::Asserted,
        ),
        evidence(
            Some(d17),
            "a02",
            5,
            "Trump said he \"spoke with Putin\" & aides.",
            Modality::Asserted,
        ),
        evidence(
            Some(d17),
            "a03",
            9,
            "Trump will speak with Putin again.",
            Modality::Planned,
        ),
    ];
    // Symmetric relations: given from Putin to Trump, stored from the smaller id.
    put_edge(&mut g, putin, trump, edge(Relation::SpokeWith, spoke));
    put_edge(
        &mut g,
        trump,
        putin,
        edge(
            Relation::PlansMeetingWith,
            vec![evidence(
                Some(d17),
                "a02",
                80,
                "Trump and Putin will meet in Budapest.",
                Modality::Planned,
            )],
        ),
    );
    // Parallel directed edges between the same pair, in both directions.
    put_edge(
        &mut g,
        trump,
        putin,
        edge(
            Relation::Criticized,
            vec![evidence(
                Some(d17),
                "a03",
                12,
                "Trump did not criticize Putin.",
                Modality::Negated,
            )],
        ),
    );
    put_edge(
        &mut g,
        putin,
        trump,
        edge(
            Relation::Praised,
            vec![evidence(
                Some(d16),
                "a01",
                70,
                "Putin praised Trump's efforts.",
                Modality::Asserted,
            )],
        ),
    );
    put_edge(
        &mut g,
        putin,
        budapest,
        edge(
            Relation::PlansMeetingIn,
            vec![evidence(
                Some(d17),
                "a02",
                80,
                "Trump and Putin will meet in Budapest.",
                Modality::Planned,
            )],
        ),
    );
    // A self-loop.
    put_edge(
        &mut g,
        trump,
        trump,
        edge(
            Relation::Praised,
            vec![evidence(
                Some(d17),
                "a02",
                99,
                "Trump praised himself.",
                Modality::Asserted,
            )],
        ),
    );
    // Undated, with the 20 kB sentence.
    put_edge(
        &mut g,
        ukraine,
        tomahawk,
        edge(
            Relation::Requested,
            vec![
                evidence(None, "a04", 0, &long_sentence(), Modality::Possible),
                evidence(
                    None,
                    "a05",
                    0,
                    "Ukraine asked for Tomahawks.",
                    Modality::Asserted,
                ),
            ],
        ),
    );
    g
}

/// Exports the fixture in every format into `dir`.
fn export(dir: &Path) -> Graph {
    let g = fixture();
    write_all(&g, dir, &Format::DEFAULT, &ExportOptions::default()).expect("export failed");
    g
}

/// Exports the fixture with custom options.
fn export_with(dir: &Path, opts: &ExportOptions) -> Graph {
    let g = fixture();
    write_all(&g, dir, &Format::DEFAULT, opts).expect("export failed");
    g
}

// ---------------------------------------------------------------------------------------------
// What each client can represent (written from the formats' rules, independent of the writers)
// ---------------------------------------------------------------------------------------------

/// XML 1.0: CR LF and CR read back as LF; C0 controls other than tab, LF, CR and U+FFFE/U+FFFF
/// cannot be written at all, so they are gone.
fn xml_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !matches!(c as u32, 0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0xfffe | 0xffff))
        .collect()
}

/// What a DOT label displays: line breaks (CR LF, CR, LF) as one line break, tab as a space,
/// other control characters dropped.
fn dot_display(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => None,
            c => Some(c),
        })
        .collect()
}

/// Decodes a Graphviz escString as Graphviz displays it: `\\` is a backslash, `\n` `\l` `\r`
/// are line breaks, a backslash before another character is dropped, and the substitutions
/// `\N \G \E \T \H \L` are shown as markers (they would replace text the source never asked
/// to replace).
fn esc_decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some(c @ ('N' | 'G' | 'E' | 'T' | 'H' | 'L')) => {
                out.push_str("<escString substitution \\");
                out.push(c);
                out.push('>');
            }
            Some(c) => out.push(c),
            None => out.push_str("<dangling backslash>"),
        }
    }
    out
}

/// A Gephi CSV free-text cell as Gephi reads it: trimmed, and with the OWASP formula guard.
fn gephi_text(s: &str, guard: bool) -> String {
    let t = s.trim();
    if guard && t.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\0']) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

/// A Neo4j CSV text value: one line, control characters as spaces, runs of white space as one.
fn neo4j_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The evidence summary shown outside JSON: the first `n` items as "[article] sentence",
/// joined by " || ".
fn summary(e: &PEdge, n: usize) -> String {
    e.evidence
        .iter()
        .take(n)
        .map(|ev| format!("[{}] {}", ev.article, ev.sentence))
        .collect::<Vec<_>>()
        .join(" || ")
}

fn aliases(n: &PNode) -> String {
    n.aliases.iter().cloned().collect::<Vec<_>>().join("; ")
}

fn modalities(e: &PEdge) -> Vec<&'static str> {
    e.modalities().iter().map(|m| m.as_str()).collect()
}

fn date_str(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Every edge of the source graph as (source id, target id, edge), in export order.
fn edges_of(g: &Graph) -> Vec<(String, String, PEdge)> {
    g.sorted_edges()
        .into_iter()
        .map(|ei| {
            let (a, b) = g.g.edge_endpoints(ei).unwrap();
            let e = &g.g[ei];
            let pe = PEdge {
                relation: e.relation,
                weight: e.weight,
                articles: e.articles,
                article_ids: g.article_strs(&e.article_ids).map(String::from).collect(),
                first_seen: e.first_seen.get(),
                last_seen: e.last_seen.get(),
                modality_counts: e.modality_counts,
                evidence: e
                    .evidence
                    .iter()
                    .map(|ev| g.evidence_rec(ev).unwrap())
                    .collect(),
            };
            (g.g[a].id.clone(), g.g[b].id.clone(), pe)
        })
        .collect()
}

/// Every node of the source graph, in export order.
fn nodes_of(g: &Graph) -> Vec<PNode> {
    g.sorted_nodes()
        .into_iter()
        .map(|i| {
            let n = &g.g[i];
            PNode {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind,
                aliases: n.aliases.clone(),
                mentions: n.mentions,
                articles: n.articles,
                article_ids: g.article_strs(&n.article_ids).map(String::from).collect(),
                first_seen: n.first_seen.get(),
                last_seen: n.last_seen.get(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Comparing what a client read
// ---------------------------------------------------------------------------------------------

/// Collects mismatches so that a failure lists all of them, not just the first.
#[derive(Default)]
struct Diffs(Vec<String>);

impl Diffs {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, ctx: impl std::fmt::Display, got: T, want: T) {
        if got != want {
            self.0
                .push(format!("{ctx}:\n    got  {got:?}\n    want {want:?}"));
        }
    }

    fn check(&mut self, ok: bool, msg: impl std::fmt::Display) {
        if !ok {
            self.0.push(msg.to_string());
        }
    }

    fn finish(self, what: &str) {
        if !self.0.is_empty() {
            let n = self.0.len();
            let shown: Vec<String> = self.0.into_iter().take(40).collect();
            panic!("{what}: {n} mismatches\n{}", shown.join("\n"));
        }
    }
}

use serde_json::Value;

/// The output of `tests/clients/readers.py`: nodes as (id, attributes), edges as (source,
/// target, key, attributes); each attribute is (python type name, value).
struct Read {
    directed: bool,
    multigraph: bool,
    nodes: Vec<(String, Attrs)>,
    edges: Vec<(String, String, String, Attrs)>,
}

#[derive(Clone)]
struct Attrs(serde_json::Map<String, Value>);

impl Attrs {
    /// (type, value) of an attribute.
    fn get(&self, k: &str) -> Option<(String, Value)> {
        let v = self.0.get(k)?.as_array()?;
        Some((v[0].as_str()?.to_string(), v[1].clone()))
    }

    fn str(&self, k: &str) -> Option<String> {
        self.get(k)
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    }
}

fn parse_read(out: &str) -> Read {
    let v: Value = serde_json::from_str(out).expect("client output is not JSON");
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let attrs = |v: &Value| Attrs(v.as_object().cloned().unwrap_or_default());
    Read {
        directed: v["directed"].as_bool().unwrap_or(false),
        multigraph: v["multigraph"].as_bool().unwrap_or(false),
        nodes: v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (s(&n[0]), attrs(&n[1])))
            .collect(),
        edges: v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (s(&e[0]), s(&e[1]), s(&e[2]), attrs(&e[3])))
            .collect(),
    }
}

/// Runs `readers.py MODE PATH` with a python that has `modules`; `None` when skipped.
fn python_read(test: &str, modules: &[&str], mode: &str, path: &Path) -> Option<Read> {
    let py = common::python_with(test, modules)?;
    let script = common::clients_dir().join("readers.py");
    let out = common::run_ok(
        &format!("{mode} {}", path.display()),
        &py,
        [script.as_os_str(), mode.as_ref(), path.as_os_str()],
    );
    Some(parse_read(&out))
}

/// Expects an attribute with a python type and value.
fn want(d: &mut Diffs, ctx: &str, a: &Attrs, key: &str, ty: &str, value: Value) {
    d.eq(
        format!("{ctx} attribute {key:?}"),
        a.get(key),
        Some((ty.to_string(), value)),
    );
}

/// Expects an attribute to be absent.
fn absent(d: &mut Diffs, ctx: &str, a: &Attrs, key: &str) {
    d.check(
        a.get(key).is_none(),
        format!(
            "{ctx}: attribute {key:?} should be absent, got {:?}",
            a.get(key)
        ),
    );
}

fn optional_date(d: &mut Diffs, ctx: &str, a: &Attrs, key: &str, date: Option<Date>) {
    match date_str(date) {
        Some(s) => want(d, ctx, a, key, "str", Value::from(s)),
        None => absent(d, ctx, a, key),
    }
}

/// A Java probe from `tests/clients`, compiled into a temporary folder.
struct JavaProbe {
    java: std::path::PathBuf,
    classpath: String,
    class: String,
    _dir: tempfile::TempDir,
}

impl JavaProbe {
    /// Compiles `tests/clients/{class}.java`, with commons-csv on the class path if asked;
    /// `None` when java, javac or the jar is missing (skipped or failed as configured).
    fn compile(test: &str, class: &str, commons_csv: bool) -> Option<JavaProbe> {
        let p = common::programs(test, &["javac", "java"])?;
        let dir = common::tempdir();
        let mut classpath = dir.path().display().to_string();
        if commons_csv {
            let jar = Path::new("/usr/share/java/commons-csv.jar");
            if !jar.is_file() {
                common::skip_or_fail(
                    test,
                    "/usr/share/java/commons-csv.jar not found (apt-get install libcommons-csv-java)",
                );
                return None;
            }
            classpath = format!("{}:{classpath}", jar.display());
        }
        let src = common::clients_dir().join(format!("{class}.java"));
        common::run_ok(
            &format!("javac {class}"),
            &p[0],
            [
                "-nowarn".as_ref(),
                "-encoding".as_ref(),
                "UTF-8".as_ref(),
                "-d".as_ref(),
                dir.path().as_os_str(),
                "-cp".as_ref(),
                classpath.as_ref(),
                src.as_os_str(),
            ],
        );
        Some(JavaProbe {
            java: p[1].clone(),
            classpath,
            class: class.to_string(),
            _dir: dir,
        })
    }

    fn run(&self, file: &Path) -> std::process::Output {
        common::run(
            &self.java,
            [
                "-Dfile.encoding=UTF-8".as_ref(),
                "-cp".as_ref(),
                self.classpath.as_ref(),
                self.class.as_ref(),
                file.as_os_str(),
            ],
        )
    }
}

/// Decodes the probes' `x<hex>` cells (`NULL` is a null cell).
fn unhex(cell: &str) -> Option<String> {
    if cell == "NULL" {
        return None;
    }
    let h = cell
        .strip_prefix('x')
        .expect("probe cell must start with x");
    let bytes: Vec<u8> = (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect();
    Some(String::from_utf8(bytes).expect("probe cell is not UTF-8"))
}

// ---------------------------------------------------------------------------------------------
// GraphML
// ---------------------------------------------------------------------------------------------

#[test]
fn graphml_is_valid_against_the_graphml_xsd() {
    let test = "graphml_is_valid_against_the_graphml_xsd";
    let Some(shared) = common::shared_dir(test) else {
        return;
    };
    let Some(p) = common::programs(test, &["xmllint"]) else {
        return;
    };
    let dir = common::tempdir();
    export(dir.path());
    let xsd = shared.join("schemas/graphml/graphml.xsd");
    let file = dir.path().join("graph.graphml");
    let o = common::run(
        &p[0],
        [
            "--noout".as_ref(),
            "--schema".as_ref(),
            xsd.as_os_str(),
            file.as_os_str(),
        ],
    );
    common::assert_success("xmllint --schema graphml.xsd graph.graphml", &o);

    // The gate can fail: the same file with a raw U+0001 (forbidden in XML 1.0) is rejected.
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = dir.path().join("bad.graphml");
    std::fs::write(&bad, text.replacen("Donald Trump", "Donald\u{1}Trump", 1)).unwrap();
    let o = common::run(
        &p[0],
        [
            "--noout".as_ref(),
            "--schema".as_ref(),
            xsd.as_os_str(),
            bad.as_os_str(),
        ],
    );
    assert!(!o.status.success(), "xmllint accepted a file with U+0001");
}

/// Maps a client's node ids to the graph's entity ids through the `entity` attribute.
fn entity_map(r: &Read) -> std::collections::HashMap<String, String> {
    r.nodes
        .iter()
        .map(|(id, a)| (id.clone(), a.str("entity").unwrap_or_default()))
        .collect()
}

#[test]
fn graphml_round_trips_through_networkx() {
    let test = "graphml_round_trips_through_networkx";
    let dir = common::tempdir();
    let g = export(dir.path());
    let Some(r) = python_read(
        test,
        &["networkx"],
        "graphml-networkx",
        &dir.path().join("graph.graphml"),
    ) else {
        return;
    };
    let mut d = Diffs::default();
    d.eq("directed", r.directed, true);
    d.eq("node count", r.nodes.len(), g.node_count());
    d.eq("edge count", r.edges.len(), g.edge_count());
    for n in nodes_of(&g) {
        let Some((_, a)) = r
            .nodes
            .iter()
            .find(|(_, a)| a.str("entity").as_deref() == Some(n.id.as_str()))
        else {
            d.check(false, format!("node {:?} not read", n.id));
            continue;
        };
        let ctx = format!("node {:?}", n.id);
        want(
            &mut d,
            &ctx,
            a,
            "label",
            "str",
            xml_text(&n.label).trim().into(),
        );
        want(&mut d, &ctx, a, "kind", "str", n.kind.as_str().into());
        want(
            &mut d,
            &ctx,
            a,
            "aliases",
            "str",
            xml_text(&aliases(&n)).trim().into(),
        );
        want(&mut d, &ctx, a, "mentions", "int", n.mentions.into());
        want(&mut d, &ctx, a, "articles", "int", n.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "article_ids",
            "str",
            xml_text(&n.article_ids.join(";")).trim().into(),
        );
        optional_date(&mut d, &ctx, a, "first_seen", n.first_seen);
        optional_date(&mut d, &ctx, a, "last_seen", n.last_seen);
    }
    let ent = entity_map(&r);
    let mut keys = BTreeSet::new();
    for (s, t, e) in edges_of(&g) {
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let found = r.edges.iter().find(|(u, v, _, a)| {
            ent[u] == s && ent[v] == t && a.str("relation").as_deref() == Some(e.relation.id())
        });
        let Some((_, _, key, a)) = found else {
            d.check(false, format!("{ctx} not read"));
            continue;
        };
        keys.insert(key.clone());
        want(&mut d, &ctx, a, "label", "str", e.relation.label().into());
        want(
            &mut d,
            &ctx,
            a,
            "directed",
            "bool",
            e.relation.directed().into(),
        );
        want(&mut d, &ctx, a, "weight", "float", (e.weight as f64).into());
        want(&mut d, &ctx, a, "articles", "int", e.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "article_ids",
            "str",
            xml_text(&e.article_ids.join(";")).trim().into(),
        );
        want(
            &mut d,
            &ctx,
            a,
            "modality",
            "str",
            modalities(&e).join(";").into(),
        );
        want(
            &mut d,
            &ctx,
            a,
            "evidence",
            "str",
            xml_text(&summary(&e, 3)).trim().into(),
        );
        optional_date(&mut d, &ctx, a, "first_seen", e.first_seen);
        optional_date(&mut d, &ctx, a, "last_seen", e.last_seen);
    }
    d.eq("distinct edge ids", keys.len(), g.edge_count());
    d.finish("GraphML read by networkx");
}

#[test]
fn graphml_round_trips_through_igraph() {
    let test = "graphml_round_trips_through_igraph";
    let dir = common::tempdir();
    let g = export(dir.path());
    let Some(r) = python_read(
        test,
        &["igraph"],
        "graphml-igraph",
        &dir.path().join("graph.graphml"),
    ) else {
        return;
    };
    let mut d = Diffs::default();
    d.eq("directed", r.directed, true);
    d.eq("node count", r.nodes.len(), g.node_count());
    d.eq("edge count", r.edges.len(), g.edge_count());
    let mut got: Vec<(String, String)> = r
        .nodes
        .iter()
        .map(|(_, a)| {
            (
                a.str("entity").unwrap_or_default(),
                a.str("label").unwrap_or_default(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> = nodes_of(&g)
        .into_iter()
        .map(|n| (n.id.clone(), xml_text(&n.label).trim().to_string()))
        .collect();
    got.sort();
    expected.sort();
    d.eq("(entity, label) of every vertex", got, expected);
    let ent = entity_map(&r);
    let mut got: Vec<(String, String, String)> = r
        .edges
        .iter()
        .map(|(u, v, _, a)| {
            (
                ent[u].clone(),
                a.str("relation").unwrap_or_default(),
                ent[v].clone(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, String)> = edges_of(&g)
        .into_iter()
        .map(|(s, t, e)| (s, e.relation.id().to_string(), t))
        .collect();
    got.sort();
    expected.sort();
    d.eq("(source, relation, target) of every edge", got, expected);
    let ids: BTreeSet<String> = r.edges.iter().filter_map(|e| e.3.str("id")).collect();
    d.eq("distinct edge ids", ids.len(), g.edge_count());
    d.finish("GraphML read by igraph");
}

#[test]
fn graphml_text_reads_back_in_gephis_stax_loop() {
    let test = "graphml_text_reads_back_in_gephis_stax_loop";
    let Some(probe) = JavaProbe::compile(test, "GephiGraphmlProbe", false) else {
        return;
    };
    let dir = common::tempdir();
    let g = export(dir.path());
    let o = probe.run(&dir.path().join("graph.graphml"));
    common::assert_success("GephiGraphmlProbe", &o);
    let out = String::from_utf8(o.stdout).unwrap();
    // (element kind, element id, key) -> value as Gephi reads it
    let mut values = std::collections::HashMap::new();
    for line in out.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 4, "bad probe line {line:?}");
        values.insert(
            (f[0].to_string(), f[1].to_string(), f[2].to_string()),
            unhex(f[3]).unwrap(),
        );
    }
    let by_entity: std::collections::HashMap<String, String> = values
        .iter()
        .filter(|((k, _, key), _)| k == "N" && key == "entity")
        .map(|((_, id, _), v)| (v.clone(), id.clone()))
        .collect();
    let mut d = Diffs::default();
    d.eq(
        "nodes with an entity value",
        by_entity.len(),
        g.node_count(),
    );
    let get = |k: &str, id: &str, key: &str| {
        values
            .get(&(k.to_string(), id.to_string(), key.to_string()))
            .cloned()
    };
    for n in nodes_of(&g) {
        let Some(id) = by_entity.get(&n.id) else {
            d.check(false, format!("node {:?} not read", n.id));
            continue;
        };
        let ctx = format!("node {:?}", n.id);
        d.eq(
            format!("{ctx} label"),
            get("N", id, "label"),
            Some(xml_text(&n.label).trim().to_string()),
        );
        d.eq(
            format!("{ctx} aliases"),
            get("N", id, "aliases"),
            Some(xml_text(&aliases(&n)).trim().to_string()),
        );
        d.eq(
            format!("{ctx} article_ids"),
            get("N", id, "n_article_ids"),
            Some(xml_text(&n.article_ids.join(";")).trim().to_string()),
        );
    }
    // Edges are written in export order, so e{i} is the i-th sorted edge.
    for (i, (s, t, e)) in edges_of(&g).into_iter().enumerate() {
        let id = format!("e{i}");
        let ctx = format!("edge {id} {s} -{}-> {t}", e.relation.id());
        d.eq(
            format!("{ctx} label"),
            get("E", &id, "e_label"),
            Some(e.relation.label().to_string()),
        );
        d.eq(
            format!("{ctx} weight"),
            get("E", &id, "weight").and_then(|w| w.parse::<f64>().ok()),
            Some(e.weight as f64),
        );
        d.eq(
            format!("{ctx} evidence"),
            get("E", &id, "evidence"),
            Some(xml_text(&summary(&e, 3)).trim().to_string()),
        );
    }
    d.finish("GraphML read by Gephi's StAX loop");
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

#[test]
fn json_round_trips_through_networkx_node_link_graph() {
    let test = "json_round_trips_through_networkx_node_link_graph";
    let dir = common::tempdir();
    let g = export(dir.path());
    let Some(r) = python_read(
        test,
        &["networkx"],
        "json-networkx",
        &dir.path().join("graph.json"),
    ) else {
        return;
    };
    let mut d = Diffs::default();
    d.eq("directed", r.directed, true);
    d.eq("multigraph", r.multigraph, true);
    d.eq("node count", r.nodes.len(), g.node_count());
    d.eq("edge count", r.edges.len(), g.edge_count());
    let strings = |v: &[String]| Value::from(v.to_vec());
    for n in nodes_of(&g) {
        let Some((_, a)) = r.nodes.iter().find(|(id, _)| *id == n.id) else {
            d.check(false, format!("node {:?} not read", n.id));
            continue;
        };
        let ctx = format!("node {:?}", n.id);
        want(&mut d, &ctx, a, "label", "str", n.label.clone().into());
        want(&mut d, &ctx, a, "kind", "str", n.kind.as_str().into());
        let al: Vec<String> = n.aliases.iter().cloned().collect();
        want(&mut d, &ctx, a, "aliases", "list", strings(&al));
        want(&mut d, &ctx, a, "mentions", "int", n.mentions.into());
        want(&mut d, &ctx, a, "articles", "int", n.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "article_ids",
            "list",
            strings(&n.article_ids),
        );
        optional_date(&mut d, &ctx, a, "first_seen", n.first_seen);
        optional_date(&mut d, &ctx, a, "last_seen", n.last_seen);
    }
    for (s, t, e) in edges_of(&g) {
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let Some((_, _, _, a)) = r
            .edges
            .iter()
            .find(|(u, v, k, _)| *u == s && *v == t && k == e.relation.id())
        else {
            d.check(false, format!("{ctx} not read (key = relation id)"));
            continue;
        };
        want(&mut d, &ctx, a, "relation", "str", e.relation.id().into());
        want(&mut d, &ctx, a, "label", "str", e.relation.label().into());
        want(
            &mut d,
            &ctx,
            a,
            "directed",
            "bool",
            e.relation.directed().into(),
        );
        want(&mut d, &ctx, a, "weight", "int", e.weight.into());
        want(&mut d, &ctx, a, "articles", "int", e.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "article_ids",
            "list",
            strings(&e.article_ids),
        );
        want(
            &mut d,
            &ctx,
            a,
            "modality",
            "list",
            Value::from(modalities(&e)),
        );
        optional_date(&mut d, &ctx, a, "first_seen", e.first_seen);
        optional_date(&mut d, &ctx, a, "last_seen", e.last_seen);
        let got = a.get("evidence").map(|(_, v)| v).unwrap_or_default();
        let got = got.as_array().cloned().unwrap_or_default();
        d.eq(format!("{ctx} evidence count"), got.len(), e.evidence.len());
        for (j, (gv, ev)) in got.iter().zip(&e.evidence).enumerate() {
            d.eq(
                format!("{ctx} evidence {j} sentence"),
                gv["sentence"].as_str(),
                Some(ev.sentence.as_str()),
            );
            d.eq(
                format!("{ctx} evidence {j} article"),
                gv["article"].as_str(),
                Some(ev.article.as_str()),
            );
            d.eq(
                format!("{ctx} evidence {j} date"),
                gv["date"].as_str().map(str::to_string),
                date_str(ev.date),
            );
            d.eq(
                format!("{ctx} evidence {j} modality"),
                gv["modality"].as_str(),
                Some(ev.modality.as_str()),
            );
        }
    }
    // Parallel edges of different relations between one pair stay apart.
    let pair = r
        .edges
        .iter()
        .filter(|(u, v, _, _)| {
            let p = [u.as_str(), v.as_str()];
            p.contains(&"person:donald_trump") && p.contains(&"person:vladimir_putin")
        })
        .count();
    d.eq("edges between Trump and Putin", pair, 4);
    d.finish("JSON read by networkx");
}

// ---------------------------------------------------------------------------------------------
// evidence.jsonl
// ---------------------------------------------------------------------------------------------

/// Articles for a real build whose ids and texts hold awkward characters: quotes, backslashes,
/// tabs, CR LF, U+2028, emoji, markup, Cyrillic; one undated.
const EVIDENCE_ARTICLES: &[&str] = &[
    r#"{"id":"q1 \"quoted\" \\ back","date":"2025-10-17","text":"President Donald Trump met Vladimir Putin in Budapest on Friday. Trump spoke with Putin about Ukraine \"at length\" \\ twice."}"#,
    r#"{"id":"Зеленський-1","date":"2025-10-18","text":"Volodymyr Zelensky urged Trump to send Tomahawk missiles.\tZelensky said the talks went well — «Ми готові»."}"#,
    r#"{"id":"tab\tand\u2028sep","text":"Russia attacked Ukraine overnight \u2028 officials said. Germany supplies Taurus missiles to Ukraine."}"#,
    r#"{"id":"n4","date":"2025-11-02","text":"Trump said he would not send Tomahawk missiles to Ukraine.\r\nPutin criticized NATO 👩‍👩‍👧 & <partners>."}"#,
    r#"{"id":"n5","date":"2024-03-02","text":"Sergei Lavrov met Marco Rubio in Budapest. Lavrov spoke with Rubio. Lavrov spoke with Rubio again on Monday."}"#,
    r#"{"id":"n6","date":"2025-10-17","text":"Trump met Putin again. Putin praised Trump. Trump met Putin in Alaska."}"#,
];

#[test]
fn evidence_jsonl_reads_back_with_serde_json_and_python_json() {
    use newsgraph::export::evidence::Line;
    use std::collections::BTreeMap;
    let test = "evidence_jsonl_reads_back_with_serde_json_and_python_json";
    let dir = common::tempdir();
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, EVIDENCE_ARTICLES.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    let o = common::run(
        env!("CARGO_BIN_EXE_newsgraph"),
        [
            "build".as_ref(),
            input.as_os_str(),
            "--quiet".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            "--output".as_ref(),
            out.as_os_str(),
        ],
    );
    common::assert_success("newsgraph build", &o);
    let doc: Value = serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap())
        .expect("graph.json is JSON");
    let key = |s: &str, r: &str, t: &str| (s.to_string(), r.to_string(), t.to_string());
    let mut weights = BTreeMap::new();
    let mut samples = Vec::new();
    for e in doc["edges"].as_array().unwrap() {
        let (s, r, t) = (
            e["source"].as_str().unwrap(),
            e["relation"].as_str().unwrap(),
            e["target"].as_str().unwrap(),
        );
        weights.insert(key(s, r, t), e["weight"].as_u64().unwrap());
        for ev in e["evidence"].as_array().unwrap() {
            samples.push((key(s, r, t), ev.clone()));
        }
    }
    assert!(weights.len() >= 5, "too few edges: {weights:?}");
    let text = std::fs::read(out.join("evidence.jsonl")).unwrap();
    assert!(text.ends_with(b"\n"), "the last line has no newline");
    let raw: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    let raw = &raw[..raw.len() - 1];
    let mut d = Diffs::default();
    // serde_json: every line is one object of the documented shape.
    let lines: Vec<Line<'_>> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_slice(l).unwrap_or_else(|e| panic!("evidence.jsonl:{}: {e}", i + 1))
        })
        .collect();
    let mut counts: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for l in &lines {
        *counts
            .entry(key(&l.source, l.relation.id(), &l.target))
            .or_default() += 1;
    }
    d.eq("lines per edge = edge weights", &counts, &weights);
    d.eq(
        "lines = sum of weights",
        lines.len() as u64,
        weights.values().sum::<u64>(),
    );
    // Every piece of evidence graph.json keeps is a line of its edge.
    let as_value = |l: &Line<'_>| {
        let mut v = serde_json::json!({
            "article": l.article, "start": l.start, "end": l.end,
            "sentence": l.sentence, "trigger": l.trigger, "modality": l.modality,
        });
        if let Some(date) = l.date {
            v["date"] = Value::from(date.to_string());
        }
        v
    };
    for (k, ev) in &samples {
        let found = lines
            .iter()
            .any(|l| key(&l.source, l.relation.id(), &l.target) == *k && as_value(l) == *ev);
        d.check(
            found,
            format!("graph.json evidence {ev} of {k:?} is no line"),
        );
    }
    // The awkward ids and sentences came through.
    let articles: BTreeSet<&str> = lines.iter().map(|l| l.article.as_ref()).collect();
    for id in [
        "q1 \"quoted\" \\ back",
        "Зеленський-1",
        "tab\tand\u{2028}sep",
    ] {
        d.check(articles.contains(id), format!("no line of article {id:?}"));
    }
    d.check(
        lines.iter().any(|l| l.date.is_none()),
        "no line of the undated article",
    );
    d.finish("evidence.jsonl read by serde_json");
    // Python's json module reads the same values.
    let Some(py) = common::python_with(test, &["json"]) else {
        return;
    };
    let script = common::clients_dir().join("readers.py");
    let path = out.join("evidence.jsonl");
    let got = common::run_ok(
        "readers.py jsonl",
        &py,
        [script.as_os_str(), "jsonl".as_ref(), path.as_os_str()],
    );
    let got: Value = serde_json::from_str(&got).expect("readers.py output is JSON");
    let got = got["lines"].as_array().unwrap();
    let mut d = Diffs::default();
    d.eq("lines read by Python", got.len(), lines.len());
    for (i, (p, l)) in got.iter().zip(&lines).enumerate() {
        let mut want = as_value(l);
        want["source"] = Value::from(l.source.as_ref());
        want["target"] = Value::from(l.target.as_ref());
        want["relation"] = Value::from(l.relation.id());
        d.eq(format!("line {}", i + 1), p, &want);
    }
    d.finish("evidence.jsonl read by Python's json");
}

// ---------------------------------------------------------------------------------------------
// DOT
// ---------------------------------------------------------------------------------------------

/// The byte length of every double-quoted string in a DOT file (`\"` does not end one).
fn quoted_lengths(dot: &str) -> Vec<usize> {
    let b = dot.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push(i.min(b.len()) - start);
        }
        i += 1;
    }
    out
}

/// Graphviz 2.42 rejects quoted strings of 16,382 bytes and more.
const GRAPHVIZ_QUOTED_LIMIT: usize = 16_000;

#[test]
fn dot_parses_in_graphviz_with_the_right_counts() {
    let test = "dot_parses_in_graphviz_with_the_right_counts";
    let Some(p) = common::programs(test, &["nop", "gc"]) else {
        return;
    };
    let dir = common::tempdir();
    let g = export(dir.path());
    let file = dir.path().join("graph.dot");
    common::run_ok("nop graph.dot", &p[0], [&file]);
    let text = std::fs::read_to_string(&file).unwrap();
    let longest = quoted_lengths(&text).into_iter().max().unwrap_or(0);
    assert!(
        longest < GRAPHVIZ_QUOTED_LIMIT,
        "a quoted string of {longest} bytes (Graphviz 2.42 fails at 16,382)"
    );
    let out = common::run_ok(
        "gc -n -e graph.dot",
        &p[1],
        ["-n".as_ref(), "-e".as_ref(), file.as_os_str()],
    );
    let nums: Vec<usize> = out
        .split_whitespace()
        .take(2)
        .map(|s| {
            s.parse()
                .unwrap_or_else(|_| panic!("unexpected gc output {out:?}"))
        })
        .collect();
    assert_eq!(
        nums,
        vec![g.node_count(), g.edge_count()],
        "gc -n -e: {out}"
    );
}

#[test]
fn dot_labels_round_trip_through_gvpr() {
    let test = "dot_labels_round_trip_through_gvpr";
    let Some(p) = common::programs(test, &["gvpr"]) else {
        return;
    };
    let dir = common::tempdir();
    let g = export(dir.path());
    let file = dir.path().join("graph.dot");
    let prog = r#"N{printf("N\t%s\t%s\t%s\n",$.name,$.label,$.tooltip)} E{printf("E\t%s\t%s\t%s\t%s\t%s\n",$.tail.name,$.head.name,$.label,$.tooltip,$.dir)}"#;
    let out = common::run_ok("gvpr label dump", &p[0], [prog.as_ref(), file.as_os_str()]);
    let mut nodes = std::collections::HashMap::new();
    let mut edges = Vec::new();
    for line in out.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "N" if f.len() == 4 => {
                nodes.insert(f[1].to_string(), (f[2].to_string(), f[3].to_string()));
            }
            "E" if f.len() == 6 => edges.push((
                f[1].to_string(),
                f[2].to_string(),
                f[3].to_string(),
                f[4].to_string(),
                f[5].to_string(),
            )),
            _ => panic!("unexpected gvpr line {line:?} (a raw tab or newline inside a value?)"),
        }
    }
    let mut d = Diffs::default();
    d.eq("node count", nodes.len(), g.node_count());
    d.eq("edge count", edges.len(), g.edge_count());
    for n in nodes_of(&g) {
        // The fixture's ids hold no backslash, quote or control character, so the DOT node
        // name is the id itself.
        let Some((label, _)) = nodes.get(&n.id) else {
            d.check(false, format!("node {:?} not in the DOT graph", n.id));
            continue;
        };
        d.eq(
            format!("node {:?} label", n.id),
            esc_decode(label),
            dot_display(&n.label),
        );
    }
    let mut seen = BTreeSet::new();
    for (s, t, e) in edges_of(&g) {
        let want_label = if e.weight > 1 {
            format!("{} ({})", e.relation.label(), e.weight)
        } else {
            e.relation.label().to_string()
        };
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let found = edges
            .iter()
            .position(|(a, b, l, _, _)| *a == s && *b == t && esc_decode(l) == want_label);
        let Some(i) = found else {
            d.check(
                false,
                format!("{ctx}: no DOT edge with label {want_label:?}"),
            );
            continue;
        };
        d.check(seen.insert(i), format!("{ctx}: matched a DOT edge twice"));
        // Symmetric relations are drawn without arrowheads.
        let dir = if e.relation.directed() { "" } else { "none" };
        d.eq(format!("{ctx} dir"), edges[i].4.as_str(), dir);
        let tooltip = esc_decode(&edges[i].3);
        let full = dot_display(&summary(&e, 3));
        if tooltip != full {
            // Only a tooltip over the cap may differ, and only by being cut short.
            d.check(
                full.starts_with(&tooltip)
                    && edges[i].3.len() > 4000
                    && edges[i].3.len() < GRAPHVIZ_QUOTED_LIMIT,
                format!(
                    "{ctx}: tooltip differs:\n    got  {:?}\n    want {:?}",
                    common::tail(&tooltip),
                    common::tail(&full)
                ),
            );
        }
    }
    d.finish("DOT read by gvpr");
}

#[test]
fn dot_renders_to_svg() {
    let test = "dot_renders_to_svg";
    let Some(p) = common::programs(test, &["dot"]) else {
        return;
    };
    let dir = common::tempdir();
    let g = export(dir.path());
    assert!(g.node_count() < 50, "keep the rendered graph small");
    let svg = dir.path().join("graph.svg");
    let o = common::run(
        &p[0],
        [
            "-Tsvg".as_ref(),
            dir.path().join("graph.dot").as_os_str(),
            "-o".as_ref(),
            svg.as_os_str(),
        ],
    );
    common::assert_success("dot -Tsvg graph.dot", &o);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        !stderr.contains("Error"),
        "dot -Tsvg reported an error: {stderr}"
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert_eq!(
        svg.matches("class=\"node\"").count(),
        g.node_count(),
        "nodes drawn"
    );
    assert_eq!(
        svg.matches("class=\"edge\"").count(),
        g.edge_count(),
        "edges drawn"
    );
    for text in ["Зеленський", "Budapest", "C:\\new\\table \\N"] {
        assert!(svg.contains(text), "the SVG does not show {text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Gephi CSV
// ---------------------------------------------------------------------------------------------

/// One table as read back: header names and rows of cells (`None` = null/empty).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Option<String>>>,
}

impl Table {
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }

    fn cell(&self, row: &[Option<String>], name: &str) -> Option<String> {
        row[self.col(name)].clone()
    }
}

/// A cell Gephi reads as missing when it is empty (a blank name, trimmed).
fn filled(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The expected cells of `nodes.csv` and `edges.csv` as Gephi reads them, by column name.
fn gephi_expected_nodes(n: &PNode, guard: bool) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("Id", Some(n.id.trim().to_string())),
        ("Label", filled(gephi_text(&n.label, guard))),
        ("kind", Some(n.kind.as_str().to_string())),
        ("aliases", filled(gephi_text(&aliases(n), guard))),
        ("mentions", Some(n.mentions.to_string())),
        ("articles", Some(n.articles.to_string())),
        ("first_seen", date_str(n.first_seen)),
        ("last_seen", date_str(n.last_seen)),
        (
            "article_ids",
            Some(gephi_text(&n.article_ids.join(";"), guard)),
        ),
    ]
}

fn gephi_expected_edge(
    s: &str,
    t: &str,
    e: &PEdge,
    guard: bool,
) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("Source", Some(s.to_string())),
        ("Target", Some(t.to_string())),
        ("Type", Some("Directed".to_string())),
        ("Kind", Some(e.relation.id().to_string())),
        ("Label", Some(e.relation.label().to_string())),
        ("relation", Some(e.relation.id().to_string())),
        ("directed", Some(e.relation.directed().to_string())),
        ("articles", Some(e.articles.to_string())),
        ("first_seen", date_str(e.first_seen)),
        ("last_seen", date_str(e.last_seen)),
        ("modality", Some(modalities(e).join(";"))),
        ("evidence", filled(gephi_text(&summary(e, 3), guard))),
    ]
}

/// Checks both tables against the graph: headers Gephi can use, every cell, the weight.
fn check_gephi_tables(what: &str, g: &Graph, nodes: &Table, edges: &Table, guard: bool) {
    let mut d = Diffs::default();
    for t in [nodes, edges] {
        for h in &t.header {
            let l = h.to_ascii_lowercase();
            d.check(
                !h.contains(' '),
                format!("header {h:?} has a space (Gephi may split on spaces)"),
            );
            d.check(
                !l.contains("interval") && !l.contains("timestamp") && l != "timeset",
                format!("header {h:?} would become a dynamic column in Gephi"),
            );
        }
    }
    d.eq("nodes.csv rows", nodes.rows.len(), g.node_count());
    d.eq("edges.csv rows", edges.rows.len(), g.edge_count());
    for n in nodes_of(g) {
        let Some(row) = nodes
            .rows
            .iter()
            .find(|r| nodes.cell(r, "Id").as_deref() == Some(n.id.as_str()))
        else {
            d.check(false, format!("node {:?} not in nodes.csv", n.id));
            continue;
        };
        for (col, want) in gephi_expected_nodes(&n, guard) {
            d.eq(
                format!("node {:?} column {col}", n.id),
                nodes.cell(row, col),
                want,
            );
        }
    }
    let mut kinds = BTreeSet::new();
    for row in &edges.rows {
        let key = (
            edges.cell(row, "Source"),
            edges.cell(row, "Kind"),
            edges.cell(row, "Target"),
        );
        d.check(
            kinds.insert(key.clone()),
            format!("two edges share (Source, Kind, Target) {key:?}: Gephi would merge them"),
        );
    }
    for (s, t, e) in edges_of(g) {
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let Some(row) = edges.rows.iter().find(|r| {
            edges.cell(r, "Source").as_deref() == Some(s.as_str())
                && edges.cell(r, "Target").as_deref() == Some(t.as_str())
                && edges.cell(r, "Kind").as_deref() == Some(e.relation.id())
        }) else {
            d.check(false, format!("{ctx} not in edges.csv"));
            continue;
        };
        for (col, want) in gephi_expected_edge(&s, &t, &e, guard) {
            d.eq(format!("{ctx} column {col}"), edges.cell(row, col), want);
        }
        d.eq(
            format!("{ctx} Weight"),
            edges
                .cell(row, "Weight")
                .and_then(|w| w.parse::<f64>().ok()),
            Some(e.weight as f64),
        );
        d.check(edges.cell(row, "Id").is_some(), format!("{ctx} has no Id"));
    }
    d.finish(what);
}

fn gephi_probe_table(probe: &JavaProbe, file: &Path) -> Table {
    let o = probe.run(file);
    common::assert_success(&format!("GephiCsvProbe {}", file.display()), &o);
    let out = String::from_utf8(o.stdout).unwrap();
    let mut lines = out.lines();
    let header: Vec<String> = lines
        .next()
        .expect("no header")
        .split('\t')
        .skip(1)
        .map(|c| unhex(c).unwrap())
        .collect();
    let mut rows = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f[0], "R", "bad probe line {line:?}");
        assert_eq!(
            f[1],
            "true",
            "record {} of {} is inconsistent: Gephi skips it",
            rows.len() + 1,
            file.display()
        );
        let cells: Vec<Option<String>> = f[2..].iter().map(|c| unhex(c)).collect();
        assert_eq!(
            cells.len(),
            header.len(),
            "record {} of {}",
            rows.len() + 1,
            file.display()
        );
        rows.push(cells);
    }
    Table { header, rows }
}

#[test]
fn csv_reads_back_with_gephis_csv_format() {
    let test = "csv_reads_back_with_gephis_csv_format";
    let Some(probe) = JavaProbe::compile(test, "GephiCsvProbe", true) else {
        return;
    };
    let dir = common::tempdir();
    let g = export(dir.path());
    let nodes = gephi_probe_table(&probe, &dir.path().join("nodes.csv"));
    let edges = gephi_probe_table(&probe, &dir.path().join("edges.csv"));
    check_gephi_tables(
        "Gephi CSV read by commons-csv with Gephi's format",
        &g,
        &nodes,
        &edges,
        true,
    );
}

/// Reads a Gephi-flavoured CSV with the `csv` crate (RFC 4180, no escape character) and undoes
/// the doubled backslashes.
fn rust_csv_table(file: &Path) -> Table {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let undouble = |s: &str| {
        let mut out = String::with_capacity(s.len());
        let mut it = s.chars();
        while let Some(c) = it.next() {
            out.push(c);
            if c == '\\' {
                assert_eq!(it.next(), Some('\\'), "a single backslash in {s:?}");
            }
        }
        out
    };
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            rec.iter()
                .map(|c| (!c.trim().is_empty()).then(|| undouble(c.trim())))
                .collect()
        })
        .collect();
    Table { header, rows }
}

#[test]
fn csv_reads_back_with_the_csv_crate_with_and_without_formula_guard() {
    for guard in [true, false] {
        let dir = common::tempdir();
        let opts = ExportOptions {
            csv_formula_guard: guard,
            ..ExportOptions::default()
        };
        let g = export_with(dir.path(), &opts);
        let nodes = rust_csv_table(&dir.path().join("nodes.csv"));
        let edges = rust_csv_table(&dir.path().join("edges.csv"));
        check_gephi_tables(
            &format!("Gephi CSV read by the csv crate, guard {guard}"),
            &g,
            &nodes,
            &edges,
            guard,
        );
        // The guard never touches ids or numbers: the node whose id is "-1" keeps it.
        let row = nodes
            .rows
            .iter()
            .find(|r| nodes.cell(r, "Id").as_deref() == Some("-1"));
        assert!(row.is_some(), "the id -1 was changed");
        let label = nodes.cell(row.unwrap(), "Label").unwrap();
        assert_eq!(
            label.starts_with('\''),
            guard,
            "label {label:?} with guard {guard}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// GEXF
// ---------------------------------------------------------------------------------------------

#[test]
fn gexf_is_valid_against_the_gexf_relaxng() {
    let test = "gexf_is_valid_against_the_gexf_relaxng";
    let Some(shared) = common::shared_dir(test) else {
        return;
    };
    let Some(p) = common::programs(test, &["xmllint"]) else {
        return;
    };
    let dir = common::tempdir();
    export(dir.path());
    let rng = shared.join("schemas/gexf-1.3/gexf.rng");
    let file = dir.path().join("graph.gexf");
    let o = common::run(
        &p[0],
        [
            "--noout".as_ref(),
            "--relaxng".as_ref(),
            rng.as_os_str(),
            file.as_os_str(),
        ],
    );
    common::assert_success("xmllint --relaxng gexf.rng graph.gexf", &o);

    // The gate can fail: a date that is not a date is rejected.
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = dir.path().join("bad.gexf");
    std::fs::write(
        &bad,
        text.replacen("start=\"2025-", "start=\"not-a-date-", 1),
    )
    .unwrap();
    let o = common::run(
        &p[0],
        [
            "--noout".as_ref(),
            "--relaxng".as_ref(),
            rng.as_os_str(),
            bad.as_os_str(),
        ],
    );
    assert!(
        !o.status.success(),
        "xmllint accepted a GEXF file with a bad date"
    );
}

#[test]
fn gexf_round_trips_through_networkx() {
    let test = "gexf_round_trips_through_networkx";
    let dir = common::tempdir();
    let g = export(dir.path());
    let Some(r) = python_read(
        test,
        &["networkx"],
        "gexf-networkx",
        &dir.path().join("graph.gexf"),
    ) else {
        return;
    };
    let mut d = Diffs::default();
    d.eq("directed", r.directed, true);
    d.eq("node count", r.nodes.len(), g.node_count());
    d.eq("edge count", r.edges.len(), g.edge_count());
    for n in nodes_of(&g) {
        let Some((_, a)) = r
            .nodes
            .iter()
            .find(|(_, a)| a.str("entity").as_deref() == Some(n.id.as_str()))
        else {
            d.check(false, format!("node {:?} not read", n.id));
            continue;
        };
        let ctx = format!("node {:?}", n.id);
        want(&mut d, &ctx, a, "label", "str", xml_text(&n.label).into());
        want(&mut d, &ctx, a, "kind", "str", n.kind.as_str().into());
        want(
            &mut d,
            &ctx,
            a,
            "aliases",
            "str",
            xml_text(&aliases(&n)).into(),
        );
        want(&mut d, &ctx, a, "mentions", "int", n.mentions.into());
        want(&mut d, &ctx, a, "articles", "int", n.articles.into());
        optional_date(&mut d, &ctx, a, "start", n.first_seen);
        optional_date(&mut d, &ctx, a, "end", n.last_seen);
        let viz = a.get("viz").map(|(_, v)| v).unwrap_or_default();
        d.check(
            viz["color"]["r"].is_u64(),
            format!("{ctx}: no viz:color r/g/b, got {viz}"),
        );
    }
    let ent = entity_map(&r);
    let node_attrs: std::collections::HashMap<&String, &Attrs> =
        r.nodes.iter().map(|(id, a)| (id, a)).collect();
    for (s, t, e) in edges_of(&g) {
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let Some((u, v, key, a)) = r.edges.iter().find(|(u, v, _, a)| {
            ent[u] == s && ent[v] == t && a.str("relation").as_deref() == Some(e.relation.id())
        }) else {
            d.check(false, format!("{ctx} not read"));
            continue;
        };
        want(&mut d, &ctx, a, "id", "str", key.clone().into());
        want(&mut d, &ctx, a, "label", "str", e.relation.label().into());
        want(&mut d, &ctx, a, "gexf_kind", "str", e.relation.id().into());
        want(&mut d, &ctx, a, "weight", "float", (e.weight as f64).into());
        want(
            &mut d,
            &ctx,
            a,
            "directed",
            "bool",
            e.relation.directed().into(),
        );
        want(
            &mut d,
            &ctx,
            a,
            "modality",
            "str",
            modalities(&e).join(";").into(),
        );
        want(&mut d, &ctx, a, "articles", "int", e.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "evidence",
            "str",
            xml_text(&summary(&e, 3)).into(),
        );
        optional_date(&mut d, &ctx, a, "start", e.first_seen);
        optional_date(&mut d, &ctx, a, "end", e.last_seen);
        // Gephi wants a dated edge inside the time bounds of its dated nodes.
        if let (Some(es), Some(ee)) = (a.str("start"), a.str("end")) {
            for end in [u, v] {
                let na = node_attrs[end];
                if let (Some(ns), Some(ne)) = (na.str("start"), na.str("end")) {
                    d.check(
                        ns <= es && ee <= ne,
                        format!(
                            "{ctx}: interval [{es}, {ee}] outside node {} [{ns}, {ne}]",
                            ent[end]
                        ),
                    );
                }
            }
        }
    }
    d.finish("GEXF read by networkx");
}

// ---------------------------------------------------------------------------------------------
// Neo4j bulk-import CSV
// ---------------------------------------------------------------------------------------------

/// One parsed header field of a neo4j-admin CSV: (property name, type or special role).
fn neo4j_field(h: &str) -> Result<(String, String), String> {
    const TYPES: &[&str] = &[
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "byte",
        "short",
        "char",
        "string",
        "point",
        "date",
        "localtime",
        "time",
        "localdatetime",
        "datetime",
        "duration",
    ];
    const ROLES: &[&str] = &["ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"];
    let Some((name, ty)) = h.rsplit_once(':') else {
        let ok = !h.is_empty() && h.chars().all(|c| c.is_alphanumeric() || c == '_');
        return if ok {
            Ok((h.to_string(), "string".to_string()))
        } else {
            Err(format!("bad property name {h:?}"))
        };
    };
    let role = ty.split('(').next().unwrap_or_default();
    if ROLES.contains(&role) {
        if matches!(role, "LABEL" | "START_ID" | "END_ID" | "TYPE") && !name.is_empty() {
            return Err(format!(
                "{h:?}: a name before :{role} is ignored by neo4j-admin"
            ));
        }
        return Ok((name.to_string(), role.to_string()));
    }
    let base = ty.strip_suffix("[]").unwrap_or(ty);
    if !TYPES.contains(&base) {
        return Err(format!("{h:?}: unknown type {ty:?}"));
    }
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(format!("{h:?}: bad property name"));
    }
    Ok((name.to_string(), ty.to_string()))
}

fn read_csv(file: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Checks the cells of a typed column (empty = no property).
fn check_typed(d: &mut Diffs, ctx: &str, ty: &str, cell: &str) {
    if cell.is_empty() {
        return;
    }
    let ok = match ty {
        "long" | "int" => cell.parse::<i64>().is_ok(),
        "double" | "float" => cell.parse::<f64>().is_ok(),
        "boolean" => cell == "true" || cell == "false",
        "date" => Date::parse(cell).is_some_and(|x| x.to_string() == cell),
        _ => true,
    };
    d.check(ok, format!("{ctx}: {cell:?} is not a {ty}"));
}

#[test]
fn neo4j_headers_follow_the_import_grammar() {
    let dir = common::tempdir();
    let g = export(dir.path());
    let mut d = Diffs::default();
    let (nh, nrows) = read_csv(&dir.path().join("neo4j/entities.csv"));
    let (eh, erows) = read_csv(&dir.path().join("neo4j/relations.csv"));
    let parse = |d: &mut Diffs, h: &[String]| -> Vec<(String, String)> {
        h.iter()
            .filter_map(|f| neo4j_field(f).map_err(|e| d.check(false, e)).ok())
            .collect()
    };
    let nf = parse(&mut d, &nh);
    let ef = parse(&mut d, &eh);
    let count = |f: &[(String, String)], role: &str| f.iter().filter(|(_, r)| r == role).count();
    d.eq("entities :ID columns", count(&nf, "ID"), 1);
    d.eq("entities :LABEL columns", count(&nf, "LABEL"), 1);
    for role in ["START_ID", "END_ID", "TYPE"] {
        d.eq(format!("relations :{role} columns"), count(&ef, role), 1);
        d.eq(format!("entities :{role} columns"), count(&nf, role), 0);
    }
    for f in [&nf, &ef] {
        let names: Vec<&String> = f.iter().map(|(n, _)| n).filter(|n| !n.is_empty()).collect();
        let unique: BTreeSet<&&String> = names.iter().collect();
        d.eq("distinct property names", unique.len(), names.len());
    }
    d.eq("entity rows", nrows.len(), g.node_count());
    d.eq("relation rows", erows.len(), g.edge_count());
    let ids: BTreeSet<&String> = nrows
        .iter()
        .map(|r| &r[nf.iter().position(|(_, t)| t == "ID").unwrap()])
        .collect();
    d.eq("distinct entity ids", ids.len(), nrows.len());
    for (rows, fields, file) in [
        (&nrows, &nf, "entities.csv"),
        (&erows, &ef, "relations.csv"),
    ] {
        for (i, row) in rows.iter().enumerate() {
            for ((name, ty), cell) in fields.iter().zip(row) {
                let ctx = format!("{file} row {} column {name}:{ty}", i + 1);
                d.check(
                    !cell.contains(['\n', '\r']),
                    format!("{ctx}: a line break needs --multiline-fields"),
                );
                match ty.as_str() {
                    "START_ID" | "END_ID" => d.check(
                        ids.contains(cell),
                        format!("{ctx}: {cell:?} is not an entity id"),
                    ),
                    "TYPE" => d.check(
                        !cell.is_empty()
                            && cell.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                        format!("{ctx}: type {cell:?} is not UPPER_SNAKE_CASE"),
                    ),
                    "LABEL" => d.check(
                        cell.split(';').all(|l| {
                            l.starts_with(|c: char| c.is_ascii_uppercase())
                                && l.chars().all(char::is_alphanumeric)
                        }),
                        format!("{ctx}: labels {cell:?}"),
                    ),
                    t if t.ends_with("[]") => {
                        for item in cell.split(';') {
                            check_typed(&mut d, &ctx, &t[..t.len() - 2], item);
                        }
                    }
                    t => check_typed(&mut d, &ctx, t, cell),
                }
            }
        }
    }
    d.finish("Neo4j CSV headers and cells");
}

#[test]
fn neo4j_relations_show_as_much_evidence_as_asked() {
    for shown in [0, 1, 3, 5] {
        let dir = common::tempdir();
        let opts = ExportOptions {
            evidence_shown: shown,
            ..ExportOptions::default()
        };
        let g = export_with(dir.path(), &opts);
        let (h, rows) = read_csv(&dir.path().join("neo4j/relations.csv"));
        let col = h
            .iter()
            .position(|c| c == "evidence")
            .expect("evidence column");
        let mut d = Diffs::default();
        d.eq("relation rows", rows.len(), g.edge_count());
        for (row, (s, t, e)) in rows.iter().zip(edges_of(&g)) {
            d.eq(
                format!("{s} -{}-> {t} evidence, {shown} shown", e.relation.id()),
                row[col].clone(),
                neo4j_text(&summary(&e, shown)),
            );
        }
        d.finish("Neo4j evidence with --evidence-shown");
    }
}

#[test]
fn neo4j_csv_loads_into_ladybug() {
    let test = "neo4j_csv_loads_into_ladybug";
    let dir = common::tempdir();
    let g = export(dir.path());
    let Some(r) = python_read(
        test,
        &["ladybug"],
        "neo4j-ladybug",
        &dir.path().join("neo4j"),
    ) else {
        return;
    };
    let mut d = Diffs::default();
    d.eq("node count", r.nodes.len(), g.node_count());
    d.eq("edge count", r.edges.len(), g.edge_count());
    let none = Value::Null;
    let date = |x: Option<Date>| date_str(x).map(Value::from).unwrap_or(none.clone());
    let date_ty = |x: Option<Date>| if x.is_some() { "date" } else { "NoneType" };
    for n in nodes_of(&g) {
        let Some((_, a)) = r.nodes.iter().find(|(id, _)| *id == n.id) else {
            d.check(false, format!("node {:?} not loaded", n.id));
            continue;
        };
        let ctx = format!("node {:?}", n.id);
        want(&mut d, &ctx, a, "name", "str", neo4j_text(&n.label).into());
        want(&mut d, &ctx, a, "kind", "str", n.kind.as_str().into());
        let al: Vec<String> = n
            .aliases
            .iter()
            .map(|s| neo4j_text(s).replace(';', ","))
            .collect();
        want(&mut d, &ctx, a, "aliases", "str", al.join(";").into());
        want(&mut d, &ctx, a, "mentions", "int", n.mentions.into());
        want(
            &mut d,
            &ctx,
            a,
            "first_seen",
            date_ty(n.first_seen),
            date(n.first_seen),
        );
        want(
            &mut d,
            &ctx,
            a,
            "last_seen",
            date_ty(n.last_seen),
            date(n.last_seen),
        );
        let labels = a.str("labels").unwrap_or_default();
        d.check(
            labels.starts_with("Entity;"),
            format!("{ctx}: labels {labels:?}"),
        );
    }
    for (s, t, e) in edges_of(&g) {
        let ctx = format!("edge {s} -{}-> {t}", e.relation.id());
        let ty = e.relation.id().to_ascii_uppercase();
        let Some((_, _, _, a)) = r
            .edges
            .iter()
            .find(|(u, v, k, _)| *u == s && *v == t && *k == ty)
        else {
            d.check(false, format!("{ctx} not loaded"));
            continue;
        };
        want(&mut d, &ctx, a, "relation", "str", e.relation.id().into());
        want(
            &mut d,
            &ctx,
            a,
            "directed",
            "bool",
            e.relation.directed().into(),
        );
        want(&mut d, &ctx, a, "weight", "int", e.weight.into());
        want(&mut d, &ctx, a, "articles", "int", e.articles.into());
        want(
            &mut d,
            &ctx,
            a,
            "first_seen",
            date_ty(e.first_seen),
            date(e.first_seen),
        );
        want(
            &mut d,
            &ctx,
            a,
            "last_seen",
            date_ty(e.last_seen),
            date(e.last_seen),
        );
        want(
            &mut d,
            &ctx,
            a,
            "modality",
            "str",
            modalities(&e).join(";").into(),
        );
        let ids: Vec<String> = e
            .article_ids
            .iter()
            .map(|s| neo4j_text(s).replace(';', ","))
            .collect();
        want(&mut d, &ctx, a, "article_ids", "list", Value::from(ids));
        want(
            &mut d,
            &ctx,
            a,
            "evidence",
            "str",
            neo4j_text(&summary(&e, 3)).into(),
        );
    }
    d.finish("Neo4j CSV loaded into Ladybug");
}

// ---------------------------------------------------------------------------------------------
// Generated names (property test): random hostile names through every reader
// ---------------------------------------------------------------------------------------------

mod generated_names {
    use super::*;
    use proptest::prelude::*;

    /// Pieces names are built from: markup and CSV/DOT syntax, escapes, control characters,
    /// line breaks, right-to-left and combining marks, emoji, Cyrillic and Arabic, DOT keywords,
    /// formula starters and CDATA delimiters.
    const PIECES: &[&str] = &[
        "a",
        "Zé",
        "Путин",
        "بوتين",
        "\u{202e}",
        "e\u{301}",
        "\u{1f680}",
        " ",
        "\"",
        "'",
        "\\",
        "\\N",
        "\\n",
        "<",
        ">",
        "&",
        "&amp;",
        "\n",
        "\r\n",
        "\t",
        "\u{1}",
        "\u{7f}",
        "{",
        "}",
        ";",
        ",",
        "=",
        "-",
        "+",
        "@",
        "#",
        "node",
        "graph",
        "strict",
        "digraph",
        "subgraph",
        "edge",
        "<![CDATA[",
        "]]>",
        "\u{feff}",
        "\u{2028}",
        "NaN",
        "1e9",
    ];

    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 1..7).prop_map(|v| v.concat())
    }

    /// A chain of people named `names`, each praising the next, the evidence being the name.
    fn graph_of(names: &[String]) -> Graph {
        let mut g = Graph::new(FIXTURE_CAPS);
        g.articles = 1;
        let idx: Vec<_> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                put_node(
                    &mut g,
                    node(
                        &format!("person:g{i}"),
                        n,
                        Kind::Person,
                        &[n.as_str()],
                        None,
                    ),
                )
            })
            .collect();
        for i in 1..idx.len() {
            let ev = evidence(None, "a00", 0, &names[i], Modality::Asserted);
            put_edge(
                &mut g,
                idx[i - 1],
                idx[i],
                edge(Relation::Praised, vec![ev]),
            );
        }
        g
    }

    /// The label each reader gave each node, keyed by node id.
    fn labels_by(r: &Read, key: &str) -> std::collections::HashMap<String, String> {
        r.nodes
            .iter()
            .filter_map(|(id, a)| {
                let k = if key.is_empty() {
                    Some(id.clone())
                } else {
                    a.str(key)
                };
                Some((k?, a.str("label").unwrap_or_default()))
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn generated_names_round_trip_through_every_reader(
            names in prop::collection::vec(name(), 2..6)
        ) {
            let test = "generated_names_round_trip_through_every_reader";
            let dir = common::tempdir();
            let g = graph_of(&names);
            write_all(&g, dir.path(), &Format::DEFAULT, &ExportOptions::default())
                .expect("export failed");
            let nodes = nodes_of(&g);
            let mut d = Diffs::default();

            // serde_json: the exact text.
            let json: serde_json::Value = serde_json::from_slice(
                &std::fs::read(dir.path().join("graph.json")).unwrap(),
            )
            .expect("graph.json is not JSON");
            for n in &nodes {
                let got = json["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["id"] == n.id.as_str())
                    .map(|x| x["label"].as_str().unwrap_or_default().to_string());
                d.eq(format!("json label of {}", n.id), got, Some(n.label.clone()));
            }

            // Gephi CSV through the csv crate: every column checked.
            let nt = rust_csv_table(&dir.path().join("nodes.csv"));
            let et = rust_csv_table(&dir.path().join("edges.csv"));
            check_gephi_tables("generated names, Gephi CSV", &g, &nt, &et, true);

            // GraphML through networkx and igraph; node-link JSON through networkx.
            for (mode, key, file) in [
                ("graphml-networkx", "entity", "graph.graphml"),
                ("graphml-igraph", "entity", "graph.graphml"),
                ("json-networkx", "", "graph.json"),
            ] {
                let Some(r) = python_read(test, &["networkx", "igraph"], mode, &dir.path().join(file))
                else {
                    return Ok(());
                };
                let got = labels_by(&r, key);
                for n in &nodes {
                    let want = if file.ends_with("graphml") {
                        xml_text(&n.label).trim().to_string()
                    } else {
                        n.label.clone()
                    };
                    d.eq(format!("{mode} label of {}", n.id), got.get(&n.id).cloned(), Some(want));
                }
            }

            // DOT through Graphviz's own parser (gvpr).
            if let Some(p) = common::programs(test, &["gvpr"]) {
                let prog = r#"N{printf("N\t%s\t%s\n",$.name,$.label)}"#;
                let file = dir.path().join("graph.dot");
                let out = common::run_ok("gvpr label dump", &p[0], [prog.as_ref(), file.as_os_str()]);
                let got: std::collections::HashMap<String, String> = out
                    .lines()
                    .filter_map(|l| {
                        let f: Vec<&str> = l.split('\t').collect();
                        (f.len() == 3 && f[0] == "N").then(|| (f[1].to_string(), esc_decode(f[2])))
                    })
                    .collect();
                d.eq("DOT node count", got.len(), nodes.len());
                for n in &nodes {
                    d.eq(
                        format!("DOT label of {}", n.id),
                        got.get(&n.id).cloned(),
                        Some(dot_display(&n.label)),
                    );
                }
            }
            d.finish("generated names");
        }
    }
}
