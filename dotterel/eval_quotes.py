"""``dotterel eval`` for quotes: our gold JSONL (kind ``quotes``) and PolNeAR (kind ``polnear``).

Quote gold (JSONL, one text per line, ``tests/data/quotes_gold.jsonl``):
``{"id", "published", "text", "quotes": [{"kind": "direct|indirect|partial", "text": exact
substring of text without the marks, "speaker": [aliases as written in the text] | null}]}``.
An optional ``"start"`` pins a quote text that occurs more than once; otherwise its first
occurrence is used. Optional statement labels: ``"event"`` is the verbal event the quote itself
makes (``"ACCUSE"``, ``"REQUEST"``, ``"THREATEN"``, ``"REJECT"``, ``"SUPPORT"``) or null for a
plain statement, and ``"inflammatory"`` (true/false) says whether the speaker vilifies or
dehumanises a people in it. Where a gold file carries them, the event and statement stages run
too, and the report adds statement-event type accuracy (over found labelled quotes; the type
is that of the first event the predicted quote links) with precision/recall over non-null
types, and precision/recall of the inflammatory flag.

PolNeAR (Newell, Margolin & Ruths 2018) is BRAT standoff: ``T`` lines with Source / Cue /
Content spans (possibly discontinuous, ``a b;c d``) and ``E`` lines tying them into one
attribution. Articles annotated twice keep the first annotator's file in name order. Its
attributions are broad (beliefs, studies, "according to"), so recall is also given for the
contents that carry a quotation mark ("direct", which includes mixed quotes).

Matching, one rule for both: a predicted quote *finds* a gold quote when their character
spans overlap by at least half of the shorter of the two (all segments of a discontinuous
gold content count together), so a partial quote inside a longer gold content is found and
a split quote predicted as two parts finds its gold twice. Precision = predicted quotes that
find some gold quote / predicted quotes; recall = gold quotes found / gold quotes.

Speaker accuracy: among found gold quotes with an annotated speaker, the share whose
best-overlapping predicted quote has a matching speaker. Our gold: an alias is contained
(as whole words) in the speaker's canonical name, or in its mention text, or the other way
round (a pronoun mention only counts through the name). PolNeAR: the speaker's mention
overlaps the gold source span; or the gold source span is a mention of the same actor in our
own actor mentions (how pronoun sources like "he" are resolved); or, for a relative "who",
its antecedent is; or the gold source's head word is a word of the actor's name or mention.
"Quote+speaker" counts a quote as right only when it is found and its speaker matches
(a gold quote with no annotated source counts when found).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .evaluate import error_lines, first_record, register_evaluator
from .model import ActorRef, Article, ArticleInput

log = logging.getLogger("dotterel")
Segments = tuple[tuple[int, int], ...]
LIMIT_ENV = "DOTTEREL_EVAL_LIMIT"
"""Environment variable: score only the first N documents (PolNeAR runs slowly on 2 cores)."""
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "his", "she", "her", "it", "they",
            "them", "their", "its", "our", "my", "who", "which", "that", "whom"}
QUOTE_MARKS = '"\u201c\u201d\u201e'
REFERENCE = [
    ("Citron (BBC R&D), PARC 3.0 test", "source-span F1 0.820 exact / 0.853 overlap; "
     "content-span overlap F1 0.833 (different corpus and measure: reference only)"),
    ("textacy direct quotes, PolNeAR test", "P 0.98, R 0.52, speaker right in 85% of found "
     "quotes (docs/field-notes.md)"),
]


@dataclass
class Score:
    """Precision over predictions and recall over gold, counted separately: matching is not
    one-to-one (a split quote predicted in two parts finds one gold quote twice)."""

    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    gold_ok: int = 0

    @property
    def precision(self) -> float:
        return self.predicted_ok / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "predicted": self.predicted, "predicted_ok": self.predicted_ok,
                "gold": self.gold, "gold_ok": self.gold_ok}


@dataclass(frozen=True)
class GoldQuote:
    segments: Segments
    kind: str
    text: str
    aliases: tuple[str, ...] | None = None
    """Our gold: the speaker's names as written; None when no speaker is annotated."""
    source: Segments | None = None
    """PolNeAR: the source span; None for an attribution without a source."""
    source_text: str | None = None
    event: str | None = None
    """Our gold, optional: the verbal event type the quote makes; None for a plain statement."""
    event_labelled: bool = False
    inflammatory: bool | None = None
    """Our gold, optional: does the speaker vilify or dehumanise a people in it?"""

    @property
    def has_speaker(self) -> bool:
        return self.aliases is not None or self.source is not None


