"""``dotterel eval``: score the coder against annotated sentences.

Gold format (JSONL, one text per line; the PLOVER gold-standard conversion uses the same):
``{"id", "published", "text", "events": [{"types": [...], "source": [aliases] | null,
"target": [aliases] | null, "cameo"?, "negated"?, "hypothetical"?, "future"?, "hedged"?}]}``.
A predicted event matches a gold one when its type is among ``types`` and its source and
target match an alias (alias contained in the actor's name or mention, mention contained in
the alias, or the ISO-3 / CAMEO country code). A null gold side matches anything, as the
peer's convention leaves unannotated sides null. Matching is one-to-one, greedy in order.
"""
from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import ConfigError, Errors
from .model import PLOVER_TYPES, ActorRef, Article, ArticleInput, ErrorRecord, Event
from .pipeline import code_many

FLAGS = ("negated", "hypothetical", "future", "hedged")
FACTUALITY = ("negated", "hypothetical", "future")
"""The flags of the annotation guideline; "type+source+target+factuality" needs them equal."""
MEASURES = ("type+source+target", "type", "type+source+target+factuality")
BOOTSTRAP_ROUNDS = 1000


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EventReport:
    sentences: int = 0
    full: Score = field(default_factory=Score)
    type_only: Score = field(default_factory=Score)
    root: Score = field(default_factory=Score)
    root_roles: Score = field(default_factory=Score)
    """CAMEO root + source + target, on the gold events that give a CAMEO code (a grammar
    suite's measure: the type's family must agree at the root, and both sides)."""
    per_type: dict[str, Score] = field(default_factory=dict)
    modality: Counter[str] = field(default_factory=Counter)
    modality_total: Counter[str] = field(default_factory=Counter)
    predicted_events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    factual: Score = field(default_factory=Score)
    date: Score = field(default_factory=Score)
    """The date the text gives an event, on the events matched at type+source+target."""
    place: Score = field(default_factory=Score)
    per_sentence: list[tuple[str, tuple[tuple[int, int, int], ...]]] = field(default_factory=list)
    """(stratum, (tp, fp, fn) per measure of MEASURES) of each sentence: strata and bootstrap."""

    def scores(self) -> dict[str, Score]:
        return dict(zip(MEASURES, (self.full, self.type_only, self.factual)))

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "events_per_sentence": round(self.predicted_events / max(1, self.sentences), 2),
            "type+source+target": self.full.as_dict(), "type": self.type_only.as_dict(),
            "type+source+target+factuality": self.factual.as_dict(),
            "f1_ci95": {m: confidence_interval(self.per_sentence, i) for i, m in enumerate(MEASURES)},
            "per_stratum": per_stratum(self.per_sentence),
            "cameo_root": self.root.as_dict(),
            "cameo_root+source+target": self.root_roles.as_dict(),
            "event_date": self.date.as_dict(), "event_place": self.place.as_dict(),
            "modality_accuracy": {f: round(self.modality[f] / self.modality_total[f], 3)
                                  for f in FLAGS if self.modality_total[f]},
            "per_type": {t: s.as_dict() for t, s in sorted(self.per_type.items())},
            "errors": self.errors,
        }


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                record = json.loads(line)
                record.setdefault("id", f"{path.stem}:{number}")
                if "text" not in record and "ref" in record:
                    raise ConfigError(Errors.E016, id=record["id"], name=path.name)
                yield record


def coded_gold(records: list[dict[str, Any]], settings: Settings | None = None, *,
               context: bool = True) -> Iterator[tuple[dict[str, Any], str, list[Event]]]:
    """Each gold record coded as the evaluation reads it: (record, the text coded, the events
    told in the sentence itself). A record with ``context`` (the sentences before it in its
    article) is coded with them; an event told in the context and again in the sentence counts
    where it is told."""
    texts = [with_context(r) if context else r["text"] for r in records]
    inputs = [ArticleInput(id=str(r["id"]), text=text, published=r.get("published"))
              for r, text in zip(records, texts)]
    for record, text, result in zip(records, texts, code_many(inputs, settings=settings)):
        start = len(text) - len(record["text"])
        yield record, text, [e for e in result.events if e.trigger.start >= start or any(
            m.start >= start for m in e.mentions)] if isinstance(result, Article) else []


