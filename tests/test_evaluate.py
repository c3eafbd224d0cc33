"""The event scorer (dotterel/evaluate.py)."""
from __future__ import annotations

from dotterel.evaluate import evaluate_events


def test_gold_events_are_paired_with_predictions_as_many_as_possible():
    # Coded: REQUEST Egypt -> Israel, then REQUEST Qatar -> Israel. A first-come pairing would
    # give the open gold event (any source) Egypt's request and leave the Egypt gold unmatched.
    record = {"id": "t1", "text": "Egypt and Qatar urged Israel to allow more aid into Gaza.", "events": [
        {"types": ["REQUEST"], "source": None, "target": ["Israel", "ISR"]},
        {"types": ["REQUEST"], "source": ["Egypt", "EGY"], "target": ["Israel", "ISR"]}]}
    report = evaluate_events([record])
    assert report.full.fn == 0 and report.full.tp == 2, report.errors


def test_context_is_read_but_only_the_sentence_is_scored():
    from dotterel.evaluate import evaluate_events

    record = {"id": "c1", "text": "He then attacked Kyiv.",
              "context": ["Russia announced new sanctions on Monday.", "Putin also criticized NATO."],
              "published": "2022-03-01", "events": [{"types": ["ASSAULT"], "source": ["Putin", "RUS"],
                                                      "target": ["Ukraine", "UKR"]}]}
    report = evaluate_events([record])
    assert report.type_only.fp == 0  # the sanctions and criticism of the context are not scored
    assert report.full.tp == 1  # "He" is Putin, named in the context


def test_bootstrap_interval_brackets_the_figure():
    from dotterel.evaluate import confidence_interval

    rows = [("all", ((1, 0, 0), (1, 0, 0), (1, 0, 0)))] * 30 + [("all", ((0, 1, 1), (0, 1, 1), (0, 1, 1)))] * 10
    low, high = confidence_interval(rows, 0)
    assert low <= 0.75 <= high and high - low < 0.5


def test_a_context_label_is_not_read_as_text():
    from dotterel.evaluate import with_context

    record = {"text": "Russia attacked Ukraine.", "context": "conflict"}  # PLOVER's topic label
    assert with_context(record) == record["text"]


def test_event_date_and_place_are_scored_on_matched_events_where_the_gold_gives_them():
    event = {"types": ["ASSAULT"], "source": ["Russia"], "target": ["Ukraine"]}
    gold = [{"id": "a", "published": "2024-05-01", "text": "Russia attacked Ukraine on Monday in Kharkiv.",
             "events": [{**event, "date": "on Monday", "place": "in Kharkiv"}]},
            {"id": "b", "published": "2024-05-01", "text": "Russia attacked Ukraine on Monday in Kharkiv.",
             "events": [{**event, "date": "last Friday", "place": None}]},
            {"id": "c", "published": "2024-05-01", "text": "Russia attacked Ukraine on Monday.",
             "events": [event]}]  # no date or place annotated: not scored
    report = evaluate_events(gold)
    assert report.full.tp == 3
    assert (report.date.tp, report.date.fp, report.date.fn) == (1, 1, 1)
    assert (report.place.tp, report.place.fp, report.place.fn) == (1, 1, 0)


def test_cameo_root_with_both_sides_is_scored_where_the_gold_gives_a_code():
    # A grammar suite's measure: the root must agree and both sides match; a right root with
    # the sides reversed is no hit.
    gold = [{"id": "r1", "text": "Russia attacked Ukraine.",
             "events": [{"types": ["ASSAULT"], "cameo": "190", "source": ["RUS"], "target": ["UKR"]}]},
            {"id": "r2", "text": "Ukraine was attacked by Russia.",
             "events": [{"types": ["ASSAULT"], "cameo": "190", "source": ["UKR"], "target": ["RUS"]}]}]
    report = evaluate_events(gold)
    assert report.root.tp == 2
    assert (report.root_roles.tp, report.root_roles.fn) == (1, 1)
    assert "cameo_root+source+target" in report.as_dict()
