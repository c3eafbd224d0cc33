"""Convert the PETRARCH2 (Phoenix) actor and agent dictionaries into dotterel's imported KB.

    python tools/import_petrarch_actors.py [--source DIR] [--out dotterel/data/imported]

Reads ``Phoenix.Countries.actors.txt`` (people with dated roles), ``Phoenix.International
.actors.txt`` (IGOs, NGOs, international figures), ``Phoenix.MilNonState.actors.txt`` (armed
groups) and ``Phoenix.agents.txt`` (generic agents -> sector codes) from the reference copy
(MIT licence, commit in its SOURCE.txt) and writes

* ``petrarch_actors.jsonl.gz``: a first line ``{"meta": ...}`` (source, commit, licence,
  counts kept and dropped by reason), then one actor per line in the actors.yaml format plus
  ``roles[].cameo`` (the dated code as the dictionary gives it);
* ``petrarch_agents.tsv``: ``word<TAB>sector`` lines after a ``#`` header.

What is kept and dropped is set in ``tools/import_actors.yaml``. The output is generated:
never edit it by hand, change this converter or its settings and run it again.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from import_common import ROOT, commit, main, write_jsonl

from dotterel.lang import word_class

SOURCE = ROOT.parent / "shared/data/reference/petrarch2"
SETTINGS = Path(__file__).with_name("import_actors.yaml")
LICENCE = "MIT (Open Event Data Alliance, 2014)"
CODE = re.compile(r"\[([^\]]*)\]")
PARTICLES = word_class("name_particles")


@dataclass
class Block:
    """One dictionary entry: its names (header first) and the codes in brackets."""

    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    comment: str = ""


def parse_blocks(text: str) -> list[Block]:
    """TABARI actor format: a line at the margin opens an entry, "+NAME" adds a name, an
    indented or inline "[CODE dates]" adds a code; "#" starts a comment."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        codes = CODE.findall(line)
        name = CODE.sub("", line).strip()
        if raw[0] in " \t" and not name:
            if blocks:
                blocks[-1].codes.extend(codes)
            continue
        if name.startswith("+"):
            if blocks:
                blocks[-1].names.append(name[1:].strip())
                blocks[-1].codes.extend(codes)
            continue
        if blocks and not blocks[-1].codes and not codes and raw[0] not in " \t":
            # TABARI: consecutive entry lines without codes are names of the entry whose
            # codes follow ("BORIS_YELTSIN_" / "BORIS_N._YELTSIN" / "YELTSIN" / [codes])
            blocks[-1].names.append(name)
            continue
        blocks.append(Block(names=[name] if name else [], codes=list(codes), comment=comment))
    return blocks


