"""The flat tables' columns, in their stable order: name, type, meaning and an example.

One list serves every writer and reader: the CSV and Parquet exports, the corpus store's
tables, ``to_frame``'s dtypes, the CSV's CSVW sidecar and the README's data dictionary
(``python tools/data_dictionary.py``). New columns are added, never renamed or reordered.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("string", "date", "int", "float", "bool")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # one of KINDS
    meaning: str
    example: str = ""


def _table(*specs: tuple[str, str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


_SIDES = (("source", "who acts"), ("target", "who is acted on"))


def _actor_columns(side: str, role: str) -> list[tuple[str, str, str, str]]:
    return [
        (f"{side}_actor", "string", f"actor id of {role} ('actors.actor_id')", "PAK-GOV"),
        (f"{side}_name", "string", f"canonical name of {role}", "Pakistan (government)"),
        (f"{side}_country", "string", "its country, ISO 3166-1 alpha-3", "PAK"),
        (f"{side}_cameo", "string", "its CAMEO actor code (country + role)", "PAKGOV"),
        (f"{side}_sector", "string", "its sector or role code (GOV, MIL, COP, REB, ...; ICEWS "
                                     "sector, GDELT Type1Code)", "GOV"),
        (f"{side}_text", "string", "the words naming it in the article", "Islamabad"),
    ]


EVENTS: tuple[Column, ...] = _table(
    ("event_id", "string", "event id, unique in the corpus: article id + e + number", "a1:e2"),
    ("article_id", "string", "the article's id (input 'id')", "a1"),
    ("event_date", "date", "when it happened (YYYY-MM-DD): the date its clause names, else the "
                           "publication date; the first day of its week, month or year when "
                           "'date_precision' is coarser", "2023-12-06"),
    ("date_text", "string", "the words that gave the date; null when it is the publication date",
     "Wednesday"),
    ("date_precision", "string", "how exact 'event_date' is: day, week, month or year "
                                 "(ACLED time_precision)", "day"),
    ("date_source", "string", "where the date comes from: text (a date in the article) or "
                              "publication (the article's own date)", "text"),
    ("event_type", "string", "PLOVER event type", "REQUEST"),
    ("mode", "string", "PLOVER mode of the type; null when it has none (in every format)", "withdraw"),
    ("context", "string", "PLOVER contexts, ';'-separated; null when none", "military"),
    ("cameo_code", "string", "CAMEO event code, leading zeros kept", "0256"),
    ("cameo_label", "string", "the CAMEO code's label", "Appeal for easing of political dissent"),
    ("cameo_root", "string", "CAMEO root code (two digits)", "02"),
    ("quad_class", "int", "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal "
                          "conflict, 4 material conflict", "1"),
    ("goldstein", "float", "Goldstein score of the CAMEO code, -10 to +10", "3.0"),
    *_actor_columns(*_SIDES[0]),
    *_actor_columns(*_SIDES[1]),
    ("negated", "bool", "the text says it did not happen", "false"),
    ("hypothetical", "bool", "conditional, wished or asked for, not reported as done", "false"),
    ("future", "bool", "said of the future", "false"),
    ("hedged", "bool", "reported with doubt (reportedly, allegedly)", "false"),
    ("attributed_to", "string", "name of who the text says reported it, if anyone", "Reuters"),
    ("is_fact", "bool", "reported as having happened: not negated, hypothetical or future", "true"),
    ("place_name", "string", "where it happened, the gazetteer's name", "Islamabad"),
    ("place_country", "string", "country of the place, ISO 3166-1 alpha-3", "PAK"),
    ("lat", "float", "latitude of the place (WGS84)", "33.72"),
    ("lon", "float", "longitude of the place (WGS84)", "73.04"),
    ("geonameid", "int", "GeoNames id of the place, when it has one", "1176615"),
    ("geo_precision", "string", "what the place is: country, admin1 (state, province), "
                                "admin2, city (town or site) or region", "city"),
    ("trigger", "string", "the word that names the event", "asked"),
    ("trigger_start", "int", "character offset of the trigger in the article text", "312"),
    ("trigger_end", "int", "its end offset (exclusive)", "317"),
    ("sentence_start", "int", "character offset of the sentence", "280"),
    ("sentence_end", "int", "its end offset (exclusive)", "402"),
    ("sentence", "string", "the sentence the event was coded from", "Haniyeh asked ..."),
    ("confidence", "float", "the probability that its type, source and target are right "
                            "(calibrated on annotated news), 0 to 1", "0.8"),
    ("published", "date", "the article's publication date", "2023-12-07"),
    ("title", "string", "the article's title", "Hamas asks Pakistan ..."),
    ("source", "string", "the outlet (input 'source')", "Dawn"),
    ("url", "string", "the article's address", "https://..."),
    ("quote_id", "string", "the quote the event was coded from, if a statement", "a1:q1"),
    ("admin1", "string", "the first-level division (state, province; GeoNames ADM1) the place "
                         "is or lies in", "Islamabad Capital Territory"),
    ("n_reports", "int", "reports of this event in the corpus (its de-duplicated cluster, "
                         "``export --dedup``); null outside a de-duplicated corpus", "3"),
    ("n_sources", "int", "distinct outlets among those reports; null outside a de-duplicated "
                         "corpus", "2"),
    ("n_mentions", "int", "how many sentences of the article tell it (headline, lead, body: "
                          "one record, every telling's trigger in the JSON 'mentions')", "3"),
    ("coder", "string", "what coded it: dotterel version and short hashes of the knowledge base, "
                        "lexicon, rules, gazetteer, learned models and the spaCy pipeline",
     "0.1.0 kb:8db7e93d lexicon:0b13eb17 ..."),
)

ACTORS: tuple[Column, ...] = _table(
    ("article_id", "string", "the article's id", "a1"),
    ("seq", "int", "order in the article", "1"),
    ("actor_id", "string", "actor id, stable across articles", "PAK-GOV"),
    ("name", "string", "canonical name", "Pakistan (government)"),
    ("kind", "string", "person, organisation, country, armed_group, igo, party, group, place (a town or region that acts) or name (a name the coder could not classify)", "organisation"),
    ("country", "string", "ISO 3166-1 alpha-3", "PAK"),
    ("cameo", "string", "CAMEO actor code", "PAKGOV"),
    ("sector", "string", "sector or role code", "GOV"),
    ("wikidata", "string", "Wikidata id, when known", "Q843"),
)

QUOTES: tuple[Column, ...] = _table(
    ("article_id", "string", "the article's id", "a1"),
    ("quote_id", "string", "quote id: article id + q + number", "a1:q1"),
    ("seq", "int", "order in the article", "1"),
    ("kind", "string", "direct, indirect or partial", "direct"),
    ("text", "string", "what was said", "We call on ..."),
    ("start", "int", "character offset in the article text", "120"),
    ("end", "int", "end offset (exclusive)", "180"),
    ("speaker_actor", "string", "actor id of the speaker", "HAMAS"),
    ("speaker_name", "string", "canonical name of the speaker", "Ismail Haniyeh"),
    ("cue_text", "string", "the reporting verb or cue", "said"),
    ("confidence", "float", "the coder's confidence, 0 to 1", "0.9"),
    ("inflammatory", "bool", "the speaker vilifies a people in it", "false"),
)

PLACES: tuple[Column, ...] = _table(
    ("article_id", "string", "the article's id", "a1"),
    ("seq", "int", "order in the article", "1"),
    ("name", "string", "the gazetteer's name", "Islamabad"),
    ("geonameid", "int", "GeoNames id, when it has one", "1176615"),
    ("lat", "float", "latitude (WGS84)", "33.72"),
    ("lon", "float", "longitude (WGS84)", "73.04"),
    ("country", "string", "ISO 3166-1 alpha-3", "PAK"),
    ("start", "int", "character offset of the mention", "40"),
    ("end", "int", "end offset (exclusive)", "49"),
    ("precision", "string", "country, admin1, admin2, city or region", "city"),
    ("admin1", "string", "the first-level division it is or lies in (GeoNames ADM1)", "Punjab"),
)

TABLES: dict[str, tuple[Column, ...]] = {"events": EVENTS, "actors": ACTORS, "quotes": QUOTES,
                                         "places": PLACES}
"""The tables ``to_frame`` builds, by name."""


PANDAS_DTYPES = {"string": "string", "date": "datetime64[ns]", "int": "Int64",
                 "float": "float64", "bool": "boolean"}
"""pandas dtype of each kind: nullable integers and strings, so 020 stays "020" and a
missing GeoNames id stays <NA> instead of turning the column into floats."""

CSVW_DATATYPES = {"string": "string", "date": "date", "int": "integer", "float": "double",
                  "bool": "boolean"}


def arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"string": pa.string(), "date": pa.date32(), "int": pa.int64(),
            "float": pa.float64(), "bool": pa.bool_()}[kind]


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c.kind)) for c in TABLES[table]])


def csvw_metadata(table: str, url: str) -> dict[str, Any]:
    """A CSV on the Web (W3C CSVW) description of a CSV of ``table``, to be written beside it
    as ``{url}-metadata.json``: readers that know it (csvw, frictionless, R's csvwr) keep
    ``cameo_code`` a string and read dates as dates."""
    return {"@context": "http://www.w3.org/ns/csvw", "url": url,
            "dc:title": f"dotterel {table}",
            "tableSchema": {"columns": [
                {"name": c.name, "titles": c.name, "datatype": CSVW_DATATYPES[c.kind],
                 "dc:description": c.meaning} for c in TABLES[table]]}}


def dictionary_markdown(table: str) -> str:
    """The table's data dictionary as a Markdown table (the README holds these verbatim)."""
    lines = ["| # | column | type | meaning | example |", "|---|---|---|---|---|"]
    lines += [f"| {n} | `{c.name}` | {c.kind} | {c.meaning} | {f'`{c.example}`' if c.example else ''} |"
              for n, c in enumerate(TABLES[table], start=1)]
    return "\n".join(lines)


def names(table: str) -> tuple[str, ...]:
    return tuple(c.name for c in TABLES[table])


def kind_of(table: str) -> dict[str, str]:
    return {c.name: c.kind for c in TABLES[table]}


__all__ = ["Column", "TABLES", "EVENTS", "ACTORS", "QUOTES", "PLACES", "KINDS", "PANDAS_DTYPES",
           "arrow_type", "arrow_schema", "csvw_metadata", "dictionary_markdown", "names", "kind_of"]
