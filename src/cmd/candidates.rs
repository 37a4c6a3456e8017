//! `newsgraph candidates`: frequent names the extractor saw but could not place, so a user can
//! add them to the dictionaries.

use super::{DataArgs, note};
use crate::input::{Level, ReadOptions};
use crate::pipeline::{BuildOptions, build};
use anyhow::Result;
use clap::Args;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `newsgraph candidates`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph candidates news/ --min-count 3
  newsgraph candidates feed.jsonl --limit 200 > todo.tsv

Output: a TSV of name, count and an example sentence, most frequent first. Add the names you
want to data/people.tsv (or another dictionary) or to a file passed with --dict.")]
pub struct CandidatesArgs {
    /// Files, folders or - (standard input). Default: data/articles
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only names seen at least this often.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: usize,
    /// At most this many rows.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs the command; returns the exit status.
pub fn run(a: CandidatesArgs) -> Result<i32> {
    let k = a.data.load()?;
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from("data/articles")]
    } else {
        a.paths.clone()
    };
    let opts = BuildOptions {
        paths,
        read: ReadOptions::default(),
        ..BuildOptions::default()
    };
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    let (_, summary) = build(
        &k,
        &opts,
        None,
        None,
        |d| {
            if d.level == Level::Error {
                note(d)
            }
        },
        |x| {
            for (name, sentence) in &x.unplaced {
                let e = counts
                    .entry(name.clone())
                    .or_insert_with(|| (0, sentence.clone()));
                e.0 += 1;
            }
        },
        |_| {},
    )?;
    if !summary.read_anything {
        note("error: nothing could be read");
        return Ok(2);
    }
    let mut rows: Vec<(String, usize, String)> = counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= a.min_count)
        .map(|(k, (n, s))| (k, n, s))
        .collect();
    rows.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    println!("name\tcount\texample");
    for (name, n, s) in rows.into_iter().take(a.limit) {
        println!("{name}\t{n}\t{}", s.replace('\t', " "));
    }
    Ok(0)
}
