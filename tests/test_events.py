"""Event coding rules (dotterel/events.py) on sentences written for these tests."""
from __future__ import annotations

import pytest

from dotterel import code


def events(text: str) -> list[tuple[str, str | None, str | None]]:
    article = code(text, published="2024-05-01")
    return [(e.type, e.source and e.source.actor, e.target and e.target.actor) for e in article.events]


def the(text: str, kind: str):
    found = [e for e in code(text, published="2024-05-01").events if e.type == kind]
    assert found, f"no {kind} in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, wanted", [
    # a reaction is aimed at whoever did what it reacts to
    ("Azerbaijan closed the road to Armenia, a move Armenia condemned as a breach of the deal.",
     ("ACCUSE", "ARM", "AZE")),
    ("The Taliban banned women from universities, drawing condemnation from the United Nations.",
     ("ACCUSE", "un", "taliban")),
    # the agent of the means did the killing
    ("The commander was killed in a raid by Israeli forces.", ("ASSAULT", "idf", None)),
    # "call on X to" hands the act to X
    ("Ministers called on Iran to stop supplying drones to Russia.", ("AID", "IRN", "RUS")),
    # an order is its content, done by whoever ordered it
    ("Russia ordered its troops to withdraw from Kherson.", ("RETREAT", "RUS", None)),
])
def test_arguments_from_the_clause_around(text, wanted):
    kind, source, target = wanted
    hits = [e for e in events(text) if e[0] == kind and e[1] == source]
    assert hits, events(text)
    if target is not None:
        assert any(e[2] == target for e in hits), events(text)


def test_a_ceasefire_between_two_sides_pairs_them():
    pairs = {(s, t) for kind, s, t in events("A ceasefire between Israel and Hezbollah took effect.")
             if kind == "RETREAT"}
    assert {("ISR", "hezbollah"), ("hezbollah", "ISR")} <= pairs


def test_coordinated_modifiers_each_name_an_actor():
    pairs = {(s, t) for kind, s, t in events("U.S. and Russian officials met in Riyadh.") if kind == "CONSULT"}
    assert {("USA", "RUS"), ("RUS", "USA")} <= pairs


def test_own_possessive_is_not_the_target():
    mobilised = the("India rushed troops to its border with China.", "MOBILIZE")
    assert mobilised.target is not None and mobilised.target.actor == "CHN"


def test_hoped_for_and_desired_acts_are_not_facts():
    assert the("Haniyeh expressed hope in Pakistan's support for Hamas.", "SUPPORT").hypothetical
    assert the("He expressed his desire to see Israel retreat from Gaza.", "RETREAT").hypothetical


def test_no_event_from_names_nature_or_forecasts():
    assert all(kind != "COERCE" for kind, _, _ in events("U.N. Secretary-General Ban Ki-moon arrived in Paris."))
    assert not [e for e in events("A powerful earthquake struck southern Turkey.") if e[0] == "ASSAULT"]
    assert not [e for e in events("Aid groups warned of looming famine in Sudan.") if e[0] == "THREATEN"]
    assert [e for e in events("Trump warned Iran against any attack.") if e[0] == "THREATEN"]


def test_armed_source_storming_is_an_attack_protesters_storming_a_riot():
    assert the("Hamas gunmen stormed into southern Israel.", "ASSAULT").cameo.code == "190"
    assert the("Protesters stormed the parliament in Colombo.", "PROTEST").cameo.code == "145"


def test_one_incident_told_twice_is_coded_once():
    found = [e for e in events("At least 30 people were killed in attacks by Islamic State gunmen.")
             if e[0] == "ASSAULT"]
    assert len(found) == 1 and found[0][1] is not None and found[0][2] is not None, found
