"""Read-only queries behind ``dotterel serve``: filters, pagination and aggregates.

Every user value travels as a ``?`` parameter; only our own column names and fixed SQL
fragments are put into the query text. ``con`` is any DuckDB connection or cursor on a
corpus database (``store.Corpus(path, read_only=True).con.cursor()``).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from .generic import generic_clause
from .model import PLOVER_TYPES
from .output import EVENT_COLUMNS

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """The event filters shared by the API and the pages; ``None`` means not filtered."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    quad_class: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    facts_only: bool = True
    article_id: str | None = None
    place: str | None = None
    """The place's name as the gazetteer gives it (``place_name``), e.g. from the map."""

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A WHERE clause (possibly empty) and its parameters."""
        p = f"{alias}." if alias else ""
        clauses: list[str] = []
        params: list[Any] = []
        for clause, value in ((f"({p}source_actor = ? OR {p}target_actor = ?)", self.actor),
                              (f"({p}source_country = ? OR {p}target_country = ?)",
                               self.country.upper() if self.country else None),
                              (f"{p}event_type = ?", self.type.upper() if self.type else None),
                              (f"{p}quad_class = ?", self.quad_class),
                              (f"{p}event_date >= ?", self.date_from),
                              (f"{p}event_date <= ?", self.date_to),
                              (f"{p}article_id = ?", self.article_id),
                              (f"{p}place_name = ?", self.place)):
            if value is not None and value != "":
                clauses.append(clause)
                params.extend([value] * clause.count("?"))
        if self.facts_only:
            clauses.append(f"{p}is_fact")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def validate(self) -> None:
        if self.type is not None and self.type.upper() not in PLOVER_TYPES:
            raise ValueError(f"type must be one of the PLOVER types: {', '.join(PLOVER_TYPES)}")
        if self.quad_class is not None and self.quad_class not in QUADS:
            raise ValueError("quad_class must be 1, 2, 3 or 4")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")


def _rows(cursor: Any) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def jsonable(value: Any) -> Any:
    """DuckDB values as JSON: dates as ISO strings, NaN as null."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def one(con: Any, query: str, params: list[Any] | None = None) -> Any:
    row = con.execute(query, params or []).fetchone()
    return None if row is None else row[0]


# ---------------------------------------------------------------- articles


def article_count(con: Any) -> int:
    return int(one(con, "SELECT count(*) FROM articles"))


def articles(con: Any, *, limit: int, offset: int, source: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    where, params = (" WHERE a.source = ?", [source]) if source else ("", [])
    total = int(one(con, f"SELECT count(*) FROM articles a{where}", params))
    rows = _rows(con.execute(
        "SELECT a.id, a.published, a.title, a.source, a.url, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT count(*) FROM actors r WHERE r.article_id = a.id) AS actors "
        f"FROM articles a{where} ORDER BY a.seq LIMIT ? OFFSET ?", [*params, limit, offset]))
    return total, rows


def article_record(con: Any, article_id: str) -> dict[str, Any] | None:
    from .store import record_from_row

    row = con.execute("SELECT text, record FROM articles WHERE id = ?", [article_id]).fetchone()
    return None if row is None else record_from_row(row[0], row[1])


def publication_range(con: Any) -> tuple[dt.date | None, dt.date | None]:
    row = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return (row[0], row[1]) if row else (None, None)


# ---------------------------------------------------------------- events


def events(con: Any, flt: EventFilter, *, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    where, params = flt.where("e")
    total = int(one(con, f"SELECT count(*) FROM events e{where}", params))
    columns = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)
    rows = _rows(con.execute(
        f"SELECT {columns} FROM events e JOIN articles a ON a.id = e.article_id{where} "
        "ORDER BY e.event_date DESC NULLS LAST, a.seq, e.seq LIMIT ? OFFSET ?",
        [*params, limit, offset]))
    return total, rows


def timeline(con: Any, flt: EventFilter, *, by: str = "month") -> list[dict[str, Any]]:
    """Per period: event counts by QuadClass."""
    if by not in ("day", "week", "month", "quarter", "year"):
        raise ValueError("by must be day, week, month, quarter or year")
    where, params = flt.where("e")
    where = (where + " AND " if where else " WHERE ") + "e.event_date IS NOT NULL"
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {n}) AS q{n}" for n in QUADS)
    return _rows(con.execute(
        f"SELECT date_trunc(?, e.event_date)::DATE AS period, {quads}, count(*) AS events, "
        f"sum(e.goldstein) AS goldstein_sum FROM events e{where} GROUP BY period ORDER BY period",
        [by, *params]))


