#!/usr/bin/env python3
"""Build dotterel/data/cameo.tsv from the three public CAMEO/PLOVER reference tables.

Usage:
    python tools/build_cameo_table.py [REFERENCE_DIR] [--out PATH]

REFERENCE_DIR defaults to ../shared/data/reference (relative to the current directory,
falling back to the same path relative to the repository root).  It must contain:

    GDELT_LOOKUP-CAMEO.eventcodes.txt   code -> label           (GDELT, CRLF, one mojibake row)
    CAMEO.goldsteinscale.txt            code -> Goldstein score (GDELT)
    CAMEO2PLOVER-2021.txt               code -> PLOVER type, mode, context (PLOVER draft 0.8)

Output columns (tab-separated, header row, one row per CAMEO code, codes kept as strings):

    code  label  goldstein  plover_type  plover_mode  plover_context

Decisions (also documented in dotterel/data/README_events.md):

* Code universe = codes in the label table or the Goldstein table (311).  The PLOVER table
  also lists 1213 and 1214, which are not CAMEO codes (CAMEO 121 only has 1211/1212); they
  are skipped and reported.
* Labels come from GDELT, cleaned: root labels (ALL CAPS) are sentence-cased, whitespace
  squeezed, known typos/mojibake fixed.  GDELT's labels for 101, 105, 107, 108 are from an
  older CAMEO draft and disagree with their own sub-codes (e.g. 105 "Demand mediation" but
  1051-1056 are "demand easing of ..."), GDELT has no row for 106 at all and row 1056 has
  a fragment of 106 glued on.  For those codes the label is taken from the PLOVER table's
  comment, which follows the CAMEO 1.1 codebook.
* PLOVER: "01" (public statements) is not coded in PLOVER, so 01x rows have empty
  plover_type/mode/context.  CAMEO "02" (appeal) is absent from the PLOVER table; PLOVER 2.0
  folds appeals and demands into REQUEST, and CAMEO 02x is structurally parallel to 10x
  (021<->101, 0231<->1031, 026<->106 ...), so each 02x code takes the mapping of its 10x twin.
* Any other code missing from the PLOVER table inherits from its nearest ancestor
  ("0234" -> "023" -> "02").
* Root "08" is listed twice (CONCEDE and RETREAT); the first (CONCEDE, matching 080 "Yield")
  is kept.  175 has "pro_autocracy" (a context) in its mode column; moved to context.
  The mode "ease" (085) is dropped: the table itself notes that "ease" is no
  longer a mode.
* Multiple contexts are joined with ";" (no spaces).  Goldstein is written as a float.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REF = "../shared/data/reference"
DEFAULT_OUT = REPO / "dotterel" / "data" / "cameo.tsv"

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT SANCTION THREATEN PROTEST MOBILIZE COERCE ASSAULT"
).split()

# GDELT labels that are wrong (older CAMEO draft) or missing: take the PLOVER table comment.
LABEL_FROM_PLOVER = {"101", "105", "106", "107", "108"}
# Literal fixes to GDELT label text.
LABEL_FIXES = {
    "matyerial": "material",
    "radiologicalweapons": "radiological weapons",
    "not spec below": "not specified below",
}
# Column slips in the PLOVER table: 175 has the context "pro_autocracy" in the mode column.
FIELD_FIXES = {"175": {"mode": "", "context": "pro_autocracy;military"}}
DROPPED_MODES = {"ease"}  # "21.09.17: 'ease' is no longer a mode" (CAMEO2PLOVER-2021.txt)
NO_PLOVER_ROOTS = {"01"}  # statements are not coded in PLOVER
PARALLEL_ROOTS = {"02": "10"}  # appeal -> same mapping as demand (both REQUEST in PLOVER 2.0)


def read_two_column(path: Path) -> dict[str, str]:
    """Read a 2-column TSV with a header; tolerate CRLF and stray encodings."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    out: dict[str, str] = {}
    for i, line in enumerate(text.splitlines()):
        if i == 0 or not line.strip():
            continue
        code, _, value = line.partition("\t")
        code = code.strip()
        if not re.fullmatch(r"\d{2,4}", code):
            raise ValueError(f"{path.name}:{i + 1}: bad code {code!r}")
        out[code] = value.strip()
    return out


def clean_label(code: str, raw: str) -> str:
    label = raw
    # row 1056 has a fragment of another code glued on: "...engagement106:[-5.0] Demand withdrawal"
    label = re.sub(r"\d{3}:\[.*$", "", label)
    # 044 "Meet at a <mojibake>third<mojibake>location" -> quoted 'third'
    label = re.sub(r"[^\x00-\x7f]+h?ird[^\x00-\x7f]+\s*", "'third' ", label)
    for bad, good in LABEL_FIXES.items():
        label = label.replace(bad, good)
    label = re.sub(r"\s+", " ", label).strip()
    label = re.sub(r"\s+,", ",", label)
    if label.isupper():
        label = label.capitalize()
    elif label:
        label = label[0].upper() + label[1:]
    return label


