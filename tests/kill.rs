//! Nothing lost: a build killed (SIGKILL) at any point, or one that fails, leaves every previous
//! export whole — each export file is byte-identical either to the previous one or to a complete
//! new one, never a torn mix — and `--output` never deletes or changes a file it did not write.
//!
//! The kill points are found by watching the output folder, not by timing: while the build is
//! still reading standard input (only `evidence.jsonl`, which is written as the build streams,
//! has a temporary file yet), the moment a temporary file of another export appears (it is
//! writing the exports), and the moment `graph.json` has been renamed into place (some exports
//! are new, the rest not yet). Kills after fixed delays are added on top; whatever they hit,
//! the same checks hold. The temporary files killed builds leave behind are removed by the
//! next successful build.

#[path = "hostile/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use corpus::{EXPORTS, files};

/// The temporary file `evidence.jsonl` is streamed to while the build reads.
const STREAM: &str = ".evidence.jsonl.tmp-";

/// Files that belong to the user, placed in the output folder before any build.
const UNRELATED: [(&str, &str); 5] = [
    ("notes.txt", "my own notes\n"),
    ("graph.json.bak", "{\"an\": \"old backup\"}\n"),
    (".hidden", "dotfile\n"),
    ("neo4j/README.md", "how I import these\n"),
    ("sub/keep.csv", "a,b\n1,2\n"),
];

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsgraph")
}

fn exports(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .filter(|(k, _)| EXPORTS.contains(&k.as_str()))
        .collect()
}

/// A build command writing every format into `out`.
fn command(inputs: &[&Path], out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("build")
        .args(inputs)
        .arg("--output")
        .arg(out)
        .args(["--threads", "2", "--quiet", "--evidence", "100000"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn run_ok(inputs: &[&Path], out: &Path) -> u32 {
    let child = command(inputs, out).spawn().unwrap();
    let pid = child.id();
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    pid
}

/// The temporary files of process `pid` in the output folder and its `neo4j` folder.
fn temps_of(out: &Path, pid: u32) -> Vec<PathBuf> {
    let suffix = format!(".tmp-{pid}");
    [out.to_path_buf(), out.join("neo4j")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with('.') && n.ends_with(&suffix)
        })
        .collect()
}

/// SIGKILLs the build (if it is still running) and reaps it.
fn kill(mut child: Child) -> u32 {
    let pid = child.id();
    let _ = child.kill();
    child.wait().unwrap();
    pid
}

/// The state of the output folder after a kill or a failure.
struct Expect<'a> {
    old: &'a BTreeMap<String, Vec<u8>>,
    new: &'a BTreeMap<String, Vec<u8>>,
    /// Processes whose temporary files may be left behind.
    dead: &'a BTreeSet<u32>,
}

impl Expect<'_> {
    /// Checks every file in `out`; returns how many exports are new.
    fn check(&self, out: &Path, when: &str) -> usize {
        let now = files(out);
        let mut new = 0;
        for name in EXPORTS {
            let got = now
                .get(name)
                .unwrap_or_else(|| panic!("{when}: {name} is gone"));
            if got == &self.old[name] {
                continue;
            }
            assert!(
                got == &self.new[name],
                "{when}: {name} ({} bytes) is neither the previous export ({} bytes) nor a \
                 complete new one ({} bytes)",
                got.len(),
                self.old[name].len(),
                self.new[name].len()
            );
            new += 1;
        }
        for (name, content) in UNRELATED {
            assert_eq!(
                now.get(name).map(|v| v.as_slice()),
                Some(content.as_bytes()),
                "{when}: unrelated file {name} was changed or deleted"
            );
        }
        for name in now.keys() {
            if EXPORTS.contains(&name.as_str()) || UNRELATED.iter().any(|u| u.0 == name) {
                continue;
            }
            // Anything else must be a temporary dotfile of a killed build, named after an
            // export, and never an export name itself.
            let file = Path::new(name).file_name().unwrap().to_string_lossy();
            let (stem, pid) = file
                .strip_prefix('.')
                .and_then(|f| f.rsplit_once(".tmp-"))
                .unwrap_or_else(|| panic!("{when}: unexpected file {name} in the output"));
            let pid: u32 = pid.parse().unwrap();
            assert!(
                self.dead.contains(&pid),
                "{when}: temporary file {name} of a process that was not killed"
            );
            let dir = Path::new(name).parent().unwrap();
            let export = dir.join(stem).to_string_lossy().into_owned();
            assert!(
                EXPORTS.contains(&export.as_str()),
                "{when}: temporary file {name} is not named after an export"
            );
        }
        new
    }
}

