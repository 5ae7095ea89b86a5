"""The built gazetteer file: reading, checking and atomic writing.

Format (version 1): UTF-8 JSON Lines, optionally gzip-compressed (``.gz``), diff-friendly and
deterministic (records sorted, keys sorted). The first line is the header::

    {"format": "strikemap-gazetteer", "version": 1, "normalize_version": 1, "name": "default",
     "sources": [{"id": "geonames", "title": ..., "license": "CC BY 4.0", "url": ...}], ...}

then one line per place::

    {"place_id": "gn:169023", "name": "Jisr ash-Shughur", "lat": 35.8143, "lon": 36.3206,
     "kind": "town", "admin1": "Idlib", "admin1_pcode": "SY07", ..., "names": [...],
     "keys": [["jisr ash shughur", "jisrshughur", "jsrskr"], ...]}

``keys`` holds, for every name of the place, its ``fold``, ``variant_key`` and ``skeleton_key``,
computed at build time so that loading needs no folding. They are recomputed when the header's
``normalize_version`` differs from the running code's.

Boundary lines (admin polygons for maps and point-in-polygon) carry ``"boundary"`` instead of
``"place_id"``::

    {"boundary": "SY07", "level": 1, "name": "Idlib", "name_ar": "إدلب", "parent": "SY",
     "geometry": {GeoJSON geometry}}
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import GazetteerError, NotFoundError
from .models import Place
from .normalize import fold, skeleton_key, variant_key

FORMAT = "strikemap-gazetteer"
VERSION = 1
# Bump when normalize's rules change, so stored keys are recomputed on load.
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


def _place_from_record(record: dict[str, Any]) -> Place:
    kwargs = {k: record[k] for k in PLACE_FIELDS if k in record}
    kwargs["names"] = tuple(record.get("names", ()))
    return Place(**kwargs)


def read_gazetteer(path: str | os.PathLike[str], *, with_boundaries: bool = True) -> GazetteerData:
    """Read and check a gazetteer file.

    Raises
    ------
    NotFoundError
        The path does not exist.
    GazetteerError
        The file is not a strikemap gazetteer, is of another version, or has a bad line.
    """
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"gazetteer {path} does not exist; give a built gazetteer file or leave --gazetteer out")
    places: list[Place] = []
    keys: list[list[tuple[str, str, str]]] = []
    boundaries: list[dict[str, Any]] = []
    lineno = 1
    try:
        with _open_text(path) as fh:
            header = _check_header(json.loads(fh.readline() or "null"), path)
            recompute = header.get("normalize_version") != NORMALIZE_VERSION
            for lineno, line in enumerate(fh, start=2):  # noqa: B007 (lineno names the bad line)
                if line.startswith('{"boundary"'):
                    if with_boundaries:
                        boundaries.append(json.loads(line))
                    continue
                if not line.strip():
                    continue
                record = json.loads(line)
                place = _place_from_record(record)
                places.append(place)
                if recompute or "keys" not in record:
                    keys.append(name_keys(all_names(place)))
                else:
                    keys.append([(k[0], k[1], k[2]) for k in record["keys"]])
    except GazetteerError:
        raise
    except (json.JSONDecodeError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise GazetteerError(f"{path}:{lineno}: not a valid gazetteer line ({exc})") from exc
    except (TypeError, ValueError, KeyError) as exc:
        raise GazetteerError(f"{path}:{lineno}: invalid place record ({exc})") from exc
    return GazetteerData(header=header, places=places, keys=keys, boundaries=boundaries)


def iter_lines(header: dict[str, Any], places: Iterable[Place], boundaries: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The file's lines, deterministic: places sorted by place_id, boundaries by code."""
    full_header = {"format": FORMAT, "version": VERSION, "normalize_version": NORMALIZE_VERSION, **header}
    yield json.dumps(full_header, ensure_ascii=False, sort_keys=True)
    for place in sorted(places, key=lambda p: p.place_id):
        yield json.dumps(place_record(place), ensure_ascii=False, sort_keys=True)
    for boundary in sorted(boundaries, key=lambda b: str(b["boundary"])):
        yield json.dumps(boundary, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    On any error (or Ctrl-C) the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise NotFoundError(f"cannot write {target}: folder {directory} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); give it the permissions a plain open() would.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
