"""The admin index stage: which admin unit holds a point, by point in polygon in the units' polygons.

``AdminIndex`` holds polygons by P-code in an STRtree. A point gets the unit whose polygon it touches
(on a shared edge the lower P-code wins, so the answer does not depend on tree order), else the nearest
within ``near_deg`` (points just off a coast or border), else none. The full build indexes OCHA's
sub-districts (``ocha_admin_index``); the shipped default indexes Natural Earth's governorates.
shapely is imported only when an index is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import SourceError
from .sources.draft import Draft
from .sources.ocha import OchaData
from .sources.opensyria import OpenSyriaData

NEAR_DEG = 0.02  # about 2 km: points just outside a coastline or border polygon


@dataclass
class AdminIndex:
    """Unit polygons (sorted by P-code) with an STRtree, and ``(name, Arabic name)`` for every P-code level."""

    codes: list[str]
    geoms: list[Any]
    tree: Any
    names: dict[str, tuple[str, str | None]]
    near_deg: float = NEAR_DEG

    @classmethod
    def of(cls, geoms: dict[str, Any], names: dict[str, tuple[str, str | None]], *,
           near_deg: float = NEAR_DEG) -> AdminIndex:
        """An index of ``{P-code: polygon}``."""
        import shapely

        codes = list(geoms)
        shapes = [geoms[c] for c in codes]
        return cls(codes=codes, geoms=shapes, tree=shapely.STRtree(shapes), names=names, near_deg=near_deg)

    def locate(self, lats: Sequence[float], lons: Sequence[float]) -> list[str | None]:
        """The P-code of each point (None when no unit is within ``near_deg``)."""
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
            near_p, near_g = self.tree.query_nearest(points[missing], max_distance=self.near_deg, all_matches=True)
            for p, g in zip(near_p.tolist(), near_g.tolist(), strict=True):
                i = missing[p]
                if i not in found or g < found[i]:
                    found[i] = g
        return [self.codes[found[i]] if i in found else None for i in range(len(points))]

    def locate_one(self, lat: float, lon: float) -> str | None:
        """The P-code of one point, or None."""
        return self.locate([lat], [lon])[0]


def ocha_admin_index(ocha: OchaData, opensyria: OpenSyriaData | None) -> AdminIndex:
    """OCHA's sub-district polygons, named at every level by OCHA (and by Open-Syria above sub-districts)."""
    import shapely
    from shapely.geometry import shape

    geoms: dict[str, Any] = {}
    for code in ocha.units:
        try:
            parts = [shape(g) for g in ocha.units[code].geometries]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SourceError(f"OCHA sub-district {code}: invalid polygon ({exc})") from exc
        geom = shapely.union_all([shapely.make_valid(p) for p in parts]) if len(parts) > 1 else parts[0]
        geoms[code] = shapely.make_valid(geom) if not geom.is_valid else geom
    codes = list(geoms)
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
    return AdminIndex.of(geoms, names)


def set_admin(draft: Draft, pcode: str | None, index: AdminIndex, *, level: int = 3) -> None:
    """Fill ``admin1``..``admin<level>`` and their P-codes from a sub-district P-code."""
    if pcode is None:
        return
    for lvl, length in ((1, 4), (2, 6), (3, 8)):
        if lvl > level:
            break
        code = pcode[:length]
        name = index.names.get(code, (None, None))[0]
        setattr(draft, f"admin{lvl}", name)
        setattr(draft, f"admin{lvl}_pcode", code)


def assign_admin(drafts: Sequence[Draft], index: AdminIndex | None) -> int:
    """Point-in-polygon admin fields for every Syrian draft; returns how many got none."""
    if index is None:
        return 0
    todo = [d for d in drafts if d.country == "SY"]
    codes = index.locate([d.lat for d in todo], [d.lon for d in todo])
    for draft, code in zip(todo, codes, strict=True):
        set_admin(draft, code, index)
    return sum(1 for code in codes if code is None)
