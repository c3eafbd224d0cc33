"""Records -> rows: an article's rows for every table; the stored record back as a dict."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from ..model import Article
from ..output import actor_rows, event_rows, place_rows, quote_rows

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
        "record": json.dumps(record, ensure_ascii=False),
        "coder": json.dumps(article.coder.to_dict()) if article.coder else None})
    rows["actors"].extend(actor_rows(article))
    for a in article.actors:
        rows["mentions"].extend({"article_id": aid, "actor_id": a.id, "seq": m, "start": s.start,
                                 "end": s.end, "text": s.text}
                                for m, s in enumerate(a.mentions, start=1))
    for n, row in enumerate(event_rows(article), start=1):
        row["seq"] = n
        row["event_date"] = _date(row["event_date"])
        row["published"] = _date(row["published"])
        rows["events"].append(row)
    rows["quotes"].extend(quote_rows(article))
    rows["places"].extend(place_rows(article))
    for n, d in enumerate(article.dates, start=1):
        rows["dates"].append({"article_id": aid, "seq": n, "text": d.text, "start": d.start,
                              "end": d.end, "value": _date(d.value), "granularity": d.granularity})


def record_from_row(text: str, record_json: str) -> dict[str, Any]:
    """The coder's record dict, rebuilt from ``articles.text`` and ``articles.record``."""
    record = json.loads(record_json)
    record["text"] = text
    return record