def evaluate_events(gold: Iterable[dict[str, Any]], *, settings: Settings | None = None,
                    max_errors: int = 200, context: bool = True) -> EventReport:
    """Code each gold sentence (``coded_gold``) and score it on the events whose trigger lies
    in the sentence itself."""
    report = EventReport()
    for record, text, predicted in coded_gold(list(gold), settings, context=context):
        report.sentences += 1
        report.predicted_events += len(predicted)
        before = [(s.tp, s.fp, s.fn) for s in report.scores().values()]
        pairing = _score_sentence(record, predicted, report, max_errors)
        _score_factuality(record, predicted, report.factual)
        _score_settings(record, predicted, pairing, text, report)
        after = [(s.tp, s.fp, s.fn) for s in report.scores().values()]
        report.per_sentence.append((str(record.get("stratum") or "all"), tuple(
            (a[0] - b[0], a[1] - b[1], a[2] - b[2]) for a, b in zip(after, before))))
    return report


def with_context(record: dict[str, Any]) -> str:
    """The gold sentence after the sentences before it (its ``context``), as the coder reads it."""
    context = record.get("context")
    # a list of sentences; the PLOVER records' "context" is a topic label, not text
    before = [str(c) for c in context] if isinstance(context, list) else []
    return " ".join([*before, record["text"]])


def _score_factuality(record: dict[str, Any], predicted: list[Event], score: Score) -> None:
    gold = record.get("events") or []
    pairs = best_pairing(gold, predicted, lambda g, p: _matches(p, g) and all(
        bool(g.get(f, False)) == getattr(p, f) for f in FACTUALITY))
    score.tp += len(pairs)
    score.fn += len(gold) - len(pairs)
    score.fp += len(predicted) - len(pairs)


def _score_settings(record: dict[str, Any], predicted: list[Event], pairing: dict[int, int], text: str,
                    report: EventReport) -> None:
    """When and where, on the events matched at type+source+target: the gold names the words
    of the sentence that date or place the event ("on Monday", "in northern Syria"); a coded
    date counts when it was read from the text (not the publication date) and its words
    overlap the gold's, a coded place when its words or name overlap them."""
    gold = record.get("events") or []
    for i, j in pairing.items():
        event = predicted[j]
        date = event.date_text if event.date_source == "text" else None
        place = [text[event.place.start:event.place.end], event.place.name] if event.place else []
        if "date" in gold[i]:  # a gold that annotates settings at all (our own gold does not)
            _count_setting(report.date, gold[i]["date"], [date] if date else [])
        if "place" in gold[i]:
            _count_setting(report.place, gold[i]["place"], place)


