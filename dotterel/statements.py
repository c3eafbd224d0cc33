"""Statements as verbal events, and inflammatory quotes (component ``dotterel_statements``).

Runs after the event coder. A quote whose speaker is known states a verbal event when its cue
is a speech act (``data/statements.yaml`` ``cues``: "accused", "urged", "praised") or, for a
neutral cue ("said") or none, when its content says so (``content`` phrases: "war crimes" ->
ACCUSE, "we call on" -> REQUEST, "will pay a heavy price" -> THREATEN, ...). The speaker is
the source, the speaker's words never a fact: ``attributed_to`` is the speaker. An event the
coder already found at the cue, or of the same type on the matched phrase, is linked (and
given the speaker as source when it had none) rather than coded twice. Every quote also gets
the inflammatory flag (``data/inflammatory.yaml``): a term that vilifies or dehumanises a
people, in the speaker's words and applied to a group.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ConfigError, Errors
from .events import Argument, actor_ref, actors_at
from .events.confidence import load_calibrator
from .events.modality import modality
from .events.words import FUTURE_AUX
from .lexicon import Lexicon, load_cameo_table, load_lexicon
from .model import PLOVER_TYPES, ActorRef, Event, Quote, TextSpan
from .nlp.state import DocState, doc_text
from .quotes.component import FIRST_PERSON

PLURAL_PRONOUNS = {"they", "them", "these", "those"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
REPORTED_SELF = {"he", "she", "it", "they"}
CUE_TARGET_PREPS = ("of", "on", "against", "to", "with", "at", "about")
PLAIN_SAYING = {"say", "tell", "speak", "write", "tweet", "add", "post"}
"""Cues whose "on" is where it was said ("said on CBS News' Face the Nation"), not of whom."""
ADDRESSEE_CUES = {"tell", "inform", "assure"}
"""Cues whose object is who hears it ("told reporters"): a target only of a demand or threat."""
VAGUE = {"people", "person", "population", "community", "these", "those", "they", "them"}
"""Group words that say nothing about which people is meant."""
COPULAS = {"be", "become", "remain", "seem"}
LABEL_VERBS = {"call", "brand", "label", "dub", "term", "name", "consider"}


# ---------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Act:
    type: str
    cameo: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    act: Act | None
    strength: int = 1
    negated: str | Act = "drop"  # drop | keep | the act a negation flips it to
    subject: str | None = None  # self | other
    object: str | None = None  # actor
    future: bool = False


@dataclass(frozen=True)
class StatementLexicon:
    cues: dict[str, tuple[Act, frozenset[str], bool]]
    """cue lemma -> (act, prepositions it needs, whether it needs someone it is aimed at)"""
    neutral: frozenset[str]
    phrases: tuple[Phrase, ...]
    precedence: tuple[str, ...]
    imperative: frozenset[str] = frozenset()
    imperative_act: Act | None = None
    by_first: dict[str, tuple[tuple[int, Phrase], ...]] = field(default_factory=dict)
    """first word -> (position in ``phrases``, phrase): what may start at a token"""

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[int, Phrase]]] = {}
        for n, phrase in enumerate(self.phrases):
            index.setdefault(phrase.words[0], []).append((n, phrase))
        object.__setattr__(self, "by_first", {w: tuple(v) for w, v in index.items()})

    def rank(self, kind: str) -> int:
        return self.precedence.index(kind) if kind in self.precedence else len(self.precedence)


@dataclass(frozen=True)
class InflammatoryLexicon:
    dehumanise: frozenset[str]
    enmity: frozenset[str]
    intensifiers: frozenset[str]
    exterminate: tuple[tuple[str, str | None], ...]  # verb lemma, particle
    group_nouns: frozenset[str]


def _data_file(path: str | None, name: str) -> tuple[Any, str]:
    source = Path(path) if path else resources.files("dotterel") / "data" / name
    try:
        return yaml.safe_load(source.read_text(encoding="utf-8")) or {}, str(source)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc


def _act(record: dict[str, Any], origin: str) -> Act:
    kind, code = str(record.get("type", "")).upper(), str(record.get("cameo", ""))
    info = load_cameo_table().get(code)
    if kind not in PLOVER_TYPES or info is None or info.plover_type not in (None, kind):
        raise ConfigError(Errors.E014, path=origin, detail=f"entry {record!r}: type and CAMEO code must "
                          "be a PLOVER type and a code of cameo.tsv that agree")
    return Act(type=kind, cameo=code)


def _phrases(record: dict[str, Any], origin: str) -> list[Phrase]:
    act = _act(record, origin) if record.get("type") else None
    negated = record.get("negated", "drop")
    if isinstance(negated, dict):
        negated = _act(negated, origin)
    elif negated not in ("drop", "keep"):
        raise ConfigError(Errors.E014, path=origin, detail=f"entry {record!r}: negated must be drop, keep or an act")
    if act is None and not isinstance(negated, Act):
        raise ConfigError(Errors.E014, path=origin, detail=f"entry {record!r}: a null type needs a negated act")
    return [Phrase(words=tuple(str(p).lower().split()), act=act, strength=int(record.get("strength", 1)),
                   negated=negated, subject=record.get("subject"), object=record.get("object"),
                   future=bool(record.get("future")))
            for p in record.get("phrases") or ()]


@functools.lru_cache(maxsize=4)
def load_statements(path: str | None = None) -> StatementLexicon:
    data, origin = _data_file(path, "statements.yaml")
    cues = {str(c["lemma"]).lower(): (_act(c, origin), frozenset(str(p) for p in c.get("prep") or ()),
                                      bool(c.get("needs_target")))
            for c in data.get("cues") or ()}
    phrases = tuple(p for record in data.get("content") or () for p in _phrases(record, origin))
    imperative = data.get("imperative") or {}
    return StatementLexicon(cues=cues, neutral=frozenset(data.get("neutral") or ()), phrases=phrases,
                            precedence=tuple(data.get("precedence") or ()),
                            imperative=frozenset(str(v) for v in imperative.get("verbs") or ()),
                            imperative_act=_act({"type": "REQUEST", "cameo": imperative["cameo"]}, origin)
                            if imperative else None)


@functools.lru_cache(maxsize=4)
def load_inflammatory(path: str | None = None) -> InflammatoryLexicon:
    data, _ = _data_file(path, "inflammatory.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    verbs = tuple((str(v).split()[0].lower(), (str(v).split()[1:] or [None])[0])
                  for v in data.get("exterminate") or ())
    return InflammatoryLexicon(dehumanise=words("dehumanise"), enmity=words("enmity"),
                               intensifiers=words("intensifiers"), exterminate=verbs,
                               group_nouns=words("group_nouns"))


# ---------------------------------------------------------------------------- component

@Language.factory("dotterel_statements", default_config={"statements": None, "inflammatory": None},
                  assigns=["doc._.dotterel"], requires=["token.dep", "token.lemma"])
def make_statement_coder(nlp: Language, name: str, statements: str | None,
                         inflammatory: str | None) -> StatementCoder:
    return StatementCoder(load_statements(statements), load_inflammatory(inflammatory), load_lexicon())


@dataclass
class _Finding:
    """What makes a quote a statement: the act, the words that show it, and how it was read."""

    act: Act
    evidence: list[Token]
    how: str
    target: Argument | None = None
    note: str = ""
    needs_target: bool = False


class StatementCoder:
    def __init__(self, statements: StatementLexicon, inflammatory: InflammatoryLexicon,
                 lexicon: Lexicon) -> None:
        self.lex, self.flags, self.lexicon = statements, inflammatory, lexicon

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        # positional ids from here on, so the links below survive the article-scoped renaming
        state.events = [replace(e, id=f"e{n}") for n, e in enumerate(state.events, start=1)]
        quotes = []
        for quote in state.quotes:
            content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if content is None or not len(content):
                quotes.append(quote)
                continue
            terms = inflammatory_terms(content, self.flags, state)
            quote = replace(quote, inflammatory=bool(terms),
                            inflammatory_terms=tuple(_text_span(t.tokens) for t in terms))
            events = self._statement(doc, quote, content, terms, state) if quote.speaker else ()
            quotes.append(replace(quote, events=events))
        state.quotes = quotes
        # statements add events and give linked ones a source: their confidence is refitted alike
        state.events = load_calibrator().apply(doc, state.events, state)
        return doc

    def _statement(self, doc: Doc, quote: Quote, content: Span, terms: list[_Term],
                   state: DocState) -> tuple[str, ...]:
        cue = _cue_token(doc, quote)
        if quote.cue is not None:
            linked = [n for n, e in enumerate(state.events) if e.trigger.start == quote.cue.start]
            if linked:  # the coder already read the cue as an event: link, never code twice
                return self._link(linked, quote, state, "cue")
        if _narrator(quote.speaker):
            return ()  # the writer's own "I said" names no one an event could be about
        finding = self._classify(cue, content, terms, quote, state)
        if finding is None:
            return ()
        same = [n for n, e in enumerate(state.events) if e.type == finding.act.type
                and any(t.idx <= e.trigger.start < t.idx + len(t) for t in finding.evidence)]
        if same:
            return self._link(same, quote, state, "content")
        event = self._event(cue, content, quote, finding, state)
        if event is None:
            return ()
        state.events.append(event)
        return (event.id,)

    def _link(self, indexes: list[int], quote: Quote, state: DocState, how: str) -> tuple[str, ...]:
        speaker = quote.speaker
        for n in indexes:
            event = state.events[n]
            changes: dict[str, Any] = {"quote": event.quote or quote.id}
            if event.source is None and speaker is not None and not _narrator(speaker) and (
                    event.target is None or event.target.actor != speaker.actor):
                changes.update(source=speaker, explanation=event.explanation
                               + f"; source: the quote's speaker (linked at the {how})")
            state.events[n] = replace(event, **changes)
        return tuple(state.events[n].id for n in indexes)

    # -------------------------------------------------------------- classifying

    def _classify(self, cue: Token | None, content: Span, terms: list[_Term], quote: Quote,
                  state: DocState) -> _Finding | None:
        lemma = cue.lemma_.lower() if cue is not None else None
        rule = self.lex.cues.get(lemma or "")
        if cue is not None and rule is not None and (not rule[1] or any(
                c.lower_ in rule[1] for c in cue.children if c.dep_ in ("prep", "prt"))):
            return _Finding(rule[0], [], "", needs_target=rule[2])
        if cue is not None and lemma not in self.lex.neutral and cue.lower_ not in self.lex.neutral:
            return None  # a cue of its own kind ("suggested", "vowed"): the content is no act of it
        found = best_phrase(content, self.lex, quote, state)
        if found is not None:
            act, tokens, _phrase = found
            return _Finding(act, tokens, _words(tokens))
        command = _imperative(content, self.lex)
        if command is not None and self.lex.imperative_act is not None:
            return _Finding(self.lex.imperative_act, [command], command.text, note="imperative")
        return self._from_label(cue, terms, quote, state)

    def _from_label(self, cue: Token | None, terms: list[_Term], quote: Quote,
                    state: DocState) -> _Finding | None:
        """Vilifying a people is a denunciation of it; calling to wipe it out, a threat."""
        label = next((t for t in terms if t.group is not None), None)
        if label is None:
            return None
        act = Act("THREATEN", "138") if label.kind == "exterminate" else Act("ACCUSE", "111")
        named = label.group_actor if label.group is not None and label.group.lemma_.lower() not in VAGUE else None
        # "they are vermin", "these people ...": whom the reporter says it was said of
        target = named or next(iter(_cue_targets(cue, quote, act, state)), None) or label.group_actor
        return _Finding(act, label.tokens, _words(label.tokens), target=target,
                        note=f"inflammatory {label.kind}", needs_target=True)

    # -------------------------------------------------------------- the event

    def _event(self, cue: Token | None, content: Span, quote: Quote, finding: _Finding,
               state: DocState) -> Event | None:
        speaker = quote.speaker
        assert speaker is not None
        anchor = cue if cue is not None else finding.evidence[0]
        target = finding.target or statement_target(cue, content, quote, finding, state)
        if target is not None and target.actor.key == speaker.actor:
            target = None
        if target is None and finding.needs_target:
            return None  # an inflammatory label alone is coded only when we know whom it targets
        sent = anchor.sent
        mood = modality(cue, sent, state) if cue is not None else None
        trigger = [cue] if cue is not None else finding.evidence
        return Event(
            id=f"e{len(state.events) + 1}", type=finding.act.type, mode=None, context=(),
            cameo=self.lexicon.cameo_code(finding.act.cameo, finding.act.type),
            source=speaker, target=actor_ref(target), trigger=_text_span(trigger),
            sentence=(sent.start_char, sent.end_char),
            negated=bool(mood and mood.negated), hypothetical=bool(mood and mood.hypothetical),
            future=bool(mood and mood.future), hedged=bool(mood and mood.hedged),
            attributed_to=speaker,
            explanation=_explain(cue, quote, finding, target, mood), quote=quote.id)


def _explain(cue: Token | None, quote: Quote, finding: _Finding, target: Argument | None,
             mood: Any) -> str:
    said = f"cue '{cue.text}'" if cue is not None else "no cue"
    note = f" ({finding.note})" if finding.note else ""
    parts = [f"statement: {said} / content '{finding.how or _short(quote.text)}'{note} "
             f"-> {finding.act.type} {finding.act.cameo}", "source: the quote's speaker",
             f"target via {target.path}" if target else "no target"]
    reasons = [r for r in (mood.reasons if mood is not None else ()) if not r.startswith("said by")]
    if reasons:
        parts.append("modality: " + ", ".join(reasons))
    return "; ".join(parts)


# ---------------------------------------------------------------------------- content phrases

def best_phrase(content: Span, lex: StatementLexicon, quote: Quote,
                state: DocState) -> tuple[Act, list[Token], Phrase] | None:
    """The strongest content phrase that holds (subject, object and negation checked);
    ties go to the type earlier in ``precedence``, then to the earlier phrase."""
    best: tuple[tuple[int, int, int], Act, list[Token], Phrase] | None = None
    for phrase, tokens in _matches(content, lex):
        act = _phrase_act(phrase, tokens, quote, state)
        if act is None:
            continue
        key = (-phrase.strength, lex.rank(act.type), tokens[0].i)
        if best is None or key < best[0]:
            best = (key, act, tokens, phrase)
    return None if best is None else best[1:]


def _matches(content: Span, lex: StatementLexicon) -> Iterable[tuple[Phrase, list[Token]]]:
    """Phrases in the content, in token order, then in the lexicon's order. Only phrases whose
    first word is the token's text or lemma are tried: this runs on every quote."""
    tokens = [t for t in content if not t.is_space]
    for i, token in enumerate(tokens):
        starting = {*lex.by_first.get(token.lower_, ()), *lex.by_first.get(token.lemma_.lower(), ())}
        for _, phrase in sorted(starting, key=lambda pair: pair[0]):
            n = len(phrase.words)
            window = tokens[i:i + n]
            if len(window) == n and all(w in (t.lower_, t.lemma_.lower()) for w, t in zip(phrase.words, window)):
                yield phrase, window


