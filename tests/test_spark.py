"""The Spark runner gives exactly the records of a local run (Spark local mode, 2 cores).

Skips when pyspark or Java is missing. Articles: the first 50 short ones of
../shared/data/corpora/allsides.jsonl.gz when present, else our own short texts.
"""
from __future__ import annotations

import gzip
import importlib.util
import itertools
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from dotterel import Settings, code_many
from dotterel.columns import kind_of
from dotterel.output import EVENT_COLUMNS, event_rows

HAVE_PYSPARK = importlib.util.find_spec("pyspark") is not None
HAVE_JAVA = bool(shutil.which("java") or (os.environ.get("JAVA_HOME") and
                                          Path(os.environ["JAVA_HOME"], "bin", "java").exists()))

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "allsides.jsonl.gz"
N = 50

OWN_TEMPLATES = [
    "{a} and {b} urged {c} on Tuesday to agree to a ceasefire in Gaza.",
    "{a} accused {b} of supporting militants near the border, officials said on Monday.",
    "{a} did not send troops to {b} last week.",
    "\"We will not accept this,\" the foreign minister of {a} said after {b} imposed sanctions on {c}.",
    "{a} sent food and medicine to {b} on Friday, and {c} promised more aid.",
]
COUNTRIES = ["Egypt", "Qatar", "Israel", "Jordan", "Iran", "Russia", "Ukraine", "France",
             "Germany", "China", "India", "Pakistan", "Turkey", "Syria", "Belarus"]


def _articles() -> list[dict]:
    if ALLSIDES.exists():
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as handle:
            records = (json.loads(line) for line in handle)
            short = (r for r in records if isinstance(r.get("text"), str) and len(r["text"]) <= 2500)
            return [{k: r.get(k) for k in ("id", "text", "published", "title", "source", "url",
                                           "topic")} for r in itertools.islice(short, N)]
    out = []
    for n in range(N):
        a, b, c = (COUNTRIES[(n + k * 4) % len(COUNTRIES)] for k in range(3))
        text = OWN_TEMPLATES[n % len(OWN_TEMPLATES)].format(a=a, b=b, c=c)
        out.append({"id": f"own-{n}", "text": text, "published": f"2024-01-{n % 28 + 1:02d}",
                    "title": None, "source": "test", "url": None, "topic": "extra column"})
    return out


ARTICLE_SCHEMA = ("id string, text string, published string, title string, source string, "
                  "url string, topic string")


@pytest.fixture(scope="module")
def spark():
    if not HAVE_PYSPARK:
        pytest.skip("pyspark not installed (pip install 'dotterel[spark]')")
    if not HAVE_JAVA:
        pytest.skip("no Java runtime for Spark")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from dotterel.spark import session

    spark = session("local[2]", app_name="dotterel-tests", conf={
        "spark.ui.enabled": "false", "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1", "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2"})
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def articles():
    return _articles()


@pytest.fixture(scope="module")
def local_results(articles):
    return list(code_many(articles, settings=Settings(n_process=1)))


@pytest.fixture(scope="module")
def frames(spark, articles):
    from dotterel.spark import code_dataframe

    rows = [tuple(a[k] for k in ("id", "text", "published", "title", "source", "url", "topic"))
            for a in articles]
    df = spark.createDataFrame(rows, ARTICLE_SCHEMA)
    frames = code_dataframe(df)
    collected = {name: [r.asDict(recursive=True) for r in frame.collect()]
                 for name, frame in frames.items()}
    collected["_schemas"] = {name: frame.schema for name, frame in frames.items()}
    return collected


def _key(row: dict) -> tuple:
    return (row["event_id"], row["event_type"], row["source_actor"], row["target_actor"],
            row["trigger_start"], row["trigger_end"])


def test_events_are_exactly_those_of_a_local_run(frames, local_results):
    local = [row for r in local_results if r.ok for row in event_rows(r)]
    assert local, "the local run found no events: nothing to compare"
    spark_events = frames["events"]
    assert sorted(map(_key, spark_events)) == sorted(map(_key, local))
    # and not just the keys: every column of every row
    by_id = {row["event_id"]: row for row in spark_events}
    for row in local:
        assert by_id[row["event_id"]] == row


def test_actors_quotes_and_errors_match_a_local_run(frames, local_results):
    ok = [r for r in local_results if r.ok]
    assert sorted((a["article_id"], a["actor_id"], a["mention_count"]) for a in frames["actors"]) \
        == sorted((r.id, a.id, len(a.mentions)) for r in ok for a in r.actors)
    assert sorted((q["quote_id"], q["start"], q["end"], q["speaker_actor"]) for q in frames["quotes"]) \
        == sorted((q.id, q.start, q.end, q.speaker.actor if q.speaker else None)
                  for r in ok for q in r.quotes)
    assert sorted((e["id"], e["code"]) for e in frames["errors"]) \
        == sorted((r.id, r.code) for r in local_results if not r.ok)


def test_event_schema_is_the_flat_parquet_schema(frames):
    from pyspark.sql import types as T

    # the flat columns' types (dotterel/columns.py); Spark keeps dates as ISO strings
    spark_of = {"string": T.StringType(), "date": T.StringType(), "int": T.LongType(),
                "float": T.DoubleType(), "bool": T.BooleanType()}
    kinds = kind_of("events")
    schema = frames["_schemas"]["events"]
    assert tuple(schema.names) == EVENT_COLUMNS
    for field in schema.fields:
        assert field.dataType == spark_of[kinds[field.name]], field.name


