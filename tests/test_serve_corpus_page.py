"""The corpus page for researchers: the offline map, timelines by the span (TestClient)."""
from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("duckdb")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from serve_corpus import SCRIPT  # noqa: E402
from test_store import HAND_MADE  # noqa: E402

from dotterel.model import Place  # noqa: E402
from dotterel.serve import create_app  # noqa: E402
from dotterel.serve_map import land_path, map_chart, project  # noqa: E402
from dotterel.store import Corpus  # noqa: E402

HOSTILE_PLACE = f"Kharkiv {SCRIPT}"


def _hostile_place(article):  # type: ignore[no-untyped-def]
    """r1 with its first event's place renamed to markup (a gazetteer never says this; a
    hand-altered database might)."""
    first = article.events[0]
    place = replace(first.place, name=HOSTILE_PLACE, admin1="<b>Oblast</b>")
    return replace(article, events=(replace(first, place=place), *article.events[1:]))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "hand.duckdb"
    with Corpus(path) as corpus:
        corpus.add_records([_hostile_place(HAND_MADE[0]), *HAND_MADE[1:]])
    with TestClient(create_app(path)) as c:
        yield c


# ---------------------------------------------------------------- the map


def test_projection_and_land():
    assert project(0, 0) == (360.0, round(84 * 2, 1))  # equirectangular, 2 px per degree, 84° N at the top
    assert project(90, -180) == (0.0, 0.0)  # beyond the edge: on it
    path = land_path()
    assert path.count("M") > 500 and "NaN" not in path


def test_map_dots_size_by_count_and_link_to_the_place():
    rows = [{"place_name": "Kyiv", "lat": 50.45, "lon": 30.52, "events": 9, "place_country": "UKR",
             "admin1": "Kyiv City"},
            {"place_name": "Gaza", "lat": 31.5, "lon": 34.46, "events": 1, "place_country": "PSE"},
            {"place_name": "Nowhere", "lat": None, "lon": None, "events": 5}]
    chart = map_chart(rows, {"actor": "RUS", "facts": "facts", "place": "old", "type": ""})
    kyiv, gaza = chart["dots"]
    assert kyiv["r"] > gaza["r"] and chart["events"] == 10  # unplaced rows are not drawn
    assert kyiv["title"] == "Kyiv, Kyiv City, UKR: 9 events" and gaza["title"] == "Gaza, PSE: 1 event"
    assert parse_qs(urlsplit(gaza["href"]).query) == {"actor": ["RUS"], "place": ["Gaza"]}


def test_corpus_page_draws_the_map_with_escaped_places(client):
    html = client.get("/corpus").text
    svg = re.search(r'<svg class="chart map".*?</svg>', html, re.S).group(0)
    assert '<path class="land" d="M' in svg
    dots = re.findall(r'<a href="([^"]+)" class="dot">', svg)
    assert len(dots) == 2  # r1 (Kharkiv, renamed) and r4 (Warsaw): the fact events with a place
    assert SCRIPT not in html and "<b>Oblast</b>" not in html
    assert "Kharkiv &lt;script&gt;alert(1)&lt;/script&gt;, &lt;b&gt;Oblast&lt;/b&gt;, UKR: 1 event" in svg


def test_a_map_dot_lists_the_events_of_its_place(client):
    html = client.get("/corpus").text
    warsaw = next(h for h in re.findall(r'<a href="([^"]+)" class="dot">', html) if "Warsaw" in h)
    listed = client.get(warsaw.replace("&amp;", "&")).text
    assert "1 matching event" in listed and "title r4" in listed  # r4 is the Warsaw report
    csv = client.get("/corpus/events.csv?place=Warsaw").text.splitlines()
    assert len(csv) == 2 and ",r4," in csv[1]
    empty = client.get("/corpus?place=Atlantis").text
    assert "No geocoded events match." in empty


# ---------------------------------------------------------------- timelines by the span