def dyads(con: Any, flt: EventFilter, *, by: str | None = None, limit: int = 50,
          offset: int = 0, generic: bool = True) -> tuple[int, list[dict[str, Any]]]:
    """Event counts and Goldstein sum/mean per (source, target) pair, per period or overall;
    ``generic=False`` leaves out pairs with a generic group (``generic``)."""
    if by is not None and by not in ("day", "week", "month", "year"):
        raise ValueError("by must be day, week, month, year or all")
    where, params = flt.where("e")
    where = (where + " AND " if where else " WHERE ") + \
        "e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL"
    if not generic:
        named, named_params = generic_clause("e.source_actor", "e.target_actor")
        where, params = f"{where} AND {named}", [*params, *named_params]
    period = "date_trunc(?, e.event_date)::DATE" if by else "NULL::DATE"
    period_params = [by] if by else []
    inner = (f"SELECT {period} AS period, e.source_actor, min(e.source_name) AS source_name, "
             "e.target_actor, min(e.target_name) AS target_name, count(*) AS events, "
             "sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean "
             f"FROM events e{where} GROUP BY ALL")
    total = int(one(con, f"SELECT count(*) FROM ({inner})", [*period_params, *params]))
    order = "period NULLS FIRST, events DESC" if by else "events DESC"
    rows = _rows(con.execute(f"SELECT * FROM ({inner}) ORDER BY {order}, source_actor, target_actor "
                             "LIMIT ? OFFSET ?", [*period_params, *params, limit, offset]))
    return total, rows


def event_places(con: Any, flt: EventFilter, *, limit: int = 400) -> list[dict[str, Any]]:
    """The places of the matching events with their event counts, the most eventful first."""
    where, params = flt.where("e")
    where = (where + " AND " if where else " WHERE ") + "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    return _rows(con.execute(
        "SELECT e.place_name, min(e.admin1) AS admin1, min(e.place_country) AS place_country, "
        f"avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS events FROM events e{where} "
        "GROUP BY e.place_name, round(e.lat, 1), round(e.lon, 1) ORDER BY events DESC, e.place_name "
        "LIMIT ?", [*params, limit]))


def active_actors(con: Any, flt: EventFilter, *, limit: int = 10,
                  generic: bool = True) -> list[dict[str, Any]]:
    """The actors in the most matching events (either side), with their roles and mean Goldstein;
    ``generic=False`` leaves out generic groups."""
    where, params = flt.where("e")
    named, named_params = generic_clause("actor_id") if not generic else ("true", [])
    return _rows(con.execute(
        f"WITH f AS (SELECT * FROM events e{where}), roles AS ("
        "SELECT source_actor AS actor_id, source_name AS name, goldstein, 1 AS src, 0 AS tgt "
        "FROM f WHERE source_actor IS NOT NULL UNION ALL "
        "SELECT target_actor, target_name, goldstein, 0, 1 FROM f WHERE target_actor IS NOT NULL) "
        "SELECT actor_id, min(name) AS name, count(*) AS events, sum(src) AS as_source, "
        f"sum(tgt) AS as_target, avg(goldstein) AS goldstein_mean FROM roles WHERE {named} "
        "GROUP BY actor_id ORDER BY events DESC, actor_id LIMIT ?", [*params, *named_params, limit]))


# ---------------------------------------------------------------- actors and quotes


