//! The `newsgraph` command line: parses arguments and dispatches to a subcommand.

use clap::{Parser, Subcommand};
use newsgraph::cmd;

/// Extraction makes many small, short-lived strings and vectors per article; mimalloc serves them
/// from per-thread pages, which is faster than the system allocator and does not contend
/// between rayon workers.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn news articles into a knowledge graph of people, countries, weapons systems, places and
/// organisations, linked by dated relations with modality and evidence.
#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    after_help = "Examples:
  newsgraph build                          # data/articles -> exports/ (GraphML, CSV, DOT, JSON, GEXF, Neo4j)
  newsgraph build news/ -o out/ -f graphml,csv
  newsgraph neighbours putin               # who Putin is linked to, from exports/graph.json
  newsgraph explain Trump Putin            # every edge between two actors, with evidence
  newsgraph candidates news/               # names seen but not in the dictionaries
  newsgraph render --around Putin --output putin.svg   # draw part of the graph with Graphviz
  newsgraph extract < feed.jsonl > rec.jsonl           # per-article records (map step)
  newsgraph merge a/graph.json rec.jsonl -o exports/   # combine graphs and records (reduce step)

Run `newsgraph help <command>` for the options of a command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build a graph from articles and write its exports.
    Build(cmd::build::BuildArgs),
    /// List the neighbours of an actor in a built graph.
    #[command(alias = "neighbors")]
    Neighbours(cmd::neighbours::NeighboursArgs),
    /// Show every edge between two actors with its evidence.
    Explain(cmd::explain::ExplainArgs),
    /// List frequent names the extractor could not place.
    Candidates(cmd::candidates::CandidatesArgs),
    /// Write one extraction record per article (JSONL), the map step of a distributed build.
    Extract(cmd::extract::ExtractArgs),
    /// Merge graphs and extraction records into one graph and write its exports.
    Merge(cmd::merge::MergeArgs),
    /// Draw a graph, or part of it, as SVG, PNG or PDF with Graphviz.
    Render(cmd::render::RenderArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Neighbours(a) => cmd::neighbours::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Candidates(a) => cmd::candidates::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Merge(a) => cmd::merge::run(a),
        Command::Render(a) => cmd::render::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            std::process::exit(1);
        }
    }
}
