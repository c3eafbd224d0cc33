"""Negated, hypothetical, future, hedged and attributed: the clause around a trigger."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..lexicon import Trigger
from ..nlp.state import DocState
from .arguments import Argument
from .sources import find_sources
from .syntax import (
    governors_of,
    infinitive_relative,
    ruled_gerund,
    rules_out,
    speakers_clause,
)
from .words import (
    ABSORBERS,
    APPEAL_PREPS,
    ATTITUDES,
    CLAIMING,
    CONDITIONAL_MARKS,
    CONTENT_NOUNS,
    FUTURE_GOVERNORS,
    FUTURE_MODIFIERS,
    HEDGES,
    HEDGING_MODIFIERS,
    INTENT_CODES,
    IRREALIS,
    MEETINGS,
    MONEY,
    NEGATIVE_QUANTIFIERS,
    NEGATORS,
    OFFERS,
    POSSIBILITIES,
    POSSIBLE_MODIFIERS,
    REPORTING,
    SCHEMES,
    TEMPORAL_MARKS,
    TIME_MEASURES,
    TIME_SETTINGS,
    WITHHELD_SPEECH,
)


def content_of_event(token: Token, state: DocState) -> bool:
    """"Armenia agreed to withdraw", "threatened to pull his fighters out": the governing
    verb is coded (AGREE, THREATEN); what was agreed or threatened keeps its own type,
    flagged future or hypothetical, rather than being coded as a second intention."""
    governor = token.head
    return token.dep_ == "xcomp" and governor.lemma_.lower() in ABSORBERS and \
        governor.i in state.event_tokens


def ultimatum(token: Token) -> bool:
    """"will withdraw its force unless the president arranges a ceasefire", "will quit the
    deal if the restrictions are not eased": an announced act on a condition the other side
    must meet, which CAMEO and the PLOVER records code as a threat."""
    for clause in (c for c in token.children if c.dep_ == "advcl"):
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and any(n.dep_ == "neg" for n in clause.children)):
            return True
    return False


def as_intent(trigger: Trigger, mood: Modality, on_condition: bool = False) -> tuple[Trigger, str]:
    """CAMEO codes what a future-tense report states: an intention. "Finland will give aid"
    is AGREE (033, intent to provide aid), "Iran will strike" THREATEN (138); and "did not
    agree" is a REJECT. The future/negated flags stay on the event."""

    if mood.negated and trigger.type == "AGREE":
        return replace(trigger, type="REJECT", cameo="120", mode=None), "negated agreement -> REJECT"
    if not mood.intended or mood.negated or mood.hypothetical or trigger.type not in INTENT_CODES:
        return trigger, ""
    if on_condition and trigger.type not in THREATENING:
        return replace(trigger, type="THREATEN", cameo="130", mode=None), \
            f"ultimatum: {trigger.type} -> THREATEN 130"
    kind = "THREATEN" if trigger.type in THREATENING else "AGREE"
    code = INTENT_CODES[trigger.type]
    return replace(trigger, type=kind, cameo=code), f"stated intent: {trigger.type} -> {kind} {code}"


THREATENING = ("ASSAULT", "COERCE", "SANCTION", "PROTEST")
"""Acts whose announcement is a threat (CAMEO 13x); the others' announcement is an intent (03x)."""


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
    # the future is the actor's own stated will ("will give", "plans to strike"), which CAMEO
    # codes as an intent (as_intent); not so a schedule or a setting ("is to meet", "his
    # planned visit", "will fly to Ankara to meet"), which keeps its type
    intended: bool = False

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
    intended: bool = False


def modality(token: Token, sent: Span, state: DocState) -> Modality:
    """How the trigger's act is told: its own clause, the verbs whose auxiliaries reach it,
    its modifiers, then its governors up the tree, the question mark and the quote around it."""
    mood = _Reading()
    reasons: list[str] = []
    chain = [token, *governors_of(token)]
    if (speaker := speakers_clause(token)) is not None:
        chain = [token, *governors_of(speaker)]  # the participle is not inside the demand
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and token.head.lemma_.lower() in ATTITUDES:
        chain = [token]  # "to support its invasion", "will not condemn the strikes": the act is a fact
    clause = chain[: 2 if token.pos_ in ("NOUN", "PROPN") else 1]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in TIME_MEASURES:
        clause = [token, token.head.head, token.head.head.head]  # "is to hold two days of meetings"
    for node in clause:
        _read_clause(node, mood, reasons)
    for node, purpose in _auxiliary_governors(clause[-1] if clause[-1].pos_ in ("VERB", "AUX") else token):
        _read_auxiliaries(node, mood, reasons, f" (of '{node.text}')")
        if purpose and any(c.dep_ == "neg" for c in node.children):
            mood.negated = True  # "did not fly to Ankara to meet him"
            reasons.append(f"negation (of '{node.text}')")
    _read_modifiers(token, mood, reasons)
    scoped = _read_governors(chain, mood, reasons, state)
    if scoped and sent.text.rstrip().endswith("?"):
        mood.hypothetical = True  # an act the question is about; not one named in passing inside it
        reasons.append("question")

    for quote in state.quotes:
        if quote.start <= token.idx < quote.end and quote.speaker and mood.attributed_to is None:
            hit = state.actors.get(quote.speaker.actor)
            if hit is not None:
                mood.attributed_to = Argument(hit, token.doc.char_span(
                    quote.speaker.start, quote.speaker.end) or sent, "quote")
                reasons.append("inside quote")
    return Modality(negated=mood.negated, hypothetical=mood.hypothetical, future=mood.future,
                    hedged=mood.hedged, attributed_to=mood.attributed_to, reasons=tuple(dict.fromkeys(reasons)),
                    intended=mood.intended)


