"""What the importers of actor dictionaries share: the source commit, the output format
(gzipped JSONL, a ``{"meta": ...}`` line first) and the command line."""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dotterel/data/imported"


def commit(source: Path) -> str:
    """The source repository's commit, as its SOURCE.txt states it."""
    found = re.search(r"commit ([0-9a-f]{40})", (source / "SOURCE.txt").read_text())
    return found.group(1) if found else "unknown"


def write_jsonl(path: Path, meta: dict[str, Any], records: Iterable[dict[str, Any]]) -> None:
    """The meta line, then one record a line; byte-identical for the same input (mtime 0)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"meta": meta}, sort_keys=True)] + [json.dumps(r, ensure_ascii=False) for r in records]
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(doc: str, source: Path, convert: Callable[[Path, Path], dict[str, Any]]) -> int:
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=source)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(json.dumps(convert(args.source, args.out), indent=1))
    return 0
