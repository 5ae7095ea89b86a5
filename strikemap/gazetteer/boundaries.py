"""The boundaries stage: the polygons of an admin index as the boundary lines of a gazetteer file.

The full build (``admin_boundaries``) dissolves admin3 polygons into admin2 and admin1, simplifies each
by ``SIMPLIFY_DEG`` for its level, snaps to 1e-5 degrees and rounds coordinates to 5 decimals. The
shipped default (``governorate_boundaries``) writes its governorates simplified by 0.005 degrees,
rings oriented counter-clockwise, coordinates to 4 decimals.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .admin_index import AdminIndex

SIMPLIFY_DEG = {1: 0.002, 2: 0.002, 3: 0.001}


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


def admin_boundaries(index: AdminIndex) -> list[dict[str, Any]]:
    """Boundary lines for every sub-district, district and governorate of the index."""
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


def _rounded(obj: Any, digits: int) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), digits) for v in obj]
        return [_rounded(v, digits) for v in obj]
    return obj


def _oriented_geojson(geom: Any, digits: int) -> dict[str, Any]:
    """GeoJSON with counter-clockwise outer rings, the parts of a MultiPolygon largest first."""
    from shapely.geometry import mapping
    from shapely.geometry.polygon import orient

    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = type(geom)([orient(p, 1.0) for p in sorted(geom.geoms, key=lambda p: -p.area)])
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _rounded(gj["coordinates"], digits)}


def governorate_boundaries(
    index: AdminIndex, *, tolerance: float, digits: int, source: str
) -> list[dict[str, Any]]:
    """One level-1 boundary line per polygon of the index, simplified by ``tolerance`` degrees."""
    out = []
    for pcode, geom in zip(index.codes, index.geoms, strict=True):
        name, name_ar = index.names[pcode]
        simple = geom.simplify(tolerance, preserve_topology=True)
        out.append(
            {
                "boundary": pcode,
                "level": 1,
                "name": name,
                "name_ar": name_ar,
                "parent": "SY",
                "source": source,
                "geometry": _oriented_geojson(simple, digits),
            }
        )
    return out