@dataclass
class GoldDoc:
    id: str
    text: str
    quotes: list[GoldQuote]
    published: str | None = None


@dataclass
class QuoteReport:
    corpus: str
    documents: int = 0
    subset: str = ""
    quotes: Score = field(default_factory=Score)
    attributed: Score = field(default_factory=Score)
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    predicted_by_kind: Counter[str] = field(default_factory=Counter)
    correct_by_kind: Counter[str] = field(default_factory=Counter)
    speaker_total: Counter[str] = field(default_factory=Counter)
    speaker_right: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    statements: Score = field(default_factory=Score)
    """Statement events over found labelled quotes: precision/recall of non-null types."""
    statement_labelled: int = 0
    statement_right: int = 0
    inflammatory: Score = field(default_factory=Score)
    inflammatory_labelled: int = 0
    statement_errors: list[str] = field(default_factory=list)
    statement_stage: Counter[str] = field(default_factory=Counter)
    """Non-null predictions by the stage that coded the event, and how many were right."""
    failed: list[str] = field(default_factory=list)
    """Documents the pipeline could not code (their quotes count as missed)."""

    @property
    def speaker_accuracy(self) -> float:
        total = sum(self.speaker_total.values())
        return sum(self.speaker_right.values()) / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        kinds = sorted(set(self.gold_by_kind) | set(self.predicted_by_kind))
        return {
            "corpus": self.corpus, "documents": self.documents, "subset": self.subset,
            "quotes": self.quotes.as_dict(), "quote+speaker": self.attributed.as_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "speaker_checked": sum(self.speaker_total.values()),
            "per_kind": {k: {"gold": self.gold_by_kind[k], "recall": ratio(self.found_by_kind[k], self.gold_by_kind[k]),
                             "predicted": self.predicted_by_kind[k],
                             "precision": ratio(self.correct_by_kind[k], self.predicted_by_kind[k]),
                             "speaker_accuracy": ratio(self.speaker_right[k], self.speaker_total[k])}
                         for k in kinds},
            "reference": dict(REFERENCE),
            "failed_documents": self.failed,
            "errors": self.errors,
            **self._statement_dict(),
        }

    def _statement_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.statement_labelled:
            out["statements"] = {"labelled": self.statement_labelled,
                                 "type_accuracy": round(self.statement_right / self.statement_labelled, 3),
                                 "right": self.statement_right, **self.statements.as_dict(),
                                 "by_stage": dict(sorted(self.statement_stage.items())),
                                 "errors": self.statement_errors}
        if self.inflammatory_labelled:
            out["inflammatory"] = {"labelled": self.inflammatory_labelled, **self.inflammatory.as_dict()}
        return out


# ---------------------------------------------------------------------------- readers

def read_quote_gold(path: Path) -> Iterator[GoldDoc]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            quotes = []
            for q in record.get("quotes") or []:
                start = q.get("start", text.find(q["text"]))
                if start < 0 or text[start:start + len(q["text"])] != q["text"]:
                    raise ValueError(f"{path}:{number}: quote {q['text']!r} is not in the text")
                speaker = q.get("speaker")
                quotes.append(GoldQuote(segments=((start, start + len(q["text"])),), kind=q["kind"],
                                        text=q["text"], aliases=tuple(speaker) if speaker else None,
                                        event=q.get("event"), event_labelled="event" in q,
                                        inflammatory=q.get("inflammatory")))
            yield GoldDoc(id=str(record.get("id", f"{path.stem}:{number}")), text=text,
                          quotes=quotes, published=record.get("published"))


