"""Names the entity recogniser left untagged, where the grammar makes them a party.

The small English model tags "Syldavia" in "Borduria imposed an embargo on Syldavia" but not
"Borduria": a capitalised word opening a sentence is ambiguous to it. A coder that reads only
tagged names loses every actor no list holds at the start of a sentence (measured with
``tools/name_swap.py``). Here a proper noun standing where a party stands (subject, object,
possessor, object of a party's preposition) is a name candidate, and what it names is read
off the document: the label the same words carry elsewhere in it, or the label of the name
it is coordinated with ("Borduria and Syldavia": both places). A name with no such evidence
is a party of unknown kind (``NAME``) when the model never saw the word: a word it knows
("Use", "Economy", "Rogers") that it did not tag is a word, as are titles ("President"),
headlines and words in capitals throughout ("MIAMI", "GDP") -- their capitals say nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..nlp.conjuncts import first_conjunct

LABELS = ("PERSON", "ORG", "GPE", "NORP")
HEADLINE_SHARE = 0.5
"""A sentence with this share of capitalised words or more is a headline: its capitals say nothing."""


def _headline(token: Token) -> bool:
    """Is the token's sentence written in title case ("Senate Passes Budget Bill")?"""
    words = [t for t in token.sent if t.is_alpha]
    return sum(t.text[:1].isupper() for t in words) >= HEADLINE_SHARE * len(words)


def _chain(token: Token) -> Span:
    """The name's words: the proper noun and the proper nouns compounded before it."""
    start = token.i
    doc = token.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat") \
            and doc[start - 1].head.i == token.i and not doc[start - 1].ent_type_:
        start -= 1
    return doc[start: token.i + 1]


def _named(token: Token) -> bool:
    """Written as a name: capitalised, not in capitals throughout ("MIAMI", "GDP")."""
    return token.pos_ == "PROPN" and token.tag_ == "NNP" and token.is_title and token.is_alpha and len(token) > 1


def _label_by_coordination(token: Token) -> str | None:
    """"Borduria and Syldavia": the label of a tagged name the word is coordinated with."""
    head = first_conjunct(token)
    for other in [head, *head.conjuncts]:
        if other.i != token.i and other.ent_type_ in LABELS and other.pos_ == "PROPN":
            return other.ent_type_
    return None


def untagged_names(doc: Doc, party: Callable[[Token], bool], common: Callable[[Token], bool],
                   taken: set[int]) -> list[Span]:
    """Untagged proper nouns in a party position (``party(token)``), labelled by what the
    document says of the same words or of their coordinated names, else ``NAME``; a word the
    model knows, a title or an office (``common(token)``: "Use", "Judge") needs that evidence.
    ``taken`` are token indices some other candidate already covers."""
    tagged = {" ".join(e.text.split()): e.label_ for e in doc.ents if e.label_ in LABELS}
    found = []
    for token in doc:
        if token.i in taken or token.ent_type_ or not _named(token) or not party(token):
            continue
        if token.dep_ in ("compound", "flat") or _headline(token):
            continue
        span = _chain(token)
        label = tagged.get(span.text) or _label_by_coordination(token)
        if label is None and common(token):
            continue
        found.append(Span(doc, span.start, span.end, label=label or "NAME"))
    return found
