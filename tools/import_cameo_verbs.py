"""Convert PETRARCH2's CAMEO verb dictionary into trigger-lexicon entries (issues #19, #20).

    python tools/import_cameo_verbs.py ../shared/data/reference/petrarch2/CAMEO.2.0.txt

writes ``build/cameo_verbs.yaml``, a lexicon file the event coder can take as its
``extra_lexicon`` (entries that count only for verbs our ``events.yaml`` does not name). It is
not shipped: measured on the dev sets it lowered every figure (``docs/evaluation.md``); it
stays a converter so that a more selective import can be tried again. Never edit its output.
``--patterns-only`` keeps only verb + object/preposition patterns.

Source: openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,
``petrarch2/data/dictionaries/CAMEO.2.0.txt``, MIT licence (Open Event Data Alliance).

What is taken, as facts about which verb (with which object or preposition) says which CAMEO
act:
- a verb of a block, with the code on its own line or the block's code ("--- ASK [020] ---");
  blocks coded ``[---]`` give their verbs no code of their own;
- a pattern whose verb comes first and is followed by one noun, one ``{multi word}`` phrase
  (its last word), one ``&SYNSET`` (every member) or one ``(PREP ...)`` phrase of that kind:
  an entry with ``object`` (and ``prep``) for every verb of the block;
- ``X_PREP`` verbs ("ASK_FOR") as lemma X with preposition PREP.
What is dropped, and counted: multi-word verbs, patterns with a source or target slot before
the verb or more than one phrase, codes that are not in ``cameo.tsv``, and public statements
(01x), which PLOVER does not code.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "cameo_verbs.yaml"
PREPS = {"for", "to", "with", "on", "against", "from", "into", "in", "at", "over", "of", "about",
         "up", "down", "out", "off", "back", "away", "upon", "toward", "towards", "by"}
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([0-9]{2,4})(?::[0-9]+)?\]")


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.rstrip("_")
            sets[current] = []
        elif text.startswith("+") and current:
            sets[current].append(text[1:].rstrip("_").lower())
        elif not text:
            continue
        else:
            current = None
    return sets


def phrase_words(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The object words a pattern element stands for, or None if it is not a single noun."""
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_"))
        return [m.split("_")[-1] for m in members] if members else None
    if token.startswith("{") and token.endswith("}"):
        words = token[1:-1].split()
        return [words[-1].lower()] if words and all(w.isalpha() for w in words) else None
    if re.fullmatch(r"[A-Z][A-Z'-]*", token):
        return [token.lower()]
    return None


def parse_pattern(body: str, synsets: dict[str, list[str]]) -> tuple[str | None, list[str]] | None:
    """``* NOUN``, ``* {A B}``, ``* &SET``, ``* (PREP X)``, ``* (PREP)`` -> (prep, objects)."""
    body = re.sub(r"\s+[$+]\s*$", "", body.strip())  # a trailing source/target slot
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", body)
    if len(tokens) != 2 or tokens[0] != "*":
        return None
    element = tokens[1]
    if element.startswith("(") and element.endswith(")"):
        inner = re.findall(r"\{[^}]*\}|\S+", element[1:-1])
        if not inner or inner[0].lower() not in PREPS:
            return None
        if len(inner) == 1:
            return inner[0].lower(), []
        if len(inner) != 2:
            return None
        words = phrase_words(inner[1], synsets)
        return (inner[0].lower(), words) if words else None
    if element.lower() in PREPS:  # "- * AGAINST": the preposition alone
        return element.lower(), []
    words = phrase_words(element, synsets)
    return (None, words) if words else None


def noun_forms(word: str) -> set[str]:
    """The word and, for a plural, its singular: the lexicon matches an object by its lemma
    ("families" -> family). A wrong extra form matches nothing, so guessing is safe."""
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "xes", "sses")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    return forms


def verb_lemma(word: str) -> tuple[str, str | None] | None:
    parts = word.lstrip("+").rstrip("_").lower().split("_")
    if len(parts) == 1 and parts[0].isalpha():
        return parts[0], None
    if len(parts) == 2 and parts[0].isalpha() and parts[1] in PREPS:
        return parts[0], parts[1]
    return None


