"""Dates in English report text, and the day arithmetic every date reader shares.

``find_date`` reads the date phrase of one sentence ("on Tuesday", "May 5", "yesterday", "in August") as
``(says_when, day)``, a day read relative to the publication date ``base``; ``publication_date`` reads
the dateline's date; ``parse_date`` reads one full or partial date ("May 7, 2019", "7 May"); ``iso_date``
reads ``YYYY-MM-DD``; ``mask_dates`` blanks out dates, times and years, which are never death tolls. The
Arabic date words live in ``arabic.dates``, which counts days with the helpers here (``day_or_none``,
``latest_day_not_after``, ``weekday_on_or_before``).
"""

from __future__ import annotations

import datetime as dt
import re

from .text import DATELINE, case_folded

__all__ = [
    "WEEKDAYS",
    "day_or_none",
    "find_date",
    "iso_date",
    "latest_day_not_after",
    "mask_dates",
    "parse_date",
    "publication_date",
    "weekday_on_or_before",
]

_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# Python's weekday numbers (Monday 0) index the names.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_PHRASE = re.compile(
    rf"\b(?P<abs>{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?)\b|"
    r"\b(?:on|last|this|early\s+on|late\s+on|since)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b|\b(?P<rel>yesterday|today|overnight|last\s+night|this\s+morning)\b|"
    # A month without a day, or a vague past: the day is unknown, and later sentences do not inherit one.
    rf"\b(?P<vague>in\s+(?:early\s+|late\s+|mid-?)?{_MONTHS}\b(?!\.?\s+\d)|(?:late\s+|early\s+)?last\s+(?:week|month)|"
    r"earlier\s+this\s+(?:week|month)|in\s+recent\s+(?:days|weeks)|over\s+the\s+past\s+(?:days|weeks))", re.I)
# Each branch of ``_DATE_PHRASE`` needs one of these: a digit, a weekday or "yesterday"/"today" (day), "overnight"
# or "last night", "this morning", a week, a month, or "in <month>" (the first letters of each of ``_MONTHS``).
# Looked for in ``text.case_folded`` text, without re.IGNORECASE: a sentence holding none names no date.
_DATE_WORD = re.compile(r"\d|day|night|morning|week|month|in\s+(?:early\s+|late\s+|mid-?)?"
                        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")

# The month names as written, full names then abbreviations, for ``mask_dates``: read case-sensitively, where
# the date phrases' ``_MONTHS`` are read with re.IGNORECASE.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
# Numbers that are dates, times or years, never tolls: "killed Friday (July 22)", "on 22 July", "at 10:30".
_DATE_NUMBERS = re.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b\.?|\b(?:19|20)\d{2}\b"
)


def mask_dates(text: str) -> str:
    """``text`` with its dates, times and years blanked out (same length, so offsets hold).

    >>> mask_dates("killed Friday (July 22) at 10:30, in 2019")
    'killed Friday (       ) at      , in     '
    """
    return _DATE_NUMBERS.sub(lambda m: " " * len(m.group()), text)


# Full dates in the forms wire copy uses, read without dateparser (which takes milliseconds a call).
_FULL_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def day_or_none(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None when there is no such day (31 February).

    >>> day_or_none(2020, 2, 29), day_or_none(2019, 2, 29)
    (datetime.date(2020, 2, 29), None)
    """
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def latest_day_not_after(base: dt.date, month: int, day: int) -> dt.date | None:
    """The day and month given without a year: in ``base``'s year, else the year before when that is later.

    A report does not announce strikes to come. None when ``base``'s year has no such day.

    >>> latest_day_not_after(dt.date(2020, 1, 10), 12, 28)
    datetime.date(2019, 12, 28)
    """
    found = day_or_none(base.year, month, day)
    if found is not None and found > base:
        found = day_or_none(base.year - 1, month, day)
    return found


def weekday_on_or_before(base: dt.date, weekday: int) -> dt.date:
    """The latest day not after ``base`` that falls on ``weekday`` (Monday 0): ``base`` itself on its own weekday.

    >>> weekday_on_or_before(dt.date(2019, 5, 7), 0)
    datetime.date(2019, 5, 6)
    """
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def iso_date(value: str) -> dt.date | None:
    """``value`` read as an ISO date (``YYYY-MM-DD``), or None when it is not one.

    >>> iso_date("2019-05-07"), iso_date("7 May 2019")
    (datetime.date(2019, 5, 7), None)
    """
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_date(phrase: str, base: dt.date | None) -> dt.date | None:
    """The day a date phrase names ("May 7, 2019", "7 May"), a phrase without a year read relative to ``base``.

    >>> parse_date("May 7, 2019", None)
    datetime.date(2019, 5, 7)
    """
    cleaned = " ".join(phrase.replace(".", " ").split())
    for fmt in _FULL_DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    import dateparser  # slow to import and to call; only phrases the fast path cannot read reach it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    elif not re.search(r"\d{4}", phrase):
        return None
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def find_date(sentence: str, base: dt.date | None) -> tuple[bool, dt.date | None]:
    """Whether ``sentence`` says when, and the day it names relative to ``base`` (the publication date).

    A month without a day ("in August") or a vague past ("last week") says when, but not the day.

    >>> find_date("Jets struck on Monday.", dt.date(2019, 5, 7))
    (True, datetime.date(2019, 5, 6))
    >>> find_date("A similar strike in August killed dozens.", dt.date(2019, 9, 16))
    (True, None)
    """
    m = _DATE_PHRASE.search(sentence) if _DATE_WORD.search(case_folded(sentence)) else None
    if not m:
        return False, None
    if m.group("vague"):
        return True, None
    if m.group("abs"):
        return True, parse_date(m.group("abs"), base)
    if base is None:
        return True, None
    if m.group("wd"):
        return True, weekday_on_or_before(base, WEEKDAYS.index(m.group("wd").lower()))
    rel = m.group("rel").lower()
    return True, base - dt.timedelta(days=1) if rel in ("yesterday", "last night") else base


def publication_date(text: str, pub_date: dt.date | None) -> dt.date | None:
    """The dateline's date (read relative to ``pub_date`` when it has no year), else ``pub_date``."""
    m = DATELINE.match(text)
    if m and m.group("date"):
        found = parse_date(m.group("date"), pub_date)
        if found:
            return found
    return pub_date
