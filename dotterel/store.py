"""The corpus store: coded articles in an embedded DuckDB database, resumable and queryable.

``code_into(path, items)`` (the CLI's ``dotterel code INPUT... --db corpus.duckdb``) streams
articles through ``code_many`` and commits each batch — articles with all their child rows —
in one transaction, so a kill never leaves half an article. Before coding, every input is
looked up: an id already stored with the same content hash is skipped, so a re-run resumes
where the last one stopped and never stores an article twice. An id stored with *other*
content (ids that collide, or the positional ids readers give records without one) is stored
as ``"{id}~{hash12}"``. Bad records go to ``errors`` and are not marked done: fix the input
and re-run. ``Corpus(path)`` is the read side (pandas DataFrames, or Arrow with ``*_arrow``).

Schema (character offsets, end exclusive; ``"end"`` and ``"at"`` are SQL keywords, quote them)::

    articles   (id VARCHAR PRIMARY KEY, published DATE, title, source, url, text,
                content_hash VARCHAR  -- sha256 of the UTF-8 text
                coded_at TIMESTAMP    -- UTC, commit time of the batch
                seq BIGINT            -- insertion order
                input_id, origin      -- id as read (before any ~hash suffix), "file:line"
                meta JSON             -- input fields beyond id/text/published/title/source/url
                record JSON)          -- the coder's full record with "text": null (text is above)
    actors     (article_id, seq INTEGER, actor_id, name, kind, country, cameo, sector, wikidata)
    mentions   (article_id, actor_id, seq INTEGER, start INTEGER, "end" INTEGER, text)
    events     (event_id, article_id, seq INTEGER, then the flat columns of
                output.EVENT_COLUMNS: event_date DATE, published DATE, cameo_code/cameo_root
                VARCHAR (leading zeros kept), quad_class/offsets/geonameid BIGINT,
                goldstein/lat/lon/confidence DOUBLE, negated/hypothetical/future/hedged/is_fact
                BOOLEAN, the rest VARCHAR)
    quotes     (article_id, quote_id, seq INTEGER, kind, text, start INTEGER, "end" INTEGER,
                speaker_actor, speaker_name, cue_text, confidence DOUBLE, inflammatory BOOLEAN)
    places     (article_id, seq INTEGER, name, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
                country, start INTEGER, "end" INTEGER)
    dates      (article_id, seq INTEGER, text, start INTEGER, "end" INTEGER, value DATE, granularity)
    errors     (id, origin, code, message, "at" TIMESTAMP)  -- current problems, one per id+origin
    meta       (key VARCHAR PRIMARY KEY, value VARCHAR)     -- schema version, index state
    event_clusters   (cluster_id, event_id)                 -- derived, see ``rebuild_dedup``
    canonical_events (cluster_id, event_date, event_type, ..., n_reports, n_articles,
                      n_sources, first_date, last_date, event_ids, article_ids, sources, ...)

De-duplication (``rebuild_dedup``, deterministic, rebuilt after every ``code --db`` run):
fact events (not negated, hypothetical or future; ``facts_only=False`` clusters all, keeping
modalities apart) are blocked by (event_type, source_actor, target_actor) — a missing actor
matches only a missing actor — and taken in order (event_date, article_id, seq). An event
joins the oldest open cluster of its block whose first date is at most ``window_days`` before
its own date and whose place country is compatible (equal, or either missing; a cluster takes
the first country it sees); otherwise it starts a cluster. So every pair of reports in a
cluster is within the window. Events without a date stay alone. ``cluster_id`` is the
event_id of the earliest report; a canonical event carries that report's coding, the first
place any report gives, the number of reports, articles and distinct outlets (``source``; an
article without one counts as its own outlet), and the ids of every report and article.

Full-text search uses DuckDB's ``fts`` extension from the PyPI package
``duckdb-extension-fts`` (pinned to the duckdb version; loaded from the package's file,
signature checked, no download). Without it, or while the index is out of date in a
read-only connection, ``search`` scans with parameterised substring matching instead.
All SQL that carries user values is parameterised.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import logging
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import duckdb

from .config import Settings
from .ingest import _check
from .model import (Actor, ActorRef, Article, ArticleInput, CameoCode, DateMention, ErrorRecord,
                    Event, Place, Quote, TextSpan)
from .output import EVENT_COLUMNS, _arrow_type, event_rows, plover_record

log = logging.getLogger("dotterel")

SCHEMA_VERSION = "1"
EXPORT_FORMATS = ("plover", "jsonl", "csv", "parquet")
PERIODS = ("day", "week", "month", "year")
DEFAULT_WINDOW_DAYS = 1


def _event_type(column: str) -> str:
    if column in ("event_date", "published"):
        return "DATE"
    return {"bool": "BOOLEAN", "int64": "BIGINT", "double": "DOUBLE"}.get(str(_arrow_type(column)), "VARCHAR")


TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "VARCHAR PRIMARY KEY"), ("published", "DATE"), ("title", "VARCHAR"),
                 ("source", "VARCHAR"), ("url", "VARCHAR"), ("text", "VARCHAR"),
                 ("content_hash", "VARCHAR"), ("coded_at", "TIMESTAMP"), ("seq", "BIGINT"),
                 ("input_id", "VARCHAR"), ("origin", "VARCHAR"), ("meta", "JSON"),
                 ("record", "JSON")),
    "actors": (("article_id", "VARCHAR"), ("seq", "INTEGER"), ("actor_id", "VARCHAR"),
               ("name", "VARCHAR"), ("kind", "VARCHAR"), ("country", "VARCHAR"),
               ("cameo", "VARCHAR"), ("sector", "VARCHAR"), ("wikidata", "VARCHAR")),
    "mentions": (("article_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("seq", "INTEGER"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR")),
    "events": (("event_id", "VARCHAR"), ("article_id", "VARCHAR"), ("seq", "INTEGER"),
               *((c, _event_type(c)) for c in EVENT_COLUMNS if c not in ("event_id", "article_id"))),
    "quotes": (("article_id", "VARCHAR"), ("quote_id", "VARCHAR"), ("seq", "INTEGER"),
               ("kind", "VARCHAR"), ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
               ("speaker_actor", "VARCHAR"), ("speaker_name", "VARCHAR"), ("cue_text", "VARCHAR"),
               ("confidence", "DOUBLE"), ("inflammatory", "BOOLEAN")),
    "places": (("article_id", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
               ("geonameid", "BIGINT"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
               ("country", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER")),
    "dates": (("article_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"),
              ("start", "INTEGER"), ("end", "INTEGER"), ("value", "DATE"),
              ("granularity", "VARCHAR")),
    "errors": (("id", "VARCHAR"), ("origin", "VARCHAR"), ("code", "VARCHAR"),
               ("message", "VARCHAR"), ("at", "TIMESTAMP")),
    "meta": (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")),
    "event_clusters": (("cluster_id", "VARCHAR"), ("event_id", "VARCHAR")),
}
CHILD_TABLES = ("actors", "mentions", "events", "quotes", "places", "dates")


def _q(name: str) -> str:
    """Quote an identifier (ours, never user input)."""
    return '"' + name.replace('"', '""') + '"'


def _arrow_schema(table: str) -> Any:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "JSON": pa.string(), "BIGINT": pa.int64(),
             "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}
    return pa.schema([(name, types[kind.split()[0]]) for name, kind in TABLES[table]])


# ---------------------------------------------------------------- connection and schema


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
        con.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} ("
                    + ", ".join(f"{_q(c)} {t}" for c, t in columns) + ")")
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = 'main'", [table]).fetchall()}
        for column, kind in columns:  # a newer dotterel may add columns: add them in place
            if column not in have:
                con.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(column)} {kind.split()[0]}")
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: Any) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, str(value)])


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ? "
                            "AND table_schema = 'main'", [table]).fetchone()[0])


# ---------------------------------------------------------------- records <-> rows


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.warning("date %r is not YYYY-MM-DD; stored as NULL (the record keeps it)", value)
        return None


@dataclass(frozen=True, slots=True)
class _InputInfo:
    input_id: str | None
    origin: str | None
    meta: str | None
    content_hash: str | None


def _article_rows(article: Article, info: _InputInfo, coded_at: dt.datetime, seq: int,
                  rows: dict[str, list[dict[str, Any]]]) -> None:
    record = article.to_dict()
    record["text"] = None
    aid = article.id
    rows["articles"].append({
        "id": aid, "published": _date(article.published), "title": article.title,
        "source": article.source, "url": article.url, "text": article.text,
        "content_hash": info.content_hash or content_hash(article.text), "coded_at": coded_at,
        "seq": seq, "input_id": info.input_id, "origin": info.origin, "meta": info.meta,
        "record": json.dumps(record, ensure_ascii=False)})
    for n, a in enumerate(article.actors, start=1):
        rows["actors"].append({"article_id": aid, "seq": n, "actor_id": a.id, "name": a.name,
                               "kind": a.kind, "country": a.country, "cameo": a.cameo,
                               "sector": a.sector, "wikidata": a.wikidata})
        rows["mentions"].extend({"article_id": aid, "actor_id": a.id, "seq": m, "start": s.start,
                                 "end": s.end, "text": s.text}
                                for m, s in enumerate(a.mentions, start=1))
    for n, row in enumerate(event_rows(article), start=1):
        row["seq"] = n
        row["event_date"] = _date(row["event_date"])
        row["published"] = _date(row["published"])
        rows["events"].append(row)
    for n, q in enumerate(article.quotes, start=1):
        rows["quotes"].append({
            "article_id": aid, "quote_id": q.id, "seq": n, "kind": q.kind, "text": q.text,
            "start": q.start, "end": q.end,
            "speaker_actor": q.speaker.actor if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else None,
            "cue_text": q.cue.text if q.cue else None, "confidence": q.confidence,
            "inflammatory": q.inflammatory})
    for n, p in enumerate(article.places, start=1):
        rows["places"].append({"article_id": aid, "seq": n, "name": p.name, "geonameid": p.geonameid,
                               "lat": p.lat, "lon": p.lon, "country": p.country,
                               "start": p.start, "end": p.end})
    for n, d in enumerate(article.dates, start=1):
        rows["dates"].append({"article_id": aid, "seq": n, "text": d.text, "start": d.start,
                              "end": d.end, "value": _date(d.value), "granularity": d.granularity})


def record_from_row(text: str, record_json: str) -> dict[str, Any]:
    """The coder's record dict, rebuilt from ``articles.text`` and ``articles.record``."""
    record = json.loads(record_json)
    record["text"] = text
    return record


