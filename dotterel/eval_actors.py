"""``dotterel eval`` for actors: mention detection, resolution, country, CAMEO and coreference.

Gold (JSONL, one short text per line, ``tests/data/actors_gold.jsonl``)::

    {"id", "published", "text", "mentions": [{"text", "start", "end", "actor", "country",
     "cameo"}]}

``text`` is the exact substring ``text[start:end]`` (checked on reading); ``actor`` is the
canonical name (the knowledge-base name for known actors, ``"<Country> (<role word>)"`` for an
unnamed state organ or group such as ``"Kenya (police)"``, otherwise the name as written);
``country`` is ISO3 or null; ``cameo`` is the CAMEO actor code on the article's date or null.

Annotation conventions (what counts as a mention):

* Every reference to a political actor: people, countries, state organs, IGOs, NGOs, armed
  groups, parties, and unnamed role groups that act or are acted on ("protesters",
  "Somali police", "gunmen"). Personal pronouns (he, him, his, she, her, it, its, they)
  and definite descriptions ("the group", "the ministry", "the Russian president") count.
  Relative pronouns (who, which) do not, nor does a plural pronoun that stands for several
  actors together ("Egypt and Qatar said they") or for nobody in particular ("analysts say
  they"): no one actor is meant.
* A span covers the whole noun phrase without post-modifying clauses: titles before a name
  are inside the person's mention ("Prime Minister Benjamin Netanyahu"), and the words that
  tie a title or organ to its owner are part of that one mention, not a separate one
  ("Pakistan's army" -> PAKMIL; "the political chief of Hamas" -> Haniyeh; "Police in
  Nairobi" -> KENCOP).
* Country names always name the country. Capitals and palaces name the government only when
  they act, speak or are acted on ("Moscow said" -> Russia, RUSGOV); as places ("in
  Moscow", "fled to Moscow", "seized Damascus") they are not mentions.
* A country-level mention is coded with the bare country code (``RUS``); a capital or palace
  standing for the government with ``RUSGOV``; people with the code of the office they hold
  on the article's date (``actors.yaml`` role dates).

Matching (all character offsets, end exclusive):

* Overlap: a predicted mention and a gold mention overlap when they share at least one
  character. Detection recall = gold mentions overlapped by some predicted mention / gold
  mentions; precision = predicted mentions (``Article.actors[].mentions``, pronouns
  included) that overlap some gold mention / predicted mentions. Matching is not one-to-one,
  so a predicted "Hamas" nested inside the gold "the political chief of Hamas" is not a false
  positive; it is, however, not the mention chosen to resolve that gold mention.
* Each detected gold mention is paired with the overlapping predicted mention of highest
  character Jaccard (ties: same end offset, then shorter). Resolution, country and CAMEO are
  scored on that pair.
* Resolution: the predicted actor's canonical name equals the gold actor (case- and
  accent-insensitive, leading "the" and plural "s" ignored), or the gold name is a
  knowledge-base name or alias of the predicted actor's id, or both denote the same state
  organ (``"Kenya (police)"`` = id ``KEN-COP`` = a KB organisation coded ``KENCOP``; the role
  word maps through ``sectors.yaml``), or, for a predicted person, the surname (last word) of
  one name is a word of the other. A country and its government are the same actor
  (``"Israel (government)"`` = ``ISR``, ``"Russia"`` = ``RUS-GOV``); the CAMEO score tells
  ``ISR`` from ``ISRGOV``.
* Country: the predicted actor's ISO3 equals the gold one (null = null counts).
* CAMEO convention: compare the first 6 characters, i.e. country (or ``IGO``) plus role
  (``PSEREBHMS`` ~ ``PSEREB``, ``IGOUNOSEC`` ~ ``IGOUNO``), because group suffixes vary
  between dictionaries; a bare country code must equal a bare country code (``RUS`` is not
  ``RUSGOV``). Mentions whose gold code is null are left out.
* Coreference: gold actors are keyed per text (state organ, knowledge-base id, or normalised
  name). A chain (gold actor with at least 2 mentions) is *merged* when all its detected
  mentions were paired with mentions of one predicted actor id; the share is over chains
  with at least 2 detected mentions ("strict": over all chains, every mention detected). A
  predicted actor *wrongly merges* when the gold mentions paired with its mentions belong
  to two or more gold actors (a country and its government counting as one, as for
  resolution); the share is over predicted actors paired with any gold mention.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .evaluate import error_lines, first_record, problem_lines, register_evaluator
from .model import Actor, Article, ArticleInput

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
            "they", "them", "their", "theirs"}
ORGAN_ID = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")
ORGAN_NAME = re.compile(r"^(.+?)\s*\((.+)\)$")


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    actor: str
    country: str | None = None
    cameo: str | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    published: str | None
    mentions: list[GoldMention]


@dataclass(frozen=True)
class PredMention:
    start: int
    end: int
    text: str
    actor: Actor


@dataclass
class Ratio:
    ok: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.ok / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.ok += bool(ok)
        self.total += 1

    def as_dict(self) -> dict[str, float | int]:
        return {"value": round(self.value, 3), "ok": self.ok, "total": self.total}


@dataclass
class ActorReport:
    texts: int = 0
    recall: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)
    resolution: Ratio = field(default_factory=Ratio)
    country: Ratio = field(default_factory=Ratio)
    cameo: Ratio = field(default_factory=Ratio)
    chains: Ratio = field(default_factory=Ratio)
    chains_strict: Ratio = field(default_factory=Ratio)
    wrong_merges: Ratio = field(default_factory=Ratio)
    by_form: dict[str, dict[str, Ratio]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precision.value, self.recall.value
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts, "gold_mentions": self.recall.total,
            "predicted_mentions": self.precision.total,
            "detection": {"precision": round(self.precision.value, 3),
                          "recall": round(self.recall.value, 3), "f1": round(self.f1, 3)},
            "resolution": self.resolution.as_dict(), "country": self.country.as_dict(),
            "cameo6": self.cameo.as_dict(), "chains_merged": self.chains.as_dict(),
            "chains_merged_strict": self.chains_strict.as_dict(),
            "wrong_merges": self.wrong_merges.as_dict(),
            "by_form": {form: {k: r.as_dict() for k, r in d.items()}
                        for form, d in sorted(self.by_form.items())},
            "errors": self.errors,
        }


# ------------------------------------------------------------------ reading


def read_actor_gold(path: Path | str) -> list[GoldDoc]:
    """Read actor gold JSONL; every span is checked against its text (ValueError if off)."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            docs.append(gold_doc(record, default_id=f"{Path(path).stem}:{number}"))
    return docs


