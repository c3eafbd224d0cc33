"""dotterel serve: the REST API, the pages, the error shape, limits and escaping (TestClient)."""
from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("duckdb")
pytest.importorskip("multipart")

with warnings.catch_warnings():  # starlette's note on its httpx-based client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from serve_corpus import HOSTILE_ID, HOSTILE_TEXT, IMG, SCRIPT, build_corpus  # noqa: E402

from dotterel.cli import main  # noqa: E402
from dotterel.serve import WEB, create_app  # noqa: E402
from dotterel.serve_pool import PoolBusy, PoolTimeout, ServeLimits, WorkerDied  # noqa: E402
from dotterel.serve_render import group_pieces, highlight, network_chart, timeline_chart  # noqa: E402

EGYPT = "Egypt and Qatar urged Israel and Hamas on Tuesday to agree to a ceasefire in Gaza."
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
INLINE = ServeLimits(workers=0)
"""Code in the test process (its pipeline is loaded once per session); the worker processes
are tested by tests/test_serve_pool.py."""


@pytest.fixture(scope="module")
def db(tmp_path_factory, sample_articles):
    return build_corpus(tmp_path_factory.mktemp("serve") / "corpus.duckdb", sample_articles)


@pytest.fixture(scope="module")
def client(db, nlp):
    with TestClient(create_app(db, limits=INLINE)) as c:
        yield c


@pytest.fixture(scope="module")
def bare(nlp):
    """The server without a corpus: coding only."""
    with TestClient(create_app(limits=INLINE)) as c:
        yield c


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# ---------------------------------------------------------------- service


def test_health(client, bare, db):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["corpus"]["articles"] == 9
    assert body["corpus"]["path"] == str(db)
    assert bare.get("/health").json()["corpus"] is None


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/code", "/api/articles", "/api/articles/{article_id}", "/api/events",
                 "/api/actors", "/api/quotes", "/api/stats/dyads", "/health"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_only_code_accepts_posts(client):
    posts = [p for p, ops in client.get("/openapi.json").json()["paths"].items() if set(ops) - {"get"}]
    assert posts == ["/api/code"]
    assert_error(client.post("/api/events", json={}), 405, "method_not_allowed")


# ---------------------------------------------------------------- POST /api/code


def test_code_text_returns_the_contract_record(bare):
    r = bare.post("/api/code", json={"text": EGYPT, "published": "2023-12-07", "title": "Truce"})
    assert r.status_code == 200, r.text
    record = r.json()
    assert set(record) == {"id", "published", "title", "source", "url", "text", "actors", "events",
                           "quotes", "places", "dates", "furniture", "coder"}
    assert record["text"] == EGYPT and record["title"] == "Truce" and record["published"] == "2023-12-07"
    requests = [e for e in record["events"] if e["type"] == "REQUEST"]
    assert {(e["source"]["actor"], e["target"]["actor"]) for e in requests} == {
        ("EGY", "ISR"), ("EGY", "hamas"), ("QAT", "ISR"), ("QAT", "hamas")}
    for e in record["events"]:
        t = e["trigger"]
        assert EGYPT[t["start"]:t["end"]] == t["text"]
    assert any(d["value"] == "2023-12-05" for d in record["dates"])


def test_code_html_goes_through_trafilatura(bare):
    html = ("<html><head><title>Truce talks</title></head><body><nav>Home | World | Sport</nav>"
            "<article><h1>Truce talks</h1><p>" + EGYPT + "</p><p>" + "Diplomats met in Doha on "
            "Wednesday to discuss the proposal, which mediators have worked on for weeks. " * 3
            + "</p></article><footer>Copyright 2023</footer></body></html>")
    r = bare.post("/api/code", json={"html": html, "published": "2023-12-07"})
    assert r.status_code == 200, r.text
    record = r.json()
    assert "Egypt and Qatar urged" in record["text"] and "<p>" not in record["text"]
    assert "Home | World" not in record["text"]
    assert any(e["type"] == "REQUEST" for e in record["events"])