_ACTOR_SQL = (
    "WITH a AS (SELECT actor_id, min(name) AS name, min(kind) AS kind, min(country) AS country, "
    "min(cameo) AS cameo, min(wikidata) AS wikidata, count(DISTINCT article_id) AS articles "
    "FROM actors GROUP BY actor_id), "
    "m AS (SELECT actor_id, count(*) AS mentions FROM mentions GROUP BY actor_id), "
    "s AS (SELECT source_actor AS actor_id, count(*) AS as_source FROM events "
    "WHERE source_actor IS NOT NULL{fact} GROUP BY 1), "
    "t AS (SELECT target_actor AS actor_id, count(*) AS as_target FROM events "
    "WHERE target_actor IS NOT NULL{fact} GROUP BY 1), "
    "q AS (SELECT speaker_actor AS actor_id, count(*) AS quotes FROM quotes "
    "WHERE speaker_actor IS NOT NULL GROUP BY 1), "
    "x AS (SELECT a.actor_id, a.name, a.kind, a.country, a.cameo, a.wikidata, a.articles, "
    "coalesce(m.mentions, 0) AS mentions, coalesce(s.as_source, 0) AS as_source, "
    "coalesce(t.as_target, 0) AS as_target, coalesce(q.quotes, 0) AS quotes FROM a "
    "LEFT JOIN m USING (actor_id) LEFT JOIN s USING (actor_id) LEFT JOIN t USING (actor_id) "
    "LEFT JOIN q USING (actor_id)) ")


def actors(con: Any, *, limit: int, offset: int, q: str | None = None, country: str | None = None,
           facts_only: bool = True) -> tuple[int, list[dict[str, Any]]]:
    base = _ACTOR_SQL.format(fact=" AND is_fact" if facts_only else "")
    clauses, params = [], []
    if q:
        clauses.append("(contains(lower(name), lower(?)) OR contains(lower(actor_id), lower(?)))")
        params += [q, q]
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    total = int(one(con, base + f"SELECT count(*) FROM x{where}", params))
    rows = _rows(con.execute(base + f"SELECT * FROM x{where} ORDER BY articles DESC, mentions DESC, "
                             "actor_id LIMIT ? OFFSET ?", [*params, limit, offset]))
    return total, rows


def actor(con: Any, actor_id: str, *, facts_only: bool = True) -> dict[str, Any] | None:
    base = _ACTOR_SQL.format(fact=" AND is_fact" if facts_only else "")
    rows = _rows(con.execute(base + "SELECT * FROM x WHERE actor_id = ?", [actor_id]))
    return rows[0] if rows else None


def quotes(con: Any, *, limit: int, offset: int, speaker: str | None = None,
           article_id: str | None = None, q: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    clauses, params = [], []
    for clause, value in (("q.speaker_actor = ?", speaker), ("q.article_id = ?", article_id),
                          ("contains(lower(q.text), lower(?))", q)):
        if value:
            clauses.append(clause)
            params.append(value)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    total = int(one(con, f"SELECT count(*) FROM quotes q{where}", params))
    rows = _rows(con.execute(
        'SELECT q.quote_id, q.article_id, q.kind, q.text, q.start, q."end", q.speaker_actor, '
        "q.speaker_name, q.cue_text, q.confidence, a.published, a.title, a.source "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id{where} "
        "ORDER BY a.published DESC NULLS LAST, a.seq, q.seq LIMIT ? OFFSET ?",
        [*params, limit, offset]))
    return total, rows


def resolve_actor(con: Any, value: str) -> str:
    """An actor id for what a person typed: the id itself, else the most named actor whose
    name is ``value`` (any case); unchanged when nothing matches."""
    if one(con, "SELECT count(*) FROM actors WHERE actor_id = ?", [value]):
        return value
    found = one(con, "SELECT actor_id FROM actors WHERE lower(name) = lower(?) GROUP BY actor_id "
                "ORDER BY count(DISTINCT article_id) DESC, actor_id LIMIT 1", [value.strip()])
    return found or value


def actor_choices(con: Any, limit: int = 200) -> list[dict[str, Any]]:
    """The most named actors, for the filter form's suggestions."""
    return _rows(con.execute(
        "SELECT actor_id, min(name) AS name, count(DISTINCT article_id) AS articles FROM actors "
        "GROUP BY actor_id ORDER BY articles DESC, actor_id LIMIT ?", [limit]))
