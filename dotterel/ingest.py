"""Readers: turn files, folders and stdin into a stream of ArticleInput or ErrorRecord.

Every reader streams; a bad record becomes an ErrorRecord in its place and reading goes on.
Records (JSONL, CSV, Parquet) are read by field name: ``fields`` maps ours (``INPUT_FIELDS``)
to the input's own columns, e.g. ``{"text": "body", "published": "date"}``.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from .errors import Errors, InputError
from .model import ArticleInput, ErrorRecord

Item = ArticleInput | ErrorRecord
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".parquet")
_META = ("published", "title", "source", "url")
INPUT_FIELDS = ("id", "text", *_META)
"""The fields an input record may have; only ``text`` is required."""
Fields = Mapping[str, str]


def read_inputs(paths: Iterable[str | Path], *, published: str | None = None,
                max_chars: int = 200_000, fields: Fields | None = None) -> Iterator[Item]:
    """Yield articles from each path in order; '-' (or no paths) reads stdin. ``fields`` names
    the input's column for any of ours (``INPUT_FIELDS``) that it calls otherwise."""
    paths = list(paths) or ["-"]
    fields = check_fields(fields)
    for path in paths:
        try:
            for item in read_stream(sys.stdin.buffer, name="stdin", fields=fields) if str(path) == "-" \
                    else read_path(Path(path), fields):
                yield _check(item, published, max_chars)
        except InputError as exc:  # a bad file is one error in the stream; the next file still runs
            yield ErrorRecord(id=None, code=exc.code, message=str(exc), origin=str(path))
        except (OSError, EOFError) as exc:  # a corrupt .gz surfaces only while reading
            message = Errors.E011.format(path=path, detail=exc, kind="gzip")
            yield ErrorRecord(id=None, code="E011", message=message, origin=str(path))


def check_fields(fields: Fields | None) -> dict[str, str]:
    """The field mapping, checked: keys must be our field names."""
    fields = dict(fields or {})
    unknown = sorted(set(fields) - set(INPUT_FIELDS))
    if unknown:
        raise ValueError(f"unknown input field(s) {', '.join(unknown)}; "
                         f"map any of {', '.join(INPUT_FIELDS)}")
    return {ours: theirs for ours, theirs in fields.items() if theirs and theirs != ours}


def read_path(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    if not path.exists():
        raise InputError(Errors.E001, path=path)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES):
            try:
                yield from read_path(child, fields)
            except InputError as exc:  # one bad file in a folder; its neighbours still read
                yield ErrorRecord(id=None, code=exc.code, message=str(exc), origin=str(child))
        return
    suffix = _suffix(path)
    reader = {".txt": read_text_file, ".html": read_html_file, ".htm": read_html_file,
              ".jsonl": read_jsonl_file, ".ndjson": read_jsonl_file, ".csv": read_csv_file,
              ".parquet": read_parquet_file}.get(suffix)
    if reader is None:
        raise InputError(Errors.E002, path=path)
    yield from (reader(path, fields) if suffix in (".jsonl", ".ndjson", ".csv", ".parquet")
                else reader(path))


def read_stream(stream: IO[bytes], *, name: str, fields: Fields | None = None) -> Iterator[Item]:
    """Read stdin: JSONL when the first line is a JSON object, HTML when it looks like a page, else text."""
    head = stream.readline()
    first = head.lstrip()
    if first.startswith(b"{"):
        yield from _jsonl_lines(_chain(head, stream), name, fields)
        return
    data = head + stream.read()
    text_or_error = _decode(data, name, name)
    if isinstance(text_or_error, ErrorRecord):
        yield text_or_error
    elif first[:15].lower().startswith((b"<!doctype", b"<html")):
        yield _html_article(text_or_error, name, name)
    else:
        yield ArticleInput(id=name, text=text_or_error, origin=name)


def read_text_file(path: Path) -> Iterator[Item]:
    text = _decode(_open(path).read(), _stem(path), str(path))
    if isinstance(text, ErrorRecord):
        yield text
        return
    meta = _sidecar(path)
    yield ArticleInput(id=str(meta.pop("id", _stem(path))), text=text, origin=str(path),
                       **{k: _str(meta.get(k)) for k in _META})


def read_html_file(path: Path) -> Iterator[Item]:
    html = _decode(_open(path).read(), _stem(path), str(path))
    yield html if isinstance(html, ErrorRecord) else _html_article(html, _stem(path), str(path))


def read_jsonl_file(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    with _open(path) as handle:
        yield from _jsonl_lines(handle, str(path), fields)


def read_csv_file(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    with _open(path) as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline=""))
        line = 1
        try:
            for line, row in enumerate(reader, start=2):
                yield _from_mapping(row, f"{path}:{line}", f"{_stem(path)}:{line}", fields)
        except UnicodeDecodeError as exc:
            yield ErrorRecord(id=None, code="E003", message=Errors.E003.format(detail=exc),
                              origin=f"{path}:{line + 1}")


