"""Event rules as data: vetoes and retypes read from ``data/event_rules.yaml``.

A rule names the trigger it applies to, a pattern around it in spaCy's DependencyMatcher
syntax (the trigger is the node ``trigger``; ``LEMMA`` compares the lower-cased lemma),
optional ``unless`` patterns that cancel it, optional conditions on the arguments found
(``roles``) or a named check registered in Python (``checks.py``), and an action. Rules are
validated by spaCy's DependencyMatcher when they load, then evaluated at each candidate
trigger only (anchored), which costs far less than matching every token of every document.

Stages: ``trigger`` rules remove lexicon candidates before arguments are sought;
``event`` rules run, in file order, once sources and targets are known; ``emit`` rules drop
finished events. Any rule can be switched off by id (``Settings.disabled_rules``).
"""
from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from ..errors import ConfigError, Errors
from ..lang import word_class
from ..lexicon import Trigger
from ..model import PLOVER_TYPES, Event
from ..nlp.state import DocState
from .checks import CHECKS, RuleContext

STAGES = ("trigger", "event", "emit")
ACTIONS = ("veto", "retype")
TOKEN_ATTRS = {"DEP": "dep_", "POS": "pos_", "TAG": "tag_", "LOWER": "lower_", "ORTH": "text",
               "TEXT": "text", "ENT_TYPE": "ent_type_", "LIKE_NUM": "like_num", "IS_QUOTE": "is_quote"}
ENTRY_KEYS = {"lemma", "pos", "type", "cameo", "object", "object_has"}
EMIT_ENTRY_KEYS = {"type", "mode"}
"""What an emit rule may ask of the finished event (after event rules retyped it)."""
EMIT_IGNORES = {"trigger", "match", "unless", "check"}
"""Token patterns and checks: an emit rule sees the finished event, not the parse."""
RETYPE_KEYS = {"type", "cameo", "mode", "context"}

Predicate = Callable[[Any], bool]


Test = tuple[Callable[[Token], Any], Predicate]
"""How to read one attribute of a token, and what its value must satisfy."""


