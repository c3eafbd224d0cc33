"""Draw the real-news sentences of the event annotation set (issue #20), reproducibly.

    python tools/sample_sentences.py ../shared/data/corpora -o annotation/items.jsonl
    python tools/sample_sentences.py ../shared/data/corpora --train annotation/items.jsonl -o annotation/train.jsonl

One sentence per article, from the first 15 sentences of randomly chosen articles (events sit
at the top of news stories), in four strata: Reuters-21578 wires of every topic, AllSides world
and foreign-policy news, AllSides US domestic politics, AllSides other topics. Each item keeps
the title, publication date and up to three sentences before it, so an annotator can tell who
"he" or "the ministry" is. The split (dev / test) is decided here by a second seeded draw, so
the frozen test part is fixed before anyone annotates or codes a sentence.

``--train FROZEN [FROZEN ...]`` draws a further set, for training learned parts only, with another
seed and none of the articles of the FROZEN item files: ids ``tr-...``, split ``train``. Later
rounds (``--round 2`` ...) take a seed of their own, ids ``t2-...``, and ``--per-stratum`` sizes
(world and domestic news hold most events, so round 2 draws more of them).

Stdlib only: the annotators' material must not depend on the coder.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

SEED = 20261206
STRATA = {"reuters": 300, "world": 400, "domestic": 400, "other": 150}
TEST_SHARE = 0.34
WORLD = {"world", "middle_east", "foreign_policy", "north_korea", "terrorism", "national_security",
         "russia", "isis", "asia", "great_britain", "mexico", "defense", "national_defense",
         "us_military", "state_department", "africa", "europe", "china", "iran", "israel",
         "syria", "ukraine", "afghanistan", "iraq", "latin_america", "cuba", "venezuela",
         "immigration_world", "trade"}
DOMESTIC = {"elections", "politics", "white_house", "us_house", "us_senate", "us_congress",
            "impeachment", "supreme_court", "justice_department", "republican_party",
            "democratic_party", "fbi", "federal_budget", "fiscal_cliff", "campaign_finance",
            "voting_rights_and_voter_fraud", "justice", "homeland_security", "nsa",
            "polarization", "immigration", "gun_control_and_gun_rights", "civil_rights"}
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before a space
# and an upper-case letter, digit or opening quote; common abbreviations do not end one.
_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|"
                     r"No|Inc|Corp|Co|Ltd|U\.S|U\.N|U\.K|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|"
                     r"Dec|vs|a\.m|p\.m|[A-Z])\.$")


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n(?=\s{2,})", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _END.finditer(para):
            piece = para[start:m.start()].strip()
            head = para[start:m.start() + 1].strip()
            if _ABBREV.search(head.rstrip("\"'”’)]")):
                continue
            if piece:
                out.append(para[start:m.end()].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return out


def stratum(record: dict) -> str | None:
    if str(record.get("id", "")).startswith("reuters"):
        return "reuters" if record.get("has_body", True) else None
    topic = record.get("topic") or ""
    if topic in WORLD:
        return "world"
    if topic in DOMESTIC:
        return "domestic"
    return "other"


def read(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def draw(corpora: Path, seed: int = SEED, exclude: frozenset[str] = frozenset(), prefix: str = "rn",
         strata: dict[str, int] = STRATA) -> list[dict]:
    pools: dict[str, list[dict]] = {k: [] for k in STRATA}
    for name in ("reuters21578.jsonl.gz", "allsides.jsonl.gz"):
        for record in read(corpora / name):
            kind = stratum(record)
            if kind and (record.get("text") or "").strip() and record.get("id") not in exclude:
                pools[kind].append({k: record.get(k) for k in ("id", "title", "text", "published", "topic")})
    rng = random.Random(seed)
    items: list[dict] = []
    seen: set[str] = set()
    for kind, want in strata.items():
        pool = sorted(pools[kind], key=lambda r: r["id"])
        rng.shuffle(pool)
        taken = 0
        for record in pool:
            if taken == want:
                break
            sents = sentences(record["text"])[:15]
            choices = [i for i, s in enumerate(sents) if 5 <= len(s.split()) <= 70]
            if not choices:
                continue
            i = rng.choice(choices)
            key = sents[i].lower()
            if key in seen:
                continue
            seen.add(key)
            taken += 1
            items.append({"id": f"{prefix}-{kind}-{taken:04d}", "stratum": kind, "article": record["id"],
                          "title": " ".join((record.get("title") or "").split()),
                          "published": (record.get("published") or "")[:10] or None,
                          "topic": record.get("topic"), "context": sents[max(0, i - 3):i],
                          "text": sents[i]})
    split_rng = random.Random(seed + 1)
    for item in items:
        item["split"] = "train" if exclude else "test" if split_rng.random() < TEST_SHARE else "dev"
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="folder with reuters21578.jsonl.gz and allsides.jsonl.gz")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--train", type=Path, metavar="FROZEN", nargs="+",
                        help="draw a training set with none of the articles of these item files")
    parser.add_argument("--round", type=int, default=1, help="training round (1: ids tr-, 2: t2-, ...)")
    parser.add_argument("--per-stratum", metavar="K=N,...",
                        help="sentences per stratum, e.g. reuters=300,world=800 (default: %s)"
                        % ",".join(f"{k}={v}" for k, v in STRATA.items()))
    args = parser.parse_args()
    strata = dict(STRATA)
    for part in filter(None, (args.per_stratum or "").split(",")):
        kind, _, n = part.partition("=")
        strata[kind] = int(n)
    if args.train:
        frozen = frozenset(json.loads(line)["article"] for path in args.train
                           for line in path.open(encoding="utf-8"))
        prefix = "tr" if args.round == 1 else f"t{args.round}"
        items = draw(args.corpora, SEED + 100 * args.round, frozen, prefix, strata)
    else:
        items = draw(args.corpora)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()[:16]
    splits = {s: sum(i["split"] == s for i in items) for s in ("dev", "test", "train")}
    print(f"{len(items)} items {splits} sha256 {digest}")


if __name__ == "__main__":
    main()
