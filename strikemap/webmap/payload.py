"""The data of a map page: events, boundaries and places as one JSON-ready table of escaped strings.

Everything a map shows that came from outside the program (places, actors, evidence, sources,
targets, dates, boundary names, the title) is escaped here with :func:`esc` and stored once in a
table of strings; events refer to entries by index. :mod:`strikemap.webmap.page` joins this table into the
page *after* the page's templates were rendered (as a ``<script type="application/json">``), and the
browser code only concatenates the escaped strings with fixed markup. So report text reaches neither a
template engine nor the DOM as markup.

No folium here: this module reads a GeoDataFrame and returns plain Python values.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..sanitize import clean_text
from ..vocab import FALLBACK_TYPE, event_types, type_codes

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEFAULT_BOUNDS",
    "esc",
    "frame_summary",
    "map_payload",
    "script_json",
    "source_html",
]

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

_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


@functools.lru_cache(maxsize=65536)
def _esc_str(text: str) -> str:
    return html.escape(text, quote=True).translate(_ESCAPES)


def esc(text: object) -> str:
    """Escape untrusted text for HTML, and for HTML inside a JavaScript template literal.

    Parameters
    ----------
    text
        Any value; it is turned into a string first.

    Returns
    -------
    str
        ``html.escape(text, quote=True)`` with the backtick, ``$`` and backslash also as entities.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> esc("${alert(1)}")
    '&#36;{alert(1)}'
    """
    return _esc_str(str(text))


def _is_http_url(text: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@functools.lru_cache(maxsize=65536)
def source_html(source: str) -> str:
    """One source as safe HTML: a link when it is an http(s) URL, plain escaped text otherwise.

    Examples
    --------
    >>> source_html("javascript:alert(1)")
    '<span class="sm-source">javascript:alert(1)</span>'
    """
    text = source.strip()
    if _is_http_url(text):
        return f'<a href="{esc(text)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return f'<span class="sm-source">{esc(text)}</span>'


def script_json(data: Any) -> str:
    """JSON that is safe as the content of a ``<script>`` element (no ``<``, ``>`` or line separators).

    Examples
    --------
    >>> script_json({"a": "</script><b>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --------------------------------------------------------------------------- reading frame values


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):  # numpy floats too
        return math.isnan(value)
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def _text(value: Any) -> str | None:
    if _is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _count(value: Any) -> int | None:
    if _is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if math.isnan(number) or math.isinf(number) or number < 0:
        return None
    return int(number)


def _texts(value: Any) -> list[str]:
    """A list column that may come as a list, an array, a JSON list string or 'a; b' text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                loaded = json.loads(stripped)
            except (ValueError, RecursionError):
                loaded = None
            if isinstance(loaded, list):
                return [t for t in (_text(v) for v in loaded) if t]
        return [t for t in (p.strip() for p in re.split(r"[;|]", stripped)) if t]
    if isinstance(value, Iterable):
        return [t for t in (_text(v) for v in value) if t]
    text = _text(value)
    return [text] if text else []


def _date(value: Any) -> tuple[str | None, int | None]:
    """Display text and day number (for the date filter) of a date value."""
    if _is_missing(value):
        return None, None
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat(), day.toordinal()
    text = str(value).strip()
    if not text:
        return None, None
    match = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if match:
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            return text, None
        return (match[0] if match[3] else text), day.toordinal()
    return text, None


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


class _Event:
    __slots__ = ("actors", "admin", "date", "day", "evidence", "fatalities", "injured", "lat", "location",
                 "location_ar", "lon", "sources", "targets", "type")

    def __init__(self, row: Mapping[str, Any], lat: float, lon: float) -> None:
        self.lat = lat
        self.lon = lon
        etype = _text(row.get("event_type")) or FALLBACK_TYPE
        self.type = etype if etype in type_codes() else FALLBACK_TYPE
        self.date, self.day = _date(row.get("event_date"))
        self.actors = [a for a in (_text(row.get("actor1")), _text(row.get("actor2"))) if a]
        self.fatalities = _count(row.get("fatalities"))
        self.injured = _count(row.get("injured"))
        self.targets = _texts(row.get("targets"))
        self.location = _text(row.get("location")) or "(unnamed place)"
        self.location_ar = _text(row.get("location_ar"))
        admin = [_text(row.get(k)) for k in ("admin3", "admin2", "admin1")]
        self.admin = ", ".join(dict.fromkeys(a for a in admin if a and a != self.location))
        self.evidence = _text(row.get("evidence")) or ""
        sources = _texts(row.get("sources"))
        single = _text(row.get("source"))
        self.sources = sources or ([single] if single else [])


def _numeric(series: Any) -> Any:
    import pandas as pd

    return pd.to_numeric(series, errors="coerce")


def _events(frame: gpd.GeoDataFrame) -> tuple[list[_Event], int]:
    """Events with usable coordinates, and how many rows had none."""
    if getattr(frame, "crs", None) is not None and frame.crs.to_epsg() not in (4326, None):
        frame = frame.to_crs(4326)
    import numpy as np
    import shapely

    n = len(frame)
    columns = ("event_type", "event_date", "actor1", "actor2", "fatalities", "injured", "targets", "location",
               "location_ar", "admin1", "admin2", "admin3", "evidence", "sources", "source")
    values = {c: frame[c].tolist() if c in frame.columns else [None] * n for c in columns}
    lats = np.full(n, np.nan)
    lons = np.full(n, np.nan)
    if "geometry" in frame.columns:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        points = np.array([g is not None and shapely.get_type_id(g) == 0 for g in geoms], dtype=bool)
        if points.any():
            lons[points] = shapely.get_x(geoms[points].astype(object))
            lats[points] = shapely.get_y(geoms[points].astype(object))
    for name, target in (("latitude", lats), ("longitude", lons)):
        if name in frame.columns:
            fallback = np.asarray(_numeric(frame[name]), dtype=float)
            target[np.isnan(target)] = fallback[np.isnan(target)]
    ok = np.isfinite(lats) & np.isfinite(lons) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180)
    events = [
        _Event({c: values[c][i] for c in columns}, float(lats[i]), float(lons[i])) for i in np.flatnonzero(ok)
    ]
    return events, int(n - ok.sum())


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
            name = _text(b.get("name")) or _text(b.get("boundary")) or ""
            name_ar = _text(b.get("name_ar"))
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
    events, skipped = _events(frame)
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
    events, skipped = _events(frame)
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
