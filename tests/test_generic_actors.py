"""Generic groups out of top lists and networks by default; a roll-up to countries."""
from __future__ import annotations

import re
import warnings
from dataclasses import replace

import pytest

from dotterel.cli import main
from dotterel.generic import generic_actors, is_generic
from dotterel.model import Actor, ActorRef, TextSpan
from dotterel.store import Corpus
from test_store import HAND_MADE


def _as(article, side: str, actor: str, name: str, country: str | None):  # type: ignore[no-untyped-def]
    """The article with its first event's ``side`` played by another actor."""
    event = article.events[0]
    old = getattr(event, side)
    ref = ActorRef(actor=actor, name=name, country=country, cameo=None, text=old.text,
                   start=old.start, end=old.end)
    extra = Actor(id=actor, name=name, kind="group", country=country,
                  mentions=(TextSpan(start=old.start, end=old.end, text=old.text),))
    return replace(article, events=(replace(event, **{side: ref}), *article.events[1:]),
                   actors=(*article.actors, extra))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("generic") / "g.duckdb"
    r3 = _as(HAND_MADE[2], "source", "group:people", "people", None)      # people -> UKR
    r6 = _as(HAND_MADE[5], "target", "USA-GOV", "United States (envoy)", "USA")  # UKR -> USA-GOV
    with Corpus(path) as corpus:
        corpus.add_records([*HAND_MADE[:2], r3, *HAND_MADE[3:5], r6])
        corpus.reindex()
    return path


def test_the_word_list_is_data():
    ids, prefixes = generic_actors()
    assert {"group:people", "group:man", "group:woman", "group:resident"} <= ids
    assert is_generic("speaker:officials") and not is_generic("group:police") and not is_generic("RUS")
    # offices of unknown country come from the actor stage's word class, not a second list
    assert {"group:government", "group:official", "group:court"} <= ids


def test_stats_leave_generic_groups_out_unless_asked(db, capsys):
    assert main(["stats", "--db", str(db), "dyads", "--by", "all", "--format", "csv"]) == 0
    default = capsys.readouterr().out
    assert "group:people" not in default and "RUS,Russia,UKR" in default
    assert main(["stats", "--db", str(db), "dyads", "--by", "all", "--format", "csv", "--generic"]) == 0
    assert "group:people,people,UKR" in capsys.readouterr().out
    assert main(["stats", "--db", str(db), "actors", "--format", "csv"]) == 0
    assert "group:people" not in capsys.readouterr().out
    assert main(["stats", "--db", str(db), "actors", "--format", "csv", "--generic"]) == 0
    assert "group:people" in capsys.readouterr().out


def test_stats_roll_actors_up_to_their_country(db, capsys):
    assert main(["stats", "--db", str(db), "dyads", "--by", "all", "--format", "csv", "--any-date"]) == 0
    assert "UKR,Ukraine,USA-GOV" in capsys.readouterr().out
    assert main(["stats", "--db", str(db), "dyads", "--by", "all", "--format", "csv", "--any-date",
                 "--by-country"]) == 0
    rolled = capsys.readouterr().out
    assert "UKR,UKR,USA,USA,1" in rolled and "USA-GOV" not in rolled


def test_corpus_page_switch_shows_generic_groups(db):
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dotterel.serve import create_app

    with TestClient(create_app(db)) as client:
        named = client.get("/corpus?facts=all").text
        every = client.get("/corpus?facts=all&groups=all").text
    for html, shown in ((named, False), (every, True)):
        active = re.search(r'<table class="compact active-actors">.*?</table>', html, re.S).group(0)
        network = re.search(r'<svg class="chart network".*?</svg>', html, re.S).group(0)
        assert ("/actor/group%3Apeople" in active) is shown and ("/actor/group%3Apeople" in network) is shown
        assert "/actor/group%3Apeople" in html  # the events table keeps every event
    assert 'value="all" selected>with generic groups' in every
