"""Actor recognition and in-article resolution (component ``dotterel_actors``).

Mentions come from the knowledge base (names, demonyms, capitals as metonyms) and from
spaCy's entities; titles give people the knowledge base does not know a country and code
("Nigerien President Mohamed Bazoum"); surnames, pronouns (he/she/it/they) and nominals
("the group") are then linked back to an actor already mentioned, so one actor carries all
of its mentions. When no single actor fits, a mention is left unresolved rather than guessed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .kb import Entry, KnowledgeBase, load_kb
from .parse import ActorEntity, DocState, doc_text

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "dative", "attr"}


def _leading(token: Token) -> bool:
    """"student-led protests": the modifier of "-led" is who leads, an actor as in an argument."""
    return token.dep_ in ("npadvmod", "compound") and token.head.dep_ == "amod" and \
        token.head.lemma_.lower() == "lead" and any(c.text == "-" for c in token.head.children)
CIVIL_SECTORS = {"CVL", "EDU", "LAB", "REF", "OPP", "AGR", "HLH", "MED", "BUS", "REL", "CRM", "UAF"}
INSTITUTIONS = {"country", "organisation", "igo", "armed_group", "party"}
NOT_GROUPS = {"government", "minister", "official", "spokesman", "spokeswoman", "spokesperson",
              "president", "leader", "chief", "head", "force", "country", "source", "authority",
              "ministry", "parliament", "court"}
"""Role nouns that say too little without a country ("officials said"); others ("police",
"troops", "protesters") are kept as actors of unknown country."""
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
DOCUMENT_HEADS = {"bill", "act", "law", "treaty", "accord", "accords", "agreement", "resolution",
                  "charter", "constitution", "protocol", "declaration", "convention", "amendment"}
"""Heads that make a name a text, not an actor, once it is told as a thing ("the 2024 Finance
Bill", "the Abraham Accords"), however the entity recogniser tagged it."""
MEMBER_HEADS = {"supporter", "member", "leader", "leadership", "representative", "delegate",
                "delegation", "group", "faction", "wing", "unit", "cell", "squad", "team", "staff",
                "personnel", "movement", "coalition", "alliance", "network", "union", "association",
                "federation", "organisation", "organization", "chief", "head", "boss", "commander",
                "officer", "figure", "loyalist", "sympathiser", "sympathizer", "negotiator",
                "politician", "candidate", "veteran", "recruit", "operative", "agent"}
"""Nouns whose sector-word modifier says who they are: "opposition supporters" are opposition."""
ROLE_HEADS = {"commander", "spokesman", "spokeswoman", "spokesperson", "official", "officer",
              "chief", "leader", "head"}
"""Offices whose holder belongs to the sector of their modifier rather than their own word."""
INSTITUTION_HEADS = {"agency", "office", "department", "service", "bureau", "command",
                     "directorate", "commission", "authority", "administration", "council",
                     "committee", "body", "board"}
"""Organs named by a modifier ("police department") unless it names whom they serve."""
CLIENT_SECTORS = {"REF", "CVL", "AGR", "LAB", "EDU", "HLH"}
"""Sectors of people an agency serves: a "refugee agency" is no refugee group."""
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
"""Organs a person's possessive names by their country: "his government", "her army"."""
POSSESSIVES = {"its", "their", "his", "her"}
HOME_ORGANS = {"government", "parliament", "authority", "regime", "administration", "cabinet"}
"""Organs a definite description ("the government") names without saying whose."""
ORGAN_NOUNS = {"government", "ministry", "army", "military", "navy", "court", "parliament",
               "legislature", "administration", "regime", "authority", "agency", "embassy",
               "consulate", "presidency", "cabinet", "junta", "service"}
"""Each names one organ, so a bare plural ("governments") is several, not one named before."""


@Language.factory("dotterel_actors", default_config={"actor_files": []},
                  assigns=["doc._.dotterel"], requires=["token.dep", "doc.ents"])
def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]) -> ActorResolver:
    return ActorResolver(nlp, load_kb(tuple(actor_files)))


