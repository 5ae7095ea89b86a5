"""Nominatim's answers read as strikemap places: kind, score, the fields kept in the cache."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..geo import SYRIA_BBOX
from ..models import Place

MAX_ONLINE_SCORE = 85.0


# Nominatim's addresstype / type → our kinds. addresstype (how the object serves in addresses) is tried
# first, then type, then class-based rules in ``nominatim_kind``.
_KINDS = {
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
    "isolated_dwelling": "village",
    "farm": "village",
    "suburb": "neighbourhood",
    "quarter": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "city_block": "neighbourhood",
    "borough": "neighbourhood",
    "residential": "neighbourhood",
    "state": "admin1",
    "province": "admin1",
    "state_district": "admin2",
    "county": "admin2",
    "district": "admin2",
    "municipality": "admin3",
    "subdistrict": "admin3",
    "country": "country",
    "region": "region",
    "mountain_range": "region",
    "ridge": "region",
    "valley": "region",
    "plateau": "region",
    "plain": "region",
    "refugee_site": "camp",
    "camp": "camp",
}


_OSM_TYPES = {"n": "node", "w": "way", "r": "relation", "node": "node", "way": "way", "relation": "relation"}


# Fields kept in the cache: what ``place_from_nominatim`` reads, nothing more.
KEPT_FIELDS = (
    "lat",
    "lon",
    "osm_type",
    "osm_id",
    "name",
    "display_name",
    "class",
    "category",
    "type",
    "addresstype",
    "place_rank",
    "importance",
    "address",
)


_KEPT_NAMES = ("name", "name:en", "name:ar")


def _admin1(address: Mapping[str, Any]) -> str | None:
    state = address.get("state") or address.get("province")
    if not isinstance(state, str) or not state.strip():
        return None
    text = state.strip()
    for suffix in (" Governorate", " governorate"):
        text = text.removesuffix(suffix)
    return text.removeprefix("محافظة ").strip() or None


def nominatim_kind(record: Mapping[str, Any]) -> str:
    """Our ``kind`` for a Nominatim result, from its addresstype, type, class and place_rank."""
    for key in ("addresstype", "type"):
        value = record.get(key)
        if isinstance(value, str) and value in _KINDS:
            return _KINDS[value]
    osm_class = record.get("class") or record.get("category")
    if osm_class == "boundary" and record.get("type") == "administrative":
        try:
            rank = int(record.get("place_rank", 0))
        except (TypeError, ValueError):
            return "other"
        for ceiling, kind in ((4, "country"), (8, "admin1"), (12, "admin2"), (16, "admin3")):
            if 0 < rank <= ceiling:
                return kind
    if osm_class == "natural":
        return "region"
    return "other"


def online_score(rank: int, importance: Any) -> float:
    """0–100 from Nominatim's order and importance, capped at ``MAX_ONLINE_SCORE``."""
    weight = importance if isinstance(importance, (int, float)) and math.isfinite(importance) else 0.0
    weight = min(max(float(weight), 0.0), 1.0)
    return max(1.0, min(MAX_ONLINE_SCORE, 70.0 + 15.0 * weight - 5.0 * rank))


def place_from_nominatim(record: Mapping[str, Any]) -> Place | None:
    """A ``Place`` for one Nominatim JSON result; None when it is unusable or not in Syria."""
    try:
        lat = float(record["lat"])
        lon = float(record["lon"])
        osm_type = _OSM_TYPES[str(record["osm_type"]).lower()]
        osm_id = int(record["osm_id"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or not SYRIA_BBOX.contains(lat, lon):
        return None
    address = record.get("address")
    address = address if isinstance(address, Mapping) else {}
    country_code = address.get("country_code")
    if isinstance(country_code, str) and country_code.lower() != "sy":
        return None
    names = record.get("namedetails")
    names = names if isinstance(names, Mapping) else {}
    display = record.get("display_name")
    candidates = (
        names.get("name:en"),
        record.get("name"),
        names.get("name"),
        display.split(",")[0] if isinstance(display, str) else None,
    )
    name = next((c.strip() for c in candidates if isinstance(c, str) and c.strip()), None)
    if name is None:
        return None
    name_ar = names.get("name:ar")
    return Place(
        place_id=f"osm:{osm_type}/{osm_id}",
        name=name,
        lat=lat,
        lon=lon,
        kind=nominatim_kind(record),
        admin1=_admin1(address),
        name_ar=name_ar if isinstance(name_ar, str) and name_ar.strip() else None,
        names=tuple(dict.fromkeys(v for v in names.values() if isinstance(v, str) and v and v != name)),
        source="nominatim",
    )


def slim_record(record: Any) -> dict[str, Any] | None:
    """The part of a Nominatim result worth caching; None when it is not a JSON object."""
    if not isinstance(record, Mapping):
        return None
    kept = {key: record[key] for key in KEPT_FIELDS if key in record}
    names = record.get("namedetails")
    if isinstance(names, Mapping):
        kept["namedetails"] = {key: names[key] for key in _KEPT_NAMES if key in names}
    return kept
