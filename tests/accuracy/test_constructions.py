"""The grammar constructions set (tests/data/constructions): the test part is pinned by its hash
and its CAMEO root + source + target figure stays above a floor."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "data" / "constructions"
TEST_SHA256 = "0482debc90a8880e2372a6fa5569727d4972f265be663e9c0735c67af49eaa89"
"""A new hash is a new test set: the logged figures (docs/evaluation.md) stop being comparable."""


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_test_part_is_unchanged():
    assert hashlib.sha256((HERE / "test.jsonl").read_bytes()).hexdigest() == TEST_SHA256


@pytest.mark.parametrize("name", ["dev", "test"])
def test_records_are_well_formed(name):
    records = _records(name)
    assert len({r["id"] for r in records}) == len(records) >= 200
    for record in records:
        for event in record["events"]:
            span = event["trigger"]
            assert record["text"][span["start"]:span["end"]] == span["text"], record["id"]
            assert event["cameo"].isdigit() and event["types"], record["id"]


FLOORS = {"cameo_root+source+target": 0.62, "type+source+target": 0.66}
"""Just under the test part's logged figures: CI fails if a change loses grammar it had."""


def test_accuracy_on_the_test_part_stays_above_its_floor():
    from dotterel.evaluate import evaluate_events

    report = evaluate_events(_records("test")).as_dict()
    for measure, floor in FLOORS.items():
        assert report[measure]["f1"] >= floor, f"{measure} F1 {report[measure]['f1']:.3f} < {floor}"
