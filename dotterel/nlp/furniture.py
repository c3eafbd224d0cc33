"""Page furniture (component ``dotterel_furniture``): captions, photo credits, datelines,
bylines, sign-up lines, embedded-post markers, link lines, advertisements and share lines
that a crawler keeps in the article text.

The patterns are data (``data/furniture.yaml``), compiled once and run over the text as it
is: the text never changes, so every offset stays the original one. The spans go on
``DocState.furniture`` (and into the record); the actor, quote and event stages take nothing
from the tokens inside them (``DocState.furniture_tokens``).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, Errors
from ..model import Furniture
from .state import DocState, doc_text

KINDS = ("caption", "credit", "dateline", "byline", "newsletter", "embed", "related",
         "advertisement", "share")
MARK = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
"""How an example marks its furniture: ``[[WASHINGTON (Reuters) -]] The Senate voted``."""


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    about: str
    regex: re.Pattern[str]
    within: int | None
    needs: tuple[str, ...]
    examples: dict[str, list[str]]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    name: str


class FurnitureBook:
    """The compiled patterns of one furniture file."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns

    def find(self, text: str) -> list[Found]:
        """Every furniture span of the text, in text order, none overlapping another (the
        longer of two overlapping spans wins)."""
        lines = [m.span() for m in LINE.finditer(text)]
        found = [hit for p in self.patterns for hit in _matches(p, text, lines)]
        kept: list[Found] = []
        for hit in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
            if not any(k.start < hit.end and hit.start < k.end for k in kept):
                kept.append(hit)
        return sorted(kept, key=lambda f: f.start)


LINE = re.compile(r"[^\n]+")


def _matches(pattern: Pattern, text: str, lines: list[tuple[int, int]]) -> list[Found]:
    # A pattern that opens with ^ is tried at line starts only: a multiline ^ scanned over
    # the whole text costs a test at every character, ten times the rest of the matching.
    if pattern.needs and not any(word in text for word in pattern.needs):
        return []
    if pattern.regex.pattern.startswith("^"):
        limit = pattern.within if pattern.within is not None else len(text) + 1
        found = (pattern.regex.match(text, start, end) for start, end in lines if start < limit)
        matches = [m for m in found if m is not None]
    else:
        matches = list(pattern.regex.finditer(text))
    out = []
    for m in matches:
        start, end = m.span("f") if "f" in pattern.regex.groupindex else m.span()
        if pattern.within is not None and start >= pattern.within:
            break
        # a pattern that reaches over a line's edge keeps the whitespace out of the span
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if start < end:
            out.append(Found(start, end, pattern.kind, pattern.name))
    return out


def default_furniture_path() -> Path:
    return Path(str(resources.files("dotterel") / "data" / "furniture.yaml"))


@functools.lru_cache(maxsize=4)
def load_furniture(path: str | None = None) -> FurnitureBook:
    """The furniture patterns of ``path`` (default: the packaged file), validated."""
    source = Path(path) if path else default_furniture_path()
    patterns = [compile_pattern(r, str(source)) for r in _records(source)]
    twice = sorted(name for name, n in Counter(p.name for p in patterns).items() if n > 1)
    if twice:
        raise ConfigError(Errors.E014, path=str(source), detail=f"pattern names used twice: {twice}")
    return FurnitureBook(patterns)


def _records(source: Path) -> list[Any]:
    try:
        return yaml.safe_load(source.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc


def compile_pattern(record: dict[str, Any], origin: str) -> Pattern:
    name = record.get("name") if isinstance(record, dict) else None
    try:
        if not name:
            raise ValueError("every pattern needs a 'name'")
        if record.get("kind") not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        examples = record.get("examples") or {}
        if not examples.get("furniture") or not all(MARK.search(e) for e in examples["furniture"]):
            raise ValueError("needs examples: furniture texts with the furniture marked [[...]]")
        within = record.get("within")
        if within is not None and (not isinstance(within, int) or within <= 0):
            raise ValueError("within must be a positive number of characters")
        needs = record.get("needs") or []
        if not isinstance(needs, list) or not all(isinstance(w, str) and w for w in needs):
            raise ValueError("needs must be a list of strings")
        regex = re.compile(record.get("pattern") or "", re.MULTILINE)
        if not regex.pattern:
            raise ValueError("needs a pattern")
    except (ValueError, re.error) as exc:
        raise ConfigError(Errors.E014, path=origin, detail=f"pattern '{name}': {exc}") from exc
    return Pattern(name=name, kind=record["kind"], about=record.get("about", ""), regex=regex,
                   within=within, needs=tuple(needs), examples={k: list(v) for k, v in examples.items()})


def marked_example(example: str) -> tuple[str, list[tuple[int, int]]]:
    """An example's text without the marks, and the offsets of the marked furniture."""
    spans, text, at = [], [], 0
    for m in MARK.finditer(example):
        text.append(example[at:m.start()])
        start = sum(len(t) for t in text)
        text.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        at = m.end()
    text.append(example[at:])
    return "".join(text), spans


@Language.factory("dotterel_furniture", default_config={"patterns": None},
                  assigns=["doc._.dotterel", "token.is_sent_start"])
def make_furniture_finder(nlp: Language, name: str, patterns: str | None) -> FurnitureFinder:
    return FurnitureFinder(load_furniture(patterns))


class FurnitureFinder:
    """Marks the furniture of a doc. It runs first, on the tokens alone: a span that opens a
    line becomes its own sentence for the parser ("WASHINGTON (Reuters) -" apart from
    "President Trump said ..."), so no clause of the article reaches into it; one glued into
    a sentence (a name card) leaves the sentence whole."""

    def __init__(self, book: FurnitureBook) -> None:
        self.book = book

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        text = doc_text(doc)
        for hit in self.book.find(text):
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            state.furniture.append(Furniture(start=hit.start, end=hit.end, kind=hit.kind))
            state.furniture_tokens.update(range(span.start, span.end))
            if not doc.has_annotation("DEP") and (hit.start == 0 or text[hit.start - 1] == "\n"):
                _own_sentence(doc, span.start, span.end)
        return doc


def _own_sentence(doc: Doc, start: int, end: int) -> None:
    doc[start].is_sent_start = True
    after = next((t for t in doc[end:] if not t.is_space), None)
    if after is not None:
        after.is_sent_start = True
