"""The events of a frame as the map shows them: points with usable coordinates, and display values read
from cells of any kind (text, counts, dates, list cells).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..values import is_missing
from ..vocab import FALLBACK_TYPE, type_codes

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["MapEvent", "display_text", "map_events"]


def display_text(value: Any) -> str | None:
    """A cell as stripped text to show, or None when it is missing or blank."""
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _count(value: Any) -> int | None:
    if is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if math.isnan(number) or math.isinf(number) or number < 0:
        return None
    return int(number)


def _texts(value: Any) -> list[str]:
    """A list column that may come as a list, an array, a JSON list string or 'a; b' text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                loaded = json.loads(stripped)
            except (ValueError, RecursionError):
                loaded = None
            if isinstance(loaded, list):
                return [t for t in (display_text(v) for v in loaded) if t]
        return [t for t in (p.strip() for p in re.split(r"[;|]", stripped)) if t]
    if isinstance(value, Iterable):
        return [t for t in (display_text(v) for v in value) if t]
    text = display_text(value)
    return [text] if text else []


def _date(value: Any) -> tuple[str | None, int | None]:
    """Display text and day number (for the date filter) of a date value."""
    if is_missing(value):
        return None, None
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat(), day.toordinal()
    text = str(value).strip()
    if not text:
        return None, None
    match = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if match:
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            return text, None
        return (match[0] if match[3] else text), day.toordinal()
    return text, None


class MapEvent:
    """One event as the map shows it: a point, its type in the vocabulary, and display values."""

    __slots__ = ("actors", "admin", "date", "day", "evidence", "fatalities", "injured", "lat", "location",
                 "location_ar", "lon", "sources", "targets", "type")

    def __init__(self, row: Mapping[str, Any], lat: float, lon: float) -> None:
        self.lat = lat
        self.lon = lon
        etype = display_text(row.get("event_type")) or FALLBACK_TYPE
        self.type = etype if etype in type_codes() else FALLBACK_TYPE
        self.date, self.day = _date(row.get("event_date"))
        self.actors = [a for a in (display_text(row.get("actor1")), display_text(row.get("actor2"))) if a]
        self.fatalities = _count(row.get("fatalities"))
        self.injured = _count(row.get("injured"))
        self.targets = _texts(row.get("targets"))
        self.location = display_text(row.get("location")) or "(unnamed place)"
        self.location_ar = display_text(row.get("location_ar"))
        admin = [display_text(row.get(k)) for k in ("admin3", "admin2", "admin1")]
        self.admin = ", ".join(dict.fromkeys(a for a in admin if a and a != self.location))
        self.evidence = display_text(row.get("evidence")) or ""
        sources = _texts(row.get("sources"))
        single = display_text(row.get("source"))
        self.sources = sources or ([single] if single else [])


def _numeric(series: Any) -> Any:
    import pandas as pd

    return pd.to_numeric(series, errors="coerce")


def map_events(frame: gpd.GeoDataFrame) -> tuple[list[MapEvent], int]:
    """Events with usable coordinates, and how many rows had none."""
    if getattr(frame, "crs", None) is not None and frame.crs.to_epsg() not in (4326, None):
        frame = frame.to_crs(4326)
    import numpy as np
    import shapely

    n = len(frame)
    columns = ("event_type", "event_date", "actor1", "actor2", "fatalities", "injured", "targets", "location",
               "location_ar", "admin1", "admin2", "admin3", "evidence", "sources", "source")
    values = {c: frame[c].tolist() if c in frame.columns else [None] * n for c in columns}
    lats = np.full(n, np.nan)
    lons = np.full(n, np.nan)
    if "geometry" in frame.columns:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        points = np.array([g is not None and shapely.get_type_id(g) == 0 for g in geoms], dtype=bool)
        if points.any():
            lons[points] = shapely.get_x(geoms[points].astype(object))
            lats[points] = shapely.get_y(geoms[points].astype(object))
    for name, target in (("latitude", lats), ("longitude", lons)):
        if name in frame.columns:
            fallback = np.asarray(_numeric(frame[name]), dtype=float)
            target[np.isnan(target)] = fallback[np.isnan(target)]
    ok = np.isfinite(lats) & np.isfinite(lons) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180)
    events = [
        MapEvent({c: values[c][i] for c in columns}, float(lats[i]), float(lons[i])) for i in np.flatnonzero(ok)
    ]
    return events, int(n - ok.sum())
