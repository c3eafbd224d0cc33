"""The event trigger lexicon and the CAMEO code table, loaded from package data."""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Errors
from .lang import word_class
from .model import PLOVER_TYPES, CameoCode


@dataclass(frozen=True, kw_only=True)
class Trigger:
    """One lexicon entry: a word (plus optional object/preposition) that signals an event."""

    lemma: str
    pos: str  # VERB | NOUN
    cameo: str
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    object: frozenset[str] = frozenset()
    prep: str | None = None
    target: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        return bool(self.object) + bool(self.prep)

    @property
    def label(self) -> str:
        extra = (f" +{'/'.join(sorted(self.object))}" if self.object else "") + \
                (f" +{self.prep}" if self.prep else "")
        return f"{self.lemma}/{self.pos}{extra}"


@dataclass(frozen=True)
class CameoInfo:
    code: str
    label: str
    goldstein: float | None
    plover_type: str | None


class Lexicon:
    def __init__(self, triggers: list[Trigger], cameo: dict[str, CameoInfo]) -> None:
        self.cameo = cameo
        self.by_word: dict[tuple[str, str], list[Trigger]] = {}
        self.lemmas: frozenset[str] = frozenset(t.lemma for t in triggers)
        """Every lemma with an entry, to pass over the other words at once."""
        for trigger in triggers:
            self.by_word.setdefault((trigger.lemma, trigger.pos), []).append(trigger)

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        return self.by_word.get((lemma, pos), [])

    def cameo_code(self, code: str, plover_type: str) -> CameoCode:
        return CameoCode(code=code, root=code[:2], quad_class=PLOVER_TYPES[plover_type],
                         goldstein=self.goldstein(code))

    def goldstein(self, code: str) -> float | None:
        while code:
            info = self.cameo.get(code)
            if info is not None and info.goldstein is not None:
                return info.goldstein
            code = code[:-1] if len(code) > 2 else ""
        return None


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None, extra: str | None = None) -> Lexicon:
    """Our lexicon (``data/events.yaml``, or ``path``), and optionally a lower-ranked one
    (``extra``, e.g. an imported field dictionary) whose entries count only for the words
    ours does not name: ours win for every lemma they cover."""
    cameo = load_cameo_table()
    source = Path(path) if path else resources.files("dotterel") / "data" / "events.yaml"
    triggers = [_trigger(r, cameo, str(source)) for r in _records(source)]
    if extra:
        ours = {(t.lemma, t.pos) for t in triggers}
        triggers += [t for t in (_trigger(r, cameo, extra) for r in _records(Path(extra)))
                     if (t.lemma, t.pos) not in ours]
    return Lexicon(triggers, cameo)


def entry_objects(items: Any) -> frozenset[str]:
    """An entry's object words: each word as written, and for "$name" every word of the word
    class of that name (lang/en), so that a list several entries share is written once."""
    words: set[str] = set()
    for item in items or ():
        item = str(item).lower()
        words |= set(word_class(item[1:])) if item.startswith("$") else {item}
    return frozenset(words)


def _records(source: Any) -> list[dict]:  # type: ignore[type-arg]
    try:
        return yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER) or []
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it: the imported dictionary has 28k entries."""


def _trigger(record: dict, cameo: dict[str, CameoInfo], origin: str) -> Trigger:  # type: ignore[type-arg]
    try:
        code = str(record["cameo"])
        kind = str(record["type"]).upper()
        if kind not in PLOVER_TYPES:
            raise ValueError(f"type '{kind}' is not a PLOVER type")
        if code not in cameo:
            raise ValueError(f"CAMEO code '{code}' is unknown")
        pos = str(record["pos"]).upper()
        if pos not in ("VERB", "NOUN"):
            raise ValueError(f"pos '{pos}' must be VERB or NOUN")
        return Trigger(lemma=str(record["lemma"]).lower(), pos=pos, cameo=code, type=kind,
                       mode=record.get("mode"), context=tuple(record.get("context") or ()),
                       object=entry_objects(record.get("object")),
                       prep=record.get("prep"), target=tuple(record.get("target") or ()))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(Errors.E014, path=origin, detail=f"entry {record!r}: {exc}") from exc


@functools.lru_cache(maxsize=1)
def load_cameo_table() -> dict[str, CameoInfo]:
    text = (resources.files("dotterel") / "data" / "cameo.tsv").read_text(encoding="utf-8")
    table = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        score = row.get("goldstein") or ""
        table[row["code"]] = CameoInfo(code=row["code"], label=row["label"],
                                       goldstein=float(score) if score else None,
                                       plover_type=row.get("plover_type") or None)
    return table
