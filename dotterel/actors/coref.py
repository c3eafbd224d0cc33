"""Singular references back to an actor already named: he/she, it/its, "the group",
"the country", "the two countries".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lang import word_class
from ..nlp.state import DocState
from .mentions import SUBJECT_DEPS, Mentions, coordinates, most_recent

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
"""The gendered personal pronouns, each with the gender it gives its antecedent: a closed
paradigm mapped to values (grammar), kept with the code as NUMBER_WORDS and the pronoun sets of
``plural`` are."""

INSTITUTIONS = {"country", "organisation", "igo", "armed_group", "party"}

# members in lang/en/actor_words.yaml
COUNTED_NOUNS = word_class("counted_nouns")
OBJECT_CONTROL = word_class("object_control")
CHARGING = word_class("charging")

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "both": 2}
"""How many actors "the two countries", "both sides" count."""


def _counted_reference(token: Token) -> int:
    """How many actors "the two countries" / "both sides" refers back to (0: not such a phrase)."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in COUNTED_NOUNS:
        return 0
    words = {c.lower_: c.dep_ for c in token.children if c.i < token.i}
    if words.get("both") in ("det", "predet", "amod", "nummod", "preconj"):
        return 2
    if words.get("the") == "det" or words.get("these") == "det":
        return next((n for w, n in NUMBER_WORDS.items() if words.get(w) == "nummod"), 0)
    return 0


