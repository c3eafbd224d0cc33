"""Train the learned trigger detector (dotterel/data/models/triggers.npz) on annotated
sentences with trigger spans, and report cross-validated figures on them.

    python tools/realnews_text.py              # build/realnews/{dev,test,train}.jsonl from ../shared
    python tools/train_triggers.py             # 5-fold CV on dev, then train on train + dev
    python tools/train_triggers.py --cv-only   # figures only, the packaged model is left alone

The training part (tests/data/realnews/train.jsonl, 1,250 sentences of articles outside the
frozen set) is always trained on; the dev half is split in folds for the figures and joins
training for the packaged model. The frozen test half is never read here (it is scored by
`dotterel eval`). Features are cached in build/ until the gold or events/learned.py changes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dotterel.config import Settings  # noqa: E402
from dotterel.evaluate import with_context  # noqa: E402
from dotterel.events.learned import (  # noqa: E402
    CANDIDATE_POS,
    MODEL_FILE,
    NO_VETO,
    NONE,
    LinearModel,
    candidate,
    token_features,
)
from dotterel.lexicon import load_lexicon  # noqa: E402
from dotterel.nlp.pipeline import load_pipeline  # noqa: E402

Example = tuple[str, list[str], str]  # (record id, features, label)
TRAINING_PARTS = ("train", "train2", "train3")
"""The annotated training draws (build/realnews/<part>.jsonl; never scored), rounds 1 to 3."""


def coded_sentences(records: list[dict], settings: Settings | None = None) -> Iterator[tuple[dict, Doc, int]]:
    """Each gold record coded by the rules alone (or as ``settings`` say), with its context as
    the evaluation reads it: (record, doc, where the gold sentence starts in the doc's text)."""
    nlp = load_pipeline(settings or Settings(learned_triggers="off", learned_roles="off"))
    texts = [with_context(r) for r in records]
    docs = []
    for text, record in zip(texts, records):
        doc = nlp.make_doc(text)
        if record.get("published"):
            doc._.dotterel.published = dt.date.fromisoformat(record["published"])
        docs.append(doc)
    for record, text, doc in zip(records, texts, nlp.pipe(docs, batch_size=32)):
        yield record, doc, len(text) - len(record["text"])


def cached(path: Path, kind: str, source: str, build: Callable[[list[dict]], list]) -> list:
    """``build(records of path)``, cached in build/ until the gold file or the module that
    makes the features (``dotterel/events/<source>``) changes. Never the frozen test half."""
    if "test" in path.name:
        sys.exit(f"{path}: refusing to read the frozen test half")
    cache = ROOT / "build" / f"{kind}_examples.{path.stem}.json"
    newest = max(path.stat().st_mtime, (ROOT / "dotterel" / "events" / source).stat().st_mtime)
    if cache.exists() and cache.stat().st_mtime > newest:
        return [tuple(x) for x in json.loads(cache.read_text())]
    data = build([json.loads(line) for line in path.open(encoding="utf-8") if line.strip()])
    cache.write_text(json.dumps(data))
    return data


def examples(records: list[dict]) -> list[Example]:
    """Every candidate word of every gold sentence (not its context), featurized after the
    rules have run, labelled with the gold type of the trigger it heads (or NONE)."""
    lexicon = load_lexicon()
    out: list[Example] = []
    for record, doc, start in coded_sentences(records):
        state = doc._.dotterel
        coded: dict[int, set[str]] = {}
        for event in state.events:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is not None:
                coded.setdefault(span.root.i, set()).add(event.type)
        gold: dict[int, str] = {}
        for event in record.get("events") or []:
            trig = event.get("trigger")
            if not trig:
                continue
            span = doc.char_span(start + trig["start"], start + trig["end"], alignment_mode="expand")
            if span is not None:
                gold.setdefault(span.root.i, event["types"][0])
        for token in doc:
            if token.idx >= start and candidate(token):
                out.append((record["id"], token_features(token, state, lexicon, coded), gold.get(token.i, NONE)))
    return out


def without(data: list[Example], prefixes: list[str]) -> list[Example]:
    if not prefixes:
        return data
    drop = tuple(prefixes)
    return [(rid, [f for f in feats if not f.startswith(drop)], label) for rid, feats, label in data]


def featurized(path: Path) -> list[Example]:
    # a cache made when more parts of speech were candidates serves, less the words no longer read
    keep = {f"p={pos}" for pos in CANDIDATE_POS}
    return [x for x in cached(path, "trigger", "learned.py", examples) if keep.intersection(x[1])]


def train(data: list[Example], *, l2: float = 1e-3, steps: int = 300, rate: float = 0.1) -> LinearModel:
    """Multinomial logistic regression, full-batch Adam on the summed log loss."""
    vocab: dict[str, int] = {}
    for _, feats, _ in data:
        for f in feats:
            vocab.setdefault(f, len(vocab))
    classes = tuple(sorted({label for *_, label in data} | {NONE}))
    cls = {c: k for k, c in enumerate(classes)}
    rows = [np.array(sorted({vocab[f] for f in feats}), dtype=np.int64) for _, feats, _ in data]
    flat = np.concatenate(rows)
    starts = np.cumsum([0] + [len(r) for r in rows[:-1]])
    owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    by_feature = np.argsort(flat, kind="stable")
    used, feature_starts = np.unique(flat[by_feature], return_index=True)
    target = np.zeros((len(data), len(classes)))
    target[np.arange(len(data)), [cls[label] for *_, label in data]] = 1.0
    weights = np.zeros((len(vocab), len(classes)))
    m, v = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, steps + 1):
        logits = np.add.reduceat(weights[flat], starts, axis=0)  # rows are contiguous per example
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        grad = np.zeros_like(weights)
        grad[used] = np.add.reduceat((probs - target)[owner[by_feature]], feature_starts, axis=0)
        grad = grad / len(data) + l2 * weights
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        weights -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return LinearModel(vocab, classes, weights)


