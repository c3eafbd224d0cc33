"""One incident told twice in a sentence becomes one event."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..lexicon import Trigger
from ..model import ActorRef, Event
from .syntax import refused_acts, rules_out
from .words import (
    BLAMING_WORDS,
    INCIDENTS,
    MEANS_PREPS,
    REFUSING,
    UNSPECIFIED_FORCE_CODES,
    VIOLENT,
)


def lend_means(doc: Doc, matched: dict[int, Trigger]) -> dict[int, Trigger]:
    """"A suicide bombing killed 30", "was killed in a car bombing", "attacked using
    artillery": the verb tells the harm, the noun beside it the means, and the CAMEO code
    is chosen by the means (1831, 1832, 194). A verb whose entry says only that force was
    used takes the code of a violent noun entry in its subject or means phrase; the noun
    entries of the lexicon are the list of means."""
    lent = dict(matched)
    for i, trigger in matched.items():
        if trigger.type != "ASSAULT" or trigger.cameo not in UNSPECIFIED_FORCE_CODES or doc[i].pos_ != "VERB":
            continue
        for noun in _means_nouns(doc[i]):
            means = matched.get(noun.i)
            if means is not None and means.type == "ASSAULT" and means.cameo not in UNSPECIFIED_FORCE_CODES:
                lent[i] = replace(trigger, cameo=means.cameo, mode=means.mode, context=means.context)
                break
    return lent


def _means_nouns(verb: Token) -> list[Token]:
    """The subject, and the objects of "with", "by", "in" and "using", where the means is told
    (a gerund too: "killed by shelling" is parsed as the verb "shell")."""
    nouns = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in MEANS_PREPS:
            nouns += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        elif child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() == "use":
            nouns += [c for c in child.children if c.dep_ == "dobj"]
        if child.dep_ == "agent":  # "was attacked by fighters using car bombs"
            nouns += [d for p in child.children if p.dep_ == "pobj" for u in p.children
                      if u.dep_ == "acl" and u.lemma_.lower() == "use" for d in u.children if d.dep_ == "dobj"]
    return nouns


def fold_settings_and_means(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"met Xi at the G20 summit": the summit is the meeting itself; "was killed in a raid by
    U.S. forces": the raid is the killing. The noun's events fold into the verb's."""
    for i in list(by_token):
        token = doc[i]
        if token.dep_ == "appos" and token.head.dep_ == "pobj":
            token = token.head  # "held talks at the village of Panmunjom, the first summit ..."
            while token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
                token = token.head.head
        host = token.head.head
        if host.i not in by_token and host.dep_ == "dobj" and token.head.lower_ in ("at", "during"):
            host = host.head  # "meet Xi at the G20 summit", the parser hanging "at" on Xi
        mains = by_token.get(host.i) if token.dep_ == "pobj" else None
        if not by_token[i] or not mains or host.i == i:
            continue
        prep = token.head.lower_
        # a meeting where something else was done is the setting, not another event:
        # "would meet Xi at the G20 summit", "admitted the AU as a member at its summit"
        setting = prep in ("at", "during") and all(e.type == "CONSULT" for e in by_token[i]) and \
            doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() not in ("visit", "trip", "tour") and \
            not all(e.source and e.target for e in by_token[i])  # "agreed at their first meeting": a summit of two
        means = prep in ("in", "by", "during") and any("source via means" in e.explanation for e in mains)
        if setting or means:
            by_token[i] = []
        elif prep in ("in", "by") and all(e.type == "ASSAULT" for e in mains + by_token[i]) and \
                all((e.source is None or "source blamed" in e.explanation) and e.target is not None for e in mains):
            # one incident told twice, its victims in the verb: "the killing of seven aid
            # workers in an Israeli air strike" takes the author (and how sure the report is of
            # it) from the noun; "soldiers were killed in a drone attack on a base in Jordan",
            # where the noun has no author either, adds only where
            means = next((e for e in by_token[i] if e.source is not None), None)
            if means is not None:
                by_token[host.i] = [replace(e, source=means.source, hedged=e.hedged or means.hedged,
                                            explanation=e.explanation + f"; source from '{token.text}'")
                                    for e in mains]
            if means is not None or prep == "in":
                by_token[i] = []