@pytest.mark.parametrize(("days", "period"), [(1, "day"), (62, "day"), (63, "week"), (730, "week"),
                                              (731, "month"), (3650, "month"), (12000, "year")])
def test_timeline_period_follows_the_span(days, period):
    from dotterel.serve_render import choose_period

    first = dt.date(2024, 1, 1)
    assert choose_period(first, first + dt.timedelta(days=days - 1)) == period


def test_daily_and_weekly_timelines_have_a_slot_per_period():
    from dotterel.serve_render import period_start, timeline_chart

    assert period_start(dt.date(2024, 3, 7), "week") == dt.date(2024, 3, 4)  # a Thursday: its Monday
    rows = [{"period": dt.date(2024, 3, 4), "q1": 2, "q4": 1}, {"period": dt.date(2024, 3, 6), "q3": 1}]
    daily = timeline_chart(rows, first=dt.date(2024, 3, 1), last=dt.date(2024, 3, 10), by="day")
    assert (daily["coop"], daily["conflict"]) == (2, 2) and daily["first"] == "2024-03-01"
    assert {b["title"] for b in daily["bars"]} == {"2024-03-04: 2 verbal cooperation",
                                                   "2024-03-04: 1 material conflict",
                                                   "2024-03-06: 1 verbal conflict"}
    assert daily["xlabels"][0]["label"] == "Mar 01"
    weekly = timeline_chart([{"period": dt.date(2024, 3, 4), "q2": 3}], first=dt.date(2024, 2, 26),
                            last=dt.date(2024, 3, 18), by="week")
    assert [b["title"] for b in weekly["bars"]] == ["week of 2024-03-04: 3 material cooperation"]
    assert len({round(x["x"]) for x in weekly["xlabels"]}) == 4  # one slot per week, each labelled


def test_corpus_page_timeline_is_daily_for_a_month_of_news(client):
    # the hand-made corpus was published 2024-01-10 .. 2024-02-02: 24 days
    html = client.get("/corpus").text
    title = re.search(r'<title id="timeline-title">([^<]*)</title>', html).group(1)
    assert title.startswith("Events per day, 2024-01-10 to 2024-02-02")
    assert "2024-01-09: 1 material conflict" not in html  # before the window: not drawn
    assert "2024-01-10: " in html


# ---------------------------------------------------------------- the network's labels


def test_network_labels_run_outwards_a_line_apart():
    from dotterel.serve_render import network_chart

    dyads = [{"source_actor": f"A{i:02}", "source_name": f"Actor number {i} with a long name",
              "target_actor": f"B{i:02}", "target_name": f"Target {i}", "events": 1 + i % 5,
              "goldstein_mean": -2.0} for i in range(30)]
    chart = network_chart(dyads)
    nodes = chart["nodes"]
    assert len(nodes) == 60 and all(len(n["label"]) <= 20 for n in nodes)
    cx, cy = chart["width"] / 2, chart["height"] / 2
    for n in nodes:  # each label starts beyond its node, on the line from the centre through it
        out = (n["lx"] - cx, n["ly"] - cy)
        assert out[0] * (n["x"] - cx) + out[1] * (n["y"] - cy) > 0
        assert (n["anchor"] == "end") == (n["x"] < cx - 1e-6)
    anchors = sorted(((n["lx"], n["ly"]) for n in nodes))
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(anchors) for b in anchors[:i])
    assert closest >= 12  # a line of 11.5 px text: neighbours' labels cannot touch
    for n in nodes:  # and no label leaves the picture: 7 px a character at most
        dx, dy = n["lx"] - n["x"], n["ly"] - n["y"]
        reach = 7 * len(n["label"]) / (dx * dx + dy * dy) ** 0.5
        end = (n["lx"] + reach * dx, n["ly"] + reach * dy)
        assert 0 <= end[0] <= chart["width"] and 0 <= end[1] <= chart["height"], n["label"]
