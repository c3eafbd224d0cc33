"""Actor mentions on the DocState: the base every resolution pass builds on.

Each pass of ``ActorResolver`` (a mixin in its own module) adds, drops or merges mentions
through ``Mentions`` and finds antecedents with ``most_recent``; the word classes and
helpers more than one pass reads live here too, so the passes import only downward. The
members of the word classes are language data (``lang/en/actor_words.yaml``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..kb import KnowledgeBase
from ..lang import word_class
from ..nlp.state import ActorEntity, DocState

SUBJECT_DEPS = {"nsubj", "nsubjpass"}

CLIENT_SECTORS = {"REF", "CVL", "AGR", "LAB", "EDU", "HLH"}
"""Sectors of people an agency serves: a "refugee agency" is no refugee group."""


def coordinates(head: Token) -> list[Token]:
    """A head and every token coordinated with it, appositions included."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("conj", "appos"):
            out.extend(coordinates(child))
    return out


def most_recent(state: DocState, before: int, accept, window: Span | None = None,  # type: ignore[no-untyped-def]
                 heads_only: bool = True):
    """The actor whose latest mention before a character offset is closest to it."""
    best, best_at = None, -1
    floor = window.start_char if window is not None and len(window) else 0
    for actor in state.actors.values():
        if not accept(actor):
            continue
        for mention in actor.mentions:
            if floor <= mention.start_char < before and mention.start_char > best_at \
                    and (not heads_only or _heads(state, actor.key, mention)):
                best, best_at = actor, mention.start_char
    return best


def _heads(state: DocState, key: str, mention: Span) -> bool:
    """Is the mention its own phrase, not a modifier inside another actor's ("Iran" in "the
    Iran-backed group")? Only such mentions are antecedents."""
    hit = state.token_actor.get(mention.root.i)
    if hit is None or hit[0] == key:
        return True
    outer = hit[1]
    inside = outer.start <= mention.start and mention.end <= outer.end and len(outer) > len(mention)
    return not inside or outer.root.i == mention.root.i


NOT_INCUMBENT = word_class("not_incumbent")
INCUMBENT_DETERMINERS = word_class("incumbent_determiners")


def names_incumbent(office: Token) -> bool:
    """Does an office noun name its present holder? "the Israeli prime minister", "Israel's
    prime minister" do; "a North Korean leader", "no US president", "US president" said
    bare and "the former prime minister" name no one in particular."""
    dets = [c for c in office.children if c.dep_ in ("det", "predet")]
    if any(c.lower_ not in INCUMBENT_DETERMINERS for c in dets):
        return False
    if any(c.lower_ in NOT_INCUMBENT for c in office.children if c.dep_ in ("amod", "compound", "advmod")):
        return False
    return bool(dets) or any(c.dep_ == "poss" for c in office.children)


PARTITIVES = word_class("partitives")


def strip_article(text: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def actor_spans(state: DocState) -> Iterator[tuple[ActorEntity, Span]]:
    for actor in state.actors.values():
        for span in actor.mentions:
            yield actor, span


def token_actor(state: DocState, token: Token) -> tuple[ActorEntity, Span] | None:
    return state.actor_at(token)


class Mentions:
    """Adds, drops and merges the mentions of actors on a DocState."""

    kb: KnowledgeBase

    def _drop(self, state: DocState, key: str, span: Span) -> None:
        actor = state.actors[key]
        actor.mentions = [m for m in actor.mentions if (m.start, m.end) != (span.start, span.end)]
        for token in span:
            if state.token_actor.get(token.i, ("",))[0] == key:
                del state.token_actor[token.i]
        if not actor.mentions:
            del state.actors[key]

    def _merge(self, state: DocState, old: str, new: str) -> None:
        for span in state.actors.pop(old).mentions:
            self._add(state, new, span)

    def _add(self, state: DocState, key: str, span: Span, *, overwrite: bool = True,
             **attrs: object) -> None:
        if key not in state.actors:
            state.actors[key] = ActorEntity(key=key, **attrs)  # type: ignore[arg-type]
        state.add_mention(key, span, overwrite=overwrite)
