"""Who said a quote: the subject of its cue, a name introducing it, the previous quote's
speaker, a surname or title of a person already named, or an unnamed speaker ("officials").
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..events import actors_at, find_sources
from ..model import ActorRef
from ..nlp.state import ActorEntity, doc_text
from .cues import SPEECH, Candidate, after_quote, is_cue
from .marks import MARKS

ROLE_NOUNS = {"minister", "president", "chancellor", "premier", "spokesman", "spokeswoman",
              "spokesperson", "diplomat", "envoy", "general", "commander", "chief", "executive",
              "director", "governor", "mayor", "senator", "lawmaker", "leader", "coach", "secretary",
              "ambassador", "negotiator", "judge", "candidate", "nominee", "congressman",
              "congresswoman", "chairman", "chairwoman", "official", "officer", "founder", "head",
              "king", "queen", "pope", "prince", "cleric", "activist", "lawyer", "attorney"}
"""Singular nouns that, with "the", usually refer back to a person just named."""

COLLECTIVE = {"group", "coalition", "panel", "team", "number", "couple", "pair", "majority",
              "handful", "dozen", "hundred", "thousand", "some", "many", "most", "all", "one", "none",
              "several", "half", "member", "spokesman", "spokeswoman", "spokesperson"}
"""Heads whose 'of' phrase says who speaks ("a group of rights organisations")."""

CAMPS = {"campaign", "camp", "team", "administration", "office", "government", "spokesman",
         "spokeswoman", "spokesperson"}
"""Nouns after a person's name that speak for that person ("the Clinton campaign said")."""

DOCUMENT_NOUNS = {"statement", "report", "letter", "post", "message", "memo", "tweet", "release",
                  "communique", "communiqué", "announcement", "website", "spokesman", "spokeswoman",
                  "spokesperson", "office", "campaign"}
"""Nouns whose possessor is the speaker ("the ministry's statement said")."""

SPEECH_NOUNS = {"message", "words", "warning", "statement", "shout", "chant", "cry", "remarks",
                "comment", "response", "reply", "answer", "call", "plea", "question"}

NEXT_SENTENCE_NOUNS = {"message", "words", "warning", "verdict", "view", "assessment", "response",
                       "answer", "reply", "reaction", "comment", "remarks", "promise", "plea"}

TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor",
          "minister", "secretary", "general", "gen", "sir", "lord", "lady", "prof", "professor"}

PERSONAL = {"he", "she", "him", "her"}

PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}

GENERIC = {"some", "many", "others", "most", "several", "few", "both", "all", "those", "one",
           "another", "i", "we", "half", "everyone", "everybody", "nobody", "none"}
"""Subjects kept as unnamed speakers: "Some chanted ...", "I said" (the writer)."""

CONTINUITY_SENTENCES = 3
"""How far back (in sentences) a quote without a cue looks for the previous quote's speaker."""


