"""Place-kind groupings name only kinds a place can have, and nest as their names say."""

from __future__ import annotations

from strikemap import kinds
from strikemap.models import KINDS


def test_groupings_are_kinds() -> None:
    for name in kinds.__all__:
        assert set(getattr(kinds, name)) <= set(KINDS), name


def test_populated_kinds_run_largest_first() -> None:
    # The gazetteer build keeps the first of two merged records' kinds in this order.
    assert kinds.POPULATED_KINDS == ("city", "town", "village", "neighbourhood")
    assert set(kinds.POPULATED_KINDS[:3]) == kinds.LOCALITY_KINDS


def test_groupings_nest() -> None:
    assert kinds.LOCALITY_KINDS < kinds.POINT_KINDS
    assert kinds.AREA_KINDS < kinds.AREA_OR_SUBDISTRICT_KINDS < kinds.UNIT_KINDS
    assert kinds.POINT_KINDS.isdisjoint(kinds.UNIT_KINDS)
    assert kinds.TOO_WIDE_KINDS < kinds.COARSE_KINDS < kinds.UNIT_KINDS
    assert kinds.DISTRICT_OR_WIDER < kinds.ADMIN_KINDS < kinds.UNIT_KINDS
