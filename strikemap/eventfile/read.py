"""Reading an event file of any kind: the format told by content, the rows read and repaired."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .csvfile import read_acled, read_csv
from .detect import detect_format, read_bytes
from .geojson import read_geojson, read_json
from .gpkg import read_gpkg
from .rows import EventFile, RowReader

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["read_event_file", "read_events"]


def read_event_file(path: str | os.PathLike[str], *, fix_swapped: bool = True) -> EventFile:
    """Read an event file of any supported kind, with what was repaired on the way.

    Parameters
    ----------
    path
        A GeoJSON, GeoPackage, CSV or JSON file as ``strikemap events`` writes it, any FeatureCollection of
        Points with the event properties, or an ACLED-style CSV export. The kind is told by content.
    fix_swapped
        Swap latitude and longitude back where they look swapped (see the module notes).

    Returns
    -------
    EventFile
        ``.events`` (validated StrikeEvents), ``.frame``, ``.format`` and ``.warnings``.

    Raises
    ------
    NotFoundError
        The file does not exist.
    EventFileError
        The file is not an event file, is truncated or damaged, or has a value that cannot be used; the
        message is one line naming the file and the row.
    """
    target = Path(path)
    fmt = detect_format(target)
    reader = RowReader(path=str(path), fix_swapped=fix_swapped)
    if fmt == "gpkg":
        events = read_gpkg(target, reader)
    else:
        data = read_bytes(target)
        parse = {"geojson": read_geojson, "json": read_json, "csv": read_csv, "acled": read_acled}[fmt]
        events = parse(data, reader)
    return reader.finish(events, fmt)


def read_events(
    path: str | os.PathLike[str], *, warnings: list[str] | None = None, fix_swapped: bool = True
) -> gpd.GeoDataFrame:
    """Read an event file into a GeoDataFrame with the :data:`~strikemap.geoframe.EVENT_COLUMNS`.

    Parameters
    ----------
    path
        The event file (see :func:`read_event_file`).
    warnings
        A list to append repair notes to (swapped coordinates, duplicate ids, unreadable dates).
    fix_swapped
        Swap latitude and longitude back where they look swapped.

    Raises
    ------
    NotFoundError, EventFileError
        As :func:`read_event_file`.
    """
    result = read_event_file(path, fix_swapped=fix_swapped)
    if warnings is not None:
        warnings.extend(result.warnings)
    return result.frame
