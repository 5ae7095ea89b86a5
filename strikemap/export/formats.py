"""Which format an output is written in: the one asked for, else the path's suffix, else a default."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError

__all__ = ["EVENT_FORMATS", "MENTION_FORMATS", "SUFFIX_FORMATS", "format_for"]

EVENT_FORMATS = ("geojson", "gpkg", "csv", "json")
MENTION_FORMATS = ("geojson", "csv", "json")
SUFFIX_FORMATS = {".geojson": "geojson", ".json": "json", ".gpkg": "gpkg", ".csv": "csv"}


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
