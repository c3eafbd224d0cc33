"""Reading a corpus database that may be damaged: every readable row, and a count of the others.

DuckDB checks each block's checksum when it reads it, so a damaged block fails the query that
touches it and nothing else. ``readable`` streams a table in storage order (rowid order, which is
the order articles and their events were stored in); when a read fails it goes on range by
range from the last row it gave, halving a range that fails down to single rows, and counts
the rows it could not read in ``Damage``. ``check`` reads every table once, for ``code --db``
to refuse a damaged database before writing into it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..errors import DotterelError, Errors
from .schema import TABLES, sql_name, table_exists

_RANGE = 2048  # rows per range once a read has failed (DuckDB reads 2048-row vectors)


@dataclass
class Damage:
    """What could not be read: rows lost per table and the first error seen."""

    lost: dict[str, int] = field(default_factory=dict)
    first: str | None = None

    def note(self, table: str, exc: BaseException, rows: int = 0) -> None:
        self.lost[table] = self.lost.get(table, 0) + rows
        self.first = self.first or str(exc).splitlines()[0]

    def __bool__(self) -> bool:
        return self.first is not None

    def error(self, path: object, done: str) -> DotterelError:
        tables = ", ".join(t + (f": {n} row(s) unreadable" if n else "") for t, n in self.lost.items())
        return DotterelError(Errors.E019, path=path, detail=f"{tables}; {self.first}", done=done)


def readable(con: duckdb.DuckDBPyConnection, table: str, columns: str, damage: Damage, *,
             arrow: bool = False, size: int = 1000) -> Iterator[Any]:
    """Chunks of ``table``'s readable rows (``columns``, a SQL list), in storage order: lists of
    tuples, or pyarrow Tables with ``arrow``."""
    cursor = con.cursor()
    select = f"SELECT rowid AS _rowid, {columns} FROM {sql_name(table)}"
    last = -1
    try:
        try:
            cursor.execute(select + " ORDER BY rowid")
            for chunk in _chunks(cursor, size, arrow):
                last = _last_rowid(chunk, arrow)
                yield _strip(chunk, arrow)
            return
        except _errors(arrow) as exc:
            damage.note(table, exc)
        end = cursor.execute(f"SELECT max(rowid) FROM {sql_name(table)}").fetchone()[0]
        for low in range(last + 1, (-1 if end is None else end) + 1, _RANGE):
            yield from _ranges(cursor, select, table, low, min(low + _RANGE, end + 1), damage, arrow)
    finally:
        cursor.close()


def _chunks(cursor: duckdb.DuckDBPyConnection, size: int, arrow: bool) -> Iterator[Any]:
    if arrow:
        import pyarrow as pa

        for batch in cursor.to_arrow_reader(size):
            yield pa.Table.from_batches([batch])
        return
    while rows := cursor.fetchmany(size):
        yield rows


def _errors(arrow: bool) -> tuple[type[BaseException], ...]:
    if not arrow:
        return (duckdb.Error,)
    import pyarrow as pa

    return (duckdb.Error, pa.ArrowException)


def _ranges(cursor: duckdb.DuckDBPyConnection, select: str, table: str, low: int, high: int,
            damage: Damage, arrow: bool) -> Iterator[Any]:
    try:
        cursor.execute(select + " WHERE rowid >= ? AND rowid < ? ORDER BY rowid", [low, high])
        chunk = cursor.to_arrow_table() if arrow else cursor.fetchall()
    except _errors(arrow) as exc:
        if high - low == 1:
            damage.note(table, exc, rows=1)
            return
        middle = (low + high) // 2
        yield from _ranges(cursor, select, table, low, middle, damage, arrow)
        yield from _ranges(cursor, select, table, middle, high, damage, arrow)
        return
    if len(chunk):
        yield _strip(chunk, arrow)


def _last_rowid(chunk: Any, arrow: bool) -> int:
    return int(chunk.column(0)[-1].as_py()) if arrow else int(chunk[-1][0])


def _strip(chunk: Any, arrow: bool) -> Any:
    return chunk.drop_columns(["_rowid"]) if arrow else [row[1:] for row in chunk]


def check(con: duckdb.DuckDBPyConnection, path: object) -> None:
    """Read every stored table once; raise E019 naming the damaged ones."""
    damage = Damage()
    for table in TABLES:
        if not table_exists(con, table):
            continue
        try:  # hashing whole rows makes DuckDB read every column's blocks
            con.execute(f"SELECT bit_xor(hash(t)) FROM {sql_name(table)} t").fetchone()
        except duckdb.Error as exc:
            damage.note(table, exc)
    if damage:
        raise damage.error(path, "Nothing was coded into it.")
