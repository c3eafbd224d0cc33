"""Page furniture on real pages: what the patterns find, and what it changes in the coding.

    python tools/furniture_report.py --n 300 --show-spans 30 --show-lines 20

Takes the last N articles of the AllSides corpus (the realnews sets are drawn from its start),
codes each twice in one process, with and without ``dotterel_furniture``, and prints: the
furniture spans found by kind and pattern; actors, events and quotes inside them without the
component and with it (0 with it); total events both ways and how the difference splits into
events that were inside furniture and events elsewhere that moved with the parse. With
``--show-spans`` it prints that many random spans to read for precision, with ``--show-lines``
the short lines left as text in that many random articles, to read for missed furniture.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
from pathlib import Path
from typing import Any

from dotterel import ArticleInput, Settings, code_many
from dotterel.model import Article
from dotterel.nlp.furniture import load_furniture
from dotterel.nlp.pipeline import load_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "allsides.jsonl.gz"
ONE = Settings(n_process=1)


def last_articles(path: Path, n: int) -> list[ArticleInput]:
    tail: collections.deque[dict[str, Any]] = collections.deque(maxlen=n)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            tail.append(json.loads(line))
    return [ArticleInput(id=str(r["id"]), text=r["text"], published=(r.get("published") or "")[:10] or None,
                         source=r.get("source")) for r in tail if r.get("text")]


def coded(items: list[ArticleInput], furniture: bool) -> list[Article]:
    nlp = load_pipeline(ONE)  # the pipeline code_many uses (cached): switch the component there
    with nlp.select_pipes(disable=[] if furniture else ["dotterel_furniture"]):
        return [a for a in code_many(items, settings=ONE) if isinstance(a, Article)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def counts(article: Article, spans: list[tuple[int, int]]) -> collections.Counter[str]:
    found: collections.Counter[str] = collections.Counter(events=len(article.events))
    found["events in furniture"] = sum(inside(spans, e.trigger.start, e.trigger.end) for e in article.events)
    found["actor mentions in furniture"] = sum(inside(spans, m.start, m.end)
                                               for a in article.actors for m in a.mentions)
    found["quotes in furniture"] = sum(inside(spans, q.start, q.end) for q in article.quotes)
    return found


def report(items: list[ArticleInput], show_spans: int, show_lines: int, seed: int) -> None:
    book = load_furniture()
    spans = {item.id: book.find(item.text) for item in items}
    by_kind = collections.Counter(f.kind for found in spans.values() for f in found)
    by_name = collections.Counter(f.name for found in spans.values() for f in found)
    print(f"articles: {len(items)}   with furniture: {sum(bool(s) for s in spans.values())}   "
          f"spans: {sum(by_kind.values())}")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
    print("by pattern: " + ", ".join(f"{k} {n}" for k, n in by_name.most_common()))
    before, after = coded(items, furniture=False), coded(items, furniture=True)
    totals = {"without": collections.Counter[str](), "with": collections.Counter[str]()}
    moved = 0
    for old, new in zip(before, after):
        where = [(f.start, f.end) for f in spans[old.id]]
        totals["without"] += counts(old, where)
        totals["with"] += counts(new, where)
        kept = {(e.trigger.start, e.type) for e in new.events}
        moved += sum((e.trigger.start, e.type) not in kept and not inside(where, e.trigger.start, e.trigger.end)
                     for e in old.events)
    print("\n| | without dotterel_furniture | with |\n|---|---|---|")
    for key in ("events", "events in furniture", "actor mentions in furniture", "quotes in furniture"):
        print(f"| {key} | {totals['without'][key]} | {totals['with'][key]} |")
    print(f"\nevents outside furniture that changed (type or trigger) with the parse: {moved}")
    rng = random.Random(seed)
    if show_spans:
        print(f"\n{show_spans} random spans:")
        every = [(item, f) for item in items for f in spans[item.id]]
        for item, f in rng.sample(every, min(show_spans, len(every))):
            print(f"  {f.kind:13} {f.name:18} {item.text[f.start:f.end][:110]!r}")
    if show_lines:
        print(f"\nshort lines left as text in {show_lines} random articles:")
        for item in rng.sample(items, min(show_lines, len(items))):
            where = [(f.start, f.end) for f in spans[item.id]]
            at = 0
            for line in item.text.split("\n"):
                if line.strip() and len(line) < 90 and not inside(where, at, at + len(line)):
                    print(f"  {item.id} {line!r}")
                at += len(line) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--show-spans", type=int, default=0)
    parser.add_argument("--show-lines", type=int, default=0)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    report(last_articles(args.corpus, args.n), args.show_spans, args.show_lines, args.seed)


if __name__ == "__main__":
    main()
