"""The admin units stage: governorates, districts and sub-districts as places (kinds ``admin1``..``admin3``).

Named by Open-Syria (with its aliases) or, without it, by OCHA; placed at Open-Syria's centroid or a
point on the unit's surface. Who's On First regions and counties add their names to the unit that
holds them when a name matches; without OCHA and Open-Syria they are the units themselves.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .admin_index import AdminIndex, set_admin
from .merge import same_name
from .sources.draft import Draft
from .sources.opensyria import OpenSyriaData


def _unit_draft(
    level: int, pcode: str, index: AdminIndex | None, opensyria: OpenSyriaData | None, rep: tuple[float, float] | None
) -> Draft | None:
    unit = opensyria.units.get(pcode) if opensyria else None
    if unit is None and rep is None:
        return None
    name = unit.name_en if unit else (index.names.get(pcode, (pcode, None))[0] if index else pcode)
    lat, lon = (unit.lat, unit.lon) if unit else rep  # type: ignore[misc]
    draft = Draft(
        place_id=f"ocha:{pcode}",
        name=name,
        lat=lat,
        lon=lon,
        kind=f"admin{level}",
        source="opensyria" if unit else "ocha-cod-ab",
        population=unit.population if unit else 0,
        gn_id=unit.gn_id if unit else None,
        pcode=pcode,
    )
    if unit:
        draft.add_names([*([unit.name_ar] if unit.name_ar else []), *unit.aliases])
    if index:
        ocha_name = index.names.get(pcode)
        if ocha_name:
            draft.add_names([n for n in ocha_name if n])
        set_admin(draft, pcode, index, level=level)
    elif unit:
        setattr(draft, f"admin{level}", unit.name_en)
        setattr(draft, f"admin{level}_pcode", pcode)
    return draft


def _representative_points(index: AdminIndex) -> dict[str, tuple[float, float]]:
    import shapely

    by_level: dict[str, list[Any]] = defaultdict(list)
    for code, geom in zip(index.codes, index.geoms, strict=True):
        for length in (4, 6, 8):
            by_level[code[:length]].append(geom)
    reps: dict[str, tuple[float, float]] = {}
    for code in sorted(by_level):
        geom = by_level[code][0] if len(by_level[code]) == 1 else shapely.union_all(by_level[code])
        point = shapely.point_on_surface(geom)
        reps[code] = (point.y, point.x)
    return reps


def admin_units(
    wof_admin: list[Draft], index: AdminIndex | None, opensyria: OpenSyriaData | None, used_ids: set[str]
) -> tuple[list[Draft], int]:
    """Admin units as places, WOF regions/counties folded in; returns them and how many WOF ones were dropped."""
    reps = _representative_points(index) if index is not None else {}
    codes = sorted(set(reps) | set(opensyria.units if opensyria else ()))
    units: dict[str, Draft] = {}
    for code in codes:
        draft = _unit_draft({4: 1, 6: 2, 8: 3}[len(code)], code, index, opensyria, reps.get(code))
        if draft is None:
            continue
        if draft.gn_id is not None and f"gn:{draft.gn_id}" not in used_ids:
            draft.place_id = f"gn:{draft.gn_id}"
        used_ids.add(draft.place_id)
        units[code] = draft
    dropped = 0
    codes_of_wof = index.locate([d.lat for d in wof_admin], [d.lon for d in wof_admin]) if index else []
    for i, wof in enumerate(wof_admin):
        length = 4 if wof.kind == "admin1" else 6
        found: str | None = codes_of_wof[i] if i < len(codes_of_wof) else None
        unit_code = found[:length] if found else None
        unit = units.get(unit_code) if unit_code else None
        if unit is not None and same_name(unit, wof):
            unit.absorb(wof)
        elif units:
            dropped += 1  # the admin sets are complete; a WOF unit that matches none is not one of them
        else:
            setattr(wof, wof.kind, wof.name)  # admin1 = its own name, etc.
            units[wof.place_id] = wof
    return list(units.values()), dropped
