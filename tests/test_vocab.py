"""One vocabulary: every event type and target is one row of strikemap.vocab, and a new row reaches every reader."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from strikemap import event_rules, vocab
from strikemap.event_rules import event_type_of, targets_of
from strikemap.eventfile import acled_event_type, read_event_file
from strikemap.geoframe import events_to_frame
from strikemap.models import EVENT_TYPES, StrikeEvent
from strikemap.pipeline import extract_events
from strikemap.vocab import Cue, EventType, TargetCategory
from strikemap.webmap.payload import map_payload

CHEMICAL = EventType(
    "chemical_attack", "Chemical attack", "#17becf", airborne=True, rank=5,
    cues=(Cue(r"\bchlorine\b|\bsarin\b|\bchemical\s+(?:weapons?|attacks?)"),),
    acled_sub_events=("chemical weapon",),
    acled_words=r"chlorine|sarin|chemical",
)
BRIDGE = TargetCategory("bridge", "Bridge", Cue(r"\bbridges?\b"))

ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,"
                "latitude,longitude,geo_precision,source,notes,fatalities")
ACLED_ROW = ("SYR9001,2019-05-14,Explosions/Remote violence,Chemical weapon,Military Forces of Syria (2000-),,"
             "Idleb,Kafr Nobol,35.6136,36.5581,1,SOHR,Canisters fell on Kafr Nobol.,0")


def _event(**changes: object) -> StrikeEvent:
    fields: dict[str, object] = {"event_id": "e1", "event_type": "air_strike", "lat": 35.81, "lon": 36.32,
                                 "location": "Jisr ash-Shughur", "place_id": None, "geo_precision": 1}
    return StrikeEvent(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.fixture
def added_rows(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The vocabulary with one more event type (before ``other``, kept last) and one more target."""
    monkeypatch.setattr(vocab, "TYPES", (*vocab.TYPES[:-1], CHEMICAL, vocab.TYPES[-1]))
    monkeypatch.setattr(vocab, "TARGETS", (*vocab.TARGETS, BRIDGE))
    vocab.rebuild()
    yield
    monkeypatch.undo()
    vocab.rebuild()


# --------------------------------------------------------------------------- the rows themselves


def test_every_row_is_complete_and_codes_are_unique() -> None:
    vocab.check(vocab.TYPES, vocab.TARGETS)
    for rows in (vocab.TYPES, vocab.TARGETS):
        codes = [row.code for row in rows]
        assert len(codes) == len(set(codes))
        for row in rows:
            assert re.fullmatch(r"[a-z][a-z_]*", row.code)
            assert row.label and row.label[0].isupper()
    for t in vocab.TYPES:
        assert re.fullmatch(r"#[0-9a-f]{6}", t.color)
        assert t.cues or t.first_cues or t.generic_cues
        for cue in (*t.cues, *t.first_cues, *t.generic_cues):
            assert cue.pattern
    assert len({t.color for t in vocab.TYPES}) == len(vocab.TYPES)
    assert len({t.label for t in vocab.TYPES}) == len(vocab.TYPES)
    assert vocab.TYPES[-1].code == vocab.FALLBACK_TYPE


def test_the_shipped_order_is_the_order_of_outputs() -> None:
    assert EVENT_TYPES == vocab.type_codes() == (
        "air_strike", "shelling", "drone_strike", "missile_strike", "barrel_bomb", "ground_clash", "other")
    assert [code for code, _ in event_rules.TARGET_CUES] == list(vocab.target_codes())
    assert sorted(event_rules.AIR_TYPES) == ["air_strike", "barrel_bomb", "drone_strike", "missile_strike"]
    # Most specific first: ground-planted bombs, barrel, drone, missile, air, shelling, clash, then generic words.
    assert [code for code, _ in event_rules.EVENT_TYPE_CUES] == [
        "other", "barrel_bomb", "drone_strike", "missile_strike", "air_strike", "shelling", "ground_clash", "other"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "shelling"}, "given twice"),
        ({"label": ""}, "no label"),
        ({"color": "red"}, "colour"),
        ({"cues": ()}, "no cues"),
        ({"acled_refines": "napalm"}, "refines"),
        ({"acled_sub_events": ("Chemical weapon",)}, "lower case"),
        ({"cues": (Cue(""),)}, "empty cue pattern"),
        ({"cues": (Cue(r"\bsarin("),)}, "not a regular expression"),
    ],
)
def test_check_refuses_a_bad_row(change: dict[str, object], message: str) -> None:
    row = dataclasses.replace(CHEMICAL, **change)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        vocab.check((*vocab.TYPES, row), vocab.TARGETS)


