"""A gold file with its countries renamed: does the coder read the grammar, or the names it knows?

    python tools/name_swap.py tests/data/constructions/dev.jsonl build/swap/cx_dev.jsonl [--demonyms]
    dotterel eval build/swap/cx_dev.jsonl

Every country name of our knowledge base found in a sentence (its ``name``, not capitals; with
``--demonyms`` its demonyms too: "Israeli" -> "Bordurian") is replaced, consistently within the
sentence, by an invented one ("Borduria", "Syldavia", ...); the gold sides' aliases are renamed
the same way and lose the country's code (an invented state has none), and character spans are
moved. Sentences without a country name
are left out, so the swapped file and the original subset (``--original``) score the same events.
A coder that generalises loses little; one that leans on its lists loses its sides.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ("Borduria", "Syldavia", "Ruritania", "Freedonia", "Elbonia", "Genovia", "Latveria",
            "Zembla", "Molvania", "Carpania", "Vulgaria", "Pottsylvania", "Tomainia", "Orsinia")
SPANS = ("trigger", "source_span", "target_span")


def country_names(demonyms: bool = False) -> dict[str, tuple[str, str]]:
    """Surface form -> (ISO-3, the suffix its invented form takes: "" for the name, "n" for a
    demonym, "ns" for a plural one)."""
    entries = yaml.safe_load((ROOT / "dotterel" / "data" / "countries.yaml").read_text(encoding="utf-8"))
    names = {}
    for e in entries:
        if demonyms:
            forms = e.get("demonyms") or []
            for form in forms:
                plural = form.endswith("s") and form[:-1] in forms
                names.setdefault(form, (e["iso3"], "ns" if plural else "n"))
        names[e["name"]] = (e["iso3"], "")
    return names


def swap(record: dict, names: dict[str, tuple[str, str]], pattern: re.Pattern[str]) -> dict | None:
    text = record["text"]
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    invented: dict[str, str] = {}  # ISO-3 -> invented state, in order of first mention
    renamed: dict[str, str] = {}
    for m in matches:
        code, suffix = names[m.group(0)]
        state = invented.setdefault(code, INVENTED[len(invented) % len(INVENTED)])
        renamed[m.group(0)] = state + suffix  # every invented name ends in "a": "Bordurian(s)"
    codes = set(invented)

    def rename(words: str) -> str:
        return pattern.sub(lambda m: renamed.get(m.group(0), m.group(0)), words)

    shifts = [(m.end(), len(renamed[m.group(0)]) - len(m.group(0))) for m in matches]

    def move(at: int) -> int:
        return at + sum(d for end, d in shifts if end <= at)

    out = dict(record, text=rename(text))
    out.pop("context", None)  # context sentences keep their own names: not read here
    events = []
    for event in record.get("events") or []:
        event = dict(event)
        for side in ("source", "target"):
            if event.get(side):
                aliases = [rename(a) for a in event[side] if a not in codes]
                event[side] = aliases or ["(a code only)"]  # an invented state has no code to match
        for key in SPANS:
            span = event.get(key)
            if isinstance(span, dict) and "start" in span:
                start, end = move(span["start"]), move(span["end"])
                event[key] = dict(span, start=start, end=end, text=out["text"][start:end])
        if isinstance(event.get("place"), str):
            event["place"] = rename(event["place"])
        events.append(event)
    out["events"] = events
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--original", type=Path, help="also write the same sentences unswapped here")
    parser.add_argument("--demonyms", action="store_true", help="rename demonyms too (\"Israeli\" -> \"Bordurian\")")
    args = parser.parse_args()
    names = country_names(args.demonyms)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [(r, s) for r in records if (s := swap(r, names, pattern)) is not None]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for _, s in kept), encoding="utf-8")
    if args.original:
        original = [{k: v for k, v in r.items() if k != "context"} for r, _ in kept]
        args.original.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in original),
                                 encoding="utf-8")
    print(f"{len(kept)} of {len(records)} sentences name a country", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
