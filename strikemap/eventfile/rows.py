"""Rows of an event file to validated events: defaults, repairs (swapped coordinates, repeated ids), warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventFileError
from ..geo import SYRIA_BBOX
from ..geoframe import LIST_COLUMNS, events_to_frame
from ..models import StrikeEvent
from ..sanitize import clean_text
from ..values import as_list, is_missing
from ..vocab import FALLBACK_TYPE, type_codes
from .acled import acled_event_type
from .cells import cell_count, cell_date, cell_number, cell_text

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["LAT_KEYS", "LON_KEYS", "SWAP_CHECK_BOX", "EventFile", "RowReader"]

# Where a point must fall to be taken as it is rather than as swapped lat/lon: Syria's box with 0.1 degree
# to spare, for border villages coded on the line.
SWAP_CHECK_BOX = SYRIA_BBOX.grown(0.1)

LAT_KEYS = ("latitude", "lat", "y")
LON_KEYS = ("longitude", "lon", "lng", "long", "x")
DEFAULT_GEO_PRECISION = 1
DEFAULT_CONFIDENCE = 0.5


@dataclass
class EventFile:
    """What an event file held: its events, the format it was read as, and what was repaired on the way."""

    path: Path
    format: str
    events: list[StrikeEvent]
    warnings: list[str] = field(default_factory=list)

    @property
    def frame(self) -> gpd.GeoDataFrame:
        """The events as a GeoDataFrame with the :data:`~strikemap.geoframe.EVENT_COLUMNS`."""
        return events_to_frame(self.events)


@dataclass
class RowReader:
    """Reads the rows of one file (``path``) into events, keeping what was repaired in ``warnings``."""

    path: str
    fix_swapped: bool
    warnings: list[str] = field(default_factory=list)
    unnumbered: int = 0

    def event(self, row: Mapping[str, Any], where: str, number: int) -> StrikeEvent:
        """One event from a row keyed by our field names (values of any type; missing → defaults)."""
        notes = [n for n in [cell_text(row.get("notes"))] if n]
        event_id = cell_text(row.get("event_id"))
        if event_id is None:
            self.unnumbered += 1
            event_id = f"{Path(self.path).stem}-{number}"
        raw_type = cell_text(row.get("event_type"))
        if raw_type is None:
            event_type = FALLBACK_TYPE
        elif raw_type in type_codes():
            event_type = raw_type
        else:
            event_type = acled_event_type(raw_type)
            notes.append(f"original event_type: {raw_type}")
        lat, lon = self.coordinates(row, where, notes)
        raw_date = row.get("event_date")
        event_date = cell_date(raw_date)
        if event_date is None and cell_text(raw_date):
            notes.append(f"original event_date: {cell_text(raw_date)}")
            self.warnings.append(f"{where}: event_date {cell_text(raw_date)!r} is not a date; left empty")
        geo_precision = cell_count(row.get("geo_precision"), "geo_precision", where)
        confidence = cell_number(row.get("confidence"), "confidence", where)
        kwargs: dict[str, Any] = {
            "event_id": event_id,
            "event_type": event_type,
            "lat": lat,
            "lon": lon,
            "location": cell_text(row.get("location")) or "",
            "place_id": cell_text(row.get("place_id")),
            "geo_precision": DEFAULT_GEO_PRECISION if geo_precision is None else geo_precision,
            "event_date": event_date,
            "fatalities": cell_count(row.get("fatalities"), "fatalities", where),
            "injured": cell_count(row.get("injured"), "injured", where),
            "source": cell_text(row.get("source")) or "",
            "evidence": cell_text(row.get("evidence")) or "",
            "confidence": DEFAULT_CONFIDENCE if confidence is None else confidence,
            "notes": "; ".join(notes),
        }
        for name in ("actor1", "actor2", "admin1", "admin2", "admin3", "admin3_pcode", "location_ar", "language"):
            kwargs[name] = cell_text(row.get(name))
        for name in LIST_COLUMNS:
            value = row.get(name)
            kwargs[name] = tuple(as_list(value, drop_empty=True))
        for name, value in kwargs.items():  # control characters never enter the program
            if isinstance(value, str):
                kwargs[name] = clean_text(value)
            elif isinstance(value, tuple):
                kwargs[name] = tuple(clean_text(item) for item in value)
        if list(kwargs["sources"]) == [kwargs["source"]]:
            kwargs["sources"] = ()  # what StrikeEvent.to_dict writes for "just the one source"
        try:
            return StrikeEvent(**kwargs)
        except ValueError as exc:
            message = str(exc).removeprefix(f"{event_id}: ")
            raise EventFileError(f"{where}: {message}") from None

    def coordinates(self, row: Mapping[str, Any], where: str, notes: list[str]) -> tuple[float, float]:
        lat_key = next((k for k in LAT_KEYS if not is_missing(row.get(k))), "latitude")
        lon_key = next((k for k in LON_KEYS if not is_missing(row.get(k))), "longitude")
        lat = cell_number(row.get(lat_key), "latitude", where)
        lon = cell_number(row.get(lon_key), "longitude", where)
        if lat is None or lon is None:
            missing = " and ".join(n for n, v in (("latitude", lat), ("longitude", lon)) if v is None)
            raise EventFileError(f"{where}: {missing} missing; every event needs a point")
        if abs(lon) > 180:
            raise EventFileError(f"{where}: longitude {lon} out of range -180..180")
        swapped = False
        if abs(lat) > 90:
            if not (self.fix_swapped and abs(lon) <= 90):
                raise EventFileError(f"{where}: latitude {lat} out of range -90..90")
            swapped = True
        elif self.fix_swapped and not _in_syria(lat, lon) and _in_syria(lon, lat):
            swapped = True
        if swapped:
            self.warnings.append(f"{where}: latitude and longitude were swapped (lat {lat}, lon {lon}); swapped back")
            notes.append("latitude/longitude swapped back on reading")
            lat, lon = lon, lat
        return lat, lon

    def finish(self, events: list[StrikeEvent], fmt: str) -> EventFile:
        """Make event ids unique and gather the warnings."""
        seen: set[str] = {e.event_id for e in events}
        used: set[str] = set()
        # The next suffix to try per id: the free suffixes of one id only grow, so each duplicate
        # resumes where the last one stopped (linear time on a file of one row repeated).
        next_suffix: dict[str, int] = {}
        renamed: list[str] = []
        out: list[StrikeEvent] = []
        for event in events:
            if event.event_id not in used:
                used.add(event.event_id)
                out.append(event)
                continue
            n = next_suffix.get(event.event_id, 2)
            while f"{event.event_id}-{n}" in seen or f"{event.event_id}-{n}" in used:
                n += 1
            next_suffix[event.event_id] = n + 1
            new_id = f"{event.event_id}-{n}"
            used.add(new_id)
            renamed.append(f"{event.event_id} → {new_id}")
            note = f"event_id {event.event_id} was a duplicate in the file"
            out.append(_replace(event, event_id=new_id, notes=f"{event.notes}; {note}" if event.notes else note))
        if renamed:
            shown = ", ".join(renamed[:5]) + (", …" if len(renamed) > 5 else "")
            self.warnings.append(f"{self.path}: {len(renamed)} duplicate event_id(s) made unique ({shown}); rows kept")
        if self.unnumbered:
            self.warnings.append(f"{self.path}: {self.unnumbered} event(s) had no event_id; numbered by row")
        return EventFile(path=Path(self.path), format=fmt, events=out, warnings=self.warnings)


def _replace(event: StrikeEvent, **changes: Any) -> StrikeEvent:
    from dataclasses import replace

    return replace(event, **changes)


def _in_syria(lat: float, lon: float) -> bool:
    return SWAP_CHECK_BOX.contains(lat, lon)
