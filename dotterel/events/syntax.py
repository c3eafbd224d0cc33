"""Token-level helpers over the dependency parse: no actors, no events."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..kb import load_kb
from ..nlp.state import ActorEntity, DocState
from .words import (
    CIVILIAN_CRAFT,
    IRREALIS,
    MEETINGS,
    MILITARY_CRAFT,
    RELATIONS,
    RELATIVES,
    REPORTING,
    SPEECH_ACTS,
    TIME_MEASURES,
)


def civilian_craft(noun: Token) -> bool:
    """"a Russian passenger jet", "an Iranian tanker": a craft that its country's modifier
    owns; what befalls it or it causes is no act of that country (a "Russian fighter jet" is)."""
    words = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
    return noun.lemma_.lower() in CIVILIAN_CRAFT and not words & MILITARY_CRAFT and \
        noun.i not in noun.doc._.dotterel.token_actor


def relation_mended(token: Token) -> bool:
    """"Saudi Arabia and Iran agreed to restore diplomatic ties": with each other."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in RELATIONS for c in token.children)


def is_passive(token: Token) -> bool:
    """Is the verb in the passive voice (a passive subject or auxiliary of its own)?"""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def shared_passive(token: Token) -> Token | None:
    """The passive subject a coordinated participle shares: "Fakhrizadeh was ambushed and
    killed" -- "killed" has none of its own."""
    if token.dep_ != "conj" or token.tag_ != "VBN" or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
        return None
    return next((c for c in token.head.children if c.dep_ == "nsubjpass"), None)


def relative_gap(token: Token) -> Token | None:
    """The noun a relative clause is about when it is the verb's missing object: "the
    prisoners Israel released", "the town that the rebels attacked" (the verb has a subject of
    its own and no object), "the prisoners released by Israel" (a passive participle with
    its agent)."""
    head = token.head
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME") or \
            head.lemma_.lower() in TIME_MEASURES:
        return None  # "the day Israel withdrew": when, not what
    # a relative pronoun as object stands for the noun ("the town that the rebels attacked")
    deps = {c.dep_ for c in token.children if not (c.dep_ == "dobj" and c.lower_ in RELATIVES)}
    if token.dep_ == "relcl" and "nsubj" in deps and not deps & {"dobj", "nsubjpass", "ccomp", "xcomp"} and \
            not any(c.dep_ == "nsubj" and c.lower_ in RELATIVES for c in token.children):
        return head
    if token.dep_ == "acl" and token.tag_ == "VBN" and "agent" in deps and not deps & {"nsubj", "nsubjpass", "dobj"}:
        return head  # with its agent: "armed with machetes", "the curfew imposed in Sudan" describe
    return None


def rules_out(verb: Token) -> bool:
    """"ruled out an embargo", "ruled out sending missiles": the verb "rule" with its particle."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def ruled_gerund(node: Token) -> bool:
    """"ruled out sending jets", parsed as an adverbial clause: the gerund is what is ruled
    out (not "..., saying": a reporting verb beside it)."""
    return node.dep_ == "advcl" and node.tag_ == "VBG" and node.head.lemma_.lower() == "rule" and \
        node.lemma_.lower() not in REPORTING and not any(c.dep_ == "mark" for c in node.children)


def refused_acts(verb: Token) -> list[Token]:
    """What a refusing verb refuses: its infinitive ("declined to resign") or the gerund
    "rule out" takes ("ruled out sending jets")."""
    return [c for c in verb.children if c.dep_ == "xcomp" or ruled_gerund(c)]


def quoted(clause: Token) -> bool:
    """Is the clause a quotation ("asked, 'Is this happening?'")?"""
    doc = clause.doc
    left = min(t.i for t in clause.subtree)
    return any(doc[i].is_quote for i in range(max(left - 2, 0), left + 1))


def object_nouns(token: Token, wanted: frozenset[str]) -> list[Token]:
    """The wanted object nouns as such: "held a meeting", "pulled out of the summit",
    "withdrew from talks", and in the passive "the curfew was lifted"."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in wanted]
    for child in (c for c in token.children if c.dep_ in ("prt", "prep")):
        inner = [g for p in child.children if p.dep_ == "prep" for g in p.children] + list(child.children)
        found += [g for g in inner if g.dep_ == "pobj" and g.lemma_.lower() in wanted]
    return found


def to_ones_aid(token: Token) -> bool:
    """"Britain will come to Sweden's aid": the possessor is helped, not helping."""
    return token.lemma_.lower() in ("aid", "help", "rescue", "defence", "defense", "assistance") and \
        token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB" and \
        any(c.dep_ == "poss" for c in token.children)


def dated(prep: Token) -> bool:
    """"called them animals on Tuesday" is no "call on": the phrase is a date."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def conjuncts_of(token: Token) -> list[Token]:
    """A head and its coordinates. "Saudi Arabia, the UAE, Egypt and Bahrain" comes out as
    an apposition with conjuncts; an apposition counts only when it names another actor of
    the same kind (a country beside a country), not a title ("Haniyeh, the Hamas chief")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and (_same_kind(token, child) or _listing(child))):
            out.extend(conjuncts_of(child))
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


def own_gathering(noun: Token) -> bool:
    """"at its summit", "the alliance's summit": an organisation's own meeting, with no one
    else named in it."""
    if noun.lemma_.lower() not in MEETINGS or any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                                                 for c in noun.children):
        return False
    state: DocState = noun.doc._.dotterel
    owner = next((state.actor_at(c) for c in noun.children if c.dep_ == "poss"), None)
    return owner is not None and owner[0].kind in ("igo", "organisation")


def meeting_setting(token: Token) -> Token | None:
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


def speakers_clause(token: Token) -> Token | None:
    """"demanded that Turkey free the pastor, threatening sanctions": a speech-act participle
    the parser hung on the reported clause continues the main speaker's words."""
    head = token.head
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in SPEECH_ACTS and \
            head.dep_ == "ccomp" and head.head.lemma_.lower() in IRREALIS | REPORTING:
        return head.head
    return None


def names_a_state(span: Span) -> bool:
    """"US Predator" (tagged as one organisation): a country's word inside marks the owner."""
    kb = load_kb()
    return any((hit := kb.lookup(t.text)) is not None and hit[0].kind == "country" for t in span)


def modifier_actor(modifier: Token, state: DocState) -> tuple[ActorEntity, Span] | None:
    """The actor a modifier names, itself or through its own compound ("US Predator")."""
    return state.actor_at(modifier) or next((state.actor_at(g) for g in modifier.children
                                             if g.dep_ in ("compound", "amod") and state.actor_at(g)), None)


def for_objects(token: Token) -> list[Token]:
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ == "for"
            for c in p.children if c.dep_ == "pobj"]


def infinitive_relative(token: Token) -> bool:
    """"nothing more to talk about", "plans to attack": an infinitive that describes a noun."""
    return token.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def governors_of(token: Token) -> list[Token]:
    out, node = [], token
    while node.head.i != node.i:
        node = node.head
        out.append(node)
    return out


def name_labels(verb: Token) -> list[Token]:
    """What a naming verb calls its object: "called Putin [a war criminal]", "called the
    deployment [dangerous]" (parsed as an adjective after its noun), "described the plan as
    [irresponsible]". Empty without an object, and for "struck what it called terrorist
    camps": the writer keeping a claim at a distance, not a label given to anyone."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or any(o.lower_ == "what" for o in objects):
        return []
    return [c for c in verb.children if c.dep_ == "oprd"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
        if g.dep_ in ("pobj", "amod", "acomp")] + [
        a for o in objects for a in o.children if a.dep_ == "amod" and a.i > o.i]
