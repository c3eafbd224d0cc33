"""Actor recognition and in-article resolution (component ``dotterel_actors``).

Mentions come from the knowledge base (names, demonyms, capitals as metonyms) and from
spaCy's entities; surnames, pronouns and nominals ("the group") are then linked back to
an actor already mentioned, so one actor carries all of its mentions.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .kb import Entry, KnowledgeBase, load_kb
from .parse import ActorEntity, DocState

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "dative", "attr"}
CIVIL_SECTORS = {"CVL", "EDU", "LAB", "REF", "OPP", "AGR", "HLH", "MED", "BUS", "REL", "CRM", "UAF"}
INSTITUTIONS = {"country", "organisation", "igo", "armed_group", "party"}
NOT_GROUPS = {"government", "minister", "official", "spokesman", "spokeswoman", "spokesperson",
              "president", "leader", "chief", "head", "force", "country", "source", "authority",
              "ministry", "parliament", "court"}
"""Role nouns that say too little without a country ("officials said"); others ("police",
"troops", "protesters") are kept as actors of unknown country."""
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}


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
        for span in self._candidates(doc):
            self._resolve(span, state)
        self._link_appositives(doc, state)
        self._link_titles(doc, state)
        self._sector_groups(doc, state)
        self._link_nominals(doc, state)
        self._link_pronouns(doc, state)
        self._link_it(doc, state)
        return doc

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

    def _sector_groups(self, doc: Doc, state: DocState) -> None:
        """Unnamed actors the text gives a role to: "rebels in the Ivory Coast", "police in
        Nairobi", "the government of Sindh province", "protesters"."""
        for token in doc:
            if token.pos_ != "NOUN" or token.i in state.token_actor or token.dep_ not in ARGUMENT_DEPS:
                continue
            sector = self._sector(token)
            if sector is None:
                continue
            named = next((hit for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                          and (hit := state.actor_at(c)) is not None), None)
            if named is not None and named[0].kind != "country":
                # "ELN rebels", "Wagner fighters", "Hezbollah's fighters": the named group's own
                self._add(state, named[0].key, doc[named[1].start: token.i + 1], overwrite=False)
                state.token_actor[token.i] = (named[0].key, doc[named[1].start: token.i + 1])
                continue
            country = self._country_of(token, state)
            if country is None and token.i > 0 and doc[token.i - 1].lower_ == "the":
                # "the army" after "Israeli troops": the organ already named, if one is
                same = _most_recent(state, token.idx, lambda a: a.sector == sector and a.country is not None)
                if same is not None:
                    self._add(state, same.key, doc[token.i - 1: token.i + 1])
                    continue
            if country is None and token.lemma_.lower() in NOT_GROUPS:
                continue  # "the government", "officials": whose? Unknown; not worth an actor
            start = token.i
            while start > token.left_edge.i and doc[start - 1].dep_ in ("amod", "compound") \
                    and doc[start - 1].i not in state.token_actor:
                start -= 1
            span = doc[start: token.i + 1]
            if country is not None:
                self._add(state, f"{country.id}-{sector}", span, name=f"{country.name} ({token.lemma_})",
                          kind="organisation" if sector not in CIVIL_SECTORS else "group",
                          country=country.id, cameo=f"{country.cameo}{sector}", sector=sector)
            else:
                self._add(state, f"group:{token.lemma_.lower()}", span, name=token.lemma_.lower(),
                          kind="group", cameo=sector, sector=sector)

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

    def _link_it(self, doc: Doc, state: DocState) -> None:
        """"Switzerland said it had expelled ...": "it"/"its" as a subject or possessor refers
        back to the nearest country or organisation, when one was mentioned in this or the
        previous sentence."""
        for token in doc:
            if token.lower_ not in ("it", "its") or token.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            if any(c.dep_ in ("expl", "ccomp", "csubj") for c in token.head.children) or \
                    (token.head.lemma_ == "be" and token.i + 2 < len(doc) and doc[token.i + 2].lower_ in ("that", "to")):
                continue  # "it was clear that ...": nobody
            floor = doc[token.sent.start - 1].sent.start if token.sent.start > 0 else 0
            antecedent = _most_recent(state, token.idx, lambda a: a.kind in INSTITUTIONS,
                                      window=doc[floor: token.i])
            if antecedent is not None:
                self._add(state, antecedent.key, doc[token.i: token.i + 1])

    def _candidates(self, doc: Doc) -> list[Span]:
        kb_spans = [Span(doc, s, e, label="KB") for _, s, e in self.matcher(doc)]
        ents = [e for e in doc.ents if e.label_ in ENTITY_KINDS or e.label_ == "GPE"]
        return sorted(filter_spans(kb_spans + ents), key=lambda s: s.start)

    def _resolve(self, span: Span, state: DocState) -> None:
        hit = self.kb.lookup(span.text)
        if hit is not None:
            self._resolve_known(span, *hit, state)
        elif span.label_ == "PERSON":
            self._resolve_person(span, state)
        elif span.label_ == "ORG":
            name = _strip_article(span.text)
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
        words = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i]
        for phrase in (" ".join([*words, head.lower_]), " ".join([*words, head.lemma_.lower()]),
                       head.lower_, head.lemma_.lower(), *words):
            if phrase in self.kb.sectors:
                return self.kb.sectors[phrase]
        return None

    def _resolve_person(self, span: Span, state: DocState) -> None:
        name = _strip_title(span.text)
        words = name.split()
        for actor in reversed(list(state.actors.values())):
            if actor.kind == "person" and words and _contains_name(actor.name, words):
                self._add(state, actor.key, span)
                return
        self._add(state, f"person:{_slug(name)}", span, name=name, kind="person")

    def _link_nominals(self, doc: Doc, state: DocState) -> None:
        for _, start, end in self.nominals(doc):
            span = doc[start:end]
            definite = (start > 0 and doc[start - 1].lower_ == "the") or any(
                c.dep_ == "det" and c.lower_ == "the" for c in span.root.children)
            if not definite or any(t.i in state.token_actor for t in span):
                continue  # only definite descriptions refer back: "the (Iran-backed) group"
            wanted = set(self.kb.nominals[span.text.lower()])
            antecedent = _most_recent(state, span.start_char, lambda a: a.key in wanted)
            if antecedent is not None:
                whole = doc[span.root.left_edge.i: end] if span.root.left_edge.i < start else _with_article(span)
                self._add(state, antecedent.key, whole)
        for token in doc:
            if token.lower_ == "country" and token.i > 0 and doc[token.i - 1].lower_ == "the" \
                    and token.i not in state.token_actor:
                antecedent = _most_recent(state, token.idx, lambda a: a.kind == "country")
                if antecedent is not None:
                    self._add(state, antecedent.key, doc[token.i - 1: token.i + 1])

    def _link_pronouns(self, doc: Doc, state: DocState) -> None:
        for token in doc:
            gender = PRONOUNS.get(token.lower_)
            if gender is None or token.pos_ != "PRON":
                continue
            antecedent = _most_recent(state, token.idx,
                                      lambda a: a.kind == "person" and a.gender in (None, gender),
                                      window=token.doc[max(0, token.i - 400): token.i])
            if antecedent is not None:
                if antecedent.gender is None:
                    antecedent.gender = gender
                self._add(state, antecedent.key, doc[token.i: token.i + 1])

    def _add(self, state: DocState, key: str, span: Span, *, overwrite: bool = True,
             **attrs: object) -> None:
        actor = state.actors.get(key)
        if actor is None:
            actor = state.actors[key] = ActorEntity(key=key, **attrs)  # type: ignore[arg-type]
        actor.mentions.append(span)
        for token in span:
            if overwrite or token.i not in state.token_actor:
                state.token_actor[token.i] = (key, span)


def _most_recent(state: DocState, before: int, accept, window: Span | None = None):  # type: ignore[no-untyped-def]
    """The actor whose latest mention before a character offset is closest to it."""
    best, best_at = None, -1
    floor = window.start_char if window is not None and len(window) else 0
    for actor in state.actors.values():
        if not accept(actor):
            continue
        for mention in actor.mentions:
            if floor <= mention.start_char < before and mention.start_char > best_at:
                best, best_at = actor, mention.start_char
    return best


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
