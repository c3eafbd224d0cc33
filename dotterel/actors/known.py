"""Mentions the knowledge base or the entity recogniser names: countries and their organs,
demonyms, capitals as metonyms, organisations and people.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..kb import Entry
from ..lang import word_class
from ..nlp.conjuncts import first_conjunct
from ..nlp.locative import PLACE_NOUNS, stands_as_place
from ..nlp.state import ActorEntity, DocState
from ..timeplace.gazetteer import gazetteer
from .groups import Groups, organ_kind
from .mentions import SUBJECT_DEPS, names_incumbent, slug, strip_article
from .untagged import untagged_names

ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}

# members in lang/en/actor_words.yaml
DOCUMENT_HEADS = word_class("document_heads")
ACTING_PREPS = word_class("acting_preps")
PARTY_PREPS = word_class("party_preps")
POLITY_PREPS = word_class("polity_preps")
NAME_PARTICLES = word_class("name_particles")
NAME_TITLES = word_class("name_titles")
WATERS = word_class("waters")
KIND_ADJECTIVES = word_class("kind_adjectives")
DEMONYM_ENDINGS = tuple(word_class("demonym_endings"))


def _acting(span: Span) -> bool:
    """A capital names its government when it acts or is acted on, not where it is a location."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "dative", "appos"):
        return True
    if root.dep_ != "pobj":
        return False
    # "according to the State Department": the source of what is told
    return root.head.lower_ in ACTING_PREPS or (root.head.lower_ == "to" and root.head.head.lower_ == "according")


PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss"})


def _acting_position(root: Token, unplaced: bool = False) -> bool:
    """A place name no list holds is a party where the grammar makes it one: as ``_acting``
    reads a capital, but coordinated names read off the first ("Borduria and Syldavia signed"),
    no apposition, and only the prepositions of a party (``party_preps``). A name the gazetteer
    does not know either (``unplaced``) is no town or region where things happen: after "to",
    "of", "into" it is the state aimed at ("aid to Syldavia", "the invasion of Syldavia")."""
    root = first_conjunct(root)
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return False  # "the villages of Nondin": where, even for a name no gazetteer holds
        return prep.lower_ in PARTY_PREPS or (unplaced and prep.lower_ in POLITY_PREPS)
    return root.dep_ in PARTY_DEPS


def _party_position(root: Token) -> bool:
    """``_acting_position`` for an untagged name, unplaced when the gazetteer lacks it."""
    return _acting_position(root) or (
        root.dep_ == "pobj" and _acting_position(root, gazetteer().lookup(root.text) is None))


_BRACKETS = ("<", ">")


def _trimmed(entity: Span) -> Span:
    """The name without a possessive ending ("Islamic State's"), the line breaks the entity
    recogniser ran it into ("All India Union of Forest Working People" before a paragraph) or
    the angle brackets newswires put around company names ("<Cogeco Inc>")."""
    start, end = entity.start, entity.end
    doc = entity.doc
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _BRACKETS or (
            end - start > 1 and doc[end - 1].lower_ in ("'s", "’s", "'"))):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].text in _BRACKETS):
        start += 1
    return Span(doc, start, end, label=entity.label)


def _capitalised(span: Span) -> bool:
    """Is a case-blind match written as a name ("Hosni Mubarak", "al-Assad"), not as words?"""
    return all(t.is_title or t.is_upper or not t.is_alpha or t.lower_ in NAME_PARTICLES
               or t.text[:1].isupper() for t in span)


def _outside(span: Span, furniture: list[tuple[int, int, int]]) -> Span | None:
    """The span without the page furniture it starts with ("AP Photo Tillerson" ->
    "Tillerson"); None when it lies inside a platform or credit ("USA" of "USA TODAY")."""
    for _, start, end in furniture:
        if start <= span.start < end:
            if span.end <= end:
                return None
            span = Span(span.doc, end, span.end, label=span.label)
        elif span.start < start < span.end:
            span = Span(span.doc, span.start, start, label=span.label)  # "Trump Twitter"
    return span


def _names_a_document(span: Span) -> bool:
    """"the 2024 Finance Bill": a document word heading a phrase with a determiner or a
    modifier outside the name; "Bill Clinton" and "Bill said" stay people."""
    root = span.root
    if root.lower_ not in DOCUMENT_HEADS:
        return False
    return any(c.dep_ in ("det", "compound", "nummod", "amod") and not span.start <= c.i < span.end
               for c in root.children) or root.i > span.start


