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

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, Trigger
from ..model import Event
from ..nlp.state import DocState
from .build import EventBuilder
from .learned import NO_VETO, LinearModel, candidate, load_model, token_features


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

    def revise(self, sent: Span, by_token: dict[int, list[Event]], consumed: set[int], state: DocState,
               builder: EventBuilder) -> dict[int, list[Event]]:
        """The sentence's events after the model has read every candidate word once: a rule's
        events are dropped where the model gives "no event" at least the model's veto
        probability, and a word the rules left uncoded becomes a trigger where the model's
        likeliest type reaches its threshold."""
        coded = {i: {e.type for e in events} for i, events in by_token.items() if events}
        # a rule's words are read only when the model may veto them (the packaged one never does)
        vetoes = self.model.veto < NO_VETO
        tokens = [t for t in sent if t.i not in consumed and candidate(t) and (vetoes or t.i not in coded)]
        scored = self.model.best_events([token_features(t, state, self.lexicon, coded) for t in tokens])
        revised = dict(by_token)
        for token, (kind, p, p_none) in zip(tokens, scored):
            if token.i in coded:
                if p_none >= self.model.veto:
                    revised[token.i] = []
                continue
            if p >= self.model.threshold and kind in self.cameo:
                revised[token.i] = self._events(token, kind, p, sent, state, builder)
        return revised

    def _events(self, token: Token, kind: str, p: float, sent: Span, state: DocState,
                builder: EventBuilder) -> list[Event]:
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN"
        trigger = Trigger(lemma=token.lemma_.lower(), pos=pos, cameo=self.cameo[kind], type=kind)
        # said where it came from (the calibrator reads the model's p from the explanation)
        return [replace(e, explanation=e.explanation.replace("lexicon ", f"learned model (p={p:.2f}) ", 1))
                for e in builder.events(token, trigger, sent, state)]
