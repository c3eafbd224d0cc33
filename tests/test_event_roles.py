"""Who is source and who is target in constructions issue #20 lists (an act judged by a
verdict, a complaint over another's act, an act naming its own author), on sentences written
for these tests."""
from __future__ import annotations

import pytest

from dotterel import code


def names(text: str, kind: str) -> list[tuple[str | None, str | None]]:
    article = code(text, published="2024-05-01")
    return [(e.source and e.source.name, e.target and e.target.name) for e in article.events if e.type == kind]


@pytest.mark.parametrize("text", [
    "Norway strongly condemned the brutal murder of the British journalist.",
    "Canada condemns the killing of the French aid worker.",
])
def test_a_verdict_is_not_against_the_victim_nor_the_judge_the_killer(text):
    verdicts, acts = names(text, "ACCUSE"), names(text, "ASSAULT")
    judge = verdicts[0][0]
    assert verdicts and all(target is None for _, target in verdicts), verdicts
    assert all(source != judge for source, _ in acts), acts


def test_a_verdict_is_against_the_acts_named_author():
    assert ("Egypt", "Islamic State") in names(
        "Egypt condemned the killing of the Jordanian pilot by Islamic State.", "ACCUSE")


def test_signing_a_deal_is_no_verdict():
    """The object of "sign" is what is done, not judged: its parties stay."""
    found = names("Japan signed a trade deal with Vietnam.", "SUPPORT") + \
        names("Japan signed a trade deal with Vietnam.", "AGREE")
    assert any(target == "Vietnam" for _, target in found), found


def test_a_complaint_over_an_act_is_against_its_author():
    assert ("Lebanon", "Israel") in names(
        "Lebanon complained to the United Nations over Israel's air strikes on its villages.", "ACCUSE")


def test_an_act_subject_of_a_passive_names_its_author():
    found = names("The Russian offensive was launched against Ukrainian positions.", "ASSAULT")
    assert found and found[0][0] == "Russia" and found[0][1] != "Russia", found


def test_a_long_list_spread_over_one_act_gives_no_events():
    """More than four pairs for one trigger is a parse of a list, not that many acts."""
    text = ("The group is suing for calendar invites between Miller, his staff and officials at the "
            "Department of Labor, the Department of Agriculture and the Department of Energy.")
    assert not [e for e in code(text, published="2019-05-01").events if e.trigger.text == "invites"]


def test_two_by_two_coordination_still_gives_four_events():
    events = code("Egypt and Qatar urged Israel and Hamas to accept the truce.", published="2023-11-20").events
    pairs = {(e.source.name, e.target.name) for e in events if e.type == "REQUEST"}
    assert pairs == {("Egypt", "Israel"), ("Egypt", "Hamas"), ("Qatar", "Israel"), ("Qatar", "Hamas")}


@pytest.mark.parametrize("text", [
    '"You are very brave," I said to the senator. "We condemn this attack," Ruto said.',
    "Ruto condemned the attack.",
])
def test_no_one_is_both_sides_of_an_event(text):
    article = code(text, published="2024-05-01")
    assert article.events
    assert not [e for e in article.events if e.source and e.target and e.source.actor == e.target.actor]


@pytest.mark.parametrize("text, kind, pair", [
    ('"I urge Iran to release the detained sailors," President Macron told reporters on Monday.',
     "REQUEST", ("FRA", "IRN")),
    ('"Russia shelled us again last night," the Ukrainian defence minister said.',
     "ASSAULT", ("RUS", "UKR")),
])
def test_first_person_in_a_direct_quote_is_the_speaker(text, kind, pair):
    """The pronoun is a mention of the quote's speaker: the side has the speaker's country."""
    article = code(text, published="2024-05-01")
    found = [(e.source and e.source.country, e.target and e.target.country) for e in article.events if e.type == kind]
    assert pair in found, found


def test_first_person_in_reported_speech_is_no_one():
    """Outside a direct quote, "we" is the writer's: no side."""
    found = names("We attacked the problem with fresh ideas, the minister said.", "ASSAULT")
    assert all(source is None for source, _ in found), found


def test_an_office_of_unknown_country_is_the_side_of_its_act():
    event = next(e for e in code("Officials said the government would retaliate against China.").events
                 if e.type == "THREATEN")
    assert event.source is not None and event.source.actor == "group:government"
    assert event.source.country is None and event.target is not None and event.target.country == "CHN"
