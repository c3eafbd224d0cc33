"""Event coding over the dependency parse (component ``dotterel_events``).

A token whose lemma is in the trigger lexicon starts an event; its source and target come
from the parse (subject, passive agent, object, prepositional phrases, possessors), and
its modality from the clause around it. Hypotheticals and negations are kept, flagged.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import OBJECT_CONTROL
from .lexicon import Lexicon, Trigger, load_lexicon
from .model import ActorRef, Event, TextSpan
from .parse import ActorEntity, DocState, doc_ents

LIGHT_VERBS = {"launch", "carry", "conduct", "continue", "stage", "begin", "mount", "start",
               "intensify", "escalate", "resume", "step", "wage", "hold", "make", "issue"}
REPORTING = {"say", "tell", "claim", "state", "stress", "add", "insist", "assert", "argue",
             "announce", "suggest", "warn", "allege", "accuse", "denounce", "charge", "deny",
             "report", "note", "explain", "write", "believe", "emphasize", "underscore",
             "acknowledge", "confirm", "reiterate", "declare", "condemn", "blame"}
CLAIMING = {"claim", "allege", "accuse", "charge", "denounce", "blame", "condemn", "deny"}
HEDGES = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "likely",
          "probably", "seemingly", "supposedly", "perhaps", "potentially"}
IRREALIS = {"hope", "wish", "want", "desire", "call", "urge", "demand", "ask", "appeal", "plea",
            "seek", "request", "propose", "suggest", "need", "try", "attempt", "encourage",
            "allow", "permit", "let", "enable", "advocate", "favor", "favour", "recommend",
            "urging", "advocacy"}  # permitted is not done: "allow fighters to withdraw"
FUTURE_GOVERNORS = {"plan", "intend", "vow", "swear", "willing", "prepared", "ready", "pledge", "promise", "threaten", "prepare", "aim",
                    "expect", "schedule", "set", "agree", "plot", "intention"}  # a decision is the act: "decided to allow"
NEGATORS = {"fail", "refuse", "decline", "avoid", "deny", "stop", "halt", "cease", "prevent", "cancel",
            "scrap", "abandon", "postpone"}
CONTENT_NOUNS = {"claim", "allegation", "accusation", "report", "assertion", "charge", "suggestion",
                 "warning", "fear", "threat", "rumour", "rumor", "statement", "announcement"}
"""Nouns whose "that" clause is what is claimed or reported."""
OFFERS = {"offer", "threaten", "apply"}
"""Verbs whose infinitive is done only if someone else agrees or complies."""
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
ABSORBERS = {"offer", "agree", "promise", "pledge", "vow", "decide", "plan", "intend", "prepare",
             "threaten", "refuse", "decline", "swear", "reject", "commit", "move", "seek", "try", "attempt",
             "apply"}
"""Verbs whose infinitive complement is the content of their own event: it lends its target
("offered to negotiate with Armenia") and is coded beside it, keeping its own type."""
COMMANDS = {"order", "direct", "instruct"}
NATURAL_CAUSES = {"earthquake", "quake", "storm", "flood", "flooding", "hurricane", "cyclone",
                  "typhoon", "tornado", "wildfire", "fire", "landslide", "tsunami", "drought",
                  "pandemic", "outbreak", "virus", "disease", "heatwave", "avalanche", "eruption"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONSULT"}
OWN = {"its", "his", "her", "their", "our"}
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
LOCATED_TYPES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "SANCTION"}
FALLBACK_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "from",
                  "for", "over", "upon", "between")


@Language.factory("dotterel_events", default_config={"lexicon": None},
                  assigns=["doc._.dotterel"], requires=["token.dep", "token.lemma"])
def make_event_coder(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(load_lexicon(lexicon))


@dataclass
class Argument:
    actor: ActorEntity
    span: Span
    path: str


class EventCoder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # "Russia said Sudan must return the helicopter": a demand, CAMEO 100.
        self.demand = Trigger(lemma="say", pos="VERB", cameo="100", type="REQUEST")
        self.refusal = Trigger(lemma="refuse", pos="VERB", cameo="120", type="REJECT")
        # "Trump told Putin to stop": a demand (CAMEO 100) on whoever was told
        self.telling = Trigger(lemma="tell", pos="VERB", cameo="100", type="REQUEST", target=("dobj",))
        # "would respond to India's missile strikes": a retaliation promised (THREATEN once
        # the future is read, see _as_intent) against the attacker
        self.retaliation = Trigger(lemma="respond", pos="VERB", cameo="190", type="ASSAULT", target=("to",))
        # "Britain said Russia was highly likely to be responsible": an accusation by Britain
        self.responsibility = Trigger(lemma="responsible", pos="ADJ", cameo="112", type="ACCUSE")
        # "India and the United States will jointly produce jet engines": working together
        self.joint = Trigger(lemma="jointly", pos="VERB", cameo="060", type="COOPERATE", target=("with",))
        # "said Putin was a killer", "called Putin a war criminal": a denunciation (111)
        self.insult = Trigger(lemma="killer", pos="NOUN", cameo="111", type="ACCUSE")
        self.name_calling = Trigger(lemma="call", pos="VERB", cameo="111", type="ACCUSE", target=("dobj",))

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        for sent in doc.sents:
            matched = {t.i: trig for t in sent if (trig := self._match(t)) is not None}
            matched.update(self._clause_triggers(sent, matched))
            state.event_tokens = {i: trig.type for i, trig in matched.items()}
            consumed = {c.i for i, trig in matched.items() if trig.object
                        for c in doc[i].children if c.lemma_.lower() in trig.object
                        and not _authored_by_another(c, doc[i], state)
                        and not (c.dep_ == "xcomp" and doc[i].lemma_.lower() in ABSORBERS)
                        and not (trig.type == "REJECT" and c.lemma_.lower() in MEETINGS)
                        and not (trig.type == "THREATEN" and c.dep_ == "dobj" and c.i in matched)}
            # "agreed to withdraw", "threatened to quit": the content under an agreement or
            # threat is coded as its own event, flagged (see _content_of_event), not absorbed;
            # so are refused talks ("ruled out negotiations with Washington": no CONSULT, negated).
            # "Russia ordered its troops to withdraw": the order is the withdrawal, by Russia.
            consumed |= {i for i, trig in matched.items() if doc[i].lemma_.lower() in COMMANDS
                         and not trig.object and any(c.dep_ in ("xcomp", "dobj") and c.i in matched
                                                     for c in doc[i].children)}
            by_token: dict[int, list[Event]] = {}
            for i, trigger in sorted(matched.items()):
                if i in consumed:
                    continue  # "sought assistance": the noun is part of the verb's trigger
                events = self._events(doc[i], trigger, sent, state)
                # An event with no actor at all says nothing codable about who did what.
                by_token[i] = [e for e in events if e.source or e.target]
            _fold_consequences(doc, by_token)
            _fold_blame(doc, by_token)
            _fold_claims(doc, by_token)
            _fold_settings_and_means(doc, by_token)
            coded = [e for i in sorted(by_token) for e in by_token[i]]
            for event in _drop_subsumed(coded):  # numbered once kept, so ids stay e1, e2, ...
                state.events.append(replace(event, id=f"e{len(state.events) + 1}"))
        return doc

    def _clause_triggers(self, sent: Span, matched: dict[int, Trigger]) -> dict[int, Trigger]:
        """Events the lexicon cannot see word by word: "said Sudan must return ..." is a
        demand (CAMEO 100), "declined to resign" a refusal (CAMEO 120)."""
        found = {}
        together = any(t.lower_ in ("jointly", "together") for t in sent)
        for token in sent:
            lemma = token.lemma_.lower()
            if token.i in matched:
                continue
            if lemma in DEONTIC_REPORTERS and _deontic_clause(token) is not None:
                found[token.i] = self.demand
            elif lemma in ("decline", "refuse") and any(
                    c.dep_ == "xcomp" and c.i in matched for c in token.children):
                found[token.i] = self.refusal
            elif lemma == "tell" and _told_to(token):
                found[token.i] = self.telling
            elif together and token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                                              for c in token.children) and _joint_subject(token):
                found[token.i] = self.joint
            elif lemma in ("respond", "retaliate") and _promised_retaliation(token, sent, matched):
                found[token.i] = self.retaliation
            elif lemma == "responsible" and _predicative_blame(token):
                found[token.i] = self.responsibility
            elif lemma in INSULTS and _predicative_blame(token):
                found[token.i] = self.insult
            elif lemma in ("call", "describe", "brand", "label", "dub") and any(
                    c.dep_ == "oprd" and c.lemma_.lower() in INSULTS for c in token.children):
                found[token.i] = self.name_calling
        return found

    def _match(self, token: Token) -> Trigger | None:
        pos = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}.get(token.pos_)
        candidates = self.lexicon.candidates(token.lemma_.lower(), pos) if pos else ()
        if not candidates or (token.pos_ == "PROPN" and token.i in token.doc._.dotterel.token_actor):
            return None  # "Ban Ki-moon" names someone; it bans nothing
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in NATURAL_CAUSES for c in token.children):
            return None  # "an earthquake struck southern Turkey" is no one's act
        if any(c.dep_ == "dobj" and c.lemma_.lower() in NATURAL_CAUSES - {"fire"} for c in token.children) or any(
                g.lemma_.lower() in NATURAL_CAUSES - {"fire"} for p in token.children if p.dep_ == "prep"
                and p.lower_ == "against" for g in p.children if g.dep_ == "pobj"):
            return None  # "to help fight the coronavirus outbreak" is no war
        if token.lemma_.lower() in DEAL_NOUNS and pos == "NOUN" and _deal_named_in_passing(token):
            return None
        if token.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in token.children) and not any(
                c.dep_ == "nsubjpass" and c.i in token.doc._.dotterel.token_actor for c in token.children):
            return None  # "threats would be met with fire and fury": a response, not a meeting
        if any(c.dep_ in ("prt", "advmod") and c.lower_ in PHRASAL_OTHERWISE.get(token.lemma_.lower(), ())
               for c in token.children):
            return None  # "pressed on with its operation": carried on, no demand
        if pos == "NOUN" and any(c.lower_ == "such" and c.dep_ in ("amod", "det", "predet") for c in token.children):
            return None  # "the first such clash", "such attacks": one told already, or a kind
        if pos == "NOUN" and _own_gathering(token):
            return None  # "the alliance's summit in Vilnius": a body convening, no one consulting
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and pos == "NOUN":
            return None  # "warning shots", "attack helicopters", "protest leaders": a kind of thing
        if _idiom_without_event(token, pos):
            return None
        if token.lemma_.lower() in SPORTS_TRIGGERS and any(
                t.lemma_.lower() in SPORTS and t.pos_ in ("NOUN", "PROPN") for t in token.sent):
            return None
        best: Trigger | None = None
        words = _object_words(token) if any(t.object for t in candidates) else NO_OBJECT_WORDS
        for trigger in candidates:
            if trigger.object and not _has_object(token, trigger.object, words, bool(trigger.prep)):
                continue
            if "strike" in trigger.object and trigger.type != "ASSAULT" and _military_strike(token):
                continue  # "called off retaliatory strikes on Iran" is no labour strike
            if "strike" in trigger.object and trigger.type == "ASSAULT" and _labour_strike(token):
                continue  # "launch an indefinite nationwide strike": the noun is the protest
            if trigger.type == "PROTEST" and trigger.lemma in ("demonstrate", "rally", "march") and \
                    not trigger.object and any(c.dep_ == "dobj" for c in token.children):
                continue  # "demonstrate respect", "rally support", "march troops": no protest
            if trigger.lemma == "cancel" and not trigger.object and _event_object(token, self.lexicon):
                continue  # "canceled a planned attack on Iran": the attack is coded, called off
            if trigger.lemma in HELPING and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
                continue  # "helped Ukraine" alone says too little; "help Australia build submarines"
            if trigger.prep and not any(c.lower_ == trigger.prep and not _dated(c) for c in token.children
                                        if c.dep_ in ("prep", "prt", "agent")):
                continue
            if best is None or trigger.specificity > best.specificity:
                best = trigger
        return best

    def _events(self, token: Token, trigger: Trigger, sent: Span, state: DocState) -> list[Event]:
        sources = find_sources(token, state)
        if trigger.mode == "arrest" and all(s.path == "nearest" for s in sources) and any(
                c.dep_ == "nsubjpass" for c in token.children):
            # "Meng Wanzhou has been arrested in Canada": arrests are made by the state where
            # they happen
            sources = [Argument(a.actor, a.span, "~jurisdiction:" + a.path)
                       for a in _location_country(token, state)] or sources
        targets = find_targets(token, trigger, state)
        if trigger.type == "RETREAT" and trigger.lemma in MOVED_OUT and all(s.path == "nearest" for s in sources) \
                and any(t.path == "nsubjpass" for t in targets):
            # "the last rebel fighters were evacuated": those moved out are the ones retreating
            sources, targets = [t for t in targets if t.path == "nsubjpass"], []
        mood = modality(token, sent, state)
        if any("claimed:" in a.path for a in sources):
            mood.hedged = True  # "strikes ... were claimed by the Houthis", "blamed on": their word
            mood.reasons = (*mood.reasons, "author by claim or blame")
        if trigger.type == "ACCUSE" and _predicative_blame(token):
            # "officials said Russian warplanes were to blame": the subject is the accused,
            # the speaker accuses
            targets = _copula_subject(token, state)
            sources = [mood.attributed_to] if mood.attributed_to is not None else []
            if not targets:
                return []
        sources, targets = _undergoing_owner(trigger, sources, targets)
        # One actor on both sides: trust the parsed subject over a derived target, but not
        # a guessed (nearest) subject over a parsed object.
        if any(s.path == "nearest" for s in sources):
            sources = [s for s in sources if not any(s.actor is t.actor for t in targets)]
        else:
            targets = [t for t in targets if not any(s.actor is t.actor for s in sources)]
        # "Erdogan threatened to open Turkey's borders": one's own country is not the target
        targets = [t for t in targets if not (t.actor.kind == "country" and t.path.count(">") >= 1 and any(
            s.actor.country == t.actor.key for s in sources))]
        if trigger.lemma == "warn" and trigger.type == "THREATEN" and not targets:
            return []  # "aid groups warned of looming famine" is a forecast, not a threat
        if trigger.lemma == "support" and trigger.pos == "NOUN" and not targets:
            return []  # "his strong base of support", "Kustoff's support for the health act": no one backed
        if token.dep_ == "amod" and token.tag_ == "VBN" and trigger.lemma not in GO_BETWEENS:
            return []  # "Iran-backed militias", "nuclear-armed neighbours": a description
        if "@actor" in trigger.object and not sources:
            return []  # "an order that allows the US to sanction": a document yields nothing
        if trigger.lemma in HELPING and not (any(s.actor.kind in STATELIKE for s in sources) and targets
                                             and all(t.actor.kind in STATELIKE for t in targets)):
            return []  # "help migrants find jobs", "helped her stand out": not between states
        if trigger.lemma in STRIKING and "@actor" in trigger.object and not any(_forceful(s.actor) for s in sources):
            return []  # "the recession hit Germany", "Trump's tariffs hit China": no attack
        if trigger.lemma in FIGHTING and not any(
                _forceful(a.actor) or a.actor.sector == "COP" or (trigger.lemma == "clash" and a.actor.sector in CIVIL_SECTORS)
                for a in [*sources, *targets]):
            return []  # "fighting allegations", "fighting for middle-class families": no armed side
        if _verbal_attack(token, trigger, sources, targets):
            trigger = replace(trigger, type="ACCUSE", cameo="111", mode=None, context=())
        if trigger.lemma in ARMED_ONLY and not (any(_armed(s.actor) for s in sources) and targets):
            return []  # "Taliban fighters entered Kabul", not "the president entered the room" nor
            # "gunmen entered the bakery" (that is told by what they did there)
        if trigger.type == "MOBILIZE" and trigger.lemma in EXERCISES and \
                len({s.actor.country for s in sources if s.actor.country}) >= 2:
            # "French and Egyptian warships launched war games": exercises held together
            trigger = replace(trigger, type="COOPERATE", cameo="062", mode=None)
        if trigger.lemma == "hand" and trigger.type == "RETREAT" and (recipients := _authorities_handed_to(token, state)):
            # "Abdeslam was handed over to French authorities by Belgium": judicial cooperation
            trigger, targets = replace(trigger, type="COOPERATE", cameo="063", mode=None), recipients
        if trigger.type == "RETREAT" and trigger.lemma in ("open", "reopen") and \
                len({s.actor.country for s in sources if s.actor.country}) >= 2:
            # "Colombia and Venezuela reopened their shared border": opened together, to each other
            trigger = replace(trigger, type="COOPERATE", cameo="060", mode=None)
        if _untargeted_launch(token, trigger, targets):
            # "North Korea fired a ballistic missile over northern Japan": a show of force
            trigger = replace(trigger, type="MOBILIZE", cameo="150", mode="weapons")
            targets = [t for t in targets if t.path.startswith("~prep:over")] or \
                _location_country(token, state, ("over", "into", "near", "off"))
        pairs: list[tuple[Argument | None, Argument | None]] = [
            (s, t) for s in sources or [None] for t in targets or [None]]
        # "agreed ... in Syria", "agreed on a ceasefire in Syria's Idlib": no partner named directly
        guessed = all(t.path.startswith(("~located", "~in:", "prep:on>", "~prep:on>", "prep:over>"))
                      or t.actor.key.startswith("group:") for t in targets)  # "agreed to share intelligence"
        mutual = trigger.type == "ASSAULT" and token.lemma_.lower() in MUTUAL
        if guessed and len(sources) >= 2 and trigger.lemma not in GO_BETWEENS and (trigger.type in SYMMETRIC
                                                                                  or _relation_mended(token)
                                              or trigger.cameo.startswith("057") or mutual):
            # "Washington and Moscow agreed", "U.S. and Russian officials met": each with the other;
            # a meeting that is only the setting ("agreed at their first meeting") is told once.
            pairs = [(a, b) for a in sources for b in sources if a.actor is not b.actor]
            if trigger.type == "CONSULT" and _meeting_setting(token) is not None:
                pairs = pairs[:1]
        elif not sources and len(targets) >= 2 and all("between" in t.path for t in targets):
            # "a ceasefire between Israel and Hezbollah": each side towards the other.
            pairs = [(a, b) for a in targets for b in targets if a.actor is not b.actor]
        if mutual:
            # "clashes with Azerbaijan": both sides fought
            told = {(s.actor.key, t.actor.key) for s, t in pairs if s is not None and t is not None}
            pairs += [(t, s) for s, t in pairs if s is not None and t is not None and (t.actor.key, s.actor.key)
                      not in told and not {s.actor.sector, t.actor.sector} & CIVIL_SECTORS]
        events = []
        for source, target in pairs:
            if source and target and source.actor is target.actor:
                continue
            events.append(self._event(token, trigger, sent, source, target, mood, state))
        if trigger.type == "REQUEST" and (goods := _requested_aid(token)) is not None:
            # "asked China for military equipment": the aid asked for, from the one asked to the
            # asker, coded beside the request and flagged hypothetical
            wish = Modality(hypothetical=True, negated=mood.negated, hedged=mood.hedged,
                            attributed_to=mood.attributed_to, reasons=(f"asked for ('{token.text}')",))
            events += self._aid_beside(goods, sent, state, [(t, s) for s, t in pairs], wish)
        if trigger.type == "AGREE" and (goods := _pledged_goods(token)) is not None:
            # "promised 300 tanks to Ukraine", "pledged $930 million": the aid itself, coded
            # beside the pledge, future (or hypothetical when only offered)
            offered = token.lemma_.lower() == "offer"
            promised = Modality(future=not offered, hypothetical=offered or mood.hypothetical, negated=mood.negated,
                                hedged=mood.hedged, attributed_to=mood.attributed_to,
                                reasons=(f"pledged ('{token.text}')",))
            beneficiaries = [a for p in token.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                             for o in p.children if o.dep_ == "pobj" for a in _targets_in(o, ("for",), state)]
            events += self._aid_beside(goods, sent, state,
                                       [(s, b) for s in sources for b in beneficiaries] or pairs, promised)
        return events

    def _aid_beside(self, goods: Token, sent: Span, state: DocState,
                    pairs: list[tuple[Argument | None, Argument | None]], mood: Modality) -> list[Event]:
        """The aid in a request or pledge, as its own AID event (072 when military) between
        each pair of distinct actors; its modality is the one given, not read as an intent."""
        aid = Trigger(lemma=goods.lemma_.lower(), pos="NOUN", type="AID",
                      cameo="072" if _military_goods(goods) else "070")
        return [self._event(goods, aid, sent, source, target, mood, state, content=True)
                for source, target in pairs if source and target and source.actor is not target.actor]

    def _event(self, token: Token, trigger: Trigger, sent: Span, source: Argument | None,
               target: Argument | None, mood: Modality, state: DocState, content: bool = False) -> Event:
        trigger, note = _by_source(trigger, source)
        trigger, intent = _as_intent(trigger, mood) if not (content or _content_of_event(token, state)) else (trigger, "")
        for extra in (note, intent):
            if extra and extra not in mood.reasons:  # mood is shared by the pairs of one trigger
                mood.reasons = (*mood.reasons, extra)
        confidence = 0.5 + 0.2 * bool(source) + 0.15 * bool(target) + 0.1 * bool(trigger.specificity)
        if source is not None and source.path == "nearest":
            confidence -= 0.2
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
            confidence=round(min(confidence, 0.95), 2),
            explanation=f"lexicon {trigger.label} -> {trigger.cameo}; " + "; ".join(paths))


REQUESTED_GOODS = {"aid", "assistance", "help", "funding", "fund", "money", "loan", "weapon", "arm",
                   "equipment", "ammunition", "missile", "tank", "jet", "munition", "vaccine", "supply"}
MILITARY_GOODS = {"weapon", "arm", "ammunition", "missile", "tank", "jet", "munition"}


def _requested_aid(verb: Token) -> Token | None:
    """"asked China for military equipment", "requested aid from Washington": the goods asked for."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ASKING:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"]
    return next((o for o in objects if o.lemma_.lower() in REQUESTED_GOODS or _military_goods(o)), None)


