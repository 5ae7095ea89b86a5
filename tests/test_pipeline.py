"""The pipeline on the founding report (read from ../shared/seed) and on small texts."""

from __future__ import annotations

import datetime as dt

import pytest

from strikemap.api import events_of_reports
from strikemap.errors import InputError
from strikemap.pipeline import (
    extract_events,
    geocode_article,
    iter_results,
    run_document,
)

NOT_HERE = ("Amman", "Moscow", "Ankara", "Tehran", "Astana", "Damascus")


@pytest.fixture(scope="module")
def seed_events(seed_text: str) -> list:  # type: ignore[type-arg]
    return extract_events(seed_text, source="seed")


def test_seed_roles(seed_text: str) -> None:
    mentions = geocode_article(seed_text).mentions
    role = {m.text: m.role for m in mentions}
    assert role["AMMAN"] == "dateline"
    assert role["Moscow"] == role["Ankara"] == role["Tehran"] == "actor"
    assert role["Jisr Al-Shqour"] == role["Jabal Al-Zawya"] == role["southern Idlib"] == "event"
    assert role["Turkey"] == "other"
    assert not any(m.text.startswith("Salem") for m in mentions)
    assert not any(m.text == "Numan" for m in mentions)
    for m in mentions:
        if m.place and m.place.name in NOT_HERE:
            assert m.role != "event", m


def test_seed_air_strike_places(seed_events: list) -> None:  # type: ignore[type-arg]
    air = {e.location: e for e in seed_events if e.event_type == "air_strike"}
    assert set(air) == {"Jisr ash-Shughur", "Jabal al-Zawiya", "southern Idlib countryside"}
    assert air["southern Idlib countryside"].geo_precision == 3
    assert air["Jisr ash-Shughur"].geo_precision == 1


def test_seed_northern_hama_is_no_strike(seed_events: list) -> None:  # type: ignore[type-arg]
    hama = [e for e in seed_events if "Hama" in e.location]
    assert all(e.event_type == "ground_clash" for e in hama)


def test_seed_fatalities_counted_once(seed_events: list) -> None:  # type: ignore[type-arg]
    assert sum(e.fatalities or 0 for e in seed_events) in (150, 152)
    assert sum(1 for e in seed_events if e.fatalities) == 1


def test_seed_actors_and_targets(seed_events: list) -> None:  # type: ignore[type-arg]
    for e in seed_events:
        if e.event_type == "air_strike":
            assert {e.actor1, e.actor2} == {"Military Forces of Russia", "Military Forces of Syria"}
    by_place = {e.location: e for e in seed_events}
    assert {"hospital", "civil_defence", "power", "camp"} <= set(by_place["southern Idlib countryside"].targets)
    assert by_place["southern Idlib countryside"].fatalities in (150, 152)
    assert all(not e.targets for e in seed_events if e.event_type == "ground_clash")


def test_seed_nothing_placed_abroad_or_in_damascus(seed_events: list) -> None:  # type: ignore[type-arg]
    assert not any(e.location in NOT_HERE for e in seed_events)
    assert all(e.admin1 in ("Idlib", "Hama") for e in seed_events)


def test_seed_date_from_option(seed_text: str) -> None:
    dated = extract_events(seed_text, pub_date="2019-05-09")
    assert {e.event_date for e in dated} <= {"2019-05-09", None}
    assert all(e.event_date is None for e in extract_events(seed_text))


def test_bad_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        extract_events("Jets struck Ariha.", pub_date="9 May")


def test_no_strikes_no_events() -> None:
    text = "MOSCOW: Russia announced a ceasefire in Idlib, and Ankara welcomed it."
    assert extract_events(text) == []


def test_run_document_and_order_kept() -> None:
    docs = [("a", "Russian jets struck Ariha on Monday."), ("b", "Artillery shelled Saraqib."), ("c", "Calm.")]
    results = list(iter_results(docs, pub_date=dt.date(2019, 5, 7)))
    assert [r.source for r in results] == ["a", "b", "c"]
    assert [len(r.events) for r in results] == [1, 1, 0]
    assert results[0].events[0].event_date == "2019-05-06"
    assert run_document(docs[0], pub_date=dt.date(2019, 5, 7)).events == results[0].events


def test_jobs_give_the_same_results_in_order() -> None:
    docs = [(f"d{i}", f"Russian jets struck Ariha on Monday, killing {i + 1} people.") for i in range(4)]
    serial = events_of_reports(docs, pub_date="2019-05-07", merge=False).events
    parallel = events_of_reports(docs, pub_date="2019-05-07", merge=False, jobs=2).events
    assert serial == parallel
    merged = events_of_reports(docs, pub_date="2019-05-07").events
    assert len(merged) == 1 and merged[0].sources == ("d0", "d1", "d2", "d3")
    assert merged[0].fatalities == 2  # lower median of 1, 2, 3, 4
