"""Events and mentions as GeoJSON FeatureCollections and as JSON documents, one item per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..geoframe import EVENT_COLUMNS, MENTION_COLUMNS
from ..models import Mention, StrikeEvent
from .records import COORD_COLUMNS, COORD_DECIMALS, as_frame, lon_lat, to_records

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["collection_text", "events_to_geojson", "events_to_json", "feature_collection", "geojson_text",
           "mentions_to_geojson", "mentions_to_json"]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def feature_collection(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records as a FeatureCollection of Points (``null`` geometry for a record without coordinates)."""
    features = []
    for record in records:
        coordinates = lon_lat(record)
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
    return feature_collection(to_records(as_frame(events), EVENT_COLUMNS))


def events_to_json(events: gpd.GeoDataFrame | Iterable[StrikeEvent]) -> dict[str, Any]:
    """Events as ``{"events": [...]}`` for scripts: the DESIGN.md fields, ``latitude``/``longitude`` included.

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns, or StrikeEvents.
    """
    records = to_records(as_frame(events), EVENT_COLUMNS)
    for record in records:
        for column in COORD_COLUMNS:
            if record[column] is not None:
                record[column] = round(record[column], COORD_DECIMALS)
    return {"events": records}


def collection_text(head: str, items: Iterable[Any], tail: str = "]}") -> str:
    """``head`` + one JSON item per line + ``tail``: deterministic and diff-friendly."""
    lines = [_dumps(item) for item in items]
    if not lines:
        return head + tail + "\n"
    return head + "\n" + ",\n".join(lines) + "\n" + tail + "\n"


def geojson_text(collection: dict[str, Any]) -> str:
    """A FeatureCollection as text, one feature per line."""
    return collection_text('{"type": "FeatureCollection", "features": [', collection["features"])


def mentions_to_geojson(mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]]) -> dict[str, Any]:
    """Mentions as a GeoJSON FeatureCollection; unresolved mentions have a ``null`` geometry.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.
    """
    return feature_collection(to_records(as_frame(mentions, "mentions"), MENTION_COLUMNS))


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
    for record in to_records(as_frame(mentions, "mentions"), MENTION_COLUMNS):
        source = record.pop("source") or ""
        lat, lon = record.pop("latitude"), record.pop("longitude")
        mention = {k: record[k] for k in ("text", "start", "end", "role", "place_id", "name")}
        mention["lat"], mention["lon"] = lat, lon
        mention.update({k: record[k] for k in ("kind", "admin1", "score")})
        articles.setdefault(source, []).append(mention)
    return {"articles": [{"source": s, "mentions": m} for s, m in articles.items()]}
