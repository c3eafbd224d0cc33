"""Issue 21: what a hostile probe found. Each test is named after its finding: the bad input
gives an error record in its place, naming the record and the problem, and every good record
around it is coded exactly once, with no traceback."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from dotterel import code
from dotterel.cli import main
from dotterel.store import Corpus

GOOD_A = {"id": "a", "text": "Russia attacked Ukraine."}
GOOD_C = {"id": "c", "text": "China warned Japan."}


def jsonl(*records: dict) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


def run(capsys, *args) -> tuple[int, list[dict]]:
    status = main(["-q", "code", *map(str, args), "-j", "1"]
                  + ([] if "--db" in args else ["--format", "jsonl"]))
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines()]


def outcome(records: list[dict]) -> list[tuple[str | None, str]]:
    """(id, 'ok' or the error code) per record, in order."""
    return [(r["id"], r["error"]["code"] if "error" in r else "ok") for r in records]


def stored(db) -> tuple[list[str], list[tuple[str | None, str]]]:
    with Corpus(db, read_only=True) as corpus:
        ids = [r[0] for r in corpus.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        errors = corpus.con.execute("SELECT id, code FROM errors ORDER BY origin").fetchall()
    return ids, errors


def stdin(monkeypatch, data: bytes) -> None:
    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin())


DEEP = b'{"id":"b","text":"x","n":' + b"[" * 1500 + b"]" * 1500 + b"}\n"


# --- 1. a deeply nested JSON line -------------------------------------------------------------

def test_deep_json_line_is_an_error_record(capsys, tmp_path, nlp):
    path = tmp_path / "deep.jsonl"
    path.write_bytes(jsonl(GOOD_A) + DEEP + jsonl(GOOD_C))
    status, records = run(capsys, path)
    assert status == 1
    assert outcome(records) == [("a", "ok"), (None, "E017"), ("c", "ok")]
    assert records[1]["origin"] == f"{path}:2"


def test_deep_json_line_with_db_stores_every_good_record(capsys, tmp_path, nlp):
    path = tmp_path / "deep.jsonl"
    path.write_bytes(jsonl(GOOD_A) + DEEP + jsonl(GOOD_C))
    db = tmp_path / "c.duckdb"
    assert run(capsys, path, "--db", db)[0] == 1
    assert stored(db) == (["a", "c"], [(None, "E017")])


def test_deep_fields_short_of_the_recursion_limit_are_an_error_record(nlp):
    from dotterel import code_many

    deep: object = "leaf"
    for _ in range(500):
        deep = [deep]
    results = list(code_many([GOOD_A, {"id": "b", "text": "x", "n": deep}, GOOD_C]))
    assert [(r.id, r.ok) for r in results] == [("a", True), ("b", False), ("c", True)]
    assert results[1].code == "E017"


# --- 2. a lone surrogate with --db --------------------------------------------------------------

def test_lone_surrogate_with_db_is_an_error_record(capsys, monkeypatch, tmp_path, nlp):
    data = jsonl(GOOD_A) + b'{"id":"s","text":"Iran threatened Israel \\ud800."}\n' + jsonl(GOOD_C)
    db = tmp_path / "s.duckdb"
    for _ in range(2):  # the re-run skips what is stored and finds the same error again
        stdin(monkeypatch, data)
        assert run(capsys, "-", "--db", db)[0] == 1
        assert stored(db) == (["a", "c"], [("s", "E003")])
    stdin(monkeypatch, data)
    status, records = run(capsys, "-")
    assert outcome(records) == [("a", "ok"), ("s", "E003"), ("c", "ok")]
    assert "lone surrogate" in records[1]["error"]["message"]


# --- 3. a CSV field over the csv module's limit ---------------------------------------------------

def test_csv_field_over_the_csv_module_limit_is_read(capsys, tmp_path, nlp):
    from dotterel.ingest import read_inputs

    path = tmp_path / "long.csv"
    long_text = "Iran threatened Israel. " * 6000  # 144,000 characters: over csv's 131,072
    path.write_text(f"id,text\na,{GOOD_A['text']}\nb,{long_text}\nc,{GOOD_C['text']}\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.id for i in items] == ["a", "b", "c"] and items[1].text == long_text
    status, records = run(capsys, path, "--max-chars", "100000")
    assert outcome(records) == [("a", "ok"), ("b", "E007"), ("c", "ok")]


# --- 4. one invalid UTF-8 byte in a CSV -------------------------------------------------------

def test_invalid_utf8_byte_in_csv_loses_only_its_row(capsys, tmp_path, nlp):
    path = tmp_path / "bad.csv"
    path.write_bytes(b'id,text\na,Russia attacked Ukraine.\nq,"Two\nlines."\nb,Iran \xff threatened.\n'
                     b'c,China warned Japan.\n')
    status, records = run(capsys, path)
    assert status == 1
    assert outcome(records) == [("a", "ok"), ("q", "ok"), (None, "E003"), ("c", "ok")]
    assert records[2]["origin"] == f"{path}:5"  # the line the bad row starts on
    assert "byte 0xff in field 'text'" in records[2]["error"]["message"]


def test_malformed_csv_row_is_an_error_record_and_reading_goes_on(tmp_path, monkeypatch):
    import csv

    from dotterel.ingest import read_inputs

    real, before = csv.field_size_limit, csv.field_size_limit()
    monkeypatch.setattr(csv, "field_size_limit", lambda *args: real(10))  # the long row is malformed
    path = tmp_path / "rows.csv"
    path.write_text("id,text\na,short\nb,far longer than ten\nc,tiny\n", encoding="utf-8")
    try:
        items = list(read_inputs([path]))
    finally:
        real(before)
    assert [(i.id, i.ok if hasattr(i, "ok") else True) for i in items] == [
        ("a", True), (None, False), ("c", True)]
    assert items[1].code == "E011" and items[1].origin == f"{path}:3"


# --- 5. one unreadable file in a folder -----------------------------------------------------------

def test_unreadable_file_in_folder_is_its_own_error(capsys, tmp_path, monkeypatch, nlp):
    import dotterel.ingest as ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.jsonl").write_bytes(jsonl(GOOD_A))
    (folder / "2.txt.gz").write_bytes(b"not gzip at all")
    (folder / "3.txt").write_text("Iran threatened Israel.", encoding="utf-8")
    (folder / "4.txt").write_text(GOOD_C["text"], encoding="utf-8")
    real_open = ingest._open

    def guarded(path):
        if path.name == "3.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(ingest, "_open", guarded)
    status, records = run(capsys, folder)
    assert status == 1
    assert outcome(records) == [("a", "ok"), (None, "E011"), (None, "E011"), ("4", "ok")]
    assert records[1]["origin"] == str(folder / "2.txt.gz") and "gzip" in records[1]["error"]["message"]
    assert records[2]["origin"] == str(folder / "3.txt")
    assert "Permission denied" in records[2]["error"]["message"]
    assert "gzip" not in records[2]["error"]["message"]


# --- 6. an unreadable sub-folder -----------------------------------------------------------------

def test_unreadable_subfolder_is_an_error_record(capsys, tmp_path, monkeypatch, nlp):
    folder = tmp_path / "in"
    (folder / "b-locked").mkdir(parents=True)
    (folder / "a.jsonl").write_bytes(jsonl(GOOD_A))
    (folder / "b-locked" / "x.txt").write_text("Iran threatened Israel.", encoding="utf-8")
    (folder / "c.jsonl").write_bytes(jsonl(GOOD_C))
    real_scandir = os.scandir

    def guarded(path="."):
        if str(path).endswith("b-locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    status, records = run(capsys, folder)
    assert status == 1
    assert outcome(records) == [("a", "ok"), (None, "E018"), ("c", "ok")]
    assert records[1]["origin"] == str(folder / "b-locked")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_subfolder_is_an_error_record_on_disk(tmp_path):
    from dotterel.ingest import read_inputs

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("Iran threatened Israel.", encoding="utf-8")
    locked.chmod(0)
    try:
        [item] = read_inputs([tmp_path])
    finally:
        locked.chmod(0o755)
    assert item.code == "E018" and item.origin == str(locked)


# --- 7. valid but extreme dates -----------------------------------------------------------------

@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_published_dates_are_coded(published, nlp):
    text = ("Russia attacked Ukraine yesterday. Iran will threaten Israel tomorrow. Two days ago "
            "China warned Japan. Next week, on Monday, talks begin; last year and next month too.")
    article = code(text, published=published)
    assert article.published == published
    assert article.events


# --- 8. text on stdin that starts with '{' ---------------------------------------------------------

def test_stdin_text_starting_with_a_brace_is_one_article(capsys, monkeypatch, nlp):
    stdin(monkeypatch, b'{Editor\'s note} Russia attacked Ukraine.\n{"a": 1} China warned Japan.\n')
    status, records = run(capsys, "-")
    assert status == 0
    assert outcome(records) == [("stdin", "ok")]
    assert records[0]["text"].startswith("{Editor's note}")


@pytest.mark.parametrize("fmt, expected", [
    ("text", [("stdin", "ok")]), ("jsonl", [("a", "ok"), ("c", "ok")])])
def test_input_format_forces_how_stdin_is_read(capsys, monkeypatch, fmt, expected, nlp):
    stdin(monkeypatch, jsonl(GOOD_A, GOOD_C))
    assert outcome(run(capsys, "-", "--input-format", fmt)[1]) == expected


def test_input_format_jsonl_on_text_gives_error_records(capsys, monkeypatch):
    stdin(monkeypatch, b"Russia attacked Ukraine.\n")
    status, records = run(capsys, "-", "--input-format", "jsonl")
    assert (status, outcome(records)) == (1, [(None, "E004")])


# --- code_many's worker pool -------------------------------------------------------------------------

def test_worker_start_failure_is_a_clear_error():
    """A worker whose initializer fails must not be respawned for ever (the run hung)."""
    script = ("from dotterel import code_many, Settings\n"
              "s = Settings(model='no_such_model_xyz', n_process=2, batch_size=1)\n"
              "list(code_many(['Russia attacked Ukraine.'] * 4, settings=s))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.returncode != 0
    assert "E020" in proc.stderr and "no_such_model_xyz" in proc.stderr