def _phrase_act(phrase: Phrase, tokens: list[Token], quote: Quote, state: DocState) -> Act | None:
    verb = _clause_verb(tokens)
    if phrase.subject is not None:
        # who acts: a passive's subject is acted on ("the rebels will be wiped out")
        subject = _subject(verb, active=phrase.subject == "self") if verb is not None else None
        mine = subject is None or _is_self(subject, quote, state)
        if phrase.subject == "self" and not mine:
            return None
        if phrase.subject == "other" and subject is not None and mine:
            return None
    if phrase.object == "actor" and not _has_actor_object(verb, state):
        return None
    if phrase.strength == 0 and not _named_subject(verb, state):
        return None  # "animal welfare must come first" demands nothing of anyone
    if phrase.future and not (verb is not None and any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)):
        return None
    if not _negated(tokens, verb):
        return phrase.act
    if phrase.negated == "keep":
        return phrase.act
    return phrase.negated if isinstance(phrase.negated, Act) else None


def _imperative(content: Span, lex: StatementLexicon) -> Token | None:
    """"Stop the shelling", "Release them now": a quote that opens with a command."""
    words = [t for t in content if not (t.is_punct or t.is_space)]
    first = words[1] if len(words) > 1 and words[0].lower_ == "please" else words[0] if words else None
    if first is None or first.tag_ != "VB" or first.lemma_.lower() not in lex.imperative:
        return None
    return None if any(c.dep_ in ("nsubj", "aux") for c in first.children) else first


