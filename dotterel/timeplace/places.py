"""Which spans name a place: GPE/LOC/FAC entities that are no actor ("Washington said" stays
the government), and capitalised gazetteer names the tagger missed that stand in a place's
position ("near Bamako", datelines).
"""
from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..kb import load_kb
from ..nlp.conjuncts import first_conjunct
from ..nlp.locative import (
    MOTION_VERBS,
    PLACE_NOUNS,
    TRAVEL_VERBS,
    is_locative,
    locative_token,
    stands_as_place,
)
from ..nlp.state import NUMERIC_ENTITIES, DocState, doc_ents, doc_text
from .gazetteer import ALIAS_TOWN, Candidate, gazetteer

METONYM_HOWS = ("capital", "metonym")


def _actor_over(span: Span, state: DocState) -> tuple[Any, Span] | None:
    """The actor mention covering the whole span ("Sudan" inside "Port Sudan" does not count)."""
    hit = state.actor_at(span.root)
    if hit is None or hit[1].start > span.start or hit[1].end < span.end:
        return None
    return hit


def is_place(ent: Span, state: DocState) -> bool:
    hit = _actor_over(ent, state)
    if hit is not None and hit[0].kind == "place":
        return True  # "shelled Kharkiv": the city aimed at is where it happened too
    if hit is not None and ":" in hit[0].key:  # a name the knowledge base does not know
        return stands_as_place(ent)
    if hit is not None and hit[0].kind != "country":
        return False  # a metonym ("Washington said") or an organisation
    if hit is not None and not is_locative(ent):
        return False  # a country acting ("Pakistan said"), not a location
    return not _metonym_conjunct(ent, state)


def _metonym_conjunct(ent: Span, state: DocState) -> bool:
    """ "London and Paris pledged": the second capital acts like the first."""
    first = first_conjunct(ent.root)
    if first.i == ent.root.i or first.dep_ not in ("nsubj", "nsubjpass"):
        return False

    known = load_kb().lookup(ent.text)
    first_hit = state.actor_at(first)
    return known is not None and known[0].kind == "country" and first_hit is not None and \
        (known[1] in METONYM_HOWS or known[1] == "name")


def gazetteer_spans(doc: Doc, state: DocState, found: list[Span],
                    in_play: Collection[str] = frozenset()) -> list[Span]:
    """Place names the tagger missed or mislabelled ("in Kyiv", "near Bamako" tagged ORG):
    capitalised words that name a sizeable gazetteer place and stand where places stand.
    Our own multi-word entries ("Second Thomas Shoal", "Jenin refugee camp") win over a
    shorter entity inside them. In the countries of the article's actors whose names are
    transliterated (``in_play``, ``gazetteer.transliterated``), a whole name the tagger took
    for a name of some kind may be a small town ("outside Tal Abyad" tagged PERSON) or a town
    spelt another way ("retook Maaret al-Numan"); not a piece of a longer one ("Shimon" of
    "Shimon Peres")."""
    gaz = gazetteer()
    dated = {t.i for ent in doc_ents(doc) if ent.label_ in NUMERIC_ENTITIES for t in ent}
    taken = {t.i for span in found for t in span}
    out: list[Span] = []
    tokens = list(doc)  # one Token object each: doc[i] makes a new one per call
    # a window may end only on a capitalised word, checked before a span is built
    ends = [t.is_alpha and not t.is_lower and not t.is_stop for t in tokens]
    i = 0
    while i < len(tokens):
        if (i in dated and tokens[i].ent_type_ != "ORDINAL") or not _name_start(tokens[i]):
            i += 1
            continue
        for j in range(min(len(tokens), i + 5), i, -1):
            if not ends[j - 1]:
                continue
            span = with_article(doc[i:j], gaz.spelling.articles)
            if span.text in _demonyms():
                continue
            cands = gaz.candidates(span.text)
            named = bool(in_play) and _tagged_name(span)
            spelt = not cands and named
            if spelt:
                cands = [(c, a) for c, a in gaz.loose_candidates(span.text) if (c.country or "") in in_play]
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
            if any(_prominent(c, a) or spelt or (named and (c.country or "") in in_play)
                   for c, a in cands) and \
                    _stands_as_place(span, state, [*found, *out]):
                out.append(span)
                i = j - 1
                break
        i += 1
    if out:  # drop tagged places that a longer entry of ours replaces
        found[:] = [f for f in found if not any(o.start <= f.start and f.end <= o.end and len(o) > len(f)
                                                for o in out)]
    return out


def with_article(span: Span, articles: Collection[str]) -> Span:
    """ "al-Hol", "el-Fasher": the span with the Arabic article hyphened to its front, which
    the tagger and the capitalised-word scan leave out."""
    doc, start = span.doc, span.start
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in articles \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return doc[start - 2:span.end]
    return span


def _tagged_name(span: Span) -> bool:
    """Did the tagger take this span, whole, for the name of something (PERSON, ORG, ...)?
    Not a group's name or tongue (NORP: "a mostly Hazara district"; "in Arabic"), nor a number
    or date, nor a piece of a longer name ("Samuel" of "Samuel Tucker"), though one of names the
    tagger joined ("Marinka" of "Avdiivka and Marinka" tagged ORG)."""
    label = span[-1].ent_type_
    if not label or label in ("NORP", "LANGUAGE") or label in NUMERIC_ENTITIES:
        return False
    doc, first = span.doc, span[-1].i
    while first > span.start and doc[first].ent_iob_ == "I":
        first -= 1
    starts = doc[first].ent_iob_ == "B" or (first > 0 and doc[first - 1].lower_ in _JOINS)
    return starts and (span.end == len(doc) or doc[span.end].ent_iob_ != "I" or doc[span.end].lower_ in _JOINS)


_JOINS = {"and", "or", ","}


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:

    return frozenset(d for e in load_kb().entries.values() for d in e.demonyms)


def _name_start(token: Token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 2)) and \
        token.pos_ in ("PROPN", "NOUN", "ADJ") and not token.is_stop


def _prominent(cand: Candidate, alias: bool = False) -> bool:
    """Large enough to be read off a capitalised word; by one of its many alternate names
    (GeoNames lists them for every town of 500+), only a town of 15,000+."""
    return cand.kind in ("country", "continent", "ours", "admin1") or \
        cand.population >= (ALIAS_TOWN if alias and cand.kind == "city" else 5000)


def _dateline(span: Span) -> bool:
    """ "DOHA —", "PORTLAND, Ore., Feb 26 -": an upper-case place opening the text or a line."""
    doc = span.doc
    opens = span.start == 0 or doc[span.start - 1].is_space or doc_text(doc)[:span.start_char].strip() == ""
    after = doc[span.end] if span.end < len(doc) else None
    return opens and all(t.is_upper for t in span if t.is_alpha) and after is not None and \
        after.text in (",", "-", "—", "–", "(")


def _inside_longer_place(span: Span) -> bool:
    """Does a place the tagger found (GPE, LOC, FAC) overlap the span without lying inside it?
    Read off the span's own tokens: a whole-document scan per name was the stage's cost."""
    doc = span.doc
    for token in span:
        if token.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if start < span.start or end > span.end:
            return True
    return False


def _stands_as_place(span: Span, state: DocState, places: list[Span]) -> bool:
    """Is this capitalised name in a place's position: after "in"/"near"/"from", the object of
    "hit"/"left", joined to a place by "and", "Pakistan's Punjab", "Erbil airport", a dateline?"""
    if _dateline(span):
        return True
    if _inside_longer_place(span):
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
    if before is not None and not possessive and locative_token(before):
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
