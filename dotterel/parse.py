"""spaCy side: the per-doc annotation state and loading the pipeline with our components."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .errors import ConfigError, Errors

if TYPE_CHECKING:
    from .model import DateMention, Event, Place, Quote

COMPONENTS = ("dotterel_actors", "dotterel_quotes", "dotterel_events", "dotterel_timeplace")


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
    event_tokens: set[int] = field(default_factory=set)
    """Tokens that trigger an event in the sentence being coded."""

    def actor_at(self, token: Token) -> tuple[ActorEntity, Span] | None:
        hit = self.token_actor.get(token.i)
        return (self.actors[hit[0]], hit[1]) if hit else None


def _state(doc: Doc) -> DocState:
    state = doc.user_data.get("dotterel_state")
    if state is None:
        state = doc.user_data["dotterel_state"] = DocState()
    return state


if not Doc.has_extension("dotterel"):
    Doc.set_extension("dotterel", getter=_state)


def load_pipeline(settings: Settings | None = None) -> Language:
    """Load the spaCy model named in settings and add the dotterel components after it."""
    settings = settings or Settings()
    return _load(settings.model, tuple(str(p) for p in settings.actor_files))


@functools.lru_cache(maxsize=4)
def _load(model: str, actor_files: tuple[str, ...]) -> Language:
    from . import actors, events, quotes, timeplace  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model, exclude=["senter"])
    except (OSError, ImportError) as exc:
        raise ConfigError(Errors.E009, model=model, detail=exc) from exc
    nlp.add_pipe("dotterel_actors", config={"actor_files": list(actor_files)})
    for name in COMPONENTS[1:]:
        nlp.add_pipe(name)
    return nlp
