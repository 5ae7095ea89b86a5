"""Reading Open-Syria ``data-geography``: governorates, districts and sub-districts with their aliases.

Each record has ``name.en``/``name.ar``, ``aliases`` (value, language), a ``centroid``
(latitude/longitude) and ``externalIds`` (``ochaPcode``, ``geonames``, ``wikidata``). No polygons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import NotFoundError, SourceError
from ..names import clean_names
from .source import Source

FILES = (("governorates.json", 1), ("districts.json", 2), ("subdistricts.json", 3))
PCODE_LENGTH = {1: 4, 2: 6, 3: 8}


@dataclass
class AdminUnit:
    """One governorate (level 1), district (2) or sub-district (3)."""

    level: int
    pcode: str
    name_en: str
    name_ar: str | None
    aliases: list[str]
    lat: float
    lon: float
    gn_id: int | None = None
    population: int = 0


@dataclass
class OpenSyriaData:
    """Admin units by P-code, and the files read with their record counts."""

    units: dict[str, AdminUnit]
    files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Admin units read."""
        return len(self.units)


def _unit(record: Any, level: int, where: str) -> AdminUnit:
    try:
        ids = record.get("externalIds") or {}
        pcode = str(ids["ochaPcode"])
        name = record["name"]
        centroid = record["centroid"]
        lat, lon = float(centroid["latitude"]), float(centroid["longitude"])
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise SourceError(f"{where}: record without name, centroid or externalIds.ochaPcode ({exc!r})") from exc
    if len(pcode) != PCODE_LENGTH[level] or not pcode.startswith("SY"):
        raise SourceError(f"{where}: P-code {pcode!r} is not a level-{level} OCHA P-code")
    aliases = [a.get("value") for a in record.get("aliases") or [] if isinstance(a, dict)]
    gn = ids.get("geonames")
    population = (record.get("population") or {}).get("value") or 0
    return AdminUnit(
        level=level,
        pcode=pcode,
        name_en=str(name.get("en") or pcode),
        name_ar=name.get("ar") or None,
        aliases=clean_names(aliases),
        lat=lat,
        lon=lon,
        gn_id=int(gn) if isinstance(gn, (str, int)) and str(gn).isdigit() else None,
        population=int(population) if isinstance(population, (int, float)) else 0,
    )


def read_opensyria(path: str | Path) -> OpenSyriaData:
    """Read ``governorates.json``, ``districts.json`` and ``subdistricts.json``.

    Parameters
    ----------
    path
        The ``data/`` folder of Open-Syria data-geography, or any one of its three files (the
        others are read beside it).

    Raises
    ------
    NotFoundError
        The path, or one of the three files, does not exist.
    SourceError
        A file that is not JSON, not a list, or has records without P-code or centroid.
    """
    folder = Path(path)
    if not folder.exists():
        raise NotFoundError(f"Open-Syria source {folder} does not exist")
    if folder.is_file():
        folder = folder.parent
    units: dict[str, AdminUnit] = {}
    files: list[tuple[str, int]] = []
    for name, level in FILES:
        file = folder / name
        if not file.is_file():
            raise NotFoundError(
                f"{file} does not exist; --opensyria wants the folder holding "
                "governorates.json, districts.json and subdistricts.json"
            )
        try:
            records = json.loads(file.read_bytes())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(f"{file}: not JSON ({exc})") from exc
        if not isinstance(records, list):
            raise SourceError(f"{file}: expected a JSON list of {name.removesuffix('.json')}")
        for i, record in enumerate(records):
            unit = _unit(record, level, f"{file}: record {i}")
            units[unit.pcode] = unit
        files.append((name, len(records)))
    return OpenSyriaData(units=dict(sorted(units.items())), files=files)


_REPO = "https://raw.githubusercontent.com/Open-Syria/data-geography/main"
SOURCE = Source(
    id="opensyria",
    title="Open-Syria data-geography: governorates, districts, sub-districts",
    license="CC BY 4.0",
    url="https://github.com/Open-Syria/data-geography",
    reader=read_opensyria,
    option="--opensyria",
    role="admin",
    progress="opensyria admin units",
    downloads=tuple(
        (f"{_REPO}/{path}", f"opensyria-geography/{path.rsplit('/', 1)[-1]}", None)
        for path in ("data/governorates.json", "data/districts.json", "data/subdistricts.json", "LICENSE.md")
    ),
    fetched=("opensyria-geography",),
)
