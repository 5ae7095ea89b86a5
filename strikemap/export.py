"""Writing events and mentions to files GIS tools and scripts read: GeoJSON, GeoPackage, CSV, JSON.

Every writer takes either a GeoDataFrame (from :func:`strikemap.geoframe.events_to_frame`, or one read
back by :mod:`strikemap.eventfile`) or a list of :class:`~strikemap.models.StrikeEvent`, and every file
is written atomically: to a temporary file beside the target, renamed over it on success, so an
interrupted export never leaves a partial file.

Formats
-------
``geojson``
    An RFC 7946 FeatureCollection of Point features, coordinates ``[lon, lat]`` rounded to 6 decimals
    (about 0.1 m), no ``crs`` member (RFC 7946 is always WGS 84). Properties are the DESIGN.md event
    fields in :data:`~strikemap.geoframe.EVENT_COLUMNS` order, less ``latitude``/``longitude`` (the
    geometry holds them); ``targets`` and ``sources`` are JSON arrays, missing values ``null``.
    Written with the :mod:`json` module, one feature per line, so output is deterministic and diffs well.
``gpkg``
    A GeoPackage (version 1.3, which GDAL 3.x and QGIS 3 read without a warning) with one layer
    ``events`` in EPSG:4326, written with pyogrio. Field types: ``event_date`` Date (so QGIS's
    temporal controller and date filters use it), ``geo_precision`` Integer, ``fatalities``/``injured``
    Integer64, ``confidence``/``latitude``/``longitude`` Real, everything else String. GeoPackage has
    no list type, so ``targets`` and ``sources`` are strings, the items joined with ``;``
    (``hospital;market``); a ``;`` inside an item is written as ``%3B``.
``csv``
    The :data:`~strikemap.geoframe.EVENT_COLUMNS` (which include ``latitude`` and ``longitude``) with a
    header row, UTF-8, ``\\r\\n`` line ends (RFC 4180), lists ``;``-joined as in the GeoPackage.
    There is no byte-order mark by default: pass ``bom=True`` for Excel on Windows, which otherwise
    guesses a legacy code page and garbles Arabic. A CSV cannot tell an empty text from a missing one;
    reading back gives ``None`` for both. A text cell a spreadsheet would evaluate as a formula (one
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and not a plain number) is
    written with a leading ``'`` (:func:`strikemap.sanitize.defuse_cell`, OWASP's advice), which
    strikemap's readers remove again, so the text survives a round trip. Numeric columns are numbers.
``json``
    ``{"events": [...]}``, one object per event with the DESIGN.md field names, for scripts.

Missing values, one rule in every format: a value that is not known (no date, no count, no second
actor, no notes, an empty text) is null in GeoJSON and JSON, NULL in the GeoPackage and an empty cell
in CSV; never an empty string where a null can be written. Lists: JSON arrays in GeoJSON and JSON
(``[]`` when empty), ``;``-joined strings in CSV and the GeoPackage (NULL, or an empty cell, when empty).

Mentions (``geocode``) are written as GeoJSON (unresolved mentions get a ``null`` geometry), CSV, or
the DESIGN.md ``{"articles": [{"source": ..., "mentions": [...]}]}`` JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import atomic_path, write_or_return
from .errors import InputError
from .geoframe import CRS, EVENT_COLUMNS, events_to_frame, mentions_to_frame
from .models import Mention, StrikeEvent
from .sanitize import clean_text, defuse_cell

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "EVENT_FORMATS",
    "MENTION_COLUMNS",
    "MENTION_FORMATS",
    "events_to_csv",
    "events_to_geojson",
    "events_to_json",
    "format_for",
    "is_missing",
    "join_list",
    "mentions_to_csv",
    "mentions_to_geojson",
    "mentions_to_json",
    "split_list",
    "write_events",
    "write_mentions",
]

EVENT_FORMATS = ("geojson", "gpkg", "csv", "json")
MENTION_FORMATS = ("geojson", "csv", "json")
SUFFIX_FORMATS = {".geojson": "geojson", ".json": "json", ".gpkg": "gpkg", ".csv": "csv"}

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

LAYER = "events"
# GeoPackage 1.4 (GDAL 3.7+) makes older GDAL and QGIS warn on opening; 1.3 holds all the layer needs.
GPKG_VERSION = "1.3"
COORD_DECIMALS = 6
LIST_SEPARATOR = ";"
LIST_SEPARATOR_ESCAPE = "%3B"

# How each column is typed on the way out; anything not named here is text.
INT_COLUMNS = frozenset({"geo_precision", "fatalities", "injured", "start", "end"})
FLOAT_COLUMNS = frozenset({"confidence", "latitude", "longitude", "score"})
LIST_COLUMNS = frozenset({"targets", "sources"})
COORD_COLUMNS = ("latitude", "longitude")


# --- formats -------------------------------------------------------------------------------------


def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None, *, default: str = "geojson",
               allowed: Sequence[str] = EVENT_FORMATS) -> str:
    """The output format: ``fmt`` when given, else inferred from the path's suffix, else ``default``.

    Parameters
    ----------
    path
        The output path, or None (or ``-``) for standard output.
    fmt
        An explicit format name (``--format``), case-insensitive.
    default
        The format when neither ``fmt`` nor a known suffix says.
    allowed
        The formats this output accepts.

    Raises
    ------
    InputError
        ``fmt`` is not one of ``allowed``, or the suffix names a format this output cannot write.

    Examples
    --------
    >>> format_for("out/events.gpkg")
    'gpkg'
    >>> format_for("events.txt", "csv")
    'csv'
    """
    if fmt:
        name = fmt.lower().lstrip(".")
        if name not in allowed:
            raise InputError(f"unknown format {fmt!r}: use one of {', '.join(allowed)}")
        return name
    if path is not None and str(path) != "-":
        suffix = Path(path).suffix.lower()
        if suffix in SUFFIX_FORMATS:
            name = SUFFIX_FORMATS[suffix]
            if name not in allowed:
                raise InputError(f"{path}: cannot write {name} here; use one of {', '.join(allowed)} "
                                 "(give --format or another suffix)")
            return name
    return default


# --- values --------------------------------------------------------------------------------------


def is_missing(value: Any) -> bool:
    """True for None, NaN (float or numpy), ``pandas.NA`` and ``NaT``: a cell with no value."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas comes with geopandas
        return False
    if value is pd.NA or value is pd.NaT:
        return True
    # numpy scalars (np.float64 nan) and the like
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return split_list(value)
    if hasattr(value, "tolist"):  # numpy arrays (list fields read by pyogrio) and numpy scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if not is_missing(item)]
    if is_missing(value):
        return []
    return [str(value)]


