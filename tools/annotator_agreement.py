#!/usr/bin/env python3
"""Inter-annotator agreement on the doubly annotated real-news items (issue #20).

    python tools/annotator_agreement.py [--primary primary] [--second double2] [--disagreements N]

Scores a second reading (raw/second/NAME.jsonl) against the primary one (raw/primary/batch-NN.jsonl)
on the items of double.jsonl, with the matching of dotterel/evaluate.py, the primary
annotation in the place of the gold and the second in the place of the coder:

* type: per sentence, a second-annotator event matches a primary event when its type is among
  the primary's types (type + alt_types); one-to-one, greedy in order (evaluate._count).
* type+source+target: type as above and both sides match; one-to-one, maximum matching by
  augmenting paths (evaluate._best_pairing). evaluate.alias_matches adapted to alias list vs
  alias list: two sides match when both are null, or the lists share an ISO-3 code (an
  all-capital 3-letter alias is compared only as a code, as in evaluate.py), or an alias of one
  contains an alias of the other, case-insensitively (the contained alias at least 3
  characters, as evaluate.py asks of a mention found inside an alias). A mention that the
  annotator did not list among the aliases is added, as tools/build_event_set.py does.
* +factuality: the above plus equal negated / hypothetical / future flags.

Also Cohen's kappa on "the sentence has at least one event". Prints markdown tables, then the
disagreements by kind (type confusions, events only one annotator coded) with an example each.
Does not run the coder; uses only the scoring class of dotterel.evaluate.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_event_set import PRONOUNS  # noqa: E402  (the same alias rule as the gold files)

from dotterel.evaluate import Score, best_pairing  # noqa: E402  (the evaluation's own counts)

FLAGS = ("negated", "hypothetical", "future")
Event = dict[str, Any]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def types_of(event: Event) -> list[str]:
    return [event["type"], *(event.get("alt_types") or [])]


def aliases_of(event: Event, role: str) -> list[str] | None:
    actor = event.get(role)
    if not actor:
        return None
    aliases = [a for a in actor.get("aliases") or [] if isinstance(a, str) and a.strip()]
    mention = actor.get("mention")
    if isinstance(mention, str) and mention.strip() and mention not in aliases and mention.lower() not in PRONOUNS:
        aliases.insert(0, mention)
    return aliases or None


def _is_code(alias: str) -> bool:
    return len(alias) == 3 and alias.isupper() and alias.isalpha()


def sides_match(first: list[str] | None, second: list[str] | None) -> bool:
    if first is None or second is None:
        return first is None and second is None
    if {a for a in first if _is_code(a)} & {a for a in second if _is_code(a)}:
        return True
    left = [a.strip().lower() for a in first if not _is_code(a)]
    right = [a.strip().lower() for a in second if not _is_code(a)]
    return any(a == b or (len(a) > 2 and a in b) or (len(b) > 2 and b in a)
               for a in left for b in right)


def type_match(first: Event, second: Event) -> bool:
    return second["type"] in types_of(first)


def full_match(first: Event, second: Event) -> bool:
    return type_match(first, second) and \
        sides_match(aliases_of(first, "source"), aliases_of(second, "source")) and \
        sides_match(aliases_of(first, "target"), aliases_of(second, "target"))


def factual_match(first: Event, second: Event) -> bool:
    return full_match(first, second) and \
        all(bool(first.get(f)) == bool(second.get(f)) for f in FLAGS)


def greedy_pairs(first: list[Event], second: list[Event],
                 same: Callable[[Event, Event], bool]) -> dict[int, int]:
    """evaluate._count: each first event, in order, takes the first unused matching second."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, f in enumerate(first):
        j = next((j for j, s in enumerate(second) if j not in used and same(f, s)), None)
        if j is not None:
            pairs[i] = j
            used.add(j)
    return pairs


def best_pairs(first: list[Event], second: list[Event],
               same: Callable[[Event, Event], bool]) -> dict[int, int]:
    return best_pairing(first, second, same)


def add(score: Score, first: list[Event], second: list[Event], pairs: dict[int, int]) -> None:
    score.tp += len(pairs)
    score.fn += len(first) - len(pairs)
    score.fp += len(second) - len(pairs)


