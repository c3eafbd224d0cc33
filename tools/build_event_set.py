#!/usr/bin/env python3
"""Build the real-news event gold (issue #20) from the annotators' primary annotation.

    python tools/build_event_set.py [--annotation /work/annotation] [--out tests/data]

Reads ``items.jsonl`` (drawn by tools/sample_sentences.py, with the dev/test split), the batch
definitions ``batches/batch-NN.jsonl`` and the primary annotation ``out/batch-NN.jsonl``, and
writes ``realnews_dev.jsonl`` and ``realnews_test.jsonl`` in dotterel's event gold format
(see dotterel/evaluate.py), one line per item in items.jsonl order:

    {"id", "published", "text", "title", "context", "stratum", "events": [
        {"types": [type, *alt_types], "cameo", "source": [aliases] | null,
         "target": [aliases] | null, "negated", "hypothetical", "future",
         "trigger": {"start", "end", "text"}, "source_span": {...} | null,
         "target_span": {...} | null, "date": text | null, "place": text | null}]}

Offsets are character offsets into "text". An alias list starts with the mention text when the
annotator's list does not already hold it. A side whose actor is named only in the title or
context (mention null) keeps its aliases and gets a null span.

Occurrence numbers (``trigger_n`` / ``mention_n``) were counted inconsistently by annotators,
some as whole-word occurrences, some as raw substring occurrences. A span is resolved as:
the n-th whole-word occurrence; if there is none, the n-th raw occurrence when that is a whole
word; else the first whole-word occurrence; else (no whole-word occurrence at all) the n-th,
then the first, raw occurrence; else the same, case-insensitively. Cases where the two
readings of n point at different places are counted and listed ("ambiguous": the raw reading
is also a whole word; "partial": the raw reading falls inside a longer word, so the whole-word
reading is the only sensible one).

Before building, every out/batch-NN.jsonl is checked to hold exactly the ids of
batches/batch-NN.jsonl, once each and in order, and each batch id to be an item; any problem is
reported and the build stops (nothing is repaired here).

Stdlib only; deterministic (same inputs, same bytes). Prints counts per split and stratum and
the sha256 of each output file.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from realnews_text import read_articles, text_hash  # noqa: E402
from sample_sentences import sentences  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT")
SPLITS = ("dev", "test", "train")
FLAGS = ("negated", "hypothetical", "future")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def is_whole_word(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to a letter or digit on either side (a boundary
    is only required where the span itself begins / ends with a word character)."""
    left_ok = start == 0 or not _is_word_char(text[start]) or not _is_word_char(text[start - 1])
    right_ok = end == len(text) or not _is_word_char(text[end - 1]) or not _is_word_char(text[end])
    return left_ok and right_ok


def occurrences(text: str, needle: str, *, fold: bool = False) -> list[int]:
    hay, pin = (text.lower(), needle.lower()) if fold else (text, needle)
    found, at = [], hay.find(pin)
    while at >= 0 and pin:
        found.append(at)
        at = hay.find(pin, at + 1)
    return found


def resolve_span(text: str, needle: str, n: int | None) -> tuple[int, int, str] | None:
    """(start, end, how) of the n-th occurrence of needle in text, under the rule of the module
    docstring; how is one of: exact, partial, ambiguous, raw_whole, first_whole, raw, casefold."""
    n = n if isinstance(n, int) and n >= 1 else 1
    for fold in (False, True):
        raw = occurrences(text, needle, fold=fold)
        if not raw:
            continue
        size = len(needle)
        whole = [s for s in raw if is_whole_word(text, s, s + size)]
        raw_n = raw[n - 1] if n <= len(raw) else None
        if n <= len(whole):
            start = whole[n - 1]
            if raw_n is None or raw_n == start:
                how = "exact"
            elif is_whole_word(text, raw_n, raw_n + size):
                how = "ambiguous"
            else:
                how = "partial"
        elif raw_n is not None and is_whole_word(text, raw_n, raw_n + size):
            start, how = raw_n, "raw_whole"
        elif whole:
            start, how = whole[0], "first_whole"
        else:
            start, how = (raw_n if raw_n is not None else raw[0]), "raw"
        return start, start + size, ("casefold" if fold else how)
    return None