PLEDGING = {"pledge", "promise", "offer", "commit"}
MONEY = {"million", "billion", "dollar", "euro", "pound"}


def _pledged_goods(verb: Token) -> Token | None:
    """"promised more than 300 tanks", "pledged $930 million": the goods or money pledged."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in PLEDGING:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and (
        c.lemma_.lower() in REQUESTED_GOODS | MONEY or _military_goods(c))), None)


def _military_goods(noun: Token) -> bool:
    return noun.lemma_.lower() in MILITARY_GOODS or any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in ("military", "defence", "defense", "security")
        for c in noun.children)


VIOLENT = {"ASSAULT", "COERCE"}
MUTUAL = {"clash", "skirmish", "firefight", "gunfight", "battle"}
"""Fighting that has no one side as author: coded in both directions."""


MISSILES = {"missile", "rocket", "icbm", "projectile"}
CIVILIAN_CRAFT = {"passenger", "airliner", "commercial", "civilian", "cargo", "ferry", "liner", "bus", "train",
                  "tanker", "ship", "vessel", "boat", "plane", "jet", "aircraft", "car", "truck"}
MILITARY_CRAFT = {"military", "fighter", "warplane", "warship", "naval", "combat", "drone", "bomber"}


def _civilian_craft(noun: Token) -> bool:
    """"a Russian passenger jet", "an Iranian tanker": a craft that its country's modifier
    owns; what befalls it or it causes is no act of that country (a "Russian fighter jet" is)."""
    words = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
    return noun.lemma_.lower() in CIVILIAN_CRAFT and not words & MILITARY_CRAFT and \
        noun.i not in noun.doc._.dotterel.token_actor


def _fold_settings_and_means(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"met Xi at the G20 summit": the summit is the meeting itself; "was killed in a raid by
    U.S. forces": the raid is the killing. The noun's events fold into the verb's."""
    for i in list(by_token):
        token = doc[i]
        if token.dep_ == "appos" and token.head.dep_ == "pobj":
            token = token.head  # "held talks at the village of Panmunjom, the first summit ..."
            while token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
                token = token.head.head
        host = token.head.head
        if host.i not in by_token and host.dep_ == "dobj" and token.head.lower_ in ("at", "during"):
            host = host.head  # "meet Xi at the G20 summit", the parser hanging "at" on Xi
        mains = by_token.get(host.i) if token.dep_ == "pobj" else None
        if not by_token[i] or not mains or host.i == i:
            continue
        prep = token.head.lower_
        # a meeting where something else was done is the setting, not another event:
        # "would meet Xi at the G20 summit", "admitted the AU as a member at its summit"
        setting = prep in ("at", "during") and all(e.type == "CONSULT" for e in by_token[i]) and \
            doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() not in ("visit", "trip", "tour") and \
            not all(e.source and e.target for e in by_token[i])  # "agreed at their first meeting": a summit of two
        means = prep in ("in", "by", "during") and any("source via means" in e.explanation for e in mains)
        if setting or means:
            by_token[i] = []
        elif prep in ("in", "by") and all(e.type == "ASSAULT" for e in mains + by_token[i]) and \
                all((e.source is None or "source blamed" in e.explanation) and e.target is not None for e in mains):
            # one incident told twice, its victims in the verb: "the killing of seven aid
            # workers in an Israeli air strike" takes the author (and how sure the report is of
            # it) from the noun; "soldiers were killed in a drone attack on a base in Jordan",
            # where the noun has no author either, adds only where
            means = next((e for e in by_token[i] if e.source is not None), None)
            if means is not None:
                by_token[host.i] = [replace(e, source=means.source, hedged=e.hedged or means.hedged,
                                            explanation=e.explanation + f"; source from '{token.text}'")
                                    for e in mains]
            if means is not None or prep == "in":
                by_token[i] = []


SPORTS = {"match", "final", "cup", "tournament", "league", "championship", "olympics", "semifinal",
          "quarterfinal", "playoff", "striker", "goalkeeper", "midfielder", "stadium"}
"""Nouns of sport only: "game" (war games), "penalty" (economic penalties) and "season"
(the fighting season) are left out on purpose."""
SPORTS_TRIGGERS = {"beat", "defeat", "crush", "thrash", "rout", "clash", "battle", "fight", "attack",
                   "shoot", "strike", "down", "edge", "storm"}
""""Argentina beat France on penalties to win the final": sport, not war."""


def _untargeted_launch(token: Token, trigger: Trigger, targets: list[Argument]) -> bool:
    """A missile fired at no one ("test-fired an ICBM", "fired a missile over Japan")."""
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in ("fire", "launch", "test-fire"):
        return False
    if not any(c.dep_ == "dobj" and (c.lemma_.lower() in MISSILES or any(
            m.lemma_.lower() in MISSILES for m in c.children if m.dep_ == "compound")) for c in token.children):
        return False
    doc = token.doc
    tested = token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "test"
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    flown_over = any(p.dep_ == "prep" and p.lower_ == "over" for h in holders for p in h.children)
    over = flown_over and all(t.path.startswith("~prep:over") for t in targets)
    # in a war, "fired 84 cruise missiles" with no target named is still an attack
    return over or (tested and all(t.path.startswith(("~located", "~in:", "~dobj")) for t in targets))


