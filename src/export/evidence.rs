//! The complete evidence (`evidence.jsonl`): one JSON object per line for every relation
//! occurrence merged into the graph, in input order: `source`, `target` (entity ids as the
//! edge in `graph.json` has them), `relation`, `modality`, `trigger`, `article`, `date` (absent
//! when the article has none), `sentence`, and the character offsets `start` and `end` of the
//! sentence in the article. The lines of an edge number its weight.
//!
//! The file is not built in memory: a build appends each article's occurrences to a temporary
//! file as it merges the article ([`Stream`]), and renames it into place with the other
//! exports. Filters on the graph keep the lines of the edges kept (and, with a date window or
//! modalities, only the occurrences in them); the temporary file is filtered in place.

use crate::extract::EdgeRec;
use crate::model::{Date, Modality, Relation};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The file name.
pub const FILE: &str = "evidence.jsonl";

/// One line of `evidence.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line<'a> {
    /// Source entity id.
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    /// Target entity id.
    #[serde(borrow)]
    pub target: Cow<'a, str>,
    /// Relation.
    pub relation: Relation,
    /// Modality of this occurrence.
    pub modality: Modality,
    /// Trigger words.
    #[serde(borrow)]
    pub trigger: Cow<'a, str>,
    /// Article id.
    #[serde(borrow)]
    pub article: Cow<'a, str>,
    /// Article date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The sentence.
    #[serde(borrow)]
    pub sentence: Cow<'a, str>,
    /// Character offset of the sentence in the article.
    pub start: usize,
    /// Character offset of the end of the sentence.
    pub end: usize,
}

