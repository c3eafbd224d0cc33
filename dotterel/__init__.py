"""dotterel: structured, verifiable political event data from news text."""
from __future__ import annotations

from ._version import __version__

from .config import Settings  # noqa: E402
from .model import (  # noqa: E402
    Actor,
    ActorRef,
    Article,
    ArticleInput,
    CameoCode,
    DateMention,
    ErrorRecord,
    Event,
    Place,
    Quote,
    TextSpan,
)
from .frame import read_csv, to_frame  # noqa: E402
from .nlp.pipeline import load_pipeline  # noqa: E402
from .pipeline import code, code_many  # noqa: E402

__all__ = ["code", "code_many", "to_frame", "read_csv", "load_pipeline", "Settings", "Article", "ArticleInput", "Actor",
           "ActorRef", "CameoCode", "DateMention", "ErrorRecord", "Event", "Place", "Quote",
           "TextSpan", "__version__"]
