"""The corpus store: round trip, resume after a kill, errors, de-duplication, exports, stats, sql."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dotterel.cli import main
from dotterel.config import Settings
from dotterel.ingest import read_inputs
from dotterel.model import Actor, ActorRef, Article, CameoCode, Event, Place, TextSpan
from dotterel.output import EVENT_COLUMNS, write_csv
from dotterel.store import Corpus, article_from_dict, code_into, rebuild_dedup

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ONE = Settings(n_process=1, batch_size=8)
ALLSIDES = SHARED / "data" / "corpora" / "allsides.jsonl.gz"


# ---------------------------------------------------------------- hand-made records

CAMEO = {"ASSAULT": ("190", 4, -10.0), "PROTEST": ("140", 4, -6.5), "REQUEST": ("020", 3, 3.0)}
ACTORS = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "POL": "Poland"}
PLACES = {"UKR": ("Kharkiv", 706483, 49.98, 36.25), "POL": ("Warsaw", 756135, 52.23, 21.01)}


def _ref(actor: str | None, text: str, start: int) -> ActorRef | None:
    if actor is None:
        return None
    return ActorRef(actor=actor, name=ACTORS[actor], country=actor, cameo=actor, text=text,
                    start=start, end=start + len(text))


def made(aid: str, source: str | None, published: str, events: list[tuple]) -> Article:
    """An article with hand-made events (type, source, target, date, place country, negated)."""
    text = " ".join(f"Sentence {n} about an event." for n in range(len(events))) or "Nothing."
    built = []
    for n, (etype, src, tgt, date, country, negated) in enumerate(events):
        code, quad, goldstein = CAMEO[etype]
        place = None
        if country:
            name, gid, lat, lon = PLACES[country]
            place = Place(name=name, geonameid=gid, lat=lat, lon=lon, country=country, start=0, end=8)
        start = n * 29
        built.append(Event(
            id=f"{aid}:e{n + 1}", type=etype, mode=None, context=(),
            cameo=CameoCode(code=code, root=code[:2], quad_class=quad, goldstein=goldstein),
            source=_ref(src, "Sentence", start), target=_ref(tgt, "event", start + 21),
            trigger=TextSpan(start=start + 11, end=start + 12, text=str(n)),
            sentence=(start, start + 28), date=date, place=place, negated=negated,
            confidence=0.7, explanation="hand-made"))
    actors = tuple(Actor(id=a, name=ACTORS[a], kind="country", country=a, cameo=a,
                         mentions=(TextSpan(start=0, end=8, text="Sentence"),))
                   for a in sorted({x for e in events for x in e[1:3] if x}))
    return Article(id=aid, text=text, published=published, title=f"title {aid}", source=source,
                   url=f"https://example.org/{aid}", actors=actors, events=tuple(built))


HAND_MADE = [
    made("r1", "Reuters", "2024-01-10", [("ASSAULT", "RUS", "UKR", "2024-01-09", "UKR", False),
                                         ("PROTEST", "USA", "RUS", "2024-01-09", None, False)]),
    made("r2", "BBC", "2024-01-10", [("ASSAULT", "RUS", "UKR", "2024-01-10", None, False)]),
    made("r3", "CNN", "2024-01-21", [("ASSAULT", "RUS", "UKR", "2024-01-20", None, False)]),
    made("r4", "AP", "2024-01-10", [("ASSAULT", "RUS", "UKR", "2024-01-10", "POL", False)]),
    made("r5", "Fox", "2024-01-10", [("ASSAULT", "RUS", "UKR", "2024-01-10", None, True)]),
    made("r6", "BBC", "2024-02-02", [("REQUEST", "UKR", "USA", "2024-02-01", None, False)]),
]


@pytest.fixture
def hand_db(tmp_path):
    path = tmp_path / "hand.duckdb"
    with Corpus(path) as corpus:
        corpus.add_records(HAND_MADE)
        corpus.reindex()
    return path


# ---------------------------------------------------------------- round trip


def test_record_db_record_round_trip(tmp_path, sample_articles, capsys):
    expected = [a.to_dict() for a in sample_articles]
    assert all(article_from_dict(d).to_dict() == d for d in expected)
    db = tmp_path / "rt.duckdb"
    with Corpus(db) as corpus:
        report = corpus.add_records(sample_articles)
        assert report.stored == len(expected)
        assert list(corpus.records()) == expected
        counts = corpus.counts()
    assert counts["events"] == sum(len(d["events"]) for d in expected)
    assert counts["mentions"] == sum(len(a["mentions"]) for d in expected for a in d["actors"])
    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == expected
    # flat CSV from the database is byte-identical to `dotterel code --format csv`
    assert main(["export", "--db", str(db), "--format", "csv"]) == 0
    direct = io.StringIO()
    write_csv(sample_articles, direct)
    assert capsys.readouterr().out == direct.getvalue()
    assert main(["export", "--db", str(db), "--format", "plover"]) == 0
    plover = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["id"] for p in plover] == [e["id"] for d in expected for e in d["events"]]


# ---------------------------------------------------------------- resume after a kill


def _resume_articles() -> list[dict]:
    """~40 short AllSides articles, or our own short texts without ../shared."""
    if ALLSIDES.exists():
        chosen = []
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as src:
            for line in src:
                record = json.loads(line)
                if record.get("published") and len(record["text"]) < 2000:
                    chosen.append({k: record[k] for k in ("id", "published", "title", "source", "text")})
                    if len(chosen) == 40:
                        return chosen
    actors = ["Egypt", "Qatar", "Jordan", "Russia", "Ukraine", "France", "China", "Iran"]
    verbs = ["urged", "accused", "attacked", "met", "criticised"]
    return [{"id": f"t{n}", "published": f"2024-03-{n % 28 + 1:02d}",
             "text": f"{actors[n % 8]} {verbs[n % 5]} {actors[(n + 3) % 8]} on Monday."}
            for n in range(40)]


KILLER = textwrap.dedent("""
    import os, signal, sys
    from dotterel.config import Settings
    from dotterel.ingest import read_inputs
    from dotterel.store import code_into

    def hook(stage, batch):  # die inside the second batch's transaction, rows inserted
        if stage == "inserted" and batch == 2:
            os.kill(os.getpid(), signal.SIGKILL)

    code_into(sys.argv[1], read_inputs([sys.argv[2]]), settings=Settings(n_process=1, batch_size=8),
              progress=False, _hook=hook)
