"""Telling an event file by its content: GeoJSON, GeoPackage, our CSV, ACLED's CSV or ``{"events": [...]}``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import EventFileError, NotFoundError
from .acled import ACLED_MARKERS
from .csvfile import header_fields
from .rows import LAT_KEYS, LON_KEYS

__all__ = ["detect_format", "looks_like_event_file", "read_bytes"]

SQLITE_MAGIC = b"SQLite format 3\x00"
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
EVENT_SUFFIXES = frozenset({".geojson", ".gpkg"})


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
    fields = set(header_fields(stripped))
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
    head = read_bytes(target, 65536)
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


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The first ``limit`` bytes of an event file (all with -1); a missing file or a folder is an error."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such event file")
    if path.is_dir():
        raise EventFileError(f"{path}: is a folder, expected an event file")
    with path.open("rb") as fh:
        return fh.read(limit)
