"""What the gazetteer source readers share: the mutable draft of a place and the population -> kind rule.

Readers (``whosonfirst``, ``ocha``, ``opensyria``, ``geonames``) turn each publisher's format into
``Draft`` places; ``gazetteer.build`` merges them, adds admin fields and freezes them into ``Place``
values. The shipped default's readers (``geonames_cache``) use the same kind rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...models import Place
from ...spelling import has_arabic
from ..names import clean_names

# Population thresholds for the kind of a populated place. GeoNames and WOF call everything a
# "locality"; the resolver's prior needs to know a town from a hamlet.
CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000

# Place coordinates are kept to 5 decimals (about 1 m).
POINT_DIGITS = 5

# ``progress(stage, count)``: called once per stage with how many records it handled.
Progress = Callable[[str, int], None]


def kind_for_population(population: int) -> str:
    """``city`` from 100,000 people, ``town`` from 10,000, else ``village``."""
    if population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village"


@dataclass
class Draft:
    """A place being built: mutable until ``freeze``."""

    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    source: str
    names: list[str] = field(default_factory=list)
    name_ar: str | None = None
    population: int = 0
    country: str = "SY"
    gn_id: int | None = None
    radius_km: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    # An admin unit's own P-code (OpenSyria, or a WOF region/county placed by point-in-polygon).
    pcode: str | None = None

    def add_names(self, names: Iterable[str]) -> None:
        """Add names (Arabic-script ones fill ``name_ar`` when it is empty)."""
        for name in clean_names(names):
            if self.name_ar is None and has_arabic(name):
                self.name_ar = name
            elif name != self.name and name != self.name_ar and name not in self.names:
                self.names.append(name)

    def absorb(self, other: Draft) -> None:
        """Take the names and the larger population of a duplicate record."""
        self.add_names([other.name, *other.names])
        if other.name_ar and other.name_ar != self.name_ar:
            self.add_names([other.name_ar])
        self.population = max(self.population, other.population)
        if self.gn_id is None and other.gn_id is not None:
            self.gn_id = other.gn_id

    def freeze(self) -> Place:
        """The finished, validated ``Place``."""
        return Place(
            place_id=self.place_id,
            name=self.name,
            lat=round(self.lat, POINT_DIGITS),
            lon=round(self.lon, POINT_DIGITS),
            kind=self.kind,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            admin3=self.admin3,
            admin1_pcode=self.admin1_pcode,
            admin2_pcode=self.admin2_pcode,
            admin3_pcode=self.admin3_pcode,
            name_ar=self.name_ar,
            names=tuple(n for n in self.names if n not in (self.name, self.name_ar)),
            population=self.population,
            radius_km=self.radius_km,
            source=self.source,
        )

    @classmethod
    def from_place(cls, place: Place) -> Draft:
        """A draft of an already built place (the curated layer of the default gazetteer)."""
        gn_id = int(place.place_id[3:]) if place.place_id.startswith("gn:") and place.place_id[3:].isdigit() else None
        return cls(
            place_id=place.place_id,
            name=place.name,
            lat=place.lat,
            lon=place.lon,
            kind=place.kind,
            source=place.source,
            names=list(place.names),
            name_ar=place.name_ar,
            population=place.population,
            country=place.country,
            gn_id=gn_id,
            radius_km=place.radius_km,
            admin1=place.admin1,
            admin2=place.admin2,
            admin3=place.admin3,
            admin1_pcode=place.admin1_pcode,
            admin2_pcode=place.admin2_pcode,
            admin3_pcode=place.admin3_pcode,
        )
