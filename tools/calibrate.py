"""Fit the confidence calibrator (dotterel/data/models/confidence.json): of the events given
confidence 0.8, about 80% should be right.

    python tools/realnews_text.py      # build/realnews/{dev,train}.jsonl from ../shared
    python tools/calibrate.py          # cross-validated tables, then the packaged calibrator
    python tools/calibrate.py --cv-only

Rerun it whenever the lexicon, the rules, the role filler or the trigger detector change:
what makes an event right is what the calibrator learns. Data: the annotated real-news dev and
training parts (readers who never saw the coder; never the frozen test). Each part is coded
with a role filler trained on the other part only, so a learned side is as reliable as on
unseen text; the packaged trigger detector is on, so its events (opt-in) are calibrated too,
though in-sample (it was trained on both parts). Each event is labelled with the evaluator's own matching (type+source+target, one to
one: ``evaluate.right_events``). The calibrator is cross-validated in folds of sentences;
the tables printed are of those out-of-fold predictions. Our own gold and the PLOVER dev
half are scored as checks, not fitted (``--check``): docs/evaluation.md says why.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_roles  # noqa: E402
from train_triggers import coded_sentences, prune, train  # noqa: E402

from dotterel.config import Settings  # noqa: E402
from dotterel.evaluate import right_events  # noqa: E402
from dotterel.events.confidence import CALIBRATOR_FILE, Calibrator, event_features  # noqa: E402
from dotterel.events.learned import NONE, load_model  # noqa: E402

REALNEWS = ROOT / "build" / "realnews"
WORK = ROOT / "build" / "calibrate"
BINS = 10
# (sentence id, features, "right" or NONE, the confidence the coder gave, the origin)
Row = tuple[str, list[str], str, float, str]


def read(path: Path) -> list[dict]:
    if "test" in path.name:
        sys.exit(f"{path}: refusing to read the frozen test half")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def cross_fitted(part: Path, others: list[Path]) -> Settings:
    """Settings whose role filler was trained without ``part`` (the packaged one has seen
    it). The trigger detector is the packaged one: its events (opt-in) are fitted in-sample."""
    WORK.mkdir(parents=True, exist_ok=True)
    roles_out = WORK / f"roles_without_{part.stem}.npz"
    roles = train([x for p in others for x in train_roles.examples(p)], l2=1e-4)
    replace(prune(roles), threshold=load_model("packaged", "roles.npz").threshold).save(roles_out)
    return Settings(learned_roles=str(roles_out), learned_triggers="packaged")


def labelled(path: Path, settings: Settings) -> list[Row]:
    """Every event coded in the gold sentences (not their context), with its features and
    whether the evaluator counts it right."""
    rows: list[Row] = []
    for record, doc, start in coded_sentences(read(path), settings):
        state = doc._.dotterel
        predicted = [e for e in state.events if e.trigger.start >= start]
        gold = record.get("events") or []
        # the default events are labelled among themselves, as if the opt-in detector were off
        default = [e for e in predicted if not e.explanation.startswith("learned model")]
        labels = dict(zip(map(id, default), right_events(gold, default))) | {
            id(e): r for e, r in zip(predicted, right_events(gold, predicted)) if e not in default}
        for event in predicted:
            right = labels[id(event)]
            feats = event_features(event, doc, state)
            origin = next(f for f in feats if f.startswith("origin="))[7:]
            rows.append((str(record["id"]), feats, "right" if right else NONE, event.confidence, origin))
    return rows


def fit(rows: list[Row], l2: float, min_count: int = 3) -> Calibrator:
    """A logistic regression over the features seen at least ``min_count`` times."""
    counts: dict[str, int] = {}
    for _, feats, *_ in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    data = [(rid, [f for f in feats if counts[f] >= min_count or f == "bias"], label)
            for rid, feats, label, *_ in rows]
    model = train(data, l2=l2, steps=500)
    right, none = model.classes.index("right"), model.classes.index(NONE)
    return Calibrator({name: round(float(model.weights[i, right] - model.weights[i, none]), 4)
                       for name, i in model.features.items()})


def out_of_fold(rows: list[Row], l2: float, folds: int = 5) -> list[float]:
    """Each event's probability from a calibrator fitted without its sentence's fold."""
    ids = sorted({r[0] for r in rows})
    random.Random(20261206).shuffle(ids)
    fold_of = {rid: n % folds for n, rid in enumerate(ids)}
    predicted = [0.0] * len(rows)
    for k in range(folds):
        model = fit([r for r in rows if fold_of[r[0]] != k], l2)
        for n, row in enumerate(rows):
            if fold_of[row[0]] == k:
                predicted[n] = round(model.probability(row[1]), 2)
    return predicted


def reliability(predicted: list[float], right: list[bool]) -> tuple[list[str], float, float]:
    """Markdown rows of the reliability table, the Brier score and the expected calibration error."""
    p, y = np.array(predicted), np.array(right, dtype=float)
    lines, ece = [], 0.0
    for b in range(BINS):
        inside = (p >= b / BINS) & ((p < (b + 1) / BINS) if b < BINS - 1 else (p <= 1.0))
        if inside.any():
            mean, share = p[inside].mean(), y[inside].mean()
            ece += inside.sum() / len(p) * abs(mean - share)
            lines.append(f"| {b / BINS:.1f}–{(b + 1) / BINS:.1f} | {inside.sum()} | {mean:.2f} | {share:.2f} |")
    return lines, float(((p - y) ** 2).mean()), ece


def table(title: str, predicted: list[float], right: list[bool]) -> str:
    lines, brier, ece = reliability(predicted, right)
    return "\n".join([f"{title}: {len(right)} events, {sum(right)} right; Brier {brier:.3f}, ECE {ece:.3f}", "",
                      "| confidence | events | mean confidence | share right |", "|---|---|---|---|", *lines, ""])


def trade_off(records: list[dict], rows: list[Row], predicted: list[float], cuts: list[float]) -> str:
    """Type+source+target precision and recall on one gold part when the events under each
    cut are dropped (the gold count from the records)."""
    gold = sum(len(r.get("events") or []) for r in records)
    lines = ["| --min-confidence | events kept | precision | recall | F1 |", "|---|---|---|---|---|"]
    for cut in cuts:
        kept = [row[2] == "right" for row, p in zip(rows, predicted) if p >= cut]
        tp = sum(kept)
        prec, rec = tp / max(1, len(kept)), tp / max(1, gold)
        f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
        lines.append(f"| {cut:.1f} | {len(kept)} | {prec:.3f} | {rec:.3f} | {f1:.3f} |")
    return "\n".join(lines) + "\n"


def choose_l2(rows: list[Row], grid: tuple[float, ...]) -> float:
    """The L2 strength with the lowest out-of-fold log loss."""
    y = np.array([r[2] == "right" for r in rows], dtype=float)
    losses = {}
    for l2 in grid:
        p = np.clip(np.array(out_of_fold(rows, l2)), 0.01, 0.99)
        losses[l2] = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())
        print(f"l2 {l2:g}: out-of-fold log loss {losses[l2]:.4f}", file=sys.stderr)
    return min(losses, key=losses.get)


def check(path: Path, calibrator: Calibrator) -> str:
    """The fitted calibrator on a set it was not fitted on, coded with the packaged models."""
    rows = labelled(path, Settings())
    return table(f"check, {path.name} (packaged models)", [round(calibrator.probability(r[1]), 2) for r in rows],
                 [r[2] == "right" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", type=Path, nargs="+", default=[REALNEWS / "dev.jsonl", REALNEWS / "train.jsonl"])
    parser.add_argument("--check", type=Path, nargs="*", default=[ROOT / "tests" / "data" / "events_gold.jsonl"])
    parser.add_argument("--cv-only", action="store_true", help="print the tables; leave the packaged file alone")
    parser.add_argument("--out", type=Path, default=ROOT / "dotterel" / "data" / "models" / CALIBRATOR_FILE)
    args = parser.parse_args()
    rows_of = {p: labelled(p, cross_fitted(p, [o for o in args.parts if o != p])) for p in args.parts}
    rows = [r for p in args.parts for r in rows_of[p]]
    l2 = choose_l2(rows, (1e-3, 3e-3, 1e-2, 3e-2))
    predicted = out_of_fold(rows, l2)
    right = [r[2] == "right" for r in rows]
    default = [n for n, r in enumerate(rows) if r[4] != "detector"]
    print(f"L2 {l2:g}; out-of-fold predictions, 5 folds of sentences\n")
    print(table("all parts, default events (lexicon and statements)", [predicted[n] for n in default],
                [right[n] for n in default]))
    print(table("the same events, the confidence the coder gave", [rows[n][3] for n in default],
                [right[n] for n in default]))
    detector = [n for n, r in enumerate(rows) if r[4] == "detector"]
    if detector:
        print(table("trigger detector's events (opt-in)", [predicted[n] for n in detector], [right[n] for n in detector]))
    offset = 0
    for part in args.parts:
        mine = range(offset, offset + len(rows_of[part]))
        offset += len(rows_of[part])
        keep = [n for n in mine if rows[n][4] != "detector"]
        print(f"trade-off on {part.name} (default events, out-of-fold):\n")
        print(trade_off(read(part), [rows[n] for n in keep], [predicted[n] for n in keep], [0.0, 0.3, 0.5, 0.7]))
    final = fit(rows, l2)
    final = replace(final, fitted_on=f"{' + '.join(p.name for p in args.parts)}: {len(rows)} events, "
                    f"l2 {l2:g}, {dt.date.today().isoformat()} (tools/calibrate.py)")
    for path in args.check:
        print(check(path, final))
    if not args.cv_only:
        args.out.write_text(final.to_json(), encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
