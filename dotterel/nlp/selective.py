"""Two-pass parsing (``Settings.selective_parse``, component ``dotterel_parse``)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from ..events.words import DEONTIC_REPORTERS
from ..kb import load_kb
from ..lexicon import load_lexicon
from ..quotes import SPEECH
from .paragraphs import paragraph_break

# ------------------------------------------------------------------ two-pass parsing
# Settings.selective_parse. Pass 1 (spaCy's own components) tags, splits sentences with the
# model's senter and finds entities everywhere; pass 2 (``dotterel_parse``) runs the dependency
# parser only over sentences that can hold an event or a quote, then the rules that read the
# parse (attribute_ruler, lemmatizer), in the order the full pipeline runs them.

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
WHERE_WHEN_LABELS = ("GPE", "LOC", "FAC", "DATE", "TIME")
"""Entities the date and place stage reads through the parse (tense, "in"/"near" + place)."""
PRONOUN_ACTORS = {"he", "she", "they", "we", "it", "him", "her", "his", "their", "them", "its"}
"""Pronouns the actor stage links to a named actor: "He urged Israel ..." is a candidate."""
_ACTOR, _CUE, _MARK, _VERB_WORD, _NOUN_WORD, _WHERE_WHEN = 1, 2, 4, 8, 16, 32


def two_pass(nlp: Language, actor_files: tuple[str, ...]) -> None:
    # Disabled, not removed: dotterel_parse calls them itself, after NER has run.
    nlp.enable_pipe("senter")
    for name in ("parser", "attribute_ruler", "lemmatizer"):
        nlp.disable_pipe(name)
    nlp.add_pipe("dotterel_parse", after="ner", config={"actor_files": list(actor_files)})


@Language.factory("dotterel_parse", default_config={"actor_files": []},
                  requires=["doc.ents", "token.is_sent_start"],
                  assigns=["token.dep", "token.head", "token.pos", "token.lemma"])
def make_selective_parser(nlp: Language, name: str, actor_files: list[str]) -> SelectiveParser:
    return SelectiveParser(nlp, CandidateWords.build(nlp, tuple(actor_files)))


class CandidateWords:
    """What each word can contribute to a sentence being a parse candidate. Lemmas do not
    exist yet (the lemmatizer reads POS that the attribute ruler partly derives from the
    parse), so a word counts as a trigger or cue if any lemma the English rules or exception
    tables could give it is one, for the part of speech its tag allows (the lexicon keys
    triggers by lemma and VERB/NOUN; VERB comes only from VB* tags, NOUN/PROPN from NN*): a
    superset, never a miss. "in" is a trigger only as the noun of "sit-in"."""

    def __init__(self, nlp: Language, triggers: dict[str, set[str]], cues: set[str],
                 names: set[str], actor_words: set[str]) -> None:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        self.exceptions = lookups.get_table("lemma_exc", {})
        self.rules = lookups.get_table("lemma_rules", {})
        self.triggers, self.cues = triggers, cues
        self.names, self.actor_words = names, actor_words
        tags = nlp.get_pipe("tagger").labels  # type: ignore[attr-defined]
        self.verb_tags = {nlp.vocab.strings.add(t) for t in tags if t.startswith("VB")}
        self.noun_tags = {nlp.vocab.strings.add(t) for t in tags if t.startswith("NN")}
        self.cache: dict[int, int] = {}

    @classmethod
    def build(cls, nlp: Language, actor_files: tuple[str, ...]) -> CandidateWords:
        triggers: dict[str, set[str]] = {"VERB": set(), "NOUN": set()}
        for lemma, pos in load_lexicon().by_word:
            triggers[pos].add(lemma)
        # the event coder's clause triggers: "said Sudan must ...", "declined to ..."
        triggers["VERB"] |= DEONTIC_REPORTERS | {"decline", "refuse"}
        kb = load_kb(actor_files)
        # names as written ("WHO", "IS" are not "who", "is"); role and group words in any case
        names = {name.removeprefix("the ").removeprefix("The ").split()[0] for name in kb.names}
        words = {w.split()[-1] for w in (*kb.sectors, *kb.nominals, *kb.title_heads)} | PRONOUN_ACTORS
        # Indirect speech needs SPEECH verbs; the wider CUES matter only next to quote marks.
        return cls(nlp, triggers, SPEECH | {"according"}, names, words)

    def flags(self, token: Token) -> int:
        found = self.cache.get(token.orth)
        if found is None:
            found = self.cache[token.orth] = self._word(token.text)
        if token.tag in self.verb_tags:
            return found & ~_NOUN_WORD
        if token.tag in self.noun_tags:
            return found & ~(_VERB_WORD | _CUE)
        return found & (_ACTOR | _MARK)

    def _word(self, text: str) -> int:
        form = text.lower()
        verbs, nouns = self._lemmas(form, "verb"), self._lemmas(form, "noun")
        mark = text.strip("\"'\u201c\u201d\u201e") == "" and text != ""
        return (_VERB_WORD if verbs & self.triggers["VERB"] else 0) | \
            (_NOUN_WORD if nouns & self.triggers["NOUN"] else 0) | \
            (_CUE if verbs & self.cues else 0) | (_MARK if mark else 0) | \
            (_ACTOR if text in self.names or form in self.actor_words else 0)

    def _lemmas(self, form: str, pos: str) -> set[str]:
        lemmas = {form, *self.exceptions.get(pos, {}).get(form, ())}
        lemmas.update(form[: len(form) - len(old)] + new
                      for old, new in self.rules.get(pos, ()) if form.endswith(old))
        return lemmas


class SelectiveParser:
    """Pass 2: parse the runs of candidate sentences as small docs that carry the full doc's
    tok2vec rows (the parser listens to the shared tok2vec, so it sees the same features as in
    a full parse), copy their trees back, and give every other sentence a flat tree."""

    def __init__(self, nlp: Language, words: CandidateWords) -> None:
        self.parser = nlp.get_pipe("parser")
        self.rules = [nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")]
        self.tok2vec = nlp.get_pipe("tok2vec")
        self.reuse_tensor = True
        """False reruns tok2vec on the candidate text instead (measured in the benchmark)."""
        self.words = words
        self.entity_flags = {nlp.vocab.strings.add(label): 0 for label in (*ACTOR_LABELS, *WHERE_WHEN_LABELS)}
        for label in ACTOR_LABELS:
            self.entity_flags[nlp.vocab.strings[label]] |= _ACTOR
        for label in WHERE_WHEN_LABELS:
            self.entity_flags[nlp.vocab.strings[label]] |= _WHERE_WHEN
        self.stats = {"sentences": 0, "candidates": 0, "tokens": 0, "parsed": 0}

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            pieces = [_pieces(doc) for doc in batch]
            runs = [self._runs(doc, sents) for doc, sents in zip(batch, pieces)]
            subs = [_sub_doc(doc, start, end) for doc, spans in zip(batch, runs) for start, end in spans]
            if subs and not self.reuse_tensor:
                subs = list(self.tok2vec.pipe(subs, batch_size=batch_size))
            parsed = iter(list(self.parser.pipe(subs, batch_size=batch_size)))
            for doc, sents, spans in zip(batch, pieces, runs):
                _set_parse(doc, sents, [(start, next(parsed)) for start, _ in spans])
                for rule in self.rules:
                    doc = rule(doc)
                yield doc

    def _runs(self, doc: Doc, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Token ranges of consecutive candidate sentences (parsed together, so the parser
        sees sentence ends only where the doc has them)."""
        runs: list[tuple[int, int]] = []
        flags = [self.flags(doc[start:end]) for start, end in sents]
        for n, (start, end) in enumerate(sents):
            self.stats["sentences"] += 1
            self.stats["tokens"] += end - start
            # a direct quote's cue and speaker may sit in the sentence before or after it
            marked = any(f & _MARK for f in flags[max(0, n - 1): n + 2])
            if not (marked or candidate(flags[n])):
                continue
            self.stats["candidates"] += 1
            self.stats["parsed"] += end - start
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        return runs

    def flags(self, sent: Span) -> int:
        found = 0
        for token in sent:
            found |= self.words.flags(token) | self.entity_flags.get(token.ent_type, 0)
        return found