def parse_date(text: str) -> dt.date:
    """YYMMDD (years before 30 are 20xx) or YYYYMMDD."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(text: str) -> dict[str, Any] | None:
    """"USAGOV 810120-890120", "AFGGOV >011222", "ELI" -> {cameo, start, end}; None for "---"."""
    parts = text.replace("~", "").split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    role: dict[str, Any] = {"cameo": parts[0]}
    span = "".join(parts[1:])
    if span.startswith(">"):
        role["start"] = parse_date(span[1:]).isoformat()
    elif span.startswith("<"):
        role["end"] = parse_date(span[1:]).isoformat()
    elif span:
        start, end = span.split("-")  # ValueError on a malformed span, counted by the caller
        role["start"], role["end"] = parse_date(start).isoformat(), parse_date(end).isoformat()
    return role


def display(name: str) -> str:
    """"GEORGE_W._BUSH_" -> "George W. Bush"; "BASHAR_AL-ASSAD" -> "Bashar al-Assad"."""
    words = [w for w in name.replace("_", " ").split() if w]
    out = []
    for i, word in enumerate(words):
        parts = word.lower().split("-")
        cased = [p if (p in PARTICLES and (i or j)) else p[:1].upper() + p[1:]
                 for j, p in enumerate(parts)]
        out.append("-".join(cased))
    return " ".join(out)


class Importer:
    """Turns blocks into actors, keeping every decision's count."""

    def __init__(self, settings: dict[str, Any], countries: dict[str, str]) -> None:
        self.countries = countries
        self.titles = set(settings["title_prefixes"])
        self.organs = set(settings["organ_words"])
        self.org_words = set(settings["organisation_words"])
        self.non_state = dict(settings["non_state_prefixes"])
        self.sectors = set(own_sectors())
        self.dropped: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.ids: set[str] = set()

    def names(self, raw: list[str]) -> list[str]:
        """Usable names of an entry, display-cased; each drop counted by reason."""
        out: list[str] = []
        for name in raw:
            name = re.sub(r"\([^)]*\)", "", name).strip("_ ")
            words = [w for w in re.split(r"[_\s]+", name.lower()) if w]
            if not words or not re.search(r"[a-z]", name.lower()) or not name.isascii():
                self.dropped["name: not a latin-script name"] += 1
            elif len(words) < 2:
                self.dropped["name: one word (ambiguous, common words)"] += 1
            elif words[0] in self.titles:
                self.dropped["name: starts with a title or modifier"] += 1
            elif self.organs & set(words):
                self.dropped["name: names an office or organ"] += 1
            elif display(name) not in out:
                out.append(display(name))
        return out

    def actor(self, block: Block, source: str) -> dict[str, Any] | None:
        roles = []
        for code in block.codes:
            try:
                role = parse_code(code)
            except ValueError:  # "[USAGOV 091320-...]": no such date
                self.dropped["role: unreadable date"] += 1
                continue
            if role is not None:
                roles.append(role)
        if not roles:
            self.dropped[f"{source}: entry without a code"] += 1
            return None
        if source == "countries" and all(len(r["cameo"]) == 3 and "start" not in r for r in roles):
            self.dropped[f"{source}: country name (countries.yaml has them)"] += 1
            return None
        kind = self.kind(block, roles, source)
        if kind is None:
            self.dropped[f"{source}: state organ (country + sector words code it)"] += 1
            return None
        names = self.names(block.names)
        if not names:
            self.dropped[f"{source}: entry without a usable name"] += 1
            return None
        return self.record(names, kind, roles, source)

    def kind(self, block: Block, roles: list[dict[str, Any]], source: str) -> str | None:
        words = set(re.split(r"[_\s]+", " ".join(block.names[:1]).lower()))
        person = "CountryInfo" in block.comment or "rulers" in block.comment or (
            any("start" in r or "end" in r for r in roles) and not words & self.org_words)
        if person:
            return "person"
        if source == "countries":
            return None
        if source == "milnonstate":
            return "armed_group"
        if not words & self.org_words and 2 <= len(words) <= 4 and not roles[0]["cameo"].endswith("MED"):
            return "person"  # "GILLIAN_MELLSOP_ [IGOUNOKID]": a UN official, undated
        return "igo" if roles[0]["cameo"].startswith("IGO") else "organisation"

    def sector(self, cameo: str) -> str | None:
        """The sector a CAMEO code names: the first of its three-letter parts after the leading
        one that is one of our sectors ("USAGOV", "GBRFLKGOV": GOV, not the Falklands' FLK);
        else a non-state code's own sector ("MNCUSA", a US company: BUS; "NGOHLH": HLH),
        never a country ("USA")."""
        parts = [cameo[i:i + 3] for i in range(3, len(cameo), 3)]
        return next((part for part in parts if part in self.sectors), self.non_state.get(cameo[:3]))

    def record(self, names: list[str], kind: str, roles: list[dict[str, Any]], source: str) -> dict[str, Any]:
        base = "pe:" + re.sub(r"[^a-z0-9]+", "_", names[0].lower()).strip("_")
        uid, n = base, 2
        while uid in self.ids:
            uid, n = f"{base}_{n}", n + 1
        self.ids.add(uid)
        latest = max(roles, key=lambda r: (r.get("start") or "", r.get("end") or "9999"))
        cameo = latest["cameo"]
        country = self.countries.get(cameo[:3]) if kind != "igo" else None
        record: dict[str, Any] = {"id": uid, "name": names[0], "kind": kind}
        if country:
            record["country"] = country
        record.update(sector=self.sector(cameo), cameo=cameo, source=source)
        if len(names) > 1:
            record["aliases"] = names[1:]
        if kind == "person":
            record["roles"] = [{"of": self.countries.get(r["cameo"][:3], r["cameo"][:3]), "sector": self.sector(r["cameo"]),
                                "cameo": r["cameo"], **{k: r[k] for k in ("start", "end") if k in r}}
                               for r in roles]
        self.kept[f"{source}: {kind}"] += 1
        return record


