//! The fuzz harnesses, shared by the cargo-fuzz targets and by `tests/fuzz_regressions.rs`,
//! which replays the saved crash inputs through exactly the same code.

use newsgraph::export::{ExportOptions, Format, csv, neo4j, write_one};
use newsgraph::extract::{Knowledge, extract};
use newsgraph::graph::{Caps, Graph};
use newsgraph::input::{Article, ReadOptions, parse_bytes, parse_text_article};
use newsgraph::model::Date;

/// The article reader: text, JSON, JSONL and sniffed standard input, through the same code
/// paths as files. The first byte picks the kind, and now and then a small
/// `--max-article-bytes` so that truncation is exercised too.
pub fn read_article(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let name = match sel % 4 {
        0 => "a.txt",
        1 => "a.json",
        2 => "a.jsonl",
        _ => "-",
    };
    let max_article_bytes = if sel & 0x80 != 0 {
        (sel as usize & 0x3f) + 1
    } else {
        8 << 20
    };
    let opts = ReadOptions { max_article_bytes };
    let (articles, diags) = parse_bytes(name, rest, &opts);
    for a in &articles {
        assert!(a.text.len() <= max_article_bytes, "article over the limit");
        assert!(!a.text.trim().is_empty(), "empty article produced");
    }
    for d in &diags {
        assert!(
            d.location.starts_with(name),
            "location {:?} does not name the input",
            d.location
        );
    }
    if let Ok(s) = std::str::from_utf8(rest)
        && let (Some(a), _) = parse_text_article("a", "a.txt", s)
    {
        // Header blanking keeps offsets: the text is as long as the input.
        assert_eq!(a.text.len(), s.len());
    }
}

/// The extractor on any text, with or without a date; with the second bit of the first byte
/// set, the result is also merged into a graph and every export is written to nowhere, so
/// the writers see the odd strings too.
pub fn extract_text(k: &Knowledge, data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let date = if sel & 1 == 1 {
        Date::new(2025, 10, 17)
    } else {
        None
    };
    let article = Article {
        id: "fuzz".into(),
        origin: "fuzz.txt".into(),
        date,
        title: None,
        source: None,
        text,
    };
    let x = extract(k, &article);
    for e in &x.edges {
        assert!(e.start <= e.end, "evidence ends before it starts");
    }
    if sel & 2 == 2 {
        let mut g = Graph::new(Caps::default());
        g.add(&x);
        let opts = ExportOptions::default();
        let mut sink = std::io::sink();
        for f in [Format::GraphMl, Format::Dot, Format::Json, Format::Gexf] {
            write_one(f, &g, &opts, &mut sink).expect("export to a sink");
        }
        csv::write_nodes(&g, &opts, &mut sink).expect("csv nodes");
        csv::write_edges(&g, &opts, &mut sink).expect("csv edges");
        neo4j::write_nodes(&g, &opts, &mut sink).expect("neo4j nodes");
        neo4j::write_edges(&g, &opts, &mut sink).expect("neo4j edges");
    }
}
