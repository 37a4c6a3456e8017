//! The Spark example (`examples/spark/build_graph.py`) in Spark's local mode: a corpus piped
//! through `newsgraph extract` on the executors and merged with `newsgraph merge` gives the
//! graph.json of one `newsgraph build`, byte for byte. Needs a python with pyspark (found
//! through NEWSGRAPH_PYTHON) and java; skips without them unless NEWSGRAPH_REQUIRE_CLIENTS=1.

mod common;

use std::process::Command;

/// Articles with and without ids and dates, a blank line and a malformed line.
const CORPUS: &[&str] = &[
    r#"{"id":"s01","date":"2025-10-17","title":"Budapest summit","text":"President Donald Trump met Vladimir Putin in Budapest on Friday. Trump spoke with Putin about Ukraine."}"#,
    r#"{"id":"s02","date":"2025-10-18","text":"Russian Foreign Minister Sergei Lavrov spoke with Secretary of State Marco Rubio on Monday."}"#,
    r#"{"date":"2024-03-02","text":"Russia attacked Ukraine overnight. Germany supplies Taurus missiles to Ukraine."}"#,
    r#"{"id":"s04","date":"2025-11-02","text":"Trump said he would not send Tomahawk missiles to Ukraine. Volodymyr Zelensky urged Trump to reconsider."}"#,
    "",
    r#"{"id":"s05","text":"Putin met Xi Jinping in Beijing. China and Russia signed an agreement on energy."}"#,
    r#"{"id":"s06","date":"2019-06-20","text":"Iran shot down a US drone over the Strait of Hormuz. Trump threatened Iran."}"#,
    r#"{not json"#,
    r#"{"id":" ","date":"2025-10-17","text":"Zelensky met Trump at the White House. Ukraine requested Tomahawk missiles."}"#,
    r#"{"id":"s08","date":"2023-05-12","text":"The United States sanctioned Russia. Rubio praised the decision."}"#,
    r#"{"id":"s09","date":"2025-12-01","text":"Trump plans to meet Putin in Budapest next month. Trump may meet Xi Jinping in Seoul."}"#,
    r#"{"id":"s10","date":"2022-02-24","text":"Russia is at war with Ukraine. Russia uses Iskander missiles. Putin spoke with Emmanuel Macron."}"#,
    r#"{"id":"s11","date":"2025-10-17","text":"Trump met Putin again. Putin praised Trump."}"#,
    r#"{"date":"2018-07-16","text":"Trump met Putin in Helsinki. Trump spoke with Putin for two hours."}"#,
];

#[test]
fn spark_job_builds_the_same_graph_as_one_build() {
    let test = "spark_job_builds_the_same_graph_as_one_build";
    let Some(_) = common::programs(test, &["java"]) else {
        return;
    };
    let Some(python) = common::python_with(test, &["pyspark"]) else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let dir = common::tempdir();
    let d = dir.path();
    std::fs::write(d.join("corpus.jsonl"), CORPUS.join("\n") + "\n").unwrap();
    let (corpus, whole) = (d.join("corpus.jsonl"), d.join("whole"));
    common::run_ok(
        "newsgraph build",
        bin,
        [
            "build".as_ref(),
            corpus.as_os_str(),
            "-q".as_ref(),
            "-f".as_ref(),
            "json".as_ref(),
            "-o".as_ref(),
            whole.as_os_str(),
        ],
    );
    let script = common::repo_root().join("examples/spark/build_graph.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg("corpus.jsonl")
        .args([
            "--output", "spark", "--format", "json", "--master", "local[2]",
        ])
        .args([
            "--partitions",
            "3",
            "--records",
            "records.jsonl",
            "--newsgraph",
            bin,
        ])
        .current_dir(d)
        .env("PYSPARK_PYTHON", &python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("cannot run the Spark job");
    common::assert_success("examples/spark/build_graph.py", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("malformed JSON"),
        "the bad line is reported:\n{}",
        common::tail(&err)
    );
    let records = std::fs::read_to_string(d.join("records.jsonl")).unwrap();
    let good = CORPUS.iter().filter(|l| l.starts_with("{\"")).count();
    assert_eq!(records.lines().count(), good, "one record per article");
    let whole = std::fs::read(whole.join("graph.json")).unwrap();
    let spark = std::fs::read(d.join("spark/graph.json")).unwrap();
    assert!(
        whole == spark,
        "the Spark graph differs from the build:\n--- build ---\n{}\n--- spark ---\n{}",
        common::tail(&String::from_utf8_lossy(&whole)),
        common::tail(&String::from_utf8_lossy(&spark))
    );
}
