"""Reporting verbs and the quote candidate that both the clause finder and the speaker
attribution read.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import ActorRef

SPEECH = {"say", "tell", "add", "stress", "claim", "warn", "state", "insist", "assert", "argue",
          "announce", "suggest", "deny", "write", "declare", "emphasize", "emphasise", "underscore",
          "note", "explain", "reply", "respond", "vow", "pledge", "promise", "threaten", "allege",
          "charge", "acknowledge", "confirm", "admit", "reiterate", "complain", "tweet", "post",
          "report", "rule", "testify", "concede", "contend", "maintain", "recall", "observe",
          "predict", "caution", "assure", "inform", "disclose", "reveal", "conclude", "counter",
          "retort", "boast", "remark", "answer", "propose", "demand", "urge", "agree", "estimate",
          "point", "lament", "indicate", "signal", "hint", "brag", "joke", "quip", "recount",
          "affirm", "swear", "speculate", "concur", "reason", "exclaim", "confess"}

CUES = SPEECH | {"accuse", "call", "describe", "refer", "speak", "express", "quote", "brand",
                 "label", "dub", "term", "condemn", "denounce", "praise", "ask", "dismiss",
                 "reject", "chant", "shout", "read", "yell", "echo", "mock", "thank", "bemoan",
                 "question", "tout", "hail", "blast", "slam", "decry", "scream", "cry", "muse",
                 "wonder", "plead", "interject", "interrupt", "snap", "tease", "laud", "applaud",
                 "criticize", "criticise", "attack", "lash", "mouth", "sing", "whisper", "mutter",
                 "proclaim"}
"""Verbs that introduce a direct or partial quote in their clause."""

INDIRECT_CUES = SPEECH
"""Verbs whose complement clause is reported speech."""


@dataclass
class Candidate:
    kind: str
    start: int
    end: int
    cue: Token | None = None
    speaker: ActorRef | None = None
    how: str = ""
    tokens: Span | None = None


def is_cue(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in CUES and \
        not any(c.dep_ == "neg" for c in token.children)


def after_quote(token: Token) -> bool:
    """Does this word follow a closing quote mark ('"...," said X', '"...," read the email')?"""
    for t in reversed(token.doc[max(0, token.i - 3): token.i]):
        if t.text in ("\"", "\u201d", "''"):
            return True
        if not (t.is_punct or t.is_space):
            return False
    return False