def candidate(flags: int) -> bool:
    """A sentence needs the parse if it has a trigger word and an actor-like mention (entity,
    KB name, sector word, pronoun), a reporting verb (indirect speech), or a place or date
    entity; quote marks make it and its neighbours candidates (``SelectiveParser._runs``)."""
    return bool(flags & (_CUE | _MARK | _WHERE_WHEN)) or bool(flags & _ACTOR and flags & (_VERB_WORD | _NOUN_WORD))


def _pieces(doc: Doc) -> list[tuple[int, int]]:
    """The senter's sentences, also cut at paragraph breaks: it runs a third of its sentences
    on across paragraphs, which makes whole paragraphs candidates for one trigger. (A single
    line break counts only after a sentence end; hard-wrapped text has others.)"""
    pieces = []
    for sent in doc.sents:
        start = sent.start
        for token in sent[1:-1]:
            if paragraph_break(doc, token.i):
                pieces.append((start, token.i + 1))
                start = token.i + 1
        pieces.append((start, sent.end))
    return pieces


def _sub_doc(doc: Doc, start: int, end: int) -> Doc:
    tokens = doc[start:end]
    sub = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    sub.tensor = doc.tensor[start:end]
    return sub


def _set_parse(doc: Doc, sents: list[tuple[int, int]], parsed: list[tuple[int, Doc]]) -> None:
    """Write the parsed runs into the doc. A sentence nobody parsed gets a flat tree (every
    word headed by its first verb, label ``dep``) so code that walks heads never crashes."""
    heads = numpy.zeros(len(doc), dtype="int64")
    deps = numpy.full(len(doc), doc.vocab.strings.add("dep"), dtype="uint64")
    for start, end in sents:
        root = next((t.i for t in doc[start:end] if t.tag_.startswith("VB")), start)
        heads[start:end] = root - numpy.arange(start, end)
        deps[root] = doc.vocab.strings.add("ROOT")
    for start, sub in parsed:
        tree = sub.to_array([HEAD, DEP])
        heads[start:start + len(sub)] = tree[:, 0].view("int64")
        deps[start:start + len(sub)] = tree[:, 1]
    doc.from_array([HEAD, DEP], numpy.stack([heads.view("uint64"), deps], axis=1))
