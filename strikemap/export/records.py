"""A frame (or a list of events or mentions) as plain records: one JSON-ready dict per row, typed by column."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..geoframe import LIST_COLUMNS, events_to_frame, mentions_to_frame
from ..models import Mention, StrikeEvent
from ..values import as_list, is_missing

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["COORD_COLUMNS", "COORD_DECIMALS", "FLOAT_COLUMNS", "INT_COLUMNS", "as_frame", "lon_lat", "plain",
           "to_records"]

COORD_DECIMALS = 6

# How each column is typed on the way out; anything not named here is text.
INT_COLUMNS = frozenset({"geo_precision", "fatalities", "injured", "start", "end"})
FLOAT_COLUMNS = frozenset({"confidence", "latitude", "longitude", "score"})
COORD_COLUMNS = ("latitude", "longitude")


def plain(column: str, value: Any) -> Any:
    """A frame cell as a plain JSON-ready Python value (None for missing, lists for list columns)."""
    if column in LIST_COLUMNS:
        return as_list(value)
    if is_missing(value):
        return None
    if column in INT_COLUMNS:
        if isinstance(value, bool):
            return int(value)
        number = float(value)
        return int(number) if number.is_integer() else number
    if column in FLOAT_COLUMNS:
        return float(value)
    if isinstance(value, str):
        return value or None  # an empty text is a missing one, null in every format
    if hasattr(value, "isoformat"):  # a date parsed by a reader
        text: str = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def as_frame(data: Any, kind: str = "events") -> gpd.GeoDataFrame:
    """A GeoDataFrame from a frame, a list of events, or (for mentions) ``(source, Mention)`` pairs."""
    import geopandas as gpd

    if isinstance(data, gpd.GeoDataFrame):
        return data
    items = list(data)
    if kind == "events":
        for item in items:
            if not isinstance(item, StrikeEvent):
                raise InputError(
                    f"cannot export {type(item).__name__} as an event: give StrikeEvents or a GeoDataFrame"
                )
        return events_to_frame(items)
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Mention)):
            raise InputError(f"cannot export {type(item).__name__} as a mention: give (source, Mention) pairs")
    return mentions_to_frame(items)


def to_records(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Plain dicts in ``columns`` order; ``latitude``/``longitude`` come from the geometry when it has them."""
    present = [c for c in columns if c in frame.columns]
    geometry = frame.geometry if frame.geometry.name in frame.columns else None
    out: list[dict[str, Any]] = []
    for position, row in enumerate(frame.itertuples(index=False, name=None)):
        values = dict(zip(frame.columns, row, strict=True))
        record = {c: (plain(c, values[c]) if c in present else ([] if c in LIST_COLUMNS else None)) for c in columns}
        if geometry is not None:
            point = geometry.iloc[position]
            # rows without coordinates have an empty point, or POINT (nan nan) from points_from_xy
            if point is not None and not point.is_empty and point.geom_type == "Point":
                x, y = float(point.x), float(point.y)
                if math.isfinite(x) and math.isfinite(y):
                    record["longitude"], record["latitude"] = x, y
        out.append(record)
    return out


def lon_lat(record: Mapping[str, Any]) -> list[float] | None:
    """A record's point as GeoJSON ``[lon, lat]``, rounded; None when it has none."""
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return [round(float(lon), COORD_DECIMALS), round(float(lat), COORD_DECIMALS)]
