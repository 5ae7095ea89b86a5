"""Reading event files back: GeoJSON, GeoPackage, CSV and JSON as ``strikemap events`` writes them,
any FeatureCollection of Points with those properties, and ACLED-style CSV exports.

Every row becomes a validated :class:`~strikemap.models.StrikeEvent`, so a file read back has exactly the
columns of :func:`strikemap.geoframe.events_to_frame`. What cannot be read is an :class:`EventFileError`
whose one-line message names the file, the row and the problem (``events.csv:14: latitude 123.4 out of
range -90..90``). What can be repaired is repaired and reported in :attr:`EventFile.warnings` (and in
the event's ``notes``):

- latitude and longitude swapped: when the latitude is beyond ±90 but the longitude is not, or when the
  point lies outside Syria's bounding box and the swapped one inside (points in north-west Syria swapped
  usually stay inside the box, so they cannot be told from real ones and are left alone);
- duplicate ``event_id``: later rows get ``-2``, ``-3``…, both rows are kept;
- an ``event_type`` outside the vocabulary (or ACLED's types): mapped onto it, the original kept in notes;
- missing fields get defaults: ``geo_precision`` 1 (a point was given), ``confidence`` 0.5, lists empty,
  no ``event_id`` → ``<file stem>-<row>``; a date that cannot be read becomes null, the text kept in notes.

ACLED columns map as ``event_id_cnty`` → ``event_id``, ``notes`` → ``evidence``, ``source`` → ``source``
(and split on ``;`` into ``sources``), ``event_type``/``sub_event_type`` → our ``event_type`` (see
:func:`acled_event_type`), the rest by name; ACLED has no injured count, targets or confidence.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sys
import warnings as pywarnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EventFileError, NotFoundError
from .export import LIST_COLUMNS, is_missing, split_list
from .geoframe import events_to_frame
from .models import StrikeEvent
from .sanitize import clean_text, restore_cell
from .vocab import FALLBACK_TYPE, derived, event_types, type_codes

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "SYRIA_BBOX",
    "EventFile",
    "acled_event_type",
    "detect_format",
    "looks_like_event_file",
    "read_event_file",
    "read_events",
]

# (min_lat, max_lat, min_lon, max_lon) of Syria, a little padded.
SYRIA_BBOX = (32.2, 37.4, 35.6, 42.45)

SQLITE_MAGIC = b"SQLite format 3\x00"
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
EVENT_SUFFIXES = frozenset({".geojson", ".gpkg"})
NULL_WORDS = frozenset({"", "na", "n/a", "nan", "null", "none"})
LAT_KEYS = ("latitude", "lat", "y")
LON_KEYS = ("longitude", "lon", "lng", "long", "x")
ACLED_MARKERS = frozenset({"event_id_cnty", "sub_event_type", "event_id_no_cnty", "iso3", "inter1"})
ACLED_ID_COLUMNS = ("event_id_cnty", "event_id_no_cnty", "data_id", "event_id")
DEFAULT_GEO_PRECISION = 1
DEFAULT_CONFIDENCE = 0.5

MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \-/]([A-Za-z]+)\.?[ \-/,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


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


# --- format detection ----------------------------------------------------------------------------


def _header_fields(text: str) -> list[str]:
    first = text.split("\n", 1)[0].strip("\r")
    delimiter = _delimiter(first)
    try:
        row = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []
    return [cell.strip().lower() for cell in row]


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _sniff(head: bytes, suffix: str) -> str | None:
    """The format of a file from its first bytes, or None when it is not an event file."""
    if head.startswith(SQLITE_MAGIC):
        return "gpkg"
    try:
        text = head.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a character cut at the end of the head is fine
            return None
        text = head[: exc.start].decode("utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        if re.search(r'"type"\s*:\s*"Feature(Collection)?"', stripped):
            return "geojson"
        if re.search(r'"events"\s*:\s*\[', stripped):
            return "json"
        return "geojson" if suffix == ".geojson" else None
    fields = set(_header_fields(stripped))
    if fields & ACLED_MARKERS:
        return "acled"
    has_coords = bool(fields & set(LAT_KEYS)) and bool(fields & set(LON_KEYS))
    if has_coords and fields & {"event_id", "event_type"}:
        return "csv"
    return None


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format of an event file, from its content: ``geojson``, ``gpkg``, ``csv``, ``acled`` or ``json``.

    Parameters
    ----------
    path
        The file.

    Raises
    ------
    NotFoundError
        The file does not exist.
    EventFileError
        The file is empty or is not an event file of a known kind.
    """
    target = Path(path)
    head = _read_bytes(target, 65536)
    if not head.strip():
        raise EventFileError(f"{path}: empty file, expected GeoJSON, GeoPackage or CSV events")
    found = _sniff(head, target.suffix.lower())
    if found is None:
        if target.suffix.lower() == ".gpkg":
            raise EventFileError(f"{path}: not a GeoPackage (no SQLite header); the file is damaged or of another kind")
        raise EventFileError(
            f"{path}: not an event file (expected a GeoJSON FeatureCollection, a GeoPackage, "
            "or a CSV with event_id/event_type and latitude/longitude columns, or an ACLED export)"
        )
    return found


