"""Screenshots of the web page for the README: docs/screenshot-article.png and -corpus.png.

    .venv/bin/python tools/web_screenshots.py --db corpus.duckdb [--out docs]

Starts ``dotterel serve`` on a free local port, opens it in headless Chromium (Debian's
/usr/bin/chromium driven by the playwright package; no browser download), codes the seed
article (../shared/data/seed_article.txt, else a bundled sample) on "/", selects an event
and saves the page; then saves /corpus.
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    seed = ROOT.parent / "shared" / "data" / "seed_article.txt"
    if seed.exists():
        meta = json.loads(seed.with_suffix(".json").read_text())
        text, published, title = seed.read_text(encoding="utf-8"), meta["published"], meta.get("title", "")
    else:
        first = json.loads((ROOT / "dotterel/data/samples/articles.jsonl").read_text().splitlines()[0])
        text, published, title = first["text"], first["published"], first["title"]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "dotterel", "-q", "serve", "--db", args.db,
                             "--port", str(port)], cwd=ROOT)
    try:
        wait_up(url, proc)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(url + "/")
            page.fill("#text", text)
            page.fill("#published", published)
            page.fill("#title", title)
            page.click("#submit")
            page.wait_for_selector("#article-text .hl-trigger", timeout=120_000)
            page.click("tr[data-event] >> nth=0")
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_timeout(400)
            page.screenshot(path=str(out / "screenshot-article.png"))
            page.goto(url + "/corpus")
            page.wait_for_selector("svg.timeline")
            page.screenshot(path=str(out / "screenshot-corpus.png"))
            browser.close()
        print(f"wrote {out / 'screenshot-article.png'} and {out / 'screenshot-corpus.png'}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
