"""Where a name stands as a place: after a locative preposition ("in Goma", "strike on
Hodeidah"), as the object of a travel or motion verb ("visit Washington"), or before a place
noun ("the Rafah crossing"). Read by the actor stage (a place is no actor) and the place stage
(which spans are places), so it lives below both.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

LOCATIVE = {"in", "at", "near", "across", "into", "inside", "outside", "around", "throughout",
            "on", "toward", "towards", "within", "over", "through", "along", "beyond", "off"}

PLACE_NOUNS = {"airport", "port", "harbour", "harbor", "province", "region", "city", "town", "village",
               "district", "camp", "border", "area", "governorate", "oblast", "state", "county", "coast",
               "outskirts", "suburb", "suburbs", "countryside", "capital", "centre", "center", "heart",
               "part", "parts", "neighbourhood", "neighborhood", "base", "enclave", "valley", "crossing",
               "frontier", "streets", "shores", "waters", "north", "south", "east", "west", "northeast",
               "northwest", "southeast", "southwest", "rest", "edge", "bank", "side", "hub", "residents",
               "people", "inhabitants", "siege", "blockade", "mayor", "governor", "battle",
               "liberation", "capture", "fall", "evacuation", "shelling", "bombing", "ruins"}
"""Nouns whose "of X" or compound X is a location: "the coast of Yemen", "west of Caracas", "Erbil airport"."""

ATTACK_NOUNS = {"attack", "attacks", "strike", "strikes", "assault", "raid", "raids", "offensive",
                "bombardment", "bombing", "advance", "march", "push", "assaults", "shelling", "missile"}
"""Nouns after which "on X" is where it happened ("strike on Hodeidah"), not a topic ("talks on Ukraine")."""

MOTION_VERBS = {"hit", "strike", "shell", "bomb", "leave", "flee", "enter", "capture", "seize",
                "reach", "visit", "attack", "raid", "storm", "recapture", "retake", "besiege",
                "encircle", "surround", "evacuate", "liberate", "tour", "cross", "target", "pound",
                "bombard", "overrun", "occupy", "abandon"}
"""Verbs whose object is a location: "strikes hit Hodeidah", "shipments left Odesa"."""

TRAVEL_VERBS = {"visit", "tour", "enter", "reach", "leave", "flee", "cross"}
"""Verbs whose object is a place even when it names a country or capital ("visit Washington")."""

RELATION_NOUNS = {"talk", "negotiation", "relation", "dialogue", "war", "conflict", "tension", "deal",
                  "agreement", "treaty", "meeting", "summit", "fighting", "clash", "rift", "dispute",
                  "tie", "trade", "rivalry", "border", "peace", "truce", "ceasefire", "exchange"}
"""Nouns whose "between X and Y" names parties, not places."""


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
        return prep.head.pos_ == "VERB" and prep.head.lemma_ in MOTION_VERBS | {
            "come", "arrive", "return", "travel", "launch", "fire", "depart", "withdraw", "move"}
    return word in LOCATIVE


def stands_as_place(ent: Span) -> bool:
    """Does a name stand where places stand: after a locative preposition ("in Goma") or
    before a place noun ("the Rafah crossing", "Rakhine state")?"""
    return is_locative(ent) or (ent.root.dep_ == "compound" and ent.root.head.lower_ in PLACE_NOUNS)


def is_locative(ent: Span) -> bool:
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Jerusalem and Tel Aviv"
        root = root.head
    if root.dep_ == "dobj":  # "Qin will visit Washington"
        return root.head.lemma_ in TRAVEL_VERBS
    return root.dep_ == "pobj" and locative_token(root.head)