@pytest.mark.parametrize("body, code", [
    ({}, "invalid_request"),
    ({"text": "a", "html": "<p>a</p>"}, "invalid_request"),
    ({"text": "   "}, "E006"),
    ({"text": EGYPT, "published": "last Tuesday"}, "E008"),
    ({"text": EGYPT, "colour": "red"}, "invalid_request"),
    ({"text": 5}, "invalid_request"),
    ({"html": "<html><body></body></html>"}, "E013"),
])
def test_code_rejects_bad_input_with_the_error_shape(bare, body, code):
    assert_error(bare.post("/api/code", json=body), 422, code)


def test_code_rejects_text_over_max_chars(nlp):
    from dotterel.config import Settings

    with TestClient(create_app(settings=Settings(max_chars=50), limits=INLINE)) as c:
        assert_error(c.post("/api/code", json={"text": EGYPT}), 422, "E007")


def test_page_has_a_smaller_limit_than_the_api(nlp):
    with TestClient(create_app(limits=ServeLimits(workers=0, page_max_chars=50))) as c:
        r = c.post("/", data={"text": EGYPT})
        assert r.status_code == 422 and "E021" in r.text and "POST /api/code" in r.text
        html = f"<html><body><article><p>{EGYPT}</p><p>{'More words here. ' * 20}</p></article></body></html>"
        r = c.post("/", files={"file": ("page.html", html.encode(), "text/html")})
        assert r.status_code == 422 and "E021" in r.text  # the extracted text counts
        assert c.post("/api/code", json={"text": EGYPT}).status_code == 200


@pytest.mark.parametrize("failure, status, code", [
    (PoolBusy(waiting=3, retry_after=7), 503, "E022"),
    (PoolTimeout(120), 504, "E023"),
    (WorkerDied("killed"), 500, "E024"),
])
def test_worker_failures_have_codes_on_the_api_and_the_page(monkeypatch, bare, failure, status, code):
    def run(job, size):
        raise failure

    monkeypatch.setattr(bare.app.state.pool, "run", run)
    for r in (bare.post("/api/code", json={"text": EGYPT}), bare.post("/", data={"text": EGYPT})):
        assert r.status_code == status and code in r.text
        assert r.headers.get("retry-after") == ("7" if status == 503 else None)
    assert_error(bare.post("/api/code", json={"text": EGYPT}), status, code)


