"""The data of a map page: events, boundaries and places as one JSON-ready table of escaped strings.

Everything a map shows that came from outside the program (places, actors, evidence, sources,
targets, dates, boundary names, the title) is escaped here (:mod:`strikemap.webmap.escape`) and stored once
in a table of strings; events refer to entries by index. :mod:`strikemap.webmap.page` joins this table into the
page *after* the page's templates were rendered (as a ``<script type="application/json">``), and the
browser code only concatenates the escaped strings with fixed markup. So report text reaches neither a
template engine nor the DOM as markup.

No folium here: this module reads a GeoDataFrame and returns plain Python values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..sanitize import clean_text
from ..vocab import FALLBACK_TYPE, event_types
from .escape import esc, source_html
from .points import display_text, map_events

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["DEFAULT_BOUNDS", "frame_summary", "map_payload"]

# Idlib and northern Hama: the view when there is nothing to fit.
DEFAULT_BOUNDS = ((35.0, 35.9), (36.6, 37.2))

LEVEL_NAMES = {1: "Governorates", 2: "Districts", 3: "Sub-districts"}
LEVEL_STYLES: dict[int, dict[str, Any]] = {
    1: {"color": "#333", "weight": 2.5},
    2: {"color": "#555", "weight": 1.5, "dashArray": "6 4"},
    3: {"color": "#888", "weight": 0.8, "dashArray": "2 3"},
}
MAX_ACTOR_GROUPS = 15
NO_ACTOR = "(actor not reported)"
OTHER_ACTORS = "(other actors)"
HEAT_LAYER_NAME = "Heat map"

# Day numbers in the browser are days since 1970-01-01; Python ordinals count from year 1.
_EPOCH = dt.date(1970, 1, 1).toordinal()


class _Strings:
    """A table of safe HTML strings; events refer to entries by index, so repeats cost nothing."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, safe_html: str) -> int:
        index = self._index.get(safe_html)
        if index is None:
            index = self._index[safe_html] = len(self.items)
            self.items.append(safe_html)
        return index


# --------------------------------------------------------------------------- the payload


def _heat_weight(fatalities: int | None) -> float:
    return round(min(1.0, 0.4 + 0.06 * (fatalities or 0)), 2)


def _size_legend() -> str:
    sizes = "".join(f'<span class="sm-size" style="width:{2 * r:.0f}px;height:{2 * r:.0f}px"></span>{n}'
                    for n, r in ((0, 4), (10, 4 + 2.2 * math.sqrt(10)), (50, 4 + 2.2 * math.sqrt(50))))
    return f"Size = fatalities: {sizes}"


def _boundaries(boundaries: Iterable[Mapping[str, Any]], strings: _Strings) -> list[dict[str, Any]]:
    from shapely.geometry import shape

    by_level: dict[int, list[Mapping[str, Any]]] = {}
    for b in boundaries:
        level = b.get("level")
        if isinstance(level, int) and not isinstance(level, bool) and b.get("geometry"):
            by_level.setdefault(level, []).append(b)
    out = []
    for level in sorted(by_level):
        features, labels = [], []
        for b in by_level[level]:
            name = display_text(b.get("name")) or display_text(b.get("boundary")) or ""
            name_ar = display_text(b.get("name_ar"))
            label = esc(name) + (f" / {esc(name_ar)}" if name_ar else "")
            features.append({"type": "Feature", "geometry": b["geometry"],
                             "properties": {"label": strings.add(label)}})
            if level <= 2 and name:
                try:
                    point = shape(b["geometry"]).representative_point()
                except (ValueError, TypeError, AttributeError, KeyError):
                    continue
                labels.append([round(point.y, 5), round(point.x, 5), strings.add(esc(name))])
        style = {"fill": True, "fillOpacity": 0.0, **LEVEL_STYLES.get(level, LEVEL_STYLES[3])}
        out.append({"level": level, "name": LEVEL_NAMES.get(level, f"Admin level {level}"), "show": level <= 2,
                    "style": style, "features": {"type": "FeatureCollection", "features": features},
                    "labels": labels})
    return out


