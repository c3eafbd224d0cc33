"""The command line: stdout carries data only, stderr carries logs, exit status tells the story."""
from __future__ import annotations

import csv
import io
import json

import pytest

from dotterel.cli import main

RECORD_KEYS = {"id", "published", "title", "source", "url", "text",
               "actors", "events", "quotes", "places", "dates", "furniture", "coder"}
PLOVER_KEYS = {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code",
               "event_loc", "text_info", "cite_info"}

ARTICLES = [
    {"id": "n1", "published": "2023-12-07", "title": "Truce call",
     "text": "Egypt and Qatar urged Israel and Hamas to agree to a ceasefire on Tuesday."},
    {"id": "n2", "published": "2023-12-08",
     "text": "Jordan accused Israel of blocking aid convoys to Gaza on Wednesday."},
    {"id": "n3", "published": "2023-12-09",
     "text": "The United States sent food and medicine to Gaza on Friday."},
]


def jsonl(*records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture
def three(tmp_path):
    path = tmp_path / "three.jsonl"
    path.write_text(jsonl(*ARTICLES), encoding="utf-8")
    return path


@pytest.fixture
def middle_broken(tmp_path):
    path = tmp_path / "broken.jsonl"
    lines = jsonl(*ARTICLES).splitlines(keepends=True)
    lines[1] = '{"id": "n2", "text": "a line cut off\n'
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run(capsys, *argv):
    status = main(["code", "-j", "1", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_code_jsonl_keeps_error_in_place_and_exits_1(capsys, middle_broken):
    status, out, _ = run(capsys, middle_broken, "--format", "jsonl")
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 3
    first, middle, last = map(json.loads, lines)
    assert middle["error"]["code"] == "E004"
    assert middle["error"]["message"].startswith("[E004] ")
    assert middle["origin"] == f"{middle_broken}:2"
    assert (first["id"], last["id"]) == ("n1", "n3")
    for record, source in ((first, ARTICLES[0]), (last, ARTICLES[2])):
        assert set(record) == RECORD_KEYS
        assert record["text"] == source["text"]
        assert record["published"] == source["published"]
        assert record["events"], record["id"]
    assert first["title"] == "Truce call"
    assert {e["type"] for e in first["events"]} >= {"REQUEST"}


def test_code_all_good_exits_0(capsys, three):
    status, out, _ = run(capsys, three, "--format", "jsonl")
    assert status == 0
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["n1", "n2", "n3"]


def test_format_json_single_txt_prints_one_object(capsys, tmp_path):
    path = tmp_path / "truce.txt"
    path.write_text(ARTICLES[0]["text"], encoding="utf-8")
    status, out, _ = run(capsys, path, "--format", "json", "--published", "2023-12-07")
    assert status == 0
    record = json.loads(out)
    assert isinstance(record, dict)
    assert set(record) == RECORD_KEYS
    assert record["id"] == "truce" and record["published"] == "2023-12-07"
    assert record["events"]


def test_format_json_is_the_default_and_several_records_make_an_array(capsys, three):
    status, out, _ = run(capsys, three)
    assert status == 0
    records = json.loads(out)
    assert isinstance(records, list) and [r["id"] for r in records] == ["n1", "n2", "n3"]


def test_format_plover_prints_one_line_per_event(capsys, three):
    status, out, _ = run(capsys, three, "--format", "plover")
    assert status == 0
    lines = [json.loads(x) for x in out.splitlines()]
    assert lines
    for rec in lines:
        assert PLOVER_KEYS <= set(rec), set(rec) ^ PLOVER_KEYS
        assert rec["cite_info"]["article_id"] in {"n1", "n2", "n3"}
        assert rec["id"].startswith(rec["cite_info"]["article_id"] + ":e")
        assert rec["quad_code"] in (1, 2, 3, 4)
    first = [r for r in lines if r["cite_info"]["article_id"] == "n1"]
    assert any(r["event"] == "REQUEST" and r["actor"]["name"] in ("Egypt", "Qatar") for r in first)


def test_format_csv_has_event_columns(capsys, three):
    status, out, _ = run(capsys, three, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert {"event_date", "source_name", "cameo_code", "quad_class", "goldstein"} <= set(header)
    assert rows
    assert {r["article_id"] for r in rows} <= {"n1", "n2", "n3"}
    assert all(r["cameo_code"] for r in rows)


def test_format_parquet_writes_a_readable_file(capsys, three, tmp_path):
    import pyarrow.parquet as pq

    target = tmp_path / "x.parquet"
    status, out, _ = run(capsys, three, "--format", "parquet", "-o", target)
    assert status == 0
    assert out == ""
    table = pq.read_table(target)
    assert table.num_rows > 0
    assert {"event_date", "source_name", "cameo_code", "quad_class", "goldstein"} <= set(
        table.column_names)
    assert set(table.column("article_id").to_pylist()) <= {"n1", "n2", "n3"}


def test_format_parquet_without_output_is_usage_error(capsys, three):
    status, out, err = run(capsys, three, "--format", "parquet")
    assert status == 2 and out == ""
    assert "-o" in err


def test_output_file_leaves_stdout_empty(capsys, three, tmp_path):
    target = tmp_path / "out.jsonl"
    status, out, _ = run(capsys, three, "--format", "jsonl", "-o", target)
    assert status == 0 and out == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3


def test_unknown_format_is_e012(capsys, three):
    status, out, err = run(capsys, three, "--format", "xml")
    assert status == 2
    assert out == ""
    assert "[E012]" in err and "xml" in err


def test_missing_input_is_an_error_line_and_exit_1(capsys, three, tmp_path):
    status, out, _ = run(capsys, tmp_path / "nope.txt", three, "--format", "jsonl")
    assert status == 1
    records = [json.loads(x) for x in out.splitlines()]
    assert records[0]["error"]["code"] == "E001"
    assert [r["id"] for r in records[1:]] == ["n1", "n2", "n3"]


def test_stdin(capsys, monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(jsonl(ARTICLES[0], ARTICLES[2]).encode("utf-8"))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    status, out, _ = run(capsys, "--format", "jsonl")
    assert status == 0
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["n1", "n3"]


def test_stdin_dash_plain_text_with_published(capsys, monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(ARTICLES[0]["text"].encode("utf-8"))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    status, out, _ = run(capsys, "-", "--published", "2023-12-07T10:00:00Z")
    assert status == 0
    record = json.loads(out)
    assert (record["id"], record["published"]) == ("stdin", "2023-12-07")


def test_two_processes_give_the_same_output_as_one(capsys, three):
    one, out_one, _ = run(capsys, three, "--format", "jsonl", "--batch-size", "1")
    status = main(["code", str(three), "--format", "jsonl", "-j", "2", "--batch-size", "1"])
    out_two, _ = capsys.readouterr()
    assert one == status == 0
    assert len(out_two.splitlines()) == 3
    assert out_two == out_one
