"""Spellings a user has confirmed, added to a built gazetteer without rebuilding it.

An aliases file pairs a spelling with the ``place_id`` it means. CSV with a header row::

    spelling,place_id
    Maaret Al Naasan,wof:1108771003
    Kafr Oweid,gn:169877

or JSON: a list of ``{"spelling": ..., "place_id": ...}`` objects, or one object ``{spelling: place_id}``.
``strikemap geocode --unresolved`` lists the spellings a corpus could not resolve, with near places to
check; ``strikemap resolve NAME --json`` gives a place's ``place_id``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from ..errors import InputError, NotFoundError

__all__ = ["read_aliases"]

MAX_BYTES = 20_000_000


def read_aliases(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """The ``(spelling, place_id)`` pairs of an aliases file (CSV or JSON), in file order.

    Raises
    ------
    NotFoundError
        No such file.
    InputError
        Not a CSV with ``spelling`` and ``place_id`` columns, nor JSON of the shapes above; the message
        names the file and the line or entry.
    """
    where = Path(path)
    try:
        data = where.read_bytes()[: MAX_BYTES + 1]
    except FileNotFoundError:
        raise NotFoundError(f"aliases file {where} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read aliases file {where}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{where}: an aliases file of over 20 MB is not a list of spellings")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    if where.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        return _from_json(where, text)
    return _from_csv(where, text)


def _pair(where: Path, at: str, spelling: object, place_id: object) -> tuple[str, str]:
    if not isinstance(spelling, str) or not spelling.strip():
        raise InputError(f"{where}:{at}: spelling must be a non-empty text")
    if not isinstance(place_id, str) or not place_id.strip():
        raise InputError(f"{where}:{at}: place_id must be a non-empty text, e.g. gn:169023")
    return " ".join(spelling.split()), place_id.strip()


def _from_json(where: Path, text: str) -> list[tuple[str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict):
        return [_pair(where, f"entry {k!r}", k, v) for k, v in data.items()]
    if isinstance(data, list):
        out = []
        for n, item in enumerate(data, 1):
            if not isinstance(item, dict):
                raise InputError(f"{where}: entry {n}: expected an object with spelling and place_id")
            out.append(_pair(where, f"entry {n}", item.get("spelling"), item.get("place_id")))
        return out
    raise InputError(f"{where}: expected a list of {{spelling, place_id}} objects or one {{spelling: place_id}}")


def _from_csv(where: Path, text: str) -> list[tuple[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "spelling" not in fields or "place_id" not in fields:
        raise InputError(f"{where}:1: the header must name the columns spelling and place_id")
    reader.fieldnames = fields
    out = []
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line
        out.append(_pair(where, str(reader.line_num), row.get("spelling"), row.get("place_id")))
    return out
