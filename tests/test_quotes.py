"""Quote spans from raw text, including the multi-paragraph convention."""
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
