"""Dates resolved against publication; places from the offline gazetteer."""
import datetime as dt

import pytest

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
