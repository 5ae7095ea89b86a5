"""Reading Who's On First Syria (``whosonfirst-data-admin-sy``): the archive or an extracted folder.

One GeoJSON record per file under ``data/``. Kept: current localities (kind by population),
neighbourhoods, regions (admin1) and counties (admin2). Dropped: alternate geometries (files
named ``*-alt-*``), and records that are not current (``mz:is_current`` 0), superseded
(``wof:superseded_by``), deprecated (``edtf:deprecated``) or ceased (``edtf:cessation`` a date).
"""

from __future__ import annotations

import json
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import NotFoundError, SourceError
from ...spelling import has_arabic
from ..names import clean_names
from .draft import Draft, kind_for_population
from .source import Source

# Languages whose names are worth keeping for lookup: Arabic (and colloquial), the languages news
# about Syria is written in, and "und" (unknown; WOF's bucket for GeoNames alternate names).
NAME_LANGS = ("eng", "ara", "arz", "apc", "fra", "deu", "spa", "tur", "und")
PLACETYPE_KIND = {"locality": None, "neighbourhood": "neighbourhood", "region": "admin1", "county": "admin2"}
_UNKNOWN_DATES = ("", "uuuu", "..")


@dataclass
class WofData:
    """What the reader found: kept drafts, and the ids it dropped and why."""

    places: list[Draft]
    records: int
    dropped: dict[int, str] = field(default_factory=dict)
    file_name: str = ""

    @property
    def files(self) -> list[tuple[str, int]]:
        """The archive (or folder) read, with its record count."""
        return [(self.file_name, self.records)]

    @property
    def count(self) -> int:
        """Records read (kept or not)."""
        return self.records


def _iter_archive(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".geojson") and "/data/" in f"/{member.name}":
                    fh = tar.extractfile(member)
                    if fh is not None:
                        yield member.name, fh.read()
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise SourceError(
            f"{path}: not a readable Who's On First archive ({exc}); download it again "
            "(whosonfirst-data-admin-sy master.tar.gz) or give the extracted folder"
        ) from exc


def _iter_folder(path: Path) -> Iterator[tuple[str, bytes]]:
    for file in sorted(path.rglob("*.geojson")):
        if "data" in file.relative_to(path).parts[:-1]:
            try:
                yield str(file), file.read_bytes()
            except OSError as exc:
                raise SourceError(f"{file}: cannot read ({exc.strerror or exc})") from exc


def _is_dropped(props: dict[str, Any]) -> str | None:
    if props.get("mz:is_current") == 0:
        return "not current"
    if props.get("wof:superseded_by"):
        return "superseded"
    if props.get("edtf:deprecated") not in (None, *_UNKNOWN_DATES):
        return "deprecated"
    if props.get("edtf:cessation") not in (None, *_UNKNOWN_DATES):
        return "ceased"
    return None


def _gn_id(props: dict[str, Any]) -> int | None:
    concordances = props.get("wof:concordances") or {}
    for value in (concordances.get("gn:id"), props.get("gn:id"), props.get("gn:geonameid")):
        if isinstance(value, (int, str)) and str(value).isdigit() and int(value) > 0:
            return int(value)
    return None


def _names(props: dict[str, Any]) -> tuple[str, str | None, list[str]]:
    """Display name, Arabic name, other names."""
    values: list[object] = []
    for lang in NAME_LANGS:
        for suffix in ("_x_preferred", "_x_variant", "_x_colloquial"):
            found = props.get(f"name:{lang}{suffix}")
            if isinstance(found, list):
                values.extend(found)
    names = clean_names([props.get("wof:name"), *values])
    english = clean_names(props.get("name:eng_x_preferred") or [])
    display = next((n for n in english if not has_arabic(n)), None) or (names[0] if names else "")
    arabic = next((n for n in names if has_arabic(n)), None)
    return display, arabic, [n for n in names if n not in (display, arabic)]


