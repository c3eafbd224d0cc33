"""Who acts: the subject, agent, possessor or modifier of a trigger, and actor mentions around a token."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..actors import OBJECT_CONTROL
from ..nlp.state import ActorEntity, DocState
from .arguments import Argument, capital_city, is_armed
from .syntax import (
    civilian_craft,
    conjuncts_of,
    for_objects,
    infinitive_relative,
    is_passive,
    meeting_setting,
    modifier_actor,
    names_a_state,
    relative_gap,
    shared_passive,
    speakers_clause,
    to_ones_aid,
)
from .words import (
    AGENT_NOUNS,
    ARMED_SECTORS,
    BACKING,
    BLAMING,
    CARRYING_ON,
    CLAIMING,
    COMMANDS,
    DOCUMENTS,
    ENACTING,
    GOODS,
    HOUSING,
    INQUIRIES,
    IRREALIS,
    JUDGING,
    LIGHT_VERBS,
    MEETINGS,
    MONEY,
    NOUN_ARG_PREPS,
    OFFERS,
    ORIGIN_FROM_TYPES,
    OWN,
    PARTICLES,
    REACTION_VERBS,
    RELATIVES,
    REPORTING,
    SETTING_PREPS,
    STANCE_NOUNS,
    STANCE_VERBS,
    STATIVE_PASSIVES,
    TIME_MEASURES,
    TOPIC_NOUNS,
    UNDERGOING,
    WARNING_VERBS,
)


def actors_at(token: Token, state: DocState, path: str, own_last: bool = False) -> list[Argument]:
    """Actors named by an argument head, following coordination, 'of' phrases and possessors."""
    found: list[Argument] = []
    for head in conjuncts_of(token):
        hit = state.actor_at(head)
        if hit is not None and hit[0].key.startswith("group:") and hit[0].sector in ("MIL", "COP", "GOV") \
                and (named := _country_modifiers(head, state)):
            # "U.S. and British warplanes": the countries, not an unnamed group of warplanes
            found.extend(Argument(h[0], h[1], f"{path}>mod") for h in named)
            continue
        if hit is not None and hit[0].key.startswith("group:") and any(a.path.endswith(">mod") for a in found):
            continue  # "... warplanes and warships": the countries named already own both
        if hit is not None and hit[0].key.startswith("group:") and hit[0].sector in ARMED_SECTORS and any(
                a.actor.kind == "armed_group" and a.span.root.i > a.span.start for a in found):
            continue  # "Islamic State gunmen and suicide bombers": the name covers both
        if hit is None and head.i in state.token_group:
            # "after the two countries refused": each of the actors named together before
            span = head.doc[head.left_edge.i: head.i + 1]
            found.extend(Argument(state.actors[key], span, path + ">counted") for key in state.token_group[head.i])
            continue
        if hit is None and head.pos_ == "PROPN" and (capital := capital_city(head, state)):
            found.extend(capital)  # "Washington and Moscow agreed", the NER having missed one
            continue
        if hit is not None:
            found.append(Argument(hit[0], hit[1], path))
            # "met Egypt's el-Sisi and Jordan's King Abdullah", parsed "(el-Sisi and Jordan)'s
            # King Abdullah": a person possessing a person is the parser's coordination slip
            for poss in (c for c in head.children if c.dep_ == "poss" and any(g.dep_ == "conj" for g in c.children)):
                person = state.actor_at(poss)
                if person is not None and person[0].kind == "person" == hit[0].kind and person[0] is not hit[0]:
                    found.append(Argument(person[0], person[1], f"{path}>poss-conj"))
            # "the leaders of Qatar and Egypt": one role, several countries
            of = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
            if of and len(conjuncts_of(of[0])) >= 2:
                found.extend(Argument(h[0], h[1], f"{path}>of") for c in conjuncts_of(of[0])[1:]
                             if (h := state.actor_at(c)) is not None and h[0] is not hit[0])
            # "Israeli and Saudi officials": each coordinated modifier is its own actor.
            for mod in (c for c in head.children if c.dep_ in ("amod", "nmod")):  # "Russia and Western countries"
                if len(conjuncts_of(mod)) < 2:
                    continue  # "FARC leader Rodrigo Londono" is one actor, not two
                for other in conjuncts_of(mod):
                    extra = state.actor_at(other)
                    if extra is not None and extra[0] is not hit[0]:
                        found.append(Argument(extra[0], extra[1], f"{path}>amod"))
            continue
        found.extend(_modifier_actors(head, state, path, own_last=own_last))
    unique: dict[str, Argument] = {}
    for arg in found:
        unique.setdefault(arg.actor.key, arg)
    return list(unique.values())


def _country_modifiers(head: Token, state: DocState) -> list[tuple[ActorEntity, Span]]:
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    hits = [h for m in mods for c in conjuncts_of(m) if (h := state.actor_at(c)) is not None
            and h[0].kind in ("country", "igo", "armed_group", "organisation")]
    return list({h[0].key: h for h in hits}.values())


def _modifier_actors(head: Token, state: DocState, path: str, depth: int = 0,
                     own_last: bool = False) -> list[Argument]:
    """Actors inside an argument noun phrase: "Israel's actions", "an Australian ultimatum",
    "the arrest of thousands of Palestinians", "further action against Russia". For a target,
    "its" comes last: in "rushed troops to its border with China" the target is China."""
    children = list(head.children)
    quantity = head.pos_ in ("ADJ", "DET") and any(c.dep_ == "prep" and c.lower_ == "of" for c in children)
    if depth > 2 or (head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not quantity):
        return []  # a quantity word: "killed several of its top commanders"
    # "its European Community partners": a named modifier says more than "its".
    for child in children:
        if child.dep_ == "poss" and child.lower_ not in OWN and (
                found := actors_at(child, state, f"{path}>poss")):
            return found
    for child in children:
        if child.dep_ == "acl" and child.lemma_.lower() in HOUSING and (
                found := targets_in(child, ("dobj",), state, gap=False)):
            return found  # "fired missiles at two Iraqi bases housing U.S. troops": at the troops
    for child in children:
        if child.dep_ == "amod" and (found := _leader(child, state)):
            return [Argument(a.actor, a.span, f"{path}>{a.path}") for a in found]  # "the Saudi-led bloc"
        if child.dep_ in ("amod", "compound", "nmod") and state.actor_at(child):
            # "U.S. and Russian officials": each coordinated modifier names an actor.
            hits = [h for c in conjuncts_of(child) if (h := state.actor_at(c))]
            unique = {h[0].key: Argument(h[0], h[1], f"{path}>{child.dep_}") for h in reversed(hits)}
            return list(reversed(unique.values()))
    for child in children:
        if child.dep_ == "poss" and not own_last and (found := actors_at(child, state, f"{path}>poss")):
            return found
    for child in children:
        # "a rocket launched by Islamic Jihad militants", "weapons supplied by Iran"
        agent = next((c for c in child.children if c.dep_ == "agent"), None) if child.dep_ == "acl" else None
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and (found := actors_at(pobj, state, f"{path}>acl>by")):
            return found
    for child in children:
        # "tariffs on goods imported from the United States", "vehicles made in China"
        if child.dep_ == "acl" and child.tag_ == "VBN" and head.lemma_.lower() in GOODS:
            for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in ("from", "in")):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, f"{path}>acl>{prep.lower_}")):
                    return found
    # Below the argument's own head, "in"/"across" name whose things they are: "struck
    # nine sites in Pakistan", "strikes on cities across Ukraine".
    for word in NOUN_ARG_PREPS + ("in", "across", "inside", "near"):
        if word == "by" and path.startswith("prep:of"):
            continue  # "the bombing of a mosque in Peshawar by the Taliban": the act's author (stray_agent)
        for child in children:
            if child.dep_ == "prep" and child.lower_ == word:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                # "dozens of princes, ministers and businessmen": any coordinate may name one
                if any(state.actor_at(c) for c in conjuncts_of(pobj)):
                    return actors_at(pobj, state, f"{path}>{word}")
                if word in NOUN_ARG_PREPS and (capital := capital_city(pobj, state)):
                    return capital
                if found := _modifier_actors(pobj, state, f"{path}>{word}", depth + 1, own_last):
                    return found
    if own_last:
        for child in children:
            if child.dep_ == "poss" and (found := actors_at(child, state, f"{path}>poss")):
                return found
    return []


def find_sources(token: Token, state: DocState) -> list[Argument]:
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_sources(token, state)
    if found := _opening_subject(token, state):
        return found
    if token.dep_ == "amod" and any(c.text == "-" for c in token.children):
        # "a Russian-brokered ceasefire", "Iran-backed militias": the modifier did it
        for child in token.children:
            if child.dep_ in ("npadvmod", "compound", "amod", "nmod") and (
                    found := actors_at(child, state, "hyphen")):
                return found
    passive = is_passive(token)
    for child in token.children:
        # "was granted asylum by Spain": the parser may label a passive's agent a plain "by" phrase
        if child.dep_ == "agent" or (passive and child.dep_ == "prep" and child.lower_ == "by"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := actors_at(pobj, state, "agent")):
                return found  # not "shipped by rail"
    if (found := _agent_of_means(token, state)):
        return found
    if state.event_tokens.get(token.i) in ORIGIN_FROM_TYPES and any(c.dep_ == "nsubjpass" for c in token.children):
        # "the missiles were launched from U.S. destroyers": whoever it came from fired it
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if found := actors_at(pobj, state, "origin>from"):
                    return found
    if any(c.dep_ == "nsubjpass" for c in token.children):
        # "Ukraine was promised tanks by its Western allies", "food was delivered to the town
        # by the Red Cross": the parser hung "by" on the object or on the destination
        holders = [c for c in token.children if c.dep_ == "dobj"] + [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for obj in holders:  # "was given a tour of Russia's space centre by Putin"
            for by in (c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "by"):
                pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, "dobj>agent")):
                    return found
    for child in token.children:
        if child.dep_ == "nsubjpass" and same_event_noun(child, token, state) and (found := own_author(child, state)):
            # "the Turkish offensive was launched", "Russia's strikes were carried out": the
            # act names its author itself
            return [Argument(a.actor, a.span, "nsubjpass(act)>" + a.path) for a in found]
        if child.dep_ == "nsubjpass" and child.i not in state.token_actor and \
                state.event_tokens.get(token.i) in ("CONCEDE", "RETREAT") and (found := own_author(child, state)):
            # "unless Western restrictions on its farm exports are eased": eased by their author
            return [Argument(a.actor, a.span, "nsubjpass>" + a.path) for a in found]
        if child.dep_ == "nsubjpass" and child.i not in state.token_actor and \
                state.event_tokens.get(token.i) == "AID":
            if found := actors_at(child, state, "nsubjpass(sent)"):
                return found  # "North Korean artillery shells were shipped to Russia"
        if child.dep_ == "nsubjpass" and token.lemma_.lower() in STATIVE_PASSIVES:
            return actors_at(child, state, "nsubjpass(stative)")  # "Vietnam is committed to"
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                # "police, who detained 1,700 people": the relative pronoun is the noun
                if civilian_craft(token.head):
                    return []  # "the downing of a Russian passenger jet that killed 224": no Russian act
                return actors_at(token.head, state, "relcl<head")
            if child.lemma_.lower() in DOCUMENTS and token.dep_ == "ccomp" and \
                    token.head.lemma_.lower() in ENACTING and child.i not in state.token_actor:
                # "Putin signed documents formally annexing four regions": whoever signed
                return [Argument(a.actor, a.span, "signed<" + a.path) for a in find_sources(token.head, state)
                        if a.path != "nearest"]
            return subject_actors(child, state)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in COMMANDS:
        return [Argument(a.actor, a.span, "ordered<" + a.path) for a in find_sources(token.head, state)]
    if infinitive_relative(token) and token.head.dep_ == "dobj" and token.head.head.lemma_ == "have" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        # "it had nothing more to talk about with Seoul", "has no plans to attack": whoever has
        return [Argument(a.actor, a.span, "relcl<dobj<" + a.path) for a in find_sources(token.head.head, state)
                if a.path != "nearest"]
    if token.dep_ == "xcomp" and token.head.dep_ == "acomp" and token.head.pos_ == "ADJ":
        # "Syria says it is willing to withdraw": the subject of "is willing" withdraws.
        return [Argument(a.actor, a.span, "xcomp<acomp<" + a.path)
                for a in find_sources(token.head.head, state)]
    if token.dep_ == "xcomp" and (obj := _controller(token.head)) is not None:
        # Object control: in "urged Israel to agree", Israel is who would agree.
        return [Argument(a.actor, a.span, "xcomp<dobj") for a in actors_at(obj, state, "dobj")]
    if token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
        # "while urging its leaders ...": a participle has no subject of its own, marked or not
        if not any(c.dep_ == "mark" for c in token.children) or token.tag_ == "VBG":
            inherited = find_sources(speakers_clause(token) or token.head, state)
            if shared_passive(token) is not None:  # "was ambushed and killed": the victim did neither
                inherited = [a for a in inherited if a.path != "nearest"]
            return [Argument(a.actor, a.span, f"{token.dep_}<{a.path}") for a in inherited]
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ == "by":
        # "Maduro responded by cutting ties": the means is the responder's own act.
        return [Argument(a.actor, a.span, "by<" + a.path) for a in find_sources(token.head.head, state)
                if a.path != "nearest"]
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ in SETTING_PREPS | {
            "without", "while", "upon", "despite"}:
        # "seized the vessels after opening fire on them": the same subject fired; "joined
        # Britain in expelling diplomats": Britain too
        governor = token.head.head
        found = [Argument(a.actor, a.span, f"{token.head.lower_}<" + a.path)
                 for a in find_sources(governor, state) if a.path != "nearest"]
        if governor.lemma_.lower() == "join" and token.head.lower_ == "in":
            found += [Argument(a.actor, a.span, "joined>" + a.path) for c in governor.children
                      if c.dep_ == "dobj" for a in actors_at(c, state, "dobj")]
        return found
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":
        # "accused the US of supporting Israel": the accused is who supports.
        governor = token.head.head
        obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return actors_at(obj, state, "pcomp<dobj")
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.i not in state.token_actor and (
            found := own_author(token.head, state)):
        return [Argument(a.actor, a.span, "acl<" + a.path) for a in found]  # "a U.N. resolution condemning"
    if token.dep_ == "acl" and token.head.dep_ in ("dobj", "attr", "pobj") and token.tag_ != "VBN" \
            and token.head.lemma_.lower() not in AGENT_NOUNS:
        # "issued a declaration demanding that ...", "filed a case at the court accusing ...":
        # who issued or filed it demands or accuses; not "rejected the terms offered by ..."
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subj is not None and (found := actors_at(subj, state, "acl<nsubj")):
            return found
    if token.dep_ in ("ROOT", "conj") or (token.dep_ == "ccomp" and token.head.dep_ == "ROOT"):
        return _nearest_before(token, state)
    return []


def _leader(modifier: Token, state: DocState) -> list[Argument]:
    """"student-led protests", "the Saudi-led bloc": whoever leads acts."""
    if modifier.lemma_.lower() != "lead" or not any(c.text == "-" for c in modifier.children):
        return []
    return [a for c in modifier.children if c.dep_ in ("npadvmod", "compound")
            for a in actors_at(c, state, "led-by")]


def _opening_subject(verb: Token, state: DocState) -> list[Argument]:
    """"Trump imposed tariffs on ...", parsed with "Trump" as a noun or verb and "imposed" as a
    modifier of "tariffs": an actor that opens the sentence right before a verb the parser
    made a modifier is that verb's subject."""
    if verb.pos_ != "VERB" or verb.dep_ != "amod" or verb.i == verb.sent.start:
        return []
    hit = state.actor_at(verb.doc[verb.i - 1])
    if hit is None or hit[1].start != verb.sent.start or hit[1].end != verb.i:
        return []
    return [Argument(hit[0], hit[1], "opening")]