class ActorResolver:
    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = sorted(kb.names)
        self.matcher.add("KB", list(nlp.tokenizer.pipe(names)))
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", list(nlp.tokenizer.pipe(sorted({t for t, _ in kb.titles}))))
        self.nominals = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.nominals.add("NOMINAL", list(nlp.tokenizer.pipe(sorted(kb.nominals))))

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        tokens = list(doc)  # one Token object per token for all passes: spaCy makes new ones per loop
        for span in self._candidates(doc):
            self._resolve(span, state)
        self._link_appositives(doc, state)
        self._link_titles(doc, state)
        self._person_titles(state)
        self._link_surnames(tokens, state)
        waiting = self._sector_groups(tokens, state)
        self._collectives(tokens, state)
        self._link_nominals(doc, tokens, state)
        self._link_pronouns(tokens, state)
        waiting = self._possessed_groups(waiting, state, ("his", "her"))
        self._link_it(doc, tokens, state)
        waiting = self._possessed_groups(waiting, state, ("its",))
        self._link_they(doc, tokens, state)
        self._possessed_groups(waiting, state, ("their",))
        self._link_counted(doc, tokens, state)
        return doc

    # ------------------------------------------------------------ people by their titles

    def _person_titles(self, state: DocState) -> None:
        """"Nigerien President Mohamed Bazoum", "Foreign Minister Maria Kovacs of Hungary",
        "Mohamed Bazoum, the president of Niger": the title and its owner are one mention with
        the name, and give a person the knowledge base does not know a country and a code."""
        for actor in [a for a in state.actors.values() if a.kind == "person"]:
            for mention in list(actor.mentions):
                if not any(m is mention for m in actor.mentions):
                    continue  # dropped: it was the title of a name just widened over it
                if mention.root.pos_ == "PROPN":
                    mention = self._with_title(state, actor, mention)
                if actor.key not in self.kb.entries and actor.country is None and actor.cameo is None:
                    self._take_title(actor, mention, state)

    def _with_title(self, state: DocState, actor: ActorEntity, mention: Span) -> Span:
        """The name mention widened over the title words before it and an "of" owner after it."""
        doc, root = mention.doc, mention.root
        first = mention.start
        anchor = root
        if root.dep_ == "appos" and root.head.i == first - 1 and root.head.pos_ in ("NOUN", "PROPN") \
                and state.actor_at(root.head) is None:
            anchor, first = root.head, first - 1  # "Niger's President [Mohamed Bazoum]"
        while first > 0 and _title_word(doc[first - 1], anchor, state, actor.key):
            first -= 1
        while first < mention.start and (doc[first].is_punct or doc[first].dep_ == "case"):
            first += 1  # "Rostov-on-Don": a hyphen does not start a title
        last = mention.end
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                   and c.i == mention.end and state.actor_at(c.right_edge) is not None), None)
        if of is not None:
            last = of.right_edge.i + 1
        if (first, last) == (mention.start, mention.end):
            return mention
        wide = doc[first:last]
        for other in list(actor.mentions):  # its own title said apart ("Italian Prime Minister")
            if other is not mention and first <= other.start and other.end <= mention.start:
                self._drop(state, actor.key, other)
        actor.mentions = [wide if m is mention else m for m in actor.mentions]
        for token in wide:
            hit = state.token_actor.get(token.i)
            if hit is None or hit[0] == actor.key:
                state.token_actor[token.i] = (actor.key, wide)
        return wide

    def _take_title(self, actor: ActorEntity, mention: Span, state: DocState) -> None:
        """Country, sector and CAMEO code from "<owner> <title>" in a mention."""
        title, owner = self._title_parts(actor, mention, state)
        if not title and owner is None:
            return
        sector = self._title_sector(title)
        org = self.kb.entries.get(owner) if owner else None
        if org is not None and org.kind != "country":
            if sector in CLIENT_SECTORS:
                return  # a "Hamas hostage" is held by Hamas, not one of its members
            actor.country, actor.cameo, actor.sector = org.country, org.cameo, org.sector
        elif org is not None:
            actor.country, actor.cameo, actor.sector = org.id, f"{org.cameo}{sector or ''}", sector
        elif sector is not None and mention.root.pos_ == "PROPN":
            actor.cameo = actor.sector = sector  # as for unnamed groups of unknown country

    def _title_parts(self, actor: ActorEntity, mention: Span,
                     state: DocState) -> tuple[list[Token], str | None]:
        """Title words and owner (KB id) of "Niger's President Mohamed Bazoum", "the president
        of Niger", "the Houthis' spokesman"."""
        root = mention.root
        if root.pos_ == "PROPN":
            names = set(actor.name.split())
            root = max((t for t in mention if t.text in names), key=lambda t: t.i, default=root)
            words = [t for t in mention if t.i < root.i and t.text not in names]
        else:
            words = [c for c in root.children if c.dep_ in ("compound", "amod", "poss")] + [root]
        words += [t for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        owner = next((o for t in words if (o := self._owner(t, state)) is not None), None)
        title = [t for t in words if t.pos_ in ("NOUN", "PROPN", "ADJ") and self._owner(t, state) is None
                 and t.i <= root.i]
        return title, owner

    def _owner(self, token: Token, state: DocState) -> str | None:
        """The country or organisation a title word names ("Nigerien", "Niger's", "Hamas")."""
        hit = state.actor_at(token)
        if hit is not None and hit[0].kind != "person":
            actor = hit[0]
            return actor.key if actor.key in self.kb.entries else actor.country
        found = self.kb.lookup(token.text)
        if found is not None and found[1] in ("name", "demonym") and found[0].kind != "person":
            return found[0].id
        return None

    def _title_sector(self, title: list[Token]) -> str | None:
        """"foreign minister" -> GOV, "army chief" -> MIL, "general" -> MIL."""
        words = [t.lower_ for t in title]
        for n in range(len(words)):
            if " ".join(words[n:]) in self.kb.sectors:
                return self.kb.sectors[" ".join(words[n:])]
        if title and title[-1].lemma_.lower() in self.kb.sectors:
            return self.kb.sectors[title[-1].lemma_.lower()]
        return self._modifier_sector(title[-1], words[:-1]) if title else None

    def _link_surnames(self, tokens: list[Token], state: DocState) -> None:
        """"Mohamed Bazoum ... Bazoum refused": a surname the parser did not tag as a person
        joins the one person of the article who bears it."""
        people: dict[str, list[ActorEntity]] = {}
        for actor in state.actors.values():
            words = actor.name.split()  # KB people list their surnames as aliases ("Xi")
            if actor.kind == "person" and actor.key not in self.kb.entries and len(words) >= 2 \
                    and len(words[-1]) >= 3:
                people.setdefault(words[-1], []).append(actor)
        if not people:
            return
        for token in tokens:
            bearers = people.get(token.text)
            if not bearers or len(bearers) > 1 or token.pos_ != "PROPN":
                continue
            hit = state.actor_at(token)
            if hit is None:
                self._add(state, bearers[0].key, token.doc[token.i: token.i + 1])
            elif hit[0].name == token.text and hit[0].key.startswith(("org:", "group:")):
                self._merge(state, hit[0].key, bearers[0].key)  # "Bazoum" taken for an ORG

    def _drop(self, state: DocState, key: str, span: Span) -> None:
        actor = state.actors[key]
        actor.mentions = [m for m in actor.mentions if (m.start, m.end) != (span.start, span.end)]
        for token in span:
            if state.token_actor.get(token.i, ("",))[0] == key:
                del state.token_actor[token.i]
        if not actor.mentions:
            del state.actors[key]

    def _merge(self, state: DocState, old: str, new: str) -> None:
        for span in state.actors.pop(old).mentions:
            self._add(state, new, span)

    def _link_appositives(self, doc: Doc, state: DocState) -> None:
        """"Ismail Haniyeh, the political chief of Hamas": the appositive names him too."""
        for actor in [a for a in state.actors.values() if a.kind == "person"]:
            for mention in list(actor.mentions):
                root = mention.root
                apps = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
                if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < root.i \
                        and root.head.lemma_.lower() in self.kb.title_heads:
                    apps.append(root.head)
                for app in apps:
                    span = doc[app.left_edge.i: app.right_edge.i + 1]
                    if span.end - span.start <= 12 and app.i not in state.token_actor:
                        self._add(state, actor.key, span, overwrite=False)

    def _link_titles(self, doc: Doc, state: DocState) -> None:
        """"the Israeli prime minister" in a 2023 article: who held that office then."""
        for _, start, end in self.titles(doc):
            span = doc[start:end]
            if any(t.i in state.token_actor for t in span):
                continue
            if end < len(doc) and doc[end].ent_type_ == "PERSON":
                continue  # "Prime Minister Benjamin Netanyahu": the name is the mention
            title = span.text.lower()
            for holder_of in self._title_owners(span, state):
                entry = self.kb.holder(title, holder_of, state.published)
                if entry is not None:
                    first = span.start
                    while first > 0 and doc[first - 1].i in state.token_actor or \
                            (first > 0 and doc[first - 1].dep_ in ("det", "amod", "compound", "poss", "case")
                             and doc[first - 1].i >= span.root.left_edge.i):
                        first -= 1
                    mention = doc[first: end]
                    cameo, sector = self.kb.cameo_for(entry, state.published)
                    self._add(state, entry.id, mention, overwrite=False, name=entry.name,
                              kind=entry.kind, country=entry.country, cameo=cameo, sector=sector,
                              wikidata=entry.wikidata, gender=entry.gender)
                    break

    def _title_owners(self, span: Span, state: DocState) -> list[str]:
        """Actor ids or ISO3 codes a title is tied to: "Israeli", "Pakistan's", "of Hamas"."""
        owners: list[str] = []
        doc = span.doc
        candidates = [doc[i] for i in range(max(span.root.left_edge.i, span.start - 3), span.start)]
        candidates += [c for p in span.root.children if p.dep_ == "prep" and p.lower_ == "of"
                       for c in p.subtree]
        for token in candidates:
            hit = state.actor_at(token)
            if hit is not None:
                actor = hit[0]
                owners.append(actor.key if actor.key in self.kb.entries else actor.country or actor.key)
                if actor.country and actor.country not in owners:
                    owners.append(actor.country)
        return owners

    def _sector_groups(self, tokens: list[Token], state: DocState) -> list[tuple[Token, str]]:
        """Unnamed actors the text gives a role to: "rebels in the Ivory Coast", "police in
        Nairobi", "the government of Sindh province", "protesters". Returns those owned by a
        pronoun ("its fighters"), which wait until the pronoun is resolved."""
        waiting = []
        for token in tokens:
            if token.pos_ != "NOUN" or token.i in state.token_actor or not (
                    token.dep_ in ARGUMENT_DEPS or _leading(token)):
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
            if not (mods or partitive) or any(state.actor_at(m) for m in mods):
                continue  # "NATO allies" are NATO's own
            doc = token.doc
            start = min([token.i, *(m.left_edge.i for m in mods)])
            span = doc[start: token.i + 1]
            name = span.text
            self._add(state, f"group:{_slug(name)}", span, name=name, kind="group")

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
        # a modifier that gave the sector says whose: "student leaders", "aid groups"
        modifier = [c.lower_ for c in token.children if c.i < token.i and c.i not in state.token_actor and (
                    c.dep_ == "compound" or c.dep_ == "amod" and c.pos_ == "ADJ")] \
            if self.kb.sectors.get(lemma) != sector and token.tag_ == "NNS" else []
        bare = token.tag_ == "NN" and token.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("det", "poss") for c in token.children)  # not "marched towards parliament"
        if country is None and (definite or bare) and lemma in HOME_ORGANS:  # "after parliament began"
            country = self._only_country(token, state)  # "Nigerian unions ... if the government failed"
        if country is None and lemma in NOT_GROUPS and not modifier:
            return  # "the government", "officials": whose? Unknown; not worth an actor
        start = token.i
        while start > token.left_edge.i and doc[start - 1].dep_ in ("amod", "compound") \
                and doc[start - 1].i not in state.token_actor:
            start -= 1
        span = doc[start: token.i + 1]
        if country is not None:
            self._add_organ(state, country, sector, span, token)
        else:
            name = " ".join([*modifier, lemma])
            self._add(state, f"group:{_slug(name)}", span, name=name, kind="group", cameo=sector,
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
        same = _most_recent(state, token.idx, lambda a: a.key in described or (
            a.sector == sector and a.country in self.kb.entries))
        if same is None:
            return False
        span = token.doc[token.left_edge.i: token.i + 1]
        if same.kind == "person" and same.key not in described:
            self._add_organ(state, self.kb.entries[same.country or ""], sector, span, token)
        else:
            self._add(state, same.key, span)
        return True

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
                  kind="organisation" if sector not in CIVIL_SECTORS else "group",
                  country=country.id, cameo=f"{country.cameo}{sector}", sector=sector)

    def _country_of(self, token: Token, state: DocState) -> Entry | None:
        """The country a role noun is tied to by "in"/"of"/"from" ("police in Nairobi")."""
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
                    from .timeplace import gazetteer

                    found = gazetteer().lookup(doc_span_text(pobj))
                    if found is not None and found.country:
                        return self.kb.entries.get(found.country)
        return None

    def _link_it(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"Switzerland said it had expelled ...": "it"/"its" as a subject or possessor refers
        back to the nearest country or organisation, when one was mentioned in this or the
        previous sentence."""
        for token in tokens:
            if token.lower_ == "it" and _charged_object(token):
                self._link_charged(doc, token, state)
                continue
            if token.lower_ not in ("it", "its") or token.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            if any(c.dep_ in ("expl", "ccomp", "csubj") for c in token.head.children) or \
                    (token.head.lemma_ == "be" and token.i + 2 < len(doc) and doc[token.i + 2].lower_ in ("that", "to")):
                continue  # "it was clear that ...": nobody
            floor = _previous_sentence_start(token)
            antecedent = _governing_institution(token, state) or \
                _most_recent(state, token.idx, lambda a: a.kind in INSTITUTIONS,
                             window=doc[floor: token.i])
            if antecedent is not None:
                self._add(state, antecedent.key, doc[token.i: token.i + 1])

    def _link_charged(self, doc: Doc, token: Token, state: DocState) -> None:
        """"Trump halted funding to the WHO, accusing it of mismanagement": "it" as the
        one accused or urged is the nearest country or organisation before it that is not
        the accuser."""
        floor = _previous_sentence_start(token)
        accusers = _clause_subjects(token.head, state)
        antecedent = _most_recent(state, token.idx, lambda a: a.kind in INSTITUTIONS and a.key not in accusers,
                                  window=doc[floor: token.i])
        if antecedent is not None:
            self._add(state, antecedent.key, doc[token.i: token.i + 1])

    # ------------------------------------------------------------ the two countries

    def _link_counted(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"Gazprom halted supplies to Poland and Bulgaria after the two countries refused":
        "the two countries", "both sides", "the three nations" refer back to the last
        coordination of that many states or organisations, in this or the previous sentence."""
        for token in tokens:
            count = _counted_reference(token)
            if not count or token.i in state.token_actor:
                continue
            floor = _previous_sentence_start(token)
            for head in reversed(tokens[floor: token.i]):
                if head.dep_ == "conj" or head.i >= token.left_edge.i:
                    continue
                keys = list(dict.fromkeys(hit[0].key for c in _coordinates(head)
                                          if (hit := state.actor_at(c)) is not None and hit[0].kind in INSTITUTIONS))
                if len(keys) == count:
                    state.token_group[token.i] = keys
                    break

    # ------------------------------------------------------------ they / them / their

    def _link_they(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        """"M23 rebels said they had taken Goma": a plural pronoun refers to the most salient
        plural noun phrase before it -- the subject governing its clause, else the subjects,
        then objects, of this sentence and then the previous one. It is linked only when that
        phrase is one plural actor; a coordination ("Egypt and Qatar ... they"), a plural that
        is no actor ("officials said they") or nothing at all ("they say") leaves it
        unresolved rather than passing on to an older actor. Inside a direct quote the speaker
        is talking, so only a phrase within the same quote counts."""
        pronouns = [t for t in tokens if t.lower_ in PLURAL_PRONOUNS and t.pos_ == "PRON"
                    and t.i not in state.token_actor]
        if not pronouns:
            return
        quotes = _QuoteMap(doc_text(doc))
        for token in pronouns:
            quote = quotes.around(token.idx)
            key = self._plural_antecedent(token, state, lambda t: quotes.around(t.idx) == quote)
            if key:
                self._add(state, key, doc[token.i: token.i + 1])
            elif (keys := _coordinated_subject(token, state)):
                state.token_group[token.i] = keys  # "Egypt and Qatar said they would ..."

    def _plural_antecedent(self, pronoun: Token, state: DocState,
                           allowed: Callable[[Token], bool]) -> str | None:
        verdict = self._governing_subject(pronoun, state, allowed)
        if verdict is not None:
            return verdict
        barred = _co_arguments(pronoun)
        sent = pronoun.sent
        windows = [pronoun.doc[sent.start: pronoun.i]]
        if sent.start > 0:
            windows.append(pronoun.doc[sent.start - 1].sent)
        for window in windows:
            ranked = sorted((t for t in window if allowed(t) and t not in barred and _np_head(t)),
                            key=lambda t: (_role_rank(t), -t.i))
            for token in ranked:
                verdict = self._plural_np(token, state)
                if verdict is not None:
                    return verdict
        return None

    def _governing_subject(self, pronoun: Token, state: DocState,
                           allowed: Callable[[Token], bool]) -> str | None:
        """The plural subject of a clause the pronoun sits in: "the rebels said [they ...]";
        "their" may also take its own clause's subject ("the Houthis said their forces")."""
        own = set(_clause_chain(pronoun.head)) if pronoun.lower_ not in BOUND_PRONOUNS else set()
        for verb in [pronoun.head, *pronoun.head.ancestors]:
            if verb in own:
                continue
            for subject in verb.children:
                if subject.dep_ in SUBJECT_DEPS and subject.i < pronoun.i and allowed(subject) \
                        and not subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                    verdict = self._plural_np(subject, state)
                    if verdict is not None:
                        return verdict
        return None

    def _plural_np(self, token: Token, state: DocState) -> str | None:
        """What a plural pronoun would take from the phrase headed by token: an actor key, ""
        for a plural that is no single actor, None when the phrase is not plural."""
        token = _partitive(token)
        if token.ent_type_ in NUMERIC_ENTITIES:
            return None
        if _coordinated(token):
            return ""  # "Egypt and Qatar": they are both, and an actor reference holds one
        hit = state.actor_at(token)
        if hit is not None and hit[0].kind in SINGULAR_KINDS:
            return None
        if not self._is_plural(token, hit):
            return None
        return hit[0].key if hit is not None else ""

    def _is_plural(self, token: Token, hit: tuple[ActorEntity, Span] | None) -> bool:
        if token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number"):
            return token.lemma_.lower() not in SINGULAR_NAMES
        if token.dep_ in SUBJECT_DEPS and _plural_verb(token.head):
            return True  # "The Taliban have ordered"
        if hit is not None and hit[1].text.endswith("s"):
            found = self.kb.lookup(_strip_article(hit[1].text)[:-1])  # "Houthis" beside "Houthi"
            return found is not None and found[0].id == hit[0].key
        return False

    def _candidates(self, doc: Doc) -> list[Span]:
        kb_spans = [Span(doc, s, e, label="KB") for _, s, e in self.matcher(doc)]
        # "Islamic State's" tagged with its possessive ending: the name is without it
        ents = [_trimmed(e) for e in doc.ents if e.label_ in ENTITY_KINDS or e.label_ == "GPE"]
        return sorted(filter_spans(kb_spans + [e for e in ents if len(e)]), key=lambda s: s.start)

    def _resolve(self, span: Span, state: DocState) -> None:
        hit = self.kb.lookup(span.text)
        if hit is not None:
            self._resolve_known(span, *hit, state)
        elif span.label_ in ("PERSON", "ORG") and not any(t.tag_ in ("NNP", "NNPS") for t in span):
            self._demonym_organ(span, state)  # "Ukrainian navy" tagged ORG is Ukraine's navy
            return  # "Gang" in "Gang leader Jimmy Cherizier", tagged as an entity, names nobody
        elif span.label_ in ("PERSON", "ORG") and _names_a_document(span):
            return
        elif span.label_ == "PERSON":
            self._resolve_person(span, state)
        elif span.label_ == "ORG":
            name = _strip_article(" ".join(span.text.split()))
            self._add(state, f"org:{_slug(name)}", span, name=name, kind="organisation")
        elif span.label_ == "NORP" and span.root.tag_ in ("NNPS", "NNS"):
            self._add(state, f"group:{_slug(span.text)}", span, name=span.text, kind="group")

    def _resolve_known(self, span: Span, entry: Entry, how: str, state: DocState) -> None:
        anchor = span.root
        while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
            anchor = anchor.head  # "Hungarian and Romanian officials": both modify "officials"
        head = anchor.head
        sector = self._sector(head) if head.i >= span.end else None
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
            sector = None  # "Armenia's prime minister, Nikol Pashinyan": the person is the actor
        if entry.kind == "country" and sector and anchor.dep_ in ("poss", "amod", "compound"):
            # "Pakistan's army", "Israeli forces": a state organ, not the country itself.
            mention = span.doc[span.start: head.i + 1]
            title = " ".join(t.lower_ for t in span.doc[span.end: head.i + 1] if t.dep_ != "case")
            person = self.kb.holder(title, entry.id, state.published)
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
        if how == "capital" and not _acting(span):
            return  # "in Islamabad" is a place; "Islamabad said" is the government
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

    def _sector(self, head: Token) -> str | None:
        """Sector named by a noun or its compound ("army chief", "police", "defence ministry")."""
        mods = [c for c in head.lefts if c.dep_ in ("amod", "compound")]
        words = [c.lower_ for c in mods if c.dep_ == "compound"]
        lemma = head.lemma_.lower()
        phrases = [" ".join([*words, head.lower_]), " ".join([*words, lemma])]
        if mods:
            phrases.append(f"{mods[-1].lower_} {lemma}")  # "militant groups"
        if len(mods) >= 2:  # "pro-democracy", split in three by the tokenizer
            phrases.append(f"{head.doc[mods[0].i: head.i].text.lower()} {lemma}")
        for phrase in phrases:
            if phrase in self.kb.sectors:
                return self.kb.sectors[phrase]
        # a "rebel commander" commands rebels, a "police spokesman" speaks for the police
        if head.lemma_.lower() in ROLE_HEADS and (sector := self._modifier_sector(head, words)):
            return sector
        for phrase in (head.lower_, head.lemma_.lower()):
            if phrase in self.kb.sectors:
                return self.kb.sectors[phrase]
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

    def _resolve_person(self, span: Span, state: DocState) -> None:
        name = _strip_title(" ".join(span.text.split()))  # wire copy breaks lines inside names
        words = name.split()
        for actor in reversed(list(state.actors.values())):
            if actor.kind == "person" and words and _contains_name(actor.name, words):
                self._add(state, actor.key, span)
                return
        self._add(state, f"person:{_slug(name)}", span, name=name, kind="person")

    def _link_nominals(self, doc: Doc, tokens: list[Token], state: DocState) -> None:
        for _, start, end in self.nominals(doc):
            span = doc[start:end]
            definite = (start > 0 and doc[start - 1].lower_ == "the") or any(
                c.dep_ == "det" and c.lower_ == "the" for c in span.root.children)
            if not definite or any(t.i in state.token_actor for t in span) or any(
                    c.i < start and c.dep_ in ("amod", "compound", "nmod") and c.i in state.token_actor
                    for c in span.root.children):
                continue  # only definite descriptions refer back: "the (Iran-backed) group";
                # "the Indonesian island of Bali" says whose it is
            wanted = set(self.kb.nominals[span.text.lower()])
            antecedent = _most_recent(state, span.start_char, lambda a: a.key in wanted) or \
                _most_recent(state, span.start_char, lambda a: a.key in wanted, heads_only=False)
            if antecedent is not None:  # a modifier only when nothing else fits: "Hamas chief
                # Ismail Haniyeh was killed in a strike that the group blamed on Israel"
                whole = doc[span.root.left_edge.i: end] if span.root.left_edge.i < start else _with_article(span)
                self._add(state, antecedent.key, whole)
        for token in tokens:
            if token.lower_ == "country" and token.i > 0 and doc[token.i - 1].lower_ == "the" \
                    and token.i not in state.token_actor:
                antecedent = _most_recent(state, token.idx, lambda a: a.kind == "country")
                if antecedent is not None:
                    self._add(state, antecedent.key, doc[token.i - 1: token.i + 1])

    def _link_pronouns(self, tokens: list[Token], state: DocState) -> None:
        for token in tokens:
            gender = PRONOUNS.get(token.lower_)
            if gender is None or token.pos_ != "PRON":
                continue
            antecedent = _most_recent(state, token.idx,
                                      lambda a: a.kind == "person" and a.gender in (None, gender),
                                      window=token.doc[max(0, token.i - 400): token.i])
            if antecedent is not None:
                if antecedent.gender is None:
                    antecedent.gender = gender
                self._add(state, antecedent.key, token.doc[token.i: token.i + 1])

    def _add(self, state: DocState, key: str, span: Span, *, overwrite: bool = True,
             **attrs: object) -> None:
        actor = state.actors.get(key)
        if actor is None:
            actor = state.actors[key] = ActorEntity(key=key, **attrs)  # type: ignore[arg-type]
        actor.mentions.append(span)
        for token in span:
            if overwrite or token.i not in state.token_actor:
                state.token_actor[token.i] = (key, span)


def _governing_institution(pronoun: Token, state: DocState):  # type: ignore[no-untyped-def]
    """"Russia vetoed a resolution that would have deplored its invasion", "Russia blocked
    the inquiry, casting its veto": "it"/"its" takes the nearest clause subject above it
    that is a country or organisation, even when another actor was named in between. A
    subject that is a person or no actor passes the question on to the nearest mention."""
    path = [pronoun, *pronoun.ancestors]
    for verb in pronoun.head.ancestors if pronoun.dep_ != "poss" else [pronoun.head, *pronoun.head.ancestors]:
        below = path[path.index(verb) - 1]
        if below.dep_ == "advcl" and any(c.dep_ == "mark" for c in below.children):
            return None  # "prepared to destroy North Korea if it threatened America": nearest
        if (below.dep_ == "xcomp" and verb.lemma_.lower() in OBJECT_CONTROL) or (
                below.dep_ == "prep" and below.lower_ == "of" and verb.lemma_.lower() in CHARGING):
            # "urged Israel to halt its offensive", "accused Myanmar of genocide against its
            # minority": the object is who the clause is about
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < pronoun.i), None)
            hit = state.actor_at(obj) if obj is not None else None
            if hit is not None:
                return hit[0] if hit[0].kind in INSTITUTIONS else None
        for subject in verb.children:
            if subject.dep_ not in SUBJECT_DEPS or subject.i >= pronoun.i:
                continue
            if subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                continue
            hit = state.actor_at(subject) or next(  # "Islamic State's Afghan branch said it": the owner
                (h for c in subject.children if c.dep_ == "poss" and (h := state.actor_at(c)) is not None), None)
            if hit is None:
                continue
            return hit[0] if hit[0].kind in INSTITUTIONS else None
    return None