def _root(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _clause_verb(tokens: list[Token]) -> Token | None:
    """The verb whose clause the phrase is in: the phrase's own, or the nearest above it."""
    node = _root(tokens)
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and not (node.dep_ == "aux" and node.head.pos_ == "VERB"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _subject(verb: Token, active: bool = False) -> Token | None:
    """The subject of a clause, or of the clause an infinitive or conjunct hangs from;
    ``active``: the doer (a passive's "by" agent), not a passive's subject."""
    node = verb
    deps = ("nsubj", "csubj") if active else ("nsubj", "nsubjpass", "csubj")
    for _ in range(3):
        found = next((c for c in node.children if c.dep_ in deps), None)
        if found is not None:
            return found
        if active and any(c.dep_ == "nsubjpass" for c in node.children):
            return next((p for a in node.children if a.dep_ == "agent" for p in a.children), None)
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _is_self(subject: Token, quote: Quote, state: DocState) -> bool:
    """Is this subject the speaker: "we", "our army", a mention of the speaker's actor or of
    the state the speaker speaks for ("Ankara" in its president's words), or in reported
    speech a pronoun left unresolved ("the ministry said it would not ...")?"""
    speaker = quote.speaker
    if subject.lower_ in FIRST_PERSON or any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON
                                           for c in subject.children):
        return True
    if speaker is None:
        return False
    hit = state.actor_at(subject)
    if hit is not None:
        return hit[0].key == speaker.actor or (hit[0].kind == "country" and hit[0].key == speaker.country)
    if quote.kind == "indirect" and subject.pos_ == "PRON" and subject.lower_ in REPORTED_SELF:
        return True
    return any(c.dep_ == "poss" and (h := state.actor_at(c)) is not None and h[0].key == speaker.actor
               for c in subject.children)


def _named_subject(verb: Token | None, state: DocState) -> bool:
    """Is the clause's subject a named actor (not "welfare", not "reporters")?"""
    subject = _subject(verb) if verb is not None else None
    return subject is not None and any(not _generic(a) for a in actors_at(subject, state, "subject"))


def _has_actor_object(verb: Token | None, state: DocState) -> bool:
    if verb is None:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_group_kind(o, state, None) is not None for o in objects)


