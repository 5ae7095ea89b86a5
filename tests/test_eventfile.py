"""Reading event files back: round trips, ACLED exports, repairs, and one-line errors for bad files."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikemap.errors import EventFileError, NotFoundError
from strikemap.eventfile import (
    acled_event_type,
    detect_format,
    looks_like_event_file,
    read_event_file,
    read_events,
)
from strikemap.export import write_events
from strikemap.geoframe import EVENT_COLUMNS, events_to_frame
from strikemap.models import StrikeEvent
from tests.test_export import event_lists, jisr

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACLED = FIXTURES / "acled_sample.csv"


def assert_same_events(got: list[StrikeEvent], want: list[StrikeEvent]) -> None:
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        gd, wd = g.to_dict(), w.to_dict()
        for column in EVENT_COLUMNS:
            if column in ("latitude", "longitude"):
                assert math.isclose(gd[column], wd[column], abs_tol=1e-6), (i, column, gd[column], wd[column])
            else:
                assert gd[column] == wd[column], (i, column, gd[column], wd[column])


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["geojson", "csv", "json"])
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_lists())
def test_text_formats_round_trip(tmp_path_factory: pytest.TempPathFactory, fmt: str,
                                 events: list[StrikeEvent]) -> None:
    path = tmp_path_factory.mktemp(fmt) / f"events.{fmt}"
    write_events(events, path)
    # random points anywhere on Earth: no swap repair, which is for points near Syria
    result = read_event_file(path, fix_swapped=False)
    assert result.format == fmt
    assert result.warnings == []
    assert_same_events(result.events, events)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_lists())
def test_gpkg_round_trips(tmp_path_factory: pytest.TempPathFactory, events: list[StrikeEvent]) -> None:
    path = tmp_path_factory.mktemp("gpkg") / "events.gpkg"
    write_events(events, path)
    result = read_event_file(path, fix_swapped=False)
    assert result.format == "gpkg"
    assert result.warnings == []
    assert_same_events(result.events, events)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "json"])
def test_syrian_events_round_trip_with_default_repairs(tmp_path: Path, fmt: str) -> None:
    events = [jisr(), jisr(event_id="ev-2", lat=35.6136, lon=36.5581, location="Kafr Nabl", targets=())]
    path = tmp_path / f"events.{fmt}"
    write_events(events, path)
    warnings: list[str] = []
    frame = read_events(path, warnings=warnings)
    assert warnings == []
    assert list(frame.columns) == [*EVENT_COLUMNS, "geometry"]
    assert frame.crs == "EPSG:4326"
    assert (frame.geometry.x.round(6).tolist(), frame.geometry.y.round(6).tolist()) == ([36.32, 36.5581],
                                                                                        [35.81, 35.6136])
    assert frame["targets"].tolist() == [["hospital", "market"], []]
    assert read_event_file(path).events == events


def test_reads_a_frame_written_by_gdal(tmp_path: Path) -> None:
    # A FeatureCollection written by another tool (GDAL, with a crs member and list fields as arrays).
    frame = events_to_frame([jisr()]).drop(columns=["latitude", "longitude"])
    frame["targets"] = frame["targets"].map(lambda items: ",".join(items))
    frame["sources"] = frame["sources"].map(lambda items: ",".join(items))
    path = tmp_path / "gdal.geojson"
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    (event,) = read_event_file(path).events
    assert event.event_id == "ev-1" and (event.lat, event.lon) == (35.81, 36.32)
    assert event.fatalities == 4 and event.event_date == "2019-05-12"


def test_reads_a_geopackage_with_one_layer_of_another_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.gpkg"
    frame = gpd.GeoDataFrame({"event_id": ["a"], "event_type": ["Shelling"], "fatalities": [2.0]},
                             geometry=gpd.points_from_xy([36.63], [35.93]), crs="EPSG:4326")
    frame.to_file(path, layer="strikes", engine="pyogrio")
    (event,) = read_event_file(path).events
    assert (event.event_type, event.fatalities, event.lat) == ("shelling", 2, 35.93)
    assert "original event_type: Shelling" in event.notes


def test_reprojects_a_geopackage_in_web_mercator(tmp_path: Path) -> None:
    path = tmp_path / "mercator.gpkg"
    frame = gpd.GeoDataFrame({"event_id": ["a"]}, geometry=gpd.points_from_xy([36.32], [35.81]), crs="EPSG:4326")
    frame.to_crs("EPSG:3857").to_file(path, layer="events", engine="pyogrio")
    (event,) = read_event_file(path).events
    assert math.isclose(event.lat, 35.81, abs_tol=1e-6) and math.isclose(event.lon, 36.32, abs_tol=1e-6)


# --- ACLED ----------------------------------------------------------------------------------------


def test_acled_export_maps_onto_our_fields() -> None:
    result = read_event_file(ACLED)
    assert result.format == "acled"
    assert result.warnings == []
    by_id = {e.event_id: e for e in result.events}
    assert list(by_id) == ["SYR51234", "SYR51240", "SYR51251", "SYR51262", "SYR51270", "SYR51281", "SYR51290"]
    assert [e.event_type for e in result.events] == [
        "air_strike", "barrel_bomb", "drone_strike", "shelling", "missile_strike", "ground_clash", "other"
    ]
    first = by_id["SYR51234"]
    assert first.event_date == "2019-05-12"  # "12 May 2019"
    assert (first.lat, first.lon, first.geo_precision) == (35.8143, 36.3206, 1)
    assert first.actor1 == "Military Forces of Russia (2000-)"
    assert first.actor2 == "Civilians (Syria)"
    assert (first.admin1, first.admin2, first.admin3, first.location) == (
        "Idleb", "Jisr-Ash-Shugur", "Jisr-Ash-Shugur", "Jisr-Ash-Shugur")
    assert first.fatalities == 4 and first.injured is None
    assert first.source == "SOHR; Step News Agency"
    assert first.sources == ("SOHR", "Step News Agency")
    assert first.evidence.startswith("On 12 May 2019, Russian warplanes struck")
    assert first.notes == "ACLED Explosions/Remote violence / Air/drone strike"
    assert by_id["SYR51240"].event_date == "2019-05-13"  # ISO
    assert by_id["SYR51290"].event_date == "2019-05-18"  # 18-May-2019
    assert by_id["SYR51281"].actor2 == "National Front for Liberation"
    assert by_id["SYR51290"].notes == "ACLED Violence against civilians / Attack"
    assert looks_like_event_file(ACLED)


def test_acled_frame_has_our_columns() -> None:
    frame = read_events(ACLED)
    assert list(frame.columns) == [*EVENT_COLUMNS, "geometry"]
    assert len(frame) == 7
    assert frame.geometry.iloc[0].coords[0] == (36.3206, 35.8143)


@pytest.mark.parametrize(
    ("main", "sub", "notes", "expected"),
    [
        ("Explosions/Remote violence", "Air/drone strike", "warplanes struck", "air_strike"),
        ("Explosions/Remote violence", "Air/drone strike", "a Turkish drone (UAV) hit", "drone_strike"),
        ("Explosions/Remote violence", "Air/drone strike", "helicopters dropped barrel bombs", "barrel_bomb"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "mortar shells", "shelling"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "a guided missile", "missile_strike"),
        ("Battles", "Armed clash", "", "ground_clash"),
        ("Battles", "Government regains territory", "", "ground_clash"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", "", "other"),
        ("Violence against civilians", "Attack", "", "other"),
        ("Air strike", None, None, "air_strike"),
        ("shelling", None, None, "shelling"),
        ("something else", None, None, "other"),
        (None, None, None, "other"),
    ],
)
def test_acled_event_type(main: str | None, sub: str | None, notes: str | None, expected: str) -> None:
    assert acled_event_type(main, sub, notes) == expected


# --- repairs --------------------------------------------------------------------------------------


def _geojson(tmp_path: Path, features: list[dict[str, Any]], name: str = "events.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _point(lon: Any, lat: Any, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def test_swapped_coordinates_are_repaired_and_reported(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [
        _point(35.81, 123.4, event_id="a"),   # latitude beyond 90, longitude fits: swapped
        _point(35.33, 40.14, event_id="b"),   # Deir ez-Zor written [lat, lon]: outside Syria, swapped inside
        _point(36.32, 35.81, event_id="c"),   # fine
    ])
    result = read_event_file(path)
    a, b, c = result.events
    assert (a.lat, a.lon) == (35.81, 123.4)
    assert (b.lat, b.lon) == (35.33, 40.14)
    assert (c.lat, c.lon) == (35.81, 36.32)
    assert "swapped" in a.notes and "swapped" in b.notes and c.notes == ""
    assert len(result.warnings) == 2
    assert all("features[" in w and "swapped" in w for w in result.warnings)


def test_swap_repair_can_be_turned_off(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [_point(35.33, 40.14, event_id="b")])
    (event,) = read_event_file(path, fix_swapped=False).events
    assert (event.lat, event.lon) == (40.14, 35.33)


def test_duplicate_ids_are_made_unique_keeping_both(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [_point(36.3, 35.8, event_id="x"), _point(36.4, 35.9, event_id="x"),
                               _point(36.5, 35.7, event_id="x-2"), _point(36.6, 35.6, event_id="x")])
    warnings: list[str] = []
    frame = read_events(path, warnings=warnings)
    assert frame["event_id"].tolist() == ["x", "x-3", "x-2", "x-4"]
    assert frame["event_id"].is_unique
    assert "duplicate" in frame["notes"].iloc[1]
    assert len(warnings) == 1 and "2 duplicate event_id(s)" in warnings[0]


def test_missing_fields_and_nan_get_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sparse.csv"
    path.write_text(
        "event_type,latitude,longitude,fatalities,confidence,event_date,targets\n"
        "air_strike,35.81,36.32,NaN,,,\n"
        "Shelling,35.9,36.6,3,0.7,12 May 2019,market; school\n"
        "barrel_bomb,35.9,36.6,,,last Tuesday,\n",
        encoding="utf-8",
    )
    result = read_event_file(path)
    first, second, third = result.events
    assert first.event_id == "sparse-1" and second.event_id == "sparse-2"
    assert (first.fatalities, first.confidence, first.geo_precision, first.targets) == (None, 0.5, 1, ())
    assert (first.location, first.source, first.event_date, first.actor1) == ("", "", None, None)
    assert (second.event_type, second.fatalities, second.confidence) == ("shelling", 3, 0.7)
    assert second.event_date == "2019-05-12" and second.targets == ("market", "school")
    assert third.event_date is None and "original event_date: last Tuesday" in third.notes
    assert any("sparse.csv:4: event_date 'last Tuesday'" in w for w in result.warnings)
    assert any("3 event(s) had no event_id" in w for w in result.warnings)


def test_geojson_missing_properties(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.32, 35.81, 120.0]},
                                "properties": None}])
    (event,) = read_event_file(path).events
    assert (event.event_type, event.lat, event.lon, event.event_id) == ("other", 35.81, 36.32, "events-1")


def test_excel_bom_and_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("event_id;event_type;latitude;longitude;location\r\ne1;air_strike;35,81;36.32;إدلب\r\n"
                     .replace("35,81", "35.81").encode("utf-8-sig"))
    (event,) = read_event_file(path).events
    assert (event.event_id, event.location, event.lat) == ("e1", "إدلب", 35.81)


# --- bad files ------------------------------------------------------------------------------------

GOOD_CSV = "event_id,event_type,latitude,longitude\ne1,air_strike,35.81,36.32\n"
BAD_FILES: list[tuple[str, str | bytes, str]] = [
    ("events.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"ty',
     r"events\.geojson:1:\d+: truncated JSON"),
    ("events.geojson", '{"type": "FeatureCollection", "features": [}', r"events\.geojson:1:\d+: invalid JSON"),
    ("events.geojson", '{"type": "Polygon", "coordinates": []}', r"events\.geojson: GeoJSON of type 'Polygon'"),
    ("events.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[36, 35], [36.1, 35.1]]},
         "properties": {}}]}), r"events\.geojson: features\[0\]: geometry is 'LineString', expected a Point"),
    ("events.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"event_id": "a"}}]}),
     r"features\[0\]: latitude and longitude missing"),
    ("events.geojson", json.dumps({"type": "FeatureCollection", "features": [_point(200.5, 95.0)]}),
     r"features\[0\]: longitude 200\.5 out of range"),
    ("events.geojson", json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {
        "name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [_point(4043000, 4273000)]}),
     r"coordinates in urn:ogc:def:crs:EPSG::3857; reproject"),
    ("events.csv", "event_id,event_type,latitude,longitude\ne1,air_strike,123.4,123.5\n",
     r"^events\.csv:2: latitude 123\.4 out of range -90\.\.90$"),
    ("events.csv", GOOD_CSV + "e2,air_strike,35.81\n", r"events\.csv:3: 3 fields, the header has 4 \(truncated\?\)"),
    ("events.csv", GOOD_CSV + 'e2,"air_strike,35.81,36.32\n', r"events\.csv:3: truncated CSV record"),
    ("events.csv", GOOD_CSV + "e2,air_strike,north,36.32\n", r"events\.csv:3: latitude 'north' is not a number"),
    ("events.csv", GOOD_CSV + "e2,air_strike,35.8,36.3,,\n" + "e3,air_strike,35.8,36.3,x\n",
     r"events\.csv:4: 5 fields, the header has 4"),
    ("events.csv", "event_id,event_type,latitude,longitude,fatalities\ne1,shelling,35.8,36.3,-2\n",
     r"events\.csv:2: fatalities '-2' is not a whole number >= 0"),
    ("events.csv", "event_id,event_type,latitude,longitude,fatalities\ne1,shelling,35.8,36.3,2.5\n",
     r"events\.csv:2: fatalities '2\.5' is not a whole number"),
    ("events.csv", "event_id,event_type,latitude,longitude,confidence\ne1,shelling,35.8,36.3,7\n",
     r"events\.csv:2: confidence must be 0-1, got 7\.0"),
    ("events.csv", "event_id,event_type,latitude,longitude,geo_precision\ne1,shelling,35.8,36.3,9\n",
     r"events\.csv:2: geo_precision must be 1, 2 or 3, got 9"),
    ("events.csv", b"event_id,event_type,latitude,longitude\ne1,air_strike,35.8,36.3,\xe9t\xe9\n",
     r"events\.csv:2: not UTF-8 text"),
    ("events.csv", "name,lat,lon\nIdlib,35.9,36.6\n", r"events\.csv: not an event file"),
    ("events.csv", "", r"events\.csv: empty file"),
    ("events.gpkg", "this is not a database", r"events\.gpkg: not a GeoPackage \(no SQLite header\)"),
    ("report.txt", "Russian warplanes struck Jisr al-Shughur on Sunday.", r"report\.txt: not an event file"),
    ("mentions.json", '{"articles": [{"source": "a.txt", "mentions": []}]}', r"mentions\.json: not an event file"),
]


@pytest.mark.parametrize(("name", "content", "pattern"), BAD_FILES, ids=[f"{n}:{p[:30]}" for n, _, p in BAD_FILES])
def test_bad_files_give_one_line_errors(tmp_path: Path, name: str, content: str | bytes, pattern: str) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(EventFileError) as info:
        read_event_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    relative = message.replace(str(tmp_path) + "/", "")
    assert re.search(pattern, relative), relative


def test_truncated_geopackage(tmp_path: Path) -> None:
    good = tmp_path / "good.gpkg"
    write_events([jisr(), jisr(event_id="ev-2")], good)
    data = good.read_bytes()
    for cut in (100, len(data) // 3):
        bad = tmp_path / f"cut{cut}.gpkg"
        bad.write_bytes(data[:cut])
        with pytest.raises(EventFileError, match=r"cut\d+\.gpkg: ") as info:
            read_event_file(bad)
        assert "\n" not in str(info.value)


def test_geopackage_with_several_layers_and_none_called_events(tmp_path: Path) -> None:
    path = tmp_path / "two.gpkg"
    frame = gpd.GeoDataFrame({"event_id": ["a"]}, geometry=gpd.points_from_xy([36.3], [35.8]), crs="EPSG:4326")
    frame.to_file(path, layer="one", engine="pyogrio")
    frame.to_file(path, layer="two", engine="pyogrio")
    expected = r"two\.gpkg: no layer 'events' and not exactly one layer \(found: one, two\)"
    with pytest.raises(EventFileError, match=expected):
        read_event_file(path)
    pyogrio.write_dataframe(frame, path, layer="events", append=False)
    assert [e.event_id for e in read_event_file(path).events] == ["a"]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such event file"):
        read_event_file(tmp_path / "nope.geojson")
    with pytest.raises(EventFileError, match="is a folder"):
        read_event_file(tmp_path)


# --- telling event files from articles ------------------------------------------------------------


def test_looks_like_event_file(tmp_path: Path) -> None:
    write_events([jisr()], tmp_path / "events.json")
    write_events([jisr()], tmp_path / "events.gpkg")
    (tmp_path / "events.gpkg").rename(tmp_path / "events.sqlite")
    write_events([jisr()], tmp_path / "fc.json", "geojson")
    (tmp_path / "article.txt").write_text("Jisr ash-Shughur was shelled.", encoding="utf-8")
    (tmp_path / "article.md").write_text('{"type": "FeatureCollection"}', encoding="utf-8")
    (tmp_path / "mentions.json").write_text('{"articles": []}', encoding="utf-8")
    (tmp_path / "notes").write_text("no suffix, plain text", encoding="utf-8")
    assert looks_like_event_file(tmp_path / "events.json")
    assert looks_like_event_file(tmp_path / "events.sqlite")
    assert looks_like_event_file(tmp_path / "fc.json")
    assert looks_like_event_file(tmp_path / "anything.geojson")  # by name, even before it exists
    (tmp_path / "events.CSV").write_text(GOOD_CSV, encoding="utf-8")
    (tmp_path / "admin.csv").write_text("admin1Pcode,admin1Name_en\nSY07,Idlib\n", encoding="utf-8")
    assert looks_like_event_file(tmp_path / "events.CSV")
    assert not looks_like_event_file(tmp_path / "admin.csv")
    assert not looks_like_event_file(tmp_path / "article.txt")
    assert not looks_like_event_file(tmp_path / "article.md")
    assert not looks_like_event_file(tmp_path / "mentions.json")
    assert not looks_like_event_file(tmp_path / "notes")
    assert not looks_like_event_file(tmp_path / "missing.json")
    assert not looks_like_event_file(tmp_path)
    assert detect_format(tmp_path / "events.sqlite") == "gpkg"
    assert detect_format(tmp_path / "fc.json") == "geojson"
    assert detect_format(ACLED) == "acled"
    assert read_event_file(tmp_path / "events.sqlite").events == [jisr()]


@given(st.binary(max_size=200))
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_garbage_never_crashes_the_sniffer(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    looks_like_event_file(path)
    try:
        read_event_file(path)
    except EventFileError as exc:
        assert "\n" not in str(exc)
