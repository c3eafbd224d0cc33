"""Unnamed actors named by their role: "police in Nairobi", "its fighters", "Western
allies", and the organs of a country ("Kenyan police" -> KENCOP).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..kb import Entry
from ..lang import word_class, word_table
from ..nlp.state import DocState
from ..timeplace import gazetteer
from .mentions import (
    CLIENT_SECTORS,
    INCUMBENT_DETERMINERS,
    PARTITIVES,
    SUBJECT_DEPS,
    Mentions,
    most_recent,
    slug,
)

ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "dative", "attr"}


def _leading(token: Token) -> bool:
    """"student-led protests": the modifier of "-led" is who leads, an actor as in an argument."""
    return token.dep_ in ("npadvmod", "compound") and token.head.dep_ == "amod" and \
        token.head.lemma_.lower() == "lead" and any(c.text == "-" for c in token.head.children)


def _office_owner(token: Token) -> bool:
    """"the president's travel ban", "the ministry's statement": a definite office owning an
    act is its author, as "the president banned" would be; other possessors classify ("a
    children's playground") and stay no actor."""
    return token.dep_ == "poss" and token.lemma_.lower() in COUNTRYLESS_ROLES and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children)


CIVIL_SECTORS = {"CVL", "EDU", "LAB", "REF", "OPP", "AGR", "HLH", "MED", "BUS", "REL", "CRM", "UAF"}
"""Sectors whose people are a group, not an organisation: "Kenyan students" (CAMEO codes, not
English words: they stay with the code, as the other sector sets here do)."""


def organ_kind(sector: str) -> str:
    """A state's organ is an organisation; its civilians, students, farmers are a group."""
    return "organisation" if sector not in CIVIL_SECTORS else "group"

# members in lang/en/actor_words.yaml
COUNTRYLESS_ROLES = word_class("countryless_roles")
MEMBER_HEADS = word_class("member_heads")
ROLE_HEADS = word_class("role_heads")
INSTITUTION_HEADS = word_class("institution_heads")
HOME_ORGANS = word_class("home_organs")
ORGAN_NOUNS = word_class("organ_nouns")
COLLECTIVES = word_class("collectives")
BLOC_MODIFIERS = word_class("bloc_modifiers")
COLLECTIVE_PEOPLE = word_class("collective_people")
KIND_COMPOUND_HEADS = {word: frozenset(sectors) for word, sectors in word_table("kind_compound_heads").items()}
COMMON_NOUN_ONLY = word_table("common_noun_only")

STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
"""Organs a person's possessive names by their country: "his government", "her army"."""

POSSESSIVES = {"its", "their", "his", "her"}
"""The possessive pronouns of the owner passes (``component``: his/her, then its, then their)."""


def doc_span_text(token: Token) -> str:
    """The whole entity a token belongs to ("Ivory Coast" from "Coast")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _bare_plural(token: Token) -> bool:
    """"Security forces killed ...", "abductions by police": no article, number or owner, so
    most likely the organ the article has already named."""
    return token.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "amod", "prep") for c in token.children)


def _names_an_office(token: Token) -> bool:
    """Does a role noun whose country is unknown name one particular office? "the government",
    "this court", "officials said", "parliament voted" do; "either government", "a court", "in
    court" name none, and "his spokesperson" is whoever "his" is (the owner passes decide)."""
    if any(c.dep_ == "poss" for c in token.children):
        return False
    dets = [c for c in token.children if c.dep_ in ("det", "predet")]
    if dets:
        return all(c.lower_ in INCUMBENT_DETERMINERS for c in dets)
    return token.tag_ == "NNS" or token.dep_ in ("nsubj", "nsubjpass")


def _of_actor(token: Token, state: DocState) -> bool:
    """Does an "of" phrase name whose the noun's referents are ("leaders of the NLD")?"""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and state.actor_at(o) is not None for o in c.children) for c in token.children)