def gold_doc(record: dict[str, Any], default_id: str = "gold") -> GoldDoc:
    text = record["text"]
    doc_id = str(record.get("id") or default_id)
    mentions = []
    for m in record.get("mentions") or []:
        start, end = int(m["start"]), int(m["end"])
        if text[start:end] != m["text"]:
            raise ValueError(f"{doc_id}: span {start}:{end} is {text[start:end]!r}, not {m['text']!r}")
        mentions.append(GoldMention(start=start, end=end, text=m["text"], actor=str(m["actor"]),
                                    country=m.get("country"), cameo=m.get("cameo")))
    return GoldDoc(id=doc_id, text=text, published=record.get("published"), mentions=mentions)


# ------------------------------------------------------------------ matching helpers


def normalise(name: str) -> str:
    """Lowercase, no accents, no leading 'the', no punctuation, no plural 's'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"^the\s+", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


def _kb():  # type: ignore[no-untyped-def]
    from .kb import load_kb

    return load_kb()


def _kb_id(name: str) -> str | None:
    """The knowledge-base id a gold actor name denotes (exact name or alias)."""
    kb = _kb()
    hit = kb.lookup(name)
    if hit is not None and hit[1] == "name":
        return hit[0].id
    return None


def _sector(word: str) -> str | None:
    sectors = _kb().sectors
    word = word.lower().strip()
    for candidate in (word, word.rstrip("s"), word[:-2] if word.endswith("es") else word):
        if candidate in sectors:
            return sectors[candidate]
    return None


def _organ_of_entry(entry_id: str | None) -> tuple[str, str] | None:
    if entry_id is None:
        return None
    kb = _kb()
    entry = kb.entries.get(entry_id)
    if entry is None or entry.kind != "organisation" or not entry.country or not entry.sector:
        return None
    country = kb.entries.get(entry.country)
    if country is not None and entry.cameo == f"{country.cameo}{entry.sector}":
        return entry.country, entry.sector
    return None


def gold_organ(name: str) -> tuple[str, str] | None:
    """("KEN", "COP") for "Kenya (police)" or for a KB organ like "Israel Defense Forces"."""
    match = ORGAN_NAME.match(name)
    if match:
        hit = _kb().lookup(match.group(1).strip())
        sector = _sector(match.group(2))
        if hit is not None and hit[0].kind == "country" and sector:
            return hit[0].id, sector
    return _organ_of_entry(_kb_id(name))


def predicted_organ(actor: Actor) -> tuple[str, str] | None:
    match = ORGAN_ID.match(actor.id)
    if match:
        return match.group(1), match.group(2)
    return _organ_of_entry(actor.id)


def gold_identity(name: str, *, state: bool = False) -> str:
    """Key of a gold actor for coreference: organ, KB id, or normalised name. With ``state``,
    a country's government ("Israel (government)") is keyed as the country itself."""
    organ = gold_organ(name)
    if organ and state and organ[1] == "GOV":
        return f"kb:{organ[0]}"
    if organ:
        return "organ:" + "-".join(organ)
    kb_id = _kb_id(name)
    return f"kb:{kb_id}" if kb_id else "name:" + normalise(name)


