"""A learned role filler: who is the source or target of an event whose rules left a side empty.

The path rules find the actors the grammar attaches to a trigger. In real news the actor is
often further away: the subject of the clause above ("Iran was responsible for an attack"),
the speaker, someone named a sentence earlier ("the investigation" by the special counsel).
For each event with an empty side, every actor mention of the sentence and the three sentences before
it is scored by a multinomial logistic regression (source / target / none) over the dependency
path to the trigger, order and distance, the trigger's type, and the mention's kind; the best
mention over the model's threshold fills the side. Trained by ``tools/train_roles.py`` on the
annotated sentences; stored as ``data/models/roles.npz``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Span, Token

from ..model import Event
from ..nlp.state import ActorEntity, DocState
from .arguments import Argument, actor_ref
from .learned import LinearModel, load_model
from .syntax import is_passive, name_labels
from .targets import judged_act
from .words import BACKER_PARTICIPLES, NAMING, ORIGIN_FROM_TYPES, REPORTING

ROLE_FILE = "roles.npz"
SIDES = ("source", "target")


WINDOW = 3
"""Sentences before the trigger's own whose mentions are candidates: as many as the annotators
were shown (and the model was trained on)."""


def mentions_before(token: Token, state: DocState) -> list[tuple[ActorEntity, Span]]:
    """The actor mentions of the trigger's sentence and the WINDOW sentences before it, nearest
    first."""
    sent = token.sent
    start = sent.start
    for _ in range(WINDOW):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    found = [(actor, span) for actor in state.actors.values() for span in actor.mentions
             if span.start >= start and span.end <= sent.end and not (span.start <= token.i < span.end)]
    return sorted(found, key=lambda m: abs(m[1].root.i - token.i))


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def _path(token: Token, other: Token) -> str:
    """Dependency labels from the mention up to the common head, then down to the trigger
    ('nsubj^ ccomp_' reads: the mention is the subject of a verb whose clause holds the trigger)."""
    downs = [token, *token.ancestors]
    down_at = {t.i: n for n, t in enumerate(downs)}
    up = []
    for node in (other, *other.ancestors):
        if node.i in down_at:
            break
        up.append(node.dep_ + "^")
    else:
        return "none"
    down = [t.dep_ + "_" for t in reversed(downs[:down_at[node.i]])]
    steps = up + down
    return " ".join(steps) if len(steps) <= 4 else f"long{len(steps) // 3}"


def pair_features(token: Token, kind: str, actor: ActorEntity, span: Span, same: bool) -> list[str]:
    """Features of one (trigger, mention) pair; ``same``: the mention is in the trigger's sentence."""
    head = span.root
    before = head.i < token.i
    feats = ["bias", f"type={kind}", f"tpos={token.pos_}", f"kind={actor.kind}", f"sector={actor.sector}",
             f"country={bool(actor.country)}", f"pron={head.pos_ == 'PRON'}",
             f"where={'same' if same else 'context'}", f"order={'before' if before else 'after'}",
             f"dist={_bucket(abs(head.i - token.i))}", f"type={kind}|order={before}",
             # who does what: armed groups attack, governments sanction, people protest
             f"type={kind}|kind={actor.kind}", f"type={kind}|sector={actor.sector}",
             f"mdep={head.dep_}|order={before}"]
    passive = is_passive(token)
    feats.append(f"passive={passive}|order={before}")
    if same:
        path = _path(token, head)
        feats += [f"path={path}", f"type={kind}|path={path}", f"passive={passive}|path={path}"]
        if head.head is token or (head.head.dep_ in ("prep", "agent") and head.head.head is token):
            prep = head.head.lower_ if head.head is not token else ""
            feats += [f"attached={head.dep_}|{prep}", f"type={kind}|attached={head.dep_}|{prep}"]
        speaker = head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORTING and \
            any(a is head.head for a in token.ancestors)
        if speaker:
            feats += ["speaker", f"type={kind}|speaker"]
    else:
        feats.append(f"context_dep={head.dep_}")
    return feats


