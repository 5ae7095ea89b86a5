"""Building the full gazetteer from public sources a user has downloaded.

Stages, in order (each reports a count to ``progress``):

1. read: Who's On First localities, neighbourhoods, regions and counties (``sources_wof``), GeoNames
   (``sources_geonames``) merged into WOF by GeoNames id, new ones added;
2. admin: every place gets its sub-district by point-in-polygon in OCHA's ADM3 polygons (nearest
   polygon within ``NEAR_DEG`` for points just off a coast or border), hence admin1/admin2/admin3
   names and P-codes;
3. dedup: copies of one village (WOF keeps GeoNames and Quattroshapes records of the same place)
   are merged when their names fold to the same key, they lie within ``DUPLICATE_KM`` and in one
   sub-district; the record with a GeoNames id wins and takes the others' names. Homonyms in other
   sub-districts stay apart;
4. admin units: governorates, districts and sub-districts as places (kinds ``admin1``..``admin3``),
   named by Open-Syria (with its aliases) or, without it, by OCHA; WOF regions and counties add
   their names to the matching unit;
5. curated: the shipped default gazetteer's ``curated:`` areas and camps (admin fields recomputed)
   and its countries and world capitals;
6. boundaries: admin3 polygons, dissolved into admin2 and admin1, simplified.

Kinds of populated places: ``city`` from 100,000 people, ``town`` from 10,000, else ``village``
(population from WOF or GeoNames); GeoNames ``PPLX`` and WOF neighbourhoods are ``neighbourhood``.

The whole gazetteer is built in memory and written once, atomically: a failing build leaves no
file. The same inputs give byte-identical output.
"""

from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import GazetteerError, NotFoundError, SourceError
from ..models import Place
from ..spelling import fold, skeleton_key, variant_key
from .fileformat import GazetteerData, read_gazetteer, write_gazetteer
from .sources.draft import Draft, Progress
from .sources.geonames import GeoNamesData, read_geonames
from .sources.ocha import OchaData, read_ocha
from .sources.opensyria import OpenSyriaData, read_opensyria
from .sources.whosonfirst import WofData, read_whosonfirst

DUPLICATE_KM = 2.0
NEAR_DEG = 0.02  # about 2 km: points just outside a coastline or border polygon
SIMPLIFY_DEG = {1: 0.002, 2: 0.002, 3: 0.001}
POPULATED = ("city", "town", "village", "neighbourhood")
SOURCE_RANK = {"whosonfirst": 0, "geonames": 1}

SOURCES = {
    "whosonfirst": {
        "title": "Who's On First, Syria (whosonfirst-data-admin-sy)",
        "license": "CC0 1.0; GeoNames- and Quattroshapes-derived properties CC BY (see LICENSE.md in the archive)",
        "url": "https://github.com/whosonfirst-data/whosonfirst-data-admin-sy",
    },
    "ocha-cod-ab": {
        "title": "UN OCHA Syria sub-district boundaries (COD-AB, via the HNO microsite / HDX)",
        "license": "CC BY 3.0 IGO",
        "url": "https://data.humdata.org/dataset/cod-ab-syr",
    },
    "opensyria": {
        "title": "Open-Syria data-geography: governorates, districts, sub-districts",
        "license": "CC BY 4.0",
        "url": "https://github.com/Open-Syria/data-geography",
    },
    "geonames": {
        "title": "GeoNames country dump SY",
        "license": "CC BY 4.0",
        "url": "https://download.geonames.org/export/dump/SY.zip",
    },
}