def actor_matches(gold_name: str, actor: Actor, gold_country: str | None = None) -> bool:
    """Does a predicted actor denote the gold actor? (rules in the module docstring)"""
    gold = normalise(gold_name)
    bare_id = actor.id.split(":", 1)[-1].replace("-", " ").replace("_", " ")
    if gold and gold in (normalise(actor.name), normalise(bare_id)):
        return True
    kb_id = _kb_id(gold_name)
    if kb_id is not None and kb_id == actor.id:
        return True
    organ = gold_organ(gold_name)
    predicted = predicted_organ(actor)
    if organ is not None and organ == predicted:
        return True
    # a country and its government are one actor here; CAMEO accuracy tells GOV apart
    if organ is not None and organ[1] == "GOV" and actor.kind == "country" and actor.id == organ[0]:
        return True
    if kb_id is not None and predicted == (kb_id, "GOV"):
        return True
    if gold_country is None and actor.country is None and actor.kind == "group":
        sector = _sector(gold_name)
        if sector is not None and sector == _sector(actor.name):  # "gunmen" = "gunman"
            return True
    if actor.kind == "person":
        gold_words, pred_words = gold.split(), normalise(actor.name).split()
        if gold_words and pred_words and (gold_words[-1] in pred_words or pred_words[-1] in gold_words):
            return True
    return False


def cameo_matches(gold: str, predicted: str | None) -> bool:
    return (predicted or "")[:6] == gold[:6]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _jaccard(g: GoldMention, p: PredMention) -> float:
    inter = min(g.end, p.end) - max(g.start, p.start)
    union = max(g.end, p.end) - min(g.start, p.start)
    return inter / union if union else 0.0


def best_match(gold: GoldMention, predicted: Iterable[PredMention]) -> PredMention | None:
    candidates = [p for p in predicted if overlaps(gold.start, gold.end, p.start, p.end)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (_jaccard(gold, p), p.end == gold.end, -(p.end - p.start)))


def mention_form(text: str) -> str:
    """Rough surface form of a gold mention, for the breakdown table."""
    words = text.split()
    if text.lower() in PRONOUNS:
        return "pronoun"
    if words[0].lower() in ("the", "a", "an") or not any(w[:1].isupper() for w in words):
        return "description"
    return "name"


# ------------------------------------------------------------------ scoring


def predicted_mentions(article: Article) -> list[PredMention]:
    return [PredMention(start=m.start, end=m.end, text=m.text, actor=a)
            for a in article.actors for m in a.mentions]


def score_doc(doc: GoldDoc, article: Article | None, report: ActorReport, max_errors: int = 200) -> None:
    predicted = predicted_mentions(article) if article is not None else []
    report.texts += 1
    problems: list[str] = []
    pairs: list[tuple[GoldMention, PredMention | None]] = []
    for g in doc.mentions:
        p = best_match(g, predicted)
        pairs.append((g, p))
        form = report.by_form.setdefault(mention_form(g.text), {"recall": Ratio(), "resolution": Ratio()})
        report.recall.add(p is not None)
        form["recall"].add(p is not None)
        if p is None:
            problems.append(f"missed    '{g.text}' ({g.actor})")
            continue
        resolved = actor_matches(g.actor, p.actor, g.country)
        report.resolution.add(resolved)
        form["resolution"].add(resolved)
        if not resolved:
            problems.append(f"actor     '{g.text}' -> {p.actor.name} [{p.actor.id}] via '{p.text}', gold {g.actor}")
        report.country.add(p.actor.country == g.country)
        if p.actor.country != g.country and resolved:
            problems.append(f"country   '{g.text}' ({g.actor}) -> {p.actor.country}, gold {g.country}")
        if g.cameo:
            ok = cameo_matches(g.cameo, p.actor.cameo)
            report.cameo.add(ok)
            if not ok and resolved:
                problems.append(f"cameo     '{g.text}' ({g.actor}) -> {p.actor.cameo}, gold {g.cameo}")
    for p in predicted:
        hit = any(overlaps(g.start, g.end, p.start, p.end) for g in doc.mentions)
        report.precision.add(hit)
        if not hit:
            problems.append(f"spurious  '{p.text}' @{p.start} -> {p.actor.name} [{p.actor.id}]")
    _score_chains(pairs, report, problems)
    if problems and len(report.errors) < max_errors:
        report.errors.append({"id": doc.id, "text": doc.text, "problems": problems})


