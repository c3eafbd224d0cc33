"""``tempeval``: TempEval-3 platinum TimeML (a folder of ``.tml``); ``meantime``: the MEANTIME
CAT XML folder. Our dates against the TIMEX3 of type DATE, value F1.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..evaluate import Score, error_lines, register_evaluator
from ..model import ArticleInput
from .common import code_all, eval_limit, overlaps

HEIDELTIME_VALUE_F1 = 0.7761
"""HeidelTime 1.8 on TempEval-3 platinum: value F1 (over all TIMEX3 types)."""


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimexDoc:
    id: str
    text: str
    dct: str
    timexes: list[Timex]
    skip: list[tuple[int, int]] = field(default_factory=list)
    """Spans whose predictions are not scored (creation-time line, unannotated sentences)."""


def read_timeml(path: Path) -> TimexDoc:
    """A TempEval-3 .tml file: the TEXT with inline TIMEX3 turned into offsets."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            end = sum(map(len, parts))
            timexes.append(Timex(start, end, el.get("type", ""), el.get("value", ""),
                                 "".join(parts)[start:end]))

    if text_el is not None:
        walk(text_el)
    return TimexDoc(id=path.stem, text="".join(parts), dct=dct[:10], timexes=timexes)


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "'", "%", "'re", "'ve",
                    "'ll", "'d", "'m", "''"}

