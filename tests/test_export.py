"""Exports: what GIS tools and scripts read back is what was written, field by field."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikemap.errors import InputError
from strikemap.export import (
    events_to_csv,
    events_to_geojson,
    events_to_json,
    format_for,
    mentions_to_csv,
    mentions_to_geojson,
    mentions_to_json,
    write_events,
    write_mentions,
)
from strikemap.geoframe import EVENT_COLUMNS, events_to_frame
from strikemap.models import EVENT_TYPES, Match, Mention, Place, StrikeEvent
from strikemap.sanitize import defuse_cell, restore_cell
from strikemap.values import join_list, split_list
from tests.conftest import IN_CI

# --- strategies (also used by test_eventfile) ------------------------------------------------------

MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a & b \"quoted\" 'single'"]
ARABIC = ["قصف جوي على جسر الشغور", "مستشفى", "إدلب", "معرة النعمان"]
# Any text an event may hold once it is in the program: every plane of Unicode but lone surrogates (not
# encodable) and the control characters other than tab and newline (removed on the way in, see
# strikemap.sanitize.clean_text), plus markup, formula triggers and Arabic drawn often.
FORMULAS = ["=1+2", "=HYPERLINK(\"http://x.invalid\",\"x\")", "+1", "-1+1", "@SUM(A1)", "\t=1", "'=1", "-36.5",
            "=cmd|' /C calc'!A0"]
free_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"), max_size=40),
    st.sampled_from(FORMULAS),
    st.sampled_from(MARKUP + ARABIC),
)
optional_text = st.one_of(st.none(), free_text.filter(bool))
# List items (targets, sources) are stripped on reading, and ';' separates them in CSV/GeoPackage.
item_text = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz_-./:<>0123456789 قصفمستشىإدلب"), min_size=1, max_size=15)
    .map(str.strip)
    .filter(bool),
    st.sampled_from(["hospital", "school", "market", "civil_defence", "camp", "power", "water", "residential"]),
)
iso_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)).map(date.isoformat)
counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))
world_lat = st.floats(min_value=-90, max_value=90, allow_nan=False)
world_lon = st.floats(min_value=-180, max_value=180, allow_nan=False)


@st.composite
def strike_events(draw: st.DrawFn, event_id: str | None = None) -> StrikeEvent:
    source = draw(st.one_of(st.just(""), item_text))
    return StrikeEvent(
        event_id=event_id if event_id is not None else draw(free_text.filter(bool)),
        event_type=draw(st.sampled_from(EVENT_TYPES)),
        lat=draw(world_lat),
        lon=draw(world_lon),
        location=draw(free_text),
        place_id=draw(optional_text),
        geo_precision=draw(st.sampled_from((1, 2, 3))),
        event_date=draw(st.one_of(st.none(), iso_dates)),
        actor1=draw(optional_text),
        actor2=draw(optional_text),
        admin1=draw(optional_text),
        admin2=draw(optional_text),
        admin3=draw(optional_text),
        admin3_pcode=draw(optional_text),
        fatalities=draw(counts),
        injured=draw(counts),
        targets=tuple(draw(st.lists(item_text, max_size=4))),
        source=source,
        sources=tuple(draw(st.lists(item_text, max_size=3))),
        evidence=draw(free_text),
        confidence=draw(st.floats(min_value=0, max_value=1)),
        notes=draw(free_text),
    )


@st.composite
def event_lists(draw: st.DrawFn, max_size: int = 6) -> list[StrikeEvent]:
    ids = draw(st.lists(free_text.filter(bool), unique=True, max_size=max_size))
    return [draw(strike_events(event_id=i)) for i in ids]


def jisr(**changes: Any) -> StrikeEvent:
    fields: dict[str, Any] = {
        "event_id": "ev-1", "event_type": "air_strike", "lat": 35.81, "lon": 36.32,
        "location": "Jisr ash-Shughur", "place_id": "gn:169023", "geo_precision": 1,
        "event_date": "2019-05-12", "actor1": "Russia", "admin1": "Idlib", "fatalities": 4,
        "targets": ("hospital", "market"), "source": "idlib-2019-05-bombing.txt",
        "evidence": "Russian warplanes struck a market in Jisr ash-Shughur <b>killing</b> 4 — قصف", "confidence": 0.8,
    }
    fields.update(changes)
    return StrikeEvent(**fields)


# --- comparing ------------------------------------------------------------------------------------


def assert_same_value(column: str, got: Any, want: Any, where: str) -> None:
    if isinstance(want, float) or (column in ("latitude", "longitude", "confidence") and want is not None):
        assert got is not None and math.isclose(float(got), float(want), abs_tol=1e-6), (where, column, got, want)
    else:
        assert got == want, (where, column, got, want)


def _plain(value: Any) -> Any:
    """A cell as GDAL/pandas give it back, as plain Python (None for missing)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
        if isinstance(value, list):
            return value
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


