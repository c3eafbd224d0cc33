"""The typed argument (an actor found in a role) and helpers over actors and places."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..kb import load_kb
from ..model import ActorRef
from ..nlp.state import ActorEntity, DocState, doc_ents
from ..timeplace import gazetteer
from .words import ARMED_SECTORS


@dataclass
class Argument:
    actor: ActorEntity
    span: Span
    path: str


def is_armed(actor: ActorEntity) -> bool:
    return actor.kind == "armed_group" or actor.sector in ARMED_SECTORS


def forceful(actor: ActorEntity) -> bool:
    """An armed actor or a state: who can strike, fight or target by force."""
    return is_armed(actor) or actor.kind == "country"


def actor_ref(arg: Argument | None) -> ActorRef | None:
    if arg is None:
        return None
    actor, span = arg.actor, arg.span
    return ActorRef(actor=actor.key, name=actor.name, country=actor.country, cameo=actor.cameo,
                    text=span.text, start=span.start_char, end=span.end_char)


def location_country(token: Token, state: DocState,
                      preps: tuple[str, ...] = ("in", "inside", "across", "throughout", "at")) -> list[Argument]:

    preps_of = [c for c in token.children if c.dep_ == "prep" and c.lower_ in preps]
    # "suspended aid deliveries in Baghdad": the place of what was acted on
    preps_of += [c for o in token.children if o.dep_ == "dobj"
                 for c in o.children if c.dep_ == "prep" and c.lower_ in preps]
    for child in preps_of:
        for pobj in [c for c in child.children if c.dep_ == "pobj"]:
            hit = state.actor_at(pobj)
            if hit is not None and hit[0].kind == "country":
                return [Argument(hit[0], hit[1], f"~in:{child.lower_}")]
            if found := place_country(pobj, state, "~located", actors_win=False):
                return found
            if not _place_span(pobj) and (inner := location_country(pobj, state)):
                return inner  # "at a jail in northern Israel"
    return []


def _place_span(token: Token) -> Span | None:
    return next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end
                 and e.label_ in ("GPE", "LOC")), None) or _known_city(token)


def place_country(token: Token, state: DocState, path: str, *, actors_win: bool = True) -> list[Argument]:
    """The country of a place named at ``token`` ("shelled Kharkiv", "pulled out of Khan
    Younis"): an act aimed at a place's people or state is aimed at its country. A place is
    where, not who: the role points at it, but it is no mention of the actor."""
    if actors_win and state.actor_at(token) is not None:
        return []  # "the demands of Hamas": an actor named there, whatever else the name is
    ent = _place_span(token)
    place = gazetteer().lookup(ent.text) if ent is not None else None
    actor = _country_actor(place.country, ent, state, mentioned=False) if place and place.country else None
    return [Argument(actor, ent, f"{path}:{ent.text}")] if actor is not None and ent is not None else []


def _country_actor(code: str, mention: Span, state: DocState, *, mentioned: bool = True) -> ActorEntity | None:
    """The country's actor (every ActorRef names one), with this span among its mentions when
    it ``mentioned`` the actor ("weapons to Kyiv"), not where it only says where ("a raid in
    North Waziristan": no mention of Pakistan, though the event's target is Pakistan)."""

    entry = load_kb().entries.get(code)
    if entry is None:
        return None
    actor = state.actors.get(entry.id) or ActorEntity(
        key=entry.id, name=entry.name, kind="country", country=entry.id,
        cameo=entry.cameo, wikidata=entry.wikidata)
    state.actors.setdefault(entry.id, actor)
    if mentioned and all(m.start != mention.start for m in actor.mentions):
        actor.mentions.append(mention)
    return actor


def capital_city(pobj: Token, state: DocState) -> list[Argument]:
    """A capital the NER missed standing for its country: "weapons to Kyiv", "its ambassador
    to Washington"."""

    if pobj.i in state.token_actor or (span := _known_city(pobj)) is None:
        return []
    place = gazetteer().lookup(span.text)
    actor = _country_actor(place.country, span, state) if place and place.capital and place.country else None
    return [Argument(actor, span, f"capital:{span.text}")] if actor is not None else []


def _known_city(pobj: Token) -> Span | None:
    """A proper name the NER missed ("a visit to Kyiv") that the gazetteer knows as a capital
    or a city of 100,000 or more: small places share their names with too much else."""

    if pobj.pos_ != "PROPN":
        return None
    start = min([pobj.i] + [c.i for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"])
    span = pobj.doc[start: pobj.i + 1]
    if pobj.ent_type_ and any(e.start <= pobj.i < e.end and (e.start, e.end) != (span.start, span.end)
                              for e in doc_ents(pobj.doc)):
        return None  # part of a longer name ("Paris Hilton")
    place = gazetteer().lookup(span.text)
    if place is None or not (place.capital or (place.population or 0) >= 100_000):
        return None
    return span
