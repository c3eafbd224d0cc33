"""The first of coordinated words, which carries the coordination's relation to its head.

spaCy hangs "Syldavia" in "Borduria and Syldavia signed" under "Borduria" as ``conj``; what the
pair does is read off the first conjunct. Below the actor, place and event stages, which all ask.
"""
from __future__ import annotations

from spacy.tokens import Token


def first_conjunct(token: Token) -> Token:
    """"Syldavia" in "Borduria and Syldavia" -> "Borduria"; any other word is its own first."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token
