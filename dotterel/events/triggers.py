"""Which lexicon entry a token starts, and the clause-level triggers the lexicon cannot see."""
from __future__ import annotations

from typing import NamedTuple

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, Trigger
from ..nlp.state import DocState, doc_text
from .checks import RuleContext
from .rules import RuleBook
from .sources import actors_at
from .syntax import (
    conjuncts_of,
    dated,
    governors_of,
    name_labels,
    refused_acts,
    relative_gap,
    rules_out,
)
from .words import (
    BELIEVING,
    DEONTIC_MODALS,
    DEONTIC_REPORTERS,
    DISPARAGING_LABELS,
    INSULTS,
    NAMING,
    OBJECT_DEPS,
    OPPOSING_PREFIXES,
    OUTSIDERS,
    OWN,
    PARTICLES,
    REACTION_VERBS,
    REFUSING,
    REPORTING,
    RETALIATING,
)

PARTICLE_DEPS = ("prep", "prt", "agent")
"""How an entry's preposition or particle hangs on its verb."""


def lowered_lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token of the doc, by index."""
    strings = doc.vocab.strings
    lowered: dict[int, str] = {}  # one lookup per distinct lemma, not per token
    return [lowered.get(h) or lowered.setdefault(h, strings[h].lower())
            for h in doc.to_array(LEMMA).tolist()]


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


LABEL_WORDS = INSULTS | DISPARAGING_LABELS


def disparaging_label(token: Token) -> bool:
    """"called Putin a murderer", "called the sanctions 'destructive and myopic'", "described
    the probe as a partisan witch hunt": a label given to someone or to their act (the
    object's predicate, or "as ...") that holds an insult or a disparaging word, unnegated."""
    words = [w for label in name_labels(token) for w in label.subtree]
    return any(w.lemma_.lower() in LABEL_WORDS and not _prefixed(w) for w in words) and not any(
        w.dep_ == "neg" for w in words)


def _prefixed(word: Token) -> bool:
    """"anti-terrorist operations": the word is the stem of an "anti-" word."""
    doc = word.doc
    return word.i >= 2 and doc[word.i - 1].text == "-" and doc[word.i - 2].lower_ in OPPOSING_PREFIXES


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
    if (gap := relative_gap(token)) is not None:
        # "the prisoners Israel released", "troops sent to the border": the noun is the object
        words.add(gap.lemma_.lower())
        words.update(c.lemma_.lower() for c in gap.children if c.dep_ == "compound")
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

    def __init__(self, lexicon: Lexicon, rules: RuleBook) -> None:
        self.lexicon = lexicon
        self.rules = rules
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
        self.clause_lemmas = DEONTIC_REPORTERS | INSULTS | REFUSING | RETALIATING | NAMING | {"tell", "responsible", "rule"}
        """Lemmas that can start a clause trigger (without "jointly"/"together" in the sentence)."""

    def clause_triggers(self, sent: Span, matched: dict[int, Trigger],
                        lemma_of: list[str] | None = None) -> dict[int, Trigger]:
        """Events the lexicon cannot see word by word: "said Sudan must return ..." is a
        demand (CAMEO 100), "declined to resign" a refusal (CAMEO 120). ``lemma_of`` is
        ``lowered_lemmas(sent.doc)`` when the caller has it already."""
        found = {}
        doc = sent.doc
        lemma_of = lemma_of if lemma_of is not None else lowered_lemmas(doc)
        # a gate for the joint-act check below (which reads the words themselves): the text
        # is searched, so no token is made for the sentences without these words
        words = doc_text(doc)[sent.start_char:sent.end_char].lower()
        together = "jointly" in words or "together" in words
        for i in range(sent.start, sent.end):
            lemma = lemma_of[i]
            if i in matched or not (together or lemma in self.clause_lemmas):
                continue  # most words can start none of these: skip the checks below
            token = doc[i]  # made only here: most tokens never get this far
            if lemma in DEONTIC_REPORTERS and deontic_clause(token) is not None:
                found[token.i] = self.demand
            elif (lemma in REFUSING or rules_out(token) and not any(c.dep_ == "neg" for c in token.children)) and any(
                    c.i in matched for c in refused_acts(token)):
                # "declined to resign", "ruled out sending missiles"; "did not rule out" leaves
                # the act open (read by its modality), no refusal
                found[token.i] = self.refusal
            elif lemma == "tell" and told_to(token):
                found[token.i] = self.telling
            elif together and token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                                              for c in token.children) and joint_subject(token):
                found[token.i] = self.joint
            elif lemma in RETALIATING and promised_retaliation(token, sent, matched):
                found[token.i] = self.retaliation
            elif lemma == "responsible" and predicative_blame(token):
                found[token.i] = self.responsibility
            elif lemma in INSULTS and predicative_blame(token):
                found[token.i] = self.insult
            elif lemma in NAMING and disparaging_label(token):
                found[token.i] = self.name_calling
        return found

    def match(self, token: Token) -> Trigger | None:
        """The most specific lexicon entry the token starts that no rule vetoes."""
        pos = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}.get(token.pos_)
        candidates = self.lexicon.candidates(token.lemma_.lower(), pos) if pos else ()
        if not candidates:
            return None
        state: DocState = token.doc._.dotterel
        ctx = RuleContext(state=state, lexicon=self.lexicon, token=token)
        if vetoed := self.rules.vetoed(token, ctx):
            state.rule_hits.extend((token.i, rule_id) for rule_id in vetoed)
            return None
        best: Trigger | None = None
        words = object_words(token) if any(t.object for t in candidates) else NO_OBJECT_WORDS
        for trigger in candidates:
            if trigger.object and not has_object(token, trigger.object, words, bool(trigger.prep)):
                continue
            if (vetoed := self.rules.vetoing(token, trigger, ctx)) is not None:
                state.rule_hits.append((token.i, vetoed))
                continue
            if trigger.prep and not any(c.lower_ == trigger.prep and not dated(c) for c in token.children
                                        if c.dep_ in PARTICLE_DEPS or c.dep_ == "advmod" and c.lower_ in PARTICLES):
                continue  # "pull its fighters back": the parser takes many particles for adverbs
            if best is None or trigger.specificity > best.specificity:
                best = trigger
        return best