def _previous_sentence_start(token: Token) -> int:
    """Where the sentence before the token's begins (its own, if it is the first): the window
    in which a pronoun or description looks for what it refers to."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else 0


def _charged_object(pronoun: Token) -> bool:
    """"accusing it of", "blamed it for", "urged it to": the object of a charge or a
    demand is someone; "called it a manoeuvre" may be anything."""
    verb = pronoun.head
    if pronoun.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return (lemma in CHARGING and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in verb.children)) or \
        (lemma in OBJECT_CONTROL and any(c.dep_ == "xcomp" for c in verb.children))


def _clause_subjects(verb: Token, state: DocState) -> set[str]:
    """Keys of the actors that are subjects of the verb or of the clauses it hangs from."""
    return {hit[0].key for node in [verb, *verb.ancestors] for child in node.children
            if child.dep_ in SUBJECT_DEPS and (hit := state.actor_at(child)) is not None}


def _with_article(span: Span) -> Span:
    start = span.start - 1 if span.start > 0 and span.doc[span.start - 1].lower_ == "the" else span.start
    return span.doc[start: span.end]


class Coreference(Mentions):
    """Links pronouns and definite descriptions to the nearest fitting actor before them."""

    def _link_it(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"Switzerland said it had expelled ...": "it"/"its" as a subject or possessor refers
        back to the nearest country or organisation, when one was mentioned in this or the
        previous sentence."""
        for token in tokens:
            if token.lower_ == "it" and _charged_object(token):
                self._link_charged(doc, token, state)
                continue
            if token.lower_ not in ("it", "its") or token.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            if any(c.dep_ in ("expl", "ccomp", "csubj") for c in token.head.children) or \
                    (token.head.lemma_ == "be" and token.i + 2 < len(doc) and doc[token.i + 2].lower_ in ("that", "to")):
                continue  # "it was clear that ...": nobody
            floor = _previous_sentence_start(token)
            antecedent = _governing_institution(token, state) or \
                most_recent(state, token.idx, lambda a: a.kind in INSTITUTIONS,
                             window=doc[floor: token.i])
            if antecedent is not None:
                self._add(state, antecedent.key, doc[token.i: token.i + 1])

    def _link_charged(self, doc: Doc, token: Token, state: DocState) -> None:
        """"Trump halted funding to the WHO, accusing it of mismanagement": "it" as the
        one accused or urged is the nearest country or organisation before it that is not
        the accuser."""
        floor = _previous_sentence_start(token)
        accusers = _clause_subjects(token.head, state)
        antecedent = most_recent(state, token.idx, lambda a: a.kind in INSTITUTIONS and a.key not in accusers,
                                  window=doc[floor: token.i])
        if antecedent is not None:
            self._add(state, antecedent.key, doc[token.i: token.i + 1])

    # ------------------------------------------------------------ the two countries

    def _link_counted(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"Gazprom halted supplies to Poland and Bulgaria after the two countries refused":
        "the two countries", "both sides", "the three nations" refer back to the last
        coordination of that many states or organisations, in this or the previous sentence."""
        for token in tokens:
            count = _counted_reference(token)
            if not count or token.i in state.token_actor:
                continue
            floor = _previous_sentence_start(token)
            for head in reversed(tokens[floor: token.i]):
                if head.dep_ == "conj" or head.i >= token.left_edge.i:
                    continue
                keys = list(dict.fromkeys(hit[0].key for c in coordinates(head)
                                          if (hit := state.actor_at(c)) is not None and hit[0].kind in INSTITUTIONS))
                if len(keys) == count:
                    state.token_group[token.i] = keys
                    break

    def _link_others(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"killed one U.S. soldier and wounded two others": "others" in the second of two
        joined clauses are more of what the first one's object names."""
        for token in tokens:
            if token.lower_ != "others" or token.i in state.token_actor or token.dep_ not in ("dobj", "nsubjpass"):
                continue
            verb = token.head
            if verb.dep_ != "conj":
                continue
            parallel = next((c for c in verb.head.children if c.dep_ == token.dep_), None)
            hit = state.actor_at(parallel) if parallel is not None else None
            if hit is not None:
                self._add(state, hit[0].key, doc[token.i: token.i + 1])

    def _link_nominals(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        for _, start, end in self.nominals(doc):
            span = doc[start:end]
            definite = (start > 0 and doc[start - 1].lower_ == "the") or any(
                c.dep_ == "det" and c.lower_ == "the" for c in span.root.children)
            if not definite or any(t.i in state.token_actor for t in span) or any(
                    c.i < start and c.dep_ in ("amod", "compound", "nmod") and c.i in state.token_actor
                    for c in span.root.children):
                continue  # only definite descriptions refer back: "the (Iran-backed) group";
                # "the Indonesian island of Bali" says whose it is
            wanted = set(self.kb.nominals[span.text.lower()])
            antecedent = most_recent(state, span.start_char, lambda a: a.key in wanted) or \
                most_recent(state, span.start_char, lambda a: a.key in wanted, heads_only=False)
            if antecedent is not None:  # a modifier only when nothing else fits: "Hamas chief
                # Ismail Haniyeh was killed in a strike that the group blamed on Israel"
                whole = doc[span.root.left_edge.i: end] if span.root.left_edge.i < start else _with_article(span)
                self._add(state, antecedent.key, whole)
        for token in tokens:
            if token.lower_ == "country" and token.i > 0 and doc[token.i - 1].lower_ == "the" \
                    and token.i not in state.token_actor:
                antecedent = most_recent(state, token.idx, lambda a: a.kind == "country")
                if antecedent is not None:
                    self._add(state, antecedent.key, doc[token.i - 1: token.i + 1])

    def _link_pronouns(self, tokens: list[Token], state: DocState) -> None:
        for token in tokens:
            gender = PRONOUNS.get(token.lower_)
            if gender is None or token.pos_ != "PRON":
                continue
            fits = lambda a, g=gender: a.kind == "person" and a.gender in (None, g)  # noqa: E731
            antecedent = _previous_subject(token, state, fits) or most_recent(
                state, token.idx, fits, window=token.doc[max(0, token.i - 400): token.i])
            if antecedent is not None:
                if antecedent.gender is None:
                    antecedent.gender = gender
                self._add(state, antecedent.key, token.doc[token.i: token.i + 1])


def _previous_subject(pronoun: Token, state: DocState, fits):  # type: ignore[no-untyped-def]
    """"Trump wrote that his button was bigger than Kim's. He also attacked the press": a
    pronoun opening its sentence as subject continues the previous sentence's subject, when
    that is a person it fits, however many people were named after it (centering)."""
    if pronoun.dep_ not in SUBJECT_DEPS or pronoun.head.dep_ != "ROOT":
        return None
    sent = pronoun.sent
    if sent.start == 0 or any(state.actor_at(t) for t in pronoun.doc[sent.start: pronoun.i]):
        return None
    previous = pronoun.doc[sent.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in SUBJECT_DEPS), None)
    hit = state.actor_at(subject) if subject is not None else None
    return hit[0] if hit is not None and fits(hit[0]) else None


def _governing_institution(pronoun: Token, state: DocState):  # type: ignore[no-untyped-def]
    """"Russia vetoed a resolution that would have deplored its invasion", "Russia blocked
    the inquiry, casting its veto": "it"/"its" takes the nearest clause subject above it
    that is a country or organisation, even when another actor was named in between. A
    subject that is a person or no actor passes the question on to the nearest mention."""
    path = [pronoun, *pronoun.ancestors]
    for verb in pronoun.head.ancestors if pronoun.dep_ != "poss" else [pronoun.head, *pronoun.head.ancestors]:
        below = path[path.index(verb) - 1]
        if below.dep_ == "advcl" and any(c.dep_ == "mark" for c in below.children):
            return None  # "prepared to destroy North Korea if it threatened America": nearest
        if (below.dep_ == "xcomp" and verb.lemma_.lower() in OBJECT_CONTROL) or (
                below.dep_ == "prep" and below.lower_ == "of" and verb.lemma_.lower() in CHARGING):
            # "urged Israel to halt its offensive", "accused Myanmar of genocide against its
            # minority": the object is who the clause is about
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < pronoun.i), None)
            hit = state.actor_at(obj) if obj is not None else None
            if hit is not None:
                return hit[0] if hit[0].kind in INSTITUTIONS else None
        if below.dep_ == "prep" and below.lower_ in ("over", "for") and (hit := _blamed(verb, pronoun, state)):
            # "sanctions on Iran over its drone attack", "criticised China for its treatment
            # of ...": the one blamed or punished is who the reason is about
            return hit[0] if hit[0].kind in INSTITUTIONS else None
        for subject in verb.children:
            if subject.dep_ not in SUBJECT_DEPS or subject.i >= pronoun.i:
                continue
            if subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                continue
            hit = state.actor_at(subject) or next(  # "Islamic State's Afghan branch said it": the owner
                (h for c in subject.children if c.dep_ == "poss" and (h := state.actor_at(c)) is not None), None)
            if hit is None:
                continue
            return hit[0] if hit[0].kind in INSTITUTIONS else None
    return None


def _blamed(head: Token, pronoun: Token, state: DocState):  # type: ignore[no-untyped-def]
    """The actor a verb or noun is aimed at before the pronoun: its object, or what the object
    or the word itself is "on" or "against" ("imposed sanctions on Iran")."""
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < pronoun.i]
    for word in [head, *objects]:
        objects += [g for p in word.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                    for g in p.children if g.dep_ == "pobj" and g.i < pronoun.i]
    return next((hit for o in objects if (hit := state.actor_at(o)) is not None), None)
