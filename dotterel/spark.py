"""The Spark runner: code a DataFrame of articles on a cluster (or in Spark local mode).

``code_dataframe(df)`` takes a Spark DataFrame with the article columns ``id, text,
published, title, source, url`` (missing ones are null, extra ones are ignored) and returns
four DataFrames: ``events`` (the flat rows of ``output.event_rows``, typed as in the Parquet
writer), ``actors``, ``quotes`` and ``errors``. Coding runs in ``mapInArrow``: each Python
worker loads the spaCy pipeline once (``nlp.pipeline.load_pipeline`` is cached per process and Spark
reuses its Python workers) and codes Arrow batches with ``dotterel.code_many``, so the records
are exactly those of a local run. A record that cannot be coded becomes a row of ``errors``;
it never fails the partition.

``code_files`` runs ``dotterel code INPUT --engine spark [--master URL] -o OUT/``.
"""
from __future__ import annotations

import functools
import logging
import math
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

try:
    import pyspark  # noqa: F401
    from pyspark import StorageLevel
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - exercised only without pyspark
    raise ImportError("dotterel.spark needs PySpark, which is an optional dependency: "
                      "pip install 'dotterel[spark]'") from exc

import pyarrow as pa

from .config import Settings
from .errors import DotterelError, Errors
from .ingest import _from_mapping, json_line
from .model import Article, ErrorRecord
from .columns import EVENTS, arrow_type
from .output import event_rows
from .pipeline import code_many

# PySpark checks the pandas version before mapInArrow, which never uses pandas.
_PANDAS_WARNING = "PySpark does not yet fully support pandas"

log = logging.getLogger("dotterel")

INPUT_COLUMNS = ("id", "text", "published", "title", "source", "url")
ARTICLES_PER_PARTITION = 200
"""Default partition size: big enough to amortise a task, small enough to balance cores."""
_CHUNK = 64  # articles coded per output Arrow batch inside a worker

# --- schemas (Arrow for the workers, Spark for the DataFrames; built from one spec) ---------

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_SPAN = pa.struct([("start", _INT), ("end", _INT), ("text", _STR)])

EVENT_SCHEMA = pa.schema([(c.name, _STR if c.kind == "date" else arrow_type(c.kind)) for c in EVENTS])
"""The flat event columns; dates stay ISO strings here, as the Spark tables have always had them."""
ACTOR_SCHEMA = pa.schema([
    ("article_id", _STR), ("actor_id", _STR), ("name", _STR), ("kind", _STR),
    ("country", _STR), ("cameo", _STR), ("sector", _STR), ("wikidata", _STR),
    ("mention_count", _INT), ("mentions", pa.list_(_SPAN))])
QUOTE_SCHEMA = pa.schema([
    ("quote_id", _STR), ("article_id", _STR), ("kind", _STR), ("text", _STR),
    ("start", _INT), ("end", _INT),
    ("speaker_actor", _STR), ("speaker_name", _STR), ("speaker_country", _STR),
    ("speaker_cameo", _STR), ("speaker_text", _STR), ("speaker_start", _INT),
    ("speaker_end", _INT), ("cue_text", _STR), ("cue_start", _INT), ("cue_end", _INT),
    ("confidence", _FLOAT), ("inflammatory", _BOOL)])
ERROR_SCHEMA = pa.schema([("id", _STR), ("origin", _STR), ("code", _STR), ("message", _STR)])

_CODED_SCHEMA = pa.schema([
    ("article_id", _STR),
    ("events", pa.list_(pa.struct(list(EVENT_SCHEMA)))),
    ("actors", pa.list_(pa.struct(list(ACTOR_SCHEMA)))),
    ("quotes", pa.list_(pa.struct(list(QUOTE_SCHEMA)))),
    ("error", pa.struct(list(ERROR_SCHEMA)))])
"""One row per input article: its records as lists, or the error that stands in its place."""


