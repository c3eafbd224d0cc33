"""The parts of the event coder on one sentence each, called directly rather than through
``code()``: argument finding (sources, targets), modality, and the trigger finder."""
from __future__ import annotations

import pytest

from dotterel.events import find_sources, find_targets
from dotterel.events.modality import Modality, modality
from dotterel.lexicon import Trigger


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word), doc._.dotterel


def _names(arguments) -> list[str]:
    return [a.actor.name for a in arguments]


def _trigger(lemma: str, kind: str, target: tuple[str, ...] = ()) -> Trigger:
    return Trigger(lemma=lemma, pos="VERB", cameo="190", type=kind, target=target)


@pytest.mark.parametrize("text, word, source", [
    ("Russia attacked Ukraine on Thursday.", "attacked", "Russia"),
    ("Ukraine was attacked by Russia on Thursday.", "attacked", "Russia"),
    ("Israel's strikes on Gaza continued.", "strikes", "Israel"),
])
def test_the_source_is_found_in_active_passive_and_possessive(nlp, text, word, source):
    token, state = _token(nlp, text, word)
    assert source in _names(find_sources(token, state))


@pytest.mark.parametrize("text, word, target", [
    ("Russia attacked Ukraine on Thursday.", "attacked", "Ukraine"),
    ("Ukraine was attacked by Russia on Thursday.", "attacked", "Ukraine"),
])
def test_the_target_is_the_object_or_the_passive_subject(nlp, text, word, target):
    token, state = _token(nlp, text, word)
    assert target in _names(find_targets(token, _trigger("attack", "ASSAULT", ("dobj",)), state))


def test_no_actor_is_no_source(nlp):
    token, state = _token(nlp, "The building was attacked on Thursday.", "attacked")
    assert find_sources(token, state) == []


@pytest.mark.parametrize("text, word, flag", [
    ("Iran did not attack Israel.", "attack", "negated"),
    ("Iran will attack Israel.", "attack", "future"),
    ("Iran could attack Israel.", "attack", "hypothetical"),
    ("Iran may attack Israel.", "attack", "hedged"),
    ("Iran reportedly attacked Israel.", "attacked", "hedged"),
    ("If Iran attacks Israel, the region will burn.", "attacks", "hypothetical"),
])
def test_modality_reads_the_clause(nlp, text, word, flag):
    token, state = _token(nlp, text, word)
    mood = modality(token, token.sent, state)
    assert getattr(mood, flag), mood.reasons


def test_a_plain_past_fact_has_no_flag(nlp):
    token, state = _token(nlp, "Iran attacked Israel on Saturday.", "attacked")
    mood = modality(token, token.sent, state)
    assert not (mood.negated or mood.hypothetical or mood.future or mood.hedged)


def test_a_reported_act_is_attributed_to_its_speaker(nlp):
    token, state = _token(nlp, "Israel said Iran attacked its embassy.", "attacked")
    mood = modality(token, token.sent, state)
    assert mood.attributed_to is not None and mood.attributed_to.actor.name == "Israel"


def test_modality_is_a_value(nlp):
    token, state = _token(nlp, "Iran did not attack Israel.", "attack")
    mood = modality(token, token.sent, state)
    with pytest.raises(AttributeError):
        mood.negated = False  # type: ignore[misc]
    assert mood.with_reason("x").reasons[-1] == "x" and "x" not in mood.reasons
    assert Modality().with_reason("a", "", "a").reasons == ("a",)


def test_the_trigger_finder_takes_the_most_specific_entry(nlp):
    from dotterel.events.rules import load_rules
    from dotterel.events.triggers import TriggerFinder
    from dotterel.lexicon import load_lexicon

    finder = TriggerFinder(load_lexicon(), load_rules())
    token, _ = _token(nlp, "The two sides held talks in Geneva.", "held")
    found = finder.match(token)
    assert found is not None and found.type == "CONSULT" and found.object


def test_the_trigger_finder_leaves_a_vetoed_token(nlp):
    from dotterel.events.rules import load_rules
    from dotterel.events.triggers import TriggerFinder
    from dotterel.lexicon import load_lexicon

    token, state = _token(nlp, "An earthquake struck southern Turkey.", "struck")
    assert TriggerFinder(load_lexicon(), load_rules()).match(token) is None
    assert TriggerFinder(load_lexicon(), load_rules(None, ("natural-cause-subject",))).match(token) is not None


def _flags(mood) -> set[str]:
    return {f for f in ("negated", "hypothetical", "future") if getattr(mood, f)}


def _modality_examples():
    from importlib import resources

    import yaml

    raw = yaml.safe_load((resources.files("dotterel") / "lang" / "en" / "word_classes.yaml").read_text())
    return [(name, *example) for name, entry in raw.items() for example in entry.get("examples") or ()]


@pytest.mark.parametrize("name, text, word, wanted", _modality_examples())
def test_modality_word_classes_on_their_examples(nlp, name, text, word, wanted):
    token, state = _token(nlp, text, word)
    assert _flags(modality(token, token.sent, state)) == set(wanted), name


@pytest.mark.parametrize("text, word, wanted", [
    # scheduled: "is to", and a purpose under a future verb, are to come
    ("The minister is to visit Kyiv on Friday.", "visit", {"future"}),
    ("Scholz will fly to Paris to meet Macron.", "meet", {"future"}),
    ("The envoy did not fly to Doha to meet Hamas.", "meet", {"negated"}),
    # a negator of a negator, or a negated negator, tells that the act happened
    ("The fence did not prevent the attack on the base.", "attack", set()),
    ("The guards failed to stop the assault on the prison.", "assault", set()),
    # acts told as done under a verb of wish or failure
    ("The report suggests Iran had armed the militia.", "armed", set()),
    ("The senator failed to explain how the embassy was stormed.", "stormed", set()),
    ("Berlin tried to limit the coverage of the raid.", "raid", set()),
    # "call" asks only with "for" or "on"
    ("Paris called on Moscow to withdraw its troops.", "withdraw", {"hypothetical"}),
    ("The minister called the raid a crime and condemned Israel.", "condemned", set()),
])
def test_modality_of_constructions(nlp, text, word, wanted):
    token, state = _token(nlp, text, word)
    assert _flags(modality(token, token.sent, state)) == wanted, modality(token, token.sent, state).reasons


def test_a_schedule_keeps_its_type_but_a_stated_will_is_an_intent():
    from dotterel import code

    found = {(e.type, e.trigger.text, e.future) for e in code("Scholz is to meet Macron on Friday.").events}
    assert ("CONSULT", "meet", True) in found, found
    found = {(e.type, e.trigger.text, e.future) for e in code("Scholz will meet Macron on Friday.").events}
    assert ("AGREE", "meet", True) in found, found
