"""The focus region: where the analyst's strikes are. Events elsewhere are kept, and flagged in ``notes``.

A report about Idlib may also tell of a strike in Deir ez-Zor or of a car bomb in Damascus. Those events are
real and stay in the output, but a map of north-west Syria should not mix them in unnoticed: each event
outside the focus region carries the note ``outside the focus region (<label>)``, which a GIS filter, a
spreadsheet or the map's popups show.

=====================  ===========================================================================
``north-west-syria``   the default: the governorates of Idlib, Aleppo, Hama and Latakia
``syria``              anywhere in Syria (events abroad are flagged)
``none``               no flag
=====================  ===========================================================================
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import InputError
from .models import StrikeEvent

__all__ = ["DEFAULT_FOCUS", "FOCUS_REGIONS", "FocusRegion", "flag_outside", "focus_region"]


@dataclass(frozen=True, slots=True)
class FocusRegion:
    """A named region: the governorates (``admin1``) it holds, or all of Syria when None."""

    key: str
    label: str
    admin1: frozenset[str] | None = None

    def holds(self, event: StrikeEvent) -> bool:
        """Whether the event lies in the region (by its governorate; an event abroad has none)."""
        if event.admin1 is None:
            return False
        return self.admin1 is None or event.admin1 in self.admin1


FOCUS_REGIONS: dict[str, FocusRegion | None] = {
    "north-west-syria": FocusRegion("north-west-syria", "north-west Syria",
                                    frozenset({"Idlib", "Aleppo", "Hama", "Latakia"})),
    "syria": FocusRegion("syria", "Syria"),
    "none": None,
}
DEFAULT_FOCUS = "north-west-syria"


def focus_region(key: str | FocusRegion | None) -> FocusRegion | None:
    """The region a ``--focus`` value names; ``InputError`` for an unknown one."""
    if key is None or isinstance(key, FocusRegion):
        return key
    if key not in FOCUS_REGIONS:
        raise InputError(f"--focus {key!r}: use one of {', '.join(FOCUS_REGIONS)}")
    return FOCUS_REGIONS[key]


def flag_outside(events: Iterable[StrikeEvent], focus: str | FocusRegion | None = DEFAULT_FOCUS) -> list[StrikeEvent]:
    """The events, those outside ``focus`` with a note saying so (nothing dropped, order kept).

    >>> from strikemap.models import StrikeEvent
    >>> damascus = StrikeEvent(event_id="x", event_type="other", lat=33.51, lon=36.29, location="Damascus",
    ...                        place_id=None, geo_precision=1, admin1="Damascus")
    >>> flag_outside([damascus])[0].notes
    'outside the focus region (north-west Syria)'
    """
    region = focus_region(focus)
    if region is None:
        return list(events)
    note = f"outside the focus region ({region.label})"
    out = []
    for event in events:
        if not region.holds(event) and note not in event.notes:
            event = dataclasses.replace(event, notes="; ".join(filter(None, [event.notes, note])))
        out.append(event)
    return out