def _count_setting(score: Score, gold: str | None, coded: list[str]) -> None:
    words = (gold or "").strip().lower()
    right = bool(words) and any(c.strip() and (c.strip().lower() in words or words in c.strip().lower())
                                for c in coded)
    score.tp += right
    score.fp += bool(coded) and not right
    score.fn += bool(words) and not right


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def confidence_interval(rows: list[tuple[str, tuple[tuple[int, int, int], ...]]], measure: int,
                        rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> list[float]:
    """95% bootstrap interval of F1: sentences drawn with replacement, counts summed."""
    if not rows:
        return [0.0, 0.0]
    rng = random.Random(seed)
    cells = [r[1][measure] for r in rows]
    values = []
    for _ in range(rounds):
        tp = fp = fn = 0
        for _ in range(len(cells)):
            a, b, c = cells[rng.randrange(len(cells))]
            tp, fp, fn = tp + a, fp + b, fn + c
        values.append(_f1(tp, fp, fn))
    values.sort()
    return [round(values[int(0.025 * rounds)], 3), round(values[int(0.975 * rounds) - 1], 3)]


def per_stratum(rows: list[tuple[str, tuple[tuple[int, int, int], ...]]]) -> dict[str, dict[str, float]]:
    """F1 per measure within each stratum of the gold (world, domestic, ...), if it has several."""
    strata = sorted({r[0] for r in rows})
    if len(strata) < 2:
        return {}
    out = {}
    for name in strata:
        mine = [r[1] for r in rows if r[0] == name]
        out[name] = {"sentences": len(mine), **{m: round(_f1(*(sum(c[i][k] for c in mine) for k in range(3))), 3)
                                                for i, m in enumerate(MEASURES)}}
    return out


def _score_sentence(record: dict[str, Any], predicted: list[Event], report: EventReport,
                    max_errors: int) -> dict[int, int]:
    """Score one sentence; returns its type+source+target pairing (gold index -> predicted)."""
    gold = record.get("events") or []
    pairing = _best_pairing(gold, predicted)
    unmatched = [p for j, p in enumerate(predicted) if j not in pairing.values()]
    missed = []
    for i, g in enumerate(gold):
        hit = predicted[pairing[i]] if i in pairing else None
        kind = g["types"][0]
        per = report.per_type.setdefault(kind, Score())
        if hit is None:
            report.full.fn += 1
            per.fn += 1
            missed.append(g)
            continue
        report.full.tp += 1
        per.tp += 1
        for flag in FLAGS:
            report.modality_total[flag] += 1
            report.modality[flag] += bool(g.get(flag, False)) == getattr(hit, flag)
    for p in unmatched:
        report.full.fp += 1
        report.per_type.setdefault(p.type, Score()).fp += 1
    _count(report.type_only, [g["types"] for g in gold], [p.type for p in predicted],
           lambda gs, p: p in gs)
    roots = [[g["cameo"][:2]] for g in gold if g.get("cameo")]
    if roots:
        _count(report.root, roots, [p.cameo.root for p in predicted], lambda gs, p: p in gs)
        coded = [g for g in gold if g.get("cameo")]
        paired = best_pairing(coded, predicted, lambda g, p: p.cameo.root == g["cameo"][:2] and
                              _side(p.source, g.get("source")) and _side(p.target, g.get("target")))
        report.root_roles.tp += len(paired)
        report.root_roles.fn += len(coded) - len(paired)
        report.root_roles.fp += len(predicted) - len(paired)
    if (missed or unmatched) and len(report.errors) < max_errors:
        report.errors.append({
            "id": record["id"], "text": record["text"],
            "missed": [_gold_str(g) for g in missed],
            "spurious": [_event_str(p) for p in unmatched]})
    return pairing


def _best_pairing(gold: list[dict[str, Any]], predicted: list[Event]) -> dict[int, int]:
    return best_pairing(gold, predicted, lambda g, p: _matches(p, g))


def right_events(gold: list[dict[str, Any]], predicted: list[Event]) -> list[bool]:
    """Per predicted event of one sentence: is it a true positive of type+source+target, under
    the same one-to-one pairing the scores use (a second event for one gold event is not)."""
    paired = set(_best_pairing(gold, predicted).values())
    return [j in paired for j in range(len(predicted))]


def best_pairing(left: list[Any], right: list[Any], same: Any) -> dict[int, int]:
    """Left index -> right index, as many pairs as possible (augmenting paths): a greedy
    first match can take the item another one needed. ``same(l, r)`` says who may pair."""
    pairing: dict[int, int] = {}
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j, item in enumerate(right):
            if j in seen or not same(left[i], item):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                pairing[i], owner[j] = j, i
                return True
        return False

    for i in range(len(left)):
        place(i, set())
    return pairing


def _count(score: Score, gold: list[list[str]], predicted: list[str], same: Any) -> None:
    left = list(predicted)
    for g in gold:
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            score.fn += 1
        else:
            left.remove(hit)
            score.tp += 1
    score.fp += len(left)


def _matches(event: Event, gold: dict[str, Any]) -> bool:
    return event.type in gold["types"] and _side(event.source, gold.get("source")) and \
        _side(event.target, gold.get("target"))


def _side(ref: ActorRef | None, aliases: list[str] | None) -> bool:
    if aliases is None:
        return True
    if ref is None:
        return False
    return any(alias_matches(ref, a) for a in aliases)


def alias_matches(ref: ActorRef, alias: str) -> bool:
    alias_l = alias.strip().lower()
    if not alias_l:
        return False
    if len(alias) == 3 and alias.isupper():
        return alias in (ref.country, (ref.cameo or "")[:3], ref.actor[:3])
    name, text = ref.name.lower(), ref.text.lower()
    return alias_l in name or alias_l in text or (len(text) > 2 and text in alias_l) or \
        (len(name) > 2 and name in alias_l)


def _gold_str(g: dict[str, Any]) -> str:
    flags = [f for f in FLAGS if g.get(f)]
    return f"{'/'.join(g['types'])} {g.get('source')} -> {g.get('target')}" + \
        (f" [{','.join(flags)}]" if flags else "")


def _event_str(e: Event) -> str:
    flags = [f for f in FLAGS if getattr(e, f)]
    return f"{e.type} {e.source.name if e.source else None} -> {e.target.name if e.target else None}" \
        f" ('{e.trigger.text}')" + (f" [{','.join(flags)}]" if flags else "")


def format_event_report(report: EventReport, *, show_errors: int = 20) -> str:
    data = report.as_dict()
    lines = [f"sentences: {data['sentences']}   predicted events per sentence: {data['events_per_sentence']}",
             "", "| measure | precision | recall | F1 |", "|---|---|---|---|"]
    for key in ("type+source+target", "type", "type+source+target+factuality", "cameo_root",
                "cameo_root+source+target"):
        s = data[key]
        if s["tp"] + s["fp"] + s["fn"]:
            ci = data["f1_ci95"].get(key)
            interval = f" ({ci[0]:.3f}-{ci[1]:.3f})" if ci else ""
            lines.append(f"| {key} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f}{interval} |")
    lines.append("")
    lines.append("F1 in brackets: 95% bootstrap interval over sentences.")
    if data["per_stratum"]:
        lines += ["", "| stratum | sentences | " + " | ".join(f"{m} F1" for m in MEASURES) + " |",
                  "|---|---|" + "---|" * len(MEASURES)]
        lines += [f"| {name} | {row['sentences']} | " + " | ".join(f"{row[m]:.3f}" for m in MEASURES) + " |"
                  for name, row in data["per_stratum"].items()]
    settings = [(k, data[k]) for k in ("event_date", "event_place") if data[k]["tp"] + data[k]["fp"] + data[k]["fn"]]
    if settings:
        lines += ["", "on matched events (type+source+target), the date and place the text gives:"]
        lines += [f"{k.replace('_', ' ')}: precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f}"
                  for k, s in settings]
    if data["modality_accuracy"]:
        lines += ["", "modality accuracy on matched events: " + ", ".join(
            f"{k} {v:.3f}" for k, v in data["modality_accuracy"].items())]
    lines += ["", "| type | gold | predicted | correct | precision | recall | F1 |",
              "|---|---|---|---|---|---|---|"]
    for kind in PLOVER_TYPES:
        s = report.per_type.get(kind)
        if s is not None:
            lines.append(f"| {kind} | {s.tp + s.fn} | {s.tp + s.fp} | {s.tp} | "
                         f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    lines += error_lines(report.errors, show_errors, lambda err: [
        f"- {err['id']}: {err['text']}", *(f"    missed:   {m}" for m in err["missed"]),
        *(f"    spurious: {s}" for s in err["spurious"])])
    return "\n".join(lines)


def error_lines(errors: list[Any], show_errors: int, lines_of: Callable[[Any], list[str]],
                what: str = "") -> list[str]:
    """The first ``show_errors`` errors of a report, as the evaluators print them under their
    tables (nothing when none are asked for or none were found)."""
    if not (show_errors and errors):
        return []
    of = f" {what}" if what else ""
    out = ["", f"errors (first {min(show_errors, len(errors))} of {len(errors)}{of}):"]
    for err in errors[:show_errors]:
        out += lines_of(err)
    return out


def problem_lines(err: dict[str, Any]) -> list[str]:
    """An error with its id, its text and the problems found in it."""
    return [f"- {err['id']}: {err['text']}", *(f"    {p}" for p in err["problems"])]


# Gold kinds: name -> (detector(path) -> bool, runner(path, settings, show_errors, as_json) -> str).
# Other evaluation modules add themselves here through EVALUATOR_MODULES.
EVALUATORS: dict[str, tuple[Any, Any]] = {}
EVALUATOR_MODULES: list[str] = ["dotterel.eval_quotes", "dotterel.eval_timeplace", "dotterel.eval_actors"]

KINDS: dict[str, str] = {
    "events": "event gold JSONL (tests/data/events_gold.jsonl, the PLOVER GSR)",
    "quotes": "quote gold JSONL (tests/data/quotes_gold.jsonl)",
    "polnear": "PolNeAR attribution folder (BRAT)",
    "timeplace": "our date and place gold JSONL (tests/data/timeplace_gold.jsonl)",
    "tempeval": "TempEval-3 TimeML folder",
    "meantime": "MEANTIME TimeML folder",
    "geoparsing": "LGL / GeoWebNews / TR-News / GeoVirus folder",
    "reuters": "Reuters-21578 JSONL with place tags",
    "actors": "actor gold JSONL (tests/data/actors_gold.jsonl)",
}
"""The gold kinds ``run_eval`` reads, for the command line's help; each module registers its own."""


def register_evaluator(kind: str, detect: Any, run: Any) -> None:
    EVALUATORS[kind] = (detect, run)


def run_eval(path: Path, *, kind: str | None = None, settings: Settings | None = None,
             show_errors: int = 20, as_json: bool = False) -> str:
    import importlib

    for module in EVALUATOR_MODULES:
        importlib.import_module(module)
    if kind is None:
        kind = next((k for k, (detect, _) in EVALUATORS.items() if detect(path)), "events")
    if kind not in EVALUATORS:
        raise ValueError(f"unknown gold kind '{kind}'; known: {', '.join(EVALUATORS)}")
    return EVALUATORS[kind][1](path, settings, show_errors, as_json)


def _run_events(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    report = evaluate_events(read_gold(path), settings=settings, max_errors=max(show_errors, 200))
    if as_json:
        return json.dumps(report.as_dict(), indent=1)
    return format_event_report(report, show_errors=show_errors)


def first_record(path: Path) -> dict[str, Any] | None:
    """The first record of a gold .jsonl file, for telling gold kinds apart; None otherwise."""
    if not path.is_file() or path.suffix != ".jsonl":
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            record = json.loads(handle.readline() or "null")
        except json.JSONDecodeError:
            return None
    return record if isinstance(record, dict) else None


def _looks_like_event_gold(path: Path) -> bool:
    record = first_record(path)
    return record is not None and any("types" in e for e in record.get("events") or ())


register_evaluator("events", _looks_like_event_gold, _run_events)

__all__ = ["KINDS", "best_pairing", "coded_gold", "right_events", "with_context", "run_eval", "register_evaluator", "first_record", "evaluate_events", "format_event_report", "read_gold", "EventReport", "Score",
           "ErrorRecord"]
