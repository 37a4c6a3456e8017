//! Input stage: finds articles in files, folders and standard input, and turns each into an
//! [`Article`] with a stable id, an optional date, title and source.
//!
//! This stage owns everything that can be wrong with the input: missing paths, unreadable or
//! binary files, invalid UTF-8, oversized articles, malformed JSON lines, bad date headers and
//! symlink loops. Each problem becomes a [`Diagnostic`] naming the file (and line or byte
//! offset); the run goes on with the rest.
//!
//! Articles are produced in a deterministic order (paths in the order given, folders walked in
//! sorted order) and in bounded batches, so a build over a huge JSONL file never holds more than
//! one batch of text in memory. Standard input and files with an unknown extension are sniffed:
//! a first line that is a whole JSON value means JSONL, `[` or `{` means JSON, anything else is
//! one text article.
//!
//! Nothing here matches text with a backtracking pattern: every scan is a single linear pass.

use crate::model::Date;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// One news article as newsgraph reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable id: the file stem, the JSON `id`, or `stem:line` for JSONL lines without one.
    pub id: String,
    /// Where the article came from (`path` or `path:line`), for messages.
    pub origin: String,
    /// Publication date, when the input gives a valid one.
    pub date: Option<Date>,
    /// Headline, when given.
    pub title: Option<String>,
    /// Source or URL, when given.
    pub source: Option<String>,
    /// The text the extractor reads. For text files it is the whole file with the header
    /// keywords blanked out, so byte offsets are file offsets; for JSON records it is the
    /// title (if any), a blank line, and the `text` field.
    pub text: String,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The input was used, perhaps partly (lossy UTF-8, bad date, truncated).
    Warning,
    /// The input (or part of it) was skipped.
    Error,
}

/// A problem found in the input, with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub level: Level,
    /// `path` or `path:line` (`<stdin>` for standard input).
    pub location: String,
    /// What is wrong and what newsgraph did about it; byte offsets are given here.
    pub message: String,
    /// Short machine-readable reason used in the summary ("binary", "invalid-json"...).
    pub reason: &'static str,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.location, self.message)
    }
}

/// Options of the reader.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Articles longer than this are truncated (at a character boundary) with a warning.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Counts of what the reader saw, for the end-of-run summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Files opened and read (fully or partly); standard input counts as one.
    pub files: usize,
    /// Articles produced.
    pub articles: usize,
    /// Bytes of article text produced.
    pub bytes: u64,
    /// Inputs skipped (files, lines or records): one per error diagnostic.
    pub skipped: usize,
    /// Warning diagnostics (input used with a change: truncated, lossy, date unknown...).
    pub warnings: usize,
}

/// Extensions read when walking a folder (case-insensitive).
const EXTENSIONS: [&str; 4] = ["txt", "md", "jsonl", "json"];

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The errno of "too many levels of symbolic links".
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
const ELOOP: i32 = 62;
#[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
const ELOOP: i32 = 40;

/// How many bytes are checked for NUL bytes to call a file binary.
const SNIFF_BYTES: usize = 8192;

/// What a file holds, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One article with optional header lines.
    Text,
    /// An array of article objects, or one object.
    Json,
    /// One article object per line.
    Jsonl,
    /// Unknown: decided from the first non-blank line.
    Sniff,
}

impl Kind {
    fn of(path: &Path) -> Kind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("txt") | Some("md") => Kind::Text,
            Some("json") => Kind::Json,
            Some("jsonl") => Kind::Jsonl,
            _ => Kind::Sniff,
        }
    }
}

type Stream = Box<dyn BufRead + Send>;

enum Pending {
    /// A path; `explicit` when given on the command line (not found in a folder).
    Path(PathBuf, bool),
    Stdin,
}

/// A JSONL stream being read line by line.
struct Jsonl {
    shown: String,
    stem: String,
    reader: Stream,
    line: usize,
    records: usize,
}

enum Step {
    Article(Article),
    Nothing,
    End,
}

/// Streams articles from a list of paths (`-` is standard input), in batches.
pub struct Reader {
    queue: VecDeque<Pending>,
    open: Option<Jsonl>,
    opts: ReadOptions,
    seen_dirs: HashSet<PathBuf>,
    seen_files: HashMap<PathBuf, String>,
    diagnostics: Vec<Diagnostic>,
    stats: ReadStats,
}