def _negated(tokens: list[Token], verb: Token | None) -> bool:
    """A negation outside the phrase, on the phrase's words or on its clause's verb
    ("not responsible for", "did not commit genocide", "no war crimes")."""
    inside = {t.i for t in tokens}
    heads = [*tokens, *([verb] if verb is not None else [])]
    return any(c.i not in inside and (c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("det", "advmod")))
               for h in heads for c in h.children)


# ---------------------------------------------------------------------------- target

def statement_target(cue: Token | None, content: Span, quote: Quote, finding: _Finding,
                     state: DocState) -> Argument | None:
    """Whom the statement is aimed at: who the cue governs ("referred to Pakistan as",
    "lashed out at X"), else the actor the matched phrase is about, else the most salient
    actor named in the content; never the speaker."""
    speaker = quote.speaker.actor if quote.speaker else None
    for found in (_cue_targets(cue, quote, finding.act, state), _phrase_targets(finding.evidence, state),
                  _content_targets(content, state)):
        found = [a for a in found if a.actor.key != speaker and not _generic(a)]
        if finding.act.type == "ACCUSE":
            # "declared that China was committing genocide against Uighurs": the accused
            # is who does the deed, not who suffers it
            found.sort(key=lambda a: not a.path.endswith("subject"))
        if found:
            return found[0]
    return None


