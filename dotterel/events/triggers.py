"""Which lexicon entry a token starts, and the clause-level triggers the lexicon cannot see."""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, Trigger
from ..parse import DocState
from .sources import actors_at
from .syntax import conjuncts_of, dated, governors_of, own_gathering, quoted
from .words import (
    BELIEVING,
    DEAL_NOUNS,
    DEONTIC_MODALS,
    DEONTIC_REPORTERS,
    HELPING,
    INSULTS,
    JUDGING,
    LABOUR_MODIFIERS,
    MARKET_WORDS,
    MET_GOALS,
    MILITARY_MODIFIERS,
    NATURAL_CAUSES,
    OBJECT_DEPS,
    OPINION_MEASURES,
    OUTSIDERS,
    OWN,
    PHRASAL_OTHERWISE,
    QUESTIONS,
    REACTION_VERBS,
    RECEPTIONS,
    REPORTING,
    SPORTS,
    SPORTS_TRIGGERS,
)


def predicative_blame(token: Token) -> bool:
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
    return predicative and any(g.lemma_.lower() in REPORTING | BELIEVING and g.pos_ == "VERB" for g in governors_of(token))


def authored_by_another(noun: Token, verb: Token, state: DocState) -> bool:
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


def idiom_without_event(token: Token, pos: str) -> bool:
    """Set phrases built on a trigger word that report no act between actors (``IDIOMS`` holds
    one test per trigger lemma)."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True  # "the week of March 16"
    test = IDIOMS.get(token.lemma_.lower())
    return test is not None and test(token, pos)


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


def event_object(token: Token, lexicon: Lexicon) -> bool:
    """Is the verb's direct object itself an event noun ("a planned attack", "the strikes")?"""
    return any(c.dep_ == "dobj" and lexicon.candidates(c.lemma_.lower(), "NOUN") for c in token.children)


def deal_named_in_passing(token: Token) -> bool:
    """"under a U.S.-brokered deal", "its 2015 nuclear deal", "accepted a proposal for a
    ceasefire": a deal referred to, not one made in this sentence."""
    if token.dep_ == "pobj" and token.head.lower_ in ("under", "as", "in", "through", "despite", "from"):
        return True  # "would withdraw from the Paris climate accord"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ("accept", "reject", "back", "endorse", "respect", "have",
                                                              "violate", "breach", "quit", *JUDGING):
        return True  # the verb is the event; the deal it takes up ("calling the agreement unfair") was made before
    return any(c.ent_type_ == "DATE" or (c.like_num and len(c.text) == 4) for c in token.children)


def military_strike(verb: Token) -> bool:
    """Is the verb's "strike" object an attack ("air strikes", "strikes on Iran")?"""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "strike"):
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in obj.children) or any(
                c.dep_ in ("amod", "compound") and c.lemma_.lower() in MILITARY_MODIFIERS for c in obj.children):
            return True
    return False


def labour_strike(verb: Token) -> bool:
    """Is the verb's "strike" object a walkout ("a general strike", "an indefinite strike")?"""
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "strike" and any(
        m.dep_ in ("amod", "compound") and m.lemma_.lower() in LABOUR_MODIFIERS for m in c.children)
        for c in verb.children)


def told_to(token: Token) -> bool:
    """"told Putin to stop", "told 1.1 million people to move south": someone told to act."""
    state: DocState = token.doc._.dotterel
    obj = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
    return obj is not None and bool(actors_at(obj, state, "told")) and any(
        c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children)


def deontic_clause(token: Token) -> Token | None:
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


def has_object(token: Token, wanted: frozenset[str], words: ObjectWords, via_prep: bool) -> bool:
    """Does the token take one of the wanted objects? ``words`` are its object words, computed
    once per token by the caller (``object_words``) when it tries several entries; an entry
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


class ObjectWords(NamedTuple):
    direct: frozenset[str]
    beside: frozenset[str]
    """Nouns of prepositions next to a thing as direct object: "expressed hope in Pakistan's
    support" (the "in" phrase misparsed onto the verb) expresses hope, not support."""


NO_OBJECT_WORDS = ObjectWords(frozenset(), frozenset())


def object_words(token: Token) -> ObjectWords:
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


def joint_subject(verb: Token) -> bool:
    """"India and the United States will ...": two or more actors as the verb's subject."""
    state: DocState = verb.doc._.dotterel
    clause = verb.head if verb.dep_ == "xcomp" else verb  # "agreed to work together"
    return any(c.dep_ == "nsubj" and sum(state.actor_at(t) is not None for t in conjuncts_of(c)) >= 2
               for c in clause.children)