def test_code_rejects_bad_json(bare):
    r = bare.post("/api/code", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(r, 422, "invalid_request")


def test_body_over_the_limit_gets_413(bare):
    big = "x" * 1_000_001
    assert_error(bare.post("/api/code", json={"text": big}), 413, "payload_too_large")
    assert_error(bare.post("/", data={"text": big}), 413, "payload_too_large")


def test_chunked_body_is_bounded_too(nlp):
    with TestClient(create_app(max_body=1000, limits=INLINE)) as c:
        def chunks():
            for _ in range(20):
                yield b"x" * 100

        r = c.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
        assert_error(r, 413, "payload_too_large")
        ok = c.post("/api/code", json={"text": EGYPT})
        assert ok.status_code == 200


def test_corpus_endpoints_without_a_corpus(bare):
    for url in ("/api/articles", "/api/events", "/api/actors", "/api/quotes", "/api/stats/dyads"):
        assert_error(bare.get(url), 503, "no_corpus")
    page = bare.get("/corpus")
    assert page.status_code == 200 and "dotterel serve --db" in page.text


# ---------------------------------------------------------------- corpus API


def test_articles_paginate(client):
    first = client.get("/api/articles", params={"limit": 4}).json()
    second = client.get("/api/articles", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 9
    assert (first["limit"], first["offset"], second["offset"]) == (4, 0, 4)
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in second["items"]]
    assert len(ids) == len(set(ids)) == 8
    assert set(first["items"][0]) >= {"id", "published", "title", "source", "url", "events", "quotes", "actors"}
    last = client.get("/api/articles", params={"limit": 4, "offset": 8}).json()
    assert [a["id"] for a in last["items"]] == [HOSTILE_ID]


def test_article_record(client, sample_articles):
    a = sample_articles[0]
    record = client.get(f"/api/articles/{a.id}").json()
    assert record == a.to_dict()
    hostile = client.get("/api/articles/hostile%3C1%3E").json()
    assert hostile["text"] == HOSTILE_TEXT
    assert_error(client.get("/api/articles/no-such-article"), 404, "not_found")


def test_events_default_to_facts_and_filter(client):
    facts = client.get("/api/events", params={"limit": 500}).json()
    every = client.get("/api/events", params={"limit": 500, "facts_only": "false"}).json()
    assert facts["total"] == len(facts["items"]) and every["total"] == len(every["items"])
    assert all(e["is_fact"] for e in facts["items"])
    assert every["total"] > facts["total"] > 0
    row = facts["items"][0]
    assert {"event_id", "article_id", "event_date", "event_type", "cameo_code", "quad_class",
            "source_actor", "target_actor", "sentence", "trigger", "is_fact"} <= set(row)

    def get(**params):
        return client.get("/api/events", params={"limit": 500, **params}).json()

    rus = get(actor="RUS")
    assert rus["total"] > 0 and all("RUS" in (e["source_actor"], e["target_actor"]) for e in rus["items"])
    assault = get(type="assault")
    assert assault["total"] > 0 and {e["event_type"] for e in assault["items"]} == {"ASSAULT"}
    quad = get(quad_class=4)
    assert {e["quad_class"] for e in quad["items"]} == {4}
    isr = get(country="isr")
    assert isr["total"] > 0 and all("ISR" in (e["source_country"], e["target_country"]) for e in isr["items"])
    dated = get(date_from="2024-03-01", date_to="2024-03-31")
    assert dated["total"] > 0
    assert all("2024-03-01" <= e["event_date"] <= "2024-03-31" for e in dated["items"])
    one = get(article_id=HOSTILE_ID)
    assert {e["article_id"] for e in one["items"]} == {HOSTILE_ID}
    both = get(actor="RUS", type="ASSAULT", date_from="2024-03-01")
    assert 0 < both["total"] <= min(rus["total"], assault["total"])


def test_events_paginate_without_overlap(client):
    total = client.get("/api/events").json()["total"]
    pages = [client.get("/api/events", params={"limit": 7, "offset": o}).json() for o in range(0, total, 7)]
    ids = [e["event_id"] for p in pages for e in p["items"]]
    assert len(ids) == len(set(ids)) == total
    assert client.get("/api/events", params={"offset": total}).json()["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"quad_class": 5},
                                    {"type": "PICNIC"}, {"date_from": "yesterday"},
                                    {"date_from": "2024-02-01", "date_to": "2024-01-01"},
                                    {"facts_only": "maybe"}])
def test_events_reject_bad_parameters(client, params):
    assert_error(client.get("/api/events", params=params), 422, "invalid_request")


def test_parameters_are_data_not_sql(client):
    for value in ("RUS' OR '1'='1", "x\"; DROP TABLE events; --", "%", "*"):
        assert client.get("/api/events", params={"actor": value}).json()["total"] == 0
        assert client.get("/api/actors", params={"q": value}).json()["total"] == 0
    assert client.get("/api/events").json()["total"] > 0  # events still there


