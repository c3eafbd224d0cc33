"""A pickle on disk for what is slow to build and depends only on its inputs (the actor
knowledge base, the tokenized names its matchers compile).

The file name carries a hash of every input, so a changed data file or library version
builds anew; the directory is ``DOTTEREL_CACHE`` or ~/.cache/dotterel, and
``DOTTEREL_CACHE=off`` turns caching off. A cache that cannot be read or written (a
read-only home, a damaged file) only means building in memory.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    env = os.environ.get("DOTTEREL_CACHE")
    if env == "off":
        return None
    return Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dotterel"


def digest(parts: Iterable[str | bytes]) -> str:
    sha = hashlib.sha1()
    for part in parts:
        sha.update(part.encode("utf-8") if isinstance(part, str) else part)
        sha.update(b"\0")
    return sha.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, read from ``<dir>/<name>-<key>.pickle`` when there; older files
    of the same name are removed when a new one is written."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            gc.disable()  # tens of thousands of small objects: no cycles to look for
            try:
                return pickle.load(handle)  # type: ignore[no-any-return]
            finally:
                gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    return value
