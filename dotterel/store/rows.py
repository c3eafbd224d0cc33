"""Records <-> rows: an article's rows for every table, and the stored record back as an Article."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from ..model import (
    Actor,
    ActorRef,
    Article,
    CameoCode,
    DateMention,
    Event,
    Place,
    Quote,
    TextSpan,
)
from ..output import event_rows

log = logging.getLogger("dotterel")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.warning("date %r is not YYYY-MM-DD; stored as NULL (the record keeps it)", value)
        return None


@dataclass(frozen=True, slots=True)
class InputInfo:
    input_id: str | None
    origin: str | None
    meta: str | None
    content_hash: str | None


def article_rows(article: Article, info: InputInfo, coded_at: dt.datetime, seq: int,
                  rows: dict[str, list[dict[str, Any]]]) -> None:
    record = article.to_dict()
    record["text"] = None
    aid = article.id
    rows["articles"].append({
        "id": aid, "published": _date(article.published), "title": article.title,
        "source": article.source, "url": article.url, "text": article.text,
        "content_hash": info.content_hash or content_hash(article.text), "coded_at": coded_at,
        "seq": seq, "input_id": info.input_id, "origin": info.origin, "meta": info.meta,
        "record": json.dumps(record, ensure_ascii=False)})
    for n, a in enumerate(article.actors, start=1):
        rows["actors"].append({"article_id": aid, "seq": n, "actor_id": a.id, "name": a.name,
                               "kind": a.kind, "country": a.country, "cameo": a.cameo,
                               "sector": a.sector, "wikidata": a.wikidata})
        rows["mentions"].extend({"article_id": aid, "actor_id": a.id, "seq": m, "start": s.start,
                                 "end": s.end, "text": s.text}
                                for m, s in enumerate(a.mentions, start=1))
    for n, row in enumerate(event_rows(article), start=1):
        row["seq"] = n
        row["event_date"] = _date(row["event_date"])
        row["published"] = _date(row["published"])
        rows["events"].append(row)
    for n, q in enumerate(article.quotes, start=1):
        rows["quotes"].append({
            "article_id": aid, "quote_id": q.id, "seq": n, "kind": q.kind, "text": q.text,
            "start": q.start, "end": q.end,
            "speaker_actor": q.speaker.actor if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else None,
            "cue_text": q.cue.text if q.cue else None, "confidence": q.confidence,
            "inflammatory": q.inflammatory})
    for n, p in enumerate(article.places, start=1):
        rows["places"].append({"article_id": aid, "seq": n, "name": p.name, "geonameid": p.geonameid,
                               "lat": p.lat, "lon": p.lon, "country": p.country,
                               "start": p.start, "end": p.end})
    for n, d in enumerate(article.dates, start=1):
        rows["dates"].append({"article_id": aid, "seq": n, "text": d.text, "start": d.start,
                              "end": d.end, "value": _date(d.value), "granularity": d.granularity})


def record_from_row(text: str, record_json: str) -> dict[str, Any]:
    """The coder's record dict, rebuilt from ``articles.text`` and ``articles.record``."""
    record = json.loads(record_json)
    record["text"] = text
    return record


def article_from_dict(d: dict[str, Any]) -> Article:
    """The Article record back from its ``to_dict`` form (``article_from_dict(a.to_dict()) == a``)."""
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
                     explanation=e["explanation"], quote=e.get("quote"))

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
        dates=tuple(DateMention(**x) for x in d["dates"]))