def _score_chains(pairs: list[tuple[GoldMention, PredMention | None]], report: ActorReport,
                  problems: list[str]) -> None:
    chains: dict[str, list[tuple[GoldMention, PredMention | None]]] = defaultdict(list)
    for g, p in pairs:
        chains[gold_identity(g.actor)].append((g, p))
    for members in chains.values():
        if len(members) < 2:
            continue
        ids = {p.actor.id for _, p in members if p is not None}
        detected = sum(p is not None for _, p in members)
        merged = len(ids) <= 1
        if detected >= 2:
            report.chains.add(merged)
            if not merged:
                problems.append(f"split     {members[0][0].actor}: " + ", ".join(
                    f"'{g.text}'->{p.actor.id}" for g, p in members if p is not None))
        report.chains_strict.add(merged and detected == len(members))
    gold_of_pred: dict[str, set[str]] = defaultdict(set)
    for g, p in pairs:
        if p is not None:
            gold_of_pred[p.actor.id].add(gold_identity(g.actor, state=True))
    for actor_id, golds in gold_of_pred.items():
        report.wrong_merges.add(len(golds) > 1)
        if len(golds) > 1:
            problems.append(f"merged    {actor_id} holds " + ", ".join(sorted(golds)))


def evaluate_actors(docs: Iterable[GoldDoc], *, settings: Settings | None = None,
                    max_errors: int = 200) -> ActorReport:
    from .pipeline import code_many

    docs = list(docs)
    inputs = [ArticleInput(id=d.id, text=d.text, published=d.published) for d in docs]
    report = ActorReport()
    for doc, result in zip(docs, code_many(inputs, settings=settings)):
        score_doc(doc, result if isinstance(result, Article) else None, report, max_errors)
    return report


def format_actor_report(report: ActorReport, *, show_errors: int = 20) -> str:
    d = report.as_dict()
    det = d["detection"]
    lines = [f"texts: {d['texts']}   gold mentions: {d['gold_mentions']}   "
             f"predicted mentions: {d['predicted_mentions']}", "",
             "| measure | value | correct / total |", "|---|---|---|",
             f"| mention detection precision | {det['precision']:.3f} | {report.precision.ok} / {report.precision.total} |",
             f"| mention detection recall | {det['recall']:.3f} | {report.recall.ok} / {report.recall.total} |",
             f"| mention detection F1 | {det['f1']:.3f} | |"]
    for label, ratio in (("resolution accuracy (detected)", report.resolution),
                         ("country accuracy (detected)", report.country),
                         ("CAMEO accuracy, first 6 chars (detected)", report.cameo),
                         ("chains fully merged (>=2 detected)", report.chains),
                         ("chains fully merged, strict (all detected)", report.chains_strict),
                         ("predicted actors wrongly merging gold actors", report.wrong_merges)):
        lines.append(f"| {label} | {ratio.value:.3f} | {ratio.ok} / {ratio.total} |")
    kinds: dict[str, int] = {}
    for err in report.errors:
        for problem in err["problems"]:
            kinds[problem.split()[0]] = kinds.get(problem.split()[0], 0) + 1
    if kinds:
        lines += ["", "error counts: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))]
    lines += ["", "| gold mention form | recall | resolution |", "|---|---|---|"]
    for form, r in sorted(report.by_form.items()):
        lines.append(f"| {form} | {r['recall'].value:.3f} ({r['recall'].ok}/{r['recall'].total}) | "
                     f"{r['resolution'].value:.3f} ({r['resolution'].ok}/{r['resolution'].total}) |")
    lines += error_lines(report.errors, show_errors, problem_lines, "texts with errors")
    return "\n".join(lines)


def _run_actors(path: Path, settings: Settings | None, show_errors: int, as_json: bool) -> str:
    report = evaluate_actors(read_actor_gold(path), settings=settings)
    return json.dumps(report.as_dict(), indent=1, ensure_ascii=False) if as_json \
        else format_actor_report(report, show_errors=show_errors)


def _looks_like_actor_gold(path: Path) -> bool:
    record = first_record(path)
    return record is not None and "mentions" in record and "text" in record


register_evaluator("actors", _looks_like_actor_gold, _run_actors)

__all__ = ["evaluate_actors", "format_actor_report", "read_actor_gold", "gold_doc", "score_doc",
           "actor_matches", "cameo_matches", "best_match", "normalise", "gold_identity",
           "ActorReport", "GoldDoc", "GoldMention", "PredMention", "Ratio"]