_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")


def read_polnear(path: Path, *, split: str = "dev", limit: int | None = None) -> list[GoldDoc]:
    """PolNeAR articles of one split: ``path`` is the corpus root (with ``dev/``), a split
    folder (``attributions/`` + ``text/``) or one folder holding ``.ann`` and ``.txt`` files."""
    base = path / split if (path / split).is_dir() else path
    ann_dir = base / "attributions" if (base / "attributions").is_dir() else base
    text_dir = base / "text" if (base / "text").is_dir() else base
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem if (text_dir / f"{ann.stem}.txt").exists() else _ANNOTATOR.sub("", ann.stem)
        chosen.setdefault(stem, ann)  # double-annotated articles: the first annotator's file
    docs = []
    for stem, ann in sorted(chosen.items())[:limit]:
        text_file = text_dir / f"{stem}.txt"
        if not text_file.exists():
            continue
        text = text_file.read_text(encoding="utf-8")
        docs.append(GoldDoc(id=stem, text=text, quotes=parse_brat(ann.read_text(encoding="utf-8"), text),
                            published=_published(stem)))
    return docs


def parse_brat(ann: str, text: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, Segments]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            segments = tuple(tuple(int(x) for x in r.split()) for r in ranges.split(";"))
            spans[parts[0]] = (label, segments)  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    quotes = []
    for rel in relations:
        content: list[tuple[int, int]] = []
        for role in ("Content", "Content2"):
            if role in rel and rel[role] in spans:
                content.extend(spans[rel[role]][1])
        if not content:
            continue
        content.sort()
        source = spans[rel["Source"]][1] if rel.get("Source") in spans else None
        quote_text = " ".join(text[a:b] for a, b in content)
        kind = "direct" if any(m in quote_text for m in QUOTE_MARKS) else "indirect"
        quotes.append(GoldQuote(segments=tuple(content), kind=kind, text=quote_text, source=source,
                                source_text=" ".join(text[a:b] for a, b in source) if source else None))
    return quotes


def _published(stem: str) -> str | None:
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", stem)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------------------- scoring

def overlap(a: Segments, b: Segments) -> float:
    """Overlapping characters as a share of the shorter of the two span sets."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    shorter = min(sum(e - s for s, e in a), sum(e - s for s, e in b))
    return shared / shorter if shorter > 0 else 0.0


def evaluate_quotes(docs: Iterable[GoldDoc], *, corpus: str = "quotes", settings: Settings | None = None,
                    max_errors: int = 200, subset: str = "") -> QuoteReport:
    report = QuoteReport(corpus=corpus, subset=subset)
    for gold, article, doc in _code(list(docs), settings):
        report.documents += 1
        if article is None:
            report.failed.append(gold.id)
            article = Article(id=gold.id, text=gold.text)
        _score_doc(gold, article, doc, report, max_errors)
    return report


def _code(docs: list[GoldDoc], settings: Settings | None) -> Iterator[tuple[GoldDoc, Article | None, Any]]:
    """Run the pipeline up to the quote finder, keeping the spaCy docs (PolNeAR speakers are
    resolved on our parse); with statement labels, the event and statement stages too.
    Later components never change a quote's span or speaker."""
    from .nlp.pipeline import COMPONENTS, load_pipeline
    from .pipeline import assemble

    nlp = load_pipeline(settings or Settings())
    keep = {"dotterel_events", "dotterel_statements"} if any(
        q.event_labelled or q.inflammatory is not None for d in docs for q in d.quotes) else set()
    later = [n for n in COMPONENTS[COMPONENTS.index("dotterel_quotes") + 1:]
             if n in nlp.pipe_names and n not in keep]

    def make(gold: GoldDoc) -> Any:
        doc = nlp.make_doc(gold.text)
        if gold.published:
            doc._.dotterel.published = dt.date.fromisoformat(gold.published)
        return doc

    with nlp.select_pipes(disable=later):
        for gold in docs:
            try:
                doc = nlp(make(gold))
            except Exception:  # a record the pipeline cannot code: all its quotes count as missed
                log.exception("document %s failed", gold.id)
                yield gold, None, None
                continue
            yield gold, assemble(doc, ArticleInput(id=gold.id, text=gold.text, published=gold.published)), doc


