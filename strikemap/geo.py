"""Geodesy shared by every stage: great-circle distance and the one bounding box of Syria.

Coordinates are always named ``lat`` and ``lon`` (degrees, WGS 84); distances are kilometres on a sphere of
the mean Earth radius, close enough for "within 5 km of the coders' point" and "the nearest other place".
"""

from __future__ import annotations

import math
from typing import NamedTuple

__all__ = ["EARTH_RADIUS_KM", "SYRIA_BBOX", "BBox", "bearing_deg", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(35.93, 36.63, 35.82, 36.32), 1)  # Idlib city to Jisr ash-Shughur
    30.5
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from the first point to the second, degrees clockwise from north (0-360).

    >>> round(bearing_deg(35.93, 36.63, 35.82, 36.32))  # Idlib city to Jisr ash-Shughur: west-south-west
    246
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


class BBox(NamedTuple):
    """A latitude/longitude box, edges in degrees."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies in the box, edges included."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def grown(self, degrees: float) -> BBox:
        """The box with every edge moved out by ``degrees``."""
        return BBox(self.south - degrees, self.west - degrees, self.north + degrees, self.east + degrees)


# Syria's extent (32.31-37.32 N, 35.73-42.38 E) rounded outwards to 0.1 degree.
SYRIA_BBOX = BBox(south=32.3, west=35.7, north=37.4, east=42.4)
