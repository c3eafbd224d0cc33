"""Actor recognition and in-article resolution (component ``dotterel_actors``).

Mentions come from the knowledge base (names, demonyms, capitals as metonyms) and from
spaCy's entities; titles give people the knowledge base does not know a country and code
("Nigerien President Mohamed Bazoum"); surnames, pronouns (he/she/it/they) and nominals
("the group") are then linked back to an actor already mentioned, so one actor carries all
of its mentions. When no single actor fits, a mention is left unresolved rather than guessed.

Modules, each pass importing only the ones below it: ``mentions`` (adding mentions, shared
word classes), ``groups`` (roles and state organs), ``known`` (knowledge-base and entity
names), ``titles`` (people by their titles), ``coref`` (he/she/it, descriptions),
``plural`` (they/them/their), ``component`` (the factory and the order of the passes).
"""
from __future__ import annotations

from .component import ActorResolver, make_actor_resolver
from .coref import CHARGING, OBJECT_CONTROL
from .groups import CIVIL_SECTORS, doc_span_text
from .mentions import actor_spans, token_actor
from .plural import _QuoteMap

__all__ = ["ActorResolver", "make_actor_resolver", "CHARGING", "OBJECT_CONTROL", "CIVIL_SECTORS",
           "doc_span_text", "actor_spans", "token_actor", "_QuoteMap"]
