"""Language data: word classes as validated YAML, one loader, each list written once.

``word_class("reporting")`` returns the lemmas of a class in ``lang/en/word_classes.yaml``
(a frozenset, or a tuple for classes marked ``ordered``, which are tried in turn). Rules in
``data/event_rules.yaml`` refer to the same classes as ``$reporting``.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError, Errors

WordClass = frozenset[str] | tuple[str, ...]


@functools.lru_cache(maxsize=4)
def word_classes(lang: str = "en") -> dict[str, WordClass]:
    source = resources.files("dotterel") / "lang" / lang / "word_classes.yaml"
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E014, path=str(source), detail="the file must map class names to entries")
    resolved: dict[str, WordClass] = {}
    for name in raw:
        resolved[name] = _resolve(name, raw, resolved, (), str(source))
    return resolved


def word_class(name: str, lang: str = "en") -> WordClass:
    classes = word_classes(lang)
    if name not in classes:
        raise ConfigError(Errors.E014, path=f"lang/{lang}/word_classes.yaml",
                          detail=f"no word class '{name}'")
    return classes[name]


def _resolve(name: str, raw: dict[str, Any], done: dict[str, WordClass], trail: tuple[str, ...],
             origin: str) -> WordClass:
    if name in done:
        return done[name]
    entry = raw.get(name)
    if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' needs a 'words' list")
    if name in trail:
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' includes itself")
    words = [str(w) for w in entry["words"]]
    bad = [w for w in words if w != w.strip() or not w]
    if bad:
        raise ConfigError(Errors.E014, path=origin, detail=f"class '{name}' has blank or padded words {bad}")
    if entry.get("ordered"):
        if entry.get("include"):
            raise ConfigError(Errors.E014, path=origin, detail=f"ordered class '{name}' cannot include others")
        return tuple(words)
    members = set(words)
    for other in entry.get("include") or ():
        members |= set(_resolve(str(other), raw, done, (*trail, name), origin))
    return frozenset(members)


__all__ = ["WordClass", "word_class", "word_classes"]
