"""Where a name stands as a place: after a locative preposition ("in Goma", "strike on
Hodeidah"), as the object of a travel or motion verb ("visit Washington"), or before a place
noun ("the Rafah crossing"). Read by the actor stage (a place is no actor) and the place stage
(which spans are places), so it lives below both. The word lists are language data
(``lang/en/word_classes.yaml``).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lang import word_class
from .conjuncts import first_conjunct

LOCATIVE = word_class("locative_preps")
PLACE_NOUNS = word_class("place_nouns")
ATTACK_NOUNS = word_class("attack_nouns")
MOTION_VERBS = word_class("motion_verbs")
TRAVEL_VERBS = word_class("travel_verbs")
DEPARTURE_VERBS = word_class("departure_verbs")
RELATION_NOUNS = word_class("relation_nouns")


def locative_token(prep: Token) -> bool:
    """Does this preposition introduce where something is or happens?"""
    word = prep.lower_
    if word == "on":
        return prep.head.pos_ not in ("NOUN", "PROPN") or prep.head.lower_ in ATTACK_NOUNS
    if word in ("of", "with"):
        return prep.head.lower_ in PLACE_NOUNS
    if word == "between":  # "flights between Colombo and Kathmandu", not "talks between Baku and ..."
        return prep.head.lemma_ not in RELATION_NOUNS
    if word == "from":
        return prep.head.pos_ == "VERB" and prep.head.lemma_ in DEPARTURE_VERBS
    return word in LOCATIVE


def stands_as_place(ent: Span) -> bool:
    """Does a name stand where places stand: after a locative preposition ("in Goma") or
    before a place noun ("the Rafah crossing", "Rakhine state")?"""
    return is_locative(ent) or (ent.root.dep_ == "compound" and ent.root.head.lower_ in PLACE_NOUNS)


def is_locative(ent: Span) -> bool:
    root = first_conjunct(ent.root)  # "in Jerusalem and Tel Aviv"
    if root.dep_ == "dobj":  # "Qin will visit Washington"
        return root.head.lemma_ in TRAVEL_VERBS
    return root.dep_ == "pobj" and locative_token(root.head)
