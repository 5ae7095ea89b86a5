"""Arabic reports through the whole pipeline: events compared field by field with the goldens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikemap.gazetteer import Gazetteer
from strikemap.pipeline import extract_events, geocode_article
from tests.arabic.golden import reports, text_of

FIELDS = ("event_type", "actor1", "fatalities", "injured", "targets", "event_date", "geo_precision")


def events_of(report: dict[str, Any], lang: str = "ar", gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    events = extract_events(text_of(report["slug"], lang), source=f"{report['slug']}.{lang}.txt",
                            pub_date=dt.date.fromisoformat(report["published"]), gazetteer=gazetteer)
    return {e.place_id: e for e in events}


def compare(report: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    want = {e["place_id"]: e for e in report["events"]}
    for pid in sorted(set(want) - set(got)):
        problems.append(f"missed {want[pid]['name_en']} ({pid})")
    for pid in sorted(set(got) - set(want)):
        problems.append(f"extra event at {got[pid].location} ({pid})")
    for pid in sorted(set(want) & set(got)):
        e = got[pid].to_dict()
        e["targets"] = sorted(e["targets"])
        for f in FIELDS:
            expected = sorted(want[pid][f]) if f == "targets" else want[pid][f]
            if e[f] != expected:
                problems.append(f"{want[pid]['name_en']}: {f} {e[f]!r}, expected {expected!r}")
    return problems


REPORTS = reports()


@pytest.mark.parametrize("report", REPORTS, ids=[r["slug"] for r in REPORTS])
def test_arabic_report_gives_its_golden_events(report: dict[str, Any]) -> None:
    got = events_of(report)
    assert compare(report, got) == []
    for e in got.values():
        assert e.language == "ar"
        assert e.location_ar and any("\u0600" <= ch <= "\u06ff" for ch in e.location_ar)
        assert any("\u0600" <= ch <= "\u06ff" for ch in e.evidence)


def test_arabic_struck_places_are_event_mentions_and_containers_are_not() -> None:
    report = next(r for r in REPORTS if r["slug"].startswith("02-"))
    result = geocode_article(text_of(report["slug"]), source="02.ar.txt")
    roles = {m.text: m.role for m in result.mentions}
    assert result.language == "ar"
    assert roles.get("الهبيط") == "event"
    assert all(role != "event" for text, role in roles.items() if "ريف" in text or text == "إدلب")


PIECES = [*"ابتثجحخدذرزسشصضطظعغفقكلمنهوي ةءآأإؤئى٠١٢٣٤٥٦٧٨٩ .،\n",
          "قصف ", "غارة ", "كفرنبل ", "استشهد ", "بريف إدلب ", "Kafr Nabl ", "شباط "]
arabic_text = st.text(st.sampled_from(PIECES), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arabic_text)
def test_arabic_and_mixed_text_never_raises(text: str) -> None:
    for event in extract_events(text, source="h.txt", pub_date="2020-02-10"):
        assert event.language in ("ar", "en", "mixed")
