//! # newsgraph
//!
//! Turns news articles about politics, diplomacy and war into a knowledge graph of people,
//! countries, weapons systems, places and organisations, linked by typed, dated relations with
//! a modality (asserted, planned, possible, negated) and evidence on every edge.
//!
//! The crate is shaped like its pipeline:
//!
//! | stage | module | owns |
//! |---|---|---|
//! | input | [`input`] | files, folders, JSONL/JSON, headers, bad input |
//! | text | [`text`] | sentences, quotations, tokens, folding |
//! | dictionaries | [`dict`] | the TSV data in `data/`, one automaton for every name |
//! | entities | [`entities`] | mentions, resolution, roles, pronouns, speakers |
//! | relations | [`relations`] | trigger patterns, voice, groups, modality |
//! | per article | [`extract`] | one article in, one [`extract::Extraction`] out |
//! | graph | [`graph`] | merging extractions on petgraph |
//! | build | [`pipeline`] | streaming, parallel, deterministic builds |
//! | export | [`export`] | GraphML, CSV, DOT, JSON, GEXF, Neo4j |
//! | query | [`query`] | neighbours and explanations |
//!
//! ```no_run
//! use newsgraph::{extract::{Knowledge, extract}, input::parse_text_article};
//! let k = Knowledge::builtin()?;
//! let (article, _) = parse_text_article("a1", "a1.txt", "date 2025-10-17\n\nTrump spoke with Putin.");
//! let x = extract(&k, &article.unwrap());
//! assert!(x.edges.iter().any(|e| e.relation.id() == "spoke_with"));
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod cmd;
pub mod dict;
pub mod entities;
pub mod export;
pub mod extract;
pub mod filter;
pub mod graph;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod relations;
pub mod store;
pub mod text;
