"""Direct quotes from the quote marks of the raw text: straight and curly, tolerant of the news
habit of opening a mark per paragraph of a long quote and closing once.
"""
from __future__ import annotations

import re

OPENERS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "''": "''"}

MARKS = "\"'\u201c\u201d\u201e"

MAX_QUOTE_CHARS = 5_000

_CANDIDATE = re.compile("[\"\u201c\u201e]|''")
"""Where ``_mark_at`` can find an opener: it finds none anywhere else."""


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted content (without the marks), paragraph-aware."""
    spans: list[tuple[int, int]] = []
    i = 0
    # jump between the places a mark can open: testing every character in Python was most
    # of the quote stage's time on long articles
    while (candidate := _CANDIDATE.search(text, i)) is not None:
        i = candidate.start()
        opener = _mark_at(text, i)
        if opener is not None:
            closer = OPENERS[opener]
            close = _find_close(text, i + len(opener), closer)
            if close is not None and close - i - len(opener) <= MAX_QUOTE_CHARS:
                inner_start, inner_end = _trim(text, i + len(opener), close)
                if inner_end > inner_start:
                    spans.append((inner_start, inner_end))
                i = close + len(closer)
                continue
        i += 1
    return spans


def _mark_at(text: str, i: int) -> str | None:
    """The opening mark at i: '"', curly and low marks, or two apostrophes (archive style)."""
    if text.startswith("\'\'", i) and not text.startswith("\'\'\'", i):
        return "\'\'"
    return text[i] if text[i] in OPENERS else None


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[\"\u201c\u201e]|\'\'))")


def _find_close(text: str, start: int, closer: str) -> int | None:
    """The closing mark; a new paragraph opening with a fresh mark continues the quote.
    Sloppy copy closes a curly quote with a straight mark: a straight mark not followed by
    a letter closes it, unless it ends a straight quote nested inside ("... "go" ...")."""
    i = start
    nested = 0
    while i < len(text):
        ch = text[i]
        if text.startswith(closer, i) or (closer == '"' and ch == "\u201d"):
            return i
        if closer == "\u201d" and ch == '"':
            if i + 1 < len(text) and text[i + 1].isalnum():
                nested += 1
            elif nested:
                nested -= 1
            else:
                return i
        if ch == "\n" and (brk := _PARAGRAPH.match(text, i)):
            j = brk.end()
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and (mark := _mark_at(text, j)) is not None:
                i = j + len(mark)  # the quote goes on in the next paragraph
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