def _draft(props: dict[str, Any], where: str) -> Draft | None:
    placetype = props.get("wof:placetype")
    if placetype not in PLACETYPE_KIND:
        return None
    try:
        wof_id = int(props["wof:id"])
        lat = float(props.get("lbl:latitude", props["geom:latitude"]))
        lon = float(props.get("lbl:longitude", props["geom:longitude"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise SourceError(f"{where}: Who's On First record without wof:id or geom:latitude/longitude ({exc})") from exc
    display, arabic, others = _names(props)
    if not display:
        return None
    population = 0
    for key in ("wof:population", "gn:population", "qs_pg:gn_pop"):
        value = props.get(key)
        if isinstance(value, (int, float)) and value > population:
            population = int(value)
    kind = PLACETYPE_KIND[placetype] or kind_for_population(population)
    gn_id = _gn_id(props) if placetype in ("locality", "neighbourhood") else None
    draft = Draft(
        place_id=f"gn:{gn_id}" if gn_id else f"wof:{wof_id}",
        name=display,
        lat=lat,
        lon=lon,
        kind=kind,
        source="whosonfirst",
        population=population,
        gn_id=gn_id,
        country=str(props.get("iso:country") or props.get("wof:country") or "SY"),
    )
    draft.name_ar = arabic
    draft.add_names(others)
    return draft


def read_whosonfirst(path: str | Path) -> WofData:
    """Read Who's On First records from the archive (``.tar.gz``) or an extracted folder.

    Parameters
    ----------
    path
        ``whosonfirst-data-admin-sy.tar.gz`` (or the repository's ``master.tar.gz``), read in
        place without extracting; or the folder holding ``data/``.

    Returns
    -------
    WofData
        Current localities, neighbourhoods, regions and counties as drafts.

    Raises
    ------
    NotFoundError
        The path does not exist.
    SourceError
        A truncated archive, a record that is not JSON, or no records at all.
    """
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"Who's On First source {path} does not exist")
    items = _iter_folder(path) if path.is_dir() else _iter_archive(path)
    places: list[Draft] = []
    dropped: dict[int, str] = {}
    records = 0
    for name, raw in items:
        if "-alt-" in name.rsplit("/", 1)[-1]:
            continue
        try:
            record = json.loads(raw)
            props = record["properties"]
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
            raise SourceError(f"{path}: {name} is not a Who's On First GeoJSON record ({exc})") from exc
        if not isinstance(props, dict):
            raise SourceError(f"{path}: {name} has no properties object")
        records += 1
        reason = _is_dropped(props)
        if reason:
            if isinstance(props.get("wof:id"), int):
                dropped[props["wof:id"]] = reason
            continue
        draft = _draft(props, f"{path}: {name}")
        if draft is not None:
            places.append(draft)
    if records == 0:
        raise SourceError(
            f"{path}: no Who's On First records (expected data/**/*.geojson, as in whosonfirst-data-admin-sy)"
        )
    places.sort(key=lambda d: d.place_id)
    return WofData(places=places, records=records, dropped=dropped, file_name=path.name)


SOURCE = Source(
    id="whosonfirst",
    title="Who's On First, Syria (whosonfirst-data-admin-sy)",
    license="CC0 1.0; GeoNames- and Quattroshapes-derived properties CC BY (see LICENSE.md in the archive)",
    url="https://github.com/whosonfirst-data/whosonfirst-data-admin-sy",
    reader=read_whosonfirst,
    option="--whosonfirst",
    progress="whosonfirst records",
    downloads=(
        (
            "https://github.com/whosonfirst-data/whosonfirst-data-admin-sy/archive/refs/heads/master.tar.gz",
            "whosonfirst/whosonfirst-data-admin-sy.tar.gz",
            None,
        ),
    ),
    fetched=("whosonfirst/whosonfirst-data-admin-sy.tar.gz",),
)
