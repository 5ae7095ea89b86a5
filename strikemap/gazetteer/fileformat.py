"""The built gazetteer file: reading, checking and atomic writing.

Format (version 1): UTF-8 JSON Lines, optionally gzip-compressed (``.gz``), diff-friendly and
deterministic (records sorted, keys sorted). The first line is the header::

    {"format": "strikemap-gazetteer", "version": 1, "normalize_version": 1, "name": "default",
     "sources": [{"id": "geonames", "title": ..., "license": "CC BY 4.0", "url": ...}],
     "lines": 31082, "sha256": "9f2c...", ...}

``lines`` and ``sha256`` (of every byte after the header line) let a reader refuse a file that was cut,
even at a line boundary, or edited; files written before they existed carry neither and load as before.

then one line per place::

    {"place_id": "gn:169023", "name": "Jisr ash-Shughur", "lat": 35.8143, "lon": 36.3206,
     "kind": "town", "admin1": "Idlib", "admin1_pcode": "SY07", ..., "names": [...],
     "keys": [["jisr ash shughur", "jisrshughur", "jsrskr"], ...]}

``keys`` holds, for every name of the place, its ``fold``, ``variant_key`` and ``skeleton_key``,
computed at build time so that loading needs no folding. They are recomputed when the header's
``normalize_version`` differs from the running code's ``NORMALIZE_VERSION``.

``NORMALIZE_VERSION`` is a number kept by hand, not a hash of ``spelling``'s tables: a hash would
change with every edit that folds no name differently (a comment, a reordered table, a new example) and
rewrite the shipped file's header each time. Instead ``tests/test_spelling.py`` recomputes every stored
key of the shipped default gazetteer with today's functions and fails, naming the version to bump,
when any differs; so a rule change that moves a key cannot land without a bump and a rebuild.

Boundary lines (admin polygons for maps and point-in-polygon) carry ``"boundary"`` instead of
``"place_id"``::

    {"boundary": "SY07", "level": 1, "name": "Idlib", "name_ar": "إدلب", "parent": "SY",
     "geometry": {GeoJSON geometry}}
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..atomic import atomic_path
from ..errors import GazetteerError, NotFoundError
from ..models import Place
from ..spelling import fold, skeleton_key, variant_key

FORMAT = "strikemap-gazetteer"
VERSION = 1
# Bump when spelling's rules change a key, so stored keys are recomputed on load (a test checks it).
NORMALIZE_VERSION = 2

PLACE_FIELDS = (
    "place_id",
    "name",
    "lat",
    "lon",
    "kind",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "admin1_pcode",
    "admin2_pcode",
    "admin3_pcode",
    "name_ar",
    "population",
    "radius_km",
    "source",
)


@dataclass
class GazetteerData:
    """What a gazetteer file holds: its header, its places with their keys, its boundaries."""

    header: dict[str, Any]
    places: list[Place]
    keys: list[list[tuple[str, str, str]]]
    boundaries: list[dict[str, Any]] = field(default_factory=list)


def name_keys(names: Iterable[str]) -> list[tuple[str, str, str]]:
    """``(fold, variant_key, skeleton_key)`` for each distinct name, in first-seen order."""
    seen: dict[str, tuple[str, str, str]] = {}
    for name in names:
        folded = fold(name)
        if folded and folded not in seen:
            seen[folded] = (folded, variant_key(name), skeleton_key(name))
    return list(seen.values())


def all_names(place: Place) -> list[str]:
    names = [place.name, *place.names]
    if place.name_ar:
        names.append(place.name_ar)
    return names


def place_record(place: Place) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in PLACE_FIELDS:
        value = getattr(place, name)
        if value is not None and value != "":
            record[name] = value
    record["names"] = sorted(set(place.names))
    record["keys"] = [list(k) for k in name_keys(all_names(place))]
    return record


def _open_text(path: Path) -> IO[str]:
    with path.open("rb") as raw:
        magic = raw.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def _check_header(header: Any, path: Path) -> dict[str, Any]:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise GazetteerError(
            f"{path}: not a strikemap gazetteer (first line has no \"format\": \"{FORMAT}\"); "
            "build one with 'strikemap gazetteer build'"
        )
    version = header.get("version")
    if version != VERSION:
        raise GazetteerError(
            f"{path}: gazetteer format version {version!r}, this strikemap reads version {VERSION}; "
            "rebuild it with 'strikemap gazetteer build'"
        )
    return header


_TEXT_FIELDS = ("place_id", "name", "kind", "country", "source")
_OPTIONAL_TEXT_FIELDS = ("admin1", "admin2", "admin3", "admin1_pcode", "admin2_pcode", "admin3_pcode", "name_ar")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _record_problem(record: Any) -> str | None:
    """Why a place line cannot be used, or None: checked here so that no bad shape reaches a query."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    for name in _TEXT_FIELDS:
        if name in record and not isinstance(record[name], str):
            return f"{name} must be text, got {type(record[name]).__name__}"
    for name in _OPTIONAL_TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            return f"{name} must be text or null, got {type(record[name]).__name__}"
    for name in ("lat", "lon"):
        if not _is_number(record.get(name)):
            return f"{name} must be a number, got {record.get(name)!r:.40}"
    if "population" in record and not (isinstance(record["population"], int)
                                       and not isinstance(record["population"], bool)):
        return "population must be a whole number"
    if record.get("radius_km") is not None and not _is_number(record["radius_km"]):
        return "radius_km must be a number or null"
    names = record.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return "names must be a list of texts"
    keys = record.get("keys", [])
    if not isinstance(keys, list) or not all(
        isinstance(k, list) and len(k) == 3 and all(isinstance(part, str) for part in k) for k in keys
    ):
        return "keys must be a list of [fold, variant, skeleton] texts"
    return None