@dataclass
class BuildReport:
    """What a build wrote: counts by kind and governorate, merges, warnings."""

    output: Path
    places: int
    boundaries: int
    by_kind: dict[str, int]
    by_admin1: dict[str, int]
    merged_duplicates: int = 0
    dropped_records: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class _AdminIndex:
    """OCHA sub-district polygons with an STRtree, and names for every P-code level."""

    codes: list[str]
    geoms: list[Any]
    tree: Any
    names: dict[str, tuple[str, str | None]]

    def locate(self, lats: Sequence[float], lons: Sequence[float]) -> list[str | None]:
        """The sub-district P-code of each point (None when none is within ``NEAR_DEG``)."""
        import numpy as np
        import shapely

        if not lats:
            return []
        points: Any = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        found: dict[int, int] = {}
        point_idx, geom_idx = self.tree.query(points, predicate="intersects")
        for p, g in zip(point_idx.tolist(), geom_idx.tolist(), strict=True):
            # On a shared edge the lower P-code wins, so the choice does not depend on tree order.
            if p not in found or g < found[p]:
                found[p] = g
        missing = [i for i in range(len(points)) if i not in found]
        if missing:
            near_p, near_g = self.tree.query_nearest(points[missing], max_distance=NEAR_DEG, all_matches=True)
            for p, g in zip(near_p.tolist(), near_g.tolist(), strict=True):
                i = missing[p]
                if i not in found or g < found[i]:
                    found[i] = g
        return [self.codes[found[i]] if i in found else None for i in range(len(points))]


def _haversine_km(a: Draft, b: Draft) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _admin_index(ocha: OchaData, opensyria: OpenSyriaData | None) -> _AdminIndex:
    import shapely
    from shapely.geometry import shape

    codes = list(ocha.units)
    geoms = []
    for code in codes:
        try:
            parts = [shape(g) for g in ocha.units[code].geometries]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SourceError(f"OCHA sub-district {code}: invalid polygon ({exc})") from exc
        geom = shapely.union_all([shapely.make_valid(p) for p in parts]) if len(parts) > 1 else parts[0]
        geoms.append(shapely.make_valid(geom) if not geom.is_valid else geom)
    names: dict[str, tuple[str, str | None]] = {}
    for code, unit in ocha.units.items():
        names[code] = (unit.name_en or code, unit.name_ar)
        if unit.admin1_en and code[:4] not in names:
            names[code[:4]] = (unit.admin1_en, unit.admin1_ar)
    for code6 in sorted({c[:6] for c in codes}):
        if code6 in names:
            continue
        unit = ocha.units.get(code6 + "00") or ocha.units[min(c for c in codes if c.startswith(code6))]
        names[code6] = (unit.admin2_en or unit.name_en or code6, unit.admin2_ar or unit.name_ar)
    if opensyria:
        for code, admin in opensyria.units.items():
            if len(code) < 8 or code not in names:  # OCHA's own names for sub-districts
                names[code] = (admin.name_en, admin.name_ar)
    return _AdminIndex(codes=codes, geoms=geoms, tree=shapely.STRtree(geoms), names=names)


def _set_admin(draft: Draft, pcode: str | None, index: _AdminIndex, *, level: int = 3) -> None:
    if pcode is None:
        return
    for lvl, length in ((1, 4), (2, 6), (3, 8)):
        if lvl > level:
            break
        code = pcode[:length]
        name = index.names.get(code, (None, None))[0]
        setattr(draft, f"admin{lvl}", name)
        setattr(draft, f"admin{lvl}_pcode", code)


def _assign(drafts: Sequence[Draft], index: _AdminIndex | None) -> int:
    """Point-in-polygon admin fields for every Syrian draft; returns how many got none."""
    if index is None:
        return 0
    todo = [d for d in drafts if d.country == "SY"]
    codes = index.locate([d.lat for d in todo], [d.lon for d in todo])
    for draft, code in zip(todo, codes, strict=True):
        _set_admin(draft, code, index)
    return sum(1 for code in codes if code is None)


def _merge_geonames(drafts: list[Draft], geonames: GeoNamesData | None) -> list[Draft]:
    if geonames is None:
        return drafts
    by_gn = {d.gn_id: d for d in drafts if d.gn_id is not None}
    for gn in geonames.places:
        if gn.gn_id is None:
            continue
        existing = by_gn.get(gn.gn_id)
        if existing is not None:
            existing.absorb(gn)
            if existing.kind in POPULATED and gn.kind in POPULATED and existing.kind != "neighbourhood":
                existing.kind = max((existing, gn), key=lambda d: d.population).kind
        else:
            drafts.append(gn)
            by_gn[gn.gn_id] = gn
    return drafts


def _priority(d: Draft) -> tuple[int, int, int, str]:
    return (0 if d.gn_id is not None else 1, -d.population, SOURCE_RANK.get(d.source, 9), d.place_id)