_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def read_meantime(path: Path) -> TimexDoc:
    """A MEANTIME CAT XML file: tokens joined back into text, TIMEX3 anchored on them."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    last_sentence, last_token = None, ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if parts:
            sep = "\n" if sentence != last_sentence else \
                ("" if word in _NO_SPACE_BEFORE or last_token in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        last_sentence, last_token = sentence, word
    text = "".join(parts)
    dct, timexes, skip = "", [], []
    markables = root.find("Markables")
    # MEANTIME annotates the title and the first sentences only: the rest is not scored
    sentence_of = {tok.get("t_id", ""): int(tok.get("sentence") or 0) for tok in root.iter("token")}
    annotated = [sentence_of[a.get("t_id", "")] for a in root.iter("token_anchor")
                 if a.get("t_id") in sentence_of]
    if annotated:
        last = max(annotated)
        after = [offsets[t] for t, n in sentence_of.items() if n > last and t in offsets]
        if after:
            skip.append((min(a[0] for a in after), len(text)))
    for el in (markables.iter("TIMEX3") if markables is not None else []):
        anchors = [offsets[a.get("t_id", "")] for a in el.findall("token_anchor") if a.get("t_id") in offsets]
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = el.get("value", "")
            if anchors:
                skip.append((min(a[0] for a in anchors), max(a[1] for a in anchors)))
            continue
        if not anchors:
            continue  # an empty (implicit) TIMEX3
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(Timex(start, end, el.get("type", ""), el.get("value", ""), text[start:end]))
    return TimexDoc(id=path.stem, text=text, dct=dct[:10], timexes=timexes, skip=skip)


def timeml_value(value: str, granularity: str) -> str:
    """Our (YYYY-MM-DD, granularity) in TimeML form: 2024-03-14, 2024-03, 2024, 2024-W11."""
    day = dt.date.fromisoformat(value)
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


_RESOLVABLE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


@dataclass
class TimexReport:
    documents: int = 0
    value: Score = field(default_factory=Score)
    """TP: predicted date on a gold DATE span with the same value. FP: any other prediction,
    except one on a TIME expression (which we do not try to normalise). FN: gold DATE missed."""
    span: Score = field(default_factory=Score)
    resolvable: Score = field(default_factory=Score)
    """As ``value``, counting only gold values we could write (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www)."""
    errors: list[str] = field(default_factory=list)


def evaluate_timex(docs: list[TimexDoc], *, settings: Settings | None = None,
                   max_errors: int = 300) -> TimexReport:
    inputs = [ArticleInput(id=d.id, text=d.text, published=d.dct or None) for d in docs]
    report = TimexReport()
    for doc, article in zip(docs, code_all(inputs, settings)):
        report.documents += 1
        predicted = [p for p in (article.dates if article else [])
                     if not any(overlaps((p.start, p.end), s) for s in doc.skip)]
        gold = [t for t in doc.timexes if t.type == "DATE"]
        used: set[int] = set()
        for p in predicted:
            span = (p.start, p.end)
            ours = timeml_value(p.value, p.granularity)
            match = next((i for i, t in enumerate(gold) if i not in used and overlaps(span, (t.start, t.end))), None)
            if match is None:
                other = next((t for t in doc.timexes if overlaps(span, (t.start, t.end))), None)
                if other is not None and other.type == "TIME":
                    continue
                report.value.fp += 1
                report.span.fp += 1
                report.resolvable.fp += 1
                if len(report.errors) < max_errors:
                    report.errors.append(f"{doc.id}: spurious '{p.text}' = {ours}"
                                         + (f" (gold {other.type} {other.value})" if other else ""))
                continue
            used.add(match)
            t = gold[match]
            report.span.tp += 1
            if ours == t.value:
                report.value.tp += 1
                report.resolvable.tp += 1
            else:
                report.value.fp += 1
                report.value.fn += 1
                report.resolvable.fp += 1
                report.resolvable.fn += bool(_RESOLVABLE.match(t.value))
                if len(report.errors) < max_errors:
                    report.errors.append(f"{doc.id}: '{t.text}' gold {t.value}, ours '{p.text}' = {ours}")
        for i, t in enumerate(gold):
            if i not in used:
                report.value.fn += 1
                report.span.fn += 1
                if _RESOLVABLE.match(t.value):
                    report.resolvable.fn += 1
                    if len(report.errors) < max_errors:
                        report.errors.append(f"{doc.id}: missed '{t.text}' = {t.value}")
    return report


def format_timex_report(report: TimexReport, name: str, *, show_errors: int = 20) -> str:
    s, r, v = report.span, report.resolvable, report.value
    lines = [f"{name}: {report.documents} documents, {v.tp + v.fn} gold DATE expressions", "",
             "| measure | precision | recall | F1 |", "|---|---|---|---|",
             f"| DATE value (exact TimeML value) | {v.precision:.3f} | {v.recall:.3f} | {v.f1:.3f} |",
             f"| DATE value, gold values we can express | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} |",
             f"| DATE span (overlap) | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"]
    if name.startswith("TempEval"):
        lines += ["", f"reference: HeidelTime 1.8 value F1 {HEIDELTIME_VALUE_F1:.3f} (all TIMEX3 types, "
                      "TempEval-3 scorer); ours counts DATE expressions only"]
    lines += error_lines(report.errors, show_errors, lambda e: [f"- {e}"])
    return "\n".join(lines)


def _timex_json(report: TimexReport) -> str:
    return json.dumps({"documents": report.documents, "value": report.value.as_dict(),
                       "value_expressible": report.resolvable.as_dict(),
                       "span": report.span.as_dict(), "errors": report.errors}, indent=1)


def _tml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.tml"))


def _run_tempeval(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    docs = [read_timeml(p) for p in _tml_files(path)][:eval_limit()]
    report = evaluate_timex(docs, settings=settings)
    return _timex_json(report) if as_json else format_timex_report(report, "TempEval-3 platinum",
                                                                    show_errors=show_errors)


def _looks_like_tempeval(path: Path) -> bool:
    return (path.is_file() and path.suffix == ".tml") or (path.is_dir() and bool(_tml_files(path)))


def _meantime_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    intra = path / "intra-doc_annotation"
    return sorted((intra if intra.is_dir() else path).rglob("*.xml"))


def _run_meantime(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    docs = [read_meantime(p) for p in _meantime_files(path)][:eval_limit()]
    report = evaluate_timex(docs, settings=settings)
    return _timex_json(report) if as_json else format_timex_report(report, "MEANTIME English",
                                                                    show_errors=show_errors)


def _looks_like_meantime(path: Path) -> bool:
    files = _meantime_files(path) if path.exists() and (path.is_dir() or path.suffix == ".xml") else []
    if not files:
        return False
    with open(files[0], encoding="utf-8") as handle:
        head = handle.read(500)
    return "<Document" in head and "<token" in head


register_evaluator("tempeval", _looks_like_tempeval, _run_tempeval)

register_evaluator("meantime", _looks_like_meantime, _run_meantime)