def test_bad_records_become_error_rows_and_the_partition_goes_on(spark):
    from dotterel.spark import code_dataframe

    rows = [("ok1", "Jordan accused Israel of blocking aid convoys to Gaza.", "2023-12-08"),
            ("empty", "   ", "2023-12-08"),
            ("notext", None, None),
            ("baddate", "Egypt urged Israel to agree to a truce.", "not a date"),
            ("ok2", "The United States sent food and medicine to Gaza on Friday.", "2023-12-09")]
    df = spark.createDataFrame(rows, "id string, text string, published string").coalesce(1)
    frames = code_dataframe(df, partitions=0)
    errors = {r["id"]: r["code"] for r in frames["errors"].collect()}
    assert errors == {"empty": "E006", "notext": "E005", "baddate": "E008"}
    assert {r["article_id"] for r in frames["events"].collect()} == {"ok1", "ok2"}


def test_cli_engine_spark_writes_parquet_folders(spark, tmp_path, capsys):
    import pyarrow.parquet as pq

    from dotterel.cli import main

    articles = [
        {"id": "n1", "published": "2023-12-07",
         "text": "Egypt and Qatar urged Israel and Hamas to agree to a ceasefire on Tuesday."},
        {"id": "n3", "published": "2023-12-09",
         "text": "The United States sent food and medicine to Gaza on Friday."}]
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(articles[0]) + "\n" + '{"id": "n2", "text": "cut off\n'
                    + json.dumps(articles[1]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    status = main(["code", str(path), "--engine", "spark", "--master", "local[2]", "-o", str(out)])
    assert status == 1  # one record failed
    for name in ("events", "actors", "quotes", "errors"):
        assert (out / name).is_dir()
    events = pq.read_table(out / "events").to_pylist()
    local = [row for r in code_many(articles) for row in event_rows(r)]
    assert sorted(map(_key, events)) == sorted(map(_key, local))
    errors = pq.read_table(out / "errors").to_pylist()
    assert [e["code"] for e in errors] == ["E004"]
    assert errors[0]["origin"] == f"{path}:2"  # the line, as a local run names it


def test_import_without_pyspark_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    monkeypatch.delitem(sys.modules, "dotterel.spark", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'dotterel\[spark\]'"):
        import dotterel.spark  # noqa: F401


def test_spark_and_local_check_records_alike(spark, tmp_path):
    """Issue 21, finding 10: one validation path for both engines, with line numbers."""
    import pyarrow.parquet as pq

    from dotterel.cli import main
    from dotterel.ingest import read_inputs

    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Russia attacked Ukraine."}\n'
                     b'{"id": "n", "text": 12345}\n'
                     b'{"id": "s", "text": "Iran threatened Israel \\ud800."}\n'
                     b'\n'
                     b'{"id": "cut", "text": "no end\n'
                     b'[1, 2]\n'
                     b'{"id": "d", "text": "x", "n": ' + b"[" * 1500 + b"]" * 1500 + b'}\n'
                     b'{"id": "c", "text": "China warned Japan.", "published": "2023-13-45"}\n'
                     b'{"text": "Egypt urged Israel to agree to a truce."}\n')
    local = [r for r in code_many(read_inputs([path]), settings=Settings(n_process=1)) if not r.ok]
    out = tmp_path / "out"
    assert main(["-q", "code", str(path), "--engine", "spark", "--master", "local[2]", "-o", str(out)]) == 1
    errors = pq.read_table(out / "errors").to_pylist()
    assert sorted(((e["id"], e["code"], e["origin"]) for e in errors), key=str) == \
        sorted(((e.id, e.code, e.origin) for e in local), key=str)
    assert {e.code for e in local} == {"E005", "E003", "E004", "E015", "E017", "E008"}
    assert {r["article_id"] for r in pq.read_table(out / "events").to_pylist()} == {"a", "mixed:9"}


def test_spark_parquet_origins_carry_row_numbers(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dotterel.spark import code_dataframe, read_articles

    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["Russia attacked Ukraine.", " "]}), path)
    [error] = code_dataframe(read_articles(spark, [str(path)]))["errors"].collect()
    assert (error["id"], error["code"], error["origin"]) == ("b", "E006", f"{path}:2")


def test_spark_maps_input_fields_as_locally(spark, tmp_path):
    """--text-field and friends (issue 22) reach the Spark engine too: JSONL lines go through
    ingest.json_line with the mapping, Parquet columns are picked by it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dotterel.cli import main
    from dotterel.ingest import read_inputs

    rows = [{"uid": "a", "body": "Russia attacked Ukraine on Monday.", "day": "2024-03-05"},
            {"uid": "b", "body": 7, "day": "2024-03-05"}]
    jsonl = tmp_path / "mapped.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parquet = tmp_path / "mapped.parquet"
    pq.write_table(pa.table({"uid": ["p"], "body": ["Egypt urged Israel to agree to a truce."],
                             "day": ["2024-03-06"]}), parquet)
    options = ["--id-field", "uid", "--text-field", "body", "--date-field", "day"]
    fields = {"id": "uid", "text": "body", "published": "day"}
    local = list(code_many(read_inputs([jsonl, parquet], fields=fields), settings=Settings(n_process=1)))
    out = tmp_path / "out"
    assert main(["-q", "code", str(jsonl), str(parquet), *options, "--engine", "spark",
                 "--master", "local[2]", "-o", str(out)]) == 1
    [error] = pq.read_table(out / "errors").to_pylist()
    assert (error["id"], error["code"], error["origin"]) == ("b", "E005", f"{jsonl}:2")
    assert "'body'" in error["message"]
    events = pq.read_table(out / "events").to_pylist()
    expected = [row for r in local if r.ok for row in event_rows(r)]
    assert {e["article_id"] for e in events} == {"a", "p"}
    assert sorted((e["event_id"], e["event_date"]) for e in events) == \
        sorted((e["event_id"], str(e["event_date"])) for e in expected)
