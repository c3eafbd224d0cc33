"""Versioned output: every record says what coded it; `dotterel diff` says what changed."""
from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace

import duckdb
import pytest

from dotterel.cli import main
from dotterel.config import Settings
from dotterel.model import Article, article_from_dict
from dotterel.output import event_rows
from dotterel.store import Corpus, code_into
from dotterel.store.diff import diff
from dotterel.versions import coder_for
from test_store import HAND_MADE, hand_db  # noqa: F401 (a fixture)

TEXTS = [
    {"id": "v1", "published": "2024-03-05",
     "text": "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."},
    {"id": "v2", "published": "2024-03-06",
     "text": "Poland urged the European Union on Tuesday to send more aid to Ukraine."},
]


# ---------------------------------------------------------------- the hashes


def test_hashes_follow_the_settings_and_the_files(tmp_path):
    base = coder_for(Settings())
    assert base is coder_for(Settings())  # computed once per process
    assert len(base.kb) == len(base.lexicon) == len(base.rules) == 8
    no_roles = coder_for(Settings(learned_roles="off"))
    assert no_roles.roles == "off" and base.roles != "off"
    assert (no_roles.kb, no_roles.lexicon, no_roles.rules) == (base.kb, base.lexicon, base.rules)
    assert coder_for(Settings(disabled_rules=("some-rule",))).rules != base.rules
    extra = tmp_path / "actors.yaml"
    extra.write_text("- {id: X1, name: Someone, kind: person}\n", encoding="utf-8")
    with_file = coder_for(Settings(actor_files=(extra,)))
    assert with_file.kb != base.kb and with_file.lexicon == base.lexicon
    changed = tmp_path / "other.yaml"  # same words, another file: its own hash too
    changed.write_text("- {id: X1, name: Someone Else, kind: person}\n", encoding="utf-8")
    assert coder_for(Settings(actor_files=(changed,))).kb not in (base.kb, with_file.kb)
    assert base.label.startswith(base.version + " kb:" + base.kb)


def test_records_carry_their_coder(nlp):
    from dotterel import code

    article = code(TEXTS[0]["text"], published="2024-03-05")
    assert article.coder == coder_for(Settings())
    data = article.to_dict()
    assert list(data)[-1] == "coder" and data["coder"]["roles"] == article.coder.roles
    assert article_from_dict(data) == article
    rows = list(event_rows(article))
    assert rows and all(r["coder"] == article.coder.label for r in rows)
    assert all(r["n_reports"] is None for r in rows)  # not a de-duplicated corpus


# ---------------------------------------------------------------- the store and diff


def test_two_corpora_coded_with_different_settings(tmp_path, nlp):
    old, new = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    code_into(old, TEXTS, settings=Settings(), progress=False)
    code_into(new, TEXTS, settings=Settings(learned_roles="off"), progress=False)
    with Corpus(new, read_only=True) as corpus:
        stored = corpus.sql("SELECT DISTINCT coder FROM articles")["coder"].tolist()
        flat = corpus.sql("SELECT DISTINCT coder FROM events")["coder"].tolist()
    assert len(stored) == 1 and json.loads(stored[0])["roles"] == "off"
    assert flat == [coder_for(Settings(learned_roles="off")).label]
    result = diff(old, new)
    (old_label,), (new_label,) = result.old.coders, result.new.coders
    assert "roles:off" in new_label and "roles:off" not in old_label
    assert result.old.coders[old_label] == 2 and not result.only_old and not result.only_new


def _altered(tmp_path, hand_db):
    """A copy of the hand-made corpus with one event retyped and one article removed."""
    altered = tmp_path / "altered.duckdb"
    shutil.copy(hand_db, altered)
    con = duckdb.connect(str(altered))
    con.execute("UPDATE events SET event_type = 'PROTEST' WHERE event_id = 'r3:e1'")
    for table in ("events", "actors", "mentions"):
        con.execute(f"DELETE FROM {table} WHERE article_id = 'r6'")
    con.execute("DELETE FROM articles WHERE id = 'r6'")
    con.close()
    return altered


def test_diff_of_a_hand_altered_store(tmp_path, hand_db):
    result = diff(hand_db, _altered(tmp_path, hand_db))
    changes = {(c.event_type, c.country, c.month): (c.old, c.new) for c in result.changed}
    # r3:e1 (RUS -> UKR, no place: the source's country) moved from ASSAULT to PROTEST
    assert changes == {("ASSAULT", "RUS", "2024-01"): (2, 1), ("PROTEST", "RUS", "2024-01"): (0, 1),
                       ("REQUEST", "UKR", "2024-02"): (1, 0)}
    assert result.only_old == ["r6"] and result.only_new == []
    assert result.old.coders == {"not recorded": 6}  # hand-made records have no coder
    assert diff(hand_db, hand_db).same
    assert diff(hand_db, hand_db, facts_only=False).old.events == result.old.events + 1  # r5 is negated


def test_diff_command(tmp_path, hand_db, capsys):
    altered = _altered(tmp_path, hand_db)
    assert main(["diff", str(hand_db), str(hand_db)]) == 0
    assert "0 of " in capsys.readouterr().out
    assert main(["diff", str(hand_db), str(altered)]) == 1
    text = capsys.readouterr().out
    assert "articles only in old: 1 (r6)" in text and "PROTEST     RUS      2024-01" in text
    assert main(["diff", str(hand_db), str(altered), "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"event_type": "REQUEST", "country": "UKR", "month": "2024-02", "old": "1", "new": "0",
            "change": "-1"} in rows
    assert main(["diff", str(hand_db), str(altered), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["only_old"] == ["r6"]
    assert main(["diff", str(hand_db), str(tmp_path / "missing.duckdb")]) == 2


def test_a_database_from_before_the_coder_column_still_resumes(tmp_path, nlp):
    path = tmp_path / "old.duckdb"
    code_into(path, TEXTS[:1], settings=Settings(), progress=False)
    con = duckdb.connect(str(path))
    for table, column in (("articles", "coder"), ("events", "coder"), ("events", "admin1"),
                          ("events", "n_reports"), ("events", "n_sources")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
    assert diff(path, path).old.coders == {"not recorded": 1}  # read-only: not migrated
    report = code_into(path, TEXTS, settings=Settings(), progress=False)
    assert (report.stored, report.skipped) == (1, 1)
    with Corpus(path, read_only=True) as corpus:
        coders = dict(corpus.sql("SELECT id, coder FROM articles").values.tolist())
        n_reports = corpus.sql("SELECT count(n_reports) AS n FROM events WHERE is_fact")["n"][0]
    assert pd_isna(coders["v1"]) and json.loads(coders["v2"])["version"] == coder_for().version
    assert n_reports > 0  # the re-built clusters fill the new columns


def test_reports_per_event_after_dedup(hand_db):
    with Corpus(hand_db, read_only=True) as corpus:
        rows = corpus.sql("SELECT event_id, n_reports, n_sources FROM events ORDER BY event_id")
    got = {r.event_id: (r.n_reports, r.n_sources) for r in rows.itertuples()}
    assert got["r1:e1"] == got["r2:e1"] == (2, 2)  # one event, reported by Reuters and BBC
    assert got["r3:e1"] == (1, 1)
    assert pd_isna(got["r5:e1"][0])  # negated: not clustered, so no count


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_article_without_coder_round_trips():
    article = replace(HAND_MADE[0], coder=None)
    assert isinstance(article, Article) and article_from_dict(article.to_dict()) == article
    assert article.to_dict()["coder"] is None