def candidate_features(token: Token, kind: str, candidates: list[tuple[ActorEntity, Span]],
                       state: DocState) -> list[list[str]]:
    """Features of each candidate mention of one trigger: the pair's own, and where it stands
    among the others (the nearest actor before a verb is its usual subject) and whether it is
    the speaker of a quote the trigger sits in (a claim's source is who makes it)."""
    quoted = {q.speaker.actor for q in state.quotes if q.speaker is not None
              and q.start <= token.idx < q.end}
    ranks: dict[bool, int] = {True: 0, False: 0}
    rows = []
    sent = token.sent  # found once: a token's sentence is looked up by walking the doc
    for actor, span in candidates:  # nearest first
        root = span.root
        before, same = root.i < token.i, sent.start <= root.i < sent.end
        feats = pair_features(token, kind, actor, span, same)
        feats.append(f"rank={'before' if before else 'after'}{min(ranks[before], 2)}|same={same}")
        ranks[before] += 1
        if actor.key in quoted:
            feats += ["quote_speaker", f"type={kind}|quote_speaker"]
        elif quoted:
            feats.append("quoted_other")
        rows.append(feats)
    return rows


def has_subject_word(token: Token) -> bool:
    """The grammar names who acts, though no actor was resolved there ("nations opposing X",
    "people protested"): the rules saw the subject, so no one else is put in its place."""
    if token.dep_ == "acl" or any(c.dep_ in ("nsubj", "csubj", "agent") for c in token.children):
        return True
    # "A roadside bomb killed two policemen and wounded three others": the first verb's subject
    return token.dep_ == "conj" and token.pos_ == "VERB" and not any(
        c.dep_ == "nsubjpass" for c in token.children) and any(c.dep_ == "nsubj" for c in token.head.children)


def content_tokens(token: Token) -> set[int]:
    """The words of what a trigger asks, says or names ("asked to mediate between Israel and
    Hamas"): those in it are not who asked."""
    return {t.i for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "prep") for t in c.subtree}


def reporter_tokens(token: Token) -> set[int]:
    """Who tells of an act after telling it is not in it ("Rebels killed five soldiers and
    wounded ten others, the army said"; "..., the agency Ceteka reported"; "according to
    Ansa"): a source of the news, not of the act. A teller named first may well be the actor
    ("Pompeo said the sanctions ...", "Trump announced ..."): left to the model."""
    out: set[int] = set()
    heads, below = [], token
    for head in token.ancestors:  # the verbs whose clause the act is told in, not an adjunct's
        if below.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in REPORTING:
            heads.append(head)  # "..., the army said": the act is what was said
        below = head
    # "X did Y, the agency reported": the reporting verb may be parsed as a conjunct of the act
    clause = [token, *(t for t in token.ancestors if t.pos_ in ("VERB", "AUX"))][:2]
    tellers = heads + [c for h in clause for c in h.children if c.dep_ in ("conj", "parataxis")]
    for head in tellers:
        if head.lemma_.lower() in REPORTING and head.i > token.i:
            out |= {t.i for c in head.children if c.dep_ == "nsubj" and c.i > token.i for t in c.subtree}
    above, below = {token.i}, token
    for head in token.ancestors:  # up to a coordination: "X did A, according to Y, and Z did B"
        if below.dep_ == "conj":
            break
        above.add(head.i)
        below = head
    for word in token.sent:  # "according to" on the act's own clause, not a neighbouring one
        if word.lower_ == "according" and word.head.i in above:
            out |= {t.i for c in word.children for t in c.subtree}
    return out


def backer_mention(span: Span) -> bool:
    """"Taliban-backed militants attacked ...": the name before the hyphen backs the militants;
    it is no side of what they do (the filler had made the Taliban the target)."""
    head = span.root.head
    return head.dep_ == "amod" and head.lemma_.lower() in BACKER_PARTICIPLES and \
        span.end < len(span.doc) and span.doc[span.end].text == "-" and span.end < head.i


