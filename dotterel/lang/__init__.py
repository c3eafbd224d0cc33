"""Language data: word classes as validated YAML, one loader, each list written once.

``word_class("reporting")`` returns the lemmas of a class (a frozenset, or a tuple for classes
marked ``ordered``, which are tried in turn). A language's classes are written in the files of
``FILES`` under ``lang/<lang>/`` -- ``word_classes.yaml`` for the event stage,
``actor_words.yaml`` for the actor stage -- and share one namespace: a name is written in one
file only, and ``include`` may name a class of the other. Rules in ``data/event_rules.yaml``
refer to the classes as ``$reporting``.

A class written as a ``table`` maps each of its words to other words or codes
(``word_table("kind_compound_heads")``: officer -> COP, MIL); its words are the table's keys.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError, Errors

WordClass = frozenset[str] | tuple[str, ...]
WordTable = dict[str, tuple[str, ...]]

FILES = ("word_classes.yaml", "actor_words.yaml")
"""The files of a language's word classes, read in this order into one namespace."""


@functools.lru_cache(maxsize=4)
def _entries(lang: str) -> dict[str, tuple[Any, str]]:
    """Every class entry of the language's files, with the file it is written in."""
    entries: dict[str, tuple[Any, str]] = {}
    for file in FILES:
        source = resources.files("dotterel") / "lang" / lang / file
        try:
            raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc
        if not isinstance(raw, dict):
            raise ConfigError(Errors.E014, path=str(source), detail="the file must map class names to entries")
        for name, entry in raw.items():
            if name in entries:
                raise ConfigError(Errors.E014, path=str(source),
                                  detail=f"class '{name}' is written in {entries[name][1]} already")
            entries[name] = (entry, str(source))
    return entries


@functools.lru_cache(maxsize=4)
def word_classes(lang: str = "en") -> dict[str, WordClass]:
    """Every class of the language, by name, validated (a table class as its words)."""
    entries = _entries(lang)
    resolved: dict[str, WordClass] = {}
    for name in entries:
        resolved[name] = _resolve(name, entries, resolved, ())
    return resolved


def word_class(name: str, lang: str = "en") -> WordClass:
    classes = word_classes(lang)
    if name not in classes:
        raise ConfigError(Errors.E014, path=f"lang/{lang}/{' or '.join(FILES)}", detail=f"no word class '{name}'")
    return classes[name]


def word_table(name: str, lang: str = "en") -> WordTable:
    """The table of a class written as ``table`` (its words -> the words or codes they map to)."""
    word_class(name, lang)  # the class exists and is valid
    entry, origin = _entries(lang)[name]
    if "table" not in entry:
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' is no table")
    return {str(word): _table_value(value) for word, value in entry["table"].items()}


def _table_value(value: Any) -> tuple[str, ...]:
    """A table's value: one word or code, or a list of them."""
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _resolve(name: str, entries: dict[str, tuple[Any, str]], done: dict[str, WordClass],
             trail: tuple[str, ...]) -> WordClass:
    if name in done:
        return done[name]
    if name not in entries:  # only an include names a class no file may hold
        raise ConfigError(Errors.E014, path=entries[trail[-1]][1],
                          detail=f"class '{trail[-1]}' includes '{name}', which no file holds")
    entry, origin = entries[name]
    if isinstance(entry, dict) and "table" in entry:
        return _resolve_table(name, entry, origin)
    if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' needs a 'words' list or a 'table'")
    if name in trail:
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' includes itself")
    words = [str(w) for w in entry["words"]]
    _check_words(name, words, origin)
    if entry.get("ordered"):
        if entry.get("include"):
            raise ConfigError(Errors.E014, path=origin, detail=f"ordered class '{name}' cannot include others")
        return tuple(words)
    members = set(words)
    for other in entry.get("include") or ():
        members |= set(_resolve(str(other), entries, done, (*trail, name)))
    return frozenset(members)


def _resolve_table(name: str, entry: dict[str, Any], origin: str) -> WordClass:
    if not isinstance(entry["table"], dict) or any(k in entry for k in ("words", "ordered", "include")):
        raise ConfigError(Errors.E014, path=origin,
                          detail=f"table class '{name}' needs a mapping and no 'words', 'ordered' or 'include'")
    words = [str(w) for w in entry["table"]]
    values = [_table_value(v) for v in entry["table"].values()]
    _check_words(name, words, origin)
    for value in values:
        _check_words(name, list(value), origin)
    if not all(values):
        raise ConfigError(Errors.E014, path=origin, detail=f"table class '{name}' maps a word to nothing")
    return frozenset(words)


def _check_words(name: str, words: list[str], origin: str) -> None:
    bad = [w for w in words if w != w.strip() or not w]
    if bad:
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' has blank or padded words {bad}")


__all__ = ["FILES", "WordClass", "WordTable", "word_class", "word_classes", "word_table"]
