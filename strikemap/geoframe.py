"""Events and mentions as GeoDataFrames (EPSG:4326): the one place lat/lon become x/y.

The frame's columns are the DESIGN.md event fields (``StrikeEvent.to_dict``), with ``targets`` and
``sources`` as lists and a Point ``geometry`` at (lon, lat).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .models import Mention, StrikeEvent

if TYPE_CHECKING:
    import geopandas as gpd

CRS = "EPSG:4326"

# Column order of event frames and of every event export.
EVENT_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "place_id",
    "admin1",
    "admin2",
    "admin3",
    "admin3_pcode",
    "geo_precision",
    "fatalities",
    "injured",
    "targets",
    "source",
    "sources",
    "evidence",
    "confidence",
    "latitude",
    "longitude",
    "notes",
    "location_ar",
    "language",
)
# The event columns that hold lists (of target codes, of sources).
LIST_COLUMNS = frozenset({"targets", "sources"})
# Column order of mention frames and of every mention export.
MENTION_COLUMNS = (
    "source",
    "text",
    "start",
    "end",
    "role",
    "place_id",
    "name",
    "kind",
    "admin1",
    "score",
    "latitude",
    "longitude",
)


def events_to_frame(events: Iterable[StrikeEvent]) -> gpd.GeoDataFrame:
    """A GeoDataFrame of events, one row per event, Point geometry in EPSG:4326.

    A missing value is None in every column (an event's empty ``notes`` or ``source`` too, never ``''``),
    as it is null in every file :mod:`strikemap.export` writes.
    """
    rows = [{k: None if v == "" else v for k, v in e.to_dict().items()} for e in events]
    return records_to_frame(rows, EVENT_COLUMNS)


def mentions_to_frame(mentions: Sequence[tuple[str, Mention]]) -> gpd.GeoDataFrame:
    """A GeoDataFrame of resolved mentions, given as ``(source, mention)`` pairs."""
    rows = []
    for source, mention in mentions:
        row = {"source": source, **mention.to_dict()}
        row["latitude"], row["longitude"] = row.pop("lat"), row.pop("lon")
        rows.append(row)
    return records_to_frame(rows, MENTION_COLUMNS)


def records_to_frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> gpd.GeoDataFrame:
    """Rows with ``latitude``/``longitude`` to a GeoDataFrame (rows without coordinates get no geometry)."""
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    geometry = gpd.points_from_xy(lon, lat, crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)
