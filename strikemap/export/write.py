"""Writing events and mentions to a file atomically, or to bytes for standard output, in any format."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..atomic import atomic_path, write_or_return
from ..geoframe import EVENT_COLUMNS
from ..models import Mention, StrikeEvent
from .csvfile import csv_text, mentions_to_csv
from .formats import EVENT_FORMATS, MENTION_FORMATS, format_for
from .geojson import (
    collection_text,
    events_to_json,
    feature_collection,
    geojson_text,
    mentions_to_geojson,
    mentions_to_json,
)
from .gpkg import gpkg_bytes, write_gpkg
from .records import as_frame, to_records

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["write_events", "write_mentions"]


def _write_text(text: str, path: str | os.PathLike[str] | None, *, bom: bool = False) -> bytes | None:
    return write_or_return(text.encode("utf-8-sig" if bom else "utf-8"), path)


def write_events(
    events: gpd.GeoDataFrame | Iterable[StrikeEvent],
    path: str | os.PathLike[str] | None,
    fmt: str | None = None,
    *,
    bom: bool = False,
) -> bytes | None:
    """Write events to ``path`` atomically, or return the file's bytes when ``path`` is None or ``-``.

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns (:func:`strikemap.geoframe.events_to_frame`), or StrikeEvents.
    path
        The output file; None or ``-`` to get the bytes back (for standard output).
    fmt
        ``geojson``, ``gpkg``, ``csv`` or ``json``; None to infer it from the suffix of ``path``
        (``.geojson``, ``.gpkg``, ``.csv``, ``.json``), else GeoJSON.
    bom
        CSV only: start with a UTF-8 byte-order mark, for Excel.

    Returns
    -------
    bytes or None
        The encoded file when ``path`` is None or ``-``, else None.

    Raises
    ------
    InputError
        Unknown format, or items that are not events.
    NotFoundError
        The folder of ``path`` does not exist.

    Examples
    --------
    >>> from strikemap.models import StrikeEvent
    >>> e = StrikeEvent("e1", "shelling", 35.81, 36.32, "Jisr ash-Shughur", None, 1)
    >>> write_events([e], None, "csv").splitlines()[0][:33]
    b'event_id,event_date,event_type,ac'
    """
    name = format_for(path, fmt, default="geojson", allowed=EVENT_FORMATS)
    frame = as_frame(events)
    records = to_records(frame, EVENT_COLUMNS)
    if name == "gpkg":
        if path is None or str(path) == "-":
            return gpkg_bytes(records)
        with atomic_path(path) as tmp:
            write_gpkg(records, tmp)
        return None
    if name == "geojson":
        text = geojson_text(feature_collection(records))
    elif name == "csv":
        text = csv_text(records, EVENT_COLUMNS)
    else:
        text = collection_text('{"events": [', events_to_json(frame)["events"])
    return _write_text(text, path, bom=bom and name == "csv")


def write_mentions(
    mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]],
    path: str | os.PathLike[str] | None,
    fmt: str | None = None,
    *,
    bom: bool = False,
) -> bytes | None:
    """Write mentions to ``path`` atomically, or return the bytes when ``path`` is None or ``-``.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.
    path
        The output file; None or ``-`` to get the bytes back.
    fmt
        ``json`` (the default when the suffix does not say), ``geojson`` or ``csv``.
    bom
        CSV only: start with a UTF-8 byte-order mark, for Excel.

    Returns
    -------
    bytes or None
        The encoded file when ``path`` is None or ``-``, else None.
    """
    name = format_for(path, fmt, default="json", allowed=MENTION_FORMATS)
    if name == "geojson":
        text = geojson_text(mentions_to_geojson(mentions))
    elif name == "csv":
        text = mentions_to_csv(mentions)
    else:
        articles = mentions_to_json(mentions)["articles"]
        text = collection_text('{"articles": [', articles)
    return _write_text(text, path, bom=bom and name == "csv")
