"""Tiny synthetic sources in the publishers' formats, for fast gazetteer build tests.

Three square sub-districts (OCHA-style GeoJSON, English and Arabic files), a handful of Who's On
First records (current, duplicate, superseded, not current, a region, an alternate geometry), and
the GeoNames sample in ``fixtures/geonames_SY_sample.txt``.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GEONAMES_SAMPLE = FIXTURES / "geonames_SY_sample.txt"

# (P-code, admin1 en, admin1 ar, admin3 en, admin3 ar, lon0, lat0, lon1, lat1)
SQUARES = (
    ("SY070400", "Idleb", "إدلب", "Jisr-Ash-Shugur", "جسر الشغور", 36.2, 35.7, 36.5, 35.9),
    ("SY050101", "Hama", "حماة", "Suran", "صوران", 36.6, 35.2, 36.9, 35.4),
    ("SY020405", "Aleppo", "حلب", "Akhtarin", "أخترين", 37.1, 36.4, 37.4, 36.7),
)


def _square(lon0: float, lat0: float, lon1: float, lat1: float) -> dict[str, Any]:
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_ocha(folder: Path) -> list[Path]:
    """``en_hno_2019.json`` and ``ar_hno_2019.json`` with three square sub-districts."""
    folder.mkdir(parents=True, exist_ok=True)
    en, ar = [], []
    for code, a1, a1_ar, a3, a3_ar, *box in SQUARES:
        geometry = _square(*box)
        en.append({"type": "Feature", "geometry": geometry,
                   "properties": {"Admin1_EN": a1, "Admin3_EN": a3, "Admin3_Pco": code, "Health_PiN": 1}})
        ar.append({"type": "Feature", "geometry": geometry,
                   "properties": {"Admin3_Pco": code, "Admin1_AR": a1_ar, "Admin3_AR": a3_ar}})
    paths = [folder / "en_hno_2019.json", folder / "ar_hno_2019.json"]
    for path, features in zip(paths, (en, ar), strict=True):
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return paths


def _wof(wof_id: int, name: str, lat: float, lon: float, placetype: str = "locality", **props: Any) -> dict[str, Any]:
    properties = {
        "wof:id": wof_id,
        "wof:name": name,
        "wof:placetype": placetype,
        "geom:latitude": lat,
        "geom:longitude": lon,
        "iso:country": "SY",
        "mz:is_current": -1,
        "wof:superseded_by": [],
        "edtf:cessation": "uuuu",
        **props,
    }
    return {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


WOF_RECORDS = (
    _wof(890449849, "Jisr ash Shughūr", 35.81426, 36.32062, **{
        "mz:is_current": 1, "wof:population": 39311,
        "wof:concordances": {"gn:id": 169023, "qs_pg:id": 71050},
        "name:ara_x_preferred": ["جسر الشغور"], "name:eng_x_preferred": ["Jisr al-Shughur"],
        "name:eng_x_variant": ["Jisr ash-Shughur"], "name:fra_x_preferred": ["Jisr al-Choghour"],
        "name:zho_x_preferred": ["吉斯尔舒古尔"],
    }),
    # A Quattroshapes copy of the same town, 1 km away, without a GeoNames id.
    _wof(1100000001, "Jisr ash Shughur", 35.8200, 36.3280, **{"src:geom": "quattroshapes",
                                                              "name:und_x_variant": ["Jisr esh Shoghour"]}),
    _wof(1259754001, "Suran", 35.28897, 36.74551, **{
        "wof:concordances": {"gn:id": 163915}, "name:ara_x_preferred": ["Şūrān"], "name:ara_x_variant": ["صوران"],
    }),
    _wof(1277095325, "Suran", 36.56579, 37.2127, **{"wof:concordances": {"gn:id": 163913}}),
    # Superseded, not current, deprecated: all dropped.
    _wof(1226356627, "Hayfa", 35.80, 36.40, **{"wof:concordances": {"gn:id": 168297},
                                              "wof:superseded_by": [1210030609], "edtf:deprecated": "2024-01-19"}),
    _wof(1125781547, "Manbij", 35.85, 36.45, **{"wof:concordances": {"gn:id": 167357}, "mz:is_current": 0,
                                               "edtf:cessation": "2018-09-06"}),
    _wof(1360074947, "Ka`n Kurk", 35.75, 36.25, **{"wof:concordances": {"gn:id": 9999001},
                                                 "edtf:deprecated": "2024-01-19"}),
    _wof(85678373, "Idlib", 35.80, 36.35, "region", **{"mz:is_current": 1, "name:ara_x_preferred": ["إدلب"]}),
)


def write_wof_folder(root: Path) -> Path:
    """An extracted ``whosonfirst-data-admin-sy`` folder; returns its path."""
    top = root / "whosonfirst-data-admin-sy"
    for record in WOF_RECORDS:
        wof_id = str(record["properties"]["wof:id"])
        folder = top / "data" / wof_id[:3] / wof_id[3:6] / wof_id[6:]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{wof_id}.geojson").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    alt = top / "data" / "890" / "449" / "849" / "890449849-alt-quattroshapes.geojson"
    alt.write_text(json.dumps({"type": "Feature", "properties": {"wof:id": 890449849}}), encoding="utf-8")
    (top / "LICENSE.md").write_text("CC0\n", encoding="utf-8")
    return top


def write_wof_archive(root: Path) -> Path:
    """The same records as the repository archive ``whosonfirst-data-admin-sy.tar.gz``."""
    top = write_wof_folder(root / "extracted")
    archive = root / "whosonfirst-data-admin-sy.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(top, arcname="whosonfirst-data-admin-sy")
    return archive