def spark_type(arrow: pa.DataType) -> T.DataType:
    """The Spark type of one of our Arrow types (strings, int64, float64, bool, lists, structs)."""
    if pa.types.is_struct(arrow):
        return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow])
    if pa.types.is_list(arrow):
        return T.ArrayType(spark_type(arrow.value_type), True)
    simple = {_STR: T.StringType(), _INT: T.LongType(), _FLOAT: T.DoubleType(),
              _BOOL: T.BooleanType()}
    return simple[arrow]


def spark_schema(schema: pa.Schema) -> T.StructType:
    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in schema])


# --- the public API ---------------------------------------------------------------------------

def code_dataframe(df: DataFrame, *, settings: Settings | None = None,
                   published: str | None = None,
                   partitions: int | None = None) -> dict[str, DataFrame]:
    """Code a DataFrame of articles; returns {'events', 'actors', 'quotes', 'errors'} DataFrames.

    ``published`` is the default publication date for rows without one (as ``--published``).
    ``partitions``: None (default) repartitions to about ``ARTICLES_PER_PARTITION`` articles per
    partition, at least one per core (this counts the input once); 0 keeps the input's
    partitioning; N uses N partitions. The coded articles are persisted (memory and disk), so
    the four frames share one coding pass (the first action codes, the others read the cache);
    ``spark.catalog.clearCache()`` or stopping the session frees it.
    """
    coded = _coded(df, settings=settings, published=published, partitions=partitions)
    return _split(coded)


def _coded(df: DataFrame, *, settings: Settings | None, published: str | None,
           partitions: int | None) -> DataFrame:
    settings = replace(settings or Settings(), n_process=1)  # Spark is the parallelism
    articles = df.select(*_input_columns(df, settings.fields))
    if partitions is None:
        partitions = _partition_count(articles)
    if partitions:
        articles = articles.repartition(partitions)
    worker = functools.partial(_code_arrow_batches, settings=settings, published=published)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)
        coded = articles.mapInArrow(worker, spark_schema(_CODED_SCHEMA))
    return coded.persist(StorageLevel.MEMORY_AND_DISK)


def _split(coded: DataFrame) -> dict[str, DataFrame]:
    def exploded(column: str) -> DataFrame:
        return coded.select(F.explode(column).alias("r")).select("r.*")

    return {"events": exploded("events"), "actors": exploded("actors"),
            "quotes": exploded("quotes"),
            "errors": coded.where(F.col("error").isNotNull()).select("error.*")}


def _input_columns(df: DataFrame, fields: dict[str, str] | None = None) -> list[Any]:
    """The article columns as strings (null when absent), each read from the input's column
    ``fields`` names for it (``Settings.fields``), plus our bookkeeping columns."""
    types = {f.name: f.dataType for f in df.schema.fields}
    columns = []
    for name in INPUT_COLUMNS:
        source = (fields or {}).get(name, name)
        if source not in types or (name == "text" and not isinstance(types[source], T.StringType)):
            columns.append(F.lit(None).cast("string").alias(name))  # no usable text -> E005
        else:
            columns.append(F.col(source).cast("string").alias(name))
    for name in ("_origin", "_line"):
        columns.append((F.col(name) if name in types else F.lit(None)).cast("string").alias(name))
    columns.append(F.monotonically_increasing_id().alias("_row"))
    return columns


def _partition_count(df: DataFrame) -> int:
    try:
        cores = int(df.sparkSession.sparkContext.defaultParallelism)
    except Exception:  # Spark Connect has no SparkContext
        cores = 2
    wanted = max(cores, math.ceil(df.count() / ARTICLES_PER_PARTITION))
    return math.ceil(wanted / cores) * cores  # whole waves: no core idles on the last one


# --- the worker side ---------------------------------------------------------------------------

def _code_arrow_batches(batches: Iterable[pa.RecordBatch], *, settings: Settings,
                        published: str | None) -> Iterator[pa.RecordBatch]:
    """mapInArrow function: runs in each Python worker, once per partition."""
    for batch in batches:
        records = batch.to_pylist()
        for start in range(0, len(records), _CHUNK):
            rows = _code_records(records[start:start + _CHUNK], settings, published)
            yield pa.RecordBatch.from_pylist(rows, schema=_CODED_SCHEMA)


