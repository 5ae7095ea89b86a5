"""English date reading and the day arithmetic shared with the Arabic reader."""

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikemap import dates
from strikemap.dates import (
    day_or_none,
    find_date,
    iso_date,
    latest_day_not_after,
    parse_date,
    publication_date,
    weekday_on_or_before,
)
from strikemap.text import _TO_ASCII_CASE, case_folded

WORDS = ["on Monday", "Tuesday", "yesterday", "today", "overnight", "last night", "this morning", "May 5",
         "5 August", "in mid-March", "in early June", "in August", "last week", "earlier this month",
         "in recent days", "over the past weeks", "SUNDAY", "\u017funday", "\u0130n May", "\u0131n june", "12",
         "Jets", "struck", "the", "town", ",", ".", "In", "MAY", "Sept.", "\u212a", "Saturday"]
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "-", ""])
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=10).map(
    lambda parts: "".join(w + s for w, s in parts))


def _may_name_date(text: str) -> bool:
    return dates._DATE_WORD.search(case_folded(text)) is not None


def test_case_folding_holds_every_character_ignorecase_reads_as_ascii() -> None:
    # Every code point re.I matches to an ASCII letter is lowered to it, or translated by _TO_ASCII_CASE.
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.compile(letter, re.I).finditer(everything):
            assert case_folded(m.group()) == letter, m.group()
    assert all(k >= 128 for k in _TO_ASCII_CASE)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_date_word_check_passes_whatever_the_phrase_matches(text: str) -> None:
    if dates._DATE_PHRASE.search(text):
        assert _may_name_date(text), text


@settings(max_examples=300, deadline=None)
@given(st.from_regex(dates._DATE_PHRASE))
def test_the_date_word_check_passes_text_made_from_the_phrase(text: str) -> None:
    if dates._DATE_PHRASE.search(text):
        assert _may_name_date(text), text


@pytest.mark.parametrize(
    ("sentence", "want"),
    [("Jets struck on Monday.", (True, dt.date(2019, 5, 6))), ("Jets struck on Tuesday.", (True, dt.date(2019, 5, 7))),
     ("Shelling overnight.", (True, dt.date(2019, 5, 7))), ("Jets struck yesterday.", (True, dt.date(2019, 5, 6))),
     ("Jets struck on May 5, 2019.", (True, dt.date(2019, 5, 5))), ("A strike in August.", (True, None)),
     ("Talks last week.", (True, None)), ("Jets struck Ariha.", (False, None))],
)
def test_find_date(sentence: str, want: tuple[bool, dt.date | None]) -> None:
    assert find_date(sentence, dt.date(2019, 5, 7)) == want


def test_day_helpers() -> None:
    assert day_or_none(2019, 2, 29) is None
    assert latest_day_not_after(dt.date(2020, 1, 10), 1, 3) == dt.date(2020, 1, 3)
    assert latest_day_not_after(dt.date(2020, 1, 10), 12, 28) == dt.date(2019, 12, 28)
    assert latest_day_not_after(dt.date(2019, 3, 1), 2, 29) is None
    base = dt.date(2019, 5, 7)  # a Tuesday
    assert [weekday_on_or_before(base, wd) for wd in range(7)] == [base - dt.timedelta(days=d)
                                                                   for d in (1, 0, 6, 5, 4, 3, 2)]


def test_iso_and_phrase_dates() -> None:
    assert iso_date("2019-05-07") == dt.date(2019, 5, 7)
    assert iso_date("May 7") is None
    assert parse_date("7 May 2019", None) == dt.date(2019, 5, 7)
    assert parse_date("May 7", None) is None
    assert publication_date("IDLIB, May 7 (Wire) — Jets.", dt.date(2019, 5, 9)) == dt.date(2019, 5, 7)
