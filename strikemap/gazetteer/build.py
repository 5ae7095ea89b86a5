"""Building the full gazetteer from public sources a user has downloaded.

Stages, in order (each reports a count to ``progress``), each in its own module:

1. read (the readers of ``sources.registry.FULL_SOURCES``, place sources before admin ones): Who's On
   First localities, neighbourhoods, regions and counties, GeoNames, OCHA sub-district polygons,
   Open-Syria admin names;
2. merge (``merge.merge_geonames``): GeoNames merged into WOF by GeoNames id, new ones added;
3. admin index (``admin_index``): every place gets its sub-district by point-in-polygon in OCHA's ADM3
   polygons (nearest polygon within ``NEAR_DEG`` for points just off a coast or border), hence
   admin1/admin2/admin3 names and P-codes;
4. dedup (``merge.dedup``): copies of one village merged, homonyms in other sub-districts kept apart;
5. admin units (``admin_units``): governorates, districts and sub-districts as places (kinds
   ``admin1``..``admin3``), named by Open-Syria (with its aliases) or, without it, by OCHA; WOF regions
   and counties add their names to the matching unit;
6. curated (``merge.merge_shipped``): the shipped default gazetteer's ``curated:`` areas and camps
   (admin fields recomputed) and its countries and world capitals;
7. boundaries (``boundaries``): admin3 polygons, dissolved into admin2 and admin1, simplified;
8. write (``fileformat.write_gazetteer``), with a header listing the sources from their registry rows.

Kinds of populated places: ``city`` from 100,000 people, ``town`` from 10,000, else ``village``
(population from WOF or GeoNames, ``sources.draft.kind_for_population``); GeoNames ``PPLX`` and WOF
neighbourhoods are ``neighbourhood``.

The whole gazetteer is built in memory and written once, atomically: a failing build leaves no
file. The same inputs give byte-identical output.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GazetteerError, NotFoundError, SourceError
from ..models import Place
from .admin_index import AdminIndex, assign_admin, ocha_admin_index
from .admin_units import admin_units
from .boundaries import admin_boundaries
from .corrections import drop_names_of_other_places
from .fileformat import write_gazetteer
from .merge import dedup, merge_geonames, merge_shipped
from .sources.draft import Draft, Progress
from .sources.geonames import GeoNamesData
from .sources.ocha import OchaData
from .sources.opensyria import OpenSyriaData
from .sources.registry import FULL_SOURCES, SHIPPED, build_options
from .sources.shipped import default_gazetteer_path
from .sources.whosonfirst import WofData


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


def _read_sources(inputs: dict[str, Any], report: Callable[[str, int], None]) -> dict[str, Any]:
    """Each given source read by its registry reader: ``{source id: what the reader returned}``."""
    known = {s.argument for s in FULL_SOURCES}
    unknown = sorted(set(inputs) - known)
    if unknown:
        raise TypeError(f"build_gazetteer() got unknown sources {unknown}; it takes {sorted(known)}")
    paths = {s.id: s.paths(inputs.get(s.argument)) for s in FULL_SOURCES}
    if not any(paths.values()):
        raise SourceError(f"no sources given: pass at least one of {build_options()}")
    data: dict[str, Any] = {}
    for role in ("places", "admin"):
        for source in FULL_SOURCES:
            if source.role == role and paths[source.id]:
                data[source.id] = source.read(paths[source.id])
                report(source.progress, data[source.id].count)
    return data


def _header(data: dict[str, Any], shipped: tuple[str, int] | None, counts: dict[str, int]) -> dict[str, Any]:
    sources = [s.header(data[s.id].files) for s in FULL_SOURCES if s.id in data]
    if shipped:
        sources.append(SHIPPED.header([shipped]))
    return {
        "name": "full",
        "description": "Full gazetteer for Syria built by 'strikemap gazetteer build'",
        "sources": sources,
        "counts": counts,
    }


def _add_shipped(
    curated: bool | str | os.PathLike[str],
    drafts: list[Draft],
    merged_into: dict[str, str],
    index: AdminIndex | None,
    warnings: list[str],
    report: Callable[[str, int], None],
) -> tuple[str, int] | None:
    """The curated layer of the shipped default (or of another built file); returns its file and size."""
    if curated is False:
        return None
    path = default_gazetteer_path() if curated is True else Path(curated)
    if not path.is_file():
        if curated is True:
            warnings.append(f"the default gazetteer {path} is not there; built without curated places")
            return None
        raise NotFoundError(f"curated gazetteer {path} does not exist")
    shipped = SHIPPED.read([path])
    extra = merge_shipped(shipped, drafts, merged_into, index)
    drafts.extend(extra)
    report("curated and world places", len(extra))
    return (path.name, len(shipped.places))


def build_gazetteer(
    *,
    output: str | os.PathLike[str],
    curated: bool | str | os.PathLike[str] = True,
    progress: Progress | None = None,
    **inputs: Any,
) -> BuildReport:
    """Build a full gazetteer file from downloaded public sources.

    Parameters
    ----------
    output
        The gazetteer file to write (``.gz`` for gzip); written atomically, once everything is built.
    curated
        True: merge the shipped default gazetteer's curated places, countries and capitals (skipped
        with a warning when the package has none); False: do not; a path: use that gazetteer file.
    progress
        Called as ``progress(stage, count)`` after each stage.
    **inputs
        One keyword per source of ``sources.registry.FULL_SOURCES``, named as its CLI option:

        ``whosonfirst``
            ``whosonfirst-data-admin-sy.tar.gz`` (read in place) or its extracted folder.
        ``ocha``
            OCHA sub-district polygons, several paths: ``en_hno_2019.json`` and ``ar_hno_2019.json``,
            or a COD-AB ADM3 Shapefile/GeoPackage. Without them places get no admin P-codes.
        ``opensyria``
            Open-Syria's ``data/`` folder (governorates, districts, sub-districts).
        ``geonames``
            GeoNames ``SY.txt`` or ``SY.zip``.

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

    def report(stage: str, count: int) -> None:
        if progress is not None:
            progress(stage, count)

    warnings: list[str] = []
    data = _read_sources(inputs, report)
    wof_data: WofData | None = data.get("whosonfirst")
    geo_data: GeoNamesData | None = data.get("geonames")
    ocha_data: OchaData | None = data.get("ocha-cod-ab")
    os_data: OpenSyriaData | None = data.get("opensyria")

    index = ocha_admin_index(ocha_data, os_data) if ocha_data else None
    wof_places = wof_data.places if wof_data else []
    populated = [d for d in wof_places if d.kind not in ("admin1", "admin2")]
    wof_admin = [d for d in wof_places if d.kind in ("admin1", "admin2")]
    drafts = merge_geonames(populated, geo_data)
    unplaced = assign_admin(drafts, index)
    if unplaced:
        warnings.append(f"{unplaced} places lie outside every OCHA sub-district; kept without admin fields")
    report("places located", len(drafts) - unplaced)
    drafts, merged_into = dedup(drafts)
    report("duplicates merged", len(merged_into))
    report("names of other places removed", drop_names_of_other_places(drafts))

    used_ids = {d.place_id for d in drafts}
    units, dropped_admin = admin_units(wof_admin, index, os_data, used_ids)
    drafts.extend(units)
    report("admin units", len(units))
    shipped = _add_shipped(curated, drafts, merged_into, index, warnings, report)

    places = _freeze(drafts)
    boundaries = admin_boundaries(index) if index else []
    report("boundaries", len(boundaries))
    by_kind = dict(sorted(Counter(p.kind for p in places).items()))
    by_admin1 = dict(sorted(Counter(p.admin1 or "(none)" for p in places if p.country == "SY").items()))
    counts = {"places": len(places), "boundaries": len(boundaries), "merged_duplicates": len(merged_into)}
    target = write_gazetteer(output, _header(data, shipped, counts), places, boundaries)
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
