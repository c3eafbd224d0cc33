"""Shared fixtures: the pipeline loads once per session; ../shared is optional."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "dotterel" / "data" / "samples" / "articles.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from dotterel import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_article(nlp):
    """The canonical example from ../shared, coded once; skips when ../shared is absent."""
    text_path = SHARED / "data" / "seed_article.txt"
    if not text_path.exists():
        pytest.skip("../shared/data/seed_article.txt not available")
    from dotterel import code

    meta = json.loads((SHARED / "data" / "seed_article.json").read_text())
    return code(text_path.read_text(encoding="utf-8"), published=meta["published"], id=meta["id"])


@pytest.fixture(scope="session")
def sample_articles(nlp):
    from dotterel import code_many
    from dotterel.ingest import read_inputs

    return list(code_many(read_inputs([SAMPLES])))
