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

The package: :mod:`.read` (any file), :mod:`.detect` (which kind it is), one module per kind
(:mod:`.geojson`, :mod:`.csvfile`, :mod:`.gpkg`), :mod:`.acled` (ACLED's types and columns onto ours),
:mod:`.rows` (rows to events, repairs), :mod:`.cells` (one cell to a value).
"""

from __future__ import annotations

from .acled import acled_event_type
from .detect import detect_format, looks_like_event_file
from .read import read_event_file, read_events
from .rows import SWAP_CHECK_BOX, EventFile

__all__ = [
    "SWAP_CHECK_BOX",
    "EventFile",
    "acled_event_type",
    "detect_format",
    "looks_like_event_file",
    "read_event_file",
    "read_events",
]
