"""The merge stage: one record per place out of records of several sources.

* ``merge_geonames``: GeoNames records join the Who's On First record of the same GeoNames id, new
  ones are added;
* ``dedup``: copies of one village (WOF keeps GeoNames and Quattroshapes records of the same place)
  are merged when their names fold to the same key, they lie within ``DUPLICATE_KM`` and in one
  sub-district; the record with a GeoNames id wins and takes the others' names. Homonyms in other
  sub-districts stay apart;
* ``merge_shipped``: the shipped default gazetteer's curated areas and camps (admin fields
  recomputed), countries and world capitals join; its Syrian records lend their news spelling and kind
  to the full record they duplicate.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ..kinds import POPULATED_KINDS
from ..spelling import skeleton_key, variant_key
from .admin_index import AdminIndex, assign_admin
from .fileformat import GazetteerData
from .sources.draft import Draft
from .sources.geonames import GeoNamesData

DUPLICATE_KM = 2.0
SOURCE_RANK = {"whosonfirst": 0, "geonames": 1}
_SETTLEMENT_RANK = {"village": 0, "town": 1, "city": 2}


def haversine_km(a: Draft, b: Draft) -> float:
    """Great-circle distance between two drafts."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def merge_geonames(drafts: list[Draft], geonames: GeoNamesData | None) -> list[Draft]:
    """GeoNames places merged into the drafts of the same GeoNames id; the others added."""
    if geonames is None:
        return drafts
    by_gn = {d.gn_id: d for d in drafts if d.gn_id is not None}
    for gn in geonames.places:
        if gn.gn_id is None:
            continue
        existing = by_gn.get(gn.gn_id)
        if existing is not None:
            existing.absorb(gn)
            if existing.kind in POPULATED_KINDS and gn.kind in POPULATED_KINDS and existing.kind != "neighbourhood":
                existing.kind = max((existing, gn), key=lambda d: d.population).kind
        else:
            drafts.append(gn)
            by_gn[gn.gn_id] = gn
    return drafts


def _priority(d: Draft) -> tuple[int, int, int, str]:
    return (0 if d.gn_id is not None else 1, -d.population, SOURCE_RANK.get(d.source, 9), d.place_id)


def dedup(drafts: list[Draft]) -> tuple[list[Draft], dict[str, str]]:
    """Merge copies of one place; returns the kept drafts and ``{dropped id: kept id}``."""
    groups: dict[tuple[str, str], list[Draft]] = defaultdict(list)
    for d in drafts:
        if d.kind not in POPULATED_KINDS or d.admin3_pcode is None:
            continue
        for key in {variant_key(d.name), *(variant_key(n) for n in d.names[:1])}:
            if key:
                groups[(d.admin3_pcode, key)].append(d)
    merged_into: dict[str, str] = {}
    by_id = {d.place_id: d for d in drafts}
    for group_key in sorted(groups):
        members = sorted(groups[group_key], key=_priority)
        kept: list[Draft] = []
        for d in members:
            if d.place_id in merged_into:
                continue
            target = next((k for k in kept if haversine_km(k, d) <= DUPLICATE_KM), None)
            if target is None:
                kept.append(d)
                continue
            while target.place_id in merged_into:
                target = by_id[merged_into[target.place_id]]
            if target is d:
                continue
            target.absorb(d)
            if d.kind != "neighbourhood" and target.kind != "neighbourhood":
                target.kind = min((target.kind, d.kind), key=POPULATED_KINDS.index)
            merged_into[d.place_id] = target.place_id
    return [d for d in drafts if d.place_id not in merged_into], merged_into


def _keys(d: Draft) -> set[str]:
    names = [d.name, *d.names]
    return {variant_key(n) for n in names} | {skeleton_key(n) for n in names if len(skeleton_key(n)) >= 3}


def same_name(a: Draft, b: Draft) -> bool:
    """Whether two drafts share a variant key, or a skeleton of three letters or more."""
    return bool(_keys(a) & _keys(b))


def merge_shipped(
    data: GazetteerData, drafts: list[Draft], merged_into: dict[str, str], index: AdminIndex | None
) -> list[Draft]:
    """The shipped default's curated areas and camps, countries and world capitals, new to ``drafts``."""
    by_id = {d.place_id: d for d in drafts}
    out: list[Draft] = []
    for place in data.places:
        if place.place_id.startswith("curated:"):
            draft = Draft.from_place(place)
            if draft.country == "SY" and index is not None:
                for attr in ("admin1", "admin2", "admin3", "admin1_pcode", "admin2_pcode", "admin3_pcode"):
                    setattr(draft, attr, None)
            out.append(draft)
        elif place.country != "SY":
            # Countries, capitals and border towns (Reyhanli, Kilis): actors and cross-border places.
            out.append(Draft.from_place(place))
        else:
            target = by_id.get(merged_into.get(place.place_id, place.place_id))
            if target is not None:
                _take_default(target, Draft.from_place(place))
    curated_sy = [d for d in out if d.country == "SY" and d.place_id.startswith("curated:")]
    assign_admin(curated_sy, index)
    return [d for d in out if d.place_id not in by_id]


def _take_default(target: Draft, default: Draft) -> None:
    """Merge a shipped-default record into the full one it duplicates.

    The default's display name, when plain ASCII, is the news spelling its curators chose ("Maarat
    al-Numan", not "Ma`arrat an Nu`man"), and its kind comes from populations Who's On First often lacks: both win.
    """
    old_name = target.name
    target.absorb(default)
    if target.kind in _SETTLEMENT_RANK and default.kind in _SETTLEMENT_RANK:
        if _SETTLEMENT_RANK[default.kind] > _SETTLEMENT_RANK[target.kind]:
            target.kind = default.kind
        if default.name.isascii():  # a plain news spelling, not GeoNames' "Şūrān"
            target.name = default.name
            target.add_names([old_name])
