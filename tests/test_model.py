"""The record model serialises to exactly the contract's shape."""
from dotterel.model import (
    PLOVER_TYPES,
    Actor,
    ActorRef,
    Article,
    CameoCode,
    DateMention,
    ErrorRecord,
    Event,
    Place,
    Quote,
    TextSpan,
)

ARTICLE_KEYS = {"id", "published", "title", "source", "url", "text", "actors", "events", "quotes", "coder",
                "places", "dates"}
EVENT_KEYS = {"id", "type", "mode", "context", "cameo", "source", "target", "date", "date_text",
              "place", "negated", "hypothetical", "future", "hedged", "attributed_to", "trigger",
              "sentence", "confidence"}
REF_KEYS = {"actor", "name", "country", "cameo", "text", "start", "end"}
PLACE_KEYS = {"name", "geonameid", "lat", "lon", "country", "start", "end"}


def _ref() -> ActorRef:
    return ActorRef(actor="PAK", name="Pakistan", country="PAK", cameo="PAK", text="Pakistan",
                    start=0, end=8)


def test_sixteen_plover_types_in_four_quads():
    assert len(PLOVER_TYPES) == 16
    assert sorted(set(PLOVER_TYPES.values())) == [1, 2, 3, 4]


def test_article_dict_has_contract_keys():
    place = Place(name="Gaza", geonameid=281133, lat=31.5, lon=34.47, country="PSE", start=20, end=24)
    event = Event(id="a:e1", type="ASSAULT", mode=None, context=("military",),
                  cameo=CameoCode(code="190", root="19", quad_class=4, goldstein=-10.0),
                  source=_ref(), target=None, trigger=TextSpan(start=9, end=15, text="struck"),
                  sentence=(0, 25), date="2023-10-07", date_text="October 7", place=place)
    article = Article(
        id="a", text="Pakistan struck in Gaza.", published="2023-12-07",
        actors=(Actor(id="PAK", name="Pakistan", kind="country", country="PAK", cameo="PAK",
                      mentions=(TextSpan(start=0, end=8, text="Pakistan"),)),),
        events=(event,), places=(place,),
        quotes=(Quote(id="a:q1", kind="direct", text="x", start=0, end=1, speaker=_ref(), cue=None),),
        dates=(DateMention(text="October 7", start=0, end=9, value="2023-10-07", granularity="day"),))
    data = article.to_dict()
    assert set(data) == ARTICLE_KEYS | {"furniture"}  # an extension: page furniture spans
    assert EVENT_KEYS <= set(data["events"][0])
    assert set(data["events"][0]["source"]) == REF_KEYS
    assert data["events"][0]["cameo"] == {"code": "190", "root": "19", "quad_class": 4, "goldstein": -10.0}
    assert data["events"][0]["sentence"] == {"start": 0, "end": 25}
    assert set(data["places"][0]) == PLACE_KEYS | {"precision", "admin1"}  # extensions: what and where
    assert set(data["actors"][0]) == {"id", "name", "kind", "country", "cameo", "sector", "wikidata", "mentions"}
    assert set(data["quotes"][0]) >= {"id", "kind", "text", "start", "end", "speaker", "cue"}
    assert set(data["dates"][0]) == {"text", "start", "end", "value", "granularity"}


def test_event_is_fact_only_when_unqualified():
    base = dict(id="e", type="ASSAULT", mode=None, context=(), source=None, target=None,
                cameo=CameoCode(code="190", root="19", quad_class=4, goldstein=-10.0),
                trigger=TextSpan(start=0, end=1, text="x"), sentence=(0, 1))
    assert Event(**base).is_fact
    assert not Event(**base, hypothetical=True).is_fact
    assert not Event(**base, negated=True).is_fact
    assert Event(**base, hedged=True).is_fact  # hedged is reported, just less certain


def test_error_record_shape():
    data = ErrorRecord(id="x", code="E004", message="[E004] bad", origin="f.jsonl:2").to_dict()
    assert data["error"] == {"code": "E004", "message": "[E004] bad"}
    assert data["id"] == "x"