def _boundary_problem(record: Any) -> str | None:
    if not isinstance(record, dict) or not isinstance(record.get("boundary"), str):
        return "expected a boundary object with a \"boundary\" code"
    geometry = record.get("geometry")
    if not isinstance(geometry, dict) or not isinstance(geometry.get("type"), str):
        return "boundary geometry must be a GeoJSON geometry object"
    return None


def _place_from_record(record: dict[str, Any]) -> Place:
    kwargs = {k: record[k] for k in PLACE_FIELDS if k in record}
    kwargs["names"] = tuple(record.get("names", ()))
    return Place(**kwargs)


def _check_body(header: dict[str, Any], count: int, digest: str, path: Path) -> None:
    """A header that names its line count and checksum must match the lines read: a cut file is refused."""
    expected_lines = header.get("lines")
    expected_sum = header.get("sha256")
    if expected_lines is not None and expected_lines != count:
        raise GazetteerError(
            f"{path}: the header says {expected_lines} lines but the file has {count}: the file is truncated "
            "or was edited; rebuild it with 'strikemap gazetteer build' or copy it again"
        )
    if expected_sum is not None and expected_sum != digest:
        raise GazetteerError(
            f"{path}: checksum mismatch (the header's sha256 does not match the lines): the file is damaged "
            "or was edited; rebuild it with 'strikemap gazetteer build' or copy it again"
        )


def read_gazetteer(path: str | os.PathLike[str], *, with_boundaries: bool = True) -> GazetteerData:
    """Read and check a gazetteer file.

    A header with ``lines`` and ``sha256`` (every file ``write_gazetteer`` writes) is checked against
    the lines read, so a truncated or damaged file is refused rather than loaded with part of its places.

    Raises
    ------
    NotFoundError
        The path does not exist.
    GazetteerError
        The file is not a strikemap gazetteer, is of another version, is truncated, or has a bad line.
    """
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"gazetteer {path} does not exist; give a built gazetteer file or leave --gazetteer out")
    places: list[Place] = []
    keys: list[list[tuple[str, str, str]]] = []
    boundaries: list[dict[str, Any]] = []
    lineno = 1
    digest = hashlib.sha256()
    count = 0
    try:
        with _open_text(path) as fh:
            header = _check_header(json.loads(fh.readline() or "null"), path)
            recompute = header.get("normalize_version") != NORMALIZE_VERSION
            for lineno, line in enumerate(fh, start=2):
                digest.update(line.encode("utf-8"))
                count += 1
                if line.startswith('{"boundary"'):
                    if with_boundaries:
                        boundary = json.loads(line)
                        problem = _boundary_problem(boundary)
                        if problem:
                            raise GazetteerError(f"{path}:{lineno}: invalid boundary line ({problem})")
                        boundaries.append(boundary)
                    continue
                if not line.strip():
                    continue
                record = json.loads(line)
                problem = _record_problem(record)
                if problem:
                    raise GazetteerError(f"{path}:{lineno}: invalid place record ({problem})")
                place = _place_from_record(record)
                places.append(place)
                if recompute or "keys" not in record:
                    keys.append(name_keys(all_names(place)))
                else:
                    keys.append([(k[0], k[1], k[2]) for k in record["keys"]])
    except GazetteerError:
        raise
    except RecursionError:
        raise GazetteerError(f"{path}:{lineno}: not a valid gazetteer line (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise GazetteerError(f"{path}:{lineno}: not a valid gazetteer line ({exc})") from exc
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise GazetteerError(f"{path}:{lineno}: invalid place record ({exc})") from exc
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer: {exc.strerror or exc}") from exc
    _check_body(header, count, digest.hexdigest(), path)
    return GazetteerData(header=header, places=places, keys=keys, boundaries=boundaries)


def iter_lines(header: dict[str, Any], places: Iterable[Place], boundaries: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The file's lines, deterministic: places sorted by place_id, boundaries by code.

    The header, first, carries the number of lines after it and their sha256, so that a reader
    can tell a complete file from a cut one.
    """
    body = [json.dumps(place_record(place), ensure_ascii=False, sort_keys=True)
            for place in sorted(places, key=lambda p: p.place_id)]
    body.extend(json.dumps(boundary, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                for boundary in sorted(boundaries, key=lambda b: str(b["boundary"])))
    digest = hashlib.sha256()
    for line in body:
        digest.update((line + "\n").encode("utf-8"))
    full_header = {**header, "format": FORMAT, "version": VERSION, "normalize_version": NORMALIZE_VERSION,
                   "lines": len(body), "sha256": digest.hexdigest()}
    yield json.dumps(full_header, ensure_ascii=False, sort_keys=True)
    yield from body


def write_gazetteer(
    path: str | os.PathLike[str],
    header: dict[str, Any],
    places: Iterable[Place],
    boundaries: Iterable[dict[str, Any]] = (),
) -> Path:
    """Write a gazetteer file atomically; gzip-compressed when the name ends in ``.gz``."""
    target = Path(path)
    with atomic_path(target) as tmp, tmp.open("wb") as raw:
        # mtime=0: a gzip header without a timestamp, so equal inputs give equal bytes.
        sink: IO[bytes] = raw
        if target.suffix == ".gz":
            sink = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)  # type: ignore[assignment]
        with io.TextIOWrapper(sink, encoding="utf-8", newline="\n") as fh:
            for line in iter_lines(header, places, boundaries):
                fh.write(line + "\n")
    return target
