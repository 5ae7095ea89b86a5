"""The place-backend protocol: anything that answers a name with matches, best first.

The gazetteer (``Gazetteer.lookup``) and the online geocoder (``OnlineGeocoder.lookup``) both implement it,
and the resolver chains them (geopy's habit): the gazetteer first, a fallback only for the names it cannot
place. A user's own service (a PostGIS table, a local Nominatim) plugs in the same way.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..models import Match

__all__ = ["PlaceBackend"]


@runtime_checkable
class PlaceBackend(Protocol):
    """Answers a place name with matches (scores 0-100), best first; ``[]`` when it knows none."""

    def lookup(self, name: str, *, limit: int = 5) -> list[Match]:
        """Places matching ``name``, at most ``limit``, best first."""
        ...
