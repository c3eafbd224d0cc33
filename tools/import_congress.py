"""Convert the unitedstates/congress-legislators files into dotterel's imported KB.

    python tools/import_congress.py [--source DIR] [--out dotterel/data/imported]

Reads ``legislators-current.yaml`` (every member of the current Congress with all their
terms) and ``executive.yaml`` (presidents and vice presidents) from the reference copy
(CC0, commit in its SOURCE.txt) and writes ``congress.jsonl.gz``: a first line
``{"meta": ...}`` (source, commit, licence, counts), then one person per line in the
actors.yaml format plus ``party``. Every term is a dated role: a senator's term is
``{title: senator, of: USA, sector: LEG}`` (CAMEO USALEG; CAMEO has no code for US parties,
so the party is kept as a field), a president's ``{title: president, sector: GOV}``.
Generated: never edit the output by hand.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from import_common import ROOT, commit, main, write_jsonl

SOURCE = ROOT.parent / "shared/data/reference/us-congress"
SETTINGS = Path(__file__).with_name("import_actors.yaml")
LICENCE = "CC0 1.0 (public domain)"
OFFICES = {"sen": ("senator", "LEG"), "rep": ("representative", "LEG"),
           "prez": ("president", "GOV"), "viceprez": ("vice president", "GOV")}
SHARED = {"senator", "representative"}
"""Offices many hold at once: "a senator" names none of them (never looked up by title)."""
GENDERS = {"M": "male", "F": "female"}


def names(name: dict[str, Any]) -> list[str]:
    """"Mitch McConnell", "Addison Mitchell McConnell Jr." ... as news name them: official
    name, else the nickname ("Bill Clinton"), first + last; one-word forms are left out."""
    last, first = name.get("last", ""), name.get("first", "")
    forms = [name.get("official_full"), f"{name.get('nickname')} {last}" if name.get("nickname") else None,
             f"{first} {last}",
             f"{first} {name['middle']} {last}" if name.get("middle") else None]
    out: list[str] = []
    for form in forms:
        if form and len(form.split()) >= 2 and form not in out:
            out.append(re.sub(r"\s+", " ", form).strip())
    return out


def person(record: dict[str, Any], counts: Counter[str], since: int) -> dict[str, Any] | None:
    terms = [t for t in record.get("terms", []) if t.get("type") in OFFICES]
    if not terms:
        counts["dropped: no congressional or executive term"] += 1
        return None
    if all(int(str(t.get("end", "9999"))[:4]) < since for t in terms):
        counts[f"dropped: every term ended before {since}"] += 1
        return None
    forms = names(record["name"])
    if not forms:
        counts["dropped: no name of two words"] += 1
        return None
    roles = [{"title": OFFICES[t["type"]][0], "of": "USA", "sector": OFFICES[t["type"]][1],
              "start": str(t["start"]), "end": str(t["end"]),
              **({"shared": True} if OFFICES[t["type"]][0] in SHARED else {})} for t in terms]
    latest = terms[-1]
    ids = record.get("id", {})
    out: dict[str, Any] = {"id": f"us:{ids.get('bioguide', forms[0])}", "name": forms[0],
                           "kind": "person", "country": "USA", "sector": OFFICES[latest["type"]][1],
                           "cameo": f"USA{OFFICES[latest['type']][1]}"}
    if ids.get("wikidata"):
        out["wikidata"] = ids["wikidata"]
    if forms[1:]:
        out["aliases"] = forms[1:]
    gender = GENDERS.get(record.get("bio", {}).get("gender", ""))
    if gender:
        out["gender"] = gender
    if latest.get("party"):
        out["party"] = latest["party"]
    out["roles"] = roles
    return out



def convert(source: Path, out: Path) -> dict[str, Any]:
    since = int(yaml.safe_load(SETTINGS.read_text())["executive_from"])
    counts: Counter[str] = Counter()
    records: dict[str, dict[str, Any]] = {}
    for name, tag in (("legislators-current.yaml", "legislators"), ("executive.yaml", "executive")):
        for raw in yaml.safe_load((source / name).read_text(encoding="utf-8")):
            record = person(raw, counts, since if tag == "executive" else 0)
            if record is None:
                continue
            seen = records.get(record["id"])
            if seen is not None:  # a member who was also vice president: one person, all roles
                seen["roles"] = sorted(seen["roles"] + record["roles"], key=lambda r: r["start"])
                counts["merged: legislator and executive"] += 1
                continue
            records[record["id"]] = record
            counts[f"kept: {tag}"] += 1
    meta = {"source": "unitedstates/congress-legislators", "commit": commit(source),
            "licence": LICENCE, "entries": len(records), "counts": dict(sorted(counts.items()))}
    write_jsonl(out / "congress.jsonl.gz", meta, records.values())
    return meta


if __name__ == "__main__":
    sys.exit(main(__doc__, SOURCE, convert))
