//! Fuzz target: the extractor, graph merge and exporters (see `harness::extract_text`).

#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

use newsgraph::extract::Knowledge;
use std::sync::OnceLock;

static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let k = KNOWLEDGE.get_or_init(|| Knowledge::builtin().expect("built-in data loads"));
    harness::extract_text(k, data);
});