fn feed(corpus_dir: &Path) -> Vec<u8> {
    // All articles of the big corpus as one JSONL stream.
    let mut lines = Vec::new();
    let mut r = corpus::Rng::new(99);
    for i in 0..4000 {
        lines.push(corpus::json_article(&mut r, &format!("stream-{i}")));
    }
    let text = lines.join("\n") + "\n";
    std::fs::write(corpus_dir.join("stream.jsonl"), &text).unwrap();
    text.into_bytes()
}

#[test]
fn killed_builds_leave_the_previous_exports_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let small = root.join("small");
    corpus::write(&small, 60, 1);
    let big = root.join("big");
    corpus::write(&big, 3000, 2);
    let out = root.join("out");
    for (name, content) in UNRELATED {
        let p = out.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    // The previous exports, and what a complete second build writes (elsewhere).
    run_ok(&[&small], &out);
    let old = exports(&out);
    assert_eq!(old.len(), EXPORTS.len());
    let reference = root.join("reference");
    run_ok(&[&big], &reference);
    let new = exports(&reference);
    for name in EXPORTS {
        assert_ne!(old[name], new[name], "{name}: the two builds must differ");
    }
    let mut dead = BTreeSet::new();

    // 1. While it is still reading standard input: nothing may have changed at all.
    let stream = feed(root);
    let mut child = command(&[Path::new("-")], &out)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&stream[..stream.len() / 2]).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = kill(child);
    drop(stdin);
    let early = temps_of(&out, pid);
    assert!(
        early.iter().all(|t| is_stream(t)),
        "temporary file of an export other than evidence.jsonl before any export: {early:?}"
    );
    assert_eq!(exports(&out), old, "killed while reading: exports changed");
    dead.insert(pid);
    let expect = |dead: &BTreeSet<u32>, when: &str| -> usize {
        Expect {
            old: &old,
            new: &new,
            dead,
        }
        .check(&out, when)
    };
    expect(&dead, "killed while reading");

    // 2. After fixed delays (wherever that is).
    for ms in [50, 400, 1500] {
        let child = command(&[&big], &out).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        let pid = kill(child);
        dead.insert(pid);
        let fresh = expect(&dead, &format!("killed after {ms} ms"));
        eprintln!(
            "killed after {ms} ms: {fresh} of {} exports new",
            EXPORTS.len()
        );
        // Put the previous exports back for the next kill.
        run_ok(&[&small], &out);
        assert_eq!(exports(&out), old);
    }

    // 3. While writing: as soon as a temporary file of the build appears.
    let mut caught = None;
    for _attempt in 0..5 {
        let mut child = command(&[&big], &out).spawn().unwrap();
        let pid = child.id();
        let seen = loop {
            let t = temps_of(&out, pid);
            if t.iter().any(|t| !is_stream(t)) {
                break Some(t);
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
        };
        match seen {
            Some(t) => {
                kill(child);
                dead.insert(pid);
                caught = Some(t);
                break;
            }
            None => {
                // It finished before we saw it writing: start again from the old exports.
                run_ok(&[&small], &out);
            }
        }
    }
    let temps = caught.expect("never caught a build while it was writing");
    let fresh = expect(&dead, "killed while writing");
    eprintln!("killed while writing {temps:?}: {fresh} exports new");
    assert!(
        fresh < EXPORTS.len(),
        "killed while writing, yet every export is new"
    );
    // The file being written at the kill is still the previous export.
    for t in &temps {
        let name = t.file_name().unwrap().to_string_lossy();
        let stem = name
            .strip_prefix('.')
            .unwrap()
            .rsplit_once(".tmp-")
            .unwrap()
            .0;
        let rel = t
            .parent()
            .unwrap()
            .join(stem)
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if std::fs::read(out.join(&rel)).unwrap() != old[&rel] {
            // The rename may have happened between our look and the kill.
            assert_eq!(std::fs::read(out.join(&rel)).unwrap(), new[&rel]);
        }
    }
    run_ok(&[&small], &out);

    // 4. Part-way through the renames: once graph.json has been replaced.
    let before = std::fs::metadata(out.join("graph.json")).unwrap().ino();
    let mut child = command(&[&big], &out).spawn().unwrap();
    loop {
        let ino = std::fs::metadata(out.join("graph.json")).unwrap().ino();
        if ino != before || child.try_wait().unwrap().is_some() {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    dead.insert(child.id());
    let fresh = expect(&dead, "killed after graph.json was renamed");
    eprintln!("killed after graph.json was renamed: {fresh} exports new");
    assert!(fresh >= 1);
    assert_eq!(exports(&out)["graph.json"], new["graph.json"]);

    // 5. A successful build afterwards writes every export completely, leaves no temporary
    // file of its own, removes those the killed builds left, and still has not touched the
    // user's files.
    let left: usize = dead.iter().map(|&p| temps_of(&out, p).len()).sum();
    eprintln!("temporary files of killed builds before the last build: {left}");
    let pid = run_ok(&[&big], &out);
    assert_eq!(exports(&out), new);
    assert!(temps_of(&out, pid).is_empty());
    expect(&dead, "after a successful build");
    let stale: Vec<PathBuf> = dead.iter().flat_map(|&p| temps_of(&out, p)).collect();
    assert!(
        stale.is_empty(),
        "temporary files of killed builds left after a successful build: {stale:?}"
    );
}

/// Whether a temporary file is the stream of `evidence.jsonl`.
fn is_stream(p: &Path) -> bool {
    p.file_name().unwrap().to_string_lossy().starts_with(STREAM)
}

#[test]
fn output_never_deletes_unrelated_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    corpus::write(&root.join("in"), 30, 3);
    let out = root.join("out");
    for (name, content) in UNRELATED {
        let p = out.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    // A stale file named like an export of a format not asked for is left alone too.
    std::fs::write(out.join("graph.dot"), "digraph old {}\n").unwrap();
    // Temporary files: one of a process that is gone (removed: a killed build's leftover),
    // one of a running process (kept: it may be writing), and one of a process that is gone
    // but not named after an export (kept: not ours).
    let gone = {
        let mut c = Command::new(bin()).arg("--version").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    };
    let running = std::process::id();
    std::fs::write(out.join(format!(".graph.gexf.tmp-{gone}")), "torn").unwrap();
    std::fs::write(out.join(format!(".graph.json.tmp-{running}")), "busy").unwrap();
    std::fs::write(out.join(format!(".notes.txt.tmp-{gone}")), "mine").unwrap();
    let o = Command::new(bin())
        .arg("build")
        .arg(root.join("in"))
        .arg("--output")
        .arg(&out)
        .args(["--format", "json,csv", "--quiet"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let now = files(&out);
    for (name, content) in UNRELATED {
        assert_eq!(
            now.get(name).map(|v| v.as_slice()),
            Some(content.as_bytes()),
            "{name} changed"
        );
    }
    assert_eq!(now["graph.dot"], b"digraph old {}\n");
    let written: BTreeSet<String> = now.keys().cloned().collect();
    let expected: BTreeSet<String> = UNRELATED
        .iter()
        .map(|u| u.0.to_string())
        .chain(
            [
                "graph.dot",
                "graph.json",
                "graph.bin",
                "evidence.jsonl",
                "nodes.csv",
                "edges.csv",
            ]
            .map(String::from),
        )
        .chain([
            format!(".graph.json.tmp-{running}"),
            format!(".notes.txt.tmp-{gone}"),
        ])
        .collect();
    assert_eq!(written, expected, "no other file appears or disappears");
}

#[test]
fn failed_and_empty_runs_leave_the_previous_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    corpus::write(&root.join("a"), 30, 4);
    corpus::write(&root.join("b"), 30, 5);
    let out = root.join("out");
    run_ok(&[&root.join("a")], &out);
    let old = exports(&out);

    // Nothing readable: exit 2, nothing written.
    std::fs::write(root.join("blob.txt"), b"\x00\x01\x02").unwrap();
    let o = command(&[&root.join("missing.txt"), &root.join("blob.txt")], &out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(files(&out).len(), EXPORTS.len());
    assert_eq!(exports(&out), old);

    // A write that fails part-way (graph.dot cannot be replaced: a folder now stands there):
    // exit 1, every export old or complete, and the failed temporary file removed.
    let new_ref = root.join("reference");
    run_ok(&[&root.join("b")], &new_ref);
    let new = exports(&new_ref);
    std::fs::remove_file(out.join("graph.dot")).unwrap();
    std::fs::create_dir(out.join("graph.dot")).unwrap();
    std::fs::write(out.join("graph.dot/inside.txt"), "mine\n").unwrap();
    let child = command(&[&root.join("b")], &out).spawn().unwrap();
    let pid = child.id();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("graph.dot"),
        "the error names the file"
    );
    assert!(
        temps_of(&out, pid).is_empty(),
        "temporary file left after a failure"
    );
    assert_eq!(
        std::fs::read(out.join("graph.dot/inside.txt")).unwrap(),
        b"mine\n"
    );
    for (name, bytes) in exports(&out) {
        assert!(
            bytes == old[&name] || bytes == new[&name],
            "{name} is torn after a failed run"
        );
    }
}
