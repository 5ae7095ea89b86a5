"""``strikemap geocode`` and ``strikemap events``: stdin, folders, formats, --date, bad files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.cli.root import app

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
REPORT = "IDLIB, Syria, May 7, 2019 (Wire) — Russian jets struck a hospital in Kafranbel on Monday, killing four.\n"
UNDATED = "Russian jets struck a hospital in Kafranbel on Monday, killing four.\n"

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.md").write_text("BEIRUT — Artillery shelled Saraqib on Tuesday.\n", encoding="utf-8")
    (sub / "ignored.csv").write_text("not,a,report\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["geocode", "events"])
def test_help_teaches_with_examples(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"strikemap {command}" in result.stdout


def test_events_from_stdin_geojson() -> None:
    result = runner.invoke(app, ["events", "-"], input=REPORT)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    props = feature["properties"]
    assert props["location"] == "Kafr Nabl" and props["event_date"] == "2019-05-06"
    assert props["fatalities"] == 4 and props["targets"] == ["hospital"]
    lon, lat = feature["geometry"]["coordinates"]
    assert 36 < lon < 37 and 35 < lat < 36


def test_events_without_paths_reads_stdin() -> None:
    result = runner.invoke(app, ["events", "--format", "json"], input=REPORT)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["events"]) == 1


def test_date_option_is_the_publication_date_when_the_text_has_none() -> None:
    result = runner.invoke(app, ["events", "-", "--date", "2019-05-08", "--format", "json"], input=UNDATED)
    assert json.loads(result.stdout)["events"][0]["event_date"] == "2019-05-06"
    result = runner.invoke(app, ["events", "-", "--format", "json"], input=UNDATED)
    assert json.loads(result.stdout)["events"][0]["event_date"] is None


def test_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["events", "-", "--date", "08/05/2019"], input=REPORT)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --date")


def test_folder_recursive_csv(folder: Path) -> None:
    result = runner.invoke(app, ["events", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["location"] for r in rows} == {"Kafr Nabl", "Saraqib"}
    assert {"latitude", "longitude", "event_type", "geo_precision"} <= set(rows[0])


def test_bad_file_in_a_folder_is_reported_and_the_rest_processed(folder: Path) -> None:
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    result = runner.invoke(app, ["events", str(folder), "--format", "json"])
    assert result.exit_code == 1  # some inputs failed, the output is written
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {folder / 'broken.txt'}: binary data, not text: give plain text, Markdown or HTML reports"
    ]
    assert len(json.loads(result.stdout)["events"]) == 2


def test_missing_path_exit_1_and_others_written(folder: Path) -> None:
    result = runner.invoke(app, ["events", str(folder / "a.txt"), str(folder / "nope.txt"), "--format", "json"])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert len(json.loads(result.stdout)["events"]) == 1


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "json"])
def test_events_to_file_in_each_format(folder: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["events", str(folder / "a.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0 and result.stdout == ""
    assert f"wrote {out}: 1 events" in result.stderr


def test_geocode_json_shape_and_roles() -> None:
    result = runner.invoke(app, ["geocode", "-"], input="AMMAN: Jets struck Kafranbel, and France called on Russia.")
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    roles = {m["text"]: m["role"] for m in article["mentions"]}
    assert roles == {"AMMAN": "dateline", "Kafranbel": "event", "France": "actor", "Russia": "actor"}
    first = article["mentions"][0]
    assert {"text", "start", "end", "role", "place_id", "name", "lat", "lon", "kind", "admin1", "score"} <= set(first)


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_geocode_other_formats(folder: Path, fmt: str) -> None:
    result = runner.invoke(app, ["geocode", str(folder), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "Kafranbel" in result.stdout


def test_geocode_rejects_gpkg() -> None:
    result = runner.invoke(app, ["geocode", "-", "--format", "gpkg"], input=REPORT)
    assert result.exit_code == 2 and result.stderr.startswith("error:")


def test_sample_articles_with_jobs_match_serial(tmp_path: Path) -> None:
    sample = tmp_path / "articles"
    shutil.copytree(ARTICLES, sample)
    serial = runner.invoke(app, ["events", str(sample), "--format", "json"])
    parallel = runner.invoke(app, ["events", str(sample), "--format", "json", "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 0
    assert serial.stdout == parallel.stdout
    events = json.loads(serial.stdout)["events"]
    market = [e for e in events if e["location"] == "Maarat al-Numan"]
    assert len(market) == 1 and len(market[0]["sources"]) == 2  # two reports of one strike, merged


def test_no_merge_keeps_one_event_per_report(tmp_path: Path) -> None:
    names = ["03-maaret-market.txt", "21-maaret-market-second-report.txt"]
    paths = [str(ARTICLES / n) for n in names]
    result = runner.invoke(app, ["events", *paths, "--format", "json", "--no-merge"])
    assert len([e for e in json.loads(result.stdout)["events"] if e["location"] == "Maarat al-Numan"]) == 2


def test_dask_engine_gives_the_same_file_as_one_process(tmp_path: Path) -> None:
    local, dask = tmp_path / "local.geojson", tmp_path / "dask.geojson"
    assert runner.invoke(app, ["events", str(ARTICLES), "-o", str(local)]).exit_code == 0
    result = runner.invoke(app, ["events", str(ARTICLES), "-o", str(dask), "--engine", "dask", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert dask.read_bytes() == local.read_bytes()


def test_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    out = tmp_path / "x.geojson"
    result = runner.invoke(app, ["events", str(ARTICLES), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code != 0
    assert result.stderr.startswith("error: cannot reach the Dask scheduler") and result.stderr.count("\n") == 1
    assert not out.exists()


def test_unknown_engine_is_a_usage_error() -> None:
    result = runner.invoke(app, ["events", str(ARTICLES), "--engine", "spark"])
    assert result.exit_code == 2 and "--engine" in result.stderr
