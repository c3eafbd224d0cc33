"""Every rule of data/event_rules.yaml on its own examples: it fires where it says it must,
stays silent where it says it must not, and can be switched off by id."""
from __future__ import annotations

import pytest

from dotterel.config import Settings
from dotterel.errors import ConfigError
from dotterel.events.rules import compile_rule, load_rules

RULES = load_rules().all


def _hits(nlp, text: str) -> set[str]:
    return {rule_id for _, rule_id in nlp(text)._.dotterel.rule_hits}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_on_its_examples(nlp, rule):
    for sentence in rule.examples["fires"]:
        assert rule.id in _hits(nlp, sentence), f"{rule.id} should fire on: {sentence}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.examples.get("silent")],
                         ids=[r.id for r in RULES if r.examples.get("silent")])
def test_rule_is_silent_on_its_counter_examples(nlp, rule):
    for sentence in rule.examples["silent"]:
        assert rule.id not in _hits(nlp, sentence), f"{rule.id} should not fire on: {sentence}"


def test_most_rules_are_pure_patterns():
    assert len(RULES) >= 40
    assert sum(r.pure for r in RULES) >= 30


def test_a_rule_switched_off_by_id_changes_the_output():
    from dotterel import code

    text = "An earthquake struck southern Turkey on Monday, killing hundreds."
    on = code(text, published="2023-02-06")
    off = code(text, published="2023-02-06",
               settings=Settings(disabled_rules=("natural-cause-subject", "no-actor-no-event")))
    assert not [e for e in on.events if e.trigger.text == "struck"]
    assert [e for e in off.events if e.trigger.text == "struck"]


def test_an_unknown_rule_id_is_a_clear_error():
    with pytest.raises(ConfigError, match="no rule with id"):
        load_rules(None, ("no-such-rule",))


@pytest.mark.parametrize("record, message", [
    ({"match": []}, "needs an 'id'"),
    ({"id": "x", "action": "explode", "examples": {"fires": ["a"]}}, "action must be one of"),
    ({"id": "x", "check": "nope", "examples": {"fires": ["a"]}}, "unknown check"),
    ({"id": "x"}, "needs examples"),
    ({"id": "x", "action": "retype", "retype": {"type": "WAR"}, "examples": {"fires": ["a"]}}, "not a PLOVER type"),
    ({"id": "x", "match": [{"LEFT_ID": "nowhere", "REL_OP": ">", "RIGHT_ID": "y", "RIGHT_ATTRS": {}}],
      "examples": {"fires": ["a"]}}, "LEFT_ID must name an earlier node"),
    ({"id": "x", "trigger": {"LEMMA": "$no_such_class"}, "examples": {"fires": ["a"]}}, "no word class"),
    ({"id": "x", "stage": "emit", "entry": {"lemma": "deal"}, "examples": {"fires": ["a"]}}, "of the finished event"),
    ({"id": "x", "stage": "emit", "match": [], "examples": {"fires": ["a"]}}, "reads only 'roles' and 'entry'"),
    ({"id": "x", "stage": "emit", "trigger": {"LEMMA": "deal"}, "examples": {"fires": ["a"]}}, "reads only"),
    ({"id": "x", "stage": "emit", "action": "retype", "retype": {"type": "AGREE"}, "examples": {"fires": ["a"]}},
     "reads only"),
    ({"id": "x", "action": "retype", "retype": {"type": "AGREE"}, "examples": {"fires": ["a"]}}, "only vetoes"),
])
def test_a_bad_rule_is_refused_with_its_id(record, message):
    with pytest.raises(ConfigError, match=message):
        compile_rule(record, "test.yaml")


@pytest.mark.parametrize("text, kind, kept", [
    ("The attack killed dozens.", "ASSAULT", True),
    ("Thousands joined the protests on Sunday.", "PROTEST", True),
    ("The agreement was signed in March.", "AGREE", False),
])
def test_an_act_that_is_news_alone_stands_without_actors(text, kind, kept):
    from dotterel import code

    found = [e for e in code(text, published="2024-05-01").events if e.type == kind]
    assert bool(found) is kept, found
