//! Subcommands, one file each. Each defines its arguments (clap derive) and a `run` that
//! returns the process exit status.

pub mod build;
pub mod candidates;
pub mod explain;
pub mod extract;
pub mod merge;
pub mod neighbours;
pub mod render;

use crate::extract::Knowledge;
use clap::Args;
use std::path::PathBuf;

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

/// Prints a message prefixed with the program name on standard error.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!("newsgraph: {msg}");
}