impl Reader {
    /// Prepares to read `paths` in order. Nothing is opened until the first batch.
    pub fn new<P: AsRef<Path>>(paths: &[P], opts: ReadOptions) -> Reader {
        let queue = paths
            .iter()
            .map(|p| {
                let p = p.as_ref();
                if p == Path::new("-") {
                    Pending::Stdin
                } else {
                    Pending::Path(p.to_path_buf(), true)
                }
            })
            .collect();
        Reader {
            queue,
            open: None,
            opts,
            seen_dirs: HashSet::new(),
            seen_files: HashMap::new(),
            diagnostics: Vec::new(),
            stats: ReadStats::default(),
        }
    }

    /// Diagnostics gathered since the last call (drained).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// What was read so far.
    pub fn stats(&self) -> &ReadStats {
        &self.stats
    }

    /// True once at least one article could be read. A run where every path was missing,
    /// unreadable, binary or empty has read nothing.
    pub fn read_anything(&self) -> bool {
        self.stats.articles > 0
    }

    /// Returns the next batch of articles holding about `max_bytes` of text (at least one
    /// article), or an empty vector at the end of the input.
    pub fn next_batch(&mut self, max_bytes: usize) -> Vec<Article> {
        let mut out = Vec::new();
        let mut bytes = 0usize;
        while bytes < max_bytes.max(1) {
            let before = out.len();
            if let Some(mut j) = self.open.take() {
                match self.jsonl_next(&mut j) {
                    Step::Article(a) => {
                        out.push(a);
                        self.open = Some(j);
                    }
                    Step::Nothing => self.open = Some(j),
                    Step::End => {
                        if j.records == 0 {
                            self.error(
                                &j.shown,
                                "empty",
                                "no JSON lines in the file (empty), skipped".into(),
                            );
                        }
                    }
                }
            } else {
                let Some(next) = self.queue.pop_front() else {
                    break;
                };
                match next {
                    Pending::Stdin => {
                        self.stats.files += 1;
                        let r = Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()));
                        self.read_stream("<stdin>", "stdin", Kind::Sniff, r, None, &mut out);
                    }
                    Pending::Path(p, explicit) => self.visit(p, explicit, &mut out),
                }
            }
            bytes += out[before..].iter().map(|a| a.text.len()).sum::<usize>();
        }
        self.stats.articles += out.len();
        self.stats.bytes += out.iter().map(|a| a.text.len() as u64).sum::<u64>();
        out
    }

    /// The most bytes read for one text article: one more than the limit, to detect excess.
    fn limit(&self) -> usize {
        self.opts.max_article_bytes.saturating_add(1)
    }

    fn error(&mut self, location: &str, reason: &'static str, message: String) {
        self.stats.skipped += 1;
        self.diagnostics.push(Diagnostic {
            level: Level::Error,
            location: location.to_string(),
            message,
            reason,
        });
    }

    fn warn(&mut self, location: &str, reason: &'static str, message: String) {
        self.stats.warnings += 1;
        self.diagnostics.push(Diagnostic {
            level: Level::Warning,
            location: location.to_string(),
            message,
            reason,
        });
    }

    fn visit(&mut self, path: PathBuf, explicit: bool, out: &mut Vec<Article>) {
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                if e.kind() == std::io::ErrorKind::NotFound {
                    let why = if std::fs::symlink_metadata(&path).is_ok() {
                        "broken symbolic link (its target does not exist), skipped"
                    } else {
                        "no such file or folder, skipped"
                    };
                    return self.error(&shown, "missing", why.into());
                }
                if e.raw_os_error() == Some(ELOOP) {
                    let msg = "symlink loop (a link that leads back to itself), skipped";
                    return self.error(&shown, "symlink-loop", msg.into());
                }
                return self.error(&shown, "unreadable", format!("cannot read: {e}; skipped"));
            }
        };
        if meta.is_dir() {
            return self.visit_dir(path, shown);
        }
        if !explicit && !meta.is_file() {
            return self.error(
                &shown,
                "not-a-file",
                "not a regular file (pipe, socket or device), skipped".into(),
            );
        }
        if meta.is_file()
            && let Ok(canon) = std::fs::canonicalize(&path)
        {
            if let Some(first) = self.seen_files.get(&canon) {
                let msg = format!("same file as {first}, which was already read; skipped");
                return self.warn(&shown, "duplicate", msg);
            }
            self.seen_files.insert(canon, shown.clone());
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                return self.error(&shown, "unreadable", format!("cannot open: {e}; skipped"));
            }
        };
        self.stats.files += 1;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        let size = meta.is_file().then_some(meta.len());
        let r: Stream = Box::new(BufReader::with_capacity(1 << 16, file));
        self.read_stream(&shown, &stem, Kind::of(&path), r, size, out);
    }

    fn visit_dir(&mut self, path: PathBuf, shown: String) {
        let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen_dirs.contains(&canon) {
            // A loop: the folder is one of the folders this path was reached through.
            let inside = path
                .ancestors()
                .skip(1)
                .filter(|p| !p.as_os_str().is_empty())
                .any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == canon));
            let msg = if inside {
                format!(
                    "symlink loop: links back to {}, which is being read; not followed",
                    canon.display()
                )
            } else {
                format!("folder {} was already read; skipped", canon.display())
            };
            let reason = if inside { "symlink-loop" } else { "duplicate" };
            return self.warn(&shown, reason, msg);
        }
        self.seen_dirs.insert(canon);
        let entries = match std::fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) => {
                return self.error(&shown, "unreadable", format!("cannot list folder: {e}"));
            }
        };
        let mut children: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
            .collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        // Depth-first, in sorted order: push children to the front of the queue.
        for (child, ft) in children.into_iter().rev() {
            let known_ext = child
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            let keep = match ft {
                Some(ft) if ft.is_dir() => true,
                Some(ft) if ft.is_symlink() => known_ext || child.is_dir(),
                _ => known_ext,
            };
            if keep {
                self.queue.push_front(Pending::Path(child, false));
            }
        }
    }

    /// Reads one opened input of the given kind.
    fn read_stream(
        &mut self,
        shown: &str,
        stem: &str,
        kind: Kind,
        mut r: Stream,
        size: Option<u64>,
        out: &mut Vec<Article>,
    ) {
        match kind {
            Kind::Jsonl => {
                match r.fill_buf() {
                    Ok(head) => {
                        if let Some(at) = nul_at(head) {
                            return self.binary(shown, at);
                        }
                    }
                    Err(e) => {
                        return self.error(shown, "unreadable", format!("cannot read: {e}"));
                    }
                }
                self.open = Some(Jsonl {
                    shown: shown.to_string(),
                    stem: stem.to_string(),
                    reader: r,
                    line: 0,
                    records: 0,
                });
            }
            Kind::Json => {
                // JSON arrays hold many articles: allow them to be as large as the file is.
                let mut buf = Vec::new();
                if let Err(e) = r.read_to_end(&mut buf) {
                    return self.error(shown, "unreadable", format!("cannot read: {e}"));
                }
                self.parse_json_bytes(shown, stem, buf, out);
            }
            Kind::Text => {
                let mut buf = Vec::new();
                if let Err(e) = r.take(self.limit() as u64).read_to_end(&mut buf) {
                    return self.error(shown, "unreadable", format!("cannot read: {e}"));
                }
                self.parse_text_bytes(shown, stem, buf, size, out);
            }
            Kind::Sniff => self.sniff(shown, stem, r, size, out),
        }
    }

    /// Decides what an input of unknown kind holds from its first non-blank line.
    fn sniff(
        &mut self,
        shown: &str,
        stem: &str,
        mut r: Stream,
        size: Option<u64>,
        out: &mut Vec<Article>,
    ) {
        let max = self.limit();
        let mut head = Vec::new();
        let mut line_start = 0;
        loop {
            let room = max.saturating_sub(head.len());
            if room == 0 {
                break;
            }
            line_start = head.len();
            match (&mut r).take(room as u64).read_until(b'\n', &mut head) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return self.error(shown, "unreadable", format!("cannot read: {e}")),
            }
            let from = line_start.max(if head.starts_with(BOM) { 3 } else { 0 });
            if head.len() > from && head[from..].iter().any(|b| !b.is_ascii_whitespace()) {
                break;
            }
        }
        let skip = if head.starts_with(BOM) { 3 } else { 0 };
        let first = head
            .get(skip..)
            .and_then(|h| h.iter().find(|b| !b.is_ascii_whitespace()))
            .copied();
        match first {
            Some(b'{') => {
                let line = &head[line_start.max(skip)..];
                if serde_json::from_slice::<Value>(line.trim_ascii()).is_ok() {
                    let line_no = memchr::memchr_iter(b'\n', &head[..line_start]).count() + 1;
                    let text = String::from_utf8_lossy(line).into_owned();
                    if let Some(a) = self.json_line(shown, stem, line_no, &text) {
                        out.push(a);
                    }
                    self.open = Some(Jsonl {
                        shown: shown.to_string(),
                        stem: stem.to_string(),
                        reader: r,
                        line: line_no,
                        records: 1,
                    });
                    return;
                }
                if let Err(e) = r.read_to_end(&mut head) {
                    return self.error(shown, "unreadable", format!("cannot read: {e}"));
                }
                self.parse_json_bytes(shown, stem, head, out);
            }
            Some(b'[') => {
                if let Err(e) = r.read_to_end(&mut head) {
                    return self.error(shown, "unreadable", format!("cannot read: {e}"));
                }
                self.parse_json_bytes(shown, stem, head, out);
            }
            _ => {
                let room = max.saturating_sub(head.len());
                if let Err(e) = r.take(room as u64).read_to_end(&mut head) {
                    return self.error(shown, "unreadable", format!("cannot read: {e}"));
                }
                self.parse_text_bytes(shown, stem, head, size, out);
            }
        }
    }

    fn binary(&mut self, shown: &str, at: usize) {
        self.error(
            shown,
            "binary",
            format!("binary file (NUL byte at byte {at}), skipped"),
        );
    }

    /// Checks a whole buffer for emptiness and binary content; true when it can be read.
    fn usable(&mut self, shown: &str, buf: &[u8]) -> bool {
        if buf.is_empty() {
            self.error(shown, "empty", "empty file (0 bytes), skipped".into());
            return false;
        }
        if let Some(at) = nul_at(buf) {
            self.binary(shown, at);
            return false;
        }
        let body = buf.strip_prefix(BOM).unwrap_or(buf);
        if body.iter().all(|b| b.is_ascii_whitespace()) {
            self.error(
                shown,
                "empty",
                "file holds only white space, skipped".into(),
            );
            return false;
        }
        true
    }

    /// Parses a text article from at most `limit()` bytes; `size` is the whole input's size
    /// when known.
    fn parse_text_bytes(
        &mut self,
        shown: &str,
        stem: &str,
        mut buf: Vec<u8>,
        size: Option<u64>,
        out: &mut Vec<Article>,
    ) {
        let max = self.opts.max_article_bytes;
        let text = if let Some(text) = decode_utf16(&buf) {
            self.warn(
                shown,
                "utf16",
                "UTF-16 text (byte order mark) converted to UTF-8; offsets are character offsets"
                    .into(),
            );
            if text.trim().is_empty() {
                return self.error(
                    shown,
                    "empty",
                    "file holds only white space, skipped".into(),
                );
            }
            self.truncate(shown, "", text, size)
        } else {
            if !self.usable(shown, &buf) {
                return;
            }
            let over = buf.len() > max;
            if over {
                // Cut before the character that straddles the limit.
                let mut cut = max;
                while cut > 0 && max - cut < 3 && (buf[cut] & 0xC0) == 0x80 {
                    cut -= 1;
                }
                buf.truncate(cut);
                self.warn(shown, "too-large", too_large("", size, max, cut));
            }
            let mut text = self.decode(shown, buf);
            if text.len() > max {
                // Replacement characters (3 bytes each) made the text longer than the bytes.
                let mut cut = max;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
                if !over {
                    let msg = format!(
                        "article is over --max-article-bytes ({max}) once invalid UTF-8 is \
                         replaced; truncated at byte {cut} of the decoded text"
                    );
                    self.warn(shown, "too-large", msg);
                }
            }
            text
        };
        let (article, warnings) = parse_text(stem, shown, &text);
        for (line, w) in warnings {
            self.warn(&format!("{shown}:{line}"), "bad-date", w);
        }
        match article {
            Some(a) => out.push(a),
            None => self.error(
                shown,
                "empty",
                "no article text after the header lines, skipped".into(),
            ),
        }
    }

    /// Decodes UTF-8, replacing invalid sequences (with a warning naming the first one).
    fn decode(&mut self, shown: &str, buf: Vec<u8>) -> String {
        match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1;
                let bad = bytes
                    .utf8_chunks()
                    .filter(|c| !c.invalid().is_empty())
                    .count();
                let more = match bad {
                    0 | 1 => String::new(),
                    n => format!(" and {} more places", n - 1),
                };
                self.warn(
                    &format!("{shown}:{line}"),
                    "invalid-utf8",
                    format!(
                        "invalid UTF-8 at byte {at}{more}; decoded with replacement characters"
                    ),
                );
                String::from_utf8_lossy(&bytes).into_owned()
            }
        }
    }

    /// Truncates an article's text to `--max-article-bytes` at a character boundary.
    fn truncate(&mut self, loc: &str, prefix: &str, mut text: String, size: Option<u64>) -> String {
        let max = self.opts.max_article_bytes;
        if text.len() > max {
            let mut cut = max;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let size = size.or(Some(text.len() as u64));
            text.truncate(cut);
            self.warn(loc, "too-large", too_large(prefix, size, max, cut));
        }
        text
    }

    fn parse_json_bytes(&mut self, shown: &str, stem: &str, buf: Vec<u8>, out: &mut Vec<Article>) {
        if !self.usable(shown, &buf) {
            return;
        }
        let mut buf = buf;
        if buf.starts_with(BOM) {
            // Keep offsets: the mark becomes white space.
            buf[..3].copy_from_slice(b"   ");
        }
        let text = self.decode(shown, buf);
        match text.trim_start().as_bytes().first() {
            Some(b'[') => self.parse_json_array(shown, stem, &text, out),
            Some(b'{') => self.parse_json_object(shown, stem, &text, out),
            _ => {
                let c = text.trim_start().chars().next().unwrap_or(' ');
                self.error(
                    shown,
                    "invalid-json",
                    format!("not a JSON array or object (starts with {c:?}), skipped"),
                );
            }
        }
    }

    fn parse_json_array(&mut self, shown: &str, stem: &str, text: &str, out: &mut Vec<Article>) {
        let items: Vec<&RawValue> = match serde_json::from_str(text) {
            Ok(items) => items,
            Err(e) => {
                let msg = format!("invalid JSON {}; file skipped", json_error(&e));
                return self.error(&format!("{shown}:{}", e.line()), "invalid-json", msg);
            }
        };
        let base = text.as_ptr() as usize;
        let mut line = 1;
        let mut last = 0;
        for (i, raw) in items.into_iter().enumerate() {
            let off = (raw.get().as_ptr() as usize)
                .saturating_sub(base)
                .min(text.len());
            if off > last {
                line += memchr::memchr_iter(b'\n', &text.as_bytes()[last..off]).count();
                last = off;
            }
            let loc = format!("{shown}:{line}");
            let prefix = format!("item {}: ", i + 1);
            match serde_json::from_str::<Value>(raw.get()) {
                Ok(v) => {
                    let fallback = format!("{stem}:{}", i + 1);
                    if let Some(a) = self.json_article(&loc, &prefix, &fallback, v) {
                        out.push(a);
                    }
                }
                Err(e) => {
                    let msg = format!("{prefix}invalid JSON {}; skipped", json_error(&e));
                    self.error(&loc, "invalid-json", msg);
                }
            }
        }
    }

    fn parse_json_object(&mut self, shown: &str, stem: &str, text: &str, out: &mut Vec<Article>) {
        let err = match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                if let Some(a) = self.json_article(shown, "", stem, v) {
                    out.push(a);
                }
                return;
            }
            Err(e) => e,
        };
        // A file of JSON objects one per line, saved as .json: read it as JSONL.
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if serde_json::from_str::<Value>(first_line.trim()).is_ok() {
            for (i, line) in text.lines().enumerate() {
                if let Some(a) = self.json_line(shown, stem, i + 1, line) {
                    out.push(a);
                }
            }
            return;
        }
        let msg = format!("invalid JSON {}; file skipped", json_error(&err));
        self.error(&format!("{shown}:{}", err.line()), "invalid-json", msg);
    }

    fn json_line(
        &mut self,
        shown: &str,
        stem: &str,
        line_no: usize,
        line: &str,
    ) -> Option<Article> {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            return None;
        }
        let loc = format!("{shown}:{line_no}");
        match serde_json::from_str::<Value>(line) {
            Ok(v) => self.json_article(&loc, "", &format!("{stem}:{line_no}"), v),
            Err(e) => {
                let msg = format!("malformed JSON line ({}); skipped", json_error(&e));
                self.error(&loc, "invalid-json", msg);
                None
            }
        }
    }

    fn jsonl_next(&mut self, j: &mut Jsonl) -> Step {
        let max = self.opts.max_article_bytes;
        // Cap the line length: an enormous line is read up to the cap and then drained.
        let cap = (max as u64).saturating_mul(2).saturating_add(1024);
        let mut buf = Vec::new();
        match (&mut j.reader).take(cap).read_until(b'\n', &mut buf) {
            Ok(0) => return Step::End,
            Ok(_) => {}
            Err(e) => {
                let loc = format!("{}:{}", j.shown, j.line + 1);
                self.error(
                    &loc,
                    "unreadable",
                    format!("read error ({e}); rest of the file skipped"),
                );
                return Step::End;
            }
        }
        j.line += 1;
        let loc = format!("{}:{}", j.shown, j.line);
        if buf.len() as u64 >= cap && buf.last() != Some(&b'\n') {
            let mut sink = Vec::new();
            loop {
                sink.clear();
                match (&mut j.reader).take(1 << 20).read_until(b'\n', &mut sink) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if sink.last() == Some(&b'\n') => break,
                    Ok(_) => {}
                }
            }
            j.records += 1;
            self.error(
                &loc,
                "too-large",
                format!("JSON line longer than twice --max-article-bytes ({max}); skipped"),
            );
            return Step::Nothing;
        }
        if j.line == 1 && buf.starts_with(BOM) {
            buf.drain(..3);
        }
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                self.warn(
                    &loc,
                    "invalid-utf8",
                    format!(
                        "invalid UTF-8 at byte {at} of the line; decoded with replacement characters"
                    ),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        if !text.trim().is_empty() {
            j.records += 1;
        }
        let (shown, stem) = (j.shown.clone(), j.stem.clone());
        match self.json_line(&shown, &stem, j.line, &text) {
            Some(a) => Step::Article(a),
            None => Step::Nothing,
        }
    }

    /// Turns one JSON value into an article. `prefix` ("item 3: " or "") starts messages.
    fn json_article(
        &mut self,
        loc: &str,
        prefix: &str,
        fallback_id: &str,
        v: Value,
    ) -> Option<Article> {
        let mut map = match v {
            Value::Object(map) => map,
            other => {
                let msg = format!(
                    "{prefix}{} is not a JSON object; skipped",
                    json_kind(&other)
                );
                self.error(loc, "invalid-json", msg);
                return None;
            }
        };
        let body = match map.remove("text") {
            Some(Value::String(s)) => s,
            None if map.contains_key("nodes") && map.contains_key("edges") => {
                let msg =
                    format!("{prefix}a graph (\"nodes\" and \"edges\"), not an article; skipped");
                self.error(loc, "missing-text", msg);
                return None;
            }
            None | Some(Value::Null) => {
                let msg = format!("{prefix}JSON article has no \"text\" field; skipped");
                self.error(loc, "missing-text", msg);
                return None;
            }
            Some(other) => {
                let msg = format!(
                    "{prefix}\"text\" is {}, not a string; skipped",
                    json_kind(&other)
                );
                self.error(loc, "missing-text", msg);
                return None;
            }
        };
        if body.trim().is_empty() {
            let msg = format!("{prefix}\"text\" is empty; skipped");
            self.error(loc, "empty", msg);
            return None;
        }
        let str_field = |k: &str| -> Option<String> {
            match map.get(k) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let id = str_field("id")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| fallback_id.to_string());
        let date = match map.get("date") {
            None | Some(Value::Null) => None,
            Some(d) => {
                let s = match d {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let head: String = s.trim().chars().take(10).collect();
                match Date::parse(&head) {
                    Some(date) => Some(date),
                    None => {
                        let shown: String = s.chars().take(40).collect();
                        self.warn(
                            loc,
                            "bad-date",
                            format!(
                                "{prefix}bad date {shown:?} (want YYYY-MM-DD); kept the article, date unknown"
                            ),
                        );
                        None
                    }
                }
            }
        };
        let title = str_field("title").filter(|t| !t.trim().is_empty());
        let source = str_field("url").or_else(|| str_field("source"));
        let size = (body.len() + title.as_ref().map_or(0, |t| t.len() + 2)) as u64;
        let text = match &title {
            Some(t) => format!("{t}\n\n{body}"),
            None => body,
        };
        let text = self.truncate(loc, prefix, text, Some(size));
        Some(Article {
            id,
            origin: loc.to_string(),
            date,
            title,
            source,
            text,
        })
    }
}

