"""CAMEO codes chosen by the means, and political prose that is no conflict (issue #20),
on sentences written for these tests."""
from __future__ import annotations

import pytest

from dotterel import code


def coded(text: str) -> list[tuple[str, str, str | None, str | None]]:
    article = code(text, published="2024-05-01")
    return [(e.type, e.cameo.code, e.source and e.source.actor, e.target and e.target.actor)
            for e in article.events]


@pytest.mark.parametrize("text, cameo", [
    # the means beside the verb chooses the code: subject, "in", "by", "with", "using"
    ("A suicide bombing at the market in Kandahar killed 14 civilians.", "1831"),
    ("Three policemen were killed in a car bombing in Mogadishu.", "1832"),
    ("Eleven villagers were killed by shelling near Donetsk.", "194"),
    ("Syrian troops attacked the rebel town using sarin gas.", "2041"),
    # violence outside war is 18x, force between states and armies 19x
    ("A gunman killed six customers at a supermarket in Ohio.", "180"),
    ("Israel killed dozens of fighters in Gaza.", "190"),
    ("Ukrainian troops attacked Russian positions near Kherson.", "190"),
])
def test_code_follows_means_and_kind(text, cameo):
    assert any(kind == "ASSAULT" and code_ == cameo for kind, code_, _, _ in coded(text)), coded(text)


@pytest.mark.parametrize("text", [
    "North Korea fired a salvo of ballistic missiles into the sea on Sunday.",
    "North Korea fired two cruise missiles off its west coast.",
])
def test_missiles_into_the_sea_are_a_show_of_force(text):
    found = coded(text)
    assert any(kind == "MOBILIZE" and code_ == "150" for kind, code_, _, _ in found), found
    assert not any(kind == "ASSAULT" for kind, *_ in found), found


def test_missiles_at_a_country_stay_an_attack():
    assert any(kind == "ASSAULT" for kind, *_ in coded("Hezbollah fired a barrage of rockets at Israel."))


@pytest.mark.parametrize("text, kind", [
    ("Senate Democrats beat back a filibuster on the spending bill.", "ASSAULT"),
    ("House Republicans killed the immigration bill on Thursday.", "ASSAULT"),
    ("The governor will appeal to rural voters in the fall.", "REQUEST"),
    ("The minister pledged to end the threat posed by the militias.", "THREATEN"),
])
def test_political_prose_is_no_conflict(text, kind):
    assert not any(k == kind for k, *_ in coded(text)), coded(text)


def test_on_names_a_topic_not_a_partner():
    found = coded("France and Germany agreed to cooperate on Iran.")
    assert not any(target == "IRN" for *_, target in found), found
    assert any(kind == "COOPERATE" and {source, target} == {"FRA", "DEU"} for kind, _, source, target in found), found


@pytest.mark.parametrize("text, kind, cameo", [
    # CAMEO 173 "arrest, detain, or charge with legal action": prosecutors' charges coerce
    ("Prosecutors in Paris charged the former minister with fraud.", "COERCE", "173"),
    ("A federal grand jury indicted the Venezuelan general on drug charges.", "COERCE", "173"),
    # denying an accusation rejects it (the codebook's denials)
    ("The Kremlin denied the allegations on Tuesday.", "REJECT", "120"),
])
def test_legal_charges_and_denials(text, kind, cameo):
    assert (kind, cameo) in [(k, c) for k, c, _, _ in coded(text)], coded(text)
    assert not [k for k, _, _, _ in coded(text) if k == "ACCUSE"], coded(text)


@pytest.mark.parametrize("text, kind", [
    # political words the annotated training parts use as triggers (round 5)
    ("Senator Warren railed against the trade deal with China.", "ACCUSE"),
    ("The European Union faulted Hungary for the new media law.", "ACCUSE"),
    ("Beijing barred the foreign journalists from the province.", "COERCE"),
])
def test_words_of_political_criticism_and_restraint(text, kind):
    assert kind in [k for k, _, _, _ in coded(text)], coded(text)


