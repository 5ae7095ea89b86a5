"""The one table of direction words and the sets and patterns read from it."""

from __future__ import annotations

import re

from strikemap.directions import (
    AREA_PART_WORDS,
    CARDINAL_PATTERN,
    CARDINAL_WORDS_AR,
    DIRECTION_WORDS_AR,
    DIRECTIONS,
    INTERCARDINAL_PATTERN,
    INTERCARDINAL_SOLID_ADJECTIVES,
)


def test_the_table_spells_each_direction_in_both_languages() -> None:
    by_noun = {d.noun: d for d in DIRECTIONS}
    assert len(by_noun) == 8
    assert by_noun["north-west"].adjective == "north-western"
    assert by_noun["north-west"].noun_ar == "شمال غرب"
    assert by_noun["north-west"].adjective_ar == "شمال غربي"
    assert by_noun["south-east"].definite_ar == "الجنوبي الشرقي"
    assert by_noun["east"].definite_ar == "الشرقي"


def test_word_sets() -> None:
    assert {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                               "central", "rural"} == AREA_PART_WORDS
    assert {"northeastern", "northwestern", "southeastern", "southwestern"} == INTERCARDINAL_SOLID_ADJECTIVES
    assert len(DIRECTION_WORDS_AR) == len(set(DIRECTION_WORDS_AR)) == 16
    assert {"شمال", "شمالي", "الشمالي"} <= CARDINAL_WORDS_AR and len(CARDINAL_WORDS_AR) == 12


def test_patterns_match_every_spelling() -> None:
    cardinal = re.compile(rf"(?:{CARDINAL_PATTERN})\Z")
    intercardinal = re.compile(rf"(?:{INTERCARDINAL_PATTERN})\Z")
    for d in DIRECTIONS:
        words = (d.noun, d.adjective)
        pattern = cardinal if "-" not in d.noun else intercardinal
        for w in words:
            for spelled in {w, w.replace("-", " "), w.replace("-", "")}:
                assert pattern.match(spelled), spelled
