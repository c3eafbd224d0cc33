"""Put the sentences back into the real-news event gold (issue #20), from ../shared.

    python tools/realnews_text.py                      # -> build/realnews/{dev,test,train,train2,train3}.jsonl
    dotterel eval build/realnews/test.jsonl

The annotations in tests/data/realnews/ name each sentence by its place in a corpus of
../shared (corpus, article id, sentence index, how many sentences before it are context) and
carry a hash of its text; the texts themselves are other people's writing and stay out of
the repository. This reads the corpora, splits each article the way the sample was drawn
(tools/sample_sentences.py), checks every hash and writes gold files `dotterel eval` reads.
Stdlib only.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_sentences import sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILES = {"allsides": "allsides.jsonl.gz", "reuters21578": "reuters21578.jsonl.gz"}


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_articles(corpora: Path, wanted: Iterable[str]) -> dict[str, str]:
    """Article id -> text, for the wanted ids, from both corpora."""
    wanted = set(wanted)
    found: dict[str, str] = {}
    for name in CORPUS_FILES.values():
        with gzip.open(corpora / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                if not wanted - found.keys():
                    break
                record = json.loads(line)
                if record.get("id") in wanted:
                    found[record["id"]] = record.get("text") or ""
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"{len(missing)} articles not found in {corpora}, e.g. {sorted(missing)[:3]}")
    return found


def materialize(records: list[dict[str, Any]], articles: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for record in records:
        ref = record["ref"]
        sents = sentences(articles[ref["article"]])
        text = sents[ref["sentence"]]
        if text_hash(text) != ref["sha1"]:
            raise SystemExit(f"{record['id']}: the sentence read from the corpus does not match its hash")
        context = sents[ref["sentence"] - ref["context"]:ref["sentence"]]
        out.append({"id": record["id"], "published": record.get("published"), "text": text,
                    "context": context, "stratum": record.get("stratum"), "events": record["events"]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "data" / "corpora")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "realnews")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "build" / "realnews")
    args = parser.parse_args()
    files = sorted(args.gold.glob("*.jsonl"))
    sets = {f.stem: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
            for f in files}
    articles = read_articles(args.corpora, {r["ref"]["article"] for rs in sets.values() for r in rs})
    args.out.mkdir(parents=True, exist_ok=True)
    for name, records in sets.items():
        path = args.out / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in materialize(records, articles)),
                        encoding="utf-8")
        print(f"{path}: {len(records)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