def looks_like_event_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an event file (to read with :func:`read_events`) rather than an article.

    ``.geojson`` and ``.gpkg`` files are event files by name (reading one that is damaged then gives a
    precise error); ``.txt``, ``.md`` and ``.html`` files are articles; anything else, CSV and JSON
    included, is judged by its first bytes (a GeoPackage header, a GeoJSON FeatureCollection,
    ``{"events": [...]}``, or a CSV header with event or ACLED columns), so that other CSVs in a folder
    (gazetteer sources, say) are not taken for events. Never raises: a missing or unreadable path is not
    an event file.

    Examples
    --------
    >>> looks_like_event_file("data/articles/idlib-2019-05-bombing.txt")
    False
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return False
    if suffix in EVENT_SUFFIXES:
        return True
    try:
        if not target.is_file():
            return False
        with target.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return _sniff(head, suffix) is not None


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    if not path.exists():
        raise NotFoundError(f"{path}: no such event file")
    if path.is_dir():
        raise EventFileError(f"{path}: is a folder, expected an event file")
    with path.open("rb") as fh:
        return fh.read(limit)


# --- values --------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item"):
        return _text(value.item())
    return str(value)


def _short(value: Any, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters: a hostile cell must not flood the message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _number(value: Any, name: str, where: str) -> float | None:
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise EventFileError(f"{where}: {name} {_short(value)} is not a number")
    if isinstance(value, str):
        if value.strip().lower() in NULL_WORDS:
            return None
        try:
            number = float(value.strip().replace("\u2212", "-"))
        except ValueError:
            raise EventFileError(f"{where}: {name} {_short(value)} is not a number") from None
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise EventFileError(f"{where}: {name} {_short(value)} is not a number") from None
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise EventFileError(f"{where}: {name} {_short(value)} is not a finite number")
    return number


def _int(value: Any, name: str, where: str) -> int | None:
    number = _number(value, name, where)
    if number is None:
        return None
    if not number.is_integer() or number < 0:
        raise EventFileError(f"{where}: {name} {_short(value)} is not a whole number >= 0")
    return int(number)


def _date(value: Any) -> str | None:
    """An ISO date from ISO text, ``12 May 2019``, ``12-May-19``, ``May 12, 2019`` or a date object."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return str(value.to_pydatetime().date().isoformat())
    text = str(value).strip()
    if not text:
        return None
    parts: tuple[str, str, str] | None = None
    if match := _ISO_DATE.match(text):
        parts = (match[1], str(int(match[2])), match[3])
    elif match := _DAY_MONTH_YEAR.match(text):
        month = MONTHS.get(match[2].lower())
        if month:
            year = match[3] if len(match[3]) == 4 else f"20{match[3]}"
            parts = (year, str(month), match[1])
    elif match := _MONTH_DAY_YEAR.match(text):
        month = MONTHS.get(match[1].lower())
        if month:
            parts = (match[3], str(month), match[2])
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


# --- event types ---------------------------------------------------------------------------------


@derived
def _acled_words() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    """``(code, refines, words)`` of the types with ACLED words, most specific first (by rank)."""
    types = sorted(event_types(), key=lambda t: t.rank)
    return tuple((t.code, t.acled_refines, re.compile(t.acled_words)) for t in types if t.acled_words is not None)


@derived
def _acled_sub_events() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(code, words)``: an ACLED sub-event type holding one of the words is that type (first row first)."""
    return tuple((t.code, t.acled_sub_events) for t in event_types() if t.acled_sub_events)


@derived
def _acled_event_types() -> dict[str, str]:
    """Our type for each ACLED event type that names one when its sub-event type does not."""
    return {name: t.code for t in event_types() for name in t.acled_event_types}


def _type_from_words(text: str) -> str | None:
    return next((code for code, _, words in _acled_words() if words.search(text)), None)


def acled_event_type(event_type: str | None, sub_event_type: str | None = None, notes: str | None = None) -> str:
    """Our ``event_type`` for an ACLED ``event_type``/``sub_event_type`` pair, refined by the ACLED notes.

    ``Air/drone strike`` is ``air_strike``, or ``drone_strike`` / ``barrel_bomb`` when the notes say so;
    ``Shelling/artillery/missile attack`` is ``shelling``, or ``missile_strike`` when the notes speak of
    a missile; ``Armed clash`` and the territory sub-types (and ``Battles``) are ``ground_clash``;
    anything else ``other``. Free text such as ``"Air strike"`` maps by its words.

    Examples
    --------
    >>> acled_event_type("Explosions/Remote violence", "Air/drone strike", "Russian drone struck Sarmin")
    'drone_strike'
    >>> acled_event_type("Battles", "Armed clash")
    'ground_clash'
    """
    sub = (sub_event_type or "").strip().lower()
    main = (event_type or "").strip().lower()
    words = (notes or "").lower()
    if main in type_codes() and not sub:
        return main
    for code, sub_events in _acled_sub_events():
        if any(word in sub for word in sub_events):
            # a more precise type the notes name ("Air/drone strike" whose notes speak of a barrel bomb)
            refined = (kind for kind, refines, pattern in _acled_words() if refines == code and pattern.search(words))
            return next(refined, code)
    if main in _acled_event_types():
        return _acled_event_types()[main]
    if sub:
        return FALLBACK_TYPE
    return _type_from_words(main) or FALLBACK_TYPE


# --- rows to events ------------------------------------------------------------------------------


@dataclass
class _Reader:
    path: str
    fix_swapped: bool
    warnings: list[str] = field(default_factory=list)
    unnumbered: int = 0

    def event(self, row: Mapping[str, Any], where: str, number: int) -> StrikeEvent:
        """One event from a row keyed by our field names (values of any type; missing → defaults)."""
        notes = [n for n in [_text(row.get("notes"))] if n]
        event_id = _text(row.get("event_id"))
        if event_id is None:
            self.unnumbered += 1
            event_id = f"{Path(self.path).stem}-{number}"
        raw_type = _text(row.get("event_type"))
        if raw_type is None:
            event_type = FALLBACK_TYPE
        elif raw_type in type_codes():
            event_type = raw_type
        else:
            event_type = acled_event_type(raw_type)
            notes.append(f"original event_type: {raw_type}")
        lat, lon = self.coordinates(row, where, notes)
        raw_date = row.get("event_date")
        event_date = _date(raw_date)
        if event_date is None and _text(raw_date):
            notes.append(f"original event_date: {_text(raw_date)}")
            self.warnings.append(f"{where}: event_date {_text(raw_date)!r} is not a date; left empty")
        geo_precision = _int(row.get("geo_precision"), "geo_precision", where)
        confidence = _number(row.get("confidence"), "confidence", where)
        kwargs: dict[str, Any] = {
            "event_id": event_id,
            "event_type": event_type,
            "lat": lat,
            "lon": lon,
            "location": _text(row.get("location")) or "",
            "place_id": _text(row.get("place_id")),
            "geo_precision": DEFAULT_GEO_PRECISION if geo_precision is None else geo_precision,
            "event_date": event_date,
            "fatalities": _int(row.get("fatalities"), "fatalities", where),
            "injured": _int(row.get("injured"), "injured", where),
            "source": _text(row.get("source")) or "",
            "evidence": _text(row.get("evidence")) or "",
            "confidence": DEFAULT_CONFIDENCE if confidence is None else confidence,
            "notes": "; ".join(notes),
        }
        for name in ("actor1", "actor2", "admin1", "admin2", "admin3", "admin3_pcode", "location_ar", "language"):
            kwargs[name] = _text(row.get(name))
        for name in LIST_COLUMNS:
            value = row.get(name)
            kwargs[name] = tuple(split_list(value) if isinstance(value, str) else _list(value))
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
        lat = _number(row.get(lat_key), "latitude", where)
        lon = _number(row.get(lon_key), "longitude", where)
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


def _list(value: Any) -> list[str]:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if not is_missing(item) and str(item)]
    if is_missing(value):
        return []
    return [str(value)]