def join_list(items: Iterable[str]) -> str:
    """Items joined with ``;`` for CSV and GeoPackage cells (``;`` inside an item becomes ``%3B``).

    Examples
    --------
    >>> join_list(["hospital", "market"])
    'hospital;market'
    """
    return LIST_SEPARATOR.join(str(item).replace(LIST_SEPARATOR, LIST_SEPARATOR_ESCAPE) for item in items)


def split_list(text: str) -> list[str]:
    """The items of a list cell: ``;``-joined (as :func:`join_list` writes) or a JSON array of strings.

    Items are stripped and empty items dropped; ``%3B`` turns back into ``;``.

    Examples
    --------
    >>> split_list("hospital; market")
    ['hospital', 'market']
    >>> split_list('["school"]')
    ['school']
    """
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        # GDAL writes string lists as JSON arrays in GeoPackage and CSV
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(item, str) for item in parsed):
            return [item for item in parsed if item]
    items = (item.strip().replace(LIST_SEPARATOR_ESCAPE, LIST_SEPARATOR) for item in stripped.split(LIST_SEPARATOR))
    return [item for item in items if item]


def _plain(column: str, value: Any) -> Any:
    """A frame cell as a plain JSON-ready Python value (None for missing, lists for list columns)."""
    if column in LIST_COLUMNS:
        return _as_list(value)
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


