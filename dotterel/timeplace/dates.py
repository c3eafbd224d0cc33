"""Dates: a DATE mention resolved against the publication date by our own patterns
(weekdays, month-day, "last week", "two days ago", months, years), with dateparser as a
gated fallback; the tense of the governing verb picks the past or the coming occurrence.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span

_DATE_ANCHOR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(1[89]|20)\d\d\b|\b(yesterday|today|tomorrow|tonight|last|next|this|ago|earlier|later|past)\b",
    re.IGNORECASE)

_DECADE = re.compile(r"\b\d{3}0s\b|\bdecades?\b|\bcentur", re.IGNORECASE)

FUTURE_LEMMAS = {"expect", "due", "set", "schedule", "plan", "slate", "poise", "intend", "aim"}
"""Verbs whose complement lies ahead: "is expected to arrive on Wednesday", "is set for May"."""


def future_tense(ent: Span) -> bool:
    """Is the date said of the future: "next Tuesday", "will meet on Friday", "due to vote"?"""
    if any(t.lower_ in ("next", "coming", "upcoming") for t in ent):
        return True
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    if first is not None and first.lower_ in ("until", "till"):
        return True
    if first is not None and first.lower_ == "through" and first.head.tag_ not in ("VBD", "VBN"):
        return True  # "a program to run through June", not "a session that ran through Tuesday"
    verbs = [t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX", "ADJ")][:3]
    if not verbs:
        return False
    verb = verbs[0]
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "wo")
           for c in verb.children):
        return True
    return any((v.lemma_ in FUTURE_LEMMAS and not any(c.dep_ == "prt" or c.lower_ == "had" for c in v.children))
               or v.lower_ in ("going", "about") for v in verbs)


def present_tense(ent: Span) -> bool:
    """Is the clause holding the date in the present ("Apple holds an event on October 12",
    "the vote is scheduled for May")? Past events are told in the past tense, so an unyeared
    month or day under a present-tense verb lies ahead."""
    verb = next((t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_ in ("say", "tell", "report", "announce"):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
               for c in verb.children)


MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": None, "few": None, "a few": None}

_M = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
     r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_Y = r"(?P<year>(?:1[89]|20)\d\d)"

_W = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_REL = r"(?P<rel>last|next|this|coming|past)"

_PART = r"(?P<part>early|mid|late|the (?:end|beginning|start|middle) of)"

_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_UNIT = r"(?P<unit>day|week|month|year)s?"

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in [
    ("iso", r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b"),
    ("mdy", rf"\b{_M}\s+{_D},?\s+{_Y}\b"),
    ("numeric", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)\b"),
    ("dmy", rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b"),
    ("my", rf"\b(?:{_PART}[\s-]+)?{_M},?\s+(?:of\s+)?{_Y}\b"),
    ("md", rf"\b{_M}\s+{_D}\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"\b{_D}\s+(?:of\s+)?{_M}\b"),
    ("ago", rf"\b{_N}\s+{_UNIT}\s+ago\b"),
    ("weekday", rf"\b(?:{_REL}\s+)?{_W}\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tonight|tomorrow|this morning|this afternoon|"
                r"this evening|last night|last evening)\b"),
    ("relunit", rf"\b(?:{_PART}[\s-]+|(?P<edge>earlier|later)\s+)?{_REL}\s+{_UNIT}\b"),
    ("month", rf"\b(?:{_PART}[\s-]+)?(?:{_REL}\s+)?{_M}\b"),
    ("year", rf"\b(?:{_PART}[\s-]+)?(?:the\s+year\s+)?{_Y}\b(?!s)"),
]]

_RELATIVE_TO_OTHER = re.compile(r"\b(later|earlier|after|before|since then|following|previous|prior)\b",
                                re.IGNORECASE)

_DURATION_WORD = re.compile(r"\b\d+[- ](day|week|month|year|hour|minute)s?[- ]old\b|"
                            r"\b(day|week|month|year)-long\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str
    granularity: str


def match_date(text: str, published: dt.date, *, future: bool = False) -> DateMatch | None:
    """Find and resolve the date expression in a DATE entity's text, or None.

    Our patterns cover what news uses (weekdays, month-day, deictic and relative words,
    "N days ago", months and years); they pick the expression out of an over-long entity
    ("Feb. 17 after weeks"). Durations ("two weeks", "the two-month mark", "45-year-old")
    and dates relative to another event ("a week later") match none and give None.
    """
    if _DURATION_WORD.search(text):
        return None
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                resolved = _resolve_match(kind, m, published, future)
            except (ValueError, OverflowError):  # beyond year 1 or 9999 ("yesterday" on 0001-01-01)
                resolved = None
            if resolved is not None:
                value, granularity = resolved
                if abs(value.year - published.year) > 200:
                    return None
                return DateMatch(m.start(), m.end(), value.isoformat(), granularity)
    return _dateparser_fallback(text, published, future)


def _resolve_match(kind: str, m: re.Match[str], pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    try:
        if kind == "iso":
            return dt.date(int(g["year"]), int(g["m"]), int(g["day"])), "day"
        if kind == "numeric":  # US order, as in the English-language press
            year = int(g["year"])
            year += 0 if year >= 100 else (2000 if year <= pub.year % 100 + 1 else 1900)
            return dt.date(year, int(g["m"]), int(g["day"])), "day"
        if kind in ("mdy", "dmy"):
            return dt.date(int(g["year"]), MONTHS[g["month"]], int(g["day"])), "day"
        if kind == "my":
            return dt.date(int(g["year"]), MONTHS[g["month"]], 1), "month"
        if kind in ("md", "dm"):
            return _infer_year(pub, MONTHS[g["month"]], int(g["day"]), future), "day"
    except ValueError:
        return None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBERS.get(g["n"])
        if not n:
            return None
        unit = g["unit"]
        if unit == "day":
            return pub - dt.timedelta(days=n), "day"
        if unit == "week":
            back = pub - dt.timedelta(weeks=n)
            return back - dt.timedelta(days=back.weekday()), "week"
        if unit == "month":
            return _add_months(pub, -n), "month"
        return dt.date(pub.year - n, 1, 1), "year"
    if kind == "weekday":
        return _weekday(pub, WEEKDAYS[g["weekday"]], g["rel"], future), "day"
    if kind == "deictic":
        word = g["word"]
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1, "last evening": -1}.get(word, 0)
        return pub + dt.timedelta(days=shift), "day"
    if kind == "relunit":
        rel, unit = g["rel"], g["unit"]
        if rel == "past":
            return None  # "the past week" is a stretch of time, not a date
        step = {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "day":
            return None
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            return monday + dt.timedelta(weeks=step), "week"
        if unit == "month":
            return _add_months(pub, step), "month"
        return dt.date(pub.year + step, 1, 1), "year"
    if kind == "month":
        month, rel = MONTHS[g["month"]], g["rel"]
        if rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel in ("next", "coming"):
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == "this":
            year = pub.year
        elif rel == "past":
            return None
        else:
            year = _infer_year(pub, month, 1, future, whole_month=True).year
        return dt.date(year, month, 1), "month"
    if kind == "year":
        return dt.date(int(g["year"]), 1, 1), "year"
    return None


def _infer_year(pub: dt.date, month: int, day: int, future: bool, *, whole_month: bool = False) -> dt.date:
    """A month (and day) without a year: the most recent one, or the coming one in future tense."""
    this = dt.date(pub.year, month, day)
    if whole_month:
        if future:
            return this if month >= pub.month else dt.date(pub.year + 1, month, day)
        return this if month <= pub.month else dt.date(pub.year - 1, month, day)
    if future:
        return this if this >= pub else dt.date(pub.year + 1, month, day)
    return this if this <= pub else dt.date(pub.year - 1, month, day)


def _weekday(pub: dt.date, weekday: int, rel: str | None, future: bool) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel == "last":
        return pub - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return pub + dt.timedelta(days=ahead or 7)
    if future:
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, 1)


def _dateparser_fallback(text: str, published: dt.date, future: bool) -> DateMatch | None:
    """dateparser for the forms our patterns miss ("3/14/2024"), behind a strict gate."""
    if not _DATE_ANCHOR.search(text) or _DECADE.search(text) or _RELATIVE_TO_OTHER.search(text) or \
            re.search(r"\b(past|recent|several|few|coming)\b", text, re.IGNORECASE):
        return None
    cleaned = re.sub(r"^(?:the|on|in|since|by|until|from)\s+", "", text.strip(), flags=re.I)
    try:
        data = _date_parser(published, "future" if future else "past").get_date_data(cleaned)
    except (ValueError, OverflowError):  # relative to a published date at the ends of the calendar
        return None
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    day = data.date_obj.date()
    if data.period == "year":
        day = day.replace(month=1, day=1)
    elif data.period == "month":
        day = day.replace(day=1)
    if abs(day.year - published.year) > 200:
        return None
    offset = text.find(cleaned)
    return DateMatch(offset, offset + len(cleaned), day.isoformat(), data.period)


def resolve_date(text: str, published: dt.date, *, future: bool = False) -> tuple[str, str] | None:
    """Resolve a date expression to (YYYY-MM-DD, granularity), or None for durations and vague ones."""
    found = match_date(text, published, future=future)
    return (found.value, found.granularity) if found else None


@functools.lru_cache(maxsize=64)
def _date_parser(published: dt.date, prefer: str):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12))
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first"})
