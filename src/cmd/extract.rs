//! `newsgraph extract`: articles in, one extraction record per article out, as JSONL on
//! standard output in input order. It is the map step of a distributed build: Spark's
//! `rdd.pipe`, Hadoop streaming or GNU parallel run it on pieces of a corpus, and
//! `newsgraph merge` reduces the records to the graph that `newsgraph build` would make.

use super::{DataArgs, note};
use crate::extract::{Extraction, Knowledge, extract};
use crate::input::{Article, Diagnostic, Level, ReadOptions, Reader};
use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `newsgraph extract`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph extract < feed.jsonl > records.jsonl
  newsgraph extract news/ > records.jsonl              # files and folders, read like build
  split -n l/4 feed.jsonl part- && ls part-* | parallel 'newsgraph extract < {} > {}.rec.jsonl'
  newsgraph merge part-*.rec.jsonl --output exports/

Input on standard input: JSONL, one article per line, an object with `text` and optional `id`,
`date` (YYYY-MM-DD), `title`, `url`/`source` (the fields `newsgraph build` reads). Malformed
lines are reported on standard error with their line number and skipped; blank lines are
ignored; an empty input gives an empty output. Articles without an `id` get `stdin:LINE`, which
is only unique within one run: give every article an id when a corpus is split.

Output: one JSON object per article, in input order: `article`, `date`, `nodes` (id, label,
kind, aliases, mentions), `edges` (source, target, relation, modality, trigger, sentence,
start, end) and `unplaced` names. `newsgraph merge` reads these files.")]
pub struct ExtractArgs {
    /// Files or folders to read like `newsgraph build` does. Default: JSONL on standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Articles longer than this many bytes are truncated, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_article_bytes: usize,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Bytes of article text extracted in parallel at a time.
const BATCH_BYTES: usize = 8 << 20;

/// Runs the command; returns the exit status.
pub fn run(a: ExtractArgs) -> Result<i32> {
    super::set_threads(a.threads);
    let k = a.data.load()?;
    let read = ReadOptions {
        max_article_bytes: a.max_article_bytes,
    };
    let stdin_only = a.paths.is_empty() || (a.paths.len() == 1 && a.paths[0].as_os_str() == "-");
    let stdin = if stdin_only {
        Some(StdinAsJsonl::new()?)
    } else {
        None
    };
    let paths = match &stdin {
        Some(s) => vec![s.path()],
        None => a.paths.clone(),
    };
    let mut reader = Reader::new(&paths, read);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let quiet = a.quiet;
    let mut report = |mut d: Diagnostic| {
        if let Some(s) = &stdin {
            if d.reason == "empty" && d.location == s.path().display().to_string() {
                // An empty input (an empty partition) is not an error.
                return;
            }
            d.location = s.shown(&d.location);
        }
        if !quiet || d.level == Level::Error {
            note(d);
        }
    };
    let result = (|| -> Result<()> {
        loop {
            let batch = reader.next_batch(BATCH_BYTES);
            reader.take_diagnostics().into_iter().for_each(&mut report);
            if batch.is_empty() {
                return Ok(());
            }
            write_batch(&k, &batch, &mut out)?;
        }
    })()
    .and_then(|_| Ok(out.flush()?));
    match result {
        Err(e) if is_broken_pipe(&e) => return Ok(0),
        Err(e) => return Err(e),
        Ok(()) => {}
    }
    if stdin.is_none() && !reader.read_anything() {
        note("error: nothing could be read");
        return Ok(2);
    }
    Ok(0)
}

/// Standard input seen by the input stage as a `.jsonl` file, so that it is streamed line by
/// line (each malformed line reported with its number and skipped, articles without an id
/// named `stdin:LINE`) instead of sniffed as a whole: a link named `stdin.jsonl` to
/// `/dev/stdin` in a private temporary folder, removed on drop. Where there is no
/// `/dev/stdin`, standard input is read as `-`.
struct StdinAsJsonl {
    dir: Option<PathBuf>,
}

impl StdinAsJsonl {
    fn new() -> Result<StdinAsJsonl> {
        #[cfg(unix)]
        if std::path::Path::new("/dev/stdin").exists() {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let dir = std::env::temp_dir()
                .join(format!("newsgraph-extract-{}-{nanos}", std::process::id()));
            std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let link = dir.join("stdin.jsonl");
            if let Err(e) = std::os::unix::fs::symlink("/dev/stdin", &link) {
                let _ = std::fs::remove_dir(&dir);
                return Err(e).with_context(|| format!("cannot create {}", link.display()));
            }
            return Ok(StdinAsJsonl { dir: Some(dir) });
        }
        Ok(StdinAsJsonl { dir: None })
    }

    /// The path to read.
    fn path(&self) -> PathBuf {
        match &self.dir {
            Some(d) => d.join("stdin.jsonl"),
            None => PathBuf::from("-"),
        }
    }

    /// A location in messages, with the link's path shown as `<stdin>`.
    fn shown(&self, location: &str) -> String {
        let link = self.path().display().to_string();
        match location.strip_prefix(&link) {
            Some(rest) => format!("<stdin>{rest}"),
            None => location.to_string(),
        }
    }
}

impl Drop for StdinAsJsonl {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_file(d.join("stdin.jsonl"));
            let _ = std::fs::remove_dir(d);
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Extracts a batch in parallel and writes its records in order.
fn write_batch(k: &Knowledge, batch: &[Article], out: &mut impl Write) -> Result<()> {
    let records: Vec<Extraction> = batch.par_iter().map(|a| extract(k, a)).collect();
    for x in &records {
        serde_json::to_writer(&mut *out, x)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
