"""The imported actor dictionaries: the converters on small excerpts, the loaded knowledge
base on known people with dates, precedence, and issue #19's country check."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from pathlib import Path

import pytest

from dotterel import code
from dotterel.kb import load_kb

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import import_petrarch_actors as petrarch

EXCERPT = """\
# Presidents
HOSNI_MUBARAK_  # CountryInfo.txt
+MUBARAK_
+PRESIDENT_MUBARAK_
+HOSNY_MUBARAK
	[EGYELI 460101-811007]
	[EGYGOV 811014-110211]
	[EGYELI]
BORIS_YELTSIN_  # CountryInfo.txt
BORIS_N._YELTSIN
	[RUSGOV 910710-991231]
EGYPT_  [EGY]
+CAIRO_
THE_BUSH_ADMINISTRATION
	[USAGOV 010120-090120]
"""


def test_converter_reads_blocks_dates_and_drops_what_it_cannot_trust(tmp_path):
    importer = petrarch.Importer(petrarch.yaml.safe_load(petrarch.SETTINGS.read_text()),
                                 {"EGY": "EGY", "RUS": "RUS", "USA": "USA"})
    records = [r for b in petrarch.parse_blocks(EXCERPT) if (r := importer.actor(b, "countries"))]
    mubarak, yeltsin = records
    assert mubarak["name"] == "Hosni Mubarak" and mubarak["aliases"] == ["Hosny Mubarak"]
    assert mubarak["roles"][1] == {"of": "EGY", "sector": "GOV", "cameo": "EGYGOV",
                                   "start": "1981-10-14", "end": "2011-02-11"}
    assert yeltsin["aliases"] == ["Boris N. Yeltsin"]  # a name line without codes joins the next entry
    assert importer.dropped["name: one word (ambiguous, common words)"] == 1  # MUBARAK
    assert importer.dropped["name: starts with a title or modifier"] == 2  # PRESIDENT_, THE_BUSH_
    assert importer.dropped["countries: country name (countries.yaml has them)"] == 1
    assert importer.dropped["countries: entry without a usable name"] == 1  # BUSH_ADMINISTRATION


def test_converter_dates_and_names():
    assert petrarch.parse_date("990616") == dt.date(1999, 6, 16)
    assert petrarch.parse_date("070723") == dt.date(2007, 7, 23)
    assert petrarch.parse_code("AFGGOV >011222") == {"cameo": "AFGGOV", "start": "2001-12-22"}
    assert petrarch.parse_code("---") is None
    assert petrarch.display("BASHAR_AL-ASSAD") == "Bashar al-Assad"


def test_generated_files_state_source_licence_and_counts():
    data = Path(__file__).resolve().parents[1] / "dotterel/data/imported"
    for name, licence in (("petrarch_actors.jsonl.gz", "MIT"), ("congress.jsonl.gz", "CC0")):
        with gzip.open(data / name, "rt", encoding="utf-8") as handle:
            meta = json.loads(handle.readline())["meta"]
        assert meta["licence"].startswith(licence) and len(meta["commit"]) == 40
        assert meta["entries"] > 500


@pytest.mark.parametrize("name, date, cameo", [
    ("Hosni Mubarak", dt.date(2005, 1, 1), "EGYGOV"),
    ("Hosni Mubarak", dt.date(2013, 1, 1), "EGYELI"),   # after his fall
    ("Nelson Mandela", dt.date(1996, 1, 1), "ZAFGOV"),
    ("Nelson Mandela", dt.date(1990, 3, 1), "ZAFELI"),  # before his presidency
    ("Mitch McConnell", dt.date(2017, 7, 1), "USALEG"),
])
def test_imported_people_take_the_role_of_the_day(name, date, cameo):
    kb = load_kb()
    entry, _ = kb.find(name)
    assert entry.source is not None
    assert kb.cameo_for(entry, date)[0] == cameo


def test_legislators_carry_party_gender_wikidata_and_no_title_lookup():
    kb = load_kb()
    collins, _ = kb.find("Susan Collins")
    assert (collins.country, collins.gender, collins.party, collins.wikidata) == ("USA", "female", "Republican", "Q22279")
    # "a senator" names none of a hundred: shared offices are not looked up by title
    assert kb.holder("senator", "USA", dt.date(2020, 1, 1)) is None


def test_hand_written_entries_win_and_user_files_win_over_both(tmp_path):
    kb = load_kb()
    trump, _ = kb.find("Donald Trump")
    assert trump.source is None
    mine = tmp_path / "mine.yaml"
    mine.write_text("- {id: my_mubarak, name: Hosni Mubarak, kind: person, country: EGY, "
                    "sector: OPP, cameo: EGYOPP}\n", encoding="utf-8")
    assert load_kb((str(mine),)).find("Hosni Mubarak")[0].id == "my_mubarak"


def test_imported_agents_extend_the_sector_words_ours_win():
    kb = load_kb()
    assert kb.sectors["mutineers"] == "OPP" and kb.sectors["police"] == "COP"
    assert "prison" not in kb.sectors and "humvee" not in kb.sectors  # things, not people


def test_issue_country_check_passes_the_bar(nlp):
    import actor_check

    assert actor_check.run(actor_check.DEFAULT, verbose=False) >= 0.9


@pytest.mark.parametrize("text, absent, present", [
    ("BEIRUT (AP) — Israeli jets struck targets in Lebanon.", "AP", "Lebanon"),
    ("AP Photo Tillerson arrives. Rex Tillerson met Russian officials.", "AP Photo Tillerson", "Rex Tillerson"),
    ("The poll by USA TODAY found that voters backed the plan.", "United States", None),
])
def test_page_furniture_is_no_actor(nlp, text, absent, present):
    from dotterel import code

    names = {a.name for a in code(text, published="2017-04-12").actors}
    assert absent not in names and (present is None or present in names)


@pytest.mark.parametrize("text, name, country", [
    # names the converter writes with lower-case particles match as written in news
    ("Mai bint Muhammad al Khalifa met the French ambassador on Monday.", "Mai bint Muhammad al Khalifa", "BHR"),
    ("Freya van den Bossche criticized the budget.", "Freya van den Bossche", "BEL"),
])
def test_imported_names_with_lower_case_particles(text, name, country):
    actors = [(a.name, a.country) for a in code(text, published="2010-05-01").actors]
    assert (name, country) in actors, actors


def test_imported_sectors_are_sectors_never_countries():
    """"MNCUSA" is a US company (sector BUS), "GBRFLKGOV" a Falklands official (GOV): the
    converter reads the code's parts, so no imported actor has a country for a sector."""
    kb = load_kb()
    countries = {e.id for e in kb.entries.values() if e.kind == "country"}
    wrong = [(e.name, e.cameo, e.sector) for e in kb.entries.values() if e.sector in countries]
    assert not wrong, wrong[:5]
    companies = [e for e in kb.entries.values() if (e.cameo or "").startswith("MNC")]
    assert companies and all(e.sector for e in companies)  # BUS, or what it trades in (MED, HLH ...)
    assert next(e for e in companies if e.cameo == "MNCUSA").sector == "BUS"
