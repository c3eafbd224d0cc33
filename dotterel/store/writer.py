"""Writing: the gate that skips stored articles, the batch writer (one transaction per batch)
that ``Corpus.add`` runs.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from ..ingest import _check
from ..model import Article, ArticleInput, ErrorRecord
from .rows import InputInfo, article_rows, content_hash
from .schema import CHILD_TABLES, arrow_schema, sql_name

log = logging.getLogger("dotterel")


@dataclass
class StoreReport:
    """What one ``add`` run did, with its timings in seconds."""

    stored: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


class Gate:
    """Decides before coding which inputs still need it; runs in code_many's feeder thread.

    ``pending`` holds ids handed to the coder and not yet committed. The lock makes the
    look-up (pending, then database) atomic against the writer's release after commit, so an
    id is always seen either pending or stored.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, published: str | None,
                 max_chars: int, chunk: int = 256, fields: dict[str, str] | None = None) -> None:
        self.cursor = con.cursor()
        self.lock = threading.Lock()
        self.pending: dict[str, str] = {}
        self.fifo: deque[tuple[str, InputInfo]] = deque()  # one per item handed to the coder
        self.errors: deque[ErrorRecord] = deque()  # bad inputs: stored, never coded
        self.skipped = 0
        self.published = published
        self.max_chars = max_chars
        self.chunk = chunk
        self.fields = fields

    def filter(self, items: Iterable[Any]) -> Iterator[ArticleInput | ErrorRecord]:
        from ..pipeline import _as_input

        checked = (_check(_as_input(item, n, self.fields), self.published, self.max_chars)
                   for n, item in enumerate(items, start=1))
        while chunk := list(itertools.islice(checked, self.chunk)):
            yield from self._decide(chunk)

    def _decide(self, chunk: list[ArticleInput | ErrorRecord]) -> Iterator[ArticleInput | ErrorRecord]:
        hashes = {id(i): content_hash(i.text) for i in chunk if isinstance(i, ArticleInput)}
        keys = [k for i in chunk if isinstance(i, ArticleInput)
                for k in (i.id, _derived(i.id, hashes[id(i)]))]
        out: list[ArticleInput | ErrorRecord] = []
        with self.lock:
            stored = dict(self.cursor.execute(
                "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [keys]).fetchall()) if keys else {}
            for item in chunk:
                if not isinstance(item, ArticleInput):
                    self.errors.append(item)
                    continue
                digest = hashes[id(item)]
                key = self._key(item.id, digest, stored)
                if key is None:
                    self.skipped += 1
                    continue
                self.pending[key] = digest
                meta = json.dumps(item.extra, ensure_ascii=False, default=str) if item.extra else None
                self.fifo.append((key, InputInfo(item.id, item.origin, meta, digest)))
                out.append(item if key == item.id else replace(item, id=key))
        yield from out

    def _key(self, rid: str, digest: str, stored: dict[str, str]) -> str | None:
        """The id to store the input under, or None when it is already stored (or pending)."""
        seen = self.pending.get(rid) or stored.get(rid)
        if seen is None:
            return rid
        if seen == digest:
            return None
        derived = _derived(rid, digest)
        return derived if (self.pending.get(derived) or stored.get(derived)) is None else None

    def release(self, keys: Iterable[str]) -> None:
        with self.lock:
            for key in keys:
                self.pending.pop(key, None)


def _derived(rid: str, digest: str) -> str:
    return f"{rid}~{digest[:12]}"


class Writer:
    """Commits batches: articles, child rows and errors of one batch in one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 hook: Callable[[str, int], None] | None = None) -> None:
        self.con = con
        self.hook = hook
        self.batches = 0
        self.seconds = 0.0
        self.seq = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    def commit(self, batch: list[tuple[Article | ErrorRecord, InputInfo | None]]) -> None:
        import pyarrow as pa

        start = time.perf_counter()
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", *CHILD_TABLES)}
        errors: list[ErrorRecord] = []
        for result, info in batch:
            if isinstance(result, Article):
                self.seq += 1
                article_rows(result, info or InputInfo(None, None, None, None), now, self.seq, rows)
            else:
                errors.append(result)
        self.batches += 1
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in rows.items():
                if not table_rows:
                    continue
                name = f"_new_{table}"
                con.register(name, pa.Table.from_pylist(table_rows, schema=arrow_schema(table)))
                try:
                    con.execute(f"INSERT INTO {sql_name(table)} BY NAME SELECT * FROM {name}")
                finally:
                    con.unregister(name)
                if self.hook and table == "articles":
                    self.hook("articles", self.batches)
            stored = [r["id"] for r in rows["articles"]]
            if stored:  # a stored article has no outstanding error any more
                con.execute("DELETE FROM errors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stored])
            for e in errors:
                con.execute('DELETE FROM errors WHERE id IS NOT DISTINCT FROM ? '
                            'AND origin IS NOT DISTINCT FROM ?', [e.id, e.origin])
                con.execute('INSERT INTO errors VALUES (?, ?, ?, ?, ?)',
                            [e.id, e.origin, e.code, e.message, now])
            if self.hook:
                self.hook("inserted", self.batches)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.seconds += time.perf_counter() - start
        if self.hook:
            self.hook("committed", self.batches)