def promised_retaliation(verb: Token, sent: Span, matched: dict[int, Trigger]) -> bool:
    """"would respond ... to India's missile strikes", "will retaliate for the attack": a
    response promised to an attack named in the same sentence."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children):
        return False
    return any(t.dep_ == "pobj" and t.head.lower_ in ("to", "for") and verb in t.head.ancestors
               and matched.get(t.i) is not None and matched[t.i].type == "ASSAULT" for t in sent)


class TriggerFinder:
    """Which lexicon entry each token of a sentence starts."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # "Russia said Sudan must return the helicopter": a demand, CAMEO 100.
        self.demand = Trigger(lemma="say", pos="VERB", cameo="100", type="REQUEST")
        self.refusal = Trigger(lemma="refuse", pos="VERB", cameo="120", type="REJECT")
        # "Trump told Putin to stop": a demand (CAMEO 100) on whoever was told
        self.telling = Trigger(lemma="tell", pos="VERB", cameo="100", type="REQUEST", target=("dobj",))
        # "would respond to India's missile strikes": a retaliation promised (THREATEN once
        # the future is read, see as_intent) against the attacker
        self.retaliation = Trigger(lemma="respond", pos="VERB", cameo="190", type="ASSAULT", target=("to",))
        # "Britain said Russia was highly likely to be responsible": an accusation by Britain
        self.responsibility = Trigger(lemma="responsible", pos="ADJ", cameo="112", type="ACCUSE")
        # "India and the United States will jointly produce jet engines": working together
        self.joint = Trigger(lemma="jointly", pos="VERB", cameo="060", type="COOPERATE", target=("with",))
        # "said Putin was a killer", "called Putin a war criminal": a denunciation (111)
        self.insult = Trigger(lemma="killer", pos="NOUN", cameo="111", type="ACCUSE")
        self.name_calling = Trigger(lemma="call", pos="VERB", cameo="111", type="ACCUSE", target=("dobj",))

    def clause_triggers(self, sent: Span, matched: dict[int, Trigger]) -> dict[int, Trigger]:
        """Events the lexicon cannot see word by word: "said Sudan must return ..." is a
        demand (CAMEO 100), "declined to resign" a refusal (CAMEO 120)."""
        found = {}
        together = any(t.lower_ in ("jointly", "together") for t in sent)
        for token in sent:
            lemma = token.lemma_.lower()
            if token.i in matched:
                continue
            if lemma in DEONTIC_REPORTERS and deontic_clause(token) is not None:
                found[token.i] = self.demand
            elif lemma in ("decline", "refuse") and any(
                    c.dep_ == "xcomp" and c.i in matched for c in token.children):
                found[token.i] = self.refusal
            elif lemma == "tell" and told_to(token):
                found[token.i] = self.telling
            elif together and token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                                              for c in token.children) and joint_subject(token):
                found[token.i] = self.joint
            elif lemma in ("respond", "retaliate") and promised_retaliation(token, sent, matched):
                found[token.i] = self.retaliation
            elif lemma == "responsible" and predicative_blame(token):
                found[token.i] = self.responsibility
            elif lemma in INSULTS and predicative_blame(token):
                found[token.i] = self.insult
            elif lemma in ("call", "describe", "brand", "label", "dub") and any(
                    c.dep_ == "oprd" and c.lemma_.lower() in INSULTS for c in token.children):
                found[token.i] = self.name_calling
        return found

    def match(self, token: Token) -> Trigger | None:
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
        if token.lemma_.lower() in DEAL_NOUNS and pos == "NOUN" and deal_named_in_passing(token):
            return None
        if token.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in token.children) and not any(
                c.dep_ == "nsubjpass" and c.i in token.doc._.dotterel.token_actor for c in token.children):
            return None  # "threats would be met with fire and fury": a response, not a meeting
        if any(c.dep_ in ("prt", "advmod") and c.lower_ in PHRASAL_OTHERWISE.get(token.lemma_.lower(), ())
               for c in token.children):
            return None  # "pressed on with its operation": carried on, no demand
        if pos == "NOUN" and any(c.lower_ == "such" and c.dep_ in ("amod", "det", "predet") for c in token.children):
            return None  # "the first such clash", "such attacks": one told already, or a kind
        if pos == "NOUN" and own_gathering(token):
            return None  # "the alliance's summit in Vilnius": a body convening, no one consulting
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and pos == "NOUN":
            return None  # "warning shots", "attack helicopters", "protest leaders": a kind of thing
        if idiom_without_event(token, pos):
            return None
        if token.lemma_.lower() in SPORTS_TRIGGERS and any(
                t.lemma_.lower() in SPORTS and t.pos_ in ("NOUN", "PROPN") for t in token.sent):
            return None
        best: Trigger | None = None
        words = object_words(token) if any(t.object for t in candidates) else NO_OBJECT_WORDS
        for trigger in candidates:
            if trigger.object and not has_object(token, trigger.object, words, bool(trigger.prep)):
                continue
            if "strike" in trigger.object and trigger.type != "ASSAULT" and military_strike(token):
                continue  # "called off retaliatory strikes on Iran" is no labour strike
            if "strike" in trigger.object and trigger.type == "ASSAULT" and labour_strike(token):
                continue  # "launch an indefinite nationwide strike": the noun is the protest
            if trigger.type == "PROTEST" and trigger.lemma in ("demonstrate", "rally", "march") and \
                    not trigger.object and any(c.dep_ == "dobj" for c in token.children):
                continue  # "demonstrate respect", "rally support", "march troops": no protest
            if trigger.lemma == "cancel" and not trigger.object and event_object(token, self.lexicon):
                continue  # "canceled a planned attack on Iran": the attack is coded, called off
            if trigger.lemma in HELPING and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
                continue  # "helped Ukraine" alone says too little; "help Australia build submarines"
            if trigger.prep and not any(c.lower_ == trigger.prep and not dated(c) for c in token.children
                                        if c.dep_ in ("prep", "prt", "agent")):
                continue
            if best is None or trigger.specificity > best.specificity:
                best = trigger
        return best