def _code_records(records: list[dict[str, Any]], settings: Settings,
                  published: str | None) -> list[dict[str, Any]]:
    items = [_to_input(record, settings.fields) for record in records]
    try:
        results = list(code_many(items, settings=settings, published=published))
    except Exception as exc:  # code_many isolates records itself; this is the last resort
        log.exception("chunk failed; coding its records one by one")
        results = [_code_one(item, settings, published, exc) for item in items]
    rows = []
    for item, result in zip(items, results):
        try:
            rows.append(_coded_row(result))
        except Exception as exc:
            rows.append(_coded_row(_failure(item, exc)))
    return rows


def _to_input(record: dict[str, Any], fields: dict[str, str] | None = None) -> Any:
    origin = record.pop("_origin", None)
    line = record.pop("_line", None)
    row = record.pop("_row", None)
    if line is not None:  # a JSONL line, "path:number": parsed and checked as a local run does
        name, number = origin.rsplit(":", 1)
        return json_line(line, name, int(number), fields)
    return _from_mapping(record, origin or f"row {row}", f"row-{row}")


def _code_one(item: Any, settings: Settings, published: str | None, exc: Exception) -> Any:
    try:
        return next(code_many([item], settings=settings, published=published))
    except Exception as again:
        return _failure(item, again)


def _failure(item: Any, exc: Exception) -> ErrorRecord:
    return ErrorRecord(id=getattr(item, "id", None), code="E010",
                       message=Errors.E010.format(detail=exc), origin=getattr(item, "origin", None))


def _coded_row(result: Article | ErrorRecord) -> dict[str, Any]:
    if isinstance(result, ErrorRecord):
        return {"article_id": result.id, "events": [], "actors": [], "quotes": [],
                "error": {"id": result.id, "origin": result.origin, "code": result.code,
                          "message": result.message}}
    return {"article_id": result.id, "events": list(event_rows(result)),
            "actors": list(actor_rows(result)), "quotes": list(quote_rows(result)),
            "error": None}


def actor_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per actor of an article, with its mentions."""
    for a in article.actors:
        yield {"article_id": article.id, "actor_id": a.id, "name": a.name, "kind": a.kind,
               "country": a.country, "cameo": a.cameo, "sector": a.sector,
               "wikidata": a.wikidata, "mention_count": len(a.mentions),
               "mentions": [m.to_dict() for m in a.mentions]}


def quote_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One flat row per quote, speaker and cue spread into columns."""
    for q in article.quotes:
        s, c = q.speaker, q.cue
        yield {"quote_id": q.id, "article_id": article.id, "kind": q.kind, "text": q.text,
               "start": q.start, "end": q.end,
               "speaker_actor": s.actor if s else None, "speaker_name": s.name if s else None,
               "speaker_country": s.country if s else None,
               "speaker_cameo": s.cameo if s else None, "speaker_text": s.text if s else None,
               "speaker_start": s.start if s else None, "speaker_end": s.end if s else None,
               "cue_text": c.text if c else None, "cue_start": c.start if c else None,
               "cue_end": c.end if c else None, "confidence": q.confidence,
               "inflammatory": q.inflammatory}


# --- sessions, readers and the command line -----------------------------------------------------