def check_batches(folder: Path, item_ids: set[str], primary: str = "rev") -> tuple[list[Path], list[str]]:
    """The primary annotation files and the problems found in them (empty when clean)."""
    problems: list[str] = []
    outs = []
    batch_files = sorted((folder / "batches").glob("batch-[0-9][0-9].jsonl"))
    if not batch_files:
        problems.append(f"no batches/batch-NN.jsonl under {folder}")
    seen: Counter[str] = Counter()
    for batch in batch_files:
        out = folder / primary / batch.name
        outs.append(out)
        expected = [r["id"] for r in read_jsonl(batch)]
        seen.update(expected)
        if not out.is_file():
            problems.append(f"{out.name}: missing")
            continue
        got: list[str] = []
        with open(out, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    problems.append(f"{out.name}:{number}: blank line")
                    continue
                try:
                    got.append(json.loads(line)["id"])
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    problems.append(f"{out.name}:{number}: unreadable line ({exc})")
        if got == expected:
            continue
        dups = sorted(i for i, c in Counter(got).items() if c > 1)
        missing = [i for i in expected if i not in set(got)]
        foreign = [i for i in got if i not in set(expected)]
        problems.append(
            f"{out.name}: {len(got)} lines for {len(expected)} batch ids; duplicated {dups[:10]}, "
            f"missing {missing[:10]}, not of this batch {foreign[:10]}"
            + ("" if dups or missing or foreign else "; ids out of order"))
    for i, c in sorted(seen.items()):
        if c > 1:
            problems.append(f"id {i} is in {c} batches")
    unknown = sorted(set(seen) - item_ids)
    if unknown:
        problems.append(f"batch ids not in items.jsonl: {unknown[:10]}")
    unbatched = sorted(item_ids - set(seen))
    if unbatched:
        problems.append(f"items in no batch: {len(unbatched)}, e.g. {unbatched[:10]}")
    return outs, problems


def convert_event(event: dict[str, Any], text: str, item_id: str, stats: Counter[str],
                  notes: list[str]) -> dict[str, Any]:
    def span(needle: str, n: Any, what: str) -> dict[str, Any] | None:
        found = resolve_span(text, needle, n)
        if found is None:
            stats[f"{what}:not_found"] += 1
            notes.append(f"{item_id}: {what} {needle!r} not in text")
            return None
        start, end, how = found
        stats[f"{what}:{how}"] += 1
        if how != "exact":
            notes.append(f"{item_id}: {what} {needle!r} n={n} -> {how} at {start}")
        return {"start": start, "end": end, "text": text[start:end]}

    def side(role: str) -> tuple[list[str] | None, dict[str, Any] | None]:
        actor = event.get(role)
        if not actor:
            return None, None
        aliases = [a for a in (actor.get("aliases") or []) if isinstance(a, str) and a.strip()]
        mention = actor.get("mention")
        where = None
        if isinstance(mention, str) and mention.strip():
            # a pronoun is where the actor is mentioned, not a name it goes by ("he" would
            # match any name containing "he")
            if mention not in aliases and mention.lower() not in PRONOUNS:
                aliases.insert(0, mention)
            where = span(mention, actor.get("mention_n"), role)
        return (aliases or None), where

    types = [event["type"]] + [t for t in event.get("alt_types") or [] if t != event["type"]]
    types = list(dict.fromkeys(types))
    for t in types:
        if t not in TYPES:
            notes.append(f"{item_id}: unknown type {t!r}")
    source, source_span = side("source")
    target, target_span = side("target")
    trigger = span(event["trigger"], event.get("trigger_n"), "trigger")
    if trigger is None:
        raise SystemExit(f"{item_id}: trigger {event['trigger']!r} not found in text")
    return {"types": types, "cameo": str(event.get("cameo") or ""),
            "source": source, "target": target,
            **{f: bool(event.get(f, False)) for f in FLAGS},
            "trigger": trigger, "source_span": source_span, "target_span": target_span,
            "date": event.get("date") or None, "place": event.get("place") or None}


def sentence_ref(item: dict[str, Any], articles: dict[str, str]) -> dict[str, Any]:
    """Where the item's sentence is: corpus, article id, index among the article's sentences
    (tools/sample_sentences.sentences), and a hash to check the text read back."""
    sents = sentences(articles[item["article"]])
    index = sents.index(item["text"])
    return {"corpus": "reuters21578" if item["article"].startswith("reuters") else "allsides",
            "article": item["article"], "sentence": index, "context": len(item.get("context") or []),
            "sha1": text_hash(item["text"])}


PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his",
            "its", "their", "our", "my", "your", "who", "which", "that", "this", "these", "those"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotation", type=Path, default=Path("/work/annotation"),
                        help="folder with items.jsonl, batches/ and out/")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "realnews")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "data" / "corpora")
    parser.add_argument("--primary", default="rev",
                        help="sub-folder of the primary annotation (rev: revised against notes 7-16)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every span note")
    args = parser.parse_args()

    items = read_jsonl(args.annotation / "items.jsonl")
    ids = [i["id"] for i in items]
    if len(set(ids)) != len(ids):
        print("items.jsonl: duplicated ids", file=sys.stderr)
        return 1
    outs, problems = check_batches(args.annotation, set(ids), args.primary)
    if problems:
        print("primary annotation files have problems (not repaired):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"batch check: {len(outs)} files, each holds exactly its batch's ids, once, in order")

    annotation: dict[str, list[dict[str, Any]]] = {}
    for out in outs:
        for record in read_jsonl(out):
            annotation[record["id"]] = record.get("events") or []

    articles = read_articles(args.corpora, {i["article"] for i in items})
    stats: Counter[str] = Counter()
    notes: list[str] = []
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    counts: Counter[tuple[str, str, str]] = Counter()
    for item in items:
        text = item["text"]
        events = [convert_event(e, text, item["id"], stats, notes) for e in annotation[item["id"]]]
        split, stratum = item["split"], item["stratum"]
        if split not in rows:
            print(f"{item['id']}: unknown split {split!r}", file=sys.stderr)
            return 1
        # no text in the repository: the sentence is named by its place in the corpus, which
        # tools/realnews_text.py reads from ../shared (the texts are not ours to copy)
        rows[split].append({"id": item["id"], "ref": sentence_ref(item, articles), "published": item.get("published"),
                            "stratum": stratum, "events": events})
        counts[(split, stratum, "sentences")] += 1
        counts[(split, stratum, "with_events")] += bool(events)
        counts[(split, stratum, "events")] += len(events)

    args.out.mkdir(parents=True, exist_ok=True)
    print("\n| split | stratum | sentences | with events | events |\n|---|---|---|---|---|")
    for split in SPLITS:
        strata = sorted({k[1] for k in counts if k[0] == split})
        for stratum in strata + ["all"]:
            def c(kind: str, split: str = split, stratum: str = stratum) -> int:
                return sum(v for (sp, st, k), v in counts.items()
                           if sp == split and k == kind and stratum in (st, "all"))
            print(f"| {split} | {stratum} | {c('sentences')} | {c('with_events')} | {c('events')} |")
    print()
    for split in [s for s in SPLITS if rows[s]]:  # a training draw has no dev or test part
        path = args.out / f"{split}.jsonl"
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[split]).encode("utf-8")
        path.write_bytes(data)
        print(f"sha256 {hashlib.sha256(data).hexdigest()}  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print("\nspan resolution (exact = both readings of n agree):")
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    shown = notes if args.verbose else [n for n in notes if "-> ambiguous" in n or " not in text" in n
                                          or "unknown type" in n]
    if shown:
        print("\nnotes:" if args.verbose else "\nambiguous / unresolved spans:")
        for note in shown:
            print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
