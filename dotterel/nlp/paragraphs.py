"""Paragraph breaks end sentences (component ``dotterel_paragraphs``)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

ENDS = ".!?:\"\u201d"


@Language.component("dotterel_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """A paragraph break ends a sentence. The parser, left alone, runs a third of its
    sentences on across paragraphs ("... released.”\n\nAbout 240 people were taken"), so a
    speaker or subject from one paragraph leaked into the next; it keeps boundaries set
    before it runs."""
    for token in doc[1:]:
        if paragraph_break(doc, token.i - 1):
            token.is_sent_start = True
    return doc


def paragraph_break(doc: Doc, i: int) -> bool:
    """Does token i break a paragraph (a single line break counts only after a sentence end;
    hard-wrapped text has others)?"""
    text = doc[i].text
    return text.count("\n") >= 2 or ("\n" in text and i > 0 and doc[i - 1].text[-1:] in ENDS)