def _fold_consequences(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"Gunmen attacked two mosques, shooting dead 49 worshippers": the participle tells what
    the attack did, one incident. Its event is folded into the attack's, lending its victims
    where the attack has no target."""
    for i in list(by_token):
        token, head = doc[i], doc[i].head
        if token.dep_ != "advcl" or token.tag_ != "VBG" or any(c.dep_ in ("mark", "nsubj") for c in token.children):
            continue
        mains = by_token.get(head.i) or []
        own = by_token[i]
        if not own or not mains or not all(e.type in VIOLENT for e in own + mains):
            continue
        victim = next((e.target for e in own if e.target is not None), None)
        by_token[head.i] = [_with_victim(e, victim, token.text) for e in mains]
        by_token[i] = []


def _fold_blame(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"was killed in a strike that the group blamed on Israel", "soldiers were killed in a
    drone attack, and Biden blamed Iran-backed groups": an attack told without its author
    is credited to whoever the same sentence blames for it, flagged hedged since only the
    accuser says so."""
    blamed = [e.target for i, events in by_token.items() if doc[i].lemma_.lower() in BLAMING_WORDS
              for e in events if e.type == "ACCUSE" and e.target is not None and not e.negated]
    if len(blamed) != 1:
        return  # nobody, or several accused: which attack is whose is not said
    author = blamed[0]
    for i, events in by_token.items():
        by_token[i] = [replace(e, source=author, hedged=True,
                               explanation=e.explanation + f"; source blamed: {author.name}")
                       if e.type == "ASSAULT" and e.source is None and e.target is not None
                       and e.target.actor != author.actor else e for e in events]


def _fold_claims(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"A suicide bombing killed scores of Afghans, and Islamic State said it had carried out
    the attack": "the attack" is the bombing told before without its author. The author who
    claims it is credited, flagged hedged (their word), and the claim is not a second attack."""
    for i in sorted(by_token):
        claims = [e for e in by_token[i] if e.type == "ASSAULT" and e.source is not None and e.target is None]
        if not claims or not _refers_back(doc[i]):
            continue
        earlier = [j for j in by_token if j < i and any(
            e.type == "ASSAULT" and e.source is None and e.target is not None for e in by_token[j])]
        if not earlier:
            continue
        author = claims[0].source
        for j in earlier:
            by_token[j] = [replace(e, source=author, hedged=True, explanation=e.explanation +
                                   f"; source claimed in '{doc[i].text}': {author.name}")
                           if e.type == "ASSAULT" and e.source is None else e for e in by_token[j]]
        by_token[i] = [e for e in by_token[i] if e not in claims]


def _refers_back(verb: Token) -> bool:
    """"carried out the attack", "was behind the bombing": an attack named as one already told."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INCIDENTS and any(d.lower_ in ("the", "this", "that") for d in c.children)
        for c in verb.children)


INCIDENTS = {"attack", "bombing", "strike", "assault", "killing", "shooting", "blast", "explosion", "raid",
             "massacre", "ambush"}


def _predicative_blame(token: Token) -> bool:
    """"Russia was to blame", "Russia was likely responsible", reported by someone: the
    subject is accused. Not "blame Russia" nor "the ministry responsible for security"."""
    lemma = token.lemma_.lower()
    if lemma == "blame":
        predicative = token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and not any(c.dep_ in ("dobj", "nsubj") for c in token.children)
    elif lemma == "responsible":
        fors = [p for p in token.children if p.dep_ == "prep" and p.lower_ == "for"]
        deeds = [g for p in fors for g in p.children if g.dep_ in ("pobj", "pcomp")]
        # not "responsible for setting the tone", "wouldn't be responsible to let it fail"
        predicative = token.dep_ == "acomp" and token.pos_ == "ADJ" and \
            not any(c.dep_ in ("xcomp", "ccomp") for c in token.children) and (
                not fors or any(g.i in token.doc._.dotterel.event_tokens for g in deeds))
    elif lemma in INSULTS:
        predicative = token.dep_ == "attr" and token.head.lemma_ == "be" and not any(
            c.dep_ == "prep" for c in token.children)  # not "was a killer of ..." told as fact
    else:
        return False
    return predicative and any(g.lemma_.lower() in REPORTING | BELIEVING and g.pos_ == "VERB" for g in _governors(token))


INSULTS = {"killer", "murderer", "criminal", "thug", "dictator", "liar", "butcher", "tyrant", "aggressor",
           "warmonger", "puppet", "terrorist"}
"""What a leader calls another to denounce him: "said Putin was a killer"."""
BELIEVING = {"believe", "think", "consider"}


def _copula_subject(token: Token, state: DocState) -> list[Argument]:
    """Who "is (likely) to be responsible": the subject up the chain of predicates."""
    node = token
    while True:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _subject_actors(subject, state)
        if node.dep_ not in ("acomp", "xcomp", "attr") or node.head.i == node.i:
            return []
        node = node.head


def _with_victim(event: Event, victim: ActorRef | None, participle: str) -> Event:
    guessed = "target via ~located" in event.explanation or "target via ~in:" in event.explanation
    if victim is None or (event.target is not None and not guessed):
        return event
    return replace(event, target=victim, explanation=event.explanation + f"; target from '{participle}'")


def _drop_subsumed(events: list[Event]) -> list[Event]:
    """One incident told twice in a sentence ("killed 84 people in attacks by IS gunmen"):
    an event missing a side is dropped when another event of its type and modality has
    that side and agrees on the other one."""
    def covers(full: Event, part: Event) -> bool:
        if full is part or full.type != part.type or (full.negated, full.hypothetical, full.future) != (
                part.negated, part.hypothetical, part.future):
            return False
        def same(a: ActorRef | None, b: ActorRef | None) -> bool:
            # "accused Russian troops ..., allegations that Moscow dismissed": the same country
            return a is not None and b is not None and (a.actor == b.actor or (
                a.country is not None and a.country == b.country and a.country in (a.actor, b.actor)))
        if part.target is None and full.target is not None:
            return same(full.source, part.source)
        if part.source is None and full.source is not None:
            return same(full.target, part.target)
        return False
    kept = [e for e in events if not any(covers(o, e) for o in events)]
    # "held joint drills, a show of their military cooperation": the same pair, said twice
    seen: set[tuple[object, ...]] = set()
    unique = []
    for e in kept:
        key = (e.type, e.source and e.source.actor, e.target and e.target.actor,
               e.negated, e.hypothetical, e.future)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


ARMED_SECTORS = {"MIL", "REB", "UAF", "SPY"}
STATELIKE = {"country", "igo", "organisation", "armed_group"}
HELPING = {"help"}
"""Verbs that are cooperation only with an actor helped to do a task."""
STRIKING = {"hit"}
"""Verbs that attack only when a state or armed group does them to an actor."""
FIGHTING = {"fight", "battle", "combat", "target", "clash"}
"""Words that are fighting only with an armed side, police, protesters or a state in them;
politics fights and clashes too ("Democrats clash at debate")."""
ARMED_ONLY = {"enter", "leave"}
"""Lexicon words that are events only when armed men do them."""
EXERCISES = {"drill", "exercise", "game", "maneuver", "manoeuvre", "patrol"}


VERBAL_ATTACKS = {"attack", "assail", "slam", "blast"}
BODILY_HARM = {"knife", "gun", "rifle", "pistol", "bomb", "machete", "weapon", "stab", "shoot", "wound",
               "injure", "kill", "beat", "punch", "hammer", "axe", "acid", "hospital", "injury"}
POLITICAL_KINDS = {"person", "party"}


def _undergoing_owner(trigger: Trigger, sources: list[Argument],
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


def _verbal_attack(token: Token, trigger: Trigger, sources: list[Argument], targets: list[Argument]) -> bool:
    """"Trump attacked Biden over his immigration policy", "Republicans attacked Pelosi": a
    politician or party attacking one with words (CAMEO 111), not armed force; "Putin attacked
    Ukraine" and attacks on armed groups stay attacks."""
    if trigger.type != "ASSAULT" or trigger.pos != "VERB" or trigger.lemma not in VERBAL_ATTACKS or not sources:
        return False
    if any(t.lemma_.lower() in BODILY_HARM for t in token.sent):
        return False  # "attacked Salman Rushdie with a knife": a person can attack bodily
    speakers = all(s.actor.kind in POLITICAL_KINDS and not _armed(s.actor) for s in sources)
    return speakers and all(not _armed(t.actor) and (t.actor.kind in POLITICAL_KINDS or (
        t.actor.kind == "organisation" and not t.actor.sector)) for t in targets) and (
        bool(targets) or any(s.actor.kind == "party" for s in sources))


def _armed(actor: ActorEntity) -> bool:
    return actor.kind == "armed_group" or actor.sector in ARMED_SECTORS


def _forceful(actor: ActorEntity) -> bool:
    """An armed actor or a state: who can strike, fight or target by force."""
    return _armed(actor) or actor.kind == "country"
VICTIM_SECTORS = {"CVL", "REF"}
"""Unnamed people who are what an act is done to ("killed 38 tourists"), never one's own."""
CIVIL_SECTORS = {"OPP", "CVL", "LAB", "EDU", "REL", "HRI", "NGO", "MED"}


def _by_source(trigger: Trigger, source: Argument | None) -> tuple[Trigger, str]:
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


INTENT_CODES = {"AID": "033", "RETREAT": "035", "CONCEDE": "035", "CONSULT": "036",
                "COOPERATE": "031", "SUPPORT": "032", "ASSAULT": "138", "COERCE": "137",
                "SANCTION": "1312", "PROTEST": "133", "MOBILIZE": "138"}
"""CAMEO codes for a stated intention to act: to cooperate (03x) or to do harm (13x)."""


def _authored_by_another(noun: Token, verb: Token, state: DocState) -> bool:
    """"rejected Australia's call for an inquiry", "dismissed Moon's call for dialogue": the
    object is someone else's act, coded as well; "sought assistance" is one act; so are
    "international calls to halt its offensive", made by others than the one who rejects them."""
    if verb.lemma_.lower() in REACTION_VERBS and any(c.dep_ == "amod" and c.lower_ in OUTSIDERS
                                                     for c in noun.children):
        return True
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in OWN), None)
    hit = state.actor_at(owner) if owner is not None else None
    if hit is None:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    mine = state.actor_at(subject) if subject is not None else None
    return mine is None or mine[0] is not hit[0]


OUTSIDERS = {"international", "global", "western", "foreign", "worldwide"}
MOVED_OUT = {"evacuate", "withdraw", "pull", "relocate", "redeploy"}
"""Retreats told in the passive, whose subject is who retreated ("troops were withdrawn")."""
GO_BETWEENS = {"broker", "mediate", "mediation", "host"}
"""Acts done for two other sides: "talks brokered by Russia, Turkey and Iran" are not talks
among the brokers."""
RELATIONS = {"tie", "relation", "link", "contact"}


def _relation_mended(token: Token) -> bool:
    """"Saudi Arabia and Iran agreed to restore diplomatic ties": with each other."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in RELATIONS for c in token.children)


def _content_of_event(token: Token, state: DocState) -> bool:
    """"Armenia agreed to withdraw", "threatened to pull his fighters out": the governing
    verb is coded (AGREE, THREATEN); what was agreed or threatened keeps its own type,
    flagged future or hypothetical, rather than being coded as a second intention."""
    governor = token.head
    return token.dep_ == "xcomp" and governor.lemma_.lower() in ABSORBERS and \
        governor.i in state.event_tokens


def _as_intent(trigger: Trigger, mood: Modality) -> tuple[Trigger, str]:
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


DEONTIC_REPORTERS = {"say", "insist", "stress", "conclude", "declare", "state", "announce", "tell",
                     "add", "argue", "write", "warn"}
DEONTIC_MODALS = {"must", "should"}


def _shared_passive(token: Token) -> Token | None:
    """The passive subject a coordinated participle shares: "Fakhrizadeh was ambushed and
    killed" -- "killed" has none of its own."""
    if token.dep_ != "conj" or token.tag_ != "VBN" or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
        return None
    return next((c for c in token.head.children if c.dep_ == "nsubjpass"), None)


DEAL_NOUNS = {"deal", "agreement", "accord", "pact", "treaty", "proposal", "plan", "offer"}


PHRASAL_OTHERWISE = {"press": ("on", "ahead"), "push": ("on", "ahead"), "forge": ("on", "ahead"),
                     "back": ("away", "off")}
"""Particles that turn a trigger into something else: "backed away from the timeframe"
supports nothing."""
OPINION_MEASURES = {"percent", "%", "public", "popular", "bipartisan", "enough", "majority", "grassroots"}


def _idiom_without_event(token: Token, pos: str) -> bool:
    """Set phrases built on a trigger word that report no act between actors (``IDIOMS`` holds
    one test per trigger lemma)."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True  # "the week of March 16"
    test = IDIOMS.get(token.lemma_.lower())
    return test is not None and test(token, pos)


MARKET_WORDS = {"stock", "share", "market", "price", "index", "dollar", "currency", "bond", "yield",
                "rate", "fee", "interest", "tax", "premium", "cost", "commission", "rent", "toll", "tariff",
                "future", "euro", "yen", "peso", "rupee", "oil", "gold", "equity", "sterling", "pound"}


def _market_sense(token: Token, pos: str) -> bool:
    """"U.S. oil stocks rallied", "interest rates charged to farmers": prices move and fees are
    charged; no one protests or is charged with a crime."""
    if pos != "VERB":
        return False
    deps = ("nsubj", "nsubjpass", "dobj") if token.lemma_.lower() == "charge" else ("nsubj",)
    return any(c.dep_ in deps and c.lemma_.lower() in MARKET_WORDS for c in token.children) or (
        token.dep_ == "acl" and token.head.lemma_.lower() in MARKET_WORDS)


def _agreeing_view(token: Token, pos: str) -> bool:
    """"Scholars agree that it is legal", "on doctrine, Maqdisi and the Islamic State agree": a
    shared view in the present tense; "agree to a ceasefire", "agree on a budget" are deals."""
    if pos != "VERB" or token.tag_ not in ("VBP", "VBZ"):
        return False
    return not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.i > token.i and c.lower_ in ("to", "on", "upon", "with"))
                   for c in token.children)


MET_GOALS = {"problem", "target", "goal", "need", "requirement", "deadline", "expectation", "criterion",
             "criteria", "standard", "obligation", "challenge", "threshold", "quota", "cost", "payment",
             "commitment", "condition", "demand"}
RECEPTIONS = {"success", "resistance", "criticism", "skepticism", "scepticism", "approval", "opposition",
              "silence", "derision", "outrage", "applause", "condemnation", "anger", "disapproval",
              "enthusiasm", "indifference", "suspicion", "hostility", "praise", "acclaim", "failure"}


def _met_as_goal(token: Token, pos: str) -> bool:
    """"to meet growth targets", "has met with success in Chile": no one meets anyone."""
    if pos != "VERB":
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in MET_GOALS for c in token.children):
        return not any(c.dep_ == "dobj" and c.lemma_.lower() in ("demand", "condition", "requirement")
                       and any(g.dep_ in ("poss", "prep") for g in c.children) for c in token.children)
    return any(g.dep_ == "pobj" and g.lemma_.lower() in RECEPTIONS
               for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children)


def _reporters_question(token: Token, pos: str) -> bool:
    """"Asked whether ...", "who asked not to be named": a reporter's question or a source's
    wish for anonymity, no request between actors; "was asked to mediate" still is one."""
    if pos != "VERB":
        return False
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


QUESTIONS = {"reaction", "question", "opinion", "view", "comment", "response"}


def _only_a_question(ask: Token) -> bool:
    """"asked Trump about his comment", "asked him whether he slowed down testing", "asked, 'Is
    this happening?'": a question, no request; one is asked to do, for something, or that
    something be done."""
    for child in ask.children:
        if child.dep_ == "xcomp" or (child.dep_ in ("prep", "prt") and child.lower_ == "for"):
            return False
        if child.dep_ == "ccomp" and not any(g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in child.children) \
                and not any(g.tag_ in ("WDT", "WP", "WRB") for g in child.subtree if g.i < child.i) \
                and not _quoted(child):
            return False  # "asked that the court dismiss the case"
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.lemma_.lower() not in QUESTIONS \
                and child.i not in child.doc._.dotterel.token_actor:
            return False  # "asked permission", "asked help"
    return True


def _quoted(clause: Token) -> bool:
    """Is the clause a quotation ("asked, 'Is this happening?'")?"""
    doc = clause.doc
    left = min(t.i for t in clause.subtree)
    return any(doc[i].is_quote for i in range(max(left - 2, 0), left + 1))


def _measured_support(token: Token, pos: str) -> bool:
    """"49 percent support", "bipartisan support": an opinion measured, no one's act of support."""
    return pos == "NOUN" and any(c.lower_ in OPINION_MEASURES for c in token.children
                                 if c.dep_ in ("amod", "compound", "nummod", "npadvmod"))