def convert(lines: list[str], cameo: dict[str, str]) -> tuple[list[dict], Counter[str]]:
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next((i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS")), len(lines))
    synsets = read_synsets(lines[:start])
    stats: Counter[str] = Counter()
    entries: dict[tuple, dict] = {}
    verbs: list[tuple[str, str | None]] = []
    block_code = None

    def add(lemma: str, prep: str | None, objects: list[str], code: str) -> None:
        kind = cameo.get(code)
        if kind is None:
            stats["dropped: code not in cameo.tsv"] += 1
            return
        if not kind:
            stats["dropped: public statement (01x)"] += 1
            return
        key = (lemma, prep, tuple(sorted(set(objects))))
        if key in entries:
            stats["duplicate"] += 1
            return
        entry = {"lemma": lemma, "pos": "VERB", "cameo": code, "type": kind}
        if objects:
            entry["object"] = sorted({form for o in objects for form in noun_forms(o)})
        if prep:
            entry["prep"] = prep
        entries[key] = entry
        stats["entries"] += 1

    for line in lines[start:end]:
        raw = line.rstrip("\n")
        text = raw.split("#", 1)[0].rstrip()
        head = BLOCK.match(text)
        if head:
            verbs = []
            block_code = head.group(2) if head.group(2) != "---" else None
            if block_code is not None and not re.fullmatch(r"[0-9]{2,4}", block_code):
                block_code = None
            continue
        if not text.strip():
            continue
        if text.startswith("-"):
            code = CODE.search(text)
            pattern = parse_pattern(CODE.sub("", text[1:]), synsets)
            if pattern is None or code is None:
                stats["dropped: pattern not of a simple kind"] += 1
                continue
            prep, objects = pattern
            for lemma, verb_prep in verbs:
                if verb_prep and prep:
                    stats["dropped: two prepositions"] += 1
                    continue
                add(lemma, verb_prep or prep, objects, code.group(1))
            continue
        word = re.sub(r"\{[^}]*\}", "", text).strip().split()
        if not word:
            continue
        parsed = verb_lemma(word[0])
        if parsed is None:
            stats["dropped: multi-word verb"] += 1
            continue
        verbs.append(parsed)
        code = CODE.search(text)
        own = code.group(1) if code else block_code
        if own:
            add(parsed[0], parsed[1], [], own)
    return list(entries.values()), stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="CAMEO.2.0.txt of petrarch2")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    parser.add_argument("--patterns-only", action="store_true", help="drop the verbs' default codes")
    args = parser.parse_args()
    with open(ROOT / "dotterel" / "data" / "cameo.tsv", encoding="utf-8") as handle:
        cameo = {row["code"]: row["plover_type"] for row in csv.DictReader(handle, delimiter="\t")}
    entries, stats = convert(args.source.read_text(encoding="latin-1").splitlines(), cameo)
    if args.patterns_only:
        entries = [e for e in entries if "object" in e or "prep" in e]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    entries.sort(key=lambda e: (e["lemma"], e.get("prep") or "", e.get("object") or [], e["cameo"]))
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("# GENERATED by tools/import_cameo_verbs.py from PETRARCH2's CAMEO.2.0.txt\n"
                  "# (openeventdata/petrarch2 676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT licence).\n"
                  "# Do not edit: change the converter. Use as the event coder's extra_lexicon.\n")
        for e in entries:
            fields = [f"lemma: {e['lemma']}", "pos: VERB"]
            if "object" in e:
                fields.append("object: [" + ", ".join(_quote(o) for o in e["object"]) + "]")
            if "prep" in e:
                fields.append(f"prep: {_quote(e['prep'])}")
            fields += [f'cameo: "{e["cameo"]}"', f"type: {e['type']}"]
            out.write("- {" + ", ".join(fields) + "}\n")
    for key, n in sorted(stats.items()):
        print(f"{key}: {n}")
    print(f"{len(entries)} entries, {len({e['lemma'] for e in entries})} verbs -> {args.output}")
    return 0


def _quote(word: str) -> str:
    return f'"{word}"' if word in ("on", "off", "yes", "no", "true", "false", "null") or not word.isalpha() else word


if __name__ == "__main__":
    sys.exit(main())
