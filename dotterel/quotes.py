"""Quotes and their speakers (component ``dotterel_quotes``).

Direct quotes are found from quote marks over the raw text (straight and curly, tolerant of
the news habit of opening a mark per paragraph of a long quote and closing once); indirect
speech from reporting verbs with a complement clause. The speaker is the subject of the
cue verb governing the quote, or the previous sentence's speaking subject.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .events import actor_ref, find_sources
from .model import Quote, TextSpan
from .parse import DocState

CUES = {"say", "tell", "add", "stress", "claim", "warn", "state", "insist", "assert", "argue",
        "announce", "suggest", "accuse", "deny", "urge", "call", "describe", "refer", "write",
        "declare", "emphasize", "underscore", "note", "explain", "reply", "respond", "ask",
        "vow", "pledge", "promise", "threaten", "demand", "allege", "charge", "denounce",
        "condemn", "praise", "acknowledge", "confirm", "admit", "reiterate", "complain",
        "express", "speak", "tweet", "post", "quote", "brand", "label", "dub", "term"}
INDIRECT_CUES = CUES - {"call", "describe", "refer", "brand", "label", "dub", "term", "speak",
                        "express", "quote"}
OPENERS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d"}
MAX_QUOTE_CHARS = 5_000


@Language.factory("dotterel_quotes", assigns=["doc._.dotterel"], requires=["token.dep"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        direct = list(self._direct(doc, state))
        covered = [(q.start, q.end) for q in direct]
        indirect = [q for q in self._indirect(doc, state)
                    if not any(s < q.end and q.start < e for s, e in covered)]
        quotes = sorted(direct + indirect, key=lambda q: q.start)
        state.quotes = [_renumber(q, n) for n, q in enumerate(quotes, start=1)]
        return doc

    def _direct(self, doc: Doc, state: DocState) -> Iterator[Quote]:
        for start, end in find_quote_spans(doc.text):
            content = doc.char_span(start, end, alignment_mode="expand")
            if content is None or not content.text.strip():
                continue
            kind = _kind(doc, start, end)
            cue, speaker, confidence = _speaker(content, state)
            yield Quote(id="q", kind=kind, text=doc.text[start:end], start=start, end=end,
                        speaker=speaker, cue=cue, confidence=confidence)

    def _indirect(self, doc: Doc, state: DocState) -> Iterator[Quote]:
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in INDIRECT_CUES:
                continue
            for child in token.children:
                if child.dep_ == "ccomp" and child.i > token.i:
                    sub = list(child.subtree)
                    first = sub[0]
                    if first.dep_ == "mark" and first.lower_ == "that":
                        sub = sub[1:]
                    span = doc[sub[0].i: sub[-1].i + 1]
                    speakers = find_sources(token, state)
                    yield Quote(id="q", kind="indirect", text=span.text, start=span.start_char,
                                end=span.end_char, speaker=actor_ref(speakers[0]) if speakers else None,
                                cue=_span(token), confidence=0.7 if speakers else 0.4)


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted content (without the marks), paragraph-aware."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        closer = OPENERS.get(text[i])
        if closer is not None:
            close = _find_close(text, i + 1, closer)
            if close is not None and close - i - 1 <= MAX_QUOTE_CHARS:
                inner_start, inner_end = _trim(text, i + 1, close)
                if inner_end > inner_start:
                    spans.append((inner_start, inner_end))
                i = close + 1
                continue
        i += 1
    return spans


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"\u201c\u201e])")


def _find_close(text: str, start: int, closer: str) -> int | None:
    """The closing mark; a new paragraph opening with a fresh mark continues the quote."""
    i = start
    while i < len(text):
        ch = text[i]
        if ch == closer or (closer == "\u201d" and ch == '"'):
            return i
        if ch == "\n" and (brk := _PARAGRAPH.match(text, i)):
            j = brk.end()
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and text[j] in OPENERS:
                i = j + 1  # the quote goes on in the next paragraph
                continue
            return None  # the paragraph ended unclosed: not a quote we can trust
        i += 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(doc: Doc, start: int, end: int) -> str:
    """Partial when the marks sit inside a clause of the reporter's ('as a "land of ..."')."""
    inner = doc.text[start:end]
    before = doc.text[max(0, start - 40): start - 1].rstrip()
    embedded = bool(before) and (before[-1].isalnum() or before[-1] in ")%")
    if len(inner.split()) <= 12 and embedded:
        return "partial"
    return "direct"


def _speaker(content: Span, state: DocState) -> tuple[TextSpan | None, object, float]:
    cue = _cue_outside(content)
    if cue is not None:
        speakers = find_sources(cue, state)
        if speakers:
            return _span(cue), actor_ref(speakers[0]), 0.85
        return _span(cue), None, 0.4
    previous = _previous_sentence(content)
    if previous is not None:
        prev_cue = next((t for t in previous if t.lemma_.lower() in CUES and t.pos_ == "VERB"), None)
        if prev_cue is not None:
            speakers = find_sources(prev_cue, state)
            if speakers:
                return None, actor_ref(speakers[0]), 0.55
    return None, None, 0.3


def _cue_outside(content: Span) -> Token | None:
    """A cue verb in the quote's sentences but outside its marks: the governor, else any."""
    inside = set(range(content.start, content.end))
    sents = {t.sent for t in (content[0], content[-1])}
    for sent in sorted(sents, key=lambda s: s.start):
        node = content.root
        while node.head.i != node.i and node.i in inside:
            node = node.head
        for candidate in [node, *node.ancestors]:
            if candidate.i not in inside and candidate.lemma_.lower() in CUES and candidate.pos_ == "VERB":
                return candidate
        for token in sent:
            if token.i not in inside and token.lemma_.lower() in CUES and token.pos_ == "VERB":
                return token
    return None


def _previous_sentence(content: Span) -> Span | None:
    first = content.sent
    if first.start == 0:
        return None
    return content.doc[first.start - 1].sent


def _span(token: Token) -> TextSpan:
    return TextSpan(start=token.idx, end=token.idx + len(token), text=token.text)


def _renumber(quote: Quote, n: int) -> Quote:
    from dataclasses import replace

    return replace(quote, id=f"q{n}")
