"""Statements as verbal events and the inflammatory flag (dotterel/statements.py).

Every sentence here is written for these tests; the people named are fictional."""
from __future__ import annotations

import pytest

from dotterel import code
from dotterel.errors import ConfigError
from dotterel.model import Article, Event, Quote
from dotterel.statements import load_inflammatory, load_statements


def coded(text: str) -> Article:
    return code(text, published="2024-03-01", id="t")


def only_quote(article: Article) -> Quote:
    assert len(article.quotes) == 1, [q.text for q in article.quotes]
    return article.quotes[0]


def statement(article: Article) -> Event | None:
    """The one event linked to the article's one quote (None when there is none)."""
    quote = only_quote(article)
    events = [e for e in article.events if e.id in quote.events]
    assert all(e.quote == quote.id for e in events)
    assert len(events) <= 1, [e.type for e in events]
    return events[0] if events else None


# (text, type, CAMEO code, speaker name, target name or None)
STATEMENTS = [
    # the cue verb says what the speech act is, though the coder found no event there
    ('"We never sent troops across the border," the Defence Ministry of Moldova denied.',
     "REJECT", "120", "Defence Ministry of Moldova", None),
    # a neutral cue and accusing content
    ('"Russia is responsible for war crimes in Bucha," Foreign Minister Anna Berg said.',
     "ACCUSE", "112", "Anna Berg", "Russia"),
    # praise
    ('"Kenya has been a true friend to our people," President Amara Diallo said.',
     "SUPPORT", "051", "Amara Diallo", "Kenya"),
    # a threat, aimed at the subject of the content
    ('"Moldova will pay a heavy price for this provocation," General Piotr Nowak told reporters.',
     "THREATEN", "130", "Piotr Nowak", "Moldova"),
    # a negated acceptance is a rejection, aimed at whoever the ultimatum is from (a capital
    # the NER missed stands for its country)
    ('"We do not accept this ultimatum from Ankara," President Amara Diallo said.',
     "REJECT", "120", "Amara Diallo", "Turkey"),
    # a performative appeal outranks the accusation in the same words
    ('"We call on Serbia to stop the ethnic cleansing," President Amara Diallo said.',
     "REQUEST", None, "Amara Diallo", "Serbia"),
    # partial quote: the target is whom the cue governs, not the quote's words
    ('Cleric Yusuf Amin referred to Georgia as "brave" in his sermon.',
     "SUPPORT", "051", "Yusuf Amin", "Georgia"),
]


@pytest.mark.parametrize("text,kind,cameo,speaker,target", STATEMENTS)
def test_statement_events(nlp, text, kind, cameo, speaker, target):
    article = coded(text)
    event = statement(article)
    assert event is not None, text
    assert event.type == kind and (cameo is None or event.cameo.code == cameo)
    assert event.source is not None and speaker in event.source.name
    assert event.attributed_to is not None and event.attributed_to.actor == event.source.actor
    assert (event.target.name if event.target else None) == target
    assert only_quote(article).events == (event.id,)


def test_explanation_names_cue_and_content(nlp):
    event = statement(coded('"Russia is responsible for war crimes in Bucha," Foreign Minister Anna Berg said.'))
    assert event is not None
    assert "statement: cue 'said' / content 'responsible for'" in event.explanation


@pytest.mark.parametrize("text", [
    # negated accusation: no event (and no flip)
    '"Russia was not responsible for the explosion," Foreign Minister Anna Berg said.',
    '"Russia did not commit genocide," Foreign Minister Anna Berg said.',
    # a plain neutral statement
    '"The talks will resume in Geneva next week," Foreign Minister Anna Berg said.',
    # a weak "must" with nobody asked to do anything
    '"Animal welfare must come first," the farm minister said.',
    # the speaker reports someone else's rejection: not the speaker's own act
    '"Russia rejected the plan on Monday," Foreign Minister Anna Berg said.',
])
def test_no_statement_event(nlp, text):
    assert statement(coded(text)) is None