COUNTED_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor",
                 "capital", "power", "ally", "rival", "party", "leader"}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "both": 2}


def _counted_reference(token: Token) -> int:
    """How many actors "the two countries" / "both sides" refers back to (0: not such a phrase)."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in COUNTED_NOUNS:
        return 0
    words = {c.lower_: c.dep_ for c in token.children if c.i < token.i}
    if words.get("both") in ("det", "predet", "amod", "nummod", "preconj"):
        return 2
    if words.get("the") == "det" or words.get("these") == "det":
        return next((n for w, n in NUMBER_WORDS.items() if words.get(w) == "nummod"), 0)
    return 0


def _previous_sentence_start(token: Token) -> int:
    """Where the sentence before the token's begins (its own, if it is the first): the window
    in which a pronoun or description looks for what it refers to."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else 0


def _coordinates(head: Token) -> list[Token]:
    """A head and every token coordinated with it, appositions included."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("conj", "appos"):
            out.extend(_coordinates(child))
    return out


def _coordinated_subject(pronoun: Token, state: DocState) -> list[str]:
    """The actors of a coordinated subject governing the pronoun's clause: "Egypt and Qatar
    said they would keep mediating" -- both, when every conjunct is an actor."""
    for verb in pronoun.head.ancestors:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < pronoun.i), None)
        if subject is None:
            continue
        hits = [state.actor_at(c) for c in _coordinates(subject)]
        if any(h is None for h in hits):
            return []
        keys = list(dict.fromkeys(h[0].key for h in hits if h is not None))
        return keys if len(keys) >= 2 else []  # "Haniyeh, the Hamas chief": one actor, never "they"
    return []