def test_actors(client):
    page = client.get("/api/actors", params={"limit": 5}).json()
    assert page["total"] > 5 and len(page["items"]) == 5
    top = page["items"][0]
    assert set(top) >= {"actor_id", "name", "kind", "country", "articles", "mentions", "as_source",
                        "as_target", "quotes"}
    counts = [a["articles"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    found = client.get("/api/actors", params={"q": "russ"}).json()["items"]
    assert "RUS" in {a["actor_id"] for a in found}
    assert client.get("/api/actors/RUS").json()["name"] == "Russia"
    assert_error(client.get("/api/actors/nobody"), 404, "not_found")


def test_quotes(client):
    page = client.get("/api/quotes", params={"limit": 3}).json()
    assert page["total"] > 0 and len(page["items"]) <= 3
    q = page["items"][0]
    assert set(q) >= {"quote_id", "article_id", "kind", "text", "speaker_actor", "speaker_name"}
    speaker = next(x["speaker_actor"] for x in client.get("/api/quotes", params={"limit": 500}).json()["items"]
                   if x["speaker_actor"])
    by = client.get("/api/quotes", params={"speaker": speaker, "limit": 500}).json()
    assert by["total"] > 0 and {x["speaker_actor"] for x in by["items"]} == {speaker}


def test_stats_dyads(client):
    overall = client.get("/api/stats/dyads", params={"limit": 500}).json()
    assert overall["total"] == len(overall["items"]) > 0
    row = overall["items"][0]
    assert set(row) == {"period", "source_actor", "source_name", "target_actor", "target_name",
                        "events", "goldstein_sum", "goldstein_mean"}
    assert row["period"] is None and row["events"] == max(r["events"] for r in overall["items"])
    monthly = client.get("/api/stats/dyads", params={"by": "month", "limit": 500}).json()
    assert all(re.fullmatch(r"\d{4}-\d{2}-01", r["period"]) for r in monthly["items"])
    assert sum(r["events"] for r in monthly["items"]) == sum(r["events"] for r in overall["items"])
    assert_error(client.get("/api/stats/dyads", params={"by": "decade"}), 422, "invalid_request")
    quad = client.get("/api/stats/quad", params={"by": "year"}).json()
    assert quad["items"] and {"period", "q1", "q2", "q3", "q4", "events"} <= set(quad["items"][0])


def test_api_errors_have_one_shape(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/articles", params={"limit": "ten"}), 422, "invalid_request")
    assert_error(client.delete("/api/articles"), 405)


# ---------------------------------------------------------------- pages


def test_pages_render(client, sample_articles):
    for url in ("/", "/corpus", "/corpus?actor=RUS&type=ASSAULT&facts=all&date_from=2020-01-01",
                "/actor/RUS", "/actor/RUS?facts=all", f"/article/{sample_articles[0].id}"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
    corpus = client.get("/corpus").text
    assert 'class="chart timeline"' in corpus and 'class="chart network"' in corpus
    assert "/actor/RUS" in corpus


def test_corpus_page_takes_an_actor_name(client):
    by_name = client.get("/corpus", params={"actor": "russia"}).text
    assert 'value="RUS"' in by_name
    assert "matching event" in by_name and " 0 matching events" not in by_name


def test_corpus_page_pages_through_events(client):
    total = client.get("/api/events").json()["total"]
    page = client.get("/corpus").text
    assert f"{total} matching event" in page
    bad = client.get("/corpus", params={"quad_class": "nine"})
    assert bad.status_code == 422 and "quad_class" in bad.text


def test_page_errors_are_html(client):
    r = client.get("/actor/nobody")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "not_found" in r.text
    assert client.get("/no/such/page").status_code == 404


def test_index_codes_a_pasted_article(bare):
    r = bare.post("/", data={"text": EGYPT, "published": "2023-12-07", "title": "Truce"})
    assert r.status_code == 200
    assert 'class="hl hl-trigger"' in r.text and ">urged</span>" in r.text
    assert 'data-kind="actor"' in r.text and ">Egypt</span>" in r.text
    assert "REQUEST" in r.text and 'id="record-data"' in r.text


def test_index_codes_an_uploaded_file(bare):
    r = bare.post("/", data={"published": "2023-12-07"},
                  files={"file": ("article.txt", EGYPT.encode(), "text/plain")})
    assert r.status_code == 200 and ">urged</span>" in r.text
    html = f"<!doctype html><html><body><article><p>{EGYPT}</p><p>{'More words here. ' * 20}</p></article></body></html>"
    r = bare.post("/", files={"file": ("page.html", html.encode(), "text/html")})
    assert r.status_code == 200 and ">urged</span>" in r.text and "&lt;p&gt;" not in r.text
    r = bare.post("/", files={"file": ("latin1.txt", "Caf\xe9".encode("latin-1"), "text/plain")})
    assert r.status_code == 422 and "E003" in r.text


def test_index_shows_errors(bare):
    r = bare.post("/", data={"text": "  "})
    assert r.status_code == 422 and 'role="alert"' in r.text and "E006" in r.text


# ---------------------------------------------------------------- escaping


def _assert_escaped(html: str) -> None:
    assert SCRIPT not in html and "<script>alert" not in html
    assert "<img src=x" not in html and IMG not in html
    assert SCRIPT_ESCAPED in html and IMG_ESCAPED in html


def test_pasted_article_is_rendered_as_text(bare):
    r = bare.post("/", data={"text": HOSTILE_TEXT, "published": "2024-03-05", "title": f"T {SCRIPT}"})
    assert r.status_code == 200
    _assert_escaped(r.text)
    assert 'class="hl hl-trigger"' in r.text  # still coded and highlighted
    # the record handed to the script escapes < and > too
    data = re.search(r'<script type="application/json" id="record-data">(.*?)</script>', r.text, re.S).group(1)
    assert "<" not in data and "\\u003cscript\\u003e" in data


def test_stored_hostile_article_is_rendered_as_text(client):
    article = client.get("/article/hostile%3C1%3E")
    assert article.status_code == 200
    _assert_escaped(article.text)
    assert "href=\"javascript:" not in article.text and ">original</a>" not in article.text
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in article.text
    for url in ("/corpus", "/actor/RUS", "/corpus?actor=UKR"):
        page = client.get(url).text
        assert SCRIPT not in page and "<img src=x" not in page, url
    assert SCRIPT_ESCAPED in client.get("/corpus", params={"actor": "UKR"}).text
    # error pages echo the path escaped
    missing = client.get("/actor/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert missing.status_code == 404 and SCRIPT not in missing.text and SCRIPT_ESCAPED in missing.text


def test_search_parameters_are_escaped_in_the_form(client):
    r = client.get("/corpus", params={"actor": '"><script>alert(1)</script>'})
    assert r.status_code == 200 and SCRIPT not in r.text and "&#34;&gt;&lt;script&gt;" in r.text


# ---------------------------------------------------------------- render helpers


def test_highlight_pieces_rebuild_the_text(sample_articles):
    for article in sample_articles:
        record = article.to_dict()
        pieces = highlight(record)
        assert "".join(p.text for p in pieces) == record["text"]
        assert sum(len(p.text) for _, ps in group_pieces(pieces) for p in ps) == len(record["text"])
        triggers = {(e["trigger"]["start"]) for e in record["events"]}
        starts = {p.span_start for p in pieces if p.kind == "trigger"}
        assert starts == triggers


def test_highlight_overlaps_and_bad_offsets():
    text = 'He said "Russia attacked Kyiv" today.'
    record = {"text": text,
              "actors": [{"id": "RUS", "mentions": [{"start": 9, "end": 15}, {"start": 500, "end": 510}]}],
              "events": [{"trigger": {"start": 16, "end": 24}}, {"trigger": {"start": 16, "end": 24}}],
              "quotes": [{"start": 8, "end": 30}],
              "places": [{"start": 25, "end": 29}, {"start": 9, "end": 15}], "dates": [{"start": 31, "end": 36}]}
    pieces = highlight(record)
    assert "".join(p.text for p in pieces) == text
    kinds = {p.text: (p.kind, p.refs, p.quote) for p in pieces}
    assert kinds["Russia"] == ("actor", (0,), 0)  # the actor wins over the place
    assert kinds["attacked"] == ("trigger", (0, 1), 0)  # one highlight for both events
    assert kinds["Kyiv"] == ("place", (0,), 0)
    assert kinds["today"] == ("date", (0,), None)
    groups = group_pieces(pieces)
    assert [q for q, _ in groups] == [None, 0, None]


def test_charts_geometry():
    rows = [{"period": dt.date(2024, 1, 1), "q1": 2, "q2": 1, "q3": 0, "q4": 3, "events": 6},
            {"period": dt.date(2024, 3, 1), "q1": 0, "q2": 0, "q3": 4, "q4": 0, "events": 4}]
    chart = timeline_chart(rows, by="month")
    assert (chart["coop"], chart["conflict"]) == (3, 7)
    assert len(chart["bars"]) == 4 and all(b["h"] > 0 for b in chart["bars"])
    assert all(b["y"] + b["h"] <= chart["mid"] + 0.01 for b in chart["bars"] if b["quad"] in (1, 2))
    assert all(b["y"] >= chart["mid"] - 0.01 for b in chart["bars"] if b["quad"] in (3, 4))
    assert timeline_chart([], by="month")["empty"]
    dyads = [{"source_actor": "RUS", "source_name": "Russia", "target_actor": "UKR", "target_name": "Ukraine",
              "events": 5, "goldstein_mean": -8.0},
             {"source_actor": "UKR", "source_name": "Ukraine", "target_actor": "RUS", "target_name": "Russia",
              "events": 1, "goldstein_mean": 3.0},
             {"source_actor": "RUS", "source_name": "Russia", "target_actor": "RUS", "target_name": "Russia",
              "events": 9, "goldstein_mean": 0.0}]
    net = network_chart(dyads)
    assert {n["id"] for n in net["nodes"]} == {"RUS", "UKR"} and len(net["edges"]) == 2
    assert {e["tone"] for e in net["edges"]} == {"coop", "conflict"}
    ego = network_chart(dyads, center="RUS")
    rus = next(n for n in ego["nodes"] if n["id"] == "RUS")
    assert (rus["x"], rus["y"]) == (ego["width"] / 2, ego["height"] / 2)


# ---------------------------------------------------------------- command line


def test_serve_command_is_registered(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--db" in out and "--port" in out and "--host" in out


def test_serve_command_refuses_a_missing_database(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no corpus database" in capsys.readouterr().err


def test_corpus_events_csv_downloads_exactly_the_filter(client):
    import csv
    import io

    from dotterel.output import EVENT_COLUMNS

    page = client.get("/corpus", params={"actor": "RUS"}).text
    assert 'href="/corpus/events.csv?actor=RUS"' in page
    response = client.get("/corpus/events.csv", params={"actor": "RUS"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    api = client.get("/api/events", params={"actor": "RUS", "limit": 500}).json()
    assert len(rows) == api["total"] > 0
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert all("RUS" in (r["source_actor"], r["target_actor"]) for r in rows)
    assert {r["event_id"] for r in rows} == {e["event_id"] for e in api["items"]}
    everything = client.get("/corpus/events.csv", params={"facts": "all"}).text.count("\n")
    assert everything > len(rows) + 1


def test_search_page_answers_with_results(client, bare):
    found = client.get("/search", params={"q": "Russia"})
    assert found.status_code == 200 and "result" in found.text
    assert re.search(r'<a href="/article/[^"]+">', found.text)
    assert "0 results" not in found.text
    assert "0 results" in client.get("/search", params={"q": "zzzqqqnothing"}).text
    assert 'role="search"' in client.get("/search").text
    assert "No corpus database" in bare.get("/search", params={"q": "x"}).text


def test_docs_csp_and_nosniff_on_static_and_json(client):
    """Issue 21, finding 12: /docs has a Content-Security-Policy; static files, JSON answers and
    errors say nosniff."""
    docs = client.get("/docs")
    policy = docs.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "'sha256-" in policy and "unsafe-eval" not in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    static = [p for p in (WEB / "static").iterdir() if p.is_file()][0]
    for response in (docs, client.get(f"/static/{static.name}"), client.get("/health"),
                     client.get("/openapi.json"), client.get("/api/articles/no-such-id"),
                     client.get("/corpus/events.csv"), client.get("/search", params={"q": "Russia"})):
        assert response.headers["x-content-type-options"] == "nosniff", response.url
