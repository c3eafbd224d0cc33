"""Issue 21, finding 9: a corpus database damaged in the middle. Export writes every readable
record and exits non-zero naming the damage; ``code --db`` refuses to write into it."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from dotterel.cli import main
from dotterel.store import Corpus, connect
from dotterel.store.salvage import Damage, readable


def damage_block(db, table: str, column: str, nth: int = 0) -> None:
    """Overwrite bytes inside the nth data block that holds ``table.column``."""
    con = duckdb.connect(str(db), read_only=True)
    blocks = sorted({b for (b,) in con.execute(
        "SELECT block_id FROM pragma_storage_info(?) WHERE column_name = ? AND block_id >= 0",
        [table, column]).fetchall()})
    block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    con.close()
    with open(db, "r+b") as f:  # three 4 KiB headers, then the blocks
        f.seek(3 * 4096 + blocks[nth] * block_size + 1000)
        f.write(b"\x00damaged\xff" * 16)


@pytest.fixture
def corpus_db(tmp_path, sample_articles):
    db = tmp_path / "c.duckdb"
    with Corpus(db) as corpus:
        corpus.add_records(sample_articles)
    return db


def test_damaged_database_export_names_the_damage_and_exports_what_is_readable(capsys, corpus_db):
    with Corpus(corpus_db, read_only=True) as corpus:
        events = corpus.counts()["events"]
    damage_block(corpus_db, "articles", "record")
    assert main(["-q", "export", "--db", str(corpus_db), "--format", "jsonl"]) == 2
    out, err = capsys.readouterr()
    assert "[E019]" in err and "articles" in err and "checksum" in err
    assert main(["-q", "export", "--db", str(corpus_db), "--format", "csv"]) == 0  # events intact
    out, err = capsys.readouterr()
    assert len(list(csv.reader(io.StringIO(out)))) == events + 1 and not err


def test_damaged_database_code_db_refuses_with_a_clear_error(capsys, corpus_db, tmp_path):
    damage_block(corpus_db, "events", "sentence")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "new", "text": "Russia attacked Ukraine."}) + "\n")
    assert main(["-q", "code", str(path), "--db", str(corpus_db), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert "[E019]" in err and "events" in err and "Nothing was coded" in err


def test_damaged_block_in_the_middle_loses_only_its_rows(tmp_path):
    db = tmp_path / "big.duckdb"
    con = connect(db)
    con.execute("INSERT INTO articles (id, seq, text, record) SELECT 'a' || i, i, "
                "(SELECT string_agg(md5((i * 100 + j)::VARCHAR), '') FROM range(30) r(j)), '{}' "
                "FROM range(12000) t(i) ORDER BY i")
    con.close()
    damage_block(db, "articles", "text", nth=2)
    con = duckdb.connect(str(db), read_only=True)
    found = Damage()
    ids = [row[0] for rows in readable(con, "articles", "id", found) for row in rows]
    assert ids == [f"a{i}" for i in range(12000)] and not found  # the id column is intact
    rows = [row[0] for rows in readable(con, "articles", "id, text", found) for row in rows]
    lost = found.lost["articles"]
    assert 0 < lost < 4000 and len(rows) == 12000 - lost
    assert rows == sorted(rows, key=lambda r: int(r[1:]))  # storage order, each row once
    assert "checksum" in str(found.error(db, ""))


def test_second_writer_gets_a_clear_lock_error(capsys, tmp_path):
    """Issue 21, what held: two writers on one corpus -> the second gets a clear error, exit 2."""
    import os
    import subprocess
    import sys

    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from dotterel.store import connect; "
         "con = connect(sys.argv[1]); print('open', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert holder.stdout.readline().strip() == "open"
        path = tmp_path / "one.jsonl"
        path.write_text(json.dumps({"id": "x", "text": "Russia attacked Ukraine."}) + "\n")
        assert main(["-q", "code", str(path), "--db", str(db), "-j", "1"]) == 2
        err = capsys.readouterr().err
        assert "cannot open corpus" in err and "lock" in err.lower()
    finally:
        holder.kill()
        holder.wait()