def _generic(arg: Argument) -> bool:
    """A common-noun group ("reporters", "troops"): no target of what someone said; a people
    named as such ("Jews", "Palestinians") is."""
    return arg.actor.key.startswith("group:") and arg.span.root.ent_type_ != "NORP"


def _cue_targets(cue: Token | None, quote: Quote, act: Act, state: DocState) -> list[Argument]:
    if cue is None or cue.lower_ == "according":
        return []
    addressee = cue.lemma_.lower() in ADDRESSEE_CUES and act.type not in ("REQUEST", "THREATEN")
    found: list[Argument] = []
    for child in cue.children:
        if quote.start <= child.idx < quote.end:
            continue  # the quote's own words are the content, read below
        if child.dep_ in ("dobj", "dative") and not addressee:
            found += actors_at(child, state, f"cue>{child.dep_}")
        elif child.dep_ in ("prep", "prt") and child.lower_ in CUE_TARGET_PREPS and not (
                child.lower_ == "on" and cue.lemma_.lower() in PLAIN_SAYING):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found += actors_at(pobj, state, f"cue>{child.lower_}")
    return found


def _phrase_targets(evidence: list[Token], state: DocState) -> list[Argument]:
    """"Russia is responsible for ...", "we will crush Hamas", "Israel must stop",
    "Russian war crimes"."""
    if not evidence:
        return []
    root, verb = _root(evidence), _clause_verb(evidence)
    found = actors_at(root, state, "phrase")
    if verb is not None:
        subject = _subject(verb)
        if subject is not None and subject.lower_ not in FIRST_PERSON:
            found += actors_at(subject, state, "phrase>subject")
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "nsubjpass"):
                found += actors_at(child, state, f"phrase>{child.dep_}")
            elif child.dep_ == "prep":
                found += [a for p in child.children if p.dep_ == "pobj"
                          for a in actors_at(p, state, f"phrase>{child.lower_}")]
    return found


