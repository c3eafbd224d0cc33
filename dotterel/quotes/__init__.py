"""Quotes and their speakers (component ``dotterel_quotes``).

Direct quotes are found from quote marks over the raw text (straight and curly, tolerant of
the news habit of opening a mark per paragraph of a long quote and closing once); indirect
speech from reporting verbs with a complement clause, before ("X said that ...") or after
("..., X said") it, and from "according to X". The speaker is the subject of the cue verb:
an appositive name wins over its title ("Kenya's president, William Otieno"), a surname the
parser missed is matched to a person already named, "the minister" to the person just named,
and a speaker who is no known actor ("officials", "a witness") is kept as an unnamed speaker
(actor id ``speaker:<words>``, not listed among the article's actors). A quote without a cue
of its own continues the previous quote's speaker, or takes the previous sentence's.

Modules: ``marks`` (quote marks in the raw text), ``cues`` (reporting verbs, the candidate),
``speakers`` (attribution), ``candidates`` (direct and indirect candidates), ``component``
(the factory and the pass over a Doc).
"""
from __future__ import annotations

from .component import QuoteFinder, make_quote_finder
from .cues import CUES, INDIRECT_CUES, SPEECH
from .marks import find_quote_spans

__all__ = ["QuoteFinder", "make_quote_finder", "CUES", "INDIRECT_CUES", "SPEECH", "find_quote_spans"]
