"""Quote candidates: direct quotes with their cue, and indirect speech from reporting verbs
with a complement clause ("X said that ...", "..., X said") or "according to X".
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..nlp.state import doc_text
from .cues import INDIRECT_CUES, SPEECH, Candidate, after_quote, is_cue
from .marks import MARKS
from .speakers import Speakers

QUESTION_WORDS = {"whether", "if", "what", "which", "who", "whom", "how", "why", "when", "where"}


def _kind(doc: Doc, start: int, end: int) -> str:
    """Partial when the marks sit inside a clause of the reporter's ('as a "land of ..."')."""
    inner = doc_text(doc)[start:end]
    before = doc_text(doc)[max(0, start - 40): start].rstrip().rstrip(MARKS).rstrip()
    embedded = bool(before) and (before[-1].isalnum() or before[-1] in ")%")
    if len(inner.split()) <= 12 and embedded:
        return "partial"
    return "direct"


def _reported_before(clause: list[Token], cue: Token) -> bool:
    """'Talks will resume on Tuesday, he said': a clause before its cue ends at a comma
    (or a dash); if it is itself a report ("X had told police that ..., the source added"),
    it has a subject of its own."""
    last = clause[-1]
    if last.i + 1 >= len(cue.doc) or last.i + 1 >= cue.i:
        return False
    ends = last if last.is_punct else cue.doc[last.i + 1]
    head = next((t for t in clause if t.head.i == cue.i), clause[0])
    return ends.text in (",", "\u2014", "--", "-") and (head.lemma_.lower() not in SPEECH or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children))


def _question(first: Token, cue: Token) -> bool:
    """Does a complement open as a question ("asked whether", "asked if", "said which")?
    A conditional "said if ..., ..." is not one."""
    if first.lower_ == "whether":
        return True
    if first.lower_ == "if":
        return cue.lemma_.lower() in ("ask", "wonder", "question", "inquire")
    return first.lower_ in QUESTION_WORDS or first.tag_ in ("WDT", "WP", "WRB")


