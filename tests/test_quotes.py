"""Quote spans from raw text (including the multi-paragraph convention) and their speakers."""
import pytest

from dotterel.quotes import find_quote_spans


def spans(text):
    return [text[s:e] for s, e in find_quote_spans(text)]


def test_straight_and_curly_quotes():
    assert spans('He said "we will stay" and \u201cwe will win.\u201d') == ["we will stay", "we will win."]


def test_split_quote_gives_two_spans():
    text = '"We will not," he said, "surrender."'
    assert spans(text) == ["We will not,", "surrender."]


def test_multi_paragraph_quote_opens_per_paragraph_and_closes_once():
    text = 'She said: "The first part.\n\n"The second part."\n\nAfter.'
    assert spans(text) == ['The first part.\n\n"The second part.']


def test_unbalanced_mark_does_not_swallow_the_article():
    text = 'A stray " mark here.\n\nA new paragraph with "a quote" in it.'
    assert spans(text) == ["a quote"]


def test_speaker_from_cue_verb(nlp):
    from dotterel import code

    article = code('"We will not surrender," President Zelensky said on Monday.', published="2023-03-01")
    quote = article.quotes[0]
    assert quote.kind == "direct" and quote.speaker is not None
    assert "Zelensky" in quote.speaker.name and quote.cue.text == "said"


def test_archive_style_double_apostrophes_and_sloppy_closers():
    assert spans("He said ''we will stay'' today.") == ["we will stay"]
    assert spans('A \u201cHe said "go" now\u201d b.') == ['He said "go" now']  # straight quote nested in curly
    assert spans('\u201cWe tried, too" Sweeny said. "It is over.\u201d') == ["We tried, too", "It is over."]


def quotes_of(text):
    from dotterel import code

    return [(q.kind, q.text, q.speaker.name if q.speaker else None)
            for q in code(text, published="2024-03-12").quotes]


# (text, expected (kind, quote text, speaker name) in order); invented sentences, fictional people
CASES = [
    ('"We will not give up a village," President Viktor Petrenko said, "and we will not negotiate."',
     [("direct", "We will not give up a village,", "Viktor Petrenko"),
      ("direct", "and we will not negotiate.", "Viktor Petrenko")]),
    ("Kenji Watanabe warned that tariffs would hurt both sides. Talks will resume on Tuesday, he said.",
     [("indirect", "tariffs would hurt both sides", "Kenji Watanabe"),
      ("indirect", "Talks will resume on Tuesday", "Kenji Watanabe")]),
    ("According to Amnesty International, at least 40 people were detained. The convoy was hit near "
     "the crossing, according to two aid workers.",
     [("indirect", "at least 40 people were detained", "Amnesty International"),
      ("indirect", "The convoy was hit near the crossing", "two aid workers")]),
    ("Kenya's president, William Otieno, announced that the country would send 500 officers.",
     [("indirect", "the country would send 500 officers", "William Otieno")]),
    ('Grace Mwangi, a nurse, spoke on Monday. "We are not paid," Mwangi said. "Nobody listens."',
     [("direct", "We are not paid,", "Grace Mwangi"), ("direct", "Nobody listens.", "Grace Mwangi")]),
    ('Sara Lindgren took the stage. \u201cI am here to apologise,\u201d the chief executive said.',
     [("direct", "I am here to apologise,", "Sara Lindgren")]),
    ('"Nobody wants a shutdown." That was the message from Senate leader Rebecca Lowe.',
     [("direct", "Nobody wants a shutdown.", "Rebecca Lowe")]),
    ("The Kremlin dismissed the report as \"fantasy\".", [("partial", "fantasy", "Russia")]),
    ("Asked whether she would run again, Senator Ingrid Holm smiled. Holm did not say which seat she wanted.",
     []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quote_cases(nlp, text, expected):
    got = quotes_of(text)
    assert [(k, t) for k, t, _ in got] == [(k, t) for k, t, _ in expected]
    for (_, _, want), (_, _, name) in zip(expected, got):
        assert name is not None and (want in name or name in want), (want, name)


def test_unnamed_speaker_is_kept_and_listed_as_an_actor(nlp):
    from dotterel import code

    article = code("Organisers said the march will go ahead on Monday.", published="2024-03-12")
    quote = article.quotes[0]
    assert quote.speaker is not None and quote.speaker.actor.startswith("speaker:")
    listed = {a.id: a for a in article.actors}
    assert quote.speaker.text == "Organisers" and listed[quote.speaker.actor].kind == "group"


def test_multi_paragraph_quote_takes_the_cue_after_its_last_paragraph(nlp):
    text = ('Jorge Salcedo described the flood.\n\n"The water came up first. The market went under.\n\n'
            '"We lost everything," Salcedo said.\n\nRepairs will take months.')
    [(kind, quote, speaker)] = quotes_of(text)
    assert kind == "direct" and quote.startswith("The water") and quote.endswith("everything,")
    assert speaker == "Jorge Salcedo"


def test_said_wins_over_an_overlapping_according_to(nlp):
    got = quotes_of("Wang said that Washington had to choose, according to China's foreign ministry.")
    assert [(k, t) for k, t, _ in got] == [("indirect", "Washington had to choose")]