def session(master: str = "local[*]", *, app_name: str = "dotterel",
            conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession; in local mode the Python workers run this interpreter (this venv)."""
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app_name).config("spark.log.level", "WARN")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet",)


def read_articles(spark: SparkSession, paths: Iterable[str],
                  fields: dict[str, str] | None = None) -> DataFrame:
    """Read JSONL and Parquet inputs (files, folders of them, or URIs) with Spark's readers;
    Parquet keeps the columns ``fields`` names (code with the same ``Settings.fields``)."""
    json_paths: list[str] = []
    parquet_paths: list[str] = []
    for path in paths:
        for file, kind in _input_files(path):
            (json_paths if kind == "json" else parquet_paths).append(file)
    frames = []
    if json_paths:
        frames.append(_json_lines(spark, json_paths))
    if parquet_paths:
        parquet = spark.read.parquet(*parquet_paths)
        frames.append(parquet.select(*_raw_columns(parquet, fields)))
    if not frames:
        raise DotterelError(Errors.E011, path=", ".join(paths), detail="no input files found",
                            kind="JSONL or Parquet")
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame, allowMissingColumns=True)
    return result


def _json_lines(spark: SparkSession, paths: list[str]) -> DataFrame:
    """JSONL lines as text with their origin ``path:line``: the workers parse them with
    ``ingest.json_line``, so both engines check a record alike (numbers are not text, and so on)."""
    sc = spark.sparkContext
    numbered = [sc.textFile(path).zipWithIndex()
                .map(lambda pair, path=path: (pair[0], f"{path}:{pair[1] + 1}"))
                .filter(lambda row: bool(row[0].strip())) for path in paths]
    return spark.createDataFrame(sc.union(numbered), "_line string, _origin string")


def _raw_columns(df: DataFrame, fields: dict[str, str] | None = None) -> list[Any]:
    wanted = dict.fromkeys([*INPUT_COLUMNS, *(fields or {}).values()])
    columns = [F.col(n) for n in wanted if n in set(df.columns)]
    path = F.regexp_replace(F.col("_metadata.file_path"), "^file:(//)?", "")
    columns.append(F.concat(path, F.lit(":"), (F.col("_metadata.row_index") + 1).cast("string"))
                   .alias("_origin"))
    return columns


def _input_files(path: str) -> list[tuple[str, str]]:
    if "://" in path:  # hdfs://, s3a://, file://: trust the name
        kind = _kind(path)
        return [(path, kind or "parquet")]  # a URI without suffix is taken as a Parquet folder
    local = Path(path)
    if not local.exists():
        raise DotterelError(Errors.E001, path=path)
    if local.is_dir():
        files = sorted(p for p in local.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))
        found = [(str(p), _kind(str(p))) for p in files]
        unsupported = [f for f, k in found if k is None]
        if unsupported:
            log.warning("--engine spark skips %d file(s) that are not JSONL or Parquet in %s, "
                        "e.g. %s", len(unsupported), path, unsupported[0])
        return [(f, k) for f, k in found if k is not None]
    kind = _kind(path)
    if kind is None:
        raise DotterelError(Errors.E011, path=path, kind="JSONL or Parquet",
                            detail="--engine spark reads .jsonl/.ndjson/.json and .parquet inputs "
                                   "(optionally .gz); use --engine local for other formats")
    return [(path, kind)]


def _kind(name: str) -> str | None:
    lower = name.lower().removesuffix(".gz").rstrip("/")
    if lower.endswith(JSON_SUFFIXES):
        return "json"
    if lower.endswith(PARQUET_SUFFIXES) or lower.endswith(".snappy"):
        return "parquet"
    return None


def code_files(inputs: list[str], output: str, *, settings: Settings, published: str | None = None,
               master: str | None = None) -> int:
    """Code JSONL/Parquet files or folders into the Parquet folders OUT/events, actors, quotes
    and errors; exit status 1 when any record failed. Uses the active session, else starts one
    on ``master`` (default local[*]) and stops it after."""
    out = output.rstrip("/")
    active = SparkSession.getActiveSession()
    spark = active or session(master or "local[*]")
    coded = None
    try:
        articles = read_articles(spark, inputs, settings.fields)
        coded = _coded(articles, settings=settings, published=published, partitions=None)
        frames = _split(coded)
        for name in ("events", "actors", "quotes", "errors"):
            frames[name].write.mode("overwrite").parquet(f"{out}/{name}")
        total = coded.count()
        failed = frames["errors"].count()
        log.info("coded %d article(s), %d error(s); %d event(s) written to %s/events",
                 total - failed, failed, frames["events"].count(), out)
    finally:
        if coded is not None:
            coded.unpersist()
        if active is None:
            spark.stop()
    return 1 if failed else 0


__all__ = ["code_dataframe", "read_articles", "session", "code_files", "actor_rows", "quote_rows",
           "EVENT_SCHEMA", "ACTOR_SCHEMA", "QUOTE_SCHEMA", "ERROR_SCHEMA", "spark_schema"]
