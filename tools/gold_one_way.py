"""Bring our own event gold to the one-way convention for mutual acts.

    python tools/gold_one_way.py tests/data/events_gold.jsonl

Our gold was written with a mutual act ("Biden and Putin met", "a ceasefire between Israel and
Hezbollah") coded in both directions. The independent annotations (the real-news readers, the
PLOVER gold-standard records, the constructions set) code it once, the side named first as
source, and the coder now does the same. This rewrites the file in place: of two events that
are each other's mirror (same types, CAMEO code and modality, source and target swapped), the
one whose source is named later in the sentence is dropped. Idempotent; prints what it drops.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _first_at(text: str, aliases: list[str] | None) -> int:
    """Where the side is first named: the earliest alias found in the text."""
    found = [text.find(a) for a in aliases or [] if a and text.find(a) >= 0]
    return min(found, default=len(text))


def _mirror_key(event: dict[str, Any], swapped: bool = False) -> str:
    sides = (event.get("target"), event.get("source")) if swapped else (event.get("source"), event.get("target"))
    rest = {k: v for k, v in event.items() if k not in ("source", "target")}
    return json.dumps([sides, rest], sort_keys=True)


def one_way(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's events with the later-named direction of each mirrored pair dropped."""
    events = record.get("events") or []
    keys = [_mirror_key(e) for e in events]
    dropped = set()
    for n, event in enumerate(events):
        if n in dropped or not event.get("source") or not event.get("target"):
            continue
        mirror = _mirror_key(event, swapped=True)
        for m in range(n + 1, len(events)):
            if m not in dropped and keys[m] == mirror:
                later = n if _first_at(record["text"], event["source"]) > \
                    _first_at(record["text"], events[m]["source"]) else m
                dropped.add(later)
                break
    return [e for n, e in enumerate(events) if n not in dropped]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    for record in records:
        kept = one_way(record)
        for event in record.get("events") or []:
            if event not in kept:
                total += 1
                print(f"{record['id']}: dropped {event['types']} {event['source'][0]} -> {event['target'][0]}")
        if record.get("events") is not None:
            record["events"] = kept
    args.gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{total} mirrored event(s) dropped")


if __name__ == "__main__":
    main()