def _struck_down(token: Token, pos: str) -> bool:
    """"the Supreme Court struck down a similar measure": a ruling on a text, no attack (a
    person struck down is still one)."""
    if pos != "VERB" or not any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return False
    victims = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(victims) and not any(c.i in token.doc._.dotterel.token_actor for c in victims)


def _object_nouns(token: Token, wanted: frozenset[str]) -> list[Token]:
    """The wanted object nouns as such: "held a meeting", "pulled out of the summit",
    "withdrew from talks"."""
    found = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in wanted]
    for child in (c for c in token.children if c.dep_ in ("prt", "prep")):
        inner = [g for p in child.children if p.dep_ == "prep" for g in p.children] + list(child.children)
        found += [g for g in inner if g.dep_ == "pobj" and g.lemma_.lower() in wanted]
    return found


def _speaks_about(token: Token, pos: str) -> bool:
    """"Iran talks about Syria the way the U.S. talks about Israel": one speaker on a topic
    consults no one; "Putin and Xi talked about trade" and "talked with Kim" still do."""
    if pos != "VERB":
        return False
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
    together = subj is not None and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("we", "they") or any(
        c.dep_ == "conj" for c in subj.children))
    return bool(preps & {"about", "of"}) and not preps & {"with", "to"} and not together


IDIOMS: dict[str, Callable[[Token, str], bool]] = {
    "support": _measured_support, "strike": _struck_down, "talk": _speaks_about, "speak": _speaks_about,
    "meet": _met_as_goal, "ask": _reporters_question, "agree": _agreeing_view,
    **dict.fromkeys(("rally", "charge", "slump", "tumble", "plunge", "surge"), _market_sense)}


def _event_object(token: Token, lexicon: Lexicon) -> bool:
    """Is the verb's direct object itself an event noun ("a planned attack", "the strikes")?"""
    return any(c.dep_ == "dobj" and lexicon.candidates(c.lemma_.lower(), "NOUN") for c in token.children)


def _deal_named_in_passing(token: Token) -> bool:
    """"under a U.S.-brokered deal", "its 2015 nuclear deal", "accepted a proposal for a
    ceasefire": a deal referred to, not one made in this sentence."""
    if token.dep_ == "pobj" and token.head.lower_ in ("under", "as", "in", "through", "despite", "from"):
        return True  # "would withdraw from the Paris climate accord"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ("accept", "reject", "back", "endorse", "respect", "have",
                                                              "violate", "breach", "quit", *JUDGING):
        return True  # the verb is the event; the deal it takes up ("calling the agreement unfair") was made before
    return any(c.ent_type_ == "DATE" or (c.like_num and len(c.text) == 4) for c in token.children)


def _to_ones_aid(token: Token) -> bool:
    """"Britain will come to Sweden's aid": the possessor is helped, not helping."""
    return token.lemma_.lower() in ("aid", "help", "rescue", "defence", "defense", "assistance") and \
        token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB" and \
        any(c.dep_ == "poss" for c in token.children)


def _military_strike(verb: Token) -> bool:
    """Is the verb's "strike" object an attack ("air strikes", "strikes on Iran")?"""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "strike"):
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in obj.children) or any(
                c.dep_ in ("amod", "compound") and c.lemma_.lower() in MILITARY_MODIFIERS for c in obj.children):
            return True
    return False


def _labour_strike(verb: Token) -> bool:
    """Is the verb's "strike" object a walkout ("a general strike", "an indefinite strike")?"""
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "strike" and any(
        m.dep_ in ("amod", "compound") and m.lemma_.lower() in LABOUR_MODIFIERS for m in c.children)
        for c in verb.children)


LABOUR_MODIFIERS = {"general", "nationwide", "national", "labour", "labor", "worker", "union",
                    "indefinite", "wildcat", "hunger", "teacher", "doctor", "nurse", "rail"}
MILITARY_MODIFIERS = {"air", "military", "retaliatory", "missile", "drone", "naval", "artillery",
                      "rocket", "preemptive", "pre-emptive", "punitive", "nuclear"}


def _told_to(token: Token) -> bool:
    """"told Putin to stop", "told 1.1 million people to move south": someone told to act."""
    state: DocState = token.doc._.dotterel
    obj = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
    return obj is not None and bool(actors_at(obj, state, "told")) and any(
        c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children)


def _dated(prep: Token) -> bool:
    """"called them animals on Tuesday" is no "call on": the phrase is a date."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _deontic_clause(token: Token) -> Token | None:
    """The reported clause that says what a named actor must or should do, if any: not
    "nobody should expect a deal", nor the regret "it should never have happened"."""
    state: DocState = token.doc._.dotterel
    for child in token.children:
        if child.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS
                                            for c in child.children):
            continue
        subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in child.children)
        if subj is not None and subj.lower_ != "it" and not perfect and actors_at(subj, state, "deontic"):
            return child
    return None


def _has_object(token: Token, wanted: frozenset[str], words: ObjectWords, via_prep: bool) -> bool:
    """Does the token take one of the wanted objects? ``words`` are its object words, computed
    once per token by the caller (``_object_words``) when it tries several entries; an entry
    that names its preposition ("took part in talks") also takes what that introduces."""
    if not wanted.isdisjoint(words.direct) or (via_prep and not wanted.isdisjoint(words.beside)):
        return True
    # "will release Prime Minister Mahendra Chaudhry", "allowed Ouattara to stand" (parsed
    # as the subject of a clausal complement)
    if not wanted & {"@person", "@actor"}:
        return False
    # a person undergoes "was executed", "was released"; "civilians to be allowed" are no object
    passive = ("nsubjpass",) if "@person" in wanted else ()
    objects = [c for c in token.children if c.dep_ in ("dobj", *passive)] + [
        s for c in token.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    return any((hit := token.doc._.dotterel.actor_at(c)) and ("@actor" in wanted or hit[0].kind == "person")
               for c in objects)


OBJECT_DEPS = ("dobj", "compound", "amod", "attr", "nsubjpass", "pobj", "oprd")


class ObjectWords(NamedTuple):
    direct: frozenset[str]
    beside: frozenset[str]
    """Nouns of prepositions next to a thing as direct object: "expressed hope in Pakistan's
    support" (the "in" phrase misparsed onto the verb) expresses hope, not support."""


NO_OBJECT_WORDS = ObjectWords(frozenset(), frozenset())


def _object_words(token: Token) -> ObjectWords:
    """Lemmas that count as a trigger's object: its objects and modifiers, the nouns of its
    prepositions, "applied to join NATO" (an infinitive), "pull out of the deal", "gave 5
    million dollars of aid" (the measure's "of" noun), "sending an aircraft carrier group and
    bombers" (the object's compound or conjunct). With a thing as direct object, the nouns of
    prepositions are kept apart; "provided Ukraine with weapons" has a recipient there."""
    words: set[str] = set()
    prepositional: set[str] = set()
    for child in token.children:
        dep = child.dep_
        if dep in OBJECT_DEPS:
            words.add(child.lemma_.lower())
        if dep == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            words.add(child.lemma_.lower())  # not "stop supplying drones"
        if dep == "prep" or (dep == "prt" and child.lower_ == "out"):
            for inner in child.children:
                if inner.dep_ == "pobj" and dep == "prep":
                    prepositional.add(inner.lemma_.lower())
                if child.lower_ == "out" and inner.dep_ == "prep" and inner.lower_ == "of":
                    words.update(g.lemma_.lower() for g in inner.children if g.dep_ == "pobj")
        if dep == "dobj":
            for inner in child.children:
                if inner.dep_ in ("compound", "conj"):
                    words.add(inner.lemma_.lower())
                if inner.dep_ == "prep" and inner.lower_ == "of":
                    words.update(g.lemma_.lower() for g in inner.children if g.dep_ == "pobj")
    thing = any(c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_ for c in token.children)
    if thing:
        return ObjectWords(frozenset(words), frozenset(prepositional))
    return ObjectWords(frozenset(words | prepositional), frozenset())


def actor_ref(arg: Argument | None) -> ActorRef | None:
    if arg is None:
        return None
    actor, span = arg.actor, arg.span
    return ActorRef(actor=actor.key, name=actor.name, country=actor.country, cameo=actor.cameo,
                    text=span.text, start=span.start_char, end=span.end_char)


def actors_at(token: Token, state: DocState, path: str, own_last: bool = False) -> list[Argument]:
    """Actors named by an argument head, following coordination, 'of' phrases and possessors."""
    found: list[Argument] = []
    for head in _conjuncts(token):
        hit = state.actor_at(head)
        if hit is not None and hit[0].key.startswith("group:") and hit[0].sector in ("MIL", "COP", "GOV") \
                and (named := _country_modifiers(head, state)):
            # "U.S. and British warplanes": the countries, not an unnamed group of warplanes
            found.extend(Argument(h[0], h[1], f"{path}>mod") for h in named)
            continue
        if hit is not None and hit[0].key.startswith("group:") and any(a.path.endswith(">mod") for a in found):
            continue  # "... warplanes and warships": the countries named already own both
        if hit is not None and hit[0].key.startswith("group:") and hit[0].sector in ARMED_SECTORS and any(
                a.actor.kind == "armed_group" and a.span.root.i > a.span.start for a in found):
            continue  # "Islamic State gunmen and suicide bombers": the name covers both
        if hit is None and head.i in state.token_group:
            # "after the two countries refused": each of the actors named together before
            span = head.doc[head.left_edge.i: head.i + 1]
            found.extend(Argument(state.actors[key], span, path + ">counted") for key in state.token_group[head.i])
            continue
        if hit is None and head.pos_ == "PROPN" and (capital := _capital(head, state)):
            found.extend(capital)  # "Washington and Moscow agreed", the NER having missed one
            continue
        if hit is not None:
            found.append(Argument(hit[0], hit[1], path))
            # "the leaders of Qatar and Egypt": one role, several countries
            of = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
            if of and len(_conjuncts(of[0])) >= 2:
                found.extend(Argument(h[0], h[1], f"{path}>of") for c in _conjuncts(of[0])[1:]
                             if (h := state.actor_at(c)) is not None and h[0] is not hit[0])
            # "Israeli and Saudi officials": each coordinated modifier is its own actor.
            for mod in (c for c in head.children if c.dep_ in ("amod", "nmod")):  # "Russia and Western countries"
                if len(_conjuncts(mod)) < 2:
                    continue  # "FARC leader Rodrigo Londono" is one actor, not two
                for other in _conjuncts(mod):
                    extra = state.actor_at(other)
                    if extra is not None and extra[0] is not hit[0]:
                        found.append(Argument(extra[0], extra[1], f"{path}>amod"))
            continue
        found.extend(_modifier_actors(head, state, path, own_last=own_last))
    unique: dict[str, Argument] = {}
    for arg in found:
        unique.setdefault(arg.actor.key, arg)
    return list(unique.values())


HOUSING = {"house", "host", "shelter", "hold"}
GOODS = {"good", "import", "export", "product", "vehicle", "car", "steel", "aluminium", "aluminum",
         "item", "commodity", "shipment", "oil", "gas", "grain", "chip", "semiconductor"}
"""Traded things, whose origin names whom a tariff or ban is aimed at."""
NOUN_ARG_PREPS = ("of", "against", "with", "by", "from", "to", "on", "for")


def _country_modifiers(head: Token, state: DocState) -> list[tuple[ActorEntity, Span]]:
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    hits = [h for m in mods for c in _conjuncts(m) if (h := state.actor_at(c)) is not None
            and h[0].kind in ("country", "igo", "armed_group", "organisation")]
    return list({h[0].key: h for h in hits}.values())


def _modifier_actors(head: Token, state: DocState, path: str, depth: int = 0,
                     own_last: bool = False) -> list[Argument]:
    """Actors inside an argument noun phrase: "Israel's actions", "an Australian ultimatum",
    "the arrest of thousands of Palestinians", "further action against Russia". For a target,
    "its" comes last: in "rushed troops to its border with China" the target is China."""
    children = list(head.children)
    quantity = head.pos_ in ("ADJ", "DET") and any(c.dep_ == "prep" and c.lower_ == "of" for c in children)
    if depth > 2 or (head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not quantity):
        return []  # a quantity word: "killed several of its top commanders"
    # "its European Community partners": a named modifier says more than "its".
    for child in children:
        if child.dep_ == "poss" and child.lower_ not in OWN and (
                found := actors_at(child, state, f"{path}>poss")):
            return found
    for child in children:
        if child.dep_ == "acl" and child.lemma_.lower() in HOUSING and (
                found := _targets_in(child, ("dobj",), state)):
            return found  # "fired missiles at two Iraqi bases housing U.S. troops": at the troops
    for child in children:
        if child.dep_ == "amod" and (found := _leader(child, state)):
            return [Argument(a.actor, a.span, f"{path}>{a.path}") for a in found]  # "the Saudi-led bloc"
        if child.dep_ in ("amod", "compound", "nmod") and state.actor_at(child):
            # "U.S. and Russian officials": each coordinated modifier names an actor.
            hits = [h for c in _conjuncts(child) if (h := state.actor_at(c))]
            unique = {h[0].key: Argument(h[0], h[1], f"{path}>{child.dep_}") for h in reversed(hits)}
            return list(reversed(unique.values()))
    for child in children:
        if child.dep_ == "poss" and not own_last and (found := actors_at(child, state, f"{path}>poss")):
            return found
    for child in children:
        # "a rocket launched by Islamic Jihad militants", "weapons supplied by Iran"
        agent = next((c for c in child.children if c.dep_ == "agent"), None) if child.dep_ == "acl" else None
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and (found := actors_at(pobj, state, f"{path}>acl>by")):
            return found
    for child in children:
        # "tariffs on goods imported from the United States", "vehicles made in China"
        if child.dep_ == "acl" and child.tag_ == "VBN" and head.lemma_.lower() in GOODS:
            for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in ("from", "in")):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, f"{path}>acl>{prep.lower_}")):
                    return found
    # Below the argument's own head, "in"/"across" name whose things they are: "struck
    # nine sites in Pakistan", "strikes on cities across Ukraine".
    for word in NOUN_ARG_PREPS + ("in", "across", "inside", "near"):
        for child in children:
            if child.dep_ == "prep" and child.lower_ == word:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                # "dozens of princes, ministers and businessmen": any coordinate may name one
                if any(state.actor_at(c) for c in _conjuncts(pobj)):
                    return actors_at(pobj, state, f"{path}>{word}")
                if word in NOUN_ARG_PREPS and (capital := _capital(pobj, state)):
                    return capital
                if found := _modifier_actors(pobj, state, f"{path}>{word}", depth + 1, own_last):
                    return found
    if own_last:
        for child in children:
            if child.dep_ == "poss" and (found := actors_at(child, state, f"{path}>poss")):
                return found
    return []


