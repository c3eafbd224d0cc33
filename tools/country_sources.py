"""Where the actors of real news get their country from: the dictionaries, titles and
adjectives, or context (issue #19's accounting).

    python tools/country_sources.py [--n 200] [--corpus ../shared/data/corpora/allsides.jsonl.gz]

Codes the first N AllSides world-news articles (those of benchmarks/bench_actors.py; actor stage only) and counts each article's actors
that carry a country by how they got it:

* dictionary, hand-written / imported: the actor is a knowledge-base entry (a country, an
  organisation, a person), from our YAML or from the imported dictionaries;
* title or adjective: a person the KB does not know, coded from "<Adjective> President X"
  or a one-country title ("Sen. X"), and a country's organ named by its name or adjective
  in the mention ("Turkish police", "Pakistan's army");
* context: an organ whose country the mention does not name ("police in Nairobi", "the
  government" after one country, "his government" of a minister).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_actors import DEFAULT_CORPUS as CORPUS
from bench_actors import load


def source_of(actor: Any, kb: Any) -> str:
    """How an actor with a country got it (see the module docstring)."""
    entry = kb.entries.get(actor.key)
    if entry is not None:
        return "dictionary, imported" if entry.source else "dictionary, hand-written"
    if actor.kind == "person":
        return "title or adjective"
    country = kb.entries.get(actor.country or "")
    forms = {country.name, *country.aliases, *country.demonyms} if country else set()
    named = any(form in mention.text for mention in actor.mentions for form in forms)
    return "title or adjective" if named else "context"


def count(n: int, corpus: Path) -> tuple[Counter[str], int]:
    from dotterel.config import Settings
    from dotterel.kb import load_kb
    from dotterel.nlp.pipeline import load_pipeline
    from dotterel.nlp.state import DocState

    nlp = load_pipeline(Settings())
    later = [name for name in nlp.pipe_names if name.startswith("dotterel_") and name not in
             ("dotterel_paragraphs", "dotterel_actors")]
    kb = load_kb()
    counts: Counter[str] = Counter()
    total = 0
    items = load(corpus, n)
    def docs():  # type: ignore[no-untyped-def]
        for text, published in items:
            doc = nlp.make_doc(text)
            doc._.dotterel.published = published  # roles are dated: the article's date decides
            yield doc

    with nlp.select_pipes(disable=later):
        for doc in nlp.pipe(docs(), batch_size=8):
            state: DocState = doc._.dotterel
            for actor in state.actors.values():
                total += 1
                counts[source_of(actor, kb) if actor.country else "no country"] += 1
    return counts, len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    counts, n = count(args.n, args.corpus)
    total = sum(counts.values())
    print(f"articles: {n}   actors (one per article): {total}\n")
    print("| country from | actors | share |\n|---|---|---|")
    for key, value in counts.most_common():
        print(f"| {key} | {value} | {value / total:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
