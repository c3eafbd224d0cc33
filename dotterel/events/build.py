"""From a trigger and its arguments to Event records."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, Trigger
from ..model import PLOVER_TYPES, Event, TextSpan
from ..nlp.locative import PLACE_NOUNS
from ..nlp.state import DocState
from .arguments import Argument, actor_ref, location_country
from .checks import RuleContext
from .modality import Modality, as_intent, content_of_event, modality, ultimatum
from .rules import RuleBook
from .sources import actors_at, find_sources, subject_actors, targets_in
from .syntax import meeting_setting, relation_mended
from .targets import find_targets
from .triggers import predicative_blame
from .words import (
    ARMED_SECTORS,
    ASKING,
    CIVIL_SECTORS,
    GO_BETWEENS,
    JUSTICE_SECTORS,
    MILITARY_GOODS,
    MISSILES,
    MONEY,
    MOVED_OUT,
    MUTUAL,
    PLEDGING,
    RELEASED,
    REQUESTED_GOODS,
    SYMMETRIC,
    WATERS,
)

MAX_PAIRS = 4
"""More source-target pairs than this for one trigger are a list the parse spread over one act
("calendar invites between Miller, his staff and officials at five departments": 20 events),
not that many acts: of the 73 events of the training parts' triggers with five or more pairs,
one was right. Four keeps "Egypt and Qatar urged Israel and Hamas" (four events)."""


def requested_aid(verb: Token) -> Token | None:
    """"asked China for military equipment", "requested aid from Washington": the goods asked for."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ASKING:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"]
    return next((o for o in objects if o.lemma_.lower() in REQUESTED_GOODS or military_goods(o)), None)


def pledged_goods(verb: Token) -> Token | None:
    """"promised more than 300 tanks", "pledged $930 million": the goods or money pledged."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in PLEDGING:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and (
        c.lemma_.lower() in REQUESTED_GOODS | MONEY or military_goods(c))), None)


def military_goods(noun: Token) -> bool:
    return noun.lemma_.lower() in MILITARY_GOODS or any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in ("military", "defence", "defense", "security")
        for c in noun.children)


def untargeted_launch(token: Token, trigger: Trigger, targets: list[Argument]) -> bool:
    """A missile fired at no one ("test-fired an ICBM", "fired a missile over Japan")."""
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in ("fire", "launch", "test-fire"):
        return False
    # "a ballistic missile", "missile tests", "a barrage of missiles"
    fired = [c for c in token.children if c.dep_ == "dobj" and (c.lemma_.lower() in MISSILES or any(
        m.lemma_.lower() in MISSILES for m in c.children if m.dep_ == "compound") or any(
        o.lemma_.lower() in MISSILES for p in c.children if p.lower_ == "of" for o in p.children))]
    if not fired:
        return False
    doc = token.doc
    tested = token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "test"
    holders = [token, *fired]
    flown_over = any(p.dep_ == "prep" and p.lower_ == "over" for h in holders for p in h.children)
    over = flown_over and all(t.path.startswith("~prep:over") for t in targets)
    # "fired two missiles into the sea": aimed at water, at no one
    at_sea = any(p.dep_ == "prep" and p.lower_ in ("into", "in", "off") and any(
        o.lemma_.lower() in WATERS for o in p.subtree if o.dep_ == "pobj") for h in holders for p in h.children)
    # in a war, "fired 84 cruise missiles" with no target named is still an attack
    return over or ((tested or at_sea) and all(t.path.startswith(("~located", "~in:", "~dobj", "~into", "~prep:into"))
                                               or t.actor.kind == "country" and at_sea for t in targets))


def _one_way(sides: list[Argument]) -> list[tuple[Argument | None, Argument | None]]:
    """Each pair of different actors once, the one named first as source (in the order
    given where one word names both: "their first meeting")."""
    ordered = sorted(sides, key=lambda a: a.span.start)
    return [(a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:] if a.actor is not b.actor]


def copula_subject(token: Token, state: DocState) -> list[Argument]:
    """Who "is (likely) to be responsible": the subject up the chain of predicates."""
    node = token
    while True:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject_actors(subject, state)
        if node.dep_ not in ("acomp", "xcomp", "attr") or node.head.i == node.i:
            return []
        node = node.head


def undergoing_owner(trigger: Trigger, sources: list[Argument],
                      targets: list[Argument]) -> tuple[list[Argument], list[Argument]]:
    """"Navalny's arrest", "Bergdahl's execution", "Trump's impeachment": a person's possessive
    on a noun whose lexicon entry takes it as the target is who undergoes it; "Israel's arrest
    of thousands" names both sides and keeps Israel as the one acting."""
    if trigger.pos != "NOUN" or "poss" not in trigger.target or not (
            trigger.type in ("COERCE", "ASSAULT", "ACCUSE") or trigger.mode == "release"):
        return sources, targets  # "his resignation": the one who resigns
    owners = [s for s in sources if s.path == "poss" and s.actor.kind in ("person", "group")]
    if not owners or any(all(t.actor is not o.actor for o in owners) for t in targets):
        return sources, targets
    return [s for s in sources if s not in owners], owners