def _conjuncts(token: Token) -> list[Token]:
    """A head and its coordinates. "Saudi Arabia, the UAE, Egypt and Bahrain" comes out as
    an apposition with conjuncts; an apposition counts only when it names another actor of
    the same kind (a country beside a country), not a title ("Haniyeh, the Hamas chief")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and (_same_kind(token, child) or _listing(child))):
            out.extend(_conjuncts(child))
    return out


def _listing(appos: Token) -> bool:
    """"warrants for Netanyahu, his former defence minister Yoav Gallant and Hamas commander
    Mohammed Deif": a list the parser read as appositions; a coordinate below says so."""
    return any(c.dep_ == "conj" or c.dep_ == "appos" and _listing(c) for c in appos.children)


def _same_kind(head: Token, other: Token) -> bool:
    state: DocState = head.doc._.dotterel
    a, b = state.actor_at(head), state.actor_at(other)
    return a is not None and b is not None and a[0] is not b[0] and a[0].kind == b[0].kind \
        and a[0].kind in ("country", "igo", "armed_group", "organisation")


def find_sources(token: Token, state: DocState) -> list[Argument]:
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_sources(token, state)
    if found := _opening_subject(token, state):
        return found
    if token.dep_ == "amod" and any(c.text == "-" for c in token.children):
        # "a Russian-brokered ceasefire", "Iran-backed militias": the modifier did it
        for child in token.children:
            if child.dep_ in ("npadvmod", "compound", "amod", "nmod") and (
                    found := actors_at(child, state, "hyphen")):
                return found
    for child in token.children:
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := actors_at(pobj, state, "agent")):
                return found  # not "shipped by rail"
    if (found := _agent_of_means(token, state)):
        return found
    if any(c.dep_ == "nsubjpass" for c in token.children):
        # "Ukraine was promised tanks by its Western allies", "food was delivered to the town
        # by the Red Cross": the parser hung "by" on the object or on the destination
        holders = [c for c in token.children if c.dep_ == "dobj"] + [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for obj in holders:  # "was given a tour of Russia's space centre by Putin"
            for by in (c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "by"):
                pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, "dobj>agent")):
                    return found
    for child in token.children:
        if child.dep_ == "nsubjpass" and child.i not in state.token_actor and \
                state.event_tokens.get(token.i) in ("CONCEDE", "RETREAT") and (found := _own_author(child, state)):
            # "unless Western restrictions on its farm exports are eased": eased by their author
            return [Argument(a.actor, a.span, "nsubjpass>" + a.path) for a in found]
        if child.dep_ == "nsubjpass" and child.i not in state.token_actor and \
                state.event_tokens.get(token.i) == "AID":
            if found := actors_at(child, state, "nsubjpass(sent)"):
                return found  # "North Korean artillery shells were shipped to Russia"
        if child.dep_ == "nsubjpass" and token.lemma_.lower() in STATIVE_PASSIVES:
            return actors_at(child, state, "nsubjpass(stative)")  # "Vietnam is committed to"
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                # "police, who detained 1,700 people": the relative pronoun is the noun
                if _civilian_craft(token.head):
                    return []  # "the downing of a Russian passenger jet that killed 224": no Russian act
                return actors_at(token.head, state, "relcl<head")
            if child.lemma_.lower() in DOCUMENTS and token.dep_ == "ccomp" and \
                    token.head.lemma_.lower() in ENACTING and child.i not in state.token_actor:
                # "Putin signed documents formally annexing four regions": whoever signed
                return [Argument(a.actor, a.span, "signed<" + a.path) for a in find_sources(token.head, state)
                        if a.path != "nearest"]
            return _subject_actors(child, state)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in COMMANDS:
        return [Argument(a.actor, a.span, "ordered<" + a.path) for a in find_sources(token.head, state)]
    if _infinitive_relative(token) and token.head.dep_ == "dobj" and token.head.head.lemma_ == "have" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        # "it had nothing more to talk about with Seoul", "has no plans to attack": whoever has
        return [Argument(a.actor, a.span, "relcl<dobj<" + a.path) for a in find_sources(token.head.head, state)
                if a.path != "nearest"]
    if token.dep_ == "xcomp" and token.head.dep_ == "acomp" and token.head.pos_ == "ADJ":
        # "Syria says it is willing to withdraw": the subject of "is willing" withdraws.
        return [Argument(a.actor, a.span, "xcomp<acomp<" + a.path)
                for a in find_sources(token.head.head, state)]
    if token.dep_ == "xcomp" and (obj := _controller(token.head)) is not None:
        # Object control: in "urged Israel to agree", Israel is who would agree.
        return [Argument(a.actor, a.span, "xcomp<dobj") for a in actors_at(obj, state, "dobj")]
    if token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
        # "while urging its leaders ...": a participle has no subject of its own, marked or not
        if not any(c.dep_ == "mark" for c in token.children) or token.tag_ == "VBG":
            inherited = find_sources(_speakers_clause(token) or token.head, state)
            if _shared_passive(token) is not None:  # "was ambushed and killed": the victim did neither
                inherited = [a for a in inherited if a.path != "nearest"]
            return [Argument(a.actor, a.span, f"{token.dep_}<{a.path}") for a in inherited]
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ == "by":
        # "Maduro responded by cutting ties": the means is the responder's own act.
        return [Argument(a.actor, a.span, "by<" + a.path) for a in find_sources(token.head.head, state)
                if a.path != "nearest"]
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ in SETTING_PREPS | {
            "without", "while", "upon", "despite"}:
        # "seized the vessels after opening fire on them": the same subject fired; "joined
        # Britain in expelling diplomats": Britain too
        governor = token.head.head
        found = [Argument(a.actor, a.span, f"{token.head.lower_}<" + a.path)
                 for a in find_sources(governor, state) if a.path != "nearest"]
        if governor.lemma_.lower() == "join" and token.head.lower_ == "in":
            found += [Argument(a.actor, a.span, "joined>" + a.path) for c in governor.children
                      if c.dep_ == "dobj" for a in actors_at(c, state, "dobj")]
        return found
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":
        # "accused the US of supporting Israel": the accused is who supports.
        governor = token.head.head
        obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return actors_at(obj, state, "pcomp<dobj")
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.i not in state.token_actor and (
            found := _own_author(token.head, state)):
        return [Argument(a.actor, a.span, "acl<" + a.path) for a in found]  # "a U.N. resolution condemning"
    if token.dep_ == "acl" and token.head.dep_ in ("dobj", "attr", "pobj") and token.tag_ != "VBN" \
            and token.head.lemma_.lower() not in AGENT_NOUNS:
        # "issued a declaration demanding that ...", "filed a case at the court accusing ...":
        # who issued or filed it demands or accuses; not "rejected the terms offered by ..."
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subj is not None and (found := actors_at(subj, state, "acl<nsubj")):
            return found
    if token.dep_ in ("ROOT", "conj") or (token.dep_ == "ccomp" and token.head.dep_ == "ROOT"):
        return _nearest_before(token, state)
    return []


AGENT_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor", "ally",
               "rival", "leader", "people", "those", "others", "group", "member"}
"""Nouns a participle describes as its doer: in "the significance of nations opposing Israel's
offensive" the nations oppose, not whoever spoke of them; a "power" used "to warn" is a means."""


def _leader(modifier: Token, state: DocState) -> list[Argument]:
    """"student-led protests", "the Saudi-led bloc": whoever leads acts."""
    if modifier.lemma_.lower() != "lead" or not any(c.text == "-" for c in modifier.children):
        return []
    return [a for c in modifier.children if c.dep_ in ("npadvmod", "compound")
            for a in actors_at(c, state, "led-by")]


def _opening_subject(verb: Token, state: DocState) -> list[Argument]:
    """"Trump imposed tariffs on ...", parsed with "Trump" as a noun or verb and "imposed" as a
    modifier of "tariffs": an actor that opens the sentence right before a verb the parser
    made a modifier is that verb's subject."""
    if verb.pos_ != "VERB" or verb.dep_ != "amod" or verb.i == verb.sent.start:
        return []
    hit = state.actor_at(verb.doc[verb.i - 1])
    if hit is None or hit[1].start != verb.sent.start or hit[1].end != verb.i:
        return []
    return [Argument(hit[0], hit[1], "opening")]


DOCUMENTS = {"document", "decree", "law", "bill", "order", "resolution", "directive", "legislation",
             "memorandum", "treaty", "agreement", "deal"}
ENACTING = {"sign", "issue", "approve", "pass", "adopt", "enact", "publish"}
STATIVE_PASSIVES = {"commit", "determine", "resolve", "dedicate", "engage", "involve", "poise"}
"""Passives that describe their subject's own stance: "Vietnam is committed to reform"."""


def _subject_actors(subj: Token, state: DocState) -> list[Argument]:
    """The actors a subject names. An event noun stands for its own author ("US Predator
    attacks have killed ..."); a participle the parser made the subject stands for its own
    subject ("The Red Cross operating in Iraq said ...")."""
    if found := actors_at(subj, state, "nsubj"):
        return found
    if subj.pos_ == "VERB" and (inner := next((c for c in subj.children if c.dep_ == "nsubj"), None)):
        return actors_at(inner, state, "nsubj>nsubj")
    if subj.i in state.event_tokens:
        return [Argument(a.actor, a.span, "nsubj(event)>" + a.path) for a in _noun_sources(subj, state)]
    return []


BLAMING = {"blame", "attribute", "pin"}
BLAMING_WORDS = BLAMING | {"responsible", "point", "hold"}
"""Words of an accusation whose target may be credited with an authorless attack."""


def _claimed_author(noun: Token, state: DocState) -> list[Argument]:
    """Who is said to be behind an attack: "a strike that the group blamed on Israel",
    "strikes ... were claimed by the Houthis", "attacks blamed on al Shabaab"."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)
    for verb in verbs:
        lemma = verb.lemma_.lower()
        for prep in verb.children:
            wanted = (lemma in BLAMING and prep.dep_ == "prep" and prep.lower_ in ("on", "to")) or \
                (lemma in ("claim", "blame") and prep.dep_ == "agent" and lemma == "claim")
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if wanted else None
            if pobj is not None and (found := actors_at(pobj, state, f"claimed:{lemma}")):
                return found
    return []


def _controller(verb: Token) -> Token | None:
    """Who is to do what a verb asks: "urged Israel to agree", "called on Iran to stop"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and verb.lemma_.lower() in OBJECT_CONTROL and any(c.dep_ == "auxpass" for c in verb.children):
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "Israel was urged to"
    if obj is None and verb.lemma_.lower() in ("call", "prevail", "press", "appeal", "count", "rely"):
        on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")), None)
        obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    return obj