def _read_clause(node: Token, mood: _Reading, reasons: list[str]) -> None:
    """Negation and auxiliaries on the trigger's own clause (a noun's: its head too)."""
    for child in node.children:
        if child.dep_ == "neg" or _none_of(child):
            mood.negated = True
            reasons.append(f"negation '{child.text}'")
    if (subject := _none_subject(node)) is not None:
        mood.negated = True  # "no sitting president has met", "nobody met the envoy"
        reasons.append(f"none ('{subject.text}')")
    _read_auxiliaries(node, mood, reasons)
    if node.dep_ == "xcomp" and node.head.lemma_.lower() == "be" and _infinitive(node) and not any(
            c.dep_ in ("acomp", "attr") for c in node.head.children):  # not "would be proud to
        mood.future = True  # "Biden is to meet Xi", "he was to deliver a warning": scheduled
        reasons.append(f"'{node.head.text} to'")


def _read_auxiliaries(node: Token, mood: _Reading, reasons: list[str], of: str = "") -> None:
    for child in node.children:
        if child.dep_ != "aux":
            continue
        if child.lower_ in ("will", "shall", "'ll"):
            mood.future = True
            mood.intended = mood.intended or not of
            reasons.append(f"future '{child.text}'{of}")
        if child.lower_ == "would" and _reported_future(node):
            mood.future = True  # "said they would boycott": the future seen from the past
            mood.intended = mood.intended or not of
            reasons.append(f"reported 'would'{of}")
        elif child.lower_ in ("would", "could", "might", "must", "should"):
            mood.hypothetical = True
            reasons.append(f"modal '{child.text}'{of}")
        if child.lower_ in ("may", "might"):
            mood.hedged = True


def _none_of(word: Token) -> bool:
    """"no", "zero", "nobody", "nothing": a quantity of none."""
    return word.dep_ in ("det", "nummod") and word.lower_ in NEGATIVE_QUANTIFIERS


def _none_subject(verb: Token) -> Token | None:
    """The verb's subject when it is quantified as none; not when the verb has two subjects
    (a parse that hangs a headline, "No more tests", on the next sentence's verb)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) == 1 and (subjects[0].lower_ in NEGATIVE_QUANTIFIERS or any(
            _none_of(d) for d in subjects[0].children)):
        return subjects[0]
    return None


def _infinitive(node: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _auxiliary_governors(node: Token) -> list[tuple[Token, bool]]:
    """Verbs whose auxiliaries reach the clause: "will fly to Ankara to meet" (a purpose, also
    reached by their negation: marked True), "would grant access and keep up aid" (a conjunct
    with no subject of its own), "will rely on U.S. partnership" (a noun after a preposition)."""
    out: list[tuple[Token, bool]] = []
    while node.head.i != node.i:
        head = node.head
        if node.dep_ in ("xcomp", "advcl") and _infinitive(node) and head.pos_ in ("VERB", "AUX"):
            out.append((head, node.dep_ == "advcl"))
        elif node.dep_ == "conj" and node.tag_ == "VB" and head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux") for c in node.children):
            out.append((head, False))
        elif node.dep_ == "pobj" and node.pos_ in ("NOUN", "PROPN") and head.lower_ not in TIME_SETTINGS \
                and head.head.pos_ in ("VERB", "AUX") and not out:
            out.append((head.head, False))
            break  # "will rely on U.S. partnership", not "may have tried to obstruct justice in the probe"
        else:
            break
        node = head
    return out


def _read_modifiers(token: Token, mood: _Reading, reasons: list[str]) -> None:
    """"his planned meeting with Kim" is ahead; "a possible strike" only possible; "the
    alleged attack" told on someone's word."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return
    for child in token.children:
        if child.dep_ not in ("amod", "compound"):
            continue
        if child.lower_ in FUTURE_MODIFIERS:
            mood.future = True
            reasons.append(f"'{child.text}'")
        elif child.lower_ in POSSIBLE_MODIFIERS:
            mood.hypothetical = True
            reasons.append(f"'{child.text}'")
        elif child.lower_ in HEDGING_MODIFIERS:
            mood.hedged = True  # "the alleged attack": on someone's word
            reasons.append(f"hedge '{child.text}'")