def _in_syria(lat: float, lon: float) -> bool:
    min_lat, max_lat, min_lon, max_lon = SYRIA_BBOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


# --- formats -------------------------------------------------------------------------------------


def _json_document(data: bytes, path: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EventFileError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise EventFileError(f"{path}: JSON nested too deeply to be an event file") from None
    except json.JSONDecodeError as exc:
        # an open string or a document that ends early means the file was cut off
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        what = "truncated" if truncated else "invalid"
        detail = exc.msg.removesuffix(" at")
        raise EventFileError(f"{path}:{exc.lineno}:{exc.colno}: {what} JSON ({detail})") from None
    except ValueError:  # an integer of more digits than Python converts
        raise EventFileError(
            f"{path}: invalid JSON (a number too long to read: over {sys.get_int_max_str_digits()} digits)"
        ) from None


def _crs_name(document: Mapping[str, Any]) -> str | None:
    crs = document.get("crs")
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties")
    name = props.get("name") if isinstance(props, dict) else None
    return str(name) if name else None


def _read_geojson(data: bytes, reader: _Reader) -> list[StrikeEvent]:
    path = reader.path
    document = _json_document(data, path)
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise EventFileError(f"{path}: GeoJSON of type {kind!r}, expected a FeatureCollection of Point features")
    crs = _crs_name(document)
    if crs and not re.search(r"CRS84|4326", crs):
        raise EventFileError(f"{path}: coordinates in {crs}; reproject to WGS 84 (EPSG:4326) first")
    features = document.get("features")
    if not isinstance(features, list):
        raise EventFileError(f"{path}: FeatureCollection without a \"features\" list")
    events = []
    for index, feature in enumerate(features):
        where = f"{path}: features[{index}]"
        if not isinstance(feature, dict):
            raise EventFileError(f"{where}: not a Feature object")
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise EventFileError(f"{where}: properties is not an object")
        row = dict(properties)
        geometry = feature.get("geometry")
        if geometry is not None:
            if not isinstance(geometry, dict) or geometry.get("type") != "Point":
                kind = geometry.get("type") if isinstance(geometry, dict) else geometry
                raise EventFileError(f"{where}: geometry is {kind!r}, expected a Point")
            coordinates = geometry.get("coordinates")
            if not isinstance(coordinates, list) or len(coordinates) < 2:
                raise EventFileError(f"{where}: Point coordinates {coordinates!r}, expected [lon, lat]")
            row["longitude"], row["latitude"] = coordinates[0], coordinates[1]
        events.append(reader.event(row, where, index + 1))
    return events


def _read_json(data: bytes, reader: _Reader) -> list[StrikeEvent]:
    document = _json_document(data, reader.path)
    rows = document.get("events") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise EventFileError(f"{reader.path}: JSON without an \"events\" list")
    events = []
    for index, row in enumerate(rows):
        where = f"{reader.path}: events[{index}]"
        if not isinstance(row, dict):
            raise EventFileError(f"{where}: not an object")
        events.append(reader.event(row, where, index + 1))
    return events


def _csv_rows(data: bytes, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each record of a CSV, keys lower-cased; checks shape and encoding."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EventFileError(f"{path}:{line}: not UTF-8 text; save the CSV as UTF-8") from None
    if "\x00" in text:
        raise EventFileError(f"{path}: binary data in a CSV; the file is damaged or not a CSV")
    first = text.split("\n", 1)[0].strip("\r")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise EventFileError(f"{path}: empty CSV, expected a header row") from None
    except csv.Error as exc:
        raise EventFileError(f"{path}:1: malformed CSV header ({exc})") from None
    if len(set(header)) != len(header):
        duplicates = sorted({h for h in header if header.count(h) > 1})
        raise EventFileError(f"{path}:1: repeated column(s) {', '.join(duplicates)} in the header")
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            what = "truncated" if "end of data" in str(exc) else "malformed"
            raise EventFileError(f"{path}:{line}: {what} CSV record ({exc})") from None
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            hint = "truncated?" if len(cells) < len(header) else "an unquoted delimiter in a value?"
            raise EventFileError(f"{path}:{line}: {len(cells)} fields, the header has {len(header)} ({hint})")
        # Cells defused against spreadsheet formulas (by strikemap or by the same rule) are restored.
        yield line, dict(zip(header, (restore_cell(c) for c in cells), strict=True))


def _read_csv(data: bytes, reader: _Reader) -> list[StrikeEvent]:
    rows = enumerate(_csv_rows(data, reader.path), 1)
    return [reader.event(row, f"{reader.path}:{line}", n) for n, (line, row) in rows]


def _acled_row(row: Mapping[str, str]) -> dict[str, Any]:
    notes_text = row.get("notes") or ""
    main, sub = row.get("event_type") or "", row.get("sub_event_type") or ""
    original = " / ".join(t for t in (main, sub) if t)
    source = row.get("source") or ""
    out: dict[str, Any] = {
        "event_id": next((row[k] for k in ACLED_ID_COLUMNS if row.get(k)), None),
        "event_date": row.get("event_date"),
        "event_type": acled_event_type(main, sub, notes_text),
        "evidence": notes_text,
        "source": source,
        "sources": split_list(source),
        "notes": f"ACLED {original}" if original else "",
    }
    for name in ("actor1", "actor2", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "fatalities"):
        out[name] = row.get(name)
    return out


def _read_acled(data: bytes, reader: _Reader) -> list[StrikeEvent]:
    return [
        reader.event(_acled_row(row), f"{reader.path}:{line}", n)
        for n, (line, row) in enumerate(_csv_rows(data, reader.path), 1)
    ]


def _read_gpkg(path: Path, reader: _Reader) -> list[StrikeEvent]:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    name = reader.path
    with pywarnings.catch_warnings():
        # GDAL warns about GeoPackages not named *.gpkg; the content was checked already
        pywarnings.simplefilter("ignore", RuntimeWarning)
        try:
            layers = [str(layer) for layer, _ in pyogrio.list_layers(path)]
            if "events" in layers:
                layer = "events"
            elif len(layers) == 1:
                layer = layers[0]
            else:
                found = ", ".join(layers) or "none"
                raise EventFileError(f"{name}: no layer 'events' and not exactly one layer (found: {found})")
            frame = pyogrio.read_dataframe(path, layer=layer, fid_as_index=True)
        except (DataSourceError, DataLayerError) as exc:
            detail = " ".join(str(exc).split())
            raise EventFileError(f"{name}: not a readable GeoPackage ({detail}); truncated or damaged?") from None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    columns = [str(c).lower() for c in frame.columns]
    geometry = frame.geometry
    events = []
    for n, (fid, values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None), strict=True), 1):
        where = f"{name}: layer {layer}, fid {fid}"
        row = dict(zip(columns, values, strict=True))
        point = geometry.iloc[n - 1]
        if point is not None and not point.is_empty:
            if point.geom_type != "Point":
                raise EventFileError(f"{where}: geometry is {point.geom_type}, expected a Point")
            row["longitude"], row["latitude"] = point.x, point.y
        events.append(reader.event(row, where, n))
    return events


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
    reader = _Reader(path=str(path), fix_swapped=fix_swapped)
    if fmt == "gpkg":
        events = _read_gpkg(target, reader)
    else:
        data = _read_bytes(target)
        parse = {"geojson": _read_geojson, "json": _read_json, "csv": _read_csv, "acled": _read_acled}[fmt]
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