def _noun_sources(token: Token, state: DocState) -> list[Argument]:
    if token.dep_ == "dobj" and token.head.lemma_.lower() in COMMANDS:
        # "ordered patrols by police": the one who ordered them.
        return [Argument(a.actor, a.span, "ordered<" + a.path) for a in find_sources(token.head, state)]
    # In "calls for a ceasefire from the UN" the "from" phrase belongs to the call.
    requested = token.dep_ == "pobj" and token.head.lower_ == "for" and \
        token.head.head.lemma_.lower() in IRREALIS
    if token.lemma_.lower() == "request" and token.dep_ == "pobj" and token.head.lower_ == "at":
        # "at the request of the United States": who asked is in the "of" phrase
        if found := _targets_in(token, ("of", "poss"), state):
            return [Argument(a.actor, a.span, "request<" + a.path) for a in found]
    if _to_ones_aid(token):
        verb = token.head.head
        return [Argument(a.actor, a.span, "to-aid<" + a.path) for a in find_sources(verb, state)
                if a.path != "nearest"]
    for child in token.children:
        if child.dep_ == "poss":
            found = actors_at(child, state, "poss")
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and not requested:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            ranged = child.lower_ == "from" and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
            if pobj is not None and (found := actors_at(pobj, state, f"prep:{child.lower_}")
                                     or (not ranged and _capital(pobj, state))):
                return found  # "warnings from Washington", not "attacks from Paris to Dallas"
    for child in token.children:
        if child.dep_ in ("compound", "amod") and (hit := state.actor_at(child)) and not _attacked_name(token, child, state):
            return [Argument(hit[0], hit[1], child.dep_)]
        if child.dep_ == "amod" and (found := _opening_subject(child, state) or _leader(child, state)):
            return found
    for child in token.children:  # "US Predator attacks": the actor modifies the modifier
        if child.dep_ == "compound" and not state.actor_at(child) and (hit := _modifier_actor(child, state)) \
                and not _attacked_name(token, child, state):
            return [Argument(hit[0], hit[1], "compound>compound")]
    if found := _claimed_author(token, state):
        return found
    if token.lemma_.lower() in IRREALIS:  # "calls for a ceasefire from the UN"
        for content in _for_objects(token):
            for child in content.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and (found := actors_at(pobj, state, f"for>{child.lower_}")):
                        return found
    governor = token.head
    if token.dep_ == "dobj" and governor.lemma_.lower() in REACTION_VERBS:
        # "drawing criticism from Kyiv": the prepositional phrase hangs on the verb
        for prep in (c for c in governor.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := actors_at(pobj, state, f"reaction>{prep.lower_}")):
                return found
    if token.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in CLAIMING:
        # "accused Myanmar of genocide": the accused is the alleged author
        obj = next((c for c in governor.head.children if c.dep_ == "dobj"), None)
        if obj is not None and (found := actors_at(obj, state, "accused-of")):
            return found
    if token.dep_ == "pobj" and governor.lower_ == "of" and governor.head.pos_ in ("NOUN", "NUM") \
            and governor.head.i != token.i and not (governor.head.lemma_.lower() in TIME_MEASURES
                                                   and governor.head.dep_ == "pobj") \
            and not _about_the_event(governor.head, token, state):  # "during a week of"
        # "a $95 billion package of military aid": whoever gives the package gives the aid.
        return _noun_sources(governor.head, state)
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" and \
            token.head.head.lemma_.lower() in WARNING_VERBS and (
            warned := next((c for c in token.head.head.children if c.dep_ == "dobj"), None)) is not None and (
            found := actors_at(warned, state, "warned")):
        # "warned North Korea that any further threats would be met with fire": the one warned
        return found
    if token.dep_ == "appos" and (act := _appositive_event(token, state)) is not None:
        # "military drills around Taiwan, a warning to Taipei", "three days of drills, a
        # warning": the drills' author warns
        return [Argument(a.actor, a.span, "appos<" + a.path) for a in _noun_sources(act, state)]
    if token.dep_ == "pobj" and governor.lower_ in ("with", "on") and governor.head.pos_ == "VERB" and \
            governor.head.lemma_.lower() in CARRYING_ON and governor.head.i not in state.event_tokens:
        # "was urged to hold off on an assault", "pressed ahead with the offensive": whoever
        # holds off or goes ahead is the one who would act
        return [Argument(a.actor, a.span, f"{governor.head.lemma_}-{governor.lower_}<" + a.path)
                for a in find_sources(governor.head, state) if a.path != "nearest"]
    if token.dep_ == "pobj" and (governor.lower_ == "in" or governor.lower_ == "as" and
                                 governor.head.lemma_.lower() not in JUDGING) and \
            token.lemma_.lower() in STANCE_NOUNS and (
            verb := next((a for a in governor.ancestors if a.pos_ in ("VERB", "AUX")), None)) is not None:
        # "fired a missile in defiance of the UN": the one who fired defied
        return [Argument(a.actor, a.span, f"{governor.lower_}<" + a.path)
                for a in find_sources(verb, state) if a.path != "nearest"]
    anchor = token.head.head if token.dep_ == "pobj" and governor.lower_ == "of" and \
        token.head.head.lemma_.lower() in TIME_MEASURES else token
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("at", "during") and \
            state.event_tokens.get(token.i) == "PROTEST" and anchor.head.head.pos_ == "VERB":
        # "burned their headscarves at protests": the subject protested; "police detained
        # 3,000 people at rallies", "during a week of demonstrations": those detained did
        verb = anchor.head.head
        if verb.lemma_.lower() in REPORTING:
            return []  # "Trump told the audience at a rally": a speaker, not a protester
        if state.event_tokens.get(verb.i) == "COERCE":
            found = [a for c in verb.children if c.dep_ == "dobj" for a in actors_at(c, state, "dobj")]
        else:
            found = [a for a in find_sources(verb, state) if a.path != "nearest"]
        if found:
            return [Argument(a.actor, a.span, "protest-setting<" + a.path) for a in found]
    if token.dep_ == "pobj" and (governor.lower_ in SETTING_PREPS and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in token.children) or governor.lower_ in (
            "during", "on") and token.lemma_.lower() in ("visit", "trip", "tour")):
        # "said during a visit to Tel Aviv": the subject made the visit
        # "declared martial law after clashes with Azerbaijan": the subject took part.
        verb = governor.head
        if verb.pos_ in ("VERB", "AUX"):
            return [Argument(a.actor, a.span, "setting<" + a.path)
                    for a in find_sources(verb, state) if a.path != "nearest"]
    if (verb := _meeting_setting(token)) is not None and not any(c.dep_ in ("acl", "relcl") for c in token.children):
        # "Xi and Putin pledged ... during talks in Moscow", "said it was ready ... after talks
        # in Jeddah": those who acted held the talks (not "after talks mediated by China")
        found = [Argument(a.actor, a.span, "meeting<" + a.path)
                 for a in find_sources(verb, state) if a.path != "nearest"]
        return found if len(found) <= 2 else []
    if token.dep_ == "pobj" and governor.lower_ == "with" and token.lemma_.lower() in BACKING and (
            found := _targets_in(token, ("of",), state)):
        # "declared himself president with the backing of Washington": Washington backs him
        return [Argument(a.actor, a.span, "with-backing>" + a.path) for a in found]
    if token.dep_ == "pobj" and governor.lower_ in ("to", "on") and governor.head.lemma_.lower() in (
            "agree", "commit", "consent", "return", "turn") and state.event_tokens.get(token.i) == "CONSULT":
        # "whether North Korea would agree to talks with Washington": the one agreeing talks
        return [Argument(a.actor, a.span, "agree-to<" + a.path) for a in find_sources(governor.head, state)
                if a.path != "nearest"]
    if token.dep_ == "pobj" and governor.lower_ == "for" and governor.head.pos_ == "VERB" and \
            governor.head.i not in state.event_tokens:
        # "negotiators return to Geneva for talks": who comes for the talks holds them
        return [Argument(a.actor, a.span, "for<" + a.path) for a in find_sources(governor.head, state)
                if a.path != "nearest"]
    if token.dep_ == "conj" and governor.pos_ == "NOUN" and governor.i in state.event_tokens:
        # "resumed military aid and intelligence sharing": one author for both
        return [Argument(a.actor, a.span, "conj<" + a.path) for a in _noun_sources(governor, state)]
    if token.dep_ == "dobj" and governor.pos_ == "VERB" and (
            governor.lemma_ in LIGHT_VERBS or governor.i not in state.event_tokens or (
                state.event_tokens[governor.i] == "REJECT" and token.lemma_.lower() in MEETINGS) or (
                state.event_tokens[governor.i] == "THREATEN" and governor.lemma_.lower() in OFFERS)) and \
            governor.lemma_.lower() not in STANCE_VERBS | UNDERGOING:
        # "Trump doubled tariffs on Turkish steel": whoever does the verb does the event,
        # unless the verb is an event of its own ("condemned the attack").
        return find_sources(governor, state)
    return []


TIME_MEASURES = {"week", "day", "month", "night", "year", "hour", "weekend"}
"""Spans of time that measure an event noun: "during a week of demonstrations"."""


RELEASED = {"hostage", "prisoner", "detainee", "captive", "body", "remains", "sailor", "soldier"}
JUSTICE_SECTORS = {"COP", "JUD", "GOV"}


def _authorities_handed_to(verb: Token, state: DocState) -> list[Argument]:
    """The state or justice organ a person is handed over to, when it is one ("to French
    authorities", "to the United States"); hostages handed to the Red Cross are released."""
    handed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lemma_.lower() in RELEASED for c in handed):
        return []
    recipients = _targets_in(verb, ("to",), state)
    if recipients and all(a.actor.kind == "country" or a.actor.sector in JUSTICE_SECTORS and a.actor.country
                          for a in recipients):
        return recipients
    return []


def _own_gathering(noun: Token) -> bool:
    """"at its summit", "the alliance's summit": an organisation's own meeting, with no one
    else named in it."""
    if noun.lemma_.lower() not in MEETINGS or any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                                                 for c in noun.children):
        return False
    state: DocState = noun.doc._.dotterel
    owner = next((state.actor_at(c) for c in noun.children if c.dep_ == "poss"), None)
    return owner is not None and owner[0].kind in ("igo", "organisation")


def _meeting_setting(token: Token) -> Token | None:
    """"during talks in Moscow", "at their first meeting", "after six hours of talks": a meeting
    as the setting of another act; returns that act's verb."""
    if token.lemma_.lower() not in MEETINGS or token.dep_ != "pobj":
        return None
    anchor = token.head.head if token.head.lower_ == "of" and token.head.head.lemma_.lower() in TIME_MEASURES \
        else token
    verb = anchor.head.head
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("during", "after", "following", "at") and \
            verb.pos_ in ("VERB", "AUX"):
        return verb
    return None


def _speakers_clause(token: Token) -> Token | None:
    """"demanded that Turkey free the pastor, threatening sanctions": a speech-act participle
    the parser hung on the reported clause continues the main speaker's words."""
    head = token.head
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in SPEECH_ACTS and \
            head.dep_ == "ccomp" and head.head.lemma_.lower() in IRREALIS | REPORTING:
        return head.head
    return None


SPEECH_ACTS = {"threaten", "warn", "say", "accuse", "urge", "demand", "insist", "vow", "promise", "call",
               "add", "argue", "stress", "claim"}
"""Participles that continue what the main speaker says, not what the reported clause's subject does."""
WARNING_VERBS = {"warn", "caution", "tell", "remind"}
CARRYING_ON = {"hold", "go", "press", "push", "proceed", "move", "forge", "carry", "plough", "plow"}


def _appositive_event(appos: Token, state: DocState) -> Token | None:
    """The act an apposition sums up: its head, or the event noun whose phrase the parser
    hung it inside ("drills around Taiwan, a warning" hung on "Taiwan")."""
    head = appos.head
    while head.pos_ in ("NOUN", "PROPN"):
        if (act := _measured_event(head, state)) is not None:
            return act
        if head.dep_ != "pobj" or head.head.head.pos_ not in ("NOUN", "PROPN"):
            return None
        head = head.head.head
    return None


def _measured_event(noun: Token, state: DocState) -> Token | None:
    """The event noun itself, or the one a measure noun counts ("three days of drills")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.i in state.event_tokens:
        return noun
    return next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj" and g.i in state.event_tokens), None)


STANCE_VERBS = {"challenge", "oppose", "welcome", "criticise", "criticize", "question", "protest",
                "support", "back", "applaud", "hail", "praise", "fear", "expect", "predict",
                "investigate", "probe", "review", "report", "deny", "discuss", "debate"}
"""Verbs that take a stand on an act someone else does: "planned to challenge the deployment"."""
STANCE_NOUNS = {"defiance", "violation", "breach", "protest", "retaliation", "response", "solidarity",
                "support", "defence", "defense", "reprisal", "revenge", "warning", "punishment",
                "signal", "message", "gesture"}
JUDGING = {"condemn", "denounce", "describe", "call", "dismiss", "brand", "reject", "label", "see",
           "view", "regard", "characterise", "characterize", "criticise", "criticize", "slam"}
"""Verbs whose "as" phrase judges their object: "condemned the move as a breach"."""
"""Nouns that say what an act stands for: "in defiance of", "in retaliation for"."""
SETTING_PREPS = {"after", "during", "following", "before", "at", "in", "since"}


def _agent_of_means(token: Token, state: DocState) -> list[Argument]:
    """A passive with no agent but a means that has one: "was killed in a raid by U.S.
    special forces" -- the raid's agent did the killing."""
    if not any(c.dep_ == "nsubjpass" for c in token.children):
        return []
    if any(c.dep_ == "agent" for c in token.children):
        return []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
                pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, "means>by")):
                    return found
            if found := _claimed_author(noun, state):
                return found
            if noun.i in state.event_tokens and (found := _own_author(noun, state)):
                return [Argument(a.actor, a.span, "means>" + a.path) for a in found]
    return []


def _own_author(noun: Token, state: DocState) -> list[Argument]:
    """The author an event noun names itself: "an Israeli air strike", "Russia's shelling"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in OWN and (found := actors_at(child, state, "poss")):
            return found
        if child.dep_ in ("compound", "amod") and (hit := state.actor_at(child)) and not _attacked_name(noun, child, state):
            return [Argument(hit[0], hit[1], child.dep_)]
    return []


TOPIC_NOUNS = {"handling", "explanation", "account", "report", "coverage", "review", "response",
               "reaction", "aftermath", "anniversary", "memory", "description", "analysis",
               "knowledge", "version", "narrative", "understanding", "view", "assessment",
               "footage", "video", "image", "news", "detail", "story", "victim", "survivor"}
"""Nouns whose "of" event is what they are about: the Obama administration's handling of
the attack did not make it its own."""


def _about_the_event(noun: Token, event: Token, state: DocState) -> bool:
    """"X's handling of the attack", "Russia's condemnation of the attack": the owner speaks
    of or deals with the event; "a package of aid", "a barrage of strikes" are the event."""
    other = state.event_tokens.get(noun.i)
    return noun.lemma_.lower() in TOPIC_NOUNS or (other is not None and other != state.event_tokens.get(event.i))


def _attacked_name(noun: Token, modifier: Token, state: DocState) -> bool:
    """"the Charlie Hebdo attack", "the Benghazi attack": a name on an attack noun that is
    neither armed nor a state tells what was hit; "the Hamas attack" keeps its author. A
    country on an inquiry is what is looked into; "the FBI investigation" keeps its author."""
    hit = _modifier_actor(modifier, state)
    if modifier.dep_ != "compound" or hit is None:
        return False
    if noun.lemma_.lower() in INQUIRIES:
        return hit[0].kind == "country"  # "the Russia investigation" looks into Russia
    return state.event_tokens.get(noun.i) == "ASSAULT" and hit[0].kind in ("person", "organisation") \
        and not _armed(hit[0]) and not _names_a_state(hit[1])


INQUIRIES = {"investigation", "probe", "inquiry"}


def _names_a_state(span: Span) -> bool:
    """"US Predator" (tagged as one organisation): a country's word inside marks the owner."""
    from .kb import load_kb
    kb = load_kb()
    return any((hit := kb.lookup(t.text)) is not None and hit[0].kind == "country" for t in span)


def _modifier_actor(modifier: Token, state: DocState) -> tuple[ActorEntity, Span] | None:
    """The actor a modifier names, itself or through its own compound ("US Predator")."""
    return state.actor_at(modifier) or next((state.actor_at(g) for g in modifier.children
                                             if g.dep_ in ("compound", "amod") and state.actor_at(g)), None)


