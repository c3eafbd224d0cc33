"""What every date and place evaluation shares: coding the gold texts, the distance tolerance, ratios."""
from __future__ import annotations

import os
import re

from ..config import Settings
from ..model import Article, ArticleInput
from ..pipeline import code_many
from ..timeplace import gazetteer

KM = 161.0
"""The usual geoparsing tolerance: 100 miles."""


def eval_limit(default: int | None = None) -> int | None:
    value = os.environ.get("DOTTEREL_EVAL_LIMIT")
    return int(value) if value else default


def pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def code_all(inputs: list[ArticleInput], settings: Settings | None) -> list[Article | None]:
    return [r if isinstance(r, Article) else None for r in code_many(inputs, settings=settings)]


def iso_day(value: str | None) -> str | None:
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    return m.group(1) if m else None


def country_iso3(name: str | None) -> str | None:
    if not name:
        return None
    found = [c for c, _ in gazetteer().candidates(name) if c.kind == "country"]
    return found[0].country if found else None