/// Which lines a filter keeps.
pub type Keep = Box<dyn Fn(&Line<'_>) -> bool + Send + Sync>;

/// `evidence.jsonl` being written: a temporary file (`.evidence.jsonl.tmp-PID`) in the output
/// folder, renamed over `evidence.jsonl` by [`Stream::finish`], removed when dropped
/// unfinished.
pub struct Stream {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
    keep: Option<Keep>,
    error: Option<std::io::Error>,
    lines: u64,
    done: bool,
}

impl Stream {
    /// Starts `evidence.jsonl` in `dir` (which must exist).
    pub fn create(dir: &Path) -> Result<Stream> {
        let path = dir.join(FILE);
        let tmp = super::temp_path(&path)?;
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(Stream {
            path,
            tmp,
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            keep: None,
            error: None,
            lines: 0,
            done: false,
        })
    }

    /// The file this stream becomes.
    pub fn target(&self) -> &Path {
        &self.path
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Appends one occurrence of an article. A write error is kept and reported by
    /// [`Stream::check`] and [`Stream::finish`]; later occurrences are not written.
    pub fn occurrence(
        &mut self,
        source: &str,
        target: &str,
        article: &str,
        date: Option<Date>,
        o: &EdgeRec,
    ) {
        if self.error.is_some() {
            return;
        }
        let line = Line {
            source: Cow::Borrowed(source),
            target: Cow::Borrowed(target),
            relation: o.relation,
            modality: o.modality,
            trigger: Cow::Borrowed(&o.trigger),
            article: Cow::Borrowed(article),
            date,
            sentence: Cow::Borrowed(&o.sentence),
            start: o.start,
            end: o.end,
        };
        let out = self.out.as_mut().expect("stream is open");
        let r = serde_json::to_writer(&mut *out, &line)
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"));
        match r {
            Ok(()) => self.lines += 1,
            Err(e) => self.error = Some(e),
        }
    }

    /// Appends the lines of another `evidence.jsonl` (a graph merged or appended to);
    /// returns how many.
    pub fn append_file(&mut self, path: &Path) -> Result<u64> {
        self.check()?;
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut r = BufReader::with_capacity(1 << 20, file);
        let out = self.out.as_mut().expect("stream is open");
        let mut n = 0u64;
        let mut last = b'\n';
        loop {
            let buf = r
                .fill_buf()
                .with_context(|| format!("cannot read {}", path.display()))?;
            if buf.is_empty() {
                break;
            }
            n += memchr::memchr_iter(b'\n', buf).count() as u64;
            last = *buf.last().unwrap();
            out.write_all(buf)
                .with_context(|| format!("cannot write {}", self.tmp.display()))?;
            let len = buf.len();
            r.consume(len);
        }
        if last != b'\n' {
            out.write_all(b"\n")
                .with_context(|| format!("cannot write {}", self.tmp.display()))?;
            n += 1;
        }
        self.lines += n;
        Ok(n)
    }

    /// Keeps only the lines `keep` accepts when the stream is finished.
    pub fn keep_only(&mut self, keep: Keep) {
        self.keep = Some(keep);
    }

    /// Fails with the first write error so far.
    pub fn check(&mut self) -> Result<()> {
        match self.error.take() {
            Some(e) => {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
                Err(e).with_context(|| format!("cannot write {}", self.tmp.display()))
            }
            None => Ok(()),
        }
    }

    /// Flushes, filters (when asked), syncs and renames the file into place.
    pub fn finish(mut self) -> Result<PathBuf> {
        self.check()?;
        let out = self.out.take().expect("stream is open");
        let mut file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        if let Some(keep) = &self.keep {
            filter_in_place(&mut file, &self.tmp, keep)
                .with_context(|| format!("cannot filter {}", self.tmp.display()))?;
        }
        file.sync_all()
            .with_context(|| format!("cannot sync {}", self.tmp.display()))?;
        drop(file);
        super::rename_into_place(&self.tmp, &self.path)?;
        self.done = true;
        Ok(self.path.clone())
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if !self.done {
            self.out.take();
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Keeps the lines `keep` accepts, moving them towards the start of the file (the write
/// position never passes the read position), then cuts the file.
fn filter_in_place(file: &mut File, tmp: &Path, keep: &Keep) -> Result<()> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::with_capacity(1 << 20, file.try_clone()?);
    let mut writer = BufWriter::with_capacity(1 << 20, File::options().write(true).open(tmp)?);
    let mut line = Vec::new();
    let mut kept = 0u64;
    let mut no = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        no += 1;
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if text.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let parsed: Line<'_> = serde_json::from_slice(text)
            .with_context(|| format!("line {no} is not an evidence line"))?;
        if keep(&parsed) {
            writer.write_all(text)?;
            writer.write_all(b"\n")?;
            kept += text.len() as u64 + 1;
        }
    }
    writer.flush()?;
    drop(writer);
    file.set_len(kept)?;
    Ok(())
}

/// The `evidence.jsonl` that goes with a graph file: beside it, named `evidence.jsonl` for a
/// `graph.json` and `NAME.evidence.jsonl` for any other `NAME.json`.
pub fn companion(graph: &Path) -> PathBuf {
    let name = graph.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "graph.json" || name == "graph.bin" {
        return graph.with_file_name(FILE);
    }
    let stem = graph.file_stem().and_then(|s| s.to_str()).unwrap_or(name);
    graph.with_file_name(format!("{stem}.{FILE}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(i: usize) -> EdgeRec {
        EdgeRec {
            source: "a".into(),
            target: "b".into(),
            relation: Relation::MetWith,
            modality: Modality::ALL[i % 4],
            trigger: "met".into(),
            sentence: format!("A met \"B\" {i}.\né"),
            start: i,
            end: i + 5,
        }
    }

    #[test]
    fn lines_round_trip_and_filters_keep_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Stream::create(dir.path()).unwrap();
        for i in 0..3000 {
            s.occurrence("a", "b", &format!("art{i}"), Date::new(2025, 1, 2), &rec(i));
        }
        s.keep_only(Box::new(|l| l.modality == Modality::Planned));
        let tmp = super::super::temp_path(&dir.path().join(FILE)).unwrap();
        assert!(tmp.exists());
        let path = s.finish().unwrap();
        assert!(!tmp.exists());
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<Line<'_>> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 750);
        for (k, l) in lines.iter().enumerate() {
            let i = 4 * k + 1;
            assert_eq!(l.article, format!("art{i}"));
            assert_eq!(l.sentence, rec(i).sentence);
            assert_eq!(l.modality, Modality::Planned);
            assert_eq!(l.date, Date::new(2025, 1, 2));
        }
    }

    #[test]
    fn unfinished_streams_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Stream::create(dir.path()).unwrap();
        s.occurrence("a", "b", "x", None, &rec(1));
        drop(s);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn appended_files_are_copied_whole() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.jsonl");
        std::fs::write(&other, "{\"x\":1}\n{\"x\":2}").unwrap();
        let mut s = Stream::create(dir.path()).unwrap();
        s.occurrence("a", "b", "x", None, &rec(1));
        assert_eq!(s.append_file(&other).unwrap(), 2);
        s.occurrence("a", "b", "y", None, &rec(2));
        assert_eq!(s.lines(), 4);
        let text = std::fs::read_to_string(s.finish().unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1..3], ["{\"x\":1}", "{\"x\":2}"]);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn companions() {
        assert_eq!(
            companion(Path::new("out/graph.json")),
            Path::new("out/evidence.jsonl")
        );
        assert_eq!(
            companion(Path::new("out/shard1.json")),
            Path::new("out/shard1.evidence.jsonl")
        );
    }
}
