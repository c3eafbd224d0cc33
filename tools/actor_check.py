"""Share of checked actor mentions that carry the right country (issue #19's bar).

    python tools/actor_check.py [tests/data/actors_check.jsonl] [-v]

Each line of the check file: {"id", "published", "text", "checks": [{"mention", ...}]}. A
check names a mention by its first occurrence and says what the actor covering it must be:
``country`` (ISO3; null for none) and optionally ``cameo`` (compared on its first 6
characters), ``generic`` (no known person: "a North Korean leader" is nobody in particular),
``not_person`` (a platform or page furniture, "Twitter", "AP Photo"), ``not_country``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[1] / "tests/data/actors_check.jsonl"


def covering(article: Any, start: int, end: int) -> Any:
    """The actor with a mention over [start, end), the shortest such mention first."""
    best = None
    for actor in article.actors:
        for m in actor.mentions:
            if m.start <= start and end <= m.end and (best is None or m.end - m.start < best[1]):
                best = (actor, m.end - m.start)
    return best[0] if best else None


def judge(check: dict[str, Any], actor: Any, known: set[str]) -> tuple[bool, str]:
    got = f"{actor.id} {actor.country} {actor.cameo}" if actor else "no actor"
    if check.get("generic"):
        return actor is None or actor.kind != "person" or actor.id not in known, got
    if check.get("not_person"):
        return actor is None or actor.kind != "person", got
    if "not_country" in check:
        return actor is None or actor.country != check["not_country"], got
    if actor is None or actor.country != check.get("country"):
        return False, got
    cameo = check.get("cameo")
    return cameo is None or (actor.cameo or "")[:6] == cameo[:6], got


def run(path: Path, verbose: bool) -> float:
    from dotterel.kb import load_kb
    from dotterel.pipeline import code

    known = set(load_kb().entries)
    right = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = code(record["text"], published=record.get("published"), id=record["id"])
        for check in record["checks"]:
            start = record["text"].index(check["mention"])
            ok, got = judge(check, covering(article, start, start + len(check["mention"])), known)
            right, total = right + ok, total + 1
            if verbose or not ok:
                print(f"{'ok ' if ok else 'BAD'} {record['id']} {check['mention']!r}: {got}")
    share = right / total if total else 0.0
    print(f"right: {right}/{total} = {share:.3f}")
    return share


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    run(args.path, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
