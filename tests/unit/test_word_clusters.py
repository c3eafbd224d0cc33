"""Distributional word clusters as trigger-detector features (events.learned.word_clusters,
built by tools/build_word_clusters.py): the packaged table, and the features of a word and
its head."""
from __future__ import annotations

from dotterel.events import learned
from dotterel.events.learned import token_features, word_clusters
from dotterel.lexicon import load_lexicon


def test_the_packaged_table_gives_every_word_its_clusters_as_itself_and_as_a_head():
    table = word_clusters()
    assert len(table) > 10_000
    own, head = table["attack"]
    assert [f.split("=")[0] for f in own] == ["cl64", "cl256", "cl1024"]
    assert head == tuple("h" + f for f in own)


def test_a_word_gets_its_own_clusters_and_its_heads(nlp):
    doc = nlp("Russia attacked Ukraine.")
    verb, obj = doc[1], doc[2]
    own, as_head = word_clusters()["attack"]
    verb_feats = token_features(verb, doc._.dotterel, load_lexicon(), {})
    assert set(own) <= set(verb_feats)
    assert not any(f.startswith("hcl") for f in verb_feats)  # the root has no head
    assert set(as_head) <= set(token_features(obj, doc._.dotterel, load_lexicon(), {}))


def test_a_lemma_missing_from_the_table_falls_back_to_the_form(nlp, monkeypatch):
    table = {"attacked": (("cl64=1",), ("hcl64=1",))}  # the lemma "attack" is not there
    monkeypatch.setattr(learned, "word_clusters", lambda: table)
    doc = nlp("Russia attacked Ukraine.")
    assert "cl64=1" in token_features(doc[1], doc._.dotterel, load_lexicon(), {})
    assert "hcl64=1" in token_features(doc[2], doc._.dotterel, load_lexicon(), {})
