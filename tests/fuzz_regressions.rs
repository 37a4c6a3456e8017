//! Fuzzing, kept: every input saved under `tests/fuzz_regressions/TARGET/` (crashes found by
//! `scripts/fuzz.sh`, minimised) runs through the same harness as the fuzz target, and the
//! extractor is driven over adversarial and pseudo-random strings, which must never panic.

#[path = "../fuzz/harness.rs"]
mod harness;

use newsgraph::extract::Knowledge;
use std::path::Path;
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in data loads"))
}

/// The saved inputs of one target, sorted by name.
fn saved(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Runs `f` and turns a panic into a failure that names the input.
fn no_panic(what: &str, input: &[u8], f: impl FnOnce()) {
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err() {
        let shown: String = String::from_utf8_lossy(input).chars().take(200).collect();
        panic!("{what} panicked on {} bytes: {shown:?}", input.len());
    }
}

#[test]
fn saved_reader_crashes() {
    let inputs = saved("read_article");
    assert!(
        !inputs.is_empty(),
        "tests/fuzz_regressions/read_article is empty"
    );
    for (name, data) in inputs {
        no_panic(&format!("read_article({name})"), &data, || {
            harness::read_article(&data)
        });
    }
}

#[test]
fn saved_extractor_crashes() {
    let k = knowledge();
    for (name, data) in saved("extract") {
        no_panic(&format!("extract({name})"), &data, || {
            harness::extract_text(k, &data)
        });
    }
}

/// Runs one text through the extractor harness with every selector (date or not, exports or
/// not), and through the reader as every kind of file.
fn hammer(label: &str, text: &str) {
    let k = knowledge();
    for sel in 0u8..4 {
        let mut data = vec![sel];
        data.extend_from_slice(text.as_bytes());
        no_panic(&format!("extract[{label}]"), &data, || {
            harness::extract_text(k, &data)
        });
        no_panic(&format!("read_article[{label}]"), &data, || {
            harness::read_article(&data)
        });
    }
}

#[test]
fn adversarial_strings() {
    let combining: String = std::iter::once('e')
        .chain(std::iter::repeat_n('\u{301}', 2000))
        .collect();
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("one space", " ".into()),
        ("newlines only", "\n".repeat(5000)),
        ("carriage returns", "\r".repeat(5000)),
        ("huge word", "a".repeat(100_000)),
        ("huge capitalised word", format!("Putin{}", "Z".repeat(50_000))),
        ("100k commas", ",".repeat(100_000)),
        (
            "commas between names",
            "Trump, Putin, ".repeat(2_000) + "met in Budapest.",
        ),
        ("periods", ".".repeat(50_000)),
        ("abbreviations", "U.S. ".repeat(5_000)),
        ("only punctuation", "!?.,;:()[]{}\"'“”‘’—–-…/\\|@#$%^&*".repeat(500)),
        ("unbalanced straight quotes", "\"Putin said \"".repeat(1_000)),
        ("unbalanced curly quotes", "“Trump met “Putin ".repeat(1_000)),
        ("closing quotes first", "” Trump ” Putin ’ said".repeat(500)),
        ("nested parentheses", "(".repeat(5_000) + "Putin" + &")".repeat(3_000)),
        ("hyphen chain", "Trump-Putin-Xi-".repeat(2_000)),
        ("dashes", "—".repeat(10_000)),
        (
            "mixed scripts",
            "Путин met Trump in 北京. ترامب وبوتين. पुतिन ने Modi से बात की. Зеленський відвідав Kyiv."
                .repeat(100),
        ),
        ("combining marks", combining),
        (
            "combining on names",
            "T\u{301}r\u{308}u\u{30a}mp met P\u{327}utin\u{20dd}.".repeat(200),
        ),
        ("replacement characters", "\u{fffd}".repeat(10_000)),
        (
            "replacement inside names",
            "Don\u{fffd}ld Tr\u{fffd}mp met Vladimir \u{fffd}utin.".repeat(200),
        ),
        ("zero width", "Tr\u{200b}ump met Pu\u{200d}tin\u{feff}.".repeat(500)),
        ("bidi marks", "\u{202e}Trump met Putin\u{202c} \u{200f}".repeat(500)),
        ("no-break spaces", "Donald\u{a0}Trump met Vladimir\u{2009}Putin.".repeat(500)),
        ("emoji", "👍🏽 Trump 🇺🇸 met 🇷🇺 Putin 👨‍👩‍👧.".repeat(500)),
        ("titles without names", "President President Minister of ".repeat(1_000)),
        ("possessive chain", "Putin's's's's Russia's's ".repeat(1_000)),
        ("pronouns only", "He said she said they said it. ".repeat(1_000)),
        (
            "dates and numbers",
            "On 2025-10-17, 17/10/2025 and 10.17.2025 at 12:00 $1.7 billion 3,000,000 "
                .repeat(500),
        ),
        ("header lookalikes", "date 2025-10-17\ndate \ntitle\nsource\n".repeat(500)),
        ("nul and controls", "Trump\0met\x01Putin\x1b[31m in\x07 Budapest.".repeat(500)),
        ("private use", "\u{e000}\u{f8ff}\u{10ffff}".repeat(3_000)),
        ("tab soup", "\t \t\u{b}\u{c}\u{85}\u{2028}\u{2029}".repeat(3_000)),
    ];
    for (label, text) in &cases {
        hammer(label, text);
    }
}

/// A small xorshift generator, so every run tries the same strings.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn random_token_soup() {
    const TOKENS: [&str; 85] = [
        "Trump",
        "Donald",
        "Putin",
        "Vladimir",
        "Zelenskyy",
        "Xi",
        "Macron",
        "President",
        "Prime",
        "Minister",
        "the",
        "Russian",
        "US",
        "U.S.",
        "Ukraine",
        "Kremlin",
        "NATO",
        "Tomahawk",
        "HIMARS",
        "missiles",
        "met",
        "said",
        "will",
        "not",
        "may",
        "would",
        "talks",
        "in",
        "with",
        "and",
        "of",
        "his",
        "he",
        "she",
        "they",
        "Budapest",
        "Gaza",
        "'s",
        ",",
        ".",
        ";",
        ":",
        "\"",
        "“",
        "”",
        "(",
        ")",
        "—",
        "-",
        "\n",
        "\n\n",
        "?",
        "!",
        "…",
        "é",
        "\u{301}",
        "\u{fffd}",
        "Путин",
        "北京",
        "2025-10-17",
        // Words the structural rules look for.
        "them",
        "both",
        "delegation",
        "led",
        "by",
        "joined",
        "package",
        "includes",
        "war",
        "after",
        "meeting",
        "killed",
        "capital",
        "Belarusian",
        "urging",
        "jets",
        "Patriot",
        "Thursday",
        "Kurdish-led",
        "whether",
        "hosted",
        "last",
        "week",
        "It",
        "condemned",
    ];
    let mut r = Rng(0x5eed_cafe_f00d);
    // NEWSGRAPH_SOUP_CASES=20000 for a longer one-off run.
    let cases: usize = std::env::var("NEWSGRAPH_SOUP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    for case in 0..cases {
        let n = r.below(120);
        let mut s = String::new();
        for _ in 0..n {
            let t = TOKENS[r.below(TOKENS.len())];
            // Sometimes glue tokens together, sometimes not.
            if r.below(4) != 0 {
                s.push(' ');
            }
            s.push_str(t);
        }
        hammer(&format!("soup {case}"), &s);
    }
}
