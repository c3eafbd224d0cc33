"""One event, one record per article (event_mentions): which tellings merge and which do not,
on hand-built records, and the switch end to end."""
from __future__ import annotations

from dataclasses import replace

from dotterel import code
from dotterel.config import Settings
from dotterel.event_mentions import merge_mentions
from dotterel.model import (
    ActorRef,
    Article,
    CameoCode,
    Event,
    Place,
    Quote,
    TextSpan,
    article_from_dict,
)
from dotterel.output import event_rows


def ref(actor: str) -> ActorRef:
    return ActorRef(actor=actor, name=actor, country=None, cameo=None, text=actor, start=0, end=1)


def ev(n: int, sentence: int, *, kind: str = "ASSAULT", code_: str = "195", source: str | None = "RUS",
       target: str | None = "UKR", **extra: object) -> Event:
    start = sentence * 100 + 10
    fields: dict[str, object] = {
        "id": f"a:e{n}", "type": kind, "mode": None, "context": (),
        "cameo": CameoCode(code=code_, root=code_[:2], quad_class=4, goldstein=-10.0),
        "source": ref(source) if source else None, "target": ref(target) if target else None,
        "trigger": TextSpan(start=start, end=start + 6, text="struck"),
        "sentence": (sentence * 100, sentence * 100 + 90), "date": "2024-03-04",
        "date_source": "publication", "date_precision": "day", "confidence": 0.4}
    fields.update(extra)
    return Event(**fields)  # type: ignore[arg-type]


def merged(*events: Event, quotes: tuple[Quote, ...] = ()) -> list[Event]:
    return list(merge_mentions(Article(id="a", text="x" * 1000, events=events, quotes=quotes)).events)


def test_headline_lead_and_body_are_one_event_with_three_mentions():
    first, lead, body = ev(1, 0), ev(2, 1, confidence=0.7), ev(3, 4, date="2024-03-03", date_source="text",
                                                               date_text="Sunday")
    (record,) = merged(first, lead, body)
    assert record.id == "a:e1" and record.n_mentions == 3
    assert [m.start for m in record.mentions] == [10, 110, 410]
    assert record.confidence == 0.7  # right if any telling is
    assert (record.date, record.date_source, record.date_text) == ("2024-03-03", "text", "Sunday")


def test_two_strikes_on_different_days_stay_two():
    monday = ev(1, 0, date="2024-03-04", date_source="text")
    friday = ev(2, 3, date="2024-03-08", date_source="text")
    assert [e.n_mentions for e in merged(monday, friday)] == [1, 1]
    in_march = ev(3, 5, date="2024-03-01", date_source="text", date_precision="month")
    assert [e.n_mentions for e in merged(monday, in_march)] == [2]  # "in March" holds Monday


def test_other_actors_type_or_modality_are_other_events():
    base = ev(1, 0)
    for other in (ev(2, 1, target="GEO"), ev(2, 1, source="BLR"), ev(2, 1, kind="COERCE", code_="173"),
                  ev(2, 1, code_="190"), ev(2, 1, negated=True), ev(2, 1, hypothetical=True),
                  ev(2, 1, future=True)):
        assert len(merged(base, other)) == 2, other


def test_same_sentence_unknown_actors_and_distinct_places_stay_apart():
    assert len(merged(ev(1, 0), replace(ev(2, 0), trigger=TextSpan(start=50, end=56, text="struck")))) == 2
    assert len(merged(ev(1, 0, source=None, target=None), ev(2, 1, source=None, target=None))) == 2
    kyiv = Place(name="Kyiv", geonameid=703448, lat=50.4, lon=30.5, country="UKR", start=0, end=4, precision="city")
    lviv = replace(kyiv, name="Lviv", geonameid=702550)
    ukraine = replace(kyiv, name="Ukraine", geonameid=690791, precision="country")
    assert len(merged(ev(1, 0, place=kyiv), ev(2, 1, place=lviv))) == 2
    (record,) = merged(ev(1, 0, place=ukraine), ev(2, 1, place=kyiv))
    assert record.place == ukraine


def test_quote_links_follow_the_record():
    quote = Quote(id="a:q1", kind="direct", text="...", start=400, end=480, speaker=None, cue=None,
                  events=("a:e2",))
    article = merge_mentions(Article(id="a", text="x" * 1000, events=(ev(1, 0), ev(2, 4, quote="a:q1")),
                                     quotes=(quote,)))
    assert article.quotes[0].events == ("a:e1",) and article.events[0].quote == "a:q1"


def test_mentions_survive_the_record_round_trip_and_the_flat_row():
    article = merge_mentions(Article(id="a", text="x" * 1000, events=(ev(1, 0), ev(2, 1))))
    assert article_from_dict(article.to_dict()) == article
    assert [row["n_mentions"] for row in event_rows(article)] == [2]
    assert article.to_dict()["events"][0]["n_mentions"] == 2


TEXT = ("Russia strikes Kyiv. Russia struck Kyiv on Monday, officials said. "
        "The Kremlin said Russia struck Kyiv in response.")


def test_switch_end_to_end():
    merged_article = code(TEXT, published="2024-03-05")
    apart = code(TEXT, published="2024-03-05", settings=Settings(merge_mentions=False))
    assert len(merged_article.events) < len(apart.events)
    record = next(e for e in merged_article.events if e.n_mentions > 1)
    assert {m.start for m in record.mentions} <= {e.trigger.start for e in apart.events}
    assert all(e.n_mentions == 1 and not e.mentions for e in apart.events)
