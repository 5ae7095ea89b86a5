"""ACLED exports: their event types onto ours (through the ACLED wording of each ``strikemap.vocab`` row),
their columns onto our fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..values import split_list
from ..vocab import FALLBACK_TYPE, derived, event_types, type_codes

__all__ = ["ACLED_ID_COLUMNS", "ACLED_MARKERS", "acled_event_type", "acled_fields"]

ACLED_MARKERS = frozenset({"event_id_cnty", "sub_event_type", "event_id_no_cnty", "iso3", "inter1"})
ACLED_ID_COLUMNS = ("event_id_cnty", "event_id_no_cnty", "data_id", "event_id")


@derived
def _acled_words() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    """``(code, refines, words)`` of the types with ACLED words, most specific first (by rank)."""
    types = sorted(event_types(), key=lambda t: t.rank)
    return tuple((t.code, t.acled_refines, re.compile(t.acled_words)) for t in types if t.acled_words is not None)


@derived
def _acled_sub_events() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(code, words)``: an ACLED sub-event type holding one of the words is that type (first row first)."""
    return tuple((t.code, t.acled_sub_events) for t in event_types() if t.acled_sub_events)


@derived
def _acled_event_types() -> dict[str, str]:
    """Our type for each ACLED event type that names one when its sub-event type does not."""
    return {name: t.code for t in event_types() for name in t.acled_event_types}


def _type_from_words(text: str) -> str | None:
    return next((code for code, _, words in _acled_words() if words.search(text)), None)


def acled_event_type(event_type: str | None, sub_event_type: str | None = None, notes: str | None = None) -> str:
    """Our ``event_type`` for an ACLED ``event_type``/``sub_event_type`` pair, refined by the ACLED notes.

    ``Air/drone strike`` is ``air_strike``, or ``drone_strike`` / ``barrel_bomb`` when the notes say so;
    ``Shelling/artillery/missile attack`` is ``shelling``, or ``missile_strike`` when the notes speak of
    a missile; ``Armed clash`` and the territory sub-types (and ``Battles``) are ``ground_clash``;
    anything else ``other``. Free text such as ``"Air strike"`` maps by its words.

    Examples
    --------
    >>> acled_event_type("Explosions/Remote violence", "Air/drone strike", "Russian drone struck Sarmin")
    'drone_strike'
    >>> acled_event_type("Battles", "Armed clash")
    'ground_clash'
    """
    sub = (sub_event_type or "").strip().lower()
    main = (event_type or "").strip().lower()
    words = (notes or "").lower()
    if main in type_codes() and not sub:
        return main
    for code, sub_events in _acled_sub_events():
        if any(word in sub for word in sub_events):
            # a more precise type the notes name ("Air/drone strike" whose notes speak of a barrel bomb)
            refined = (kind for kind, refines, pattern in _acled_words() if refines == code and pattern.search(words))
            return next(refined, code)
    if main in _acled_event_types():
        return _acled_event_types()[main]
    if sub:
        return FALLBACK_TYPE
    return _type_from_words(main) or FALLBACK_TYPE


def acled_fields(row: Mapping[str, str]) -> dict[str, Any]:
    """An ACLED CSV record (keys lower-cased) as our field names, for :class:`~strikemap.eventfile.rows.RowReader`."""
    notes_text = row.get("notes") or ""
    main, sub = row.get("event_type") or "", row.get("sub_event_type") or ""
    original = " / ".join(t for t in (main, sub) if t)
    source = row.get("source") or ""
    out: dict[str, Any] = {
        "event_id": next((row[k] for k in ACLED_ID_COLUMNS if row.get(k)), None),
        "event_date": row.get("event_date"),
        "event_type": acled_event_type(main, sub, notes_text),
        "evidence": notes_text,
        "source": source,
        "sources": split_list(source),
        "notes": f"ACLED {original}" if original else "",
    }
    for name in ("actor1", "actor2", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "fatalities"):
        out[name] = row.get(name)
    return out
