"""The record model every stage shares: small frozen dataclasses with ``to_dict``.

The dict shapes follow ``docs/contract.md`` exactly; fields beyond the contract are
extensions (``explanation``, ``quote``, ``mentions`` and ``n_mentions`` on events; ``confidence``, ``events``,
``inflammatory`` and ``inflammatory_terms`` on quotes), emitted after the contract fields,
and never replace a contract field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
"""The 16 PLOVER event types and their QuadClass (1 verbal coop ... 4 material conflict)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organisation | country | armed_group | igo | party | group | place | name
    country: str | None = None
    cameo: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    mentions: tuple[TextSpan, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "cameo": self.cameo, "sector": self.sector, "wikidata": self.wikidata,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorRef:
    """One actor as it appears at one place in the text."""

    actor: str
    name: str
    country: str | None
    cameo: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor, "name": self.name, "country": self.country,
            "cameo": self.cameo, "text": self.text, "start": self.start, "end": self.end,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class CameoCode:
    code: str
    root: str
    quad_class: int
    goldstein: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "root": self.root, "quad_class": self.quad_class,
                "goldstein": self.goldstein}


@dataclass(frozen=True, kw_only=True, slots=True)
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    start: int
    end: int
    precision: str | None = None
    """What the place is: country, admin1, admin2, city or region (``columns.PLACES``)."""
    admin1: str | None = None
    """The first-level division (state, province) it is or lies in, GeoNames' name."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "geonameid": self.geonameid, "lat": self.lat,
                "lon": self.lon, "country": self.country, "start": self.start, "end": self.end,
                "precision": self.precision, "admin1": self.admin1}


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str  # YYYY-MM-DD
    granularity: str  # day | week | month | year

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "granularity": self.granularity}


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: CameoCode
    source: ActorRef | None
    target: ActorRef | None
    trigger: TextSpan
    sentence: tuple[int, int]
    date: str | None = None
    date_text: str | None = None
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    hedged: bool = False
    attributed_to: ActorRef | None = None
    confidence: float = 0.5
    explanation: str = ""
    quote: str | None = None
    """Id of the quote this event was coded from or linked to (a statement), if any."""
    date_precision: str | None = None
    """How exact ``date`` is: day | week | month | year (the date mention's granularity)."""
    date_source: str | None = None
    """Where ``date`` comes from: "text" (a date the clause names) or "publication"."""
    mentions: tuple[TextSpan, ...] = ()
    """The trigger of every telling when the article tells this event more than once (the
    headline, the lead, the body), in text order, this record's own among them; empty when
    it is told once (``event_mentions``)."""

    @property
    def n_mentions(self) -> int:
        """How many times the article tells this event."""
        return max(1, len(self.mentions))

    @property
    def is_fact(self) -> bool:
        """True when the text reports the event as having happened, unqualified."""
        return not (self.negated or self.hypothetical or self.future)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
            "cameo": self.cameo.to_dict(),
            "source": _opt(self.source), "target": _opt(self.target),
            "date": self.date, "date_text": self.date_text, "place": _opt(self.place),
            "negated": self.negated, "hypothetical": self.hypothetical,
            "future": self.future, "hedged": self.hedged,
            "attributed_to": _opt(self.attributed_to),
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "confidence": self.confidence, "date_precision": self.date_precision,
            "date_source": self.date_source, "explanation": self.explanation,
            "quote": self.quote, "mentions": [m.to_dict() for m in self.mentions],
            "n_mentions": self.n_mentions,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    id: str
    kind: str  # direct | indirect | partial
    text: str
    start: int
    end: int
    speaker: ActorRef | None
    cue: TextSpan | None
    confidence: float = 0.5
    events: tuple[str, ...] = ()
    """Ids of the verbal events this quote states (see ``statements``)."""
    inflammatory: bool = False
    """The speaker vilifies or dehumanises a people in it; the outlet only reports it."""
    inflammatory_terms: tuple[TextSpan, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text, "start": self.start,
                "end": self.end, "speaker": _opt(self.speaker), "cue": _opt(self.cue),
                "confidence": self.confidence, "events": list(self.events),
                "inflammatory": self.inflammatory,
                "inflammatory_terms": [t.to_dict() for t in self.inflammatory_terms]}


@dataclass(frozen=True, kw_only=True, slots=True)
class Coder:
    """What coded a record: the dotterel version and short sha256 hashes of the knowledge it
    used (``versions.coder_for``), so a series that changes with the coder can say so."""

    version: str
    kb: str
    """Actor knowledge base: countries, actors and sectors, with any user ``--actors`` files."""
    lexicon: str
    """Trigger lexicon, CAMEO table, statement cues and word classes."""
    rules: str
    """Event rules, with the rules switched off."""
    gazetteer: str
    """Gazetteer additions and the GeoNames packages' versions."""
    roles: str
    """Learned role filler: a hash of its weights, or "off"."""
    triggers: str
    """Learned trigger detector: a hash of its weights, or "off"."""
    spacy: str
    """The spaCy pipeline and its version."""

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "kb": self.kb, "lexicon": self.lexicon,
                "rules": self.rules, "gazetteer": self.gazetteer, "roles": self.roles,
                "triggers": self.triggers, "spacy": self.spacy}

    @property
    def label(self) -> str:
        """One line for flat rows and tables: ``0.1.0 kb:1a2b3c4d lexicon:... spacy:...``."""
        parts = self.to_dict()
        return parts.pop("version") + "".join(f" {k}:{v}" for k, v in parts.items())


