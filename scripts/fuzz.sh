#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/fuzz_targets) for SECONDS seconds each (default 60).
#
#   scripts/fuzz.sh            # every target, 60 s each
#   scripts/fuzz.sh 300        # every target, 5 minutes each
#   scripts/fuzz.sh 30 extract # one target
#
# cargo-fuzz needs a nightly compiler (for -Zsanitizer). A nightly toolchain is used when one is
# installed; otherwise the stable one runs with RUSTC_BOOTSTRAP=1. cargo-fuzz itself is
# installed from crates.io when missing.
#
# The corpus (fuzz/corpus/TARGET) is seeded from tests/hostile, data/articles and the saved
# crash inputs in tests/fuzz_regressions/TARGET. A crash stops that target, leaves the input in
# fuzz/artifacts/TARGET and makes the script exit 1 after the other targets ran. To keep it as a
# regression test:
#   cargo +nightly fuzz tmin TARGET fuzz/artifacts/TARGET/crash-...   # minimise
#   cp fuzz/artifacts/TARGET/minimized-from-... tests/fuzz_regressions/TARGET/NAME
#   cargo test --test fuzz_regressions
set -euo pipefail

secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(read_article extract)
fi
cd "$(dirname "$0")/.."
root="$PWD"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    echo "fuzz.sh: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
fi

# Seeds: the first byte of a read_article input picks txt/json/jsonl/stdin; extract's picks a
# date and whether to write the exports.
seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    local f i=0
    for f in tests/hostile/*.txt tests/hostile/*.json tests/hostile/*.jsonl data/articles/*.txt; do
        [ -f "$f" ] || continue
        i=$((i + 1))
        case "$target" in
            read_article)
                case "$f" in
                    *.jsonl) sel='\002' ;;
                    *.json) sel='\001' ;;
                    *) sel='\000' ;;
                esac
                { printf "$sel"; cat "$f"; } > "$dir/seed-$i"
                { printf '\003'; cat "$f"; } > "$dir/seed-$i-stdin"
                { printf '\240'; cat "$f"; } > "$dir/seed-$i-small"
                ;;
            extract)
                { printf '\003'; head -c 16384 "$f"; } > "$dir/seed-$i"
                ;;
        esac
    done
    if [ -d "tests/fuzz_regressions/$target" ]; then
        cp tests/fuzz_regressions/"$target"/* "$dir"/ 2>/dev/null || true
    fi
}

status=0
for t in "${targets[@]}"; do
    seed "$t"
    echo "fuzz.sh: $t for ${secs}s" >&2
    if ! cargo "${toolchain[@]}" fuzz run --debug-assertions "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1; then
        echo "fuzz.sh: $t FAILED; inputs in $root/fuzz/artifacts/$t" >&2
        status=1
    fi
done
exit "$status"