def parse_plover(path: Path) -> tuple[dict[str, dict], dict[str, str], list[str]]:
    """Return (mapping, comments, notes).  mapping[code] = {type, mode, context}."""
    mapping: dict[str, dict] = {}
    comments: dict[str, str] = {}
    notes: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        body, _, comment = rest.partition("#")
        parts = [p.strip() for p in body.split(",")]
        ptype = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        context = parts[2] if len(parts) > 2 else ""
        if ptype not in PLOVER_TYPES:
            raise ValueError(f"{path.name}:{lineno}: unknown PLOVER type {ptype!r}")
        mode = mode.strip().lower()
        if mode in DROPPED_MODES:
            notes.append(f"{code}: dropped obsolete mode {mode!r}")
            mode = ""
        contexts = [c.strip().lower() for c in context.split(";") if c.strip()]
        entry = {"type": ptype, "mode": mode, "context": ";".join(contexts)}
        if code in FIELD_FIXES and entry != {**entry, **FIELD_FIXES[code]}:
            notes.append(f"{code}: fixed column slip {entry} -> {FIELD_FIXES[code]}")
            entry.update(FIELD_FIXES[code])
        if code in mapping:
            if mapping[code] != entry:
                notes.append(
                    f"{code}: listed twice ({mapping[code]['type']} / {ptype}); kept first"
                )
            continue
        mapping[code] = entry
        comment = re.sub(r"\s+", " ", comment.split("21.09.17")[0]).strip()
        if comment:
            comments[code] = comment
    return mapping, comments, notes


def resolve_plover(code: str, mapping: dict[str, dict]) -> tuple[dict | None, str]:
    """PLOVER entry for a CAMEO code and how it was found."""
    if code[:2] in NO_PLOVER_ROOTS:
        return None, "not coded in PLOVER"
    if code[:2] in PARALLEL_ROOTS:
        twin = PARALLEL_ROOTS[code[:2]] + code[2:]
        entry, how = resolve_plover(twin, mapping)
        return entry, f"parallel of {twin} ({how})"
    for k in range(len(code), 1, -1):
        if code[:k] in mapping:
            return mapping[code[:k]], "direct" if k == len(code) else f"inherited from {code[:k]}"
    return None, "no mapping"


def code_sort_key(code: str) -> tuple:
    return (code[:2], code[2:3], code[3:4])


def build(ref_dir: Path) -> tuple[list[dict], list[str]]:
    labels = read_two_column(ref_dir / "GDELT_LOOKUP-CAMEO.eventcodes.txt")
    goldstein = read_two_column(ref_dir / "CAMEO.goldsteinscale.txt")
    mapping, comments, notes = parse_plover(ref_dir / "CAMEO2PLOVER-2021.txt")

    codes = sorted(set(labels) | set(goldstein), key=code_sort_key)
    extra = sorted(set(mapping) - set(codes), key=code_sort_key)
    if extra:
        notes.append(f"PLOVER-table codes that are not CAMEO codes, skipped: {', '.join(extra)}")

    rows = []
    for code in codes:
        if code in LABEL_FROM_PLOVER and code in comments:
            label = clean_label(code, comments[code])
            if code in labels:
                notes.append(f"{code}: GDELT label {labels[code]!r} replaced by {label!r}")
            else:
                notes.append(f"{code}: no GDELT label, used PLOVER comment {label!r}")
        elif code in labels:
            label = clean_label(code, labels[code])
        else:
            raise ValueError(f"no label for CAMEO code {code}")
        if code not in goldstein:
            raise ValueError(f"no Goldstein score for CAMEO code {code}")
        entry, how = resolve_plover(code, mapping)
        if how.startswith("inherited"):
            notes.append(f"{code}: PLOVER {how}")
        rows.append(
            {
                "code": code,
                "label": label,
                "goldstein": repr(float(goldstein[code])),
                "plover_type": entry["type"] if entry else "",
                "plover_mode": entry["mode"] if entry else "",
                "plover_context": entry["context"] if entry else "",
            }
        )
    return rows, notes


def find_ref_dir(arg: str) -> Path:
    p = Path(arg)
    if p.is_dir():
        return p
    alt = REPO / arg
    if not p.is_absolute() and alt.is_dir():
        return alt
    sys.exit(f"reference directory not found: {arg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ref_dir", nargs="?", default=DEFAULT_REF)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("-q", "--quiet", action="store_true", help="do not print build notes")
    args = ap.parse_args(argv)

    rows, notes = build(find_ref_dir(args.ref_dir))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fields = ["code", "label", "goldstein", "plover_type", "plover_mode", "plover_context"]
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(
            fh, fieldnames=fields, delimiter="\t", lineterminator="\n",
            quoting=csv.QUOTE_NONE, escapechar="\\",
        )
        w.writeheader()
        w.writerows(rows)
    if not args.quiet:
        for n in notes:
            print("note:", n, file=sys.stderr)
    typed = sum(1 for r in rows if r["plover_type"])
    print(f"wrote {len(rows)} codes ({typed} with a PLOVER type) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