def subject_actors(subj: Token, state: DocState) -> list[Argument]:
    """The actors a subject names. An event noun stands for its own author ("US Predator
    attacks have killed ..."); a participle the parser made the subject stands for its own
    subject ("The Red Cross operating in Iraq said ...")."""
    if found := actors_at(subj, state, "nsubj"):
        return found
    if subj.pos_ == "VERB" and (inner := next((c for c in subj.children if c.dep_ == "nsubj"), None)):
        return actors_at(inner, state, "nsubj>nsubj")
    if subj.i in state.event_tokens:
        return [Argument(a.actor, a.span, "nsubj(event)>" + a.path) for a in noun_sources(subj, state)]
    return []


def _claimed_author(noun: Token, state: DocState) -> list[Argument]:
    """Who is said to be behind an attack: "a strike that the group blamed on Israel",
    "strikes ... were claimed by the Houthis", "attacks blamed on al Shabaab"."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)
    for verb in verbs:
        lemma = verb.lemma_.lower()
        for prep in verb.children:
            wanted = (lemma in BLAMING and prep.dep_ == "prep" and prep.lower_ in ("on", "to")) or \
                (lemma in ("claim", "blame") and prep.dep_ == "agent" and lemma == "claim")
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if wanted else None
            if pobj is not None and (found := actors_at(pobj, state, f"claimed:{lemma}")):
                return found
    return []


def _controller(verb: Token) -> Token | None:
    """Who is to do what a verb asks: "urged Israel to agree", "called on Iran to stop"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and verb.lemma_.lower() in OBJECT_CONTROL and any(c.dep_ == "auxpass" for c in verb.children):
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "Israel was urged to"
    if obj is None and verb.lemma_.lower() in ("call", "prevail", "press", "appeal", "count", "rely"):
        on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")), None)
        obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    return obj