def _noun_means(noun: Token, state: DocState) -> list[Argument]:
    """"the killing of aid workers in an Israeli air strike": the means' author."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "during")):
        for means in (c for c in prep.children if c.dep_ == "pobj" and c.i in state.event_tokens):
            if found := _own_author(means, state):
                return [Argument(a.actor, a.span, "means>" + a.path) for a in found]
    return []


def _for_objects(token: Token) -> list[Token]:
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ == "for"
            for c in p.children if c.dep_ == "pobj"]


def _nearest_before(token: Token, state: DocState) -> list[Argument]:
    """A clause whose subject the parser lost: the closest actor before the verb, in its sentence,
    preferring one the parse puts in a subject-like role."""
    found: list[Argument] = []
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.pos_ in ("NOUN", "PROPN") and before.head.i != token.i:
        # "after Russian missiles and drones struck Kyiv", parsed as "after <noun>" and a
        # clause with no subject: the noun right before the verb is its subject
        first = before
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if adjacent := actors_at(first, state, "adjacent"):
            return adjacent
    for prev in reversed(token.sent[: token.i - token.sent.start]):
        hit = state.actor_at(prev)
        if hit is None or hit[0].kind not in ("person", "organisation", "armed_group", "igo", "country"):
            continue
        if (hit[0].cameo or "").endswith(("CVL", "REF")):
            continue  # hostages, victims and refugees are not who lost subjects stand for
        if hit[1].root.dep_ in ("nsubj", "appos", "ROOT", "nsubjpass"):
            return [Argument(hit[0], hit[1], "nearest")]
        if not found and hit[1].root.dep_ not in ("pobj", "poss", "dobj", "compound", "amod"):
            found.append(Argument(hit[0], hit[1], "nearest"))
    return found


def find_targets(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    where = trigger.target or (("dobj",) if trigger.pos == "VERB" else ("on", "against", "of"))
    if trigger.type == "MOBILIZE":
        # "mobilized army reservists for a war against Iraq": what is mobilised is one's own.
        where = tuple(w for w in where if w != "dobj") or ("against", "to", "near", "for")
        # "massed troops near its border with Ukraine": the place may hang on the troops
        inside = [Argument(a.actor, a.span, "dobj>" + a.path) for c in token.children if c.dep_ == "dobj"
                  for a in _targets_in(c, where, state)]
        return _targets_in(token, where, state) or inside or _warned(token, state) or \
            _fallback_targets(token, trigger, state, skip=("dobj",))
    if _to_ones_aid(token):
        return [Argument(a.actor, a.span, "to-aid>" + a.path) for c in token.children if c.dep_ == "poss"
                for a in actors_at(c, state, "poss")]
    if trigger.type in ("ACCUSE", "SUPPORT") and token.pos_ == "VERB" and not trigger.object and (
            found := _authors_of_object(token, state)):
        return found
    if (shared := _shared_passive(token)) is not None and (found := actors_at(shared, state, "conj<nsubjpass")):
        return found
    for child in token.children:
        if child.dep_ == "nsubjpass" and token.pos_ == "VERB" and token.lemma_.lower() not in STATIVE_PASSIVES:
            if child.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                return actors_at(token.head, state, "relcl<head")  # "Bout, who was released by"
            if trigger.type == "AID" and child.i not in state.token_actor:
                break  # "North Korean shells were shipped to Russia": what was sent, not to whom
            if found := actors_at(child, state, "nsubjpass"):
                return found
    if (backed := _backed(token, state)) and any(s.path.startswith("with-backing") for s in _noun_sources(token, state)):
        return backed
    found = _targets_in(token, where, state)
    if found and trigger.type in ("AID", "AGREE") and all(a.path.startswith("dobj>") for a in found) and (
            recipients := _targets_in(token, ("to",), state)):
        found = recipients  # "donate doses of the Pfizer vaccine to poorer countries"
    if not found and trigger.object:
        # "held their first meeting with Obama": the preposition hangs on the object noun.
        for obj in _object_nouns(token, trigger.object):
            found = [Argument(a.actor, a.span, "object>" + a.path)
                     for a in _targets_in(obj, [w for w in where if w != "dobj"], state)]
    if not found and token.pos_ == "VERB":
        # "reversed its decision to end a pact with Japan": whom the decided act concerns
        found = [Argument(a.actor, a.span, "dobj>acl>" + a.path) for obj in token.children
                 if obj.dep_ == "dobj" and obj.lemma_.lower() in REFERENT_NOUNS for clause in obj.children
                 if _infinitive_relative(clause) for a in _targets_in(clause, ("dobj", *FALLBACK_PREPS), state)]
    if found and all(a.actor.key.startswith("group:") and a.actor.sector not in VICTIM_SECTORS
                     for a in found) and token.pos_ == "VERB":
        # "massed troops near its border with Ukraine": an unnamed group in the object is
        # often the actor's own; a named actor elsewhere is the better target.
        better = [a for a in _fallback_targets(token, trigger, state, skip=("dobj",))
                  if not a.actor.key.startswith("group:")]
        return better or found
    if found:
        return found
    if token.pos_ != "VERB":
        if token.lemma_.lower() in IRREALIS and any(c.dep_ == "prep" and c.lower_ == "by"
                                                     for c in token.children):
            # "the plea for support from Pakistan by Haniyeh": asked of Pakistan.
            for content in _for_objects(token):
                if found := _targets_in(content, ("from",), state):
                    return found
        if found := _targets_in(token, NOUN_FALLBACK_PREPS, state):
            return [Argument(a.actor, a.span, "~" + a.path) for a in found]
        for other in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"):
            # "resumed military aid and intelligence sharing with Kyiv": the phrase is shared
            if found := _targets_in(other, ("with", "to", "for"), state):
                return [Argument(a.actor, a.span, "~conj>" + a.path) for a in found]
        if trigger.type in VERBAL_TYPES and (found := _clause_subject(token, state)):
            return found  # "its demand that Israel ease restrictions"
        if trigger.type in VERBAL_TYPES and token.dep_ == "dobj" and (found := _clause_subject(token.head, state)):
            return found  # "reiterated its demand today that Israel ease ...": the clause hangs on the verb
        if trigger.type in VIOLENT and (found := _massed_against(token, state)):
            return found
        if found := [Argument(hit[0], hit[1], "~compound") for c in token.children
                     if _attacked_name(token, c, state) and (hit := _modifier_actor(c, state))]:
            return found
        if trigger.type in ("ASSAULT", "COERCE") and (found := _location_country(token, state, ("of",))):
            return found  # "its invasion of South Lebanon", "the siege of Mariupol"
        if trigger.mode == "visit" and (found := _location_country(token, state, ("to", "in"))):
            return found  # "a surprise visit to Kyiv": the country visited
        if trigger.lemma == "request" and token.dep_ == "pobj" and token.head.lower_ == "at" and (
                verb := next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)) is not None:
            # "arrested in Canada at the request of the United States": asked of whoever acted
            return [Argument(a.actor, a.span, "~at-request<" + a.path)
                    for a in find_sources(verb, state) if a.path != "nearest"] or \
                _location_country(verb, state)
        if trigger.type == "PROTEST" and (found := _location_country(token, state, ("in", "across", "throughout"))):
            return found  # "rare street protests in Cairo": no one named, the country where
        if trigger.type == "PROTEST" and (found := _protest_aim(token, state)):
            return found
        if trigger.type in VIOLENT and token.dep_ == "pobj" and token.head.lower_ == "of" and \
                token.head.head.lemma_.lower() in ("accuse", "charge") and (found := [
                    Argument(a.actor, a.span, "~accuser<" + a.path) for a in find_sources(token.head.head, state)
                    if a.path != "nearest"]):
            return found  # "Saudi Arabia accused Iran of direct military aggression": against the accuser
        if token.dep_ == "dobj" and state.event_tokens.get(token.head.i) == "THREATEN" and (
                found := _fallback_targets(token.head, trigger, state, skip=("dobj",))):
            return found  # "threatening sanctions if it did not": aimed where the threat is
        return _asker(token, trigger, state) or _reactor(token, trigger, state) or _hit_in_relative(token, trigger, state)
    return _fallback_targets(token, trigger, state)


def _massed_against(noun: Token, state: DocState) -> list[Argument]:
    """"massed troops near its border with Ukraine and could be planning an offensive": an
    attack planned beside a build-up is aimed where the forces were massed."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.dep_ != "conj" or state.event_tokens.get(verb.head.i) != "MOBILIZE":
        return []
    build_up = Trigger(lemma=verb.head.lemma_.lower(), pos="VERB", cameo="150", type="MOBILIZE")
    return [Argument(a.actor, a.span, "~massed>" + a.path) for a in find_targets(verb.head, build_up, state)]


BACKING = {"backing", "support", "blessing", "help", "approval", "consent"}


def _backed(token: Token, state: DocState) -> list[Argument]:
    """"declared himself president with the backing of Washington": the one backed."""
    if token.dep_ != "pobj" or token.head.lower_ != "with" or token.lemma_.lower() not in BACKING:
        return []
    verb = next((a for a in token.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    return [Argument(a.actor, a.span, "with<" + a.path) for a in find_sources(verb, state) if a.path != "nearest"]


def _warned(token: Token, state: DocState) -> list[Argument]:
    """"sending a carrier group to the Middle East as a clear warning to Iran": the one warned."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in SIGNALS):
            if found := _targets_in(noun, ("to",), state):
                return [Argument(a.actor, a.span, "as-warning>" + a.path) for a in found]
    return []


SIGNALS = {"warning", "message", "signal", "deterrent", "show"}


def _fallback_targets(token: Token, trigger: Trigger, state: DocState,
                      skip: tuple[str, ...] = ()) -> list[Argument]:
    """No target where the lexicon said: try the other usual places, most direct first."""
    slots = [s for s in ("dative", "dobj", *FALLBACK_PREPS) if s not in skip]
    found = _targets_in(token, slots, state)
    if found:
        return [Argument(a.actor, a.span, "~" + a.path) for a in found]
    if trigger.type in VERBAL_TYPES and (found := _referent_author(token, state)):
        return found
    if found := _taker(token, state):
        return found
    for child in token.children:
        if child.dep_ == "ccomp" and trigger.type in VERBAL_TYPES:
            # "demanded that the US cancel ...": the one asked is the clause's subject.
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (found := actors_at(subj, state, "~ccomp>nsubj")):
                return found
        if child.dep_ == "xcomp" and token.lemma_.lower() in ABSORBERS:
            found = _targets_in(child, ("dobj", "dative", *FALLBACK_PREPS), state)
            if found and all(a.path.startswith("dobj>") for a in found):
                found = _targets_in(child, ("to",), state) or found  # the recipient, not the maker
            if found:
                return [Argument(a.actor, a.span, "~xcomp>" + a.path) for a in found]
    if trigger.type in ("THREATEN", "SANCTION", "ASSAULT", "COERCE"):
        # "threatened to stop talks if the United States goes ahead", "would impose penalties
        # if Russian forces invaded": the one threatened is who must meet the condition.
        for clause in [token, *(c for c in token.children if c.dep_ == "xcomp")]:
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in child.children):
                    subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if subj is not None and (found := actors_at(subj, state, "~if>nsubj")):
                        return found
    if trigger.type == "THREATEN":
        # "threatened to institute a curfew in Algiers": the place of what is threatened
        for clause in (c for c in token.children if c.dep_ == "xcomp"):
            if found := _location_country(clause, state):
                return found
    if trigger.type == "REJECT" and (found := _pressure_from(token, state)):
        return found
    if trigger.type == "PROTEST" and (found := _protest_aim(token, state)):
        return found
    if trigger.type in ("ASSAULT", "COERCE"):
        # "opened fire to disperse demonstrators": the purpose names who was fired on.
        for child in token.children:
            if child.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                if found := _targets_in(child, ("dobj",), state):
                    return [Argument(a.actor, a.span, "~purpose>" + a.path) for a in found]
    if found := _asker(token, trigger, state):
        return found
    if not any(c.dep_ == "dobj" for c in token.children):
        # "ships blocked and fired water cannon at a Philippine boat": one object for both verbs
        for conj in (c for c in token.children if c.dep_ == "conj" and c.i in state.event_tokens
                     and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)):
            if found := _targets_in(conj, ("dobj", *FALLBACK_PREPS), state):
                return [Argument(a.actor, a.span, "~conj>" + a.path) for a in found]
    if trigger.type in LOCATED_TYPES:
        # "rioted at a jail in northern Israel": with no one else named, the country where
        # it happens.
        return _location_country(token, state)
    if trigger.mode == "visit":
        return _location_country(token, state, ("to", "in"))  # "travelled to Kyiv"
    return []


def _taker(token: Token, state: DocState) -> list[Argument]:
    """"rejected the terms offered by its creditors", "accepted conditions demanded by euro
    zone leaders", "used drones supplied by Iran": offered to, asked of, or supplied to
    whoever takes up or turns down the thing."""
    obj = token.head
    if token.dep_ != "acl" or token.tag_ != "VBN" or obj.dep_ != "dobj" or not any(
            c.dep_ == "agent" for c in token.children) or obj.head.lemma_.lower() not in TAKING:
        return []
    return [Argument(a.actor, a.span, "~taker<" + a.path) for a in find_sources(obj.head, state)
            if a.path != "nearest"]


ASKED_FOR = {"AID", "CONSULT", "COOPERATE", "SUPPORT"}


def _asker(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """"Kyiv asked Washington to supply missiles", "asked Russia to begin consultations":
    given to, or held with, whoever asked."""
    clause = token.head if token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS else token
    if trigger.type not in ASKED_FOR or clause.dep_ != "xcomp" or clause.head.lemma_.lower() not in ASKING:
        return []
    return [Argument(a.actor, a.span, "~asked-by<" + a.path) for a in find_sources(clause.head, state)
            if a.path != "nearest"]
ASKING = {"ask", "urge", "request", "beg", "implore", "appeal", "call", "press", "lobby"}
NOUN_FALLBACK_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "upon",
                       "between")
REFERENT_NOUNS = {"move", "step", "decision", "allegation", "accusation", "claim", "charge",
                  "action", "act", "measure", "policy", "proposal", "offer", "plan", "demand",
                  "remark", "comment", "statement", "assertion", "suggestion", "announcement"}
REACTION_VERBS = {"draw", "prompt", "face", "receive", "defy", "reject", "dismiss", "ignore",
                  "heed", "welcome", "accept", "rebuff", "spurn", "resist", "answer", "respond",
                  "provoke", "trigger", "attract", "earn", "brush", "shrug", "withstand", "rebuke"}
TAKING = REACTION_VERBS | {"use", "deploy", "sign", "take", "get"}
UNDERGOING = {"face", "suffer", "receive", "incur", "endure", "risk", "withstand", "undergo", "escape", "avoid"}
"""Verbs whose subject undergoes the event noun they take: "Russia could face new sanctions",
"the rebels faced an offensive by the army" - the subject is the target, never the author."""
REACTION_PREPS = {"despite", "amid", "under"}
RESPONSE_VERBS = {"respond", "retaliate", "react", "reply", "hit"}


PURPOSES = IRREALIS | {"press", "push", "pressure", "protest", "denounce", "condemn", "oppose",
                      "demand", "call", "reject", "mark", "support", "back"}


def _protest_aim(token: Token, state: DocState) -> list[Argument]:
    """"staged demonstrations to demand the resignation of X", "began a hunger strike in
    protest of the government's refusal": whom the protest is aimed at."""
    clauses = [token] + ([token.head] if token.dep_ == "dobj" else [])
    for clause in clauses:
        for child in clause.children:
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PURPOSES:
                found = _targets_in(child, ("dobj", "ccomp", *FALLBACK_PREPS), state) or \
                    _clause_subject(child, state)
                if found:
                    return [Argument(a.actor, a.span, "~purpose>" + a.path) for a in found]
            if child.dep_ == "prep" and child.lower_ == "in":
                protest = next((c for c in child.children if c.dep_ == "pobj"
                                and c.lemma_.lower() in ("protest", "support", "solidarity")), None)
                if protest is not None and (found := _targets_in(protest, ("of", "against", "at", "over", "with"), state)):
                    return [Argument(a.actor, a.span, "~in-protest>" + a.path) for a in found]
    return []


def _authors_of_object(token: Token, state: DocState) -> list[Argument]:
    """"condemned the killing of seven aid workers in an Israeli air strike": a condemned act
    is held against whoever did it, not its victims."""
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.i in state.event_tokens):
        if obj.i in state.token_actor:
            continue
        found = _own_author(obj, state) or _targets_in(obj, ("by",), state) or _noun_means(obj, state)
        if not found:  # "deplored its invasion of Ukraine", "its" being another than the judge
            judges = {a.actor.key for a in find_sources(token, state)}
            found = [a for c in obj.children if c.dep_ == "poss" and c.lower_ in OWN
                     for a in actors_at(c, state, "poss") if a.actor.key not in judges]
        if found:
            return [Argument(a.actor, a.span, "dobj(event)>" + a.path) for a in found]
    return []


def _pressure_from(token: Token, state: DocState) -> list[Argument]:
    """"declined to resign despite growing pressure by the commission": a refusal in the face
    of pressure is aimed at whoever pressed."""
    for verb in [token, *(c for c in token.children if c.dep_ == "xcomp")]:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in REACTION_PREPS):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if found := _targets_in(noun, ("by", "from"), state):
                    return [Argument(a.actor, a.span, f"~{prep.lower_}>" + a.path) for a in found]
    return []


