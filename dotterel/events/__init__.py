"""Event coding over the dependency parse (component ``dotterel_events``).

A token whose lemma is in the trigger lexicon starts an event; its source and target come
from the parse (subject, passive agent, object, prepositional phrases, possessors), and
its modality from the clause around it. Hypotheticals and negations are kept, flagged.

Layers, each importing only those before it: words -> syntax -> arguments -> sources ->
targets -> modality -> triggers -> folding -> build -> component.
"""
from .arguments import Argument, actor_ref
from .component import EventCoder, make_event_coder
from .sources import actors_at, find_sources
from .targets import find_targets

__all__ = ["Argument", "EventCoder", "actor_ref", "actors_at", "find_sources", "find_targets",
           "make_event_coder"]
