"""Place-kind groupings name only kinds a place can have, and nest as their names say."""

from __future__ import annotations

from strikemap import kinds
from strikemap.models import KINDS


def test_groupings_are_kinds() -> None:
    for name in kinds.__all__:
        assert getattr(kinds, name) <= set(KINDS), name


def test_groupings_nest() -> None:
    assert kinds.LOCALITY_KINDS < kinds.POINT_KINDS
    assert kinds.AREA_KINDS < kinds.AREA_OR_SUBDISTRICT_KINDS < kinds.UNIT_KINDS
    assert kinds.POINT_KINDS.isdisjoint(kinds.UNIT_KINDS)
    assert kinds.TOO_WIDE_KINDS < kinds.COARSE_KINDS < kinds.UNIT_KINDS