INT_FIELDS = ("geo_precision", "fatalities", "injured")


def expected_cell(column: str, want: Any, *, lists: str) -> Any:
    """What a written field should read back as: ``lists`` is ``list`` or ``joined`` (CSV/GeoPackage).

    The one rule for missing values: an empty text, and an empty joined list, read back as null.
    """
    if column in ("targets", "sources"):
        return list(want) if lists == "list" else (join_list(want) or None)
    return None if want == "" else want


def exported(event: StrikeEvent) -> dict[str, Any]:
    """``event.to_dict()`` as every export writes it: an empty text is null."""
    return {k: None if v == "" else v for k, v in event.to_dict().items()}


# --- GeoJSON --------------------------------------------------------------------------------------


def test_geojson_is_rfc7946_lon_lat_without_crs() -> None:
    collection = events_to_geojson([jisr()])
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    (feature,) = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.32, 35.81]}
    props = feature["properties"]
    assert props["targets"] == ["hospital", "market"]
    assert props["sources"] == ["idlib-2019-05-bombing.txt"]
    assert props["injured"] is None
    assert "latitude" not in props and "longitude" not in props
    assert list(props) == [c for c in EVENT_COLUMNS if c not in ("latitude", "longitude")]


def test_geojson_rounds_coordinates_to_6_decimals_and_is_deterministic(tmp_path: Path) -> None:
    event = jisr(lat=35.814312345678, lon=36.320698765432)
    assert events_to_geojson([event])["features"][0]["geometry"]["coordinates"] == [36.320699, 35.814312]
    first = write_events([event, jisr(event_id="ev-2")], None, "geojson")
    assert first == write_events(events_to_frame([event, jisr(event_id="ev-2")]), None, "geojson")
    assert first is not None
    text = first.decode("utf-8")
    assert "قصف" in text  # ensure_ascii=False
    assert json.loads(text)["type"] == "FeatureCollection"
    assert len(text.splitlines()) == 4  # head, one line per feature, tail


def test_empty_exports_are_valid(tmp_path: Path) -> None:
    assert json.loads(write_events([], None, "geojson") or b"") == {"type": "FeatureCollection", "features": []}
    assert json.loads(write_events([], None, "json") or b"") == {"events": []}
    assert (write_events([], None, "csv") or b"").decode().strip() == ",".join(EVENT_COLUMNS)
    write_events([], tmp_path / "empty.gpkg")
    assert len(pyogrio.read_dataframe(tmp_path / "empty.gpkg", layer="events")) == 0


