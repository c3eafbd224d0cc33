"""What the dotterel components find in a doc, kept on it (``doc._.dotterel``): the one
place components exchange data besides the Doc's own annotations."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from ..model import DateMention, Event, Furniture, Place, Quote

NUMERIC_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
"""Entity labels of numbers, amounts and times: never an actor nor a place."""


@dataclass(eq=False)
class ActorEntity:
    """An actor being built for one doc: identity plus the token spans that mention it."""

    key: str
    name: str
    kind: str
    country: str | None = None
    cameo: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(eq=False)
class DocState:
    """What the dotterel components have found in a doc so far (``doc._.dotterel``)."""

    published: dt.date | None = None
    actors: dict[str, ActorEntity] = field(default_factory=dict)
    token_actor: dict[int, tuple[str, Span]] = field(default_factory=dict)
    """Token index -> (actor key, the mention span covering it)."""
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    place_tokens: dict[int, Place] = field(default_factory=dict)
    date_tokens: dict[int, DateMention] = field(default_factory=dict)
    token_group: dict[int, list[str]] = field(default_factory=dict)
    """Head of a plural phrase that refers back to actors named together ("the two
    countries" after "Poland and Bulgaria") -> their keys."""
    event_tokens: dict[int, str] = field(default_factory=dict)
    """Tokens that trigger an event in the sentence being coded -> the event's PLOVER type."""
    rule_hits: list[tuple[int, str]] = field(default_factory=list)
    """(token index, rule id) of every event rule that fired: for explanations and tests."""
    furniture: list[Furniture] = field(default_factory=list)
    """Page furniture (captions, datelines, link lines ...), by character offsets."""
    furniture_tokens: set[int] = field(default_factory=set)
    """Tokens inside furniture: no actor, quote or event is taken from them."""
    not_actor_tokens: set[int] = field(default_factory=set)
    """Tokens of platforms and credits ("Twitter", "AP Photo"): in no actor's mention."""

    def actor_at(self, token: Token) -> tuple[ActorEntity, Span] | None:
        hit = self.token_actor.get(token.i)
        return (self.actors[hit[0]], hit[1]) if hit else None

    def add_mention(self, key: str, span: Span, *, overwrite: bool = True) -> None:
        """``span`` mentions the actor ``key`` (which exists): listed with its mentions and
        indexed by token (``overwrite=False`` keeps a token's earlier actor)."""
        self.actors[key].mentions.append(span)
        for token in span:
            if overwrite or token.i not in self.token_actor:
                self.token_actor[token.i] = (key, span)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token anew on each access, which made the
    per-candidate slices of the date, place and quote stages quadratic in article length."""
    text = doc.user_data.get("dotterel_text")
    if text is None:
        text = doc.user_data["dotterel_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once: the getter makes a new span per entity on every access. Only
    for the dotterel components, which run after the NER and never change the entities."""
    ents = doc.user_data.get("dotterel_ents")
    if ents is None:
        ents = doc.user_data["dotterel_ents"] = tuple(doc.ents)
    return ents


def _state(doc: Doc) -> DocState:
    state = doc.user_data.get("dotterel_state")
    if state is None:
        state = doc.user_data["dotterel_state"] = DocState()
    return state


if not Doc.has_extension("dotterel"):
    Doc.set_extension("dotterel", getter=_state)