def judged_tokens(token: Token, kind: str, side: str, state: DocState) -> set[int]:
    """Who cannot fill a side when one act judges another ("Jordan condemns the killing of the
    hostage"): the judged act's participants are not whom the judgement is against (the victim
    is not condemned), and the judge did not do the act it judges (Jordan did not kill). Nor
    is a target what a name-caller's label mentions, or where fire came from."""
    if side == "target":
        act = judged_act(token, state)
        # "calling the agreement unfair to American workers": the workers are not criticised
        labelled = {t.i for label in name_labels(token) for t in label.subtree} if token.lemma_.lower() in NAMING else set()
        if kind in ORIGIN_FROM_TYPES:  # "launched from U.S. destroyers": where the fire came from
            labelled |= {t.i for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for t in c.subtree}
        return labelled | ({t.i for t in act.subtree} if act is not None else set())
    act = judged_act(token.head, state) if side == "source" and token.dep_ in ("dobj", "nsubjpass") else None
    if act is not None and act.i == token.i:  # "the killing ... was condemned by Jordan": nor the agent
        return {t.i for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass", "agent") for t in c.subtree}
    if side == "source" and kind == "PROTEST" and token.dep_ in ("dobj", "nsubjpass") and \
            state.event_tokens.get(token.head.i) in ("COERCE", "ASSAULT"):
        # "police broke up the protest": who represses a protest is not protesting
        return {t.i for c in token.head.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
    return set()


@dataclass
class RoleFiller:
    model: LinearModel

    @classmethod
    def load(cls, path: str | None = None) -> RoleFiller:
        return cls(load_model(path, ROLE_FILE))

    def fill(self, token: Token, events: list[Event], state: DocState) -> list[Event]:
        """The events of one trigger, with empty sides filled where the model is sure enough."""
        if all(e.source is not None and e.target is not None for e in events):
            return events
        # places acting are the grammar's to name: the model never saw them as candidates
        candidates = [m for m in mentions_before(token, state) if not backer_mention(m[1]) and m[0].kind != "place"]
        # the rules already paired the actors they found for this trigger: co-actors named
        # together ("brokered by Russia, Turkey and Iran") are not each other's counterpart
        placed = {e.source.actor for e in events if e.source} | {e.target.actor for e in events if e.target}
        scored: dict[str, np.ndarray] = {}  # by type: the pairs of one trigger share it
        told = reporter_tokens(token)  # the same for every event of the trigger
        return [self._fill_one(token, e, candidates, placed, state, scored, told) for e in events]

    def _fill_one(self, token: Token, event: Event, candidates: list[tuple[ActorEntity, Span]],
                  placed: set[str], state: DocState, scored: dict[str, np.ndarray], told: set[int]) -> Event:
        probs = scored.get(event.type)  # scored once per type, over all candidates (their ranks count every one)
        for side in SIDES:
            if getattr(event, side) is not None or (side == "source" and has_subject_word(token)):
                continue
            other = event.target if side == "source" else event.source
            inside = (content_tokens(token) if side == "source" else set()) | \
                judged_tokens(token, event.type, side, state) | told
            allowed = [n for n, (actor, span) in enumerate(candidates) if not (
                actor.key in placed or (other is not None and actor.key == other.country) or span.root.i in inside)]
            if not allowed:
                continue
            if probs is None:
                probs = scored[event.type] = self.model.probabilities_many(
                    candidate_features(token, event.type, candidates, state))
            column = probs[allowed, self.model.classes.index(side)]
            k = int(column.argmax())  # the nearest of equals: candidates come nearest first
            if column[k] < self.model.threshold:
                continue
            actor, span = candidates[allowed[k]]
            if other is not None and actor.key == other.actor:
                continue  # the likeliest is already the other side: no one acts on themselves
            ref = actor_ref(Argument(actor, span, "learned"))
            event = replace(event, **{side: ref}, explanation=f"{event.explanation}; {side} by the learned "
                            f"role model (p={column[k]:.2f}, '{span.text}')")
        return event
