"""Speed of coding into the corpus database, against JSONL output and bare spaCy.

    .venv/bin/python benchmarks/bench_store.py -n 500 [-j JOBS] [--corpus PATH]

Takes the first N articles with text of the AllSides corpus (../shared/data/corpora/
allsides.jsonl.gz by default) and times, each in a fresh process, from before the model is
loaded to the end:
  db     -- ``dotterel code INPUT --db corpus.duckdb`` (store.code_into)
  jsonl  -- ``dotterel code INPUT --format jsonl -o out.jsonl``
  spacy  -- ``spacy.load(model)`` + ``nlp.pipe(texts, n_process=JOBS)``, the parsing floor
and for the db run the time spent in store transactions and in rebuilding the derived
tables (canonical events, search index). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "allsides.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=500, help="articles (default 500)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for all three runs (default: all cores)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "INPUT", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, jobs=args.jobs)))
        return 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench_store_") as work:
        source = Path(work) / "input.jsonl"
        n = take(args.corpus, source, args.n)
        chars = sum(len(json.loads(line)["text"]) for line in source.open(encoding="utf-8"))
        results = {}
        for mode in ("db", "jsonl", "spacy"):
            out = subprocess.run([sys.executable, __file__, "-j", str(args.jobs), "--child", mode,
                                  str(source), work], check=True, capture_output=True, text=True)
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{mode}: {results[mode]}", file=sys.stderr)
            if results[mode].get("errors") or results[mode]["articles"] != n:
                print(f"{mode}: only {results[mode]['articles']} of {n} articles coded", file=sys.stderr)
                return 1
    print(f"{n} AllSides articles ({chars / n:,.0f} characters on average), -j {args.jobs}, "
          f"{os.cpu_count()} cores; wall time including model loading\n")
    print("| run | seconds | articles/s | store writes | derived tables |")
    print("|---|---:|---:|---:|---:|")
    labels = {"db": "`dotterel code --db`", "jsonl": "`dotterel code --format jsonl`",
              "spacy": "bare spaCy `nlp.pipe`"}
    for mode, r in results.items():
        seconds = r["seconds"]
        writes = derived = "–"
        if mode == "db":
            writes = f"{r['write_seconds']:.1f} s ({100 * r['write_seconds'] / seconds:.1f} %)"
            derived = f"{r['index_seconds']:.1f} s ({100 * r['index_seconds'] / seconds:.1f} %)"
        print(f"| {labels[mode]} | {seconds:.1f} | {r['articles'] / seconds:.2f} | {writes} | {derived} |")
    return 0


def take(corpus: Path, dest: Path, n: int) -> int:
    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, dest.open("w", encoding="utf-8") as out:
        for line in src:
            record = json.loads(line)
            if isinstance(record.get("text"), str) and record["text"].strip():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
                if count >= n:
                    break
    return count


def child(mode: str, source: str, work: str, *, jobs: int) -> dict[str, float]:
    if mode == "spacy":
        import spacy

        from dotterel.config import Settings

        texts = [json.loads(line)["text"] for line in open(source, encoding="utf-8")]
        start = time.perf_counter()
        nlp = spacy.load(Settings().model)
        docs = sum(1 for _ in nlp.pipe(texts, n_process=jobs, batch_size=32))
        return {"seconds": time.perf_counter() - start, "articles": docs}
    from dotterel.config import Settings
    from dotterel.ingest import read_inputs

    if mode == "jsonl":
        from dotterel.cli import main as cli_main

        start = time.perf_counter()
        status = cli_main(["code", source, "--format", "jsonl", "-o", str(Path(work) / "out.jsonl"),
                           "-j", str(jobs), "-q"])
        seconds = time.perf_counter() - start
        lines = [json.loads(line) for line in open(Path(work) / "out.jsonl", encoding="utf-8")]
        errors = sum(1 for line in lines if "error" in line)
        assert status in (0, 1)
        return {"seconds": seconds, "articles": len(lines) - errors, "errors": errors}
    from dotterel.store import code_into

    start = time.perf_counter()
    report = code_into(Path(work) / "corpus.duckdb", read_inputs([source]),
                       settings=Settings(n_process=jobs), progress=False)
    return {"seconds": time.perf_counter() - start, "articles": report.stored, "errors": report.errors,
            "write_seconds": report.write_seconds, "index_seconds": report.index_seconds}


if __name__ == "__main__":
    sys.exit(main())