def test_check_refuses_a_repeated_target_and_a_missing_fallback() -> None:
    with pytest.raises(ValueError, match="given twice"):
        vocab.check(vocab.TYPES, (*vocab.TARGETS, dataclasses.replace(BRIDGE, code="market")))
    with pytest.raises(ValueError, match="'other'"):
        vocab.check(vocab.TYPES[:-1], vocab.TARGETS)


def test_rebuild_refuses_a_bad_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocab, "TYPES", (*vocab.TYPES, vocab.TYPES[0]))
    with pytest.raises(ValueError, match="air_strike"):
        vocab.rebuild()
    monkeypatch.undo()
    vocab.rebuild()


# --------------------------------------------------------------------------- one row reaches every reader


def test_without_the_row_nothing_knows_the_type() -> None:
    assert event_type_of("Chlorine canisters fell on the town") is None
    with pytest.raises(ValueError, match="chemical_attack"):
        _event(event_type="chemical_attack")
    assert targets_of("jets destroyed the bridge") == set()
    assert acled_event_type("Explosions/Remote violence", "Chemical weapon") == "other"


@pytest.mark.usefixtures("added_rows")
def test_a_new_type_is_read_in_sentences() -> None:
    assert event_type_of("Chlorine canisters fell on the town") == "chemical_attack"
    # More specific than the air strike the same sentence names, by its rank.
    assert event_type_of("Regime helicopters dropped chlorine on the town") == "chemical_attack"
    assert event_type_of("Jets bombed the town") == "air_strike"
    assert "chemical_attack" in vocab.airborne_codes()


@pytest.mark.usefixtures("added_rows")
def test_a_new_type_makes_valid_events_and_a_legend_entry() -> None:
    events = extract_events("JISR ASH-SHUGHUR, Syria (AP) — Regime helicopters dropped chlorine on "
                            "Jisr ash-Shughur on Monday, killing two people.", pub_date="2019-05-07")
    assert [e.event_type for e in events] == ["chemical_attack"]
    payload = map_payload(events_to_frame(events))
    index = payload["types"].index("chemical_attack")
    assert payload["labels"][index] == "Chemical attack"
    assert payload["colors"][index] == "#17becf"
    assert payload["present_types"] == [index, payload["types"].index("other")]
    assert payload["rows"][0][2] == index
    assert payload["types"][-1] == "other"


@pytest.mark.usefixtures("added_rows")
def test_a_new_type_is_read_from_an_acled_export(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_HEADER + "\n" + ACLED_ROW + "\n", encoding="utf-8")
    result = read_event_file(path)
    assert result.format == "acled"
    assert [e.event_type for e in result.events] == ["chemical_attack"]
    # Free text names it by its ACLED words, and our own code is taken as it is.
    assert acled_event_type("sarin attack") == "chemical_attack"
    assert acled_event_type("chemical_attack") == "chemical_attack"


@pytest.mark.usefixtures("added_rows")
def test_a_new_target_is_read_and_shown() -> None:
    assert targets_of("Jets destroyed the bridge over the Orontes") == {"bridge"}
    assert targets_of("Jets destroyed the bridge and a bakery") == {"bridge", "bakery"}
    events = extract_events("JISR ASH-SHUGHUR, Syria (AP) — Russian jets destroyed the main bridge in "
                            "Jisr ash-Shughur on Monday.", pub_date="2019-05-07")
    assert [e.targets for e in events] == [("bridge",)]
    payload = map_payload(events_to_frame(events))
    assert [payload["strings"][i] for i in payload["rows"][0][10]] == ["bridge"]
    assert "bridge" in vocab.target_codes()


def test_after_the_fixture_the_shipped_vocabulary_is_back() -> None:
    assert vocab.type_codes() == EVENT_TYPES
    assert "bridge" not in vocab.target_codes()
    assert event_type_of("Chlorine canisters fell on the town") is None


def test_the_events_help_names_every_type_from_the_vocabulary() -> None:
    from typer.testing import CliRunner

    from strikemap.cli.root import app

    shown = " ".join(CliRunner().invoke(app, ["events", "--help"]).stdout.split())
    assert f"a type ({', '.join(vocab.type_codes())})" in shown
