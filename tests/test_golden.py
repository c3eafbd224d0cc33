"""Golden files: the bundled sample articles coded end to end, as a readable digest.

After an intended change, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like code.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def digest(article) -> dict:
    ref = lambda r: r.actor if r else None  # noqa: E731
    return {
        "actors": sorted(f"{a.id} | {a.name} | {a.kind} | {a.cameo} | {len(a.mentions)}"
                         for a in article.actors),
        "events": [f"{e.trigger.start} {e.trigger.text} | {e.type} {e.cameo.code} | "
                   f"{ref(e.source)} -> {ref(e.target)} | {e.date} | "
                   f"{e.place.name if e.place else None} | "
                   + ",".join(f for f in ("negated", "hypothetical", "future", "hedged")
                              if getattr(e, f))
                   # an event told in several sentences: where each telling is
                   + (f" | told at {' '.join(str(m.start) for m in e.mentions)}" if e.mentions else "")
                   for e in article.events],
        "quotes": [f"{q.start}-{q.end} {q.kind} | {ref(q.speaker)}" for q in article.quotes],
        "places": [f"{p.start} {p.name} | {p.country}" for p in article.places],
        "dates": [f"{d.start} {d.text} | {d.value} {d.granularity}" for d in article.dates],
        "furniture": [f"{f.start} {f.kind} | {article.text[f.start:f.end]}" for f in article.furniture],
    }


def test_samples_match_golden(sample_articles):
    for article in sample_articles:
        path = GOLDEN / f"{article.id}.json"
        got = digest(article)
        if os.environ.get("UPDATE_GOLDEN") or not path.exists():
            GOLDEN.mkdir(exist_ok=True)
            path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            if not os.environ.get("UPDATE_GOLDEN"):
                pytest.fail(f"golden file {path.name} was missing and has been written; re-run")
            continue
        assert got == json.loads(path.read_text(encoding="utf-8")), article.id