def article_from_dict(d: dict[str, Any]) -> Article:
    """The Article record back from its ``to_dict`` form (``article_from_dict(a.to_dict()) == a``)."""
    def ref(r: dict[str, Any] | None) -> ActorRef | None:
        return None if r is None else ActorRef(**r)

    def place(p: dict[str, Any] | None) -> Place | None:
        return None if p is None else Place(**p)

    def event(e: dict[str, Any]) -> Event:
        return Event(id=e["id"], type=e["type"], mode=e["mode"], context=tuple(e["context"]),
                     cameo=CameoCode(**e["cameo"]), source=ref(e["source"]), target=ref(e["target"]),
                     trigger=TextSpan(**e["trigger"]),
                     sentence=(e["sentence"]["start"], e["sentence"]["end"]), date=e["date"],
                     date_text=e["date_text"], place=place(e["place"]), negated=e["negated"],
                     hypothetical=e["hypothetical"], future=e["future"], hedged=e["hedged"],
                     attributed_to=ref(e["attributed_to"]), confidence=e["confidence"],
                     explanation=e["explanation"], quote=e.get("quote"))

    def quote(q: dict[str, Any]) -> Quote:
        return Quote(id=q["id"], kind=q["kind"], text=q["text"], start=q["start"], end=q["end"],
                     speaker=ref(q["speaker"]), cue=None if q["cue"] is None else TextSpan(**q["cue"]),
                     confidence=q["confidence"], events=tuple(q.get("events") or ()),
                     inflammatory=q.get("inflammatory", False),
                     inflammatory_terms=tuple(TextSpan(**t) for t in q.get("inflammatory_terms") or ()))

    return Article(
        id=d["id"], text=d["text"], published=d["published"], title=d["title"],
        source=d["source"], url=d["url"],
        actors=tuple(Actor(**{**a, "mentions": tuple(TextSpan(**m) for m in a["mentions"])})
                     for a in d["actors"]),
        events=tuple(event(e) for e in d["events"]), quotes=tuple(quote(q) for q in d["quotes"]),
        places=tuple(Place(**p) for p in d["places"]),
        dates=tuple(DateMention(**x) for x in d["dates"]))