/// Reads articles from an in-memory input named `name` (its extension picks text, JSON or
/// JSONL; `-` or an unknown extension is sniffed like standard input). The same code paths as
/// files, for tests and fuzzing.
pub fn parse_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut reader = Reader::new::<&str>(&[], opts.clone());
    let path = Path::new(name);
    let kind = if name == "-" {
        Kind::Sniff
    } else {
        Kind::of(path)
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    reader.stats.files += 1;
    let mut out = Vec::new();
    let r: Stream = Box::new(Cursor::new(bytes.to_vec()));
    reader.read_stream(name, &stem, kind, r, Some(bytes.len() as u64), &mut out);
    loop {
        let batch = reader.next_batch(usize::MAX);
        if batch.is_empty() {
            break;
        }
        out.extend(batch);
    }
    (out, reader.diagnostics)
}

/// The warning for a truncated article.
fn too_large(prefix: &str, size: Option<u64>, max: usize, cut: usize) -> String {
    match size {
        Some(n) if n > max as u64 => format!(
            "{prefix}article is {n} bytes, over --max-article-bytes ({max}); truncated at byte {cut}"
        ),
        _ => {
            format!("{prefix}article is over --max-article-bytes ({max}); truncated at byte {cut}")
        }
    }
}

/// A serde_json error without its "at line L column C" tail, with the column put first.
fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    format!("at column {}: {msg}", e.column())
}

