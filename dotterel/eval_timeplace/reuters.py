"""``reuters``: Reuters-21578 JSONL(.gz) with hand-tagged ``places``: country recall and
precision of our places plus country actors.
"""
from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..evaluate import Score, register_evaluator
from ..model import ArticleInput
from .common import code_all, country_iso3, eval_limit, iso_day

REUTERS_CODES = {
    "usa": "USA", "uk": "GBR", "ussr": "RUS", "west-germany": "DEU", "east-germany": "DEU",
    "china": "CHN", "hong-kong": "HKG", "south-korea": "KOR", "north-korea": "PRK",
    "ivory-coast": "CIV", "uae": "ARE", "netherlands-antilles": "ANT", "taiwan": "TWN",
    "burma": "MMR", "zaire": "COD", "czechoslovakia": "CZE", "yugoslavia": "SRB",
    "south-africa": "ZAF", "new-zealand": "NZL", "saudi-arabia": "SAU", "sri-lanka": "LKA",
    "west-bank": "PSE", "vatican": "VAT", "kampuchea": "KHM", "bahamas": "BHS",
}
"""Reuters place tags whose ISO3 a plain name lookup would not find (or find wrongly)."""


def _reuters_iso3(tag: str) -> str | None:
    if tag in REUTERS_CODES:
        return REUTERS_CODES[tag]
    return country_iso3(tag.replace("-", " "))


@dataclass
class ReutersReport:
    stories: int = 0
    score: Score = field(default_factory=Score)
    unmapped: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)


def read_reuters(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    """Stories with a body and at least one place tag, in file order."""
    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for line in handle:
            record = json.loads(line)
            if not record.get("places") or not (record.get("text") or "").strip() or \
                    not record.get("has_body", True):
                continue
            yield record
            n += 1
            if limit is not None and n >= limit:
                return


def evaluate_reuters(records: Iterable[dict[str, Any]], *, settings: Settings | None = None) -> ReutersReport:
    records = list(records)
    inputs = [ArticleInput(id=str(r["id"]), text=_with_dateline(r), published=iso_day(r.get("published")))
              for r in records]
    report = ReutersReport()
    for record, article in zip(records, code_all(inputs, settings)):
        report.stories += 1
        gold = set()
        for tag in record["places"]:
            iso3 = _reuters_iso3(tag)
            if iso3 is None:
                report.unmapped[tag] += 1
            else:
                gold.add(iso3)
        predicted = set()
        if article is not None:
            predicted |= {p.country for p in article.places if p.country}
            predicted |= {a.country for a in article.actors if a.kind == "country" and a.country}
        report.score.tp += len(gold & predicted)
        report.score.fn += len(gold - predicted)
        report.score.fp += len(predicted - gold)
        report.missed.update(gold - predicted)
        report.spurious.update(predicted - gold)
    return report


def _with_dateline(record: dict[str, Any]) -> str:
    """The story as printed: the conversion keeps the dateline ("PORTLAND, Ore., Feb 26 -")
    in its own field, and it is what most place tags come from."""
    dateline = (record.get("dateline") or "").strip()
    return f"{dateline} {record['text']}" if dateline else record["text"]


def _run_reuters(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    limit = eval_limit(1000)
    report = evaluate_reuters(read_reuters(path, limit), settings=settings)
    s = report.score
    if as_json:
        return json.dumps({"stories": report.stories, "countries": s.as_dict(),
                           "unmapped_tags": dict(report.unmapped),
                           "missed": dict(report.missed.most_common(30)),
                           "spurious": dict(report.spurious.most_common(30))}, indent=1)
    lines = [f"Reuters-21578: first {report.stories} stories with a body and place tags, dateline + body"
             f"{' (DOTTEREL_EVAL_LIMIT)' if os.environ.get('DOTTEREL_EVAL_LIMIT') else ' (default limit 1000)'}",
             "", "| measure | precision | recall | F1 |", "|---|---|---|---|",
             f"| countries (places + country actors vs the PLACES tags) | {s.precision:.3f} | "
             f"{s.recall:.3f} | {s.f1:.3f} |"]
    if report.unmapped:
        lines += ["", "tags with no country code (left out): " +
                  ", ".join(f"{k} {v}" for k, v in report.unmapped.most_common())]
    if show_errors:
        lines += ["", "most missed: " + ", ".join(f"{k} {v}" for k, v in report.missed.most_common(show_errors)),
                  "most spurious: " + ", ".join(f"{k} {v}" for k, v in report.spurious.most_common(show_errors))]
    return "\n".join(lines)


def _looks_like_reuters(path: Path) -> bool:
    if not path.is_file() or not (path.name.endswith(".jsonl") or path.name.endswith(".jsonl.gz")):
        return False
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        first = handle.readline()
    return '"places"' in first and '"topics"' in first and '"dates"' not in first


register_evaluator("reuters", _looks_like_reuters, _run_reuters)