# ---------------------------------------------------------------- writing


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


class _Gate:
    """Decides before coding which inputs still need it; runs in code_many's feeder thread.

    ``pending`` holds ids handed to the coder and not yet committed. The lock makes the
    look-up (pending, then database) atomic against the writer's release after commit, so an
    id is always seen either pending or stored.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, published: str | None,
                 max_chars: int, chunk: int = 256) -> None:
        self.cursor = con.cursor()
        self.lock = threading.Lock()
        self.pending: dict[str, str] = {}
        self.fifo: deque[tuple[str, _InputInfo]] = deque()  # one per item handed to the coder
        self.errors: deque[ErrorRecord] = deque()  # bad inputs: stored, never coded
        self.skipped = 0
        self.published = published
        self.max_chars = max_chars
        self.chunk = chunk

    def filter(self, items: Iterable[Any]) -> Iterator[ArticleInput | ErrorRecord]:
        from .pipeline import _as_input

        checked = (_check(_as_input(item, n), self.published, self.max_chars)
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
                self.fifo.append((key, _InputInfo(item.id, item.origin, meta, digest)))
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


class _Writer:
    """Commits batches: articles, child rows and errors of one batch in one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 hook: Callable[[str, int], None] | None = None) -> None:
        self.con = con
        self.hook = hook
        self.batches = 0
        self.seconds = 0.0
        self.seq = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    def commit(self, batch: list[tuple[Article | ErrorRecord, _InputInfo | None]]) -> None:
        import pyarrow as pa

        start = time.perf_counter()
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", *CHILD_TABLES)}
        errors: list[ErrorRecord] = []
        for result, info in batch:
            if isinstance(result, Article):
                self.seq += 1
                _article_rows(result, info or _InputInfo(None, None, None, None), now, self.seq, rows)
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
                con.register(name, pa.Table.from_pylist(table_rows, schema=_arrow_schema(table)))
                try:
                    con.execute(f"INSERT INTO {_q(table)} BY NAME SELECT * FROM {name}")
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


