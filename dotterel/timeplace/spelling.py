"""A loose key for names that news spells one way and GeoNames another.

Arabic, Persian, Pashto and Ukrainian names reach English news in many transliterations:
"Maaret al-Numan" is GeoNames' "Ma‘arrat an Nu‘mān", "Tell Rifaat" its "Tall Rif‘at",
"Hawija" its "Al Ḩawījah". The key keeps what the spellings share: the consonants of each
word, without the article, apostrophes, doubled letters or a final "h" after a vowel. The
articles and letter equivalences are data (``spelling`` in ``data/places.yaml``). The key is
lossy by design, so the gazetteer consults it only when a name has no exact match, and the
geocoder keeps its matches only in the countries an article is about.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import ConfigError, Errors

_VOWELS = frozenset("aeiou")
_SEMIVOWEL = "y"  # a consonant at a word's start ("Yunis"), a vowel inside ("Mar'yinka", "Dayr")
_APOSTROPHES = re.compile(r"['’‘`ʿʾ]")
_NOT_LETTER = re.compile(r"[^a-z]+")

MIN_CONSONANTS = 3
"""Shorter keys ("Hol" -> "hl") would meet too many unrelated names."""


@dataclass(frozen=True, eq=False)  # not slotted: the compiled pattern is cached on the instance;
# hashed by identity, so the gazetteer's one instance can key a cache
class Spelling:
    """The rules of the loose key, from ``data/places.yaml``."""

    articles: frozenset[str]
    letters: Mapping[str, str]

    @classmethod
    def from_data(cls, data: Mapping[str, object] | None) -> Spelling:
        data = data or {}
        articles = data.get("articles") or []
        letters = data.get("letters") or {}
        if not isinstance(articles, list) or not isinstance(letters, dict):
            raise ConfigError(Errors.E014, path="data/places.yaml",
                              detail="'spelling' needs a list 'articles' and a mapping 'letters'")
        return cls(frozenset(str(a) for a in articles), {str(k): str(v) for k, v in letters.items()})

    @functools.cached_property
    def _letters(self) -> re.Pattern[str] | None:
        # one pass, longest first: "ch" is kept whole before a lone "c" becomes "k"
        keys = sorted(self.letters, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys))) if keys else None

    def key(self, name: str) -> str | None:
        """The loose key of a name, or None when too little of it is left to compare."""
        words = [w for w in _plain(name).split() if w not in self.articles]
        skeletons = [s for s in (self._skeleton(w) for w in words) if s]
        if sum(len(s) for s in skeletons) < MIN_CONSONANTS:
            return None
        return " ".join(skeletons)

    def keys(self, names: Iterable[str]) -> set[str]:
        return {k for k in (self.key(n) for n in names) if k}

    def _skeleton(self, word: str) -> str:
        if self._letters is not None:
            word = self._letters.sub(lambda m: self.letters[m.group(0)], word)
        if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
            word = word[:-1]  # "Hawijah" / "Hawija"
        out: list[str] = []
        for n, ch in enumerate(word):
            if ch in _VOWELS or (ch == _SEMIVOWEL and n > 0):
                continue
            if not out or out[-1] != ch:
                out.append(ch)
        return "".join(out)


def _plain(name: str) -> str:
    """Lower-case ASCII letters and spaces; apostrophes vanish ("Ra's" is "ras")."""
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", name))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NOT_LETTER.sub(" ", stripped).strip()