def _dedup(drafts: list[Draft]) -> tuple[list[Draft], dict[str, str]]:
    """Merge copies of one place; returns the kept drafts and ``{dropped id: kept id}``."""
    groups: dict[tuple[str, str], list[Draft]] = defaultdict(list)
    for d in drafts:
        if d.kind not in POPULATED or d.admin3_pcode is None:
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
            target = next((k for k in kept if _haversine_km(k, d) <= DUPLICATE_KM), None)
            if target is None:
                kept.append(d)
                continue
            while target.place_id in merged_into:
                target = by_id[merged_into[target.place_id]]
            if target is d:
                continue
            target.absorb(d)
            if d.kind != "neighbourhood" and target.kind != "neighbourhood":
                target.kind = min((target.kind, d.kind), key=POPULATED.index)
            merged_into[d.place_id] = target.place_id
    return [d for d in drafts if d.place_id not in merged_into], merged_into


def _unit_draft(
    level: int, pcode: str, index: _AdminIndex | None, opensyria: OpenSyriaData | None, rep: tuple[float, float] | None
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
        _set_admin(draft, pcode, index, level=level)
    elif unit:
        setattr(draft, f"admin{level}", unit.name_en)
        setattr(draft, f"admin{level}_pcode", pcode)
    return draft


def _admin_units(
    wof_admin: list[Draft], index: _AdminIndex | None, opensyria: OpenSyriaData | None, used_ids: set[str]
) -> tuple[list[Draft], int]:
    """Admin units as places, WOF regions/counties folded in; returns them and how many WOF ones were dropped."""
    reps: dict[str, tuple[float, float]] = {}
    if index is not None:
        import shapely

        by_level: dict[str, list[Any]] = defaultdict(list)
        for code, geom in zip(index.codes, index.geoms, strict=True):
            for length in (4, 6, 8):
                by_level[code[:length]].append(geom)
        for code in sorted(by_level):
            geom = by_level[code][0] if len(by_level[code]) == 1 else shapely.union_all(by_level[code])
            point = shapely.point_on_surface(geom)
            reps[code] = (point.y, point.x)
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
        if unit is not None and _same_name(unit, wof):
            unit.absorb(wof)
        elif units:
            dropped += 1  # the admin sets are complete; a WOF unit that matches none is not one of them
        else:
            setattr(wof, wof.kind, wof.name)  # admin1 = its own name, etc.
            units[wof.place_id] = wof
    return list(units.values()), dropped


def _keys(d: Draft) -> set[str]:
    names = [d.name, *d.names]
    return {variant_key(n) for n in names} | {skeleton_key(n) for n in names if len(skeleton_key(n)) >= 3}


def _same_name(a: Draft, b: Draft) -> bool:
    return bool(_keys(a) & _keys(b))


def default_gazetteer_path() -> Path:
    """Where the shipped default gazetteer lives (it may not exist in a development checkout)."""
    return Path(str(resources.files("strikemap") / "data" / "default_gazetteer.jsonl"))


def _curated(
    path: Path, drafts: list[Draft], merged_into: dict[str, str], index: _AdminIndex | None
) -> tuple[list[Draft], int]:
    """Curated areas and camps, countries and world capitals from a built gazetteer."""
    data = read_gazetteer(path, with_boundaries=False)
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
    _assign(curated_sy, index)
    return [d for d in out if d.place_id not in by_id], len(data.places)


_SETTLEMENT_RANK = {"village": 0, "town": 1, "city": 2}


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


def _round_coords(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, (list, tuple)):
        return [_round_coords(v) for v in value]
    return value


def _polygonal(geom: Any) -> Any:
    """Polygon or MultiPolygon: drop the lines and points a union or snapping can leave."""
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polygons = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type == "MultiPolygon":
            polygons.extend(shapely.get_parts(part))
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _boundaries(index: _AdminIndex) -> list[dict[str, Any]]:
    import shapely
    from shapely.geometry import mapping

    groups: dict[str, list[Any]] = defaultdict(list)
    for code, geom in zip(index.codes, index.geoms, strict=True):
        for length in (4, 6, 8):
            groups[code[:length]].append(geom)
    out = []
    for code in sorted(groups):
        level = {4: 1, 6: 2, 8: 3}[len(code)]
        parts = groups[code]
        geom = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        geom = shapely.simplify(geom, SIMPLIFY_DEG[level], preserve_topology=True)
        geom = _polygonal(shapely.set_precision(geom, 1e-5))
        name, name_ar = index.names.get(code, (code, None))
        geometry = mapping(geom)
        out.append(
            {
                "boundary": code,
                "level": level,
                "name": name,
                "name_ar": name_ar,
                "parent": "SY" if level == 1 else code[: {2: 4, 3: 6}[level]],
                "geometry": {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])},
            }
        )
    return out