def _content_targets(content: Span, state: DocState) -> list[Argument]:
    """Actors named in the quote, those in a subject or object role first."""
    hits = [(t, h) for t in content if (h := state.actor_at(t)) is not None and h[1].root.i == t.i]
    ranked = sorted(hits, key=lambda th: (th[0].dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"), th[0].i))
    return [Argument(h[0], h[1], f"content>{t.dep_}") for t, h in ranked]


# ---------------------------------------------------------------------------- inflammatory

@dataclass
class _Term:
    tokens: list[Token]
    kind: str  # dehumanise | enmity | exterminate
    group: Token | None = None
    group_actor: Argument | None = None


def inflammatory_terms(content: Span, lex: InflammatoryLexicon, state: DocState) -> list[_Term]:
    """Terms in the quote that vilify a people they are applied to (see inflammatory.yaml)."""
    terms = []
    for token in content:
        term = _term_at(token, lex, state)
        if term is not None and term.group is not None:
            inside = [t for t in term.tokens if content.start <= t.i < content.end]
            terms.append(replace(term, tokens=inside or [token]))
    return terms


def _term_at(token: Token, lex: InflammatoryLexicon, state: DocState) -> _Term | None:
    forms = {token.lower_, token.lemma_.lower()}
    for verb, particle in lex.exterminate:
        if verb in forms and token.pos_ == "VERB" and (particle is None or any(
                c.lower_ == particle for c in token.children if c.dep_ in ("prt", "prep", "advmod"))):
            return _exterminate(token, particle, lex, state)
    kind = "dehumanise" if forms & lex.dehumanise else "enmity" if forms & lex.enmity else None
    if kind is None or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    if token.pos_ != "ADJ" and token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i != token.i:
        return None  # a modifier: "enemy fire", "animal welfare", "the enemy's positions"
    label = token.head if token.pos_ == "ADJ" and token.dep_ == "amod" else token
    group = _applied_to(label, lex, state)
    term = _Term(tokens=[*_intensifiers(label, lex), token], kind=kind)
    if group is None:
        return term
    found = _group_kind(group, state, lex)
    if found is None or (kind == "enmity" and found == "pronoun"):
        return term
    if kind == "enmity" and found == "actor" and not _intensified(label, lex):
        return term  # states and parties call each other enemies as a matter of course
    return replace(term, group=group, group_actor=_actor_arg(group, state))


def _exterminate(verb: Token, particle: str | None, lex: InflammatoryLexicon, state: DocState) -> _Term:
    tokens = [verb] + [c for c in verb.children if particle and c.lower_ == particle]  # "wipe X off"
    term = _Term(tokens=tokens, kind="exterminate")
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        # a people or a nation, not an armed force: "wipe out the rebels" is a military threat
        if _group_kind(obj, state, lex, strict=True) == "people" or _is_country(obj, state):
            return replace(term, group=obj, group_actor=_actor_arg(obj, state))
    return term


def _is_country(token: Token, state: DocState) -> bool:
    hit = state.actor_at(token)
    return hit is not None and hit[0].kind == "country"


def _applied_to(label: Token, lex: InflammatoryLexicon, state: DocState) -> Token | None:
    """The group a label is given to: the subject it is predicated of ("X are animals"), the
    object of "called X animals" / "referred to X as animals", or an apposition."""
    head, dep = label.head, label.dep_
    found = None
    if dep in ("attr", "acomp") and head.lemma_.lower() in COPULAS:
        found = _first(head, ("nsubj", "nsubjpass"))
    elif dep == "pobj" and head.lower_ == "as":
        verb = head.head
        found = _first(verb, ("dobj", "nsubjpass")) or next(
            (p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
             for p in c.children if p.dep_ == "pobj"), None)
    elif dep in ("oprd", "xcomp", "ccomp", "dobj") and head.lemma_.lower() in LABEL_VERBS:
        found = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.i != label.i), None)
    elif dep == "appos":
        found = head
    # "called the Roma minority 'parasites'" may parse the group as the label's nmod
    return found or next((c for c in label.children if c.dep_ in ("appos", "amod", "compound", "nmod")
                          and _group_kind(c, state, lex) in ("people", "actor")), None)


