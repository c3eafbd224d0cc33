"""Stand-in jobs for the worker pool's tests (tests/test_serve_pool.py): module-level, so a
spawned worker can import them, and without spaCy, so workers start in a moment."""
from __future__ import annotations

import os
import time
from typing import Any


def sleepy(payload: Any, settings: Any) -> int:
    """Sleep ``payload`` seconds (None: not at all); ``"exit"`` ends the worker mid-job."""
    if payload == "exit":
        os._exit(3)
    if payload == "raise":
        raise ValueError("a job that fails")
    time.sleep(payload or 0)
    return os.getpid()


def broken(payload: Any, settings: Any) -> None:
    raise OSError("no such model")