def _clause_subject(token: Token, state: DocState) -> list[Argument]:
    """"demanded that the military hand over power": the one asked is the clause's subject."""
    for child in token.children:
        if child.dep_ in ("ccomp", "acl") and (subj := next(
                (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)) is not None:
            if found := actors_at(subj, state, "~ccomp>nsubj"):
                return found
    return []


def _referent_author(token: Token, state: DocState) -> list[Argument]:
    """"a move Armenia condemned", "allegations that Moscow dismissed": the reaction is
    aimed at whoever did what the noun refers to, the subject of the clause it sums up."""
    noun = token.head
    if token.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in REFERENT_NOUNS:
        return []
    for verb in noun.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            found = [a for a in find_sources(verb, state) if a.path != "nearest"]
            if found:
                return [Argument(a.actor, a.span, "~referent<" + a.path) for a in found]
    return []


def _joint_subject(verb: Token) -> bool:
    """"India and the United States will ...": two or more actors as the verb's subject."""
    state: DocState = verb.doc._.dotterel
    clause = verb.head if verb.dep_ == "xcomp" else verb  # "agreed to work together"
    return any(c.dep_ == "nsubj" and sum(state.actor_at(t) is not None for t in _conjuncts(c)) >= 2
               for c in clause.children)


def _infinitive_relative(token: Token) -> bool:
    """"nothing more to talk about", "plans to attack": an infinitive that describes a noun."""
    return token.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _promised_retaliation(verb: Token, sent: Span, matched: dict[int, Trigger]) -> bool:
    """"would respond ... to India's missile strikes", "will retaliate for the attack": a
    response promised to an attack named in the same sentence."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children):
        return False
    return any(t.dep_ == "pobj" and t.head.lower_ in ("to", "for") and verb in t.head.ancestors
               and matched.get(t.i) is not None and matched[t.i].type == "ASSAULT" for t in sent)


def _hit_in_relative(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """"drone strikes that knocked out half of Saudi Arabia's oil output": an attack hits
    whoever owns what its relative clause says it hit."""
    if trigger.type not in VIOLENT:
        return []
    for clause in (c for c in token.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
        if any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in RELATIVES for s in clause.children) and (
                found := _targets_in(clause, ("dobj",), state)):
            return [Argument(a.actor, a.span, "~relcl>" + a.path) for a in found]
    return []


def _reactor(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """A call, warning or criticism that someone drew, defied or acted despite is aimed at
    them: "drawing condemnation from the UN", "despite pressure from Washington", "would
    respond to India's missile strikes"."""
    governor = token.head
    if trigger.type == "PROTEST" and governor.lower_ == "of" and governor.head.dep_ == "pobj":
        # "resigned after weeks of street protests": the measure noun stands between.
        token, governor = governor.head, governor.head.head
    if token.dep_ == "pobj" and governor.dep_ == "prep":
        prep, verb = governor.lower_, governor.head
        if prep == "to" and verb.lemma_.lower() not in RESPONSE_VERBS:
            # "would respond at a time of its choosing to India's strikes": "to" hung lower
            verb = next((a for a in list(governor.ancestors)[:6] if a.lemma_.lower() in RESPONSE_VERBS), verb)
        wanted = prep in REACTION_PREPS or (prep == "to" and verb.lemma_.lower() in RESPONSE_VERBS) \
            or (trigger.type == "PROTEST" and prep in ("after", "following", "amid"))
    elif token.dep_ == "dobj":
        verb = governor
        wanted = verb.lemma_.lower() in REACTION_VERBS
    else:
        return []
    undergone = token.dep_ == "dobj" and verb.lemma_.lower() in UNDERGOING
    if not (wanted or undergone) or verb.pos_ not in ("VERB", "AUX") or (
            trigger.type not in VERBAL_TYPES | {"PROTEST"} and verb.lemma_.lower() not in RESPONSE_VERBS
            and not undergone):
        return []
    if undergone and verb.dep_ in ("advcl", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "extradited Toledo to Peru to face corruption charges": the one sent faces them
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is not None and (found := actors_at(obj, state, "~undergoer<dobj")):
            return found
    found = [a for a in find_sources(verb, state) if a.path != "nearest"]
    return [Argument(a.actor, a.span, "~reactor<" + a.path) for a in found]


def _location_country(token: Token, state: DocState,
                      preps: tuple[str, ...] = ("in", "inside", "across", "throughout", "at")) -> list[Argument]:
    from .kb import load_kb
    from .timeplace import gazetteer

    preps_of = [c for c in token.children if c.dep_ == "prep" and c.lower_ in preps]
    # "suspended aid deliveries in Baghdad": the place of what was acted on
    preps_of += [c for o in token.children if o.dep_ == "dobj"
                 for c in o.children if c.dep_ == "prep" and c.lower_ in preps]
    for child in preps_of:
        for pobj in [c for c in child.children if c.dep_ == "pobj"]:
            hit = state.actor_at(pobj)
            if hit is not None and hit[0].kind == "country":
                return [Argument(hit[0], hit[1], f"~in:{child.lower_}")]
            ent = next((e for e in doc_ents(token.doc) if e.start <= pobj.i < e.end
                        and e.label_ in ("GPE", "LOC")), None) or _known_city(pobj)
            if ent is None:
                inner = _location_country(pobj, state)  # "at a jail in northern Israel"
                if inner:
                    return inner
                continue
            place = gazetteer().lookup(ent.text)
            actor = _country_actor(place.country, ent, state) if place and place.country else None
            if actor is not None:
                return [Argument(actor, ent, f"~located:{ent.text}")]
    return []


def _country_actor(code: str, mention: Span, state: DocState) -> ActorEntity | None:
    """The country's actor, with this mention among its mentions (every ActorRef must be one)."""
    from .kb import load_kb

    entry = load_kb().entries.get(code)
    if entry is None:
        return None
    actor = state.actors.get(entry.id) or ActorEntity(
        key=entry.id, name=entry.name, kind="country", country=entry.id,
        cameo=entry.cameo, wikidata=entry.wikidata)
    state.actors.setdefault(entry.id, actor)
    if all(m.start != mention.start for m in actor.mentions):
        actor.mentions.append(mention)
    return actor


def _capital(pobj: Token, state: DocState) -> list[Argument]:
    """A capital the NER missed standing for its country: "weapons to Kyiv", "its ambassador
    to Washington"."""
    from .timeplace import gazetteer

    if pobj.i in state.token_actor or (span := _known_city(pobj)) is None:
        return []
    place = gazetteer().lookup(span.text)
    actor = _country_actor(place.country, span, state) if place and place.capital and place.country else None
    return [Argument(actor, span, f"capital:{span.text}")] if actor is not None else []


def _known_city(pobj: Token) -> Span | None:
    """A proper name the NER missed ("a visit to Kyiv") that the gazetteer knows as a capital
    or a city of 100,000 or more: small places share their names with too much else."""
    from .timeplace import gazetteer

    if pobj.pos_ != "PROPN":
        return None
    start = min([pobj.i] + [c.i for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"])
    span = pobj.doc[start: pobj.i + 1]
    if pobj.ent_type_ and any(e.start <= pobj.i < e.end and (e.start, e.end) != (span.start, span.end)
                              for e in doc_ents(pobj.doc)):
        return None  # part of a longer name ("Paris Hilton")
    place = gazetteer().lookup(span.text)
    if place is None or not (place.capital or (place.population or 0) >= 100_000):
        return None
    return span


RELATIVES = {"that", "which", "who", "whom"}


def _own(pronoun: Token, verb: Token, state: DocState) -> bool:
    """Does "its"/"his" in the verb's object refer to the verb's own subject (or to no one
    known)? "ministers quit his government": his is Johnson's, not the ministers'."""
    hit = state.actor_at(pronoun)
    if hit is None:
        return True
    heads = [h[0] for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for c in _conjuncts(s)
             if (h := state.actor_at(c)) is not None]
    if not heads and verb.dep_ in ("advcl", "xcomp", "conj"):
        # "Biden voiced support ..., while urging its leaders": the subject it shares
        heads = [a.actor for a in find_sources(verb, state) if a.path != "nearest"]
    return not heads or any(_same_side(hit[0], actor) for actor in heads)


def _same_side(a: ActorEntity, b: ActorEntity) -> bool:
    """One actor, or a state and one of its organs ("France ... its ambassadors")."""
    if a is b:
        return True
    if "person" in (a.kind, b.kind):
        return False
    home = {a.key if a.kind == "country" else a.country, b.key if b.kind == "country" else b.country}
    return len(home) == 1 and None not in home


def _targets_in(token: Token, where: Iterable[str], state: DocState) -> list[Argument]:
    for slot in where:
        for child in token.children:
            if slot in ("dobj", "nsubjpass", "dative") and child.dep_ == slot:
                if child.lower_ in RELATIVES and token.dep_ == "relcl" and (
                        found := actors_at(token.head, state, f"relcl<{slot}", own_last=True)):
                    return found  # "the ships that it had seized": the ships
                others = [c for c in child.children if c.dep_ == "poss" and c.lower_ in OWN
                          and not _own(c, token, state)]
                if slot == "dobj" and others and (found := actors_at(others[0], state, "dobj>poss")):
                    return found  # "to support its war": its is Russia's, not the sender's
                if slot == "dobj" and any(c.dep_ == "poss" and c.lower_ in OWN and _own(c, token, state)
                                          for c in child.children):
                    # "recalled its ambassadors to Washington": its own, not the target; but
                    # "press their demands for freedom from Bouteflika's government" names one
                    inner = [a for a in _modifier_actors(child, state, slot, own_last=True) if a.path != f"{slot}>poss"]
                    if inner:
                        return inner
                    continue
                if found := actors_at(child, state, slot, own_last=True):
                    return found
            elif child.dep_ in ("prep", "dative", "agent") and child.lower_ == slot:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, f"prep:{slot}", own_last=True)
                                         or _capital(pobj, state)):
                    return found
            elif slot == "of" and child.dep_ == "prep" and child.lower_ == "out":
                # "pulling its troops out of Niger"
                of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None and (found := actors_at(pobj, state, "prep:out-of", own_last=True)):
                    return found
            elif slot == "ccomp>nsubj" and child.dep_ == "ccomp":
                subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subj is not None and (found := actors_at(subj, state, slot)):
                    return found
            elif slot == "poss" and child.dep_ == "poss":
                if found := actors_at(child, state, "poss"):
                    return found
    return []


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    hedged: bool = False
    attributed_to: Argument | None = None
    reasons: tuple[str, ...] = ()


def modality(token: Token, sent: Span, state: DocState) -> Modality:
    mood = Modality()
    reasons: list[str] = []
    chain = [token, *_governors(token)]
    if (speaker := _speakers_clause(token)) is not None:
        chain = [token, *_governors(speaker)]  # the participle is not inside the demand
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
        infinitive = _infinitive_relative(node)
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
    mood.reasons = tuple(dict.fromkeys(reasons))
    return mood


SCHEMES = {"plan", "plot"}
"""Governors of a scheme: plotted, or planned in the past, the act is only possible."""
ATTITUDES = {"support", "back", "condemn", "denounce", "criticise", "criticize", "deplore", "decry",
             "welcome", "praise", "hail", "applaud", "oppose", "protest", "investigate", "probe",
             "pause", "halt", "suspend", "resume", "continue", "escalate", "intensify", "expand"}
"""Verbs that take a stand on, or change the course of, an act that exists ("agreed to pause
its offensive"): their modality is not the act's."""
TIME_SETTINGS = {"at", "during", "after", "before", "since", "following", "amid"}
MEETINGS = {"talk", "negotiation", "dialogue", "meeting", "summit"}


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


def _governors(token: Token) -> list[Token]:
    out, node = [], token
    while node.head.i != node.i:
        node = node.head
        out.append(node)
    return out
