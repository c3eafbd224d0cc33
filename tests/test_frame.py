"""The researcher's tables: typed DataFrames, the CSV's column types, Parquet types, input
field mapping, and event dates that never lie after publication for a reported fact."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import dotterel
from dotterel.cli import main
from dotterel.columns import EVENTS, TABLES
from dotterel.ingest import read_inputs
from dotterel.model import ArticleInput, ErrorRecord
from dotterel.output import EVENT_COLUMNS, plover_record

ARTICLE = ("Israeli forces struck Gaza City on Tuesday. Pakistan urged Iran to release the "
           "prisoners. Police arrested 20 protesters in Ohio.")


@pytest.fixture(scope="module")
def coded(nlp):
    return list(dotterel.code_many([ArticleInput(id="a1", text=ARTICLE, published="2024-03-14"),
                                    ErrorRecord(id="bad", code="E006", message="empty")]))


def test_to_frame_events_is_typed_with_the_export_columns(coded):
    frame = dotterel.to_frame(coded)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == len(coded[0].events) >= 3
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])
    assert frame["cameo_code"].dtype == "string" and frame["geonameid"].dtype == "Int64"
    assert frame["quad_class"].dtype == "Int64" and frame["negated"].dtype == "boolean"
    struck = frame[frame["trigger"] == "struck"].iloc[0]
    assert struck["event_date"] == pd.Timestamp("2024-03-12")
    assert (struck["date_precision"], struck["date_source"]) == ("day", "text")
    assert struck["cameo_label"] and struck["source_sector"] == "MIL"
    assert struck["geo_precision"] == "city"


def test_to_frame_other_tables_and_record_dicts(coded):
    for table in ("actors", "quotes", "places"):
        frame = dotterel.to_frame(coded, table=table)
        assert list(frame.columns) == [c.name for c in TABLES[table]]
    places = dotterel.to_frame([coded[0].to_dict()], table="places")  # JSONL records read back
    assert len(places) == len(coded[0].places) and places["geonameid"].dtype == "Int64"
    with pytest.raises(ValueError, match="unknown table"):
        dotterel.to_frame(coded, table="mentions")


def test_csv_sidecar_keeps_codes_strings(coded, tmp_path):
    path = tmp_path / "events.csv"
    dotterel.output.write(coded, "csv", path=path)
    meta = json.loads((tmp_path / "events.csv-metadata.json").read_text())
    types = {c["name"]: c["datatype"] for c in meta["tableSchema"]["columns"]}
    assert types["cameo_code"] == "string" and types["event_date"] == "date"
    assert list(types) == list(EVENT_COLUMNS)
    back = dotterel.read_csv(path)
    expected = dotterel.to_frame(coded)
    pd.testing.assert_frame_equal(back, expected, check_dtype=True)


def test_parquet_types(coded, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    dotterel.output.write(coded, "parquet", path=path)
    schema = pq.read_schema(path)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("cameo_code").type == pa.string()
    assert schema.field("geonameid").type == pa.int64()
    frame = pd.read_parquet(path)
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"]) or \
        isinstance(frame["event_date"].dropna().iloc[0], __import__("datetime").date)


def test_mode_is_null_in_every_format(coded):
    article = coded[0]
    without = [e for e in article.events if not e.mode]
    assert without, "need an event without a mode"
    row = next(r for r in dotterel.output.event_rows(article) if r["event_id"] == without[0].id)
    assert row["mode"] is None and plover_record(article, without[0])["mode"] is None


def test_column_order_is_stable():
    """New columns may be added; these never move (users select by position, too)."""
    assert EVENT_COLUMNS[:8] == ("event_id", "article_id", "event_date", "date_text",
                                 "date_precision", "date_source", "event_type", "mode")
    assert EVENT_COLUMNS[44:50] == ("confidence", "published", "title", "source", "url", "quote_id")
    assert EVENT_COLUMNS[50:] == ("admin1", "n_reports", "n_sources", "n_mentions", "coder")  # added later, at the end
    assert len(set(EVENT_COLUMNS)) == len(EVENT_COLUMNS)
    assert all(c.meaning and c.kind in ("string", "date", "int", "float", "bool") for c in EVENTS)


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_input_field_mapping(tmp_path, suffix):
    rows = [{"uid": "u1", "body": "Police arrested protesters.", "date": "2024-03-14T10:00:00Z",
             "headline": "Arrests", "link": "https://example.org/1", "id": "ignored"},
            {"uid": "u2", "headline": "no body", "date": "2024-03-14"}]
    path = tmp_path / f"x.{suffix}"
    frame = pd.DataFrame(rows)
    {"jsonl": lambda: path.write_text("".join(json.dumps(r) + "\n" for r in rows)),
     "csv": lambda: frame.to_csv(path, index=False),
     "parquet": lambda: frame.to_parquet(path)}[suffix]()
    fields = {"id": "uid", "text": "body", "published": "date", "title": "headline", "url": "link"}
    first, second = read_inputs([path], fields=fields)
    assert isinstance(first, ArticleInput)
    assert (first.id, first.text, first.published, first.title, first.url) == (
        "u1", "Police arrested protesters.", "2024-03-14", "Arrests", "https://example.org/1")
    assert "body" not in first.extra and "uid" not in first.extra
    assert isinstance(second, ErrorRecord)
    if suffix == "csv":  # a CSV cell is there, empty
        assert second.code == "E006"
    else:
        assert second.code == "E005" and "'body'" in second.message
    with pytest.raises(ValueError, match="unknown input field"):
        list(read_inputs([path], fields={"body": "text"}))


def test_field_mapping_from_the_command_line_and_settings(tmp_path, capsys, nlp):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"uid": "u1", "body": "Police arrested protesters on Monday.",
                                "date": "2024-03-14", "headline": "Arrests"}) + "\n")
    assert main(["-q", "code", str(path), "-j", "1", "--id-field", "uid", "--text-field", "body",
                 "--date-field", "date", "--title-field", "headline", "--format", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["id"], record["published"], record["title"]) == ("u1", "2024-03-14", "Arrests")
    assert record["events"][0]["date"] == "2024-03-11"
    settings = dotterel.Settings(n_process=1, fields={"text": "body", "id": "uid"})
    [article] = dotterel.code_many([{"uid": "d1", "body": "Police arrested protesters."}], settings=settings)
    assert article.id == "d1" and article.events


def test_unyeared_date_of_a_past_report_is_its_last_occurrence(nlp):
    article = dotterel.code("Democrats are investigating Trump's July 25 telephone call with "
                            "Zelensky.", published="2019-09-22")
    assert [d.value for d in article.dates] == ["2019-07-25"]
    assert article.events and all(e.date == "2019-07-25" for e in article.events)


def test_a_fact_is_never_dated_after_publication(nlp):
    article = dotterel.code("Iran attacked Saudi oil facilities next Tuesday.", published="2019-09-22")
    [event] = article.events
    assert not (event.future or event.hypothetical)
    assert (event.date, event.date_source, event.date_text) == ("2019-09-22", "publication", None)
    future = dotterel.code("Iran will attack Saudi oil facilities next Tuesday.", published="2019-09-22")
    assert [(e.future, e.date, e.date_source) for e in future.events] == [(True, "2019-09-24", "text")]


def test_date_precision_follows_the_mention(nlp):
    article = dotterel.code("Protesters clashed with police in Cairo last month.", published="2024-03-14")
    assert [(e.date, e.date_precision, e.date_source) for e in article.events] == [
        ("2024-02-01", "month", "text")]


def test_store_events_frame_is_typed(coded, tmp_path):
    from dotterel.store import Corpus

    with Corpus(tmp_path / "c.duckdb") as corpus:
        corpus.add_records(coded)
        frame = corpus.events()
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert frame["cameo_code"].dtype == "string" and frame["geonameid"].dtype == "Int64"
    pd.testing.assert_frame_equal(frame, dotterel.to_frame(coded))
