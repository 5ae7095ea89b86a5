"""strikemap.api: what each command does, in one call, with problems a program can branch on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import strikemap
from strikemap.api import (
    events_of_paths,
    events_of_reports,
    geocode_paths,
    read_map_inputs,
    read_reports,
    resolve_names,
)
from strikemap.cli.root import app
from strikemap.export import write_events
from strikemap.gazetteer.backend import PlaceBackend
from strikemap.gazetteer.lookup import load_gazetteer
from strikemap.inputs import ProblemKind
from strikemap.models import Match, Place

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
runner = CliRunner()


def test_problems_carry_a_kind(tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    good = tmp_path / "good.txt"
    good.write_text("Russian jets struck Kafr Nabl on Monday.", encoding="utf-8")
    paths = [str(p) for p in (tmp_path / "missing.txt", tmp_path / "empty-folder", tmp_path / "blank.txt",
                              tmp_path / "binary.txt", good)]
    reports = read_reports(["https://example.org/report.html", *paths])
    assert [p.kind for p in reports.problems] == [ProblemKind.URL, ProblemKind.MISSING, ProblemKind.EMPTY_FOLDER,
                                                  ProblemKind.EMPTY, ProblemKind.NOT_TEXT]
    assert [source for source, _ in reports.documents] == [str(good)]


def test_notices_arrive_in_order_as_they_happen(tmp_path: Path) -> None:
    seen: list[str] = []
    run = events_of_paths([str(tmp_path / "nope.txt"), str(ARTICLES / "02-kafranbel-hospital.txt")],
                          pub_date="2019-05-07", on_notice=lambda n: seen.append(f"{n.level}:{n.kind}"))
    assert seen == ["error:ProblemKind.MISSING"]
    assert [p.kind for p in run.problems] == [ProblemKind.MISSING]
    assert run.reports == 1 and [e.location for e in run.events] == ["Kafr Nabl"]


def test_events_of_paths_gives_what_the_command_writes(tmp_path: Path) -> None:
    out = tmp_path / "cli.geojson"
    assert runner.invoke(app, ["events", str(ARTICLES), "-o", str(out)]).exit_code == 0
    run = events_of_paths([str(ARTICLES)])
    assert write_events(run.events, None, "geojson") == out.read_bytes()
    assert run.unresolved == [] or all(names for _, names in run.unresolved)


def test_geocode_paths_gives_what_the_command_prints() -> None:
    result = runner.invoke(app, ["geocode", str(ARTICLES / "02-kafranbel-hospital.txt")])
    assert result.exit_code == 0
    run = geocode_paths([str(ARTICLES / "02-kafranbel-hospital.txt")])
    printed = json.loads(result.stdout)
    assert [m["text"] for m in printed["articles"][0]["mentions"]] == [m.text for _, m in run.mentions]
    assert run.reports == 1 and not run.online_used


def test_merge_is_an_option() -> None:
    docs = [(f"d{i}", f"Russian jets struck Ariha on Monday, killing {i + 1} people.") for i in range(3)]
    assert len(events_of_reports(docs, pub_date="2019-05-07").events) == 1
    assert len(events_of_reports(docs, pub_date="2019-05-07", merge=False).events) == 3


def test_a_bad_engine_is_an_input_error() -> None:
    with pytest.raises(strikemap.InputError, match="--engine 'spark'"):
        events_of_reports([("a", "Jets struck Ariha.")], engine="spark")


class _Backend:
    """A user's own place service: knows one name the gazetteer does not."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def lookup(self, name: str, *, limit: int = 5) -> list[Match]:
        self.asked.append(name)
        if name != "Tell Zzyzx":
            return []
        place = Place(place_id="mine:1", name="Tell Zzyzx", lat=35.6, lon=36.6, kind="village", country="SY")
        return [Match(place=place, score=60.0, matched=name, method="online")][:limit]


def test_backends_share_one_protocol() -> None:
    assert isinstance(load_gazetteer(), PlaceBackend)
    assert isinstance(_Backend(), PlaceBackend)
    from strikemap.online.nominatim import OnlineGeocoder

    assert callable(OnlineGeocoder.lookup)


