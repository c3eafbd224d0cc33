"""The spaCy component."""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, load_lexicon
from ..model import Event
from ..nlp.state import DocState
from .build import EventBuilder
from .confidence import Calibrator, load_calibrator
from .detector import LearnedTriggers
from .folding import (
    drop_subsumed,
    fold_blame,
    fold_claims,
    fold_consequences,
    fold_refused,
    fold_settings_and_means,
    lend_means,
)
from .roles import RoleFiller
from .rules import RuleBook, load_rules
from .triggers import TriggerFinder, authored_by_another, lowered_lemmas
from .words import ABSORBERS, COMMANDS, MEETINGS


@Language.factory("dotterel_events",
                  default_config={"lexicon": None, "extra_lexicon": None, "rules": None, "disabled_rules": [],
                                  "learned_triggers": "off", "learned_roles": "packaged"},
                  assigns=["doc._.dotterel"], requires=["token.dep", "token.lemma"])
def make_event_coder(nlp: Language, name: str, lexicon: str | None, extra_lexicon: str | None,
                     rules: str | None, disabled_rules: list[str], learned_triggers: str,
                     learned_roles: str) -> EventCoder:
    lex = load_lexicon(lexicon, extra_lexicon)
    # each "off", "packaged" or a model file's path
    detector = None if learned_triggers == "off" else LearnedTriggers.load(lex, learned_triggers)
    roles = None if learned_roles == "off" else RoleFiller.load(learned_roles)
    return EventCoder(lex, load_rules(rules, tuple(sorted(disabled_rules))), detector, roles,
                      load_calibrator())



class EventCoder:
    """Per sentence: match triggers, drop those absorbed by another trigger, build each
    trigger's events (arguments -> rules -> modality -> Event), fold incidents told twice."""

    def __init__(self, lexicon: Lexicon, rules: RuleBook, detector: LearnedTriggers | None = None,
                 roles: RoleFiller | None = None, calibrator: Calibrator | None = None) -> None:
        self.lexicon = lexicon
        self.calibrator = calibrator or load_calibrator()
        self.rules = rules
        self.detector = detector
        self.roles = roles
        self.triggers = TriggerFinder(lexicon, rules)
        self.builder = EventBuilder(lexicon, rules)

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        furniture = state.furniture_tokens
        # each token's lowercased lemma, read once: both trigger scans below test every token
        # of every sentence, and making a Token and its lemma string per test was their cost
        lemma_of = lowered_lemmas(doc)
        lemmas = self.lexicon.lemmas
        for sent in doc.sents:
            if furniture and all(t.i in furniture or t.is_space for t in sent):
                continue  # a caption, dateline or link line: no event from page furniture
            matched = {i: trig for i in range(sent.start, sent.end) if lemma_of[i] in lemmas
                       and i not in furniture and (trig := self.triggers.match(doc[i])) is not None}
            matched.update(self.triggers.clause_triggers(sent, matched, lemma_of))
            matched = {i: trig for i, trig in matched.items() if i not in furniture}
            matched = lend_means(doc, matched)
            state.event_tokens = {i: trig.type for i, trig in matched.items()}
            consumed = {c.i for i, trig in matched.items() if trig.object
                        for c in doc[i].children if c.lemma_.lower() in trig.object
                        and not authored_by_another(c, doc[i], state)
                        and not (c.dep_ == "xcomp" and doc[i].lemma_.lower() in ABSORBERS)
                        and not (trig.type == "REJECT" and c.lemma_.lower() in MEETINGS)
                        and not (trig.type == "THREATEN" and c.dep_ == "dobj" and c.i in matched)
                        # "police broke up the protest": the protest is the protesters' own act
                        and not (trig.type in ("COERCE", "ASSAULT") and state.event_tokens.get(c.i) == "PROTEST")}
            # "agreed to withdraw", "threatened to quit": the content under an agreement or
            # threat is coded as its own event, flagged (see content_of_event), not absorbed;
            # a refused act is folded into its refusal after building (fold_refused).
            # "Russia ordered its troops to withdraw": the order is the withdrawal, by Russia.
            consumed |= {i for i, trig in matched.items() if doc[i].lemma_.lower() in COMMANDS
                         and not trig.object and any(c.dep_ in ("xcomp", "dobj") and c.i in matched
                                                     for c in doc[i].children)}
            by_token: dict[int, list[Event]] = {}
            for i, trigger in sorted(matched.items()):
                if i in consumed:
                    continue  # "sought assistance": the noun is part of the verb's trigger
                events = self.builder.events(doc[i], trigger, sent, state)
                by_token[i] = [e for e in events if self.rules.emits(e, doc[i], state)]
            fold_consequences(doc, by_token)
            fold_blame(doc, by_token)
            fold_claims(doc, by_token)
            fold_refused(doc, by_token)
            fold_settings_and_means(doc, by_token)
            if self.detector is not None:
                by_token = self.detector.revise(sent, by_token, consumed, state, self.builder)
            if self.roles is not None:
                by_token = {i: self.roles.fill(doc[i], events, state) for i, events in by_token.items()}
            coded = [e for i in sorted(by_token) if i not in furniture for e in by_token[i]]
            for event in drop_subsumed(coded):  # numbered once kept, so ids stay e1, e2, ...
                state.events.append(replace(event, id=f"e{len(state.events) + 1}"))
        # once the whole doc is coded: the features read the quotes and actors of the article
        state.events = self.calibrator.apply(doc, state.events, state)
        return doc