def _charged_object(pronoun: Token) -> bool:
    """"accusing it of", "blamed it for", "urged it to": the object of a charge or a
    demand is someone; "called it a manoeuvre" may be anything."""
    verb = pronoun.head
    if pronoun.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return (lemma in CHARGING and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in verb.children)) or \
        (lemma in OBJECT_CONTROL and any(c.dep_ == "xcomp" for c in verb.children))


def _clause_subjects(verb: Token, state: DocState) -> set[str]:
    """Keys of the actors that are subjects of the verb or of the clauses it hangs from."""
    return {hit[0].key for node in [verb, *verb.ancestors] for child in node.children
            if child.dep_ in SUBJECT_DEPS and (hit := state.actor_at(child)) is not None}


OBJECT_CONTROL = {"urge", "ask", "tell", "order", "force", "allow", "invite", "press", "persuade",
                  "encourage", "warn", "call", "pressure", "push", "compel", "help"}
"""Verbs whose object does what their infinitive says ("urged Israel to halt")."""
CHARGING = {"accuse", "suspect", "convict", "charge", "blame", "warn"}


def _most_recent(state: DocState, before: int, accept, window: Span | None = None,  # type: ignore[no-untyped-def]
                 heads_only: bool = True):
    """The actor whose latest mention before a character offset is closest to it."""
    best, best_at = None, -1
    floor = window.start_char if window is not None and len(window) else 0
    for actor in state.actors.values():
        if not accept(actor):
            continue
        for mention in actor.mentions:
            if floor <= mention.start_char < before and mention.start_char > best_at \
                    and (not heads_only or _heads(state, actor.key, mention)):
                best, best_at = actor, mention.start_char
    return best


