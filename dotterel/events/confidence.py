"""Calibrated confidence: each event's ``confidence`` is the probability that it is right.

"Right" is the evaluation's main figure: on the annotated real-news dev sentences, the event
pairs with an annotated one of its type whose source and target match (``evaluate``). A
logistic regression over what made the event (the trigger's origin, how each side was filled,
modality, type, part of speech, reported speech) gives that probability; it is fitted and
cross-validated by ``tools/calibrate.py`` and stored as ``data/models/confidence.json``
(feature weights, no pickle). The features are read from the event record and its doc, the
explanation being the record of how the event was made, so the tool and the pipeline compute
them alike. The score never decides which events are coded; ``Settings.min_confidence`` does.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from ..errors import ConfigError, Errors
from ..model import PLOVER_TYPES, ActorRef, Event
from ..nlp.state import DocState

CALIBRATOR_FILE = "confidence.json"
FORMAT_VERSION = 1

_DETECTOR = re.compile(r"^learned model \(p=([0-9.]+)\)")
_LEARNED_SIDE = re.compile(r"(source|target) by the learned role model \(p=([0-9.]+)")
_FAMILY = re.compile(r"^[~a-z_]+")


def _bucket(p: float) -> str:
    """Probabilities in steps of 0.2, so a few dozen events can learn each step."""
    return f"{min(int(p * 5), 4) / 5:.1f}"


def _side(event: Event, side: str, state: DocState) -> list[str]:
    """How one side was filled: none, by the grammar (and which path family), by the learned
    role model (and how sure it was), or as a quote's speaker; and the kind of actor."""
    ref: ActorRef | None = getattr(event, side)
    text = event.explanation
    learned = {m.group(1): float(m.group(2)) for m in _LEARNED_SIDE.finditer(text)}
    if ref is None:
        return [f"{side}=none"]
    actor = state.actors.get(ref.actor)
    feats = [f"{side}_kind={actor.kind if actor is not None else 'speaker'}"]
    if side in learned:
        return feats + [f"{side}=learned", f"{side}_p={_bucket(learned[side])}"]
    if f"{side}: the quote's speaker" in text:
        return feats + [f"{side}=speaker"]
    path = text.split(f"{side} via ", 1)[1].split(";", 1)[0] if f"{side} via " in text else ""
    family = _FAMILY.match(path)
    return feats + [f"{side}=grammar", f"{side}_path={family.group(0) if family else 'other'}"]


def _origin(event: Event) -> list[str]:
    """Where the trigger came from: a lexicon entry (and whether it names an object or
    preposition), the learned trigger detector (and its probability), or a quote."""
    text = event.explanation
    if text.startswith("statement:"):
        return ["origin=statement", f"statement_cue={' no cue' not in text.split('/', 1)[0]}"]
    found = _DETECTOR.match(text)
    if found:
        return ["origin=detector", f"detector_p={_bucket(float(found.group(1)))}"]
    entry = text.split(" -> ", 1)[0]
    return ["origin=lexicon", f"lexicon_specific={' +' in entry}"]


def event_features(event: Event, doc: Doc, state: DocState) -> list[str]:
    """The calibrator's string features of one event (computed alike by tools/calibrate.py)."""
    feats = ["bias", f"type={event.type}", f"quad={PLOVER_TYPES.get(event.type, 0)}", *_origin(event),
             *_side(event, "source", state), *_side(event, "target", state)]
    feats.append(f"roles={'source' if event.source else '-'}+{'target' if event.target else '-'}")
    feats += [flag for flag in ("negated", "hypothetical", "future", "hedged") if getattr(event, flag)]
    if event.attributed_to is not None:
        feats.append("attributed")
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    pos = span.root.pos_ if span is not None else "X"
    feats.append(f"pos={pos if pos in ('VERB', 'NOUN') else 'other'}")
    if any(q.start <= event.trigger.start < q.end for q in state.quotes):
        feats.append("in_quote")
    if event.quote is not None:
        feats.append("linked_quote")
    return feats


@dataclass(frozen=True)
class Calibrator:
    """A binary logistic regression: P(right) = sigmoid(bias + sum of the features' weights)."""

    weights: dict[str, float]
    version: int = FORMAT_VERSION
    fitted_on: str = ""

    def probability(self, feats: Iterable[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def apply(self, doc: Doc, events: list[Event], state: DocState) -> list[Event]:
        """The events with ``confidence`` set to their calibrated probability (2 decimals)."""
        return [replace(e, confidence=round(self.probability(event_features(e, doc, state)), 2))
                for e in events]

    def to_json(self) -> str:
        return json.dumps({"format": "dotterel-confidence", "version": self.version,
                           "fitted_on": self.fitted_on,
                           "weights": dict(sorted(self.weights.items()))}, indent=1) + "\n"


@functools.lru_cache(maxsize=4)
def load_calibrator(path: str | None = None) -> Calibrator:
    """The packaged calibrator (``data/models/confidence.json``; also for "packaged"), or the
    one at ``path``; read once per process."""
    packaged = resources.files("dotterel") / "data" / "models" / CALIBRATOR_FILE
    source = Path(path) if path and path != "packaged" else packaged
    try:
        with resources.as_file(source) as real:
            data = json.loads(Path(real).read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        version = int(data["version"])
    except (OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=f"not a confidence calibrator ({exc}); "
                          "refit it with python tools/calibrate.py") from exc
    if version != FORMAT_VERSION or "bias" not in weights:
        raise ConfigError(Errors.E014, path=str(source), detail=f"calibrator format {version} without "
                          f"a bias; this dotterel reads format {FORMAT_VERSION} (tools/calibrate.py)")
    return Calibrator(weights, version, str(data.get("fitted_on", "")))