def map_payload(
    frame: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    boundaries: Iterable[Mapping[str, Any]] = (),
    tiles: Mapping[str, Any] | None = None,
    heat: bool = True,
    large: int = 2000,
    notes: Iterable[str] = (),
) -> dict[str, Any]:
    """Everything the map page's browser code needs, as plain JSON-ready values.

    Parameters
    ----------
    frame
        Events (see :func:`strikemap.webmap.page.build_map`).
    title, boundaries, heat, large
        As for :func:`strikemap.webmap.page.build_map`.
    tiles
        ``{"url", "attribution", "max_zoom"}`` of the basemap, or None for none.
    notes
        Lines added to the summary (plain text; escaped here), e.g. how many duplicates were dropped.

    Returns
    -------
    dict
        Every string in it that came from outside the program is HTML-escaped.
    """
    events, skipped = map_events(frame)
    strings = _Strings()
    actor_counts = Counter(a for e in events for a in (e.actors or [NO_ACTOR]))
    named = [a for a, _ in actor_counts.most_common() if a != NO_ACTOR][:MAX_ACTOR_GROUPS]
    actor_keys = named + ([OTHER_ACTORS] if len(actor_counts) - (NO_ACTOR in actor_counts) > len(named) else [])
    actor_keys += [NO_ACTOR] if NO_ACTOR in actor_counts else []
    actor_index = {a: i for i, a in enumerate(actor_keys)}
    types = event_types()
    type_index = {t.code: i for i, t in enumerate(types)}

    # A row per event (webmap.js reads them by position): lat, lon, type, day, fatalities, injured,
    # location, admin, evidence, actors, targets, sources, date text, actor groups, heat weight, Arabic name.
    rows = []
    for e in events:
        groups = sorted({actor_index.get(a, actor_index.get(OTHER_ACTORS, 0)) for a in (e.actors or [NO_ACTOR])})
        rows.append([
            round(e.lat, 5), round(e.lon, 5), type_index[e.type],
            e.day - _EPOCH if e.day is not None else None, e.fatalities, e.injured,
            strings.add(esc(e.location)), strings.add(esc(e.admin)) if e.admin else None,
            strings.add(esc(e.evidence)) if e.evidence else None,
            [strings.add(esc(a)) for a in e.actors], [strings.add(esc(t)) for t in e.targets],
            [strings.add(source_html(s)) for s in e.sources],
            strings.add(esc(e.date)) if e.date else None, groups, _heat_weight(e.fatalities),
            strings.add(esc(e.location_ar)) if e.location_ar and e.location_ar != e.location else None,
        ])
    actor_totals = [
        actor_counts[a] if a != OTHER_ACTORS else sum(n for k, n in actor_counts.items() if k not in actor_index)
        for a in actor_keys
    ]

    places: dict[str, tuple[float, float]] = {}
    for e in events:
        label = esc(e.location) + (f" ({esc(e.admin)})" if e.admin else "")
        places.setdefault(label, (e.lat, e.lon))

    if events:
        pad = 0.05
        bounds = [[min(e.lat for e in events) - pad, min(e.lon for e in events) - pad],
                  [max(e.lat for e in events) + pad, max(e.lon for e in events) + pad]]
    else:
        bounds = [list(DEFAULT_BOUNDS[0]), list(DEFAULT_BOUNDS[1])]
    days = [e.day for e in events if e.day is not None]
    type_counts = Counter(e.type for e in events)
    present = [i for i, t in enumerate(types) if type_counts[t.code] or t.code == FALLBACK_TYPE]
    return {
        "bounds": bounds,
        "strings": strings.items,
        "rows": rows,
        "types": [t.code for t in types],
        "labels": [t.label for t in types],
        "colors": [t.color for t in types],
        "present_types": present,
        "actors": [esc(a) for a in actor_keys],
        "actor_counts": actor_totals,
        "large": len(events) > large,
        "dated": bool(days),
        "first": dt.date.fromordinal(min(days)).isoformat() if days else None,
        "last": dt.date.fromordinal(max(days)).isoformat() if days else None,
        "skipped": skipped,
        "notes": "".join(f"<div>{esc(n)}</div>" for n in notes),
        "size_legend": _size_legend(),
        "title": esc(clean_text(title)) if title else None,
        "tiles": dict(tiles) if tiles else None,
        "heat": HEAT_LAYER_NAME if heat else None,
        "boundaries": _boundaries(boundaries, strings),
        "places": [[round(lat, 5), round(lon, 5), strings.add(label)] for label, (lat, lon) in places.items()],
    }


def frame_summary(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """Counts by type, total fatalities and date range of a frame (what the summary box shows)."""
    events, skipped = map_events(frame)
    known = [e.fatalities for e in events if e.fatalities is not None]
    dates = sorted(e.date for e in events if e.day is not None and e.date)
    return {
        "events": len(events),
        "not_mapped": skipped,
        "by_type": dict(Counter(e.type for e in events)),
        "fatalities": sum(known),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
    }