def _heads(state: DocState, key: str, mention: Span) -> bool:
    """Is the mention its own phrase, not a modifier inside another actor's ("Iran" in "the
    Iran-backed group")? Only such mentions are antecedents."""
    hit = state.token_actor.get(mention.root.i)
    if hit is None or hit[0] == key:
        return True
    outer = hit[1]
    inside = outer.start <= mention.start and mention.end <= outer.end and len(outer) > len(mention)
    return not inside or outer.root.i == mention.root.i


ACTING_PREPS = {"by", "with", "against", "on", "for", "toward", "towards", "of", "between"}


def _acting(span: Span) -> bool:
    """A capital names its government when it acts or is acted on, not where it is a location."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "dative", "appos"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ACTING_PREPS


def doc_span_text(token: Token) -> str:
    """The whole entity a token belongs to ("Ivory Coast" from "Coast")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
BOUND_PRONOUNS = {"their", "theirs", "themselves"}
"""May refer to the subject of their own clause ("the rebels lost their base"); they/them may not."""
SINGULAR_KINDS = {"person", "country", "igo"}
"""Never "they", whatever the form of the name ("the United States", "the United Nations")."""
SINGULAR_NAMES = {"news"}
"""Plural in form, singular in use."""
NUMERIC_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
COLLECTIVES = {"country", "nation", "state", "power", "ally", "partner", "donor", "creditor",
               "lender", "neighbour", "neighbor", "government", "democracy"}
