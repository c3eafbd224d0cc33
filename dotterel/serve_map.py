"""The corpus page's map: geocoded events as dots on a world drawn offline, server-side.

The land is ``data/world_land.json`` (1° cells from GeoNames towns, built by
``tools/build_world_outline.py``; no tile server, nothing fetched), drawn as one SVG path in an
equirectangular projection. ``map_chart`` returns numbers and strings that the template puts
into inline SVG with autoescaping: a place name from an article never becomes markup.
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any
from urllib.parse import urlencode

WIDTH = 720


@functools.lru_cache(maxsize=1)
def _land() -> dict[str, Any]:
    text = (resources.files("dotterel") / "data" / "world_land.json").read_text(encoding="utf-8")
    return json.loads(text)


def _frame(width: int) -> tuple[float, float, int, int]:
    """Pixels per degree, the map's height, and its north and south edges."""
    land = _land()
    north, south = int(land["north"]), int(land["south"])
    scale = width / 360
    return scale, round((north - south) * scale, 1), north, south


@functools.lru_cache(maxsize=4)
def land_path(width: int = WIDTH) -> str:
    """The land as one SVG path: a rectangle per run of land cells."""
    scale, _, north, _ = _frame(width)
    cell = float(_land()["cell_degrees"]) * scale
    parts = []
    for top, spans in _land()["rows"]:
        y = (north - top) * scale
        for first, last in spans:
            x = (first + 180) * scale
            w = (last - first) * scale + cell
            parts.append(f"M{x:.1f} {y:.1f}h{w:.1f}v{cell:.1f}h{-w:.1f}z")
    return "".join(parts)


def project(lat: float, lon: float, width: int = WIDTH) -> tuple[float, float]:
    """Equirectangular: (x, y) in pixels; latitudes beyond the map's edges sit on them."""
    scale, height, north, _ = _frame(width)
    return round((lon + 180) * scale, 1), round(min(height, max(0.0, (north - lat) * scale)), 1)


def map_chart(rows: list[dict[str, Any]], args: dict[str, str], *, width: int = WIDTH) -> dict[str, Any]:
    """Dots for the places of the matching events (``serve_query.event_places``), the largest
    drawn first so small ones stay clickable; each links to the corpus page with the current
    filters (``args``) and that place."""
    _, height, _, _ = _frame(width)
    placed = [r for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    chart: dict[str, Any] = {"width": width, "height": height, "land": land_path(width),
                             "dots": [], "events": sum(int(r["events"]) for r in placed)}
    if not placed:
        return chart
    most = max(int(r["events"]) for r in placed)
    keep = {k: v for k, v in args.items() if v and k != "place" and not (k == "facts" and v == "facts")}
    for r in sorted(placed, key=lambda r: -int(r["events"])):
        x, y = project(float(r["lat"]), float(r["lon"]), width)
        n = int(r["events"])
        where = ", ".join(p for p in (r["place_name"], r.get("admin1"), r.get("place_country")) if p)
        chart["dots"].append({
            "x": x, "y": y, "r": round(2.5 + 9 * math.sqrt(n / most), 1),
            "title": f"{where}: {n} event{'' if n == 1 else 's'}",
            "href": "/corpus?" + urlencode({**keep, "place": r["place_name"]})})
    return chart


__all__ = ["map_chart", "land_path", "project"]
