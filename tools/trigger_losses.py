"""Where events are lost: for each annotated event of a gold file with trigger spans, what the
coder did at its trigger word (issue #20's analysis).

    python tools/trigger_losses.py build/realnews/dev.jsonl

Categories: an event coded there, or on the verb that takes the trigger noun as its object
("imposed sanctions"), and whether its type agrees; the word has no lexicon entry
for its part of speech; it has one but no event came of it (arguments or the entry's object
missing); a rule vetoed it (by id); a part of speech the lexicon does not key. Then the most
frequent missing lemmas. Reads the sentences with their context, as `dotterel eval` does.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from dotterel import load_pipeline
from dotterel.evaluate import with_context
from dotterel.lexicon import load_lexicon

LEXICON_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--lemmas", type=int, default=40, help="how many missing lemmas to list")
    parser.add_argument("--examples", type=int, default=0,
                        help="print this many sentences of each kind but 'coded' (trigger in brackets)")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp, lexicon = load_pipeline(), load_lexicon()
    kinds: Counter[str] = Counter()
    agree: Counter[bool] = Counter()
    missing: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    texts = [with_context(r) for r in records]
    for record, text, doc in zip(records, texts, nlp.pipe(texts, batch_size=64)):
        offset = len(text) - len(record["text"])
        state = doc._.dotterel
        for gold in record["events"]:
            start = gold["trigger"]["start"] + offset
            token = next((t for t in doc if t.idx <= start < t.idx + len(t)), None)
            if token is None:
                continue
            coded = [e for e in state.events if e.trigger.start == token.idx]
            if not coded and token.i in state.event_tokens:  # "imposed sanctions": the verb carries it
                coded = [e for e in state.events if e.trigger.start == token.head.idx]
            pos = LEXICON_POS.get(token.pos_)
            if coded:
                kind = "coded"
                agree[any(e.type in gold["types"] for e in coded)] += 1
            elif pos is None:
                kind = f"part of speech {token.pos_}"
            elif not lexicon.candidates(token.lemma_.lower(), pos):
                kind = "not in the lexicon"
                missing[f"{token.lemma_.lower()}/{pos} ({gold['types'][0]})"] += 1
            else:
                vetoes = [rule for i, rule in state.rule_hits if i == token.i]
                kind = f"vetoed by {vetoes[0]}" if vetoes else "in the lexicon, no event"
            kinds[kind] += 1
            if kind != "coded" and len(shown.setdefault(kind, [])) < args.examples:
                text = record["text"]
                at, end = gold["trigger"]["start"], gold["trigger"]["end"]
                shown[kind].append(f"{'/'.join(gold['types'])}: {text[:at]}[{text[at:end]}]{text[end:]}")
    total = sum(kinds.values())
    print("| at the annotated trigger | events | share |\n|---|---|---|")
    for kind, n in kinds.most_common():
        print(f"| {kind} | {n} | {n / total:.0%} |")
    print(f"\ntype agrees where coded: {agree[True]} of {sum(agree.values())}")
    print("missing lemmas:", ", ".join(f"{k} x{n}" for k, n in missing.most_common(args.lemmas)))
    for kind, lines in shown.items():
        print(f"\n## {kind}")
        print("\n".join(f"- {line}" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
