"""Calibrated confidence (events.confidence) and ``Settings.min_confidence``: the packaged
calibrator, the features it reads from how an event was made, and the filter."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dotterel import code
from dotterel.cli_options import settings_from_args
from dotterel.config import Settings
from dotterel.errors import ConfigError
from dotterel.evaluate import right_events
from dotterel.events.confidence import Calibrator, event_features, load_calibrator

TEXT = ("Russia accused Ukraine of shelling the plant on Monday. Protesters marched in Kyiv. "
        "\"We will crush Hamas,\" Netanyahu said. Iran and Iraq signed a trade agreement.")


def test_packaged_calibrator_is_fitted():
    calibrator = load_calibrator()
    # a bias alone would give every event the same number: the file was never fitted
    assert len(calibrator.weights) > 10 and "calibrate.py" in calibrator.fitted_on
    assert calibrator.weights["origin=detector"] != calibrator.weights.get("origin=lexicon", 0.0)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"version": 9, "weights": {"bias": 0}}),
                                     json.dumps({"version": 1, "weights": {"source=none": 1.0}})])
def test_a_broken_calibrator_file_is_a_config_error(tmp_path, content):
    path = tmp_path / "confidence.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match="E014"):
        load_calibrator(str(path))


def test_round_trip_and_probability(tmp_path):
    calibrator = Calibrator({"bias": -1.0, "source=grammar": 2.0}, fitted_on="by hand")
    path = tmp_path / "c.json"
    path.write_text(calibrator.to_json())
    loaded = load_calibrator(str(path))
    assert loaded.weights == calibrator.weights
    assert loaded.probability(["bias"]) == pytest.approx(0.2689, abs=1e-4)
    assert loaded.probability(["bias", "source=grammar", "source=grammar"]) == pytest.approx(0.7311, abs=1e-4)


def _coded(nlp, text: str):
    doc = nlp(text)
    state = doc._.dotterel
    return doc, state, {e.trigger.text: e for e in state.events}


def test_features_say_how_each_side_and_the_trigger_were_found(nlp):
    doc, state, events = _coded(nlp, TEXT)
    accuse = event_features(events["accused"], doc, state)
    assert {"origin=lexicon", "source=grammar", "source_path=nsubj", "target=grammar",
            "target_path=dobj", "pos=VERB", "roles=source+target"} <= set(accuse)
    # a side the learned role filler gave (whether the packaged model fills this one is its own business)
    told = events["shelling"]
    filled = replace(told, target=events["accused"].source,
                     explanation=told.explanation + "; target by the learned role model (p=0.40, 'Russia')")
    shelling = event_features(filled, doc, state)
    assert {"target=learned", "target_p=0.4", "attributed"} <= set(shelling)
    alone, alone_state, marched = _coded(nlp, "Protesters marched on Sunday.")
    march = event_features(marched["marched"], alone, alone_state)
    assert "target=none" in march and "roles=source+-" in march
    # "We" in the quote is the speaker's mention: the grammar finds the source
    crush = event_features(events["crush"], doc, state)
    assert {"source=grammar", "in_quote", "linked_quote", "future"} <= set(crush)
    said, said_state, stated = _coded(nlp, '"Crushing Hamas will take months," Netanyahu said.')
    threat = next(e for e in stated.values() if e.type == "THREATEN")
    assert "source=speaker" in event_features(threat, said, said_state)
    detected = replace(marched["marched"], explanation="learned model (p=0.83) march/VERB -> 14; no source; no target")
    assert {"origin=detector", "detector_p=0.8"} <= set(event_features(detected, alone, alone_state))


def test_both_roles_by_the_grammar_are_surer_than_an_empty_learned_event(nlp):
    doc, state, events = _coded(nlp, "Russia attacked Ukraine on Monday.")
    full = events["attacked"]
    empty = replace(full, source=None, target=None,
                    explanation="learned model (p=0.75) attack/VERB -> 19; no source; no target")
    calibrator = load_calibrator()
    assert calibrator.probability(event_features(full, doc, state)) > \
        calibrator.probability(event_features(empty, doc, state)) + 0.1


def test_every_confidence_is_a_probability_with_two_decimals(sample_articles):
    values = [e.confidence for a in sample_articles if a.ok for e in a.events]
    assert values and all(0.0 <= v <= 1.0 and round(v, 2) == v for v in values)
    assert len(set(values)) > 3  # calibrated, not one number for all


def test_min_confidence_drops_the_less_sure_events_and_keeps_ids():
    everything = code(TEXT, published="2024-05-01")
    values = sorted({e.confidence for e in everything.events})
    assert len(values) >= 2
    floor = (values[0] + values[-1]) / 2
    kept = code(TEXT, published="2024-05-01", settings=Settings(min_confidence=floor))
    assert 0 < len(kept.events) < len(everything.events)
    assert all(e.confidence >= floor for e in kept.events)
    assert {e.id for e in kept.events} <= {e.id for e in everything.events}
    ids = {e.id for e in kept.events}
    assert all(i in ids for q in kept.quotes for i in q.events)


def test_min_confidence_option_and_env(monkeypatch):
    from dotterel.cli import _parser

    args = _parser().parse_args(["code", "--min-confidence", "0.6", "x.txt"])
    assert settings_from_args(args).min_confidence == 0.6
    with pytest.raises(SystemExit):
        _parser().parse_args(["code", "--min-confidence", "1.5", "x.txt"])
    monkeypatch.setenv("DOTTEREL_MIN_CONFIDENCE", "0.4")
    assert Settings().min_confidence == 0.4


def test_right_events_pairs_one_to_one(nlp):
    article = code("Russia attacked Ukraine. Russia attacked Ukraine again.", published="2024-05-01",
                   settings=Settings(merge_mentions=False))
    gold = [{"types": ["ASSAULT"], "source": ["Russia"], "target": ["Ukraine"]}]
    assert sorted(right_events(gold, list(article.events))) == [False, True]
    assert right_events([{"types": ["AID"], "source": None, "target": None}], list(article.events)) == [False, False]