/// "a number", "an array"... for messages.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The offset of the first NUL byte in the first 8 KiB, which makes a file binary.
fn nul_at(buf: &[u8]) -> Option<usize> {
    memchr::memchr(0, &buf[..buf.len().min(SNIFF_BYTES)])
}

/// Decodes UTF-16 text that starts with a byte order mark; None for anything else.
fn decode_utf16(buf: &[u8]) -> Option<String> {
    let le = match buf {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = buf[2..].chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Parses a text article: optional header lines `date YYYY-MM-DD` (which may share its line with
/// the body, and may carry a `# comment`), `title ...` and `source ...`, then the body. A
/// keyword may be followed by a colon (`date: 2025-10-17`). A `date` line whose value does not
/// start with a digit is body text ("Date night at the White House"), not a header.
///
/// Header keywords, the date and the source line are blanked with spaces so that offsets in
/// the returned text are offsets in the file. Returns warnings for a bad date.
pub fn parse_text_article(id: &str, origin: &str, raw: &str) -> (Option<Article>, Vec<String>) {
    let (a, w) = parse_text(id, origin, raw);
    (
        a,
        w.into_iter()
            .map(|(line, m)| format!("line {line}: {m}"))
            .collect(),
    )
}

/// [`parse_text_article`] with the line number of each warning.
fn parse_text(id: &str, origin: &str, raw: &str) -> (Option<Article>, Vec<(usize, String)>) {
    let mut date = None;
    let mut title = None;
    let mut source = None;
    let mut warnings = Vec::new();
    let mut pos = 0usize;
    let mut line_no = 1;
    // Byte ranges to blank.
    let mut blank: Vec<(usize, usize)> = Vec::new();
    if raw.starts_with('\u{feff}') {
        blank.push((0, 3));
        pos = 3;
    }
    while pos < raw.len() {
        let line_end = raw[pos..].find('\n').map(|i| pos + i).unwrap_or(raw.len());
        let line = &raw[pos..line_end];
        let content = line.trim_start();
        let start = pos + (line.len() - content.len());
        let key_end = content.find(char::is_whitespace).unwrap_or(content.len());
        let key = content[..key_end].trim_end_matches(':');
        let rest = &content[key_end..];
        let next_line = (line_end + 1).min(raw.len());
        if content.is_empty() && date.is_none() && title.is_none() && source.is_none() {
            // Blank lines before the first header.
            pos = next_line;
            line_no += 1;
            continue;
        }
        if key.eq_ignore_ascii_case("date") && date.is_none() {
            let rest_trim = rest.trim_start();
            let tok_end = rest_trim
                .find(char::is_whitespace)
                .unwrap_or(rest_trim.len());
            let tok = &rest_trim[..tok_end];
            if !tok.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            match Date::parse(tok) {
                Some(d) => date = Some(d),
                None => {
                    let shown: String = tok.chars().take(40).collect();
                    warnings.push((
                        line_no,
                        format!(
                            "bad date header {shown:?} (want YYYY-MM-DD); kept the article, date unknown"
                        ),
                    ))
                }
            }
            let after = start + key_end + (rest.len() - rest_trim.len()) + tok.len();
            let tail = raw[after..line_end].trim_start();
            if tail.starts_with('#') || tail.is_empty() {
                blank.push((start, line_end));
                pos = next_line;
            } else {
                // The body starts on the date line.
                blank.push((start, after));
                break;
            }
        } else if key.eq_ignore_ascii_case("title") && title.is_none() && !rest.trim().is_empty() {
            title = Some(rest.trim().to_string());
            // Keep the title text: it is read like a first paragraph.
            blank.push((start, start + key_end));
            pos = next_line;
        } else if key.eq_ignore_ascii_case("source") && source.is_none() && !rest.trim().is_empty()
        {
            source = Some(rest.trim().to_string());
            blank.push((start, line_end));
            pos = next_line;
        } else {
            break;
        }
        line_no += 1;
    }
    // Every blanked byte becomes an ASCII space: offsets stay file offsets.
    let text = blank_ranges(raw, &blank);
    if text.trim().is_empty() {
        return (None, warnings);
    }
    (
        Some(Article {
            id: id.to_string(),
            origin: origin.to_string(),
            date,
            title,
            source,
            text,
        }),
        warnings,
    )
}

/// Replaces the given byte ranges (on character boundaries) with spaces.
fn blank_ranges(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(s, e) in ranges {
        for b in &mut bytes[s..e] {
            *b = b' ';
        }
    }
    // Replacing every byte of whole characters by ASCII keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_on_body_line() {
        let raw = " date 2025-10-17 US President Donald Trump said.\n\nMore.";
        let (a, w) = parse_text_article("000", "000.txt", raw);
        let a = a.unwrap();
        assert!(w.is_empty());
        assert_eq!(a.date, Date::parse("2025-10-17"));
        assert_eq!(a.text.len(), raw.len());
        assert!(a.text.trim_start().starts_with("US President"));
        assert!(!a.text.contains("2025"));
    }

    #[test]
    fn header_lines_and_comment() {
        let raw =
            "date 2019-06-20 # estimated\nsource http://x/y\ntitle Drone shot down\n\nBody here.";
        let (a, w) = parse_text_article("052", "052.txt", raw);
        let a = a.unwrap();
        assert!(w.is_empty());
        assert_eq!(a.date.unwrap().to_string(), "2019-06-20");
        assert_eq!(a.title.as_deref(), Some("Drone shot down"));
        assert_eq!(a.source.as_deref(), Some("http://x/y"));
        assert!(a.text.contains("Drone shot down"));
        assert!(!a.text.contains("http"));
        assert!(!a.text.contains("estimated"));
    }

    #[test]
    fn bad_date_is_kept_with_warning() {
        let (a, w) = parse_text_article("x", "x.txt", "date 2019-13-45\n\nText.");
        assert!(a.unwrap().date.is_none());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("2019-13-45"));
    }

    #[test]
    fn date_word_in_body_is_not_a_header() {
        let raw = "Date night at the White House: Trump hosted Putin.";
        let (a, w) = parse_text_article("x", "x.txt", raw);
        let a = a.unwrap();
        assert!(w.is_empty());
        assert!(a.date.is_none());
        assert_eq!(a.text, raw);
    }

    #[test]
    fn colon_keywords_and_crlf() {
        let raw = "Date: 2020-02-29\r\nTitle: Talks\r\n\r\nPutin spoke.\r\n";
        let (a, w) = parse_text_article("x", "x.txt", raw);
        let a = a.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.date.unwrap().to_string(), "2020-02-29");
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!(a.text.len(), raw.len());
    }

    fn one(name: &str, bytes: &[u8]) -> (Vec<Article>, Vec<Diagnostic>) {
        parse_bytes(name, bytes, &ReadOptions::default())
    }

    #[test]
    fn jsonl_lines_are_numbered() {
        let (a, d) = one(
            "f.jsonl",
            b"\xEF\xBB\xBF{\"text\":\"A.\"}\n{oops\n\n{\"id\":\"z\",\"text\":\"B.\"}\n",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "f:1");
        assert_eq!(a[1].id, "z");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location, "f.jsonl:2");
        assert_eq!(d[0].reason, "invalid-json");
    }

    #[test]
    fn json_items_name_their_line() {
        let (a, d) = one(
            "f.json",
            b"[\n {\"text\":\"A.\"},\n {\"title\":\"t\"},\n {\"text\": 5}\n]",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].location, "f.json:3");
        assert!(d[0].message.starts_with("item 2: "), "{}", d[0].message);
        assert_eq!(d[1].location, "f.json:4");
        assert!(d[1].message.contains("a number"), "{}", d[1].message);
    }

    #[test]
    fn sniffing_standard_input() {
        let (a, _) = one("-", b"\n{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n");
        assert_eq!(
            a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["-:2", "-:3"]
        );
        let (a, _) = one("-", b"{\n \"text\": \"A.\"\n}\n");
        assert_eq!(a.len(), 1);
        let (a, _) = one("-", b"[{\"text\":\"A.\"},{\"text\":\"B.\"}]");
        assert_eq!(a.len(), 2);
        let (a, _) = one("-", b"\n\ndate 2020-01-02\nPutin spoke.");
        assert_eq!(a[0].date.unwrap().to_string(), "2020-01-02");
    }

    #[test]
    fn truncation_keeps_characters_whole() {
        let opts = ReadOptions {
            max_article_bytes: 10,
        };
        // "é" is two bytes: the limit falls inside the fifth one.
        let (a, d) = parse_bytes("x.txt", "aéééééé".as_bytes(), &opts);
        assert_eq!(a[0].text, "aéééé");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].reason, "too-large");
    }

    #[test]
    fn utf16_is_decoded() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Putin spoke.".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let (a, d) = one("x.txt", &b);
        assert_eq!(a[0].text, "Putin spoke.");
        assert_eq!(d[0].reason, "utf16");
    }
}
