"""Loading the spaCy model and adding the dotterel components after it."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

# importing the component modules registers their factories with spaCy
from ..actors import component as _actors  # noqa: F401
from ..config import Settings
from ..errors import ConfigError, Errors
from ..events import component as _events  # noqa: F401
from ..quotes import component as _quotes  # noqa: F401
from ..statements import make_statement_coder  # noqa: F401
from ..timeplace import component as _timeplace  # noqa: F401
from . import furniture as _furniture  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401
from .selective import two_pass

COMPONENTS = ("dotterel_actors", "dotterel_quotes", "dotterel_events", "dotterel_statements",
              "dotterel_timeplace")


def load_pipeline(settings: Settings | None = None) -> Language:
    """Load the spaCy model named in settings and add the dotterel components after it."""
    settings = settings or Settings()
    return _load(settings.model, tuple(str(p) for p in settings.actor_files), settings.selective_parse,
                 tuple(sorted(settings.disabled_rules)), settings.learned_triggers,
                 settings.learned_roles)


@functools.lru_cache(maxsize=4)
def _load(model: str, actor_files: tuple[str, ...], selective: bool = False,
          disabled_rules: tuple[str, ...] = (), learned: str = "off", roles: str = "packaged") -> Language:
    try:
        nlp = spacy.load(model, exclude=[] if selective else ["senter"])
    except (OSError, ImportError) as exc:
        raise ConfigError(Errors.E009, model=model, detail=exc) from exc
    # first, on the tokens alone: its spans become sentences of their own before the parse
    nlp.add_pipe("dotterel_furniture", first=True)
    if selective:
        two_pass(nlp, actor_files)
    elif "parser" in nlp.pipe_names:
        nlp.add_pipe("dotterel_paragraphs", before="parser")
    nlp.add_pipe("dotterel_actors", config={"actor_files": list(actor_files)})
    for name in COMPONENTS[1:]:
        config = {"disabled_rules": list(disabled_rules), "learned_triggers": learned,
                  "learned_roles": roles} if name == "dotterel_events" else {}
        nlp.add_pipe(name, config=config)
    return nlp
