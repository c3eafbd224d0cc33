"""Negated, hypothetical, future, hedged and attributed: the clause around a trigger."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..lexicon import Trigger
from ..nlp.state import DocState
from .arguments import Argument
from .sources import find_sources
from .syntax import governors_of, infinitive_relative, speakers_clause
from .words import (
    ABSORBERS,
    ATTITUDES,
    CLAIMING,
    CONDITIONAL_MARKS,
    CONTENT_NOUNS,
    FUTURE_GOVERNORS,
    HEDGES,
    INTENT_CODES,
    IRREALIS,
    MEETINGS,
    NEGATORS,
    OFFERS,
    REPORTING,
    SCHEMES,
    TIME_SETTINGS,
)


def content_of_event(token: Token, state: DocState) -> bool:
    """"Armenia agreed to withdraw", "threatened to pull his fighters out": the governing
    verb is coded (AGREE, THREATEN); what was agreed or threatened keeps its own type,
    flagged future or hypothetical, rather than being coded as a second intention."""
    governor = token.head
    return token.dep_ == "xcomp" and governor.lemma_.lower() in ABSORBERS and \
        governor.i in state.event_tokens


def as_intent(trigger: Trigger, mood: Modality) -> tuple[Trigger, str]:
    """CAMEO codes what a future-tense report states: an intention. "Finland will give aid"
    is AGREE (033, intent to provide aid), "Iran will strike" THREATEN (138); and "did not
    agree" is a REJECT. The future/negated flags stay on the event."""

    if mood.negated and trigger.type == "AGREE":
        return replace(trigger, type="REJECT", cameo="120", mode=None), "negated agreement -> REJECT"
    if not mood.future or mood.negated or mood.hypothetical or trigger.type not in INTENT_CODES:
        return trigger, ""
    kind = "AGREE" if trigger.type in ("AID", "RETREAT", "CONCEDE", "CONSULT", "COOPERATE",
                                       "SUPPORT") else "THREATEN"
    code = INTENT_CODES[trigger.type]
    return replace(trigger, type=kind, cameo=code), f"stated intent: {trigger.type} -> {kind} {code}"


@dataclass(frozen=True)
class Modality:
    """How an event is told: not done, only possible, to come, hedged, and on whose word;
    with the reasons found (shown in the event's explanation)."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    hedged: bool = False
    attributed_to: Argument | None = None
    reasons: tuple[str, ...] = ()

    def with_reason(self, *reasons: str) -> Modality:
        """The same modality with reasons added (each once, in order)."""
        return replace(self, reasons=tuple(dict.fromkeys((*self.reasons, *(r for r in reasons if r)))))


@dataclass
class _Reading:
    """The mutable tally ``modality`` keeps while it walks the clause."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    hedged: bool = False
    attributed_to: Argument | None = None



