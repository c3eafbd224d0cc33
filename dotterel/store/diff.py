"""``diff(old, new)``: what changed between two corpus databases, so that a time series
never shifts silently when the coder (or the corpus) changes.

Events are counted by PLOVER type × country × month on each side; the country is where the
event happened (``place_country``), else its source's country. Articles are matched by id.
Each side also says which coder versions (``model.Coder``) made its articles.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..model import Coder
from .schema import connect

Key = tuple[str, str, str]  # event_type, country, month ('' when unknown)

_COUNTS_SQL = (
    "SELECT event_type, coalesce(place_country, source_country, '') AS country, "
    "coalesce(strftime(event_date, '%Y-%m'), '') AS month, count(*) AS n FROM events{where} "
    "GROUP BY ALL")


@dataclass(frozen=True, slots=True)
class Side:
    """One corpus as the diff saw it."""

    path: str
    articles: int
    events: int
    coders: dict[str, int]
    """Coder label ("not recorded" for articles stored before dotterel kept it) -> articles."""


@dataclass(frozen=True, slots=True)
class Cell:
    event_type: str
    country: str
    month: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "country": self.country, "month": self.month,
                "old": self.old, "new": self.new, "change": self.change}


@dataclass(frozen=True, slots=True)
class CorpusDiff:
    old: Side
    new: Side
    cells: list[Cell]
    """Every type × country × month cell found on either side, most changed first."""
    only_old: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    facts_only: bool = True

    @property
    def changed(self) -> list[Cell]:
        return [c for c in self.cells if c.change]

    @property
    def same(self) -> bool:
        return not self.changed and not self.only_old and not self.only_new

    def to_dict(self) -> dict[str, Any]:
        return {"old": _side_dict(self.old), "new": _side_dict(self.new),
                "facts_only": self.facts_only, "only_old": self.only_old,
                "only_new": self.only_new, "changed": len(self.changed),
                "cells": [c.to_dict() for c in self.cells]}


def diff(old: str | Path, new: str | Path, *, facts_only: bool = True) -> CorpusDiff:
    """Compare two corpus databases (opened read-only): event counts by type × country ×
    month, the articles only in one, and the coder versions of each. ``facts_only=False``
    counts negated, hypothetical and future events too."""
    sides, counts, ids = [], [], []
    for path in (old, new):
        con = connect(path, read_only=True)
        try:
            counts.append(_counts(con, facts_only))
            ids.append({r[0] for r in con.execute("SELECT id FROM articles").fetchall()})
            sides.append(Side(path=str(path), articles=len(ids[-1]),
                              events=sum(counts[-1].values()), coders=_coders(con)))
        finally:
            con.close()
    keys = set(counts[0]) | set(counts[1])
    cells = [Cell(*k, old=counts[0].get(k, 0), new=counts[1].get(k, 0)) for k in keys]
    cells.sort(key=lambda c: (-abs(c.change), c.month, c.event_type, c.country))
    return CorpusDiff(old=sides[0], new=sides[1], cells=cells, only_old=sorted(ids[0] - ids[1]),
                      only_new=sorted(ids[1] - ids[0]), facts_only=facts_only)


def _counts(con: duckdb.DuckDBPyConnection, facts_only: bool) -> dict[Key, int]:
    rows = con.execute(_COUNTS_SQL.format(where=" WHERE is_fact" if facts_only else "")).fetchall()
    return {(t, c, m): n for t, c, m, n in rows}


def _coders(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    # a database from before the coder column (opened read-only, so not migrated) has none
    has = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'articles' "
                      "AND column_name = 'coder' AND table_schema = 'main'").fetchone()[0]
    if not has:
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        return {"not recorded": total} if total else {}
    rows = con.execute("SELECT coder, count(*) FROM articles GROUP BY coder ORDER BY 2 DESC").fetchall()
    return {coder_label(c): n for c, n in rows}


def coder_label(stored: str | None) -> str:
    """The one-line label of a stored coder (the articles table's JSON)."""
    if not stored:
        return "not recorded"
    try:
        return Coder(**json.loads(stored)).label
    except (TypeError, ValueError):
        return "unreadable: " + stored[:60]


def _side_dict(side: Side) -> dict[str, Any]:
    return {"path": side.path, "articles": side.articles, "events": side.events,
            "coders": side.coders}


def diff_text(result: CorpusDiff, *, limit: int | None = 50) -> str:
    """The diff as text: both sides' coders, the articles only in one, the changed cells."""
    lines = []
    for name, side in (("old", result.old), ("new", result.new)):
        lines.append(f"{name}: {side.path}: {side.articles} articles, {side.events} events")
        lines += [f"  coded with {label} ({n} articles)" for label, n in side.coders.items()]
    for name, ids in (("old", result.only_old), ("new", result.only_new)):
        if ids:
            shown = ", ".join(ids[:10]) + (", ..." if len(ids) > 10 else "")
            lines.append(f"articles only in {name}: {len(ids)} ({shown})")
    what = "fact events" if result.facts_only else "events"
    changed = result.changed
    lines.append(f"{what} by type x country x month: {len(changed)} of {len(result.cells)} cells "
                 f"changed ({result.old.events} -> {result.new.events})")
    if changed:
        rows = [("event_type", "country", "month", "old", "new", "change")]
        rows += [(c.event_type, c.country or "-", c.month or "-", str(c.old), str(c.new),
                  f"{c.change:+d}") for c in changed[:limit]]
        widths = [max(len(r[i]) for r in rows) for i in range(6)]
        lines += ["  ".join(v.ljust(w) if i < 3 else v.rjust(w) for i, (v, w) in
                            enumerate(zip(r, widths))).rstrip() for r in rows]
        if limit is not None and len(changed) > limit:
            lines.append(f"... {len(changed) - limit} more (--limit, or --format csv for all)")
    return "\n".join(lines) + "\n"


__all__ = ["diff", "diff_text", "CorpusDiff", "Cell", "Side", "coder_label"]