def by_source(trigger: Trigger, source: Argument | None) -> tuple[Trigger, str]:
    """Who acts decides what a few words mean (CAMEO 145 vs 190): gunmen who "storm" a
    town attack it, protesters who "storm" parliament riot; protesters who "clash" with
    police are rioting, armies that clash are fighting."""
    if source is None:
        return trigger, ""
    actor = source.actor
    armed = actor.kind == "armed_group" or actor.sector in ARMED_SECTORS
    if armed and trigger.type == "PROTEST" and trigger.cameo in ("145", "144"):
        code, kind = ("190", "ASSAULT") if trigger.cameo == "145" else ("191", "COERCE")
        return replace(trigger, type=kind, cameo=code, mode=None), f"armed source: {trigger.cameo} -> {code}"
    if actor.sector in CIVIL_SECTORS and trigger.type == "ASSAULT" and trigger.lemma == "clash":
        return replace(trigger, type="PROTEST", cameo="145", mode="riot"), "civilian source: clash -> 145"
    return trigger, ""


def authorities_handed_to(verb: Token, state: DocState) -> list[Argument]:
    """The state or justice organ a person is handed over to, when it is one ("to French
    authorities", "to the United States"); hostages handed to the Red Cross are released."""
    handed = _handed(verb)
    if any(c.lemma_.lower() in RELEASED for c in handed) or handed and all(
            c.lemma_.lower() in PLACE_NOUNS or (hit := state.actor_at(c)) is not None and hit[0].kind == "country"
            for c in handed):
        return []  # hostages are released; "handed four villages back": land returned, no one extradited
    recipients = targets_in(verb, ("to",), state)
    if recipients and all(a.actor.kind == "country" or a.actor.sector in JUSTICE_SECTORS and a.actor.country
                          for a in recipients):
        return recipients
    return []


def handed_captives(verb: Token, state: DocState) -> list[Argument]:
    """The captives a handover frees ("handed over 17 hostages to the Red Cross"): the
    handed, when they are hostages, prisoners or detainees, not the one they go to."""
    return [a for c in _handed(verb) if c.lemma_.lower() in RELEASED for a in actors_at(c, state, c.dep_)]