"""Plural nouns for states acting together ("Western allies", "donor countries")."""
PARTITIVES = {"dozen", "hundred", "thousand", "million", "score", "number", "group", "crowd",
              "some", "many", "most", "all", "none", "both", "several", "few"}


def _np_head(token: Token) -> bool:
    """A noun phrase's head, not a word inside one ("aid" in "aid groups") nor the second
    half of a coordination (the first stands for both)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ") or token.lower_ in PLURAL_PRONOUNS:
        return False
    if token.pos_ in ("PRON", "NUM", "DET", "ADJ") and token.lemma_.lower() not in PARTITIVES:
        return False
    if token.dep_ in ("compound", "amod", "nummod", "det", "npadvmod"):
        return False
    return not (token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"))


def _partitive(token: Token) -> Token:
    """"dozens of protesters": the protesters."""
    if token.lemma_.lower() in PARTITIVES or token.ent_type_ == "CARDINAL":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), token)
    return token


def _coordinated(token: Token) -> bool:
    """"Egypt and Qatar", "Israeli and US forces"."""
    if any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in token.children):
        return True
    return any(m.dep_ in ("amod", "compound", "nmod", "poss") and any(c.dep_ == "conj" for c in m.children)
               for m in token.children)


def _plural_verb(verb: Token) -> bool:
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(w.tag_ == "VBP" or w.lower_ in ("are", "were") for w in words)


def _clause_chain(word: Token) -> list[Token]:
    """The verb governing a word ("fired tear gas at [them]") and the verbs it is coordinated
    under, which share its subject."""
    while word.dep_ in ("prep", "agent", "pcomp") and word.head.i != word.i:
        word = word.head
    chain = [word]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _co_arguments(pronoun: Token) -> set[Token]:
    """"Police arrested protesters and beat them": not the police, the subject of its clause."""
    if pronoun.dep_ in SUBJECT_DEPS or pronoun.lower_ in BOUND_PRONOUNS:
        return set()
    return {c for verb in _clause_chain(pronoun.head) for c in verb.children if c.dep_ in SUBJECT_DEPS}


def _role_rank(token: Token) -> int:
    if token.dep_ in SUBJECT_DEPS:
        return 0
    return 1 if token.dep_ in ("dobj", "dative", "attr", "appos", "oprd") else 2


QUOTE_MARKS = re.compile("[\"\u201c\u201d]")


class _QuoteMap:
    """Where direct quotes are, paragraph by paragraph: a straight mark opens or closes, curly
    marks open and close, an unclosed quote runs to the end of its paragraph (a long quote
    goes on in the next one). Coarser than the quote finder, and cheap: only the paragraphs
    holding a plural pronoun or its candidates are read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: dict[int, list[tuple[int, int]]] = {}

    def around(self, idx: int) -> tuple[int, int] | None:
        start = self.text.rfind("\n", 0, idx) + 1
        spans = self.paragraphs.get(start)
        if spans is None:
            end = self.text.find("\n", idx)
            spans = self.paragraphs[start] = self._spans(start, len(self.text) if end < 0 else end)
        return next(((a, b) for a, b in spans if a <= idx < b), None)

    def _spans(self, start: int, end: int) -> list[tuple[int, int]]:
        spans, opened = [], None
        for mark in QUOTE_MARKS.finditer(self.text, start, end):
            if opened is None and mark.group() != "\u201d":
                opened = mark.end()
            elif opened is not None and mark.group() != "\u201c":
                spans.append((opened, mark.start()))
                opened = None
        if opened is not None:
            spans.append((opened, end))
        return spans


