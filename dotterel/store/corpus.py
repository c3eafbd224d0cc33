"""``Corpus``: a corpus database opened for coding into, querying and export, and ``code_into``."""
from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import duckdb

from ..config import Settings
from ..errors import DotterelError, Errors
from ..model import Article, ErrorRecord, article_from_dict
from ..output import plover_record, write_csv_metadata
from ..progress import progress_bar
from .dedup import derived_state, fts_loaded, rebuild_dedup, rebuild_search_index
from .export import export_canonical, export_events
from .queries import CorpusQueries
from .rows import InputInfo, record_from_row
from .salvage import Damage, check, readable
from .schema import (
    CHILD_TABLES,
    DEFAULT_WINDOW_DAYS,
    EXPORT_FORMATS,
    connect,
    get_meta,
    sql_name,
    table_exists,
)
from .writer import Gate, StoreReport, Writer

log = logging.getLogger("dotterel")


class Corpus(CorpusQueries):
    """A corpus database: ``add`` codes into it; the query methods return pandas DataFrames
    (each has an ``*_arrow`` twin returning a pyarrow Table).

    >>> with Corpus("corpus.duckdb", read_only=True) as corpus:   # doctest: +SKIP
    ...     corpus.dyads(by="month").head()
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing

    def add(self, items: Iterable[Any], *, settings: Settings | None = None,
            published: str | None = None, progress: bool | None = None, reindex: bool = True,
            total: int | None = None, _hook: Callable[[str, int], None] | None = None) -> StoreReport:
        """Code and store a stream of articles (ArticleInput, dicts, texts or ErrorRecords).

        Skips what is stored already (by id, or content hash on id collision) before coding,
        commits one transaction per ``settings.batch_size`` results, records bad ones in
        ``errors``, and rebuilds the derived tables at the end (``reindex``). ``total``, the
        number of inputs when known, gives the progress bar its share done and time left.
        """
        from ..pipeline import code_many

        self._writable()
        check(self.con, self.path)  # never write into a damaged database
        settings = settings or Settings()
        report = StoreReport()
        start = time.perf_counter()
        gate = Gate(self.con, published=published, max_chars=settings.max_chars,
                    fields=settings.fields)
        writer = Writer(self.con, _hook)
        bar = progress_bar(progress, total)
        batch: list[tuple[Article | ErrorRecord, InputInfo | None]] = []
        keys: list[str] = []

        def flush() -> None:
            writer.commit(batch)
            gate.release(keys)
            batch.clear()
            keys.clear()

        results = code_many(gate.filter(items), settings=settings)
        def take_errors() -> None:
            while gate.errors:
                error = gate.errors.popleft()
                report.errors += 1
                log.warning("%s: %s", error.origin or error.id, error.message)
                batch.append((error, None))
                if bar is not None:
                    bar.update(1)

        skipped_seen = 0
        try:
            for result in results:
                key, info = gate.fifo.popleft()
                if isinstance(result, ErrorRecord):  # coding failed (E010)
                    report.errors += 1
                    log.warning("%s: %s", result.origin or result.id, result.message)
                else:
                    report.stored += 1
                batch.append((result, info))
                keys.append(key)
                if len(batch) >= settings.batch_size:
                    take_errors()
                    flush()
                if bar is not None:
                    bar.update(1 + gate.skipped - skipped_seen)
                    skipped_seen = gate.skipped
                    bar.set_postfix(skipped=gate.skipped, errors=report.errors, refresh=False)
            take_errors()
            if batch:
                flush()
        finally:
            results.close()  # stops the worker pool at once when interrupted
            if bar is not None:
                bar.close()
            gate.cursor.close()
        report.skipped = gate.skipped
        report.write_seconds = writer.seconds
        if reindex:
            index_start = time.perf_counter()
            self.reindex(only_if_stale=True)
            report.index_seconds = time.perf_counter() - index_start
        report.seconds = time.perf_counter() - start
        return report

    def add_records(self, results: Iterable[Article | ErrorRecord], *,
                    batch_size: int = 256) -> StoreReport:
        """Store records coded elsewhere; an article whose id is stored already is skipped."""
        self._writable()
        report = StoreReport()
        writer = Writer(self.con)
        seen: set[str] = set()
        batch: list[tuple[Article | ErrorRecord, InputInfo | None]] = []
        for result in results:
            if isinstance(result, Article):
                exists = result.id in seen or self.con.execute(
                    "SELECT count(*) FROM articles WHERE id = ?", [result.id]).fetchone()[0]
                if exists:
                    report.skipped += 1
                    continue
                seen.add(result.id)
                report.stored += 1
            else:
                report.errors += 1
            batch.append((result, None))
            if len(batch) >= batch_size:
                writer.commit(batch)
                batch = []
        if batch:
            writer.commit(batch)
        report.write_seconds = writer.seconds
        return report

    def reindex(self, *, window_days: int | None = None, facts_only: bool | None = None,
                only_if_stale: bool = False) -> None:
        """Rebuild the derived tables: canonical events (de-duplication) and the search index."""
        self._writable()
        self.ensure_dedup(window_days=window_days, facts_only=facts_only, force=not only_if_stale)
        if not only_if_stale or get_meta(self.con, "search_state") != derived_state(self.con):
            rebuild_search_index(self.con)

    def ensure_dedup(self, *, window_days: int | None = None, facts_only: bool | None = None,
                     force: bool = False) -> bool:
        """Rebuild canonical events when stale or asked for other settings; True if rebuilt.

        ``None`` settings keep the ones the tables were last built with (default 1 day, facts).
        """
        old_window, old_facts = get_meta(self.con, "dedup_window_days"), get_meta(self.con, "dedup_facts_only")
        window = int(old_window) if window_days is None and old_window is not None else \
            (DEFAULT_WINDOW_DAYS if window_days is None else window_days)
        facts = bool(int(old_facts)) if facts_only is None and old_facts is not None else \
            (True if facts_only is None else facts_only)
        fresh = (table_exists(self.con, "canonical_events")
                 and get_meta(self.con, "dedup_state") == derived_state(self.con)
                 and old_window == str(window) and old_facts == str(int(facts)))
        if fresh and not force:
            return False
        if self.read_only:
            flags = f" --window-days {window}" + ("" if facts else " --all")
            raise PermissionError("canonical events are out of date (or built with other settings) "
                                  "and the corpus is open read-only; rebuild them with: "
                                  f"dotterel reindex --db {self.path}{flags}")
        rebuild_dedup(self.con, window_days=window, facts_only=facts)
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise PermissionError(f"corpus '{self.path}' is open read-only")

    # -- reading

    def _execute(self, query: str, params: Iterable[Any] | None = None) -> duckdb.DuckDBPyConnection:
        return self.con.execute(query, params if isinstance(params, dict) else list(params or []))

    @property
    def search_backend(self) -> str:
        """'fts' when the BM25 index is loaded and current, else 'scan'."""
        if not fts_loaded(self.con) or not table_exists(self.con, "articles"):
            return "scan"
        if get_meta(self.con, "search_state") == derived_state(self.con):
            return "fts"
        if not self.read_only:
            rebuild_search_index(self.con)
            return "fts"
        log.warning("search index is out of date; scanning (rebuild it: dotterel reindex --db %s)", self.path)
        return "scan"

    def records(self, damage: Damage | None = None) -> Iterator[dict[str, Any]]:
        """Every stored article's full record, in storage order (as the coder produced it).

        Records in damaged blocks of the file are skipped and counted in ``damage`` when one is
        given; without it, damage raises E019 after the readable records."""
        found = Damage() if damage is None else damage
        for rows in readable(self.con, "articles", "text, record", found, size=256):
            for text, record in rows:
                yield record_from_row(text, record)
        if damage is None and found:
            raise found.error(self.path, "The readable records were given.")

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {sql_name(t)}").fetchone()[0]
                for t in ("articles", *CHILD_TABLES, "errors")}

    def export(self, fmt: str, *, out: IO[str] | None = None, path: str | Path | None = None,
               dedup: bool = False) -> int:
        """Write the corpus as plover/jsonl/csv (to ``out``, or the file at ``path``) or parquet
        (to ``path``); returns rows. A CSV file of events gets its CSVW sidecar."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if fmt == "parquet" and path is None:
            raise ValueError("parquet export needs a file path")
        if fmt != "parquet" and out is None and path is not None:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                n = self.export(fmt, out=handle, dedup=dedup)
            if fmt == "csv" and not dedup:
                write_csv_metadata(path)
            return n
        if dedup:
            self.ensure_dedup()
            try:
                return export_canonical(self.con, fmt, out, path)
            except duckdb.Error as exc:
                raise DotterelError(Errors.E019, path=self.path, detail=str(exc).splitlines()[0],
                                    done="Canonical events could not be read.") from exc
        damage = Damage()
        n = self._export(fmt, out, path, damage)
        if damage:
            raise damage.error(self.path, f"Exported the {n} readable {'records' if fmt == 'jsonl' else 'rows'}.")
        return n

    def _export(self, fmt: str, out: IO[str] | None, path: str | Path | None, damage: Damage) -> int:
        if fmt in ("jsonl", "plover"):
            assert out is not None
            n = 0
            for record in self.records(damage):
                if fmt == "jsonl":
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
                else:
                    article = article_from_dict(record)
                    for event in article.events:
                        out.write(json.dumps(plover_record(article, event), ensure_ascii=False) + "\n")
                        n += 1
            return n
        return export_events(self.con, fmt, out, path, damage)


