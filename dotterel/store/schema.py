"""The corpus schema: tables and their Arrow types, the connection (with the fts extension
when it is installed) and the meta table.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import duckdb

from .. import columns

log = logging.getLogger("dotterel")


SCHEMA_VERSION = "1"

EXPORT_FORMATS = ("plover", "jsonl", "csv", "parquet")

PERIODS = ("day", "week", "month", "year")

DEFAULT_WINDOW_DAYS = 1


_SQL_TYPES = {"string": "VARCHAR", "date": "DATE", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def _columns(table: str, *, skip: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """A flat table's columns (``columns.TABLES``) as SQL; order numbers and offsets INTEGER."""
    return tuple((c.name, "INTEGER" if c.name in ("seq", "start", "end") else _SQL_TYPES[c.kind])
                 for c in columns.TABLES[table] if c.name not in skip)


TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "VARCHAR PRIMARY KEY"), ("published", "DATE"), ("title", "VARCHAR"),
                 ("source", "VARCHAR"), ("url", "VARCHAR"), ("text", "VARCHAR"),
                 ("content_hash", "VARCHAR"), ("coded_at", "TIMESTAMP"), ("seq", "BIGINT"),
                 ("input_id", "VARCHAR"), ("origin", "VARCHAR"), ("meta", "JSON"),
                 ("record", "JSON"), ("coder", "JSON")),
    "actors": _columns("actors"),
    "mentions": (("article_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("seq", "INTEGER"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR")),
    "events": (("event_id", "VARCHAR"), ("article_id", "VARCHAR"), ("seq", "INTEGER"),
               *_columns("events", skip=("event_id", "article_id"))),
    "quotes": _columns("quotes"),
    "places": _columns("places"),
    "dates": (("article_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"),
              ("start", "INTEGER"), ("end", "INTEGER"), ("value", "DATE"),
              ("granularity", "VARCHAR")),
    "errors": (("id", "VARCHAR"), ("origin", "VARCHAR"), ("code", "VARCHAR"),
               ("message", "VARCHAR"), ("at", "TIMESTAMP")),
    "meta": (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")),
    "event_clusters": (("cluster_id", "VARCHAR"), ("event_id", "VARCHAR")),
}

CHILD_TABLES = ("actors", "mentions", "events", "quotes", "places", "dates")


def sql_name(name: str) -> str:
    """Quote an identifier (ours, never user input)."""
    return '"' + name.replace('"', '""') + '"'


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "JSON": pa.string(), "BIGINT": pa.int64(),
             "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}
    return pa.schema([(name, types[kind.split()[0]]) for name, kind in TABLES[table]])


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating when writable) a corpus database; loads the fts extension when present."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no corpus database at '{path}' (create one with: dotterel code INPUT --db {path})")
    con = duckdb.connect(str(path), read_only=read_only)
    _load_fts(con)
    if not read_only:
        _create_schema(con)
    return con


def _fts_file() -> Path | None:
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    path = (Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
            / "fts.duckdb_extension")
    return path if path.exists() else None


def _load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    path = _fts_file()
    if path is None:
        return False
    try:  # LOAD takes no parameters; the path is the installed package's own file
        con.execute("LOAD '" + str(path).replace("'", "''") + "'")
        return True
    except duckdb.Error as exc:
        log.warning("full-text search extension did not load (%s); search will scan", exc)
        return False


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for table, columns in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {sql_name(table)} ("
                    + ", ".join(f"{sql_name(c)} {t}" for c, t in columns) + ")")
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = 'main'", [table]).fetchall()}
        for column, kind in columns:  # a newer dotterel may add columns: add them in place
            if column not in have:
                con.execute(f"ALTER TABLE {sql_name(table)} ADD COLUMN {sql_name(column)} {kind.split()[0]}")
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: Any) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, str(value)])


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ? "
                            "AND table_schema = 'main'", [table]).fetchone()[0])