def _progress(enabled: bool | None) -> Any:
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: code_many may then fork its workers
    return tqdm(unit=" articles", desc="coding", file=sys.stderr, dynamic_ncols=True)


def code_into(path: str | Path, items: Iterable[Any], *, settings: Settings | None = None,
              published: str | None = None, progress: bool | None = None,
              reindex: bool = True, _hook: Callable[[str, int], None] | None = None) -> StoreReport:
    """Code a stream of articles into the corpus at ``path``; see ``Corpus.add``."""
    with Corpus(path) as corpus:
        return corpus.add(items, settings=settings, published=published, progress=progress,
                          reindex=reindex, _hook=_hook)


def code_into_cli(path: str | Path, items: Iterable[Any], settings: Settings) -> int:
    """``dotterel code INPUT... --db PATH``: exit status 1 when any record failed, 2 if no database."""
    try:
        report = code_into(path, items, settings=settings)
    except duckdb.IOException as exc:  # typically: another process is writing this corpus
        print(f"dotterel: cannot open corpus '{path}': {exc}", file=sys.stderr)
        return 2
    log.info("stored %d article(s), skipped %d already stored, %d error(s) in %.1f s "
             "(%.1f articles/s; writing %.1f s, indexing %.1f s)", report.stored, report.skipped,
             report.errors, report.seconds, report.rate, report.write_seconds, report.index_seconds)
    return 1 if report.errors else 0


# ---------------------------------------------------------------- de-duplication


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
        _set_meta(con, "dedup_window_days", int(window_days))
        _set_meta(con, "dedup_facts_only", int(facts_only))
        _set_meta(con, "dedup_state", _state(con))
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