def _handed(verb: Token) -> list[Token]:
    """What a handover hands: its object, or its passive subject."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


class EventBuilder:
    """Events of one trigger: its arguments, the checks on them, modality, then records."""

    def __init__(self, lexicon: Lexicon, rules: RuleBook) -> None:
        self.lexicon = lexicon
        self.rules = rules

    def events(self, token: Token, trigger: Trigger, sent: Span, state: DocState) -> list[Event]:
        sources = find_sources(token, state)
        if trigger.mode == "arrest" and all(s.path == "nearest" for s in sources) and any(
                c.dep_ == "nsubjpass" for c in token.children):
            # "Meng Wanzhou has been arrested in Canada": arrests are made by the state where
            # they happen
            sources = [Argument(a.actor, a.span, "~jurisdiction:" + a.path)
                       for a in location_country(token, state)] or sources
        targets = find_targets(token, trigger, state)
        if trigger.type == "RETREAT" and trigger.lemma in MOVED_OUT and all(s.path == "nearest" for s in sources) \
                and any(t.path == "nsubjpass" for t in targets):
            # "the last rebel fighters were evacuated": those moved out are the ones retreating
            sources, targets = [t for t in targets if t.path == "nsubjpass"], []
        mood = modality(token, sent, state)
        if any("claimed:" in a.path for a in sources):
            # "strikes ... were claimed by the Houthis", "blamed on": their word
            mood = replace(mood, hedged=True).with_reason("author by claim or blame")
        if trigger.type == "ACCUSE" and predicative_blame(token):
            # "officials said Russian warplanes were to blame": the subject is the accused,
            # the speaker accuses
            targets = copula_subject(token, state)
            sources = [mood.attributed_to] if mood.attributed_to is not None else []
            if not targets:
                return []
        sources, targets = undergoing_owner(trigger, sources, targets)
        # One actor on both sides: trust the parsed subject over a derived target, but not
        # a guessed (nearest) subject over a parsed object.
        if any(s.path == "nearest" for s in sources):
            sources = [s for s in sources if not any(s.actor is t.actor for t in targets)]
        else:
            targets = [t for t in targets if not any(s.actor is t.actor for s in sources)]
        # "Erdogan threatened to open Turkey's borders": one's own country is not the target;
        # "pressure by the Kenya Anti-Corruption Commission" names a body of it, which may be;
        # an armed group's own state may be, in conflict ("al-Shabaab attacked a Somali army post")
        insurgency = PLOVER_TYPES[trigger.type] >= 3
        targets = [t for t in targets if not (t.actor.kind == "country" and t.path.count(">") >= 1 and any(
            s.actor.country == t.actor.key and not (insurgency and s.actor.kind == "armed_group") for s in sources)
            and not _names_a_body(t))]
        # vetoes and retypes that read the arguments: data/event_rules.yaml, stage "event"
        ctx = RuleContext(state=state, lexicon=self.lexicon, token=token, trigger=trigger,
                          sources=tuple(sources), targets=tuple(targets))
        ruled = self.rules.on_arguments(token, trigger, ctx)
        if ruled is None:
            return []
        trigger = ruled
        if trigger.lemma == "hand" and trigger.type == "RETREAT":
            if recipients := authorities_handed_to(token, state):
                # "Abdeslam was handed over to French authorities by Belgium": judicial cooperation
                trigger, targets = replace(trigger, type="COOPERATE", cameo="063", mode=None), recipients
            elif freed := handed_captives(token, state):
                targets = freed  # "Hamas handed over 17 hostages to the Red Cross": the hostages are freed
        if untargeted_launch(token, trigger, targets):
            # "North Korea fired a ballistic missile over northern Japan": a show of force
            trigger = replace(trigger, type="MOBILIZE", cameo="150", mode="weapons")
            targets = [t for t in targets if t.path.startswith("~prep:over")] or \
                location_country(token, state, ("over", "into", "near", "off"))
        pairs: list[tuple[Argument | None, Argument | None]] = [
            (s, t) for s in sources or [None] for t in targets or [None]]
        # "agreed ... in Syria", "agreed on a ceasefire in Syria's Idlib": no partner named directly
        # "Biden and Xi discussed Taiwan": an object the lexicon does not name as a partner is a topic
        guessed = all(t.path.startswith(("~located", "~in:", "prep:on>", "~prep:on>", "prep:over>", "~dobj"))
                      or t.actor.key.startswith("group:") for t in targets)  # "agreed to share intelligence"
        mutual = trigger.type == "ASSAULT" and token.lemma_.lower() in MUTUAL
        if guessed and len(sources) >= 2 and trigger.lemma not in GO_BETWEENS and (trigger.type in SYMMETRIC
                                                                                  or relation_mended(token)
                                              or trigger.cameo.startswith("057") or mutual):
            # "Washington and Moscow agreed", "U.S. and Russian officials met": one act of the two,
            # told once with the first named as source (the readers' and the PLOVER records'
            # convention; both directions would count one meeting twice)
            pairs = _one_way(sources)
            if trigger.type == "CONSULT" and meeting_setting(token) is not None:
                pairs = pairs[:1]
        elif not sources and len(targets) >= 2 and all("between" in t.path for t in targets):
            # "a ceasefire between Israel and Hezbollah": one act of the two, as above
            pairs = _one_way(targets)
        if len(pairs) > MAX_PAIRS:
            return []
        events = []
        for source, target in pairs:
            if source and target and source.actor is target.actor:
                continue
            event, mood = self._event(token, trigger, sent, source, target, mood, state)
            events.append(event)
        if trigger.type == "REQUEST" and (goods := requested_aid(token)) is not None:
            # "asked China for military equipment": the aid asked for, from the one asked to the
            # asker, coded beside the request and flagged hypothetical
            wish = Modality(hypothetical=True, negated=mood.negated, hedged=mood.hedged,
                            attributed_to=mood.attributed_to, reasons=(f"asked for ('{token.text}')",))
            events += self._aid_beside(goods, sent, state, [(t, s) for s, t in pairs], wish)
        if trigger.type == "AGREE" and (goods := pledged_goods(token)) is not None:
            # "promised 300 tanks to Ukraine", "pledged $930 million": the aid itself, coded
            # beside the pledge, future (or hypothetical when only offered)
            offered = token.lemma_.lower() == "offer"
            promised = Modality(future=not offered, hypothetical=offered or mood.hypothetical, negated=mood.negated,
                                hedged=mood.hedged, attributed_to=mood.attributed_to,
                                reasons=(f"pledged ('{token.text}')",))
            beneficiaries = [a for p in token.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                             for o in p.children if o.dep_ == "pobj" for a in targets_in(o, ("for",), state)]
            events += self._aid_beside(goods, sent, state,
                                       [(s, b) for s in sources for b in beneficiaries] or pairs, promised)
        return events

    def _aid_beside(self, goods: Token, sent: Span, state: DocState,
                    pairs: list[tuple[Argument | None, Argument | None]], mood: Modality) -> list[Event]:
        """The aid in a request or pledge, as its own AID event (072 when military) between
        each pair of distinct actors; its modality is the one given, not read as an intent."""
        aid = Trigger(lemma=goods.lemma_.lower(), pos="NOUN", type="AID",
                      cameo="072" if military_goods(goods) else "070")
        events = []
        for source, target in pairs:
            if source and target and source.actor is not target.actor:
                event, mood = self._event(goods, aid, sent, source, target, mood, state, content=True)
                events.append(event)
        return events

    def _event(self, token: Token, trigger: Trigger, sent: Span, source: Argument | None,
               target: Argument | None, mood: Modality, state: DocState,
               content: bool = False) -> tuple[Event, Modality]:
        """The event of one (source, target) pair, and the modality with this pair's reasons
        added: the pairs of one trigger are explained with the reasons of those before them."""
        trigger, note = by_source(trigger, source)
        trigger, intent = as_intent(trigger, mood, ultimatum(token)) \
            if not (content or content_of_event(token, state)) else (trigger, "")
        mood = mood.with_reason(note, intent)
        paths = [f"source via {source.path}" if source else "no source",
                 f"target via {target.path}" if target else "no target"]
        if mood.reasons:
            paths.append("modality: " + ", ".join(mood.reasons))
        return Event(
            id=f"e{len(state.events) + 1}", type=trigger.type, mode=trigger.mode,
            context=trigger.context, cameo=self.lexicon.cameo_code(trigger.cameo, trigger.type),
            source=actor_ref(source), target=actor_ref(target),
            trigger=TextSpan(start=token.idx, end=token.idx + len(token), text=token.text),
            sentence=(sent.start_char, sent.end_char),
            negated=mood.negated, hypothetical=mood.hypothetical, future=mood.future,
            hedged=mood.hedged, attributed_to=actor_ref(mood.attributed_to),
            explanation=f"lexicon {trigger.label} -> {trigger.cameo}; " + "; ".join(paths)), mood


def _names_a_body(target: Argument) -> bool:
    """Is a country mention the first word of an institution's proper name ("the Kenya
    Anti-Corruption Commission"), standing for that body rather than the country?"""
    root = target.span.root
    return target.path.endswith(">compound") and root.dep_ == "compound" and root.head.pos_ == "PROPN"
