"""Time of actor resolution (the ``dotterel_actors`` component) against spaCy's own parse.

    .venv/bin/python benchmarks/bench_actors.py --n 1000

Reads the first N world/foreign-policy articles of ../shared/data/corpora/allsides.jsonl.gz
(skips cleanly when it is missing), then on one process:

1. spaCy parse: ``nlp.pipe`` over the articles with every dotterel component disabled
   (``nlp.select_pipes(disable=[...])``), i.e. tokenizer, tagger, parser, NER of the model;
2. actors: the ``dotterel_actors`` component called on each parsed doc with a fresh doc
   state (``doc.user_data`` cleared, publication date set), best and mean of ``--repeat`` runs.

Prints a Markdown table: wall-clock and CPU seconds (CPU time is the steadier figure on a
shared machine), articles/s, words/s, CPU ms per article and the share of the parse's CPU time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

WORLD = {"world", "middle_east", "foreign_policy", "north_korea", "terrorism",
         "national_security", "russia", "isis", "china", "iran", "israel", "syria"}
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/allsides.jsonl.gz"


def load(path: Path, n: int) -> list[tuple[str, dt.date | None]]:
    """(text, published) of the first n world-topic articles under 50,000 characters."""
    out: list[tuple[str, dt.date | None]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            if rec.get("topic") in WORLD and rec.get("text") and len(rec["text"]) < 50_000:
                published = (rec.get("published") or "")[:10]
                try:
                    date = dt.date.fromisoformat(published) if published else None
                except ValueError:
                    date = None
                out.append((rec["text"], date))
            if len(out) >= n:
                break
    return out


def _fresh_state(doc, published):  # type: ignore[no-untyped-def]
    from dotterel.nlp.state import DocState

    doc.user_data.pop("dotterel_state", None)
    doc.user_data["dotterel_state"] = DocState(published=published)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the actor component (default 3)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"skipped: {corpus} not found", file=sys.stderr)
        return 0

    from dotterel import Settings, load_pipeline
    from dotterel.nlp.pipeline import COMPONENTS

    articles = load(corpus, args.n)
    words = sum(len(text.split()) for text, _ in articles)
    nlp = load_pipeline(Settings(n_process=1))
    actors = nlp.get_pipe("dotterel_actors")
    ours = [name for name in COMPONENTS if name in nlp.pipe_names]

    with nlp.select_pipes(disable=ours):
        list(nlp.pipe([text for text, _ in articles[:5]]))  # warm-up outside the timing
        start, cpu = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe((text for text, _ in articles), batch_size=args.batch_size))
        parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu

    for doc, (_, published) in zip(docs[:5], articles):  # warm-up: KB matchers, gazetteer
        _fresh_state(doc, published)
        actors(doc)
    runs = []
    for _ in range(max(1, args.repeat)):
        for doc, (_, published) in zip(docs, articles):
            _fresh_state(doc, published)
        start, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            actors(doc)
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    found = [doc.user_data["dotterel_state"] for doc in docs]
    n_actors = sum(len(s.actors) for s in found)
    n_mentions = sum(len(a.mentions) for s in found for a in s.actors.values())

    best = min(runs)
    mean = (statistics.mean(r[0] for r in runs), statistics.mean(r[1] for r in runs))
    n = len(articles)
    print(f"command: .venv/bin/python benchmarks/bench_actors.py --n {args.n} --repeat {args.repeat}")
    print(f"model: {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}; "
          f"spaCy components: {', '.join(p for p in nlp.pipe_names if p not in ours)}")
    print(f"articles: {n}  words: {words:,}  actors: {n_actors:,}  actor mentions: {n_mentions:,}\n")
    print("| stage | wall s | CPU s | articles/s (wall) | words/s (wall) | ms/article (CPU) | CPU vs. parse |")
    print("|---|---|---|---|---|---|---|")
    rows = [("spaCy parse (nlp.pipe, dotterel components disabled)", (parse, parse_cpu)),
            (f"dotterel_actors alone, best of {len(runs)}", best),
            (f"dotterel_actors alone, mean of {len(runs)}", mean)]
    for label, (secs, cpu_secs) in rows:
        print(f"| {label} | {secs:.1f} | {cpu_secs:.1f} | {n / secs:.1f} | {words / secs:,.0f} | "
              f"{1000 * cpu_secs / n:.1f} | {100 * cpu_secs / parse_cpu:.1f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
