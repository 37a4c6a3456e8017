#!/usr/bin/env python3
"""Builds a newsgraph knowledge graph from a JSONL corpus with Spark.

Map: every partition of the corpus is piped through `newsgraph extract` (rdd.pipe), which
writes one extraction record per article. Reduce: the records are collected to a JSONL file
on the driver and `newsgraph merge` turns them into the graph and its exports, the same
graph, byte for byte, as `newsgraph build` of the same files.

    python build_graph.py corpus.jsonl --output exports/ --newsgraph /path/to/newsgraph
    spark-submit build_graph.py hdfs:///news/2025.jsonl --output exports/ --newsgraph newsgraph

See README.md beside this file.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Build a newsgraph graph from JSONL articles with Spark "
        "(newsgraph extract on the executors, newsgraph merge on the driver)."
    )
    p.add_argument(
        "inputs",
        nargs="+",
        help="JSONL files (local paths or URIs), or local folders of *.jsonl files",
    )
    p.add_argument("-o", "--output", required=True, help="output folder for the exports")
    p.add_argument(
        "-f", "--format", help="formats to write, as for `newsgraph merge --format` (default: all)"
    )
    p.add_argument(
        "--newsgraph",
        default="newsgraph",
        help="the newsgraph program, at the same path on the driver and every executor "
        "(default: newsgraph on PATH)",
    )
    p.add_argument("--master", help="Spark master, e.g. local[4] (default: as spark-submit sets it)")
    p.add_argument(
        "--partitions", type=int, help="split the corpus into this many partitions (default: Spark's)"
    )
    p.add_argument(
        "--threads-per-task",
        type=int,
        default=1,
        help="threads of each `newsgraph extract` (default 1: Spark runs one task per core)",
    )
    p.add_argument(
        "--records",
        help="keep the extraction records in this JSONL file on the driver (default: a temporary file)",
    )
    p.add_argument(
        "--extract-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for `newsgraph extract`, e.g. --extract-arg=--data=/opt/newsgraph-data "
        "(repeatable; the paths must exist on every executor)",
    )
    p.add_argument(
        "--merge-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for `newsgraph merge`, e.g. --merge-arg=--since=2025 (repeatable)",
    )
    return p.parse_args(argv)


def expand(inputs):
    """Local folders become their *.jsonl files (sorted, recursively), as `newsgraph build`
    reads them; files and URIs stay as they are."""
    out = []
    for path in inputs:
        if "://" not in path and os.path.isdir(path):
            found = []
            for root, _dirs, files in os.walk(path):
                found += [os.path.join(root, f) for f in files if f.lower().endswith(".jsonl")]
            out += sorted(found)
        else:
            out.append(path)
    return out


def stem_of(path):
    """The file name without its extension: `newsgraph build` names articles without an id
    `STEM:LINE`."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def with_id(stem):
    """Gives an article without an id the id `newsgraph build` would give it (its file's stem
    and its line number), so that ids stay unique across partitions. Blank lines are dropped;
    other lines pass unchanged (`newsgraph extract` reports malformed ones)."""

    def fill(pair):
        line, index = pair
        if not line.strip():
            return []
        try:
            obj = json.loads(line)
        except ValueError:
            return [line]
        if not isinstance(obj, dict):
            return [line]
        ident = obj.get("id")
        usable = (isinstance(ident, str) and ident.strip()) or (
            isinstance(ident, (int, float)) and not isinstance(ident, bool)
        )
        if usable:
            return [line]
        obj["id"] = "%s:%d" % (stem, index + 1)
        return [json.dumps(obj)]

    return fill


def main(argv):
    args = parse_args(argv)
    # Local runs: the Python workers use this interpreter.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsgraph").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    try:
        parts = []
        for path in expand(args.inputs):
            if args.partitions:
                lines = sc.textFile(path, minPartitions=args.partitions)
            else:
                lines = sc.textFile(path)
            parts.append(lines.zipWithIndex().flatMap(with_id(stem_of(path))))
        if not parts:
            print("build_graph.py: no input files", file=sys.stderr)
            return 2
        articles = parts[0] if len(parts) == 1 else sc.union(parts)
        if args.partitions and articles.getNumPartitions() < args.partitions:
            # A compressed file is one partition: spread its articles out.
            articles = articles.repartition(args.partitions)
        command = [args.newsgraph, "extract", "-q", "-j", str(args.threads_per_task)] + args.extract_arg
        records = articles.pipe(shlex.join(command), checkCode=True)

        keep = args.records is not None
        if keep:
            records_path = args.records
        else:
            fd, records_path = tempfile.mkstemp(prefix="newsgraph-records-", suffix=".jsonl")
            os.close(fd)
        try:
            count = 0
            with open(records_path, "w", encoding="utf-8") as out:
                # One partition at a time: the driver never holds all records.
                for record in records.toLocalIterator():
                    out.write(record)
                    out.write("\n")
                    count += 1
            print("build_graph.py: %d extraction records" % count, file=sys.stderr)
            merge = [args.newsgraph, "merge", records_path, "--output", args.output]
            if args.format:
                merge += ["--format", args.format]
            merge += args.merge_arg
            return subprocess.run(merge).returncode
        finally:
            if not keep:
                os.unlink(records_path)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
