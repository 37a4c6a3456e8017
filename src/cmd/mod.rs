//! Subcommands, one file each. Each defines its arguments (clap derive) and a `run` that
//! returns the process exit status.

pub mod build;
pub mod candidates;
pub mod explain;
pub mod extract;
pub mod merge;
pub mod neighbours;
pub mod render;

use crate::export::evidence::Stream;
use crate::export::{ExportOptions, Format, OutputDir, write_exports, write_one};
use crate::extract::Knowledge;
use crate::filter::Filter;
use crate::graph::Graph;
use anyhow::{Result, bail};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options that choose the dictionaries.
#[derive(Debug, Clone, Args, Default)]
pub struct DataArgs {
    /// Use the data files in DIR instead of the built-in ones (files missing there stay built-in).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Add a dictionary file (people, roles, countries, weapons, places or organisations TSV,
    /// recognised by its header). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

impl DataArgs {
    /// Loads the knowledge these options select.
    pub fn load(&self) -> anyhow::Result<Knowledge> {
        Knowledge::load(self.data.as_deref(), &self.dicts)
    }
}

/// Sets the number of worker threads (`--threads`; all cores when not given).
pub fn set_threads(n: Option<usize>) {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
}

/// Prints a message prefixed with the program name on standard error.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!("newsgraph: {msg}");
}

/// Where `build` and `merge` write a graph: one single-file format to standard output
/// (`--output -`), or the chosen formats into a folder, with `evidence.jsonl` streamed there
/// while the graph is made.
pub struct Output {
    formats: Vec<Format>,
    path: PathBuf,
    // Fields drop in order: the stream (and its temporary file) goes before the folder, which
    // is then empty and removed if this run made it and wrote nothing.
    stream: Option<Stream>,
    dir: Option<OutputDir>,
}

impl Output {
    /// Checks the formats asked for (`--format`, empty for all) against `--output`, before any
    /// work: standard output takes exactly one single-file format. Nothing is created yet.
    pub fn new(format: &[Format], path: &Path) -> Result<Output> {
        let formats = if format.is_empty() {
            Format::DEFAULT.to_vec()
        } else {
            format.to_vec()
        };
        if path.as_os_str() == "-" && (formats.len() != 1 || !formats[0].single_file()) {
            bail!(
                "--output - needs exactly one single-file format (graphml, dot, json or gexf), e.g. --format json"
            );
        }
        Ok(Output {
            formats,
            path: path.to_path_buf(),
            stream: None,
            dir: None,
        })
    }

    /// Whether the graph goes to standard output.
    pub fn to_stdout(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Makes the output folder (removed again if nothing comes of it) and, when `graph.json`
    /// is among the formats, starts `evidence.jsonl` in it.
    pub fn open(&mut self) -> Result<()> {
        if !self.to_stdout() {
            self.dir = Some(OutputDir::prepare(&self.path)?);
            if self.formats.contains(&Format::Json) {
                self.stream = Some(Stream::create(&self.path)?);
            }
        }
        Ok(())
    }

    /// The evidence stream, when one is written.
    pub fn stream(&mut self) -> Option<&mut Stream> {
        self.stream.as_mut()
    }

    /// Where evidence sentences may spill while the graph is made: the output folder, or the
    /// system's temporary folder when writing to standard output.
    pub fn spill_dir(&self) -> PathBuf {
        if self.to_stdout() {
            std::env::temp_dir()
        } else {
            self.path.clone()
        }
    }

    /// Applies `filter` to the graph (and to the evidence stream), then writes every format;
    /// returns the graph as written.
    pub fn finish(&mut self, g: Graph, filter: &Filter, opts: &ExportOptions) -> Result<Graph> {
        let g = filter.apply(g)?;
        if let Some(s) = &mut self.stream
            && !filter.is_empty()
        {
            s.keep_only(filter.evidence_lines(&g));
        }
        if self.to_stdout() {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write_one(self.formats[0], &g, opts, &mut lock)?;
            lock.flush()?;
        } else {
            write_exports(&g, &self.path, &self.formats, opts, self.stream.take())?;
            if let Some(d) = &mut self.dir {
                d.keep();
            }
        }
        Ok(g)
    }
}