def stray_agent(noun: Token, state: DocState) -> list[Argument]:
    """"The bombing of a mosque in Peshawar by the Pakistani Taliban": the parser hangs the
    act's "by" phrase on a noun of its "of" object; a "by" under a verb there ("a mosque
    built by Saudi donors") is that verb's own."""
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for by in (d for d in of.subtree if d.dep_ == "prep" and d.lower_ == "by"):
            if not _nominal_path(by.head, of):
                continue
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := actors_at(pobj, state, "of>by")):
                return found
    return []


def _nominal_path(node: Token, top: Token) -> bool:
    """Are all words from ``node`` up to (not including) its ancestor ``top`` nouns,
    prepositions, numbers or adjectives: no verb with arguments of its own between them?"""
    while node.i != top.i:
        if node.pos_ not in ("NOUN", "PROPN", "ADP", "NUM", "ADJ"):
            return False
        node = node.head
    return True


def noun_sources(token: Token, state: DocState) -> list[Argument]:
    if token.dep_ == "dobj" and token.head.lemma_.lower() in COMMANDS:
        # "ordered patrols by police": the one who ordered them.
        return [Argument(a.actor, a.span, "ordered<" + a.path) for a in find_sources(token.head, state)]
    # In "calls for a ceasefire from the UN" the "from" phrase belongs to the call.
    requested = token.dep_ == "pobj" and token.head.lower_ == "for" and \
        token.head.head.lemma_.lower() in IRREALIS
    if token.lemma_.lower() == "request" and token.dep_ == "pobj" and token.head.lower_ == "at":
        # "at the request of the United States": who asked is in the "of" phrase
        if found := targets_in(token, ("of", "poss"), state):
            return [Argument(a.actor, a.span, "request<" + a.path) for a in found]
    if to_ones_aid(token):
        verb = token.head.head
        return [Argument(a.actor, a.span, "to-aid<" + a.path) for a in find_sources(verb, state)
                if a.path != "nearest"]
    for child in token.children:
        if child.dep_ == "poss":
            found = actors_at(child, state, "poss")
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and not requested:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            ranged = child.lower_ == "from" and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
            if pobj is not None and (found := actors_at(pobj, state, f"prep:{child.lower_}")
                                     or (not ranged and capital_city(pobj, state))):
                return found  # "warnings from Washington", not "attacks from Paris to Dallas"
    if not requested and (found := stray_agent(token, state)):
        return found
    for child in token.children:
        if child.dep_ in ("compound", "amod") and (hit := state.actor_at(child)) and not attacked_name(token, child, state):
            return [Argument(hit[0], hit[1], child.dep_)]
        if child.dep_ == "amod" and (found := _opening_subject(child, state) or _leader(child, state)):
            return found
    for child in token.children:  # "US Predator attacks": the actor modifies the modifier
        if child.dep_ == "compound" and not state.actor_at(child) and (hit := modifier_actor(child, state)) \
                and not attacked_name(token, child, state):
            return [Argument(hit[0], hit[1], "compound>compound")]
    if found := _claimed_author(token, state):
        return found
    if token.lemma_.lower() in IRREALIS:  # "calls for a ceasefire from the UN"
        for content in for_objects(token):
            for child in content.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and (found := actors_at(pobj, state, f"for>{child.lower_}")):
                        return found
    governor = token.head
    if token.dep_ == "dobj" and governor.lemma_.lower() in REACTION_VERBS:
        # "drawing criticism from Kyiv": the prepositional phrase hangs on the verb
        for prep in (c for c in governor.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := actors_at(pobj, state, f"reaction>{prep.lower_}")):
                return found
    if token.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in CLAIMING:
        # "accused Myanmar of genocide": the accused is the alleged author
        obj = next((c for c in governor.head.children if c.dep_ == "dobj"), None)
        if obj is not None and (found := actors_at(obj, state, "accused-of")):
            return found
    if token.dep_ == "pobj" and (governor.lower_ == "of" or governor.lower_ == "in" and (
            governor.head.pos_ == "NUM" or governor.head.lemma_.lower() in MONEY)) \
            and governor.head.pos_ in ("NOUN", "NUM") \
            and governor.head.i != token.i and not (governor.head.lemma_.lower() in TIME_MEASURES
                                                   and governor.head.dep_ == "pobj") \
            and not _about_the_event(governor.head, token, state):  # "during a week of"
        # "a $95 billion package of military aid", "$6 million in emergency aid": whoever
        # gives the package or the sum gives the aid.
        return noun_sources(governor.head, state)
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" and \
            token.head.head.lemma_.lower() in WARNING_VERBS and (
            warned := next((c for c in token.head.head.children if c.dep_ == "dobj"), None)) is not None and (
            found := actors_at(warned, state, "warned")):
        # "warned North Korea that any further threats would be met with fire": the one warned
        return found
    if token.dep_ == "appos" and (act := _appositive_event(token, state)) is not None:
        # "military drills around Taiwan, a warning to Taipei", "three days of drills, a
        # warning": the drills' author warns
        return [Argument(a.actor, a.span, "appos<" + a.path) for a in noun_sources(act, state)]
    if token.dep_ == "pobj" and governor.lower_ in ("with", "on") and governor.head.pos_ == "VERB" and \
            governor.head.lemma_.lower() in CARRYING_ON and governor.head.i not in state.event_tokens:
        # "was urged to hold off on an assault", "pressed ahead with the offensive": whoever
        # holds off or goes ahead is the one who would act
        return [Argument(a.actor, a.span, f"{governor.head.lemma_}-{governor.lower_}<" + a.path)
                for a in find_sources(governor.head, state) if a.path != "nearest"]
    if token.dep_ == "pobj" and (governor.lower_ == "in" or governor.lower_ == "as" and
                                 governor.head.lemma_.lower() not in JUDGING) and \
            token.lemma_.lower() in STANCE_NOUNS and (
            verb := next((a for a in governor.ancestors if a.pos_ in ("VERB", "AUX")), None)) is not None:
        # "fired a missile in defiance of the UN": the one who fired defied
        return [Argument(a.actor, a.span, f"{governor.lower_}<" + a.path)
                for a in find_sources(verb, state) if a.path != "nearest"]
    anchor = token.head.head if token.dep_ == "pobj" and governor.lower_ == "of" and \
        token.head.head.lemma_.lower() in TIME_MEASURES else token
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("at", "during") and \
            state.event_tokens.get(token.i) == "PROTEST" and anchor.head.head.pos_ == "VERB":
        # "burned their headscarves at protests": the subject protested; "police detained
        # 3,000 people at rallies", "during a week of demonstrations": those detained did
        verb = anchor.head.head
        if verb.lemma_.lower() in REPORTING:
            return []  # "Trump told the audience at a rally": a speaker, not a protester
        if state.event_tokens.get(verb.i) == "COERCE":
            found = [a for c in verb.children if c.dep_ == "dobj" for a in actors_at(c, state, "dobj")]
        else:
            found = [a for a in find_sources(verb, state) if a.path != "nearest"]
        if found:
            return [Argument(a.actor, a.span, "protest-setting<" + a.path) for a in found]
    if token.dep_ == "pobj" and (governor.lower_ in SETTING_PREPS and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in token.children) or governor.lower_ in (
            "during", "on") and token.lemma_.lower() in ("visit", "trip", "tour")):
        # "said during a visit to Tel Aviv": the subject made the visit
        # "declared martial law after clashes with Azerbaijan": the subject took part.
        verb = governor.head
        if verb.pos_ in ("VERB", "AUX"):
            return [Argument(a.actor, a.span, "setting<" + a.path)
                    for a in find_sources(verb, state) if a.path != "nearest"]
    if (verb := meeting_setting(token)) is not None and not any(c.dep_ in ("acl", "relcl") for c in token.children):
        # "Xi and Putin pledged ... during talks in Moscow", "said it was ready ... after talks
        # in Jeddah": those who acted held the talks (not "after talks mediated by China")
        found = [Argument(a.actor, a.span, "meeting<" + a.path)
                 for a in find_sources(verb, state) if a.path != "nearest"]
        return found if len(found) <= 2 else []
    if token.dep_ == "pobj" and governor.lower_ == "with" and token.lemma_.lower() in BACKING and (
            found := targets_in(token, ("of",), state)):
        # "declared himself president with the backing of Washington": Washington backs him
        return [Argument(a.actor, a.span, "with-backing>" + a.path) for a in found]
    if token.dep_ == "pobj" and governor.lower_ in ("to", "on") and governor.head.lemma_.lower() in (
            "agree", "commit", "consent", "return", "turn") and state.event_tokens.get(token.i) == "CONSULT":
        # "whether North Korea would agree to talks with Washington": the one agreeing talks
        return [Argument(a.actor, a.span, "agree-to<" + a.path) for a in find_sources(governor.head, state)
                if a.path != "nearest"]
    if token.dep_ == "pobj" and governor.lower_ == "for" and governor.head.pos_ == "VERB" and \
            governor.head.i not in state.event_tokens:
        # "negotiators return to Geneva for talks": who comes for the talks holds them
        return [Argument(a.actor, a.span, "for<" + a.path) for a in find_sources(governor.head, state)
                if a.path != "nearest"]
    if token.dep_ == "conj" and governor.pos_ == "NOUN" and governor.i in state.event_tokens:
        # "resumed military aid and intelligence sharing": one author for both
        return [Argument(a.actor, a.span, "conj<" + a.path) for a in noun_sources(governor, state)]
    if token.dep_ == "dobj" and governor.pos_ == "VERB" and (
            governor.lemma_ in LIGHT_VERBS or governor.i not in state.event_tokens or (
                state.event_tokens[governor.i] == "REJECT" and token.lemma_.lower() in MEETINGS) or (
                state.event_tokens[governor.i] == "THREATEN" and governor.lemma_.lower() in OFFERS)) and \
            governor.lemma_.lower() not in STANCE_VERBS | UNDERGOING | REACTION_VERBS:
        # "Trump doubled tariffs on Turkish steel": whoever does the verb does the event,
        # unless the verb is an event of its own ("condemned the attack") or a reaction the
        # subject causes or meets ("the strike prompted condemnation": not the striker's).
        return find_sources(governor, state)
    return []