@dataclass(frozen=True)
class Node:
    """One pattern node: a token related by ``op`` to the already bound node ``left``."""

    name: str
    left: str
    op: str
    attrs: tuple[Test, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    action: str
    about: str = ""
    token: tuple[Test, ...] = ()
    entry: tuple[tuple[str, Predicate], ...] = ()
    match: tuple[Node, ...] = ()
    unless: tuple[tuple[Node, ...], ...] = ()
    roles: tuple[tuple[str, bool], ...] = ()
    check: str | None = None
    retype: tuple[tuple[str, Any], ...] = ()
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pattern: tuple[dict[str, Any], ...] = ()
    """The full DependencyMatcher pattern (anchor first), kept for validation and docs."""
    unless_patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    """Each ``unless`` pattern as written (word classes expanded), for validation."""
    entry_spec: dict[str, Any] = field(default_factory=dict)

    @property
    def pure(self) -> bool:
        """A pattern rule: nothing in it is Python."""
        return self.check is None

    def applies(self, token: Token, trigger: Trigger | None, ctx: RuleContext) -> bool:
        # cheapest first: the token's own attributes, the entry, the roles, then patterns
        for read, test in self.token:
            if not test(read(token)):
                return False
        if trigger is not None:
            for key, test in self.entry:
                if not test(_entry_value(trigger, key)):
                    return False
        for side, present in self.roles:
            if bool(getattr(ctx, side)) is not present:
                return False
        if self.match and not _matches(token, self.match):
            return False
        for nodes in self.unless:
            if _matches(token, nodes):
                return False
        return self.check is None or CHECKS[self.check](ctx)

    def requires(self, key: str) -> frozenset[str] | None:
        """The values the trigger token's LEMMA or POS must have, or the entry's ``lemma``
        (key ``entry.lemma``), when the rule names them: rules are indexed by them."""
        if key == "entry.lemma":
            return _values(self.entry_spec.get("lemma"), lower=True)
        return _values(self.pattern[0]["RIGHT_ATTRS"].get(key), lower=key == "LEMMA")

    def apply(self, trigger: Trigger) -> Trigger:
        """The retyped entry (a veto is the caller's business)."""
        return replace(trigger, **dict(self.retype))


class RuleBook:
    """The rules of one file, minus those switched off, indexed by stage."""

    def __init__(self, rules: Iterable[Rule], disabled: Iterable[str] = ()) -> None:
        self.all = tuple(rules)
        off = set(disabled)
        unknown = off - {r.id for r in self.all}
        if unknown:
            raise ConfigError(Errors.E014, path="disabled rules",
                              detail=f"no rule with id {', '.join(sorted(unknown))}")
        active = [r for r in self.all if r.id not in off]
        self.by_stage = {s: tuple(r for r in active if r.stage == s) for s in STAGES}
        # Token-level trigger rules (no entry filter) veto every candidate at once.
        self.token_vetoes = tuple(r for r in self.by_stage["trigger"] if not r.entry)
        self.entry_vetoes = tuple(r for r in self.by_stage["trigger"] if r.entry)
        # Rules are tried only where the lemma and part of speech they name can match.
        self._token_index = _Index(self.token_vetoes, ("LEMMA", "POS"))
        self._event_index = _Index(self.by_stage["event"], ("entry.lemma",))

    def vetoed(self, token: Token, ctx: RuleContext) -> list[str]:
        """The ids of the trigger rules that make the token no trigger at all (all of them,
        so that each rule's hits can be counted)."""
        rules = self._token_index.get((token.lemma_.lower(), token.pos_))
        return [r.id for r in rules if r.applies(token, None, ctx)]

    def vetoing(self, token: Token, trigger: Trigger, ctx: RuleContext) -> str | None:
        """The id of a trigger rule that removes this lexicon entry for the token, if any."""
        return next((r.id for r in self.entry_vetoes if r.applies(token, trigger, ctx)), None)

    def on_arguments(self, token: Token, trigger: Trigger, ctx: RuleContext) -> Trigger | None:
        """Event rules in file order: None when one vetoes, else the (re)typed entry."""
        ctx = replace(ctx, trigger=trigger) if ctx.trigger is not trigger else ctx
        for rule in self._event_index.get((trigger.lemma,)):
            if rule.applies(token, trigger, ctx):
                ctx.state.rule_hits.append((token.i, rule.id))
                if rule.action == "veto":
                    return None
                trigger = rule.apply(trigger)
                ctx = replace(ctx, trigger=trigger)
        return trigger

    def emits(self, event: Event, token: Token, state: DocState) -> bool:
        """Does a finished event survive the emit rules (conditions on its two sides and its
        type)?"""
        sides = {"sources": event.source is not None, "targets": event.target is not None}
        for rule in self.by_stage["emit"]:
            if all(sides[side] is present for side, present in rule.roles) and all(
                    test(getattr(event, key)) for key, test in rule.entry):
                state.rule_hits.append((token.i, rule.id))
                return False
        return True


class _Index:
    """Rules by the values of some keys they require, keeping file order; a rule that does
    not name a key's values is tried for every value."""

    def __init__(self, rules: tuple[Rule, ...], keys: tuple[str, ...]) -> None:
        self.rules, self.keys = rules, keys
        self.required = [[r.requires(k) for k in keys] for r in rules]
        self.cache: dict[tuple[str, ...], tuple[Rule, ...]] = {}

    def get(self, values: tuple[str, ...]) -> tuple[Rule, ...]:
        found = self.cache.get(values)
        if found is None:
            found = self.cache[values] = tuple(
                r for r, need in zip(self.rules, self.required)
                if all(n is None or v in n for n, v in zip(need, values)))
        return found


def _values(spec: Any, *, lower: bool) -> frozenset[str] | None:
    norm = (lambda v: str(v).lower()) if lower else str
    if isinstance(spec, str):
        return frozenset({norm(spec)})
    if isinstance(spec, list):
        return frozenset(norm(v) for v in spec)
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(norm(v) for v in spec["IN"])
    return None


# ------------------------------------------------------------------ loading

def default_rules_path() -> Path:
    return Path(str(resources.files("dotterel") / "data" / "event_rules.yaml"))


@functools.lru_cache(maxsize=8)
def load_rules(path: str | None = None, disabled: tuple[str, ...] = ()) -> RuleBook:
    source = Path(path) if path else default_rules_path()
    try:
        records = yaml.safe_load(source.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E014, path=str(source), detail=exc) from exc
    rules = [compile_rule(r, str(source)) for r in records]
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ConfigError(Errors.E014, path=str(source), detail=f"rule ids used twice: {twice}")
    _validate_with_spacy(rules, str(source))
    return RuleBook(rules, disabled)


def compile_rule(record: dict[str, Any], origin: str) -> Rule:
    rid = record.get("id") if isinstance(record, dict) else None
    try:
        if not rid:
            raise ValueError("every rule needs an 'id'")
        stage, action = record.get("stage", "trigger"), record.get("action", "veto")
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}")
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}")
        check = record.get("check")
        if check is not None and check not in CHECKS:
            raise ValueError(f"unknown check '{check}'; known: {', '.join(sorted(CHECKS))}")
        entry = record.get("entry") or {}
        if set(entry) - ENTRY_KEYS:
            raise ValueError(f"entry keys must be among {sorted(ENTRY_KEYS)}")
        retype = record.get("retype") or {}
        if (action == "retype") != bool(retype) or set(retype) - RETYPE_KEYS:
            raise ValueError(f"a retype action needs 'retype' with keys among {sorted(RETYPE_KEYS)}")
        if retype.get("type") is not None and retype["type"] not in PLOVER_TYPES:
            raise ValueError(f"retype type '{retype['type']}' is not a PLOVER type")
        roles = record.get("roles") or {}
        if set(roles) - {"sources", "targets"} or not all(isinstance(v, bool) for v in roles.values()):
            raise ValueError("roles maps 'sources'/'targets' to true (some found) or false (none)")
        if roles and stage == "trigger":
            raise ValueError("roles are known only at the event and emit stages")
        if stage == "emit" and set(entry) - EMIT_ENTRY_KEYS:
            raise ValueError(f"an emit rule's entry keys must be among {sorted(EMIT_ENTRY_KEYS)} "
                             "(of the finished event)")
        # a field the stage never reads would be accepted and silently ignored
        if stage == "emit" and (set(record) & EMIT_IGNORES or action != "veto"):
            raise ValueError("an emit rule reads only 'roles' and 'entry' of the finished event and "
                             f"drops it: no {', '.join(sorted(EMIT_IGNORES))} or retype (write an "
                             "'event' rule for those)")
        if stage == "trigger" and action == "retype":
            raise ValueError("a trigger rule only vetoes; retype at the 'event' stage")
        examples = record.get("examples") or {}
        if not examples.get("fires"):
            raise ValueError("every rule needs examples: fires (and usually silent)")
        anchor = _expand({"RIGHT_ID": "trigger", "RIGHT_ATTRS": record.get("trigger") or {}})
        match = [_expand(n) for n in record.get("match") or ()]
        unless = [tuple(_expand(n) for n in pattern) for pattern in record.get("unless") or ()]
        entry = _resolve(entry)
        return Rule(
            id=str(rid), stage=stage, action=action, about=" ".join(str(record.get("about", "")).split()),
            token=_attrs(anchor["RIGHT_ATTRS"]),
            entry=tuple((k, _predicate(v, lower=k != "type" and k != "pos", sets=True)) for k, v in entry.items()),
            match=_nodes(match), unless=tuple(_nodes(list(p)) for p in unless),
            roles=tuple(roles.items()), check=check,
            retype=tuple((k, tuple(v) if k == "context" else v) for k, v in retype.items()),
            examples={k: tuple(v) for k, v in examples.items()},
            pattern=(anchor, *match), unless_patterns=tuple(unless), entry_spec=entry)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ConfigError(Errors.E014, path=origin, detail=f"rule '{rid}': {exc}") from exc


