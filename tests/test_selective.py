"""The two-pass pipeline (``Settings.selective_parse``): candidate sentences code exactly as with
the full parse; the others get a flat tree that downstream code can walk without crashing."""
from __future__ import annotations

import pytest

from dotterel import Settings, code
from dotterel.nlp.pipeline import load_pipeline
from dotterel.nlp.selective import _pieces, candidate

FULL, TWO_PASS = Settings(selective_parse=False), Settings(selective_parse=True)
# Ours. Sentences 2, 4 and 6 have no trigger word with an actor, no reporting verb, no quote,
# no place or date.
TEXT = ("Egypt and Qatar urged Israel and Hamas to agree to a ceasefire. "
        "The weather in the valley was mild and dry. "
        "Police arrested dozens of protesters outside the parliament in Cairo on Monday. "
        "The harvest was late again. "
        "Russia did not send troops to Belarus, the ministry said. "
        "The river rose slowly after the rain. "
        "If Iran attacks Israel, the United States will impose sanctions on Tehran.")
NOT_CANDIDATES = {"The weather in the valley was mild and dry.", "The harvest was late again.",
                  "The river rose slowly after the rain."}


@pytest.fixture(scope="module")
def two_pass():
    return load_pipeline(TWO_PASS)


def _events(settings: Settings, text: str = TEXT) -> list[tuple[object, ...]]:
    article = code(text, published="2024-03-04", settings=settings)
    return [(e.type, e.cameo.code, e.source and e.source.actor, e.target and e.target.actor,
             e.trigger.start, e.negated, e.hypothetical, e.future, e.hedged) for e in article.events]


def test_sentences_are_sorted_into_candidates_as_written(two_pass):
    doc = two_pass(TEXT)
    parser = two_pass.get_pipe("dotterel_parse")
    found = {doc[s:e].text.strip(): candidate(parser.flags(doc[s:e])) for s, e in _pieces(doc)}
    assert {text for text, yes in found.items() if not yes} == NOT_CANDIDATES
    assert len(found) == 7


def test_candidates_code_the_same_events_as_the_full_parse():
    full = _events(FULL)
    assert len(full) >= 8  # REQUESTs, the arrest, the negated MOBILIZE, the conditional attack ...
    assert _events(TWO_PASS) == full


def test_candidate_tokens_get_the_full_parse(two_pass):
    full, doc = load_pipeline(FULL)(TEXT), two_pass(TEXT)
    for sent in doc.sents:
        if sent.text.strip() not in NOT_CANDIDATES:
            assert [(t.dep_, t.head.i, t.pos_, t.lemma_) for t in sent] == \
                   [(t.dep_, t.head.i, t.pos_, t.lemma_) for t in full[sent.start:sent.end]], sent.text


def test_non_candidates_get_a_flat_tree(two_pass):
    doc = two_pass(TEXT)
    flat = [s for s in doc.sents if s.text.strip() in NOT_CANDIDATES]
    assert len(flat) == 3
    for sent in flat:
        root = sent.root
        assert root.dep_ == "ROOT" and root.tag_.startswith("VB")  # its first verb
        assert all(t.head.i == root.i and t.dep_ == "dep" for t in sent if t.i != root.i)


def test_a_text_without_candidates_codes_without_crashing():
    article = code("The weather was mild. The harvest was late again.\n\nThe river rose.",
                   published="2024-03-04", settings=TWO_PASS)
    assert article.events == () and article.quotes == ()


def test_the_setting_comes_from_the_environment_and_the_flag(monkeypatch):
    from dotterel.cli import _parser, _settings

    monkeypatch.setenv("DOTTEREL_SELECTIVE_PARSE", "1")
    assert Settings().selective_parse
    assert not _settings(_parser().parse_args(["code", "--full-parse"])).selective_parse
    monkeypatch.delenv("DOTTEREL_SELECTIVE_PARSE")
    assert not Settings().selective_parse
    assert _settings(_parser().parse_args(["code", "--selective-parse"])).selective_parse
