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
//! one batch of text in memory.

use crate::model::Date;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
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
    /// `path`, `path:line` or `path:byte N`.
    pub location: String,
    /// What is wrong and what newsgraph did about it.
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
    /// Files opened and read (fully or partly).
    pub files: usize,
    /// Articles produced.
    pub articles: usize,
    /// Bytes of article text produced.
    pub bytes: u64,
    /// Inputs skipped (files, lines or records).
    pub skipped: usize,
}

const EXTENSIONS: [&str; 4] = ["txt", "md", "jsonl", "json"];

enum Pending {
    Path(PathBuf),
    Stdin,
}

enum Open {
    Jsonl {
        path: String,
        stem: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
    },
}

/// Streams articles from a list of paths (`-` is standard input), in batches.
pub struct Reader {
    queue: VecDeque<Pending>,
    open: Option<Open>,
    opts: ReadOptions,
    seen_dirs: HashSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    stats: ReadStats,
    any_input: bool,
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
                    Pending::Path(p.to_path_buf())
                }
            })
            .collect();
        Reader {
            queue,
            open: None,
            opts,
            seen_dirs: HashSet::new(),
            diagnostics: Vec::new(),
            stats: ReadStats::default(),
            any_input: false,
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

    /// True once at least one file or standard input could be read.
    pub fn read_anything(&self) -> bool {
        self.any_input
    }

    /// Returns the next batch of articles holding about `max_bytes` of text (at least one
    /// article), or an empty vector at the end of the input.
    pub fn next_batch(&mut self, max_bytes: usize) -> Vec<Article> {
        let mut out = Vec::new();
        let mut bytes = 0usize;
        while bytes < max_bytes {
            if let Some(open) = self.open.take() {
                match self.read_jsonl_line(open) {
                    Some((open, art)) => {
                        self.open = Some(open);
                        if let Some(a) = art {
                            bytes += a.text.len();
                            out.push(a);
                        }
                    }
                    None => {}
                }
                continue;
            }
            let Some(next) = self.queue.pop_front() else {
                break;
            };
            match next {
                Pending::Stdin => {
                    let mut buf = Vec::new();
                    let limit = self.limit();
                    match std::io::stdin().lock().take(limit).read_to_end(&mut buf) {
                        Ok(_) => {
                            self.any_input = true;
                            self.stats.files += 1;
                            let arts = self.parse_buffer("<stdin>", "stdin", None, buf);
                            for a in arts {
                                bytes += a.text.len();
                                out.push(a);
                            }
                        }
                        Err(e) => self.error("<stdin>", "unreadable", format!("cannot read: {e}")),
                    }
                }
                Pending::Path(p) => self.visit(p, &mut out, &mut bytes),
            }
        }
        self.stats.articles += out.len();
        self.stats.bytes += out.iter().map(|a| a.text.len() as u64).sum::<u64>();
        out
    }

    fn limit(&self) -> u64 {
        // Read one byte more than the limit so that truncation can be detected.
        self.opts.max_article_bytes as u64 + 1
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
        self.diagnostics.push(Diagnostic {
            level: Level::Warning,
            location: location.to_string(),
            message,
            reason,
        });
    }

    fn visit(&mut self, path: PathBuf, out: &mut Vec<Article>, bytes: &mut usize) {
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_string()
                } else {
                    e.to_string()
                };
                return self.error(&shown, "unreadable", format!("cannot read: {why}"));
            }
        };
        if meta.is_dir() {
            let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !self.seen_dirs.insert(canon) {
                return self.warn(
                    &shown,
                    "symlink-loop",
                    "folder already visited (symlink loop?), skipped".into(),
                );
            }
            let entries = match std::fs::read_dir(&path) {
                Ok(rd) => rd,
                Err(e) => return self.error(&shown, "unreadable", format!("cannot list: {e}")),
            };
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            // Depth-first, in sorted order: push children to the front of the queue.
            for child in children.into_iter().rev() {
                let keep = child.is_dir()
                    || child
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if keep {
                    self.queue.push_front(Pending::Path(child));
                }
            }
            return;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return self.error(&shown, "unreadable", format!("cannot open: {e}")),
        };
        self.any_input = true;
        self.stats.files += 1;
        if ext == "jsonl" {
            self.open = Some(Open::Jsonl {
                path: shown,
                stem,
                reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                line: 0,
            });
            return;
        }
        let mut buf = Vec::new();
        // JSON arrays hold many articles: allow them to be as large as the file is.
        let read = if ext == "json" {
            BufReader::new(file).read_to_end(&mut buf)
        } else {
            BufReader::new(file)
                .take(self.limit())
                .read_to_end(&mut buf)
        };
        if let Err(e) = read {
            return self.error(&shown, "unreadable", format!("cannot read: {e}"));
        }
        let kind = if ext == "json" {
            Some(true)
        } else {
            Some(false)
        };
        for a in self.parse_buffer(&shown, &stem, kind, buf) {
            *bytes += a.text.len();
            out.push(a);
        }
    }

    /// Parses one whole buffer: `json` = Some(true) for a JSON file, Some(false) for a text
    /// file, None to sniff (standard input).
    fn parse_buffer(
        &mut self,
        shown: &str,
        stem: &str,
        json: Option<bool>,
        buf: Vec<u8>,
    ) -> Vec<Article> {
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            self.error(shown, "empty", "empty file, skipped".into());
            return Vec::new();
        }
        if looks_binary(&buf) {
            self.error(shown, "binary", "binary file (NUL bytes), skipped".into());
            return Vec::new();
        }
        let first = buf.iter().find(|b| !b.is_ascii_whitespace()).copied();
        let json = json.unwrap_or(matches!(first, Some(b'[') | Some(b'{')));
        if json {
            return match first {
                Some(b'[') | Some(b'{') => self.parse_json(shown, stem, &buf),
                _ => {
                    self.error(
                        shown,
                        "invalid-json",
                        "not a JSON array or object, skipped".into(),
                    );
                    Vec::new()
                }
            };
        }
        let text = self.decode(shown, buf);
        let text = self.truncate(shown, text);
        match parse_text_article(stem, shown, &text) {
            (Some(a), warns) => {
                for w in warns {
                    self.warn(shown, "bad-date", w);
                }
                vec![a]
            }
            (None, _) => {
                self.error(
                    shown,
                    "empty",
                    "no article text after the header, skipped".into(),
                );
                Vec::new()
            }
        }
    }

    fn decode(&mut self, shown: &str, buf: Vec<u8>) -> String {
        match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                self.warn(
                    shown,
                    "invalid-utf8",
                    format!("invalid UTF-8 at byte {at}; decoded with replacement characters"),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    }

    fn truncate(&mut self, shown: &str, mut text: String) -> String {
        let max = self.opts.max_article_bytes;
        if text.len() > max {
            let mut cut = max;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            self.warn(
                shown,
                "too-large",
                format!("article longer than --max-article-bytes ({max}); truncated"),
            );
        }
        text
    }

    fn parse_json(&mut self, shown: &str, stem: &str, buf: &[u8]) -> Vec<Article> {
        let text = String::from_utf8_lossy(buf);
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                // A file of JSON objects one per line, saved as .json: read it as JSONL.
                if text.trim_start().starts_with('{')
                    && text.lines().filter(|l| !l.trim().is_empty()).count() > 1
                {
                    let mut out = Vec::new();
                    for (i, line) in text.lines().enumerate() {
                        if let Some(a) = self.json_line(shown, stem, i + 1, line) {
                            out.push(a);
                        }
                    }
                    return out;
                }
                self.error(
                    shown,
                    "invalid-json",
                    format!(
                        "invalid JSON at line {} column {}: {e}; skipped",
                        e.line(),
                        e.column()
                    ),
                );
                return Vec::new();
            }
        };
        match value {
            serde_json::Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let loc = format!("{shown}: item {}", i + 1);
                    let fallback = format!("{stem}:{}", i + 1);
                    if let Some(a) = self.json_article(&loc, &fallback, item) {
                        out.push(a);
                    }
                }
                out
            }
            obj @ serde_json::Value::Object(_) => {
                self.json_article(shown, stem, obj).into_iter().collect()
            }
            _ => {
                self.error(
                    shown,
                    "invalid-json",
                    "JSON is neither an array nor an object; skipped".into(),
                );
                Vec::new()
            }
        }
    }

    fn json_line(
        &mut self,
        shown: &str,
        stem: &str,
        line_no: usize,
        line: &str,
    ) -> Option<Article> {
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        let loc = format!("{shown}:{line_no}");
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => self.json_article(&loc, &format!("{stem}:{line_no}"), v),
            Err(e) => {
                self.error(
                    &loc,
                    "invalid-json",
                    format!("malformed JSON line ({e}); skipped"),
                );
                None
            }
        }
    }

    fn read_jsonl_line(&mut self, open: Open) -> Option<(Open, Option<Article>)> {
        let Open::Jsonl {
            path,
            stem,
            mut reader,
            mut line,
        } = open;
        let mut buf = Vec::new();
        // Cap the line length: an enormous line is read up to the limit and then drained.
        let limit = self.limit() as usize * 2 + 1024;
        let n = match (&mut reader).take(limit as u64).read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                self.error(
                    &path,
                    "unreadable",
                    format!("read error after line {line}: {e}"),
                );
                return None;
            }
        };
        if n == 0 {
            return None;
        }
        line += 1;
        if buf.len() >= limit && buf.last() != Some(&b'\n') {
            // Drain the rest of this overlong line.
            let mut sink = Vec::new();
            loop {
                sink.clear();
                match (&mut reader).take(1 << 20).read_until(b'\n', &mut sink) {
                    Ok(0) => break,
                    Ok(_) if sink.last() == Some(&b'\n') => break,
                    Ok(_) => continue,
                    Err(_) => break,
                }
            }
            self.error(
                &format!("{path}:{line}"),
                "too-large",
                "JSON line longer than twice --max-article-bytes; skipped".into(),
            );
            return Some((
                Open::Jsonl {
                    path,
                    stem,
                    reader,
                    line,
                },
                None,
            ));
        }
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                self.warn(
                    &format!("{path}:{line}"),
                    "invalid-utf8",
                    "invalid UTF-8; decoded with replacement characters".into(),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let art = self.json_line(&path, &stem, line, &text);
        Some((
            Open::Jsonl {
                path,
                stem,
                reader,
                line,
            },
            art,
        ))
    }

    fn json_article(
        &mut self,
        loc: &str,
        fallback_id: &str,
        v: serde_json::Value,
    ) -> Option<Article> {
        let serde_json::Value::Object(map) = v else {
            self.error(loc, "invalid-json", "not a JSON object; skipped".into());
            return None;
        };
        let str_field = |k: &str| -> Option<String> {
            match map.get(k) {
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let Some(body) = str_field("text") else {
            self.error(
                loc,
                "missing-text",
                "JSON article has no \"text\" string; skipped".into(),
            );
            return None;
        };
        if body.trim().is_empty() {
            self.error(
                loc,
                "empty",
                "JSON article has an empty \"text\"; skipped".into(),
            );
            return None;
        }
        let id = str_field("id")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| fallback_id.to_string());
        let date = match str_field("date") {
            Some(d) => {
                let head: String = d.trim().chars().take(10).collect();
                match Date::parse(&head) {
                    Some(date) => Some(date),
                    None => {
                        self.warn(
                            loc,
                            "bad-date",
                            format!("bad date {d:?}; kept the article, date unknown"),
                        );
                        None
                    }
                }
            }
            None => None,
        };
        let title = str_field("title").filter(|t| !t.trim().is_empty());
        let source = str_field("url").or_else(|| str_field("source"));
        let text = match &title {
            Some(t) => format!("{t}\n\n{body}"),
            None => body,
        };
        let text = self.truncate(loc, text);
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

/// True when the buffer looks like a binary file: a NUL byte in its first 8 KiB.
fn looks_binary(buf: &[u8]) -> bool {
    memchr::memchr(0, &buf[..buf.len().min(8192)]).is_some()
}

/// Parses a text article: optional header lines `date YYYY-MM-DD` (which may share its line with
/// the body, and may carry a `# comment`), `title ...` and `source ...`, then the body.
///
/// Header keywords, the date and the source line are blanked with spaces so that offsets in
/// the returned text are offsets in the file. Returns warnings for a bad date.
pub fn parse_text_article(id: &str, origin: &str, raw: &str) -> (Option<Article>, Vec<String>) {
    let mut date = None;
    let mut title = None;
    let mut source = None;
    let mut warnings = Vec::new();
    let mut pos = 0usize;
    // Byte ranges to blank.
    let mut blank: Vec<(usize, usize)> = Vec::new();
    if raw.starts_with('\u{feff}') {
        blank.push((0, 3));
        pos = 3;
    }
    loop {
        let line_end = raw[pos..].find('\n').map(|i| pos + i).unwrap_or(raw.len());
        let line = &raw[pos..line_end];
        let lead = line.len() - line.trim_start().len();
        let content = line.trim_start();
        let key_end = content.find(char::is_whitespace).unwrap_or(content.len());
        let key = &content[..key_end];
        let start = pos + lead;
        match key.to_ascii_lowercase().as_str() {
            "date" if date.is_none() => {
                let rest = &content[key_end..];
                let rest_trim = rest.trim_start();
                let tok_end = rest_trim
                    .find(char::is_whitespace)
                    .unwrap_or(rest_trim.len());
                let tok = &rest_trim[..tok_end];
                let tok_start = start + key_end + (rest.len() - rest_trim.len());
                match Date::parse(tok) {
                    Some(d) => date = Some(d),
                    None => warnings.push(format!(
                        "bad date header {tok:?} (want YYYY-MM-DD); kept the article, date unknown"
                    )),
                }
                let after = tok_start + tok.len();
                let tail = raw[after..line_end].trim_start();
                if tail.starts_with('#') || tail.is_empty() {
                    blank.push((start, line_end));
                    pos = (line_end + 1).min(raw.len());
                } else {
                    // The body starts on the date line.
                    blank.push((start, after));
                    break;
                }
            }
            "title" if title.is_none() && key_end < content.len() => {
                let t = content[key_end..].trim();
                if !t.is_empty() {
                    title = Some(t.to_string());
                }
                // Keep the title text: it is read like a first paragraph.
                blank.push((start, start + key_end));
                pos = (line_end + 1).min(raw.len());
            }
            "source" if source.is_none() && key_end < content.len() => {
                source = Some(content[key_end..].trim().to_string());
                blank.push((start, line_end));
                pos = (line_end + 1).min(raw.len());
            }
            _ => break,
        }
        if pos >= raw.len() {
            break;
        }
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
}