def modality(token: Token, sent: Span, state: DocState) -> Modality:
    mood = _Reading()
    reasons: list[str] = []
    chain = [token, *governors_of(token)]
    if (speaker := speakers_clause(token)) is not None:
        chain = [token, *governors_of(speaker)]  # the participle is not inside the demand
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and token.head.lemma_.lower() in ATTITUDES:
        chain = [token]  # "to support its invasion", "will not condemn the strikes": the act is a fact
    clause = chain[: 2 if token.pos_ in ("NOUN", "PROPN") else 1]
    for node in clause:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                mood.negated = True
                reasons.append(f"negation '{child.text}'")
            if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll"):
                mood.future = True
                reasons.append(f"future '{child.text}'")
            if child.dep_ == "aux" and child.lower_ == "would" and _reported_future(node):
                mood.future = True  # "said they would boycott": the future seen from the past
                reasons.append("reported 'would'")
            elif child.dep_ == "aux" and child.lower_ in ("would", "could", "might", "must", "should"):
                mood.hypothetical = True
                reasons.append(f"modal '{child.text}'")
            if child.dep_ == "aux" and child.lower_ in ("may", "might"):
                mood.hedged = True
    scoped = True  # governors' modality reaches down complements, not into noun modifiers
    for node, parent in zip(chain, chain[1:] + [None]):
        for child in node.children:
            if not scoped:
                break
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                mood.hypothetical = True
                reasons.append(f"conditional '{child.text}'")
            if child.dep_ == "advmod" and child.lower_ in HEDGES:
                mood.hedged = True
                reasons.append(f"hedge '{child.text}'")
        if parent is None:
            break
        lemma = parent.lemma_.lower()
        infinitive = infinitive_relative(node)
        if infinitive and (parent.lemma_.lower() in ("nothing", "none") or any(
                c.dep_ == "det" and c.lower_ == "no" for c in parent.children)):
            mood.negated = True  # "had nothing to talk about", "has no plans to attack"
            reasons.append(f"none ('{parent.text}')")
        # "Russia's claims that Ukraine was preparing ...": the noun's content clause
        content = node.dep_ == "acl" and lemma in CONTENT_NOUNS
        if node.dep_ in ("acl", "relcl", "nsubj", "nsubjpass", "appos", "csubj", "amod") and not (
                infinitive or content):
            scoped = False  # "a deal mediated by Qatar": the deal's verb does not govern it,
            # but "his desire to see Israel retreat" does govern the retreat
        if node.dep_ == "prep" and node.lower_ in TIME_SETTINGS:
            scoped = False  # "agreed at their first meeting": where it was agreed, not what
        if node.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and any(
                c.dep_ == "mark" and c.lower_ not in CONDITIONAL_MARKS for c in node.children):
            scoped = False  # "failed to impose sanctions after Cyprus blocked the move": a fact
        if not scoped:
            pass
        elif lemma in IRREALIS and not (lemma == "call" and any(
                c.dep_ == "prt" and c.lower_ in ("up", "off", "in") for c in parent.children)):
            mood.hypothetical = True
            reasons.append(f"under '{parent.text}'")
        elif node.dep_ == "prep" and (wish := next((c for c in parent.children if c.dep_ == "dobj"
                                                    and c.lemma_.lower() in IRREALIS), None)):
            mood.hypothetical = True  # "expressed hope in Pakistan's support": hoped for, not done
            reasons.append(f"under '{wish.text}'")
        if scoped and lemma in SCHEMES and (lemma == "plot" or parent.tag_ in ("VBD", "VBN") or any(
                c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in parent.children)):
            mood.hypothetical = True  # "militants who had planned attacks", "could be planning an
            reasons.append(f"plotted ('{parent.text}')")  # offensive": a scheme told, not a stated intent
        elif scoped and lemma in FUTURE_GOVERNORS:
            mood.future = True
            reasons.append(f"intended ('{parent.text}')")
        if scoped and lemma in OFFERS and node.dep_ in ("xcomp", "dobj"):
            mood.hypothetical = True  # "offered to mediate", "threatened to quit": only if ...
            reasons.append(f"offered or threatened ('{parent.text}')")
        if scoped and node.dep_ == "pcomp" and parent.lower_ == "without":
            mood.negated = True  # "without compromising on its sovereignty"
            reasons.append("under 'without'")
        called_off = lemma in ("call", "hold") and any(c.dep_ == "prt" and c.lower_ == "off" for c in parent.children)
        if scoped and (lemma in NEGATORS or called_off) and node.dep_ in ("xcomp", "dobj", "ccomp", "pcomp", "prep"):
            mood.negated = True
            reasons.append(f"under '{parent.text}'")
        elif scoped and node.dep_ == "dobj" and _ruled_out(parent, node):
            # "did not rule out strikes": left open, not denied
            mood.negated = not any(c.dep_ == "neg" for c in parent.children)
            mood.hypothetical = mood.hypothetical or not mood.negated
            reasons.append(f"ruled out ('{parent.text}')")
        if lemma in REPORTING and mood.attributed_to is None and node.dep_ != "nsubj" and scoped:
            speakers = find_sources(parent, state)
            if speakers:
                mood.attributed_to = speakers[0]
                reasons.append(f"said by '{speakers[0].span.text}' ('{parent.text}')")
                if lemma in CLAIMING:
                    mood.hedged = True
    if sent.text.rstrip().endswith("?"):
        mood.hypothetical = True
        reasons.append("question")

    for quote in state.quotes:
        if quote.start <= token.idx < quote.end and quote.speaker and mood.attributed_to is None:
            hit = state.actors.get(quote.speaker.actor)
            if hit is not None:
                mood.attributed_to = Argument(hit, token.doc.char_span(
                    quote.speaker.start, quote.speaker.end) or sent, "quote")
                reasons.append("inside quote")
    return Modality(negated=mood.negated, hypothetical=mood.hypothetical, future=mood.future,
                    hedged=mood.hedged, attributed_to=mood.attributed_to, reasons=tuple(dict.fromkeys(reasons)))


def _ruled_out(verb: Token, obj: Token) -> bool:
    """"ruled out an embargo on Russian gas", "rejected talks with Kyiv": not going to happen."""
    lemma = verb.lemma_.lower()
    if lemma == "rule":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return lemma in ("reject", "boycott") and obj.lemma_.lower() in MEETINGS


def _reported_future(verb: Token) -> bool:
    """'would' in a clause reported by a past-tense verb, with no condition attached."""
    # "said it was put on alert and would respond": the second clause is reported too
    clause = verb.head if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" else verb
    if clause.dep_ != "ccomp" or clause.head.tag_ != "VBD" or clause.head.lemma_.lower() not in REPORTING:
        return False
    return not any(c.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in c.children)
                   for c in verb.children)