def test_unknown_speaker_gives_no_statement(nlp):
    article = coded('"Israel is responsible for war crimes in Gaza."')
    quote = only_quote(article)
    assert quote.speaker is None and quote.events == ()
    assert not any(e.quote for e in article.events)


def test_existing_cue_event_is_linked_not_duplicated(nlp):
    article = coded("Defence Minister Piotr Nowak warned Belarus that any incursion would be met with force.")
    event = statement(article)
    assert event is not None and event.type == "THREATEN" and event.target.name == "Belarus"
    assert event.explanation.startswith("lexicon warn")  # the coder's event, linked
    assert sum(e.trigger.text == "warned" for e in article.events) == 1


def test_existing_content_event_gets_the_speaker_as_source(nlp):
    article = coded('Prime Minister Omar Said met the emir in Doha. "We thank Qatar for its help," he added.')
    event = statement(article)
    assert event is not None and event.type == "SUPPORT" and event.trigger.text == "thank"
    assert event.source is not None and event.source.name == "Omar Said"
    assert sum(e.type == "SUPPORT" for e in article.events) == 1


def test_article_ids_link_both_ways(nlp):
    article = coded('"Moldova will pay a heavy price for this provocation," General Piotr Nowak told reporters.')
    quote = only_quote(article)
    assert quote.id == "t:q1" and quote.events and quote.events[0].startswith("t:e")
    record = article.to_dict()
    assert list(record["quotes"][0])[-3:] == ["events", "inflammatory", "inflammatory_terms"]
    assert list(record["events"][-1])[-3:] == ["quote", "mentions", "n_mentions"]


@pytest.mark.parametrize("text,term", [
    ('"These people are vermin," Senator Carl Voss said of the migrants.', "vermin"),
    ('The minister called the migrants "animals" during the debate.', "animals"),
    ('Cleric Yusuf Amin referred to Christians as the "worst enemies" of the faith.', "worst enemies"),
    ('"We will wipe Armenia off the map," the commander said.', "wipe Armenia off"),
    ('"Hamas are animals and we will crush them," Defence Minister Piotr Nowak said.', "animals"),
])
def test_inflammatory_true(nlp, text, term):
    quote = only_quote(coded(text))
    assert quote.inflammatory
    assert [t.text for t in quote.inflammatory_terms] == [term]
    assert all(quote.start <= t.start and t.end <= quote.end for t in quote.inflammatory_terms)


@pytest.mark.parametrize("text", [
    "Two soldiers were wounded by enemy fire, the army said.",
    '"Animal welfare must come first," the farm minister said.',
    '"Iran is our enemy," General Piotr Nowak said.',  # a state calling another an enemy
    '"Rats have invaded the subway," Mayor Tom Lopez said.',
    '"The savage attack killed four people," Mayor Tom Lopez said.',
])
def test_inflammatory_false(nlp, text):
    quote = only_quote(coded(text))
    assert not quote.inflammatory and quote.inflammatory_terms == ()


def test_inflammatory_label_is_the_speakers_denunciation(nlp):
    event = statement(coded('The minister called the migrants "animals" during the debate.'))
    assert event is not None and event.type == "ACCUSE" and event.cameo.code == "111"
    assert "inflammatory" in event.explanation


def test_reporter_words_are_not_flagged(nlp):
    # the outlet's own "enemy" is not the speaker's
    article = coded('Enemies of the Jews, the agency wrote, "are everywhere."')
    assert not any(q.inflammatory for q in article.quotes)


def test_seed_partial_quotes(seed_article):
    by_text = {q.text.strip(' ."'): q for q in seed_article.quotes}
    brave, enemies = by_text["brave"], by_text["biggest enemies"]
    events = {e.id: e for e in seed_article.events}
    praise = [events[i] for i in brave.events]
    assert [(e.type, e.cameo.code, e.target.name) for e in praise] == [("SUPPORT", "051", "Pakistan")]
    assert praise[0].source.name == "Ismail Haniyeh"
    assert enemies.inflammatory and [t.text for t in enemies.inflammatory_terms] == ["biggest enemies"]
    assert enemies.speaker is not None and enemies.speaker.name == "Ismail Haniyeh"