Grid = tuple[float, float]  # (threshold to add a trigger, probability of NONE that vetoes a rule's)


def prune(model: LinearModel, floor: float = 0.01) -> LinearModel:
    """Drop the features whose weights are all near zero (a smaller file, the same choices)."""
    keep = [n for n, i in model.features.items() if np.abs(model.weights[i]).max() >= floor or n == "bias"]
    rows = [model.features[n] for n in keep]
    return LinearModel({n: k for k, n in enumerate(keep)}, model.classes, model.weights[rows], model.threshold)


def scores(model: LinearModel, data: list[Example], grid: list[Grid]) -> dict[Grid, tuple[int, int, int]]:
    """Token-level (type) counts: the rules' types unless the model gives NONE at least the
    veto probability; on the words the rules left uncoded, the best non-NONE type at or over
    the threshold, as the events component does."""
    out = {g: [0, 0, 0] for g in grid}
    for (_, feats, label), (best, p, p_none) in zip(data, model.best_events([f for _, f, _ in data])):
        ruled = {f[5:] for f in feats if f.startswith("rule=") and f != "rule=none"}
        for (th, veto), cell in out.items():
            said = (ruled if p_none < veto else set()) if ruled else ({best} if p >= th else set())
            cell[0] += label in said
            cell[1] += len(said - {label})
            cell[2] += label != NONE and label not in said
    return {th: tuple(c) for th, c in out.items()}


def rule_baseline(data: list[Example]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for _, feats, label in data:
        said = {f[5:] for f in feats if f.startswith("rule=") and f != "rule=none"}
        tp += label in said
        fp += len(said - {label})
        fn += label != NONE and label not in said
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT / "build" / "realnews" / "dev.jsonl")
    parser.add_argument("--train", type=Path, nargs="*",
                        default=[ROOT / "build" / "realnews" / f"{part}.jsonl" for part in TRAINING_PARTS],
                        help="annotated sentences used for training only, never scored")
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--threshold", type=float, default=0.3,
                        help="probability at which the packaged model adds a trigger (chosen on dev)")
    parser.add_argument("--veto", type=float, default=NO_VETO,
                        help="probability of no event at which the packaged model drops a rule's events (chosen on dev)")
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation, only the packaged model")
    parser.add_argument("--without-dev", action="store_true",
                        help="train the written model on the training parts only (for honest end-to-end dev figures)")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--without", nargs="*", default=[], metavar="PREFIX",
                        help="leave out the features starting with these prefixes (an ablation, e.g. pv pn)")
    parser.add_argument("--out", type=Path, default=ROOT / "dotterel" / "data" / "models" / MODEL_FILE)
    args = parser.parse_args()
    data = without(featurized(args.gold), args.without)
    extra = without([x for path in args.train if path.exists() for x in featurized(path)], args.without)
    print(f"dev: {len(data)} candidate words, {sum(label != NONE for *_, label in data)} triggers; "
          f"training only: {len(extra)} words, {sum(label != NONE for *_, label in extra)} triggers",
          file=sys.stderr)
    ids = sorted({rid for rid, *_ in data})
    random.Random(20261206).shuffle(ids)
    fold_of = {rid: n % max(args.folds, 1) for n, rid in enumerate(ids)}
    grid = [(th, veto) for th in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01) for veto in (0.7, 0.8, 0.9, 0.95, 1.01)]
    total = {g: [0, 0, 0] for g in grid}
    for k in range(args.folds):
        model = train(extra + [d for d in data if fold_of[d[0]] != k], l2=args.l2, steps=args.steps)
        for g, cell in scores(model, [d for d in data if fold_of[d[0]] == k], grid).items():
            total[g] = [a + b for a, b in zip(total[g], cell)]
    print(f"rules alone (token level): {f1(*rule_baseline(data))}")
    for th, veto in grid if args.folds else ():
        print(f"add at p >= {th:.2f}, veto at P(none) >= {veto:.2f}: {f1(*total[(th, veto)])}")
    if not args.cv_only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model = train(extra + ([] if args.without_dev else data), l2=args.l2, steps=args.steps)
        model = replace(prune(model), threshold=args.threshold, veto=args.veto)
        model.save(args.out)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
