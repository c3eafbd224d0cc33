"""What the pages draw, computed server-side: highlighted article text, chart geometry.

``highlight`` turns a record's offsets into a list of text pieces, each with the highlights
covering it; the template escapes every piece. The chart functions return plain numbers and
labels that the templates put into inline SVG (autoescaped as well): no script, no network.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

# inner highlights, strongest first: where two overlap, the stronger one is drawn
INNER_KINDS = ("trigger", "actor", "place", "date")


@dataclass
class Piece:
    """A run of text with at most one quote around it and one inner highlight in it."""

    text: str
    start: int
    quote: int | None = None  # index into record["quotes"]
    kind: str | None = None  # one of INNER_KINDS
    refs: tuple[int, ...] = ()  # indices into the record list of that kind
    span_start: int | None = None  # where the whole highlighted span starts
    furniture: bool = False  # inside page furniture (a caption, dateline, link line): greyed


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    refs: list[int] = field(default_factory=list)


def highlight(record: dict[str, Any]) -> list[Piece]:
    """Split the text into pieces at every highlight boundary; each piece knows what covers it."""
    text: str = record.get("text") or ""
    n = len(text)
    spans: list[_Span] = []
    triggers: dict[tuple[int, int], _Span] = {}
    for i, e in enumerate(record.get("events") or []):
        t = e.get("trigger") or {}
        key = (int(t.get("start", 0)), int(t.get("end", 0)))
        if key not in triggers:
            triggers[key] = _Span(key[0], key[1], "trigger")
            spans.append(triggers[key])
        triggers[key].refs.append(i)
    for i, a in enumerate(record.get("actors") or []):
        for m in a.get("mentions") or []:
            spans.append(_Span(int(m["start"]), int(m["end"]), "actor", [i]))
    for i, p in enumerate(record.get("places") or []):
        spans.append(_Span(int(p["start"]), int(p["end"]), "place", [i]))
    for i, d in enumerate(record.get("dates") or []):
        spans.append(_Span(int(d["start"]), int(d["end"]), "date", [i]))
    quotes = [_Span(int(q["start"]), int(q["end"]), "quote", [i])
              for i, q in enumerate(record.get("quotes") or [])]
    furniture = [_Span(int(f["start"]), int(f["end"]), "furniture")
                 for f in record.get("furniture") or []]
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    quotes = [s for s in quotes if 0 <= s.start < s.end <= n]
    furniture = [s for s in furniture if 0 <= s.start < s.end <= n]
    rank = {k: r for r, k in enumerate(INNER_KINDS)}
    bounds = sorted({0, n, *(b for s in spans + quotes + furniture for b in (s.start, s.end))})
    pieces: list[Piece] = []
    for lo, hi in zip(bounds, bounds[1:]):
        inner = min((s for s in spans if s.start <= lo and s.end >= hi),
                    key=lambda s: (rank[s.kind], s.start, -s.end), default=None)
        quote = next((q for q in quotes if q.start <= lo and q.end >= hi), None)
        piece = Piece(text=text[lo:hi], start=lo, quote=quote.refs[0] if quote else None,
                      kind=inner.kind if inner else None,
                      refs=tuple(inner.refs) if inner else (),
                      span_start=inner.start if inner else None,
                      furniture=any(f.start <= lo and f.end >= hi for f in furniture))
        last = pieces[-1] if pieces else None
        if last and (last.quote, last.kind, last.refs, last.span_start, last.furniture) == \
                (piece.quote, piece.kind, piece.refs, piece.span_start, piece.furniture):
            last.text += piece.text
        else:
            pieces.append(piece)
    return pieces


def group_pieces(pieces: list[Piece]) -> list[tuple[int | None, list[Piece]]]:
    """Consecutive pieces grouped by the quote around them, so a quote is one element."""
    groups: list[tuple[int | None, list[Piece]]] = []
    for piece in pieces:
        if groups and groups[-1][0] == piece.quote:
            groups[-1][1].append(piece)
        else:
            groups.append((piece.quote, [piece]))
    return groups


# ---------------------------------------------------------------- timeline


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


def _month_add(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def periods_between(first: dt.date, last: dt.date, by: str) -> list[dt.date]:
    """The starts of the periods from ``first`` to ``last`` (both period starts)."""
    days = {"day": 1, "week": 7}.get(by)
    out, d = [], first
    while d <= last:
        out.append(d)
        d = d + dt.timedelta(days=days) if days else _month_add(d, {"month": 1, "quarter": 3, "year": 12}[by])
    return out


def _nice_max(v: float) -> int:
    if v <= 4:
        return 4
    exp = 10 ** int(math.floor(math.log10(v)))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= v:
            return int(math.ceil(m * exp))
    return int(v)


def period_label(d: dt.date, by: str) -> str:
    if by == "day":
        return d.isoformat()
    if by == "week":
        return f"week of {d.isoformat()}"
    if by == "year":
        return f"{d.year}"
    if by == "quarter":
        return f"{d.year} Q{(d.month - 1) // 3 + 1}"
    return d.strftime("%Y-%m")


def timeline_chart(rows: list[dict[str, Any]], *, first: dt.date | None = None,
                   last: dt.date | None = None, by: str = "month", width: int = 720,
                   height: int = 260) -> dict[str, Any]:
    """A diverging bar chart: cooperation (QuadClass 1, 2) up, conflict (3, 4) down, per period.

    ``rows`` come from ``serve_query.timeline`` with the same ``by``; periods from ``first``
    to ``last`` (default: the rows' range) all get a slot, empty or not.
    """
    counts = {r["period"]: r for r in rows if r.get("period") is not None}
    if not counts and (first is None or last is None):
        return {"empty": True, "width": width, "height": height}
    first = first or min(counts)
    last = last or max(counts)
    slots = periods_between(first, last, by)
    left, right, top, bottom = 44, 10, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    mid = top + plot_h / 2
    up = [int(counts.get(p, {}).get("q1", 0) or 0) + int(counts.get(p, {}).get("q2", 0) or 0) for p in slots]
    down = [int(counts.get(p, {}).get("q3", 0) or 0) + int(counts.get(p, {}).get("q4", 0) or 0) for p in slots]
    top_value = _nice_max(max(up + down + [1]))
    scale = (plot_h / 2) / top_value
    slot_w = plot_w / max(1, len(slots))
    bar_w = max(1.0, slot_w * 0.8)
    bars = []
    for i, p in enumerate(slots):
        r = counts.get(p, {})
        x = left + i * slot_w + (slot_w - bar_w) / 2
        q = {n: int(r.get(f"q{n}", 0) or 0) for n in QUAD_NAMES}
        label = period_label(p, by)
        # stacked: material cooperation nearest the axis, then verbal; same below
        y = mid
        for n in (2, 1):
            if q[n]:
                h = q[n] * scale
                y -= h
                bars.append({"x": round(x, 2), "y": round(y, 2), "w": round(bar_w, 2), "h": round(h, 2),
                             "quad": n, "title": f"{label}: {q[n]} {QUAD_NAMES[n]}"})
        y = mid
        for n in (4, 3):
            if q[n]:
                h = q[n] * scale
                bars.append({"x": round(x, 2), "y": round(y, 2), "w": round(bar_w, 2), "h": round(h, 2),
                             "quad": n, "title": f"{label}: {q[n]} {QUAD_NAMES[n]}"})
                y += h
    ticks = [{"y": round(mid - v * scale, 2), "label": str(abs(v))}
             for v in (top_value, top_value // 2, 0, -(top_value // 2), -top_value)]
    xlabels = _x_labels(slots, by, left, slot_w, plot_w)
    return {"empty": False, "width": width, "height": height, "left": left, "right": width - right,
            "top": top, "bottom": top + plot_h, "mid": round(mid, 2), "bars": bars, "ticks": ticks,
            "xlabels": xlabels, "coop": sum(up), "conflict": sum(down), "by": by,
            "first": period_label(first, "day" if by == "week" else by),
            "last": period_label(last, "day" if by == "week" else by)}


def _x_labels(slots: list[dt.date], by: str, left: float, slot_w: float,
              plot_w: float) -> list[dict[str, Any]]:
    """Period labels at most about every 64 pixels: months on round months, else years."""
    every = max(1, math.ceil(len(slots) / (plot_w / 64)))
    out = []
    for i, p in enumerate(slots):
        x = round(left + i * slot_w + slot_w / 2, 2)
        if by == "month" and every >= 12:
            years = math.ceil(every / 12)
            if p.month == 1 and p.year % years == 0:
                out.append({"x": x, "label": str(p.year)})
        elif by == "month":
            step = next(k for k in (1, 2, 3, 6, 12) if k >= every)
            if (p.month - 1) % step == 0:
                out.append({"x": x, "label": str(p.year) if step == 12 else period_label(p, by)})
        elif i % every == 0:  # days and weeks: the day of the month, the year is in the title
            out.append({"x": x, "label": p.strftime("%b %d") if by in ("day", "week") else period_label(p, by)})
    return out


def choose_period(first: dt.date, last: dt.date) -> str:
    """The period that gives a span some 10 to 120 bars: days up to two months, weeks up to
    about two years, then months, quarters, years."""
    days = (last - first).days + 1
    if days <= 62:
        return "day"
    if days <= 730:
        return "week"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return "month" if months <= 120 else "quarter" if months <= 360 else "year"


def period_start(d: dt.date, by: str) -> dt.date:
    if by == "day":
        return d
    if by == "week":  # ISO weeks start on Monday, as DuckDB's date_trunc('week', ...)
        return d - dt.timedelta(days=d.weekday())
    if by == "year":
        return dt.date(d.year, 1, 1)
    if by == "quarter":
        return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    return dt.date(d.year, d.month, 1)


# ---------------------------------------------------------------- actor network


def network_chart(dyad_rows: list[dict[str, Any]], *, width: int = 720, height: int = 620,
                  max_label: int = 20, center: str | None = None) -> dict[str, Any]:
    """A circular layout of the actors in the given dyads; edges are curved, directed arrows.

    Nodes sit on a circle ordered by country then name (allies and organs of one state sit
    together), sized by their events; an edge's width grows with its event count and its
    colour says cooperation (mean Goldstein >= 1), conflict (<= -1) or mixed. ``center``
    (an actor id) puts that actor in the middle: an ego network. Labels run outwards along
    their node's radius, so two labels never overlap while the nodes are a line apart.
    """
    rows = [r for r in dyad_rows if r["source_actor"] != r["target_actor"]]
    if not rows:
        return {"empty": True, "width": width, "height": height}
    info: dict[str, dict[str, Any]] = {}
    for r in rows:
        for side in ("source", "target"):
            node = info.setdefault(r[f"{side}_actor"], {"id": r[f"{side}_actor"],
                                                        "name": r[f"{side}_name"] or r[f"{side}_actor"],
                                                        "events": 0, "country": None})
            node["events"] += int(r["events"])
            if r.get(f"{side}_country"):
                node["country"] = r[f"{side}_country"]
    order = sorted((n for n in info.values() if n["id"] != center),
                   key=lambda n: (n["country"] or "~", n["id"]))
    cx, cy = width / 2, height / 2
    room = 7 * max_label + 20  # a radial label of max_label characters
    rx, ry = width / 2 - room, height / 2 - room
    most = max(n["events"] for n in info.values())
    nodes = []
    if center in info:
        n = info[center]
        r = 4 + 10 * math.sqrt(n["events"] / most)
        label = n["name"] if len(n["name"]) <= max_label else n["name"][:max_label - 1] + "…"
        n.update(x=round(cx, 1), y=round(cy, 1), r=round(r, 1), lx=round(cx, 1),
                 ly=round(cy + r + 14, 1), anchor="middle", label=label, turn=0)
        nodes.append(n)
    for i, n in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(order))
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        r = 4 + 10 * math.sqrt(n["events"] / most)
        lx, ly = x + (r + 5) * math.cos(angle), y + (r + 5) * math.sin(angle)
        left = math.cos(angle) < -1e-9  # left half: turned upright, read towards the node
        turn = math.degrees(angle) + (180 if left else 0)
        label = n["name"] if len(n["name"]) <= max_label else n["name"][:max_label - 1] + "…"
        n.update(x=round(x, 1), y=round(y, 1), r=round(r, 1), lx=round(lx, 1), ly=round(ly, 1),
                 anchor="end" if left else "start", label=label, turn=round(turn, 1))
        nodes.append(n)
    at = {n["id"]: n for n in nodes}
    top = max(int(r["events"]) for r in rows)
    edges = []
    for r in sorted(rows, key=lambda r: int(r["events"])):  # the heaviest drawn last, on top
        a, b = at[r["source_actor"]], at[r["target_actor"]]
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # start and end on the circles' rims, bend to the right of the direction of travel
        sx, sy = a["x"] + ux * a["r"], a["y"] + uy * a["r"]
        ex, ey = b["x"] - ux * (b["r"] + 3), b["y"] - uy * (b["r"] + 3)
        bend = 0.12 * length
        mx, my = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        mean = r.get("goldstein_mean")
        tone = "none" if mean is None or (isinstance(mean, float) and math.isnan(mean)) else \
            "coop" if mean >= 1 else "conflict" if mean <= -1 else "mixed"
        edges.append({"d": f"M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}",
                      "w": round(1 + 5 * math.sqrt(int(r["events"]) / top), 2), "tone": tone,
                      "title": f"{a['name']} → {b['name']}: {int(r['events'])} event(s)"
                               + ("" if tone == "none" else f", mean Goldstein {mean:+.1f}")})
    return {"empty": False, "width": width, "height": height, "nodes": nodes, "edges": edges}
