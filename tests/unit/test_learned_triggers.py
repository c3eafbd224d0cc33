"""The learned trigger detector (events.learned / events.detector): features, the model file,
and how its triggers become events. The models here are built by hand so that the behaviour
under test does not depend on what a trained model happens to learn."""
from __future__ import annotations

import numpy as np
import pytest

from dotterel import code
from dotterel.config import Settings
from dotterel.errors import ConfigError
from dotterel.events.learned import NONE, LinearModel, load_model, token_features
from dotterel.lexicon import load_lexicon

SENTENCE = "Russia befouled Ukraine on Thursday."


def _model(feature: str, kind: str = "ASSAULT", threshold: float = 0.5) -> LinearModel:
    """NONE everywhere, except where ``feature`` fires: then ``kind``, by a wide margin."""
    classes = (kind, NONE)
    weights = np.array([[0.0, 3.0], [8.0, 0.0]])
    return LinearModel({"bias": 0, feature: 1}, classes, weights, threshold)


def test_features_name_the_word_its_slots_and_the_rules_verdict(nlp):
    doc = nlp("Russia attacked Ukraine.")
    verb = doc[1]
    feats = token_features(verb, doc._.dotterel, load_lexicon(), {verb.i: {"ASSAULT"}})
    assert "l=attack" in feats and "rule=ASSAULT" in feats
    assert "actor=nsubj" in feats and "actor=dobj" in feats
    bare = token_features(verb, doc._.dotterel, load_lexicon(), {})
    assert "rule=none" in bare and "lex_uncoded" in bare


def test_model_round_trip_keeps_probabilities_and_threshold(tmp_path):
    model = _model("l=befoul", threshold=0.6)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = load_model(path)
    assert loaded.threshold == pytest.approx(0.6)
    probs = loaded.probabilities(["bias", "l=befoul", "unknown feature"])
    assert probs.sum() == pytest.approx(1.0)
    assert loaded.best_event(["bias", "l=befoul"])[0] == "ASSAULT"
    assert loaded.best_event(["bias"])[1] < 0.1


def test_a_word_the_lexicon_lacks_becomes_an_event_with_its_arguments(nlp, tmp_path):
    lemma = nlp(SENTENCE)[1].lemma_.lower()
    assert lemma not in load_lexicon().lemmas
    path = tmp_path / "m.npz"
    _model(f"l={lemma}").save(path)
    plain = code(SENTENCE, settings=Settings(learned_triggers="off"))
    learned = code(SENTENCE, settings=Settings(learned_triggers=str(path)))
    assert plain.events == ()
    [event] = learned.events
    assert (event.type, event.trigger.text, event.source.name, event.target.name) == \
        ("ASSAULT", "befouled", "Russia", "Ukraine")
    assert event.explanation.startswith("learned model (p=") and "befoul/VERB" in event.explanation
    assert event.mode is None and 0 <= event.confidence <= 1


def test_below_the_threshold_nothing_is_added(nlp, tmp_path):
    lemma = nlp(SENTENCE)[1].lemma_.lower()
    path = tmp_path / "m.npz"
    _model(f"l={lemma}", threshold=0.9999).save(path)
    assert code(SENTENCE, settings=Settings(learned_triggers=str(path))).events == ()


def test_the_model_vetoes_a_rules_event_only_over_its_veto_probability(tmp_path):
    # "no event" wherever the rules coded an attack: a veto at 0.5 drops it, one over 1 never does
    classes = ("ASSAULT", NONE)
    weights = np.array([[0.0, 0.0], [0.0, 6.0]])
    text = "Russia attacked Ukraine."
    for veto, kept in ((0.5, 0), (1.01, 1)):
        path = tmp_path / f"veto{veto}.npz"
        LinearModel({"bias": 0, "rule=ASSAULT": 1}, classes, weights, 0.99, veto).save(path)
        assert load_model(path).veto == pytest.approx(veto)
        assert len(code(text, settings=Settings(learned_triggers=str(path))).events) == kept
    assert len(code(text, settings=Settings(learned_triggers="off")).events) == 1


def test_a_broken_model_file_is_a_data_error(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(ConfigError, match="E014"):
        load_model(path)


# The role filler (events.roles): a side the rules leave empty is filled from the mentions
# of the sentence and the sentences before it.

ROLE_TEXT = "Russia massed troops on the border. The attack on Ukraine began on Monday."


def _role_model(feature: str, side: str = "source", threshold: float = 0.5) -> LinearModel:
    classes = ("source", "target", NONE)
    weights = np.zeros((2, 3))
    weights[0, 2] = 3.0  # bias: none
    weights[1, classes.index(side)] = 8.0
    return LinearModel({"bias": 0, feature: 1}, classes, weights, threshold)


def _attack(settings: Settings):
    return next(e for e in code(ROLE_TEXT, settings=settings).events if e.trigger.text == "attack")


def test_an_empty_source_is_filled_from_the_sentence_before(tmp_path):
    path = tmp_path / "roles.npz"
    _role_model("kind=country").save(path)  # Ukraine, the target, is never also the source
    plain = _attack(Settings(learned_roles="off"))
    filled = _attack(Settings(learned_roles=str(path)))
    assert plain.source is None and plain.target.name == "Ukraine"
    assert filled.source.name == "Russia" and filled.target.name == "Ukraine"
    assert "source by the learned role model" in filled.explanation


def test_the_filler_leaves_a_side_empty_when_no_mention_is_likely(tmp_path):
    path = tmp_path / "roles.npz"
    _role_model("kind=country", threshold=0.99999).save(path)
    assert _attack(Settings(learned_roles=str(path))).source is None


def test_the_filler_never_puts_the_other_sides_actor_on_both_sides(tmp_path):
    path = tmp_path / "roles.npz"
    _role_model("kind=country").save(path)  # both countries look like a source, Ukraine included
    filled = _attack(Settings(learned_roles=str(path)))
    assert filled.source.name != filled.target.name


def test_the_packaged_models_load_and_name_their_classes():
    roles, triggers = load_model(None, "roles.npz"), load_model()
    assert set(roles.classes) == {"source", "target", NONE}
    assert NONE in triggers.classes and len(triggers.classes) > 10
    assert 0 < roles.threshold < 1 and 0 < triggers.threshold < 1


def _candidate_rows(nlp, text: str, trigger_word: str) -> dict[str, list[str]]:
    """The role filler's features of each actor mention, by actor name, for one trigger word."""
    from dotterel.events.roles import candidate_features, mentions_before
    doc = nlp(text)
    state = doc._.dotterel
    trigger = next(t for t in doc if t.lower_ == trigger_word)
    candidates = mentions_before(trigger, state)
    return dict(zip((a.name for a, _ in candidates), candidate_features(trigger, "ASSAULT", candidates, state)))


def test_the_speaker_of_the_quote_a_trigger_sits_in_is_a_feature(nlp):
    rows = _candidate_rows(nlp, 'Germany said: "Russia must stop the attacks on Ukraine now."', "attacks")
    assert "quote_speaker" in rows["Germany"] and "quote_speaker" not in rows["Russia"]
    assert "quoted_other" in rows["Russia"]


def test_mentions_are_ranked_by_side_and_nearness(nlp):
    rows = _candidate_rows(nlp, "France and Russia condemned the attack on Ukraine.", "attack")
    assert "rank=before0|same=True" in rows["Russia"] and "rank=before1|same=True" in rows["France"]
    assert "rank=after0|same=True" in rows["Ukraine"]
