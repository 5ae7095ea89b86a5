"""Reading OCHA sub-district (ADM3) polygons: the HNO GeoJSON files, or a COD-AB Shapefile/GeoPackage.

The HNO files (``en_hno_2019.json``, ``ar_hno_2019.json``) carry ``Admin3_Pco`` with English names
in one file and Arabic in the other; they are joined on the P-code. HDX's COD-AB layers name the
columns ``ADM3_PCODE``/``ADM3_EN``/``ADM3_AR`` (older) or ``admin3Pcode``/``admin3Name_en`` (newer);
both are understood. A P-code split over several features is one unit (its parts unioned).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import NotFoundError, SourceError
from .source import Source

# Column spellings, compared case-insensitively, in order of preference.
COLUMNS = {
    "pcode": ("admin3_pco", "adm3_pcode", "admin3pcode"),
    "name_en": ("admin3_en", "adm3_en", "admin3name_en"),
    "name_ar": ("admin3_ar", "adm3_ar", "admin3name_ar"),
    "admin1_en": ("admin1_en", "adm1_en", "admin1name_en"),
    "admin1_ar": ("admin1_ar", "adm1_ar", "admin1name_ar"),
    "admin2_en": ("adm2_en", "admin2name_en", "admin2_en"),
    "admin2_ar": ("adm2_ar", "admin2name_ar", "admin2_ar"),
}
VECTOR_SUFFIXES = (".shp", ".gpkg", ".zip", ".fgb")


@dataclass
class SubDistrict:
    """One ADM3 unit: its P-code, names and polygon parts (GeoJSON geometries)."""

    pcode: str
    name_en: str | None = None
    name_ar: str | None = None
    admin1_en: str | None = None
    admin1_ar: str | None = None
    admin2_en: str | None = None
    admin2_ar: str | None = None
    geometries: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class OchaData:
    """Sub-districts by P-code, and the files they came from with their feature counts."""

    units: dict[str, SubDistrict]
    files: list[tuple[str, int]]

    @property
    def count(self) -> int:
        """Sub-districts read."""
        return len(self.units)


def _pick(props: dict[str, Any], keys: Iterable[str]) -> str | None:
    lowered = {str(k).lower(): v for k, v in props.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _features_geojson(path: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    try:
        data = json.loads(path.read_bytes())
        features = data["features"]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not JSON ({exc}); expected OCHA sub-district polygons as GeoJSON") from exc
    except (KeyError, TypeError) as exc:
        raise SourceError(f"{path}: not a GeoJSON FeatureCollection (no \"features\")") from exc
    if not isinstance(features, list):
        raise SourceError(f"{path}: \"features\" is not a list")
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise SourceError(f"{path}: feature {i} has no properties")
        yield feature["properties"], feature.get("geometry")


def _features_vector(path: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    import pyogrio
    import shapely

    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError and GDAL errors
        raise SourceError(f"{path}: cannot read as a Shapefile/GeoPackage ({exc})") from exc
    if frame.crs is not None and frame.crs.to_epsg() not in (4326, None):
        frame = frame.to_crs(4326)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for row, geom in zip(frame[columns].to_dict("records"), frame.geometry, strict=True):
        yield row, json.loads(shapely.to_geojson(geom)) if geom is not None else None


def read_ocha(paths: Iterable[str | Path]) -> OchaData:
    """Read OCHA sub-district polygons from one or more files, joined on the ADM3 P-code.

    Parameters
    ----------
    paths
        ``en_hno_2019.json`` and ``ar_hno_2019.json`` (either or both), or a COD-AB ADM3 layer
        (GeoJSON, Shapefile, GeoPackage).

    Raises
    ------
    NotFoundError
        A path does not exist.
    SourceError
        A file that is not JSON or not ADM3 polygons (no ``Admin3_Pco``/``ADM3_PCODE`` column).
    """
    units: dict[str, SubDistrict] = {}
    files: list[tuple[str, int]] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise NotFoundError(f"OCHA source {path} does not exist")
        features = _features_vector(path) if path.suffix.lower() in VECTOR_SUFFIXES else _features_geojson(path)
        count = 0
        has_geometry = any(unit.geometries for unit in units.values())
        for props, geometry in features:
            pcode = _pick(props, COLUMNS["pcode"])
            if not pcode or not pcode.startswith("SY") or len(pcode) != 8:
                raise SourceError(
                    f"{path}: feature {count} has no sub-district P-code (Admin3_Pco or ADM3_PCODE like SY070500); "
                    "give the ADM3 (sub-district) layer"
                )
            unit = units.setdefault(pcode, SubDistrict(pcode))
            for attr, keys in COLUMNS.items():
                if attr != "pcode" and getattr(unit, attr) is None:
                    setattr(unit, attr, _pick(props, keys))
            # The en and ar files hold the same polygons: take geometry from the first file only.
            if geometry and not has_geometry and geometry.get("type") in ("Polygon", "MultiPolygon"):
                unit.geometries.append(geometry)
            count += 1
        if count == 0:
            raise SourceError(f"{path}: no features; expected OCHA sub-district (ADM3) polygons")
        files.append((path.name, count))
    if not units:
        raise SourceError("no OCHA sub-district polygons given")
    missing = sorted(code for code, unit in units.items() if not unit.geometries)
    if missing:
        raise SourceError(f"OCHA sub-districts without polygons: {', '.join(missing[:5])}; give the files in full")
    return OchaData(units=dict(sorted(units.items())), files=files)


_HNO = "https://raw.githubusercontent.com/UN-OCHA/syria-microsite-hno-syria.org/master/data/sector-needs/geojson"
SOURCE = Source(
    id="ocha-cod-ab",
    title="UN OCHA Syria sub-district boundaries (COD-AB, via the HNO microsite / HDX)",
    license="CC BY 3.0 IGO",
    url="https://data.humdata.org/dataset/cod-ab-syr",
    reader=read_ocha,
    option="--ocha",
    many=True,
    role="admin",
    progress="ocha sub-districts",
    downloads=(
        (f"{_HNO}/en/hno_2019.json", "ocha-cod-ab/en_hno_2019.json", None),
        (f"{_HNO}/ar/hno_2019.json", "ocha-cod-ab/ar_hno_2019.json", None),
    ),
    fetched=("ocha-cod-ab/en_hno_2019.json", "ocha-cod-ab/ar_hno_2019.json"),
)
