"""The focus region: events outside it are kept and say so, never dropped nor silently mixed in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.api import events_of_reports, read_map_inputs
from strikemap.cli.root import app
from strikemap.errors import InputError
from strikemap.focus import FOCUS_REGIONS, flag_outside
from strikemap.shards import events_of_shard

runner = CliRunner()
NOTE = "outside the focus region (north-west Syria)"
# A wire story's shape: a strike far from Idlib told beside one in Idlib.
REPORT = ("DAMASCUS (Wire) - A car bomb exploded in a market in Douma on Tuesday, killing six people. "
          "In Idlib, jets struck Ariha, killing two.")


def test_events_outside_are_kept_and_flagged() -> None:
    events = events_of_reports([("r", REPORT)], pub_date="2020-02-05").events
    by_admin1 = {e.admin1: e.notes for e in events}
    assert by_admin1["Idlib"] == ""
    assert by_admin1["Rif Dimashq"] == NOTE
    assert len(events_of_reports([("r", REPORT)], pub_date="2020-02-05", focus=None).events) == len(events)
    unflagged = events_of_reports([("r", REPORT)], pub_date="2020-02-05", focus="none").events
    assert all(NOTE not in e.notes for e in unflagged)
    syria = events_of_reports([("r", REPORT)], pub_date="2020-02-05", focus="syria").events
    assert all("outside" not in e.notes for e in syria)  # both are in Syria


def test_flagging_twice_notes_once_and_keeps_other_notes() -> None:
    [douma] = [e for e in events_of_reports([("r", REPORT)], pub_date="2020-02-05").events if e.admin1 != "Idlib"]
    assert flag_outside([douma])[0].notes.count(NOTE) == 1


def test_an_unknown_region_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--focus 'mars'"):
        events_of_reports([("r", REPORT)], focus="mars")
    assert set(FOCUS_REGIONS) == {"north-west-syria", "syria", "none"}


def test_the_commands_and_shards_flag_the_same(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["events", str(report), "--date", "2020-02-05", "-f", "json"])
    assert result.exit_code == 0, result.output
    printed = {e["admin1"]: e["notes"] for e in json.loads(result.stdout)["events"]}
    assert printed["Rif Dimashq"] == NOTE and printed["Idlib"] is None
    records = events_of_shard([("r", REPORT)], pub_date="2020-02-05")
    assert {r["admin1"]: r["notes"] for r in records}["Rif Dimashq"] == NOTE
    found = read_map_inputs([str(report)])
    assert {e.admin1: e.notes for e in found.events}["Rif Dimashq"] == NOTE
    bad = runner.invoke(app, ["events", str(report), "--focus", "mars"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --focus 'mars'")