def _appositive_event(appos: Token, state: DocState) -> Token | None:
    """The act an apposition sums up: its head, or the event noun whose phrase the parser
    hung it inside ("drills around Taiwan, a warning" hung on "Taiwan")."""
    head = appos.head
    while head.pos_ in ("NOUN", "PROPN"):
        if (act := _measured_event(head, state)) is not None:
            return act
        if head.dep_ != "pobj" or head.head.head.pos_ not in ("NOUN", "PROPN"):
            return None
        head = head.head.head
    return None


def _measured_event(noun: Token, state: DocState) -> Token | None:
    """The event noun itself, or the one a measure noun counts ("three days of drills")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.i in state.event_tokens:
        return noun
    return next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj" and g.i in state.event_tokens), None)


def _agent_of_means(token: Token, state: DocState) -> list[Argument]:
    """A passive with no agent but a means that has one: "was killed in a raid by U.S.
    special forces" -- the raid's agent did the killing."""
    if not any(c.dep_ == "nsubjpass" for c in token.children):
        return []
    if any(c.dep_ == "agent" for c in token.children):
        return []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
                pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, "means>by")):
                    return found
            if found := _claimed_author(noun, state):
                return found
            if noun.i in state.event_tokens and (found := own_author(noun, state)):
                return [Argument(a.actor, a.span, "means>" + a.path) for a in found]
    return []