def _resolve(value: Any) -> Any:
    """``$name`` (alone, or as an item of a list) stands for a word class."""
    if isinstance(value, str) and value.startswith("$"):
        return sorted(word_class(value[1:]))
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            out.extend(_resolve(item) if isinstance(item, str) and item.startswith("$") else [item])
        return out
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    return value


def _expand(node: dict[str, Any]) -> dict[str, Any]:
    return {**node, "RIGHT_ATTRS": _resolve(node.get("RIGHT_ATTRS") or {})}


def _nodes(pattern: list[dict[str, Any]]) -> tuple[Node, ...]:
    bound = {"trigger"}
    nodes = []
    for spec in pattern:
        left, name, op = spec["LEFT_ID"], spec["RIGHT_ID"], spec["REL_OP"]
        if left not in bound or op not in RELATIONS:
            raise ValueError(f"node '{name}': LEFT_ID must name an earlier node and REL_OP be one of "
                             f"{sorted(RELATIONS)}")
        bound.add(name)
        nodes.append(Node(name, left, op, _attrs(spec["RIGHT_ATTRS"])))
    return tuple(nodes)


def _attrs(spec: dict[str, Any]) -> tuple[Test, ...]:
    out = []
    for key, value in spec.items():
        if key == "_":
            for name, v in value.items():
                if name not in EXTENSIONS:
                    raise ValueError(f"extension attribute '{name}' is not supported; known: {sorted(EXTENSIONS)}")
                out.append((EXTENSIONS[name], _predicate(v, lower=False)))
        elif key in READERS:
            out.append((READERS[key], _predicate(value, lower=key in ("LEMMA", "LOWER"))))
        else:
            raise ValueError(f"attribute '{key}' is not supported")
    return tuple(out)