CORPORATE_DESIGNATORS = word_class("corporate_designators")


def _a_company(span: Span) -> bool:
    """"Price Co", "Philippine Airlines Ltd": the legal form closing the name makes it a business."""
    return span[-1].lower_.rstrip(".") in CORPORATE_DESIGNATORS


PLACE_KINDS = ("admin1", "admin2", "ours")
TOWN_SIZE = 10_000
"""A town this size or an administrative area: smaller places share their names with people."""


def _names_a_place(span: Span) -> bool:
    """"taken from Goma", "the Rafah crossing", "in Rakhine state": a name the tagger took for
    a person or organisation, which the gazetteer knows as a place and which stands where
    places stand, is a place (the place stage finds it), not an actor."""
    if not stands_as_place(span):
        return False
    place = gazetteer().lookup(span.text)
    return place is not None and (place.kind in PLACE_KINDS or place.population >= TOWN_SIZE)


def _in_a_water_name(span: Span) -> bool:
    """"an attack on tankers in the Gulf of Oman", "drills in the South China Sea": a
    country's name inside the name of a sea or strait is where, no mention of the country."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        water = root.head.head
    elif root.dep_ == "compound" and root.head.i > root.i:
        water = root.head
    else:
        return False
    return water.lemma_.lower() in WATERS and water.text[:1].isupper()


def _titles_a_name(head: Token) -> bool:
    """Is this noun a title standing before a person's name ("President" in "Nigerien
    President Mohamed Bazoum"), or the name itself?"""
    doc = head.doc
    return head.ent_type_ == "PERSON" or (
        head.dep_ == "compound" and head.head.i > head.i and head.head.ent_type_ == "PERSON") or (
        # "Xi Jinping and Russian President Vladimir Putin" parsed with "President" as a
        # conjunct: a title right before a name is that person's whatever the parse
        head.i + 1 < len(doc) and doc[head.i + 1].ent_iob_ == "B" and doc[head.i + 1].ent_type_ == "PERSON")


def _contains_name(full: str, words: list[str]) -> bool:
    parts = full.split()
    return all(w in parts for w in words)


def _person_named(state: DocState, words: list[str]) -> ActorEntity | None:
    """The person named last whose name holds these words ("Salcedo" of "Jorge Salcedo")."""
    return next((a for a in reversed(list(state.actors.values()))
                 if a.kind == "person" and words and _contains_name(a.name, words)), None)


_TITLES = "|".join(re.escape(t) for t in sorted(NAME_TITLES, key=lambda t: (-len(t), t)))
_TITLE = re.compile(rf"^(?:{_TITLES})\.?\s+")
"""A title opening a name ("Mr.", "Prime Minister"), the longer tried first."""


def _strip_title(text: str) -> str:
    return _TITLE.sub("", text).removesuffix("'s").strip()


