"""A small corpus database for the web tests: the coded samples plus one hostile article."""
from __future__ import annotations

from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = (f"Russia attacked Ukraine on Monday {SCRIPT} near Kharkiv. "
                f"Ukraine accused Russia of shelling {IMG} the city, officials said.")
HOSTILE_ID = "hostile<1>"


def hostile_article():  # type: ignore[no-untyped-def]
    from dotterel import code_many
    from dotterel.model import ArticleInput

    item = ArticleInput(id=HOSTILE_ID, text=HOSTILE_TEXT, published="2024-03-05",
                        title=f"Headline {SCRIPT}", source=f"<i>Outlet</i> {IMG}",
                        url="javascript:alert(1)")
    return next(code_many([item]))


def build_corpus(path: Path, articles: list) -> Path:  # type: ignore[type-arg]
    from dotterel.store import Corpus

    with Corpus(path) as corpus:
        corpus.add_records([*articles, hostile_article()])
    return path