def same_event_noun(noun: Token, verb: Token, state: DocState) -> bool:
    """The verb's subject is the very act the verb codes ("the offensive was launched"): an
    event noun of the verb's own type, not an actor acted on."""
    kind = state.event_tokens.get(noun.i)
    return kind is not None and noun.i not in state.token_actor and kind == state.event_tokens.get(verb.i)


def own_author(noun: Token, state: DocState) -> list[Argument]:
    """The author an event noun names itself: "an Israeli air strike", "Russia's shelling"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in OWN and (found := actors_at(child, state, "poss")):
            return found
        if child.dep_ in ("compound", "amod") and (hit := state.actor_at(child)) and not attacked_name(noun, child, state):
            return [Argument(hit[0], hit[1], child.dep_)]
    return []


def _about_the_event(noun: Token, event: Token, state: DocState) -> bool:
    """"X's handling of the attack", "Russia's condemnation of the attack": the owner speaks
    of or deals with the event; "a package of aid", "a barrage of strikes" are the event."""
    other = state.event_tokens.get(noun.i)
    return noun.lemma_.lower() in TOPIC_NOUNS or (other is not None and other != state.event_tokens.get(event.i))


def attacked_name(noun: Token, modifier: Token, state: DocState) -> bool:
    """"the Charlie Hebdo attack", "the Benghazi attack": a name on an attack noun that is
    neither armed nor a state tells what was hit; "the Hamas attack" keeps its author. A
    country on an inquiry is what is looked into; "the FBI investigation" keeps its author."""
    hit = modifier_actor(modifier, state)
    if modifier.dep_ != "compound" or hit is None:
        return False
    if noun.lemma_.lower() in INQUIRIES:
        return hit[0].kind == "country"  # "the Russia investigation" looks into Russia
    return state.event_tokens.get(noun.i) == "ASSAULT" and hit[0].kind in ("person", "organisation") \
        and not is_armed(hit[0]) and not names_a_state(hit[1])


def noun_means(noun: Token, state: DocState) -> list[Argument]:
    """"the killing of aid workers in an Israeli air strike": the means' author."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "during")):
        for means in (c for c in prep.children if c.dep_ == "pobj" and c.i in state.event_tokens):
            if found := own_author(means, state):
                return [Argument(a.actor, a.span, "means>" + a.path) for a in found]
    return []


