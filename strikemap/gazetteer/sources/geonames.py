"""Reading a GeoNames country dump (``SY.txt``, or ``SY.zip`` holding it).

The documented 19 tab-separated columns: geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code,
admin4 code, population, elevation, dem, timezone, modification date.

Kept: populated places (class P, but not historical ``PPLH``), and the terrain, areas and sites
that strike reports name (mountains, plains, valleys, camps, airbases, dams); see ``FEATURE_KIND``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import NotFoundError, SourceError
from .draft import Draft, kind_for_population
from .source import Source

COLUMNS = 19
# Feature codes kept outside class P, and the kind each becomes.
FEATURE_KIND = {
    "T.MT": "region",
    "T.MTS": "region",
    "T.HLL": "region",
    "T.HLLS": "region",
    "T.PLN": "region",
    "T.PLAT": "region",
    "T.VAL": "region",
    "T.DPR": "region",
    "L.AREA": "region",
    "L.RGN": "region",
    "L.OAS": "region",
    "S.CMP": "camp",
    "S.CMPRF": "camp",
    "S.AIRB": "other",
    "S.AIRP": "other",
    "S.AIRF": "other",
    "S.DAM": "other",
    "S.MLTY": "other",
    "S.INSM": "other",
}
SKIPPED_P = ("PPLH", "PPLQ")


@dataclass
class GeoNamesData:
    """Kept drafts, how many lines were read, and the file name."""

    places: list[Draft]
    lines: int
    file_name: str

    @property
    def files(self) -> list[tuple[str, int]]:
        """The dump read, with its line count."""
        return [(self.file_name, self.lines)]

    @property
    def count(self) -> int:
        """Places kept."""
        return len(self.places)


def _lines(path: Path) -> Iterator[str]:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = next((n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
                if member is None:
                    raise SourceError(f"{path}: the zip holds no SY.txt")
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
            return
        with path.open(encoding="utf-8") as fh:
            yield from fh
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path}: not a readable GeoNames dump ({exc})") from exc


def read_geonames(path: str | Path) -> GeoNamesData:
    """Read the GeoNames dump for Syria.

    Parameters
    ----------
    path
        ``SY.txt`` (or ``SY.zip``) from https://download.geonames.org/export/dump/.

    Returns
    -------
    GeoNamesData
        Drafts with ``place_id`` ``gn:<geonameid>``.

    Raises
    ------
    NotFoundError
        The path does not exist.
    SourceError
        A line without the 19 columns, or a bad id or coordinate (the message names the line).
    """
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"GeoNames source {path} does not exist")
    places: list[Draft] = []
    lineno = 0
    for lineno, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != COLUMNS:
            raise SourceError(
                f"{path}:{lineno}: expected {COLUMNS} tab-separated columns (GeoNames dump format), got {len(cols)}"
            )
        feature = f"{cols[6]}.{cols[7]}"
        if cols[6] == "P":
            if cols[7] in SKIPPED_P:
                continue
            kind = None
        elif feature in FEATURE_KIND:
            kind = FEATURE_KIND[feature]
        else:
            continue
        try:
            gn_id = int(cols[0])
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError as exc:
            raise SourceError(f"{path}:{lineno}: bad geonameid, coordinate or population ({exc})") from exc
        if kind is None:
            kind = "neighbourhood" if cols[7] == "PPLX" else kind_for_population(population)
        draft = Draft(
            place_id=f"gn:{gn_id}",
            name=cols[1].strip() or cols[2].strip(),
            lat=lat,
            lon=lon,
            kind=kind,
            source="geonames",
            population=population,
            gn_id=gn_id,
            country=cols[8] or "SY",
        )
        if not draft.name:
            raise SourceError(f"{path}:{lineno}: place {gn_id} has no name")
        draft.add_names([cols[2], *cols[3].split(",")])
        places.append(draft)
    if lineno == 0:
        raise SourceError(f"{path}: empty; expected the GeoNames dump SY.txt")
    return GeoNamesData(places=places, lines=lineno, file_name=path.name)


SOURCE = Source(
    id="geonames",
    title="GeoNames country dump SY",
    license="CC BY 4.0",
    url="https://download.geonames.org/export/dump/SY.zip",
    reader=read_geonames,
    option="--geonames",
    progress="geonames places",
    downloads=(("https://download.geonames.org/export/dump/SY.zip", "geonames/SY.txt", "SY.txt"),),
    fetched=("geonames/SY.txt",),
)
