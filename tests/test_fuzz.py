"""Property-based fuzzing (issue 21): arbitrary bytes and strings through every reader and
through ``code_many``. Every input gives records or error records in its place, never an
exception; every good record is coded exactly once, also with ``--db`` after a re-run; a record
survives to_dict -> from_dict and the store; every offset slices to its text.

Bounded (few examples, no deadline for the model's first load) so CI stays within minutes.
"""
from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotterel import Settings, code_many
from dotterel.ingest import read_inputs, read_stream
from dotterel.model import Article, ArticleInput, ErrorRecord
from dotterel.store import Corpus, article_from_dict, code_into

FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
ONE = Settings(n_process=1, batch_size=4)

WORDS = st.sampled_from(["Russia", "attacked", "Ukraine", "Iran", "threatened", "Israel", "China",
                         "warned", "Japan", "yesterday", "said", "\"We", "will", "fight,\"",
                         "the", "minister", "in", "Paris", "on", "Monday", ".", ",", "\n\n",
                         "é", "\u200b", "{", "<b>", "0001-01-01"])
ARTICLE_TEXT = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
BAD_ITEM = st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "published", "title", "extra"]), JSON_VALUE, max_size=5),
    st.builds(lambda t: {"text": t}, st.text(max_size=40)),
    st.builds(lambda d: {"text": "Iran warned Israel.", "published": d}, st.text(max_size=12)),
    st.just({"text": "Iran warned Israel \ud800."}),
    st.just({"text": "x", "n": json.loads("[" * 70 + "]" * 70)}))

SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".parquet", ".txt.gz", ".jsonl.gz", ".csv.gz"]


def only_records(items: list) -> None:
    assert all(isinstance(i, (ArticleInput, ErrorRecord)) for i in items), items
    for item in items:
        if isinstance(item, ErrorRecord):
            assert item.message.startswith(f"[{item.code}] ") and item.origin
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")  # writable


@FAST
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_through_every_reader(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        (Path(folder) / "broken.jsonl.gz").write_bytes(data[:7])
        for items in (list(read_inputs([path])), list(read_inputs([folder]))):
            only_records(items)


@FAST
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["auto", "jsonl", "text", "html"]))
def test_arbitrary_bytes_on_stdin(data, fmt):
    items = list(read_stream(io.BytesIO(data), name="stdin", input_format=fmt))
    only_records(items)


@FAST
@given(lines=st.lists(st.one_of(JSON_VALUE.map(json.dumps), st.text(max_size=30)), max_size=8))
def test_jsonl_gives_one_result_per_line(lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(data)
        items = list(read_inputs([path]))
    only_records(items)
    assert len(items) == sum(1 for line in data.split(b"\n") if line.strip())


@FAST
@given(rows=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=4), max_size=6))
def test_csv_gives_one_result_per_row(rows):
    import csv

    out = io.StringIO()
    csv.writer(out).writerows([["id", "text"], *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
        items = list(read_inputs([path]))
    only_records(items)
    assert len(items) == len(rows)


def mixed(goods: list[str], bads: list[dict], order: list[bool]) -> tuple[list, list[str]]:
    goods_left, bads_left, items, good_ids = list(goods), list(bads), [], []
    for n, take_good in enumerate(order):
        if take_good and goods_left:
            items.append({"id": f"good-{n}", "text": goods_left.pop()})
            good_ids.append(f"good-{n}")
        elif bads_left:
            bad = dict(bads_left.pop())
            bad["id"] = f"bad-{n}"
            items.append(bad)
    return items, good_ids


MIXED = dict(goods=st.lists(ARTICLE_TEXT.map(lambda t: "Russia said " + t), min_size=1, max_size=4),
             bads=st.lists(BAD_ITEM, max_size=4), order=st.lists(st.booleans(), min_size=1, max_size=8))


def check_offsets(article: Article) -> None:
    text = article.text
    spans = [m for a in article.actors for m in a.mentions]
    spans += [e.trigger for e in article.events] + [q for q in article.quotes]
    spans += [d for d in article.dates] + [p for p in article.places if p.name] + list(article.furniture)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        if hasattr(span, "text"):
            assert text[span.start:span.end] == span.text, span
    for event in article.events:
        assert 0 <= event.sentence[0] <= event.trigger.start < event.trigger.end <= event.sentence[1] <= len(text)


@SLOW
@given(**MIXED)
def test_mixed_batch_codes_every_good_record_once(nlp, goods, bads, order):
    items, good_ids = mixed(goods, bads, order)
    results = list(code_many(items, settings=ONE))
    assert len(results) == len(items)
    assert [r.id for r in results] == [i["id"] for i in items]  # in place, in order
    coded = [r.id for r in results if isinstance(r, Article)]
    assert set(good_ids) <= set(coded) and len(coded) == len(set(coded))
    for result in results:
        if isinstance(result, Article):
            check_offsets(result)
            assert article_from_dict(result.to_dict()) == result


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(**MIXED)
def test_mixed_batch_with_db_stores_every_good_record_once_after_a_rerun(nlp, goods, bads, order):
    items, good_ids = mixed(goods, bads, order)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "c.duckdb"
        first = code_into(db, items, settings=ONE, progress=False)
        again = code_into(db, items, settings=ONE, progress=False)
        with Corpus(db, read_only=True) as corpus:
            stored = {r["id"]: r for r in corpus.records()}
    assert again.stored == 0 and first.stored == len(stored)
    assert set(good_ids) <= set(stored)
    for record in stored.values():
        assert article_from_dict(record).to_dict() == record  # the store round trip


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "2024-02-29"])
@SLOW
@given(text=ARTICLE_TEXT)
def test_any_text_codes_and_every_offset_slices_to_its_text(nlp, published, text):
    [result] = code_many([{"id": "x", "text": text, "published": published}], settings=ONE)
    if not text.strip():
        assert result.code == "E006"
        return
    assert isinstance(result, Article), result
    check_offsets(result)