def _read_governors(chain: list[Token], mood: _Reading, reasons: list[str], state: DocState) -> bool:
    """What the governors up the tree say of the act; returns whether the act is still in the
    modal scope of the top clause (modality reaches down complements, not into noun modifiers).
    An act told as done below a governor is out of its modal scope but still on its speaker's word."""
    scoped = modal = True
    for node, parent in zip(chain, chain[1:] + [None]):
        for child in node.children:
            if not modal:
                break
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                mood.hypothetical = True
                reasons.append(f"conditional '{child.text}'")
            if child.dep_ == "advmod" and child.lower_ in HEDGES:
                mood.hedged = True
                reasons.append(f"hedge '{child.text}'")
        if parent is None:
            break
        if modal and _told_as_a_time(node, parent):
            mood.future = True
            reasons.append(f"time clause of '{parent.text}'")
        scoped = scoped and _in_scope(node, parent)
        modal = modal and scoped and not _told_as_done(node, parent)
        if modal and node.dep_ != "conj":  # "called the bill ridiculous and blamed Democrats":
            _read_governor(node, parent, mood, reasons)  # not under "called"; its governors reach
        if scoped:
            _read_speaker(node, parent, mood, reasons, state)
    return modal


def _in_scope(node: Token, parent: Token) -> bool:
    """Whether the parent's modality and speaker reach the node."""
    lemma = parent.lemma_.lower()
    infinitive = infinitive_relative(node)
    # "Russia's claims that Ukraine was preparing ...": the noun's content clause
    content = node.dep_ == "acl" and lemma in CONTENT_NOUNS
    if node.dep_ in ("acl", "relcl", "nsubj", "nsubjpass", "appos", "csubj", "amod") and not (
            infinitive or content):
        return False  # "a deal mediated by Qatar": the deal's verb does not govern it,
        # but "his desire to see Israel retreat" does govern the retreat
    if node.dep_ == "prep" and node.lower_ in TIME_SETTINGS:
        return False  # "agreed at their first meeting": where it was agreed, not what
    if node.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and any(
            c.dep_ == "mark" and c.lower_ not in CONDITIONAL_MARKS for c in node.children):
        return False  # "failed to impose sanctions after Cyprus blocked the move": a fact
    return True


def _told_as_done(node: Token, parent: Token) -> bool:
    """An act below the parent that the sentence takes as done, whatever the parent's mood
    (its speaker still tells it: "denounced Israel's actions, including the arrest of ...")."""
    if node.dep_ == "prep" and parent.pos_ in ("NOUN", "PROPN") and not _modal_word(parent) and \
            parent.lemma_.lower() not in MONEY | TIME_MEASURES:  # but "pledged 2 billion euros in aid"
        return True  # "sought to limit documentation of his meetings": the meetings were held
    if node.dep_ in ("ccomp", "pcomp", "advcl") and any(
            c.tag_ == "WRB" and c.i < node.i for c in node.children):
        return True  # "failed to explain how the consulate was attacked": it was
    # "evidence suggesting Moscow supplied the rockets": told as done
    return node.dep_ == "ccomp" and _past_finite(node) and parent.lemma_.lower() not in CLAIMING


def _modal_word(word: Token) -> bool:
    """A noun that holds an act as wished, planned, possible or refused ("the threat of a strike")."""
    lemma = word.lemma_.lower()
    return lemma in IRREALIS or lemma in FUTURE_GOVERNORS or lemma in POSSIBILITIES or lemma in NEGATORS \
        or lemma in OFFERS or lemma in SCHEMES or lemma in CONTENT_NOUNS