def fold_consequences(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"Gunmen attacked two mosques, shooting dead 49 worshippers": the participle tells what
    the attack did, one incident. Its event is folded into the attack's, lending its victims
    where the attack has no target."""
    for i in list(by_token):
        token, head = doc[i], _participle_host(doc[i])
        if head is None or token.tag_ != "VBG" or any(c.dep_ in ("mark", "nsubj") for c in token.children):
            continue
        mains = by_token.get(head.i) or []
        own = by_token[i]
        if not own or not mains or not all(e.type in VIOLENT for e in own + mains):
            continue
        victim = next((e.target for e in own if e.target is not None), None)
        by_token[head.i] = [_with_victim(e, victim, token.text) for e in mains]
        by_token[i] = []


def _participle_host(token: Token) -> Token | None:
    """The verb a participle tells more of: its own head ("attacked the base, killing ..."),
    or the passive verb whose agent it describes ("was attacked by fighters using car bombs")."""
    if token.dep_ == "advcl":
        return token.head
    if token.dep_ == "acl" and token.head.dep_ == "pobj" and token.head.head.dep_ == "agent":
        return token.head.head.head
    return None


def fold_blame(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"was killed in a strike that the group blamed on Israel", "soldiers were killed in a
    drone attack, and Biden blamed Iran-backed groups": an attack told without its author
    is credited to whoever the same sentence blames for it, flagged hedged since only the
    accuser says so."""
    blamed = [e.target for i, events in by_token.items() if doc[i].lemma_.lower() in BLAMING_WORDS
              for e in events if e.type == "ACCUSE" and e.target is not None and not e.negated]
    if len(blamed) != 1:
        return  # nobody, or several accused: which attack is whose is not said
    author = blamed[0]
    for i, events in by_token.items():
        by_token[i] = [replace(e, source=author, hedged=True,
                               explanation=e.explanation + f"; source blamed: {author.name}")
                       if e.type == "ASSAULT" and e.source is None and e.target is not None
                       and e.target.actor != author.actor else e for e in events]


def fold_claims(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"A suicide bombing killed scores of Afghans, and Islamic State said it had carried out
    the attack": "the attack" is the bombing told before without its author. The author who
    claims it is credited, flagged hedged (their word), and the claim is not a second attack."""
    for i in sorted(by_token):
        claims = [e for e in by_token[i] if e.type == "ASSAULT" and e.source is not None and e.target is None]
        if not claims or not _refers_back(doc[i]):
            continue
        earlier = [j for j in by_token if j < i and any(
            e.type == "ASSAULT" and e.source is None and e.target is not None for e in by_token[j])]
        if not earlier:
            continue
        author = claims[0].source
        for j in earlier:
            by_token[j] = [replace(e, source=author, hedged=True, explanation=e.explanation +
                                   f"; source claimed in '{doc[i].text}': {author.name}")
                           if e.type == "ASSAULT" and e.source is None else e for e in by_token[j]]
        by_token[i] = [e for e in by_token[i] if e not in claims]


def fold_refused(doc: Doc, by_token: dict[int, list[Event]]) -> None:
    """"Iran refused to hold direct talks with the United States": one refusal (REJECT 120),
    whose content is what was refused; the talks are not coded beside it as a negated act
    (the real-news readers, the constructions set and the PLOVER records code the refusal
    alone)."""
    for i in sorted(by_token):
        verb = doc[i]
        if not any(e.type == "REJECT" for e in by_token[i]) or not (
                verb.lemma_.lower() in REFUSING or rules_out(verb)):
            continue
        for act in refused_acts(verb):
            if act.i in by_token:
                by_token[act.i] = []


def _refers_back(verb: Token) -> bool:
    """"carried out the attack", "was behind the bombing": an attack named as one already told."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INCIDENTS and any(d.lower_ in ("the", "this", "that") for d in c.children)
        for c in verb.children)


def _with_victim(event: Event, victim: ActorRef | None, participle: str) -> Event:
    guessed = "target via ~located" in event.explanation or "target via ~in:" in event.explanation
    if victim is None or (event.target is not None and not guessed):
        return event
    return replace(event, target=victim, explanation=event.explanation + f"; target from '{participle}'")


def drop_subsumed(events: list[Event]) -> list[Event]:
    """One incident told twice in a sentence ("killed 84 people in attacks by IS gunmen"):
    an event missing a side is dropped when another event of its type and modality has
    that side and agrees on the other one."""
    def covers(full: Event, part: Event) -> bool:
        if full is part or full.type != part.type or (full.negated, full.hypothetical, full.future) != (
                part.negated, part.hypothetical, part.future):
            return False
        def same(a: ActorRef | None, b: ActorRef | None) -> bool:
            # "accused Russian troops ..., allegations that Moscow dismissed": the same country
            return a is not None and b is not None and (a.actor == b.actor or (
                a.country is not None and a.country == b.country and a.country in (a.actor, b.actor)))
        if part.target is None and full.target is not None:
            return same(full.source, part.source)
        if part.source is None and full.source is not None:
            return same(full.target, part.target)
        return False
    kept = [e for e in events if not any(covers(o, e) for o in events)]
    # "held joint drills, a show of their military cooperation": the same pair, said twice
    seen: set[tuple[object, ...]] = set()
    unique = []
    for e in kept:
        key = (e.type, e.source and e.source.actor, e.target and e.target.actor,
               e.negated, e.hypothetical, e.future)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique
