"""People by their titles: "Nigerien President Mohamed Bazoum", "the Israeli prime minister"
in a 2023 article, "Ismail Haniyeh, the political chief of Hamas", and surnames said alone.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..nlp.state import ActorEntity, DocState
from .groups import Groups
from .mentions import CLIENT_SECTORS, names_incumbent

TITLE_DEPS = {"compound", "amod", "poss", "case", "det", "nmod", "punct"}


def _title_word(token: Token, root: Token, state: DocState, key: str) -> bool:
    """May this word before a name join its mention as part of a title ("Niger's", "army",
    "chief")? Not another person, not a comma, not a word outside the name's phrase."""
    if token.dep_ not in TITLE_DEPS or token.text in (",", "(", ")") or root not in token.ancestors \
            or token.i in state.not_actor_tokens:
        return False  # "AP Photo Tillerson": a photo credit, not a title
    if token.dep_ == "punct" and token.text != "-":
        return False
    hit = state.actor_at(token)
    return hit is None or hit[0].key == key or hit[0].kind != "person"


class Titles(Groups):
    """Titles give a person a country, sector and code; a title's sector comes from ``Groups``."""

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
        elif (home := self._home_title(title)) is not None:
            # "Sen. Dianne Feinstein": an office of one country, named without it
            country, sector = self.kb.entries[home[0]], sector or home[1]
            actor.country, actor.cameo, actor.sector = country.id, f"{country.cameo}{sector}", sector
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

    def _home_title(self, title: list[Token]) -> tuple[str, str] | None:
        """(ISO3, sector) of a title that belongs to one country ("Sen.", "Speaker")."""
        words = [t.lower_ for t in title]
        for n in range(len(words)):
            if (found := self.kb.home_titles.get(" ".join(words[n:]))) and found[0] in self.kb.entries:
                return found
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
                    # "the opposition leader whom Maduro's government barred": a clause on the
                    # appositive tells about it, its words are not the person's name
                    end = max([app.i, *(c.right_edge.i for c in app.children
                                        if c.i > app.i and c.dep_ not in ("relcl", "acl", "punct"))])
                    span = doc[app.left_edge.i: end + 1]
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
            if not names_incumbent(span.root):
                continue  # "a prime minister", "the former president": no one in particular
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
