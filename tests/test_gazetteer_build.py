"""Building the full gazetteer: the readers, the merge rules, and a real build from ../shared/data."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from strikemap.errors import NotFoundError, SourceError
from strikemap.gazetteer.build import build_gazetteer
from strikemap.gazetteer.fileformat import read_gazetteer, write_gazetteer
from strikemap.gazetteer.lookup import Gazetteer
from strikemap.gazetteer.sources.geonames import read_geonames
from strikemap.gazetteer.sources.ocha import read_ocha
from strikemap.gazetteer.sources.opensyria import read_opensyria
from strikemap.gazetteer.sources.whosonfirst import read_whosonfirst
from strikemap.gazetteer.summary import summarize_gazetteer
from strikemap.models import Place
from tests.gazetteer_sources import GEONAMES_SAMPLE, write_ocha, write_wof_archive, write_wof_folder

POPULATED = ("city", "town", "village", "neighbourhood")


# -- readers ---------------------------------------------------------------------------------
def test_geonames_reader_keeps_places_terrain_and_camps() -> None:
    data = read_geonames(GEONAMES_SAMPLE)
    by_id = {d.gn_id: d for d in data.places}
    assert data.lines == 12
    assert 163560 not in by_id, "historical places (PPLH) are left out"
    assert 169004 not in by_id, "streams are left out"
    jisr = by_id[169023]
    assert (jisr.place_id, jisr.kind, jisr.lat, jisr.lon) == ("gn:169023", "town", 35.8143, 36.3206)
    assert jisr.name_ar == "جسر الشغور"
    assert "Jisr al-Shughur" in jisr.names
    assert by_id[170017].kind == "city"
    assert by_id[11890211].kind == "neighbourhood"
    assert by_id[11890212].kind == "region"
    assert by_id[11890214].kind == "camp"


def test_geonames_reader_reads_the_zip(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(GEONAMES_SAMPLE, "SY.txt")
        zf.writestr("readme.txt", "GeoNames\n")
    assert len(read_geonames(archive).places) == 10


def test_geonames_wrong_columns_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    lines = GEONAMES_SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[2] = "\t".join(lines[2].split("\t")[:5])
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"SY.txt:3: expected 19 tab-separated columns .* got 5"):
        read_geonames(bad)


def test_wof_reader_drops_superseded_deprecated_and_ceased(tmp_path: Path) -> None:
    data = read_whosonfirst(write_wof_folder(tmp_path))
    ids = {d.place_id for d in data.places}
    assert ids == {"gn:169023", "wof:1100000001", "gn:163915", "gn:163913", "wof:85678373"}
    assert data.dropped == {1226356627: "superseded", 1125781547: "not current", 1360074947: "deprecated"}
    jisr = next(d for d in data.places if d.place_id == "gn:169023")
    assert jisr.name == "Jisr al-Shughur"
    assert jisr.name_ar == "جسر الشغور"
    assert "吉斯尔舒古尔" not in jisr.names, "only the languages news uses are kept"
    suran = next(d for d in data.places if d.place_id == "gn:163915")
    assert suran.name_ar == "صوران", "a transliteration in name:ara_x_preferred is not taken for Arabic"


def test_wof_archive_and_folder_read_the_same(tmp_path: Path) -> None:
    archive = write_wof_archive(tmp_path)
    folder = read_whosonfirst(tmp_path / "extracted" / "whosonfirst-data-admin-sy")
    packed = read_whosonfirst(archive)
    assert [d.place_id for d in packed.places] == [d.place_id for d in folder.places]
    assert packed.records == folder.records == 8


def test_wof_truncated_archive(tmp_path: Path) -> None:
    archive = write_wof_archive(tmp_path)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(SourceError, match="not a readable Who's On First archive"):
        read_whosonfirst(cut)


def test_wof_folder_without_records(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(SourceError, match="no Who's On First records"):
        read_whosonfirst(tmp_path)


def test_wof_record_not_json(tmp_path: Path) -> None:
    top = write_wof_folder(tmp_path)
    (top / "data" / "123.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match=r"123.geojson is not a Who's On First GeoJSON record"):
        read_whosonfirst(top)


def test_ocha_reader_joins_english_and_arabic(tmp_path: Path) -> None:
    data = read_ocha(write_ocha(tmp_path))
    unit = data.units["SY070400"]
    assert (unit.name_en, unit.name_ar, unit.admin1_en, unit.admin1_ar) == (
        "Jisr-Ash-Shugur", "جسر الشغور", "Idleb", "إدلب"
    )
    assert len(unit.geometries) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json at all", "not JSON"), ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
     ('{"features": [{"properties": {"name": "x"}, "geometry": null}]}', "no sub-district P-code")],
)
def test_ocha_bad_files(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "en_hno_2019.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        read_ocha([bad])


def test_opensyria_missing_file(tmp_path: Path) -> None:
    (tmp_path / "governorates.json").write_text("[]", encoding="utf-8")
    with pytest.raises(NotFoundError, match=r"districts.json does not exist"):
        read_opensyria(tmp_path)


# -- a synthetic build -----------------------------------------------------------------------
def _curated_file(tmp_path: Path) -> Path:
    places = [
        Place("curated:jabal-test", "Jabal Test", 35.75, 36.45, "region", admin1="Wrong", names=("Test Mountain",)),
        Place("gn:2017370", "Russia", 61.5, 105.3, "country", country="RU"),
        Place("gn:524901", "Moscow", 55.75, 37.62, "city", country="RU", population=10_000_000),
        Place("gn:169023", "Jisr ash-Shughur", 35.8143, 36.3206, "town", names=("Jisr al-Shoghour",)),
        Place("gn:1", "Somewhere in Syria", 35.0, 38.0, "village"),
    ]
    path = tmp_path / "default.jsonl"
    write_gazetteer(path, {"name": "default", "sources": []}, places)
    return path


@pytest.fixture
def small_build(tmp_path: Path) -> Path:
    out = tmp_path / "small.jsonl"
    build_gazetteer(
        whosonfirst=write_wof_archive(tmp_path),
        ocha=write_ocha(tmp_path / "ocha"),
        geonames=GEONAMES_SAMPLE,
        curated=_curated_file(tmp_path),
        output=out,
    )
    return out


def test_small_build_merges_duplicates_and_keeps_homonyms(small_build: Path) -> None:
    data = read_gazetteer(small_build)
    by_id = {p.place_id: p for p in data.places}
    assert "wof:1100000001" not in by_id, "the Quattroshapes copy is merged into the GeoNames record"
    jisr = by_id["gn:169023"]
    assert {"Jisr esh Shoghour", "Jisr al-Shoghour", "Djisr el Choghour"} <= set(jisr.names)
    assert (jisr.admin1, jisr.admin1_pcode, jisr.admin2_pcode, jisr.admin3, jisr.admin3_pcode) == (
        "Idleb", "SY07", "SY0704", "Jisr-Ash-Shugur", "SY070400"
    )
    assert jisr.population == 44322
    surans = [p for p in data.places if p.name == "Suran" and p.kind in POPULATED]
    assert sorted(p.admin1_pcode or "" for p in surans) == ["SY02", "SY05"]
    assert not {"gn:168297", "gn:167357", "gn:9999001"} & set(by_id), "dropped WOF records stay dropped"


def test_small_build_admin_units_curated_and_boundaries(small_build: Path) -> None:
    data = read_gazetteer(small_build)
    by_id = {p.place_id: p for p in data.places}
    units = {p.place_id: p for p in data.places if p.kind.startswith("admin")}
    assert set(units) == {f"ocha:{c}" for c in ("SY07", "SY0704", "SY070400", "SY05", "SY0501", "SY050101",
                                                "SY02", "SY0204", "SY020405")}
    assert "Idlib" in units["ocha:SY07"].names, "the WOF region adds its name to the governorate"
    assert "wof:85678373" not in by_id
    curated = by_id["curated:jabal-test"]
    assert (curated.admin1, curated.admin3_pcode) == ("Idleb", "SY070400"), "admin fields recomputed"
    assert by_id["gn:524901"].country == "RU"
    assert "gn:2017370" in by_id
    assert "gn:1" not in by_id, "the default's own Syrian places are not copied in"
    assert by_id["gn:11890214"].kind == "camp"
    levels = Counter(b["level"] for b in data.boundaries)
    assert levels == {1: 3, 2: 3, 3: 3}
    idlib = next(b for b in data.boundaries if b["boundary"] == "SY07")
    assert (idlib["name"], idlib["name_ar"], idlib["parent"], idlib["geometry"]["type"]) == (
        "Idleb", "إدلب", "SY", "Polygon"
    )
    header = data.header
    assert header["name"] == "full"
    assert [s["id"] for s in header["sources"]] == ["whosonfirst", "ocha-cod-ab", "geonames", "strikemap-default"]
    assert header["sources"][2]["license"] == "CC BY 4.0"
    assert header["sources"][0]["files"] == [{"name": "whosonfirst-data-admin-sy.tar.gz", "records": 8}]


def test_small_build_gzip_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "g.jsonl.gz"
    report = build_gazetteer(geonames=GEONAMES_SAMPLE, ocha=write_ocha(tmp_path), curated=False, output=out)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        assert json.loads(fh.readline())["name"] == "full"
    assert report.by_kind["camp"] == 1
    summary = summarize_gazetteer(read_gazetteer(out), path=str(out))
    assert summary["by_admin1"]["Idleb"]["town"] == 1
    assert [s["id"] for s in summary["sources"]] == ["ocha-cod-ab", "geonames"]


def test_failed_build_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "full.jsonl"
    out.write_text("old\n", encoding="utf-8")
    bad = tmp_path / "en_hno_2019.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(SourceError):
        build_gazetteer(geonames=GEONAMES_SAMPLE, ocha=[bad], output=out)
    with pytest.raises(NotFoundError):
        build_gazetteer(geonames=tmp_path / "missing.txt", output=out)
    with pytest.raises(SourceError, match="no sources given"):
        build_gazetteer(output=out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert not list(tmp_path.glob(".full.jsonl.*")), "no temporary file is left behind"


# -- the real build from ../shared/data -------------------------------------------------------
@pytest.mark.shared
def test_full_build_coverage(full_build: tuple[Path, float], full_gazetteer: Gazetteer) -> None:
    path, _ = full_build
    populated = [p for p in full_gazetteer if p.kind in POPULATED and p.country == "SY"]
    idlib = [p for p in populated if p.admin1_pcode == "SY07"]
    hama = [p for p in populated if p.admin1_pcode == "SY05"]
    assert len(idlib) >= 900
    assert len(hama) >= 850
    assert all(p.admin3_pcode and p.admin3_pcode.startswith("SY07") and p.admin2 for p in idlib)
    assert all(p.admin3_pcode and p.admin3_pcode.startswith("SY05") and p.admin2 for p in hama)
    assert {p.admin1 for p in idlib} == {"Idlib"}
    kinds = Counter(p.kind for p in full_gazetteer)
    assert (kinds["admin1"], kinds["admin2"], kinds["admin3"]) == (14, 62, 272)
    levels = Counter(b["level"] for b in full_gazetteer.boundaries)
    assert levels == {1: 14, 2: 62, 3: 272}
    assert path.stat().st_size < 12_000_000


@pytest.mark.shared
def test_full_build_drops_superseded_records(full_gazetteer: Gazetteer) -> None:
    # Hayfa (wof 1226356627, gn 168297) is superseded by wof 1210030609 (gn 420430); Saqlaya likewise.
    assert full_gazetteer.get("gn:168297") is None
    assert full_gazetteer.get("gn:164810") is None
    assert full_gazetteer.get("wof:1226356627") is None
    assert full_gazetteer.get("gn:420430") is not None


@pytest.mark.shared
def test_full_build_homonyms_stay_apart(full_gazetteer: Gazetteer) -> None:
    surans = [m.place for m in full_gazetteer.lookup("Suran", limit=10) if m.place.kind in POPULATED]
    admin1 = {p.admin1_pcode for p in surans if p.name == "Suran"}
    assert {"SY05", "SY02"} <= admin1
    hama_suran = next(p for p in surans if p.admin1_pcode == "SY05")
    assert abs(hama_suran.lat - 35.29) < 0.05 and abs(hama_suran.lon - 36.75) < 0.05, "the one near Morek"
    for name in ("Sinjar", "Khattab", "Maarzaf"):
        places = [m.place for m in full_gazetteer.lookup(name, limit=10, fuzzy=False) if m.place.kind in POPULATED]
        assert len({p.admin1_pcode for p in places}) >= 2, name


@pytest.mark.shared
def test_full_build_lookup_latin_and_arabic(full_gazetteer: Gazetteer) -> None:
    best = full_gazetteer.lookup("Jisr el-Shoghour")[0].place
    assert (best.place_id, best.admin3_pcode, best.admin1) == ("gn:169023", "SY070400", "Idlib")
    arabic = [m.place.place_id for m in full_gazetteer.lookup("جسر الشغور")]
    assert "gn:169023" in arabic
    assert full_gazetteer.lookup("كفرنبل"), "Arabic names of villages are there"


@pytest.mark.shared
def test_full_build_keeps_curated_and_world_places(full_gazetteer: Gazetteer) -> None:
    if not any(p.place_id.startswith("curated:") for p in full_gazetteer):
        pytest.fail("the default gazetteer's curated places are missing from the full build")
    moscow = full_gazetteer.lookup("Moscow")[0].place
    assert moscow.country == "RU"
    zawiya = full_gazetteer.lookup("Jabal al-Zawiya")[0].place
    assert zawiya.place_id.startswith("curated:") and zawiya.admin1_pcode == "SY07"


@pytest.mark.shared
def test_full_build_is_deterministic(full_build: tuple[Path, float], shared_data: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.jsonl"
    build_gazetteer(
        whosonfirst=shared_data / "whosonfirst" / "whosonfirst-data-admin-sy.tar.gz",
        ocha=[shared_data / "ocha-cod-ab" / "en_hno_2019.json", shared_data / "ocha-cod-ab" / "ar_hno_2019.json"],
        opensyria=shared_data / "opensyria-geography",
        output=again,
    )
    assert again.read_bytes() == full_build[0].read_bytes()


# -- the source registry ---------------------------------------------------------------------
def test_registry_rows_declare_id_title_licence_url_and_reader() -> None:
    from strikemap.gazetteer.sources.registry import DEFAULT_SOURCES, FULL_SOURCES, SHIPPED

    for rows in (FULL_SOURCES, DEFAULT_SOURCES):
        assert len({s.id for s in rows}) == len(rows)
    for source in (*FULL_SOURCES, SHIPPED, *DEFAULT_SOURCES):
        assert source.id and source.title and source.license and callable(source.reader), source
        assert source is SHIPPED or source.url, source
    for source in FULL_SOURCES:
        assert source.option and source.progress and source.downloads and source.fetched, source
        assert source.role in ("places", "admin")
    licences = {s.id: s.license for s in (*FULL_SOURCES, *DEFAULT_SOURCES)}
    assert licences["geonames"] == "CC BY 4.0"
    assert licences["whosonfirst"].startswith("CC0") and "CC BY" in licences["whosonfirst"]
    assert licences["ocha-cod-ab"] == "CC BY 3.0 IGO"
    assert licences["naturalearth"] == "public domain"
    assert licences["opensyria"] == "CC BY 4.0"


def test_header_lists_the_sources_read_from_their_registry_rows(small_build: Path) -> None:
    from strikemap.gazetteer.sources.registry import FULL_SOURCES, SHIPPED

    rows = {s.id: s for s in (*FULL_SOURCES, SHIPPED)}
    for entry in read_gazetteer(small_build).header["sources"]:
        row = rows[entry["id"]]
        assert (entry["title"], entry["license"], entry.get("url")) == (row.title, row.license, row.url)
        assert entry["files"] and all(f["records"] > 0 for f in entry["files"])


def test_unknown_source_keyword_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="geoname"):
        build_gazetteer(geoname=GEONAMES_SAMPLE, output=tmp_path / "g.jsonl")


# -- stages shared by both builds --------------------------------------------------------------
def test_admin_index_edges_go_to_the_lower_code_and_near_points_to_the_nearest() -> None:
    from shapely.geometry import box

    from strikemap.gazetteer.admin_index import AdminIndex

    index = AdminIndex.of({"SY01": box(0, 0, 1, 1), "SY02": box(1, 0, 2, 1)},
                          {"SY01": ("One", None), "SY02": ("Two", None)}, near_deg=0.1)
    lats, lons = [0.5, 0.5, 0.5, 0.5, 0.5], [0.5, 1.0, 1.5, 2.05, 2.5]
    assert index.locate(lats, lons) == ["SY01", "SY01", "SY02", "SY02", None]
    assert index.locate_one(0.5, -0.05) == "SY01"
    assert index.locate([], []) == []


def test_script_names_keeps_latin_and_arabic_names_not_machine_forms() -> None:
    from strikemap.gazetteer.names import arabic_names, clean_names, script_names

    raw = ["Idlib", " Idlib ", "ydlb", "IDL", "إدلب", "Идлиб", "Idlib 2", "Idleb"]
    assert clean_names(raw) == ["Idlib", "ydlb", "IDL", "إدلب", "Идлиб", "Idlib 2", "Idleb"]
    assert script_names(raw) == ["Idleb", "Idlib", "إدلب"]
    assert script_names(raw, strict=False) == ["IDL", "Idleb", "Idlib", "ydlb", "إدلب"]
    assert arabic_names(raw) == ["إدلب"]


# -- distinct villages stay distinct ------------------------------------------------------------------------
# Pairs of villages a source conflates (one listed among the other's names); each is checked both ways.
DISTINCT = [("Balshun", "Mashun")]


@pytest.mark.parametrize(("one", "other"), DISTINCT + [(b, a) for a, b in DISTINCT])
def test_known_distinct_villages_are_not_one_place(full_gazetteer: Gazetteer, one: str, other: str) -> None:
    from strikemap.spelling import variant_key

    for match in full_gazetteer.lookup(one, limit=5):
        names = {variant_key(n) for n in (match.place.name, *match.place.names, match.place.name_ar or "")}
        assert variant_key(other) not in names, f"{one} resolves to {match.place.name}, which is also named {other}"


def test_a_report_naming_both_gives_no_event_to_the_wrong_one(full_build: tuple[Path, float]) -> None:
    from strikemap.pipeline import extract_events

    text = ("IDLIB, Syria (Wire) - Government shelling killed two children in Balyun and two girls in Balshun in "
            "Jabal al-Zawiya on Tuesday, rescuers said.")
    events = extract_events(text, pub_date="2020-02-05", gazetteer=Gazetteer.load(full_build[0]))
    assert "Mashun" not in {e.location for e in events}
    assert {e.location: e.fatalities for e in events}.get("Balyun") == 2
