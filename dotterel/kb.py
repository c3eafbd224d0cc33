"""The actor knowledge base: countries, organisations, groups and people, loaded from YAML.

Files live in ``dotterel/data`` (countries.yaml, actors.yaml, sectors.yaml); users add or
override entries by id with their own actors YAML (same format as actors.yaml).
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Errors

KINDS = {"person", "organisation", "country", "armed_group", "igo", "party", "group"}


@dataclass(frozen=True, kw_only=True)
class Role:
    title: str
    of: str
    sector: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, kw_only=True)
class Entry:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    nominals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    gender: str | None = None
    roles: tuple[Role, ...] = ()

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on a date; the most recent one when none is active."""
        active = [r for r in self.roles if r.active(on)]
        pool = active or list(self.roles)
        return max(pool, key=lambda r: r.start or dt.date.min) if pool else None


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Surface form -> (entry id, how it names it: name | demonym | capital | metonym)."""
    nominals: dict[str, list[str]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    """Lowercase sector word ('army', 'police') -> CAMEO role code ('MIL', 'COP')."""
    titles: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(role title, of) -> ids of people who held it."""
    title_heads: set[str] = field(default_factory=set)
    """Last words of role titles ('minister', 'chief'): nouns that name a person by office."""

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for alias in (entry.name, *entry.aliases):
            self.names[alias] = (entry.id, "name")
        for demonym in entry.demonyms:
            self.names.setdefault(demonym, (entry.id, "demonym"))
        if entry.capital:
            self.names.setdefault(entry.capital, (entry.id, "capital"))
        for metonym in entry.metonyms:
            self.names.setdefault(metonym, (entry.id, "metonym"))
        for nominal in entry.nominals:
            self.nominals.setdefault(nominal.lower().removeprefix("the "), []).append(entry.id)
        for role in entry.roles:
            self.titles.setdefault((role.title.lower(), role.of), []).append(entry.id)
            self.title_heads.add(role.title.lower().split()[-1])

    def lookup(self, text: str) -> tuple[Entry, str] | None:
        hit = self.names.get(text) or self.names.get(text.removeprefix("the ").removeprefix("The "))
        return (self.entries[hit[0]], hit[1]) if hit else None

    def holder(self, title: str, of: str, on: dt.date | None) -> Entry | None:
        """Who held a role ('prime minister' of 'ISR') on a date."""
        for entry_id in self.titles.get((title.lower(), of), []):
            entry = self.entries[entry_id]
            if any(r.title.lower() == title.lower() and r.of == of and r.active(on)
                   for r in entry.roles):
                return entry
        return None

    def cameo_for(self, entry: Entry, on: dt.date | None) -> tuple[str | None, str | None]:
        """CAMEO actor code and sector of an entry on a date (people take their role's)."""
        if entry.kind != "person":
            return entry.cameo, entry.sector
        role = entry.role_on(on)
        if role is None:
            return entry.country, None
        org = self.entries.get(role.of)
        if org is not None and org.kind != "country":
            return org.cameo, role.sector or org.sector
        country = org.cameo if org is not None else role.of
        return f"{country}{role.sector or ''}", role.sector


def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    # one cache key for load_kb() and load_kb(()): lru_cache tells them apart, and the YAML
    # takes three seconds to read
    return _load_kb(tuple(extra_files))


@functools.lru_cache(maxsize=8)
def _load_kb(extra_files: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for record in _read_yaml("countries.yaml"):
        kb.add(_country(record))
    for record in _read_yaml("actors.yaml"):
        kb.add(_entry(record, "actors.yaml"))
    for path in extra_files:
        for record in _read_yaml(path):
            kb.add(_entry(record, path))
    sectors = _read_yaml("sectors.yaml") or {}
    for code, spec in sectors.items():
        for word in (spec or {}).get("words", []):
            kb.sectors[str(word).lower()] = str(code)
    return kb


def _read_yaml(name: str) -> Any:
    path = Path(name) if Path(name).is_absolute() or "/" in name else None
    try:
        if path is None:
            file = resources.files("dotterel") / "data" / name
            if not file.is_file():
                return []
            text = file.read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text) or []
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=name, detail=exc) from exc


def _country(record: dict[str, Any]) -> Entry:
    try:
        iso3 = str(record["iso3"])
        return Entry(id=iso3, name=str(record["name"]), kind="country", country=iso3,
                     cameo=str(record.get("cameo") or iso3), wikidata=record.get("wikidata"),
                     aliases=_strs(record.get("aliases")), demonyms=_strs(record.get("demonyms")),
                     capital=record.get("capital"), metonyms=_strs(record.get("metonyms")),
                     nominals=_strs(record.get("nominals")))
    except (KeyError, TypeError) as exc:
        raise ConfigError(Errors.E014, path="countries.yaml", detail=f"{record!r}: {exc}") from exc


def _entry(record: dict[str, Any], origin: str) -> Entry:
    try:
        kind = str(record["kind"])
        if kind not in KINDS:
            raise ValueError(f"kind '{kind}' is not one of {sorted(KINDS)}")
        roles = tuple(Role(title=str(r["title"]), of=str(r["of"]), sector=r.get("sector"),
                           start=_date(r.get("start")), end=_date(r.get("end")))
                      for r in record.get("roles") or [])
        return Entry(id=str(record["id"]), name=str(record["name"]), kind=kind,
                     country=record.get("country"), sector=record.get("sector"),
                     cameo=record.get("cameo"), wikidata=record.get("wikidata"),
                     aliases=_strs(record.get("aliases")), nominals=_strs(record.get("nominals")),
                     gender=record.get("gender"), roles=roles)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(Errors.E014, path=origin, detail=f"entry {record.get('id')!r}: {exc}") from exc


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _strs(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())
