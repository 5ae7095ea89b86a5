"""GeoJSON FeatureCollections of Points, and ``{"events": [...]}`` JSON, read back to events."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from typing import Any

from ..errors import EventFileError
from ..models import StrikeEvent
from .rows import RowReader

__all__ = ["read_geojson", "read_json"]


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


def read_geojson(data: bytes, reader: RowReader) -> list[StrikeEvent]:
    """The events of a GeoJSON Feature or FeatureCollection of Points (WGS 84)."""
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


def read_json(data: bytes, reader: RowReader) -> list[StrikeEvent]:
    """The events of a ``{"events": [...]}`` document."""
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