def _score_doc(gold: GoldDoc, article: Article, doc: Any, report: QuoteReport, max_errors: int) -> None:
    predicted = list(article.quotes)
    spans = [((q.start, q.end),) for q in predicted]
    found_pred = [False] * len(predicted)
    right_pred = [False] * len(predicted)
    missed, wrong = [], []
    for g in gold.quotes:
        report.gold_by_kind[g.kind] += 1
        report.quotes.gold += 1
        report.attributed.gold += 1
        scores = [overlap(g.segments, s) for s in spans]
        hits = [i for i, s in enumerate(scores) if s >= 0.5]
        if not hits:
            missed.append(g)
            continue
        report.quotes.gold_ok += 1
        report.found_by_kind[g.kind] += 1
        for i in hits:
            found_pred[i] = True
            if not g.has_speaker or speaker_matches(predicted[i].speaker, g, article, doc):
                right_pred[i] = True
        best = max(hits, key=lambda i: (scores[i], -abs(predicted[i].start - g.segments[0][0])))
        _score_statement(g, predicted[best], article, report)
        if not g.has_speaker:
            report.attributed.gold_ok += 1
            continue
        report.speaker_total[g.kind] += 1
        if speaker_matches(predicted[best].speaker, g, article, doc):
            report.speaker_right[g.kind] += 1
            report.attributed.gold_ok += 1
        else:
            wrong.append((g, predicted[best]))
    for q, found, right in zip(predicted, found_pred, right_pred):
        report.predicted_by_kind[q.kind] += 1
        report.quotes.predicted += 1
        report.attributed.predicted += 1
        report.correct_by_kind[q.kind] += found
        report.quotes.predicted_ok += found
        report.attributed.predicted_ok += right
    spurious = [q for q, f in zip(predicted, found_pred) if not f]
    if (missed or wrong or spurious) and len(report.errors) < max_errors:
        report.errors.append({
            "id": gold.id,
            "missed": [f"{g.kind} {_short(g.text)} ({_gold_speaker(g)})" for g in missed],
            "wrong_speaker": [f"{_short(g.text)}: gold {_gold_speaker(g)}, got {_ref_str(q.speaker)}"
                              for g, q in wrong],
            "spurious": [f"{q.kind} {_short(q.text)} ({_ref_str(q.speaker)})" for q in spurious]})


def _score_statement(g: GoldQuote, quote: Any, article: Article, report: QuoteReport) -> None:
    """Statement type and inflammatory flag of the best-matching predicted quote."""
    if g.event_labelled:
        events = {e.id: e for e in article.events}
        first = next((events[i] for i in quote.events if i in events), None)
        got = first.type if first is not None else None
        if first is not None:  # our own statement event, or the event coder's one at the cue, linked
            stage = "statements" if first.explanation.startswith("statement:") else "event coder"
            report.statement_stage[stage] += 1
            report.statement_stage[stage + " right"] += got == g.event
        report.statement_labelled += 1
        report.statement_right += got == g.event
        s = report.statements
        s.predicted += got is not None
        s.predicted_ok += got is not None and got == g.event
        s.gold += g.event is not None
        s.gold_ok += g.event is not None and got == g.event
        if got != g.event:
            report.statement_errors.append(f"{_short(g.text)}: gold {g.event or '-'}, got {got or '-'}")
    if g.inflammatory is not None:
        report.inflammatory_labelled += 1
        f = report.inflammatory
        f.predicted += quote.inflammatory
        f.predicted_ok += quote.inflammatory and g.inflammatory
        f.gold += g.inflammatory
        f.gold_ok += g.inflammatory and quote.inflammatory
        if quote.inflammatory != g.inflammatory:
            report.statement_errors.append(f"{_short(g.text)}: inflammatory gold {g.inflammatory}, "
                                           f"got {quote.inflammatory}")


