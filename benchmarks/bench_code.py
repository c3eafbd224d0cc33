"""Throughput of `dotterel code` against bare spaCy `nlp.pipe` on the same articles.

    .venv/bin/python benchmarks/bench_code.py --n 500 --rounds 3
    .venv/bin/python benchmarks/bench_code.py --n 100 --rounds 2 --paired   # steadier on a busy machine

Reads the first N world/foreign-policy articles of ../shared/data/corpora/allsides.jsonl.gz
and times, single process, in one run: (1) bare nlp.pipe with the same model, (2) the full
dotterel pipeline through code_many, (3) code_many with the two-pass pipeline
(``Settings.selective_parse``: parser only on candidate sentences) and (4) the two-pass spaCy
stages alone (no dotterel components), the fair rival of (1). Each round runs all of them in a
rotated order, so load from other jobs on the machine falls on every configuration alike; the
table gives the median round and the spread, in CPU seconds of this process (what the code
costs) and wall seconds (what a user waits). Prints the share of sentences and tokens that were
parse candidates, and how many records the two pipelines share.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from dotterel import ArticleInput, Settings, code_many
from dotterel.config import DEFAULT_MODEL
from dotterel.nlp.pipeline import COMPONENTS, load_pipeline

WORLD = {"world", "middle_east", "foreign_policy", "north_korea", "terrorism",
         "national_security", "russia", "isis", "china", "iran", "israel", "syria"}
FULL, TWO_PASS = Settings(n_process=1), Settings(n_process=1, selective_parse=True)


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


BARE = "bare spaCy nlp.pipe (parser everywhere)"
FULL_RUN = "dotterel code_many, full parse (default)"
TWO_PASS_RUN = "dotterel code_many, two-pass (--selective-parse)"


def runners(articles: list[ArticleInput], rerun_tok2vec: bool,
            configs: set[str] | None = None) -> dict[str, Callable[[], Any]]:
    bare = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    two_pass = load_pipeline(TWO_PASS)
    texts = [a.text for a in articles]

    def spacy_two_pass() -> None:  # pass 1 + pass 2, no dotterel components
        with two_pass.select_pipes(disable=[n for n in COMPONENTS if n in two_pass.pipe_names]):
            for _ in two_pass.pipe(texts, batch_size=32):
                pass

    def code_rerun() -> list[Any]:  # pass 2 reruns tok2vec on the candidate text
        two_pass.get_pipe("dotterel_parse").reuse_tensor = False
        try:
            return list(code_many(articles, settings=TWO_PASS))
        finally:
            two_pass.get_pipe("dotterel_parse").reuse_tensor = True

    runs: dict[str, tuple[str, Callable[[], Any]]] = {
        BARE: ("bare", lambda: list(bare.pipe(texts, batch_size=32))),
        "spaCy two-pass only (no dotterel components)": ("spacy-two-pass", spacy_two_pass),
        FULL_RUN: ("full", lambda: list(code_many(articles, settings=FULL))),
        TWO_PASS_RUN: ("two-pass", lambda: list(code_many(articles, settings=TWO_PASS))),
    }
    if rerun_tok2vec:
        runs["dotterel code_many, two-pass rerunning tok2vec"] = ("rerun", code_rerun)
    return {name: run for name, (key, run) in runs.items() if configs is None or key in configs}


def measure(runs: dict[str, Callable[[], Any]], rounds: int) -> tuple[dict[str, list[tuple[float, float]]], dict[str, Any]]:
    """(cpu, wall) per round per run, rotating the order each round; and each run's last output."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    outputs: dict[str, Any] = {}
    names = list(runs)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            cpu, wall = time.process_time(), time.perf_counter()
            outputs[name] = runs[name]()
            times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
            print(f"  round {r + 1}: {name}: {times[name][-1][0]:.1f} CPU s, {times[name][-1][1]:.1f} wall s", flush=True)
    return times, outputs