def test_the_fallback_is_asked_only_for_names_the_gazetteer_cannot_place() -> None:
    backend = _Backend()
    got = dict(resolve_names(["Jisr el-Shoghour", "Tell Zzyzx", ""], fallback=backend))
    assert got["Jisr el-Shoghour"][0].place.name == "Jisr ash-Shughur"
    assert got["Tell Zzyzx"][0].place.place_id == "mine:1"
    assert got[""] == []
    assert backend.asked == ["Tell Zzyzx"]


def test_the_fallback_places_unresolved_mentions_once_per_name() -> None:
    backend = _Backend()
    from strikemap.api import geocode_reports

    text = "Jets struck the village of Tell Zzyzx. Later, Tell Zzyzx was shelled again."
    run = geocode_reports([("r", text)], fallback=backend)
    placed = [m for _, m in run.mentions if m.text == "Tell Zzyzx"]
    assert placed and all(m.match is not None and m.match.place.place_id == "mine:1" for m in placed)
    assert backend.asked == ["Tell Zzyzx"] and run.online_used


def test_map_inputs_from_event_files_and_reports(tmp_path: Path) -> None:
    events = tmp_path / "events.geojson"
    assert runner.invoke(app, ["events", str(ARTICLES / "02-kafranbel-hospital.txt"), "-o", str(events)]).exit_code == 0
    found = read_map_inputs([str(events), str(events), str(ARTICLES / "03-maaret-market.txt")])
    assert found.from_files == 1 and found.dropped == 1  # the same file twice: drawn once
    assert found.usable == 3 and found.problems == 0
    assert len(found.events) > found.from_files


def test_a_folder_of_event_files_is_no_empty_folder(tmp_path: Path) -> None:
    assert runner.invoke(app, ["events", str(ARTICLES / "02-kafranbel-hospital.txt"), "-o",
                               str(tmp_path / "e.geojson")]).exit_code == 0
    found = read_map_inputs([str(tmp_path)])
    assert found.problems == 0 and found.from_files == 1
    bare = tmp_path / "bare"
    bare.mkdir()
    alone = read_map_inputs([str(bare)])
    assert alone.problems == 1 and [n.kind for n in alone.notices] == [ProblemKind.EMPTY_FOLDER]


def test_a_bad_event_file_is_a_problem_of_its_kind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8")
    found = read_map_inputs([str(bad), str(ARTICLES / "02-kafranbel-hospital.txt")])
    kinds = [n.kind for n in found.notices if n.level == "error"]
    assert found.problems == len(kinds) == 1 and kinds == [ProblemKind.BAD_EVENT_FILE]
    assert found.events


def test_jobs_auto_means_the_cores_from_a_few_reports_on() -> None:
    from strikemap.api import AUTO_FROM, worker_count
    from strikemap.parallel import available_cores

    assert worker_count("auto", AUTO_FROM - 1) == 1
    assert worker_count("auto", AUTO_FROM) == available_cores()
    assert worker_count(3, 0) == 3 and worker_count("4", 0) == 4
    for bad in (0, 257, "many", "-1", True):
        with pytest.raises(strikemap.InputError, match="--jobs"):
            worker_count(bad, 10)  # type: ignore[arg-type]


def test_the_default_jobs_give_the_bytes_of_one_process(tmp_path: Path) -> None:
    assert len(list(ARTICLES.glob("*.txt"))) >= 20  # enough for --jobs auto to use every core
    one, auto = tmp_path / "one.geojson", tmp_path / "auto.geojson"
    assert runner.invoke(app, ["events", str(ARTICLES), "-o", str(one), "--jobs", "1"]).exit_code == 0
    assert runner.invoke(app, ["events", str(ARTICLES), "-o", str(auto)]).exit_code == 0
    assert auto.read_bytes() == one.read_bytes()
    bad = runner.invoke(app, ["events", str(ARTICLES), "-o", str(tmp_path / "x.geojson"), "--jobs", "lots"])
    assert bad.exit_code == 2
    assert bad.stderr == "error: --jobs 'lots': give a number of processes (1 to 256) or 'auto'\n"
    assert not (tmp_path / "x.geojson").exists()