def speaker_matches(ref: ActorRef | None, gold: GoldQuote, article: Article, doc: Any = None) -> bool:
    if ref is None:
        return False
    if gold.aliases is not None:
        return any(alias_matches(ref, a) for a in gold.aliases)
    if gold.source is None:
        return False
    source: Segments = gold.source
    if overlap(((ref.start, ref.end),), source) > 0:
        return True
    if ref.actor in _actors_at(article, source):
        return True
    head = _source_head(doc, source) if doc is not None else None
    if head is None:
        return False
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        antecedent = head.head.head
        seg = ((antecedent.idx, antecedent.idx + len(antecedent)),)
        return ref.actor in _actors_at(article, seg) or _word_in(antecedent.text, ref)
    if head.lower_ in PRONOUNS:
        return False
    return _word_in(head.text, ref)


def alias_matches(ref: ActorRef, alias: str) -> bool:
    """Whole-word containment either way between an alias and the speaker's name or mention
    (a pronoun mention counts only through the actor's name)."""
    a = _norm(alias)
    if not a:
        return False
    name, text = _norm(ref.name), _norm(ref.text)
    if _contains(name, a) or _contains(a, name):
        return True
    return text not in PRONOUNS and bool(text) and (_contains(text, a) or _contains(a, text))


def _norm(value: str) -> str:
    value = value.lower().replace("\u2019", "'").strip()
    value = re.sub(r"^(the|a|an)\s+", "", value)
    return re.sub(r"'s$", "", value)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def _word_in(word: str, ref: ActorRef) -> bool:
    w = _norm(word)
    return len(w) > 1 and (_contains(_norm(ref.name), w) or _contains(_norm(ref.text), w))


def _actors_at(article: Article, segments: Segments) -> set[str]:
    return {a.id for a in article.actors for m in a.mentions
            if any(m.start < e and s < m.end for s, e in segments)}


def _source_head(doc: Any, segments: Segments) -> Any:
    start, end = segments[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.dep_ == "appos" or root.pos_ not in ("PROPN", "NOUN", "PRON"):
        nouns = [t for t in span if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return nouns[-1] if nouns else root
    return root


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 3] + "...")


def _gold_speaker(g: GoldQuote) -> str:
    if g.aliases is not None:
        return "/".join(g.aliases)
    return g.source_text or "-"


def _ref_str(ref: ActorRef | None) -> str:
    return "-" if ref is None else f"{ref.name} '{ref.text}'"


# ---------------------------------------------------------------------------- output

