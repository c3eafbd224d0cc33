"""Who is acted on: objects, prepositional phrases and fallbacks."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Trigger
from ..nlp.locative import ATTACK_NOUNS, LOCATIVE, PLACE_NOUNS
from ..nlp.state import DocState
from .arguments import Argument, location_country, place_country
from .sources import (
    actors_at,
    attacked_name,
    find_sources,
    noun_means,
    noun_sources,
    own_author,
    same_event_noun,
    stray_agent,
    targets_in,
)
from .syntax import (
    for_objects,
    infinitive_relative,
    modifier_actor,
    object_nouns,
    shared_passive,
    to_ones_aid,
)
from .words import (
    ABSORBERS,
    ASKED_FOR,
    ASKING,
    BACKING,
    CONDITIONAL_MARKS,
    FALLBACK_PREPS,
    IRREALIS,
    LIGHT_VERBS,
    LOCATED_TYPES,
    NOUN_FALLBACK_PREPS,
    ORIGIN_FROM_TYPES,
    OWN,
    PLACE_TARGET_TYPES,
    PURPOSES,
    REACTION_PREPS,
    REACTION_VERBS,
    REFERENT_NOUNS,
    RELATIVES,
    RESPONSE_VERBS,
    SIGNALS,
    STATIVE_PASSIVES,
    TAKING,
    TOPIC_ON_TYPES,
    UNDERGOING,
    VERBAL_TYPES,
    VERDICTS,
    VICTIM_SECTORS,
    VIOLENT,
)


def find_targets(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    where = trigger.target or (("dobj",) if trigger.pos == "VERB" else ("on", "against", "of"))
    if trigger.type == "MOBILIZE":
        # "mobilized army reservists for a war against Iraq": what is mobilised is one's own.
        where = tuple(w for w in where if w != "dobj") or ("against", "to", "near", "for")
        # "massed troops near its border with Ukraine": the place may hang on the troops
        inside = [Argument(a.actor, a.span, "dobj>" + a.path) for c in token.children if c.dep_ == "dobj"
                  for a in targets_in(c, where, state)]
        return targets_in(token, where, state) or inside or _warned(token, state) or \
            _fallback_targets(token, trigger, state, skip=("dobj",))
    if to_ones_aid(token):
        return [Argument(a.actor, a.span, "to-aid>" + a.path) for c in token.children if c.dep_ == "poss"
                for a in actors_at(c, state, "poss")]
    if trigger.type in ("ACCUSE", "SUPPORT") and token.pos_ == "VERB" and not trigger.object:
        if found := _authors_of_object(token, state):
            return found
        if judged_act(token, state) is not None:
            return []  # "condemned the killing of the hostage": held against its unnamed author, not the victim
    if (shared := shared_passive(token)) is not None and (found := actors_at(shared, state, "conj<nsubjpass")):
        return found
    for child in token.children:
        if child.dep_ == "nsubjpass" and token.pos_ == "VERB" and token.lemma_.lower() not in STATIVE_PASSIVES \
                and not same_event_noun(child, token, state):  # "the Turkish offensive was launched": its author
            if child.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                return actors_at(token.head, state, "relcl<head")  # "Bout, who was released by"
            if trigger.type == "AID" and child.i not in state.token_actor:
                break  # "North Korean shells were shipped to Russia": what was sent, not to whom
            if found := actors_at(child, state, "nsubjpass"):
                return found
            if trigger.type in PLACE_TARGET_TYPES and (found := place_country(child, state, "nsubjpass-place")):
                return found  # "Kharkiv was shelled by Russian forces"
    if (backed := _backed(token, state)) and any(s.path.startswith("with-backing") for s in noun_sources(token, state)):
        return backed
    found = targets_in(token, where, state) or (
        _aimed_place(token, state, outward=trigger.mode == "release" or trigger.type in ORIGIN_FROM_TYPES,
                     struck=trigger.type in ("ASSAULT", "COERCE"))
        if trigger.type in PLACE_TARGET_TYPES else [])
    if found and trigger.type in ("AID", "AGREE") and all(a.path.startswith("dobj>") for a in found) and (
            recipients := targets_in(token, ("to",), state)):
        found = recipients  # "donate doses of the Pfizer vaccine to poorer countries"
    if not found and trigger.object:
        # "held their first meeting with Obama": the preposition hangs on the object noun.
        for obj in object_nouns(token, trigger.object):
            found = [Argument(a.actor, a.span, "object>" + a.path)
                     for a in targets_in(obj, [w for w in where if w != "dobj"], state)]
    if not found and token.pos_ == "VERB":
        # "reversed its decision to end a pact with Japan": whom the decided act concerns
        found = [Argument(a.actor, a.span, "dobj>acl>" + a.path) for obj in token.children
                 if obj.dep_ == "dobj" and obj.lemma_.lower() in REFERENT_NOUNS for clause in obj.children
                 if infinitive_relative(clause) for a in targets_in(clause, ("dobj", *FALLBACK_PREPS), state)]
    if found and all(a.actor.key.startswith("group:") and a.actor.sector not in VICTIM_SECTORS
                     for a in found) and token.pos_ == "VERB":
        # "massed troops near its border with Ukraine": an unnamed group in the object is
        # often the actor's own; a named actor elsewhere is the better target.
        better = [a for a in _fallback_targets(token, trigger, state, skip=("dobj",))
                  if not a.actor.key.startswith("group:")]
        return better or found
    if found:
        return found
    if token.pos_ != "VERB":
        if token.lemma_.lower() in IRREALIS and any(c.dep_ == "prep" and c.lower_ == "by"
                                                     for c in token.children):
            # "the plea for support from Pakistan by Haniyeh": asked of Pakistan.
            for content in for_objects(token):
                if found := targets_in(content, ("from",), state):
                    return found
        if found := targets_in(token, NOUN_FALLBACK_PREPS, state):
            return [Argument(a.actor, a.span, "~" + a.path) for a in found]
        for other in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"):
            # "resumed military aid and intelligence sharing with Kyiv": the phrase is shared
            if found := targets_in(other, ("with", "to", "for"), state):
                return [Argument(a.actor, a.span, "~conj>" + a.path) for a in found]
        if trigger.type in VERBAL_TYPES and (found := _clause_subject(token, state)):
            return found  # "its demand that Israel ease restrictions"
        if trigger.type in VERBAL_TYPES and token.dep_ == "dobj" and (found := _clause_subject(token.head, state)):
            return found  # "reiterated its demand today that Israel ease ...": the clause hangs on the verb
        if trigger.type in VIOLENT and (found := _massed_against(token, state)):
            return found
        if found := [Argument(hit[0], hit[1], "~compound") for c in token.children
                     if attacked_name(token, c, state) and (hit := modifier_actor(c, state))]:
            return found
        if trigger.type in ("ASSAULT", "COERCE") and (found := location_country(token, state, ("of",))):
            return found  # "its invasion of South Lebanon", "the siege of Mariupol"
        if trigger.mode == "visit" and (found := location_country(token, state, ("to", "in"))):
            return found  # "a surprise visit to Kyiv": the country visited
        if trigger.lemma == "request" and token.dep_ == "pobj" and token.head.lower_ == "at" and (
                verb := next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)) is not None:
            # "arrested in Canada at the request of the United States": asked of whoever acted
            return [Argument(a.actor, a.span, "~at-request<" + a.path)
                    for a in find_sources(verb, state) if a.path != "nearest"] or \
                location_country(verb, state)
        if trigger.type == "PROTEST" and (found := location_country(token, state, ("in", "across", "throughout"))):
            return found  # "rare street protests in Cairo": no one named, the country where
        if trigger.type == "PROTEST" and (found := _protest_aim(token, state)):
            return found
        if trigger.type in VIOLENT and token.dep_ == "pobj" and token.head.lower_ == "of" and \
                token.head.head.lemma_.lower() in ("accuse", "charge") and (found := [
                    Argument(a.actor, a.span, "~accuser<" + a.path) for a in find_sources(token.head.head, state)
                    if a.path != "nearest"]):
            return found  # "Saudi Arabia accused Iran of direct military aggression": against the accuser
        if token.dep_ == "dobj" and state.event_tokens.get(token.head.i) == "THREATEN" and (
                found := _fallback_targets(token.head, trigger, state, skip=("dobj",))):
            return found  # "threatening sanctions if it did not": aimed where the threat is
        return _asker(token, trigger, state) or _reactor(token, trigger, state) or _hit_in_relative(token, trigger, state)
    return _fallback_targets(token, trigger, state)


def _aimed_place(token: Token, state: DocState, *, outward: bool = False, struck: bool = False) -> list[Argument]:
    """A place the act is aimed at, where no actor is named there: its object ("shelled
    Kharkiv"), or what it is done on, into or out of ("strikes on Rafah", "pulled out of
    Khan Younis", "aid into Gaza"). ``outward``: what the act comes out of or from is no
    target ("freed from Saydnaya prison", "fired rockets from Gaza"). ``struck``: a blow is
    also aimed at what it hits "at" ("a suicide bombing at a police checkpoint in Mogadishu")."""
    # (not a blow that is the subject of its harm, nor one with an object: "a car bombing at a
    # checkpoint killed six soldiers", "killed six customers at a supermarket" name the victims)
    at = struck and not (token.dep_ == "nsubj" and token.head.i in state.event_tokens) and \
        not any(c.dep_ == "dobj" for c in token.children)
    preps = ("on", "into", "out", "from", "against") + (("at",) if at else ())
    for child in token.children:
        if child.dep_ == "dobj":
            if found := _place_or_its_name(child, state, "dobj-place"):
                return found
            if token.pos_ == "VERB" and (found := _aimed_place(child, state, outward=outward, struck=struck)):
                return found  # "carried out strikes on Rafah"
        if child.dep_ != "prep" or child.lower_ not in preps or \
                (outward and child.lower_ in ("out", "from")):  # "freed from Saydnaya prison": not its people
            continue
        prep = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), child) \
            if child.lower_ == "out" else child
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "at" a place is where the blow fell ("a drone strike at Baghdad airport killed
            # Soleimani"); "at" a thing the place locates is what it hit
            if found := _place_or_its_name(pobj, state, f"prep:{child.lower_}-place", direct=child.lower_ != "at"):
                return found
    return []


def _place_or_its_name(token: Token, state: DocState, path: str, direct: bool = True) -> list[Argument]:
    """A place, or a place noun naming one ("the southern Gaza city of Khan Younis"), or the
    place that locates what the act hits ("a hardware store in Kharkiv", "military sites near
    Tehran"): the strike is aimed at that place's people or state. ``direct``: the token may
    be a place itself (else only a thing a place locates counts)."""
    if direct and (found := place_country(token, state, path)):
        return found
    named = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if token.lemma_.lower() in PLACE_NOUNS:
        if not direct:
            return []
        # "the southern Gaza city of Khan Younis", "the Lviv region"
        for name in named or [c for c in token.children if c.dep_ == "compound"]:
            if found := place_country(name, state, path):
                return found
        return []
    if token.pos_ != "NOUN" or state.actor_at(token) is not None or token.i in state.event_tokens \
            or token.lemma_.lower() in ATTACK_NOUNS:
        return []  # "air strikes against IS in Sirte": where an act happened is no target
    if any(c.dep_ in ("compound", "amod", "poss", "nmod") and state.actor_at(c) is not None for c in token.children):
        return []  # "Pakistani Taliban hideouts in Afghanistan": whose they are says who is hit
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in LOCATIVE):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if found := _place_or_its_name(pobj, state, f"{path}>{prep.lower_}"):
                return found
    return []


def _massed_against(noun: Token, state: DocState) -> list[Argument]:
    """"massed troops near its border with Ukraine and could be planning an offensive": an
    attack planned beside a build-up is aimed where the forces were massed."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.dep_ != "conj" or state.event_tokens.get(verb.head.i) != "MOBILIZE":
        return []
    build_up = Trigger(lemma=verb.head.lemma_.lower(), pos="VERB", cameo="150", type="MOBILIZE")
    return [Argument(a.actor, a.span, "~massed>" + a.path) for a in find_targets(verb.head, build_up, state)]


def _backed(token: Token, state: DocState) -> list[Argument]:
    """"declared himself president with the backing of Washington": the one backed."""
    if token.dep_ != "pobj" or token.head.lower_ != "with" or token.lemma_.lower() not in BACKING:
        return []
    verb = next((a for a in token.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    return [Argument(a.actor, a.span, "with<" + a.path) for a in find_sources(verb, state) if a.path != "nearest"]


def _warned(token: Token, state: DocState) -> list[Argument]:
    """"sending a carrier group to the Middle East as a clear warning to Iran": the one warned."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in SIGNALS):
            if found := targets_in(noun, ("to",), state):
                return [Argument(a.actor, a.span, "as-warning>" + a.path) for a in found]
    return []


def _fallback_targets(token: Token, trigger: Trigger, state: DocState,
                      skip: tuple[str, ...] = ()) -> list[Argument]:
    """No target where the lexicon said: try the other usual places, most direct first."""
    # "agreed to cooperate on Syria": for these types "on" names a topic, not a partner
    preps = [p for p in FALLBACK_PREPS if p != "on"] if trigger.type in TOPIC_ON_TYPES else list(FALLBACK_PREPS)
    if trigger.type in ORIGIN_FROM_TYPES:  # "launched from U.S. destroyers": where it came from
        preps = [p for p in preps if p != "from"]
    found = targets_in(token, [s for s in ("dative", "dobj", *preps) if s not in skip], state)
    if found:
        return [Argument(a.actor, a.span, "~" + a.path) for a in found]
    if trigger.type in VERBAL_TYPES and (found := _referent_author(token, state)):
        return found
    if found := _taker(token, state):
        return found
    for child in token.children:
        if child.dep_ == "ccomp" and trigger.type in VERBAL_TYPES:
            # "demanded that the US cancel ...": the one asked is the clause's subject.
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (found := actors_at(subj, state, "~ccomp>nsubj")):
                return found
        if child.dep_ == "xcomp" and token.lemma_.lower() in ABSORBERS:
            found = targets_in(child, ("dobj", "dative", *preps), state)
            if found and all(a.path.startswith("dobj>") for a in found):
                found = targets_in(child, ("to",), state) or found  # the recipient, not the maker
            if found:
                return [Argument(a.actor, a.span, "~xcomp>" + a.path) for a in found]
    if trigger.type in ("THREATEN", "SANCTION", "ASSAULT", "COERCE"):
        # "threatened to stop talks if the United States goes ahead", "would impose penalties
        # if Russian forces invaded": the one threatened is who must meet the condition.
        for clause in [token, *(c for c in token.children if c.dep_ == "xcomp")]:
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in child.children):
                    subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if subj is not None and (found := actors_at(subj, state, "~if>nsubj")):
                        return found
    if trigger.type == "THREATEN":
        # "threatened to institute a curfew in Algiers": the place of what is threatened
        for clause in (c for c in token.children if c.dep_ == "xcomp"):
            if found := location_country(clause, state):
                return found
    if trigger.type == "REJECT" and (found := _pressure_from(token, state)):
        return found
    if trigger.type == "PROTEST" and (found := _protest_aim(token, state)):
        return found
    if trigger.type in ("ASSAULT", "COERCE", "MOBILIZE"):
        # "opened fire to disperse demonstrators": the purpose names who was fired on;
        # "deployed troops to crush the militia": whom the deployment is aimed at (not whom
        # it protects: the purpose must be a blow or coercion).
        for child in token.children:
            if child.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) \
                    and (trigger.type != "MOBILIZE" or state.event_tokens.get(child.i) in ("ASSAULT", "COERCE")):
                if found := targets_in(child, ("dobj",), state):
                    return [Argument(a.actor, a.span, "~purpose>" + a.path) for a in found]
    if found := _asker(token, trigger, state):
        return found
    if not any(c.dep_ == "dobj" for c in token.children):
        # "ships blocked and fired water cannon at a Philippine boat": one object for both verbs
        for conj in (c for c in token.children if c.dep_ == "conj" and c.i in state.event_tokens
                     and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)):
            if found := targets_in(conj, ("dobj", *FALLBACK_PREPS), state):
                return [Argument(a.actor, a.span, "~conj>" + a.path) for a in found]
    if trigger.type in LOCATED_TYPES:
        # "rioted at a jail in northern Israel": with no one else named, the country where
        # it happens.
        return location_country(token, state)
    if trigger.mode == "visit":
        return location_country(token, state, ("to", "in"))  # "travelled to Kyiv"
    return []


def _taker(token: Token, state: DocState) -> list[Argument]:
    """"rejected the terms offered by its creditors", "accepted conditions demanded by euro
    zone leaders", "used drones supplied by Iran": offered to, asked of, or supplied to
    whoever takes up or turns down the thing."""
    obj = token.head
    if token.dep_ != "acl" or token.tag_ != "VBN" or obj.dep_ != "dobj" or not any(
            c.dep_ == "agent" for c in token.children) or obj.head.lemma_.lower() not in TAKING:
        return []
    return [Argument(a.actor, a.span, "~taker<" + a.path) for a in find_sources(obj.head, state)
            if a.path != "nearest"]


def _asker(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """"Kyiv asked Washington to supply missiles", "asked Russia to begin consultations":
    given to, or held with, whoever asked."""
    clause = token.head if token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS else token
    if trigger.type not in ASKED_FOR or clause.dep_ != "xcomp" or clause.head.lemma_.lower() not in ASKING:
        return []
    return [Argument(a.actor, a.span, "~asked-by<" + a.path) for a in find_sources(clause.head, state)
            if a.path != "nearest"]


def _protest_aim(token: Token, state: DocState) -> list[Argument]:
    """"staged demonstrations to demand the resignation of X", "began a hunger strike in
    protest of the government's refusal": whom the protest is aimed at."""
    clauses = [token] + ([token.head] if token.dep_ == "dobj" else [])
    for clause in clauses:
        for child in clause.children:
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PURPOSES:
                found = targets_in(child, ("dobj", "ccomp", *FALLBACK_PREPS), state) or \
                    _clause_subject(child, state)
                if found:
                    return [Argument(a.actor, a.span, "~purpose>" + a.path) for a in found]
            if child.dep_ == "prep" and child.lower_ == "in":
                protest = next((c for c in child.children if c.dep_ == "pobj"
                                and c.lemma_.lower() in ("protest", "support", "solidarity")), None)
                if protest is not None and (found := targets_in(protest, ("of", "against", "at", "over", "with"), state)):
                    return [Argument(a.actor, a.span, "~in-protest>" + a.path) for a in found]
    return []


def judged_act(token: Token, state: DocState) -> Token | None:
    """The act a verdict verb passes judgement on ("condemned the killing", "welcomed the
    release"): an event noun as its object. "Signed a deal" does the act: no verdict."""
    if token.lemma_.lower() not in VERDICTS:
        return None
    return next((a for a in _judged_acts(token, state) if a.dep_ in ("dobj", "nsubjpass")
                 and a.i not in state.token_actor), None)


def _judged_acts(token: Token, state: DocState) -> list[Token]:
    """Event nouns an ACCUSE or SUPPORT verb judges: its object, or what it is "over" or
    "about" ("complained to the UN over Israel's raids")."""
    acts = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]  # "the arrest ... was condemned"
    # "complained to the Security Council about Ukraine's support": the parser may hang the
    # "about" phrase on the addressee rather than on the verb
    addressees = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                  for o in c.children if o.dep_ == "pobj"]
    acts += [g for head in (token, *addressees) for c in head.children
             if c.dep_ == "prep" and c.lower_ in ("over", "about") for g in c.children if g.dep_ == "pobj"]
    return [a for a in acts if a.i in state.event_tokens]


def _authors_of_object(token: Token, state: DocState) -> list[Argument]:
    """"condemned the killing of seven aid workers in an Israeli air strike": a condemned act
    is held against whoever did it, not its victims."""
    for obj in _judged_acts(token, state):
        if obj.i in state.token_actor:
            continue
        found = own_author(obj, state) or targets_in(obj, ("by",), state) or stray_agent(obj, state) or \
            noun_means(obj, state)
        if not found:  # "deplored its invasion of Ukraine", "its" being another than the judge
            judges = {a.actor.key for a in find_sources(token, state)}
            found = [a for c in obj.children if c.dep_ == "poss" and c.lower_ in OWN
                     for a in actors_at(c, state, "poss") if a.actor.key not in judges]
        if found:
            return [Argument(a.actor, a.span, "dobj(event)>" + a.path) for a in found]
    return []


def _pressure_from(token: Token, state: DocState) -> list[Argument]:
    """"declined to resign despite growing pressure by the commission": a refusal in the face
    of pressure is aimed at whoever pressed."""
    for verb in [token, *(c for c in token.children if c.dep_ == "xcomp")]:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in REACTION_PREPS):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if found := targets_in(noun, ("by", "from"), state):
                    return [Argument(a.actor, a.span, f"~{prep.lower_}>" + a.path) for a in found]
    return []


def _clause_subject(token: Token, state: DocState) -> list[Argument]:
    """"demanded that the military hand over power": the one asked is the clause's subject."""
    for child in token.children:
        if child.dep_ in ("ccomp", "acl") and (subj := next(
                (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)) is not None:
            if found := actors_at(subj, state, "~ccomp>nsubj"):
                return found
    return []


def _referent_author(token: Token, state: DocState) -> list[Argument]:
    """"a move Armenia condemned", "allegations that Moscow dismissed": the reaction is
    aimed at whoever did what the noun refers to, the subject of the clause it sums up."""
    noun = token.head
    if token.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in REFERENT_NOUNS:
        return []
    for verb in noun.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            found = [a for a in find_sources(verb, state) if a.path != "nearest"]
            if found:
                return [Argument(a.actor, a.span, "~referent<" + a.path) for a in found]
    return []


def _hit_in_relative(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """"drone strikes that knocked out half of Saudi Arabia's oil output": an attack hits
    whoever owns what its relative clause says it hit."""
    if trigger.type not in VIOLENT:
        return []
    for clause in (c for c in token.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
        if any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in RELATIVES for s in clause.children) and (
                found := targets_in(clause, ("dobj",), state)):
            return [Argument(a.actor, a.span, "~relcl>" + a.path) for a in found]
    return []


def _reactor(token: Token, trigger: Trigger, state: DocState) -> list[Argument]:
    """A call, warning or criticism that someone drew, defied or acted despite is aimed at
    them: "drawing condemnation from the UN", "despite pressure from Washington", "would
    respond to India's missile strikes"."""
    governor = token.head
    if trigger.type == "PROTEST" and governor.lower_ == "of" and governor.head.dep_ == "pobj":
        # "resigned after weeks of street protests": the measure noun stands between.
        token, governor = governor.head, governor.head.head
    if token.dep_ == "pobj" and governor.dep_ == "prep":
        prep, verb = governor.lower_, governor.head
        if prep == "to" and verb.lemma_.lower() not in RESPONSE_VERBS:
            # "would respond at a time of its choosing to India's strikes": "to" hung lower
            verb = next((a for a in list(governor.ancestors)[:6] if a.lemma_.lower() in RESPONSE_VERBS), verb)
        wanted = prep in REACTION_PREPS or (prep == "to" and verb.lemma_.lower() in RESPONSE_VERBS) \
            or (trigger.type == "PROTEST" and prep in ("after", "following", "amid"))
    elif token.dep_ == "dobj":
        verb = governor
        wanted = verb.lemma_.lower() in REACTION_VERBS
    else:
        return []
    undergone = token.dep_ == "dobj" and verb.lemma_.lower() in UNDERGOING
    if not (wanted or undergone) or verb.pos_ not in ("VERB", "AUX") or (
            trigger.type not in VERBAL_TYPES | {"PROTEST"} and verb.lemma_.lower() not in RESPONSE_VERBS
            and not undergone):
        return []
    if undergone and verb.dep_ in ("advcl", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "extradited Toledo to Peru to face corruption charges": the one sent faces them
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is not None and (found := actors_at(obj, state, "~undergoer<dobj")):
            return found
    found = [a for a in find_sources(verb, state) if a.path != "nearest"]
    return [Argument(a.actor, a.span, "~reactor<" + a.path) for a in found]
