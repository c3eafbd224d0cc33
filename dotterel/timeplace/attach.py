"""Attachment: an event takes the date and place its trigger governs in the parse."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import DateMention, Event
from ..nlp.state import DocState
from .dates import match_date

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"}


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
    if date is not None and state.published is not None and not (event.future or event.hypothetical):
        date = _not_after(date, state.published)
    changes: dict[str, object] = {"place": place}
    if date is not None:
        changes.update(date=date.value, date_text=date.text, date_precision=date.granularity,
                       date_source="text")
    elif state.published is not None:
        changes.update(date=state.published.isoformat(), date_text=None, date_precision="day",
                       date_source="publication")
    return replace(event, **changes)


def _not_after(date: DateMention, published: dt.date) -> DateMention | None:
    """A reported event's date, never after publication: a date without a year resolved ahead
    ("the July 25 call" under a present-tense verb) takes its most recent past occurrence; a
    date that is ahead by what it says ("next week", "in 2031") is not this event's date."""
    if date.value <= published.isoformat():
        return date
    found = match_date(date.text, published, future=False)
    if found is None or found.value > published.isoformat():
        return None
    return replace(date, value=found.value, granularity=found.granularity)


def _clause_tokens(token: Token) -> list[Token]:
    """The token's subtree without embedded clauses (their dates belong to their own events)."""
    out = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS:
            out.extend(_clause_tokens(child))
    return out