def test_data_files_validate(tmp_path):
    lex = load_statements()
    assert lex.cues["accuse"][0].type == "ACCUSE" and "say" in lex.neutral
    assert "vermin" in load_inflammatory().dehumanise
    bad = tmp_path / "bad.yaml"
    bad.write_text('cues:\n  - {lemma: praise, type: SUPPORT, cameo: "111"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="E014"):
        load_statements(str(bad))


TINY_GOLD = [
    {"id": "s1", "published": "2024-03-01",
     "text": '"Russia is responsible for war crimes in Bucha," Foreign Minister Anna Berg said. '
             '"The talks will resume in Geneva," she added.',
     "quotes": [{"kind": "direct", "text": "Russia is responsible for war crimes in Bucha,",
                 "speaker": ["Anna Berg"], "event": "ACCUSE", "inflammatory": False},
                {"kind": "direct", "text": "The talks will resume in Geneva,", "speaker": ["Anna Berg"],
                 "event": None, "inflammatory": False}]},
    {"id": "s2", "published": "2024-03-01",
     "text": '"These people are vermin," Senator Carl Voss said of the migrants.',
     "quotes": [{"kind": "direct", "text": "These people are vermin,", "speaker": ["Carl Voss"],
                 "inflammatory": True}]},
]


def test_evaluator_scores_statement_labels(nlp, tmp_path):
    import json

    from dotterel.eval_quotes import evaluate_quotes, read_quote_gold
    from dotterel.evaluate import run_eval

    path = tmp_path / "statements.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in TINY_GOLD), encoding="utf-8")
    data = evaluate_quotes(read_quote_gold(path)).as_dict()
    assert data["statements"]["labelled"] == 2 and data["statements"]["type_accuracy"] == 1.0
    assert data["statements"]["by_stage"] == {"statements": 1, "statements right": 1}
    assert data["inflammatory"]["labelled"] == 3 and data["inflammatory"]["recall"] == 1.0
    text = run_eval(path)
    assert "statement events" in text and "inflammatory flag" in text


def test_statement_floors_on_our_gold(nlp):
    """Figures in the README; statement precision is kept above recall (conservative rules)."""
    from pathlib import Path

    from dotterel.eval_quotes import evaluate_quotes, read_quote_gold

    gold = Path(__file__).parent / "data" / "quotes_gold.jsonl"
    data = evaluate_quotes(read_quote_gold(gold)).as_dict()
    assert data["statements"]["labelled"] >= 40 and data["statements"]["type_accuracy"] >= 0.85
    assert data["statements"]["by_stage"]["statements right"] >= 0.9 * data["statements"]["by_stage"]["statements"]
    assert data["inflammatory"]["precision"] >= 0.75 and data["inflammatory"]["recall"] >= 0.6


def test_the_writers_own_words_state_no_event():
    article = code('"You are very brave," I said to the senator. "We condemn this attack," Ruto said.',
                   published="2024-06-26")
    # the writer's line gives nothing; Ruto's words are his condemnation (and the attack
    # condemned, kept without a named author, which the learned role filler may guess)
    assert {e.source.name for e in article.events if e.source} == {"William Ruto"}
    assert [e.type for e in article.events if e.source and "learned role model" not in e.explanation] == ["ACCUSE"]


def test_a_reproach_is_criticism_not_a_demand_and_a_show_is_no_target():
    article = code("Tillis said that Clinton should have contacted the FBI in 2016.", published="2019-05-01")
    assert [(e.type, e.cameo.code) for e in article.events] == [("ACCUSE", "111")]
    article = code('"The president is guilty of abuse of power," Schiff said on CBS News\' Face the Nation.',
                   published="2019-05-01")
    assert [e.target for e in article.events if e.type == "ACCUSE"] == [None]
