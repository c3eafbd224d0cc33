"""One event, one record per article: the strike told in the headline, the lead and the body
becomes one event with the trigger of each telling in ``mentions``.

Events of one article are the same event when they agree on type, CAMEO code, source actor,
target actor (at least one side named; a missing side matches only a missing side) and on
negated, hypothetical and future (a denial is never merged with the report it denies), are
told in different sentences (two in one sentence are told apart on purpose: "struck Kyiv and
struck Lviv"), and their dates and places do not disagree: a date the text names must equal
or contain the other's (a publication date, which the clause did not name, agrees with any),
and two places must be the same place, or one of them a whole country, region or province
of the other's country. The record is the earliest telling, with a date or place a later
telling names when it has none, and the highest confidence of its tellings (each is the
probability that this type, source and target are right, and they all are if one is).
Ids stay as they were, so an event keeps its id whether merging is on or off.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from .model import Article, Event, Place

_COARSE = ("year", "month", "week", "day")
_WIDE_PLACES = ("country", "admin1", "region")


def _key(event: Event) -> tuple[object, ...] | None:
    if event.source is None and event.target is None:
        return None  # nothing names who: two such tellings may be any two events
    return (event.type, event.cameo.code, event.source and event.source.actor,
            event.target and event.target.actor, event.negated, event.hypothetical, event.future)


def _date_contains(wide: Event, narrow: Event) -> bool:
    """``wide``'s date (of its precision) holds ``narrow``'s."""
    assert wide.date is not None and narrow.date is not None
    if wide.date_precision == "year":
        return wide.date[:4] == narrow.date[:4]
    if wide.date_precision == "month":
        return wide.date[:7] == narrow.date[:7]
    if wide.date_precision == "week":
        days = (dt.date.fromisoformat(narrow.date) - dt.date.fromisoformat(wide.date)).days
        return 0 <= days < 7
    return wide.date == narrow.date


def dates_agree(a: Event, b: Event) -> bool:
    if a.date_source != "text" or b.date_source != "text" or a.date is None or b.date is None:
        return True
    rank = {p: n for n, p in enumerate(_COARSE)}
    wide, narrow = sorted((a, b), key=lambda e: rank.get(e.date_precision or "day", 3))
    return _date_contains(wide, narrow)


def places_agree(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if (a.geonameid is not None and a.geonameid == b.geonameid) or a.name == b.name:
        return True
    wide = a.precision in _WIDE_PLACES or b.precision in _WIDE_PLACES
    return wide and a.country is not None and a.country == b.country


def _joins(group: list[Event], event: Event) -> bool:
    return all(e.sentence != event.sentence and dates_agree(e, event) and places_agree(e.place, event.place)
               for e in group)


def groups_of(events: Iterable[Event]) -> list[list[Event]]:
    """The events in tellings of one event each, in text order; each event joins the first
    group of its key it agrees with."""
    groups: list[list[Event]] = []
    open_: dict[tuple[object, ...], list[list[Event]]] = {}
    for event in sorted(events, key=lambda e: (e.trigger.start, e.trigger.end)):
        key = _key(event)
        group = next((g for g in open_.get(key, ()) if _joins(g, event)), None) if key else None
        if group is None:
            group = [event]
            groups.append(group)
            if key is not None:
                open_.setdefault(key, []).append(group)
        else:
            group.append(event)
    return groups


def _record(group: list[Event]) -> Event:
    """The earliest telling, completed by the others and carrying every telling's trigger."""
    first = group[0]
    changes: dict[str, object] = {"mentions": tuple(e.trigger for e in group),
                                  "confidence": max(e.confidence for e in group)}
    if first.date_source != "text":
        dated = next((e for e in group if e.date_source == "text"), None)
        if dated is not None:
            changes.update(date=dated.date, date_text=dated.date_text, date_precision=dated.date_precision,
                           date_source=dated.date_source)
    if first.place is None:
        changes["place"] = next((e.place for e in group if e.place is not None), None)
    if first.quote is None:
        changes["quote"] = next((e.quote for e in group if e.quote is not None), None)
    return replace(first, **changes)


def merge_mentions(article: Article) -> Article:
    """The article with each event told in several sentences as one record (module doc)."""
    groups = [g for g in groups_of(article.events) if len(g) > 1]
    if not groups:
        return article
    record_of = {e.id: _record(g) for g in groups for e in g}
    events, seen = [], set()
    for event in article.events:
        record = record_of.get(event.id, event)
        if record.id not in seen:
            seen.add(record.id)
            events.append(record)
    quotes = tuple(replace(q, events=tuple(dict.fromkeys(record_of[i].id if i in record_of else i for i in q.events)))
                   for q in article.quotes)
    return replace(article, events=tuple(events), quotes=quotes)
