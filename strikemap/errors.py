"""Errors raised by strikemap.

The tree::

    StrikemapError                      root; the CLI turns it into ``error: ...`` and exit 2
    ├── InputError(ValueError)          bad input text, file or argument
    │   └── EventFileError              an event file (GeoJSON/GPKG/CSV) that cannot be read
    ├── GazetteerError(ValueError)      a gazetteer file of the wrong kind, version or content
    │   └── SourceError                 a source file for ``gazetteer build`` that cannot be used
    ├── NotFoundError(LookupError)      a path or resource that does not exist
    └── NetworkError(OSError)           a download or online lookup that failed or was not allowed

Messages say what was expected, what came, and the fix, in one line.
"""

from __future__ import annotations


class StrikemapError(Exception):
    """Root of every error strikemap raises on purpose."""

    exit_code = 2


class InputError(StrikemapError, ValueError):
    """Input text, a file or an argument that cannot be used."""


class EventFileError(InputError):
    """An event file that is truncated, of an unknown shape, or holds invalid values."""


class GazetteerError(StrikemapError, ValueError):
    """A gazetteer file of the wrong kind or version, or with invalid records."""


class SourceError(GazetteerError):
    """A source data set given to ``gazetteer build`` that cannot be read."""


class NotFoundError(StrikemapError, LookupError):
    """A path or resource that does not exist."""


class NetworkError(StrikemapError, OSError):
    """A download or online lookup that failed, or that was not allowed."""

    exit_code = 1