class KnownNames(Groups):
    """Resolves candidate spans; a country's organ needs the sector words of ``Groups``."""

    model_words: frozenset[str]  # set by the component: the words the model was trained on

    def _candidates(self, doc: Doc, state: DocState) -> list[Span]:
        kb_spans = [Span(doc, s, e, label="KB") for _, s, e in self.matcher(doc)]
        kb_spans += [Span(doc, s, e, label="KB") for _, s, e in self.folded(doc) if _capitalised(doc[s:e])]
        # "Islamic State's" tagged with its possessive ending: the name is without it
        ents = [_trimmed(e) for e in doc.ents if e.label_ in ENTITY_KINDS or e.label_ == "GPE"]
        # "Sanctions imposed by the European Union on Belarus" tagged as one ORG: a known name
        # followed by a preposition ends the name ("Council on Foreign Relations" is no known
        # name before its "on", and stays whole)
        known_ends = {s.end for s in kb_spans}
        ents = [e for e in ents if not any(t.i in known_ends and t.pos_ == "ADP" and t.is_lower
                                           and t.lower_ != "of" for t in e)]
        spans = [s for s in kb_spans + ents if len(s) and not _in_a_water_name(s)]
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += untagged_names(doc, _party_position, self._a_word, taken)
        furniture = self.not_actors(doc)
        state.not_actor_tokens = {i for _, start, end in furniture for i in range(start, end)}
        if furniture:
            spans = [s for s in (_outside(span, furniture) for span in spans) if s is not None]
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def _resolve(self, span: Span, state: DocState) -> None:
        hit = self.kb.find(span.text)
        if hit is not None:
            self._resolve_known(span, *hit, state)
        elif span.label_ in ("PERSON", "ORG") and not any(t.tag_ in ("NNP", "NNPS") for t in span):
            self._demonym_organ(span, state)  # "Ukrainian navy" tagged ORG is Ukraine's navy
            return  # "Gang" in "Gang leader Jimmy Cherizier", tagged as an entity, names nobody
        elif span.label_ in ("PERSON", "ORG") and (_names_a_document(span) or _names_a_place(span)):
            return
        elif span.label_ == "PERSON" and not _a_company(span):  # "David Brooks Ltd" is no person
            self._resolve_person(span, state)
        elif span.label_ in ("PERSON", "ORG"):
            name = strip_article(" ".join(span.text.split()))
            business = {"sector": "BUS", "cameo": "BUS"} if _a_company(span) else {}
            self._add(state, f"org:{slug(name)}", span, name=name, kind="organisation", **business)
        elif span.label_ == "NORP" and len(span) == 1 and span.root.dep_ == "amod":
            self._unknown_demonym(span, state)
        elif span.label_ == "NORP" and span.root.tag_ in ("NNPS", "NNS"):
            self._add(state, f"group:{slug(span.text)}", span, name=span.text, kind="group")
        elif span.label_ == "GPE":
            self._resolve_polity(span, state)
        elif span.label_ == "NAME":
            self._resolve_name(span, state)

    def _a_word(self, token: Token) -> bool:
        """A word the model knows ("Use", "Economy"), a title or an office ("Judge"): no name."""
        return token.lower_ in self.model_words or token.text in NAME_TITLES or self._sector(token) is not None

    def _resolve_name(self, span: Span, state: DocState) -> None:
        """A name the tagger missed and nothing else in the text classifies ("Borduria
        imposed an embargo"): a person named before by that surname, a place the gazetteer
        knows as an area or a town, else a party of unknown kind."""
        name = strip_article(" ".join(span.text.split()))
        if (person := _person_named(state, name.split())) is not None:
            self._add(state, person.key, span)
            return
        place = gazetteer().lookup(name)
        if place is not None and (place.kind in PLACE_KINDS or place.population >= TOWN_SIZE):
            self._resolve_polity(span, state)  # "Kharkiv was shelled": Ukraine's city
            return
        self._add(state, f"name:{slug(name)}", span, name=name, kind="name")

    def _unknown_demonym(self, span: Span, state: DocState) -> None:
        """A demonym no list holds, before the noun it qualifies: as a known demonym reads, the
        organ its noun names ("Bordurian troops", "the Bordurian foreign ministry"), else the
        unknown state where the noun is a party ("Bordurian jets struck", "shelled Bordurian
        positions"); of no country. A demonym the lists hold (a country's, a party's) never
        gets here; faiths, creeds and regions (``kind_adjectives``) name no state."""
        head = span.root.head
        if head.pos_ not in ("NOUN", "PROPN") or head.i < span.end:
            return
        sector = self._sector(head)
        if sector is not None:
            self._add(state, f"demonym:{slug(span.text)}-{sector}", span.doc[span.start: head.i + 1],
                      name=f"{span.text} {head.lemma_}", sector=sector, kind=organ_kind(sector))
        elif _acting_position(head) and span.root.lower_ not in KIND_ADJECTIVES and \
                span.root.lower_.endswith(DEMONYM_ENDINGS):
            self._add(state, f"demonym:{slug(span.text)}", span, name=span.text, kind="name")

    def _resolve_polity(self, span: Span, state: DocState) -> None:
        """A place name the knowledge base does not know, where an actor stands: "Texas sued
        the administration", "shelled Kharkiv" (the guideline: a place aimed at is its people's
        or state's), "Borduria recalled its ambassador" -- a state or region news names that no
        list holds. A place the gazetteer knows acts for its country; one it does not know is
        still a polity, of unknown country. "in Kharkiv", "the Gaza ceasefire" and "the two
        Koreas" are no one acting."""
        name = strip_article(" ".join(span.text.split())).removesuffix("'s")
        root = span.root
        place = gazetteer().lookup(name)
        if not _acting_position(root, place is None) or root.tag_ == "NNPS" or \
                _person_named(state, [name]) is not None:
            return  # "Jorge Salcedo ... Salcedo said": a surname tagged as a place
        if root.dep_ == "poss" and self._sector(root.head) is not None:
            return  # "San Francisco's sheriff": the office acts, not the place
        if span.start > 0 and span.doc[span.start - 1].ent_type_ and span.doc[span.start - 1].pos_ == "PROPN":
            return  # "Jamal Khashoggi" tagged as two places: a name split by the tagger
        if place is None:
            self._add(state, f"place:{slug(name)}", span, name=name, kind="place")
        elif place.country:
            country = self.kb.entries.get(place.country)
            self._add(state, f"place:{place.country}:{slug(name)}", span, name=name, kind="place",
                      country=place.country, cameo=country.cameo if country else None)

    def _resolve_known(self, span: Span, entry: Entry, how: str, state: DocState) -> None:
        anchor = first_conjunct(span.root)  # "Hungarian and Romanian officials": both modify "officials"
        head = anchor.head
        sector = self._sector(head) if head.i >= span.end else None
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
            sector = None  # "Armenia's prime minister, Nikol Pashinyan": the person is the actor
        if entry.kind == "country" and sector and anchor.dep_ in ("poss", "amod", "compound"):
            # "Pakistan's army", "Israeli forces": a state organ, not the country itself.
            mention = span.doc[span.start: head.i + 1]
            title = " ".join(t.lower_ for t in span.doc[span.end: head.i + 1] if t.dep_ != "case")
            # "the Israeli prime minister" is its holder, "a North Korean leader" no one; before
            # a name ("US President Joe Biden") the title is that person's in any case
            named = names_incumbent(head) or _titles_a_name(head)
            person = self.kb.holder(title, entry.id, state.published) if named else None
            if person is not None:  # "the Israeli prime minister" in 2023: that person
                cameo, role_sector = self.kb.cameo_for(person, state.published)
                self._add(state, person.id, mention, name=person.name, kind=person.kind,
                          country=person.country, cameo=cameo, sector=role_sector,
                          wikidata=person.wikidata, gender=person.gender)
                return
            if _titles_a_name(head):
                # "Nigerien President Mohamed Bazoum": the title belongs to the person
                # (_person_titles); "Niger's" there still names the country, "Nigerien" does not
                if how == "name":
                    self._add(state, entry.id, span, name=entry.name, kind=entry.kind,
                              country=entry.country, cameo=entry.cameo, wikidata=entry.wikidata)
                return
            key = f"{entry.id}-{sector}"
            self._add(state, key, mention, name=f"{entry.name} ({mention[-1].lemma_})",
                      kind="organisation", country=entry.id, cameo=f"{entry.cameo}{sector}",
                      sector=sector)
            return
        if how == "demonym" and span.root.tag_ not in ("NNPS", "NNS") and span.root.dep_ not in SUBJECT_DEPS:
            # "an Australian ultimatum": the adjective names the country as the one acting.
            cameo, sector = self.kb.cameo_for(entry, state.published)
            self._add(state, entry.id, span, name=entry.name, kind=entry.kind, country=entry.country,
                      cameo=cameo, sector=sector, wikidata=entry.wikidata)
            return
        if how in ("capital", "metonym") and not _acting(span):
            return  # "in Islamabad", "in the Kremlin" are places; "Islamabad said" is the government
        if how == "metonym":
            # "Moscow said", "the Kremlin said": the government, CAMEO RUSGOV
            self._add(state, f"{entry.id}-GOV", span, name=f"{entry.name} (government)",
                      kind="organisation", country=entry.id, cameo=f"{entry.cameo}GOV", sector="GOV")
            return
        if how == "demonym":
            self._add(state, f"{entry.id}-people", span, name=span.text, kind="group",
                      country=entry.id, cameo=entry.cameo)
            return
        cameo, sector = self.kb.cameo_for(entry, state.published)
        self._add(state, entry.id, span, name=entry.name, kind=entry.kind,
                  country=entry.country, cameo=cameo, sector=sector,
                  wikidata=entry.wikidata, gender=entry.gender)

    def _resolve_person(self, span: Span, state: DocState) -> None:
        name = _strip_title(" ".join(span.text.split()))  # wire copy breaks lines inside names
        if (person := _person_named(state, name.split())) is not None:
            self._add(state, person.key, span)
            return
        self._add(state, f"person:{slug(name)}", span, name=name, kind="person")
