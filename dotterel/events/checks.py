"""Named checks: the conditions of event rules that no dependency pattern can say.

A rule in ``data/event_rules.yaml`` names one with ``check:``; the check gets the rule's
context and answers whether the rule fires. Each is registered under the name the YAML uses,
and each rule that uses one has its own examples. Prefer a pattern: a check is for what needs
the actors found (their kind, sector, country), the lexicon, or a walk no pattern expresses.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import Lexicon, Trigger
from ..nlp.state import DocState
from .arguments import Argument, forceful, is_armed
from .syntax import own_gathering, quoted
from .words import (
    BODILY_HARM,
    CIVIL_SECTORS,
    IRREGULAR_KINDS,
    IRREGULAR_SECTORS,
    POLITICAL_KINDS,
    QUESTIONS,
    REGULAR_FORCES,
    STATELIKE,
)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides the token: the entry, the arguments found so far."""

    state: DocState
    lexicon: Lexicon | None = None
    token: Token | None = None
    trigger: Trigger | None = None
    sources: tuple[Argument, ...] = ()
    targets: tuple[Argument, ...] = ()


CHECKS: dict[str, Callable[[RuleContext], bool]] = {}


def check(name: str) -> Callable[[Callable[[RuleContext], bool]], Callable[[RuleContext], bool]]:
    def register(func: Callable[[RuleContext], bool]) -> Callable[[RuleContext], bool]:
        CHECKS[name] = func
        return func
    return register


# ------------------------------------------------------------------ before arguments

@check("organisation_convening")
def organisation_convening(ctx: RuleContext) -> bool:
    """"the alliance's summit in Vilnius": a body convening, no one consulting."""
    assert ctx.token is not None
    return own_gathering(ctx.token)


@check("speaks_about_topic")
def speaks_about_topic(ctx: RuleContext) -> bool:
    """"Iran talks about Syria the way the U.S. talks about Israel": one speaker on a topic
    consults no one; "Putin and Xi talked about trade" and "talked with Kim" still do."""
    token = ctx.token
    assert token is not None
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
    together = subj is not None and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("we", "they") or any(
        c.dep_ == "conj" for c in subj.children))
    return bool(preps & {"about", "of"}) and not preps & {"with", "to"} and not together


@check("reporters_question")
def reporters_question(ctx: RuleContext) -> bool:
    """"Asked whether ...", "who asked not to be named": a reporter's question or a source's
    wish for anonymity, no request between actors; "was asked to mediate" still is one."""
    token = ctx.token
    assert token is not None
    if any(c.dep_ == "xcomp" and any(g.dep_ == "neg" for g in c.children) and any(
            g.lemma_.lower() in ("name", "identify", "quote") for g in c.subtree) for c in token.children):
        return True  # "who asked not to be named"
    participle = token.tag_ == "VBN" or (token.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children))  # "Asked whether ..., X said"
    unsaid_asker = participle and not any(c.dep_ == "agent" for c in token.children)
    if unsaid_asker and not any(c.dep_ == "xcomp" or c.dep_ == "dobj" and c.lemma_.lower() not in QUESTIONS
                                for c in token.children):
        return True
    return _only_a_question(token)


def _only_a_question(ask: Token) -> bool:
    """"asked Trump about his comment", "asked him whether he slowed down testing", "asked, 'Is
    this happening?'": a question, no request; one is asked to do, for something, or that
    something be done."""
    for child in ask.children:
        if child.dep_ == "xcomp" or (child.dep_ in ("prep", "prt") and child.lower_ == "for"):
            return False
        if child.dep_ == "ccomp" and not any(g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in child.children) \
                and not any(g.tag_ in ("WDT", "WP", "WRB") for g in child.subtree if g.i < child.i) \
                and not quoted(child):
            return False  # "asked that the court dismiss the case"
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.lemma_.lower() not in QUESTIONS \
                and child.i not in child.doc._.dotterel.token_actor:
            return False  # "asked permission", "asked help"
    return True


@check("event_as_object")
def event_as_object(ctx: RuleContext) -> bool:
    """Is the verb's direct object itself an event noun ("canceled a planned attack")?"""
    token, lexicon = ctx.token, ctx.lexicon
    assert token is not None and lexicon is not None
    return any(c.dep_ == "dobj" and lexicon.candidates(c.lemma_.lower(), "NOUN") for c in token.children)