@dataclass(frozen=True, kw_only=True, slots=True)
class Furniture:
    """Page furniture (a caption, credit, dateline, byline, sign-up or link line): no actor,
    quote or event is taken from inside it."""

    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    coder: Coder | None = None
    """The dotterel version and knowledge it was coded with (an extension, after the rest)."""

    ok = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "published": self.published, "title": self.title,
            "source": self.source, "url": self.url, "text": self.text,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "furniture": [f.to_dict() for f in self.furniture],
            "coder": _opt(self.coder),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ErrorRecord:
    """Stands in a batch for an input that could not be coded, in its input position."""

    id: str | None
    code: str
    message: str
    origin: str | None = None  # "file:line" the record came from

    ok = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "origin": self.origin,
                "error": {"code": self.code, "message": self.message}}


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleInput:
    """An article as read from input, before coding."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _opt(value: Any) -> Any:
    return None if value is None else value.to_dict()


def article_from_dict(d: dict[str, Any]) -> Article:
    """The Article record back from its ``to_dict`` form (``article_from_dict(a.to_dict()) == a``).
    Records written before a field existed read with its default."""
    def ref(r: dict[str, Any] | None) -> ActorRef | None:
        return None if r is None else ActorRef(**r)

    def place(p: dict[str, Any] | None) -> Place | None:
        return None if p is None else Place(**p)

    def event(e: dict[str, Any]) -> Event:
        return Event(id=e["id"], type=e["type"], mode=e["mode"], context=tuple(e["context"]),
                     cameo=CameoCode(**e["cameo"]), source=ref(e["source"]), target=ref(e["target"]),
                     trigger=TextSpan(**e["trigger"]),
                     sentence=(e["sentence"]["start"], e["sentence"]["end"]), date=e["date"],
                     date_text=e["date_text"], place=place(e["place"]), negated=e["negated"],
                     hypothetical=e["hypothetical"], future=e["future"], hedged=e["hedged"],
                     attributed_to=ref(e["attributed_to"]), confidence=e["confidence"],
                     explanation=e["explanation"], quote=e.get("quote"),
                     date_precision=e.get("date_precision"), date_source=e.get("date_source"),
                     mentions=tuple(TextSpan(**m) for m in e.get("mentions") or ()))

    def quote(q: dict[str, Any]) -> Quote:
        return Quote(id=q["id"], kind=q["kind"], text=q["text"], start=q["start"], end=q["end"],
                     speaker=ref(q["speaker"]), cue=None if q["cue"] is None else TextSpan(**q["cue"]),
                     confidence=q["confidence"], events=tuple(q.get("events") or ()),
                     inflammatory=q.get("inflammatory", False),
                     inflammatory_terms=tuple(TextSpan(**t) for t in q.get("inflammatory_terms") or ()))

    return Article(
        id=d["id"], text=d["text"], published=d["published"], title=d["title"],
        source=d["source"], url=d["url"],
        actors=tuple(Actor(**{**a, "mentions": tuple(TextSpan(**m) for m in a["mentions"])})
                     for a in d["actors"]),
        events=tuple(event(e) for e in d["events"]), quotes=tuple(quote(q) for q in d["quotes"]),
        places=tuple(Place(**p) for p in d["places"]),
        dates=tuple(DateMention(**x) for x in d["dates"]),
        furniture=tuple(Furniture(**f) for f in d.get("furniture") or ()),
        coder=Coder(**d["coder"]) if d.get("coder") else None)