class Groups(Mentions):
    """Sector words of the knowledge base turned into groups and state organs."""

    def _sector_groups(self, tokens: list[Token], state: DocState) -> list[tuple[Token, str]]:
        """Unnamed actors the text gives a role to: "rebels in the Ivory Coast", "police in
        Nairobi", "the government of Sindh province", "protesters". Returns those owned by a
        pronoun ("its fighters"), which wait until the pronoun is resolved."""
        waiting = []
        for token in tokens:
            if token.pos_ != "NOUN" or token.i in state.token_actor or not (
                    token.dep_ in ARGUMENT_DEPS or _leading(token) or _office_owner(token)):
                continue
            owned = any(c.dep_ == "poss" and c.lower_ in POSSESSIVES for c in token.children)
            # "urging its leaders": a state's own leaders are its government; bare "leaders" say too little
            sector = self._sector(token) or ("GOV" if owned and token.lemma_.lower() == "leader" else None)
            if sector is None:
                continue
            if owned:
                waiting.append((token, sector))
                continue
            self._sector_group(token, sector, state)
        return waiting

    def _possessed_groups(self, waiting: list[tuple[Token, str]], state: DocState,
                          pronouns: tuple[str, ...]) -> list[tuple[Token, str]]:
        """"The Israeli military said its troops ...", "Taipei put its forces on alert",
        "Szijjarto said his government ...": the members of the actor the pronoun refers to --
        a group itself, a country's organ, or the state organ of a person's country. Returns
        those owned by other pronouns, still to be resolved."""
        later = []
        for token, sector in waiting:
            pronoun = next(c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES)
            if pronoun.lower_ not in pronouns:
                later.append((token, sector))
                continue
            hit = state.actor_at(pronoun)
            owner = hit[0] if hit is not None else None
            span = token.doc[pronoun.i: token.i + 1]
            if owner is not None and owner.kind == "person":
                country = self.kb.entries.get(owner.country or "") if sector in STATE_SECTORS else None
                if country is not None and (owner.cameo or "").startswith(country.cameo or country.id):
                    # "his government" of a minister; not of a UN chief ("his spokesperson"). The
                    # pronoun itself still names him: "ministers quit his government" leave him.
                    owned_by = state.token_actor.get(pronoun.i)
                    self._add_organ(state, country, sector, span, token)
                    if owned_by is not None:
                        state.token_actor[pronoun.i] = owned_by
                else:  # "his supporters" are no organ of his country
                    self._sector_group(token, sector, state)
            elif owner is None:
                self._sector_group(token, sector, state)
            elif owner.kind == "country":
                self._add_organ(state, self.kb.entries[owner.key], sector, span, token)
            else:
                self._add(state, owner.key, span)
        return later

    def _collectives(self, tokens: list[Token], state: DocState) -> None:
        """"Western allies", "donor countries", "six world powers", "dozens of countries":
        states acting together, named by what they are. They are actors (a group with no
        country or CAMEO code) when a modifier says which; a bare or definite plural ("the
        countries") refers back to states already named and is left alone."""
        for token in tokens:
            if token.tag_ != "NNS" or token.lemma_.lower() not in COLLECTIVES or \
                    token.i in state.token_actor or token.dep_ not in ARGUMENT_DEPS:
                continue
            mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nummod") and c.i < token.i]
            partitive = token.head.dep_ == "prep" and token.head.lower_ == "of" and \
                token.head.head.lemma_.lower() in PARTITIVES
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children)
            described = any(m.dep_ == "amod" for m in mods)
            if definite or any(c.dep_ == "poss" for c in token.children) and not described:
                continue  # "its allies", "the (two Nordic) countries": named before
            if not (mods or partitive) or any(state.actor_at(m) for m in mods) or _of_actor(token, state):
                continue  # "NATO allies", "other leaders of the NLD" are NATO's, the NLD's own
            if token.lemma_.lower() in COLLECTIVE_PEOPLE and not any(
                    m.dep_ in ("amod", "compound") and m.lower_ in BLOC_MODIFIERS for m in mods):
                continue  # "protest leaders" are a kind of person, not a bloc of states
            doc = token.doc
            start = min([token.i, *(m.left_edge.i for m in mods)])
            span = doc[start: token.i + 1]
            name = span.text
            self._add(state, f"group:{slug(name)}", span, name=name, kind="group")

    def _sector_group(self, token: Token, sector: str, state: DocState) -> None:
        doc = token.doc
        if self._named_members(token, state):
            return
        country = self._country_of(token, state)
        # bare "troops", "police": members of one organ -- the sender's or the one named before
        members = _bare_plural(token) and sector in STATE_SECTORS and token.lemma_.lower() not in ORGAN_NOUNS
        if country is None and members and token.dep_ == "dobj":
            country = self._senders_country(token, state)
        definite = token.i > 0 and doc[token.i - 1].lower_ == "the"
        if country is None and (definite or members) and self._organ_named_before(token, sector, state):
            return
        lemma = token.lemma_.lower()
        if country is None and definite and self._kind_sectors(lemma, sector):
            return  # "the two armies' generals ... the officers": whose, only what came before says
        # a modifier that gave the sector says whose: "student leaders", "aid groups"
        modifier = [c.lower_ for c in token.children if c.i < token.i and c.i not in state.token_actor and (
                    c.dep_ == "compound" or c.dep_ == "amod" and c.pos_ == "ADJ")] \
            if self.kb.sectors.get(lemma) != sector and token.tag_ == "NNS" else []
        bare = token.tag_ == "NN" and token.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("det", "poss") for c in token.children)  # not "marched towards parliament"
        if country is None and (definite or bare) and lemma in HOME_ORGANS:  # "after parliament began"
            country = self._only_country(token, state)  # "Nigerian unions ... if the government failed"
        start = token.i
        while start > token.left_edge.i and doc[start - 1].dep_ in ("amod", "compound") \
                and doc[start - 1].i not in state.token_actor:
            start -= 1
        span = doc[start: token.i + 1]
        if country is not None:
            self._add_organ(state, country, sector, span, token)
        elif lemma in COUNTRYLESS_ROLES and not modifier:
            if not _names_an_office(token):
                return  # "either government", "a court", "in court", "his spokesperson"
            # "the government", "officials": whose, unknown; still the side of what they did
            self._add(state, f"group:{slug(lemma)}", span, name=lemma, kind="group", cameo=sector, sector=sector)
        else:
            name = " ".join([*modifier, lemma])
            self._add(state, f"group:{slug(name)}", span, name=name, kind="group", cameo=sector,
                      sector=sector)

    def _only_country(self, token: Token, state: DocState) -> Entry | None:
        """The one country every actor named so far in this sentence belongs to, if there
        is exactly one: the home of "the government" in a sentence about one country."""
        sent = token.sent
        countries = {(hit[0].key if hit[0].kind == "country" else hit[0].country)
                     for t in sent if t.i < token.i and (hit := state.actor_at(t)) is not None
                     and not (hit[0].kind == "person" and hit[0].country is None)}  # whose, unknown
        if len(countries) != 1 or None in countries:
            return None
        return self.kb.entries.get(next(iter(countries)))

    def _named_members(self, token: Token, state: DocState) -> bool:
        """"ELN rebels", "Wagner fighters", "Hezbollah's fighters": the named group's own."""
        named = next((hit for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                      and c.pos_ != "PRON" and (hit := state.actor_at(c)) is not None), None)
        if named is None or named[0].kind == "country":
            return False
        span = token.doc[named[1].start: token.i + 1]
        self._add(state, named[0].key, span, overwrite=False)
        state.token_actor[token.i] = (named[0].key, span)
        return True

    def _organ_named_before(self, token: Token, sector: str, state: DocState) -> bool:
        """"the army" or "security forces" after "Israeli troops": the organ already named; an
        actor the knowledge base knows by that description ("the paramilitaries": RSF); after
        "army chief X", the army of X's country."""
        described = set(self.kb.nominals.get(token.lower_, ()))
        sectors = self._kind_sectors(token.lemma_.lower(), sector) or {sector}
        same = most_recent(state, token.idx, lambda a: a.key in described or (
            a.sector in sectors and a.country in self.kb.entries))
        if same is None:
            return False
        span = token.doc[token.left_edge.i: token.i + 1]
        if same.kind == "person" and same.key not in described:
            self._add_organ(state, self.kb.entries[same.country or ""],
                            same.sector if same.sector in sectors else sector, span, token)
        else:
            self._add(state, same.key, span)
        return True

    def _kind_sectors(self, lemma: str, sector: str) -> frozenset[str] | None:
        """The sectors of an organ named before that a kind-compound head refers back to ("the
        officers": police or soldiers), when its sector is its own word's ("military officers"
        are soldiers only); None for other words."""
        return KIND_COMPOUND_HEADS.get(lemma) if self.kb.sectors.get(lemma) == sector else None

    def _senders_country(self, token: Token, state: DocState) -> Entry | None:
        """"Mexico had sent troops", "Kigali denied sending troops": bare troops sent by a
        country are its own."""
        verb = token.head
        for _ in range(3):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                hit = state.actor_at(subject)
                if hit is None or hit[0].kind not in ("country", "organisation") or not hit[0].country:
                    return None
                return self.kb.entries.get(hit[0].country)
            if verb.dep_ not in ("xcomp", "pcomp", "ccomp", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _demonym_organ(self, span: Span, state: DocState) -> None:
        """An entity made of a country's adjective and a role ("Ukrainian navy", "Israeli
        military") is that country's organ; the NER tags such phrases ORG now and then."""
        hit = self.kb.lookup(span[0].text)
        sector = self.kb.sectors.get(" ".join(t.lemma_.lower() for t in span[1:])) if len(span) > 1 else None
        if hit is not None and hit[0].kind == "country" and sector is not None:
            self._add_organ(state, hit[0], sector, span, span[-1])

    def _add_organ(self, state: DocState, country: Entry, sector: str, span: Span, head: Token) -> None:
        """"Kenyan police" -> Kenya (police), KENCOP; civilians of a country are a group."""
        self._add(state, f"{country.id}-{sector}", span, name=f"{country.name} ({head.lemma_})",
                  kind=organ_kind(sector), country=country.id, cameo=f"{country.cameo}{sector}", sector=sector)

    def _country_of(self, token: Token, state: DocState) -> Entry | None:
        """The country a role noun is tied to by "in"/"of"/"from" ("police in Nairobi"), or
        the one leading it ("Saudi-led forces", "the U.S.-led coalition": its leader's side,
        unlike "Russian-backed separatists", whose backer is another side)."""
        for leader in (m for c in token.children if c.dep_ == "amod" for m in c.children if _leading(m)):
            hit = state.actor_at(leader)
            if hit is not None and hit[0].kind == "country" and hit[0].country:
                return self.kb.entries.get(hit[0].country)
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                hit = state.actor_at(pobj)
                if hit is not None and hit[0].country:
                    return self.kb.entries.get(hit[0].country)
                if pobj.ent_type_ in ("GPE", "LOC"):

                    found = gazetteer().lookup(doc_span_text(pobj))
                    if found is not None and found.country:
                        return self.kb.entries.get(found.country)
        return None

    def _sector(self, head: Token) -> str | None:
        """Sector named by a noun or its compound ("army chief", "police", "defence ministry")."""
        mods = [c for c in head.lefts if c.dep_ in ("amod", "compound")]
        words = [c.lower_ for c in mods if c.dep_ == "compound"]
        lemma = head.lemma_.lower()
        kind_named = lemma in KIND_COMPOUND_HEADS
        phrases = [] if kind_named and not words else [" ".join([*words, head.lower_]), " ".join([*words, lemma])]
        if mods:
            phrases.append(f"{mods[-1].lower_} {lemma}")  # "militant groups"
        if len(mods) >= 2:  # "pro-democracy", split in three by the tokenizer
            phrases.append(f"{head.doc[mods[0].i: head.i].text.lower()} {lemma}")
        if mods and mods[-1].left_edge.i < mods[-1].i:  # "law enforcement officials": compound of a compound
            phrases.append(f"{head.doc[mods[-1].left_edge.i: head.i].text.lower()} {lemma}")
        for phrase in phrases:
            if phrase in self.kb.sectors:
                return self.kb.sectors[phrase]
        # a "rebel commander" commands rebels, a "police spokesman" speaks for the police
        if head.lemma_.lower() in ROLE_HEADS and (sector := self._modifier_sector(head, words)):
            return sector
        if not (kind_named and words):  # a "loan officer" is no police officer
            for phrase in (head.lower_, lemma):
                if phrase in self.kb.sectors:
                    return self.kb.sectors[phrase]
        if head.lower_ in COMMON_NOUN_ONLY and not mods and any(c.dep_ in ("det", "poss") for c in head.children):
            return next((self.kb.sectors[w] for w in COMMON_NOUN_ONLY[head.lower_] if w in self.kb.sectors), None)
        return self._modifier_sector(head, words)

    def _modifier_sector(self, head: Token, words: list[str]) -> str | None:
        """A sector word modifying another noun names the head only when the head is made of
        those people ("opposition supporters", "rebel commander") or is their organ ("police
        department"); a "refugee camp", "refugee crisis" or "army base" is no actor, and a
        "refugee agency" serves refugees rather than being them."""
        lemma = head.lemma_.lower()
        for word in words:
            sector = self.kb.sectors.get(word)
            if sector is None:
                continue
            if lemma in MEMBER_HEADS or (lemma in INSTITUTION_HEADS and sector not in CLIENT_SECTORS):
                return sector
        return None
