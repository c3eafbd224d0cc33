"""How many events the per-article merge (dotterel/event_mentions.py) folds together, with
merges to read by eye.

    python tools/merge_report.py                    # the first 100 AllSides articles
    python tools/merge_report.py -n 300 --show 40

The articles are coded once with merging off (cached in build/merge_report/), then merged
here, so the counts compare the same events with and without the merge.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dotterel import code_many  # noqa: E402
from dotterel.config import Settings  # noqa: E402
from dotterel.event_mentions import groups_of  # noqa: E402
from dotterel.model import Article, article_from_dict  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "allsides.jsonl.gz"


def coded(n: int) -> list[Article]:
    cache = ROOT / "build" / "merge_report" / f"allsides{n}.jsonl"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in itertools.islice(handle, n)]
        results = code_many(rows, settings=Settings(merge_mentions=False, n_process=1))
        with cache.open("w", encoding="utf-8") as out:
            for result in results:
                if isinstance(result, Article):
                    out.write(json.dumps(result.to_dict()) + "\n")
    return [article_from_dict(json.loads(line)) for line in cache.open(encoding="utf-8")]


def sentence(article: Article, start: int, end: int) -> str:
    return " ".join(article.text[start:end].split())[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--show", type=int, default=20, help="merged groups to print, drawn at random")
    args = parser.parse_args()
    articles = coded(args.n)
    events = sum(len(a.events) for a in articles)
    merged = [(a, g) for a in articles for g in groups_of(a.events) if len(g) > 1]
    folded = sum(len(g) - 1 for _, g in merged)
    touched = len({a.id for a, _ in merged})
    print(f"{len(articles)} articles, {events} events; {len(merged)} merged records in {touched} articles "
          f"take {sum(len(g) for _, g in merged)} events: {events - folded} records ({folded / max(1, events):.1%} fewer)")
    sizes = {k: sum(1 for _, g in merged if len(g) == k) for k in sorted({len(g) for _, g in merged})}
    print("tellings per merged record: " + ", ".join(f"{k}: {v}" for k, v in sizes.items()))
    for a, group in random.Random(20261206).sample(merged, min(args.show, len(merged))):
        first = group[0]
        print(f"\n{a.id} {first.type} {first.cameo.code} {first.source and first.source.name} -> "
              f"{first.target and first.target.name}" + (" [negated]" if first.negated else ""))
        for e in group:
            print(f"  {e.trigger.start:>6} '{e.trigger.text}' {e.date} ({e.date_source}): "
                  f"{sentence(a, *e.sentence)}")


if __name__ == "__main__":
    main()
