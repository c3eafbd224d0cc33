"""Generic groups: actors that name nobody in particular, kept out of top lists and networks.

The words are data (``data/generic_actors.yaml``, and the offices of unknown country of the
word class ``countryless_roles``); ``generic_clause`` gives the SQL that
leaves such actors out, its values as parameters.
"""
from __future__ import annotations

import functools
from importlib import resources

import yaml

from .errors import ConfigError, Errors
from .lang import word_class

FILE = "generic_actors.yaml"


@functools.lru_cache(maxsize=1)
def generic_actors() -> tuple[frozenset[str], tuple[str, ...]]:
    """(actor ids, id prefixes) of the generic groups."""
    try:
        data = yaml.safe_load((resources.files("dotterel") / "data" / FILE).read_text(encoding="utf-8"))
        words, prefixes = data["words"], data.get("prefixes") or []
        if not all(isinstance(w, str) and w for w in [*words, *prefixes]):
            raise ValueError("words and prefixes must be non-empty strings")
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(Errors.E014, path=FILE, detail=exc) from exc
    # offices of unknown country ("the government", "officials") name no one in particular either
    words = [*words, *word_class("countryless_roles")]
    return frozenset(f"group:{w}" for w in words), tuple(prefixes)


def is_generic(actor_id: str) -> bool:
    ids, prefixes = generic_actors()
    return actor_id in ids or actor_id.startswith(prefixes)


def generic_clause(*columns: str) -> tuple[str, list[object]]:
    """SQL true when none of ``columns`` (actor id columns, ours) holds a generic group."""
    ids, prefixes = generic_actors()
    parts, params = [], []
    for column in columns:
        starts = "".join(f" OR starts_with({column}, ?)" for _ in prefixes)
        parts.append(f"NOT coalesce(list_contains(?::VARCHAR[], {column}){starts}, false)")
        params += [sorted(ids), *prefixes]
    return " AND ".join(parts), params


__all__ = ["generic_actors", "is_generic", "generic_clause"]