def _header(
    wof: WofData | None,
    ocha: OchaData | None,
    opensyria: OpenSyriaData | None,
    geonames: GeoNamesData | None,
    curated: tuple[str, int] | None,
    counts: dict[str, int],
) -> dict[str, Any]:
    sources: list[dict[str, Any]] = []

    def add(source_id: str, files: list[tuple[str, int]]) -> None:
        sources.append({"id": source_id, **SOURCES[source_id], "files": [{"name": n, "records": c} for n, c in files]})

    if wof:
        add("whosonfirst", [(wof.file_name, wof.records)])
    if ocha:
        add("ocha-cod-ab", ocha.files)
    if opensyria:
        add("opensyria", opensyria.files)
    if geonames:
        add("geonames", [(geonames.file_name, geonames.lines)])
    if curated:
        sources.append(
            {
                "id": "strikemap-default",
                "title": "strikemap default gazetteer: curated areas and camps, countries and capitals",
                "license": "see strikemap/data/LICENSES.md",
                "files": [{"name": curated[0], "records": curated[1]}],
            }
        )
    return {
        "name": "full",
        "description": "Full gazetteer for Syria built by 'strikemap gazetteer build'",
        "sources": sources,
        "counts": counts,
    }


def build_gazetteer(
    *,
    output: str | os.PathLike[str],
    whosonfirst: str | os.PathLike[str] | None = None,
    ocha: Iterable[str | os.PathLike[str]] = (),
    opensyria: str | os.PathLike[str] | None = None,
    geonames: str | os.PathLike[str] | None = None,
    curated: bool | str | os.PathLike[str] = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Build a full gazetteer file from downloaded public sources.

    Parameters
    ----------
    output
        The gazetteer file to write (``.gz`` for gzip); written atomically, once everything is built.
    whosonfirst
        ``whosonfirst-data-admin-sy.tar.gz`` (read in place) or its extracted folder.
    ocha
        OCHA sub-district polygons: ``en_hno_2019.json`` and ``ar_hno_2019.json``, or a COD-AB
        ADM3 Shapefile/GeoPackage. Without them places get no admin P-codes.
    opensyria
        Open-Syria's ``data/`` folder (governorates, districts, sub-districts).
    geonames
        GeoNames ``SY.txt`` or ``SY.zip``.
    curated
        True: merge the shipped default gazetteer's curated places, countries and capitals (skipped
        with a warning when the package has none); False: do not; a path: use that gazetteer file.
    progress
        Called as ``progress(stage, count)`` after each stage.

    Returns
    -------
    BuildReport

    Raises
    ------
    NotFoundError
        A source path does not exist.
    SourceError
        A source that cannot be read, or no source at all.

    Examples
    --------
    >>> build_gazetteer(whosonfirst="whosonfirst-data-admin-sy.tar.gz",
    ...                 ocha=["en_hno_2019.json", "ar_hno_2019.json"],
    ...                 opensyria="data-geography/data", output="full.jsonl")  # doctest: +SKIP
    """
    ocha_paths = [Path(p) for p in ocha]
    if whosonfirst is None and geonames is None and not ocha_paths and opensyria is None:
        raise SourceError("no sources given: pass at least one of --whosonfirst, --ocha, --opensyria, --geonames")

    def report(stage: str, count: int) -> None:
        if progress is not None:
            progress(stage, count)

    warnings: list[str] = []
    wof_data = read_whosonfirst(Path(whosonfirst)) if whosonfirst is not None else None
    if wof_data:
        report("whosonfirst records", wof_data.records)
    geo_data = read_geonames(Path(geonames)) if geonames is not None else None
    if geo_data:
        report("geonames places", len(geo_data.places))
    ocha_data = read_ocha(ocha_paths) if ocha_paths else None
    if ocha_data:
        report("ocha sub-districts", len(ocha_data.units))
    os_data = read_opensyria(Path(opensyria)) if opensyria is not None else None
    if os_data:
        report("opensyria admin units", len(os_data.units))

    index = _admin_index(ocha_data, os_data) if ocha_data else None
    wof_places = wof_data.places if wof_data else []
    populated = [d for d in wof_places if d.kind not in ("admin1", "admin2")]
    wof_admin = [d for d in wof_places if d.kind in ("admin1", "admin2")]
    drafts = _merge_geonames(populated, geo_data)
    unplaced = _assign(drafts, index)
    if unplaced:
        warnings.append(f"{unplaced} places lie outside every OCHA sub-district; kept without admin fields")
    report("places located", len(drafts) - unplaced)
    drafts, merged_into = _dedup(drafts)
    report("duplicates merged", len(merged_into))

    used_ids = {d.place_id for d in drafts}
    units, dropped_admin = _admin_units(wof_admin, index, os_data, used_ids)
    drafts.extend(units)
    report("admin units", len(units))

    curated_info: tuple[str, int] | None = None
    if curated is not False:
        path = default_gazetteer_path() if curated is True else Path(curated)
        if path.is_file():
            extra, total = _curated(path, drafts, merged_into, index)
            drafts.extend(extra)
            curated_info = (path.name, total)
            report("curated and world places", len(extra))
        elif curated is True:
            warnings.append(f"the default gazetteer {path} is not there; built without curated places")
        else:
            raise NotFoundError(f"curated gazetteer {path} does not exist")

    places = _freeze(drafts)
    boundaries = _boundaries(index) if index else []
    report("boundaries", len(boundaries))
    by_kind = dict(sorted(Counter(p.kind for p in places).items()))
    by_admin1 = dict(sorted(Counter(p.admin1 or "(none)" for p in places if p.country == "SY").items()))
    counts = {"places": len(places), "boundaries": len(boundaries), "merged_duplicates": len(merged_into)}
    header = _header(wof_data, ocha_data, os_data, geo_data, curated_info, counts)
    target = write_gazetteer(output, header, places, boundaries)
    return BuildReport(
        output=target,
        places=len(places),
        boundaries=len(boundaries),
        by_kind=by_kind,
        by_admin1=by_admin1,
        merged_duplicates=len(merged_into),
        dropped_records=(len(wof_data.dropped) if wof_data else 0) + dropped_admin,
        warnings=warnings,
    )


def _freeze(drafts: list[Draft]) -> list[Place]:
    places: dict[str, Place] = {}
    for draft in drafts:
        try:
            place = draft.freeze()
        except ValueError as exc:
            raise SourceError(f"invalid place from {draft.source}: {exc}") from exc
        if place.place_id in places:
            raise GazetteerError(f"place_id {place.place_id} built twice (from {draft.source}); please report this")
        places[place.place_id] = place
    return list(places.values())


def _area_order(item: tuple[str, Any]) -> tuple[bool, str]:
    return (item[0] in ("(no governorate)", "outside Syria"), fold(item[0]))


def summarize_gazetteer(data: GazetteerData, *, path: str | None = None) -> dict[str, Any]:
    """Counts of places by governorate and kind, with the sources and their licences.

    Parameters
    ----------
    data
        A gazetteer as read by ``gazetteer_file.read_gazetteer``.
    path
        Shown as ``path`` in the summary.

    Returns
    -------
    dict
        ``{"path", "name", "places", "boundaries", "by_kind", "by_admin1": {admin1: {kind: n}},
        "sources": [{"id", "title", "license"}]}``.
    """
    by_admin1: dict[str, Counter[str]] = defaultdict(Counter)
    for place in data.places:
        area = "outside Syria" if place.country != "SY" else place.admin1 or "(no governorate)"
        by_admin1[area][place.kind] += 1
    return {
        "path": path,
        "name": data.header.get("name"),
        "places": len(data.places),
        "boundaries": len(data.boundaries),
        "by_kind": dict(sorted(Counter(p.kind for p in data.places).items())),
        "by_admin1": {k: dict(sorted(v.items())) for k, v in sorted(by_admin1.items(), key=_area_order)},
        "sources": [
            {"id": s.get("id"), "title": s.get("title"), "license": s.get("license")}
            for s in data.header.get("sources", [])
        ],
    }