def format_quote_report(report: QuoteReport, *, show_errors: int = 20) -> str:
    data = report.as_dict()
    lines = [f"corpus: {data['corpus']}   documents: {data['documents']}"
             + (f"   subset: {data['subset']}" if data["subset"] else ""),
             "match: predicted and gold spans overlap by >= 50% of the shorter",
             "", "| measure | precision | recall | F1 |", "|---|---|---|---|"]
    for key in ("quotes", "quote+speaker"):
        s = data[key]
        lines.append(f"| {key} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += ["", f"speaker accuracy on found quotes: {data['speaker_accuracy']:.3f} "
                  f"({sum(report.speaker_right.values())}/{data['speaker_checked']})",
              "", "| kind | gold | recall | predicted | precision | speaker accuracy |",
              "|---|---|---|---|---|---|"]
    for kind, k in data["per_kind"].items():
        lines.append(f"| {kind} | {k['gold']} | {_fmt(k['recall'])} | {k['predicted']} | "
                     f"{_fmt(k['precision'])} | {_fmt(k['speaker_accuracy'])} |")
    lines += _statement_lines(data)
    if report.failed:
        lines += ["", f"documents the pipeline failed on (quotes counted as missed): {', '.join(report.failed)}"]
    lines += ["", "reference figures (published, not rerun here):"]
    lines += [f"- {who}: {what}" for who, what in REFERENCE]
    lines += error_lines(report.errors, show_errors, lambda err: [
        f"- {err['id']}", *(f"    missed:   {m}" for m in err["missed"]),
        *(f"    speaker:  {w}" for w in err["wrong_speaker"]), *(f"    spurious: {s}" for s in err["spurious"])],
        "documents")
    return "\n".join(lines)


def _statement_lines(data: dict[str, Any]) -> list[str]:
    lines = []
    if "statements" in data:
        s = data["statements"]
        lines += ["", f"statement events (found gold quotes with an \"event\" label): type accuracy "
                      f"{s['type_accuracy']:.3f} ({s['right']}/{s['labelled']}); non-null types "
                      f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                      f"({s['gold']} gold, {s['predicted']} predicted)"]
        stages = s["by_stage"]
        lines += ["predicted types by the stage that coded the event: " + ", ".join(
            f"{k} {stages.get(k + ' right', 0)}/{stages[k]} right" for k in ("statements", "event coder") if k in stages)]
    if "inflammatory" in data:
        f = data["inflammatory"]
        lines += [f"inflammatory flag (found gold quotes with an \"inflammatory\" label: {f['labelled']}): "
                  f"P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
                  f"({f['gold']} gold, {f['predicted']} predicted)"]
    if data.get("statements", {}).get("errors"):
        lines += ["statement errors:"] + [f"    {e}" for e in data["statements"]["errors"][:40]]
    return lines


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _limit() -> int | None:
    value = os.environ.get(LIMIT_ENV, "").strip()
    return int(value) if value else None


def _run_quotes(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    docs = list(read_quote_gold(path))[:_limit()]
    subset = f"first {len(docs)} texts ({LIMIT_ENV})" if _limit() else ""
    report = evaluate_quotes(docs, corpus=path.name, settings=settings, subset=subset)
    return json.dumps(report.as_dict(), indent=1) if as_json else format_quote_report(report, show_errors=show_errors)


def _run_polnear(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    limit = _limit()
    docs = read_polnear(path, split="dev", limit=limit)
    subset = f"dev split, {len(docs)} articles" + (f" (first {limit} by name, {LIMIT_ENV})" if limit else " (all)")
    report = evaluate_quotes(docs, corpus="PolNeAR", settings=settings, subset=subset)
    return json.dumps(report.as_dict(), indent=1) if as_json else format_quote_report(report, show_errors=show_errors)


def _looks_like_quote_gold(path: Path) -> bool:
    record = first_record(path)
    return record is not None and "quotes" in record and "events" not in record


def _looks_like_polnear(path: Path) -> bool:
    if not path.is_dir():
        return False
    source = path / "SOURCE.txt"
    if source.exists():  # GeoWebNews is BRAT too: a described folder is taken at its word
        return "polnear" in source.read_text(encoding="utf-8", errors="replace").lower()
    return any(path.glob("*.ann")) or any(path.glob("*/*.ann")) or any(path.glob("*/*/*.ann"))


register_evaluator("quotes", _looks_like_quote_gold, _run_quotes)
register_evaluator("polnear", _looks_like_polnear, _run_polnear)

__all__ = ["evaluate_quotes", "format_quote_report", "read_quote_gold", "read_polnear", "parse_brat",
           "speaker_matches", "alias_matches", "overlap", "GoldDoc", "GoldQuote", "QuoteReport", "Score"]