def _first(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _group_kind(token: Token, state: DocState, lex: InflammatoryLexicon | None,
                strict: bool = False) -> str | None:
    """people (a nationality, a people noun, a group actor), actor (a state or an organisation),
    pronoun (they, them, these, those) or None. ``strict``: a common-noun group ("rebels",
    "soldiers") is no people unless it is a people noun."""
    if token.ent_type_ == "NORP" or (lex is not None and token.lemma_.lower() in lex.group_nouns):
        return "people"
    hit = state.actor_at(token)
    if hit is not None:
        if hit[0].kind == "group" and strict and hit[0].key.startswith("group:"):
            return None
        return None if hit[0].kind == "person" else "people" if hit[0].kind == "group" else "actor"
    if token.lower_ in PLURAL_PRONOUNS:
        return "pronoun"
    return None


def _intensifiers(label: Token, lex: InflammatoryLexicon) -> list[Token]:
    return [c for c in label.children if c.dep_ == "amod" and c.lower_ in lex.intensifiers]


def _intensified(label: Token, lex: InflammatoryLexicon) -> bool:
    """"the biggest enemy", "enemies of all Muslims", "enemy of humanity"."""
    if _intensifiers(label, lex):
        return True
    return any(t.lower_ in lex.intensifiers or t.lemma_.lower() in lex.intensifiers
               for c in label.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree)


def _actor_arg(token: Token, state: DocState) -> Argument | None:
    found = actors_at(token, state, "inflammatory")
    return found[0] if found else None


# ---------------------------------------------------------------------------- helpers

def _cue_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.cue is None:
        return None
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _text_span(tokens: list[Token]) -> TextSpan:
    start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
    return TextSpan(start=start, end=end, text=doc_text(tokens[0].doc)[start:end])


def _words(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


__all__ = ["StatementCoder", "load_statements", "load_inflammatory", "best_phrase",
           "inflammatory_terms", "statement_target"]


def _narrator(speaker: ActorRef | None) -> bool:
    """A first-person speaker outside any quote is the article's writer, no actor."""
    return speaker is not None and speaker.text.lower() in ("i", "me")
