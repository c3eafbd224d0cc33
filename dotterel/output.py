"""Serialisers: json, jsonl, plover, csv and parquet writers over the record model."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .model import Article, ErrorRecord, Event

FORMATS = ("json", "jsonl", "plover", "csv", "parquet")
Result = Article | ErrorRecord


def write(results: Iterable[Result], fmt: str, out: IO[str] | None = None, *,
          path: str | None = None) -> tuple[int, int]:
    """Write results in a format; returns (articles written, errors). Parquet needs ``path``."""
    counts = [0, 0]

    def counted(items: Iterable[Result]) -> Iterator[Result]:
        for item in items:
            counts[0 if isinstance(item, Article) else 1] += 1
            yield item

    stream = counted(results)
    if fmt == "parquet":
        write_parquet(stream, path or "events.parquet")
    else:
        assert out is not None
        {"json": write_json, "jsonl": write_jsonl, "plover": write_plover,
         "csv": write_csv}[fmt](stream, out)
    return counts[0], counts[1]


def write_json(results: Iterable[Result], out: IO[str]) -> None:
    """One record prints as an object; several as an array."""
    items = [r.to_dict() for r in results]
    json.dump(items[0] if len(items) == 1 else items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(results: Iterable[Result], out: IO[str]) -> None:
    for result in results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        out.flush()


def write_plover(results: Iterable[Result], out: IO[str]) -> None:
    for result in results:
        if isinstance(result, Article):
            for event in result.events:
                out.write(json.dumps(plover_record(result, event), ensure_ascii=False) + "\n")


def plover_record(article: Article, event: Event) -> dict[str, Any]:
    """One event in the PLOVER JSON layout (actor, recipient, event, mode, context, ...)."""
    def actor(ref: Any) -> dict[str, Any] | None:
        return None if ref is None else {"name": ref.name, "code": ref.cameo,
                                         "country": ref.country, "text": ref.text}

    start, end = event.sentence
    return {
        "id": event.id, "date": event.date, "actor": actor(event.source),
        "recipient": actor(event.target), "event": event.type, "mode": event.mode or "",
        "context": list(event.context), "quad_code": event.cameo.quad_class,
        "cameo": event.cameo.code, "goldstein": event.cameo.goldstein,
        "event_loc": None if event.place is None else {
            "name": event.place.name, "geonameid": event.place.geonameid,
            "lat": event.place.lat, "lon": event.place.lon, "country": event.place.country},
        "modality": {"negated": event.negated, "hypothetical": event.hypothetical,
                     "future": event.future, "hedged": event.hedged},
        "text_info": {"headline": article.title, "sentence": article.text[start:end],
                      "trigger": event.trigger.text, "sentence_start": start, "sentence_end": end},
        "cite_info": {"article_id": article.id, "source": article.source, "url": article.url,
                      "pubdate": article.published},
    }


EVENT_COLUMNS = (
    "event_id", "article_id", "event_date", "date_text", "event_type", "mode", "context",
    "cameo_code", "cameo_root", "quad_class", "goldstein",
    "source_actor", "source_name", "source_country", "source_cameo", "source_text",
    "target_actor", "target_name", "target_country", "target_cameo", "target_text",
    "negated", "hypothetical", "future", "hedged", "attributed_to", "is_fact",
    "place_name", "place_country", "lat", "lon", "geonameid",
    "trigger", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "sentence",
    "confidence", "published", "title", "source", "url", "quote_id")


def event_rows(article: Article) -> Iterator[dict[str, Any]]:
    """Flat rows, one per event, in the snake_case habit of ICEWS/Phoenix users."""
    for e in article.events:
        row: dict[str, Any] = {
            "event_id": e.id, "article_id": article.id, "event_date": e.date,
            "date_text": e.date_text, "event_type": e.type, "mode": e.mode,
            "context": ";".join(e.context), "cameo_code": e.cameo.code, "cameo_root": e.cameo.root,
            "quad_class": e.cameo.quad_class, "goldstein": e.cameo.goldstein,
            "negated": e.negated, "hypothetical": e.hypothetical, "future": e.future,
            "hedged": e.hedged, "is_fact": e.is_fact,
            "attributed_to": e.attributed_to.name if e.attributed_to else None,
            "place_name": e.place.name if e.place else None,
            "place_country": e.place.country if e.place else None,
            "lat": e.place.lat if e.place else None, "lon": e.place.lon if e.place else None,
            "geonameid": e.place.geonameid if e.place else None,
            "trigger": e.trigger.text, "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end, "sentence_start": e.sentence[0],
            "sentence_end": e.sentence[1], "sentence": article.text[e.sentence[0]:e.sentence[1]],
            "confidence": e.confidence, "published": article.published, "title": article.title,
            "source": article.source, "url": article.url, "quote_id": e.quote,
        }
        for side, ref in (("source", e.source), ("target", e.target)):
            row[f"{side}_actor"] = ref.actor if ref else None
            row[f"{side}_name"] = ref.name if ref else None
            row[f"{side}_country"] = ref.country if ref else None
            row[f"{side}_cameo"] = ref.cameo if ref else None
            row[f"{side}_text"] = ref.text if ref else None
        yield row


def write_csv(results: Iterable[Result], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    for result in results:
        if isinstance(result, Article):
            writer.writerows(event_rows(result))


def write_parquet(results: Iterable[Result], path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, _arrow_type(c)) for c in EVENT_COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        rows: list[dict[str, Any]] = []
        for result in results:
            if isinstance(result, Article):
                rows.extend(event_rows(result))
            if len(rows) >= 5000:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def _arrow_type(column: str) -> Any:
    import pyarrow as pa

    if column in ("negated", "hypothetical", "future", "hedged", "is_fact"):
        return pa.bool_()
    if column in ("quad_class", "trigger_start", "trigger_end", "sentence_start",
                  "sentence_end", "geonameid"):
        return pa.int64()
    if column in ("goldstein", "lat", "lon", "confidence"):
        return pa.float64()
    return pa.string()


def to_json(result: Result) -> str:
    buffer = io.StringIO()
    write_json([result], buffer)
    return buffer.getvalue()