""")


def _event_rows(db) -> list[tuple]:
    with Corpus(db, read_only=True) as corpus:
        frame = corpus.events()
    return sorted(map(tuple, frame.astype(str).values.tolist()))


def test_resume_after_kill_stores_each_article_once(tmp_path):
    articles = _resume_articles()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    run = subprocess.run([sys.executable, "-c", KILLER, str(db), str(source)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == -9, run.stderr
    with Corpus(db, read_only=True) as corpus:  # batch 1 committed, nothing of batch 2
        ids = corpus.sql("SELECT id FROM articles ORDER BY seq")["id"].tolist()
        orphans = corpus.sql("SELECT count(*) AS n FROM events WHERE article_id NOT IN "
                             "(SELECT id FROM articles)")["n"][0]
    assert ids == [a["id"] for a in articles[:8]]
    assert orphans == 0

    report = code_into(db, read_inputs([source]), settings=ONE, progress=False)
    assert (report.stored, report.skipped, report.errors) == (32, 8, 0)
    again = code_into(db, read_inputs([source]), settings=ONE, progress=False)
    assert (again.stored, again.skipped) == (0, 40)

    whole = tmp_path / "whole.duckdb"
    code_into(whole, read_inputs([source]), settings=Settings(n_process=1, batch_size=40), progress=False)
    with Corpus(db, read_only=True) as corpus:
        per_id = corpus.sql("SELECT id, count(*) AS n FROM articles GROUP BY id")
        records = list(corpus.records())
    assert len(per_id) == 40 and set(per_id["n"]) == {1}
    with Corpus(whole, read_only=True) as corpus:
        assert records == list(corpus.records())
    assert _event_rows(db) == _event_rows(whole)


def test_interrupted_batch_rolls_back(tmp_path):
    db = tmp_path / "raise.duckdb"
    items = [{"id": f"k{n}", "published": "2024-01-01", "text": f"Egypt urged Israel to talk, round {n}."}
             for n in range(6)]

    def hook(stage, batch):
        if stage == "articles" and batch == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        code_into(db, items, settings=Settings(n_process=1, batch_size=3), progress=False, _hook=hook)
    with Corpus(db) as corpus:
        assert corpus.sql("SELECT id FROM articles ORDER BY seq")["id"].tolist() == ["k0", "k1", "k2"]
        assert corpus.counts()["events"] == corpus.sql(
            "SELECT count(*) AS n FROM events WHERE article_id IN ('k0', 'k1', 'k2')")["n"][0]
        report = corpus.add(items, settings=ONE, progress=False)
    assert (report.stored, report.skipped) == (3, 3)


# ---------------------------------------------------------------- errors, id collisions, CLI


def test_errors_table_and_retry_after_fix(tmp_path, capsys):
    good = {"id": "g1", "published": "2024-01-02", "text": "Jordan accused Israel of blocking aid."}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(good) + "\n" + '{"id": "b1", "text": "cut off\n'
                      + json.dumps({"id": "e1", "text": "  "}) + "\n", encoding="utf-8")
    db = tmp_path / "err.duckdb"
    assert main(["code", str(source), "--db", str(db), "-j", "1"]) == 1
    assert main(["code", str(source), "--db", str(db), "-j", "1"]) == 1  # errors are not "done"
    with Corpus(db, read_only=True) as corpus:
        errors = corpus.con.execute('SELECT id, origin, code FROM errors ORDER BY origin').fetchall()
        assert corpus.sql("SELECT id FROM articles")["id"].tolist() == ["g1"]
    assert errors == [(None, f"{source}:2", "E004"), ("e1", f"{source}:3", "E006")]

    fixed = {"id": "e1", "published": "2024-01-03", "text": "Qatar urged Hamas to free hostages."}
    other = {"id": "g1", "published": "2024-01-04", "text": "A different article that reuses id g1."}
    source.write_text("".join(json.dumps(r) + "\n" for r in (good, fixed, other)), encoding="utf-8")
    assert main(["code", str(source), "--db", str(db), "-j", "1"]) == 0
    assert main(["code", str(source), "--db", str(db), "-j", "1"]) == 0
    capsys.readouterr()
    with Corpus(db, read_only=True) as corpus:
        ids = corpus.sql("SELECT id, input_id FROM articles ORDER BY seq").values.tolist()
        errors = corpus.con.execute('SELECT id, code FROM errors').fetchall()
    assert ids[:2] == [["g1", "g1"], ["e1", "e1"]]
    assert ids[2][0].startswith("g1~") and ids[2][1] == "g1" and len(ids) == 3
    assert errors == [(None, "E004")]  # the fixed record's error is gone; the old line's stays


# ---------------------------------------------------------------- de-duplication


def test_dedup_groups_reports_of_one_event(hand_db):
    with Corpus(hand_db, read_only=True) as corpus:
        clusters = corpus.sql("SELECT cluster_id, list(event_id ORDER BY event_id) AS ids "
                              "FROM event_clusters GROUP BY ALL ORDER BY cluster_id")
        canon = corpus.sql("SELECT * FROM canonical_events ORDER BY cluster_id")
    groups = dict(zip(clusters["cluster_id"], map(list, clusters["ids"])))
    assert groups == {"r1:e1": ["r1:e1", "r2:e1"],   # same dyad and type, a day apart, places compatible
                      "r1:e2": ["r1:e2"], "r3:e1": ["r3:e1"],  # r3: outside the 1-day window
                      "r4:e1": ["r4:e1"],            # Poland is not Ukraine
                      "r6:e1": ["r6:e1"]}            # r5 is negated: not clustered
    first = canon[canon.cluster_id == "r1:e1"].iloc[0]
    assert (first.n_reports, first.n_sources, first.place_name) == (2, 2, "Kharkiv")
    assert sorted(first.sources) == ["BBC", "Reuters"] and list(first.article_ids) == ["r1", "r2"]
    assert str(first.first_date)[:10] == "2024-01-09" and str(first.last_date)[:10] == "2024-01-10"


def test_dedup_is_deterministic_and_window_is_a_setting(tmp_path, hand_db):
    reversed_db = tmp_path / "rev.duckdb"
    with Corpus(reversed_db) as corpus:
        corpus.add_records(list(reversed(HAND_MADE)))
        corpus.reindex()
        again = corpus.sql("SELECT * FROM event_clusters ORDER BY event_id")
        rebuild_dedup(corpus.con, window_days=12)
        wide = corpus.sql("SELECT count(*) AS n FROM canonical_events")["n"][0]
        rebuild_dedup(corpus.con, facts_only=False)
        modal = corpus.sql("SELECT count(*) AS n FROM event_clusters")["n"][0]
    with Corpus(hand_db, read_only=True) as corpus:
        assert corpus.sql("SELECT * FROM event_clusters ORDER BY event_id").equals(again)
    assert wide == 4  # r3 joins the Kharkiv cluster within 12 days
    assert modal == 7  # every event, the negated one in a cluster of its own


# ---------------------------------------------------------------- exports


def test_export_csv_and_parquet_types(tmp_path, hand_db):
    import pandas as pd

    csv_path, parquet_path = tmp_path / "e.csv", tmp_path / "e.parquet"
    assert main(["export", "--db", str(hand_db), "--format", "csv", "-o", str(csv_path)]) == 0
    assert main(["export", "--db", str(hand_db), "--format", "parquet", "-o", str(parquet_path)]) == 0
    frame = pd.read_parquet(parquet_path)
    assert list(frame.columns) == list(EVENT_COLUMNS) and len(frame) == 7
    assert frame.cameo_code.tolist()[-1] == "020"
    assert str(frame.quad_class.dtype) == "int64" and str(frame.goldstein.dtype) == "float64"
    assert str(frame.negated.dtype) == "bool" and str(frame.is_fact.dtype) == "bool"
    assert str(frame.event_date.iloc[0])[:10] == "2024-01-09"
    table = pd.read_csv(csv_path, dtype={"cameo_code": str, "cameo_root": str}, parse_dates=["event_date"])
    assert list(table.columns) == list(EVENT_COLUMNS)
    assert table.cameo_code.tolist()[-1] == "020" and table.cameo_root.tolist()[-1] == "02"
    assert str(table.quad_class.dtype) == "int64" and str(table.negated.dtype) == "bool"
    assert str(table.event_date.dtype).startswith("datetime64")

    dedup_path = tmp_path / "d.parquet"
    assert main(["export", "--db", str(hand_db), "--format", "parquet", "--dedup", "-o", str(dedup_path)]) == 0
    canon = pd.read_parquet(dedup_path)
    assert len(canon) == 5 and canon.n_reports.sum() == 6 and str(canon.n_sources.dtype) == "int64"


def test_export_dedup_plover(hand_db, capsys):
    assert main(["export", "--db", str(hand_db), "--format", "plover", "--dedup"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    top = next(p for p in lines if p["id"] == "r1:e1")
    assert top["event"] == "ASSAULT" and top["actor"]["name"] == "Russia"
    assert top["reports"]["n_sources"] == 2 and top["event_loc"]["name"] == "Kharkiv"


# ---------------------------------------------------------------- stats, sql, search


def test_stats_dyads_counts(hand_db, capsys):
    with Corpus(hand_db, read_only=True) as corpus:
        dyads = corpus.dyads(by="month")
        everything = corpus.dyads(by="month", facts_only=False)
        dedup = corpus.dyads(by="month", dedup=True)
        quads = corpus.quad_series(by="month")
        top = corpus.top_actors(limit=2)
        arrow = corpus.dyads_arrow(by="year")
    rows = {(str(r.period)[:7], r.source_actor, r.target_actor): (r.events, r.goldstein_sum)
            for r in dyads.itertuples()}
    assert rows == {("2024-01", "RUS", "UKR"): (4, -40.0), ("2024-01", "USA", "RUS"): (1, -6.5),
                    ("2024-02", "UKR", "USA"): (1, 3.0)}
    assert everything.events.tolist()[0] == 5
    assert dedup[dedup.source_actor == "RUS"][["events", "reports"]].values.tolist() == [[3, 4]]
    assert quads.material_conflict.tolist() == [5, 0] and quads.verbal_conflict.tolist() == [0, 1]
    assert top.actor_id.tolist() == ["UKR", "RUS"] and arrow.num_rows == 3  # 6 and 5 articles

    assert main(["stats", "--db", str(hand_db), "dyads", "--by", "month"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["period", "source_actor", "source_name", "target_actor", "target_name",
                                "events", "reports", "goldstein_sum", "goldstein_mean"]
    assert lines[1].split()[:2] == ["2024-01", "RUS"] and lines[1].split()[-4:] == ["4", "4", "-40", "-10"]
    assert main(["stats", "dyads", "--db", str(hand_db), "--by", "week", "--all", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "2024-01-08,RUS,Russia,UKR,Ukraine,4,4,-40.0,-10.0"  # r1 r2 r4 + negated r5; r3 is a week later
    assert main(["stats", "--db", str(hand_db), "quad", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["material_conflict"] == 5


def test_stats_dyads_by_all_within_the_publication_window(tmp_path, capsys):
    """`--by all` ranks pairs by count; by default only events inside the corpus's publication
    window count (an article recalling Yalta does not put 1945 first)."""
    path = tmp_path / "window.duckdb"
    with Corpus(path) as corpus:
        corpus.add_records([*HAND_MADE, made("r7", "AP", "2024-01-15",
                                             [("REQUEST", "USA", "POL", "1945-02-04", None, False)])])
        assert corpus.publication_window() == (dt.date(2024, 1, 1), dt.date(2024, 2, 2))
        whole = corpus.dyads(by="all")
    assert "period" not in whole.columns and whole.events.tolist()[0] == 4
    assert main(["stats", "--db", str(path), "dyads", "--by", "all", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("source_actor,") and out[1].startswith("RUS,Russia,UKR,Ukraine,4,")
    assert not any(",POL," in line for line in out)
    assert main(["stats", "--db", str(path), "dyads", "--format", "csv"]) == 0
    assert not any(line.startswith("1945") for line in capsys.readouterr().out.splitlines())
    assert main(["stats", "--db", str(path), "dyads", "--any-date", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("1945-02,USA,United States,POL,")


def test_sql_is_read_only(hand_db, tmp_path, capsys):
    assert main(["sql", "--db", str(hand_db), "SELECT id FROM articles WHERE source = ? ORDER BY id",
                 "-p", "BBC", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["id", "r2", "r6"]
    for statement in ("DELETE FROM articles", "DROP TABLE events",
                      f"COPY articles TO '{tmp_path / 'x.csv'}'", f"ATTACH '{tmp_path / 'y.db'}' AS y"):
        assert main(["sql", "--db", str(hand_db), statement]) == 2
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "y.db").exists()
    with Corpus(hand_db, read_only=True) as corpus:
        assert corpus.counts()["articles"] == 6
    assert main(["sql", "--db", str(tmp_path / "missing.duckdb"), "SELECT 1"]) == 2


def test_search_articles_and_quotes(tmp_path, sample_articles, capsys):
    db = tmp_path / "s.duckdb"
    with Corpus(db) as corpus:
        corpus.add_records(sample_articles)
        corpus.reindex()
    word = next(w for w in sample_articles[0].text.split() if len(w) > 6 and w.isalpha())
    with Corpus(db, read_only=True) as corpus:
        backend = corpus.search_backend
        hits = corpus.search(word)
        assert sample_articles[0].id in hits.article_id.tolist()
        assert corpus.search("zzzqqq nonexistentword").empty
        corpus.con.execute("SET threads = 1")  # a harmless statement on the read-only connection
    assert backend in ("fts", "scan")
    assert main(["search", "--db", str(db), word, "--format", "json"]) == 0
    assert any(h["article_id"] == sample_articles[0].id for h in json.loads(capsys.readouterr().out))
    # the scan fallback (no extension, or a stale index in a read-only corpus) finds the same
    with Corpus(db) as corpus:
        corpus.con.execute("UPDATE meta SET value = 'stale' WHERE key = 'search_state'")
    with Corpus(db, read_only=True) as corpus:
        assert corpus.search_backend == "scan"
        scanned = corpus.search(word)
    assert set(scanned.article_id) >= {sample_articles[0].id}


def test_events_filters(hand_db):
    with Corpus(hand_db, read_only=True) as corpus:
        assert len(corpus.events(actor="RUS")) == 6
        assert len(corpus.events(actor="RUS", facts_only=True)) == 5
        assert corpus.events(type="REQUEST").event_id.tolist() == ["r6:e1"]
        assert len(corpus.events(start="2024-01-10", end="2024-01-31", source="RUS")) == 4
        assert corpus.events_arrow(country="POL").num_rows == 0  # place country is not an actor's
        assert len(corpus.sql("SELECT * FROM articles WHERE id = $id", {"id": "r3"})) == 1


def test_no_progress_bar_without_a_terminal():
    from dotterel.store import _progress

    assert _progress(None) is None  # pytest's stderr is not a terminal
    assert _progress(False) is None
