"""The Arabic golden reports (tests/arabic) and the readings the tests compare with them."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from strikemap.arabic.cues import actors_ar, event_type_ar, targets_ar
from strikemap.arabic.dates import find_date_ar
from strikemap.arabic.fold import name_candidates
from strikemap.arabic.mentions import find_arabic_names
from strikemap.arabic.numbers import fatalities_injured_ar
from strikemap.gazetteer.lookup import Gazetteer

HERE = Path(__file__).parent
REPORTS = HERE / "reports"


@cache
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    return data


def reports() -> list[dict[str, Any]]:
    return list(expected()["reports"])


def text_of(slug: str, lang: str = "ar") -> str:
    return (REPORTS / f"{slug}.{lang}.txt").read_text(encoding="utf-8")


def reading(report: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """What the Arabic readers make of one expected event's clause, in its report (see test_arabic)."""
    text = text_of(report["slug"])
    clause = event["clause_ar"]
    pub = dt.date.fromisoformat(report["published"])
    etype = event_type_ar(clause, generic=False) or event_type_ar(text, generic=False) or event_type_ar(text)
    actor = actors_ar(clause, etype)[0] or actors_ar(text, etype)[0]
    fatalities, injured = fatalities_injured_ar(clause)
    says, day = find_date_ar(clause, pub)
    if not says:
        dated = [find_date_ar(line, pub) for line in text.replace("،", "\n").replace(".", "\n").splitlines()]
        says, day = next((d for d in dated if d[0]), (True, pub))
    return {"event_type": etype, "actor1": actor, "fatalities": fatalities, "injured": injured,
            "targets": sorted(targets_ar(clause)), "event_date": day.isoformat() if day else None}


def find_place(phrase: str, gazetteer: Gazetteer) -> str | None:
    """The place_id the clitic stemmer and the gazetteer's exact/variant lookup give an Arabic phrase."""
    for candidate in name_candidates(phrase):
        if gazetteer.knows(candidate):
            matches = gazetteer.lookup(candidate, limit=1, fuzzy=False)
            if matches:
                return matches[0].place.place_id
    return None


def scan_places(text: str, gazetteer: Gazetteer) -> dict[str, str]:
    """{place_id: the words} of every Arabic name ``arabic_mentions.find_arabic_names`` finds in ``text``."""
    found: dict[str, str] = {}
    for start, end, name in find_arabic_names(text, gazetteer.knows):
        matches = gazetteer.lookup(name, limit=1, fuzzy=False)
        if matches:
            found.setdefault(matches[0].place.place_id, text[start:end])
    return found