class Candidates(Speakers):
    """Finds the candidates; an indirect one takes its speaker from the clause subject (``Speakers``)."""

    # -------------------------------------------------------------- candidates

    def _direct(self) -> Iterator[Candidate]:
        for start, end in self.direct_spans:
            content = self.doc.char_span(start, end, alignment_mode="expand")
            if content is None or not content.text.strip():
                continue
            yield Candidate(kind=_kind(self.doc, start, end), start=start, end=end,
                             cue=self._direct_cue(content), tokens=content, how="direct")

    def _indirect(self) -> Iterator[Candidate]:
        doc = self.doc
        for token in doc:
            if token.lower_ == "according" and (to := next((c for c in token.children if c.lower_ == "to"), None)):
                cand = self._according(token, to)
                if cand is not None:
                    yield cand
                continue
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in INDIRECT_CUES:
                continue
            if token.i in self.quoted or any(c.dep_ == "neg" for c in token.children):
                continue
            comps = [c for c in token.children if c.dep_ == "ccomp"]
            inverted = after_quote(token)
            for child in comps:
                if self.para[child.i] != self.para[token.i]:
                    continue
                if inverted and child.i > token.i and not any(c.dep_ == "mark" for c in child.children):
                    continue  # '"...," said Ben Carson, asked about ...': the rest is no reported clause
                subject = self._subject(token)
                skip = {t.i for t in subject.subtree} if subject is not None else set()
                for t in child.subtree:  # "..., according to X" is a source, not part of the clause
                    if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
                        skip |= {u.i for u in t.subtree}
                sub = [t for t in child.subtree if t.i not in skip and self.para[t.i] == self.para[token.i]]
                marked = bool(sub) and sub[0].dep_ == "mark" and sub[0].lower_ == "that"
                if marked:
                    sub = sub[1:]
                if not sub or (not marked and _question(sub[0], token)):
                    continue  # "asked whether ...", "did not say which ..."
                if child.i < token.i and not _reported_before(sub, token):
                    continue
                gap = next((n for n in range(1, len(sub)) if sub[n].i != sub[n - 1].i + 1), len(sub))
                cand = self._clause(sub[:gap], token)
                if cand is not None:
                    yield cand
            if not comps and token.dep_ == "parataxis" and token.head.i < token.i \
                    and self._subject(token) is not None:
                # "The strike will go ahead, union officials said, after ...": the clause is the head's
                head = token.head
                sub = [t for t in head.subtree if t.i < token.left_edge.i and t.sent == token.sent]
                if sub and sub[0].lower_ not in QUESTION_WORDS and sub[0].pos_ != "CCONJ":
                    cand = self._clause(sub, token)
                    if cand is not None:
                        yield cand

    def _according(self, according: Token, to: Token) -> Candidate | None:
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        head = according.head
        if pobj is None or head.i == according.i:
            return None
        skip = {t.i for t in according.subtree}
        sent, para = according.sent, self.para[according.i]
        # "According to X, <clause>." and "<clause>, according to X." take the whole sentence
        lead = [t for t in sent if t.i < according.i and not (t.is_punct or t.is_space)]
        right = max(skip)
        tail = [t for t in sent if t.i > right and not (t.is_punct or t.is_space)]
        if not lead or [t.lower_ for t in lead] in (["but"], ["and"]):
            run = [t for t in sent if t.i > right and self.para[t.i] == para]
        elif not tail:
            run = [t for t in sent if t.i < according.i and self.para[t.i] == para]
        else:
            run = []
        if run and not any(t.i in self.quoted for t in run):
            colons = [n for n, t in enumerate(run) if t.text in (":", ";") and t.i < according.i]
            run = run[colons[-1] + 1:] if colons else run
            cand = self._clause(run, according)
            if cand is not None:
                cand.how = "according"
            return cand
        sub = [t for t in head.subtree if t.i not in skip and t.sent == according.sent]
        # the run of the clause around its verb, not interrupted by "according to X", nor
        # running on past a coordination or a colon ("..., according to X, and officials said")
        runs: list[list[Token]] = []
        for t in sub:
            if runs and t.i == runs[-1][-1].i + 1 and not (t.dep_ == "cc" and t.head.i == head.i and any(
                    c.dep_ == "conj" and c.i > t.i and any(g.dep_ == "nsubj" for g in c.children)
                    for c in head.children)):
                runs[-1].append(t)
            else:
                runs.append([t])
        if not runs:
            return None
        run = next((r for r in runs if head in r), max(runs, key=len))
        colons = [n for n, t in enumerate(run) if t.text in (":", ";") and t.i < according.i]
        if colons:
            run = run[colons[-1] + 1:]
        if run and run[0].dep_ == "mark" and run[0].lower_ == "that":
            run = run[1:]
        cand = self._clause(run, according)
        if cand is not None:
            cand.how = "according"
        return cand

    def _clause(self, tokens: list[Token], cue: Token) -> Candidate | None:
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].pos_ == "CCONJ"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in "\"\u201d":
            tokens = tokens[:-1]
        if len(tokens) < 2:
            return None
        span = self.doc[tokens[0].i: tokens[-1].i + 1]
        return Candidate(kind="indirect", start=span.start_char, end=span.end_char, cue=cue,
                          tokens=span, how="indirect")

    def _direct_cue(self, content: Span) -> Token | None:
        """A cue verb of the quote's sentences, outside any quote: the governor, else the nearest."""
        inside = set(range(content.start, content.end))
        node = content.root
        while node.head.i != node.i and node.i in inside:
            node = node.head
        for candidate in [node, *node.ancestors]:
            if candidate.i not in inside and is_cue(candidate) and candidate.i not in self.quoted:
                return candidate
        sents = sorted({content[0].sent, content[-1].sent}, key=lambda s: s.start)
        closed = content.text.rstrip("\u2019'").endswith(".")
        follower = self.doc[content.end + 1] if content.end + 1 < len(self.doc) else None
        ended = closed and follower is not None and not follower.is_lower
        if ended:
            # '"... in January." Soto denied it.': a new sentence, not the quote's cue
            sents = [s for s in sents if s.start < content.end]
            inside |= set(range(content.end, len(self.doc)))
        options = [t for s in sents for t in s if t.i not in inside and t.i not in self.quoted and is_cue(t)]
        if not options and not ended:
            # spaCy sometimes ends the sentence at the closing mark: look just past it ("...," he said.)
            # After a quote closing on a comma, '"...," an angry Hollande retaliated' is a cue too.
            comma = content.text.rstrip(MARKS).endswith((",", "?", "!", "\u2014"))
            for t in self.doc[content.end: content.end + 14]:
                if t.i in self.quoted or t.text in (".", ";") or "\n" in t.text:
                    break
                if is_cue(t) or (comma and t.pos_ == "VERB" and t.i > content.end + 1 and
                                  any(c.dep_ == "nsubj" and c.i > content.end for c in t.children)) or \
                        (t.pos_ == "NOUN" and t.tag_ == "NNS" and t.lemma_.lower() in SPEECH and
                         t.i + 1 < len(self.doc) and self.doc[t.i + 1].text in (".", ",")):
                    options.append(t)
                    break
        if not options:
            return None
        return min(options, key=lambda t: min(abs(t.i - content.start), abs(t.i - content.end)))
