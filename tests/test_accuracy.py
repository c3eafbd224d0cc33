"""Accuracy floors on the gold sets (trafilatura's habit): a change that lowers them fails.

Raise a floor when the coder gets better; never lower one silently. The figures in the
README come from `dotterel eval` on the same files.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dotterel.evaluate import evaluate_events, read_gold

SHARED = Path(__file__).resolve().parents[2] / "shared"

DEV_GOLD = Path(__file__).parent / "data" / "events_gold.jsonl"
PLOVER_GOLD = SHARED / "data" / "gold" / "plover_gsr_dev.jsonl"

FLOORS = {
    "dev": {"full_f1": 0.80, "type_f1": 0.86, "modality": 0.90},
    # the bar for the peer set: recall >= 0.7 at no more than two events a sentence
    "plover": {"full_recall": 0.70, "type_recall": 0.81, "events_per_sentence": 2.0},
}


def test_dev_gold_event_floor(nlp):
    report = evaluate_events(read_gold(DEV_GOLD))
    assert report.sentences >= 300
    assert report.full.f1 >= FLOORS["dev"]["full_f1"]
    assert report.type_only.f1 >= FLOORS["dev"]["type_f1"]
    for flag, correct in report.modality.items():
        assert correct / report.modality_total[flag] >= FLOORS["dev"]["modality"], flag


def test_plover_peer_recall_floor(nlp):
    if not PLOVER_GOLD.exists():
        pytest.skip("../shared PLOVER gold not available")
    report = evaluate_events(read_gold(PLOVER_GOLD))
    assert report.full.recall >= FLOORS["plover"]["full_recall"]
    assert report.type_only.recall >= FLOORS["plover"]["type_recall"]
    assert report.predicted_events / report.sentences <= FLOORS["plover"]["events_per_sentence"]