def _state(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of the stored content; derived tables are stale when it changes."""
    articles, top = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM articles").fetchone()
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return f"{articles}/{top}/{events}"


# ---------------------------------------------------------------- search index


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 indexes over articles (title, text) and quotes; False without fts."""
    if not _fts_loaded(con):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', stopwords='none', overwrite=1)")
        con.execute("PRAGMA create_fts_index('quotes', 'quote_id', 'text', 'speaker_name', stopwords='none', overwrite=1)")
        _set_meta(con, "search_state", _state(con))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def _fts_loaded(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'fts'").fetchone()
    return bool(row and row[0])


# ---------------------------------------------------------------- the read side


def _frame_methods(build: Callable[..., tuple[str, list[Any]]]) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """A pandas method and an Arrow method from one query builder."""
    @functools.wraps(build)
    def frame(self: Corpus, *args: Any, **kwargs: Any) -> Any:
        return self._execute(*build(self, *args, **kwargs)).df()

    @functools.wraps(build)
    def arrow(self: Corpus, *args: Any, **kwargs: Any) -> Any:
        return self._execute(*build(self, *args, **kwargs)).to_arrow_table()

    frame.__name__ = build.__name__.removeprefix("_q_")
    arrow.__name__ = frame.__name__ + "_arrow"
    arrow.__doc__ = (build.__doc__ or "") + "\n\nAs a pyarrow Table."
    return frame, arrow


class Corpus:
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
            _hook: Callable[[str, int], None] | None = None) -> StoreReport:
        """Code and store a stream of articles (ArticleInput, dicts, texts or ErrorRecords).

        Skips what is stored already (by id, or content hash on id collision) before coding,
        commits one transaction per ``settings.batch_size`` results, records bad ones in
        ``errors``, and rebuilds the derived tables at the end (``reindex``).
        """
        from .pipeline import code_many

        self._writable()
        settings = settings or Settings()
        report = StoreReport()
        start = time.perf_counter()
        gate = _Gate(self.con, published=published, max_chars=settings.max_chars)
        writer = _Writer(self.con, _hook)
        bar = _progress(progress)
        batch: list[tuple[Article | ErrorRecord, _InputInfo | None]] = []
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
                    bar.update(1)
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
        writer = _Writer(self.con)
        seen: set[str] = set()
        batch: list[tuple[Article | ErrorRecord, _InputInfo | None]] = []
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
        if not only_if_stale or _meta(self.con, "search_state") != _state(self.con):
            rebuild_search_index(self.con)

    def ensure_dedup(self, *, window_days: int | None = None, facts_only: bool | None = None,
                     force: bool = False) -> bool:
        """Rebuild canonical events when stale or asked for other settings; True if rebuilt.

        ``None`` settings keep the ones the tables were last built with (default 1 day, facts).
        """
        old_window, old_facts = _meta(self.con, "dedup_window_days"), _meta(self.con, "dedup_facts_only")
        window = int(old_window) if window_days is None and old_window is not None else \
            (DEFAULT_WINDOW_DAYS if window_days is None else window_days)
        facts = bool(int(old_facts)) if facts_only is None and old_facts is not None else \
            (True if facts_only is None else facts_only)
        fresh = (_table_exists(self.con, "canonical_events")
                 and _meta(self.con, "dedup_state") == _state(self.con)
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

    def _q_sql(self, query: str, params: Iterable[Any] | dict[str, Any] | None = None) -> tuple[str, Any]:
        """Any SQL, with ``?`` parameters (a list) or ``$name`` ones (a dict)."""
        return query, params if isinstance(params, dict) else list(params or [])

    def _q_dyads(self, by: str = "month", facts_only: bool = True, dedup: bool = False,
                 start: str | dt.date | None = None,
                 end: str | dt.date | None = None) -> tuple[str, list[Any]]:
        """Per period and (source_actor, target_actor) pair: event count and Goldstein sum/mean.

        Fact events only unless ``facts_only=False``; ``dedup=True`` counts canonical events
        (and their reports in ``reports``); ``start``/``end`` bound the event date (inclusive).
        """
        table, date, reports = self._event_source(dedup, facts_only)
        where, params = _date_range(date, start, end)
        return (f"SELECT date_trunc(?, {date})::DATE AS period, source_actor, "
                "min(source_name) AS source_name, target_actor, min(target_name) AS target_name, "
                f"count(*) AS events, {reports} AS reports, sum(goldstein) AS goldstein_sum, "
                f"avg(goldstein) AS goldstein_mean FROM {table} WHERE {date} IS NOT NULL{where} "
                "AND source_actor IS NOT NULL AND target_actor IS NOT NULL"
                f"{'' if dedup or not facts_only else ' AND is_fact'} "
                "GROUP BY ALL ORDER BY period, events DESC, source_actor, target_actor",
                [_period(by), *params])

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

    def _q_top_actors(self, limit: int = 20, facts_only: bool = True) -> tuple[str, list[Any]]:
        """Actors by the number of articles naming them, with mentions and event roles."""
        fact = "is_fact AND " if facts_only else ""
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
            "LEFT JOIN m USING (actor_id) LEFT JOIN s USING (actor_id) LEFT JOIN t USING (actor_id) "
            "ORDER BY a.articles DESC, mentions DESC, a.actor_id LIMIT ?", [int(limit)])

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
        columns = ", ".join(f"e.{_q(c)}" for c in EVENT_COLUMNS)
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
    events, events_arrow = _frame_methods(_q_events)
    search, search_arrow = _frame_methods(_q_search)

    @property
    def search_backend(self) -> str:
        """'fts' when the BM25 index is loaded and current, else 'scan'."""
        if not _fts_loaded(self.con) or not _table_exists(self.con, "articles"):
            return "scan"
        if _meta(self.con, "search_state") == _state(self.con):
            return "fts"
        if not self.read_only:
            rebuild_search_index(self.con)
            return "fts"
        log.warning("search index is out of date; scanning (rebuild it: dotterel reindex --db %s)", self.path)
        return "scan"

    def _event_source(self, dedup: bool, facts_only: bool) -> tuple[str, str, str]:
        if not dedup:
            return "events", "event_date", "count(*)"
        self.ensure_dedup(facts_only=True if facts_only else False)
        return "canonical_events", "first_date", "sum(n_reports)"

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored article's full record, in storage order (as the coder produced it)."""
        cursor = self.con.cursor()
        try:
            cursor.execute("SELECT text, record FROM articles ORDER BY seq")
            while rows := cursor.fetchmany(256):
                for text, record in rows:
                    yield record_from_row(text, record)
        finally:
            cursor.close()

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0]
                for t in ("articles", *CHILD_TABLES, "errors")}

    def export(self, fmt: str, *, out: IO[str] | None = None, path: str | Path | None = None,
               dedup: bool = False) -> int:
        """Write the corpus as plover/jsonl/csv (to ``out``) or parquet (to ``path``); returns rows."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if fmt == "parquet" and path is None:
            raise ValueError("parquet export needs a file path")
        if dedup:
            self.ensure_dedup()
            return _export_canonical(self.con, fmt, out, path)
        if fmt in ("jsonl", "plover"):
            assert out is not None
            n = 0
            for record in self.records():
                if fmt == "jsonl":
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
                else:
                    article = article_from_dict(record)
                    for event in article.events:
                        out.write(json.dumps(plover_record(article, event), ensure_ascii=False) + "\n")
                        n += 1
            return n
        query, params = self._q_events()
        return _export_rows(self.con, query, params, fmt, out, path)


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


def _export_rows(con: duckdb.DuckDBPyConnection, query: str, params: list[Any], fmt: str,
                 out: IO[str] | None, path: str | Path | None) -> int:
    cursor = con.cursor()
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            reader = cursor.execute(query, params).to_arrow_reader(10_000)
            n = 0
            with pq.ParquetWriter(str(path), reader.schema) as writer:
                for batch in reader:
                    writer.write_batch(batch)
                    n += batch.num_rows
            return n
        import csv

        assert out is not None
        cursor.execute(query, params)
        columns = [d[0] for d in cursor.description]
        writer = csv.writer(out)
        writer.writerow(columns)
        n = 0
        while rows := cursor.fetchmany(1000):
            for row in rows:
                writer.writerow([";".join(v) if isinstance(v, list) else v for v in row])
                n += 1
        return n
    finally:
        cursor.close()


def _export_canonical(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[str] | None,
                      path: str | Path | None) -> int:
    query = "SELECT * FROM canonical_events ORDER BY first_date NULLS LAST, cluster_id"
    if fmt in ("csv", "parquet"):
        return _export_rows(con, query, [], fmt, out, path)
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
        "recipient": actor("target"), "event": r["event_type"], "mode": r["mode"] or "",
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


__all__ = ["Corpus", "StoreReport", "code_into", "connect", "rebuild_dedup",
           "rebuild_search_index", "article_from_dict", "record_from_row", "content_hash",
           "TABLES", "EXPORT_FORMATS", "PERIODS"]