def _nearest_before(token: Token, state: DocState) -> list[Argument]:
    """A clause whose subject the parser lost: the closest actor before the verb, in its sentence,
    preferring one the parse puts in a subject-like role."""
    found: list[Argument] = []
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.pos_ in ("NOUN", "PROPN") and before.head.i != token.i:
        # "after Russian missiles and drones struck Kyiv", parsed as "after <noun>" and a
        # clause with no subject: the noun right before the verb is its subject
        first = before
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if adjacent := actors_at(first, state, "adjacent"):
            return adjacent
    for prev in reversed(token.sent[: token.i - token.sent.start]):
        hit = state.actor_at(prev)
        if hit is None or hit[0].kind not in ("person", "organisation", "armed_group", "igo", "country"):
            continue
        if (hit[0].cameo or "").endswith(("CVL", "REF")):
            continue  # hostages, victims and refugees are not who lost subjects stand for
        if hit[1].root.dep_ in ("nsubj", "appos", "ROOT", "nsubjpass"):
            return [Argument(hit[0], hit[1], "nearest")]
        if not found and hit[1].root.dep_ not in ("pobj", "poss", "dobj", "compound", "amod"):
            found.append(Argument(hit[0], hit[1], "nearest"))
    return found


def _own(pronoun: Token, verb: Token, state: DocState) -> bool:
    """Does "its"/"his" in the verb's object refer to the verb's own subject (or to no one
    known)? "ministers quit his government": his is Johnson's, not the ministers'."""
    hit = state.actor_at(pronoun)
    if hit is None:
        return True
    heads = [h[0] for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for c in conjuncts_of(s)
             if (h := state.actor_at(c)) is not None]
    if not heads and verb.dep_ in ("advcl", "xcomp", "conj"):
        # "Biden voiced support ..., while urging its leaders": the subject it shares
        heads = [a.actor for a in find_sources(verb, state) if a.path != "nearest"]
    return not heads or any(_same_side(hit[0], actor) for actor in heads)


