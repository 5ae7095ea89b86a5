"""Compass directions as reports write them, in English and Arabic: one table, and the word sets read from it.

A direction word says where in an area a place lies ("southern Idlib", "ريف إدلب الجنوبي") or locates a
strike relative to a reference point ("east of Idlib city", "شرق"). Every reader that knows such words
takes them from ``CARDINALS`` and ``INTERCARDINALS`` here; where one needs a reduced set, it is derived
below under a name saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

__all__ = [
    "AREA_PART_ALTERNATION",
    "AREA_PART_WORDS",
    "CARDINALS",
    "CARDINAL_ALTERNATION",
    "CARDINAL_PATTERN",
    "CARDINAL_WORDS",
    "CARDINAL_WORDS_AR",
    "DIRECTIONS",
    "DIRECTION_WORDS_AR",
    "EAST_WEST",
    "EAST_WEST_ALTERNATION",
    "INTERCARDINALS",
    "INTERCARDINAL_PATTERN",
    "INTERCARDINAL_SOLID_ADJECTIVES",
    "NORTH_SOUTH",
    "Direction",
]


@dataclass(frozen=True, slots=True)
class Direction:
    """One compass direction: its English noun and adjective, its Arabic noun, adjective and definite adjective."""

    noun: str  # "north", "north-west"
    adjective: str  # "northern", "north-western"
    noun_ar: str  # "شمال", "شمال غرب"
    adjective_ar: str  # "شمالي", "شمال غربي"
    definite_ar: str  # "الشمالي", "الشمالي الغربي" (after a definite noun: "ريف إدلب الشمالي")


def _cardinal(noun: str, noun_ar: str) -> Direction:
    return Direction(noun, noun + "ern", noun_ar, noun_ar + "ي", "ال" + noun_ar + "ي")


# North and south first: an intercardinal is spelled north/south then east/west, in both languages.
NORTH_SOUTH = (_cardinal("north", "شمال"), _cardinal("south", "جنوب"))
EAST_WEST = (_cardinal("east", "شرق"), _cardinal("west", "غرب"))
CARDINALS: tuple[Direction, ...] = (*NORTH_SOUTH, *EAST_WEST)
INTERCARDINALS: tuple[Direction, ...] = tuple(
    Direction(f"{a.noun}-{b.noun}", f"{a.noun}-{b.adjective}", f"{a.noun_ar} {b.noun_ar}",
              f"{a.noun_ar} {b.adjective_ar}", f"{a.definite_ar} {b.definite_ar}")
    for a, b in product(NORTH_SOUTH, EAST_WEST)
)
DIRECTIONS: tuple[Direction, ...] = (*CARDINALS, *INTERCARDINALS)

# The four cardinal nouns and adjectives ("north", "northern"): what a word before a name that says which
# part of an area is meant starts with; intercardinals are read as a cardinal and more.
CARDINAL_WORDS = frozenset(w for d in CARDINALS for w in (d.noun, d.adjective))
# Words that say which part of an area a name means ("southern Idlib", "rural Hama"): the cardinal words,
# and the two parts that are no compass direction.
AREA_PART_WORDS = CARDINAL_WORDS | {"central", "rural"}

# Regex alternations of the cardinal nouns ("north|south|east|west"), and of the nouns an intercardinal
# ends with ("east|west"): a pattern using them matches the adjective as the noun and "ern".
CARDINAL_ALTERNATION = "|".join(d.noun for d in CARDINALS)
EAST_WEST_ALTERNATION = "|".join(d.noun for d in EAST_WEST)
# ``AREA_PART_WORDS`` as the start of a word ("southern", "rural"), for a pattern that takes the rest with it.
AREA_PART_ALTERNATION = CARDINAL_ALTERNATION + "|central|rural"
# Each cardinal, noun or adjective ("north(?:ern)?"); each intercardinal, spelled "north-west", "north west",
# "northwest", noun or adjective.
CARDINAL_PATTERN = "|".join(f"{d.noun}(?:ern)?" for d in CARDINALS)
INTERCARDINAL_PATTERN = "|".join(f"{d.noun}[- ]?(?:{EAST_WEST_ALTERNATION})(?:ern)?" for d in NORTH_SOUTH)
# The solid spelling of the intercardinal adjectives ("northwestern"): a tokenizer splits the hyphenated one.
INTERCARDINAL_SOLID_ADJECTIVES = frozenset(d.adjective.replace("-", "") for d in INTERCARDINALS)

# Every Arabic noun and adjective of a direction ("شمال", "شمالي", "شمال غرب", "شمال غربي"), cardinals first.
DIRECTION_WORDS_AR: tuple[str, ...] = tuple(
    getattr(d, attr) for group in (CARDINALS, INTERCARDINALS) for attr in ("noun_ar", "adjective_ar") for d in group
)
# The cardinal words of Arabic prose, bare and definite ("شمال", "شمالي", "الشمالي"): common words, not names.
CARDINAL_WORDS_AR = frozenset(w for d in CARDINALS for w in (d.noun_ar, d.adjective_ar, d.definite_ar))
