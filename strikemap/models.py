"""Frozen values passed between the stages: text → mentions → places → events.

Each value is checked once, when it is made, so later stages can trust it.
Coordinates are always spelled ``lat`` and ``lon``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .vocab import type_codes

KINDS = (
    "city",
    "town",
    "village",
    "neighbourhood",
    "region",
    "camp",
    "admin1",
    "admin2",
    "admin3",
    "country",
    "other",
)
ROLES = ("event", "dateline", "actor", "other")
# The event type codes of ``strikemap.vocab`` as shipped (a StrikeEvent is checked against ``vocab.type_codes()``,
# which follows ``vocab.rebuild()``).
EVENT_TYPES = type_codes()


def _check_lat_lon(lat: float, lon: float, what: str) -> None:
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        raise ValueError(f"{what}: lat/lon must be numbers, got {lat!r}, {lon!r}")
    if math.isnan(lat) or math.isnan(lon):
        raise ValueError(f"{what}: lat/lon must not be NaN")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"{what}: lat {lat} out of range -90..90")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"{what}: lon {lon} out of range -180..180")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a locality, an area, an admin unit or a country."""

    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str = "SY"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    name_ar: str | None = None
    names: tuple[str, ...] = ()
    population: int = 0
    radius_km: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if not self.place_id or ":" not in self.place_id:
            raise ValueError(f"place_id must look like 'source:id', got {self.place_id!r}")
        if not self.name:
            raise ValueError(f"{self.place_id}: empty name")
        if self.kind not in KINDS:
            raise ValueError(f"{self.place_id}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        _check_lat_lon(self.lat, self.lon, self.place_id)

    def to_dict(self) -> dict[str, Any]:
        """The place as plain JSON-ready fields (the DESIGN.md ``resolve`` shape, less score)."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "admin1_pcode": self.admin1_pcode,
            "admin2_pcode": self.admin2_pcode,
            "admin3_pcode": self.admin3_pcode,
            "name_ar": self.name_ar,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """A place found for a name, with how well and how it matched (score 0–100)."""

    place: Place
    score: float
    matched: str
    method: str  # "exact", "variant", "skeleton", "fuzzy", or "suggestion" (Gazetteer.suggest, never applied)

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 100.0:
            raise ValueError(f"score must be 0-100, got {self.score}")

    def to_dict(self) -> dict[str, Any]:
        out = self.place.to_dict()
        out["score"] = round(self.score, 1)
        out["matched"] = self.matched
        out["method"] = self.method
        return out


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that may name a place, and how it was found (``toponyms``)."""

    text: str
    start: int
    end: int
    # "known", "head" (led by Kafr, Tal…), "shape" (with an article), "cue", "list" (coordinated with a
    # place), "arabic", or "settlement" (an Arabic word named as a village or town that no spelling reaches)
    how: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names a place, with its role and what it resolved to."""

    text: str
    start: int
    end: int
    role: str = "other"
    match: Match | None = None
    alternatives: tuple[Match, ...] = ()
    sentence: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"mention offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")
        if self.role not in ROLES:
            raise ValueError(f"role {self.role!r} is not one of {', '.join(ROLES)}")

    @property
    def place(self) -> Place | None:
        return self.match.place if self.match else None

    def to_dict(self) -> dict[str, Any]:
        place = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "place_id": place.place_id if place else None,
            "name": place.name if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "kind": place.kind if place else None,
            "admin1": place.admin1 if place else None,
            "score": round(self.match.score, 1) if self.match else None,
        }


@dataclass(frozen=True, slots=True)
class StrikeEvent:
    """One reported strike (or clash) at one place in one report: ACLED-like fields."""

    event_id: str
    event_type: str
    lat: float
    lon: float
    location: str
    place_id: str | None
    geo_precision: int
    event_date: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    targets: tuple[str, ...] = ()
    source: str = ""
    sources: tuple[str, ...] = ()
    evidence: str = ""
    confidence: float = 0.5
    fatalities_text: str | None = None
    notes: str = ""
    location_ar: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        codes = type_codes()
        if self.event_type not in codes:
            raise ValueError(f"event_type {self.event_type!r} is not one of {', '.join(codes)}")
        if self.geo_precision not in (1, 2, 3):
            raise ValueError(f"geo_precision must be 1, 2 or 3, got {self.geo_precision}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be 0-1, got {self.confidence}")
        for name in ("fatalities", "injured"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a non-negative integer or None, got {value!r}")
        _check_lat_lon(self.lat, self.lon, self.event_id)

    def to_dict(self) -> dict[str, Any]:
        """Properties as DESIGN.md names them (targets and sources as lists)."""
        return {
            "event_id": self.event_id,
            "event_date": self.event_date,
            "event_type": self.event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location,
            "place_id": self.place_id,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "admin3_pcode": self.admin3_pcode,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "targets": list(self.targets),
            "source": self.source,
            "sources": list(self.sources) if self.sources else [self.source],
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
            "latitude": self.lat,
            "longitude": self.lon,
            "notes": self.notes,
            "location_ar": self.location_ar,
            "language": self.language,
        }
