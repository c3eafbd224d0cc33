"""No actor from page furniture (``DocState.furniture_tokens``: captions, datelines, link
lines ...): names there are kept out of resolution, and whatever a later pass still linked
inside furniture is dropped at the end."""
from __future__ import annotations

from spacy.tokens import Span

from ..nlp.state import DocState


def outside_furniture(span: Span, inside: set[int]) -> Span | None:
    """The span, or the part of it before furniture glued to it (a name card after "Sen.
    Dianne Feinstein"); None when it starts inside furniture."""
    if not inside:
        return span
    cut = next((t for t in range(span.start, span.end) if t in inside), None)
    if cut is None:
        return span
    if cut == span.start:
        return None
    return Span(span.doc, span.start, cut, label=span.label)


def drop_furniture_mentions(state: DocState) -> None:
    """Remove the mentions inside furniture, and every actor left without a mention, from
    the actors, the token map and the plural groups."""
    inside = state.furniture_tokens
    if not inside:
        return
    for key, actor in list(state.actors.items()):
        actor.mentions = [part for m in actor.mentions if (part := outside_furniture(m, inside)) is not None]
        if not actor.mentions:
            del state.actors[key]
    for i, (key, span) in list(state.token_actor.items()):
        part = outside_furniture(span, inside)
        if i in inside or key not in state.actors or part is None or i >= part.end:
            del state.token_actor[i]
        elif part is not span:
            state.token_actor[i] = (key, part)
    for i, keys in list(state.token_group.items()):
        keys[:] = [k for k in keys if k in state.actors]
        if i in inside or not keys:
            del state.token_group[i]
