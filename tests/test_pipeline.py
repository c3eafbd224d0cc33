"""Whole-article behaviour: offsets are honest, and the seed article reads as a person would."""
from __future__ import annotations

from dotterel import Article, code


def offsets_hold(article: Article) -> list[str]:
    """Every span in the record claims text that is really at its offsets."""
    text, bad = article.text, []

    def check(what: str, start: int, end: int, claimed: str | None = None) -> None:
        if not (0 <= start < end <= len(text)) or (claimed is not None and text[start:end] != claimed):
            bad.append(f"{what} [{start}:{end}] {claimed!r}")

    for actor in article.actors:
        for m in actor.mentions:
            check(f"actor {actor.id}", m.start, m.end, m.text)
    for e in article.events:
        check(f"trigger {e.id}", e.trigger.start, e.trigger.end, e.trigger.text)
        check(f"sentence {e.id}", *e.sentence)
        assert e.sentence[0] <= e.trigger.start < e.trigger.end <= e.sentence[1]
        for ref in (e.source, e.target, e.attributed_to):
            if ref is not None:
                check(f"ref {e.id}", ref.start, ref.end, ref.text)
        if e.place is not None:
            check(f"place {e.id}", e.place.start, e.place.end)
    for q in article.quotes:
        check(f"quote {q.id}", q.start, q.end, q.text)
        if q.cue is not None:
            check(f"cue {q.id}", q.cue.start, q.cue.end, q.cue.text)
    for p in article.places:
        check(f"place {p.name}", p.start, p.end)
    for d in article.dates:
        check(f"date {d.value}", d.start, d.end, d.text)
    return bad


def test_seed_offsets_point_at_their_text(seed_article):
    assert offsets_hold(seed_article) == []


def test_sample_offsets_point_at_their_text(sample_articles):
    assert len(sample_articles) == 8
    for article in sample_articles:
        assert isinstance(article, Article)
        assert offsets_hold(article) == [], article.id


def test_seed_haniyeh_is_one_actor_with_pronouns(seed_article):
    haniyeh = [a for a in seed_article.actors if a.name == "Ismail Haniyeh"]
    assert len(haniyeh) == 1
    texts = {m.text for m in haniyeh[0].mentions}
    assert {"Ismail Haniyeh", "Haniyeh", "He", "his"} <= texts
    assert haniyeh[0].country == "PSE"


def test_seed_distinct_country_and_org_actors(seed_article):
    by_id = {a.id: a for a in seed_article.actors}
    for iso in ("USA", "ISR", "PAK", "QAT"):
        assert by_id[iso].kind == "country" and by_id[iso].cameo == iso
    assert any(a.cameo == "ISRMIL" for a in seed_article.actors)  # the IDF
    assert any(a.cameo and a.cameo.startswith("IGOUNO") for a in seed_article.actors)


def test_seed_conditional_is_not_an_attack_by_pakistan(seed_article):
    for e in seed_article.events:
        if e.source and e.source.country == "PAK" and e.type in ("ASSAULT", "COERCE", "THREATEN"):
            assert e.hypothetical, e


def test_seed_request_to_pakistan_is_hedged(seed_article):
    asks = [e for e in seed_article.events if e.type == "REQUEST" and e.target
            and e.target.actor == "PAK"]
    assert asks and asks[0].source.name == "Ismail Haniyeh" and asks[0].hedged


def test_seed_accusation_of_us_by_haniyeh(seed_article):
    assert any(e.type == "ACCUSE" and e.source and e.source.name == "Ismail Haniyeh"
               and e.target and e.target.actor == "USA" for e in seed_article.events)


def test_seed_october_7_attack_dated(seed_article):
    attacks = [e for e in seed_article.events if e.type == "ASSAULT" and e.date_text == "October 7"]
    assert attacks and all(e.date == "2023-10-07" for e in attacks)