def _trimmed(entity: Span) -> Span:
    """The name without a possessive ending ("Islamic State's") or the line breaks the entity
    recogniser ran it into ("All India Union of Forest Working People" before a paragraph)."""
    start, end = entity.start, entity.end
    doc = entity.doc
    while end > start and (doc[end - 1].is_space or (end - start > 1 and doc[end - 1].lower_ in ("'s", "’s", "'"))):
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    return Span(doc, start, end, label=entity.label)


def _names_a_document(span: Span) -> bool:
    """"the 2024 Finance Bill": a document word heading a phrase with a determiner or a
    modifier outside the name; "Bill Clinton" and "Bill said" stay people."""
    root = span.root
    if root.lower_ not in DOCUMENT_HEADS:
        return False
    return any(c.dep_ in ("det", "compound", "nummod", "amod") and not span.start <= c.i < span.end
               for c in root.children) or root.i > span.start


def _bare_plural(token: Token) -> bool:
    """"Security forces killed ...", "abductions by police": no article, number or owner, so
    most likely the organ the article has already named."""
    return token.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "amod", "prep") for c in token.children)


def _titles_a_name(head: Token) -> bool:
    """Is this noun a title standing before a person's name ("President" in "Nigerien
    President Mohamed Bazoum"), or the name itself?"""
    return head.ent_type_ == "PERSON" or (
        head.dep_ == "compound" and head.head.i > head.i and head.head.ent_type_ == "PERSON")