def code_into(path: str | Path, items: Iterable[Any], *, settings: Settings | None = None,
              published: str | None = None, progress: bool | None = None,
              reindex: bool = True, total: int | None = None,
              _hook: Callable[[str, int], None] | None = None) -> StoreReport:
    """Code a stream of articles into the corpus at ``path``; see ``Corpus.add``."""
    with Corpus(path) as corpus:
        return corpus.add(items, settings=settings, published=published, progress=progress,
                          reindex=reindex, total=total, _hook=_hook)


def code_into_cli(path: str | Path, items: Iterable[Any], settings: Settings, *,
                  total: int | None = None, progress: bool | None = None) -> int:
    """``dotterel code INPUT... --db PATH``: exit status 1 when any record failed, 2 if no database."""
    try:
        report = code_into(path, items, settings=settings, total=total, progress=progress)
    except duckdb.IOException as exc:  # typically: another process is writing this corpus
        print(f"dotterel: cannot open corpus '{path}': {exc}", file=sys.stderr)
        return 2
    log.info("stored %d article(s), skipped %d already stored, %d error(s) in %.1f s "
             "(%.1f articles/s; writing %.1f s, indexing %.1f s)", report.stored, report.skipped,
             report.errors, report.seconds, report.rate, report.write_seconds, report.index_seconds)
    return 1 if report.errors else 0
