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
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from .errors import Errors, InputError
from .model import ArticleInput, ErrorRecord

Item = ArticleInput | ErrorRecord
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".parquet")
INPUT_FORMATS = ("auto", "jsonl", "text", "html")
"""How standard input is read: ``auto`` is JSONL when its first line parses as a JSON object,
HTML when it starts like a page, else one plain-text article."""
MAX_DEPTH = 64
"""Deepest nesting of lists and objects a record's fields may have (E017 beyond)."""
_META = ("published", "title", "source", "url")
INPUT_FIELDS = ("id", "text", *_META)
"""The fields an input record may have; only ``text`` is required."""
Fields = Mapping[str, str]
_KINDS = {".txt": "text", ".html": "HTML", ".htm": "HTML", ".jsonl": "JSONL", ".ndjson": "JSONL",
          ".csv": "CSV", ".parquet": "Parquet"}


def read_inputs(paths: Iterable[str | Path], *, published: str | None = None,
                max_chars: int = 200_000, fields: Fields | None = None,
                input_format: str = "auto") -> Iterator[Item]:
    """Yield articles from each path in order; '-' (or no paths) reads stdin as ``input_format``.
    ``fields`` names the input's column for any of ours (``INPUT_FIELDS``) that it calls otherwise."""
    paths = list(paths) or ["-"]
    fields = check_fields(fields)
    for path in paths:
        try:
            for item in read_stream(sys.stdin.buffer, name="stdin", input_format=input_format,
                                    fields=fields) if str(path) == "-" else read_path(Path(path), fields):
                yield _check(item, published, max_chars)
        except InputError as exc:  # a bad file is one error in the stream; the next file still runs
            yield _check(ErrorRecord(id=None, code=exc.code, message=str(exc), origin=str(path)),
                         None, max_chars)
        except (OSError, EOFError) as exc:  # a corrupt .gz surfaces only while reading
            yield _check(_unreadable(Path(path), exc), None, max_chars)


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
        for child, error in _walk(path):
            if error is not None:  # a folder we may not list: say so, read the rest
                yield ErrorRecord(id=None, code="E018", origin=str(child),
                                  message=Errors.E018.format(path=child, detail=error))
                continue
            try:
                yield from read_path(child, fields)
            except InputError as exc:  # one bad file in a folder; its neighbours still read
                yield ErrorRecord(id=None, code=exc.code, message=str(exc), origin=str(child))
            except (OSError, EOFError) as exc:
                yield _unreadable(child, exc)
        return
    suffix = _suffix(path)
    reader = {".txt": read_text_file, ".html": read_html_file, ".htm": read_html_file,
              ".jsonl": read_jsonl_file, ".ndjson": read_jsonl_file, ".csv": read_csv_file,
              ".parquet": read_parquet_file}.get(suffix)
    if reader is None:
        raise InputError(Errors.E002, path=path)
    yield from (reader(path, fields) if suffix in (".jsonl", ".ndjson", ".csv", ".parquet")
                else reader(path))


