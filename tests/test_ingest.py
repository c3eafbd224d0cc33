"""Readers: every input shape becomes ArticleInput or ErrorRecord, in order, and reading goes on."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from dotterel.ingest import normalise_date, read_inputs, read_stream
from dotterel.model import ArticleInput, ErrorRecord

CEASEFIRE = "Egypt and Qatar urged Israel and Hamas to agree to a ceasefire on Tuesday."
TALKS = "The mediators said the talks in Cairo would continue through the week."
AID = "Jordan sent food and medicine to Gaza on Wednesday."

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Mediators press for a truce</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/sport">Sport section link</a></li></ul></nav>
<article>
<h1>Mediators press for a truce</h1>
<p>Egypt and Qatar urged Israel and Hamas to agree to a ceasefire on Tuesday, according to
officials who spoke about the closed meeting.</p>
<p>The mediators said the negotiations in Cairo would continue through the week, and both
delegations were expected to remain in the city until Friday.</p>
<p>Diplomats described the mood as cautious but said several proposals on the release of
prisoners remained on the table for the next round.</p>
</article>
<footer><p>Copyright Example Newsroom. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def read(*paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def line(**record) -> bytes:
    return (json.dumps(record) + "\n").encode("utf-8")


def assert_error(item, code: str, origin: str, rid=None) -> None:
    assert isinstance(item, ErrorRecord), item
    assert item.code == code
    assert item.message.startswith(f"[{code}] ")
    assert item.origin == origin
    assert item.id == rid


# --- .txt ------------------------------------------------------------------------------------

def test_txt_without_sidecar_uses_stem_as_id(tmp_path):
    path = tmp_path / "cairo-talks.txt"
    path.write_text(CEASEFIRE + "\n" + TALKS + "\n", encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, ArticleInput)
    assert item.id == "cairo-talks"
    assert item.text == CEASEFIRE + "\n" + TALKS + "\n"
    assert item.published is None and item.title is None
    assert item.origin == str(path)


def test_txt_with_sidecar_takes_id_published_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(CEASEFIRE, encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({
        "id": "wire-42", "published": "2023-12-07T10:00:00Z", "title": "Truce call",
        "source": "Example Wire", "url": "https://example.org/truce"}), encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, ArticleInput)
    assert (item.id, item.published, item.title) == ("wire-42", "2023-12-07", "Truce call")
    assert (item.source, item.url) == ("Example Wire", "https://example.org/truce")
    assert item.text == CEASEFIRE


def test_txt_with_empty_sidecar_is_read_without_metadata(tmp_path):
    """`dotterel code story.txt -o story.json` creates story.json empty before reading."""
    path = tmp_path / "story.txt"
    path.write_text(CEASEFIRE, encoding="utf-8")
    (tmp_path / "story.json").write_text("", encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, ArticleInput)
    assert item.id == "story" and item.published is None


def test_txt_strips_bom_and_rejects_bad_utf8(tmp_path):
    good = tmp_path / "a.txt"
    good.write_bytes(b"\xef\xbb\xbf" + CEASEFIRE.encode())
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"Caf\xe9 talks ended.")
    first, second = read(good, bad)
    assert first.text == CEASEFIRE
    assert_error(second, "E003", str(bad), rid="b")


# --- .jsonl ----------------------------------------------------------------------------------

@pytest.fixture
def mixed_jsonl(tmp_path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join([
        line(id="a1", text=CEASEFIRE),                                # 1 good, gets default date
        b'{"id": "a2", "text": "unterminated\n',                      # 2 E004
        line(text=TALKS, published="2024-01-02"),                     # 3 good, default id, own date
        b'{"id": "a4", "text": "Caf\xe9 diplomats met."}\n',          # 4 E003
        b'["not", "an", "object"]\n',                                 # 5 E015
        line(id="a6", title="no body"),                               # 6 E005 (missing)
        line(id="a7", text="   \n "),                                 # 7 E006
        line(id="a8", text="word " * 40),                             # 8 E007 (200 > 120)
        line(id="a9", text=AID, published="last Tuesday"),            # 9 E008
        b"\n",                                                        # 10 blank: skipped
        line(id="a11", text=AID, published="2023-12-07T10:00:00Z"),   # 11 good, normalised
        line(id="a12", text=5),                                       # 12 E005 (not a string)
        line(id=13, text=CEASEFIRE, lang="en"),                       # 13 good, int id, extra
    ]))
    return path


def test_jsonl_good_records_survive_in_order_and_bad_ones_hold_their_place(mixed_jsonl):
    items = read(mixed_jsonl, published="2023-12-01", max_chars=120)
    p = str(mixed_jsonl)
    assert len(items) == 12  # the blank line yields nothing
    good = [i for i in items if isinstance(i, ArticleInput)]
    assert [g.id for g in good] == ["a1", "mixed:3", "a11", "13"]
    assert [g.origin for g in good] == [f"{p}:1", f"{p}:3", f"{p}:11", f"{p}:13"]

    a1, e2, a3, e4, e5, e6, e7, e8, e9, a11, e12, a13 = items
    assert a1.text == CEASEFIRE and a1.published == "2023-12-01"
    assert_error(e2, "E004", f"{p}:2")
    assert a3.text == TALKS and a3.published == "2024-01-02"
    assert_error(e4, "E003", f"{p}:4")
    assert_error(e5, "E015", f"{p}:5")
    assert "list" in e5.message
    assert_error(e6, "E005", f"{p}:6", rid="a6")
    assert_error(e7, "E006", f"{p}:7", rid="a7")
    assert_error(e8, "E007", f"{p}:8", rid="a8")
    assert "200" in e8.message and "120" in e8.message
    assert_error(e9, "E008", f"{p}:9", rid="a9")
    assert "last Tuesday" in e9.message
    assert a11.published == "2023-12-07"
    assert_error(e12, "E005", f"{p}:12", rid="a12")
    assert a13.extra == {"lang": "en"} and a13.published == "2023-12-01"


def test_jsonl_without_default_date_leaves_published_empty(mixed_jsonl):
    items = read(mixed_jsonl, max_chars=120)
    assert items[0].published is None
    assert items[2].published == "2024-01-02"


def test_default_published_is_normalised_too(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_bytes(line(id="x", text=AID))
    [item] = read(path, published="2023-12-07T23:30:00+02:00")
    assert item.published == "2023-12-07"


@pytest.mark.parametrize("value, expected", [
    ("2023-12-07", "2023-12-07"),
    ("2023-12-07T10:00:00Z", "2023-12-07"),
    ("2023-12-07T10:00:00+05:30", "2023-12-07"),
    ("2023-12-07 10:00:00", "2023-12-07"),
    (" 2023-12-07 ", "2023-12-07"),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["07/12/2023", "yesterday", "2023-13-40", ""])
def test_normalise_date_rejects_non_dates(value):
    with pytest.raises(ValueError):
        normalise_date(value)


def test_jsonl_gz_and_ndjson(tmp_path):
    gz = tmp_path / "wire.jsonl.gz"
    with gzip.open(gz, "wb") as handle:
        handle.write(line(id="g1", text=CEASEFIRE) + b"{oops\n" + line(text=TALKS))
    nd = tmp_path / "feed.ndjson"
    nd.write_bytes(line(id="n1", text=AID))
    g1, bad, g3, n1 = read(gz, nd)
    assert (g1.id, g1.text, g1.origin) == ("g1", CEASEFIRE, f"{gz}:1")
    assert_error(bad, "E004", f"{gz}:2")
    assert g3.id == "wire:3"
    assert n1.id == "n1"


# --- .csv ------------------------------------------------------------------------------------

def test_csv_with_quoted_multiline_text(tmp_path):
    path = tmp_path / "news.csv"
    multi = f"{CEASEFIRE}\n\n{TALKS}\nThey said, \"not yet\", twice."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "published", "title", "text", "lang"])
        writer.writerow(["", "", "", AID, "en"])
        writer.writerow(["c2", "2023-12-07T10:00:00Z", "Truce call", multi, "en"])
        writer.writerow(["c3", "2024-02-30", "", TALKS, "en"])
        writer.writerow(["c4", "", "", "", "en"])
    first, second, third, fourth = read(path, published="2023-12-01")
    assert isinstance(first, ArticleInput)
    assert first.id == "news:2" and first.origin == f"{path}:2"
    assert first.published == "2023-12-01"
    assert first.text == AID and first.extra == {"lang": "en"}
    assert isinstance(second, ArticleInput)
    assert second.id == "c2" and second.text == multi
    assert second.published == "2023-12-07" and second.title == "Truce call"
    assert isinstance(third, ErrorRecord) and (third.code, third.id) == ("E008", "c3")
    assert isinstance(fourth, ErrorRecord) and (fourth.code, fourth.id) == ("E006", "c4")


def test_csv_with_byte_order_mark_keeps_first_column(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfid,text\r\nx1," + AID.encode() + b"\r\n")
    [item] = read(path)
    assert isinstance(item, ArticleInput)
    assert item.id == "x1" and item.text == AID and item.extra == {}


def test_csv_without_text_column_is_e005_per_row(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\nr1,Something happened.\n", encoding="utf-8")
    [item] = read(path)
    assert_error(item, "E005", f"{path}:2", rid="r1")


# --- .parquet --------------------------------------------------------------------------------

def test_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "batch.parquet"
    table = pa.table({
        "id": ["p1", None, "p3"],
        "text": [CEASEFIRE, TALKS, None],
        "published": ["2023-12-07T10:00:00Z", None, "2023-12-07"],
        "title": ["Truce call", None, None],
        "lang": ["en", "en", "fr"],
    })
    pq.write_table(table, path)
    p1, p2, p3 = read(path, published="2023-12-01")
    assert isinstance(p1, ArticleInput)
    assert (p1.id, p1.text, p1.published, p1.title) == ("p1", CEASEFIRE, "2023-12-07", "Truce call")
    assert p1.origin == f"{path}:1" and p1.extra == {"lang": "en"}
    assert isinstance(p2, ArticleInput)
    assert (p2.id, p2.published, p2.origin) == ("batch:2", "2023-12-01", f"{path}:2")
    assert_error(p3, "E005", f"{path}:3", rid="p3")


def test_corrupt_parquet_is_e011_and_next_input_still_reads(tmp_path):
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"this is not parquet")
    good = tmp_path / "ok.txt"
    good.write_text(AID, encoding="utf-8")
    err, item = read(bad, good)
    assert_error(err, "E011", str(bad))
    assert item.id == "ok"


# --- .html -----------------------------------------------------------------------------------

def test_html_extracts_article_body_not_boilerplate(tmp_path):
    path = tmp_path / "truce.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, ArticleInput)
    assert item.id == "truce" and item.origin == str(path)
    assert "Egypt and Qatar urged Israel and Hamas" in item.text
    assert "release of" in item.text and "prisoners" in item.text
    assert "World news menu" not in item.text
    assert "Sport section link" not in item.text
    assert "All rights reserved" not in item.text
    assert item.title == "Mediators press for a truce"


def test_html_without_body_is_e013(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
                    encoding="utf-8")
    [item] = read(path)
    assert_error(item, "E013", str(path), rid="empty")


# --- folders, missing files, unsupported files --------------------------------------------------

def test_folder_reads_supported_files_in_sorted_order(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(CEASEFIRE, encoding="utf-8")
    (folder / "b.json").write_text(json.dumps({"id": "b-meta"}), encoding="utf-8")  # sidecar
    (folder / "a.jsonl").write_bytes(line(id="a-1", text=TALKS) + line(id="a-2", text=AID))
    (folder / "c.csv").write_text(f"id,text\nc-1,{AID}\n", encoding="utf-8")
    (folder / "sub" / "d.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "notes.md").write_text("# not an article", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "e.jsonl.gz").write_bytes(gzip.compress(line(id="e-1", text=AID)))
    items = read(folder)
    assert all(isinstance(i, ArticleInput) for i in items), items
    assert [i.id for i in items] == ["a-1", "a-2", "b-meta", "c-1", "e-1", "d"]


def test_missing_file_is_e001_and_following_inputs_still_read(tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    good = tmp_path / "here.jsonl"
    good.write_bytes(line(id="h1", text=CEASEFIRE))
    err, item = read(missing, good)
    assert_error(err, "E001", str(missing))
    assert str(missing) in err.message
    assert item.id == "h1"


def test_unsupported_extension_named_directly_is_e002(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK")
    good = tmp_path / "ok.txt"
    good.write_text(AID, encoding="utf-8")
    err, item = read(path, good)
    assert_error(err, "E002", str(path))
    assert item.id == "ok"


def test_bad_file_in_folder_does_not_hide_the_others(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.parquet").write_bytes(b"not parquet")
    (folder / "b.txt").write_text(AID, encoding="utf-8")
    items = read(folder)
    assert [getattr(i, "code", None) for i in items] == ["E011", None]
    assert items[0].origin == str(folder / "a.parquet")


def test_corrupt_gzip_is_an_error_record(tmp_path):
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"not gzip at all\n")
    good = tmp_path / "ok.txt"
    good.write_text(AID, encoding="utf-8")
    err, item = read(bad, good)
    assert isinstance(err, ErrorRecord) and err.origin.startswith(str(bad))
    assert item.id == "ok"


# --- stdin -------------------------------------------------------------------------------------

def test_stream_jsonl():
    data = line(id="s1", text=CEASEFIRE) + b"not json\n" + line(text=TALKS)
    s1, bad, s3 = read_stream(io.BytesIO(data), name="stdin")
    assert (s1.id, s1.text, s1.origin) == ("s1", CEASEFIRE, "stdin:1")
    assert_error(bad, "E004", "stdin:2")
    assert (s3.id, s3.origin) == ("stdin:3", "stdin:3")


def test_stream_jsonl_with_leading_whitespace():
    [item] = read_stream(io.BytesIO(b"  " + line(id="w", text=AID)), name="stdin")
    assert isinstance(item, ArticleInput) and item.id == "w"


def test_stream_html():
    [item] = read_stream(io.BytesIO(HTML_PAGE.encode()), name="stdin")
    assert isinstance(item, ArticleInput)
    assert item.id == "stdin" and item.origin == "stdin"
    assert "Egypt and Qatar urged Israel and Hamas" in item.text
    assert "World news menu" not in item.text


def test_stream_plain_text():
    data = (CEASEFIRE + "\n" + TALKS + "\n").encode()
    [item] = read_stream(io.BytesIO(data), name="stdin")
    assert isinstance(item, ArticleInput)
    assert (item.id, item.text, item.origin) == ("stdin", CEASEFIRE + "\n" + TALKS + "\n", "stdin")


def test_stream_plain_text_bad_utf8():
    [item] = read_stream(io.BytesIO(b"Caf\xe9 talks ended.\n"), name="stdin")
    assert_error(item, "E003", "stdin", rid="stdin")


def test_dash_reads_stdin(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(line(id="d1", text=AID))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [item] = list(read_inputs(["-"], published="2023-12-07"))
    assert (item.id, item.published) == ("d1", "2023-12-07")


def test_count_records_gives_the_progress_bar_the_readers_count(tmp_path):
    """The progress bar's total (issue 22) counts what the readers yield, with issue 21's readers:
    blank lines and rows give nothing, a CSV field over csv's default limit is one row, a mapped
    field changes nothing, a nested folder is walked as read_path walks it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dotterel.ingest import count_records

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text('{"body": "x"}\n\n{"body": "y"}\nnot json\n', encoding="utf-8")
    long = "Egypt urged Israel to agree. " * 6000  # over csv's 131072-character field limit
    with open(folder / "sub" / "b.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "body"], ["r1", long], [], ["r2", "short"]])
    pq.write_table(pa.table({"body": ["p1", "p2", "p3"]}), folder / "sub" / "c.parquet")
    (folder / "d.txt").write_text(AID, encoding="utf-8")
    (folder / "notes.md").write_text("not read", encoding="utf-8")
    items = read(folder, fields={"text": "body"}, max_chars=len(long) + 1)
    assert count_records([folder]) == len(items) == 3 + 2 + 3 + 1
    assert [i.id for i in items if isinstance(i, ArticleInput)][3:5] == ["r1", "r2"]
    assert count_records(["-"]) is None and count_records([tmp_path / "missing.jsonl"]) is None
