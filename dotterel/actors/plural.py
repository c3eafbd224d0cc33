"""They, them, their: a plural pronoun takes the most salient plural noun phrase before it,
and is left unresolved when that phrase is no single actor.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..lang import word_class
from ..nlp.state import NUMERIC_ENTITIES, ActorEntity, DocState, doc_text
from .groups import COUNTRYLESS_ROLES, MEMBER_HEADS, ROLE_HEADS
from .mentions import PARTITIVES, SUBJECT_DEPS, Mentions, coordinates, strip_article


def _coordinated_subject(pronoun: Token, state: DocState) -> list[str]:
    """The actors of a coordinated subject governing the pronoun's clause: "Egypt and Qatar
    said they would keep mediating" -- both, when every conjunct is an actor."""
    for verb in pronoun.head.ancestors:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < pronoun.i), None)
        if subject is None:
            continue
        hits = [state.actor_at(c) for c in coordinates(subject)]
        if any(h is None for h in hits):
            return []
        keys = list(dict.fromkeys(h[0].key for h in hits if h is not None))
        return keys if len(keys) >= 2 else []  # "Haniyeh, the Hamas chief": one actor, never "they"
    return []


def _named_by_modifier(token: Token, state: DocState) -> str | None:
    """"Palestinian leaders", "Iran's leaders": a plural of people that is no actor itself but
    whose one modifier names an actor; "they" then stands for that actor."""
    if token.lemma_.lower() not in SPOKESPEOPLE:
        return None  # "Pakistani cities": places, not the people who speak for Pakistan
    keys = {hit[0].key for c in token.children if c.dep_ in ("amod", "compound", "poss")
            and (hit := state.actor_at(c)) is not None}
    return keys.pop() if len(keys) == 1 else None


PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}

BOUND_PRONOUNS = {"their", "theirs", "themselves"}
"""May refer to the subject of their own clause ("the rebels lost their base"); they/them may not."""

SINGULAR_KINDS = {"person", "country", "igo"}
"""Never "they", whatever the form of the name ("the United States", "the United Nations")."""

SPOKESPEOPLE = COUNTRYLESS_ROLES | MEMBER_HEADS | ROLE_HEADS
"""People who act for a body ("leaders", "officials", "negotiators"), whose modifier names it."""

SINGULAR_NAMES = word_class("singular_names")
"""Plural in form, singular in use (lang/en/actor_words.yaml)."""


