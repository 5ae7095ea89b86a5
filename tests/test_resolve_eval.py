"""The resolver's evaluation: news-style spellings we wrote, each with the place it must find.

A query scores when its top match is in the expected governorate and within ``TOLERANCE_KM`` of the
expected point (the points are rounded by hand, so a few km of slack; an area's radius is added).
A context column is filled only for names two places share, as a report would give one. The full gazetteer must
reach 95 % top-1; the shipped default is measured and reported (it holds far fewer villages).
Run ``python -m pytest tests/test_resolve_eval.py -s`` to see the figures and the misses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from strikemap.gazetteer.lookup import Gazetteer
from strikemap.geo import haversine_km
from strikemap.resolver import resolve

EVAL_FILE = Path(__file__).parent / "eval" / "resolve_eval.tsv"
TOLERANCE_KM = 6.0
FULL_TARGET = 0.95
DEFAULT_FLOOR = 0.80


@dataclass(frozen=True)
class Case:
    query: str
    expected: str
    admin1: str
    lat: float
    lon: float
    context: str | None = None


def load_cases() -> list[Case]:
    cases = []
    for line in EVAL_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected, admin1, lat, lon, *context = line.split("\t")
        cases.append(Case(query, expected, admin1, float(lat), float(lon), context[0] if context else None))
    return cases


CASES = load_cases()
# Governorate names as each source spells them.
ADMIN1_ALIASES = {"Lattakia": {"Lattakia", "Latakia"}, "Idlib": {"Idlib", "Idleb"}}


def hit(case: Case, gazetteer: Gazetteer) -> tuple[bool, str]:
    matches = resolve(case.query, gazetteer=gazetteer, context=case.context, limit=1)
    if not matches:
        return False, "no match"
    place = matches[0].place
    # An area counts as found when the expected point lies inside its rough extent.
    km = haversine_km(case.lat, case.lon, place.lat, place.lon) - (place.radius_km or 0.0)
    admin_ok = place.admin1 in ADMIN1_ALIASES.get(case.admin1, {case.admin1})
    return km <= TOLERANCE_KM and admin_ok, f"{place.name} ({place.admin1}, {km:.1f} km, {matches[0].method})"


def score(gazetteer: Gazetteer) -> tuple[float, list[str]]:
    misses = []
    for case in CASES:
        ok, got = hit(case, gazetteer)
        if not ok:
            misses.append(f"{case.query!r}: want {case.expected} ({case.admin1}), got {got}")
    return 1 - len(misses) / len(CASES), misses


def test_the_evaluation_set_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({c.query for c in CASES}) == len(CASES), "a query appears twice"


@pytest.mark.shared
def test_full_gazetteer_top1(full_gazetteer: Gazetteer) -> None:
    top1, misses = score(full_gazetteer)
    print(f"\nfull gazetteer: top-1 {top1:.1%} of {len(CASES)}\n" + "\n".join(misses))
    assert top1 >= FULL_TARGET, "\n".join(misses)


def test_default_gazetteer_top1() -> None:
    top1, misses = score(Gazetteer.default())
    print(f"\ndefault gazetteer: top-1 {top1:.1%} of {len(CASES)}\n" + "\n".join(misses))
    assert top1 >= DEFAULT_FLOOR, "\n".join(misses)