def test_json_for_scripts() -> None:
    (record,) = events_to_json([jisr()])["events"]
    assert list(record) == list(EVENT_COLUMNS)
    assert record["latitude"] == 35.81 and record["longitude"] == 36.32
    assert record == exported(jisr())
    assert record["notes"] is None and record["actor2"] is None  # never ''


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_lists())
def test_geojson_read_back_by_gdal_equals_what_was_written(tmp_path_factory: pytest.TempPathFactory,
                                                           events: list[StrikeEvent]) -> None:
    path = tmp_path_factory.mktemp("gj") / "events.geojson"
    write_events(events, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert len(document["features"]) == len(events)
    for feature, event in zip(document["features"], events, strict=True):
        want = event.to_dict()
        lon, lat = feature["geometry"]["coordinates"]
        assert_same_value("latitude", lat, want["latitude"], "json")
        assert_same_value("longitude", lon, want["longitude"], "json")
        for column, value in feature["properties"].items():
            assert value == expected_cell(column, want[column], lists="list"), (column, value, want[column])
    if not events:
        return
    frame = pyogrio.read_dataframe(path)
    assert len(frame) == len(events)
    for i, event in enumerate(events):
        want = event.to_dict()
        point = frame.geometry.iloc[i]
        assert_same_value("longitude", point.x, want["longitude"], f"row {i}")
        assert_same_value("latitude", point.y, want["latitude"], f"row {i}")
        for column in EVENT_COLUMNS:
            if column in ("latitude", "longitude"):
                continue
            got = _plain(frame[column].iloc[i]) if column in frame.columns else None
            if column in ("targets", "sources") and got is None:
                got = []  # GDAL reads an empty array as null
            assert_same_value(column, got, expected_cell(column, want[column], lists="list"), f"row {i}")


# --- GeoPackage ------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_lists())
def test_gpkg_read_back_by_gdal_equals_what_was_written(tmp_path_factory: pytest.TempPathFactory,
                                                        events: list[StrikeEvent]) -> None:
    path = tmp_path_factory.mktemp("gpkg") / "events.gpkg"
    write_events(events, path)
    info = pyogrio.read_info(path, layer="events")
    assert info["crs"] == "EPSG:4326"
    assert info["features"] == len(events)
    frame = pyogrio.read_dataframe(path, layer="events")
    for i, event in enumerate(events):
        want = event.to_dict()
        point = frame.geometry.iloc[i]
        assert_same_value("longitude", point.x, want["longitude"], f"row {i}")
        assert_same_value("latitude", point.y, want["latitude"], f"row {i}")
        for column in EVENT_COLUMNS:
            got = _plain(frame[column].iloc[i])
            expected = expected_cell(column, want[column], lists="joined")
            if column in INT_FIELDS and got is not None:
                got = int(got)
            assert_same_value(column, got, expected, f"row {i}")


def test_gpkg_field_types(tmp_path: Path) -> None:
    write_events([jisr(), jisr(event_id="ev-2", fatalities=None)], tmp_path / "out.gpkg")
    info = pyogrio.read_info(tmp_path / "out.gpkg", layer="events")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["geo_precision"] == "OFTInteger"
    assert types["fatalities"] == types["injured"] == "OFTInteger64"
    assert types["confidence"] == types["latitude"] == types["longitude"] == "OFTReal"
    assert types["event_date"] == "OFTDate"
    for column in ("event_id", "targets", "sources", "evidence", "notes"):
        assert types[column] == "OFTString"
    assert info["geometry_type"] == "Point"
    assert [str(name) for name, _ in pyogrio.list_layers(tmp_path / "out.gpkg")] == ["events"]


def test_ogrinfo_opens_the_geopackage(tmp_path: Path) -> None:
    if shutil.which("ogrinfo") is None:
        if IN_CI:
            pytest.fail("ogrinfo is not on PATH: CI must install gdal-bin")
        pytest.skip("ogrinfo is not installed (apt-get install gdal-bin)")
    path = tmp_path / "out.gpkg"
    write_events([jisr()], path)
    result = subprocess.run(["ogrinfo", "-so", str(path), "events"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Geometry: Point" in out
    assert "Feature Count: 1" in out
    assert 'ID["EPSG",4326]' in out or "EPSG:4326" in out
    for line in ("event_id: String", "event_date: Date", "geo_precision: Integer", "fatalities: Integer64",
                 "confidence: Real", "latitude: Real", "targets: String"):
        assert line in out, out
    # The GeoPackage version is one the installed GDAL knows: it opens without a warning.
    assert "Warning" not in result.stderr, result.stderr


def test_gpkg_to_standard_output_is_a_geopackage() -> None:
    data = write_events([jisr()], None, "gpkg")
    assert data is not None and data.startswith(b"SQLite format 3\x00")


# --- CSV ------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_lists())
def test_csv_read_back_by_pandas_equals_what_was_written(tmp_path_factory: pytest.TempPathFactory,
                                                         events: list[StrikeEvent]) -> None:
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    write_events(events, path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == len(events)
    for i, event in enumerate(events):
        want = event.to_dict()
        for column in EVENT_COLUMNS:
            got = frame[column].iloc[i]
            expected = expected_cell(column, want[column], lists="joined")
            if expected is None:
                assert got == "", (column, got)
            elif column in ("latitude", "longitude", "confidence"):
                assert_same_value(column, float(got), expected, f"row {i}")
            else:
                # What a foreign reader sees is the text defused against formulas; removing the one
                # leading quote gives the text back.
                assert got == defuse_cell(str(expected)), (column, got, expected)
                assert restore_cell(got) == str(expected)


def test_csv_shape_and_bom() -> None:
    text = events_to_csv([jisr()])
    header, row, *_ = text.split("\r\n")
    assert header.split(",") == list(EVENT_COLUMNS)
    assert "hospital;market" in row and ",35.81,36.32," in row
    assert not text.startswith("\ufeff")
    with_bom = write_events([jisr()], None, "csv", bom=True)
    assert with_bom is not None and with_bom.startswith(b"\xef\xbb\xbf")
    assert (write_events([jisr()], None, "geojson", bom=True) or b"").startswith(b"{")


def test_lists_join_and_split() -> None:
    items = ["hospital", "http://x.org/a;b", "قصف"]
    assert split_list(join_list(items)) == items
    assert split_list("") == []
    assert split_list(' ["a", "b"] ') == ["a", "b"]
    assert split_list("a; b ;") == ["a", "b"]


# --- formats and atomic writing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        ("out.geojson", None, "geojson"),
        ("out.GPKG", None, "gpkg"),
        ("out.csv", None, "csv"),
        ("out.json", None, "json"),
        ("out.txt", None, "geojson"),
        (None, None, "geojson"),
        ("-", None, "geojson"),
        ("out.json", "csv", "csv"),
        ("out.json", "GeoJSON", "geojson"),
    ],
)
def test_format_for(path: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(path, fmt) == expected


def test_format_for_rejects_unknown_formats() -> None:
    with pytest.raises(InputError, match="unknown format 'shp'"):
        format_for("out.shp", "shp")
    with pytest.raises(InputError, match="cannot write gpkg"):
        write_mentions([], "mentions.gpkg")


def test_write_events_by_suffix(tmp_path: Path) -> None:
    for suffix in ("geojson", "json", "csv", "gpkg"):
        assert write_events([jisr()], tmp_path / f"out.{suffix}") is None
    assert (tmp_path / "out.gpkg").read_bytes().startswith(b"SQLite format 3")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["events"][0]["event_id"] == "ev-1"
    assert json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.geojson", "out.gpkg", "out.json"]


def test_write_rejects_things_that_are_not_events() -> None:
    with pytest.raises(InputError, match="cannot export dict as an event"):
        write_events([{"event_id": "x"}], None)  # type: ignore[list-item]


class Boom(Exception):
    pass


@pytest.mark.parametrize("fmt", ["geojson", "csv", "json"])
def test_failed_text_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    target = tmp_path / f"events.{fmt}"
    target.write_text("old content", encoding="utf-8")

    def half_then_fail(self: Path, data: bytes) -> int:
        with open(self, "wb") as fh:
            fh.write(data[: len(data) // 2])
        raise Boom("killed while writing")

    monkeypatch.setattr(Path, "write_bytes", half_then_fail)
    with pytest.raises(Boom):
        write_events([jisr()] * 1, target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("error", [Boom("disk full"), KeyboardInterrupt()])
def test_failed_gpkg_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  error: BaseException) -> None:
    import pyogrio.raw

    real_write = pyogrio.raw.write

    def write_then_fail(*args: Any, **kwargs: Any) -> None:
        real_write(*args, **kwargs)
        raise error

    monkeypatch.setattr(pyogrio.raw, "write", write_then_fail)
    target = tmp_path / "events.gpkg"
    with pytest.raises(type(error)):
        write_events([jisr()], target)
    assert list(tmp_path.iterdir()) == []


def test_write_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    from strikemap.errors import NotFoundError

    with pytest.raises(NotFoundError, match="does not exist"):
        write_events([jisr()], tmp_path / "nope" / "events.csv")


# --- mentions -------------------------------------------------------------------------------------


def _mentions() -> list[tuple[str, Mention]]:
    place = Place("gn:169023", "Jisr ash-Shughur", 35.8143, 36.3206, "town", admin1="Idlib")
    resolved = Mention("Jisr Al-Shqour", 10, 24, role="event", match=Match(place, 93.5, "jisr ash shughur", "fuzzy"))
    unresolved = Mention("Tell Nowhere", 40, 52)
    return [("a.txt", resolved), ("a.txt", unresolved), ("b.txt", resolved)]


def test_mentions_geojson_csv_json(tmp_path: Path) -> None:
    collection = mentions_to_geojson(_mentions())
    assert [f["geometry"] for f in collection["features"]] == [
        {"type": "Point", "coordinates": [36.3206, 35.8143]}, None, {"type": "Point", "coordinates": [36.3206, 35.8143]}
    ]
    assert collection["features"][0]["properties"]["place_id"] == "gn:169023"
    assert collection["features"][1]["properties"]["place_id"] is None

    rows = mentions_to_csv(_mentions()).splitlines()
    assert rows[0].startswith("source,text,start,end,role,place_id")
    assert rows[2].endswith(",,")  # no coordinates for the unresolved mention

    document = mentions_to_json(_mentions())
    assert [a["source"] for a in document["articles"]] == ["a.txt", "b.txt"]
    first = document["articles"][0]["mentions"][0]
    assert first == {"text": "Jisr Al-Shqour", "start": 10, "end": 24, "role": "event", "place_id": "gn:169023",
                     "name": "Jisr ash-Shughur", "lat": 35.8143, "lon": 36.3206, "kind": "town", "admin1": "Idlib",
                     "score": 93.5}
    assert first == _mentions()[0][1].to_dict()

    write_mentions(_mentions(), tmp_path / "m.json")
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8")) == document
    write_mentions(_mentions(), tmp_path / "m.geojson")
    assert len(pyogrio.read_dataframe(tmp_path / "m.geojson")) == 3
    data = write_mentions(_mentions(), None, "csv")
    assert data is not None and data.decode().splitlines() == mentions_to_csv(_mentions()).splitlines()


def test_export_modules_do_not_load_at_cli_startup() -> None:
    cli = Path(__file__).resolve().parent.parent / "strikemap" / "cli"
    modules = sorted(cli.glob("*.py"))
    assert len(modules) >= 5
    top_level = [line for path in modules for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith(("import ", "from "))]
    assert top_level
    assert not [line for line in top_level if "export" in line or "eventfile" in line]


def test_environment_is_not_modified() -> None:
    # write_events must not leave temp GeoPackages in the working directory
    before = set(os.listdir("."))
    write_events([jisr()], None, "gpkg")
    assert set(os.listdir(".")) == before


# --- one typing and one missing-value rule across formats, on the sample reports ------------------


@pytest.fixture(scope="module")
def sample_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from strikemap.api import events_of_reports

    root = Path(__file__).resolve().parent.parent
    docs = [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted((root / "data" / "articles").glob("*.txt"))]
    events = events_of_reports(docs).events  # reports of one strike merged
    assert any(e.event_date is None for e in events) and any(e.notes == "" for e in events)
    folder = tmp_path_factory.mktemp("sample")
    paths = {fmt: folder / f"events.{fmt}" for fmt in ("gpkg", "geojson", "csv", "json")}
    for path in paths.values():
        write_events(events, path)
    return paths


def test_sample_gpkg_has_a_date_field_integer_counts_and_nulls_never_empty_text(
        sample_exports: dict[str, Path]) -> None:
    info = pyogrio.read_info(sample_exports["gpkg"], layer="events")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert (types["geo_precision"], types["fatalities"], types["injured"]) == \
        ("OFTInteger", "OFTInteger64", "OFTInteger64")
    frame = pyogrio.read_dataframe(sample_exports["gpkg"], layer="events")
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["event_date"].isna().sum() == 2  # the two undated reports: NULL, not ''
    assert frame["fatalities"].dropna().map(float.is_integer).all()
    for column in EVENT_COLUMNS:
        values = frame[column].tolist()
        assert "" not in values, f"{column}: an empty string where NULL belongs"
    assert frame["notes"].isna().any() and frame["actor2"].isna().any() and frame["targets"].isna().any()
    assert all(";" in t or t.isidentifier() for t in frame["targets"].dropna())


def test_sample_geojson_nulls_arrays_and_integer_counts(sample_exports: dict[str, Path]) -> None:
    features = json.loads(sample_exports["geojson"].read_text(encoding="utf-8"))["features"]
    for feature in features:
        props = feature["properties"]
        assert "" not in props.values(), props
        assert isinstance(props["targets"], list) and isinstance(props["sources"], list) and props["sources"]
        for column in ("fatalities", "injured", "geo_precision"):
            assert props[column] is None or type(props[column]) is int, (column, props[column])
    assert any(f["properties"]["notes"] is None for f in features)
    assert any(f["properties"]["targets"] == [] for f in features)


def test_ogrinfo_reads_event_date_as_a_date(sample_exports: dict[str, Path]) -> None:
    if shutil.which("ogrinfo") is None:
        if IN_CI:
            pytest.fail("ogrinfo is not on PATH: CI must install gdal-bin")
        pytest.skip("ogrinfo is not installed (apt-get install gdal-bin)")
    result = subprocess.run(["ogrinfo", "-q", "-where", "event_date > '2019-05-20' AND event_date < '2019-05-22'",
                             str(sample_exports["gpkg"]), "events"], capture_output=True, text=True, check=True)
    assert "event_date (Date) = 2019/05/21" in result.stdout
    assert "notes (String) = (null)" in result.stdout
    assert result.stdout.count("OGRFeature(events)") == 2  # Suran and Morek, shelled on 21 May


def test_every_format_reads_back_to_the_same_events(sample_exports: dict[str, Path]) -> None:
    from strikemap.eventfile import read_event_file

    read = {fmt: read_event_file(path) for fmt, path in sample_exports.items()}
    assert all(not r.warnings for r in read.values()), {f: r.warnings for f, r in read.items()}
    reference = [e.to_dict() for e in read["geojson"].events]
    assert len(reference) == 28
    for fmt, result in read.items():
        assert [e.to_dict() for e in result.events] == reference, fmt

