"""Derived tables: de-duplicated canonical events and the full-text search index."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import duckdb

from .schema import DEFAULT_WINDOW_DAYS, set_meta

log = logging.getLogger("dotterel")


def rebuild_dedup(con: duckdb.DuckDBPyConnection, *, window_days: int = DEFAULT_WINDOW_DAYS,
                  facts_only: bool = True) -> int:
    """(Re)build ``event_clusters`` and ``canonical_events`` by the rule in the module doc.

    Deterministic: the result depends only on the events table. Returns the cluster count.
    """
    import pyarrow as pa

    window = dt.timedelta(days=max(0, int(window_days)))
    modality = "" if facts_only else ", negated, hypothetical, future"
    cursor = con.cursor()
    reader = cursor.execute(
        "SELECT event_id, event_type, source_actor, target_actor, event_date, place_country"
        f"{modality} FROM events {'WHERE is_fact' if facts_only else ''} "
        f"ORDER BY event_type, source_actor NULLS FIRST, target_actor NULLS FIRST{modality}, "
        "event_date NULLS LAST, article_id, seq").to_arrow_reader(50_000)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_clusters")
        con.execute("UPDATE events SET n_reports = NULL, n_sources = NULL WHERE n_reports IS NOT NULL")
        block: tuple[Any, ...] | None = None
        open_: list[list[Any]] = []  # [first_date, country, cluster_id], oldest first
        n_clusters = 0
        for batch in reader:
            cols = batch.to_pydict()
            out_cluster: list[str] = []
            for i, event_id in enumerate(cols["event_id"]):
                key = (cols["event_type"][i], cols["source_actor"][i], cols["target_actor"][i],
                       *((cols["negated"][i], cols["hypothetical"][i], cols["future"][i])
                         if modality else ()))
                date, country = cols["event_date"][i], cols["place_country"][i]
                if key != block:
                    block, open_ = key, []
                cluster = None
                if date is not None:
                    open_ = [c for c in open_ if date - c[0] <= window]
                    cluster = next((c for c in open_ if c[1] is None or country is None
                                    or c[1] == country), None)
                if cluster is None:
                    cluster = [date, country, event_id]
                    n_clusters += 1
                    if date is not None:
                        open_.append(cluster)
                elif cluster[1] is None:
                    cluster[1] = country
                out_cluster.append(cluster[2])
            table = pa.table({"cluster_id": out_cluster, "event_id": cols["event_id"]})
            con.register("_new_clusters", table)
            try:
                con.execute("INSERT INTO event_clusters SELECT cluster_id, event_id FROM _new_clusters")
            finally:
                con.unregister("_new_clusters")
        con.execute(_CANONICAL_SQL)
        con.execute(_REPORTS_SQL)
        set_meta(con, "dedup_window_days", int(window_days))
        set_meta(con, "dedup_facts_only", int(facts_only))
        set_meta(con, "dedup_state", derived_state(con))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        cursor.close()
    return n_clusters


_ORDER = "event_date NULLS LAST, article_id, seq"

_CANONICAL_SQL = f"""
CREATE OR REPLACE TABLE canonical_events AS
WITH reports AS (
    SELECT c.cluster_id, e.* FROM event_clusters c JOIN events e ON e.event_id = c.event_id
), agg AS (
    SELECT cluster_id,
           min(event_date) AS first_date, max(event_date) AS last_date,
           count(*) AS n_reports, count(DISTINCT article_id) AS n_articles,
           count(DISTINCT coalesce(source, 'article:' || article_id)) AS n_sources,
           first({{'name': place_name, 'country': place_country, 'lat': lat, 'lon': lon,
                   'geonameid': geonameid}} ORDER BY {_ORDER}) FILTER (WHERE place_name IS NOT NULL) AS place,
           list(event_id ORDER BY {_ORDER}) AS event_ids,
           list(DISTINCT article_id ORDER BY article_id) AS article_ids,
           list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources
    FROM reports GROUP BY cluster_id
)
SELECT a.cluster_id, a.first_date AS event_date, r.event_type, r.mode, r.context,
       r.cameo_code, r.cameo_root, r.quad_class, r.goldstein,
       r.source_actor, r.source_name, r.source_country, r.source_cameo, r.source_text,
       r.target_actor, r.target_name, r.target_country, r.target_cameo, r.target_text,
       r.negated, r.hypothetical, r.future, r.hedged, r.is_fact,
       a.place.name AS place_name, a.place.country AS place_country, a.place.lat AS lat,
       a.place.lon AS lon, a.place.geonameid AS geonameid,
       a.n_reports, a.n_articles, a.n_sources, a.first_date, a.last_date,
       a.event_ids, a.article_ids, coalesce(a.sources, []::VARCHAR[]) AS sources,
       r.trigger, r.sentence, r.article_id AS first_article_id, r.published, r.title, r.source, r.url
FROM agg a JOIN events r ON r.event_id = a.cluster_id
ORDER BY a.first_date NULLS LAST, a.cluster_id
"""


# each report's cluster size on its own flat row, so an export of reports can weight them
_REPORTS_SQL = """
UPDATE events SET n_reports = c.n_reports, n_sources = c.n_sources
FROM (SELECT k.event_id, c.n_reports, c.n_sources FROM event_clusters k
      JOIN canonical_events c USING (cluster_id)) c
WHERE events.event_id = c.event_id
"""


def derived_state(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of the stored content; derived tables are stale when it changes."""
    articles, top = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM articles").fetchone()
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return f"{articles}/{top}/{events}"


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 indexes over articles (title, text) and quotes; False without fts."""
    if not fts_loaded(con):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', stopwords='none', overwrite=1)")
        con.execute("PRAGMA create_fts_index('quotes', 'quote_id', 'text', 'speaker_name', stopwords='none', overwrite=1)")
        set_meta(con, "search_state", derived_state(con))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def fts_loaded(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'fts'").fetchone()
    return bool(row and row[0])