@pytest.mark.parametrize("text, pair", [
    ("The Brazilian president called Venezuela's election a farce.", ("lula", "VEN")),
    ("Lavrov called the new NATO deployment in Estonia dangerous and reckless.", ("sergey_lavrov", "nato")),
    ("The Chinese foreign ministry described the Japanese plan as irresponsible.", ("CHN", "JPN")),
])
def test_a_disparaging_label_given_by_a_naming_verb_is_criticism(text, pair):
    found = [(s, t) for kind, _, s, t in coded(text) if kind == "ACCUSE"]
    assert any(s and s.startswith(pair[0]) and t and t.startswith(pair[1]) for s, t in found), found


@pytest.mark.parametrize("text", [
    "The navy called the exercise routine.",
    "The army began what it called anti-terrorist raids in the north.",
    "India struck what it called terrorist camps in Pakistan.",
    "The minister called the proposal not a mistake but a necessity.",
])
def test_a_neutral_or_negated_label_is_no_criticism(text):
    assert not [e for e in coded(text) if e[0] == "ACCUSE"], coded(text)


@pytest.mark.parametrize("text, kind, cameo, target", [
    # CAMEO phrasings of the codebook, on sentences written for these tests
    ("Iraqi forces recaptured the town of Rutba from Islamic State fighters on Friday.", "ASSAULT", "190", "isis"),
    ("Sudan's army retook the capital's airport from the RSF after weeks of fighting.", "ASSAULT", "190", "rsf"),
    ("Militants planted a bomb at a bus station in Quetta.", "ASSAULT", "183", None),
    ("The Sudanese government received a delegation from the African Union in Khartoum.", "CONSULT", "043", "african_union"),
    ("Myanmar's junta lifted the suspension of three newspapers on Monday.", "CONCEDE", "081", None),
    ("Turkish authorities restored access to Wikipedia after a ban of nearly three years.", "CONCEDE", "081", None),
    ("Egyptian military planes dropped food and medicine over northern Gaza.", "AID", "073", None),
])
def test_codebook_phrasings(text, kind, cameo, target):
    found = [e for e in code(text, published="2024-05-01").events if e.type == kind]
    assert any(e.cameo.code == cameo for e in found), found
    if target:
        assert any(e.target and target in (e.target.actor, e.target.country) for e in found), found


@pytest.mark.parametrize("text", [
    "Democrats recaptured the House and the Senate in the midterm elections.",
    "The senator retook the lead in the polls after the debate.",
    "Volunteers planted trees along the river.",
    "The ministry received a letter from the opposition party.",
    "The party dropped its demand for early elections.",
])
def test_codebook_phrasings_need_their_objects(text):
    kinds = {e.type for e in code(text, published="2024-05-01").events}
    assert not kinds & {"ASSAULT", "CONSULT", "AID"}, kinds


def test_demolishing_homes_is_coercion():
    """CAMEO 1712 is under 17 (coerce), as the guideline reads 17x and the PLOVER records code
    house demolitions; the 2021 table's ASSAULT is overridden for the demolition words."""
    found = coded("Israeli forces demolished the homes of two Palestinian attackers in Jenin.")
    assert any(kind == "COERCE" and code_ == "1712" for kind, code_, _, _ in found), found
    assert not any(kind == "ASSAULT" for kind, *_ in found), found


@pytest.mark.parametrize("text, kind, cameo", [
    ("Senate Republicans blocked the confirmation of the president's nominee on Thursday.", "REJECT", "129"),
    ("Hungary blocked the renewal of the sanctions on three Russian businessmen.", "REJECT", "129"),
    ("Chinese coast guard ships blocked a Philippine supply boat near the shoal.", "COERCE", "191"),
])
def test_blocking_a_procedure_is_a_veto_blocking_a_boat_coercion(text, kind, cameo):
    found = coded(text)
    assert any(k == kind and c == cameo for k, c, _, _ in found), found


def test_weapons_used_are_mass_violence_only_when_they_say_so():
    from dotterel import code
    def codes(text):
        return [e.cameo.code for e in code(text, published="2024-05-01").events if e.type == "ASSAULT"]
    assert "2041" in codes("Government troops used chemical weapons against the town.")
    assert not any(c.startswith("20") for c in codes("The militants used car bombs against the checkpoint."))


def test_the_weapon_an_attacker_used_is_not_a_second_attack():
    from dotterel import code
    events = [e for e in code("The checkpoint was attacked by militants using car bombs.",
                              published="2024-05-01").events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in events] == ["attacked"] and events[0].cameo.code == "1832", events
