"""User additions: spellings a user confirmed, added to the gazetteer without rebuilding it (--aliases FILE)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.api import events_of_reports
from strikemap.cli.root import app
from strikemap.errors import InputError, NotFoundError
from strikemap.gazetteer.aliases import read_aliases
from strikemap.gazetteer.lookup import load_gazetteer

runner = CliRunner()
# A spelling the shipped gazetteer does not know (made up), taken here for a town it holds.
UNKNOWN = "Kafr Hood"
REPORT = f"Russian jets struck {UNKNOWN} on Monday, killing three civilians."


@pytest.fixture
def kafr_nabl_id() -> str:
    [match] = load_gazetteer().lookup("Kafr Nabl", limit=1)
    assert not load_gazetteer().lookup(UNKNOWN, limit=1, fuzzy=False)
    return match.place.place_id


def test_csv_and_json_files_read_the_same(tmp_path: Path, kafr_nabl_id: str) -> None:
    (tmp_path / "a.csv").write_text(f"spelling,place_id\n{UNKNOWN},{kafr_nabl_id}\n\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps([{"spelling": UNKNOWN, "place_id": kafr_nabl_id}]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({UNKNOWN: kafr_nabl_id}), encoding="utf-8")
    expected = [(UNKNOWN, kafr_nabl_id)]
    assert read_aliases(tmp_path / "a.csv") == read_aliases(tmp_path / "a.json") == read_aliases(tmp_path / "b.json")
    assert read_aliases(tmp_path / "a.csv") == expected


@pytest.mark.parametrize(("name", "content", "message"), [
    ("no-header.csv", "Kafrnabool,gn:1\n", "header must name the columns spelling and place_id"),
    ("empty-id.csv", "spelling,place_id\nKafrnabool,\n", ":2: place_id must be a non-empty text"),
    ("bad.json", "[1, 2]", "entry 1: expected an object"),
    ("broken.json", "[{", "not valid JSON"),
])
def test_bad_files_say_where(tmp_path: Path, name: str, content: str, message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_aliases(tmp_path / name)


def test_missing_file_and_unknown_place_id(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        read_aliases(tmp_path / "nope.csv")
    (tmp_path / "a.csv").write_text(f"spelling,place_id\n{UNKNOWN},gn:0\n", encoding="utf-8")
    with pytest.raises(InputError, match="place_id 'gn:0'"):
        load_gazetteer(aliases=tmp_path / "a.csv")


def test_an_alias_resolves_and_places_the_event(tmp_path: Path, kafr_nabl_id: str) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(f"spelling,place_id\n{UNKNOWN},{kafr_nabl_id}\n", encoding="utf-8")
    gaz = load_gazetteer(aliases=aliases)
    assert gaz.lookup(UNKNOWN, limit=1)[0].place.place_id == kafr_nabl_id
    assert len(gaz) == len(load_gazetteer())  # names added, no place
    before = events_of_reports([("r", REPORT)], pub_date="2019-05-07").events
    after = events_of_reports([("r", REPORT)], pub_date="2019-05-07", aliases=aliases).events
    assert kafr_nabl_id not in {e.place_id for e in before}
    assert [e.place_id for e in after] == [kafr_nabl_id] and after[0].fatalities == 3
    # Worker processes load the aliases file themselves.
    docs = [(f"r{i}", REPORT) for i in range(3)]
    assert events_of_reports(docs, aliases=aliases, jobs=2, merge=False).events == \
        events_of_reports(docs, aliases=aliases, merge=False).events


def test_the_commands_take_aliases(tmp_path: Path, kafr_nabl_id: str) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({UNKNOWN: kafr_nabl_id}), encoding="utf-8")
    result = runner.invoke(app, ["resolve", UNKNOWN, "--json", "--aliases", str(aliases)])
    assert result.exit_code == 0 and json.loads(result.stdout)["matches"][0]["place_id"] == kafr_nabl_id
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    argv = ["events", str(report), "--date", "2019-05-07", "-f", "json", "--aliases", str(aliases)]
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert [e["place_id"] for e in json.loads(result.stdout)["events"]] == [kafr_nabl_id]
    bad = runner.invoke(app, ["resolve", UNKNOWN, "--aliases", str(tmp_path / "none.csv")])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: aliases file") and bad.stderr.count("\n") == 1