def _predicate(value: Any, *, lower: bool, sets: bool = False) -> Predicate:
    """A test of one attribute value. With ``sets``, the value may be a set of words (an
    entry's objects), which is "in" a list when any of its words is."""
    norm = (lambda v: v.lower() if isinstance(v, str) else v) if lower else (lambda v: v)
    if not isinstance(value, dict):
        if isinstance(value, list):  # a bare list means IN
            value = {"IN": value}
        else:
            wanted = norm(value)
            return lambda v: v == wanted
    tests: list[Predicate] = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN"):
            members = frozenset(norm(a) for a in arg)
            if sets:
                tests.append((lambda v, m=members: _any_in(v, m)) if op == "IN"
                             else (lambda v, m=members: not _any_in(v, m)))
            else:  # the hot path: a token attribute against a word list
                tests.append(members.__contains__ if op == "IN" else (lambda v, m=members: v not in m))
        elif op in COMPARE:
            tests.append(lambda v, f=COMPARE[op], a=arg: f(v, a))
        else:
            raise ValueError(f"predicate '{op}' is not supported")
    if len(tests) == 1:
        return tests[0]
    return lambda v: all(t(v) for t in tests)


def _any_in(value: Any, members: frozenset[Any]) -> bool:
    if isinstance(value, frozenset):
        return not value.isdisjoint(members)
    return value in members


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda v, a: v == a, "!=": lambda v, a: v != a, ">=": lambda v, a: v >= a,
    "<=": lambda v, a: v <= a, ">": lambda v, a: v > a, "<": lambda v, a: v < a}


# ------------------------------------------------------------------ matching

READERS: dict[str, Callable[[Token], Any]] = {
    **{key: operator.attrgetter(name) for key, name in TOKEN_ATTRS.items()},
    "LEMMA": lambda t: t.lemma_.lower(), "LENGTH": lambda t: len(t.text)}
EXTENSIONS: dict[str, Callable[[Token], Any]] = {
    "actor": lambda t: t.i in t.doc._.dotterel.token_actor}
"""``_: {actor: true}``: the token is inside an actor's mention."""


def _entry_value(trigger: Trigger, key: str) -> Any:
    if key == "object":
        return bool(trigger.object)
    if key == "object_has":
        return trigger.object
    return getattr(trigger, key)


RELATIONS: dict[str, Callable[[Token], Iterable[Token]]] = {
    ">": lambda t: t.children,
    "<": lambda t: [t.head] if t.head.i != t.i else [],
    ">>": lambda t: (d for d in t.subtree if d.i != t.i),
    "<<": lambda t: t.ancestors,
    ">++": lambda t: t.rights,
    ">--": lambda t: t.lefts,
    ".": lambda t: [t.doc[t.i + 1]] if t.i + 1 < t.sent.end else [],
    ";": lambda t: [t.doc[t.i - 1]] if t.i > t.sent.start else [],
    ".*": lambda t: t.doc[t.i + 1:t.sent.end],
    ";*": lambda t: t.doc[t.sent.start:t.i],
}
"""DependencyMatcher operators the anchored matcher knows; ``.``/``;`` stay in the sentence."""


def _matches(anchor: Token, nodes: tuple[Node, ...]) -> bool:
    return _bind(nodes, 0, {"trigger": anchor})


def _bind(nodes: tuple[Node, ...], i: int, bound: dict[str, Token]) -> bool:
    """Can nodes[i:] be bound, given the nodes bound so far? (backtracking)"""
    if i == len(nodes):
        return True
    node = nodes[i]
    for candidate in RELATIONS[node.op](bound[node.left]):
        for read, test in node.attrs:
            if not test(read(candidate)):
                break
        else:
            bound[node.name] = candidate
            if _bind(nodes, i + 1, bound):
                return True
    bound.pop(node.name, None)
    return False


def _validate_with_spacy(rules: list[Rule], origin: str) -> None:
    """Each rule's pattern must be one spaCy's DependencyMatcher accepts as written."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    if not Token.has_extension("actor"):
        Token.set_extension("actor", getter=lambda t: t.i in t.doc._.dotterel.token_actor)
    matcher = DependencyMatcher(Vocab(), validate=True)
    for rule in rules:
        patterns = [list(rule.pattern)] + [[rule.pattern[0], *unless] for unless in rule.unless_patterns]
        try:
            matcher.add(rule.id, patterns)
        except (ValueError, KeyError) as exc:
            raise ConfigError(Errors.E014, path=origin, detail=f"rule '{rule.id}': {exc}") from exc


__all__ = ["Rule", "RuleBook", "RuleContext", "load_rules", "compile_rule"]