def kappa(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    p1 = sum(a for a, _ in pairs) / n
    p2 = sum(b for _, b in pairs) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def describe(event: Event) -> str:
    src, tgt = aliases_of(event, "source"), aliases_of(event, "target")
    flags = [f for f in FLAGS if event.get(f)]
    alt = f"/{'/'.join(event['alt_types'])}" if event.get("alt_types") else ""
    return (f"{event['type']}{alt} '{event['trigger']}' {src[:2] if src else None} -> "
            f"{tgt[:2] if tgt else None}" + (f" [{','.join(flags)}]" if flags else ""))


def disagreements(first: list[Event], second: list[Event]) -> list[tuple[str, str]]:
    """Kinds of disagreement in one sentence, each with a short description. Events left over
    by the type matching are paired by trigger (same or overlapping trigger words) to tell a
    type confusion from an event only one annotator coded; matched pairs whose sides or flags
    differ are listed as such."""
    out: list[tuple[str, str]] = []
    tpairs = greedy_pairs(first, second, type_match)
    left1 = [i for i in range(len(first)) if i not in tpairs]
    left2 = [j for j in range(len(second)) if j not in tpairs.values()]

    def same_trigger(a: Event, b: Event) -> bool:
        x, y = a["trigger"].lower(), b["trigger"].lower()
        return x in y or y in x

    for i in list(left1):
        j = next((j for j in left2 if same_trigger(first[i], second[j])), None)
        if j is None:
            continue
        left1.remove(i)
        left2.remove(j)
        out.append((f"type confusion {first[i]['type']} (1st) vs {second[j]['type']} (2nd)",
                    f"1st {describe(first[i])} | 2nd {describe(second[j])}"))
    # Leftovers without a shared trigger, but both sides have leftovers: still a confusion if
    # they are the only ones left (the same act read with different trigger words).
    if len(left1) == 1 and len(left2) == 1:
        i, j = left1.pop(), left2.pop()
        kind = f"type confusion {first[i]['type']} (1st) vs {second[j]['type']} (2nd), different trigger"
        out.append((kind, f"1st {describe(first[i])} | 2nd {describe(second[j])}"))
    for i in left1:
        out.append((f"only 1st codes {first[i]['type']}", f"1st {describe(first[i])}"))
    for j in left2:
        out.append((f"only 2nd codes {second[j]['type']}", f"2nd {describe(second[j])}"))
    for i, j in tpairs.items():
        f, s = first[i], second[j]
        for role in ("source", "target"):
            a, b = aliases_of(f, role), aliases_of(s, role)
            if not sides_match(a, b):
                kind = "null vs named" if (a is None) != (b is None) else "different actor"
                out.append((f"{role} differs ({kind})",
                            f"{f['type']} '{f['trigger']}': 1st {a} | 2nd {b}"))
        for flag in FLAGS:
            if bool(f.get(flag)) != bool(s.get(flag)):
                detail = f"{f['type']} '{f['trigger']}': 1st {bool(f.get(flag))} | 2nd {bool(s.get(flag))}"
                out.append((f"flag {flag} differs", detail))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path(__file__).resolve().parents[1] / "tests" / "data" / "realnews" / "raw",
                        help="folder with primary/, primary-first/ and second/ (the readers' own files)")
    parser.add_argument("--items", type=Path, default=None,
                        help="items.jsonl of tools/sample_sentences.py, to quote sentences in the list of disagreements")
    parser.add_argument("--disagreements", type=int, default=20,
                        help="how many kinds of disagreement to list (0: none)")
    parser.add_argument("--primary", default="primary", help="sub-folder of the primary annotation")
    parser.add_argument("--second", default="double2", help="the second reading, second/NAME.jsonl")
    args = parser.parse_args()

    primary: dict[str, list[Event]] = {}
    for out in sorted((args.raw / args.primary).glob("batch-[0-9][0-9].jsonl")):
        for record in read_jsonl(out):
            if record["id"] in primary:
                print(f"warning: {record['id']} annotated twice in the primary files",
                      file=sys.stderr)
            primary[record["id"]] = record.get("events") or []
    double = read_jsonl(args.raw / "second" / f"{args.second}.jsonl")
    texts = {r["id"]: r["text"] for r in read_jsonl(args.items)} if args.items else {}

    type_s, full_s, fact_s = Score(), Score(), Score()
    any_event: list[tuple[bool, bool]] = []
    kinds: Counter[str] = Counter()
    examples: dict[str, str] = {}
    missing = 0
    for record in double:
        if record["id"] not in primary:
            missing += 1
            continue
        first, second = primary[record["id"]], record.get("events") or []
        add(type_s, first, second, greedy_pairs(first, second, type_match))
        add(full_s, first, second, best_pairs(first, second, full_match))
        add(fact_s, first, second, best_pairs(first, second, factual_match))
        any_event.append((bool(first), bool(second)))
        for kind, text in disagreements(first, second):
            kinds[kind] += 1
            examples.setdefault(kind, f"{record['id']}: {text}\n    \"{texts.get(record['id'], '')}\"")
    if missing:
        print(f"warning: {missing} double items have no primary annotation", file=sys.stderr)

    n1 = sum(len(primary[r["id"]]) for r in double if r["id"] in primary)
    n2 = sum(len(r.get("events") or []) for r in double)
    print(f"items: {len(any_event)}   events: 1st {n1}, 2nd {n2}   "
          f"(2nd scored against 1st: precision = share of 2nd's events the 1st has)\n")
    print("| measure | precision | recall | F1 | matched | 1st only | 2nd only |")
    print("|---|---|---|---|---|---|---|")
    for name, s in (("type", type_s), ("type+source+target", full_s),
                    ("type+source+target+factuality", fact_s)):
        print(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fn} | {s.fp} |")
    observed, k = kappa(any_event)
    both = sum(a and b for a, b in any_event)
    neither = sum(not a and not b for a, b in any_event)
    print("\n| sentence has any event | value |\n|---|---|")
    print(f"| raw agreement | {observed:.3f} |\n| Cohen's kappa | {k:.3f} |")
    print(f"| both / neither / 1st only / 2nd only | {both} / {neither} / "
          f"{sum(a and not b for a, b in any_event)} / {sum(b and not a for a, b in any_event)} |")
    if args.disagreements and kinds:
        print(f"\ndisagreements by kind ({sum(kinds.values())} in all; most frequent first):")
        for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:args.disagreements]:
            print(f"- {count} x {kind}\n    e.g. {examples[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