def shared_names(records: list[dict[str, Any]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in records:
        for name in {record["name"].lower(), *(a.lower() for a in record.get("aliases", []))}:
            counts[name] += 1
    return counts


def merge_repeats(records: list[dict[str, Any]], dropped: Counter[str]) -> list[dict[str, Any]]:
    """One person listed twice in one country (as minister, then as president) is one entry
    with both roles; the same name in two countries stays two entries."""
    first: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    out = []
    for record in records:
        key = (record["name"].lower(), record.get("country"), record["kind"])
        seen = first.get(key)
        if seen is None:
            first[key] = record
            out.append(record)
            continue
        dropped["entry: merged into an earlier entry of the same name and country"] += 1
        aliases = [a for a in record.get("aliases", []) if a not in seen.get("aliases", [])]
        if aliases:
            seen["aliases"] = seen.get("aliases", []) + aliases
        seen["roles"] = seen.get("roles", []) + [r for r in record.get("roles", []) if r not in seen.get("roles", [])]
    return out


def drop_shared(records: list[dict[str, Any]], dropped: Counter[str]) -> list[dict[str, Any]]:
    """A name two entries share (two "Abdul Qadir"s) names neither for sure: it goes."""
    counts = shared_names(records)
    out = []
    for record in records:
        names = [n for n in [record["name"], *record.get("aliases", [])] if counts[n.lower()] == 1]
        dropped["name: shared by two or more entries"] += 1 + len(record.get("aliases", [])) - len(names)
        if not names:
            dropped["entry: every name shared with another entry"] += 1
            continue
        record["name"] = names[0]
        record.pop("aliases", None)
        if len(names) > 1:
            record["aliases"] = names[1:]
        out.append(record)
    return out


def agents(text: str, settings: dict[str, Any], dropped: Counter[str]) -> dict[str, str]:
    """Agent words -> sector: "!MINIST!" and "!PERSON!" expanded, regular plurals added."""
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    allowed, stop = set(settings["agent_sectors"]), set(settings["agent_stoplist"])
    ours = own_sector_words()
    endings, things = tuple(settings["agent_person_endings"]), set(settings["agent_things"])
    for raw in text.splitlines():
        line = raw.partition("#")[0].strip()
        if m := re.fullmatch(r"!(\w+)!\s*=\s*(.+)", line):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.fullmatch(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z]*\]", line)
        if not m:
            continue
        word, plural, sector = m.group(1).strip(), m.group(2), m.group(3)
        if sector not in allowed:
            dropped[f"agent: sector {sector} not imported"] += 1
            continue
        forms = _expand(word, macros)
        if plural is None:
            forms += [_plural(f) for f in forms if "!" not in word and f[-1:].isalpha()]
        elif plural.strip("{} "):
            forms.append(plural.strip("{} "))
        for form in forms:
            phrase = form.replace("_", " ").lower().strip()
            if phrase in stop or len(phrase) < 3 or phrase.split()[0] in ("a", "an", "the") or \
                    re.search(r"[^a-z -]", phrase):
                dropped["agent: ordinary word (stoplist)"] += 1
            elif phrase in ours:
                dropped["agent: one of our own sector words"] += 1
            elif " " in phrase and phrase.split()[-1] not in ours:
                dropped["agent: phrase whose head is no sector word of ours"] += 1
            elif " " not in phrase and (phrase in things or not phrase.endswith(endings)):
                dropped["agent: one word that may name a thing, not people"] += 1
            elif phrase not in out:
                out[phrase] = sector
    return out


def country_codes() -> dict[str, str]:
    """CAMEO country code -> our ISO3 id (ROM -> ROU), from dotterel/data/countries.yaml."""
    countries = yaml.safe_load((ROOT / "dotterel/data/countries.yaml").read_text(encoding="utf-8"))
    return {str(c.get("cameo") or c["iso3"]): str(c["iso3"]) for c in countries}


def own_sectors() -> dict[str, Any]:
    """Our sectors (dotterel/data/sectors.yaml): code -> its words."""
    return yaml.safe_load((ROOT / "dotterel/data/sectors.yaml").read_text(encoding="utf-8"))


def own_sector_words() -> set[str]:
    """The hand-written sector words, which win anyway."""
    return {str(w).lower() for spec in own_sectors().values() for w in (spec or {}).get("words", [])}


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def _expand(word: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!(\w+)!", word)
    if not m or m.group(1) not in macros:
        return [word]
    return [f for w in macros[m.group(1)] for f in _expand(word.replace(m.group(0), w, 1), macros)]



def convert(source: Path, out: Path) -> dict[str, Any]:
    settings = yaml.safe_load(SETTINGS.read_text())
    importer = Importer(settings, country_codes())
    records: list[dict[str, Any]] = []
    for name, tag in (("Phoenix.Countries.actors.txt", "countries"),
                      ("Phoenix.International.actors.txt", "international"),
                      ("Phoenix.MilNonState.actors.txt", "milnonstate")):
        for block in parse_blocks((source / name).read_text(encoding="utf-8", errors="replace")):
            record = importer.actor(block, tag)
            if record is not None:
                records.append(record)
    records = drop_shared(merge_repeats(records, importer.dropped), importer.dropped)
    kept = Counter(f"{r['source']}: {r['kind']}" for r in records)
    agent_words = agents((source / "Phoenix.agents.txt").read_text(encoding="utf-8"), settings,
                         importer.dropped)
    meta = {"source": "openeventdata/petrarch2 petrarch2/data/dictionaries", "commit": commit(source),
            "licence": LICENCE, "entries": len(records), "kept": dict(sorted(kept.items())),
            "dropped": dict(sorted(importer.dropped.items())), "agent_words": len(agent_words)}
    write_jsonl(out / "petrarch_actors.jsonl.gz", meta, records)
    header = (f"# generated by tools/import_petrarch_actors.py from Phoenix.agents.txt "
              f"(petrarch2 {meta['commit'][:12]}, {LICENCE}); do not edit\n")
    (out / "petrarch_agents.tsv").write_text(
        header + "".join(f"{w}\t{s}\n" for w, s in sorted(agent_words.items())), encoding="utf-8")
    return meta


if __name__ == "__main__":
    sys.exit(main(__doc__, SOURCE, convert))
