"""``timeplace``: our gold JSONL (``tests/data/timeplace_gold.jsonl``), one sentence a line with
``{"id", "published", "text", "dates": [{"text", "start"?, "value", "granularity"}],
"places": [{"text", "start"?, "country", "lat", "lon"}]}``. Date exactness = share of gold
dates found (overlapping span) with the exact value; place accuracy = share of gold places
found with the right country and within 161 km; precision for both.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..evaluate import error_lines, first_record, problem_lines, register_evaluator
from ..model import ArticleInput
from ..timeplace import haversine_km
from .common import KM, code_all, overlaps


@dataclass
class TimePlaceReport:
    sentences: int = 0
    dates: int = 0
    dates_exact: int = 0
    dates_found: int = 0
    granularity_right: int = 0
    predicted_dates: int = 0
    predicted_dates_right: int = 0
    places: int = 0
    places_right: int = 0
    places_country: int = 0
    predicted_places: int = 0
    predicted_places_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def ratio(n: int, d: int) -> float:
            return round(n / d, 3) if d else 0.0

        return {
            "sentences": self.sentences,
            "dates": {"gold": self.dates, "exactness": ratio(self.dates_exact, self.dates),
                      "found": ratio(self.dates_found, self.dates),
                      "granularity": ratio(self.granularity_right, self.dates_exact),
                      "predicted": self.predicted_dates,
                      "precision": ratio(self.predicted_dates_right, self.predicted_dates)},
            "places": {"gold": self.places, "accuracy": ratio(self.places_right, self.places),
                       "country": ratio(self.places_country, self.places),
                       "predicted": self.predicted_places,
                       "precision": ratio(self.predicted_places_right, self.predicted_places)},
            "errors": self.errors,
        }


def read_timeplace_gold(path: Path) -> list[dict[str, Any]]:
    """Our gold, with each annotation's character span filled in."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            record.setdefault("id", f"{path.stem}:{number}")
            for item in (*record.get("dates", []), *record.get("places", [])):
                start = item.get("start")
                if start is None or record["text"][start:start + len(item["text"])] != item["text"]:
                    start = record["text"].find(item["text"])
                if start < 0:
                    raise ValueError(f"{record['id']}: '{item['text']}' is not in the text")
                item["start"], item["end"] = start, start + len(item["text"])
            records.append(record)
    return records


def evaluate_timeplace(records: list[dict[str, Any]], *, settings: Settings | None = None,
                       max_errors: int = 200) -> TimePlaceReport:
    inputs = [ArticleInput(id=str(r["id"]), text=r["text"], published=r.get("published"))
              for r in records]
    report = TimePlaceReport()
    for record, article in zip(records, code_all(inputs, settings)):
        report.sentences += 1
        dates = list(article.dates) if article else []
        places = list(article.places) if article else []
        problems: list[str] = []
        for g in record.get("dates", []):
            report.dates += 1
            hits = [d for d in dates if overlaps((d.start, d.end), (g["start"], g["end"]))]
            exact = next((d for d in hits if d.value == g["value"]), None)
            report.dates_found += bool(hits)
            if exact is not None:
                report.dates_exact += 1
                report.granularity_right += exact.granularity == g.get("granularity", exact.granularity)
            else:
                problems.append(f"date '{g['text']}' want {g['value']}, got "
                                f"{[d.value for d in hits] or 'nothing'}")
        for d in dates:
            report.predicted_dates += 1
            right = any(overlaps((d.start, d.end), (g["start"], g["end"])) and d.value == g["value"]
                        for g in record.get("dates", []))
            report.predicted_dates_right += right
            if not right and not any(overlaps((d.start, d.end), (g["start"], g["end"]))
                                     for g in record.get("dates", [])):
                problems.append(f"spurious date '{d.text}' = {d.value}")
        for g in record.get("places", []):
            report.places += 1
            hits = [p for p in places if overlaps((p.start, p.end), (g["start"], g["end"]))]
            right = [p for p in hits if _place_right(p.country, p.lat, p.lon, g)]
            report.places_right += bool(right)
            report.places_country += any(g.get("country") in (None, p.country) for p in hits)
            if not right:
                problems.append(f"place '{g['text']}' want {g.get('country')}, got "
                                f"{[f'{p.name}/{p.country}' for p in hits] or 'nothing'}")
        for p in places:
            report.predicted_places += 1
            golds = [g for g in record.get("places", []) if overlaps((p.start, p.end), (g["start"], g["end"]))]
            report.predicted_places_right += any(_place_right(p.country, p.lat, p.lon, g) for g in golds)
            if not golds:
                problems.append(f"spurious place '{record['text'][p.start:p.end]}' = {p.name}/{p.country}")
        if problems and len(report.errors) < max_errors:
            report.errors.append({"id": record["id"], "text": record["text"], "problems": problems})
    return report


def _place_right(country: str | None, lat: float | None, lon: float | None, gold: dict[str, Any]) -> bool:
    if gold.get("country") is not None and country != gold["country"]:
        return False
    if lat is None or lon is None:
        return False
    return haversine_km(lat, lon, gold["lat"], gold["lon"]) <= KM


def format_timeplace_report(report: TimePlaceReport, *, show_errors: int = 20) -> str:
    data = report.as_dict()
    d, p = data["dates"], data["places"]
    lines = [f"sentences: {data['sentences']}", "",
             "| measure | value |", "|---|---|",
             f"| date exactness (gold dates found with the exact value, of {d['gold']}) | {d['exactness']:.3f} |",
             f"| date precision (of {d['predicted']} predicted) | {d['precision']:.3f} |",
             f"| date granularity agreement (on exact ones) | {d['granularity']:.3f} |",
             f"| place accuracy (right country, within {KM:.0f} km, of {p['gold']}) | {p['accuracy']:.3f} |",
             f"| place country accuracy | {p['country']:.3f} |",
             f"| place precision (of {p['predicted']} predicted) | {p['precision']:.3f} |"]
    lines += error_lines(report.errors, show_errors, problem_lines)
    return "\n".join(lines)


def _run_timeplace(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    report = evaluate_timeplace(read_timeplace_gold(path), settings=settings)
    return json.dumps(report.as_dict(), indent=1) if as_json else \
        format_timeplace_report(report, show_errors=show_errors)


def _looks_like_timeplace_gold(path: Path) -> bool:
    first = first_record(path)
    return first is not None and "dates" in first and "places" in first and \
        "events" not in first and "quotes" not in first


register_evaluator("timeplace", _looks_like_timeplace_gold, _run_timeplace)
