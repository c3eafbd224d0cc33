"""Export of events and canonical events as plover/jsonl/csv/parquet."""
from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable
from typing import IO, Any

import duckdb

from ..output import EVENT_COLUMNS
from .salvage import Damage, readable
from .schema import sql_name


def export_rows(con: duckdb.DuckDBPyConnection, query: str, params: list[Any], fmt: str,
                 out: IO[str] | None, path: str | Path | None) -> int:
    cursor = con.cursor()
    try:
        cursor.execute(query, params)
        if fmt == "parquet":
            reader = cursor.to_arrow_reader(10_000)
            return write_rows(reader, [], fmt, out, path, reader.schema)
        return write_rows(iter(lambda: cursor.fetchmany(1000), []),
                          [d[0] for d in cursor.description], fmt, out, path)
    finally:
        cursor.close()


def export_events(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[str] | None,
                  path: str | Path | None, damage: Damage) -> int:
    """Every stored event as a flat row, in storage order; rows in damaged blocks are counted
    in ``damage`` and the rest exported."""
    columns = ", ".join(sql_name(c) for c in EVENT_COLUMNS)
    schema = con.cursor().execute(f"SELECT {columns} FROM events LIMIT 0").to_arrow_table().schema
    chunks = readable(con, "events", columns, damage, arrow=fmt == "parquet", size=10_000)
    return write_rows(chunks, list(EVENT_COLUMNS), fmt, out, path, schema)


def write_rows(chunks: Iterable[Any], columns: list[str], fmt: str, out: IO[str] | None,
               path: str | Path | None, schema: Any = None) -> int:
    """Write chunks of rows: Arrow batches or tables to a Parquet file, lists of tuples as CSV."""
    n = 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(str(path), schema) as writer:
            for chunk in chunks:
                writer.write(chunk)
                n += chunk.num_rows
        return n
    import csv

    assert out is not None
    writer = csv.writer(out)
    writer.writerow(columns)
    for rows in chunks:
        for row in rows:
            writer.writerow([";".join(v) if isinstance(v, list) else v for v in row])
            n += 1
    return n


def export_canonical(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[str] | None,
                      path: str | Path | None) -> int:
    query = "SELECT * FROM canonical_events ORDER BY first_date NULLS LAST, cluster_id"
    if fmt in ("csv", "parquet"):
        return export_rows(con, query, [], fmt, out, path)
    assert out is not None
    cursor = con.cursor()
    try:
        cursor.execute(query)
        columns = [d[0] for d in cursor.description]
        n = 0
        while rows := cursor.fetchmany(1000):
            for row in rows:
                record = dict(zip(columns, row))
                obj = _plover_canonical(record) if fmt == "plover" else record
                out.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
                n += 1
        return n
    finally:
        cursor.close()


def _plover_canonical(r: dict[str, Any]) -> dict[str, Any]:
    """A canonical event in the PLOVER layout of ``output.plover_record``, plus its reports."""
    def actor(side: str) -> dict[str, Any] | None:
        if r[f"{side}_actor"] is None:
            return None
        return {"name": r[f"{side}_name"], "code": r[f"{side}_cameo"],
                "country": r[f"{side}_country"], "text": r[f"{side}_text"]}

    iso = (lambda d: None if d is None else d.isoformat())
    return {
        "id": r["cluster_id"], "date": iso(r["event_date"]), "actor": actor("source"),
        "recipient": actor("target"), "event": r["event_type"], "mode": r["mode"] or None,
        "context": [c for c in (r["context"] or "").split(";") if c],
        "quad_code": r["quad_class"], "cameo": r["cameo_code"], "goldstein": r["goldstein"],
        "event_loc": None if r["place_name"] is None else {
            "name": r["place_name"], "geonameid": r["geonameid"], "lat": r["lat"], "lon": r["lon"],
            "country": r["place_country"]},
        "modality": {k: r[k] for k in ("negated", "hypothetical", "future", "hedged")},
        "text_info": {"headline": r["title"], "sentence": r["sentence"], "trigger": r["trigger"]},
        "cite_info": {"article_id": r["first_article_id"], "source": r["source"], "url": r["url"],
                      "pubdate": iso(r["published"])},
        "reports": {"n_reports": r["n_reports"], "n_articles": r["n_articles"],
                    "n_sources": r["n_sources"], "first_date": iso(r["first_date"]),
                    "last_date": iso(r["last_date"]), "event_ids": r["event_ids"],
                    "article_ids": r["article_ids"], "sources": r["sources"]},
    }
