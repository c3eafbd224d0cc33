"""A learned trigger detector: which words of a sentence name an event, and of which type.

The lexicon and rules know the words they were written for; real news names events in
many more ("an inquiry into", "tariffs on", "worked the phones"). This model reads each
content word through features of the parse, the actors around it, the word classes and
lexicon entries it belongs to, and what the rules already made of it, and gives a
probability per PLOVER type. It is a multinomial logistic regression over string features
(``LinearModel``, also the role filler's), trained on annotated sentences by
``tools/train_triggers.py`` and stored as ``data/models/triggers.npz`` (feature names, class
names, one weight matrix, the threshold).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from ..errors import ConfigError, Errors
from ..lang import word_classes
from ..lexicon import Lexicon
from ..nlp.state import DocState
from .words import REPORTING

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
"""Names and auxiliaries are a third of a sentence's content words and held 5 of the 1,491
annotated triggers of the training parts, so they are not read (the detector's cost is per word)."""
NONE = "NONE"
MODEL_FILE = "triggers.npz"
NO_VETO = 1.01
"""A veto probability no model output reaches: the detector never drops a rule's events."""


@functools.lru_cache(maxsize=1)
def _class_index() -> dict[str, tuple[str, ...]]:
    """Lemma -> the word classes it belongs to (features that carry over to unseen words)."""
    index: dict[str, list[str]] = {}
    for name, members in word_classes().items():
        for word in members:
            index.setdefault(word, []).append(name)
    return {w: tuple(sorted(names)) for w, names in index.items()}


def candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS and token.is_alpha


def token_features(token: Token, state: DocState, lexicon: Lexicon, coded: dict[int, set[str]]) -> list[str]:
    """The string features of one candidate word. ``coded`` maps token index -> the event
    types the rules coded on it in this sentence."""
    lemma = token.lemma_.lower()
    head = token.head
    feats = [f"l={lemma}", f"lp={lemma}|{token.pos_}", f"p={token.pos_}", f"t={token.tag_}",
             f"d={token.dep_}", f"dl={token.dep_}|{lemma}", f"hl={head.lemma_.lower()}",
             f"hd={token.dep_}|{head.pos_}", f"suf={lemma[-3:]}", "bias"]
    feats += [f"wc={c}" for c in _class_index().get(lemma, ())]
    feats += [f"lex={t.type}" for t in lexicon.candidates(lemma, token.pos_)]
    feats += [f"lexany={t.type}" for pos in ("VERB", "NOUN") if pos != token.pos_
              for t in lexicon.candidates(lemma, pos)]
    types = coded.get(token.i)
    feats += [f"rule={t}" for t in types] if types else ["rule=none"]
    if lemma in lexicon.lemmas and not types:
        feats.append("lex_uncoded")
    feats += _children_features(token, state)
    if state.actor_at(token) is not None:
        feats.append("is_actor")
    up = token
    for _ in range(4):  # "said (that) X was ...": the word sits in reported speech
        if up.head.i == up.i:  # the root
            break
        up = up.head
        if up.lemma_.lower() in REPORTING:
            feats.append("under_reporting")
            break
    return feats


def _children_features(token: Token, state: DocState) -> list[str]:
    feats = []
    for child in token.children:
        dep = child.dep_
        feats.append(f"c={dep}")
        if dep in ("nsubj", "nsubjpass", "dobj", "poss", "amod", "compound", "agent"):
            feats.append(f"c={dep}|{child.lemma_.lower()}")
            feats += _actor_features(dep, child, state)
        elif dep in ("prep", "dative"):
            feats.append(f"prep={child.lower_}")
            for obj in child.children:
                if obj.dep_ == "pobj":
                    feats.append(f"prep={child.lower_}|{obj.lemma_.lower()}")
                    feats += _actor_features(f"prep:{child.lower_}", obj, state)
        elif dep == "neg":
            feats.append("neg")
    return feats


def _actor_features(role: str, token: Token, state: DocState) -> list[str]:
    """Who fills a slot: its entity label, and the kind, sector and country of its actor
    (a company's "offer" is trade, a state's is diplomacy)."""
    feats = [f"ent={role}|{token.ent_type_}"] if token.ent_type_ else []
    hit = state.actor_at(token)
    if hit is not None:
        actor = hit[0]
        feats += [f"actor={role}", f"kind={role}|{actor.kind}", f"sector={role}|{actor.sector}",
                  f"country={role}|{bool(actor.country)}"]
    return feats


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression over string features (one weight row per feature);
    the trigger detector and the role filler are both one."""
    features: dict[str, int]
    classes: tuple[str, ...]
    weights: np.ndarray  # (n_features, n_classes)
    threshold: float = 0.5
    """The probability from which the model's answer is used, chosen on dev."""
    veto: float = NO_VETO
    """The probability of "no event" from which the trigger detector drops a rule's events."""

    def probabilities(self, feats: list[str]) -> np.ndarray:
        return self.probabilities_many([feats])[0]

    def probabilities_many(self, rows_of_feats: list[list[str]]) -> np.ndarray:
        """Class probabilities of many examples in one pass (one row each); unknown features
        are ignored. One gather and one segmented sum for all rows: per-row numpy calls cost
        more than the arithmetic."""
        index = self.features
        # each feature once, as in training (a set of features per example)
        known = [list(dict.fromkeys(index[f] for f in feats if f in index)) for feats in rows_of_feats]
        logits = np.zeros((len(known), len(self.classes)))
        filled = [n for n, rows in enumerate(known) if rows]
        if filled:
            flat = np.fromiter((i for n in filled for i in known[n]), dtype=np.int64)
            starts = np.cumsum([0] + [len(known[n]) for n in filled[:-1]])
            logits[filled] = np.add.reduceat(self.weights[flat], starts, axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def best_events(self, rows_of_feats: list[list[str]]) -> list[tuple[str, float, float]]:
        """For each example: the likeliest event type (never NONE), its probability, and the
        probability of NONE."""
        if not rows_of_feats:
            return []
        probs = self.probabilities_many(rows_of_feats)
        none = self.classes.index(NONE)
        events = probs.copy()
        events[:, none] = -1.0
        best = events.argmax(axis=1)
        return [(self.classes[k], float(probs[n, k]), float(probs[n, none])) for n, k in enumerate(best)]

    def best_event(self, feats: list[str]) -> tuple[str, float, float]:
        return self.best_events([feats])[0]

    def save(self, path: Path) -> None:
        names = sorted(self.features, key=self.features.get)
        np.savez_compressed(path, features=np.array(names), classes=np.array(self.classes),
                            weights=self.weights.astype(np.float32), threshold=np.array(self.threshold),
                            veto=np.array(self.veto))


def load_model(path: str | Path | None = None, packaged: str = MODEL_FILE) -> LinearModel:
    """The packaged model (``data/models/<packaged>``; also for ``path`` "packaged"), or the
    one at ``path``."""
    packaged_file = resources.files("dotterel") / "data" / "models" / packaged
    source = Path(path) if path and path != "packaged" else packaged_file
    try:
        with resources.as_file(source) as real, np.load(real, allow_pickle=False) as data:
            names = [str(n) for n in data["features"]]
            weights = np.asarray(data["weights"], dtype=np.float64)
            classes = tuple(str(c) for c in data["classes"])
            threshold = float(data["threshold"])
            veto = float(data["veto"]) if "veto" in data.files else NO_VETO
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=f"not a trigger model ({exc}); "
                          "retrain it with the tool named in docs/evaluation.md") from exc
    if weights.shape != (len(names), len(classes)) or NONE not in classes:
        raise ConfigError(Errors.E014, path=str(source), detail="the weights do not match the features and classes")
    return LinearModel({n: i for i, n in enumerate(names)}, classes, weights, threshold, veto)

