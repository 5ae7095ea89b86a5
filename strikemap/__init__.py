"""strikemap: news reports of strikes in north-west Syria to mapped, exportable event data.

The public API, flat (internal modules import from the defining module, never from here)::

    >>> from strikemap import resolve
    >>> resolve("Jisr Al-Shqour")[0].place.name
    'Jisr ash-Shughur'
"""

from __future__ import annotations

from .errors import (
    EventFileError,
    GazetteerError,
    InputError,
    NetworkError,
    NotFoundError,
    SourceError,
    StrikemapError,
)
from .gazetteer.lookup import Gazetteer, load_gazetteer
from .models import Match, Mention, Place, StrikeEvent
from .normalize import fold, normalize, skeleton_key, variant_key
from .resolve import Context, resolve

__version__ = "0.1.0"

__all__ = [
    "Context",
    "EventFileError",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Match",
    "Mention",
    "NetworkError",
    "NotFoundError",
    "Place",
    "SourceError",
    "StrikeEvent",
    "StrikemapError",
    "fold",
    "load_gazetteer",
    "normalize",
    "resolve",
    "skeleton_key",
    "variant_key",
]
