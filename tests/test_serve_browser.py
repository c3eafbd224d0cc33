"""dotterel serve end to end in a real headless Chromium (Debian's /usr/bin/chromium + playwright).

The server runs in a thread of this process (uvicorn on 127.0.0.1, a free port); the browser
is never downloaded. Skips when Chromium, playwright or the web extra is missing.
"""
from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("duckdb")

from playwright.sync_api import sync_playwright  # noqa: E402
from serve_corpus import HOSTILE_ID, HOSTILE_TEXT, SCRIPT, build_corpus  # noqa: E402

FALLBACK = ("Hamas leader Ismail Haniyeh urged Pakistan on Tuesday to support the Palestinians "
            "in Gaza. Israel attacked Hamas positions in Gaza, the army said.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_articles, nlp):
    import uvicorn

    from dotterel.serve import create_app
    from dotterel.serve_pool import ServeLimits

    db = build_corpus(tmp_path_factory.mktemp("browser") / "corpus.duckdb", sample_articles)
    port = _free_port()
    app = create_app(db, limits=ServeLimits(workers=0))  # codes in this process: its model is loaded
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _article() -> tuple[str, str]:
    seed = SHARED / "data" / "seed_article.txt"
    if seed.exists():
        meta = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
        return seed.read_text(encoding="utf-8"), meta["published"]
    return FALLBACK, "2023-12-07"


def test_paste_an_article_and_see_it_annotated(server, page):
    text, published = _article()
    page.goto(server + "/")
    page.fill("#text", text)
    page.fill("#published", published)
    page.click("#submit")
    page.wait_for_selector("#article-text .hl-trigger", timeout=60_000)
    triggers = page.locator("#article-text .hl-trigger")
    assert triggers.count() >= 3
    haniyeh = page.locator("#article-text .hl-actor", has_text="Ismail Haniyeh")
    assert haniyeh.count() >= 1
    assert page.locator("tr[data-event]").count() >= 3
    # clicking an event row shows its evidence and marks its trigger in the text
    page.locator("tr[data-event]").first.click()
    evidence = page.locator("#evidence")
    assert "why:" in evidence.inner_text() and "#1" in evidence.inner_text()
    assert page.locator("#article-text .hl-trigger.active").count() >= 1
    # the highlights are keyboard-reachable: focus one, Enter shows what it is
    page.mouse.move(1, 1)  # no hover preview under the pointer
    haniyeh.first.focus()
    page.keyboard.press("Enter")
    assert "Ismail Haniyeh" in evidence.inner_text() and "ismail_haniyeh" in evidence.inner_text()
    # hovering a trigger previews its event
    triggers.nth(1).hover()
    assert "why:" in evidence.inner_text()
    assert page.errors == [], page.errors


def test_a_hostile_article_stays_text(server, page):
    page.goto(server + "/")
    page.fill("#text", HOSTILE_TEXT)
    page.fill("#title", f"Hello {SCRIPT}")
    page.click("#submit")
    page.wait_for_selector("#article-text .hl-trigger", timeout=60_000)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert SCRIPT in page.inner_text("#article-text")
    assert page.locator("#article-text script, #article-text img, main img").count() == 0
    page.locator("tr[data-event]").first.click()  # the evidence panel shows the sentence as text
    assert SCRIPT in page.inner_text("#evidence")
    assert page.locator("#evidence script, #evidence img").count() == 0
    # the same article stored in the corpus, and the corpus table quoting its sentences
    page.goto(server + "/article/" + HOSTILE_ID.replace("<", "%3C").replace(">", "%3E"))
    page.wait_for_selector("#article-text")
    page.goto(server + "/corpus?actor=UKR")
    page.wait_for_selector("table.events")
    assert SCRIPT in page.inner_text("table.events")
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []


def test_corpus_views(server, page):
    page.goto(server + "/corpus")
    assert page.locator("svg.timeline rect").count() > 0
    assert page.locator("svg.network .node").count() >= 2
    assert page.locator("table.events tbody tr").count() > 0
    page.select_option("#f-type", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/corpus?*type=ASSAULT*")
    types = page.locator("table.events .etype").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    page.locator("svg.network a.node").first.click()
    page.wait_for_url("**/actor/**")
    assert page.locator("h1").inner_text()
    assert page.errors == []


def _shot(element, tmp_path, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a screenshot: into docs/img with UPDATE_SCREENSHOTS=1 (for the README), else tmp."""
    folder = DOCS_IMG if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    element.screenshot(path=str(path))
    return path


def test_corpus_map(server, page, tmp_path):
    page.goto(server + "/corpus")
    dots = page.locator("svg.map a.dot")
    assert page.locator("svg.map path.land").count() == 1 and dots.count() >= 3
    shot = _shot(page.locator("figure.map-card"), tmp_path, "corpus-map.png")
    assert shot.stat().st_size > 10_000
    top = dots.last  # drawn last: the smallest, never under another dot
    title = top.locator("title").text_content()  # "Gaza, PSE: 1 event"
    place, count = title.split(",")[0], int(re.search(r": (\d+) event", title).group(1))
    top.click()
    page.wait_for_url("**/corpus?*place=*")
    assert page.locator("#f-place").input_value() == place
    assert re.search(rf"{count} matching events?", page.locator("h1").inner_text())
    cells = page.locator("table.events tbody tr td:nth-child(4)").all_inner_texts()
    assert cells and set(cells) == {place}
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/corpus", "/corpus?place=Gaza", "/actor/ISR", "/search?q=gaza",
                                  "/article/sample-001"])
def test_pages_fit_a_phone(server, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        for table in page.locator("table").all():  # wide tables scroll inside their box
            box = table.bounding_box()
            if box and box["width"] > 390:
                assert table.evaluate("t => getComputedStyle(t.parentElement).overflowX") in ("auto", "scroll")
    finally:
        context.close()


def test_docs_render_under_their_content_security_policy(server, page):
    """Issue 21, finding 12: /docs has a CSP, and Swagger UI still renders under it."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(f"{server}/docs")
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "dotterel" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)  # openapi.json was fetched
    assert violations == [] and page.errors == []
