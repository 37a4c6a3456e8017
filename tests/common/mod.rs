//! Helpers shared by the integration tests: finding outside programs (Graphviz, xmllint, java,
//! a python with the client libraries), the skip-or-fail rule for missing programs, the
//! project's shared folder, and running a process with its output captured.
//!
//! A missing program makes a test print a visible `SKIP` line and return, unless the
//! environment variable `NEWSGRAPH_REQUIRE_CLIENTS=1` is set (as `.ci/run` does), in which case
//! it is a test failure. Python clients are found through `NEWSGRAPH_PYTHON` (a python
//! executable, e.g. a venv's), falling back to `python3`.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Whether a missing outside program must fail the test instead of skipping it.
pub fn require_clients() -> bool {
    std::env::var("NEWSGRAPH_REQUIRE_CLIENTS").is_ok_and(|v| v.trim() == "1")
}

/// Reports that a check cannot run: a visible skip message, or a panic when
/// `NEWSGRAPH_REQUIRE_CLIENTS=1`.
pub fn skip_or_fail(test: &str, why: &str) {
    if require_clients() {
        panic!("{test}: {why} (NEWSGRAPH_REQUIRE_CLIENTS=1, so this is a failure; run .ci/run)");
    }
    visible(&format!(
        "SKIP {test}: {why} (set NEWSGRAPH_REQUIRE_CLIENTS=1 to make this a failure)"
    ));
}

/// Prints a line on the process's standard error even while the test harness captures test
/// output (it captures `eprintln!`, not writes to `std::io::stderr()`), so skips are seen in
/// a plain `cargo test`.
pub fn visible(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The full path of an executable found on `PATH`.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Finds every named program, or reports the first missing one (skip or fail) and returns
/// `None`.
pub fn programs(test: &str, names: &[&str]) -> Option<Vec<PathBuf>> {
    let mut out = Vec::new();
    for n in names {
        match find_program(n) {
            Some(p) => out.push(p),
            None => {
                skip_or_fail(test, &format!("program `{n}` not found on PATH"));
                return None;
            }
        }
    }
    Some(out)
}

/// The python to use: `NEWSGRAPH_PYTHON` or `python3`.
pub fn python_command() -> PathBuf {
    match std::env::var_os("NEWSGRAPH_PYTHON") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("python3"),
    }
}

/// A python that can import every module in `modules`, or a skip/failure report and `None`.
pub fn python_with(test: &str, modules: &[&str]) -> Option<PathBuf> {
    let py = python_command();
    let probe = format!("import {}", modules.join(", "));
    match Command::new(&py)
        .args(["-c", &probe])
        .stdin(Stdio::null())
        .output()
    {
        Ok(o) if o.status.success() => Some(py),
        Ok(o) => {
            skip_or_fail(
                test,
                &format!(
                    "{} cannot import {}: {}",
                    py.display(),
                    modules.join(", "),
                    String::from_utf8_lossy(&o.stderr).trim()
                ),
            );
            None
        }
        Err(e) => {
            skip_or_fail(test, &format!("cannot run {}: {e}", py.display()));
            None
        }
    }
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's shared folder (`../shared`), or a visible skip message and `None`. A missing
/// shared folder is always a skip, never a failure.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let p = repo_root().join("..").join("shared");
    if p.is_dir() {
        Some(p)
    } else {
        visible(&format!(
            "SKIP {test}: ../shared is not present beside the repository"
        ));
        None
    }
}

/// The folder of the test client scripts (`tests/clients`).
pub fn clients_dir() -> PathBuf {
    repo_root().join("tests").join("clients")
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("newsgraph-test-")
        .tempdir()
        .expect("cannot create a temporary folder")
}

/// Runs a program with its arguments, standard input closed, and returns its output.
pub fn run<I, S>(program: impl AsRef<OsStr>, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let program = program.as_ref();
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.to_string_lossy()))
}

/// Like [`run`], but panics with the program's output unless it exits with status 0; returns
/// standard output as text.
pub fn run_ok<I, S>(what: &str, program: impl AsRef<OsStr>, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let o = run(program, args);
    assert_success(what, &o);
    String::from_utf8(o.stdout).unwrap_or_else(|e| panic!("{what}: output is not UTF-8: {e}"))
}

/// Panics with the captured output unless the process exited with status 0.
pub fn assert_success(what: &str, o: &Output) {
    assert!(
        o.status.success(),
        "{what} failed with {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status,
        tail(&String::from_utf8_lossy(&o.stdout)),
        tail(&String::from_utf8_lossy(&o.stderr)),
    );
}

/// The last 4,000 characters of a text, for failure messages.
pub fn tail(s: &str) -> &str {
    let n = s.chars().count();
    if n <= 4000 {
        return s;
    }
    let start = s.char_indices().nth(n - 4000).map_or(0, |(i, _)| i);
    &s[start..]
}
