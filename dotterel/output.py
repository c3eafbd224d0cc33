"""Serialisers: json, jsonl, plover, csv and parquet writers over the record model."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .columns import EVENTS, arrow_schema, csvw_metadata, names
from .lexicon import load_cameo_table
from .model import Article, ErrorRecord, Event

FORMATS = ("json", "jsonl", "plover", "csv", "parquet")
Result = Article | ErrorRecord


def write(results: Iterable[Result], fmt: str, out: IO[str] | None = None, *,
          path: str | Path | None = None) -> tuple[int, int]:
    """Write results in a format to ``out`` or the file at ``path``; returns (articles written,
    errors). Parquet needs ``path``; a CSV file gets its CSVW sidecar (``write_csv_metadata``)."""
    counts = [0, 0]

    def counted(items: Iterable[Result]) -> Iterator[Result]:
        for item in items:
            counts[0 if isinstance(item, Article) else 1] += 1
            yield item

    stream = counted(results)
    if fmt == "parquet":
        write_parquet(stream, path or "events.parquet")
    elif out is None:
        if path is None:
            raise ValueError("write needs an open stream (out) or a file path")
        with open(path, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as handle:
            write(stream, fmt, handle)
        if fmt == "csv":
            write_csv_metadata(path)
    else:
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
        "recipient": actor(event.target), "event": event.type, "mode": event.mode or None,
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


EVENT_COLUMNS = names("events")
"""The flat event columns in their stable order; ``columns.EVENTS`` has their types and meaning."""


def event_rows(article: Article) -> Iterator[dict[str, Any]]:
    """Flat rows, one per event, in the snake_case habit of ICEWS/Phoenix users."""
    cameo = load_cameo_table()
    actors = {a.id: a for a in article.actors}
    for e in article.events:
        info = cameo.get(e.cameo.code)
        row: dict[str, Any] = {
            "event_id": e.id, "article_id": article.id, "event_date": e.date,
            "date_text": e.date_text, "date_precision": e.date_precision,
            "date_source": e.date_source, "event_type": e.type, "mode": e.mode or None,
            "context": ";".join(e.context) or None, "cameo_code": e.cameo.code,
            "cameo_label": info.label if info else None, "cameo_root": e.cameo.root,
            "quad_class": e.cameo.quad_class, "goldstein": e.cameo.goldstein,
            "negated": e.negated, "hypothetical": e.hypothetical, "future": e.future,
            "hedged": e.hedged, "is_fact": e.is_fact,
            "attributed_to": e.attributed_to.name if e.attributed_to else None,
            "place_name": e.place.name if e.place else None,
            "place_country": e.place.country if e.place else None,
            "lat": e.place.lat if e.place else None, "lon": e.place.lon if e.place else None,
            "geonameid": e.place.geonameid if e.place else None,
            "geo_precision": e.place.precision if e.place else None,
            "trigger": e.trigger.text, "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end, "sentence_start": e.sentence[0],
            "sentence_end": e.sentence[1], "sentence": article.text[e.sentence[0]:e.sentence[1]],
            "confidence": e.confidence, "published": article.published, "title": article.title,
            "source": article.source, "url": article.url, "quote_id": e.quote,
            "admin1": e.place.admin1 if e.place else None, "n_reports": None, "n_sources": None,
            "n_mentions": e.n_mentions, "coder": article.coder.label if article.coder else None,
        }
        for side, ref in (("source", e.source), ("target", e.target)):
            actor = actors.get(ref.actor) if ref else None
            row[f"{side}_actor"] = ref.actor if ref else None
            row[f"{side}_name"] = ref.name if ref else None
            row[f"{side}_country"] = ref.country if ref else None
            row[f"{side}_cameo"] = ref.cameo if ref else None
            row[f"{side}_sector"] = actor.sector if actor else None
            row[f"{side}_text"] = ref.text if ref else None
        yield {c: row[c] for c in EVENT_COLUMNS}


def actor_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per actor of the article (``columns.ACTORS``)."""
    for n, a in enumerate(article.actors, start=1):
        yield {"article_id": article.id, "seq": n, "actor_id": a.id, "name": a.name,
               "kind": a.kind, "country": a.country, "cameo": a.cameo, "sector": a.sector,
               "wikidata": a.wikidata}


def quote_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per quote of the article (``columns.QUOTES``)."""
    for n, q in enumerate(article.quotes, start=1):
        yield {"article_id": article.id, "quote_id": q.id, "seq": n, "kind": q.kind,
               "text": q.text, "start": q.start, "end": q.end,
               "speaker_actor": q.speaker.actor if q.speaker else None,
               "speaker_name": q.speaker.name if q.speaker else None,
               "cue_text": q.cue.text if q.cue else None, "confidence": q.confidence,
               "inflammatory": q.inflammatory}


def place_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per place mention of the article (``columns.PLACES``)."""
    for n, p in enumerate(article.places, start=1):
        yield {"article_id": article.id, "seq": n, "name": p.name, "geonameid": p.geonameid,
               "lat": p.lat, "lon": p.lon, "country": p.country, "start": p.start,
               "end": p.end, "precision": p.precision, "admin1": p.admin1}


ROW_MAKERS = {"events": event_rows, "actors": actor_rows, "quotes": quote_rows,
              "places": place_rows}
"""Table name -> the function giving an article's rows of it."""


def write_csv(results: Iterable[Result], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    for result in results:
        if isinstance(result, Article):
            writer.writerows(event_rows(result))


def write_csv_metadata(csv_path: str | Path, table: str = "events") -> Path:
    """Write the CSVW sidecar ``{csv_path}-metadata.json`` giving the CSV's column types."""
    csv_path = Path(csv_path)
    side = csv_path.with_name(csv_path.name + "-metadata.json")
    side.write_text(json.dumps(csvw_metadata(table, csv_path.name), indent=1,
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return side


def write_parquet(results: Iterable[Result], path: str | Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema("events")
    dates = [c.name for c in EVENTS if c.kind == "date"]

    def table(rows: list[dict[str, Any]]) -> Any:
        for row in rows:
            for name in dates:
                row[name] = _iso_date(row[name])
        return pa.Table.from_pylist(rows, schema=schema)

    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for result in results:
            if isinstance(result, Article):
                rows.extend(event_rows(result))
            if len(rows) >= 5000:
                writer.write_table(table(rows))
                rows = []
        if rows:
            writer.write_table(table(rows))


def _iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def to_json(result: Result) -> str:
    buffer = io.StringIO()
    write_json([result], buffer)
    return buffer.getvalue()
