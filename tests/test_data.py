"""The package's knowledge files load, validate and agree with each other."""
from dotterel.kb import load_kb
from dotterel.lexicon import load_cameo_table, load_lexicon
from dotterel.model import PLOVER_TYPES


def test_lexicon_covers_all_plover_types():
    lexicon = load_lexicon()
    types = {t.type for triggers in lexicon.by_word.values() for t in triggers}
    assert types == set(PLOVER_TYPES)
    assert sum(len(v) for v in lexicon.by_word.values()) >= 300


def test_cameo_codes_are_strings_with_goldstein():
    table = load_cameo_table()
    assert table["0234"].goldstein is not None and "190" in table
    assert all(code.isdigit() and len(code) >= 2 for code in table)


def test_kb_roles_point_at_known_actors_or_countries():
    kb = load_kb()
    for entry in kb.entries.values():
        for role in entry.roles:
            # an imported role may name a country or group we do not list ("AIA", "MNC"):
            # it then carries its own code, which begins with that name
            imported = entry.source is not None and (role.cameo or "").startswith(role.of)
            assert role.of in kb.entries or imported, (entry.id, role.of)


def test_kb_resolves_people_by_date():
    import datetime as dt

    kb = load_kb()
    haniyeh, how = kb.lookup("Haniyeh")
    assert haniyeh.name == "Ismail Haniyeh" and how == "name"
    cameo, sector = kb.cameo_for(haniyeh, dt.date(2023, 12, 7))
    assert cameo.startswith("PSE") and sector == "REB"


def test_sector_words_map_to_role_codes():
    kb = load_kb()
    assert kb.sectors["army"] == "MIL" and kb.sectors["police"] == "COP"


def test_lexicon_passes_its_checker():
    """tools/check_lexicon.py (schema, CAMEO codes, types against cameo.tsv unless a commented
    override, duplicates, overlapping objects), without its spaCy spot checks."""
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "check_lexicon.py"
    run = subprocess.run([sys.executable, str(tool), "--no-spacy"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