def test_seed_places_geocoded(seed_article):
    names = {p.name: p for p in seed_article.places}
    assert names["Islamabad"].country == "PAK" and abs(names["Islamabad"].lat - 33.7) < 0.1
    assert names["Qatar"].country == "QAT"
    offensive = [e for e in seed_article.events if e.trigger.text == "offensive" and e.place]
    assert any(e.place.country == "PSE" for e in offensive)


def test_seed_partial_quotes_are_haniyehs(seed_article):
    fragments = {q.text.rstrip("."): q for q in seed_article.quotes if q.kind != "indirect"}
    for text in ("brave", "land of mujahideen", "permanent destruction", "biggest enemies"):
        assert fragments[text].speaker is not None
        assert fragments[text].speaker.name == "Ismail Haniyeh"


def test_negation_future_and_condition_flags():
    article = code("Russia did not send troops to Belarus. China will send aid to Pakistan. "
                   "If Iran attacks Israel, the United States would respond.", published="2024-01-10")
    by_source = {e.source.actor: e for e in article.events if e.source}
    assert by_source["RUS"].negated and not by_source["RUS"].future
    assert by_source["CHN"].future and not by_source["CHN"].negated
    assert by_source["IRN"].type == "ASSAULT" and by_source["IRN"].hypothetical
    assert not by_source["IRN"].is_fact


def test_empty_text_is_rejected_with_code():
    import pytest

    with pytest.raises(ValueError, match="E006"):
        code("   ")


def test_seed_un_call_for_ceasefire_and_arrests(seed_article):
    calls = [e for e in seed_article.events if e.type == "REQUEST" and e.source
             and e.source.actor == "un"]
    assert calls, "the UN's call for a ceasefire"
    arrests = [e for e in seed_article.events if e.type == "COERCE" and e.target
               and "Palestinians" in e.target.text]
    assert arrests and arrests[0].attributed_to.name == "Ismail Haniyeh"
    idf = [e for e in seed_article.events if e.type == "ASSAULT" and e.source and e.source.actor == "idf"]
    assert idf and idf[0].place is not None and idf[0].place.country == "PSE"


def test_every_actor_ref_points_at_a_listed_actor(sample_articles):
    for article in sample_articles:
        ids = {a.id for a in article.actors}
        refs = [r for e in article.events for r in (e.source, e.target, e.attributed_to) if r]
        refs += [q.speaker for q in article.quotes if q.speaker]
        assert all(r.actor in ids for r in refs), article.id


def test_a_paragraph_break_ends_a_sentence():
    from dotterel.nlp.pipeline import load_pipeline

    doc = load_pipeline()("Biden said: “I will not stop until they are all released.”\n\n"
                          "About 240 people were taken captive on October 7.")
    assert [s.text.strip()[:5] for s in doc.sents] == ["Biden", "About"]


def test_a_record_that_breaks_its_batch_costs_only_itself(nlp, monkeypatch):
    """Results stream per record; when one breaks the batch, it becomes E010 and the records
    before and after it are still coded, in input order."""
    import dotterel.pipeline as pipeline
    from dotterel import Settings, code_many
    from dotterel.model import ArticleInput

    real = pipeline.assemble

    def assemble(doc, item, **kwargs):
        if item.id == "bad":
            raise RuntimeError("boom")
        return real(doc, item, **kwargs)

    monkeypatch.setattr(pipeline, "assemble", assemble)
    items = [ArticleInput(id=i, text="Police arrested protesters in Cairo.") for i in ("a", "bad", "c", "d")]
    results = list(code_many(items, settings=Settings(n_process=1, batch_size=4)))
    assert [r.id for r in results] == ["a", "bad", "c", "d"]
    assert [r.ok for r in results] == [True, False, True, True] and results[1].code == "E010"
    coded = [[(e.type, e.trigger) for e in r.events] for r in results if r.ok]
    assert coded[0] and coded == [coded[0]] * 3
