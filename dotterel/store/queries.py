"""The read side's queries: each builds SQL and parameters once and becomes a pandas method
and an ``*_arrow`` twin of ``Corpus``.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..frame import typed_frame
from ..generic import generic_clause
from ..output import EVENT_COLUMNS
from .schema import PERIODS, sql_name


def _frame_methods(build: Callable[..., tuple[str, list[Any]]], table: str | None = None,
                   ) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """A pandas method and an Arrow method from one query builder; the rows of a flat
    ``table`` get the dtypes ``to_frame`` gives them."""
    @functools.wraps(build)
    def frame(self: CorpusQueries, *args: Any, **kwargs: Any) -> Any:
        result = self._execute(*build(self, *args, **kwargs)).df()
        return result if table is None else typed_frame(result, table)

    @functools.wraps(build)
    def arrow(self: CorpusQueries, *args: Any, **kwargs: Any) -> Any:
        return self._execute(*build(self, *args, **kwargs)).to_arrow_table()

    frame.__name__ = build.__name__.removeprefix("_q_")
    arrow.__name__ = frame.__name__ + "_arrow"
    arrow.__doc__ = (build.__doc__ or "") + "\n\nAs a pyarrow Table."
    return frame, arrow


class CorpusQueries:
    """Query methods of ``Corpus``; they run through its ``_execute`` and ``ensure_dedup``."""

    """A corpus database: ``add`` codes into it; the query methods return pandas DataFrames
    (each has an ``*_arrow`` twin returning a pyarrow Table).

    >>> with Corpus("corpus.duckdb", read_only=True) as corpus:   # doctest: +SKIP
    ...     corpus.dyads(by="month").head()
    """

    def _q_sql(self, query: str, params: Iterable[Any] | dict[str, Any] | None = None) -> tuple[str, Any]:
        """Any SQL, with ``?`` parameters (a list) or ``$name`` ones (a dict)."""
        return query, params if isinstance(params, dict) else list(params or [])

    def _q_dyads(self, by: str = "month", facts_only: bool = True, dedup: bool = False,
                 start: str | dt.date | None = None, end: str | dt.date | None = None,
                 generic: bool = False, by_country: bool = False) -> tuple[str, list[Any]]:
        """Per period and (source_actor, target_actor) pair: event count and Goldstein sum/mean;
        ``by="all"``: per pair over the whole span, the most frequent pair first.

        Fact events only unless ``facts_only=False``; ``dedup=True`` counts canonical events
        (and their reports in ``reports``); ``start``/``end`` bound the event date (inclusive).
        Pairs with a generic group (people, a man, ...) are left out unless ``generic``;
        ``by_country`` rolls every actor up to its country (TUR, TUR-GOV and Erdoğan as TUR).
        """
        table, date, reports = self._event_source(dedup, facts_only)
        where, params = _date_range(date, start, end)
        if not generic:
            named, named_params = generic_clause("source_actor", "target_actor")
            where, params = f"{where} AND {named}", [*params, *named_params]
        if by_country:  # the country's code stands for the actor; actors without one stay
            table = (f"(SELECT * REPLACE (coalesce(source_country, source_actor) AS source_actor, "
                     "coalesce(source_country, source_name) AS source_name, coalesce(target_country, "
                     "target_actor) AS target_actor, coalesce(target_country, target_name) AS target_name) "
                     f"FROM {table})")
        whole = by == "all"  # one row per pair over the whole span, the most frequent first
        return (f"SELECT {'' if whole else f'date_trunc(?, {date})::DATE AS period, '}source_actor, "
                "min(source_name) AS source_name, target_actor, min(target_name) AS target_name, "
                f"count(*) AS events, {reports} AS reports, sum(goldstein) AS goldstein_sum, "
                f"avg(goldstein) AS goldstein_mean FROM {table} WHERE {date} IS NOT NULL{where} "
                "AND source_actor IS NOT NULL AND target_actor IS NOT NULL"
                f"{'' if dedup or not facts_only else ' AND is_fact'} "
                f"GROUP BY ALL ORDER BY {'' if whole else 'period, '}events DESC, source_actor, target_actor",
                [*([] if whole else [_period(by)]), *params])

    def publication_window(self) -> tuple[dt.date | None, dt.date | None]:
        """From the first day of the month of the corpus's first publication to its last
        publication date: where its reports' events lie, but for what they recall."""
        return tuple(self._execute("SELECT date_trunc('month', min(published))::DATE, max(published) "
                                   "FROM articles").fetchone())  # type: ignore[return-value]

    def _q_quad_series(self, by: str = "month", facts_only: bool = True, dedup: bool = False,
                       start: str | dt.date | None = None,
                       end: str | dt.date | None = None) -> tuple[str, list[Any]]:
        """Per period: event counts by QuadClass (1 verbal coop ... 4 material conflict)."""
        table, date, reports = self._event_source(dedup, facts_only)
        where, params = _date_range(date, start, end)
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}" for n, name in
                          ((1, "verbal_coop"), (2, "material_coop"), (3, "verbal_conflict"),
                           (4, "material_conflict")))
        return (f"SELECT date_trunc(?, {date})::DATE AS period, {quads}, count(*) AS events, "
                f"{reports} AS reports, sum(goldstein) AS goldstein_sum FROM {table} "
                f"WHERE {date} IS NOT NULL{where}{'' if dedup or not facts_only else ' AND is_fact'} "
                "GROUP BY period ORDER BY period", [_period(by), *params])

    def _q_top_actors(self, limit: int = 20, facts_only: bool = True,
                      generic: bool = False) -> tuple[str, list[Any]]:
        """Actors by the number of articles naming them, with mentions and event roles;
        generic groups (people, a man, ...) only with ``generic``."""
        fact = "is_fact AND " if facts_only else ""
        named, named_params = ("true", []) if generic else generic_clause("a.actor_id")
        return (
            "WITH a AS (SELECT actor_id, min(name) AS name, min(kind) AS kind, "
            "min(country) AS country, count(DISTINCT article_id) AS articles FROM actors GROUP BY actor_id), "
            "m AS (SELECT actor_id, count(*) AS mentions FROM mentions GROUP BY actor_id), "
            f"s AS (SELECT source_actor AS actor_id, count(*) AS as_source FROM events WHERE {fact}"
            "source_actor IS NOT NULL GROUP BY 1), "
            f"t AS (SELECT target_actor AS actor_id, count(*) AS as_target FROM events WHERE {fact}"
            "target_actor IS NOT NULL GROUP BY 1) "
            "SELECT a.actor_id, a.name, a.kind, a.country, a.articles, coalesce(m.mentions, 0) AS mentions, "
            "coalesce(s.as_source, 0) AS as_source, coalesce(t.as_target, 0) AS as_target FROM a "
            f"LEFT JOIN m USING (actor_id) LEFT JOIN s USING (actor_id) LEFT JOIN t USING (actor_id) WHERE {named} "
            "ORDER BY a.articles DESC, mentions DESC, a.actor_id LIMIT ?", [*named_params, int(limit)])

    def _q_events(self, *, actor: str | None = None, source: str | None = None,
                  target: str | None = None, type: str | None = None, quad_class: int | None = None,
                  country: str | None = None, start: str | dt.date | None = None,
                  end: str | dt.date | None = None, article_id: str | None = None,
                  facts_only: bool = False, limit: int | None = None) -> tuple[str, list[Any]]:
        """Flat event rows (``output.EVENT_COLUMNS``) matching every filter given.

        ``actor``/``country`` match either side; ``start``/``end`` bound ``event_date`` (inclusive).
        """
        where: list[str] = []
        params: list[Any] = []
        for clause, value in (("(source_actor = ? OR target_actor = ?)", actor),
                              ("(source_country = ? OR target_country = ?)", country),
                              ("source_actor = ?", source), ("target_actor = ?", target),
                              ("event_type = ?", type), ("quad_class = ?", quad_class),
                              ("event_date >= ?::DATE", start), ("event_date <= ?::DATE", end),
                              ("e.article_id = ?", article_id)):
            if value is not None:
                where.append(clause)
                params.extend([value] * clause.count("?"))
        if facts_only:
            where.append("is_fact")
        columns = ", ".join(f"e.{sql_name(c)}" for c in EVENT_COLUMNS)
        query = (f"SELECT {columns} FROM events e JOIN articles a ON a.id = e.article_id"
                 + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.seq, e.seq")
        if limit is not None:
            query += " LIMIT ?"
            params.append(int(limit))
        return query, params

    def _q_search(self, text: str, *, limit: int = 20, what: str = "all") -> tuple[str, list[Any]]:
        """Articles and quotes matching all the words of ``text``, best first.

        BM25 over the fts index when it is loaded and up to date; a substring scan otherwise
        (``search_backend`` says which).
        """
        words = re.findall(r"\w+", text.lower())
        if not words:
            raise ValueError("search text has no words")
        if what not in ("all", "articles", "quotes"):
            raise ValueError("what must be 'all', 'articles' or 'quotes'")
        parts: list[str] = []
        params: list[Any] = []
        snippet = ("substr(replace({col}, chr(10), ' '), greatest(1, instr(lower({col}), ?) - 80), 240)")
        if self.search_backend == "fts":
            query = " ".join(words)
            if what in ("all", "articles"):
                parts.append(
                    "SELECT 'article' AS kind, a.id, a.id AS article_id, s.score, a.published, "
                    f"a.source, a.title, {snippet.format(col='a.text')} AS snippet FROM "
                    "(SELECT id, fts_main_articles.match_bm25(id, ?, conjunctive := 1) AS score "
                    "FROM articles) s JOIN articles a USING (id) WHERE s.score IS NOT NULL")
                params += [words[0], query]
            if what in ("all", "quotes"):
                parts.append(
                    "SELECT 'quote' AS kind, q.quote_id AS id, q.article_id, s.score, a.published, "
                    "a.source, coalesce(q.speaker_name, '') || ': ' || a.title AS title, "
                    "q.text AS snippet FROM "
                    "(SELECT quote_id, fts_main_quotes.match_bm25(quote_id, ?, conjunctive := 1) AS score "
                    "FROM quotes) s JOIN quotes q USING (quote_id) JOIN articles a ON a.id = q.article_id "
                    "WHERE s.score IS NOT NULL")
                params += [query]
        else:
            def scan(col: str) -> tuple[str, str, list[Any]]:
                cond = " AND ".join(f"contains(lower({col}), ?)" for _ in words)
                score = " + ".join(f"(length({col}) - length(replace(lower({col}), ?, ''))) / length(?)"
                                   for _ in words)
                return cond, score, [p for w in words for p in (w, w)]

            if what in ("all", "articles"):
                cond, score, score_params = scan("a.text")
                parts.append(
                    f"SELECT 'article' AS kind, a.id, a.id AS article_id, ({score})::DOUBLE AS score, "
                    f"a.published, a.source, a.title, {snippet.format(col='a.text')} AS snippet "
                    f"FROM articles a WHERE {cond}")
                params += score_params + [words[0]] + words
            if what in ("all", "quotes"):
                cond, score, score_params = scan("q.text")
                parts.append(
                    f"SELECT 'quote' AS kind, q.quote_id AS id, q.article_id, ({score})::DOUBLE AS score, "
                    "a.published, a.source, coalesce(q.speaker_name, '') || ': ' || a.title AS title, "
                    f"q.text AS snippet FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond}")
                params += score_params + words
        return (" UNION ALL ".join(parts) + " ORDER BY score DESC, kind, id LIMIT ?",
                params + [int(limit)])

    sql, sql_arrow = _frame_methods(_q_sql)

    dyads, dyads_arrow = _frame_methods(_q_dyads)

    quad_series, quad_series_arrow = _frame_methods(_q_quad_series)

    top_actors, top_actors_arrow = _frame_methods(_q_top_actors)

    events, events_arrow = _frame_methods(_q_events, "events")

    search, search_arrow = _frame_methods(_q_search)

    def _event_source(self, dedup: bool, facts_only: bool) -> tuple[str, str, str]:
        if not dedup:
            return "events", "event_date", "count(*)"
        self.ensure_dedup(facts_only=True if facts_only else False)
        return "canonical_events", "first_date", "sum(n_reports)"


def _date_range(column: str, start: Any, end: Any) -> tuple[str, list[Any]]:
    where, params = "", []
    if start is not None:
        where, params = where + f" AND {column} >= ?::DATE", params + [str(start)]
    if end is not None:
        where, params = where + f" AND {column} <= ?::DATE", params + [str(end)]
    return where, params


def _period(by: str) -> str:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    return by