# ------------------------------------------------------------------ on arguments

@check("not_between_states")
def not_between_states(ctx: RuleContext) -> bool:
    """"help migrants find jobs", "helped her stand out": help is cooperation between states."""
    return not (any(s.actor.kind in STATELIKE for s in ctx.sources) and ctx.targets
                and all(t.actor.kind in STATELIKE for t in ctx.targets))


@check("only_businesses")
def only_businesses(ctx: RuleContext) -> bool:
    """"Price Co agreed to buy Seedman Inc": every side found is a company (sector BUS)."""
    sides = (*ctx.sources, *ctx.targets)
    return bool(sides) and all(a.actor.sector == "BUS" for a in sides)


@check("no_forceful_source")
def no_forceful_source(ctx: RuleContext) -> bool:
    """"the recession hit Germany", "Trump's tariffs hit China": only force strikes."""
    return not any(forceful(s.actor) for s in ctx.sources)


@check("no_armed_side")
def no_armed_side(ctx: RuleContext) -> bool:
    """"fighting allegations", "fighting for middle-class families": no armed side, police,
    state (or, for a clash, protesters) on either side."""
    assert ctx.trigger is not None
    clash = ctx.trigger.lemma == "clash"
    return not any(forceful(a.actor) or a.actor.sector == "COP" or (clash and a.actor.sector in CIVIL_SECTORS)
                   for a in (*ctx.sources, *ctx.targets))


@check("politicians_attack_in_words")
def politicians_attack_in_words(ctx: RuleContext) -> bool:
    """"Trump attacked Biden over his immigration policy", "Republicans attacked Pelosi": a
    politician or party attacking one with words (CAMEO 111), not armed force; "Putin attacked
    Ukraine" and attacks on armed groups stay attacks."""
    assert ctx.token is not None
    if any(t.lemma_.lower() in BODILY_HARM for t in ctx.token.sent):
        return False  # "attacked Salman Rushdie with a knife": a person can attack bodily
    speakers = all(s.actor.kind in POLITICAL_KINDS and not is_armed(s.actor) for s in ctx.sources)
    return speakers and all(not is_armed(t.actor) and (t.actor.kind in POLITICAL_KINDS or (
        t.actor.kind == "organisation" and not t.actor.sector)) for t in ctx.targets) and (
        bool(ctx.targets) or any(s.actor.kind == "party" for s in ctx.sources))


@check("irregular_violence")
def irregular_violence(ctx: RuleContext) -> bool:
    """CAMEO 18x is violence outside war: "a gunman killed nine people", "terrorists attacked
    the consulate", "the killing of Jamal Khashoggi"; 19x is force between armies, states and
    their police ("Israel killed 1,000 civilians", "rebels clashed with the army", "a gun
    battle with police"). Irregular when people or armed groups, not a state, harm someone who
    is no state, army or officer; with no one harmed named, only a gunman or a bomber tells;
    with no author named, the killing of a named person. A place guessed from the setting is
    no target."""
    targets = [t for t in ctx.targets if not t.path.startswith(("~located", "~in:"))]
    if any(forceful(t.actor) or (t.actor.sector in REGULAR_FORCES and t.actor.kind != "organisation")
           for t in targets):
        return False
    if ctx.sources:
        if not all(s.actor.kind in IRREGULAR_KINDS and s.actor.sector not in REGULAR_FORCES for s in ctx.sources):
            return False
        return bool(targets) or all(s.actor.sector in IRREGULAR_SECTORS or (
            not is_armed(s.actor) and s.actor.kind != "armed_group") for s in ctx.sources)
    return bool(targets) and all(t.actor.kind == "person" for t in targets)


@check("no_armed_source_with_target")
def no_armed_source_with_target(ctx: RuleContext) -> bool:
    """"Taliban fighters entered Kabul", not "the president entered the room" nor "gunmen
    entered the bakery" (that is told by what they did there)."""
    return not (any(is_armed(s.actor) for s in ctx.sources) and ctx.targets)


@check("sources_of_two_countries")
def sources_of_two_countries(ctx: RuleContext) -> bool:
    """"French and Egyptian warships launched war games": done together."""
    return len({s.actor.country for s in ctx.sources if s.actor.country}) >= 2


__all__ = ["CHECKS", "RuleContext", "check"]