def _same_side(a: ActorEntity, b: ActorEntity) -> bool:
    """One actor, or a state and one of its organs ("France ... its ambassadors")."""
    if a is b:
        return True
    if "person" in (a.kind, b.kind):
        return False
    home = {a.key if a.kind == "country" else a.country, b.key if b.kind == "country" else b.country}
    return len(home) == 1 and None not in home


def targets_in(token: Token, where: Iterable[str], state: DocState, gap: bool = True) -> list[Argument]:
    """The actors in the trigger's slots, in the order given. ``gap``: a relative clause's
    missing object may be the noun it describes (not when that noun is being read already)."""
    children = list(token.children)  # made once: each slot reads them all
    # "pull its fighters back from the border": the phrase hangs on the particle
    children += [g for c in children if c.dep_ == "advmod" and c.lower_ in PARTICLES
                 for g in c.children if g.dep_ == "prep"]
    for slot in where:
        for child in children:
            if slot in ("dobj", "nsubjpass", "dative") and child.dep_ == slot:
                if child.lower_ in RELATIVES and token.dep_ == "relcl" and (
                        found := actors_at(token.head, state, f"relcl<{slot}", own_last=True)):
                    return found  # "the ships that it had seized": the ships
                others = [c for c in child.children if c.dep_ == "poss" and c.lower_ in OWN
                          and not _own(c, token, state)]
                if slot == "dobj" and others and (found := actors_at(others[0], state, "dobj>poss")):
                    return found  # "to support its war": its is Russia's, not the sender's
                if slot == "dobj" and any(c.dep_ == "poss" and c.lower_ in OWN and _own(c, token, state)
                                          for c in child.children):
                    # "recalled its ambassadors to Washington": its own, not the target; but
                    # "press their demands for freedom from Bouteflika's government" names one
                    inner = [a for a in _modifier_actors(child, state, slot, own_last=True) if a.path != f"{slot}>poss"]
                    if inner:
                        return inner
                    continue
                if found := actors_at(child, state, slot, own_last=True):
                    return found
            elif child.dep_ in ("prep", "dative", "agent") and child.lower_ == slot:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (found := actors_at(pobj, state, f"prep:{slot}", own_last=True)
                                         or capital_city(pobj, state)):
                    return found
            elif slot == "of" and child.dep_ == "prep" and child.lower_ == "out":
                # "pulling its troops out of Niger"
                of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None and (found := actors_at(pobj, state, "prep:out-of", own_last=True)):
                    return found
            elif slot == "ccomp>nsubj" and child.dep_ == "ccomp":
                subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subj is not None and (found := actors_at(subj, state, slot)):
                    return found
            elif slot == "poss" and child.dep_ == "poss":
                if found := actors_at(child, state, "poss"):
                    return found
        if slot == "dobj" and gap and (noun := relative_gap(token)) is not None and (found := [
                a for a in actors_at(noun, state, "gap", own_last=True)  # not the clause's own actors
                if not token.left_edge.i <= a.span.start <= token.right_edge.i]):
            return found  # "the prisoners Israel released", "the prisoners released by Israel"
    return []
