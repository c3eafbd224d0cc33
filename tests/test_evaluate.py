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
