"""Page furniture (``dotterel_furniture``): found on a whole article, kept out of actors,
quotes and events, recorded with the original offsets, greyed on the article page."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotterel import code
from dotterel.model import article_from_dict
from dotterel.nlp.furniture import load_furniture
from dotterel.serve_render import highlight

# Written for this test: a wire story as a crawler keeps it, furniture and all.
ARTICLE = """Image copyright Getty Images Image caption Russian President Vladimir Putin accused Kyiv of attacking a border town

KHARKIV, Ukraine (AP) — Russian forces shelled Kharkiv on Tuesday, killing three civilians, the city's mayor said.

Ukrainian President Volodymyr Zelensky condemned the strike and urged Germany to send more air defence systems.

Ukrainian soldiers fire at Russian positions near Bakhmut. (AP Photo/Evan Vucci)

More: Poland threatens to close its border with Belarus

"We will not stop until the occupiers leave," Zelensky said in a video address.

Sign up for our World Briefing newsletter

Associated Press writer Jane Doe in Kyiv contributed to this report.
"""


def _furniture(article):
    return [(f.kind, article.text[f.start:f.end]) for f in article.furniture]


def test_a_whole_article_keeps_its_furniture_apart(nlp):
    article = code(ARTICLE, published="2023-05-02", id="kharkiv")
    assert article.text == ARTICLE  # the text never changes
    kinds = [kind for kind, _ in _furniture(article)]
    assert kinds == ["caption", "dateline", "caption", "related", "newsletter", "byline"]
    assert ("dateline", "KHARKIV, Ukraine (AP) —") in _furniture(article)
    spans = [(f.start, f.end) for f in article.furniture]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    assert not [m for a in article.actors for m in a.mentions if inside(m.start, m.end)]
    assert not [e for e in article.events if inside(e.trigger.start, e.trigger.end)]
    assert not [q for q in article.quotes if inside(q.start, q.end)]
    # the article's own events are still coded, the dateline's place is still read
    types = {(e.type, e.trigger.text) for e in article.events}
    assert ("ASSAULT", "shelled") in types and ("REQUEST", "urged") in types
    assert not any(e.trigger.text in ("accused", "threatens", "fire") for e in article.events)
    assert "Kharkiv" in {p.name for p in article.places}
    assert any(q.text.startswith("We will not stop") for q in article.quotes)


def test_furniture_goes_through_the_record_and_back(nlp):
    article = code(ARTICLE, published="2023-05-02", id="kharkiv")
    data = article.to_dict()
    start = ARTICLE.index("KHARKIV")
    assert data["furniture"][1] == {"start": start, "end": start + 23, "kind": "dateline"}
    assert article_from_dict(data) == article
    old = {k: v for k, v in data.items() if k != "furniture"}  # a record written before the field
    assert article_from_dict(old).furniture == ()


def test_the_article_page_greys_furniture_and_escapes_it():
    text = "<b>Photo</b> (AP Photo/Evan Vucci)\n\nRussia attacked Kyiv."
    record = {"text": text, "furniture": [{"start": 0, "end": 34, "kind": "caption"}],
              "actors": [{"mentions": [{"start": 36, "end": 42}]}]}
    pieces = highlight(record)
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.furniture] == [text[:34]]
    assert not any(p.furniture for p in pieces if p.kind == "actor")
    from dotterel.serve import _templates  # the page's own environment: autoescaping on

    html = _templates().get_template("_article_view.html").render(
        view={"record": {"id": "x", "published": None, "title": None, "events": [], **record}, "groups": [(None, pieces)],
              "counts": dict.fromkeys(("actors", "events", "quotes", "places", "dates"), 0)}, has_corpus=False)
    assert '<span class="furniture"' in html and "&lt;b&gt;Photo&lt;/b&gt;" in html
    assert "<b>Photo" not in html


# ---------------------------------------------------------------- invariants

SENTENCE = st.sampled_from([
    "Russia attacked Ukraine on Monday.", "The minister said talks would resume.",
    "Protesters gathered in Tehran.", "Officials in Beirut denied the report.",
    "By Monday, the troops had left.", "More than 200 people were killed.",
    "Share prices fell sharply.", "NATO - the alliance - met on Friday."])
FURNITURE = st.sampled_from([
    "Image copyright AFP Image caption Troops in Kyiv", "WASHINGTON (Reuters) -", "Advertisement",
    "More: Trump says Iran will pay", "Sign up for Daily Newsletters", "(Jim Young/Reuters)",
    "Skip Twitter post by @x", "Read more:", "By Jane Doe, Staff Writer"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(st.lists(st.tuples(SENTENCE, st.booleans(), FURNITURE), min_size=1, max_size=8))
def test_spans_slice_the_text_and_article_text_is_never_furniture(parts):
    book = load_furniture()
    text = "\n\n".join(f"{sentence}\n\n{furniture}" if add else sentence for sentence, add, furniture in parts)
    found = book.find(text)
    assert all(0 <= f.start < f.end <= len(text) and text[f.start:f.end].strip() == text[f.start:f.end]
               for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))  # in order, never overlapping
    # every article sentence lies outside every span; every furniture line added is found
    for m in re.finditer("|".join(re.escape(s) for s in {p[0] for p in parts}), text):
        assert not any(f.start < m.end() and m.start() < f.end for f in found), m.group()
    assert len(found) >= sum(add for _, add, _ in parts)


@FAST
@given(st.lists(SENTENCE, min_size=1, max_size=10))
def test_plain_article_text_has_no_furniture(sentences):
    assert load_furniture().find("\n\n".join(sentences)) == []
    assert load_furniture().find(" ".join(sentences)) == []