def report(times: dict[str, list[tuple[float, float]]], n: int, words: int) -> None:
    first = next(iter(times.values()))  # the bare spaCy run
    bare = {k: statistics.median(t[k] for t in first) for k in (0, 1)}
    print("\n| run | CPU s (median, min–max) | wall s (median) | articles/s (CPU) | words/s (CPU) "
          "| words/s (wall) | ratio to bare (CPU) | ratio to bare (wall) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, rows in times.items():
        cpu, wall = statistics.median(t[0] for t in rows), statistics.median(t[1] for t in rows)
        spread = f"{min(t[0] for t in rows):.1f}–{max(t[0] for t in rows):.1f}"
        print(f"| {name} | {cpu:.1f} ({spread}) | {wall:.1f} | {n / cpu:.2f} | {words / cpu:,.0f} "
              f"| {words / wall:,.0f} | {bare[0] / cpu:.2f} | {bare[1] / wall:.2f} |")


def agreement(full: list[Any], two_pass: list[Any]) -> None:
    """How many records the two pipelines share exactly (same keys), per kind."""
    keys = {"events": lambda e: (e.type, e.trigger.start, e.source and e.source.actor,
                                 e.target and e.target.actor, e.negated, e.hypothetical, e.future, e.hedged),
            "quotes": lambda q: (q.start, q.end, q.speaker and q.speaker.actor),
            "places": lambda p: (p.start, p.geonameid), "dates": lambda d: (d.start, d.value),
            "actor mentions": None}
    for kind, key in keys.items():
        a, b = (_records(results, kind, key) for results in (full, two_pass))
        print(f"{kind}: full {len(a)}, two-pass {len(b)}, identical {len(a & b)}")


def _records(results: list[Any], kind: str, key: Callable[[Any], tuple[Any, ...]] | None) -> set[tuple[Any, ...]]:
    if key is None:
        return {(r.id, a.id, m.start) for r in results for a in r.actors for m in a.mentions}
    return {(r.id, *key(x)) for r in results for x in getattr(r, kind)}


def profile(articles: list[ArticleInput]) -> None:
    """CPU seconds of each pipeline component, one pass each, for both pipelines: where the
    time goes, so what skipping the parser can save at most."""
    from dotterel.pipeline import _make_doc

    for label, settings in (("full parse", FULL), ("two-pass", TWO_PASS)):
        nlp = load_pipeline(settings)
        docs = [_make_doc(nlp, a) for a in articles]
        cells = []
        for name, proc in nlp.pipeline:
            cpu = time.process_time()
            docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            cells.append(f"{name} {time.process_time() - cpu:.1f}")
        print(f"component CPU s, {label}: " + ", ".join(cells))


def paired(articles: list[ArticleInput], rounds: int) -> None:
    """Article by article, bare spaCy then dotterel on the same text, alternating: load from
    other jobs falls on both within a second, so the ratio holds where whole-run timings swing
    by a tenth between runs. One document at a time for both (no batching on either side)."""
    bare = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    bare(articles[0].text)
    cpu = {BARE: 0.0, FULL_RUN: 0.0}
    for _ in range(rounds):
        for article in articles:
            start = time.process_time()
            bare(article.text)
            cpu[BARE] += time.process_time() - start
            start = time.process_time()
            list(code_many([article], settings=FULL))
            cpu[FULL_RUN] += time.process_time() - start
    print(f"\npaired, one article at a time ({len(articles)} articles x {rounds}): bare "
          f"{cpu[BARE]:.1f} CPU s, dotterel {cpu[FULL_RUN]:.1f} CPU s, ratio {cpu[BARE] / cpu[FULL_RUN]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=1, help="repeat every run, interleaved")
    parser.add_argument("--rerun-tok2vec", action="store_true",
                        help="also time pass 2 rerunning tok2vec instead of reusing pass-1 tensors")
    parser.add_argument("--profile", action="store_true", help="also time each component once")
    parser.add_argument("--paired", action="store_true",
                        help="instead: bare spaCy and dotterel article by article, alternating (steadier)")
    parser.add_argument("--configs", default=None,
                        help="comma-separated runs to time, of bare, spacy-two-pass, full, two-pass, "
                             "rerun (default: all but rerun); bare is always timed, as the baseline")
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent
                                               / "shared/data/corpora/allsides.jsonl.gz"))
    args = parser.parse_args()
    articles = load(Path(args.corpus), args.n)
    words = sum(len(a.text.split()) for a in articles)
    if args.paired:
        list(code_many(articles[:5], settings=FULL))  # loads outside the timing
        paired(articles, args.rounds)
        return
    configs = None if args.configs is None else {"bare", *args.configs.split(",")}
    runs = runners(articles, args.rerun_tok2vec, configs)
    two_pass = TWO_PASS_RUN in runs
    for settings in (FULL, TWO_PASS) if two_pass else (FULL,):  # load outside the timing
        list(code_many(articles[:5], settings=settings))
    runs[BARE]()  # and warm the bare pipeline as much as the others
    stats = load_pipeline(TWO_PASS).get_pipe("dotterel_parse").stats if two_pass else {}
    stats.update(dict.fromkeys(stats, 0))
    times, outputs = measure(runs, args.rounds)

    print(f"\narticles: {len(articles)}  words: {words}  rounds: {args.rounds}  (1 process, "
          f"model {DEFAULT_MODEL})")
    report(times, len(articles), words)
    if two_pass and FULL_RUN in runs:
        print(f"\nparse candidates (all two-pass runs): {stats['candidates'] / stats['sentences']:.3f} "
              f"of sentences, {stats['parsed'] / stats['tokens']:.3f} of tokens")
        agreement(outputs[FULL_RUN], outputs[TWO_PASS_RUN])
    if args.profile:
        profile(articles)


if __name__ == "__main__":
    main()
