"""The ``dotterel_actors`` component: the order in which the resolution passes run."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..disk_cache import cached, digest
from ..kb import KnowledgeBase, load_kb
from ..nlp.state import DocState
from .coref import Coreference
from .furniture import drop_furniture_mentions, outside_furniture
from .known import KnownNames
from .plural import PluralPronouns
from .titles import Titles


@Language.factory("dotterel_actors", default_config={"actor_files": []},
                  assigns=["doc._.dotterel"], requires=["token.dep", "doc.ents"])
def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]) -> ActorResolver:
    return ActorResolver(nlp, load_kb(tuple(actor_files)))


def phrase_docs(nlp: Language, phrases: list[str], name: str) -> list[Doc]:
    """The phrases as the model's tokenizer splits them, for a PhraseMatcher. Tokenizing
    thirty thousand names takes seconds; their words are cached on disk (per tokenizer and
    list) and made into Docs without the tokenizer."""
    key = digest([nlp.meta.get("name", ""), nlp.meta.get("version", ""), *phrases])
    words = cached(f"phrases-{name}", key, lambda: [[t.text for t in d] for d in nlp.tokenizer.pipe(phrases)])
    return [Doc(nlp.vocab, words=w) for w in words]


class ActorResolver(KnownNames, Titles, Coreference, PluralPronouns):
    """Resolves the actors of a Doc into doc._.dotterel: names first, then titles, groups and references back."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        # the words the model was trained on, before names of ours are added to its strings:
        # an untagged capitalised word among them is a word, not a name no list holds
        self.model_words = frozenset(s for s in nlp.vocab.strings if s.isalpha() and s.islower())
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("KB", phrase_docs(nlp, sorted(kb.names), "names"))
        # imported names, case-blind: kept only where the text capitalises them (known.py)
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.folded.add("IMPORTED", phrase_docs(nlp, sorted(kb.folded), "imported-names"))
        self.not_actors = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.not_actors.add("NOT_ACTOR", phrase_docs(nlp, list(kb.not_actors), "not-actors"))
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", phrase_docs(nlp, sorted({t for t, _ in kb.titles}), "titles"))
        self.nominals = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.nominals.add("NOMINAL", phrase_docs(nlp, sorted(kb.nominals), "nominals"))

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.dotterel
        tokens = list(doc)  # one Token object per token for all passes: spaCy makes new ones per loop
        for found in self._candidates(doc, state):
            if (span := outside_furniture(found, state.furniture_tokens)) is not None:
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
        self._link_others(doc, tokens, state)
        drop_furniture_mentions(state)
        return doc
