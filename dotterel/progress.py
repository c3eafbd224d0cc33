"""The progress bar on a terminal: articles done of the total, rate and time left."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def progress_bar(enabled: bool | None, total: int | None = None) -> Any:
    """A tqdm bar on stderr, or None when not enabled (default: only when stderr is a terminal).
    With ``total`` (``ingest.count_records``) it shows the share done and the time left."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: code_many may then fork its workers
    return tqdm(total=total, unit=" articles", desc="coding", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.2)


def with_progress(items: Iterable[T], *, enabled: bool | None = None,
                  total: int | None = None) -> Iterator[T]:
    """Pass ``items`` through, ticking the bar once per item."""
    bar = progress_bar(enabled, total)
    if bar is None:
        yield from items
        return
    try:
        for item in items:
            bar.update(1)
            yield item
    finally:
        bar.close()