def _np_head(token: Token) -> bool:
    """A noun phrase's head, not a word inside one ("aid" in "aid groups") nor the second
    half of a coordination (the first stands for both)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ") or token.lower_ in PLURAL_PRONOUNS:
        return False
    if token.pos_ in ("PRON", "NUM", "DET", "ADJ") and token.lemma_.lower() not in PARTITIVES:
        return False
    if token.dep_ in ("compound", "amod", "nummod", "det", "npadvmod"):
        return False
    return not (token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"))


def _partitive(token: Token) -> Token:
    """"dozens of protesters": the protesters."""
    if token.lemma_.lower() in PARTITIVES or token.ent_type_ == "CARDINAL":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), token)
    return token


def _coordinated(token: Token) -> bool:
    """"Egypt and Qatar", "Israeli and US forces"."""
    if any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in token.children):
        return True
    return any(m.dep_ in ("amod", "compound", "nmod", "poss") and any(c.dep_ == "conj" for c in m.children)
               for m in token.children)


def _plural_verb(verb: Token) -> bool:
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(w.tag_ == "VBP" or w.lower_ in ("are", "were") for w in words)


def _clause_chain(word: Token) -> list[Token]:
    """The verb governing a word ("fired tear gas at [them]") and the verbs it is coordinated
    under, which share its subject."""
    while word.dep_ in ("prep", "agent", "pcomp") and word.head.i != word.i:
        word = word.head
    chain = [word]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _co_arguments(pronoun: Token) -> set[Token]:
    """"Police arrested protesters and beat them": not the police, the subject of its clause."""
    if pronoun.dep_ in SUBJECT_DEPS or pronoun.lower_ in BOUND_PRONOUNS:
        return set()
    return {c for verb in _clause_chain(pronoun.head) for c in verb.children if c.dep_ in SUBJECT_DEPS}


def _role_rank(token: Token) -> int:
    if token.dep_ in SUBJECT_DEPS:
        return 0
    return 1 if token.dep_ in ("dobj", "dative", "attr", "appos", "oprd") else 2


class PluralPronouns(Mentions):
    """Links they/them/their, inside a direct quote only to a phrase of the same quote."""

    # ------------------------------------------------------------ they / them / their

    def _link_they(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"M23 rebels said they had taken Goma": a plural pronoun refers to the most salient
        plural noun phrase before it -- the subject governing its clause, else the subjects,
        then objects, of this sentence and then the previous one. It is linked only when that
        phrase is one plural actor; a coordination ("Egypt and Qatar ... they"), a plural that
        is no actor ("officials said they") or nothing at all ("they say") leaves it
        unresolved rather than passing on to an older actor. Inside a direct quote the speaker
        is talking, so only a phrase within the same quote counts."""
        pronouns = [t for t in tokens if t.lower_ in PLURAL_PRONOUNS and t.pos_ == "PRON"
                    and t.i not in state.token_actor]
        if not pronouns:
            return
        quotes = _QuoteMap(doc_text(doc))
        for token in pronouns:
            quote = quotes.around(token.idx)
            key = self._plural_antecedent(token, state, lambda t: quotes.around(t.idx) == quote)
            if key:
                self._add(state, key, doc[token.i: token.i + 1])
            elif (keys := _coordinated_subject(token, state)):
                state.token_group[token.i] = keys  # "Egypt and Qatar said they would ..."

    def _plural_antecedent(self, pronoun: Token, state: DocState,
                           allowed: Callable[[Token], bool]) -> str | None:
        verdict = self._governing_subject(pronoun, state, allowed)
        if verdict is not None:
            return verdict
        barred = _co_arguments(pronoun)
        sent = pronoun.sent
        windows = [pronoun.doc[sent.start: pronoun.i]]
        if sent.start > 0:
            windows.append(pronoun.doc[sent.start - 1].sent)
        for window in windows:
            ranked = sorted((t for t in window if allowed(t) and t not in barred and _np_head(t)),
                            key=lambda t: (_role_rank(t), -t.i))
            for token in ranked:
                verdict = self._plural_np(token, state)
                if verdict is not None:
                    return verdict
        return None

    def _governing_subject(self, pronoun: Token, state: DocState,
                           allowed: Callable[[Token], bool]) -> str | None:
        """The plural subject of a clause the pronoun sits in: "the rebels said [they ...]";
        "their" may also take its own clause's subject ("the Houthis said their forces")."""
        own = set(_clause_chain(pronoun.head)) if pronoun.lower_ not in BOUND_PRONOUNS else set()
        for verb in [pronoun.head, *pronoun.head.ancestors]:
            if verb in own:
                continue
            for subject in verb.children:
                if subject.dep_ in SUBJECT_DEPS and subject.i < pronoun.i and allowed(subject) \
                        and not subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                    verdict = self._plural_np(subject, state)
                    if verdict is not None:
                        return verdict
        return None

    def _plural_np(self, token: Token, state: DocState) -> str | None:
        """What a plural pronoun would take from the phrase headed by token: an actor key, ""
        for a plural that is no single actor, None when the phrase is not plural."""
        token = _partitive(token)
        if token.ent_type_ in NUMERIC_ENTITIES:
            return None
        if _coordinated(token):
            return ""  # "Egypt and Qatar": they are both, and an actor reference holds one
        hit = state.actor_at(token)
        if hit is not None and hit[0].kind in SINGULAR_KINDS:
            return None
        if not self._is_plural(token, hit):
            return None
        if hit is None and (owner := _named_by_modifier(token, state)) is not None:
            return owner  # "Palestinian leaders said they would": the leaders of one actor
        return hit[0].key if hit is not None else ""

    def _is_plural(self, token: Token, hit: tuple[ActorEntity, Span] | None) -> bool:
        if token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number"):
            return token.lemma_.lower() not in SINGULAR_NAMES
        if token.dep_ in SUBJECT_DEPS and _plural_verb(token.head):
            return True  # "The Taliban have ordered"
        if hit is not None and hit[1].text.endswith("s"):
            found = self.kb.lookup(strip_article(hit[1].text)[:-1])  # "Houthis" beside "Houthi"
            return found is not None and found[0].id == hit[0].key
        return False


QUOTE_MARKS = re.compile("[\"\u201c\u201d]")


class _QuoteMap:
    """Where direct quotes are, paragraph by paragraph: a straight mark opens or closes, curly
    marks open and close, an unclosed quote runs to the end of its paragraph (a long quote
    goes on in the next one). Coarser than the quote finder, and cheap: only the paragraphs
    holding a plural pronoun or its candidates are read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: dict[int, list[tuple[int, int]]] = {}

    def around(self, idx: int) -> tuple[int, int] | None:
        start = self.text.rfind("\n", 0, idx) + 1
        spans = self.paragraphs.get(start)
        if spans is None:
            end = self.text.find("\n", idx)
            spans = self.paragraphs[start] = self._spans(start, len(self.text) if end < 0 else end)
        return next(((a, b) for a, b in spans if a <= idx < b), None)

    def _spans(self, start: int, end: int) -> list[tuple[int, int]]:
        spans, opened = [], None
        for mark in QUOTE_MARKS.finditer(self.text, start, end):
            if opened is None and mark.group() != "\u201d":
                opened = mark.end()
            elif opened is not None and mark.group() != "\u201c":
                spans.append((opened, mark.start()))
                opened = None
        if opened is not None:
            spans.append((opened, end))
        return spans