def read_stream(stream: IO[bytes], *, name: str, input_format: str = "auto",
                fields: Fields | None = None) -> Iterator[Item]:
    """Read stdin as ``input_format`` (one of INPUT_FORMATS; ``auto`` guesses from the first line)."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    head = stream.readline()
    kind = _sniff(head) if input_format == "auto" else input_format
    if kind == "jsonl":
        yield from _jsonl_lines(_chain(head, stream), name, fields)
        return
    data = head + stream.read()
    text_or_error = _decode(data, name, name)
    if isinstance(text_or_error, ErrorRecord):
        yield text_or_error
    elif kind == "html":
        yield _html_article(text_or_error, name, name)
    else:
        yield ArticleInput(id=name, text=text_or_error, origin=name)


def _sniff(head: bytes) -> str:
    """JSONL only when the first line parses as a JSON object, so a text may start with '{'."""
    first = head.strip()
    if first.startswith(b"{"):
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "text"
        except RecursionError:  # an object too deep to parse: JSONL, and that line an E017
            return "jsonl"
        except ValueError:
            return "text"
    return "html" if first[:15].lower().startswith((b"<!doctype", b"<html")) else "text"


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


_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape


def read_csv_file(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    """One record per row, named by the line it starts on; a bad row is an error in its place."""
    with _open(path) as raw:
        rows = csv.reader(_csv_text(raw, "surrogateescape"))
        try:
            header = next(rows, [])
        except csv.Error as exc:
            raise InputError(Errors.E011, path=path, detail=exc, kind="CSV") from exc
        if _UNDECODED.search("".join(header)):
            raise InputError(Errors.E003, detail="in the header row")
        while True:
            origin = f"{path}:{rows.line_num + 1}"
            try:
                values = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:  # the reader resumes at the next line
                yield ErrorRecord(id=None, code="E011", origin=origin,
                                  message=Errors.E011.format(path=origin, detail=exc, kind="CSV"))
                continue
            if values:
                yield _csv_record(header, values, origin, f"{_stem(path)}:{origin.rsplit(':', 1)[1]}",
                                  fields)


def _csv_text(raw: IO[bytes], errors: str) -> IO[str]:
    """A CSV file's text, with fields as long as max_chars allows (E007 is the limit, not csv's)."""
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors=errors, newline="")


def _csv_record(header: list[str], values: list[str], origin: str, default_id: str,
                fields: Fields | None = None) -> Item:
    bad = next((n for n, v in enumerate(values) if _UNDECODED.search(v)), None)
    if bad is not None:
        name = header[bad] if bad < len(header) else f"column {bad + 1}"
        byte = ord(_UNDECODED.search(values[bad]).group()) - 0xDC00  # type: ignore[union-attr]
        return ErrorRecord(id=None, code="E003", origin=origin,
                           message=Errors.E003.format(detail=f"byte 0x{byte:02x} in field '{name}'"))
    row: dict[Any, Any] = {name: values[n] if n < len(values) else None for n, name in enumerate(header)}
    if len(values) > len(header):  # as csv.DictReader keeps them
        row[None] = values[len(header):]
    return _from_mapping(row, origin, default_id, fields)


def read_parquet_file(path: Path, fields: Fields | None = None) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        raise InputError(Errors.E011, path=path, detail=exc, kind="Parquet") from exc
    row = 0
    try:
        for batch in table.iter_batches(batch_size=256):
            for n in range(batch.num_rows):
                row += 1
                origin = f"{path}:{row}"
                try:
                    [record] = batch.slice(n, 1).to_pylist()
                except UnicodeDecodeError as exc:
                    yield ErrorRecord(id=None, code="E003", message=Errors.E003.format(detail=exc),
                                      origin=origin)
                    continue
                yield _from_mapping(record, origin, f"{_stem(path)}:{row}", fields)
    except Exception as exc:  # a damaged page: the rows before it were read
        raise InputError(Errors.E011, path=f"{path}:{row + 1}", detail=exc, kind="Parquet") from exc


def _jsonl_lines(lines: Iterable[bytes], name: str, fields: Fields | None = None) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        text = _decode(raw, None, f"{name}:{number}")
        yield text if isinstance(text, ErrorRecord) else json_line(text, name, number, fields)


def json_line(text: str, name: str, number: int, fields: Fields | None = None) -> Item:
    """Line ``number`` of the JSONL file ``name`` as an article, or the error that stands in its
    place (E004, E015, E017). The Spark engine reads its JSONL lines through this too."""
    origin = f"{name}:{number}"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return ErrorRecord(id=None, code="E004", message=Errors.E004.format(detail=exc.msg),
                           origin=origin)
    except RecursionError:
        return ErrorRecord(id=None, code="E017", origin=origin,
                           message=Errors.E017.format(limit=MAX_DEPTH))
    if not isinstance(record, dict):
        return ErrorRecord(id=None, code="E015", origin=origin,
                           message=Errors.E015.format(kind=type(record).__name__))
    return _from_mapping(record, origin, f"{Path(name).name.split('.')[0]}:{number}", fields)


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
    if item.origin is not None and _surrogate(item.origin) is not None:  # a file name not UTF-8
        item = _replace(item, origin=_escaped(item.origin))
    if isinstance(item, ErrorRecord):
        return item if item.id is None or _surrogate(item.id) is None else \
            _replace(item, id=_escaped(item.id))
    if not isinstance(item.text, str):
        return ErrorRecord(id=str(item.id), code="E005", message=Errors.E005.format(field="text"),
                            origin=item.origin)
    unusable = _unusable(item)
    if unusable is not None:
        return unusable
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


def _unusable(item: ArticleInput) -> ErrorRecord | None:
    """E003 for a field that cannot be written as UTF-8 (a lone surrogate, as JSON's '\\ud800'
    gives), E017 for extra fields nested too deep to store: both would fail far from the input."""
    rid = str(item.id)
    for name in ("id", "text", *_META):
        value = getattr(item, name)
        at = _surrogate(value) if isinstance(value, str) else None
        if at is not None:
            detail = f"field '{name}' holds a lone surrogate at character {at}"
            return ErrorRecord(id=_escaped(rid), code="E003", message=Errors.E003.format(detail=detail),
                               origin=item.origin)
    if not item.extra:
        return None
    if _depth(item.extra, MAX_DEPTH) > MAX_DEPTH:
        return ErrorRecord(id=rid, code="E017", origin=item.origin,
                           message=Errors.E017.format(limit=MAX_DEPTH))
    try:
        json.dumps(item.extra, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        detail = "an extra field holds a lone surrogate"
        return ErrorRecord(id=rid, code="E003", message=Errors.E003.format(detail=detail),
                           origin=item.origin)
    return None


def _surrogate(value: str) -> int | None:
    """Where ``value`` first holds a character UTF-8 cannot encode, or None."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _escaped(value: str) -> str:
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _depth(value: Any, limit: int) -> int:
    """How deep lists and dicts nest in ``value``, counted without recursion up to ``limit + 1``."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, (dict, list, tuple)):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            todo.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def normalise_date(value: str) -> str:
    """Accept ISO dates and timestamps ('2023-12-07T10:00:00Z'); return YYYY-MM-DD."""
    value = str(value).strip()
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


def _unreadable(path: Path, exc: BaseException) -> ErrorRecord:
    """E011 for a file that could not be opened or read to its end, naming the file and its kind."""
    kind = "gzip" if path.suffix.lower() == ".gz" else _KINDS.get(_suffix(path), "text")
    return ErrorRecord(id=None, code="E011", origin=str(path),
                       message=Errors.E011.format(path=path, detail=exc, kind=kind))


def _walk(folder: Path) -> list[tuple[Path, OSError | None]]:
    """The readable files below ``folder`` in path order, and each sub-folder that cannot be listed."""
    found: list[tuple[Path, OSError | None]] = []

    def failed(exc: OSError) -> None:
        found.append((Path(exc.filename or folder), exc))

    for root, _dirs, files in os.walk(folder, onerror=failed):
        for name in files:
            path = Path(root) / name
            if _suffix(path) in SUFFIXES and (path.is_file() or path.is_symlink()):
                found.append((path, None))
    return sorted(found, key=lambda pair: pair[0])


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a .txt article from a same-named .json beside it, when present. An empty
    one is none: `dotterel code a.txt -o a.json` (or `> a.json`) creates it before reading."""
    side = path.with_suffix(".json")
    if not side.exists() or side.stat().st_size == 0:
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
    unreadable files. A JSONL line or CSV row counts whether or not it turns out valid, a folder
    that cannot be listed as the one error it gives."""
    total = 0
    for path in (Path(p) for p in paths):
        if str(path) == "-" or not path.exists():
            return None
        for file, error in _walk(path) if path.is_dir() else [(path, None)]:
            suffix = _suffix(file)
            try:
                if error is not None or suffix not in (".jsonl", ".ndjson", ".csv", ".parquet"):
                    total += 1
                elif suffix == ".parquet":
                    import pyarrow.parquet as pq

                    total += pq.ParquetFile(file).metadata.num_rows
                else:
                    with _open(file) as raw:
                        total += sum(1 for line in raw if line.strip()) if suffix != ".csv" else \
                            max(0, sum(1 for row in csv.reader(_csv_text(raw, "replace")) if row) - 1)
            except (OSError, EOFError, ValueError, csv.Error):  # the reader reports the file; no total
                return None
    return total