def _frame(data: Any, kind: str = "events") -> gpd.GeoDataFrame:
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


def _records(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Plain dicts in ``columns`` order; ``latitude``/``longitude`` come from the geometry when it has them."""
    present = [c for c in columns if c in frame.columns]
    geometry = frame.geometry if frame.geometry.name in frame.columns else None
    out: list[dict[str, Any]] = []
    for position, row in enumerate(frame.itertuples(index=False, name=None)):
        values = dict(zip(frame.columns, row, strict=True))
        record = {c: (_plain(c, values[c]) if c in present else ([] if c in LIST_COLUMNS else None)) for c in columns}
        if geometry is not None:
            point = geometry.iloc[position]
            # rows without coordinates have an empty point, or POINT (nan nan) from points_from_xy
            if point is not None and not point.is_empty and point.geom_type == "Point":
                x, y = float(point.x), float(point.y)
                if math.isfinite(x) and math.isfinite(y):
                    record["longitude"], record["latitude"] = x, y
        out.append(record)
    return out


def _coordinates(record: Mapping[str, Any]) -> list[float] | None:
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return [round(float(lon), COORD_DECIMALS), round(float(lat), COORD_DECIMALS)]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# --- GeoJSON / JSON ------------------------------------------------------------------------------


def _geojson(records: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for record in records:
        coordinates = _coordinates(record)
        properties = {k: v for k, v in record.items() if k not in COORD_COLUMNS}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": coordinates} if coordinates else None,
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}


def events_to_geojson(events: gpd.GeoDataFrame | Iterable[StrikeEvent]) -> dict[str, Any]:
    """Events as an RFC 7946 FeatureCollection (a dict ready for :func:`json.dumps`).

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns, or StrikeEvents.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``: Point geometries ``[lon, lat]`` rounded to
        6 decimals, no ``crs``; properties the event fields (lists as lists, ``None`` when missing).

    Examples
    --------
    >>> from strikemap.models import StrikeEvent
    >>> e = StrikeEvent("e1", "air_strike", 35.81, 36.32, "Jisr ash-Shughur", None, 1)
    >>> events_to_geojson([e])["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [36.32, 35.81]}
    """
    return _geojson(_records(_frame(events), EVENT_COLUMNS))


def events_to_json(events: gpd.GeoDataFrame | Iterable[StrikeEvent]) -> dict[str, Any]:
    """Events as ``{"events": [...]}`` for scripts: the DESIGN.md fields, ``latitude``/``longitude`` included.

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns, or StrikeEvents.
    """
    records = _records(_frame(events), EVENT_COLUMNS)
    for record in records:
        for column in COORD_COLUMNS:
            if record[column] is not None:
                record[column] = round(record[column], COORD_DECIMALS)
    return {"events": records}


def _collection_text(head: str, items: Iterable[Any], tail: str = "]}") -> str:
    """``head`` + one JSON item per line + ``tail``: deterministic and diff-friendly."""
    lines = [_dumps(item) for item in items]
    if not lines:
        return head + tail + "\n"
    return head + "\n" + ",\n".join(lines) + "\n" + tail + "\n"


def _geojson_text(collection: dict[str, Any]) -> str:
    return _collection_text('{"type": "FeatureCollection", "features": [', collection["features"])


# --- CSV -----------------------------------------------------------------------------------------


def _csv_cell(column: str, value: Any) -> str:
    """The one place a CSV cell is written: numbers as numbers, text cleaned and defused against formulas."""
    if column in LIST_COLUMNS:
        return defuse_cell(clean_text(join_list(value)))
    if value is None:
        return ""
    if column in COORD_COLUMNS:
        return repr(round(float(value), COORD_DECIMALS))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (int, bool)):
        return str(value)
    return defuse_cell(clean_text(str(value)))


def _csv_text(records: list[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(c, record.get(c)) for c in columns])
    return buffer.getvalue()


def events_to_csv(events: gpd.GeoDataFrame | Iterable[StrikeEvent]) -> str:
    """Events as CSV text: header row, :data:`~strikemap.geoframe.EVENT_COLUMNS`, lists ``;``-joined.

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns, or StrikeEvents.

    Returns
    -------
    str
        The CSV text, ``\\r\\n`` line ends (RFC 4180), no byte-order mark (encode with ``utf-8-sig`` for Excel).
    """
    return _csv_text(_records(_frame(events), EVENT_COLUMNS), EVENT_COLUMNS)


# --- GeoPackage ----------------------------------------------------------------------------------


def _gpkg_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"event_date {value!r} is not a date: a GeoPackage Date field takes YYYY-MM-DD") from None


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


def _write_gpkg(records: list[dict[str, Any]], path: Path) -> None:
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


def _gpkg_bytes(records: list[dict[str, Any]]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="strikemap-") as folder:
        path = Path(folder) / "events.gpkg"
        _write_gpkg(records, path)
        return path.read_bytes()


# --- writers -------------------------------------------------------------------------------------


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
    frame = _frame(events)
    records = _records(frame, EVENT_COLUMNS)
    if name == "gpkg":
        if path is None or str(path) == "-":
            return _gpkg_bytes(records)
        with atomic_path(path) as tmp:
            _write_gpkg(records, tmp)
        return None
    if name == "geojson":
        text = _geojson_text(_geojson(records))
    elif name == "csv":
        text = _csv_text(records, EVENT_COLUMNS)
    else:
        text = _collection_text('{"events": [', events_to_json(frame)["events"])
    return _write_text(text, path, bom=bom and name == "csv")


# --- mentions ------------------------------------------------------------------------------------

def mentions_to_geojson(mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]]) -> dict[str, Any]:
    """Mentions as a GeoJSON FeatureCollection; unresolved mentions have a ``null`` geometry.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.
    """
    return _geojson(_records(_frame(mentions, "mentions"), MENTION_COLUMNS))


def mentions_to_csv(mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]]) -> str:
    """Mentions as CSV text with :data:`MENTION_COLUMNS` and a header row.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.
    """
    return _csv_text(_records(_frame(mentions, "mentions"), MENTION_COLUMNS), MENTION_COLUMNS)


def mentions_to_json(mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]]) -> dict[str, Any]:
    """Mentions in the DESIGN.md ``geocode --format json`` shape, grouped by article in first-seen order.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.

    Returns
    -------
    dict
        ``{"articles": [{"source": ..., "mentions": [{"text", "start", "end", "role", "place_id", "name",
        "lat", "lon", "kind", "admin1", "score"}, ...]}]}``.
    """
    articles: dict[str, list[dict[str, Any]]] = {}
    for record in _records(_frame(mentions, "mentions"), MENTION_COLUMNS):
        source = record.pop("source") or ""
        lat, lon = record.pop("latitude"), record.pop("longitude")
        mention = {k: record[k] for k in ("text", "start", "end", "role", "place_id", "name")}
        mention["lat"], mention["lon"] = lat, lon
        mention.update({k: record[k] for k in ("kind", "admin1", "score")})
        articles.setdefault(source, []).append(mention)
    return {"articles": [{"source": s, "mentions": m} for s, m in articles.items()]}


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
        text = _geojson_text(mentions_to_geojson(mentions))
    elif name == "csv":
        text = mentions_to_csv(mentions)
    else:
        articles = mentions_to_json(mentions)["articles"]
        text = _collection_text('{"articles": [', articles)
    return _write_text(text, path, bom=bom and name == "csv")
