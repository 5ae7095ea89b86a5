"""Events as a GeoPackage: one ``events`` layer in EPSG:4326, typed fields, written through GDAL."""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from ..dates import iso_date
from ..errors import InputError
from ..geoframe import CRS, EVENT_COLUMNS, LIST_COLUMNS
from ..values import join_list
from .records import FLOAT_COLUMNS, INT_COLUMNS

__all__ = ["GPKG_VERSION", "LAYER", "gpkg_bytes", "write_gpkg"]

LAYER = "events"
# GeoPackage 1.4 (GDAL 3.7+) makes older GDAL and QGIS warn on opening; 1.3 holds all the layer needs.
GPKG_VERSION = "1.3"


def _gpkg_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    day = iso_date(str(value))
    if day is None:
        raise InputError(f"event_date {value!r} is not a date: a GeoPackage Date field takes YYYY-MM-DD")
    return day


def _gpkg_int(column: str, value: Any) -> int:
    if isinstance(value, float) and not value.is_integer():
        raise InputError(f"{column} {value!r} is not a whole number: a GeoPackage Integer field takes counts")
    return int(value)


def _gpkg_fields(records: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """One numpy array per :data:`EVENT_COLUMNS` field, typed for GDAL, and its mask of NULLs.

    Built by hand rather than through :func:`pyogrio.write_dataframe`: pandas has no day-resolution
    dates, and only a ``datetime64[D]`` array becomes a GeoPackage Date field.
    """
    import numpy as np

    data: list[Any] = []
    masks: list[Any] = []
    for column in EVENT_COLUMNS:
        values = [r[column] for r in records]
        if column in LIST_COLUMNS:
            values = [join_list(v) or None for v in values]
        missing = np.array([v is None for v in values], dtype=bool)
        if column == "event_date":
            array = np.array([_gpkg_date(v) or np.datetime64("NaT") for v in values], dtype="datetime64[D]")
        elif column in INT_COLUMNS:
            dtype = "int32" if column == "geo_precision" else "int64"
            array = np.array([0 if v is None else _gpkg_int(column, v) for v in values], dtype=dtype)
        elif column in FLOAT_COLUMNS:
            array = np.array([math.nan if v is None else float(v) for v in values], dtype="float64")
        else:
            array = np.array([None if v is None else str(v) for v in values], dtype=object)
        data.append(array)
        masks.append(missing)
    return data, masks


def write_gpkg(records: list[dict[str, Any]], path: Path) -> None:
    """Write the ``events`` layer to ``path`` (which must not be a live target: callers pass a temp path)."""
    import numpy as np
    import pyogrio.raw
    import shapely

    data, masks = _gpkg_fields(records)
    points = [
        None if r["longitude"] is None or r["latitude"] is None else shapely.Point(r["longitude"], r["latitude"])
        for r in records
    ]
    geometry = shapely.to_wkb(np.array(points, dtype=object))
    # GDAL warns about a GeoPackage whose name does not end in .gpkg, so write under that name beside
    # the temp path, then move it onto the temp path (the caller renames that onto the target).
    staging = path.with_name(path.name + ".gpkg")
    try:
        staging.unlink(missing_ok=True)
        pyogrio.raw.write(staging, geometry, data, list(EVENT_COLUMNS), field_mask=masks, layer=LAYER,
                          driver="GPKG", geometry_type="Point", crs=CRS, promote_to_multi=False,
                          dataset_options={"VERSION": GPKG_VERSION})
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def gpkg_bytes(records: list[dict[str, Any]]) -> bytes:
    """The GeoPackage of ``records`` as bytes (written to a temporary folder first)."""
    with tempfile.TemporaryDirectory(prefix="strikemap-") as folder:
        path = Path(folder) / "events.gpkg"
        write_gpkg(records, path)
        return path.read_bytes()
