"""Role nouns annotators treat as actors and the coder does not recognise as any actor.

    python tools/unrecognised_actors.py [GOLD.jsonl ...] [--top 40] [--examples 2] [--json OUT]

Codes each annotated sentence after its context (as ``dotterel eval`` reads it) and, for every
annotated event side (``source_span``/``target_span``) that overlaps no mention of any actor
the coder found, counts the lemma of the span's head noun and the head with its nearest
modifier ("trade house", "law enforcement official"). The most frequent heads are candidates
for ``dotterel/data/sectors.yaml``; single sentences are no evidence, these counts are.
Defaults to the training sentences (build/realnews/train*.jsonl); never give it the test part.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from train_triggers import TRAINING_PARTS, coded_sentences  # the reading `dotterel eval` uses

DEFAULT = [ROOT / "build/realnews" / f"{name}.jsonl" for name in TRAINING_PARTS]
MODIFIER_DEPS = ("compound", "amod", "nmod")


def sides(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The annotated sides of the record's events, each span once: (start, end, text)."""
    seen = {}
    for event in record.get("events") or []:
        for key in ("source_span", "target_span"):
            span = event.get(key)
            if span:
                seen[(span["start"], span["end"])] = span["text"]
    return [(s, e, t) for (s, e), t in sorted(seen.items())]


def head_of(doc: Any, start: int, end: int) -> tuple[str, str] | None:
    """Lemma of the span's head noun and "modifier head" (the nearest modifier before it)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    lemma = root.lemma_.lower()
    mods = [c for c in root.lefts if c.dep_ in MODIFIER_DEPS and c.i >= span.start]
    phrase = f"{mods[-1].lemma_.lower()} {lemma}" if mods else lemma
    return lemma, phrase


def uncovered(records: list[dict[str, Any]]) -> tuple[Counter, Counter, dict[str, list[str]], int, int]:
    """Head and phrase counts of the sides no actor mention overlaps, examples by head, the
    number of such sides and of all sides."""
    from dotterel.config import Settings

    heads: Counter = Counter()
    phrases: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    missed = total = 0
    for record, doc, offset in coded_sentences(records, Settings()):
        mentions = [(m.start_char, m.end_char) for a in doc._.dotterel.actors.values() for m in a.mentions]
        for start, end, text in sides(record):
            total += 1
            start, end = start + offset, end + offset
            if any(s < end and start < e for s, e in mentions):
                continue
            missed += 1
            found = head_of(doc, start, end)
            if found is None:
                continue
            head, phrase = found
            heads[head] += 1
            phrases[phrase] += 1
            examples[head].append(f"{text!r} in: {record['text'][:160]}")
    return heads, phrases, examples, missed, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the full counts here")
    args = parser.parse_args(argv)
    if any(p.name == "test.jsonl" for p in args.gold):
        parser.error("the test part stays unseen")
    records = [json.loads(line) for path in args.gold
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    heads, phrases, examples, missed, total = uncovered(records)
    print(f"{missed} of {total} annotated sides overlap no actor mention ({len(records)} sentences)")
    print("\nhead lemma")
    for head, n in heads.most_common(args.top):
        print(f"{n:5d}  {head}")
        for example in examples[head][:args.examples]:
            print(f"         {example}")
    print("\nmodifier + head")
    for phrase, n in phrases.most_common(args.top):
        print(f"{n:5d}  {phrase}")
    if args.json:
        args.json.write_text(json.dumps({"missed": missed, "total": total, "heads": heads,
                                         "phrases": phrases, "examples": examples}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
