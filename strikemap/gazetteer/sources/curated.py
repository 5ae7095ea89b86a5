"""``gazetteer/curated.json``: the project's own facts (areas, camps, spellings) that no source has.

Read by the shipped default's build only (``gazetteer/build_default.py``). Its ``places`` become
places here; its ``variants``, ``overrides``, ``countries``, ``world_cities``, ``world_variants`` and
``governorates`` sections are read by the other default sources (``geonames_cache``, ``naturalearth``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...errors import SourceError
from ...models import Place
from ..names import arabic_names
from .draft import POINT_DIGITS
from .naturalearth import Governorates
from .source import Source


def read_curated(path: Path) -> dict[str, Any]:
    """The curated file, as JSON."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def curated_places(curated: dict[str, Any], govs: Governorates) -> list[Place]:
    """The curated places, each in its governorate (given, or by point in polygon)."""
    out = []
    for entry in curated.get("places", []):
        lat, lon = float(entry["lat"]), float(entry["lon"])
        pcode = entry.get("admin1_pcode") or govs.index.locate_one(lat, lon)
        if pcode is None:
            raise SourceError(f"curated place {entry['id']} lies outside Syria")
        names = [n for n in entry.get("names", []) if n != entry["name"]]
        arabic = arabic_names([entry.get("name_ar", ""), *names])
        gn_id = entry.get("geonames_id")
        out.append(
            Place(
                place_id=f"gn:{gn_id}" if gn_id else f"curated:{entry['id']}",
                name=entry["name"],
                lat=round(lat, POINT_DIGITS),
                lon=round(lon, POINT_DIGITS),
                kind=entry["kind"],
                country="SY",
                admin1=govs.name(pcode),
                admin1_pcode=pcode,
                name_ar=entry.get("name_ar") or (arabic[0] if arabic else None),
                names=tuple(sorted(set(names))),
                population=int(entry.get("population", 0)),
                radius_km=entry.get("radius_km"),
                source="curated",
            )
        )
    return out


SOURCE = Source(
    id="curated",
    title="strikemap curated places and spellings",
    license="MIT",
    url="gazetteer/curated.json",
    reader=read_curated,
)
