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

The package: :mod:`.write` (a file of any format), :mod:`.formats` (which format), :mod:`.records` (a frame as
plain, typed records), one module per format (:mod:`.geojson` with JSON, :mod:`.csvfile`, :mod:`.gpkg`).
Missing values and list cells follow :mod:`strikemap.values`.
"""

from __future__ import annotations

from .csvfile import events_to_csv, mentions_to_csv
from .formats import EVENT_FORMATS, MENTION_FORMATS, format_for
from .geojson import events_to_geojson, events_to_json, mentions_to_geojson, mentions_to_json
from .write import write_events, write_mentions

__all__ = [
    "EVENT_FORMATS",
    "MENTION_FORMATS",
    "events_to_csv",
    "events_to_geojson",
    "events_to_json",
    "format_for",
    "mentions_to_csv",
    "mentions_to_geojson",
    "mentions_to_json",
    "write_events",
    "write_mentions",
]
