"""Train the learned role filler (dotterel/data/models/roles.npz) on annotated events, and
report how often it names the annotated actor for a side.

    python tools/realnews_text.py          # build/realnews/{dev,test,train,train2,train3}.jsonl from ../shared
    python tools/train_roles.py            # fit on train, figures on dev; then fit on train + dev
    python tools/train_roles.py --cv-only  # figures only

Examples: for every annotated event (its trigger's head word), every actor mention of the
sentence and the sentences before it, labelled source, target or NONE: the side whose span the
mention overlaps, or, for a side annotated without a span (its actor named only in the context),
the side whose aliases name the mention's actor. The frozen test half is never read here.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_triggers import TRAINING_PARTS, cached, coded_sentences, f1, prune, train  # noqa: E402

from dotterel.evaluate import alias_matches  # noqa: E402
from dotterel.events.arguments import Argument, actor_ref  # noqa: E402
from dotterel.events.learned import NONE  # noqa: E402
from dotterel.events.roles import ROLE_FILE, SIDES, candidate_features, mentions_before  # noqa: E402

# (event key, features, label); the key groups the candidates of one annotated event
Example = tuple[str, list[str], str]


def examples(path: Path) -> list[Example]:
    return cached(path, "role", "roles.py", pairs)


def pairs(records: list[dict]) -> list[Example]:
    out: list[Example] = []
    for record, doc, start in coded_sentences(records):
        state = doc._.dotterel
        for n, event in enumerate(record.get("events") or []):
            trig = doc.char_span(start + event["trigger"]["start"], start + event["trigger"]["end"],
                                 alignment_mode="expand")
            if trig is None:
                continue
            sides = {side: (_tokens(doc, start, event.get(f"{side}_span")), event.get(side)) for side in SIDES}
            candidates = mentions_before(trig.root, state)
            rows = candidate_features(trig.root, event["types"][0], candidates, state)
            for (actor, span), feats in zip(candidates, rows):
                out.append((f"{record['id']}#{n}", feats, _label(sides, actor, span)))
    return out


def _tokens(doc, start: int, span: dict | None) -> set[int]:
    if not span:
        return set()
    found = doc.char_span(start + span["start"], start + span["end"], alignment_mode="expand")
    return {t.i for t in found} if found is not None else set()


def _label(sides: dict, actor, span) -> str:
    for side in SIDES:
        tokens, aliases = sides[side]
        if tokens and any(span.start <= i < span.end for i in tokens):
            return side
        if not tokens and aliases and any(alias_matches(actor_ref(Argument(actor, span, "")), a) for a in aliases):
            return side
    return NONE


def side_scores(model, data: list[Example], thresholds: list[float]) -> dict[float, tuple[int, int, int]]:
    """Per annotated event and side that has a labelled mention among the candidates: is the
    best-scoring mention over the threshold one of the right ones?"""
    by_event: dict[str, list[tuple[list[str], str]]] = {}
    for key, feats, label in data:
        by_event.setdefault(key, []).append((feats, label))
    out = {th: [0, 0, 0] for th in thresholds}
    for cands in by_event.values():
        probs = [model.probabilities(f) for f, _ in cands]
        for side in SIDES:
            k = model.classes.index(side)
            best = int(np.argmax([p[k] for p in probs]))
            wanted = any(label == side for _, label in cands)
            for th, cell in out.items():
                said = probs[best][k] >= th
                right = said and cands[best][1] == side
                cell[0] += right
                cell[1] += said and not right
                cell[2] += wanted and not right
    return {th: tuple(c) for th, c in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=ROOT / "build" / "realnews" / "dev.jsonl")
    parser.add_argument("--train", type=Path, nargs="*",
                        default=[ROOT / "build" / "realnews" / f"{part}.jsonl" for part in TRAINING_PARTS])
    parser.add_argument("--without-dev", action="store_true",
                        help="train the written model on the training parts only (for honest end-to-end dev figures)")
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--threshold", type=float, default=0.15,
                        help="probability from which the packaged filler names an actor (chosen on dev)")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "dotterel" / "data" / "models" / ROLE_FILE)
    args = parser.parse_args()
    dev = examples(args.dev)
    extra = [x for path in args.train for x in examples(path)]
    print(f"dev: {len(dev)} pairs; training: {len(extra)} pairs", file=sys.stderr)
    model = train(extra, l2=args.l2)
    for th, cell in side_scores(model, dev, [0.3, 0.4, 0.5, 0.6, 0.7]).items():
        print(f"best mention at p >= {th}: {f1(*cell)}")
    if not args.cv_only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        final = replace(prune(train(extra + ([] if args.without_dev else dev), l2=args.l2)), threshold=args.threshold)
        final.save(args.out)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
