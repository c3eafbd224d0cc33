"""Dates resolved against publication; places from the offline gazetteer."""
import datetime as dt

import pytest

from dotterel import code
from dotterel.timeplace import fold, gazetteer, resolve_date

PUBLISHED = dt.date(2023, 12, 7)  # a Thursday


@pytest.mark.parametrize("text, expected", [
    ("October 7", ("2023-10-07", "day")),
    ("Tuesday", ("2023-12-05", "day")),
    ("on Tuesday", ("2023-12-05", "day")),
    ("yesterday", ("2023-12-06", "day")),
    ("two days ago", ("2023-12-05", "day")),
    ("March 2020", ("2020-03-01", "month")),
    ("2019", ("2019-01-01", "year")),
    ("December 3, 2021", ("2021-12-03", "day")),
    ("two-month", None),
    ("his college days", None),
    ("the 1990s", None),
    ("decades", None),
])
def test_resolve_date(text, expected):
    assert resolve_date(text, PUBLISHED) == expected


def test_future_tense_prefers_the_coming_day():
    assert resolve_date("Tuesday", PUBLISHED, future=True) == ("2023-12-12", "day")


def test_fold_meets_accented_names():
    assert fold("Rafaḩ") == fold("rafah") == "rafah"


@pytest.mark.parametrize("name, country", [
    ("Islamabad", "PAK"), ("Gaza Strip", "PSE"), ("the West Bank", "PSE"), ("Kharkiv", "UKR"),
    ("Qatar", "QAT"), ("Kyiv", "UKR"),
])
def test_gazetteer_lookup(name, country):
    found = gazetteer().lookup(name)
    assert found is not None and found.country == country
    assert -90 <= found.lat <= 90 and -180 <= found.lon <= 180


def test_context_country_breaks_ties():
    # Several places share a name; the article's countries decide.
    plain = gazetteer().lookup("Hyderabad")
    in_pakistan = gazetteer().lookup("Hyderabad", {"PAK"})
    assert in_pakistan is not None and in_pakistan.country == "PAK"
    assert plain is not None


# ---------------------------------------------------------------- more dates

@pytest.mark.parametrize("text, future, expected", [
    ("Thursday", False, ("2023-12-07", "day")),          # the publication day itself
    ("Friday", False, ("2023-12-01", "day")),
    ("Friday", True, ("2023-12-08", "day")),
    ("next Monday", False, ("2023-12-11", "day")),
    ("last Tuesday", False, ("2023-12-05", "day")),
    ("last week", False, ("2023-11-27", "week")),
    ("this week", False, ("2023-12-04", "week")),
    ("next month", False, ("2024-01-01", "month")),
    ("earlier this month", False, ("2023-12-01", "month")),
    ("last year", False, ("2022-01-01", "year")),
    ("three years ago", False, ("2020-01-01", "year")),
    ("last night", False, ("2023-12-06", "day")),
    ("December 28", False, ("2022-12-28", "day")),        # most recent past
    ("December 28", True, ("2023-12-28", "day")),         # coming, in future tense
    ("January 5", True, ("2024-01-05", "day")),
    ("Feb. 17", False, ("2023-02-17", "day")),
    ("6 February 2023", False, ("2023-02-06", "day")),
    ("mid-April", False, ("2023-04-01", "month")),
    ("last November", False, ("2023-11-01", "month")),  # the November before this month
    ("2023-04-20", False, ("2023-04-20", "day")),
    ("7/8/07", False, ("2007-07-08", "day")),
])
def test_resolve_more_dates(text, future, expected):
    assert resolve_date(text, PUBLISHED, future=future) == expected


@pytest.mark.parametrize("text", [
    "for two weeks", "the two-month mark", "45-year-old", "a week later", "the past week",
    "decades", "18 months", "48-hour",
])
def test_durations_and_anchored_expressions_are_not_dates(text):
    assert resolve_date(text, PUBLISHED) is None


def test_date_is_picked_out_of_an_over_long_entity():
    from dotterel.timeplace import match_date

    found = match_date("Feb. 17 after weeks", PUBLISHED)
    assert found is not None and (found.start, found.end, found.value) == (0, 7, "2023-02-17")


def test_sentence_dates_follow_tense(nlp):
    from dotterel import code

    past = code("The talks in Cairo that started on March 3 have stalled.", published="2024-06-05")
    assert [(d.text, d.value) for d in past.dates] == [("March 3", "2024-03-03")]
    ahead = code("Ministers are due to meet in Warsaw on Friday.", published="2025-01-08")
    assert [d.value for d in ahead.dates] == ["2025-01-10"]
    split = code("The truce agreed on April 2, 2022 brought a lull.", published="2023-04-27")
    assert [(d.text, d.value) for d in split.dates] == [("April 2, 2022", "2022-04-02")]


# ---------------------------------------------------------------- more places

def test_alternate_spellings_meet():
    assert gazetteer().lookup("Kiev").name == "Kyiv"
    assert gazetteer().lookup("Hodeidah").country == "YEM"


def test_article_context_decides_between_namesakes():
    from dotterel.timeplace import geocode

    alexandria, _, parish = geocode(["Alexandria", "Alexandria", "Rapides Parish"])
    assert alexandria.country == "USA" and alexandria.admin1 == parish.admin1
    georgia, _ = geocode(["Georgia", "Atlanta"])
    assert georgia.country == "USA" and georgia.kind == "admin1"
    [alone] = geocode(["Alexandria"])
    assert alone.country == "EGY"
    [qualified] = geocode(["Alexandria"], qualifiers=["Va."])
    assert qualified.country == "USA"
    tripoli, _ = geocode(["Tripoli", "Lebanon"])
    assert tripoli.country == "LBN"


@pytest.mark.parametrize("text, places", [
    ("Washington said on Wednesday it would send more air defence systems.", []),
    ("The Kremlin said the talks had been constructive.", []),
    ("London and Paris pledged new sanctions on Thursday.", []),
    ("The prime minister will travel to Paris next Monday for a summit on Ukraine.", ["FRA"]),
    ("Rescue teams searched the rubble in Kyiv on Monday.", ["UKR"]),
    ("Philippine boats came under fire near the Second Thomas Shoal on Saturday.", ["PHL"]),
    ("Police in Quetta and Karachi were placed on high alert.", ["PAK", "PAK"]),
    ("The army said it had repelled an attack on a base near Bamako on Monday.", ["MLI"]),
])
def test_places_in_sentences(nlp, text, places):
    from dotterel import code

    article = code(text, published="2024-03-14")
    assert [p.country for p in article.places] == places


def test_airport_codes_are_no_places():
    article = code('"He is guilty," Schiff said on CBS News. CNN and the BBC reported it from Kabul.',
                   published="2019-05-01")
    assert [p.name for p in article.places] == ["Kabul"]
