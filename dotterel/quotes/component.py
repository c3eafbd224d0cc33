"""The ``dotterel_quotes`` component: candidates found, then attributed in text order."""
from __future__ import annotations

from dataclasses import replace

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import ActorRef, Quote, TextSpan
from ..nlp.state import DocState, doc_text
from .candidates import Candidates
from .cues import Candidate
from .marks import find_quote_spans


@Language.factory("dotterel_quotes", assigns=["doc._.dotterel"], requires=["token.dep"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        finder = _Finder(doc, state)
        state.quotes = [replace(q, id=f"q{n}") for n, q in enumerate(finder.run(), start=1)]
        _speaker_pronouns(doc, state)
        return doc


FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
"""A closed paradigm (grammar, not a word list): inside a direct quote these are the speaker;
the statements stage reads the same words as the speaker talking of themself."""


def _speaker_pronouns(doc: Doc, state: DocState) -> None:
    """"'We will not negotiate with terrorists,' the prime minister said": a first-person
    pronoun inside a direct quote is a mention of the quote's speaker (for "we", the speaker
    stands for the group they speak for), so the events coded in the quote get their side
    from the grammar like any named actor's. Only direct quotes: in reported speech "I" and
    "we" are the writer's or the reporter's."""
    for quote in state.quotes:
        speaker = quote.speaker
        if quote.kind != "direct" or speaker is None or speaker.actor not in state.actors:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        for token in span or ():
            if token.lower_ in FIRST_PERSON and token.pos_ == "PRON" and token.i not in state.token_actor:
                state.add_mention(speaker.actor, doc[token.i: token.i + 1])


class _Finder(Candidates):
    """One Doc's quotes: the paragraph of each token and the tokens inside quote marks."""

    def __init__(self, doc: Doc, state: DocState) -> None:
        self.doc, self.state = doc, state
        self.direct_spans = find_quote_spans(doc_text(doc))
        self.quoted: set[int] = set()
        self.para = _paragraph_numbers(doc)
        for start, end in self.direct_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.quoted.update(range(span.start, span.end))

    def run(self) -> list[Quote]:
        direct = list(self._direct())
        covered = [(c.start, c.end) for c in direct]
        indirect = [c for c in self._indirect()
                    if not any(s < c.end and c.start < e for s, e in covered)]
        indirect = _drop_nested(indirect)
        # no quote from page furniture: a caption's "Pence: 'Those responsible ...'"
        furniture = self.state.furniture_tokens
        direct = [c for c in direct if c.tokens is None or c.tokens[0].i not in furniture]
        indirect = [c for c in indirect if c.tokens is None or c.tokens[0].i not in furniture]
        quotes = []
        last: tuple[ActorRef, int] | None = None  # speaker of the latest quote, sentence index
        sent_index = {s.start: n for n, s in enumerate(self.doc.sents)}
        for cand in sorted(direct + indirect, key=lambda c: c.start):
            span = cand.tokens
            assert span is not None
            here = sent_index[span[0].sent.start]
            confidence = self._attribute(cand, last, here)
            if cand.speaker is not None and any(f.start <= cand.speaker.start < f.end
                                                for f in self.state.furniture):
                cand.speaker = None  # a speaker read from a name card or caption is no speaker
            if cand.speaker is not None:
                last = (cand.speaker, sent_index[span[-1].sent.start])
            quotes.append(Quote(id="q", kind=cand.kind, text=doc_text(self.doc)[cand.start:cand.end],
                                start=cand.start, end=cand.end, speaker=cand.speaker,
                                cue=_span(cand.cue) if cand.cue is not None else None,
                                confidence=confidence))
        return quotes


def _paragraph_numbers(doc: Doc) -> list[int]:
    """The paragraph number of each token: spaCy does not always end a sentence at a blank
    line. A single line break counts only after a sentence end (hard-wrapped text has others).
    Token texts come from the ORTH array: making a Token per word cost more than the test."""
    strings = doc.vocab.strings
    texts = [strings[h] for h in doc.to_array(ORTH).tolist()]
    para, n = [], 0
    for i, text in enumerate(texts):
        para.append(n)
        if "\n" in text and (text.count("\n") >= 2 or (i > 0 and texts[i - 1][-1:] in ".!?\"\u201d:")):
            n += 1
    return para


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """One reported clause can be found from two cues; keep the outermost. "According to X"
    yields to a reporting verb it overlaps ("Wang said that ..., according to the ministry")."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.how == "according", c.start, -c.end)):
        if c.how == "according" and any(k.start < c.end and c.start < k.end for k in kept):
            continue
        if any(k.start <= c.start and c.end <= k.end for k in kept):
            continue
        kept.append(c)
    return kept


def _span(token: Token) -> TextSpan:
    return TextSpan(start=token.idx, end=token.idx + len(token), text=token.text)