def _past_finite(verb: Token) -> bool:
    """A clause in the past tense with no modal: "(suggesting) the country had launched missiles"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _told_as_a_time(node: Token, parent: Token) -> bool:
    """"will sign the accord when Abbas meets Netanyahu": a present-tense time clause of a
    future clause tells a future act."""
    return node.dep_ == "advcl" and node.tag_ in ("VBZ", "VBP") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL_MARKS for c in node.children) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in parent.children)


def _asks(verb: Token) -> bool:
    """An irrealis verb asking for the act; "call" only with "for" or "on" ("called for talks",
    not "called the probe a hoax", "called Reed to urge her" or "called off the strike")."""
    lemma = verb.lemma_.lower()
    if lemma != "call":
        return lemma in IRREALIS or lemma in POSSIBILITIES
    return any(c.dep_ == "prep" and c.lower_ in APPEAL_PREPS for c in verb.children)


def _read_governor(node: Token, parent: Token, mood: _Reading, reasons: list[str]) -> None:
    """One governor in scope: wished, planned, offered, refused, ruled out, reported."""
    lemma = parent.lemma_.lower()
    if infinitive_relative(node) and (lemma in NEGATIVE_QUANTIFIERS or any(_none_of(c) for c in parent.children)):
        mood.negated = True  # "had nothing to talk about", "has no plans to attack"
        reasons.append(f"none ('{parent.text}')")
    if parent.pos_ in ("VERB", "AUX") and _none_subject(parent) is not None:
        mood.negated = True  # "no official had made an effort to detain him"
        reasons.append(f"none (subject of '{parent.text}')")
    if _asks(parent):
        mood.hypothetical = True
        reasons.append(f"under '{parent.text}'")
    elif node.dep_ == "prep" and (wish := next((c for c in parent.children if c.dep_ == "dobj"
                                                and c.lemma_.lower() in IRREALIS), None)):
        mood.hypothetical = True  # "expressed hope in Pakistan's support": hoped for, not done
        reasons.append(f"under '{wish.text}'")
    if lemma in SCHEMES and (lemma == "plot" or parent.tag_ in ("VBD", "VBN") or any(
            c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in parent.children)):
        mood.hypothetical = True  # "militants who had planned attacks", "could be planning an
        reasons.append(f"plotted ('{parent.text}')")  # offensive": a scheme told, not a stated intent
    elif lemma in FUTURE_GOVERNORS:
        mood.future = mood.intended = True
        reasons.append(f"intended ('{parent.text}')")
    if lemma in OFFERS and node.dep_ in ("xcomp", "dobj"):
        mood.hypothetical = True  # "offered to mediate", "threatened to quit": only if ...
        reasons.append(f"offered or threatened ('{parent.text}')")
    if node.dep_ == "pcomp" and parent.lower_ == "without":
        mood.negated = True  # "without compromising on its sovereignty"
        reasons.append("under 'without'")
    called_off = lemma in ("call", "hold") and any(c.dep_ == "prt" and c.lower_ == "off" for c in parent.children)
    withheld = node.dep_ == "xcomp" and node.lemma_.lower() in WITHHELD_SPEECH  # "refused to comment on ..."
    if (lemma in NEGATORS or called_off) and node.dep_ in ("xcomp", "dobj", "ccomp", "pcomp", "prep") and not withheld:
        # "failed to stop the attack", "did not prevent the bombing": a negator of a negator
        # (or a negated negator) tells that it happened
        mood.negated = not mood.negated
        reasons.append(f"under '{parent.text}'")
    elif (node.dep_ in ("dobj", "xcomp") or ruled_gerund(node)) and _ruled_out(parent, node):
        # "ruled out sending missiles": not going to happen; "did not rule out strikes": left
        # open, not denied
        mood.negated = not any(c.dep_ == "neg" for c in parent.children)
        mood.hypothetical = mood.hypothetical or not mood.negated
        reasons.append(f"ruled out ('{parent.text}')")


def _read_speaker(node: Token, parent: Token, mood: _Reading, reasons: list[str], state: DocState) -> None:
    """The first reporting verb up the tree tells on whose word the act is."""
    lemma = parent.lemma_.lower()
    if lemma in REPORTING and mood.attributed_to is None and node.dep_ != "nsubj":
        speakers = find_sources(parent, state)
        if speakers:
            mood.attributed_to = speakers[0]
            reasons.append(f"said by '{speakers[0].span.text}' ('{parent.text}')")
            if lemma in CLAIMING:
                mood.hedged = True


def _ruled_out(verb: Token, obj: Token) -> bool:
    """"ruled out an embargo on Russian gas", "rejected talks with Kyiv": not going to happen."""
    lemma = verb.lemma_.lower()
    if lemma == "rule":
        return rules_out(verb)
    return lemma in ("reject", "boycott") and obj.lemma_.lower() in MEETINGS


def _reported_future(verb: Token) -> bool:
    """'would' in a clause reported by a past-tense verb, with no condition attached."""
    # "said it was put on alert and would respond": the second clause is reported too
    clause = verb.head if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" else verb
    if clause.dep_ != "ccomp" or clause.head.tag_ != "VBD" or clause.head.lemma_.lower() not in REPORTING:
        return False
    return not any(c.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in c.children)
                   for c in verb.children)
