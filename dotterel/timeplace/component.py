"""The ``dotterel_timeplace`` component: dates and places of a Doc, then their events' attachment."""
from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import DateMention, Place
from ..nlp.state import DocState, doc_ents, doc_text
from .attach import attach
from .dates import DateMatch, future_tense, match_date, present_tense
from .gazetteer import US_STATE_ABBREVIATIONS, Candidate, gazetteer, geocode, transliterated
from .places import gazetteer_spans, is_place, with_article

_DAY_WORDS = re.compile(r"\b(yesterday|today|tonight|tomorrow|last night|last evening|this morning|"
                        r"(mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)

_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)

_STATE_AFTER = re.compile(r",\s+((?:[A-Z]\.)+|[A-Z][a-z]{1,4}\.)")

_YEAR_AFTER = re.compile(r",?\s+(?:1[89]|20)\d\d\b")


@Language.factory("dotterel_timeplace", assigns=["doc._.dotterel"], requires=["doc.ents"])
def make_timeplace(nlp: Language, name: str) -> TimePlace:
    return TimePlace()


class TimePlace:
    """Finds the dates and places of a Doc and gives each event the ones its trigger governs."""

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        spans: list[Span] = []
        articles = gazetteer().spelling.articles
        for ent in doc_ents(doc):
            if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAY_WORDS.search(ent.text)):
                self._date(ent, state)
            elif ent.label_ in ("GPE", "LOC", "FAC") and is_place(ent, state):
                spans.append(with_article(ent, articles))
        spans += gazetteer_spans(doc, state, spans, in_play(state))
        self._places(doc, sorted(spans, key=lambda s: s.start), state)
        state.events = [attach(event, doc, state) for event in state.events]
        return doc

    def _date(self, ent: Span, state: DocState) -> None:
        if state.published is None or any(t.i in state.date_tokens for t in ent):
            return
        doc = ent.doc
        end = ent.end_char
        year = _YEAR_AFTER.match(doc_text(doc), end)  # "April 2" + ", 2022" split by the tagger
        if year and not re.search(r"\d{4}", ent.text) and _MONTH_NAME.search(ent.text):
            end = year.end()
        text = doc_text(doc)[ent.start_char:end]
        future = future_tense(ent)
        present = not future and present_tense(ent) and bool(_MONTH_NAME.search(text)) \
            and not re.search(r"\d{4}", text)
        found = match_date(text, state.published, future=future or present)
        if present:  # a weak hint ahead: "has a June 1 deadline", not "are investigating the July 25 call"
            found = _nearer(found, match_date(text, state.published, future=False), state.published)
        if found is None:
            return
        start = ent.start_char + found.start
        stop = ent.start_char + found.end
        mention = DateMention(text=doc_text(doc)[start:stop], start=start, end=stop,
                              value=found.value, granularity=found.granularity)
        state.dates.append(mention)
        span = doc.char_span(start, stop, alignment_mode="expand")
        for token in span if span is not None else ent:
            state.date_tokens[token.i] = mention

    def _places(self, doc: Doc, spans: list[Span], state: DocState) -> None:
        if not spans:
            return
        names, quals = [], []
        for n, ent in enumerate(spans):
            name, qual = ent.text, None
            nxt = spans[n + 1] if n + 1 < len(spans) else None
            abbrev = _STATE_AFTER.match(doc_text(doc), ent.end_char)
            if nxt is not None and doc_text(doc)[ent.end_char:nxt.start_char] == ", ":
                qual = nxt.text  # "Alexandria, Virginia"
            elif ", " in name:  # one entity "Paris, Texas"
                name, qual = name.split(", ", 1)
            elif abbrev and abbrev.group(1) in US_STATE_ABBREVIATIONS:
                qual = abbrev.group(1)  # "PORTLAND, Ore."
            names.append(name)
            quals.append(qual)
        inside = {t.i for span in spans for t in span}
        countries = [a.country for a in state.actors.values()
                     if a.country and any(m.root.i not in inside for m in a.mentions)]
        for ent, found in zip(spans, geocode(names, countries, quals)):
            if found is None or not _fits(ent, found):
                continue
            place = Place(name=found.name, geonameid=found.geonameid, lat=found.lat, lon=found.lon,
                          country=found.country, start=ent.start_char, end=ent.end_char,
                          precision=found.precision, admin1=gazetteer().admin1_name(found))
            state.places.append(place)
            for token in ent:
                state.place_tokens[token.i] = place


def in_play(state: DocState) -> frozenset[str]:
    """The countries of an article's actors ("Syrian fighters", "Kurdish-led forces" of Syria)
    whose place names reach the news transliterated: where a tagged name may be a small or
    loosely spelt town. Mostly none, and then no loose lookups are made."""
    spelt = transliterated()
    return frozenset(a.country for a in state.actors.values() if a.country and a.country in spelt)


def _nearer(ahead: DateMatch | None, past: DateMatch | None, published: dt.date) -> DateMatch | None:
    """Of a date's coming and past occurrences, the one nearer the publication date."""
    if ahead is None or past is None:
        return ahead or past
    gap = (dt.date.fromisoformat(ahead.value) - published, published - dt.date.fromisoformat(past.value))
    return past if gap[1] < gap[0] else ahead


def _fits(ent: Span, found: Candidate) -> bool:
    """A facility name must be one of our sites or a sizeable place, not a stray hamlet."""
    if ent.label_ == "FAC":
        return found.kind in ("ours", "country") or found.population >= 100_000
    return True