TITLE_DEPS = {"compound", "amod", "poss", "case", "det", "nmod", "punct"}


def _title_word(token: Token, root: Token, state: DocState, key: str) -> bool:
    """May this word before a name join its mention as part of a title ("Niger's", "army",
    "chief")? Not another person, not a comma, not a word outside the name's phrase."""
    if token.dep_ not in TITLE_DEPS or token.text in (",", "(", ")") or root not in token.ancestors:
        return False
    if token.dep_ == "punct" and token.text != "-":
        return False
    hit = state.actor_at(token)
    return hit is None or hit[0].key == key or hit[0].kind != "person"


def _contains_name(full: str, words: list[str]) -> bool:
    parts = full.split()
    return all(w in parts for w in words)


def _with_article(span: Span) -> Span:
    start = span.start - 1 if span.start > 0 and span.doc[span.start - 1].lower_ == "the" else span.start
    return span.doc[start: span.end]


_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Gen|Col|Sen|Rep|President|Prime Minister|Minister)\.?\s+")


def _strip_title(text: str) -> str:
    return _TITLE.sub("", text).removesuffix("'s").strip()


def _strip_article(text: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def actor_spans(state: DocState) -> Iterator[tuple[ActorEntity, Span]]:
    for actor in state.actors.values():
        for span in actor.mentions:
            yield actor, span


def token_actor(state: DocState, token: Token) -> tuple[ActorEntity, Span] | None:
    return state.actor_at(token)
