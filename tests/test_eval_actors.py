"""The actor evaluator (``dotterel eval`` kind ``actors``) on tiny hand-made gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dotterel.eval_actors import (
    ActorReport,
    GoldMention,
    PredMention,
    actor_matches,
    best_match,
    cameo_matches,
    gold_doc,
    gold_identity,
    normalise,
    read_actor_gold,
    score_doc,
)
from dotterel.evaluate import EVALUATORS, run_eval
from dotterel.model import Actor, Article, TextSpan

TEXT = "Hamas said on Monday that the group would fight. Kenyan police arrested Ali Musa. He was freed."


def _m(text: str, actor: str, country: str | None, cameo: str | None, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return {"text": text, "start": start, "end": start + len(text), "actor": actor,
            "country": country, "cameo": cameo}


GOLD = {"id": "g1", "published": "2024-01-01", "text": TEXT, "mentions": [
    _m("Hamas", "Hamas", "PSE", "PSEREBHMS"),
    _m("the group", "Hamas", "PSE", "PSEREBHMS"),
    _m("Kenyan police", "Kenya (police)", "KEN", "KENCOP"),
    _m("Ali Musa", "Ali Musa", "KEN", "KENCVL"),
    _m("He", "Ali Musa", "KEN", "KENCVL"),
]}


def _actor(id: str, name: str, kind: str, country: str | None, cameo: str | None,
           *spans: str) -> Actor:
    mentions = []
    for text in spans:
        start = TEXT.index(text)
        mentions.append(TextSpan(start=start, end=start + len(text), text=text))
    return Actor(id=id, name=name, kind=kind, country=country, cameo=cameo, mentions=tuple(mentions))


def _article(*actors: Actor) -> Article:
    return Article(id="g1", text=TEXT, published="2024-01-01", actors=actors)


def test_perfect_prediction_scores_one():
    article = _article(
        _actor("hamas", "Hamas", "armed_group", "PSE", "PSEREBHMS", "Hamas", "the group"),
        _actor("KEN-COP", "Kenya (police)", "organisation", "KEN", "KENCOP", "Kenyan police"),
        _actor("person:ali-musa", "Ali Musa", "person", "KEN", "KENCVL", "Ali Musa", "He"))
    report = ActorReport()
    score_doc(gold_doc(GOLD), article, report)
    data = report.as_dict()
    assert data["detection"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert report.resolution.value == report.country.value == report.cameo.value == 1.0
    assert (report.chains.ok, report.chains.total) == (2, 2)
    assert report.wrong_merges.ok == 0
    assert report.errors == []


def test_misses_spurious_splits_and_merges_are_counted():
    # "the group" missed; "He" linked to Hamas (a wrong merge and a split Musa chain);
    # "Monday" spurious; police right but with the bare country code.
    article = _article(
        _actor("hamas", "Hamas", "armed_group", "PSE", "PSEREBHMS", "Hamas", "He"),
        _actor("KEN", "Kenya", "country", "KEN", "KEN", "Kenyan police"),
        _actor("person:ali-musa", "Ali Musa", "person", None, None, "Ali Musa"),
        _actor("person:monday", "Monday", "person", None, None, "Monday"))
    report = ActorReport()
    score_doc(gold_doc(GOLD), article, report)
    assert (report.recall.ok, report.recall.total) == (4, 5)
    assert (report.precision.ok, report.precision.total) == (4, 5)
    # Hamas ok, police -> Kenya (not the police organ), Musa ok, He -> Hamas wrong
    assert (report.resolution.ok, report.resolution.total) == (2, 4)
    # country: Hamas, police (KEN) ok; Musa None vs KEN and He (PSE) wrong
    assert (report.country.ok, report.country.total) == (2, 4)
    assert (report.cameo.ok, report.cameo.total) == (1, 4)
    # Hamas chain has 1 detected mention (not scored); Musa chain split across two ids
    assert (report.chains.ok, report.chains.total) == (0, 1)
    assert (report.wrong_merges.ok, report.wrong_merges.total) == (1, 3)
    kinds = {p.split()[0] for p in report.errors[0]["problems"]}
    assert kinds == {"missed", "spurious", "actor", "country", "cameo", "split", "merged"}


def test_best_match_prefers_the_closest_span():
    gold = GoldMention(start=0, end=30, text="x" * 30, actor="A")
    short = PredMention(start=20, end=30, text="", actor=_actor("a", "A", "person", None, None))
    long = PredMention(start=0, end=25, text="", actor=_actor("b", "B", "person", None, None))
    outside = PredMention(start=30, end=35, text="", actor=_actor("c", "C", "person", None, None))
    assert best_match(gold, [short, long, outside]) is long
    assert best_match(gold, [outside]) is None


def test_name_matching_rules():
    person = _actor("person:netanyahu", "Netanyahu", "person", None, None)
    assert actor_matches("Benjamin Netanyahu", person)  # surname
    assert actor_matches("Israel Defense Forces", _actor("ISR-MIL", "Israel (force)", "organisation",
                                                         "ISR", "ISRMIL"))  # same organ
    assert actor_matches("Kenya (police)", _actor("KEN-COP", "Kenya (officer)", "organisation",
                                                  "KEN", "KENCOP"))
    assert actor_matches("Russia", _actor("RUS-GOV", "Russia (government)", "organisation", "RUS", "RUSGOV"))
    assert actor_matches("Israel (government)", _actor("ISR", "Israel", "country", "ISR", "ISR"))
    assert actor_matches("Mohamed Hamdan Dagalo", _actor("hemedti", "Hemedti", "person", "SDN", "SDNREBRSF"))
    assert actor_matches("António Guterres", _actor("x", "Antonio Guterres", "person", None, None))
    assert actor_matches("gunmen", _actor("group:gunman", "gunman", "group", None, "UAF"))
    assert not actor_matches("Israel", _actor("idf", "Israel Defense Forces", "organisation", "ISR", "ISRMIL"))
    assert not actor_matches("Pakistan (militants)", _actor("group:militant", "militant", "group", None, "REB"))
    assert not actor_matches("Hamas", _actor("person:hamas-x", "Jane Roe", "person", None, None))


def test_cameo_convention_compares_six_characters():
    assert cameo_matches("PSEREBHMS", "PSEREB")
    assert cameo_matches("IGOUNOSEC", "IGOUNO")
    assert cameo_matches("RUS", "RUS")
    assert not cameo_matches("RUSGOV", "RUS")
    assert not cameo_matches("RUS", "RUSGOV")
    assert not cameo_matches("KENCOP", None)


def test_identity_and_normalise():
    assert normalise("The Houthis") == normalise("Houthi")
    assert gold_identity("Israel Defense Forces") == gold_identity("Israel (military)") == "organ:ISR-MIL"
    assert gold_identity("Israel (government)") != gold_identity("Israel")
    assert gold_identity("Israel (government)", state=True) == gold_identity("Israel") == "kb:ISR"


def test_reader_checks_spans(tmp_path: Path):
    bad = dict(GOLD, mentions=[dict(GOLD["mentions"][0], start=1)])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n")
    with pytest.raises(ValueError, match="span"):
        read_actor_gold(path)


def test_detector_claims_actor_gold_only(tmp_path: Path):
    from dotterel import eval_actors  # noqa: F401  (registers the kind)

    detect = EVALUATORS["actors"][0]
    gold = tmp_path / "a.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n")
    events = tmp_path / "e.jsonl"
    events.write_text(json.dumps({"text": "x", "events": [{"types": ["ASSAULT"]}]}) + "\n")
    assert detect(gold) and not detect(events)
    assert not detect(tmp_path)


def test_bundled_gold_is_valid():
    docs = read_actor_gold(Path(__file__).parent / "data" / "actors_gold.jsonl")
    assert len(docs) >= 45
    assert sum(len(d.mentions) for d in docs) >= 200
    for d in docs:
        assert all(d.text[m.start:m.end] == m.text for m in d.mentions)


def test_run_eval_end_to_end(nlp, tmp_path: Path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps(GOLD) + "\n")
    out = run_eval(path, show_errors=5)
    assert "mention detection recall" in out and "resolution accuracy" in out
    data = json.loads(run_eval(path, kind="actors", as_json=True))
    assert data["gold_mentions"] == 5
    assert data["detection"]["recall"] >= 0.6  # "Hamas", "Kenyan police", "Ali Musa" at least


def test_bundled_gold_floors(nlp):
    """The README's actor figures, with a little slack, so they do not slide back unnoticed."""
    from dotterel.eval_actors import evaluate_actors

    report = evaluate_actors(read_actor_gold(Path(__file__).parent / "data" / "actors_gold.jsonl"))
    assert report.f1 >= 0.94
    assert report.resolution.value >= 0.88 and report.country.value >= 0.87
    assert report.cameo.value >= 0.80 and report.chains.value >= 0.84
    assert report.wrong_merges.value <= 0.03
