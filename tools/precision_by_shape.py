"""Where the precision goes: for the events coded on annotated sentences, the share right
(type+source+target, the evaluator's own one-to-one matching) and the share whose type is in
the sentence's gold at all, by event type and which sides are filled (issue #20).

    python tools/precision_by_shape.py build/realnews/train2.jsonl build/realnews/train3.jsonl

Never the frozen test half.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from dotterel.evaluate import coded_gold, right_events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--min-events", type=int, default=6, help="leave out rarer shapes")
    args = parser.parse_args()
    if any("test" in p.name for p in args.gold):
        sys.exit("refusing to read the frozen test half")
    records = [json.loads(line) for p in args.gold for line in p.open(encoding="utf-8") if line.strip()]
    total: Counter[tuple[str, str, str]] = Counter()
    right: Counter[tuple[str, str, str]] = Counter()
    typed: Counter[tuple[str, str, str]] = Counter()
    for record, _text, predicted in coded_gold(records):
        gold = record.get("events") or []
        for event, ok in zip(predicted, right_events(gold, predicted)):
            shape = (event.type, "source" if event.source else "-", "target" if event.target else "-")
            total[shape] += 1
            right[shape] += ok
            typed[shape] += any(event.type in g["types"] for g in gold)
    print("| type | source | target | events | right | type in gold |\n|---|---|---|---|---|---|")
    for shape, n in total.most_common():
        if n >= args.min_events:
            print(f"| {' | '.join(shape)} | {n} | {right[shape] / n:.2f} | {typed[shape] / n:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