def _np(head: Token, proper_only: bool = False) -> Span:
    """The noun phrase of a head without its clauses, appositions and trailing phrases."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "poss", "compound", "amod", "nummod", "nmod", "quantmod", "case"):
            start = child.left_edge.i
            break
    if proper_only:
        start = head.i
        while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].head.i == head.i:
            start -= 1
    return head.doc[start: head.i + 1]


def _name_head(token: Token) -> Token:
    """The last word of the proper name starting at token."""
    while token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN" and \
            token.head.i == token.i + 1:
        token = token.doc[token.i + 1]
    return token


def _moved(ref: ActorRef, token: Token) -> ActorRef:
    """The same speaker, mentioned at this token."""
    return replace(ref, text=token.text, start=token.idx, end=token.idx + len(token))


def _ref(actor: ActorEntity, span: Span) -> ActorRef:
    return ActorRef(actor=actor.key, name=actor.name, country=actor.country, cameo=actor.cameo,
                    text=span.text, start=span.start_char, end=span.end_char)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Speakers:
    """Speaker attribution of ``_Finder``: reads ``self.doc``, ``self.state``, ``self.para`` and ``self.quoted``."""

    # -------------------------------------------------------------- speakers

    def _attribute(self, cand: Candidate, last: tuple[ActorRef, int] | None, here: int) -> float:
        span = cand.tokens
        assert span is not None
        if cand.cue is not None:
            if cand.how == "according":
                to = next(c for c in cand.cue.children if c.lower_ == "to")
                pobj = next(c for c in to.children if c.dep_ == "pobj")
                ref, how = self._ref_for_np(pobj, last, here)
            else:
                ref, how = self._speaker_of(cand.cue, last, here)
            cand.speaker = ref
            if ref is None:
                return 0.4
            return {"actor": 0.85, "appos": 0.85, "surname": 0.75, "role": 0.7,
                    "pronoun": 0.7, "unnamed": 0.7}.get(how, 0.6)
        if cand.kind == "indirect":
            return 0.4
        confidence = self._attribute_uncued(cand, span, last, here)
        # marks inside a sentence with no reporting verb are as often a title or scare quotes
        return min(confidence, 0.45) if cand.kind == "partial" else confidence

    def _attribute_uncued(self, cand: Candidate, span: Span, last: tuple[ActorRef, int] | None,
                          here: int) -> float:
        before = doc_text(self.doc)[max(0, cand.start - 4): cand.start].rstrip(MARKS + " \n")
        if before.endswith(":"):
            ref = self._introduced(span, last, here)
            if ref is not None:
                cand.speaker = ref
                return 0.65
        previous = self._from_previous_sentence(span, last, here)
        prev_index = here - 1
        if previous is not None and (last is None or prev_index > last[1]):
            cand.speaker = previous
            return 0.55
        if last is not None and here - last[1] <= CONTINUITY_SENTENCES:
            cand.speaker = last[0]
            return 0.6
        ref = self._from_next_sentence(span) or previous
        if ref is not None:
            cand.speaker = ref
            return 0.5
        return 0.3

    def _introduced(self, content: Span, last: tuple[ActorRef, int] | None, here: int) -> ActorRef | None:
        """'X read out the message: "..."', 'Rep. Trey Gowdy (R-S.C.): "..."'."""
        colon = next((t for t in reversed(self.doc[max(0, content.start - 3): content.start])
                      if t.text.startswith(":")), None)
        if colon is None or colon.i == 0:
            return None
        # the clause before the colon, which spaCy may have glued to the quote
        before = [t for t in self.doc[max(0, colon.i - 30): colon.i]
                  if t.i not in self.quoted and self.para[t.i] == self.para[colon.i]]
        verb = next((t for t in reversed(before) if t.pos_ == "VERB"), None)
        subject = self._subject(verb) if verb is not None else None
        if verb is not None and is_cue(verb) and subject is not None:
            return self._ref_for_np(subject, last, here)[0]
        depth = 0
        named = None
        for t in reversed(before):  # the name just before the colon, past a "(R-S.C.)"
            depth += (t.text == ")") - (t.text == "(")
            if depth == 0 and t.text not in (")", "(", ","):
                named = t
                break
        hit = self.state.actor_at(named) if named is not None else None
        if hit is not None and hit[0].kind == "person":
            return _ref(*hit)
        if subject is not None:
            ref, how = self._ref_for_np(subject, last, here)
            if ref is not None and (how != "unnamed" or subject.is_title):
                return ref
        if named is not None and named.pos_ == "PROPN":
            return self._ref_for_np(named, last, here)[0]
        return None

    def _from_previous_sentence(self, content: Span, last: tuple[ActorRef, int] | None,
                                here: int) -> ActorRef | None:
        first = content[0].sent
        if first.start == 0:
            return None
        previous = self.doc[first.start - 1].sent
        cue = next((t for t in previous if is_cue(t) and t.i not in self.quoted), None)
        if cue is not None:
            ref, _ = self._speaker_of(cue, last, here)
            if ref is not None:
                return ref
        subject = self._subject(previous.root)
        if subject is not None:
            hit = self._person_in(subject)
            if hit is not None:
                return _ref(*hit)
        return None

    def _from_next_sentence(self, content: Span) -> ActorRef | None:
        """'"..." That was the message from X.'"""
        last = content[-1].sent
        if last.end >= len(self.doc):
            return None
        following = self.doc[last.end].sent
        if following.start in self.quoted:
            return None
        for t in following:
            if t.lemma_.lower() in NEXT_SENTENCE_NOUNS:
                for prep in t.children:
                    if prep.lower_ in ("from", "of") and (pobj := next((c for c in prep.children if c.dep_ == "pobj"), None)):
                        ref = self._ref_for_np(pobj, None, 0)[0]
                        if ref is not None:
                            return ref
        return None

    def _subject(self, verb: Token) -> Token | None:
        """The speaking subject of a cue: its own, or that of the clause it hangs from
        ("adding that", "before insisting", "was quick to point out", "was joined ... and joked")."""
        node = verb
        para = self.para[verb.i]
        for _ in range(4):
            deps = ("nsubj", "csubj") if node is verb else ("nsubj", "csubj", "nsubjpass")
            subjects = [c for c in node.children if c.dep_ in deps and c.i not in self.quoted
                        and self.para[c.i] == para]
            if subjects:  # the parser may hang a word of the quote on the cue as well
                return min(subjects, key=lambda c: abs(c.i - node.i))
            if node is verb:
                for child in node.children:
                    if child.dep_ == "agent":
                        return next((c for c in child.children if c.dep_ == "pobj"), None)
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.head.i < node.i \
                    and node.tag_ != "VBN":
                return node.head  # "with its minister saying ...", "a man yelled ..." (misparsed)
            if node.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") or node.head.i == node.i \
                    or node.head.i in self.quoted or any(c.dep_ == "mark" for c in node.children):
                return None
            node = node.head
        return None

    def _adjacent(self, verb: Token) -> Token | None:
        """A misparsed subject: after an inverted cue ('..., says Evan Tracey', '..." read the
        email'), or the person named just before it ('Nate Silver, the polling guru ..., tweeted')."""
        doc, para = self.doc, self.para[verb.i]
        if verb.pos_ == "NOUN":  # '..." Conway notes.' tagged as a noun phrase
            return next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if after_quote(verb):
            for t in doc[verb.i + 1: verb.i + 8]:
                if t.is_punct or t.i in self.quoted:
                    break
                hit = self.state.actor_at(t)
                if (hit is not None and hit[0].kind == "person") or t.pos_ == "PROPN":
                    return _name_head(t)
            for t in doc[verb.i + 1: verb.i + 8]:
                if t.is_punct or t.i in self.quoted:
                    break
                if t.pos_ == "NOUN" and not (t.head.i > t.i and t.head.i < verb.i + 8 and t.head.pos_ == "NOUN"):
                    return t
        for t in reversed(doc[max(0, verb.i - 25): verb.i]):
            if t.i in self.quoted or self.para[t.i] != para or t.text in (".", ";"):
                break
            hit = self.state.actor_at(t)
            if hit is not None and hit[0].kind == "person" and t.pos_ == "PROPN":
                return t
        return None

    def _clause_before(self, verb: Token) -> Token | None:
        """"Kasich offered him a job, then says ...": the subject of the clause before."""
        if verb.dep_ not in ("ROOT", "conj") or any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
            return None
        for t in reversed(verb.sent[: verb.i - verb.sent.start]):
            if t.dep_ == "nsubj" and t.i not in self.quoted and t.head.pos_ in ("VERB", "AUX") \
                    and t.pos_ != "PRON":
                return t
        return None

    def _speaker_of(self, verb: Token, last: tuple[ActorRef, int] | None,
                    here: int) -> tuple[ActorRef | None, str]:
        subject = self._subject(verb)
        if subject is None and verb.pos_ == "NOUN":
            subject = self._adjacent(verb)
        if subject is None:
            sources = find_sources(verb, self.state)
            if sources:
                return _ref(sources[0].actor, sources[0].span), "actor"
            subject = self._adjacent(verb) or self._clause_before(verb)
            if subject is None:
                return None, ""
        return self._ref_for_np(subject, last, here)

    def _ref_for_np(self, head: Token, last: tuple[ActorRef, int] | None,
                    here: int) -> tuple[ActorRef | None, str]:
        state = self.state
        low = head.lower_
        if head.pos_ == "PRON" or low in ("who", "that", "which"):
            if low in ("who", "that", "which") and head.head.dep_ == "relcl":
                return self._ref_for_np(head.head.head, last, here)
            hit = state.actor_at(head)
            bound = self._binder(head) if low in PERSONAL else None
            if bound is not None and (hit is None or hit[0] is not bound[0]):
                return _ref(bound[0], self.doc[head.i: head.i + 1]), "pronoun"
            recent = last[0] if last is not None and here - last[1] <= CONTINUITY_SENTENCES else None
            if recent is not None and low in PERSONAL and self._prefer_previous(head, hit, recent):
                return _moved(recent, head), "pronoun"
            if hit is not None:
                return _ref(*hit), "pronoun"
            if recent is not None and self._fits(head, recent):
                return _moved(recent, head), "pronoun"
            if low in GENERIC and head.i not in self.quoted:
                return self._unnamed(head), "unnamed"
            return None, ""
        hit = state.actor_at(head)
        if hit is not None and hit[0].kind == "person" and head.pos_ == "PROPN":
            return _ref(*hit), "actor"
        # an appositive name beats its title: "Kenya's president, William Otieno"
        for child in head.children:
            if child.dep_ == "appos":
                named = self._person_in(child)
                if named is not None:
                    return _ref(*named), "appos"
        if hit is not None and hit[0].kind == "person":
            return _ref(*hit), "actor"
        if head.pos_ == "PROPN" or (head.is_title and head.pos_ == "NOUN" and head.i > head.sent.start):
            # the name itself first: "Kasich's chief strategist John Weaver" is Weaver
            for t in _np(head, proper_only=True):
                named = state.actor_at(t)
                if named is not None and named[0].kind == "person":
                    return _ref(*named), "actor"
            if hit is None:
                surname = self._surname(head)
                if surname is not None:
                    return surname, "surname"
                if not any(c.dep_ == "poss" for c in head.children):
                    return self._unnamed(head, proper=True), "unnamed"
        inner = self._person_in(head, deep=False)
        if inner is not None and (head.pos_ == "PROPN" or head.lemma_.lower() in CAMPS):
            return _ref(*inner), "actor"  # "the Clinton campaign", not "a Trump supporter"
        if head.lemma_.lower() in DOCUMENT_NOUNS | SPEECH_NOUNS and head.pos_ == "NOUN":
            # "the ministry's statement said", "came shouts from the crowd",
            # "X issued a statement saying ..."
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is None and head.lemma_.lower() in SPEECH_NOUNS:
                prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")), None)
                owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if owner is None and head.dep_ == "dobj" and head.head.pos_ == "VERB":
                owner = self._subject(head.head)
            if owner is not None:
                ref, how = self._ref_for_np(owner, last, here)
                if ref is not None:
                    return ref, how
        if hit is not None and hit[0].kind != "group":
            return _ref(*hit), "actor"
        owners = [a for a in actors_at(head, state, "np") if a.actor.kind != "group"]
        if owners:
            return _ref(owners[0].actor, owners[0].span), "actor"
        if head.pos_ == "NOUN" and head.tag_ == "NN" and head.lemma_.lower() in ROLE_NOUNS and \
                any(c.lower_ == "the" for c in head.children):
            person = self._recent_person(head)
            if person is not None:
                return _ref(person, _np(head)), "role"
        if hit is not None:
            return _ref(*hit), "actor"
        if head.pos_ in ("NOUN", "PROPN", "NUM") or low in GENERIC:
            return self._unnamed(head), "unnamed"
        return None, ""

    def _binder(self, pronoun: Token) -> tuple[ActorEntity, Span] | None:
        """'Trump said he would deport refugees, who he speculates are ...': a pronoun inside a
        reported clause is the reporting subject when that is a person of its gender."""
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        for verb in pronoun.head.ancestors:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.i == pronoun.i or subject.pos_ != "PROPN":
                return None
            hit = self.state.actor_at(subject)
            if hit is not None and hit[0].kind == "person" and hit[0].gender in (None, gender):
                return hit
            return None
        return None

    def _prefer_previous(self, pronoun: Token, hit: tuple[ActorEntity, Span] | None,
                         previous: ActorRef) -> bool:
        """'"... Ted Cruz ...," he notes.': the pronoun continues the previous speaker rather
        than the last person named inside the quote."""
        entity = self.state.actors.get(previous.actor)
        if entity is None:  # an unnamed speaker: only a name the parser did not tag ("Oliver")
            if not previous.actor.startswith("speaker:") or not previous.name[:1].isupper() or \
                    previous.name.lower() in GENERIC:
                return False
        elif entity.kind != "person" or (hit is not None and hit[0] is entity):
            return False
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        if entity is not None and entity.gender not in (None, gender):
            return False
        if hit is None:
            return True
        before = [m for m in hit[0].mentions if m.start < pronoun.i and m.start != pronoun.i]
        return bool(before) and max(before, key=lambda m: m.start).start in self.quoted

    def _fits(self, pronoun: Token, previous: ActorRef) -> bool:
        """May an unresolved pronoun continue the previous speaker? 'it'/'they' not a person."""
        entity = self.state.actors.get(previous.actor)
        person = entity is not None and entity.kind == "person"
        if pronoun.lower_ in PERSONAL:
            return True
        return pronoun.lower_ in ("it", "they") and not person

    def _person_in(self, token: Token, deep: bool = True) -> tuple[ActorEntity, Span] | None:
        """A person actor named in this noun phrase (not inside its clauses or 'of' phrases)."""
        tokens = [token]
        stack = [token]
        while stack:
            node = stack.pop()
            for child in node.children:
                if child.dep_ in ("compound", "appos", "flat", "nmod") or (deep and child.dep_ == "conj"):
                    tokens.append(child)
                    stack.append(child)
        for t in tokens:
            hit = self.state.actor_at(t)
            if hit is not None and hit[0].kind == "person":
                return hit
        if token.pos_ == "PROPN" and token.dep_ == "appos":
            ref = self._surname(token)
            if ref is not None:
                entity = self.state.actors.get(ref.actor)
                if entity is not None:
                    return entity, self.doc[token.i: token.i + 1]
        return None

    def _surname(self, token: Token) -> ActorRef | None:
        """A name the parser did not tag, matched to a person already named ('Okafor said')."""
        words = {t.text for t in _np(token, proper_only=True)
                 if (t.pos_ == "PROPN" or t.is_title) and not t.text.endswith(".") and t.lower_ not in TITLES}
        if not words:
            return None
        best: tuple[int, ActorEntity] | None = None
        for actor in self.state.actors.values():
            if actor.kind != "person" or not words <= set(actor.name.split()):
                continue
            seen = [m.start for m in actor.mentions if m.start < token.i]
            if seen and (best is None or max(seen) > best[0]):
                best = (max(seen), actor)
        if best is None:
            return None
        return _ref(best[1], _np(token, proper_only=True))

    def _recent_person(self, token: Token) -> ActorEntity | None:
        """The person most recently named within the previous two sentences."""
        sent = token.sent
        floor = sent.start
        for _ in range(2):
            if floor == 0:
                break
            floor = self.doc[floor - 1].sent.start
        best: tuple[int, ActorEntity] | None = None
        for actor in self.state.actors.values():
            if actor.kind != "person":
                continue
            for m in actor.mentions:
                if floor <= m.start < token.i and m[0].pos_ == "PROPN" and (best is None or m.start > best[0]):
                    best = (m.start, actor)
        return best[1] if best else None

    def _unnamed(self, head: Token, proper: bool = False) -> ActorRef:
        span = _np(head, proper_only=proper)
        if head.lemma_.lower() in COLLECTIVE:  # "a group of rights organisations"
            prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                span = self.doc[span.start: pobj.i + 1]
        words = [t for t in span if (t.dep_ not in ("det", "poss", "case", "nummod") or t.i == head.i)
                 and not t.is_space]
        name = " ".join(t.text for t in words) or head.text
        country = None
        for t in span:
            hit = self.state.actor_at(t)
            if hit is not None and hit[0].kind == "country":
                country = hit[0].country
                break
        return ActorRef(actor=f"speaker:{_slug(name)}", name=name, country=country, cameo=None,
                        text=span.text, start=span.start_char, end=span.end_char)
