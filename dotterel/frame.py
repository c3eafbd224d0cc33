"""Records as typed pandas DataFrames: ``to_frame(results, table="events")``.

The columns are those of the CSV and Parquet exports (``columns.TABLES``), typed so a frame
reads the same whichever way it came: dates datetime64, codes strings ("020" stays "020"),
integers nullable (``Int64``: a missing GeoNames id is <NA>, not a float).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .columns import PANDAS_DTYPES, kind_of, names
from .model import Article, ErrorRecord, article_from_dict
from .output import ROW_MAKERS

if TYPE_CHECKING:
    import pandas as pd


def to_frame(results: Iterable[Article | ErrorRecord | dict[str, Any]], table: str = "events") -> pd.DataFrame:
    """One typed DataFrame of ``table`` ("events", "actors", "quotes" or "places") over the
    coded articles; error records are passed over. Record dicts (``Article.to_dict``, a JSONL
    output's lines) are read back as articles.

    >>> frame = to_frame(code_many(items))            # doctest: +SKIP
    >>> frame.groupby("event_type").size()            # doctest: +SKIP
    """
    import pandas as pd

    if table not in ROW_MAKERS:
        raise ValueError(f"unknown table {table!r}; use one of {', '.join(ROW_MAKERS)}")
    rows = ROW_MAKERS[table]
    records = [row for result in results for article in _article(result) for row in rows(article)]
    return typed_frame(pd.DataFrame(records, columns=list(names(table))), table)


def typed_frame(frame: pd.DataFrame, table: str = "events") -> pd.DataFrame:
    """Give a frame of ``table``'s columns their dtypes (``columns.PANDAS_DTYPES``); columns
    it does not know (``seq`` of a store query) are left as they are."""
    import pandas as pd

    for name, kind in kind_of(table).items():
        if name not in frame.columns:
            continue
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name], errors="coerce").astype("datetime64[ns]")
        else:
            frame[name] = frame[name].astype(PANDAS_DTYPES[kind])
    return frame


def read_csv(path: str | Path, table: str = "events") -> pd.DataFrame:
    """Read a CSV that dotterel wrote back into the frame ``to_frame`` gives (codes stay strings)."""
    import pandas as pd

    kinds = kind_of(table)
    frame = pd.read_csv(path, dtype={n: "string" for n, k in kinds.items() if k in ("string", "date")},
                        keep_default_na=False, na_values=[""])
    return typed_frame(frame, table)


def _article(result: Article | ErrorRecord | dict[str, Any]) -> tuple[Article, ...]:
    if isinstance(result, Article):
        return (result,)
    if isinstance(result, dict) and "error" not in result:
        return (article_from_dict(result),)
    return ()


__all__ = ["to_frame", "typed_frame", "read_csv"]
