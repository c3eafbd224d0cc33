"""Events from the learned trigger detector, for the words the lexicon and rules left uncoded.

A word the model gives an event type with probability at or over the model's threshold
becomes a trigger of that type (the CAMEO root the lexicon uses most for the type), and its
arguments, checks and modality come from the same builder as a lexicon trigger's. Its events
are kept when no actor is found on either side (the type is the model's finding; GDELT and
ACLED also keep events with an empty role): on dev that is what raised type recall.
Off by default (``Settings.learned_triggers``); see docs/evaluation.md for why."""
from __future__ import annotations

import collections
from dataclasses import dataclass, replace

from spacy.tokens import Span

from ..lexicon import Lexicon, Trigger
from ..model import Event
from ..nlp.state import DocState
from .build import EventBuilder
from .learned import LinearModel, candidate, load_model, token_features


@dataclass
class LearnedTriggers:
    model: LinearModel
    lexicon: Lexicon
    cameo: dict[str, str]
    """PLOVER type -> the CAMEO root the lexicon uses most for it."""

    @classmethod
    def load(cls, lexicon: Lexicon, path: str | None = None) -> LearnedTriggers:
        model = load_model(path)
        roots: dict[str, collections.Counter[str]] = {}
        for (_, _), triggers in lexicon.by_word.items():
            for t in triggers:
                roots.setdefault(t.type, collections.Counter())[t.cameo[:2]] += 1
        return cls(model, lexicon, {k: c.most_common(1)[0][0] for k, c in roots.items()})

    def events(self, sent: Span, by_token: dict[int, list[Event]], consumed: set[int], state: DocState,
               builder: EventBuilder) -> dict[int, list[Event]]:
        coded = {i: {e.type for e in events} for i, events in by_token.items() if events}
        found: dict[int, list[Event]] = {}
        for token in sent:
            if token.i in coded or token.i in consumed or not candidate(token):
                continue
            kind, p = self.model.best_event(token_features(token, state, self.lexicon, coded))
            if p < self.model.threshold or kind not in self.cameo:
                continue
            pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN"
            trigger = Trigger(lemma=token.lemma_.lower(), pos=pos, cameo=self.cameo[kind], type=kind)
            # said where it came from (the calibrator reads p there: events.confidence)
            events = [replace(e, explanation=e.explanation.replace("lexicon ", f"learned model (p={p:.2f}) ", 1))
                      for e in builder.events(token, trigger, sent, state)]
            if events:
                found[token.i] = events
        return found
