"""The package's knowledge files load, validate and agree with each other."""
from importlib import resources

import pytest
import yaml

from dotterel import lang
from dotterel.errors import ConfigError
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


def test_actor_word_classes_say_what_they_are_for_and_agree_with_the_sectors():
    """Each class of lang/en/actor_words.yaml has an about line and loads with word_classes.yaml
    as one namespace; its tables name sector words and codes the sectors file knows."""
    raw = yaml.safe_load((resources.files("dotterel") / "lang" / "en" / "actor_words.yaml").read_text())
    assert raw and all(str(entry.get("about") or "").strip() for entry in raw.values())
    assert set(raw) <= set(lang.word_classes()) and "reporting" in lang.word_classes()
    kb = load_kb()
    codes = set(kb.sectors.values())
    for word, sectors in lang.word_table("kind_compound_heads").items():
        assert word in kb.sectors and kb.sectors[word] in sectors and set(sectors) <= codes, word
    for word, takes in lang.word_table("common_noun_only").items():
        assert word not in kb.sectors and any(w in kb.sectors for w in takes), word


def test_a_word_class_is_written_in_one_file(monkeypatch):
    monkeypatch.setattr(lang, "FILES", ("actor_words.yaml", "actor_words.yaml"))
    lang._entries.cache_clear()
    try:
        with pytest.raises(ConfigError, match="written in .* already"):
            lang._entries("en")
    finally:
        lang._entries.cache_clear()


def test_a_lexicon_object_list_may_name_a_word_class():
    """"$weapons" in an entry's objects is every word of that class, written once for all the
    verbs of supplying arms."""
    from dotterel.lang import word_class
    from dotterel.lexicon import entry_objects

    assert entry_objects(["$weapons", "Equipment"]) == frozenset(word_class("weapons")) | {"equipment"}
    supplying = [t for lemma in ("send", "supply", "deliver", "ship") for t in load_lexicon().candidates(lemma, "VERB")
                 if t.cameo == "072"]
    assert supplying and all({"battery", "missile", "weapon"} <= t.object for t in supplying)