def read_parquet_file(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        raise InputError(Errors.E011, path=path, detail=exc, kind="Parquet") from exc
    row = 0
    for batch in table.iter_batches(batch_size=256):
        for record in batch.to_pylist():
            row += 1
            yield _from_mapping(record, f"{path}:{row}", f"{_stem(path)}:{row}", fields)


def _jsonl_lines(lines: Iterable[bytes], name: str, fields: Fields | None = None) -> Iterator[Item]:
    stem = Path(name).name.split(".")[0]
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        text = _decode(raw, None, origin)
        if isinstance(text, ErrorRecord):
            yield text
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ErrorRecord(id=None, code="E004", message=Errors.E004.format(detail=exc.msg),
                              origin=origin)
            continue
        if not isinstance(record, dict):
            yield ErrorRecord(id=None, code="E015",
                              message=Errors.E015.format(kind=type(record).__name__), origin=origin)
            continue
        yield _from_mapping(record, origin, f"{stem}:{number}", fields)


def _from_mapping(record: dict[str, Any], origin: str, default_id: str,
                  fields: Fields | None = None) -> Item:
    if fields:  # the input's columns under our names; the columns they replace stay extras
        record = {**{k: v for k, v in record.items() if k not in fields.values()},
                  **{ours: record.get(theirs) for ours, theirs in fields.items()}}
    rid = record.get("id")
    rid = default_id if rid is None or rid == "" else str(rid)
    text = record.get("text")
    if not isinstance(text, str):
        name = (fields or {}).get("text", "text")
        return ErrorRecord(id=rid, code="E005", message=Errors.E005.format(field=name), origin=origin)
    extra = {k: v for k, v in record.items() if k not in ("id", "text", *_META)}
    return ArticleInput(id=rid, text=text, origin=origin, extra=extra,
                        **{k: _str(record.get(k)) for k in _META})


def _check(item: Item, published: str | None, max_chars: int) -> Item:
    """Apply the checks every reader shares, and the default publication date."""
    if isinstance(item, ErrorRecord):
        return item
    if not item.text.strip():
        return ErrorRecord(id=item.id, code="E006", message=Errors.E006.format(), origin=item.origin)
    if len(item.text) > max_chars:
        return ErrorRecord(id=item.id, code="E007", origin=item.origin,
                           message=Errors.E007.format(size=len(item.text), limit=max_chars))
    date = item.published or published
    if date:
        try:
            date = normalise_date(date)
        except ValueError:
            return ErrorRecord(id=item.id, code="E008", message=Errors.E008.format(value=date),
                               origin=item.origin)
    return _replace(item, published=date)


def normalise_date(value: str) -> str:
    """Accept ISO dates and timestamps ('2023-12-07T10:00:00Z'); return YYYY-MM-DD."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()


def _html_article(html: str, rid: str, origin: str) -> Item:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return ErrorRecord(id=rid, code="E013", message=Errors.E013.format(), origin=origin)
    return ArticleInput(id=rid, text=text, origin=origin, title=getattr(doc, "title", None),
                        published=getattr(doc, "date", None), url=getattr(doc, "url", None),
                        source=getattr(doc, "sitename", None))


def _decode(data: bytes, rid: str | None, origin: str) -> str | ErrorRecord:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return ErrorRecord(id=rid, code="E003", message=Errors.E003.format(detail=exc), origin=origin)


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a .txt article from a same-named .json beside it, when present."""
    side = path.with_suffix(".json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(Errors.E011, path=side, detail=exc, kind="JSON") from exc
    return data if isinstance(data, dict) else {}


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


def _str(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _chain(first: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _replace(item: ArticleInput, **changes: Any) -> ArticleInput:
    from dataclasses import replace

    return replace(item, **changes)


def count_records(paths: Iterable[str | Path]) -> int | None:
    """How many records the paths hold (for a progress bar's total), or None for stdin and
    unreadable files. A JSONL line or CSV row counts whether or not it turns out valid."""
    total = 0
    for path in (Path(p) for p in paths):
        if str(path) == "-" or not path.exists():
            return None
        files = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES) \
            if path.is_dir() else [path]
        for file in files:
            suffix = _suffix(file)
            try:
                if suffix in (".jsonl", ".ndjson"):
                    with _open(file) as handle:
                        total += sum(1 for line in handle if line.strip())
                elif suffix == ".csv":
                    with _open(file) as raw:
                        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
                        total += max(0, sum(1 for _ in csv.reader(text)) - 1)
                elif suffix == ".parquet":
                    import pyarrow.parquet as pq

                    total += pq.ParquetFile(file).metadata.num_rows
                else:
                    total += 1
            except (OSError, EOFError, ValueError, csv.Error):  # the reader reports the file; no total
                return None
    return total
