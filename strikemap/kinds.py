"""Groupings of place kinds (``models.KINDS``): which kinds count as a locality, a point, an area.

Readers that ask "is this place a village or an area?" take the answer from here, so that the English
and the Arabic readers, the resolver and the pipeline agree.
"""

from __future__ import annotations

__all__ = ["ADMIN_KINDS", "AREA_KINDS", "AREA_OR_SUBDISTRICT_KINDS", "COARSE_KINDS", "DISTRICT_OR_WIDER",
           "LOCALITY_KINDS", "POINT_KINDS", "POPULATED_KINDS", "TOO_WIDE_KINDS", "UNIT_KINDS"]

# Settlements proper: a city, a town, a village (a district's namesake is one of these).
LOCALITY_KINDS = frozenset({"city", "town", "village"})
# Populated places, largest first (the gazetteer build keeps the larger kind of two merged records).
POPULATED_KINDS = ("city", "town", "village", "neighbourhood")
# Places small enough to be one point struck: a locality, or a camp or neighbourhood in or beside one.
POINT_KINDS = LOCALITY_KINDS | {"camp", "neighbourhood"}
# Areas that hold places struck and that reports name as their container ("Suran in northern Hama"):
# a governorate, a district, a named region ("southern Idlib countryside", "Sahl al-Ghab").
AREA_KINDS = frozenset({"admin1", "admin2", "region"})
# The areas with sub-districts too: the Arabic reader never takes a nahiya for the one place struck.
AREA_OR_SUBDISTRICT_KINDS = AREA_KINDS | {"admin3"}
# The administrative units: governorate, district, sub-district; and the two that a town's name can stand for.
ADMIN_KINDS = frozenset({"admin1", "admin2", "admin3"})
DISTRICT_OR_WIDER = frozenset({"admin1", "admin2"})
# Every kind that is an administrative unit, a region or a country rather than a place of its own.
UNIT_KINDS = AREA_OR_SUBDISTRICT_KINDS | {"country"}
# Places that locate a strike no better than a governorate or district does: geo_precision 3 (the English
# reader codes a named region by its size).
COARSE_KINDS = frozenset({"admin1", "admin2", "country"})
# Too wide to locate a strike by ("east of Idlib" names the city, never the governorate or a country).
TOO_WIDE_KINDS = frozenset({"admin1", "country"})
